// The Go conformance driver: every scenario through the generated conformance SDK, one JSON line each.
//
//	driver --server URL --scenarios FILE
//
// The build step (tests/conformance/languages.py) writes this module's go.mod with a replace directive to
// the generated SDK. Scenario steps name calls as resource.method with wire-name arguments; here they
// become SDK calls, and what the SDK returned or failed with is printed the way the Python driver prints it.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	conformance "github.com/conformance/conformance-go"
	"github.com/conformance/conformance-go/option"
)

type object = map[string]any

func main() {
	server := flag.String("server", "", "the conformance server's URL")
	scenariosFile := flag.String("scenarios", "", "the scenarios (JSON)")
	flag.Parse()
	data, err := os.ReadFile(*scenariosFile)
	if err != nil {
		fail(err)
	}
	var scenarios []object
	if err := decode(data, &scenarios); err != nil {
		fail(err)
	}
	if os.Getenv("CONFORMANCE_API_KEY") == "" {
		fail(errors.New("CONFORMANCE_API_KEY is not set (the harness sets it)"))
	}
	out := json.NewEncoder(os.Stdout)
	for _, scenario := range scenarios {
		id, _ := scenario["id"].(string)
		begin(*server, id)
		if err := out.Encode(run(scenario, *server)); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func decode(data []byte, into any) error {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	return decoder.Decode(into)
}

func begin(server, id string) {
	savedTokens = []string{}
	resp, err := http.Post(server+"/_conformance/begin?scenario="+url.QueryEscape(id), "text/plain", nil)
	if err != nil {
		fail(err)
	}
	_ = resp.Body.Close()
}

func seconds(value any) time.Duration {
	n, _ := value.(json.Number).Float64()
	return time.Duration(n * float64(time.Second))
}

func integer(value any) int64 {
	n, _ := value.(json.Number).Int64()
	return n
}

func clientOptions(spec object, server string, hooks *[]int) []option.RequestOption {
	var opts []option.RequestOption
	if credentials, _ := spec["credentials"].(string); credentials != "env" {
		opts = append(opts, option.WithAPIKey("test-key"), option.WithAPIKeyQuery("query-key"),
			option.WithBearerAuthToken("bearer-token"), option.WithUsername("user"), option.WithPassword("pass"),
			option.WithClientID("client-id"), option.WithClientSecret("client-secret"))
	}
	region, hasRegion := spec["region"].(string)
	if hasRegion {
		host, port, _ := strings.Cut(strings.TrimPrefix(server, "http://"), ":")
		opts = append(opts, option.WithHost(host), option.WithPort(port), option.WithRegion(region))
	}
	if !hasRegion || spec["base_url"] == "given" {
		opts = append(opts, option.WithBaseURL(server+"/us"))
	}
	if value, ok := spec["max_retries"]; ok {
		opts = append(opts, option.WithMaxRetries(int(integer(value))))
	}
	if value, ok := spec["timeout"]; ok {
		opts = append(opts, option.WithTimeout(seconds(value)))
	}
	if config, ok := spec["retry_config"].(object); ok { // the scenarios give every field
		opts = append(opts, option.WithMaxRetries(int(integer(config["max_retries"]))),
			option.WithRetryDelays(seconds(config["base_delay"]), seconds(config["max_delay"])),
			option.WithExponentialBackoff(config["exponential_backoff"].(bool)))
	}
	if config, ok := spec["auth_config"].(object); ok {
		if buffer, ok := config["refresh_buffer_seconds"]; ok {
			opts = append(opts, option.WithRefreshBuffer(seconds(buffer)))
		}
		if retries, ok := config["max_refresh_retries"]; ok {
			opts = append(opts, option.WithMaxRefreshRetries(int(integer(retries))))
		}
	}
	if headers, ok := spec["default_headers"].(object); ok {
		for name, value := range headers {
			opts = append(opts, option.WithHeader(name, fmt.Sprint(value)))
		}
	}
	if stored, ok := spec["oauth_tokens"].(object); ok {
		expiresAt := time.Now().Add(seconds(stored["expires_in"]))
		opts = append(opts, option.WithOAuthTokens(conformance.OAuthTokens{AccessToken: str(stored, "access_token"),
			RefreshToken: str(stored, "refresh_token"), ExpiresAt: expiresAt}))
	}
	opts = append(opts, option.WithOnOAuthTokens(func(tokens conformance.OAuthTokens) {
		savedTokens = append(savedTokens, tokens.RefreshToken)
	}))
	if hooked, _ := spec["hooks"].(bool); hooked {
		opts = append(opts, option.WithMiddleware(func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			req.Header.Set("X-Hook", "on")
			resp, err := next(req)
			if err == nil {
				*hooks = append(*hooks, resp.StatusCode)
			}
			return resp, err
		}))
	}
	return opts
}

func callOptions(step object) []option.RequestOption {
	var opts []option.RequestOption
	options, _ := step["options"].(object)
	for name, value := range options {
		switch name {
		case "max_retries":
			opts = append(opts, option.WithMaxRetries(int(integer(value))))
		case "timeout":
			opts = append(opts, option.WithTimeout(seconds(value)))
		case "idempotency_key":
			opts = append(opts, option.WithIdempotencyKey(value.(string)))
		case "headers":
			for header, text := range value.(object) {
				opts = append(opts, option.WithHeader(header, fmt.Sprint(text)))
			}
		case "query":
			query := value.(object)
			for _, name := range slices.Sorted(maps.Keys(query)) { // a JSON object's order is lost: sorted
				opts = append(opts, option.WithQuery(name, fmt.Sprint(query[name])))
			}
		}
	}
	return opts
}

func run(scenario object, server string) object {
	hooks := []int{}
	spec, _ := scenario["client"].(object)
	client := conformance.NewClient(clientOptions(spec, server, &hooks)...)
	steps := []any{}
	for _, raw := range scenario["steps"].([]any) {
		step := raw.(object)
		ctx, cancel := context.WithCancel(context.Background())
		if after, ok := step["cancel_after"]; ok { // the driver cancels the call after cancel_after seconds
			time.AfterFunc(seconds(after), cancel)
		}
		started := time.Now()
		observed, err := runStep(ctx, client, step)
		cancel()
		switch {
		case err != nil && errors.Is(err, context.Canceled):
			observed = cancelled(step, started)
		case err != nil:
			observed = object{"error": errorObservation(err)}
		}
		steps = append(steps, observed)
	}
	out := object{"scenario": scenario["id"], "steps": steps}
	if hooked, _ := spec["hooks"].(bool); hooked {
		out["hooks"] = hooks
	}
	return out
}

// cancelGrace is how long a cancelled call may take to end.
const cancelGrace = 500 * time.Millisecond

// cancelled is a cancelled call: prompt when it ended within cancelGrace of the cancel.
func cancelled(step object, started time.Time) object {
	if time.Since(started)-seconds(step["cancel_after"]) > cancelGrace {
		return object{"cancelled": "late"}
	}
	return object{"cancelled": "prompt"}
}

// wire is a result as JSON with wire names: fields that were not sent left out, unknown fields kept.
func wire(value any) any {
	data, err := json.Marshal(value)
	if err != nil {
		return "unencodable: " + err.Error()
	}
	var out any
	if err := decode(data, &out); err != nil {
		return nil
	}
	return out
}

func nullable(text string) any {
	if text == "" {
		return nil
	}
	return text
}

func errorObservation(err error) object {
	var apiErr *conformance.APIError
	var timeoutErr *conformance.TimeoutError
	var connErr *conformance.ConnectionError
	switch {
	case errors.As(err, &apiErr) && apiErr.StatusCode != 0:
		var body any
		if len(apiErr.Body) > 0 {
			if decode(apiErr.Body, &body) != nil {
				body = string(apiErr.Body)
			}
		}
		return object{"type": errorType(err), "status": apiErr.StatusCode, "message": apiErr.Message,
			"code": nullable(apiErr.Code), "request_id": nullable(apiErr.RequestID), "body": body, "text": err.Error(),
			"field": nullable(apiErr.Field), "rate_limit": rateLimit(apiErr.RateLimit())}
	case errors.As(err, &apiErr):
		return object{"type": "APIError"}
	case errors.As(err, &timeoutErr):
		return object{"type": "APITimeoutError"}
	case errors.As(err, &connErr):
		return object{"type": "APIConnectionError"}
	case errors.Is(err, conformance.ErrInvalidArgument):
		return object{"type": "invalid_argument", "message": err.Error()}
	}
	return object{"type": "GoError", "message": err.Error()}
}

// errorType is the Python class name of an error's status class.
func errorType(err error) string {
	for _, class := range []struct {
		sentinel error
		name     string
	}{
		{conformance.ErrBadRequest, "BadRequestError"},
		{conformance.ErrAuthentication, "AuthenticationError"},
		{conformance.ErrPermissionDenied, "PermissionDeniedError"},
		{conformance.ErrNotFound, "NotFoundError"},
		{conformance.ErrConflict, "ConflictError"},
		{conformance.ErrUnprocessableEntity, "UnprocessableEntityError"},
		{conformance.ErrRateLimit, "RateLimitError"},
		{conformance.ErrInternalServer, "InternalServerError"},
	} {
		if errors.Is(err, class.sentinel) {
			return class.name
		}
	}
	return "APIStatusError"
}

func str(args object, name string) string {
	text, _ := args[name].(string)
	return text
}

func optInt(args object, name string) conformance.Opt[int64] {
	if value, ok := args[name]; ok {
		return conformance.Some(integer(value))
	}
	return conformance.Opt[int64]{}
}

func optStr(args object, name string) conformance.Opt[string] {
	if value, ok := args[name].(string); ok {
		return conformance.Some(value)
	}
	return conformance.Opt[string]{}
}

// optOf is args[name] (a wire name) as a T, absent when the step does not give it.
func optOf[T any](args object, name string) conformance.Opt[T] {
	var out T
	if value, ok := args[name]; ok && into(value, &out) == nil {
		return conformance.Some(out)
	}
	return conformance.Opt[T]{}
}

// valueOf is args[name] as a T (its zero value when the step does not give it).
func valueOf[T any](args object, name string) T {
	var out T
	_ = into(args[name], &out)
	return out
}

func into(value any, target any) error {
	data, err := json.Marshal(value)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, target)
}

