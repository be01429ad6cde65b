package core

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TokenRequest is an HTTP call a provider needs made before it can apply its credential.
type TokenRequest struct {
	Method string
	URL    string      // may be relative to the base URL
	Form   [][2]string // sent in this order
	JSON   map[string]string
	Header map[string]string
}

// AuthProvider applies one security scheme's credential to requests.
type AuthProvider interface {
	HasCredentials() bool
	Apply(req *http.Request)
	// TokenRequest is a call to make before Apply, or nil when ready.
	TokenRequest(now time.Time) *TokenRequest
	// AcceptToken takes the decoded 2xx body of the call TokenRequest asked for.
	AcceptToken(body any, now time.Time) error
	// Invalidate drops a token after a 401; true when a fresh one can be fetched.
	Invalidate() bool
}

type staticAuth struct{}

func (staticAuth) TokenRequest(time.Time) *TokenRequest { return nil }
func (staticAuth) AcceptToken(any, time.Time) error     { return nil }
func (staticAuth) Invalidate() bool                     { return false }

// APIKeyAuth is an API key in a header, query parameter or cookie.
type APIKeyAuth struct {
	staticAuth
	Name     string
	Location string // header, query or cookie
	Key      string
}

// NewAPIKeyAuth is an API key sent as name in location.
func NewAPIKeyAuth(name, location, key string) *APIKeyAuth {
	return &APIKeyAuth{Name: name, Location: location, Key: key}
}

func (a *APIKeyAuth) HasCredentials() bool { return a.Key != "" }

func (a *APIKeyAuth) Apply(req *http.Request) {
	if a.Key == "" {
		return
	}
	switch a.Location {
	case "query":
		pair := percent(a.Name, false) + "=" + percent(a.Key, false) // after the call's own parameters
		if req.URL.RawQuery != "" {
			pair = req.URL.RawQuery + "&" + pair
		}
		req.URL.RawQuery = pair
	case "cookie":
		addCookie(req, a.Name+"="+a.Key)
	default:
		req.Header.Set(a.Name, a.Key)
	}
}

func addCookie(req *http.Request, cookie string) {
	if existing := req.Header.Get("Cookie"); existing != "" {
		cookie = existing + "; " + cookie
	}
	req.Header.Set("Cookie", cookie)
}

// BearerAuth is Authorization: Bearer <token>.
type BearerAuth struct {
	staticAuth
	Token string
}

// NewBearerAuth sends token as a bearer token.
func NewBearerAuth(token string) *BearerAuth { return &BearerAuth{Token: token} }

func (a *BearerAuth) HasCredentials() bool { return a.Token != "" }

func (a *BearerAuth) Apply(req *http.Request) {
	if a.Token != "" {
		req.Header.Set("Authorization", "Bearer "+a.Token)
	}
}

// BasicAuth is Authorization: Basic base64(username:password).
type BasicAuth struct {
	staticAuth
	Username string
	Password string
}

// NewBasicAuth sends HTTP basic credentials.
func NewBasicAuth(username, password string) *BasicAuth {
	return &BasicAuth{Username: username, Password: password}
}

func (a *BasicAuth) HasCredentials() bool { return a.Username != "" }

func (a *BasicAuth) Apply(req *http.Request) {
	if a.Username != "" {
		req.Header.Set("Authorization", basic(a.Username, a.Password))
	}
}

func basic(username, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(username+":"+password))
}

// field is GetPath, falling back to inside a "data" envelope.
func field(body any, path string) (any, bool) {
	if value, ok := GetPath(body, path); ok {
		return value, true
	}
	if object, ok := body.(map[string]any); ok {
		if data, ok := object["data"]; ok {
			return GetPath(data, path)
		}
	}
	return nil, false
}

