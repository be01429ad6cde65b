//! Pages of a list and the way to the next one: cursor (`next_cursor`, `nextKey`, `has_more` +
//! `starting_after`, page tokens), offset/limit, page/per_page and Link-header styles.
//!
//! Stop rules: cursor — no cursor, `has_more` not true, an empty page or the same cursor again; offset — an
//! empty page or offset >= total; page — an empty page, `has_next` false or page >= total pages; link — no
//! `rel="next"` link.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::future::BoxFuture;
use futures_util::stream::{self, BoxStream};
use futures_util::{Stream, StreamExt};
use reqwest::header::{HeaderMap, LINK};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::auth::get_path;
use super::call::{RawResponse, RequestOptions};
use super::client::Core;
use super::error::{Error, Result};
use super::request::{Query, Request};

/// A paginator setting's value: a query parameter's name, or a path into the response body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PagerValue {
    /// A query parameter (`cursor_param`, `offset_param`, `limit_param`, `page_param`, `per_page_param`).
    Param(&'static str),
    /// A path into the body, or into the last item for `cursor_item_field` (`next_cursor`, `has_more`,
    /// `total`, `total_pages`, `has_next`).
    Path(&'static [&'static str]),
}

impl From<&'static str> for PagerValue {
    fn from(name: &'static str) -> Self {
        Self::Param(name)
    }
}

impl From<&'static [&'static str]> for PagerValue {
    fn from(path: &'static [&'static str]) -> Self {
        Self::Path(path)
    }
}

impl<const N: usize> From<&'static [&'static str; N]> for PagerValue {
    fn from(path: &'static [&'static str; N]) -> Self {
        Self::Path(path)
    }
}

/// How an operation pages: the style (`cursor`, `offset`, `page` or `link`), the path of the items in the
/// body and the settings that differ from the defaults.
#[derive(Clone, Debug)]
pub struct Pager {
    style: &'static str,
    items: &'static [&'static str],
    settings: Vec<(&'static str, PagerValue)>,
}