func ids[T any](seq func(func(T, error) bool), id func(T) string) ([]string, error) {
	out := []string{}
	var failure error
	seq(func(item T, err error) bool {
		if err != nil {
			failure = err
			return false
		}
		out = append(out, id(item))
		return true
	})
	return out, failure
}

func page[T any](p *conformance.Page[T], err error, id func(T) string) (object, error) {
	if err != nil {
		return nil, err
	}
	items := []string{}
	for _, item := range p.Items {
		items = append(items, id(item))
	}
	return object{"page": object{"items": items, "has_next": p.HasNextPage()}}, nil
}

// shapeVariant names the variant a nullable Shape decoded into (nil for null or absent).
func shapeVariant(shape conformance.Opt[conformance.Shape]) any {
	value, ok := shape.Get()
	switch {
	case !ok:
		return nil
	case value.Circle != nil:
		return "Circle"
	case value.Square != nil:
		return "Square"
	}
	return nil
}

// partVariant names the variant a Part decoded into.
func partVariant(part conformance.Part) any {
	switch {
	case part.Gear != nil:
		return "Gear"
	case part.Spring != nil:
		return "Spring"
	}
	return nil
}

func recordID(r conformance.Record) string { return r.ID }
func widgetID(w conformance.Widget) string { return w.ID }

