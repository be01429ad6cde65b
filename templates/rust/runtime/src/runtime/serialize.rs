//! How parameters and form bodies go on the wire (docs/serialization.md of the generator): a value becomes a
//! [`Tree`] with its fields in declaration order, then a style writes it.

use std::fmt::{self, Display};

use serde::Serialize;
use serde::ser;

use super::request::Encoding;

/// A value as JSON with its fields in their order; `null` fields and items are left out.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tree {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

/// Why a value could not become a tree.
#[derive(Debug)]
pub(crate) struct TreeError(String);

impl Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TreeError {}

impl ser::Error for TreeError {
    fn custom<T: Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

/// The tree of a value.
pub(crate) fn to_tree<T: Serialize + ?Sized>(value: &T) -> Result<Tree, TreeError> {
    value.serialize(TreeSerializer)
}

fn float(v: f64) -> Result<Tree, TreeError> {
    if v.is_finite() {
        Ok(Tree::Number(v.to_string()))
    } else {
        Err(TreeError(format!("{v} cannot be sent")))
    }
}

struct TreeSerializer;

/// Collects an array's items.
struct SeqBuilder {
    items: Vec<Tree>,
    variant: Option<&'static str>,
}

impl SeqBuilder {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        match to_tree(value)? {
            Tree::Null => {}
            item => self.items.push(item),
        }
        Ok(())
    }

    fn finish(self) -> Tree {
        wrap(self.variant, Tree::Array(self.items))
    }
}

/// Collects an object's fields.
struct MapBuilder {
    fields: Vec<(String, Tree)>,
    key: Option<String>,
    variant: Option<&'static str>,
}

impl MapBuilder {
    fn field<T: Serialize + ?Sized>(&mut self, name: String, value: &T) -> Result<(), TreeError> {
        match to_tree(value)? {
            Tree::Null => {}
            item => self.fields.push((name, item)),
        }
        Ok(())
    }

    fn finish(self) -> Tree {
        wrap(self.variant, Tree::Object(self.fields))
    }
}

fn wrap(variant: Option<&'static str>, tree: Tree) -> Tree {
    match variant {
        Some(name) => Tree::Object(vec![(name.to_owned(), tree)]),
        None => tree,
    }
}

macro_rules! numbers {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<Tree, TreeError> {
            Ok(Tree::Number(v.to_string()))
        })*
    };
}

impl ser::Serializer for TreeSerializer {
    type Ok = Tree;
    type Error = TreeError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = SeqBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = MapBuilder;

    numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);

    fn serialize_bool(self, v: bool) -> Result<Tree, TreeError> {
        Ok(Tree::Bool(v))
    }

    fn serialize_f32(self, v: f32) -> Result<Tree, TreeError> {
        float(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<Tree, TreeError> {
        float(v)
    }

    fn serialize_char(self, v: char) -> Result<Tree, TreeError> {
        Ok(Tree::String(v.to_string()))
    }

    fn serialize_str(self, v: &str) -> Result<Tree, TreeError> {
        Ok(Tree::String(v.to_owned()))
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<Tree, TreeError> {
        Ok(Tree::Array(
            v.iter().map(|b| Tree::Number(b.to_string())).collect(),
        ))
    }

    fn serialize_none(self) -> Result<Tree, TreeError> {
        Ok(Tree::Null)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Tree, TreeError> {
        to_tree(value)
    }

    fn serialize_unit(self) -> Result<Tree, TreeError> {
        Ok(Tree::Null)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Tree, TreeError> {
        Ok(Tree::Null)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Tree, TreeError> {
        Ok(Tree::String(variant.to_owned()))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Tree, TreeError> {
        to_tree(value)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Tree, TreeError> {
        Ok(wrap(Some(variant), to_tree(value)?))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder {
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, TreeError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, TreeError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder {
            items: Vec::with_capacity(len),
            variant: Some(variant),
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<MapBuilder, TreeError> {
        Ok(MapBuilder {
            fields: Vec::new(),
            key: None,
            variant: None,
        })
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<MapBuilder, TreeError> {
        self.serialize_map(None)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<MapBuilder, TreeError> {
        Ok(MapBuilder {
            fields: Vec::new(),
            key: None,
            variant: Some(variant),
        })
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.push(value)
    }

    fn end(self) -> Result<Tree, TreeError> {
        Ok(self.finish())
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.push(value)
    }

    fn end(self) -> Result<Tree, TreeError> {
        Ok(self.finish())
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.push(value)
    }

    fn end(self) -> Result<Tree, TreeError> {
        Ok(self.finish())
    }
}

impl ser::SerializeTupleVariant for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.push(value)
    }

    fn end(self) -> Result<Tree, TreeError> {
        Ok(self.finish())
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Tree;
    type Error = TreeError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TreeError> {
        self.key = Some(key_text(key)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        let key = self.key.take().unwrap_or_default();
        self.field(key, value)
    }

    fn end(self) -> Result<Tree, TreeError> {
        Ok(self.finish())
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Tree;
    type Error = TreeError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TreeError> {
        self.field(key.to_owned(), value)
    }

    fn end(self) -> Result<Tree, TreeError> {
        Ok(self.finish())
    }
}

impl ser::SerializeStructVariant for MapBuilder {
    type Ok = Tree;
    type Error = TreeError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TreeError> {
        self.field(key.to_owned(), value)
    }

    fn end(self) -> Result<Tree, TreeError> {
        Ok(self.finish())
    }
}

/// A map key's text: a string, a number or a boolean, as JSON allows.
fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<String, TreeError> {
    match to_tree(key)? {
        Tree::String(text) | Tree::Number(text) => Ok(text),
        Tree::Bool(b) => Ok(b.to_string()),
        _ => Err(TreeError(
            "a map key must be a string, a number or a boolean".to_owned(),
        )),
    }
}

/// A scalar's text; anything deeper is its compact JSON.
pub(crate) fn scalar_text(value: &Tree) -> String {
    match value {
        Tree::String(s) | Tree::Number(s) => s.clone(),
        Tree::Bool(b) => b.to_string(),
        _ => {
            let mut out = String::new();
            write_json(&mut out, value);
            out
        }
    }
}

/// Compact JSON, UTF-8 as it is, without HTML escapes.
pub(crate) fn write_json(out: &mut String, value: &Tree) {
    match value {
        Tree::Null => out.push_str("null"),
        Tree::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Tree::Number(n) => out.push_str(n),
        Tree::String(s) => write_string(out, s),
        Tree::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        Tree::Object(fields) => {
            out.push('{');
            for (i, (name, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, name);
                out.push(':');
                write_json(out, item);
            }
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    // serde_json writes a string as JSON requires and no more (no HTML or non-ASCII escapes).
    match serde_json::to_string(s) {
        Ok(text) => out.push_str(&text),
        Err(_) => out.push_str("\"\""),
    }
}

/// Whether a media type is JSON (`application/json`, `…+json`).
pub(crate) fn is_json(media_type: &str) -> bool {
    let base = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    base == "application/json" || base.ends_with("+json")
}

/// A parameter's tree (`None` when absent), a JSON `content` parameter's being its compact JSON text.
pub(crate) fn wire_value<T: Serialize + ?Sized>(
    value: &T,
    enc: &Encoding,
) -> Result<Option<Tree>, TreeError> {
    let tree = to_tree(value)?;
    if tree == Tree::Null {
        return Ok(None);
    }
    if is_json(enc.content_type) {
        return Ok(Some(Tree::String(scalar_text(&tree))));
    }
    Ok(Some(tree))
}

const RESERVED: &[u8] = b":/?@!$&'()*+,;=";

/// Percent-encodes every byte outside `A-Z a-z 0-9 - . _ ~` (and the reserved characters when allowed).
pub(crate) fn percent(text: &str, allow_reserved: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for &c in text.as_bytes() {
        if c.is_ascii_alphanumeric()
            || b"-._~".contains(&c)
            || (allow_reserved && RESERVED.contains(&c))
        {
            out.push(char::from(c));
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// How names, values and a style's delimiters are written: percent-encoded in a URL or form body, as they
/// are in a header or a multipart part.
#[derive(Clone, Copy)]
pub(crate) struct Syntax {
    url: bool,
}

pub(crate) const URL: Syntax = Syntax { url: true };
pub(crate) const PLAIN: Syntax = Syntax { url: false };

impl Syntax {
    fn escape(self, text: &str, allow_reserved: bool) -> String {
        if self.url {
            percent(text, allow_reserved)
        } else {
            text.to_owned()
        }
    }

    fn pick(self, url: &'static str, plain: &'static str) -> &'static str {
        if self.url { url } else { plain }
    }

    fn delimiter(self, style: &str) -> &'static str {
        match style {
            "spaceDelimited" => self.pick("%20", " "),
            "pipeDelimited" => self.pick("%7C", "|"),
            _ => ",",
        }
    }

    /// A query parameter's (or form property's) name/value pairs by style form, spaceDelimited,
    /// pipeDelimited or deepObject; an empty array or object has none.
    pub(crate) fn pairs(self, name: &str, value: &Tree, enc: &Encoding) -> Vec<(String, String)> {
        let text = |v: &Tree| self.escape(&scalar_text(v), enc.allow_reserved);
        let key = self.escape(name, false);
        if enc.style == "deepObject" {
            let mut pairs = Vec::new();
            self.deep_pairs(&mut pairs, key, value, enc);
            return pairs;
        }
        let mut pairs = Vec::new();
        let mut joined = Vec::new();
        match value {
            Tree::Array(items) => {
                for item in items {
                    pairs.push((key.clone(), text(item)));
                    joined.push(text(item));
                }
            }
            Tree::Object(fields) => {
                for (field, item) in fields {
                    pairs.push((self.escape(field, false), text(item)));
                    joined.push(self.escape(field, false));
                    joined.push(text(item));
                }
            }
            _ => return vec![(key, text(value))],
        }
        if enc.explode || pairs.is_empty() {
            return pairs;
        }
        vec![(key, joined.join(self.delimiter(enc.style)))]
    }

    fn deep_pairs(
        self,
        pairs: &mut Vec<(String, String)>,
        key: String,
        value: &Tree,
        enc: &Encoding,
    ) {
        let (open, close) = (self.pick("%5B", "["), self.pick("%5D", "]"));
        match value {
            Tree::Object(fields) => {
                for (field, item) in fields {
                    let inner = format!("{key}{open}{}{close}", self.escape(field, false));
                    self.deep_pairs(pairs, inner, item, enc);
                }
            }
            Tree::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let inner = match enc.nesting {
                        "brackets" => format!("{key}{open}{close}"),
                        "repeat" => key.clone(),
                        _ => format!("{key}{open}{i}{close}"),
                    };
                    self.deep_pairs(pairs, inner, item, enc);
                }
            }
            _ => pairs.push((key, self.escape(&scalar_text(value), enc.allow_reserved))),
        }
    }

    /// A path or header value by style simple, label or matrix; `""` when it is empty.
    pub(crate) fn simple_text(self, name: &str, value: &Tree, enc: &Encoding) -> String {
        let text = |v: &Tree| self.escape(&scalar_text(v), false);
        let escaped_name = self.escape(name, false);
        let matrix = enc.style == "matrix";
        let (prefix, separator) = match enc.style {
            "label" if enc.explode => (".".to_owned(), "."),
            "label" => (".".to_owned(), ","),
            "matrix" if enc.explode => (";".to_owned(), ";"),
            "matrix" => (format!(";{escaped_name}="), ","),
            _ => (String::new(), ","),
        };
        let mut parts = Vec::new();
        match value {
            Tree::Array(items) => {
                for item in items {
                    if matrix && enc.explode {
                        parts.push(format!("{escaped_name}={}", text(item)));
                    } else {
                        parts.push(text(item));
                    }
                }
            }
            Tree::Object(fields) => {
                for (field, item) in fields {
                    if enc.explode {
                        parts.push(format!("{}={}", self.escape(field, false), text(item)));
                    } else {
                        parts.push(self.escape(field, false));
                        parts.push(text(item));
                    }
                }
            }
            _ if matrix => return format!(";{escaped_name}={}", text(value)),
            _ => parts.push(text(value)),
        }
        if parts.is_empty() || (parts.len() == 1 && parts[0].is_empty()) {
            return String::new();
        }
        prefix + &parts.join(separator)
    }
}

/// Name/value pairs joined as `name=value` by `separator`.
pub(crate) fn join_pairs(pairs: &[(String, String)], separator: &str) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join(separator)
}

/// A header parameter's value, style simple, not percent-encoded; `None` when nothing is sent (an absent
/// value, an empty array or object — an empty string is sent).
pub(crate) fn header_text(name: &str, value: &Tree, enc: &Encoding) -> Option<String> {
    let text = PLAIN.simple_text(name, value, enc);
    (!text.is_empty() || *value == Tree::String(String::new())).then_some(text)
}

/// A cookie parameter's `name=value` pairs joined by `; `; `None` when nothing is sent.
pub(crate) fn cookie_text(name: &str, value: &Tree, enc: &Encoding) -> Option<String> {
    let pairs = URL.pairs(name, value, enc);
    (!pairs.is_empty()).then(|| join_pairs(&pairs, "; "))
}

/// The encoding a form property has without an entry: form, exploded — deepObject for an object or an
/// array holding one.
pub(crate) fn inferred_form(value: &Tree) -> Encoding {
    if has_objects(value) {
        Encoding::new("deepObject").explode()
    } else {
        Encoding::new("form").explode()
    }
}

/// Whether a value is an object or an array holding one.
pub(crate) fn has_objects(value: &Tree) -> bool {
    match value {
        Tree::Object(_) => true,
        Tree::Array(items) => items.iter().any(|item| matches!(item, Tree::Object(_))),
        _ => false,
    }
}

/// An `application/x-www-form-urlencoded` body: each property in its order by its encoding; `None` when
/// there is nothing to send.
pub(crate) fn form_body(
    tree: &Tree,
    encodings: &[(String, Encoding)],
) -> Result<Option<String>, String> {
    let fields = match tree {
        Tree::Null => return Ok(None),
        Tree::Object(fields) => fields,
        _ => return Err("a form body must be an object".to_owned()),
    };
    let mut pairs = Vec::new();
    for (name, value) in fields {
        let enc = encodings
            .iter()
            .find(|(wire, _)| wire == name)
            .map_or_else(|| inferred_form(value), |(_, enc)| *enc);
        pairs.extend(URL.pairs(name, value, &enc));
    }
    Ok((!pairs.is_empty()).then(|| join_pairs(&pairs, "&")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    struct Rgb {
        #[serde(rename = "R")]
        r: i32,
        #[serde(rename = "G")]
        g: i32,
        #[serde(rename = "B")]
        b: i32,
    }

    fn scalar() -> Tree {
        to_tree("blue").unwrap()
    }
    fn array() -> Tree {
        to_tree(&["blue", "black", "brown"]).unwrap()
    }
    fn object() -> Tree {
        to_tree(&Rgb {
            r: 100,
            g: 200,
            b: 150,
        })
        .unwrap()
    }

    fn enc(style: &'static str, explode: bool) -> Encoding {
        let e = Encoding::new(style);
        if explode { e.explode() } else { e }
    }

    #[test]
    fn path_table() {
        let rows = [
            (
                "simple",
                false,
                ["blue", "blue,black,brown", "R,100,G,200,B,150"],
            ),
            (
                "simple",
                true,
                ["blue", "blue,black,brown", "R=100,G=200,B=150"],
            ),
            (
                "label",
                false,
                [".blue", ".blue,black,brown", ".R,100,G,200,B,150"],
            ),
            (
                "label",
                true,
                [".blue", ".blue.black.brown", ".R=100.G=200.B=150"],
            ),
            (
                "matrix",
                false,
                [
                    ";color=blue",
                    ";color=blue,black,brown",
                    ";color=R,100,G,200,B,150",
                ],
            ),
            (
                "matrix",
                true,
                [
                    ";color=blue",
                    ";color=blue;color=black;color=brown",
                    ";R=100;G=200;B=150",
                ],
            ),
        ];
        for (style, explode, expected) in rows {
            let e = enc(style, explode);
            for (value, want) in [scalar(), array(), object()].iter().zip(expected) {
                assert_eq!(
                    URL.simple_text("color", value, &e),
                    want,
                    "{style} {explode}"
                );
            }
        }
        let slashed = to_tree("a/b,c;d").unwrap();
        assert_eq!(
            URL.simple_text("x", &slashed, &enc("simple", false)),
            "a%2Fb%2Cc%3Bd"
        );
    }

    fn query(value: &Tree, e: &Encoding) -> String {
        join_pairs(&URL.pairs("color", value, e), "&")
    }

    #[test]
    fn query_table() {
        let rows = [
            (
                enc("form", true),
                [
                    "color=blue",
                    "color=blue&color=black&color=brown",
                    "R=100&G=200&B=150",
                ],
            ),
            (
                enc("form", false),
                [
                    "color=blue",
                    "color=blue,black,brown",
                    "color=R,100,G,200,B,150",
                ],
            ),
            (
                enc("spaceDelimited", false),
                [
                    "color=blue",
                    "color=blue%20black%20brown",
                    "color=R%20100%20G%20200%20B%20150",
                ],
            ),
            (
                enc("pipeDelimited", false),
                [
                    "color=blue",
                    "color=blue%7Cblack%7Cbrown",
                    "color=R%7C100%7CG%7C200%7CB%7C150",
                ],
            ),
            (
                enc("pipeDelimited", true),
                [
                    "color=blue",
                    "color=blue&color=black&color=brown",
                    "R=100&G=200&B=150",
                ],
            ),
        ];
        for (e, expected) in rows {
            for (value, want) in [scalar(), array(), object()].iter().zip(expected) {
                assert_eq!(query(value, &e), want, "{}", e.style);
            }
        }
        let deep = enc("deepObject", true);
        assert_eq!(query(&scalar(), &deep), "color=blue");
        assert_eq!(
            query(&object(), &deep),
            "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"
        );
        let nested = to_tree(&json!({"a": {"b": 1}})).unwrap();
        assert_eq!(query(&nested, &deep), "color%5Ba%5D%5Bb%5D=1");
    }

    #[test]
    fn deep_object_nesting() {
        let expand = to_tree(&["a", "b"]).unwrap();
        let items = to_tree(&json!([{"price": "p1", "quantity": 2}])).unwrap();
        let rows = [
            (
                "indexed",
                "expand%5B0%5D=a&expand%5B1%5D=b",
                "items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bquantity%5D=2",
            ),
            (
                "brackets",
                "expand%5B%5D=a&expand%5B%5D=b",
                "items%5B%5D%5Bprice%5D=p1&items%5B%5D%5Bquantity%5D=2",
            ),
            (
                "repeat",
                "expand=a&expand=b",
                "items%5Bprice%5D=p1&items%5Bquantity%5D=2",
            ),
        ];
        for (nesting, want_expand, want_items) in rows {
            let e = Encoding::new("deepObject").explode().nesting(nesting);
            assert_eq!(
                join_pairs(&URL.pairs("expand", &expand, &e), "&"),
                want_expand
            );
            assert_eq!(join_pairs(&URL.pairs("items", &items, &e), "&"), want_items);
        }
    }

    #[test]
    fn header_and_cookie_tables() {
        for (explode, expected) in [
            (false, ["blue", "blue,black,brown", "R,100,G,200,B,150"]),
            (true, ["blue", "blue,black,brown", "R=100,G=200,B=150"]),
        ] {
            let e = enc("simple", explode);
            for (value, want) in [scalar(), array(), object()].iter().zip(expected) {
                assert_eq!(header_text("X-Color", value, &e).as_deref(), Some(want));
            }
        }
        for (explode, expected) in [
            (
                true,
                [
                    "color=blue",
                    "color=blue; color=black; color=brown",
                    "R=100; G=200; B=150",
                ],
            ),
            (
                false,
                [
                    "color=blue",
                    "color=blue,black,brown",
                    "color=R,100,G,200,B,150",
                ],
            ),
        ] {
            let e = enc("form", explode);
            for (value, want) in [scalar(), array(), object()].iter().zip(expected) {
                assert_eq!(cookie_text("color", value, &e).as_deref(), Some(want));
            }
        }
        let empty = to_tree("").unwrap();
        assert_eq!(
            header_text("X", &empty, &enc("simple", false)).as_deref(),
            Some("")
        );
        let none = to_tree(&Vec::<String>::new()).unwrap();
        assert_eq!(header_text("X", &none, &enc("simple", false)), None);
        assert_eq!(cookie_text("c", &none, &enc("form", true)), None);
    }

    #[test]
    fn values() {
        assert_eq!(scalar_text(&to_tree(&1.5).unwrap()), "1.5");
        assert_eq!(scalar_text(&to_tree(&2.0).unwrap()), "2");
        assert_eq!(scalar_text(&to_tree(&true).unwrap()), "true");
        assert_eq!(scalar_text(&to_tree(&-7i64).unwrap()), "-7");
        assert_eq!(
            scalar_text(&to_tree(&u64::MAX).unwrap()),
            "18446744073709551615"
        );
        assert!(to_tree(&f64::NAN).is_err());
        let tree = to_tree(&json!({"b": [1, null, {"é": "<a&b>"}], "n": null})).unwrap();
        assert_eq!(scalar_text(&tree), r#"{"b":[1,{"é":"<a&b>"}]}"#);
        assert_eq!(to_tree(&Option::<i32>::None).unwrap(), Tree::Null);
        let keyed = std::collections::BTreeMap::from([(1, "a"), (2, "b")]);
        assert_eq!(
            scalar_text(&to_tree(&keyed).unwrap()),
            r#"{"1":"a","2":"b"}"#
        );
        let bad = std::collections::BTreeMap::from([(vec![1], 1)]);
        assert!(to_tree(&bad).is_err());
        let e = Encoding::new("form")
            .explode()
            .content_type("application/json");
        let sent = wire_value(&json!({"a": [1, 2]}), &e).unwrap();
        assert_eq!(sent, Some(Tree::String(r#"{"a":[1,2]}"#.to_owned())));
        assert_eq!(wire_value(&Option::<i32>::None, &e).unwrap(), None);
        let nested = to_tree(&json!([[1, 2], {"a": 1}])).unwrap();
        assert_eq!(
            query(&nested, &enc("form", true)),
            "color=%5B1%2C2%5D&color=%7B%22a%22%3A1%7D"
        );
    }

    #[test]
    fn percent_encoding() {
        assert_eq!(percent("a b+c/é~", false), "a%20b%2Bc%2F%C3%A9~");
        assert_eq!(percent("a:b/c?d", true), "a:b/c?d");
        let e = Encoding::new("form").explode().allow_reserved();
        assert_eq!(query(&to_tree("x/y,z").unwrap(), &e), "color=x/y,z");
        assert_eq!(query(&to_tree("").unwrap(), &enc("form", true)), "color=");
    }

    #[test]
    fn form_bodies() {
        #[derive(Serialize)]
        struct Body {
            name: &'static str,
            tags: Vec<&'static str>,
            meta: serde_json::Value,
            skip: Option<i32>,
            lines: serde_json::Value,
        }
        let body = to_tree(&Body {
            name: "a b",
            tags: vec!["x", "y"],
            meta: json!({"k": "v"}),
            skip: None,
            lines: json!([{"p": 1}]),
        })
        .unwrap();
        let text = form_body(&body, &[]).unwrap();
        assert_eq!(
            text.as_deref(),
            Some("name=a%20b&tags=x&tags=y&meta%5Bk%5D=v&lines%5B0%5D%5Bp%5D=1")
        );
        let encodings = [("tags".to_owned(), Encoding::new("form"))];
        let text = form_body(&body, &encodings).unwrap();
        assert!(text.unwrap_or_default().contains("tags=x,y"));
        assert_eq!(form_body(&Tree::Null, &[]), Ok(None));
        assert!(form_body(&Tree::Bool(true), &[]).is_err());
    }
}
