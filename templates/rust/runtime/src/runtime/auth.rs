//! Credentials: API keys, bearer and basic auth, OAuth2 client credentials and login tokens, each applied to
//! the requests of the operations that ask for its scheme.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use reqwest::Method;
use reqwest::header::{AUTHORIZATION, COOKIE, HeaderName, HeaderValue};
use serde_json::Value;

use super::error::{Error, Result};
use super::lock;
use super::oauth::{AuthorizationCode, OAuthEndpoints, OAuthTokens};
use super::serialize::percent;

/// A call a provider needs made before it can apply its credential.
#[derive(Clone, Debug)]
pub(crate) struct TokenRequest {
    pub(crate) method: Method,
    /// Absolute, or relative to the base URL.
    pub(crate) url: String,
    /// Sent as a form, in this order.
    pub(crate) form: Vec<(String, String)>,
    /// Sent as JSON instead, when set.
    pub(crate) json: Option<Value>,
}

impl TokenRequest {
    pub(crate) fn post(url: &str, form: Vec<(String, String)>) -> Self {
        Self {
            method: Method::POST,
            url: url.to_owned(),
            form,
            json: None,
        }
    }
}

/// How the login flow (`x-zsdk-login`) reads its tokens and refreshes them. Paths lead into the response
/// body (tried inside a `data` envelope too); an empty one or `""` means none.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoginSettings {
    /// The access token (default `access_token`).
    pub token: &'static [&'static str],
    /// The refresh token.
    pub refresh_token: &'static [&'static str],
    /// The access token's lifetime in seconds.
    pub expires_in: &'static [&'static str],
    /// The refresh operation's path (none: no refresh).
    pub refresh_path: &'static str,
    /// The refresh operation's method (default POST).
    pub refresh_method: &'static str,
    /// The JSON property the refresh token is sent in (default `refresh_token`).
    pub refresh_param: &'static str,
}

/// The credential of one security scheme; the generated client registers one per scheme.
#[derive(Clone)]
pub struct AuthProvider(pub(crate) Arc<Provider>);

impl fmt::Debug for AuthProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AuthProvider").field(&self.0).finish()
    }
}

impl fmt::Debug for Provider {
    /// The kind of credential, never its secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            Self::ApiKey { .. } => "api_key",
            Self::Bearer(_) => "bearer",
            Self::Basic(..) => "basic",
            Self::ClientCredentials(_) => "client_credentials",
            Self::AuthorizationCode(_) => "authorization_code",
            Self::Login(_) => "login",
        };
        f.write_str(kind)
    }
}

fn given(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.is_empty())
}

impl AuthProvider {
    /// An API key sent as `param_name` in `location` (`header`, `query` or `cookie`).
    pub fn api_key(param_name: &str, location: &str, key: Option<String>) -> Self {
        Self(Arc::new(Provider::ApiKey {
            name: param_name.to_owned(),
            location: location.to_owned(),
            key: given(key),
        }))
    }

    /// `Authorization: Bearer <token>`.
    pub fn bearer(token: Option<String>) -> Self {
        Self(Arc::new(Provider::Bearer(given(token))))
    }

    /// `Authorization: Basic base64(username:password)`.
    pub fn basic(username: Option<String>, password: Option<String>) -> Self {
        Self(Arc::new(Provider::Basic(given(username), password)))
    }

    /// The OAuth2 client-credentials grant: a cached token, fetched on first use and again before it
    /// expires.
    pub fn client_credentials(
        token_url: &str,
        client_id: Option<String>,
        client_secret: Option<String>,
    ) -> Self {
        Self(Arc::new(Provider::ClientCredentials(ClientCredentials {
            token_url: token_url.to_owned(),
            client_id: given(client_id),
            client_secret: client_secret.unwrap_or_default(),
            state: Mutex::new(CachedToken::default()),
        })))
    }

    /// The OAuth2 authorization code flow (see [`OAuth`](super::OAuth)), starting with `tokens` when given;
    /// `fallback` (client credentials) authenticates while there is no token set.
    pub fn authorization_code(
        endpoints: OAuthEndpoints,
        client_id: Option<String>,
        client_secret: Option<String>,
        tokens: Option<OAuthTokens>,
        fallback: Option<AuthProvider>,
    ) -> Self {
        Self(Arc::new(Provider::AuthorizationCode(
            AuthorizationCode::new(
                endpoints,
                given(client_id).unwrap_or_default(),
                given(client_secret),
                tokens,
                fallback.map(|f| f.0),
            ),
        )))
    }

