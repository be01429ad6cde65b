//! The Rust conformance driver: every scenario through the generated conformance SDK, one JSON line each.
//!
//! ```text
//! driver --server URL --scenarios FILE
//! ```
//!
//! The build step (tests/conformance/rust/build.py) writes this crate's Cargo.toml with a path dependency on
//! the generated SDK. Scenario steps name calls as `resource.method` with wire-name arguments; here they become
//! SDK calls, and what the SDK returned or failed with is printed the way the Python and Go drivers print it.

use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use conformance::models::{Event, Gadget, Nullable, Part, Record, Shape, Widget};
use conformance::resources::{files, records, widgets, wire};
use conformance::{
    AuthConfig, AuthorizationUrlParams, Call, Client, Error, File, Hook, OAuthTokens, Page,
    RateLimit, RetryConfig,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

type Object = Map<String, Value>;

/// How long a cancelled call may take to end.
const CANCEL_GRACE: Duration = Duration::from_millis(500);

/// The refresh token of every set the client's token hook heard of, this scenario.
static SAVED_TOKENS: Mutex<Vec<Value>> = Mutex::new(Vec::new());

#[tokio::main]
async fn main() {
    let (mut server, mut file) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--server" => server = args.next(),
            "--scenarios" => file = args.next(),
            _ => fail(&format!("unknown argument {arg}")),
        }
    }
    let (Some(server), Some(file)) = (server, file) else {
        fail("usage: driver --server URL --scenarios FILE")
    };
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| fail(&format!("{file}: {e}")));
    let scenarios: Vec<Object> =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{file}: {e}")));
    if std::env::var_os("CONFORMANCE_API_KEY").is_none() {
        fail("CONFORMANCE_API_KEY is not set (the harness sets it)");
    }
    let http = reqwest::Client::new();
    for scenario in &scenarios {
        begin(&http, &server, text_of(scenario, "id")).await;
        let observation = run(scenario, &server).await;
        println!("{observation}");
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}

async fn begin(http: &reqwest::Client, server: &str, id: &str) {
    SAVED_TOKENS.lock().unwrap().clear();
    let url = format!("{server}/_conformance/begin?scenario={}", escape(id));
    if let Err(e) = http
        .post(url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
    {
        fail(&format!("beginning {id}: {e}"));
    }
}

/// A query value percent-encoded: everything but RFC 3986's unreserved characters.
fn escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

// ------------------------------------------------------------------------------------------------ arguments

fn text_of<'a>(object: &'a Object, name: &str) -> &'a str {
    object.get(name).and_then(Value::as_str).unwrap_or_default()
}

fn seconds(value: &Value) -> Duration {
    Duration::from_secs_f64(value.as_f64().unwrap_or_default())
}

fn count(value: &Value) -> u32 {
    value
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or_default()
}

/// `args[name]` (a wire name) as a `T`, `None` when the step does not give it.
fn opt<T: DeserializeOwned>(args: &Object, name: &str) -> Option<T> {
    let value = args.get(name)?;
    Some(
        serde_json::from_value(value.clone())
            .unwrap_or_else(|e| fail(&format!("argument {name}: {e}"))),
    )
}

/// `args[name]` as a `T` (its default when the step does not give it).
fn value<T: DeserializeOwned + Default>(args: &Object, name: &str) -> T {
    opt(args, name).unwrap_or_default()
}

fn upload(args: &Object) -> File {
    let spec = args
        .get("file")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    File::from_bytes(
        text_of(&spec, "filename"),
        text_of(&spec, "text").as_bytes().to_vec(),
    )
    .content_type(text_of(&spec, "content_type"))
}

// ------------------------------------------------------------------------------------------------ the client

/// The request hook adds `X-Hook: on`; the response hook records every status.
struct Recorder(Arc<Mutex<Vec<Value>>>);

impl Hook for Recorder {
    fn on_request(&self, request: &mut reqwest::Request) {
        request
            .headers_mut()
            .insert("X-Hook", reqwest::header::HeaderValue::from_static("on"));
    }

    fn on_response(&self, response: &reqwest::Response) {
        self.0
            .lock()
            .unwrap()
            .push(json!(response.status().as_u16()));
    }
}

