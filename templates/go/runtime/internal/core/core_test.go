package core

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestExtractErrorEnvelopes(t *testing.T) {
	cases := []struct {
		body          string
		message, code string
	}{
		{`{"error": {"message": "Widget is locked", "code": "locked"}}`, "Widget is locked", "locked"},
		{`{"errors": [{"code": "invalid", "message": "a"}, {"code": "x", "message": "b"}]}`, "a; b", "invalid"},
		{`{"message": "Slow down", "code": 42}`, "Slow down", "42"},
		{`{"detail": "Not allowed here"}`, "Not allowed here", ""},
		{`{"success": false, "error": {"code": "E_CONFLICT", "message": "Already exists"}}`, "Already exists", "E_CONFLICT"},
		{`{"error": "invalid_client", "error_description": "bad secret"}`, "bad secret", "invalid_client"},
		{`{"detail": [{"msg": "field required"}]}`, "field required", ""},
		{`{"title": "Teapot"}`, "Teapot", ""},
		{`"plain"`, "", ""},
	}
	for _, c := range cases {
		decoded, err := Decode([]byte(c.body))
		if err != nil {
			t.Fatal(err)
		}
		message, code := ExtractError(decoded)
		if message != c.message || code != c.code {
			t.Errorf("%s: got (%q, %q), want (%q, %q)", c.body, message, code, c.message, c.code)
		}
	}
}

func TestGetPathSteps(t *testing.T) {
	decoded, err := Decode([]byte(`{"meta": {"total": 3}, "@odata.nextLink": "n", "a~b": {"c.d": true}}`))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path  string
		want  any
		found bool
	}{
		{"meta.total", json.Number("3"), true},
		{"@odata~1nextLink", "n", true},
		{"@odata.nextLink", nil, false},
		{"a~0b.c~1d", true, true},
		{"meta.missing", nil, false},
	}
	for _, c := range cases {
		got, found := GetPath(decoded, c.path)
		if got != c.want || found != c.found {
			t.Errorf("%s: got (%v, %v), want (%v, %v)", c.path, got, found, c.want, c.found)
		}
	}
}

func TestStatusErrorClasses(t *testing.T) {
	err := error(newStatusError(404, http.Header{"X-Request-Id": {"req_1"}}, []byte("upstream exploded")))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.RequestID != "req_1" || apiErr.Message != "Error code: 404" {
		t.Fatalf("unexpected error %#v", err)
	}
	if !errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
		t.Error("404 must be ErrNotFound only")
	}
	if !errors.Is(newStatusError(502, http.Header{}, nil), ErrInternalServer) {
		t.Error("every 5xx is ErrInternalServer")
	}
	timeout := error(&TimeoutError{Err: context.DeadlineExceeded})
	if !errors.Is(timeout, context.DeadlineExceeded) {
		t.Error("a timeout wraps context.DeadlineExceeded")
	}
}

