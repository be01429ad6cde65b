package core

// OAuth2 authorization code for third-party apps (RFC 6749 §4.1), with PKCE (RFC 7636, S256) and token
// revocation (RFC 7009). An app sends its user to OAuth.AuthorizationURL, gets a code back on its redirect
// URI and trades it with OAuth.ExchangeCode. From then on the client sends the access token and refreshes it
// before it expires; a refresh may rotate the refresh token, and the OnTokens hook hears of every new set so
// the app can store it.

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// OAuthTokens is a token set; a zero ExpiresAt means the expiry is not known.
type OAuthTokens struct {
	AccessToken  string
	RefreshToken string
	ExpiresAt    time.Time
	Scope        string
}

// OAuthEndpoints are the flow's URLs (each absolute or relative to the base URL) and the API's scopes.
type OAuthEndpoints struct {
	AuthorizationURL string
	TokenURL         string
	RefreshURL       string
	RevokeURL        string // "": the API has no revocation
	Scopes           []string
}

// AuthorizationRequest is where to send the user, and what to keep until they come back.
type AuthorizationRequest struct {
	URL          string
	State        string
	CodeVerifier string
}

// AuthorizationURLParams are the parameters of OAuth.AuthorizationURL.
type AuthorizationURLParams struct {
	RedirectURI  string
	Scopes       []string // nil: every scope of the API
	State        string   // "": a random one
	CodeVerifier string   // "": a fresh one
}

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// PKCEChallenge is the S256 challenge of a code verifier: BASE64URL(SHA256(verifier)), unpadded.
func PKCEChallenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// OAuth2AuthorizationCode sends a token set's access token and refreshes it before it expires. Fallback (a
// scheme that also has client credentials) authenticates while there is no token set.
type OAuth2AuthorizationCode struct {
	Endpoints     OAuthEndpoints
	ClientID      string
	ClientSecret  string
	RefreshBuffer time.Duration
	Fallback      AuthProvider
	OnTokens      func(OAuthTokens)

	mu              sync.Mutex
	tokens          *OAuthTokens
	lifetime        time.Duration // 0: not known
	fallbackPending bool
}

// NewOAuth2AuthorizationCode is the provider of an authorization code flow; fallback may be nil.
func NewOAuth2AuthorizationCode(endpoints OAuthEndpoints, clientID, clientSecret string, fallback AuthProvider) *OAuth2AuthorizationCode {
	return &OAuth2AuthorizationCode{Endpoints: endpoints, ClientID: clientID, ClientSecret: clientSecret, RefreshBuffer: time.Minute, Fallback: fallback}
}

func post(target string, form [][2]string) *TokenRequest {
	return &TokenRequest{Method: "POST", URL: target, Form: form, Header: map[string]string{"Accept": "application/json"}}
}

func (a *OAuth2AuthorizationCode) clientForm(form [][2]string) [][2]string {
	form = append(form, [2]string{"client_id", a.ClientID})
	if a.ClientSecret != "" {
		form = append(form, [2]string{"client_secret", a.ClientSecret})
	}
	return form
}

// SetRefreshBuffer sets how long before the access token expires it is refreshed.
func (a *OAuth2AuthorizationCode) SetRefreshBuffer(buffer time.Duration) {
	a.mu.Lock()
	a.RefreshBuffer = buffer
	a.mu.Unlock()
	if refresher, ok := a.Fallback.(interface{ SetRefreshBuffer(time.Duration) }); ok {
		refresher.SetRefreshBuffer(buffer)
	}
}

// Tokens is the current token set; false when there is none.
func (a *OAuth2AuthorizationCode) Tokens() (OAuthTokens, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.tokens == nil {
		return OAuthTokens{}, false
	}
	return *a.tokens, true
}

// SetTokens replaces the token set (nil forgets it).
func (a *OAuth2AuthorizationCode) SetTokens(tokens *OAuthTokens) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.tokens, a.lifetime = tokens, 0
}

