//! [`Core`]: the configuration and credentials one client shares, and the send loop (tokens, hooks, timeouts,
//! retries) every call goes through.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use serde_json::Value;

use super::auth::{self, AuthProvider, Provider, TokenRequest, add_cookie};
use super::call::RequestOptions;
use super::error::{ApiError, Error, Result, TimeoutError};
use super::multipart;
use super::oauth::OAuth;
use super::request::{Content, Query, Request};
use super::retry::{Backoff, retry_delay, should_retry_status};
use super::serialize::form_body;

/// Sees every request the client sends (token requests and retries too) and every response: for logging,
/// signing or tracing.
pub trait Hook: Send + Sync {
    /// Called with each attempt's request just before it is sent; it may change it.
    fn on_request(&self, _request: &mut reqwest::Request) {}

    /// Called with each response as it arrives, before its body is read.
    fn on_response(&self, _response: &reqwest::Response) {}
}

/// A server URL variable: its wire name, default and the values it allows (none: any).
#[derive(Clone, Copy, Debug)]
pub struct ServerVariable {
    /// The name in the URL template.
    pub wire: &'static str,
    /// Its default value.
    pub default: &'static str,
    /// The values it allows; empty: any.
    pub allowed: &'static [&'static str],
}

/// The defaults the generated client gives (from the spec and zsdk.yaml).
#[derive(Clone, Copy, Debug)]
pub struct Defaults {
    /// The server URL template.
    pub base_url: &'static str,
    /// Its variables.
    pub server_variables: &'static [ServerVariable],
    /// The spec's top-level security alternatives.
    pub default_security: &'static [&'static [&'static str]],
    /// The timeout of one attempt (zero: none).
    pub timeout: Duration,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first retry's wait.
    pub base_delay: Duration,
    /// The longest wait.
    pub max_delay: Duration,
    /// How long before a token expires it is refreshed.
    pub refresh_buffer: Duration,
    /// Retries of a login token refresh that failed retryably.
    pub refresh_retries: u32,
    /// The `User-Agent` header.
    pub user_agent: &'static str,
}

/// Retry settings as one value; a field left `None` keeps the SDK's default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetryConfig {
    /// Retries after the first attempt (an explicit `max_retries` on the builder wins).
    pub max_retries: Option<u32>,
    /// The first retry's wait.
    pub base_delay: Option<Duration>,
    /// The longest wait.
    pub max_delay: Option<Duration>,
    /// Whether each retry waits twice as long as the one before (else always the base delay).
    pub exponential_backoff: Option<bool>,
}

/// Token refresh settings as one value; a field left `None` keeps the SDK's default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AuthConfig {
    /// How long before a login or OAuth2 token expires it is refreshed.
    pub refresh_buffer: Option<Duration>,
    /// How often a login token refresh that failed retryably is tried again before the call fails.
    pub max_refresh_retries: Option<u32>,
}

/// What the generated `ClientBuilder` wraps.
#[derive(Clone)]
pub struct CoreBuilder {
    defaults: Defaults,
    base_url: Option<String>,
    variables: Vec<(String, String)>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    retry: RetryConfig,
    auth_config: AuthConfig,
    headers: Vec<(String, String)>,
    http: Option<reqwest::Client>,
    hooks: Vec<Arc<dyn Hook>>,
    credentials: HashMap<String, String>,
    auth: Vec<(String, AuthProvider)>,
}

impl fmt::Debug for CoreBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CoreBuilder")
            .field("base_url", &self.base_url)
            .field("variables", &self.variables)
            .finish_non_exhaustive()
    }
}

impl CoreBuilder {
    /// A builder with the generated defaults.
    pub fn new(defaults: Defaults) -> Self {
        Self {
            defaults,
            base_url: None,
            variables: Vec::new(),
            timeout: None,
            max_retries: None,
            retry: RetryConfig::default(),
            auth_config: AuthConfig::default(),
            headers: Vec::new(),
            http: None,
            hooks: Vec::new(),
            credentials: HashMap::new(),
            auth: Vec::new(),
        }
    }