impl Pager {
    /// A paginator of `style` with its items at `items` (`&[]`: the body is the list).
    pub fn new(style: &'static str, items: &'static [&'static str]) -> Self {
        Self {
            style,
            items,
            settings: Vec::new(),
        }
    }

    /// Sets one setting: `cursor_param`, `next_cursor`, `cursor_item_field`, `has_more`, `offset_param`,
    /// `limit_param`, `total`, `page_param`, `per_page_param`, `total_pages` or `has_next`.
    pub fn with(mut self, key: &'static str, value: impl Into<PagerValue>) -> Self {
        self.settings.retain(|(k, _)| *k != key);
        self.settings.push((key, value.into()));
        self
    }

    fn setting(&self, key: &str) -> Option<PagerValue> {
        self.settings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, value)| *value)
    }

    /// A query parameter's name (a path's steps joined by `.`).
    fn param(&self, key: &str) -> String {
        match self.setting(key) {
            Some(PagerValue::Param(name)) => name.to_owned(),
            Some(PagerValue::Path(path)) => path.join("."),
            None => match key {
                "cursor_param" => "cursor",
                "offset_param" => "offset",
                "limit_param" => "limit",
                "page_param" => "page",
                _ => "",
            }
            .to_owned(),
        }
    }

    /// A path setting (a name given for one is a path of one step).
    fn path(&self, key: &str) -> Option<Vec<&'static str>> {
        match self.setting(key)? {
            PagerValue::Path(path) => Some(path.to_vec()),
            PagerValue::Param(name) => Some(vec![name]),
        }
    }

    fn raw_items<'a>(&self, body: &'a Value) -> &'a [Value] {
        get_path(body, self.items)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// The request for the page after `r`'s; `extra` is the call's extra query parameters.
    fn next(
        &self,
        r: &Request,
        body: &Value,
        items: &[Value],
        headers: &HeaderMap,
        extra: &[(String, String)],
    ) -> Option<Request> {
        if self.style == "link" {
            let link = headers.get(LINK)?.to_str().ok()?;
            let target = parse_link_header(link, "next")?;
            let mut next = r.clone();
            next.url = Some(target.clone());
            next.query = Query::default();
            // the page size asked for is asked for again when the link leaves it out
            let per_page = self.param("per_page_param");
            let mut asked = r.query.clone();
            asked.extend(Query::extra(extra));
            if let Some(size) = asked.get(&per_page) {
                let raw = target.split_once('?').map_or("", |(_, q)| q);
                let raw = raw.split('#').next().unwrap_or_default();
                if Query::parse(raw).get(&per_page).is_none() {
                    next.query.set_value(&per_page, &size);
                }
            }
            return Some(next);
        }
        let last = items.last()?;
        let mut next = r.clone();
        match self.style {
            "cursor" => {
                if let Some(path) = self.path("has_more") {
                    if get_path(body, &path) != Some(&Value::Bool(true)) {
                        return None;
                    }
                }
                let cursor = if let Some(path) = self.path("next_cursor") {
                    get_path(body, &path)
                } else {
                    get_path(last, &self.path("cursor_item_field")?)
                };
                let text = cursor_text(cursor?);
                let param = self.param("cursor_param");
                if text.is_empty() || r.query.get(&param).as_deref() == Some(text.as_str()) {
                    return None;
                }
                next.query.set_value(&param, &text);
            }
            "offset" => {
                let param = self.param("offset_param");
                let offset = r
                    .query
                    .get(&param)
                    .and_then(|v| v.parse::<i64>().ok())
                    .unwrap_or(0)
                    .saturating_add(i64::try_from(items.len()).unwrap_or(i64::MAX));
                if let Some(total) = self.path("total").and_then(|p| to_int(get_path(body, &p))) {
                    if offset >= total {
                        return None;
                    }
                }
                next.query.set_value(&param, &offset.to_string());
            }
            _ => {
                let param = self.param("page_param");
                let page = r
                    .query
                    .get(&param)
                    .and_then(|v| v.parse::<i64>().ok())
                    .unwrap_or(1);
                if let Some(path) = self.path("has_next") {
                    if get_path(body, &path) == Some(&Value::Bool(false)) {
                        return None;
                    }
                }
                if let Some(total) = self
                    .path("total_pages")
                    .and_then(|p| to_int(get_path(body, &p)))
                {
                    if page >= total {
                        return None;
                    }
                }
                next.query
                    .set_value(&param, &page.saturating_add(1).to_string());
            }
        }
        Some(next)
    }
}

fn to_int(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A cursor's text: a string, a number, or a boolean as `True`/`False`; `""` for anything else.
fn cursor_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        _ => String::new(),
    }
}

/// The URL of the first link with relation `rel` in an RFC 8288 `Link` header.
pub(crate) fn parse_link_header(header: &str, rel: &str) -> Option<String> {
    let mut rest = header;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>')?;
        let url = &after[..end];
        let params_text = &after[end + 1..];
        let params_end = params_text.find('<').unwrap_or(params_text.len());
        let params = &params_text[..params_end];
        for param in params.split([';', ',']) {
            let Some((name, value)) = param.split_once('=') else {
                continue;
            };
            if !name.trim().eq_ignore_ascii_case("rel") {
                continue;
            }
            let value = value.trim().trim_matches('"');
            if value
                .split_whitespace()
                .any(|r| r.eq_ignore_ascii_case(rel))
            {
                return Some(url.to_owned());
            }
        }
        rest = &params_text[params_end..];
    }
    None
}

/// Where a page's next page comes from.
#[derive(Clone, Debug)]
struct Next {
    core: Core,
    request: Request,
    options: RequestOptions,
}

/// One page of a list: its items and the way to the next page.
#[derive(Clone, Debug)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    body: Bytes,
    next: Option<Next>,
}

impl<T> Page<T> {
    /// Whether there is a page after this one.
    pub fn has_next_page(&self) -> bool {
        self.next.is_some()
    }

    /// The raw body of this page.
    pub fn body(&self) -> &Bytes {
        &self.body
    }
}