// Store takes a token response: the new set replaces the old one (one without a refresh token keeps the old).
func (a *OAuth2AuthorizationCode) Store(body any, now time.Time) (OAuthTokens, error) {
	value, _ := field(body, "access_token")
	access, _ := value.(string)
	if access == "" {
		return OAuthTokens{}, &APIError{Message: "Token response has no access_token"}
	}
	tokens := OAuthTokens{AccessToken: access}
	if value, ok := field(body, "refresh_token"); ok {
		tokens.RefreshToken, _ = value.(string)
	}
	if value, ok := field(body, "scope"); ok {
		tokens.Scope, _ = value.(string)
	}
	a.mu.Lock()
	if tokens.RefreshToken == "" && a.tokens != nil {
		tokens.RefreshToken = a.tokens.RefreshToken
	}
	a.lifetime = 0
	if expiresAt, ok := expiry(body, "expires_in", now); ok {
		tokens.ExpiresAt, a.lifetime = expiresAt, expiresAt.Sub(now)
	}
	a.tokens = &tokens
	hook := a.OnTokens
	a.mu.Unlock()
	if hook != nil {
		hook(tokens)
	}
	return tokens, nil
}

func (a *OAuth2AuthorizationCode) HasCredentials() bool {
	a.mu.Lock()
	has := a.tokens != nil
	a.mu.Unlock()
	return has || (a.Fallback != nil && a.Fallback.HasCredentials())
}

func (a *OAuth2AuthorizationCode) refreshRequest() *TokenRequest {
	form := [][2]string{{"grant_type", "refresh_token"}, {"refresh_token", a.tokens.RefreshToken}}
	return post(a.Endpoints.RefreshURL, a.clientForm(form))
}

func (a *OAuth2AuthorizationCode) TokenRequest(now time.Time) *TokenRequest {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.fallbackPending = false
	if a.tokens == nil {
		if a.Fallback == nil {
			return nil
		}
		request := a.Fallback.TokenRequest(now)
		a.fallbackPending = request != nil
		return request
	}
	buffer := a.RefreshBuffer
	if a.lifetime > 0 {
		buffer = min(buffer, a.lifetime/2)
	}
	if a.tokens.RefreshToken == "" || !stale(a.tokens.ExpiresAt, !a.tokens.ExpiresAt.IsZero(), now, buffer) {
		return nil
	}
	return a.refreshRequest()
}

func (a *OAuth2AuthorizationCode) AcceptToken(body any, now time.Time) error {
	a.mu.Lock()
	pending := a.fallbackPending
	a.mu.Unlock()
	if pending {
		return a.Fallback.AcceptToken(body, now)
	}
	_, err := a.Store(body, now)
	return err
}

func (a *OAuth2AuthorizationCode) Apply(req *http.Request) {
	a.mu.Lock()
	tokens := a.tokens
	a.mu.Unlock()
	if tokens != nil {
		req.Header.Set("Authorization", "Bearer "+tokens.AccessToken)
	} else if a.Fallback != nil {
		a.Fallback.Apply(req)
	}
}

func (a *OAuth2AuthorizationCode) Invalidate() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.tokens == nil {
		return a.Fallback != nil && a.Fallback.Invalidate()
	}
	if a.tokens.RefreshToken == "" {
		return false
	}
	expired := *a.tokens
	expired.ExpiresAt = time.Unix(0, 1)
	a.tokens = &expired
	return true
}

// OAuth is the authorization code flow of a client (Client.OAuth in the generated SDK). Errors of the token
// endpoints are *APIError.
type OAuth struct {
	client   *Client
	provider *OAuth2AuthorizationCode
}

// NewOAuth is the flow of the client's scheme, whose provider is an *OAuth2AuthorizationCode; it takes the
// token set and hook the client's options gave (WithOAuthTokens, WithOnOAuthTokens).
func NewOAuth(c *Client, scheme string) *OAuth {
	provider := c.Auth(scheme).(*OAuth2AuthorizationCode)
	if c.config.OAuthTokens != nil {
		tokens := *c.config.OAuthTokens
		provider.SetTokens(&tokens)
	}
	provider.OnTokens = c.config.OnOAuthTokens
	return &OAuth{client: c, provider: provider}
}

// Tokens is the current token set (after a refresh, the refreshed one); false when there is none.
func (o *OAuth) Tokens() (OAuthTokens, bool) { return o.provider.Tokens() }

// SetTokens makes the client send tokens (a set stored from an earlier exchange).
func (o *OAuth) SetTokens(tokens OAuthTokens) { o.provider.SetTokens(&tokens) }