func expiry(body any, name string, now time.Time) (time.Time, bool) {
	value, ok := field(body, name)
	if !ok {
		return time.Time{}, false
	}
	var secs float64
	var err error
	switch v := value.(type) {
	case interface{ String() string }:
		secs, err = strconv.ParseFloat(v.String(), 64)
	case string:
		secs, err = strconv.ParseFloat(v, 64)
	case float64:
		secs = v
	default:
		return time.Time{}, false
	}
	if err != nil {
		return time.Time{}, false
	}
	return now.Add(seconds(secs)), true
}

func stale(expiresAt time.Time, hasExpiry bool, now time.Time, buffer time.Duration) bool {
	return hasExpiry && !now.Before(expiresAt.Add(-buffer))
}

// OAuth2ClientCredentials is the OAuth2 client-credentials grant with a cached token, fetched on first use
// and again refreshBuffer before it expires (at most half its lifetime early).
type OAuth2ClientCredentials struct {
	TokenURL      string
	ClientID      string
	ClientSecret  string
	Scopes        []string
	RefreshBuffer time.Duration

	mu          sync.Mutex
	accessToken string
	expiresAt   time.Time
	hasExpiry   bool
	buffer      time.Duration
}

// NewOAuth2ClientCredentials fetches tokens from tokenURL with the client's id and secret.
func NewOAuth2ClientCredentials(tokenURL, clientID, clientSecret string, scopes ...string) *OAuth2ClientCredentials {
	return &OAuth2ClientCredentials{TokenURL: tokenURL, ClientID: clientID, ClientSecret: clientSecret, Scopes: scopes, RefreshBuffer: time.Minute, buffer: time.Minute}
}

func (a *OAuth2ClientCredentials) HasCredentials() bool { return a.ClientID != "" }

func (a *OAuth2ClientCredentials) TokenRequest(now time.Time) *TokenRequest {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.accessToken != "" && !stale(a.expiresAt, a.hasExpiry, now, a.buffer) {
		return nil
	}
	form := [][2]string{{"grant_type", "client_credentials"}}
	if len(a.Scopes) > 0 {
		form = append(form, [2]string{"scope", strings.Join(a.Scopes, " ")})
	}
	form = append(form, [2]string{"client_id", a.ClientID}, [2]string{"client_secret", a.ClientSecret})
	return &TokenRequest{Method: "POST", URL: a.TokenURL, Form: form, Header: map[string]string{"Accept": "application/json"}}
}

// SetRefreshBuffer sets how long before the token expires it is fetched again.
func (a *OAuth2ClientCredentials) SetRefreshBuffer(buffer time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.RefreshBuffer, a.buffer = buffer, buffer
}