    /// The base URL, used as it is (server variables are then ignored).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// A server URL variable's value.
    pub fn server_variable(mut self, wire: &str, value: impl Into<String>) -> Self {
        self.variables.retain(|(name, _)| name != wire);
        self.variables.push((wire.to_owned(), value.into()));
        self
    }

    /// The timeout of each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt (0: none).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = Some(n);
        self
    }

    /// Retry settings as one value.
    pub fn retry_config(mut self, config: RetryConfig) -> Self {
        self.retry = config;
        self
    }

    /// Token refresh settings as one value.
    pub fn auth_config(mut self, config: AuthConfig) -> Self {
        self.auth_config = config;
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The HTTP client requests go through.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// A hook that sees every request and response.
    pub fn hook(mut self, hook: impl Hook + 'static) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// A credential, by the plan's credential name.
    pub fn credential(mut self, name: &str, value: impl Into<String>) -> Self {
        self.credentials.insert(name.to_owned(), value.into());
        self
    }

    /// The credential given to [`CoreBuilder::credential`], else the environment variable `env` (`""`: none).
    pub fn credential_value(&self, name: &str, env: &str) -> Option<String> {
        credential(&self.credentials, name, env)
    }

    /// The provider of a security scheme.
    pub fn auth(mut self, scheme: &str, provider: AuthProvider) -> Self {
        self.auth.retain(|(name, _)| name != scheme);
        self.auth.push((scheme.to_owned(), provider));
        self
    }

    /// The core; a server variable outside its enum, or a default header HTTP cannot carry, is an
    /// [`Error::InvalidArgument`].
    pub fn build(self) -> Result<Core> {
        let d = self.defaults;
        let base_url = match self.base_url {
            Some(url) => url,
            None => resolve_server_url(d.base_url, d.server_variables, &self.variables)?,
        };
        let headers = header_map(&self.headers)?;
        let http = match self.http {
            Some(client) => client,
            None => reqwest::Client::builder()
                .build()
                .map_err(Error::connection)?,
        };
        let buffer = self.auth_config.refresh_buffer.unwrap_or(d.refresh_buffer);
        let refresh_retries = self
            .auth_config
            .max_refresh_retries
            .unwrap_or(d.refresh_retries);
        for (_, provider) in &self.auth {
            provider.0.set_refresh_buffer(buffer);
            provider.0.set_refresh_retries(refresh_retries);
        }
        Ok(Core(Arc::new(Inner {
            base_url,
            http,
            timeout: self.timeout.unwrap_or(d.timeout),
            max_retries: self
                .max_retries
                .or(self.retry.max_retries)
                .unwrap_or(d.max_retries),
            backoff: Backoff {
                base: self.retry.base_delay.unwrap_or(d.base_delay),
                max: self.retry.max_delay.unwrap_or(d.max_delay),
                exponential: self.retry.exponential_backoff.unwrap_or(true),
            },
            headers,
            hooks: self.hooks,
            credentials: self.credentials,
            auth: self.auth,
            default_security: d.default_security,
            user_agent: d.user_agent,
            token_lock: futures_util::lock::Mutex::new(()),
        })))
    }
}

fn credential(credentials: &HashMap<String, String>, name: &str, env: &str) -> Option<String> {
    if let Some(value) = credentials.get(name) {
        return Some(value.clone());
    }
    if env.is_empty() {
        return None;
    }
    std::env::var(env).ok()
}

/// Fills a server URL template's `{variables}`; a value outside its variable's enum is refused.
fn resolve_server_url(
    template: &str,
    variables: &[ServerVariable],
    given: &[(String, String)],
) -> Result<String> {
    let mut url = template.to_owned();
    for variable in variables {
        let value = given
            .iter()
            .find(|(name, _)| name == variable.wire)
            .map_or(variable.default, |(_, value)| value.as_str());
        if !variable.allowed.is_empty() && !variable.allowed.contains(&value) {
            return Err(Error::InvalidArgument(format!(
                "server variable {} must be one of {}, got {value:?}",
                variable.wire,
                variable.allowed.join(", ")
            )));
        }
        url = url.replace(&format!("{{{}}}", variable.wire), value);
    }
    Ok(url)
}

/// `base` + `path` with exactly one slash between them.
pub(crate) fn join_url(base: &str, path: &str) -> String {
    if path.is_empty() {
        return base.to_owned();
    }
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

fn header_map(pairs: &[(String, String)]) -> Result<HeaderMap> {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::InvalidArgument(format!("{name:?} is not a header name")))?;
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::InvalidArgument(format!("the {name} header's value cannot be sent"))
        })?;
        map.insert(name, value);
    }
    Ok(map)
}

