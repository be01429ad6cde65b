//! [`Request`]: what one generated method asks for, serialised as it is built; the client sends it.

use bytes::Bytes;
use reqwest::Method;
use serde::Serialize;

use super::model::{Body, Files};
use super::pagination::Pager;
use super::serialize::{
    self, PLAIN, Tree, URL, cookie_text, header_text, percent, to_tree, wire_value,
};

/// How a parameter or a form or multipart property travels (docs/serialization.md); the generated code gives
/// one only where it differs from what the runtime assumes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoding {
    /// simple, label, matrix, form, spaceDelimited, pipeDelimited or deepObject.
    pub style: &'static str,
    /// OpenAPI's `explode`.
    pub explode: bool,
    /// Query and form values keep RFC 3986's reserved characters.
    pub allow_reserved: bool,
    /// How deepObject writes arrays: indexed (default), brackets or repeat.
    pub nesting: &'static str,
    /// A parameter sent as this media type (JSON: its compact JSON); a multipart part's content type.
    pub content_type: &'static str,
}

impl Encoding {
    /// The style, not exploded, arrays indexed, no content type.
    pub const fn new(style: &'static str) -> Self {
        Self {
            style,
            explode: false,
            allow_reserved: false,
            nesting: "indexed",
            content_type: "",
        }
    }

    /// Exploded.
    pub const fn explode(mut self) -> Self {
        self.explode = true;
        self
    }

    /// Reserved characters kept.
    pub const fn allow_reserved(mut self) -> Self {
        self.allow_reserved = true;
        self
    }

    /// How deepObject writes arrays.
    pub const fn nesting(mut self, nesting: &'static str) -> Self {
        self.nesting = nesting;
        self
    }

    /// Sent as this media type.
    pub const fn content_type(mut self, content_type: &'static str) -> Self {
        self.content_type = content_type;
        self
    }
}

const SIMPLE: Encoding = Encoding::new("simple");
const FORM: Encoding = Encoding::new("form").explode();

/// One query parameter: its name and its pairs, percent-encoded as sent (none when absent).
#[derive(Clone, Debug, PartialEq)]
struct QueryParam {
    name: String,
    pairs: Vec<(String, String)>,
}

/// A request's query parameters in the order they are sent: a query string written in the path, the
/// operation's parameters in their declared order (an absent one keeps its place), then extra ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Query(Vec<QueryParam>);

impl Query {
    /// The first value sent under `name`, decoded.
    pub(crate) fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .flat_map(|param| &param.pairs)
            .find(|(key, _)| unescape(key) == name)
            .map(|(_, value)| unescape(value))
    }

    /// Gives the parameter `name` these pairs in its place (at the end when new); later ones of the same name
    /// are dropped.
    fn set(&mut self, name: &str, pairs: Vec<(String, String)>) {
        let mut pairs = Some(pairs);
        let mut out = Vec::with_capacity(self.0.len() + 1);
        for param in self.0.drain(..) {
            if param.name != name {
                out.push(param);
            } else if let Some(pairs) = pairs.take() {
                out.push(QueryParam {
                    name: param.name,
                    pairs,
                });
            }
        }
        if let Some(pairs) = pairs {
            out.push(QueryParam {
                name: name.to_owned(),
                pairs,
            });
        }
        self.0 = out;
    }

    /// Sets one decoded value, form style.
    pub(crate) fn set_value(&mut self, name: &str, value: &str) {
        self.set(name, vec![(percent(name, false), percent(value, false))]);
    }

    /// Sets every parameter of `extra`.
    pub(crate) fn extend(&mut self, extra: Query) {
        for param in extra.0 {
            self.set(&param.name, param.pairs);
        }
    }

    /// The query string.
    pub(crate) fn encode(&self) -> String {
        let pairs: Vec<(String, String)> = self
            .0
            .iter()
            .flat_map(|param| param.pairs.iter().cloned())
            .collect();
        serialize::join_pairs(&pairs, "&")
    }

    /// Encoded pairs as parameters, the pairs of one (decoded) name together where it first appears.
    fn grouped(pairs: Vec<(String, String)>) -> Self {
        let mut query = Query::default();
        for (key, value) in pairs {
            let name = unescape(&key);
            match query.0.iter_mut().find(|param| param.name == name) {
                Some(param) => param.pairs.push((key, value)),
                None => query.0.push(QueryParam {
                    name,
                    pairs: vec![(key, value)],
                }),
            }
        }
        query
    }

    /// The caller's extra query parameters, form exploded.
    pub(crate) fn extra(extra: &[(String, String)]) -> Self {
        Self::grouped(
            extra
                .iter()
                .map(|(name, value)| (percent(name, false), percent(value, false)))
                .collect(),
        )
    }

    /// A raw query string's pairs, in their order and as written.
    pub(crate) fn parse(raw: &str) -> Self {
        Self::grouped(
            raw.split('&')
                .filter(|part| !part.is_empty())
                .map(|part| match part.split_once('=') {
                    Some((name, value)) => (name.to_owned(), value.to_owned()),
                    None => (part.to_owned(), String::new()),
                })
                .collect(),
        )
    }
}

