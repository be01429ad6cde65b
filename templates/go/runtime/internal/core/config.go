package core

import (
	"maps"
	"net/http"
	"os"
	"slices"
	"time"
)

// Middleware sees every request the client sends (token requests and retries too) and every response.
// It may change the request, call next (or not) and look at or replace the response.
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// MiddlewareNext sends the request on to the next middleware, and finally the HTTP client.
type MiddlewareNext func(req *http.Request) (*http.Response, error)

// RawResponse is what the server answered: status, headers and the raw body (nil for streamed bodies).
type RawResponse struct {
	StatusCode int
	Header     http.Header
	RequestID  string
	Body       []byte
}

// RateLimit is the response's X-RateLimit-* headers, nil without any.
func (r *RawResponse) RateLimit() *RateLimit { return ParseRateLimit(r.Header) }

// Config is the client's configuration; per-call options change a copy of it.
type Config struct {
	BaseURL         string
	ServerURL       string
	ServerVariables map[string]string
	ServerEnums     map[string][]string // the values each server variable allows (none: any)
	HTTPClient      *http.Client
	Timeout         time.Duration
	MaxRetries      int
	BaseDelay       time.Duration
	MaxDelay        time.Duration
	ConstantBackoff bool           // every retry waits BaseDelay (capped by MaxDelay) instead of doubling it
	RefreshBuffer   *time.Duration // how long before a token expires it is refreshed (nil: the providers' own)
	RefreshRetries  *int           // retries of a login token refresh that failed retryably (nil: the providers' own)
	Headers         http.Header
	Query           [][2]string // extra query parameters, sent in this order after the operation's
	Middleware      []Middleware
	Credentials     map[string]string
	IdempotencyKey  string
	ResponseInto    *RawResponse
	UserAgent       string
	DefaultSecurity [][]string
	OAuthTokens     *OAuthTokens      // the token set an authorization code flow starts with
	OnOAuthTokens   func(OAuthTokens) // called with each new token set of an authorization code flow
}

// Option changes a Config: client-wide when given to the client's constructor, per call when given to a method.
type Option func(*Config)

func (c Config) clone() Config {
	c.ServerVariables = maps.Clone(c.ServerVariables)
	c.Headers = c.Headers.Clone()
	c.Query = slices.Clone(c.Query)
	c.Middleware = slices.Clone(c.Middleware)
	c.Credentials = maps.Clone(c.Credentials)
	return c
}

func (c Config) with(opts []Option) Config {
	c = c.clone()
	if c.Headers == nil {
		c.Headers = http.Header{}
	}
	if c.ServerVariables == nil {
		c.ServerVariables = map[string]string{}
	}
	if c.Credentials == nil {
		c.Credentials = map[string]string{}
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&c)
		}
	}
	return c
}

// Seconds is a duration from seconds (the generated defaults are written in seconds).
func Seconds(s float64) time.Duration { return seconds(s) }

// Client is what generated services call: the configuration and the credential providers, shared.
type Client struct {
	config Config
	auth   map[string]AuthProvider
	clock  func() time.Time
	jitter func() float64
	sleep  func(time.Duration) <-chan time.Time
}

// NewClient applies the client-wide options over the generated defaults.
func NewClient(defaults Config, opts []Option) *Client {
	return &Client{
		config: defaults.with(opts),
		auth:   map[string]AuthProvider{},
		clock:  time.Now,
		jitter: randomJitter,
		sleep:  time.After,
	}
}

// Credential is the named credential given as an option, else the environment variable env ("" for none).
func (c *Client) Credential(name, env string) string {
	if value, ok := c.config.Credentials[name]; ok {
		return value
	}
	if env != "" {
		return os.Getenv(env)
	}
	return ""
}

// SetAuth installs the provider of a security scheme; one that refreshes tokens takes the client's
// RefreshBuffer and RefreshRetries, when they are set.
func (c *Client) SetAuth(scheme string, provider AuthProvider) {
	if refresher, ok := provider.(interface{ SetRefreshBuffer(time.Duration) }); ok && c.config.RefreshBuffer != nil {
		refresher.SetRefreshBuffer(*c.config.RefreshBuffer)
	}
	if refresher, ok := provider.(refreshRetrier); ok && c.config.RefreshRetries != nil {
		refresher.SetRefreshRetries(max(0, *c.config.RefreshRetries))
	}
	c.auth[scheme] = provider
}

// Auth is the provider of a security scheme, or nil.
func (c *Client) Auth(scheme string) AuthProvider { return c.auth[scheme] }