    /// A token from a login operation (`x-zsdk-login`), refreshed before it expires; `access_token` is a
    /// token given up front.
    pub fn login(access_token: Option<String>, plan: LoginSettings) -> Self {
        let settings = LoginSettings {
            token: if plan.token.is_empty() {
                &["access_token"]
            } else {
                plan.token
            },
            refresh_method: if plan.refresh_method.is_empty() {
                "POST"
            } else {
                plan.refresh_method
            },
            refresh_param: if plan.refresh_param.is_empty() {
                "refresh_token"
            } else {
                plan.refresh_param
            },
            ..plan
        };
        Self(Arc::new(Provider::Login(LoginToken {
            settings,
            state: Mutex::new(LoginState {
                access: given(access_token),
                refresh: None,
                expires_at: None,
                buffer: Duration::from_secs(60),
                retries: 2,
            }),
        })))
    }

    /// Calls the hook with every new token set of an authorization code flow (an exchange or a refresh),
    /// so the app can store a rotated refresh token.
    pub fn on_tokens(self, hook: impl Fn(&OAuthTokens) + Send + Sync + 'static) -> Self {
        if let Provider::AuthorizationCode(code) = &*self.0 {
            code.set_hook(Arc::new(hook));
        }
        self
    }
}

pub(crate) enum Provider {
    ApiKey {
        name: String,
        location: String,
        key: Option<String>,
    },
    Bearer(Option<String>),
    Basic(Option<String>, Option<String>),
    ClientCredentials(ClientCredentials),
    AuthorizationCode(AuthorizationCode),
    Login(LoginToken),
}

/// Sets a header, leaving out a value HTTP cannot carry.
pub(crate) fn set_header(req: &mut reqwest::Request, name: HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        req.headers_mut().insert(name, value);
    }
}

pub(crate) fn bearer(req: &mut reqwest::Request, token: &str) {
    set_header(req, AUTHORIZATION, &format!("Bearer {token}"));
}

/// Adds a cookie to the request's one `Cookie` header.
pub(crate) fn add_cookie(req: &mut reqwest::Request, cookie: &str) {
    let existing = req
        .headers()
        .get(COOKIE)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_owned);
    let cookie = match existing {
        Some(existing) => format!("{existing}; {cookie}"),
        None => cookie.to_owned(),
    };
    set_header(req, COOKIE, &cookie);
}

impl Provider {
    pub(crate) fn has_credentials(&self) -> bool {
        match self {
            Self::ApiKey { key, .. } => key.is_some(),
            Self::Bearer(token) => token.is_some(),
            Self::Basic(username, _) => username.is_some(),
            Self::ClientCredentials(c) => c.client_id.is_some(),
            Self::AuthorizationCode(c) => c.has_credentials(),
            Self::Login(l) => {
                let state = lock(&l.state);
                state.access.is_some() || l.can_refresh(&state)
            }
        }
    }

    pub(crate) fn apply(&self, req: &mut reqwest::Request) {
        match self {
            Self::ApiKey {
                name,
                location,
                key: Some(key),
            } => match location.as_str() {
                "query" => {
                    let pair = format!("{}={}", percent(name, false), percent(key, false));
                    let query = match req.url().query().filter(|q| !q.is_empty()) {
                        Some(existing) => format!("{existing}&{pair}"),
                        None => pair,
                    };
                    req.url_mut().set_query(Some(&query));
                }
                "cookie" => add_cookie(req, &format!("{name}={key}")),
                _ => {
                    if let Ok(name) = HeaderName::from_bytes(name.as_bytes()) {
                        set_header(req, name, key);
                    }
                }
            },
            Self::Bearer(Some(token)) => bearer(req, token),
            Self::Basic(Some(username), password) => {
                let pair = format!("{username}:{}", password.as_deref().unwrap_or_default());
                set_header(
                    req,
                    AUTHORIZATION,
                    &format!("Basic {}", super::base64(pair.as_bytes(), false)),
                );
            }
            Self::ClientCredentials(c) => {
                if let Some(token) = &lock(&c.state).access {
                    bearer(req, token);
                }
            }
            Self::AuthorizationCode(c) => c.apply(req),
            Self::Login(l) => {
                if let Some(token) = &lock(&l.state).access {
                    bearer(req, token);
                }
            }
            _ => {}
        }
    }

