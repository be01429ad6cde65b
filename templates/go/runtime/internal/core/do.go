package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

var errAttemptTimeout = errors.New("attempt timed out")

func randomJitter() float64 { return rand.Float64() }

// Do sends the request and decodes the JSON response (unwrapping the envelope) into out (nil: no body).
func (c *Client) Do(ctx context.Context, r *Request, out any, opts []Option) error {
	body, _, err := c.call(ctx, r, opts)
	if err != nil || out == nil {
		return err
	}
	return decodeInto(body, r.envelope, out)
}

// DoText sends the request and returns the body as text.
func (c *Client) DoText(ctx context.Context, r *Request, opts []Option) (string, error) {
	body, _, err := c.call(ctx, r, opts)
	return string(body), err
}

// DoOK sends the request and reports whether the server answered 2xx: false, with a nil error, for an error
// status, a failed connection or a timeout once the retries are spent. The error is the caller's context
// ending, or a request the SDK refused to send.
func (c *Client) DoOK(ctx context.Context, r *Request, opts []Option) (bool, error) {
	_, _, err := c.call(ctx, r, opts)
	if err == nil {
		return true, nil
	}
	if ctx.Err() != nil {
		return false, err
	}
	var apiErr *APIError
	var connErr *ConnectionError
	var timeoutErr *TimeoutError
	if (errors.As(err, &apiErr) && apiErr.StatusCode != 0) || errors.As(err, &connErr) || errors.As(err, &timeoutErr) {
		return false, nil
	}
	return false, err
}

// DoStream sends the request and returns the response with its body unread; the caller closes it.
func (c *Client) DoStream(ctx context.Context, r *Request, opts []Option) (*http.Response, error) {
	cfg := c.config.with(opts)
	p, err := c.prepare(r, &cfg)
	if err != nil {
		return nil, err
	}
	resp, _, err := c.send(ctx, p, true)
	if err != nil {
		return nil, err
	}
	if cfg.ResponseInto != nil {
		*cfg.ResponseInto = RawResponse{StatusCode: resp.StatusCode, Header: resp.Header, RequestID: RequestIDFrom(resp.Header)}
	}
	return resp, nil
}

func (c *Client) call(ctx context.Context, r *Request, opts []Option) ([]byte, http.Header, error) {
	cfg := c.config.with(opts)
	p, err := c.prepare(r, &cfg)
	if err != nil {
		return nil, nil, err
	}
	resp, body, err := c.send(ctx, p, false)
	if err != nil {
		return nil, nil, err
	}
	if cfg.ResponseInto != nil {
		*cfg.ResponseInto = RawResponse{StatusCode: resp.StatusCode, Header: resp.Header, RequestID: RequestIDFrom(resp.Header), Body: body}
	}
	return body, resp.Header, nil
}

func decodeInto(body []byte, envelope string, out any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if envelope != "" {
		decoded, err := Decode(body)
		if err != nil {
			return &APIError{Message: "Response body is not valid JSON", Body: body}
		}
		inner, _ := GetPath(decoded, envelope)
		if body, err = json.Marshal(inner); err != nil {
			return err
		}
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &APIError{Message: "Response body does not match the expected schema: " + err.Error(), Body: body}
	}
	return nil
}

// send runs the retry loop: per try, fetch any token, apply credentials, send; a 401 on a refreshable token
// drops it and tries once more (not counted as a retry); otherwise the retry table decides. A failed refresh of
// a provider with MaxRefreshRetries is retried on its own (fetchTokens), then ends the call.
func (c *Client) send(ctx context.Context, p *prepared, stream bool) (*http.Response, []byte, error) {
	retries, reauthed := 0, false
	for {
		resp, body, err := c.attempt(ctx, p, stream)
		if err == nil {
			return resp, body, nil
		}
		var failed *refreshFailed
		if errors.As(err, &failed) {
			return nil, nil, failed.err
		}
		if ctx.Err() != nil {
			return nil, nil, err
		}
		if !reauthed && c.shouldReauth(p, err) {
			reauthed = true
			continue
		}
		delay, retry := c.retryDelay(p, err, retries, p.cfg.MaxRetries)
		if !retry {
			return nil, nil, err
		}
		retries++
		select {
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		case <-c.sleep(delay):
		}
	}
}