/// Decodes `%XX` and `+` (a space) of a query string; the text as it is when it is not valid.
pub(crate) fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => return text.to_owned(),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// One multipart property.
#[derive(Clone, Debug)]
pub(crate) enum Part {
    Field {
        name: String,
        value: Tree,
        enc: Option<Encoding>,
    },
    Files {
        name: String,
        files: Files,
    },
}

/// The body a request sends.
#[derive(Clone, Debug, Default)]
pub(crate) enum Content {
    #[default]
    None,
    Json(Bytes),
    Form(Tree),
    Multipart(Vec<Part>),
    Raw(Bytes, String),
}

/// One call of an operation, built by a generated method: its parameters are serialised as they are added.
/// A value that cannot be serialised is kept as an error the call returns ([`Error::InvalidArgument`]).
///
/// [`Error::InvalidArgument`]: super::Error::InvalidArgument
#[derive(Clone, Debug)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) url: Option<String>,
    pub(crate) query: Query,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) cookies: Vec<String>,
    pub(crate) content: Content,
    pub(crate) encodings: Vec<(String, Encoding)>,
    pub(crate) accept: Option<String>,
    pub(crate) security: Option<&'static [&'static [&'static str]]>,
    pub(crate) idempotent: bool,
    pub(crate) envelope: &'static [&'static str],
    pub(crate) pager: Option<Pager>,
    pub(crate) error: Option<String>,
}

