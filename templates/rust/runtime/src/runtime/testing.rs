//! End-to-end tests of the runtime against a tiny HTTP server that answers from a script.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::TryStreamExt;
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::tests::DEFAULTS;
use super::*;

/// One answer of the script: status 0 closes the connection without answering.
#[derive(Clone, Default)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
}

impl Reply {
    fn json(status: u16, body: Value) -> Self {
        Self::raw(status, body.to_string().as_bytes()).header("content-type", "application/json")
    }

    fn raw(status: u16, body: &[u8]) -> Self {
        Self {
            status,
            body: body.to_vec(),
            ..Self::default()
        }
    }

    fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// What the server received.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Log = Arc<Mutex<Vec<Seen>>>;

/// Serves the script, one reply per request in order (404 once it runs out); returns the base URL.
async fn serve(script: Vec<Reply>) -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log: Log = Arc::default();
    let seen = log.clone();
    tokio::spawn(async move {
        let mut script = script.into_iter();
        while let Ok((socket, _)) = listener.accept().await {
            let reply = script.next().unwrap_or_else(|| Reply::raw(404, b""));
            let seen = seen.clone();
            tokio::spawn(answer(socket, reply, seen));
        }
    });
    (base, log)
}

async fn answer(mut socket: TcpStream, reply: Reply, log: Log) {
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => data.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let (method, target) = (
        first.next().unwrap_or_default(),
        first.next().unwrap_or_default(),
    );
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length {
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
        }
    }
    log.lock().unwrap().push(Seen {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body,
    });
    tokio::time::sleep(reply.delay).await;
    if reply.status == 0 {
        return;
    }
    let mut out = format!(
        "HTTP/1.1 {} X\r\ncontent-length: {}\r\nconnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&reply.body);
    let _ = socket.write_all(&bytes).await;
    let _ = socket.shutdown().await;
}

fn seen(log: &Log) -> Vec<Seen> {
    log.lock().unwrap().clone()
}

fn core(base: &str) -> CoreBuilder {
    CoreBuilder::new(DEFAULTS).base_url(base)
}

#[derive(Debug, Deserialize, PartialEq)]
struct Widget {
    id: String,
}

fn create() -> Request {
    let mut r = Request::new(Method::POST, "/widgets");
    r.json_body(&json!({"name": "x"}));
    r.idempotent();
    r
}