func TestRetryTable(t *testing.T) {
	for _, status := range []int{408, 429, 500, 502, 503, 504} {
		if !shouldRetryStatus(status, http.Header{}) {
			t.Errorf("%d is retried", status)
		}
	}
	if shouldRetryStatus(409, http.Header{}) || !shouldRetryStatus(409, http.Header{"X-Should-Retry": {"true"}}) {
		t.Error("409 is retried only when asked")
	}
	if shouldRetryStatus(503, http.Header{"X-Should-Retry": {"false"}}) {
		t.Error("x-should-retry: false wins")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		header http.Header
		want   time.Duration
		ok     bool
	}{
		{http.Header{"Retry-After": {"2"}}, 2 * time.Second, true},
		{http.Header{"Retry-After-Ms": {"1500"}, "Retry-After": {"9"}}, 1500 * time.Millisecond, true},
		{http.Header{"Retry-After": {now.Add(3 * time.Second).Format(http.TimeFormat)}}, 3 * time.Second, true},
		{http.Header{"Retry-After": {now.Add(-time.Hour).Format(http.TimeFormat)}}, 0, true},
		{http.Header{"Retry-After": {"soon"}}, 0, false},
		{http.Header{}, 0, false},
	}
	for _, c := range cases {
		got, ok := parseRetryAfter(c.header, now)
		if got != c.want || ok != c.ok {
			t.Errorf("%v: got (%v, %v), want (%v, %v)", c.header, got, ok, c.want, c.ok)
		}
	}
	cfg := &Config{BaseDelay: 500 * time.Millisecond, MaxDelay: 8 * time.Second}
	if d := retryDelay(cfg, 1, 0, nil, now, 0); d != time.Second {
		t.Errorf("backoff after one retry: %v", d)
	}
	if d := retryDelay(cfg, 10, 0, nil, now, 1); d != 6*time.Second {
		t.Errorf("capped backoff with full jitter: %v", d)
	}
	constant := &Config{BaseDelay: 500 * time.Millisecond, MaxDelay: 8 * time.Second, ConstantBackoff: true}
	if d := retryDelay(constant, 3, 0, nil, now, 0); d != 500*time.Millisecond {
		t.Errorf("constant backoff: %v", d)
	}
	if d := retryDelay(cfg, 0, 429, http.Header{"Retry-After": {"120"}}, now, 0); d != 500*time.Millisecond {
		t.Errorf("a hint over a minute is ignored: %v", d)
	}
	if d := retryDelay(cfg, 0, 429, http.Header{"X-Ratelimit-Reset": {"3"}}, now, 0); d != 3*time.Second {
		t.Errorf("X-RateLimit-Reset in seconds: %v", d)
	}
	epoch := http.Header{"X-Ratelimit-Reset": {strconv.FormatInt(now.Add(5*time.Second).Unix(), 10)}}
	if d := retryDelay(cfg, 0, 429, epoch, now, 0); d != 5*time.Second {
		t.Errorf("X-RateLimit-Reset as an epoch: %v", d)
	}
	if d := retryDelay(cfg, 0, 503, http.Header{"X-Ratelimit-Reset": {"3"}}, now, 0); d != 500*time.Millisecond {
		t.Errorf("X-RateLimit-Reset is for 429s only: %v", d)
	}
	limit := ParseRateLimit(http.Header{"X-Ratelimit-Limit": {"100"}, "X-Ratelimit-Reset": {"30"}})
	if limit == nil || limit.Limit == nil || *limit.Limit != 100 || limit.Remaining != nil || *limit.Reset != 30 {
		t.Errorf("rate limit: %+v", limit)
	}
	if ParseRateLimit(http.Header{}) != nil {
		t.Errorf("no rate-limit headers gives nil")
	}
}

func TestOptStates(t *testing.T) {
	type body struct {
		A Opt[string] `json:"a,omitzero"`
		B Opt[string] `json:"b,omitzero"`
		C Opt[int64]  `json:"c,omitzero"`
	}
	data, err := json.Marshal(body{A: Some("x"), B: Null[string]()})
	if err != nil || string(data) != `{"a":"x","b":null}` {
		t.Fatalf("got %s, %v", data, err)
	}
	var decoded body
	if err := json.Unmarshal([]byte(`{"b":null,"c":9007199254740993}`), &decoded); err != nil {
		t.Fatal(err)
	}
	if decoded.A.IsSet() || !decoded.B.IsNull() || decoded.C.Value() != 9007199254740993 {
		t.Errorf("decoded %+v", decoded)
	}
}

func TestUnknownFieldsRoundTrip(t *testing.T) {
	type plain struct {
		ID string `json:"id"`
	}
	var known plain
	var extra map[string]json.RawMessage
	if err := UnmarshalObject([]byte(`{"id":"w_1","colour":"teal"}`), &known, &extra, "id"); err != nil {
		t.Fatal(err)
	}
	data, err := MarshalObject(known, extra)
	if err != nil || string(data) != `{"id":"w_1","colour":"teal"}` {
		t.Errorf("got %s, %v", data, err)
	}
}

func TestDateRoundTrip(t *testing.T) {
	var d Date
	if err := json.Unmarshal([]byte(`"2024-02-29"`), &d); err != nil || d.String() != "2024-02-29" {
		t.Errorf("got %v, %v", d, err)
	}
}