/// The shared core of one client: configuration, credentials and the HTTP client. Cheap to clone.
#[derive(Clone)]
pub struct Core(Arc<Inner>);

struct Inner {
    base_url: String,
    http: reqwest::Client,
    timeout: Duration,
    max_retries: u32,
    backoff: Backoff,
    headers: HeaderMap,
    hooks: Vec<Arc<dyn Hook>>,
    credentials: HashMap<String, String>,
    auth: Vec<(String, AuthProvider)>,
    default_security: &'static [&'static [&'static str]],
    user_agent: &'static str,
    token_lock: futures_util::lock::Mutex<()>,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("base_url", &self.0.base_url)
            .field("timeout", &self.0.timeout)
            .field("max_retries", &self.0.max_retries)
            .field("auth", &self.0.auth)
            .finish_non_exhaustive()
    }
}

/// A call ready to be sent any number of times.
pub(crate) struct Prepared {
    method: Method,
    url: String,
    query: Query,
    headers: HeaderMap,
    config_headers: HeaderMap,
    overrides: HeaderMap,
    cookies: Vec<String>,
    body: Option<Bytes>,
    providers: Vec<Arc<Provider>>,
    timeout: Duration,
    max_retries: u32,
}

/// What the server answered: the body read, or (streamed) the response with its body unread.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) response: Option<reqwest::Response>,
}

/// Why an attempt failed: retryable by the call's retry table, or ending the call.
enum Failure {
    Retry(Error),
    Final(Error),
}

const IDEMPOTENCY_KEY: &str = "idempotency-key";

impl Core {
    /// The credential given to the builder, else the environment variable `env` (`""`: none).
    pub fn credential(&self, name: &str, env: &str) -> Option<String> {
        credential(&self.0.credentials, name, env)
    }

    /// The authorization code helpers of `scheme`.
    pub fn oauth(&self, scheme: &str) -> OAuth {
        OAuth::new(self.clone(), self.provider(scheme))
    }

    pub(crate) fn provider(&self, scheme: &str) -> Option<Arc<Provider>> {
        self.0
            .auth
            .iter()
            .find(|(name, _)| name == scheme)
            .map(|(_, p)| p.0.clone())
    }

    /// `url` when absolute, else joined to the base URL.
    pub(crate) fn absolute(&self, url: &str) -> String {
        if url.starts_with("http://") || url.starts_with("https://") {
            url.to_owned()
        } else {
            join_url(&self.0.base_url, url)
        }
    }

