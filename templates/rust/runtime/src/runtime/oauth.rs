//! OAuth2 authorization code for third-party apps (RFC 6749 §4.1) with PKCE (RFC 7636, S256) and token
//! revocation (RFC 7009). An app sends its user to [`OAuth::authorization_url`], gets a code back on its
//! redirect URI and trades it with [`OAuth::exchange_code`]. From then on the client sends the access token
//! and refreshes it before it expires; a refresh may rotate the refresh token, and the hook given to
//! [`AuthProvider::on_tokens`](super::AuthProvider::on_tokens) hears of every new set.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::auth::{Provider, TokenRequest, bearer, expiry, field, stale, string_field};
use super::client::Core;
use super::error::{Error, Result};
use super::serialize::percent;
use super::{base64, lock, random_bytes};

/// A token set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OAuthTokens {
    /// The access token calls send.
    pub access_token: String,
    /// The refresh token, when the server gave one.
    pub refresh_token: Option<String>,
    /// When the access token expires, when known.
    pub expires_at: Option<SystemTime>,
    /// The scopes granted, space-separated, when the server said.
    pub scope: Option<String>,
}

/// The flow's URLs (each absolute or relative to the base URL) and the API's scopes.
#[derive(Clone, Copy, Debug, Default)]
pub struct OAuthEndpoints {
    /// Where the user authorizes the app.
    pub authorization_url: &'static str,
    /// Where a code is exchanged.
    pub token_url: &'static str,
    /// Where a token set is refreshed.
    pub refresh_url: &'static str,
    /// Where a token is revoked (`""`: the API has no revocation).
    pub revoke_url: &'static str,
    /// Every scope of the API.
    pub scopes: &'static [&'static str],
}

/// Where to send the user, and what to keep until they come back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizationRequest {
    /// The URL to send the user to.
    pub url: String,
    /// The state to compare with the one the redirect brings.
    pub state: String,
    /// The PKCE code verifier to give [`OAuth::exchange_code`].
    pub code_verifier: String,
}

/// The parameters of [`OAuth::authorization_url`].
#[derive(Clone, Debug, Default)]
pub struct AuthorizationUrlParams {
    /// The app's redirect URI.
    pub redirect_uri: String,
    /// The scopes to ask for (`None`: every scope of the API).
    pub scopes: Option<Vec<String>>,
    /// The state (`None`: a random one).
    pub state: Option<String>,
    /// The PKCE code verifier (`None`: a fresh one).
    pub code_verifier: Option<String>,
}

/// The S256 challenge of a code verifier: BASE64URL(SHA-256(verifier)), unpadded.
pub(crate) fn pkce_challenge(verifier: &str) -> String {
    base64(&Sha256::digest(verifier.as_bytes()), true)
}

type TokensHook = Arc<dyn Fn(&OAuthTokens) + Send + Sync>;

/// The provider of an authorization code flow: sends a token set's access token and refreshes it before it
/// expires; the fallback (client credentials) authenticates while there is no token set.
pub(crate) struct AuthorizationCode {
    endpoints: OAuthEndpoints,
    client_id: String,
    client_secret: Option<String>,
    fallback: Option<Arc<Provider>>,
    state: Mutex<CodeState>,
}

struct CodeState {
    tokens: Option<OAuthTokens>,
    lifetime: Option<Duration>,
    buffer: Duration,
    fallback_pending: bool,
    hook: Option<TokensHook>,
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCode")
            .field("endpoints", &self.endpoints)
            .finish_non_exhaustive()
    }
}

impl AuthorizationCode {
    pub(crate) fn new(
        endpoints: OAuthEndpoints,
        client_id: String,
        client_secret: Option<String>,
        tokens: Option<OAuthTokens>,
        fallback: Option<Arc<Provider>>,
    ) -> Self {
        Self {
            endpoints,
            client_id,
            client_secret,
            fallback,
            state: Mutex::new(CodeState {
                tokens,
                lifetime: None,
                buffer: Duration::from_secs(60),
                fallback_pending: false,
                hook: None,
            }),
        }
    }

    pub(crate) fn set_hook(&self, hook: TokensHook) {
        lock(&self.state).hook = Some(hook);
    }

