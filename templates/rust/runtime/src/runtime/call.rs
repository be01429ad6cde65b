//! [`Call`]: what a generated method returns. Per-call options chain on it; awaiting it sends the request.
//! Dropping the future cancels the call: nothing runs on in the background.

use std::any::Any;
use std::future::IntoFuture;
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::BoxFuture;
use futures_util::{Stream, StreamExt};
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::auth::get_path;
use super::client::{Answer, Core};
use super::error::{Error, Result, request_id};
use super::pagination::{ItemStream, Page, Pager};
use super::request::Request;
use super::retry::RateLimit;
use super::sse::{EventStream, ServerSentEvent};

/// Options of one call, as a value (each also a method of [`Call`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// The timeout of each attempt.
    pub timeout: Option<Duration>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// The `Idempotency-Key` to send instead of a generated one.
    pub idempotency_key: Option<String>,
    /// Extra headers (they replace the client's and the operation's of the same name).
    pub headers: Vec<(String, String)>,
    /// Extra query parameters (each replaces the operation's parameter of the same name, in its place).
    pub query: Vec<(String, String)>,
}

/// What the server answered: status, headers and the raw body (empty for a streamed body).
#[derive(Clone, Debug)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw body.
    pub body: Bytes,
}

impl RawResponse {
    fn of(answer: &Answer) -> Self {
        Self {
            status: answer.status,
            headers: answer.headers.clone(),
            body: answer.body.clone(),
        }
    }

    /// The `x-request-id` (or `request-id`) header.
    pub fn request_id(&self) -> Option<String> {
        request_id(&self.headers)
    }

    /// The response's `X-RateLimit-*` headers, `None` without any.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }
}

/// A binary response with its body not yet read.
#[derive(Debug)]
pub struct Binary {
    response: reqwest::Response,
}

impl Binary {
    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.response.headers().get(CONTENT_TYPE)?.to_str().ok()
    }

    /// The whole body.
    pub async fn bytes(self) -> Result<Bytes> {
        self.response.bytes().await.map_err(Error::connection)
    }

    /// The body as it arrives, chunk by chunk.
    pub fn into_stream(self) -> impl Stream<Item = Result<Bytes>> + Send + 'static {
        self.response
            .bytes_stream()
            .map(|chunk| chunk.map_err(Error::connection))
    }
}

type Run<T> = fn(Core, Request, RequestOptions) -> BoxFuture<'static, Result<(T, RawResponse)>>;

/// One call of an operation: chain per-call options, then `.await` it (or
/// [`with_raw_response`](Call::with_raw_response)) to send it.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<T> {
    core: Core,
    request: Request,
    options: RequestOptions,
    run: Run<T>,
    recover: Option<fn(&Error) -> Option<T>>,
}

impl<T> std::fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("request", &self.request)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<T> Call<T> {
    fn new(core: &Core, request: Request, run: Run<T>) -> Self {
        Self {
            core: core.clone(),
            request,
            options: RequestOptions::default(),
            run,
            recover: None,
        }
    }

    /// The timeout of each attempt of this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt for this call.
    pub fn max_retries(mut self, n: u32) -> Self {
        self.options.max_retries = Some(n);
        self
    }

    /// The `Idempotency-Key` to send (the same on every retry).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options.idempotency_key = Some(key.into());
        self
    }

    /// An extra header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// An extra query parameter; it replaces the operation's parameter of the same name, in its place.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.query.push((name.into(), value.into()));
        self
    }

    /// Options as one value; each one set replaces the call's.
    pub fn options(mut self, options: RequestOptions) -> Self {
        let o = &mut self.options;
        o.timeout = options.timeout.or(o.timeout);
        o.max_retries = options.max_retries.or(o.max_retries);
        o.idempotency_key = options.idempotency_key.or(o.idempotency_key.take());
        o.headers.extend(options.headers);
        o.query.extend(options.query);
        self
    }

    /// The result together with the raw response. A check (`x-zsdk-result: ok`) that fails returns its
    /// error here.
    pub async fn with_raw_response(self) -> Result<(T, RawResponse)> {
        (self.run)(self.core, self.request, self.options).await
    }
}