fn client(spec: &Object, server: &str, hooks: &Arc<Mutex<Vec<Value>>>) -> Result<Client, Error> {
    let mut builder = Client::builder();
    if text_of(spec, "credentials") != "env" {
        builder = builder
            .api_key("test-key")
            .api_key_query("query-key")
            .bearer_auth_token("bearer-token")
            .username("user")
            .password("pass")
            .client_id("client-id")
            .client_secret("client-secret");
    }
    let region = spec.get("region").and_then(Value::as_str);
    if let Some(region) = region {
        let address = server.trim_start_matches("http://");
        let (host, port) = address.split_once(':').unwrap_or((address, ""));
        builder = builder.host(host).port(port).region(region);
    }
    if region.is_none() || text_of(spec, "base_url") == "given" {
        builder = builder.base_url(format!("{server}/us"));
    }
    if let Some(n) = spec.get("max_retries") {
        builder = builder.max_retries(count(n));
    }
    if let Some(timeout) = spec.get("timeout") {
        builder = builder.timeout(seconds(timeout));
    }
    if let Some(config) = spec.get("retry_config").and_then(Value::as_object) {
        builder = builder.retry_config(RetryConfig {
            max_retries: config.get("max_retries").map(count),
            base_delay: config.get("base_delay").map(seconds),
            max_delay: config.get("max_delay").map(seconds),
            exponential_backoff: config.get("exponential_backoff").and_then(Value::as_bool),
        });
    }
    if let Some(config) = spec.get("auth_config").and_then(Value::as_object) {
        builder = builder.auth_config(AuthConfig {
            refresh_buffer: config.get("refresh_buffer_seconds").map(seconds),
            max_refresh_retries: config.get("max_refresh_retries").map(count),
        });
    }
    if let Some(headers) = spec.get("default_headers").and_then(Value::as_object) {
        for (name, value) in headers {
            builder = builder.default_header(
                name,
                value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned),
            );
        }
    }
    if let Some(stored) = spec.get("oauth_tokens").and_then(Value::as_object) {
        let expires_in = stored.get("expires_in").map(seconds).unwrap_or_default();
        builder = builder.oauth_tokens(OAuthTokens {
            access_token: text_of(stored, "access_token").to_owned(),
            refresh_token: Some(text_of(stored, "refresh_token").to_owned()),
            expires_at: Some(SystemTime::now() + expires_in),
            scope: None,
        });
    }
    builder = builder.on_oauth_tokens(|tokens: &OAuthTokens| {
        SAVED_TOKENS
            .lock()
            .unwrap()
            .push(json!(tokens.refresh_token));
    });
    if spec.get("hooks").and_then(Value::as_bool) == Some(true) {
        builder = builder.hook(Recorder(Arc::clone(hooks)));
    }
    builder.build()
}

/// The step's per-call options on `call` (extra query parameters in name order: a JSON object's is lost).
fn with_options<T>(mut call: Call<T>, step: &Object) -> Call<T> {
    let Some(options) = step.get("options").and_then(Value::as_object) else {
        return call;
    };
    for (name, value) in options {
        call = match name.as_str() {
            "max_retries" => call.max_retries(count(value)),
            "timeout" => call.timeout(seconds(value)),
            "idempotency_key" => call.idempotency_key(value.as_str().unwrap_or_default()),
            "headers" => {
                for (header, text) in value.as_object().into_iter().flatten() {
                    call = call.header(header, plain(text));
                }
                call
            }
            "query" => {
                let query = value.as_object().cloned().unwrap_or_default();
                let mut names: Vec<&String> = query.keys().collect();
                names.sort();
                for name in names {
                    call = call.query(name, plain(&query[name]));
                }
                call
            }
            _ => fail(&format!("unknown call option {name}")),
        };
    }
    call
}

