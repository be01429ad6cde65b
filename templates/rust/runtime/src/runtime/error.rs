//! The errors a call returns, and the message, code and field parsed from the common error envelopes.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde_json::Value;

use super::retry::RateLimit;

/// The result of a call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything a call can fail with.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// 400.
    BadRequest(Box<ApiError>),
    /// 401.
    Authentication(Box<ApiError>),
    /// 403.
    PermissionDenied(Box<ApiError>),
    /// 404.
    NotFound(Box<ApiError>),
    /// 409.
    Conflict(Box<ApiError>),
    /// 422.
    UnprocessableEntity(Box<ApiError>),
    /// 429, once the retries are spent.
    RateLimit(Box<ApiError>),
    /// Any 5xx.
    InternalServer(Box<ApiError>),
    /// Any other error status, or an error event of a stream (status 0).
    Status(Box<ApiError>),
    /// No response: the connection failed or broke.
    Connection(ConnectionError),
    /// No response within the timeout.
    Timeout(TimeoutError),
    /// A 2xx body that is not what the operation declares.
    Decode(DecodeError),
    /// What the caller passed cannot be sent (an empty path parameter, a bad server variable, …).
    InvalidArgument(String),
}

impl Error {
    /// The error of an answer with this status: its class by status (every 5xx is `InternalServer`).
    pub(crate) fn from_status(error: ApiError) -> Self {
        let status = error.status;
        let error = Box::new(error);
        match status {
            400 => Self::BadRequest(error),
            401 => Self::Authentication(error),
            403 => Self::PermissionDenied(error),
            404 => Self::NotFound(error),
            409 => Self::Conflict(error),
            422 => Self::UnprocessableEntity(error),
            429 => Self::RateLimit(error),
            500.. => Self::InternalServer(error),
            _ => Self::Status(error),
        }
    }

    /// The HTTP status of an error the API answered with.
    pub fn status(&self) -> Option<u16> {
        self.api_error()
            .map(|e| e.status)
            .filter(|status| *status != 0)
    }

    /// The API's error, for every status error.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::BadRequest(e)
            | Self::Authentication(e)
            | Self::PermissionDenied(e)
            | Self::NotFound(e)
            | Self::Conflict(e)
            | Self::UnprocessableEntity(e)
            | Self::RateLimit(e)
            | Self::InternalServer(e)
            | Self::Status(e) => Some(e.as_ref()),
            _ => None,
        }
    }

    /// Whether this is a 400.
    pub fn is_bad_request(&self) -> bool {
        matches!(self, Self::BadRequest(_))
    }

    /// Whether this is a 401.
    pub fn is_authentication(&self) -> bool {
        matches!(self, Self::Authentication(_))
    }

    /// Whether this is a 403.
    pub fn is_permission_denied(&self) -> bool {
        matches!(self, Self::PermissionDenied(_))
    }

    /// Whether this is a 404.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::NotFound(_))
    }

    /// Whether this is a 409.
    pub fn is_conflict(&self) -> bool {
        matches!(self, Self::Conflict(_))
    }

    /// Whether this is a 422.
    pub fn is_unprocessable_entity(&self) -> bool {
        matches!(self, Self::UnprocessableEntity(_))
    }

    /// Whether this is a 429.
    pub fn is_rate_limit(&self) -> bool {
        matches!(self, Self::RateLimit(_))
    }

    /// Whether this is a 5xx.
    pub fn is_internal_server(&self) -> bool {
        matches!(self, Self::InternalServer(_))
    }

    /// Whether the call timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout(_))
    }

    /// Whether the connection failed.
    pub fn is_connection(&self) -> bool {
        matches!(self, Self::Connection(_))
    }

    pub(crate) fn decode(message: impl Into<String>, body: impl Into<Bytes>) -> Self {
        Self::Decode(DecodeError {
            message: message.into(),
            body: body.into(),
        })
    }

    pub(crate) fn connection(source: impl fmt::Display) -> Self {
        Self::Connection(ConnectionError {
            message: source.to_string(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Connection(e) => e.fmt(f),
            Self::Timeout(e) => e.fmt(f),
            Self::Decode(e) => e.fmt(f),
            Self::InvalidArgument(message) => write!(f, "invalid argument: {message}"),
            Self::BadRequest(e)
            | Self::Authentication(e)
            | Self::PermissionDenied(e)
            | Self::NotFound(e)
            | Self::Conflict(e)
            | Self::UnprocessableEntity(e)
            | Self::RateLimit(e)
            | Self::InternalServer(e)
            | Self::Status(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Connection(e) => Some(e),
            Self::Timeout(e) => Some(e),
            Self::Decode(e) => Some(e),
            _ => None,
        }
    }
}

/// An error status the API answered with: `Display` is `404 Not Found: <message>` (`404 Not Found` when the
/// body had no message), the same text in every SDK.
#[derive(Clone, Debug)]
pub struct ApiError {
    /// The HTTP status (0 for an error event inside a stream).
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The `x-request-id` (or `request-id`) header.
    pub request_id: Option<String>,
    /// The machine-readable code of the error envelope.
    pub code: Option<String>,
    /// The message of the error envelope, else `Error code: <status>`.
    pub message: String,
    /// The field the envelope names (`errors[0].field`, else `error.field`).
    pub field: Option<String>,
    /// The raw response body.
    pub body: Bytes,
    no_message: bool,
}

impl ApiError {
    /// The error of an answer with an error status.
    pub(crate) fn new(status: u16, headers: HeaderMap, body: Bytes) -> Self {
        let (mut message, mut code, mut field) = (String::new(), None, None);
        if let Ok(decoded) = serde_json::from_slice::<Value>(&body) {
            (message, code) = extract_error(&decoded);
            field = error_field(&decoded);
        }
        let no_message = message.is_empty();
        if no_message {
            message = format!("Error code: {status}");
        }
        Self {
            request_id: request_id(&headers),
            status,
            headers,
            code,
            message,
            field,
            body,
            no_message,
        }
    }

    /// An error the server sent inside a successful answer (an `event: error` of a stream).
    pub(crate) fn in_stream(data: &str) -> Self {
        let decoded = serde_json::from_str::<Value>(data).unwrap_or_else(|_| Value::from(data));
        let (mut message, code) = extract_error(&decoded);
        if message.is_empty() {
            message = data.to_owned();
        }
        Self {
            status: 0,
            headers: HeaderMap::new(),
            request_id: None,
            code,
            message,
            field: None,
            body: Bytes::copy_from_slice(data.as_bytes()),
            no_message: false,
        }
    }

    /// The response's `X-RateLimit-*` headers, `None` without any.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.status == 0 {
            return f.write_str(&self.message);
        }
        write!(f, "{}", self.status)?;
        if let Some(reason) = reason_phrase(self.status) {
            write!(f, " {reason}")?;
        }
        if self.no_message || self.message.is_empty() {
            return Ok(());
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ApiError {}

/// A request that got no response: the connection failed or broke.
#[derive(Clone, Debug)]
pub struct ConnectionError {
    message: String,
}

impl fmt::Display for ConnectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connection error: {}", self.message)
    }
}

impl std::error::Error for ConnectionError {}

/// A request that got no response within its timeout.
#[derive(Clone, Debug, Default)]
pub struct TimeoutError;

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("request timed out")
    }
}