func (c *Client) shouldReauth(p *prepared, err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
		return false
	}
	refreshable := false
	for _, provider := range p.providers {
		if provider.Invalidate() {
			refreshable = true
		}
	}
	return refreshable
}

// retryDelay is how long to wait before trying again after err, and false to give up (limit retries done).
func (c *Client) retryDelay(p *prepared, err error, retriesDone, limit int) (time.Duration, bool) {
	if retriesDone >= max(0, limit) {
		return 0, false
	}
	var apiErr *APIError
	var connErr *ConnectionError
	var timeoutErr *TimeoutError
	var header http.Header
	status := 0
	switch {
	case errors.As(err, &apiErr) && apiErr.StatusCode != 0:
		if !shouldRetryStatus(apiErr.StatusCode, apiErr.Header) {
			return 0, false
		}
		header, status = apiErr.Header, apiErr.StatusCode
	case errors.As(err, &connErr), errors.As(err, &timeoutErr):
	default:
		return 0, false
	}
	return retryDelay(p.cfg, retriesDone, status, header, c.clock(), c.jitter()), true
}

// attemptContext is the context of one try: cancelled after the timeout, with the cause recorded.
func attemptContext(ctx context.Context, timeout time.Duration) (context.Context, func(), func()) {
	actx, cancel := context.WithCancelCause(ctx)
	if timeout <= 0 {
		return actx, func() {}, func() { cancel(nil) }
	}
	timer := time.AfterFunc(timeout, func() { cancel(errAttemptTimeout) })
	return actx, func() { timer.Stop() }, func() { timer.Stop(); cancel(nil) }
}

func transportError(ctx context.Context, err error) error {
	if errors.Is(context.Cause(ctx), errAttemptTimeout) {
		return &TimeoutError{Err: context.DeadlineExceeded}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &TimeoutError{Err: err}
	}
	return &ConnectionError{Err: err}
}

func (c *Client) attempt(ctx context.Context, p *prepared, stream bool) (*http.Response, []byte, error) {
	if err := c.ensureTokens(ctx, p); err != nil {
		return nil, nil, err
	}
	actx, stopTimer, cancel := attemptContext(ctx, p.cfg.Timeout)
	req, err := p.build(actx)
	if err != nil {
		cancel()
		return nil, nil, err
	}
	resp, err := c.exchange(req, p.cfg)
	if err != nil {
		err = transportError(actx, err)
		cancel()
		return nil, nil, err
	}
	if resp.StatusCode >= 400 || !stream {
		body, readErr := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if readErr != nil {
			readErr = transportError(actx, readErr)
		}
		cancel()
		if readErr != nil {
			return nil, nil, readErr
		}
		if resp.StatusCode >= 400 {
			return nil, nil, newStatusError(resp.StatusCode, resp.Header, body)
		}
		return resp, body, nil
	}
	stopTimer()
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil, nil
}

// emptyBody is a request body with nothing in it that net/http does not consider replayable.
type emptyBody struct{}

func (emptyBody) Read([]byte) (int, error) { return 0, io.EOF }
func (emptyBody) Close() error             { return nil }

type cancelOnClose struct {
	io.ReadCloser
	cancel func()
	once   sync.Once
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.cancel)
	return err
}

func (p *prepared) build(ctx context.Context) (*http.Request, error) {
	var body io.Reader
	if p.hasBody {
		body = bytes.NewReader(p.body)
	}
	req, err := http.NewRequestWithContext(ctx, p.method, p.url, body)
	if err != nil {
		return nil, err
	}
	req.URL.RawQuery = p.query.encode()
	req.Header = p.header.Clone()
	// Retrying is the SDK's decision (max retries, backoff): keep net/http from silently resending a
	// request a reused connection lost, which it does for requests it considers replayable.
	if p.hasBody {
		req.GetBody = nil
	} else if p.method == "GET" || p.method == "HEAD" || p.method == "OPTIONS" || p.method == "TRACE" {
		req.Body = emptyBody{}
	}
	for _, provider := range p.providers {
		provider.Apply(req)
	}
	for name, values := range p.overrides {
		req.Header[name] = append([]string(nil), values...)
	}
	if len(p.cookies) > 0 {
		addCookie(req, strings.Join(p.cookies, "; "))
	}
	return req, nil
}