    fn client_form(&self, mut form: Vec<(String, String)>) -> Vec<(String, String)> {
        form.push(("client_id".into(), self.client_id.clone()));
        if let Some(secret) = &self.client_secret {
            form.push(("client_secret".into(), secret.clone()));
        }
        form
    }

    pub(crate) fn set_refresh_buffer(&self, buffer: Duration) {
        lock(&self.state).buffer = buffer;
        if let Some(fallback) = &self.fallback {
            fallback.set_refresh_buffer(buffer);
        }
    }

    fn tokens(&self) -> Option<OAuthTokens> {
        lock(&self.state).tokens.clone()
    }

    fn set_tokens(&self, tokens: Option<OAuthTokens>) {
        let mut state = lock(&self.state);
        state.tokens = tokens;
        state.lifetime = None;
    }

    /// Takes a token response: the new set replaces the old one (one without a refresh token keeps the old
    /// refresh token); the hook hears of it.
    fn store(&self, body: &Value, now: SystemTime) -> Result<OAuthTokens> {
        let access_token = string_field(body, &["access_token"])
            .ok_or_else(|| Error::decode("Token response has no access_token", body.to_string()))?;
        let mut tokens = OAuthTokens {
            access_token,
            refresh_token: string_field(body, &["refresh_token"]),
            expires_at: expiry(body, &["expires_in"], now),
            scope: field(body, &["scope"])
                .and_then(Value::as_str)
                .map(str::to_owned),
        };
        let hook = {
            let mut state = lock(&self.state);
            if tokens.refresh_token.is_none() {
                tokens.refresh_token = state.tokens.as_ref().and_then(|t| t.refresh_token.clone());
            }
            state.lifetime = tokens
                .expires_at
                .map(|at| at.duration_since(now).unwrap_or_default());
            state.tokens = Some(tokens.clone());
            state.hook.clone()
        };
        if let Some(hook) = hook {
            hook(&tokens);
        }
        Ok(tokens)
    }

    pub(crate) fn has_credentials(&self) -> bool {
        lock(&self.state).tokens.is_some()
            || self.fallback.as_ref().is_some_and(|f| f.has_credentials())
    }

    fn refresh_request(&self, refresh_token: &str) -> TokenRequest {
        let form = vec![
            ("grant_type".into(), "refresh_token".into()),
            ("refresh_token".into(), refresh_token.to_owned()),
        ];
        TokenRequest::post(self.endpoints.refresh_url, self.client_form(form))
    }

    pub(crate) fn token_request(&self, now: SystemTime) -> Option<TokenRequest> {
        let mut state = lock(&self.state);
        state.fallback_pending = false;
        let Some(tokens) = &state.tokens else {
            let request = self.fallback.as_ref()?.token_request(now);
            state.fallback_pending = request.is_some();
            return request;
        };
        let buffer = match state.lifetime.filter(|l| !l.is_zero()) {
            Some(lifetime) => state.buffer.min(lifetime / 2),
            None => state.buffer,
        };
        let refresh = tokens.refresh_token.as_deref()?;
        stale(tokens.expires_at, now, buffer).then(|| self.refresh_request(refresh))
    }

    pub(crate) fn accept_token(&self, body: &Value, now: SystemTime) -> Result<()> {
        let pending = lock(&self.state).fallback_pending;
        match &self.fallback {
            Some(fallback) if pending => fallback.accept_token(body, now),
            _ => self.store(body, now).map(drop),
        }
    }

    pub(crate) fn apply(&self, req: &mut reqwest::Request) {
        let access = lock(&self.state)
            .tokens
            .as_ref()
            .map(|t| t.access_token.clone());
        match (access, &self.fallback) {
            (Some(token), _) => bearer(req, &token),
            (None, Some(fallback)) => fallback.apply(req),
            (None, None) => {}
        }
    }

    pub(crate) fn invalidate(&self) -> bool {
        let mut state = lock(&self.state);
        match &mut state.tokens {
            None => self.fallback.as_ref().is_some_and(|f| f.invalidate()),
            Some(tokens) if tokens.refresh_token.is_none() => false,
            Some(tokens) => {
                tokens.expires_at = Some(UNIX_EPOCH + Duration::from_nanos(1));
                true
            }
        }
    }
}