#[tokio::test]
async fn retried_with_the_same_idempotency_key() {
    let (base, log) = serve(vec![
        Reply::json(503, json!({"message": "busy"})),
        Reply::json(429, json!({})).header("retry-after", "0"),
        Reply::json(201, json!({"id": "w_new"})),
    ])
    .await;
    let core = core(&base).build().unwrap();
    let widget: Widget = core.json(create()).await.unwrap();
    assert_eq!(widget.id, "w_new");
    let seen = seen(&log);
    assert_eq!(seen.len(), 3);
    let keys: Vec<_> = seen.iter().map(|s| s.header("idempotency-key")).collect();
    assert_eq!(keys[0].map(str::len), Some(36));
    assert!(keys.iter().all(|k| *k == keys[0]));
    assert_eq!(seen[0].body, br#"{"name":"x"}"#);
    assert!(seen.iter().all(|s| s.method == "POST"));
    assert_eq!(seen[0].header("user-agent"), Some("test/1.0 rust"));
}

#[tokio::test]
async fn caller_key_and_per_call_options() {
    let (base, log) = serve(vec![Reply::json(200, json!({"id": "w"}))]).await;
    let core = core(&base).build().unwrap();
    let mut r = create();
    r.query("a", &1, None);
    let call = core
        .json::<Widget>(r)
        .idempotency_key("mine")
        .header("X-Extra", "1")
        .query("a", "2");
    let (_, raw) = call.with_raw_response().await.unwrap();
    assert_eq!(raw.status, 200);
    let seen = seen(&log);
    assert_eq!(seen[0].header("idempotency-key"), Some("mine"));
    assert_eq!(seen[0].header("x-extra"), Some("1"));
    assert_eq!(seen[0].target, "/widgets?a=2");
}

#[tokio::test]
async fn errors_once_the_retries_are_spent() {
    let (base, log) = serve(vec![
        Reply::json(503, json!({"error": {"message": "down", "code": "d"}})),
        Reply::json(503, json!({"error": {"message": "down", "code": "d"}}))
            .header("x-ratelimit-limit", "10")
            .header("x-request-id", "req_1"),
        Reply::json(404, json!({"message": "gone"})),
    ])
    .await;
    let core = core(&base).max_retries(1).build().unwrap();
    let err = core
        .json::<Widget>(Request::new(Method::GET, "/w"))
        .await
        .unwrap_err();
    assert!(err.is_internal_server());
    assert_eq!(err.to_string(), "503 Service Unavailable: down");
    let api = err.api_error().unwrap();
    assert_eq!(api.request_id.as_deref(), Some("req_1"));
    assert_eq!(api.rate_limit().and_then(|r| r.limit), Some(10));
    let err = core
        .empty(Request::new(Method::GET, "/w"))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(seen(&log).len(), 3);
}

#[tokio::test]
async fn conflict_retried_only_when_told() {
    let (base, log) = serve(vec![
        Reply::json(409, json!({})).header("x-should-retry", "true"),
        Reply::json(409, json!({})),
        Reply::json(500, json!({})).header("x-should-retry", "false"),
    ])
    .await;
    let core = core(&base).build().unwrap();
    let err = core
        .empty(Request::new(Method::GET, "/w"))
        .await
        .unwrap_err();
    assert!(err.is_conflict());
    let err = core
        .empty(Request::new(Method::GET, "/w"))
        .await
        .unwrap_err();
    assert!(err.is_internal_server());
    assert_eq!(seen(&log).len(), 3);
}

#[tokio::test]
async fn timeouts_and_checks() {
    let (base, log) = serve(vec![
        Reply::json(200, json!({})).delay(Duration::from_millis(400)),
        Reply::json(200, json!({})).delay(Duration::from_millis(400)),
        Reply::raw(0, b""),
        Reply::json(503, json!({})),
        Reply::raw(200, b""),
    ])
    .await;
    let core = core(&base)
        .timeout(Duration::from_millis(50))
        .max_retries(0)
        .build()
        .unwrap();
    let err = core
        .empty(Request::new(Method::GET, "/slow"))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert!(!core.ok(Request::new(Method::GET, "/slow")).await.unwrap());
    assert!(!core.ok(Request::new(Method::GET, "/reset")).await.unwrap());
    let failed = core
        .ok(Request::new(Method::GET, "/h"))
        .with_raw_response()
        .await;
    assert_eq!(failed.unwrap_err().status(), Some(503));
    assert!(core.ok(Request::new(Method::GET, "/h")).await.unwrap());
    assert_eq!(seen(&log).len(), 5);
    let mut bad = Request::new(Method::GET, "/w/{id}");
    bad.path_param("id", &"", None);
    assert!(core.ok(bad).await.is_err());
}

#[tokio::test]
async fn connection_refused() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let core = core(&base).max_retries(1).build().unwrap();
    let err = core
        .empty(Request::new(Method::GET, "/"))
        .await
        .unwrap_err();
    assert!(err.is_connection(), "{err}");
}

#[tokio::test]
async fn dropping_the_future_cancels_the_call() {
    let (base, log) = serve(vec![
        Reply::json(503, json!({})).header("retry-after", "30"),
    ])
    .await;
    let core = core(&base).build().unwrap();
    let call = core.empty(Request::new(Method::GET, "/")).into_future();
    assert!(
        tokio::time::timeout(Duration::from_millis(200), call)
            .await
            .is_err()
    );
    assert_eq!(seen(&log).len(), 1);
}

struct Mark(Arc<Mutex<Vec<u16>>>);

impl Hook for Mark {
    fn on_request(&self, request: &mut reqwest::Request) {
        request
            .headers_mut()
            .insert("x-hook", reqwest::header::HeaderValue::from_static("on"));
    }

    fn on_response(&self, response: &reqwest::Response) {
        self.0.lock().unwrap().push(response.status().as_u16());
    }
}

#[tokio::test]
async fn hooks_see_every_attempt() {
    let (base, log) = serve(vec![
        Reply::json(503, json!({})),
        Reply::json(200, json!({"id": "w_1"})),
    ])
    .await;
    let statuses = Arc::new(Mutex::new(Vec::new()));
    let core = core(&base).hook(Mark(statuses.clone())).build().unwrap();
    let w: Widget = core.json(Request::new(Method::GET, "/w")).await.unwrap();
    assert_eq!(w.id, "w_1");
    assert_eq!(*statuses.lock().unwrap(), [503, 200]);
    assert!(seen(&log).iter().all(|s| s.header("x-hook") == Some("on")));
}