impl Request {
    /// A call of `method` on the path template (`/widgets/{widget_id}`).
    pub fn new(method: Method, path: &'static str) -> Self {
        Self {
            method,
            path: path.to_owned(),
            url: None,
            query: Query::default(),
            headers: Vec::new(),
            cookies: Vec::new(),
            content: Content::None,
            encodings: Vec::new(),
            accept: None,
            security: None,
            idempotent: false,
            envelope: &[],
            pager: None,
            error: None,
        }
    }

    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(message);
        }
    }

    fn tree<T: Serialize + ?Sized>(
        &mut self,
        wire: &str,
        value: &T,
        enc: &Encoding,
    ) -> Option<Tree> {
        match wire_value(value, enc) {
            Ok(tree) => tree,
            Err(e) => {
                self.fail(format!("{wire}: {e}"));
                None
            }
        }
    }

    /// Fills `{wire}` in the path (default style simple); a missing or empty value is refused.
    pub fn path_param(&mut self, wire: &str, value: &impl Serialize, enc: Option<Encoding>) {
        let enc = enc.unwrap_or(SIMPLE);
        let Some(tree) = self.tree(wire, value, &enc) else {
            return self.fail(format!("path parameter {wire} is missing"));
        };
        let text = URL.simple_text(wire, &tree, &enc);
        if text.is_empty() || tree == Tree::String(String::new()) {
            return self.fail(format!("path parameter {wire} must not be empty"));
        }
        self.path = self.path.replace(&format!("{{{wire}}}"), &text);
    }

    /// Adds a query parameter in call order (default form, exploded); an absent one is not sent.
    pub fn query(&mut self, wire: &str, value: &impl Serialize, enc: Option<Encoding>) {
        let enc = enc.unwrap_or(FORM);
        let pairs = self
            .tree(wire, value, &enc)
            .map(|tree| URL.pairs(wire, &tree, &enc))
            .unwrap_or_default();
        self.query.0.push(QueryParam {
            name: wire.to_owned(),
            pairs,
        });
    }

    /// Sets a header parameter unless absent (default simple, never percent-encoded).
    pub fn header(&mut self, wire: &str, value: &impl Serialize, enc: Option<Encoding>) {
        let enc = enc.unwrap_or(SIMPLE);
        if let Some(text) = self
            .tree(wire, value, &enc)
            .and_then(|tree| header_text(wire, &tree, &enc))
        {
            self.headers
                .retain(|(name, _)| !name.eq_ignore_ascii_case(wire));
            self.headers.push((wire.to_owned(), text));
        }
    }

    /// Sends a cookie unless absent (default form, exploded).
    pub fn cookie(&mut self, wire: &str, value: &impl Serialize, enc: Option<Encoding>) {
        let enc = enc.unwrap_or(FORM);
        if let Some(text) = self
            .tree(wire, value, &enc)
            .and_then(|tree| cookie_text(wire, &tree, &enc))
        {
            self.cookies.push(text);
        }
    }

    /// Sends `body` as JSON.
    pub fn json_body(&mut self, body: &impl Serialize) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.content = Content::Json(bytes.into()),
            Err(e) => self.fail(format!("body: {e}")),
        }
    }

    /// Sends `body` as `application/x-www-form-urlencoded`, its properties in their order; nothing to send
    /// sends no body.
    pub fn form_body(&mut self, body: &impl Serialize) {
        match to_tree(body) {
            Ok(tree) => self.content = Content::Form(tree),
            Err(e) => self.fail(format!("body: {e}")),
        }
    }

    /// How a form or multipart property is written when that is not inferred from its value.
    pub fn field_encoding(&mut self, wire: &str, enc: Encoding) {
        self.encodings.push((wire.to_owned(), enc));
    }

    fn part(&mut self, part: Part) {
        match &mut self.content {
            Content::Multipart(parts) => parts.push(part),
            content => *content = Content::Multipart(vec![part]),
        }
    }

    /// Adds a multipart property (an absent one is left out).
    pub fn multipart_field(&mut self, wire: &str, value: &impl Serialize, enc: Option<Encoding>) {
        let tree = self.tree(wire, value, &enc.unwrap_or(FORM));
        let enc = enc.or_else(|| {
            self.encodings
                .iter()
                .find(|(name, _)| name == wire)
                .map(|(_, enc)| *enc)
        });
        if let Some(value) = tree {
            self.part(Part::Field {
                name: wire.to_owned(),
                value,
                enc,
            });
        } else if !matches!(self.content, Content::Multipart(_)) {
            self.content = Content::Multipart(Vec::new());
        }
    }

    /// Adds multipart file parts: a [`File`](super::File), an `Option<File>` or a `Vec<File>`.
    pub fn file_field(&mut self, wire: &str, file: impl Into<Files>) {
        self.part(Part::Files {
            name: wire.to_owned(),
            files: file.into(),
        });
    }

    /// Sends raw bytes with this content type (`""`: `application/octet-stream`).
    pub fn binary_body(&mut self, body: impl Into<Body>, media_type: &str) {
        let media_type = if media_type.is_empty() {
            "application/octet-stream"
        } else {
            media_type
        };
        self.content = Content::Raw(body.into().0, media_type.to_owned());
    }

    /// Sends text with this content type.
    pub fn text_body(&mut self, body: impl Into<String>, media_type: &str) {
        self.binary_body(body.into(), media_type);
    }

    /// The operation's security alternatives; `&[]` makes it public (no credentials sent).
    pub fn security(&mut self, alternatives: &'static [&'static [&'static str]]) {
        self.security = Some(alternatives);
    }

    /// Gives the call an `Idempotency-Key`, the same on every retry.
    pub fn idempotent(&mut self) {
        self.idempotent = true;
    }

    /// The path of the payload inside the response body.
    pub fn envelope(&mut self, path: &'static [&'static str]) {
        self.envelope = path;
    }

    /// The `Accept` header (default `application/json`).
    pub fn accept(&mut self, media_type: &str) {
        self.accept = Some(media_type.to_owned());
    }
}