impl<T: DeserializeOwned + Send + 'static> Page<T> {
    pub(crate) async fn fetch(
        core: Core,
        request: Request,
        options: RequestOptions,
    ) -> Result<(Self, RawResponse)> {
        let answer = core.execute(&request, &options, false).await?;
        let raw = RawResponse {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
        };
        let decoded: Value = serde_json::from_slice(&raw.body)
            .map_err(|_| Error::decode("Response body is not valid JSON", raw.body.clone()))?;
        let Some(pager) = request.pager.clone() else {
            return Err(Error::InvalidArgument(
                "the call has no paginator".to_owned(),
            ));
        };
        let values = pager.raw_items(&decoded);
        let items = values
            .iter()
            .map(|item| T::deserialize(item))
            .collect::<std::result::Result<Vec<T>, _>>()
            .map_err(|e| {
                Error::decode(
                    format!("Response body does not match the expected schema: {e}"),
                    raw.body.clone(),
                )
            })?;
        let next = pager
            .next(&request, &decoded, values, &raw.headers, &options.query)
            .map(|request| Next {
                core,
                request,
                options,
            });
        let page = Self {
            items,
            body: raw.body.clone(),
            next,
        };
        Ok((page, raw))
    }

    /// Fetches the next page; `None` after the last one.
    pub async fn next_page(&self) -> Result<Option<Page<T>>> {
        let Some(next) = self.next.clone() else {
            return Ok(None);
        };
        let (page, _) = Self::fetch(next.core, next.request, next.options).await?;
        Ok(Some(page))
    }

    /// The items of this page and of every later page, fetched lazily.
    pub fn into_items(self) -> ItemStream<T> {
        ItemStream::new(Box::pin(async move { Ok(self) }))
    }
}

enum Walk<T> {
    Fetch(BoxFuture<'static, Result<Page<T>>>),
    Items(std::vec::IntoIter<T>, Option<Box<Next>>),
    Done,
}

/// Every item of every page, as a [`Stream`]; a failed page ends it with its error.
pub struct ItemStream<T> {
    inner: BoxStream<'static, Result<T>>,
}

impl<T> std::fmt::Debug for ItemStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemStream").finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> ItemStream<T> {
    pub(crate) fn new(first: BoxFuture<'static, Result<Page<T>>>) -> Self {
        let inner = stream::unfold(Walk::Fetch(first), |mut walk| async move {
            loop {
                walk = match walk {
                    Walk::Done => return None,
                    Walk::Fetch(page) => match page.await {
                        Ok(page) => Walk::Items(page.items.into_iter(), page.next.map(Box::new)),
                        Err(error) => return Some((Err(error), Walk::Done)),
                    },
                    Walk::Items(mut items, next) => match (items.next(), next) {
                        (Some(item), next) => return Some((Ok(item), Walk::Items(items, next))),
                        (None, Some(next)) => Walk::Fetch(Box::pin(async move {
                            Page::fetch(next.core, next.request, next.options)
                                .await
                                .map(|(page, _)| page)
                        })),
                        (None, None) => return None,
                    },
                };
            }
        });
        Self {
            inner: inner.boxed(),
        }
    }
}

impl<T> ItemStream<T> {
    /// The next item (`None` after the last page): `TryStreamExt::try_next` without the import.
    pub async fn try_next(&mut self) -> Result<Option<T>> {
        self.inner.next().await.transpose()
    }
}