/// The authorization code flow of a client (`client.oauth()` in the generated SDK). Errors of the token
/// endpoints are the API's status errors ([`Error::BadRequest`] for OAuth's `invalid_grant`).
#[derive(Clone, Debug)]
pub struct OAuth {
    core: Core,
    provider: Option<Arc<Provider>>,
}

fn random_text<const N: usize>() -> String {
    base64(&random_bytes::<N>(), true)
}

impl OAuth {
    pub(crate) fn new(core: Core, provider: Option<Arc<Provider>>) -> Self {
        Self { core, provider }
    }

    fn flow(&self) -> Result<&AuthorizationCode> {
        match self.provider.as_deref() {
            Some(Provider::AuthorizationCode(code)) => Ok(code),
            _ => Err(Error::InvalidArgument(
                "this client has no OAuth2 authorization code flow".to_owned(),
            )),
        }
    }

    /// The current token set (after a refresh, the refreshed one).
    pub fn tokens(&self) -> Option<OAuthTokens> {
        self.flow().ok()?.tokens()
    }

    /// Makes the client send these tokens (a set stored from an earlier exchange); `None` forgets them.
    pub fn set_tokens(&self, tokens: Option<OAuthTokens>) {
        if let Ok(flow) = self.flow() {
            flow.set_tokens(tokens);
        }
    }

    /// The URL to send the user to, with the PKCE S256 challenge; keep `state` and `code_verifier`.
    pub fn authorization_url(
        &self,
        params: AuthorizationUrlParams,
    ) -> Result<AuthorizationRequest> {
        let flow = self.flow()?;
        let verifier = params.code_verifier.unwrap_or_else(random_text::<48>);
        let state = params.state.unwrap_or_else(random_text::<16>);
        let scopes = params.scopes.unwrap_or_else(|| {
            flow.endpoints
                .scopes
                .iter()
                .map(|s| (*s).to_owned())
                .collect()
        });
        let target = self.core.absolute(flow.endpoints.authorization_url);
        let mut pairs = vec![
            ("response_type", "code".to_owned()),
            ("client_id", flow.client_id.clone()),
            ("redirect_uri", params.redirect_uri),
        ];
        if !scopes.is_empty() {
            pairs.push(("scope", scopes.join(" ")));
        }
        pairs.push(("state", state.clone()));
        pairs.push(("code_challenge", pkce_challenge(&verifier)));
        pairs.push(("code_challenge_method", "S256".to_owned()));
        let query: Vec<String> = pairs
            .iter()
            .map(|(name, value)| format!("{}={}", percent(name, false), percent(value, false)))
            .collect();
        let separator = if target.contains('?') { '&' } else { '?' };
        Ok(AuthorizationRequest {
            url: format!("{target}{separator}{}", query.join("&")),
            state,
            code_verifier: verifier,
        })
    }

    /// Trades the code the redirect brought for a token set; later calls send it.
    pub async fn exchange_code(
        &self,
        code: &str,
        redirect_uri: &str,
        code_verifier: Option<&str>,
    ) -> Result<OAuthTokens> {
        let flow = self.flow()?;
        let mut form = flow.client_form(vec![
            ("grant_type".into(), "authorization_code".into()),
            ("code".into(), code.to_owned()),
            ("redirect_uri".into(), redirect_uri.to_owned()),
        ]);
        if let Some(verifier) = code_verifier.filter(|v| !v.is_empty()) {
            form.push(("code_verifier".into(), verifier.to_owned()));
        }
        let body = self
            .core
            .send_token(TokenRequest::post(flow.endpoints.token_url, form))
            .await?;
        flow.store(&body, SystemTime::now())
    }

    /// Refreshes the token set now (calls refresh it by themselves before it expires).
    pub async fn refresh(&self) -> Result<OAuthTokens> {
        let flow = self.flow()?;
        let refresh = flow.tokens().and_then(|t| t.refresh_token).ok_or_else(|| {
            Error::InvalidArgument("there is no refresh token to refresh with".to_owned())
        })?;
        let body = self.core.send_token(flow.refresh_request(&refresh)).await?;
        flow.store(&body, SystemTime::now())
    }