func runStep(ctx context.Context, client *conformance.Client, step object) (object, error) {
	if value, ok := step["sleep"]; ok {
		time.Sleep(seconds(value))
		return object{"slept": value}, nil
	}
	if login, ok := step["authenticate"].(object); ok {
		if err := client.Authenticate(ctx, str(login, "email"), str(login, "password")); err != nil {
			return nil, err
		}
		return object{"authenticated": true}, nil
	}
	if observed, err, ok := oauthStep(ctx, client, step); ok {
		return observed, err
	}
	args, _ := step["args"].(object)
	observe, _ := step["observe"].(string)
	if observe == "" {
		observe = "result"
	}
	opts := callOptions(step)
	var raw conformance.RawResponse
	if observe == "raw" {
		opts = append(opts, option.WithResponseInto(&raw))
	}
	var result any
	var err error
	switch call := step["call"].(string); call {
	case "widgets.get":
		var w *conformance.Widget
		w, err = client.Widgets.Get(ctx, str(args, "widget_id"), opts...)
		if err == nil && observe == "variant" {
			return object{"variant": shapeVariant(w.Shape)}, nil
		}
		result = w
	case "gadgets.get":
		var g *conformance.Gadget
		g, err = client.Gadgets.Get(ctx, str(args, "gadget_id"), opts...)
		if err == nil && observe == "variant" {
			if field, _ := step["field"].(string); field == "part" {
				return object{"variant": partVariant(g.Part)}, nil
			}
			return object{"variant": shapeVariant(g.Casing)}, nil
		}
		result = g
	case "widgets.delete":
		err = client.Widgets.Delete(ctx, str(args, "widget_id"), opts...)
	case "widgets.create":
		var body conformance.WidgetCreate
		if err = into(args["body"], &body); err == nil {
			result, err = client.Widgets.Create(ctx, body, opts...)
		}
	case "widgets.update":
		var body conformance.WidgetUpdate
		if err = into(args["body"], &body); err == nil {
			result, err = client.Widgets.Update(ctx, str(args, "widget_id"), body, opts...)
		}
	case "widgets.list":
		params := conformance.WidgetsListParams{Cursor: optStr(args, "cursor"), Limit: optInt(args, "limit")}
		if observe == "walk" {
			return walk(ids(client.Widgets.ListAutoPaging(ctx, params, opts...), widgetID))
		}
		p, err := client.Widgets.List(ctx, params, opts...)
		return page(p, err, widgetID)
	case "records.list_by_offset":
		params := conformance.RecordsListByOffsetParams{Offset: optInt(args, "offset"), Limit: optInt(args, "limit")}
		return walk(ids(client.Records.ListByOffsetAutoPaging(ctx, params, opts...), recordID))
	case "records.list_by_page":
		params := conformance.RecordsListByPageParams{Page: optInt(args, "page"), PerPage: optInt(args, "per_page")}
		return walk(ids(client.Records.ListByPageAutoPaging(ctx, params, opts...), recordID))
	case "records.list_by_link":
		params := conformance.RecordsListByLinkParams{Page: optInt(args, "page"), PerPage: optInt(args, "per_page")}
		return walk(ids(client.Records.ListByLinkAutoPaging(ctx, params, opts...), recordID))
	case "records.list_by_key":
		params := conformance.RecordsListByKeyParams{ExclusiveStartKey: optStr(args, "exclusiveStartKey"), Limit: optInt(args, "limit")}
		return walk(ids(client.Records.ListByKeyAutoPaging(ctx, params, opts...), recordID))
	case "records.list_after":
		params := conformance.RecordsListAfterParams{StartingAfter: optStr(args, "starting_after"), Limit: optInt(args, "limit")}
		return walk(ids(client.Records.ListAfterAutoPaging(ctx, params, opts...), recordID))
	case "records.search":
		params := conformance.RecordsSearchParams{Query: str(args, "query"), Page: optStr(args, "page"), Limit: optInt(args, "limit")}
		return walk(ids(client.Records.SearchAutoPaging(ctx, params, opts...), recordID))
	case "envelopes.data_meta":
		result, err = client.Envelopes.DataMeta(ctx, opts...)
	case "envelopes.success":
		result, err = client.Envelopes.Success(ctx, opts...)
	case "files.upload":
		file, _ := args["file"].(object)
		params := conformance.FilesUploadParams{
			File:    conformance.NewFile(strings.NewReader(str(file, "text")), str(file, "filename"), str(file, "content_type")),
			Purpose: str(args, "purpose"),
		}
		result, err = client.Files.Upload(ctx, params, opts...)
	case "files.download":
		body, err := client.Files.Download(ctx, str(args, "file_id"), opts...)
		if err != nil {
			return nil, err
		}
		defer func() { _ = body.Close() }()
		content, err := io.ReadAll(body)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(content)
		return object{"bytes": object{"length": len(content), "sha256": hex.EncodeToString(sum[:])}}, nil
	case "events.stream":
		stream, err := client.Events.Stream(ctx, opts...)
		if err != nil {
			return nil, err
		}
		events := []any{}
		for event, err := range stream.All() {
			if err != nil {
				return nil, err
			}
			events = append(events, wire(event))
		}
		return object{"events": events}, nil
	case "wire.path_simple", "wire.path_label", "wire.path_matrix":
		call := map[string]func(context.Context, string, conformance.Colors, conformance.Rgb, conformance.Colors, conformance.Rgb, ...option.RequestOption) error{
			"wire.path_simple": client.Wire.PathSimple, "wire.path_label": client.Wire.PathLabel, "wire.path_matrix": client.Wire.PathMatrix,
		}[call]
		err = call(ctx, str(args, "p"), valueOf[conformance.Colors](args, "a"), valueOf[conformance.Rgb](args, "o"),
			valueOf[conformance.Colors](args, "ae"), valueOf[conformance.Rgb](args, "oe"), opts...)
	case "wire.query":
		err = client.Wire.Query(ctx, conformance.WireQueryParams{
			P: optStr(args, "p"), A: optOf[conformance.Colors](args, "a"), O: optOf[conformance.Rgb](args, "o"),
			AFlat: optOf[conformance.Colors](args, "a_flat"), OFlat: optOf[conformance.Rgb](args, "o_flat"),
			ASpace: optOf[conformance.Colors](args, "a_space"), OSpace: optOf[conformance.Rgb](args, "o_space"),
			APipe: optOf[conformance.Colors](args, "a_pipe"), OPipe: optOf[conformance.Rgb](args, "o_pipe"),
			APipeExploded: optOf[conformance.Colors](args, "a_pipe_exploded"), Deep: optOf[conformance.Rgb](args, "deep"),
			DeepNested: optOf[conformance.Filter](args, "deep_nested"), DeepBrackets: optOf[conformance.Filter](args, "deep_brackets"),
			DeepRepeat: optOf[conformance.Filter](args, "deep_repeat"), Expand: optOf[conformance.Colors](args, "expand"),
			Items: valueOf[[]conformance.LineItem](args, "items"), Reserved: optStr(args, "reserved"), Text: optStr(args, "text"),
			JSON: optOf[conformance.Rgb](args, "json"), N: optInt(args, "n"), Num: optOf[float64](args, "num"), B: optOf[bool](args, "b"),
		}, opts...)
	case "wire.flagged":
		err = client.Wire.Flagged(ctx, conformance.WireFlaggedParams{Q: optStr(args, "q")}, opts...)
	case "wire.headers":
		err = client.Wire.Headers(ctx, conformance.WireHeadersParams{
			XP: optStr(args, "X-P"), XA: optOf[conformance.Colors](args, "X-A"), XO: optOf[conformance.Rgb](args, "X-O"),
			XOExploded: optOf[conformance.Rgb](args, "X-O-Exploded"),
		}, opts...)
	case "wire.cookies":
		err = client.Wire.Cookies(ctx, conformance.WireCookiesParams{
			CP: optStr(args, "c_p"), CA: optOf[conformance.Colors](args, "c_a"), CO: optOf[conformance.Rgb](args, "c_o"),
			CAFlat: optOf[conformance.Colors](args, "c_a_flat"), COFlat: optOf[conformance.Rgb](args, "c_o_flat"),
		}, opts...)
	case "wire.form":
		err = client.Wire.Form(ctx, valueOf[conformance.WireForm](args, "body"), opts...)
	case "wire.multipart":
		file, _ := args["file"].(object)
		err = client.Wire.Multipart(ctx, conformance.WireMultipartParams{
			File: conformance.NewFile(strings.NewReader(str(file, "text")), str(file, "filename"), str(file, "content_type")),
			Meta: optOf[conformance.Rgb](args, "meta"), Tags: optOf[conformance.Colors](args, "tags"),
			Link: optOf[conformance.Filter](args, "link"), Table: optStr(args, "table"),
		}, opts...)
	case "reports.get":
		result, err = client.Reports.Get(ctx, str(args, "report_id"), opts...)
	case "auth.check_api_key_query":
		result, err = client.Auth.CheckAPIKeyQuery(ctx, opts...)
	case "auth.check_bearer":
		result, err = client.Auth.CheckBearer(ctx, opts...)
	case "auth.check_basic":
		result, err = client.Auth.CheckBasic(ctx, opts...)
	case "auth.check_oauth2":
		result, err = client.Auth.CheckOauth2(ctx, opts...)
	case "auth.me":
		result, err = client.Auth.Me(ctx, opts...)
	case "auth.status":
		result, err = client.Auth.Status(ctx, opts...)
	case "health.check":
		result, err = client.Health.Check(ctx, opts...)
	default:
		return nil, fmt.Errorf("the driver does not know the call %s", call)
	}
	if err != nil {
		return nil, err
	}
	if observe == "raw" {
		var body any
		if decode(raw.Body, &body) != nil {
			body = nil
		}
		return object{"raw": object{"status": raw.StatusCode, "request_id": nullable(raw.RequestID),
			"result": wire(result), "body": body, "rate_limit": rateLimit(raw.RateLimit())}}, nil
	}
	return object{"result": wire(result)}, nil
}