/// A JSON value as the text of a header or query parameter.
fn plain(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

// ------------------------------------------------------------------------------------------------ scenarios

async fn run(scenario: &Object, server: &str) -> Value {
    let hooks = Arc::new(Mutex::new(Vec::new()));
    let spec = scenario
        .get("client")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let steps: Vec<Object> = scenario
        .get("steps")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_object().cloned())
        .collect();
    let mut observed = Vec::new();
    match client(&spec, server, &hooks) {
        Err(error) => {
            // a client that cannot be made: every step sees why
            let why = json!({"error": error_observation(&error)});
            observed = steps.iter().map(|_| why.clone()).collect();
        }
        Ok(client) => {
            for step in &steps {
                let started = Instant::now();
                let outcome = match step.get("cancel_after") {
                    // the driver cancels the call after cancel_after seconds: it drops the call's future
                    Some(after) => {
                        match tokio::time::timeout(seconds(after), run_step(&client, step)).await {
                            Ok(outcome) => outcome,
                            Err(_) => Ok(cancelled(step, started)),
                        }
                    }
                    None => run_step(&client, step).await,
                };
                observed.push(
                    outcome.unwrap_or_else(|error| json!({"error": error_observation(&error)})),
                );
            }
        }
    }
    let mut out = json!({"scenario": scenario.get("id"), "steps": observed});
    if spec.get("hooks").and_then(Value::as_bool) == Some(true) {
        out["hooks"] = Value::Array(hooks.lock().unwrap().clone());
    }
    out
}

/// A cancelled call: prompt when it ended within CANCEL_GRACE of the cancel.
fn cancelled(step: &Object, started: Instant) -> Value {
    let after = step.get("cancel_after").map(seconds).unwrap_or_default();
    let late = started.elapsed().saturating_sub(after) > CANCEL_GRACE;
    json!({"cancelled": if late { "late" } else { "prompt" }})
}

/// A result as JSON with wire names: fields that were not sent left out, unknown fields kept.
fn wire<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or_else(|e| Value::String(format!("unencodable: {e}")))
}

fn error_observation(error: &Error) -> Value {
    if let Some(api) = error.api_error() {
        let body = if api.body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&api.body)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&api.body).into_owned()))
        };
        return json!({
            "type": error_type(error), "status": api.status, "message": api.message, "code": api.code,
            "request_id": api.request_id, "body": body, "text": error.to_string(), "field": api.field,
            "rate_limit": rate_limit(api.rate_limit()),
        });
    }
    match error {
        Error::Timeout(_) => json!({"type": "APITimeoutError"}),
        Error::Connection(_) => json!({"type": "APIConnectionError"}),
        Error::Decode(_) => json!({"type": "APIResponseValidationError"}),
        Error::InvalidArgument(message) => json!({"type": "invalid_argument", "message": message}),
        other => json!({"type": "RustError", "message": other.to_string()}),
    }
}

/// The Python class name of an API error's status class.
fn error_type(error: &Error) -> &'static str {
    match error {
        Error::BadRequest(_) => "BadRequestError",
        Error::Authentication(_) => "AuthenticationError",
        Error::PermissionDenied(_) => "PermissionDeniedError",
        Error::NotFound(_) => "NotFoundError",
        Error::Conflict(_) => "ConflictError",
        Error::UnprocessableEntity(_) => "UnprocessableEntityError",
        Error::RateLimit(_) => "RateLimitError",
        Error::InternalServer(_) => "InternalServerError",
        _ => "APIStatusError",
    }
}

/// The observation of a response's X-RateLimit-* headers.
fn rate_limit(limit: Option<RateLimit>) -> Value {
    limit.map_or(
        Value::Null,
        |l| json!({"limit": l.limit, "remaining": l.remaining, "reset": l.reset}),
    )
}

/// What a call gives, observed as the step asks: its result, or its raw response.
async fn finish<T: Serialize + 'static>(call: Call<T>, step: &Object) -> Result<Value, Error> {
    let call = with_options(call, step);
    if text_of(step, "observe") != "raw" {
        return Ok(json!({"result": wire(&call.await?)}));
    }
    let (result, raw) = call.with_raw_response().await?;
    let body: Value = serde_json::from_slice(&raw.body).unwrap_or(Value::Null);
    Ok(json!({"raw": {
        "status": raw.status, "request_id": raw.request_id(), "result": wire(&result), "body": body,
        "rate_limit": rate_limit(raw.rate_limit()),
    }}))
}