impl<T: 'static> IntoFuture for Call<T> {
    type Output = Result<T>;
    type IntoFuture = BoxFuture<'static, Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        let Self {
            core,
            request,
            options,
            run,
            recover,
        } = self;
        Box::pin(async move {
            match run(core, request, options).await {
                Ok((value, _)) => Ok(value),
                Err(error) => recover.and_then(|f| f(&error)).ok_or(error),
            }
        })
    }
}

impl<T: DeserializeOwned + Send + 'static> Call<Page<T>> {
    /// Every item of every page, fetched lazily as the stream reaches it.
    pub fn items(self) -> ItemStream<T> {
        ItemStream::new(self.into_future())
    }
}

/// Decodes a JSON body (the payload at `envelope` inside it).
pub(crate) fn decode<T: DeserializeOwned>(body: &Bytes, envelope: &[&str]) -> Result<T> {
    let schema = |e: serde_json::Error| {
        Error::decode(
            format!("Response body does not match the expected schema: {e}"),
            body.clone(),
        )
    };
    let text: &[u8] = if body.trim_ascii().is_empty() {
        b"null"
    } else {
        body
    };
    if envelope.is_empty() {
        return serde_json::from_slice(text).map_err(schema);
    }
    let decoded: Value = serde_json::from_slice(text)
        .map_err(|_| Error::decode("Response body is not valid JSON", body.clone()))?;
    let inner = get_path(&decoded, envelope).cloned().unwrap_or(Value::Null);
    serde_json::from_value(inner).map_err(schema)
}

/// Sends the request, reads the whole body and makes the call's value of it with `read`.
fn buffered<T: Send + 'static>(
    core: Core,
    request: Request,
    options: RequestOptions,
    read: fn(&Request, &Bytes) -> Result<T>,
) -> BoxFuture<'static, Result<(T, RawResponse)>> {
    Box::pin(async move {
        let answer = core.execute(&request, &options, false).await?;
        let value = read(&request, &answer.body)?;
        Ok((value, RawResponse::of(&answer)))
    })
}

/// A failed check is `false` for an error status, a failed connection or a timeout.
fn check_failed(error: &Error) -> Option<bool> {
    (error.status().is_some() || error.is_connection() || error.is_timeout()).then_some(false)
}

/// The answer of a streamed call: its response, body unread.
fn streamed(answer: Answer) -> Result<(reqwest::Response, RawResponse)> {
    let raw = RawResponse::of(&answer);
    let response = answer
        .response
        .ok_or_else(|| Error::decode("The response has no body to stream", Bytes::new()))?;
    Ok((response, raw))
}

fn run_binary(
    core: Core,
    request: Request,
    options: RequestOptions,
) -> BoxFuture<'static, Result<(Binary, RawResponse)>> {
    Box::pin(async move {
        let (response, raw) = streamed(core.execute(&request, &options, true).await?)?;
        Ok((Binary { response }, raw))
    })
}

fn run_sse<T: DeserializeOwned + Send + 'static>(
    core: Core,
    request: Request,
    options: RequestOptions,
) -> BoxFuture<'static, Result<(EventStream<T>, RawResponse)>> {
    Box::pin(async move {
        let (response, raw) = streamed(core.execute(&request, &options, true).await?)?;
        Ok((
            EventStream::new(response.bytes_stream(), event_item::<T>),
            raw,
        ))
    })
}

/// An event's item: the event itself for `ServerSentEvent`, else its data decoded as JSON.
fn event_item<T: DeserializeOwned + 'static>(event: ServerSentEvent) -> Result<T> {
    let event: Box<dyn Any> = Box::new(event);
    match event.downcast::<T>() {
        Ok(item) => Ok(*item),
        Err(event) => {
            let data = event
                .downcast::<ServerSentEvent>()
                .map(|e| e.data)
                .unwrap_or_default();
            serde_json::from_str(&data).map_err(|e| {
                Error::decode(
                    format!("Event data does not match the expected schema: {e}"),
                    data,
                )
            })
        }
    }
}

fn run_page<T: DeserializeOwned + Send + 'static>(
    core: Core,
    request: Request,
    options: RequestOptions,
) -> BoxFuture<'static, Result<(Page<T>, RawResponse)>> {
    Box::pin(Page::fetch(core, request, options))
}