func TestSSEDecoder(t *testing.T) {
	body := ": comment\nevent: progress\ndata: {\"id\":\"e1\",\ndata: \"n\":1}\n\ndata: [DONE]\n\n"
	stream := NewStream[map[string]any](io.NopCloser(strings.NewReader(body)))
	var got []map[string]any
	for item, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, item)
	}
	if len(got) != 1 || got[0]["id"] != "e1" {
		t.Errorf("got %v", got)
	}
	failing := NewStream[ServerSentEvent](io.NopCloser(strings.NewReader("event: error\ndata: {\"message\":\"boom\"}\n\n")))
	for _, err := range failing.All() {
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Message != "boom" {
			t.Errorf("got %v", err)
		}
	}
}

func TestQueryEncoding(t *testing.T) {
	r := NewRequest("GET", "/x")
	r.QueryParam("tag", []string{"a", "b"}).QueryParam("absent", Opt[int64]{}).QueryParam("on", Some(true))
	r.QueryParam("filter", map[string]any{"b": 2, "a": "x"}, deepStyle).QueryParam("day", NewDate(2024, time.February, 29))
	if got := r.query.encode(); got != "tag=a&tag=b&on=true&filter%5Ba%5D=x&filter%5Bb%5D=2&day=2024-02-29" {
		t.Errorf("got %s", got)
	}
	// the page parameter goes where the operation declares it, extra parameters after, replacing in place
	r = NewRequest("GET", "/x").QueryParam("page", Opt[int64]{}).QueryParam("per_page", Some(int64(3)))
	extra := extraQuery([][2]string{{"trace", "on"}, {"per_page", "4"}})
	if got := r.withParam("page", "2").query.with(extra).encode(); got != "page=2&per_page=4&trace=on" {
		t.Errorf("got %s", got)
	}
	if got := parseQuery("b=1&a=%20&b=2").encode(); got != "b=1&b=2&a=%20" {
		t.Errorf("got %s", got)
	}
}

func TestLinkHeader(t *testing.T) {
	links := ParseLinkHeader(`<https://x/a?page=2>; rel="next", <https://x/a?page=9>; rel="last"`)
	if links["next"] != "https://x/a?page=2" || links["last"] != "https://x/a?page=9" {
		t.Errorf("got %v", links)
	}
}

func TestPagingStopRules(t *testing.T) {
	decode := func(text string) any {
		value, err := Decode([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return value
	}
	cursor := Pages("cursor", "data").With("next_cursor", "next")
	r := NewRequest("GET", "/x")
	body := decode(`{"data":[{"id":1}],"next":"c2"}`)
	next := cursor.next(r, body, cursor.rawItems(body), http.Header{}, nil)
	if next == nil || next.query.encode() != "cursor=c2" {
		t.Fatal("cursor: a next page")
	}
	if cursor.next(next, body, cursor.rawItems(body), http.Header{}, nil) != nil {
		t.Error("cursor: the same cursor again stops")
	}
	offset := Pages("offset", "").With("total", "")
	items := []any{1, 2}
	if got := offset.next(r, decode(`[1,2]`), items, http.Header{}, nil); got == nil || got.query.encode() != "offset=2" {
		t.Error("offset: advanced by the items received")
	}
	if offset.next(r, decode(`[]`), nil, http.Header{}, nil) != nil {
		t.Error("offset: an empty page stops")
	}
	page := Pages("page", "data").With("total_pages", "pages")
	if page.next(r.withParam("page", "3"), decode(`{"data":[1],"pages":3}`), items, http.Header{}, nil) != nil {
		t.Error("page: the last page stops")
	}
}

func TestRetriesReuseIdempotencyKey(t *testing.T) {
	var calls atomic.Int32
	var keys []string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		if calls.Add(1) == 1 {
			w.WriteHeader(503)
			return
		}
		_, _ = w.Write([]byte(`{"id":"w_1"}`))
	}))
	defer server.Close()
	client := NewClient(Config{BaseURL: server.URL, MaxRetries: 2, Timeout: 5 * time.Second}, nil)
	client.sleep = func(time.Duration) <-chan time.Time { return time.After(0) }
	var out map[string]any
	if err := client.Do(context.Background(), NewRequest("POST", "/widgets").JSONBody(map[string]any{}).Idempotent(), &out, nil); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || keys[0] == "" || keys[0] != keys[1] {
		t.Errorf("keys %v", keys)
	}
}