    pub(crate) fn prepare(&self, r: &Request, options: &RequestOptions) -> Result<Prepared> {
        if let Some(message) = &r.error {
            return Err(Error::InvalidArgument(message.clone()));
        }
        let (url, mut query) = match &r.url {
            Some(url) => {
                let url = url.split('#').next().unwrap_or_default();
                let (url, raw) = url.split_once('?').unwrap_or((url, ""));
                (url.to_owned(), Query::parse(raw))
            }
            None => {
                let (path, raw) = r.path.split_once('?').unwrap_or((&r.path, ""));
                (join_url(&self.0.base_url, path), Query::parse(raw))
            }
        };
        query.extend(r.query.clone());
        if r.url.is_none() {
            query.extend(Query::extra(&options.query));
        }
        let mut headers = HeaderMap::new();
        if let Ok(agent) = HeaderValue::from_str(self.0.user_agent) {
            headers.insert(USER_AGENT, agent);
        }
        let accept = r.accept.as_deref().unwrap_or("application/json");
        headers.extend(header_map(&[("accept".to_owned(), accept.to_owned())])?);
        headers.extend(header_map(&r.headers)?);
        if r.idempotent && !headers.contains_key(IDEMPOTENCY_KEY) {
            headers.extend(header_map(&[(
                IDEMPOTENCY_KEY.to_owned(),
                super::new_uuid(),
            )])?);
        }
        let mut config_headers = self.0.headers.clone();
        config_headers.extend(header_map(&options.headers)?);
        let mut overrides = config_headers.clone();
        if let Some(key) = &options.idempotency_key {
            overrides.extend(header_map(&[(IDEMPOTENCY_KEY.to_owned(), key.clone())])?);
        }
        let (body, content_type) = match &r.content {
            Content::None => (None, None),
            Content::Json(bytes) => (Some(bytes.clone()), Some("application/json".to_owned())),
            Content::Form(tree) => match form_body(tree, &r.encodings) {
                Ok(Some(text)) => (
                    Some(Bytes::from(text)),
                    Some("application/x-www-form-urlencoded".to_owned()),
                ),
                Ok(None) => (None, None),
                Err(message) => return Err(Error::InvalidArgument(message)),
            },
            Content::Multipart(parts) => {
                let boundary = multipart::boundary();
                (
                    Some(multipart::encode(parts, &boundary).into()),
                    Some(format!("multipart/form-data; boundary={boundary}")),
                )
            }
            Content::Raw(bytes, media_type) => (Some(bytes.clone()), Some(media_type.clone())),
        };
        if let Some(content_type) = content_type {
            headers.extend(header_map(&[("content-type".to_owned(), content_type)])?);
        }
        let security = r.security.unwrap_or(self.0.default_security);
        Ok(Prepared {
            method: r.method.clone(),
            url,
            query,
            headers,
            config_headers,
            overrides,
            cookies: r.cookies.clone(),
            body,
            providers: auth::select(security, &self.0.auth),
            timeout: options.timeout.unwrap_or(self.0.timeout),
            max_retries: options.max_retries.unwrap_or(self.0.max_retries),
        })
    }

    /// Sends a prepared call through the retry loop.
    pub(crate) async fn execute(
        &self,
        r: &Request,
        options: &RequestOptions,
        stream: bool,
    ) -> Result<Answer> {
        let p = self.prepare(r, options)?;
        self.send(&p, stream).await
    }

    /// The retry loop: per try, fetch any token, apply credentials, send. A 401 on a refreshable token drops
    /// it and tries once more (not counted as a retry); otherwise the retry table decides.
    async fn send(&self, p: &Prepared, stream: bool) -> Result<Answer> {
        let mut retries = 0;
        let mut reauthed = false;
        loop {
            let error = match self.attempt(p, stream).await {
                Ok(answer) => return Ok(answer),
                Err(Failure::Final(error)) => return Err(error),
                Err(Failure::Retry(error)) => error,
            };
            if !reauthed && error.status() == Some(401) {
                // every provider drops its token, so a call needing several refreshes them all
                let invalidated: Vec<bool> = p.providers.iter().map(|p| p.invalidate()).collect();
                let refreshable = invalidated.contains(&true);
                if refreshable {
                    reauthed = true;
                    continue;
                }
            }
            let Some(wait) = self.retry_wait(&error, retries, p.max_retries) else {
                return Err(error);
            };
            retries += 1;
            tokio::time::sleep(wait).await;
        }
    }