#[tokio::test]
async fn client_credentials_refetched_after_a_401() {
    let (base, log) = serve(vec![
        Reply::json(200, json!({"access_token": "a1", "expires_in": 3600})),
        Reply::json(401, json!({})),
        Reply::json(200, json!({"access_token": "a2"})),
        Reply::json(200, json!({"id": "w"})),
        Reply::json(200, json!({"id": "w"})),
    ])
    .await;
    let provider =
        AuthProvider::client_credentials("/oauth/token", Some("id".into()), Some("s e".into()));
    let core = core(&base).auth("key", provider).build().unwrap();
    core.empty(Request::new(Method::GET, "/w")).await.unwrap();
    core.empty(Request::new(Method::GET, "/w")).await.unwrap();
    let seen = seen(&log);
    assert_eq!(seen.len(), 5);
    assert_eq!(seen[0].target, "/oauth/token");
    assert_eq!(
        seen[0].body,
        b"grant_type=client_credentials&client_id=id&client_secret=s+e"
    );
    assert_eq!(seen[1].header("authorization"), Some("Bearer a1"));
    assert_eq!(seen[3].header("authorization"), Some("Bearer a2"));
    assert_eq!(seen[4].header("authorization"), Some("Bearer a2"));
}

fn login_core(base: &str) -> Core {
    let settings = LoginSettings {
        refresh_token: &["refresh_token"],
        expires_in: &["expires_in"],
        refresh_path: "/auth/refresh",
        ..LoginSettings::default()
    };
    core(base)
        .auth("key", AuthProvider::login(None, settings))
        .build()
        .unwrap()
}

fn login_reply() -> Reply {
    Reply::json(
        200,
        json!({"data": {"access_token": "t1", "refresh_token": "r1", "expires_in": 1}}),
    )
}

#[tokio::test]
async fn login_token_refreshed_with_retries() {
    let (base, log) = serve(vec![
        login_reply(),
        Reply::json(503, json!({})),
        Reply::json(200, json!({"access_token": "t2", "expires_in": 3600})),
        Reply::json(200, json!({})),
    ])
    .await;
    let core = login_core(&base);
    let mut login = Request::new(Method::POST, "/auth/login");
    login.security(&[]);
    core.login(login, "key").await.unwrap();
    core.empty(Request::new(Method::GET, "/w")).await.unwrap();
    let seen = seen(&log);
    assert_eq!(seen[1].target, "/auth/refresh");
    assert_eq!(seen[1].body, br#"{"refresh_token":"r1"}"#);
    assert_eq!(seen[2].target, "/auth/refresh");
    assert_eq!(seen[3].header("authorization"), Some("Bearer t2"));
}

#[tokio::test]
async fn login_refresh_refused_ends_the_call() {
    let (base, log) = serve(vec![
        login_reply(),
        Reply::json(401, json!({"message": "bad refresh token"})),
    ])
    .await;
    let core = login_core(&base);
    let mut login = Request::new(Method::POST, "/auth/login");
    login.security(&[]);
    core.login(login, "key").await.unwrap();
    let err = core
        .empty(Request::new(Method::GET, "/w"))
        .await
        .unwrap_err();
    assert!(err.is_authentication());
    assert_eq!(seen(&log).len(), 2);
}

#[tokio::test]
async fn pages_walked_lazily() {
    let (base, log) = serve(vec![
        Reply::json(
            200,
            json!({"data": [{"id": "w_1"}, {"id": "w_2"}], "next_cursor": "c2"}),
        ),
        Reply::json(200, json!({"data": [{"id": "w_3"}], "next_cursor": null})),
        Reply::json(200, json!({"data": [{"id": "w_1"}], "next_cursor": "c2"})),
    ])
    .await;
    let core = core(&base).build().unwrap();
    let pager = || Pager::new("cursor", &["data"]).with("next_cursor", &["next_cursor"]);
    let mut r = Request::new(Method::GET, "/widgets");
    r.query("limit", &2, None);
    let items: Vec<Widget> = core
        .page(r.clone(), pager())
        .items()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = items.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, ["w_1", "w_2", "w_3"]);
    let page: Page<Widget> = core.page(r, pager()).await.unwrap();
    assert!(page.has_next_page());
    assert_eq!(page.items.len(), 1);
    let targets: Vec<String> = seen(&log).into_iter().map(|s| s.target).collect();
    assert_eq!(
        targets,
        [
            "/widgets?limit=2",
            "/widgets?limit=2&cursor=c2",
            "/widgets?limit=2"
        ]
    );
}