// rateLimit is the observation of a response's X-RateLimit-* headers.
func rateLimit(limit *conformance.RateLimit) any {
	if limit == nil {
		return nil
	}
	value := func(n *int64) any {
		if n == nil {
			return nil
		}
		return *n
	}
	return object{"limit": value(limit.Limit), "remaining": value(limit.Remaining), "reset": value(limit.Reset)}
}

func walk(items []string, err error) (object, error) {
	if err != nil {
		return nil, err
	}
	return object{"walk": items}, nil
}

// savedTokens is the refresh token of every set the client's token hook heard of, this scenario.
var savedTokens []string

func tokensObservation(tokens conformance.OAuthTokens, has bool) object {
	observed := object{"tokens": nil, "saved": slices.Clone(savedTokens)}
	if has {
		observed["tokens"] = object{"access_token": tokens.AccessToken, "refresh_token": tokens.RefreshToken,
			"expires": !tokens.ExpiresAt.IsZero()}
	}
	return observed
}

// oauthStep runs a step of the OAuth2 authorization code flow; ok is false for any other step.
func oauthStep(ctx context.Context, client *conformance.Client, step object) (observed object, err error, ok bool) {
	if args, ok := step["oauth_url"].(object); ok {
		params := conformance.AuthorizationURLParams{RedirectURI: str(args, "redirect_uri"),
			State: str(args, "state"), CodeVerifier: str(args, "code_verifier")}
		if scopes, ok := args["scopes"].([]any); ok {
			params.Scopes = []string{}
			for _, scope := range scopes {
				params.Scopes = append(params.Scopes, scope.(string))
			}
		}
		request, err := client.OAuth.AuthorizationURL(params)
		if err != nil {
			return nil, err, true
		}
		parsed, err := url.Parse(request.URL)
		if err != nil {
			return nil, err, true
		}
		query := object{}
		for name, values := range parsed.Query() {
			query[name] = values[0]
		}
		return object{"authorization_url": object{"path": parsed.Path, "query": query, "raw_query": parsed.RawQuery},
			"state": request.State, "code_verifier": request.CodeVerifier}, nil, true
	}
	if args, ok := step["oauth_exchange"].(object); ok {
		tokens, err := client.OAuth.ExchangeCode(ctx, str(args, "code"), str(args, "redirect_uri"), str(args, "code_verifier"))
		if err != nil {
			return nil, err, true
		}
		return tokensObservation(tokens, true), nil, true
	}
	if _, ok := step["oauth_tokens"]; ok {
		tokens, has := client.OAuth.Tokens()
		return tokensObservation(tokens, has), nil, true
	}
	if args, ok := step["oauth_revoke"].(object); ok {
		if err := client.OAuth.Revoke(ctx, str(args, "token")); err != nil {
			return nil, err, true
		}
		return object{"revoked": true}, nil, true
	}
	return nil, nil, false
}