    /// How long to wait before trying again after `error`, `None` to give up.
    fn retry_wait(&self, error: &Error, retries_done: u32, limit: u32) -> Option<Duration> {
        if retries_done >= limit {
            return None;
        }
        let (status, headers) = match error {
            Error::Connection(_) | Error::Timeout(_) => (0, None),
            _ => {
                let api = error.api_error().filter(|e| e.status != 0)?;
                if !should_retry_status(api.status, &api.headers) {
                    return None;
                }
                (api.status, Some(&api.headers))
            }
        };
        Some(retry_delay(
            &self.0.backoff,
            retries_done,
            status,
            headers,
            SystemTime::now(),
            super::random_unit(),
        ))
    }

    fn build(&self, p: &Prepared) -> Result<reqwest::Request> {
        let query = p.query.encode();
        let target = if query.is_empty() {
            p.url.clone()
        } else {
            format!("{}?{query}", p.url)
        };
        let url = reqwest::Url::parse(&target)
            .map_err(|e| Error::InvalidArgument(format!("{target:?} is not a valid URL: {e}")))?;
        let mut req = reqwest::Request::new(p.method.clone(), url);
        *req.headers_mut() = p.headers.clone();
        if let Some(body) = &p.body {
            *req.body_mut() = Some(body.clone().into());
        }
        for provider in &p.providers {
            provider.apply(&mut req);
        }
        for (name, value) in &p.overrides {
            req.headers_mut().insert(name, value.clone());
        }
        if !p.cookies.is_empty() {
            add_cookie(&mut req, &p.cookies.join("; "));
        }
        Ok(req)
    }

    /// Sends one request through the hooks within the timeout; reads the body unless `stream` and 2xx.
    async fn exchange(
        &self,
        mut req: reqwest::Request,
        timeout: Duration,
        stream: bool,
    ) -> Result<Answer> {
        for hook in &self.0.hooks {
            hook.on_request(&mut req);
        }
        let exchange = async {
            let response = self.0.http.execute(req).await.map_err(transport)?;
            for hook in &self.0.hooks {
                hook.on_response(&response);
            }
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            if stream && status < 400 {
                return Ok(Answer {
                    status,
                    headers,
                    body: Bytes::new(),
                    response: Some(response),
                });
            }
            let body = response.bytes().await.map_err(transport)?;
            Ok(Answer {
                status,
                headers,
                body,
                response: None,
            })
        };
        let answer = if timeout.is_zero() {
            exchange.await?
        } else {
            tokio::time::timeout(timeout, exchange)
                .await
                .map_err(|_| Error::Timeout(TimeoutError))??
        };
        if answer.status >= 400 {
            return Err(Error::from_status(ApiError::new(
                answer.status,
                answer.headers,
                answer.body,
            )));
        }
        Ok(answer)
    }

    async fn attempt(&self, p: &Prepared, stream: bool) -> std::result::Result<Answer, Failure> {
        self.ensure_tokens(p).await?;
        let req = self.build(p).map_err(Failure::Final)?;
        self.exchange(req, p.timeout, stream)
            .await
            .map_err(Failure::Retry)
    }

    async fn ensure_tokens(&self, p: &Prepared) -> std::result::Result<(), Failure> {
        for provider in &p.providers {
            if provider.token_request(SystemTime::now()).is_some() {
                self.fetch_tokens(p, provider).await?;
            }
        }
        Ok(())
    }

    /// Fetches a provider's token. A login token's failed refresh is tried again as long as the retry table
    /// and its refresh retries allow, then ends the call; any other failure fails the attempt.
    async fn fetch_tokens(
        &self,
        p: &Prepared,
        provider: &Provider,
    ) -> std::result::Result<(), Failure> {
        let Some(limit) = provider.max_refresh_retries() else {
            return self.fetch_token(p, provider).await.map_err(Failure::Retry);
        };
        let mut tries = 0;
        loop {
            let Err(error) = self.fetch_token(p, provider).await else {
                return Ok(());
            };
            let Some(wait) = self.retry_wait(&error, tries, limit) else {
                return Err(Failure::Final(error));
            };
            tries += 1;
            tokio::time::sleep(wait).await;
        }
    }