/// The first page of a list call: its items' ids and whether there is a next page.
async fn page<T: DeserializeOwned + Send + 'static>(
    call: Call<Page<T>>,
    step: &Object,
    id: fn(&T) -> &str,
) -> Result<Value, Error> {
    let page = with_options(call, step).await?;
    let items: Vec<&str> = page.items.iter().map(id).collect();
    Ok(json!({"page": {"items": items, "has_next": page.has_next_page()}}))
}

/// Every item of every page of a list call, by id.
async fn walk<T: DeserializeOwned + Send + 'static>(
    call: Call<Page<T>>,
    step: &Object,
    id: fn(&T) -> &str,
) -> Result<Value, Error> {
    let mut items = pin!(with_options(call, step).items());
    let mut ids = Vec::new();
    while let Some(item) = items.try_next().await? {
        ids.push(id(&item).to_owned());
    }
    Ok(json!({"walk": ids}))
}

fn widget_id(widget: &Widget) -> &str {
    &widget.id
}

fn record_id(record: &Record) -> &str {
    &record.id
}

/// The variant a Shape decoded into (null for null or absent).
fn shape_variant(shape: Option<&Shape>) -> Value {
    match shape {
        Some(Shape::Circle(_)) => json!("Circle"),
        Some(Shape::Square(_)) => json!("Square"),
        _ => Value::Null,
    }
}

/// The variant of the gadget's `field` union (`part` or `casing`).
fn gadget_variant(gadget: &Gadget, field: &str) -> Value {
    if field == "part" {
        return match &gadget.part {
            Part::Gear(_) => json!("Gear"),
            Part::Spring(_) => json!("Spring"),
            _ => Value::Null,
        };
    }
    match &gadget.casing {
        Nullable::Value(shape) => shape_variant(Some(shape)),
        _ => Value::Null,
    }
}

async fn run_step(client: &Client, step: &Object) -> Result<Value, Error> {
    if let Some(value) = step.get("sleep") {
        tokio::time::sleep(seconds(value)).await;
        return Ok(json!({"slept": value}));
    }
    if let Some(login) = step.get("authenticate").and_then(Value::as_object) {
        client
            .authenticate(text_of(login, "email"), text_of(login, "password"))
            .await?;
        return Ok(json!({"authenticated": true}));
    }
    if let Some(observed) = oauth_step(client, step).await {
        return observed;
    }
    call_step(client, step).await
}