#[tokio::test]
async fn streams_and_downloads() {
    let events =
        "id: e1\ndata: {\"id\": \"a\"}\n\n: keep-alive\ndata: {\"id\": \"b\"}\n\ndata: [DONE]\n\n";
    let (base, log) = serve(vec![
        Reply::raw(200, events.as_bytes()).header("content-type", "text/event-stream"),
        Reply::raw(200, &[0, 1, 2, 255]).header("content-type", "application/octet-stream"),
        Reply::json(404, json!({"message": "file not found", "code": "missing"})),
    ])
    .await;
    let core = core(&base).build().unwrap();
    let stream = core
        .sse::<Widget>(Request::new(Method::GET, "/events"))
        .await
        .unwrap();
    let items: Vec<Widget> = stream.try_collect().await.unwrap();
    assert_eq!(items.len(), 2);
    let file = core.binary(Request::new(Method::GET, "/f")).await.unwrap();
    assert_eq!(file.content_type(), Some("application/octet-stream"));
    assert_eq!(file.bytes().await.unwrap().as_ref(), [0, 1, 2, 255]);
    let err = core
        .binary(Request::new(Method::GET, "/f"))
        .await
        .unwrap_err();
    assert_eq!(
        err.api_error().and_then(|e| e.code.as_deref()),
        Some("missing")
    );
    assert_eq!(seen(&log)[0].header("accept"), Some("text/event-stream"));
}

#[tokio::test]
async fn multipart_retried_byte_for_byte() {
    let (base, log) = serve(vec![
        Reply::json(503, json!({})),
        Reply::json(201, json!({"id": "f"})),
    ])
    .await;
    let core = core(&base).build().unwrap();
    let mut r = Request::new(Method::POST, "/files");
    r.file_field(
        "file",
        File::from_bytes("a.txt", "hello").content_type("text/plain"),
    );
    r.multipart_field("purpose", &"x", None);
    r.idempotent();
    core.empty(r).await.unwrap();
    let seen = seen(&log);
    assert_eq!(seen[0].body, seen[1].body);
    assert_eq!(
        seen[0].header("content-type"),
        seen[1].header("content-type")
    );
    assert!(
        seen[0]
            .header("content-type")
            .is_some_and(|c| c.starts_with("multipart/form-data; boundary="))
    );
}

#[tokio::test]
async fn oauth_code_flow() {
    let (base, log) = serve(vec![
        Reply::json(
            200,
            json!({"access_token": "a1", "refresh_token": "r1", "expires_in": 3600}),
        ),
        Reply::json(200, json!({})),
        Reply::json(
            400,
            json!({"error": "invalid_grant", "error_description": "expired"}),
        ),
        Reply::json(200, json!({})),
    ])
    .await;
    let endpoints = OAuthEndpoints {
        authorization_url: "https://auth.example.com/authorize",
        token_url: "/oauth/token",
        refresh_url: "/oauth/token",
        revoke_url: "/oauth/revoke",
        scopes: &["read", "write"],
    };
    let provider =
        AuthProvider::authorization_code(endpoints, Some("cid".into()), None, None, None);
    let core = core(&base).auth("oauth2", provider).build().unwrap();
    let oauth = core.oauth("oauth2");
    let request = oauth
        .authorization_url(AuthorizationUrlParams {
            redirect_uri: "https://app/cb".into(),
            state: Some("st".into()),
            code_verifier: Some("v".into()),
            ..AuthorizationUrlParams::default()
        })
        .unwrap();
    assert_eq!(
        request.url,
        "https://auth.example.com/authorize?response_type=code&client_id=cid&redirect_uri=https%3A%2F%2Fapp%2Fcb\
         &scope=read%20write&state=st&code_challenge=TJRIXgwhrmxBzh3-e2v6zupato5AokdvUCCOUm9QYIA&code_challenge_method=S256"
    );
    let tokens = oauth
        .exchange_code("c1", "https://app/cb", Some("v"))
        .await
        .unwrap();
    assert_eq!(tokens.refresh_token.as_deref(), Some("r1"));
    let mut call = Request::new(Method::GET, "/w");
    call.security(&[&["oauth2"]]);
    core.empty(call).await.unwrap();
    let err = oauth.refresh().await.unwrap_err();
    assert!(err.is_bad_request());
    assert_eq!(err.to_string(), "400 Bad Request: expired");
    oauth.revoke(None).await.unwrap();
    assert_eq!(oauth.tokens(), None);
    let seen = seen(&log);
    assert_eq!(
        seen[0].body,
        b"grant_type=authorization_code&code=c1&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_id=cid&code_verifier=v"
    );
    assert_eq!(seen[1].header("authorization"), Some("Bearer a1"));
    assert_eq!(seen[3].body, b"token=r1&client_id=cid");
}