/// A multipart field's text parts by its encoding's style: `(name, value)` pairs, not percent-encoded.
pub(crate) fn plain_pairs(name: &str, value: &Tree, enc: &Encoding) -> Vec<(String, String)> {
    PLAIN.pairs(name, value, enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_params() {
        let mut r = Request::new(Method::GET, "/w/{id}/f/{name}");
        r.path_param("id", &"a/b", None);
        r.path_param("name", &["x", "y"], Some(Encoding::new("label").explode()));
        assert_eq!(r.path, "/w/a%2Fb/f/.x.y");
        assert_eq!(r.error, None);
        let mut r = Request::new(Method::GET, "/w/{id}");
        r.path_param("id", &"", None);
        assert_eq!(
            r.error.as_deref(),
            Some("path parameter id must not be empty")
        );
        let mut r = Request::new(Method::GET, "/w/{id}");
        r.path_param("id", &Option::<String>::None, None);
        assert_eq!(r.error.as_deref(), Some("path parameter id is missing"));
    }

    #[test]
    fn query_order_and_extras() {
        let mut r = Request::new(Method::GET, "/w");
        r.query("a", &1, None);
        r.query("skip", &Option::<i32>::None, None);
        r.query("b", &["x y", "z"], None);
        r.query("skip", &Option::<i32>::None, None);
        let mut query = Query::parse("beta=true");
        query.extend(r.query.clone());
        assert_eq!(query.encode(), "beta=true&a=1&b=x%20y&b=z");
        query.extend(Query::extra(&[
            ("a".to_owned(), "2".to_owned()),
            ("c".to_owned(), "é".to_owned()),
        ]));
        assert_eq!(query.encode(), "beta=true&a=2&b=x%20y&b=z&c=%C3%A9");
        assert_eq!(query.get("b").as_deref(), Some("x y"));
        assert_eq!(query.get("c").as_deref(), Some("é"));
        query.set_value("skip", "3");
        assert_eq!(query.encode(), "beta=true&a=2&skip=3&b=x%20y&b=z&c=%C3%A9");
    }

    #[test]
    fn headers_cookies_and_errors() {
        let mut r = Request::new(Method::GET, "/w");
        r.header("X-Tags", &["a", "b"], None);
        r.header("X-None", &Option::<String>::None, None);
        r.cookie("c", &"v 1", None);
        r.header("X-Bad", &f64::INFINITY, None);
        assert_eq!(r.headers, [("X-Tags".to_owned(), "a,b".to_owned())]);
        assert_eq!(r.cookies, ["c=v%201"]);
        assert!(r.error.is_some());
    }

    #[test]
    fn unescaping() {
        assert_eq!(unescape("a%20b+c"), "a b c");
        assert_eq!(unescape("bad%zz"), "bad%zz");
        assert_eq!(unescape("%"), "%");
        assert_eq!(unescape("%C3%A9"), "é");
    }
}