async fn call_step(client: &Client, step: &Object) -> Result<Value, Error> {
    let args = step
        .get("args")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let args = &args;
    let observe = text_of(step, "observe");
    let call = text_of(step, "call");
    match call {
        "widgets.get" if observe == "variant" => {
            let widget =
                with_options(client.widgets().get(text_of(args, "widget_id")), step).await?;
            Ok(json!({"variant": shape_variant(widget.shape.as_ref())}))
        }
        "widgets.get" => finish(client.widgets().get(text_of(args, "widget_id")), step).await,
        "gadgets.get" if observe == "variant" => {
            let gadget =
                with_options(client.gadgets().get(text_of(args, "gadget_id")), step).await?;
            let field = step
                .get("field")
                .and_then(Value::as_str)
                .unwrap_or("casing");
            Ok(json!({"variant": gadget_variant(&gadget, field)}))
        }
        "gadgets.get" => finish(client.gadgets().get(text_of(args, "gadget_id")), step).await,
        "widgets.delete" => finish(client.widgets().delete(text_of(args, "widget_id")), step).await,
        "widgets.create" => finish(client.widgets().create(value(args, "body")), step).await,
        "widgets.update" => {
            finish(
                client
                    .widgets()
                    .update(text_of(args, "widget_id"), value(args, "body")),
                step,
            )
            .await
        }
        "widgets.list" => {
            let params = widgets::ListParams {
                cursor: opt(args, "cursor"),
                limit: opt(args, "limit"),
            };
            let call = client.widgets().list(params);
            match observe {
                "walk" => walk(call, step, widget_id).await,
                _ => page(call, step, widget_id).await,
            }
        }
        "records.list_by_offset" => {
            let params = records::ListByOffsetParams {
                offset: opt(args, "offset"),
                limit: opt(args, "limit"),
            };
            walk(client.records().list_by_offset(params), step, record_id).await
        }
        "records.list_by_page" => {
            let params = records::ListByPageParams {
                page: opt(args, "page"),
                per_page: opt(args, "per_page"),
            };
            walk(client.records().list_by_page(params), step, record_id).await
        }
        "records.list_by_link" => {
            let params = records::ListByLinkParams {
                page: opt(args, "page"),
                per_page: opt(args, "per_page"),
            };
            walk(client.records().list_by_link(params), step, record_id).await
        }
        "records.list_by_key" => {
            let params = records::ListByKeyParams {
                exclusive_start_key: opt(args, "exclusiveStartKey"),
                limit: opt(args, "limit"),
            };
            walk(client.records().list_by_key(params), step, record_id).await
        }
        "records.list_after" => {
            let params = records::ListAfterParams {
                starting_after: opt(args, "starting_after"),
                limit: opt(args, "limit"),
            };
            walk(client.records().list_after(params), step, record_id).await
        }
        "records.search" => {
            let params = records::SearchParams {
                query: value(args, "query"),
                page: opt(args, "page"),
                limit: opt(args, "limit"),
            };
            walk(client.records().search(params), step, record_id).await
        }
        "envelopes.data_meta" => finish(client.envelopes().data_meta(), step).await,
        "envelopes.success" => finish(client.envelopes().success(), step).await,
        "files.upload" => {
            let params = files::UploadParams {
                file: upload(args),
                purpose: value(args, "purpose"),
            };
            finish(client.files().upload(params), step).await
        }
        "files.download" => {
            let binary =
                with_options(client.files().download(text_of(args, "file_id")), step).await?;
            let content = binary.bytes().await?;
            let sum: String = Sha256::digest(&content)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            Ok(json!({"bytes": {"length": content.len(), "sha256": sum}}))
        }
        "events.stream" => {
            let mut stream = pin!(with_options(client.events().stream(), step).await?);
            let mut events = Vec::new();
            while let Some(event) = stream.try_next().await? {
                let event: Event = event;
                events.push(wire(&event));
            }
            Ok(json!({"events": events}))
        }
        "wire.path_simple" | "wire.path_label" | "wire.path_matrix" => {
            let (p, a, o, ae, oe) = (
                text_of(args, "p"),
                value(args, "a"),
                value(args, "o"),
                value(args, "ae"),
                value(args, "oe"),
            );
            let resource = client.wire();
            let call = match call {
                "wire.path_simple" => resource.path_simple(p, a, o, ae, oe),
                "wire.path_label" => resource.path_label(p, a, o, ae, oe),
                _ => resource.path_matrix(p, a, o, ae, oe),
            };
            finish(call, step).await
        }
        "wire.query" => {
            let params = wire::QueryParams {
                p: opt(args, "p"),
                a: opt(args, "a"),
                o: opt(args, "o"),
                a_flat: opt(args, "a_flat"),
                o_flat: opt(args, "o_flat"),
                a_space: opt(args, "a_space"),
                o_space: opt(args, "o_space"),
                a_pipe: opt(args, "a_pipe"),
                o_pipe: opt(args, "o_pipe"),
                a_pipe_exploded: opt(args, "a_pipe_exploded"),
                deep: opt(args, "deep"),
                deep_nested: opt(args, "deep_nested"),
                deep_brackets: opt(args, "deep_brackets"),
                deep_repeat: opt(args, "deep_repeat"),
                expand: opt(args, "expand"),
                items: opt(args, "items"),
                reserved: opt(args, "reserved"),
                text: opt(args, "text"),
                json: opt(args, "json"),
                n: opt(args, "n"),
                num: opt(args, "num"),
                b: opt(args, "b"),
            };
            finish(client.wire().query(params), step).await
        }
        "wire.flagged" => {
            finish(
                client
                    .wire()
                    .flagged(wire::FlaggedParams { q: opt(args, "q") }),
                step,
            )
            .await
        }
        "wire.headers" => {
            let params = wire::HeadersParams {
                x_p: opt(args, "X-P"),
                x_a: opt(args, "X-A"),
                x_o: opt(args, "X-O"),
                x_o_exploded: opt(args, "X-O-Exploded"),
            };
            finish(client.wire().headers(params), step).await
        }
        "wire.cookies" => {
            let params = wire::CookiesParams {
                c_p: opt(args, "c_p"),
                c_a: opt(args, "c_a"),
                c_o: opt(args, "c_o"),
                c_a_flat: opt(args, "c_a_flat"),
                c_o_flat: opt(args, "c_o_flat"),
            };
            finish(client.wire().cookies(params), step).await
        }
        "wire.form" => finish(client.wire().form(value(args, "body")), step).await,
        "wire.multipart" => {
            let params = wire::MultipartParams {
                file: upload(args),
                meta: opt(args, "meta"),
                tags: opt(args, "tags"),
                link: opt(args, "link"),
                table: opt(args, "table"),
            };
            finish(client.wire().multipart(params), step).await
        }
        "reports.get" => finish(client.reports().get(text_of(args, "report_id")), step).await,
        "auth.check_api_key_query" => finish(client.auth().check_api_key_query(), step).await,
        "auth.check_bearer" => finish(client.auth().check_bearer(), step).await,
        "auth.check_basic" => finish(client.auth().check_basic(), step).await,
        "auth.check_oauth2" => finish(client.auth().check_oauth2(), step).await,
        "auth.me" => finish(client.auth().me(), step).await,
        "auth.status" => finish(client.auth().status(), step).await,
        "health.check" => finish(client.health().check(), step).await,
        other => fail(&format!("the driver does not know the call {other}")),
    }
}