// AuthorizationURL is the URL to send the user to, with the PKCE S256 challenge; keep State and CodeVerifier.
func (o *OAuth) AuthorizationURL(params AuthorizationURLParams) (AuthorizationRequest, error) {
	verifier, state, scopes := params.CodeVerifier, params.State, params.Scopes
	if verifier == "" {
		verifier = randomString(48)
	}
	if state == "" {
		state = randomString(16)
	}
	if scopes == nil {
		scopes = o.provider.Endpoints.Scopes
	}
	target, err := o.absolute(o.provider.Endpoints.AuthorizationURL, o.client.config)
	if err != nil {
		return AuthorizationRequest{}, err
	}
	pairs := [][2]string{{"response_type", "code"}, {"client_id", o.provider.ClientID}, {"redirect_uri", params.RedirectURI}}
	if len(scopes) > 0 {
		pairs = append(pairs, [2]string{"scope", strings.Join(scopes, " ")})
	}
	pairs = append(pairs, [2]string{"state", state}, [2]string{"code_challenge", PKCEChallenge(verifier)}, [2]string{"code_challenge_method", "S256"})
	query := make([]string, len(pairs))
	for i, pair := range pairs {
		query[i] = url.QueryEscape(pair[0]) + "=" + strings.ReplaceAll(url.QueryEscape(pair[1]), "+", "%20")
	}
	separator := "?"
	if strings.Contains(target, "?") {
		separator = "&"
	}
	return AuthorizationRequest{URL: target + separator + strings.Join(query, "&"), State: state, CodeVerifier: verifier}, nil
}

func (o *OAuth) absolute(target string, cfg Config) (string, error) {
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		return target, nil
	}
	base, err := o.client.baseURL(&cfg)
	if err != nil {
		return "", err
	}
	return JoinURL(base, target), nil
}

// ExchangeCode trades the code the redirect brought for a token set; later calls send it.
func (o *OAuth) ExchangeCode(ctx context.Context, code, redirectURI, codeVerifier string, opts ...Option) (OAuthTokens, error) {
	form := [][2]string{{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirectURI}}
	form = o.provider.clientForm(form)
	if codeVerifier != "" {
		form = append(form, [2]string{"code_verifier", codeVerifier})
	}
	body, err := o.client.sendToken(ctx, post(o.provider.Endpoints.TokenURL, form), opts)
	if err != nil {
		return OAuthTokens{}, err
	}
	return o.provider.Store(body, o.client.clock())
}

// Refresh refreshes the token set now (calls refresh it by themselves before it expires).
func (o *OAuth) Refresh(ctx context.Context, opts ...Option) (OAuthTokens, error) {
	o.provider.mu.Lock()
	if o.provider.tokens == nil || o.provider.tokens.RefreshToken == "" {
		o.provider.mu.Unlock()
		return OAuthTokens{}, errors.New("there is no refresh token to refresh with")
	}
	request := o.provider.refreshRequest()
	o.provider.mu.Unlock()
	body, err := o.client.sendToken(ctx, request, opts)
	if err != nil {
		return OAuthTokens{}, err
	}
	return o.provider.Store(body, o.client.clock())
}

// Revoke revokes token ("": the current refresh token, else the access token); revoking the current set
// forgets it.
func (o *OAuth) Revoke(ctx context.Context, token string, opts ...Option) error {
	if o.provider.Endpoints.RevokeURL == "" {
		return errors.New("this API has no token revocation URL")
	}
	current, has := o.provider.Tokens()
	if token == "" && has {
		token = current.RefreshToken
		if token == "" {
			token = current.AccessToken
		}
	}
	if token == "" {
		return errors.New("there is no token to revoke")
	}
	form := o.provider.clientForm([][2]string{{"token", token}})
	if _, err := o.client.sendToken(ctx, post(o.provider.Endpoints.RevokeURL, form), opts); err != nil {
		return err
	}
	if has && (token == current.AccessToken || token == current.RefreshToken) {
		o.provider.SetTokens(nil)
	}
	return nil
}

// oneShot is a provider whose only token request is the one given; it keeps the body that answered it.
type oneShot struct {
	staticAuth
	request *TokenRequest
	body    any
}

func (s *oneShot) HasCredentials() bool                 { return true }
func (s *oneShot) Apply(*http.Request)                  {}
func (s *oneShot) TokenRequest(time.Time) *TokenRequest { return s.request }
func (s *oneShot) AcceptToken(body any, _ time.Time) error {
	s.body = body
	return nil
}

// sendToken makes a token endpoint call (code exchange, refresh, revoke) with the client's configuration.
func (c *Client) sendToken(ctx context.Context, request *TokenRequest, opts []Option) (any, error) {
	cfg := c.config.with(opts)
	shot := &oneShot{request: request}
	if err := c.fetchToken(ctx, &prepared{cfg: &cfg}, shot); err != nil {
		return nil, err
	}
	return shot.body, nil
}