func TestInvalidArguments(t *testing.T) {
	enums := map[string][]string{"region": {"us", "eu"}}
	if url, err := ResolveServerURL("https://{region}.x", map[string]string{"region": "eu"}, enums); err != nil || url != "https://eu.x" {
		t.Errorf("got %s, %v", url, err)
	}
	_, err := ResolveServerURL("https://{region}.x", map[string]string{"region": "mars"}, enums)
	if !errors.Is(err, ErrInvalidArgument) || err.Error() != `invalid argument: server variable region must be one of us, eu, got "mars"` {
		t.Errorf("got %v", err)
	}
	if _, err := formatPath("/w/{id}", []param{{"id", "", simpleStyle}}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("an empty path parameter: got %v", err)
	}
}

func TestErrorText(t *testing.T) {
	for body, want := range map[string]string{
		`{"message":"no such widget"}`: "404 Not Found: no such widget",
		`upstream exploded`:            "404 Not Found",
	} {
		if got := newStatusError(404, http.Header{}, []byte(body)).Error(); got != want {
			t.Errorf("%s: got %q, want %q", body, got, want)
		}
	}
	if got := newStatusError(499, http.Header{}, []byte(`{"message":"went away"}`)).Error(); got != "499: went away" {
		t.Errorf("got %q", got)
	}
}

// loginRefreshServer answers the refresh route with statuses first (then a fresh token) and every other
// route with the Authorization header it got; refreshes counts the refresh requests.
func loginRefreshServer(statuses []int, refreshes *atomic.Int32) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/auth/refresh" {
			if n := int(refreshes.Add(1)); n <= len(statuses) {
				w.WriteHeader(statuses[n-1])
				_, _ = w.Write([]byte(`{"message":"refresh down"}`))
				return
			}
			_, _ = w.Write([]byte(`{"access_token":"s2","refresh_token":"r2","expires_in":3600}`))
			return
		}
		_, _ = w.Write([]byte(`{"auth":"` + r.Header.Get("Authorization") + `"}`))
	}))
}

func TestLoginRefreshRetries(t *testing.T) {
	for _, tc := range []struct {
		name      string
		statuses  []int
		retries   int
		status    int // the call's error status, 0 for success
		refreshes int32
	}{
		{"retried until it succeeds", []int{503, 429}, 2, 0, 3},
		{"retries spent: the refresh's error, the call's retries not refreshing again", []int{503, 503, 503, 503}, 1, 503, 2},
		{"a 401 is not retried", []int{401, 401}, 3, 401, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var refreshes atomic.Int32
			server := loginRefreshServer(tc.statuses, &refreshes)
			defer server.Close()
			retries := tc.retries
			client := NewClient(Config{BaseURL: server.URL, MaxRetries: 2, Timeout: 5 * time.Second, RefreshRetries: &retries,
				DefaultSecurity: [][]string{{"session"}}}, nil)
			client.sleep = func(time.Duration) <-chan time.Time { return time.After(0) }
			login := NewLoginTokenAuth("")
			login.RefreshPath, login.RefreshTokenField, login.ExpiresInField = "/auth/refresh", "refresh_token", "expires_in"
			client.SetAuth("session", login)
			if err := login.UpdateFromBody(map[string]any{"access_token": "s1", "refresh_token": "r1", "expires_in": json.Number("1")}, time.Now()); err != nil {
				t.Fatal(err)
			}
			var out map[string]any
			err := client.Do(context.Background(), NewRequest("GET", "/me"), &out, nil)
			var apiErr *APIError
			switch {
			case tc.status == 0 && (err != nil || out["auth"] != "Bearer s2"):
				t.Errorf("got %v, %v", out, err)
			case tc.status != 0 && (!errors.As(err, &apiErr) || apiErr.StatusCode != tc.status):
				t.Errorf("want a %d error, got %v", tc.status, err)
			}
			if got := refreshes.Load(); got != tc.refreshes {
				t.Errorf("%d refresh requests, want %d", got, tc.refreshes)
			}
		})
	}
}