    /// A call to make before [`Provider::apply`], or `None` when ready.
    pub(crate) fn token_request(&self, now: SystemTime) -> Option<TokenRequest> {
        match self {
            Self::ClientCredentials(c) => c.token_request(now),
            Self::AuthorizationCode(c) => c.token_request(now),
            Self::Login(l) => l.token_request(now),
            _ => None,
        }
    }

    /// Takes the decoded 2xx body of the call [`Provider::token_request`] asked for.
    pub(crate) fn accept_token(&self, body: &Value, now: SystemTime) -> Result<()> {
        match self {
            Self::ClientCredentials(c) => c.accept(body, now),
            Self::AuthorizationCode(c) => c.accept_token(body, now),
            Self::Login(l) => l.update(body, now),
            _ => Ok(()),
        }
    }

    /// Drops a token after a 401; true when a fresh one can be fetched.
    pub(crate) fn invalidate(&self) -> bool {
        match self {
            Self::ClientCredentials(c) => {
                let mut state = lock(&c.state);
                state.access = None;
                state.expires_at = None;
                c.client_id.is_some()
            }
            Self::AuthorizationCode(c) => c.invalidate(),
            Self::Login(l) => {
                let mut state = lock(&l.state);
                if !l.can_refresh(&state) {
                    return false;
                }
                state.access = None;
                true
            }
            _ => false,
        }
    }

    pub(crate) fn set_refresh_buffer(&self, buffer: Duration) {
        match self {
            Self::ClientCredentials(c) => {
                let mut state = lock(&c.state);
                state.refresh_buffer = Some(buffer);
                state.buffer = buffer;
            }
            Self::AuthorizationCode(c) => c.set_refresh_buffer(buffer),
            Self::Login(l) => lock(&l.state).buffer = buffer,
            _ => {}
        }
    }

    pub(crate) fn set_refresh_retries(&self, retries: u32) {
        if let Self::Login(l) = self {
            lock(&l.state).retries = retries;
        }
    }

    /// How often a refresh that failed retryably is tried again on its own (login tokens only).
    pub(crate) fn max_refresh_retries(&self) -> Option<u32> {
        match self {
            Self::Login(l) => Some(lock(&l.state).retries),
            _ => None,
        }
    }
}

/// The value at `path` in a JSON body.
pub(crate) fn get_path<'a>(body: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter()
        .try_fold(body, |current, step| current.as_object()?.get(*step))
}

/// [`get_path`], falling back to inside a `data` envelope.
pub(crate) fn field<'a>(body: &'a Value, path: &[&str]) -> Option<&'a Value> {
    get_path(body, path).or_else(|| get_path(body.get("data")?, path))
}