impl Core {
    /// A call decoding its JSON answer (the envelope unwrapped).
    pub fn json<T: DeserializeOwned + Send + 'static>(&self, r: Request) -> Call<T> {
        Call::new(self, r, |core, r, o| {
            buffered(core, r, o, |r, body| decode(body, r.envelope))
        })
    }

    /// A call whose answer has no body to read.
    pub fn empty(&self, r: Request) -> Call<()> {
        Call::new(self, r, |core, r, o| buffered(core, r, o, |_, _| Ok(())))
    }

    /// A call answering text.
    pub fn text(&self, r: Request) -> Call<String> {
        Call::new(self, r, |core, r, o| {
            buffered(core, r, o, |_, body| {
                Ok(String::from_utf8_lossy(body).into_owned())
            })
        })
    }

    /// A check (`x-zsdk-result: ok`): `true` for a 2xx answer, `false` for an error status, a failed
    /// connection or a timeout once the retries are spent.
    pub fn ok(&self, r: Request) -> Call<bool> {
        let mut call = Call::new(self, r, |core, r, o| buffered(core, r, o, |_, _| Ok(true)));
        call.recover = Some(check_failed);
        call
    }

    /// A call answering a binary body, read when asked for.
    pub fn binary(&self, r: Request) -> Call<Binary> {
        Call::new(self, r, run_binary)
    }

    /// A call answering server-sent events.
    pub fn sse<T: DeserializeOwned + Send + 'static>(
        &self,
        mut r: Request,
    ) -> Call<EventStream<T>> {
        if r.accept.is_none() {
            r.accept("text/event-stream");
        }
        Call::new(self, r, run_sse::<T>)
    }

    /// A call answering one page of a list.
    pub fn page<T: DeserializeOwned + Send + 'static>(
        &self,
        mut r: Request,
        pager: Pager,
    ) -> Call<Page<T>> {
        r.pager = Some(pager);
        Call::new(self, r, run_page::<T>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Widget {
        id: String,
    }

    #[test]
    fn decoding() {
        let body = Bytes::from_static(br#"{"data": {"id": "w_1"}, "meta": {}}"#);
        let w: Widget = decode(&body, &["data"]).unwrap();
        assert_eq!(w.id, "w_1");
        let plain = Bytes::from_static(br#"{"id": "w_2"}"#);
        assert_eq!(decode::<Widget>(&plain, &[]).unwrap().id, "w_2");
        let err = decode::<Widget>(&Bytes::from_static(b"[1]"), &[]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Response body does not match the expected schema")
        );
        assert!(matches!(err, Error::Decode(ref d) if d.body.as_ref() == b"[1]"));
        let err = decode::<Widget>(&Bytes::from_static(b"<html>"), &["data"]).unwrap_err();
        assert_eq!(err.to_string(), "Response body is not valid JSON");
        assert_eq!(decode::<Option<Widget>>(&Bytes::new(), &[]).unwrap(), None);
        let big: i64 = decode(&Bytes::from_static(b"9007199254740993"), &[]).unwrap();
        assert_eq!(big, 9_007_199_254_740_993);
    }

    #[test]
    fn events_as_items() {
        let event = ServerSentEvent {
            data: r#"{"id": "e1"}"#.to_owned(),
            ..ServerSentEvent::default()
        };
        let raw: ServerSentEvent = event_item(event.clone()).unwrap();
        assert_eq!(raw, event);
        let typed: Widget = event_item(event).unwrap();
        assert_eq!(typed.id, "e1");
        let bad = ServerSentEvent {
            data: "nope".to_owned(),
            ..ServerSentEvent::default()
        };
        assert!(event_item::<Widget>(bad).is_err());
    }

    #[test]
    fn options_merge() {
        let core = super::super::CoreBuilder::new(super::super::tests::DEFAULTS)
            .build()
            .unwrap();
        let call = core
            .empty(Request::new(reqwest::Method::GET, "/"))
            .timeout(Duration::from_secs(1))
            .options(RequestOptions {
                max_retries: Some(0),
                headers: vec![("a".into(), "b".into())],
                ..RequestOptions::default()
            })
            .query("q", "1");
        assert_eq!(call.options.timeout, Some(Duration::from_secs(1)));
        assert_eq!(call.options.max_retries, Some(0));
        assert_eq!(call.options.headers.len(), 1);
        assert_eq!(call.options.query.len(), 1);
        assert!(check_failed(&Error::InvalidArgument(String::new())).is_none());
    }
}