    /// Revokes `token` (`None`: the current refresh token, else the access token); revoking the current set
    /// forgets it.
    pub async fn revoke(&self, token: Option<&str>) -> Result<()> {
        let flow = self.flow()?;
        if flow.endpoints.revoke_url.is_empty() {
            return Err(Error::InvalidArgument(
                "this API has no token revocation URL".to_owned(),
            ));
        }
        let current = flow.tokens();
        let token = match token.filter(|t| !t.is_empty()) {
            Some(token) => token.to_owned(),
            None => current
                .as_ref()
                .map(|t| {
                    t.refresh_token
                        .clone()
                        .unwrap_or_else(|| t.access_token.clone())
                })
                .filter(|t| !t.is_empty())
                .ok_or_else(|| Error::InvalidArgument("there is no token to revoke".to_owned()))?,
        };
        let form = flow.client_form(vec![("token".into(), token.clone())]);
        self.core
            .send_token(TokenRequest::post(flow.endpoints.revoke_url, form))
            .await?;
        if let Some(current) = current {
            if current.access_token == token || current.refresh_token.as_deref() == Some(&token) {
                flow.set_tokens(None);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pkce_s256() {
        // RFC 7636, appendix B
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(random_text::<48>().len(), 64);
        assert_ne!(random_text::<16>(), random_text::<16>());
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn flow(fallback: Option<Arc<Provider>>) -> AuthorizationCode {
        let endpoints = OAuthEndpoints {
            token_url: "/oauth/token",
            refresh_url: "/oauth/refresh",
            ..OAuthEndpoints::default()
        };
        AuthorizationCode::new(endpoints, "cid".into(), Some("sec".into()), None, fallback)
    }

    #[test]
    fn rotation_and_refresh() {
        let flow = flow(None);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        flow.set_hook(Arc::new(move |t: &OAuthTokens| {
            lock(&sink).push(t.access_token.clone())
        }));
        assert!(!flow.has_credentials());
        assert!(flow.token_request(at(0)).is_none());
        flow.accept_token(
            &json!({"access_token": "a1", "refresh_token": "r1", "expires_in": 600, "scope": "read"}),
            at(1000),
        )
        .unwrap();
        assert!(flow.has_credentials());
        assert!(flow.token_request(at(1539)).is_none());
        let refresh = flow.token_request(at(1540)).unwrap();
        assert_eq!(refresh.url, "/oauth/refresh");
        assert_eq!(
            refresh.form,
            [
                ("grant_type".to_owned(), "refresh_token".to_owned()),
                ("refresh_token".to_owned(), "r1".to_owned()),
                ("client_id".to_owned(), "cid".to_owned()),
                ("client_secret".to_owned(), "sec".to_owned()),
            ]
        );
        flow.accept_token(&json!({"access_token": "a2", "expires_in": 600}), at(1540))
            .unwrap();
        let tokens = flow.tokens().unwrap();
        assert_eq!(tokens.refresh_token.as_deref(), Some("r1"));
        assert_eq!(tokens.scope, None);
        assert_eq!(*lock(&seen), ["a1", "a2"]);
        assert!(flow.invalidate());
        assert!(flow.token_request(at(1541)).is_some());
        let mut req = reqwest::Request::new(reqwest::Method::GET, "http://h/".parse().unwrap());
        flow.apply(&mut req);
        assert_eq!(req.headers()["authorization"], "Bearer a2");
    }

    #[test]
    fn fallback_until_a_token_set() {
        let fallback =
            super::super::AuthProvider::client_credentials("/token", Some("id".into()), None);
        let flow = flow(Some(fallback.0.clone()));
        assert!(flow.has_credentials());
        let request = flow.token_request(at(0)).unwrap();
        assert_eq!(request.url, "/token");
        flow.accept_token(&json!({"access_token": "cc"}), at(0))
            .unwrap();
        assert!(flow.tokens().is_none());
        let mut req = reqwest::Request::new(reqwest::Method::GET, "http://h/".parse().unwrap());
        flow.apply(&mut req);
        assert_eq!(req.headers()["authorization"], "Bearer cc");
        assert!(flow.token_request(at(0)).is_none());
    }
}