func (a *OAuth2ClientCredentials) AcceptToken(body any, now time.Time) error {
	value, _ := field(body, "access_token")
	token, _ := value.(string)
	if token == "" {
		return &APIError{Message: "Token response has no access_token"}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.accessToken = token
	a.expiresAt, a.hasExpiry = expiry(body, "expires_in", now)
	a.buffer = a.RefreshBuffer
	if a.hasExpiry {
		a.buffer = min(a.RefreshBuffer, a.expiresAt.Sub(now)/2)
	}
	return nil
}

func (a *OAuth2ClientCredentials) Apply(req *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.accessToken != "" {
		req.Header.Set("Authorization", "Bearer "+a.accessToken)
	}
}

func (a *OAuth2ClientCredentials) Invalidate() bool {
	a.mu.Lock()
	a.accessToken, a.hasExpiry = "", false
	a.mu.Unlock()
	return a.HasCredentials()
}

// LoginTokenAuth is a token obtained by a login operation (x-zsdk-login), refreshed before it expires.
// Field names are dotted paths into the login/refresh response body (tried inside a data envelope too).
type LoginTokenAuth struct {
	TokenField        string
	RefreshTokenField string
	ExpiresInField    string
	RefreshPath       string
	RefreshMethod     string
	RefreshParam      string
	RefreshBuffer     time.Duration
	RefreshRetries    int // retries of a refresh that failed retryably (no answer, a timeout, 429, 5xx)

	mu           sync.Mutex
	accessToken  string
	refreshToken string
	expiresAt    time.Time
	hasExpiry    bool
}

// NewLoginTokenAuth starts with accessToken ("" until a login).
func NewLoginTokenAuth(accessToken string) *LoginTokenAuth {
	return &LoginTokenAuth{accessToken: accessToken, TokenField: "access_token", RefreshMethod: "POST", RefreshParam: "refresh_token", RefreshBuffer: time.Minute, RefreshRetries: 2}
}

// UpdateFromBody stores the tokens found in a login or refresh response body.
func (a *LoginTokenAuth) UpdateFromBody(body any, now time.Time) error {
	value, _ := field(body, a.TokenField)
	token, _ := value.(string)
	if token == "" {
		return &APIError{Message: "Login response has no '" + a.TokenField + "'"}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.accessToken = token
	if a.RefreshTokenField != "" {
		if value, ok := field(body, a.RefreshTokenField); ok {
			if refresh, _ := value.(string); refresh != "" {
				a.refreshToken = refresh
			}
		}
	}
	a.hasExpiry = false
	if a.ExpiresInField != "" {
		a.expiresAt, a.hasExpiry = expiry(body, a.ExpiresInField, now)
	}
	return nil
}

func (a *LoginTokenAuth) canRefresh() bool { return a.refreshToken != "" && a.RefreshPath != "" }

func (a *LoginTokenAuth) HasCredentials() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.accessToken != "" || a.canRefresh()
}

// SetRefreshBuffer sets how long before the token expires it is refreshed.
func (a *LoginTokenAuth) SetRefreshBuffer(buffer time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.RefreshBuffer = buffer
}

// SetRefreshRetries sets how many times a refresh that failed retryably is tried again.
func (a *LoginTokenAuth) SetRefreshRetries(retries int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.RefreshRetries = retries
}

// MaxRefreshRetries is how many times a refresh that failed retryably is tried again before the call fails.
func (a *LoginTokenAuth) MaxRefreshRetries() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.RefreshRetries
}

func (a *LoginTokenAuth) TokenRequest(now time.Time) *TokenRequest {
	a.mu.Lock()
	defer a.mu.Unlock()
	needs := a.accessToken == "" || stale(a.expiresAt, a.hasExpiry, now, a.RefreshBuffer)
	if !needs || !a.canRefresh() {
		return nil
	}
	return &TokenRequest{Method: a.RefreshMethod, URL: a.RefreshPath, JSON: map[string]string{a.RefreshParam: a.refreshToken}, Header: map[string]string{"Accept": "application/json"}}
}

func (a *LoginTokenAuth) AcceptToken(body any, now time.Time) error {
	return a.UpdateFromBody(body, now)
}

func (a *LoginTokenAuth) Apply(req *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.accessToken != "" {
		req.Header.Set("Authorization", "Bearer "+a.accessToken)
	}
}

func (a *LoginTokenAuth) Invalidate() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.canRefresh() {
		return false
	}
	a.accessToken = ""
	return true
}

// selectAuth is the providers for one request: the first alternative whose schemes all have credentials;
// an operation with explicit empty security is public and gets none.
func selectAuth(security [][]string, hasSecurity bool, defaults [][]string, providers map[string]AuthProvider) []AuthProvider {
	requirement := defaults
	if hasSecurity {
		requirement = security
	}
	for _, alternative := range requirement {
		if len(alternative) == 0 {
			continue
		}
		chosen := make([]AuthProvider, 0, len(alternative))
		for _, name := range alternative {
			provider := providers[name]
			if provider == nil || !provider.HasCredentials() {
				chosen = nil
				break
			}
			chosen = append(chosen, provider)
		}
		if chosen != nil {
			return chosen
		}
	}
	return nil
}