impl std::error::Error for TimeoutError {}

/// A successful answer whose body is not what the operation declares; the raw body is kept.
#[derive(Clone, Debug)]
pub struct DecodeError {
    /// What is wrong with it.
    pub message: String,
    /// The raw body.
    pub body: Bytes,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// The `x-request-id` (else `request-id`) header.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "request-id"]
        .iter()
        .filter_map(|name| headers.get(*name)?.to_str().ok())
        .find(|id| !id.is_empty())
        .map(str::to_owned)
}

/// The reason phrase of an error status, as Go's `net/http` words it.
fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

fn text(value: Option<&Value>) -> Option<&str> {
    value.and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// An error code: a string, or a whole number's text.
fn code(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

fn from_error_list(items: &[Value]) -> (String, Option<String>) {
    let mut messages = Vec::new();
    let mut found_code = None;
    for item in items {
        match item {
            Value::String(s) => messages.push(s.as_str()),
            Value::Object(o) => {
                if let Some(t) = text(o.get("message")).or_else(|| text(o.get("msg"))) {
                    messages.push(t);
                }
                if found_code.is_none() {
                    found_code = code(o.get("code"));
                }
            }
            _ => {}
        }
    }
    (messages.join("; "), found_code)
}

/// The (message, code) of a decoded error body, `""`/`None` where absent. Envelopes, in order:
/// `{error: {message, code|type}}`, `{error: "text"}` (with OAuth's `error_description`),
/// `{errors: [{code, message}]}`, `{message, code}`, `{detail: str | [{msg}]}`, `{title}`.
pub(crate) fn extract_error(body: &Value) -> (String, Option<String>) {
    let Some(object) = body.as_object() else {
        return (String::new(), None);
    };
    match object.get("error") {
        Some(Value::Object(e)) => {
            let message = text(e.get("message")).unwrap_or_default();
            let found = code(e.get("code")).or_else(|| code(e.get("type")));
            if !message.is_empty() || found.is_some() {
                return (message.to_owned(), found);
            }
        }
        Some(Value::String(e)) if !e.is_empty() => {
            if let Some(description) = text(object.get("error_description")) {
                return (description.to_owned(), Some(e.clone()));
            }
            return (e.clone(), code(object.get("code")));
        }
        _ => {}
    }
    if let Some(Value::Array(list)) = object.get("errors") {
        let (message, found) = from_error_list(list);
        if !message.is_empty() {
            return (message, found);
        }
    }
    if let Some(message) = text(object.get("message")) {
        return (message.to_owned(), code(object.get("code")));
    }
    match object.get("detail") {
        Some(Value::String(detail)) if !detail.is_empty() => {
            return (detail.clone(), code(object.get("code")));
        }
        Some(Value::Array(list)) => {
            let (message, found) = from_error_list(list);
            if !message.is_empty() {
                return (message, found);
            }
        }
        _ => {}
    }
    if let Some(title) = text(object.get("title")) {
        return (title.to_owned(), code(object.get("code")));
    }
    (String::new(), None)
}

/// `errors[0].field`, else `error.field`, when a string.
fn error_field(body: &Value) -> Option<String> {
    let object = body.as_object()?;
    let first = match object.get("errors") {
        Some(Value::Array(list)) if !list.is_empty() => list.first(),
        _ => object.get("error"),
    };
    Some(first?.get("field")?.as_str()?.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parsed(body: Value) -> (String, Option<String>) {
        extract_error(&body)
    }

    #[test]
    fn envelopes() {
        let some = |s: &str| Some(s.to_owned());
        let cases = [
            (
                json!({"error": {"message": "bad", "code": "e1"}}),
                ("bad", some("e1")),
            ),
            (
                json!({"success": false, "error": {"message": "no", "type": "t"}}),
                ("no", some("t")),
            ),
            (json!({"error": {"code": 42}}), ("", some("42"))),
            (
                json!({"error": "invalid_grant", "error_description": "expired"}),
                ("expired", some("invalid_grant")),
            ),
            (json!({"error": "oops", "code": "c"}), ("oops", some("c"))),
            (
                json!({"errors": [{"code": "a", "message": "m1"}, "m2", {"msg": "m3", "code": "b"}]}),
                ("m1; m2; m3", some("a")),
            ),
            (json!({"message": "hi", "code": 1.5}), ("hi", None)),
            (json!({"detail": "gone"}), ("gone", None)),
            (
                json!({"detail": [{"msg": "x", "loc": []}, {"msg": "y"}]}),
                ("x; y", None),
            ),
            (json!({"title": "Bad", "code": "t"}), ("Bad", some("t"))),
            (
                json!({"error": {}, "message": "fallback"}),
                ("fallback", None),
            ),
            (json!(["not", "an", "object"]), ("", None)),
            (json!({"other": 1}), ("", None)),
        ];
        for (body, (message, code)) in cases {
            assert_eq!(parsed(body.clone()), (message.to_owned(), code), "{body}");
        }
    }

    #[test]
    fn field_of_the_first_error() {
        let body =
            json!({"errors": [{"code": "v", "message": "required", "field": "external_user_id"}]});
        assert_eq!(error_field(&body).as_deref(), Some("external_user_id"));
        let body = json!({"error": {"message": "m", "field": "name"}});
        assert_eq!(error_field(&body).as_deref(), Some("name"));
        assert_eq!(error_field(&json!({"errors": []})), None);
    }

    fn error(status: u16, body: &str) -> ApiError {
        ApiError::new(
            status,
            HeaderMap::new(),
            Bytes::copy_from_slice(body.as_bytes()),
        )
    }

    #[test]
    fn display_text() {
        assert_eq!(
            error(414, r#"{"message":"too long"}"#).to_string(),
            "414 Request URI Too Long: too long"
        );
        let teapot = error(418, "");
        assert_eq!(teapot.to_string(), "418 I'm a teapot");
        assert_eq!(teapot.message, "Error code: 418");
        assert_eq!(
            error(499, r#"{"error":{"message":"went away"}}"#).to_string(),
            "499: went away"
        );
        assert_eq!(
            error(500, "<html>").to_string(),
            "500 Internal Server Error"
        );
        let err = Error::from_status(error(404, r#"{"message":"nope","code":"missing"}"#));
        assert!(err.is_not_found());
        assert_eq!(err.status(), Some(404));
        assert_eq!(
            err.api_error().and_then(|e| e.code.as_deref()),
            Some("missing")
        );
        assert_eq!(err.to_string(), "404 Not Found: nope");
    }

    #[test]
    fn classes() {
        for (status, check) in [
            (400, Error::is_bad_request as fn(&Error) -> bool),
            (401, Error::is_authentication),
            (403, Error::is_permission_denied),
            (404, Error::is_not_found),
            (409, Error::is_conflict),
            (422, Error::is_unprocessable_entity),
            (429, Error::is_rate_limit),
            (503, Error::is_internal_server),
        ] {
            assert!(check(&Error::from_status(error(status, ""))), "{status}");
        }
        assert!(matches!(
            Error::from_status(error(418, "")),
            Error::Status(_)
        ));
    }

    #[test]
    fn request_id_header() {
        let mut headers = HeaderMap::new();
        headers.insert("request-id", "r2".parse().unwrap());
        assert_eq!(request_id(&headers).as_deref(), Some("r2"));
        headers.insert("x-request-id", "r1".parse().unwrap());
        assert_eq!(request_id(&headers).as_deref(), Some("r1"));
    }

    #[test]
    fn stream_error() {
        let e = ApiError::in_stream(r#"{"error":{"message":"overloaded","code":"busy"}}"#);
        assert_eq!(e.to_string(), "overloaded");
        assert_eq!(e.code.as_deref(), Some("busy"));
        assert_eq!(ApiError::in_stream("plain").message, "plain");
    }
}