func (c *Client) exchange(req *http.Request, cfg *Config) (*http.Response, error) {
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	next := MiddlewareNext(httpClient.Do)
	for i := len(cfg.Middleware) - 1; i >= 0; i-- {
		middleware, inner := cfg.Middleware[i], next
		next = func(req *http.Request) (*http.Response, error) { return middleware(req, inner) }
	}
	return next(req)
}

var tokenMu sync.Mutex

func (c *Client) ensureTokens(ctx context.Context, p *prepared) error {
	for _, provider := range p.providers {
		if provider.TokenRequest(c.clock()) == nil {
			continue
		}
		if err := c.fetchTokens(ctx, p, provider); err != nil {
			return err
		}
	}
	return nil
}

// refreshRetrier is a provider whose failed token refresh is retried on its own, not by the call's retries.
type refreshRetrier interface {
	MaxRefreshRetries() int
	SetRefreshRetries(int)
}

// refreshFailed is a token refresh that ends the call: the call returns err.
type refreshFailed struct{ err error }

func (e *refreshFailed) Error() string { return e.err.Error() }
func (e *refreshFailed) Unwrap() error { return e.err }

// fetchTokens fetches provider's token; a refreshRetrier's failed refresh is tried again as long as the retry
// table and its MaxRefreshRetries allow, then ends the call. Any other failure fails the try.
func (c *Client) fetchTokens(ctx context.Context, p *prepared, provider AuthProvider) error {
	refresher, ok := provider.(refreshRetrier)
	for tries := 0; ; tries++ {
		err := c.fetchToken(ctx, p, provider)
		if err == nil || !ok || ctx.Err() != nil {
			return err
		}
		delay, retry := c.retryDelay(p, err, tries, refresher.MaxRefreshRetries())
		if !retry {
			return &refreshFailed{err}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-c.sleep(delay):
		}
	}
}

func (c *Client) fetchToken(ctx context.Context, p *prepared, provider AuthProvider) error {
	tokenMu.Lock()
	defer tokenMu.Unlock()
	token := provider.TokenRequest(c.clock())
	if token == nil {
		return nil
	}
	target := token.URL
	if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		base, err := c.baseURL(p.cfg)
		if err != nil {
			return err
		}
		target = JoinURL(base, target)
	}
	var body io.Reader
	contentType := ""
	if token.Form != nil {
		pairs := make([]string, 0, len(token.Form))
		for _, pair := range token.Form {
			pairs = append(pairs, url.QueryEscape(pair[0])+"="+url.QueryEscape(pair[1]))
		}
		body, contentType = strings.NewReader(strings.Join(pairs, "&")), "application/x-www-form-urlencoded"
	} else if token.JSON != nil {
		data, err := json.Marshal(token.JSON)
		if err != nil {
			return err
		}
		body, contentType = bytes.NewReader(data), "application/json"
	}
	actx, _, cancel := attemptContext(ctx, p.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, token.Method, target, body)
	if err != nil {
		return err
	}
	if p.cfg.UserAgent != "" {
		req.Header.Set("User-Agent", p.cfg.UserAgent)
	}
	for name, values := range p.cfg.Headers {
		req.Header[name] = append([]string(nil), values...)
	}
	for name, value := range token.Header {
		req.Header.Set(name, value)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.exchange(req, p.cfg)
	if err != nil {
		return transportError(actx, err)
	}
	data, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return transportError(actx, err)
	}
	if resp.StatusCode >= 400 {
		return newStatusError(resp.StatusCode, resp.Header, data)
	}
	decoded, err := Decode(data)
	if err != nil {
		decoded = string(data)
	}
	return provider.AcceptToken(decoded, c.clock())
}

// Login calls a login operation and stores the tokens of its (not unwrapped) body in provider.
func (c *Client) Login(ctx context.Context, r *Request, provider *LoginTokenAuth, opts []Option) error {
	body, _, err := c.call(ctx, r, opts)
	if err != nil {
		return err
	}
	decoded, err := Decode(body)
	if err != nil {
		return &APIError{Message: "Login response is not valid JSON", Body: body}
	}
	return provider.UpdateFromBody(decoded, c.clock())
}