/// A string at `path`, when it is a non-empty one.
pub(crate) fn string_field(body: &Value, path: &[&str]) -> Option<String> {
    field(body, path)?
        .as_str()
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The time a lifetime in seconds (a number or its text) at `path` ends.
pub(crate) fn expiry(body: &Value, path: &[&str], now: SystemTime) -> Option<SystemTime> {
    let secs = match field(body, path)? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    let span = Duration::try_from_secs_f64(secs.abs()).ok()?;
    if secs >= 0.0 {
        now.checked_add(span)
    } else {
        now.checked_sub(span)
    }
}

/// Whether a token expiring at `expires_at` is due for a refresh at `now`.
pub(crate) fn stale(expires_at: Option<SystemTime>, now: SystemTime, buffer: Duration) -> bool {
    match expires_at {
        Some(at) => now.checked_add(buffer).is_none_or(|due| due >= at),
        None => false,
    }
}

/// The token of a client-credentials grant, refreshed `buffer` before it expires (at most half its lifetime
/// early).
#[derive(Debug)]
pub(crate) struct ClientCredentials {
    token_url: String,
    client_id: Option<String>,
    client_secret: String,
    state: Mutex<CachedToken>,
}

#[derive(Debug)]
struct CachedToken {
    access: Option<String>,
    expires_at: Option<SystemTime>,
    refresh_buffer: Option<Duration>,
    buffer: Duration,
}

impl Default for CachedToken {
    fn default() -> Self {
        Self {
            access: None,
            expires_at: None,
            refresh_buffer: None,
            buffer: Duration::from_secs(60),
        }
    }
}

impl ClientCredentials {
    fn token_request(&self, now: SystemTime) -> Option<TokenRequest> {
        let state = lock(&self.state);
        if state.access.is_some() && !stale(state.expires_at, now, state.buffer) {
            return None;
        }
        Some(TokenRequest::post(
            &self.token_url,
            vec![
                ("grant_type".into(), "client_credentials".into()),
                (
                    "client_id".into(),
                    self.client_id.clone().unwrap_or_default(),
                ),
                ("client_secret".into(), self.client_secret.clone()),
            ],
        ))
    }

    pub(crate) fn accept(&self, body: &Value, now: SystemTime) -> Result<()> {
        let token = string_field(body, &["access_token"])
            .ok_or_else(|| Error::decode("Token response has no access_token", body.to_string()))?;
        let mut state = lock(&self.state);
        state.access = Some(token);
        state.expires_at = expiry(body, &["expires_in"], now);
        let configured = state.refresh_buffer.unwrap_or(Duration::from_secs(60));
        state.buffer = match state.expires_at {
            Some(at) => configured.min(at.duration_since(now).unwrap_or_default() / 2),
            None => configured,
        };
        Ok(())
    }
}

/// A token obtained by a login operation, refreshed before it expires.
#[derive(Debug)]
pub(crate) struct LoginToken {
    settings: LoginSettings,
    state: Mutex<LoginState>,
}

#[derive(Debug)]
struct LoginState {
    access: Option<String>,
    refresh: Option<String>,
    expires_at: Option<SystemTime>,
    buffer: Duration,
    retries: u32,
}

impl LoginToken {
    fn can_refresh(&self, state: &LoginState) -> bool {
        state.refresh.is_some() && !self.settings.refresh_path.is_empty()
    }

    fn token_request(&self, now: SystemTime) -> Option<TokenRequest> {
        let state = lock(&self.state);
        let needs = state.access.is_none() || stale(state.expires_at, now, state.buffer);
        if !needs || !self.can_refresh(&state) {
            return None;
        }
        let mut body = serde_json::Map::new();
        body.insert(
            self.settings.refresh_param.to_owned(),
            Value::from(state.refresh.clone().unwrap_or_default()),
        );
        Some(TokenRequest {
            method: Method::from_bytes(self.settings.refresh_method.as_bytes())
                .unwrap_or(Method::POST),
            url: self.settings.refresh_path.to_owned(),
            form: Vec::new(),
            json: Some(Value::Object(body)),
        })
    }

    /// Stores the tokens of a login or refresh response body.
    pub(crate) fn update(&self, body: &Value, now: SystemTime) -> Result<()> {
        let token = string_field(body, self.settings.token).ok_or_else(|| {
            let name = self.settings.token.join(".");
            Error::decode(format!("Login response has no '{name}'"), body.to_string())
        })?;
        let mut state = lock(&self.state);
        state.access = Some(token);
        if !self.settings.refresh_token.is_empty() {
            if let Some(refresh) = string_field(body, self.settings.refresh_token) {
                state.refresh = Some(refresh);
            }
        }
        state.expires_at = if self.settings.expires_in.is_empty() {
            None
        } else {
            expiry(body, self.settings.expires_in, now)
        };
        Ok(())
    }
}

/// The providers for one request: the first alternative whose schemes all have credentials; none for a
/// public operation.
pub(crate) fn select(
    alternatives: &[&[&str]],
    providers: &[(String, AuthProvider)],
) -> Vec<Arc<Provider>> {
    for alternative in alternatives.iter().filter(|a| !a.is_empty()) {
        let chosen: Option<Vec<Arc<Provider>>> = alternative
            .iter()
            .map(|scheme| {
                providers
                    .iter()
                    .find(|(name, p)| name == scheme && p.0.has_credentials())
                    .map(|(_, p)| p.0.clone())
            })
            .collect();
        if let Some(chosen) = chosen {
            return chosen;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::UNIX_EPOCH;

    fn request(url: &str) -> reqwest::Request {
        reqwest::Request::new(Method::GET, url.parse().unwrap())
    }

    fn header(req: &reqwest::Request, name: &str) -> String {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    #[test]
    fn static_credentials() {
        let mut req = request("http://h/p?a=1");
        AuthProvider::api_key("api key", "query", Some("k&1".into()))
            .0
            .apply(&mut req);
        assert_eq!(req.url().query(), Some("a=1&api%20key=k%261"));
        AuthProvider::api_key("sid", "cookie", Some("s1".into()))
            .0
            .apply(&mut req);
        add_cookie(&mut req, "c=2");
        assert_eq!(header(&req, "cookie"), "sid=s1; c=2");
        AuthProvider::api_key("X-Key", "header", Some("k".into()))
            .0
            .apply(&mut req);
        assert_eq!(header(&req, "x-key"), "k");
        AuthProvider::basic(Some("user".into()), Some("pass".into()))
            .0
            .apply(&mut req);
        assert_eq!(header(&req, "authorization"), "Basic dXNlcjpwYXNz");
        AuthProvider::bearer(Some("t".into())).0.apply(&mut req);
        assert_eq!(header(&req, "authorization"), "Bearer t");
        assert!(
            !AuthProvider::bearer(Some(String::new()))
                .0
                .has_credentials()
        );
        assert!(
            !AuthProvider::api_key("k", "header", None)
                .0
                .has_credentials()
        );
    }

    #[test]
    fn selection() {
        let providers = vec![
            ("key".to_owned(), AuthProvider::api_key("k", "header", None)),
            ("bearer".to_owned(), AuthProvider::bearer(Some("t".into()))),
        ];
        assert_eq!(select(&[&["key"], &["bearer"]], &providers).len(), 1);
        assert!(select(&[&["key"]], &providers).is_empty());
        assert!(select(&[], &providers).is_empty());
        assert!(select(&[&[], &["missing"]], &providers).is_empty());
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn client_credentials_cache() {
        let p = AuthProvider::client_credentials("/token", Some("id".into()), Some("s".into()));
        let provider = &p.0;
        let first = provider.token_request(at(1000)).unwrap();
        assert_eq!(
            first.form[0],
            ("grant_type".into(), "client_credentials".into())
        );
        provider
            .accept_token(&json!({"access_token": "a1", "expires_in": 100}), at(1000))
            .unwrap();
        // the buffer is at most half the lifetime: 50 s
        assert!(provider.token_request(at(1049)).is_none());
        assert!(provider.token_request(at(1050)).is_some());
        provider.set_refresh_buffer(Duration::from_secs(10));
        provider
            .accept_token(
                &json!({"data": {"access_token": "a2", "expires_in": "100"}}),
                at(2000),
            )
            .unwrap();
        assert!(provider.token_request(at(2089)).is_none());
        assert!(provider.token_request(at(2090)).is_some());
        assert!(provider.invalidate());
        assert!(provider.token_request(at(2000)).is_some());
        assert!(provider.accept_token(&json!({}), at(0)).is_err());
    }

    #[test]
    fn login_refresh() {
        let settings = LoginSettings {
            token: &["token"],
            refresh_token: &["refresh"],
            expires_in: &["ttl"],
            refresh_path: "/auth/refresh",
            ..LoginSettings::default()
        };
        let p = AuthProvider::login(None, settings);
        let provider = &p.0;
        assert!(!provider.has_credentials());
        assert!(provider.token_request(at(0)).is_none());
        provider
            .accept_token(&json!({"token": "t1", "refresh": "r1", "ttl": 120}), at(0))
            .unwrap();
        assert!(provider.has_credentials());
        assert!(provider.token_request(at(59)).is_none());
        let refresh = provider.token_request(at(60)).unwrap();
        assert_eq!(refresh.url, "/auth/refresh");
        assert_eq!(refresh.json, Some(json!({"refresh_token": "r1"})));
        assert_eq!(provider.max_refresh_retries(), Some(2));
        provider.set_refresh_retries(5);
        assert_eq!(provider.max_refresh_retries(), Some(5));
        assert!(provider.invalidate());
        let err = provider.accept_token(&json!({}), at(0)).unwrap_err();
        assert_eq!(err.to_string(), "Login response has no 'token'");
        let plain = AuthProvider::login(Some("t".into()), LoginSettings::default());
        assert!(!plain.0.invalidate());
    }

    #[test]
    fn expiry_values() {
        let body = json!({"a": 10, "b": "2.5", "c": true, "d": -5});
        assert_eq!(expiry(&body, &["a"], at(100)), Some(at(110)));
        assert_eq!(
            expiry(&body, &["b"], at(100)),
            Some(at(102) + Duration::from_millis(500))
        );
        assert_eq!(expiry(&body, &["c"], at(100)), None);
        assert_eq!(expiry(&body, &["d"], at(100)), Some(at(95)));
        assert_eq!(expiry(&body, &["x"], at(100)), None);
        assert!(stale(Some(at(100)), at(90), Duration::from_secs(10)));
        assert!(!stale(Some(at(100)), at(89), Duration::from_secs(10)));
        assert!(!stale(None, at(89), Duration::from_secs(10)));
    }
}