    async fn fetch_token(&self, p: &Prepared, provider: &Provider) -> Result<()> {
        let _guard = self.0.token_lock.lock().await;
        let Some(token) = provider.token_request(SystemTime::now()) else {
            return Ok(());
        };
        let body = self
            .token_exchange(&token, &p.config_headers, p.timeout)
            .await?;
        provider.accept_token(&body, SystemTime::now())
    }

    /// Makes a token endpoint call (code exchange, refresh, revoke) with the client's configuration.
    pub(crate) async fn send_token(&self, token: TokenRequest) -> Result<Value> {
        let _guard = self.0.token_lock.lock().await;
        self.token_exchange(&token, &self.0.headers, self.0.timeout)
            .await
    }

    async fn token_exchange(
        &self,
        token: &TokenRequest,
        headers: &HeaderMap,
        timeout: Duration,
    ) -> Result<Value> {
        let target = self.absolute(&token.url);
        let url = reqwest::Url::parse(&target)
            .map_err(|e| Error::InvalidArgument(format!("{target:?} is not a valid URL: {e}")))?;
        let mut req = reqwest::Request::new(token.method.clone(), url);
        if let Ok(agent) = HeaderValue::from_str(self.0.user_agent) {
            req.headers_mut().insert(USER_AGENT, agent);
        }
        for (name, value) in headers {
            req.headers_mut().insert(name, value.clone());
        }
        req.headers_mut()
            .insert(ACCEPT, HeaderValue::from_static("application/json"));
        let (body, content_type) = match &token.json {
            Some(json) => (json.to_string(), "application/json"),
            None => {
                let pairs: Vec<String> = token
                    .form
                    .iter()
                    .map(|(name, value)| format!("{}={}", form_escape(name), form_escape(value)))
                    .collect();
                (pairs.join("&"), "application/x-www-form-urlencoded")
            }
        };
        req.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        *req.body_mut() = Some(body.into());
        let answer = self.exchange(req, timeout, false).await?;
        Ok(serde_json::from_slice(&answer.body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&answer.body).into_owned())))
    }

    /// Calls a login operation and stores the token of its (not unwrapped) body in `scheme`'s provider.
    pub async fn login(&self, r: Request, scheme: &str) -> Result<()> {
        let answer = self.execute(&r, &RequestOptions::default(), false).await?;
        let body: Value = serde_json::from_slice(&answer.body)
            .map_err(|_| Error::decode("Login response is not valid JSON", answer.body.clone()))?;
        match self.provider(scheme).as_deref() {
            Some(provider @ Provider::Login(_)) => provider.accept_token(&body, SystemTime::now()),
            _ => Err(Error::InvalidArgument(format!(
                "{scheme} is not a login scheme"
            ))),
        }
    }
}

/// A form value as `application/x-www-form-urlencoded` writes it (a space is `+`).
fn form_escape(text: &str) -> String {
    super::serialize::percent(text, false).replace("%20", "+")
}

/// A transport failure: a timeout or a connection error, with its causes.
fn transport(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        return Error::Timeout(TimeoutError);
    }
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::connection(message)
}

#[cfg(test)]
mod tests {
    use super::super::tests::DEFAULTS;
    use super::*;

