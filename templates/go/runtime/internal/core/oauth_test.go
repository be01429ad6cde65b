package core

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"
)

// authServer issues numbered token pairs; a refresh token works once (rotation); a code other than "good" is
// refused with 400.
type authServer struct {
	mu        sync.Mutex
	expiresIn int
	issued    int
	live      map[string]bool
	forms     []url.Values
	auth      []string
}

func (s *authServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = r.ParseForm()
	switch r.URL.Path {
	case "/oauth/revoke":
		s.forms = append(s.forms, r.PostForm)
	case "/oauth/token":
		s.forms = append(s.forms, r.PostForm)
		if r.PostForm.Get("grant_type") == "authorization_code" && r.PostForm.Get("code") != "good" ||
			r.PostForm.Get("grant_type") == "refresh_token" && !s.live[r.PostForm.Get("refresh_token")] {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"error": "invalid_grant", "message": "refused"}`))
			return
		}
		delete(s.live, r.PostForm.Get("refresh_token"))
		s.issued++
		n := strconv.Itoa(s.issued)
		s.live["r"+n] = true
		_, _ = w.Write([]byte(`{"access_token": "a` + n + `", "refresh_token": "r` + n + `", "expires_in": ` + strconv.Itoa(s.expiresIn) + `, "scope": "read"}`))
	default:
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		_, _ = w.Write([]byte(`{}`))
	}
}

func newOAuthClient(t *testing.T, expiresIn int, secret string, cfg Config) (*authServer, *Client, *OAuth, *time.Time) {
	server := &authServer{expiresIn: expiresIn, live: map[string]bool{}}
	ts := httptest.NewServer(server)
	t.Cleanup(ts.Close)
	cfg.BaseURL, cfg.Timeout, cfg.DefaultSecurity = ts.URL, 5*time.Second, [][]string{{"oauth"}}
	client := NewClient(cfg, nil)
	now := time.Unix(1_000_000, 0)
	client.clock = func() time.Time { return now }
	endpoints := OAuthEndpoints{AuthorizationURL: "https://auth.example.com/authorize", TokenURL: "/oauth/token",
		RefreshURL: "/oauth/token", RevokeURL: "/oauth/revoke", Scopes: []string{"read", "write"}}
	client.SetAuth("oauth", NewOAuth2AuthorizationCode(endpoints, "cid", secret, nil))
	return server, client, NewOAuth(client, "oauth"), &now
}

func get(t *testing.T, client *Client) {
	t.Helper()
	if err := client.Do(context.Background(), NewRequest("GET", "/things"), nil, nil); err != nil {
		t.Fatal(err)
	}
}

func TestAuthorizationURL(t *testing.T) {
	_, _, oauth, _ := newOAuthClient(t, 3600, "", Config{})
	request, err := oauth.AuthorizationURL(AuthorizationURLParams{RedirectURI: "https://app.example.com/cb", State: "s1"})
	if err != nil {
		t.Fatal(err)
	}
	parsed, _ := url.Parse(request.URL)
	query := parsed.Query()
	if parsed.Scheme+"://"+parsed.Host+parsed.Path != "https://auth.example.com/authorize" || request.State != "s1" ||
		query.Get("response_type") != "code" || query.Get("client_id") != "cid" ||
		query.Get("redirect_uri") != "https://app.example.com/cb" || query.Get("scope") != "read write" ||
		query.Get("state") != "s1" || query.Get("code_challenge_method") != "S256" ||
		query.Get("code_challenge") != PKCEChallenge(request.CodeVerifier) || len(request.CodeVerifier) < 43 {
		t.Fatalf("authorization URL %s (verifier %q)", request.URL, request.CodeVerifier)
	}
	other, _ := oauth.AuthorizationURL(AuthorizationURLParams{RedirectURI: "x:/cb", Scopes: []string{}})
	if other.State == "" || other.CodeVerifier == request.CodeVerifier || url.Values(mustQuery(other.URL)).Has("scope") {
		t.Fatalf("second authorization URL %s", other.URL)
	}
	// RFC 7636 appendix B's example.
	if got := PKCEChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"); got != "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" {
		t.Fatalf("challenge %s", got)
	}
}

func mustQuery(raw string) url.Values {
	parsed, _ := url.Parse(raw)
	return parsed.Query()
}

func TestExchangeCodeThenCallsSendTheToken(t *testing.T) {
	var seen []OAuthTokens
	server, client, oauth, _ := newOAuthClient(t, 3600, "shh", Config{OnOAuthTokens: func(t OAuthTokens) { seen = append(seen, t) }})
	tokens, err := oauth.ExchangeCode(context.Background(), "good", "https://app/cb", "verifier")
	if err != nil {
		t.Fatal(err)
	}
	want := OAuthTokens{AccessToken: "a1", RefreshToken: "r1", ExpiresAt: time.Unix(1_000_000+3600, 0), Scope: "read"}
	if tokens != want {
		t.Fatalf("tokens %+v", tokens)
	}
	form := server.forms[0]
	if form.Get("grant_type") != "authorization_code" || form.Get("code") != "good" || form.Get("redirect_uri") != "https://app/cb" ||
		form.Get("client_id") != "cid" || form.Get("client_secret") != "shh" || form.Get("code_verifier") != "verifier" {
		t.Fatalf("exchange form %v", form)
	}
	get(t, client)
	if server.auth[0] != "Bearer a1" || len(seen) != 1 || seen[0] != want {
		t.Fatalf("auth %v, hook %v", server.auth, seen)
	}
}

func TestExchangeErrorsAreAPIErrors(t *testing.T) {
	_, _, oauth, _ := newOAuthClient(t, 3600, "", Config{})
	_, err := oauth.ExchangeCode(context.Background(), "bad", "x:/cb", "")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || !errors.Is(err, ErrBadRequest) {
		t.Fatalf("error %v", err)
	}
	if _, has := oauth.Tokens(); has {
		t.Fatal("tokens after a refused exchange")
	}
}

func TestRefreshBeforeExpiryRotates(t *testing.T) {
	buffer := 10 * time.Second
	server, client, oauth, now := newOAuthClient(t, 100, "", Config{RefreshBuffer: &buffer})
	client.SetAuth("oauth", client.Auth("oauth")) // takes the client's refresh buffer
	if _, err := oauth.ExchangeCode(context.Background(), "good", "x:/cb", ""); err != nil {
		t.Fatal(err)
	}
	*now = now.Add(89 * time.Second)
	get(t, client)
	*now = now.Add(2 * time.Second)
	get(t, client)
	*now = now.Add(95 * time.Second)
	get(t, client)
	var refreshed []string
	for _, form := range server.forms {
		if form.Get("grant_type") == "refresh_token" {
			refreshed = append(refreshed, form.Get("refresh_token"))
		}
	}
	tokens, _ := oauth.Tokens()
	if len(refreshed) != 2 || refreshed[0] != "r1" || refreshed[1] != "r2" || tokens.RefreshToken != "r3" {
		t.Fatalf("refreshed with %v, tokens %+v", refreshed, tokens)
	}
	if server.auth[0] != "Bearer a1" || server.auth[1] != "Bearer a2" || server.auth[2] != "Bearer a3" {
		t.Fatalf("auth %v", server.auth)
	}
}

func TestStoredTokensAreRefreshed(t *testing.T) {
	stored := OAuthTokens{AccessToken: "old", RefreshToken: "stored", ExpiresAt: time.Unix(999_000, 0)}
	server, client, oauth, _ := newOAuthClient(t, 3600, "", Config{OAuthTokens: &stored})
	server.live["stored"] = true
	get(t, client)
	tokens, _ := oauth.Tokens()
	if server.forms[0].Get("refresh_token") != "stored" || tokens.RefreshToken != "r1" || server.auth[0] != "Bearer a1" {
		t.Fatalf("forms %v, tokens %+v", server.forms, tokens)
	}
}

func TestRevoke(t *testing.T) {
	server, _, oauth, _ := newOAuthClient(t, 3600, "shh", Config{})
	if _, err := oauth.ExchangeCode(context.Background(), "good", "x:/cb", ""); err != nil {
		t.Fatal(err)
	}
	if err := oauth.Revoke(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	form := server.forms[len(server.forms)-1]
	if form.Get("token") != "r1" || form.Get("client_id") != "cid" || form.Get("client_secret") != "shh" {
		t.Fatalf("revoke form %v", form)
	}
	if _, has := oauth.Tokens(); has {
		t.Fatal("tokens kept after revoking them")
	}
	if err := oauth.Revoke(context.Background(), ""); err == nil {
		t.Fatal("revoked with no token")
	}
}