impl<T> Stream for ItemStream<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        self.inner.poll_next_unpin(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::Method;
    use serde_json::json;

    fn next_query(pager: &Pager, r: &Request, body: Value) -> Option<String> {
        let items = pager.raw_items(&body).to_vec();
        pager
            .next(r, &body, &items, &HeaderMap::new(), &[])
            .map(|n| n.query.encode())
    }

    #[test]
    fn cursor_styles() {
        let r = Request::new(Method::GET, "/w");
        let pager = Pager::new("cursor", &["data"]).with("next_cursor", &["next_cursor"]);
        let body = json!({"data": [{"id": "w_1"}], "next_cursor": "c2"});
        assert_eq!(next_query(&pager, &r, body).as_deref(), Some("cursor=c2"));
        assert_eq!(
            next_query(&pager, &r, json!({"data": [], "next_cursor": "c"})),
            None
        );
        assert_eq!(
            next_query(&pager, &r, json!({"data": [1], "next_cursor": null})),
            None
        );
        let mut same = Request::new(Method::GET, "/w");
        same.query("cursor", &"c2", None);
        let body = json!({"data": [1], "next_cursor": "c2"});
        assert_eq!(next_query(&pager, &same, body), None);
        // has_more + starting_after the last item's id
        let stripe = Pager::new("cursor", &["data"])
            .with("cursor_param", "starting_after")
            .with("cursor_item_field", &["id"])
            .with("has_more", &["has_more"]);
        let body = json!({"data": [{"id": "a"}, {"id": "b"}], "has_more": true});
        assert_eq!(
            next_query(&stripe, &r, body).as_deref(),
            Some("starting_after=b")
        );
        let body = json!({"data": [{"id": "a"}], "has_more": false});
        assert_eq!(next_query(&stripe, &r, body), None);
        // nextKey / exclusiveStartKey, a number cursor
        let dynamo = Pager::new("cursor", &["items"])
            .with("cursor_param", "exclusiveStartKey")
            .with("next_cursor", &["meta", "nextKey"]);
        let body = json!({"items": [1], "meta": {"nextKey": 42}});
        assert_eq!(
            next_query(&dynamo, &r, body).as_deref(),
            Some("exclusiveStartKey=42")
        );
    }

    #[test]
    fn offset_and_page_styles() {
        let mut r = Request::new(Method::GET, "/w");
        r.query("limit", &2, None);
        let offset = Pager::new("offset", &[]).with("total", &["total"]);
        assert_eq!(
            next_query(&offset, &r, json!([1, 2])).as_deref(),
            Some("limit=2&offset=2")
        );
        r.query("offset", &2, None);
        assert_eq!(
            next_query(&offset, &r, json!([1, 2])).as_deref(),
            Some("limit=2&offset=4")
        );
        let pager = Pager::new("offset", &["items"]).with("total", &["total"]);
        assert_eq!(
            next_query(&pager, &r, json!({"items": [1, 2], "total": 4})),
            None
        );
        let page = Pager::new("page", &["data"])
            .with("total_pages", &["meta", "pagination", "total_pages"])
            .with("has_next", &["has_next"]);
        let r = Request::new(Method::GET, "/w");
        let body = json!({"data": [1], "meta": {"pagination": {"total_pages": "3"}}});
        assert_eq!(next_query(&page, &r, body).as_deref(), Some("page=2"));
        let mut third = Request::new(Method::GET, "/w");
        third.query("page", &3, None);
        let body = json!({"data": [1], "meta": {"pagination": {"total_pages": 3}}});
        assert_eq!(next_query(&page, &third, body), None);
        assert_eq!(
            next_query(&page, &r, json!({"data": [1], "has_next": false})),
            None
        );
    }

    #[test]
    fn link_style() {
        let link = r#"<https://h/r?page=1>; rel="prev", <https://h/r?page=2>; rel="next last""#;
        assert_eq!(
            parse_link_header(link, "next").as_deref(),
            Some("https://h/r?page=2")
        );
        assert_eq!(parse_link_header(link, "first"), None);
        assert_eq!(parse_link_header("garbage <", "next"), None);
        let pager = Pager::new("link", &[]).with("per_page_param", "per_page");
        let mut r = Request::new(Method::GET, "/r");
        r.query("per_page", &2, None);
        let mut headers = HeaderMap::new();
        headers.insert(LINK, r#"<http://h/r?page=2>; rel="next""#.parse().unwrap());
        let next = pager
            .next(
                &r,
                &json!([]),
                &[],
                &headers,
                &[("trace".into(), "t".into())],
            )
            .unwrap();
        assert_eq!(next.url.as_deref(), Some("http://h/r?page=2"));
        assert_eq!(next.query.encode(), "per_page=2");
        assert!(
            pager
                .next(&r, &json!([]), &[], &HeaderMap::new(), &[])
                .is_none()
        );
    }
}