    #[test]
    fn server_urls() {
        let core = CoreBuilder::new(DEFAULTS).build().unwrap();
        assert_eq!(core.0.base_url, "https://us.example.com/v1");
        let core = CoreBuilder::new(DEFAULTS)
            .server_variable("region", "eu")
            .build()
            .unwrap();
        assert_eq!(core.absolute("/x"), "https://eu.example.com/v1/x");
        let err = CoreBuilder::new(DEFAULTS)
            .server_variable("region", "mars")
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid argument: server variable region must be one of us, eu, got \"mars\""
        );
        let core = CoreBuilder::new(DEFAULTS)
            .server_variable("region", "mars")
            .base_url("http://localhost:1/")
            .build()
            .unwrap();
        assert_eq!(core.absolute("x"), "http://localhost:1/x");
        assert_eq!(core.absolute("https://a/b"), "https://a/b");
        assert!(
            CoreBuilder::new(DEFAULTS)
                .default_header("bad name", "x")
                .build()
                .is_err()
        );
    }

    #[test]
    fn settings() {
        let core = CoreBuilder::new(DEFAULTS)
            .retry_config(RetryConfig {
                max_retries: Some(5),
                exponential_backoff: Some(false),
                ..RetryConfig::default()
            })
            .build()
            .unwrap();
        assert_eq!(core.0.max_retries, 5);
        assert!(!core.0.backoff.exponential);
        let core = CoreBuilder::new(DEFAULTS)
            .max_retries(1)
            .retry_config(RetryConfig {
                max_retries: Some(5),
                ..RetryConfig::default()
            })
            .build()
            .unwrap();
        assert_eq!(core.0.max_retries, 1);
        let builder = CoreBuilder::new(DEFAULTS).credential("api_key", "k1");
        assert_eq!(
            builder.credential_value("api_key", "").as_deref(),
            Some("k1")
        );
        assert_eq!(builder.credential_value("other", ""), None);
        let core = builder.build().unwrap();
        assert_eq!(core.credential("api_key", "").as_deref(), Some("k1"));
    }

    #[test]
    fn prepared_requests() {
        let core = CoreBuilder::new(DEFAULTS)
            .base_url("http://h/api")
            .default_header("X-Default", "d")
            .auth(
                "key",
                AuthProvider::api_key("X-Key", "header", Some("k".into())),
            )
            .build()
            .unwrap();
        let mut r = Request::new(Method::POST, "/w/{id}?beta=true");
        r.path_param("id", &"a b", None);
        r.query("q", &"x", None);
        r.cookie("c", &"1", None);
        r.json_body(&serde_json::json!({"a": 1}));
        r.idempotent();
        let options = RequestOptions {
            query: vec![("extra".into(), "1".into())],
            headers: vec![("X-Call".into(), "c".into())],
            ..RequestOptions::default()
        };
        let p = core.prepare(&r, &options).unwrap();
        let req = core.build(&p).unwrap();
        assert_eq!(
            req.url().as_str(),
            "http://h/api/w/a%20b?beta=true&q=x&extra=1"
        );
        let h = req.headers();
        assert_eq!(h["x-key"], "k");
        assert_eq!(h["x-default"], "d");
        assert_eq!(h["x-call"], "c");
        assert_eq!(h["cookie"], "c=1");
        assert_eq!(h["content-type"], "application/json");
        assert_eq!(h["user-agent"], "test/1.0 rust");
        assert_eq!(h[IDEMPOTENCY_KEY].len(), 36);
        let p2 = core
            .prepare(
                &r,
                &RequestOptions {
                    idempotency_key: Some("mine".into()),
                    ..RequestOptions::default()
                },
            )
            .unwrap();
        assert_eq!(core.build(&p2).unwrap().headers()[IDEMPOTENCY_KEY], "mine");
        let mut public = Request::new(Method::GET, "/health");
        public.security(&[]);
        let p = core.prepare(&public, &RequestOptions::default()).unwrap();
        assert!(p.providers.is_empty());
        let mut bad = Request::new(Method::GET, "/w/{id}");
        bad.path_param("id", &"", None);
        assert!(matches!(
            core.prepare(&bad, &RequestOptions::default()),
            Err(Error::InvalidArgument(_))
        ));
    }

    #[test]
    fn joins() {
        assert_eq!(join_url("http://h/", "/p"), "http://h/p");
        assert_eq!(join_url("http://h", "p"), "http://h/p");
        assert_eq!(join_url("http://h", ""), "http://h");
        assert_eq!(form_escape("a b&c"), "a+b%26c");
    }
}
