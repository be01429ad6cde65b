// Package option holds the functional options of the client and of every call: give them to the
// client's constructor to apply to every call, or to one method call to apply to that call only.
package option

import (
	"net/http"
	"time"

	"github.com/zsdk-generator/go-runtime/internal/core"
)

// RequestOption changes the client's or one call's configuration.
type RequestOption = core.Option

// Middleware sees every request sent (retries and token requests too) and every response.
type Middleware = core.Middleware

// MiddlewareNext passes a request on to the next middleware and finally the HTTP client.
type MiddlewareNext = core.MiddlewareNext

// RawResponse is the status, headers, request id and raw body of a response.
type RawResponse = core.RawResponse

// WithBaseURL sends requests to url instead of the spec's server.
func WithBaseURL(url string) RequestOption {
	return func(c *core.Config) { c.BaseURL = url }
}

// WithServerVariable sets a variable of the server URL template.
func WithServerVariable(name, value string) RequestOption {
	return func(c *core.Config) { c.ServerVariables[name] = value }
}

// WithHTTPClient sends requests through client (its Transport is the place for a custom RoundTripper).
func WithHTTPClient(client *http.Client) RequestOption {
	return func(c *core.Config) { c.HTTPClient = client }
}

// WithTimeout bounds each try of a request (0: no timeout).
func WithTimeout(timeout time.Duration) RequestOption {
	return func(c *core.Config) { c.Timeout = timeout }
}

// WithMaxRetries sets how many times a failed request is retried (0 disables retries).
func WithMaxRetries(retries int) RequestOption {
	return func(c *core.Config) { c.MaxRetries = retries }
}

// WithRetryDelays sets the first backoff delay and the cap.
func WithRetryDelays(base, maximum time.Duration) RequestOption {
	return func(c *core.Config) { c.BaseDelay, c.MaxDelay = base, maximum }
}

// WithRefreshBuffer sets how long before a token expires it is refreshed (a login or OAuth2 token); a client
// option.
func WithRefreshBuffer(buffer time.Duration) RequestOption {
	return func(c *core.Config) { c.RefreshBuffer = &buffer }
}

// WithMaxRefreshRetries sets how many times a login token refresh that failed retryably (no answer, a timeout,
// 429, 5xx) is tried again, with the client's backoff, before the call fails with its error; a client option.
func WithMaxRefreshRetries(retries int) RequestOption {
	return func(c *core.Config) { c.RefreshRetries = &retries }
}

// WithExponentialBackoff turns exponential backoff on (the default: the delay doubles from the base delay
// up to the cap) or off (every retry waits the base delay).
func WithExponentialBackoff(on bool) RequestOption {
	return func(c *core.Config) { c.ConstantBackoff = !on }
}

// WithHeader sets a header on every request (it wins over the SDK's own headers).
func WithHeader(name, value string) RequestOption {
	return func(c *core.Config) { c.Headers.Set(name, value) }
}

// WithQuery adds a query parameter to every request, after the operation's own (a parameter of the same name
// is replaced in its place); adding a name again repeats it.
func WithQuery(name, value string) RequestOption {
	return func(c *core.Config) { c.Query = append(c.Query, [2]string{name, value}) }
}

// WithMiddleware adds middleware; the first added is the outermost.
func WithMiddleware(middleware ...Middleware) RequestOption {
	return func(c *core.Config) { c.Middleware = append(c.Middleware, middleware...) }
}

// WithIdempotencyKey sends key as the Idempotency-Key, the same on every retry.
func WithIdempotencyKey(key string) RequestOption {
	return func(c *core.Config) { c.IdempotencyKey = key }
}

// WithResponseInto stores the raw response (status, headers, body) of the call in dst.
func WithResponseInto(dst *RawResponse) RequestOption {
	return func(c *core.Config) { c.ResponseInto = dst }
}

// WithUserAgent replaces the User-Agent header.
func WithUserAgent(userAgent string) RequestOption {
	return func(c *core.Config) { c.UserAgent = userAgent }
}

// WithCredential sets a credential by its name (the generated With… credential options use it).
func WithCredential(name, value string) RequestOption {
	return func(c *core.Config) { c.Credentials[name] = value }
}