// ------------------------------------------------------------------------------------------------ OAuth2

fn tokens_observation(tokens: Option<&OAuthTokens>) -> Value {
    let tokens = tokens.map(|t| {
        json!({"access_token": t.access_token, "refresh_token": t.refresh_token, "expires": t.expires_at.is_some()})
    });
    json!({"tokens": tokens, "saved": SAVED_TOKENS.lock().unwrap().clone()})
}

/// A URL's path and its query, parsed (the first value of each name) and as built.
fn split_url(url: &str) -> Value {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (address, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = address.find('/').map_or("/", |at| &address[at..]);
    let mut parsed = Object::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        parsed
            .entry(unescape(name))
            .or_insert_with(|| Value::String(unescape(value)));
    }
    json!({"path": unescape(path), "query": parsed, "raw_query": query})
}

/// A percent-encoded query component decoded (`+` is a space, as every URL parser reads a query).
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes
            .get(at + 1..at + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[at], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                at += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                at += 1;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A step of the OAuth2 authorization code flow; `None` for any other step.
async fn oauth_step(client: &Client, step: &Object) -> Option<Result<Value, Error>> {
    if let Some(args) = step.get("oauth_url").and_then(Value::as_object) {
        let params = AuthorizationUrlParams {
            redirect_uri: text_of(args, "redirect_uri").to_owned(),
            scopes: opt(args, "scopes"),
            state: opt(args, "state"),
            code_verifier: opt(args, "code_verifier"),
        };
        return Some(client.oauth().authorization_url(params).map(|request| {
            json!({"authorization_url": split_url(&request.url), "state": request.state,
                   "code_verifier": request.code_verifier})
        }));
    }
    if let Some(args) = step.get("oauth_exchange").and_then(Value::as_object) {
        let exchanged = client
            .oauth()
            .exchange_code(
                text_of(args, "code"),
                text_of(args, "redirect_uri"),
                args.get("code_verifier").and_then(Value::as_str),
            )
            .await;
        return Some(exchanged.map(|tokens| tokens_observation(Some(&tokens))));
    }
    if step.contains_key("oauth_tokens") {
        return Some(Ok(tokens_observation(client.oauth().tokens().as_ref())));
    }
    if let Some(args) = step.get("oauth_revoke").and_then(Value::as_object) {
        let revoked = client
            .oauth()
            .revoke(args.get("token").and_then(Value::as_str))
            .await;
        return Some(revoked.map(|()| json!({"revoked": true})));
    }
    None
}
