package core

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// Sentinels for the status classes: errors.Is(err, ErrNotFound) is true for an *APIError with status 404.
var (
	ErrBadRequest          = errors.New("bad request")
	ErrAuthentication      = errors.New("authentication failed")
	ErrPermissionDenied    = errors.New("permission denied")
	ErrNotFound            = errors.New("not found")
	ErrConflict            = errors.New("conflict")
	ErrUnprocessableEntity = errors.New("unprocessable entity")
	ErrRateLimit           = errors.New("rate limited")
	ErrInternalServer      = errors.New("internal server error")
)

// ErrInvalidArgument is wrapped by the error a call returns, before sending anything, when it or the client
// was given a value the API cannot take: an empty path parameter, a server variable outside its enum.
var ErrInvalidArgument = errors.New("invalid argument")

// StatusClass is the sentinel for a status: 400, 401, 403, 404, 409, 422, 429 and every 5xx; nil for others.
func StatusClass(status int) error {
	switch {
	case status == 400:
		return ErrBadRequest
	case status == 401:
		return ErrAuthentication
	case status == 403:
		return ErrPermissionDenied
	case status == 404:
		return ErrNotFound
	case status == 409:
		return ErrConflict
	case status == 422:
		return ErrUnprocessableEntity
	case status == 429:
		return ErrRateLimit
	case status >= 500:
		return ErrInternalServer
	}
	return nil
}

// APIError is an error the API answered with (a 4xx or 5xx status), or a failure the SDK found in a
// response it could not use (StatusCode 0). Catch it with errors.As; test the class with errors.Is.
// Error() is "404 Not Found: <Message>" ("404 Not Found" when the body had no message), the same text in
// every SDK.
type APIError struct {
	StatusCode int
	Header     http.Header
	RequestID  string
	Body       []byte // the raw response body
	Message    string // parsed from the common error envelopes, else "Error code: <status>"
	Code       string // the machine-readable code from the envelope, "" when absent
	Field      string // the field the envelope names (errors[0].field, else error.field), "" when none

	noMessage bool // the envelopes had no message: Message is the "Error code" stand-in
}

func (e *APIError) Error() string {
	if e.StatusCode == 0 {
		return e.Message
	}
	text := strconv.Itoa(e.StatusCode)
	if reason := http.StatusText(e.StatusCode); reason != "" {
		text += " " + reason
	}
	if e.Message == "" || e.noMessage {
		return text
	}
	return text + ": " + e.Message
}

// Is reports whether target is the sentinel of this error's status class.
func (e *APIError) Is(target error) bool {
	class := StatusClass(e.StatusCode)
	return class != nil && target == class
}

// RateLimit is the X-RateLimit-Limit, -Remaining and -Reset headers of a response, each nil when absent or
// not a whole number. Reset is as the server sent it: seconds from now, or an epoch time in seconds when
// larger than 1e9.
type RateLimit struct {
	Limit     *int64
	Remaining *int64
	Reset     *int64
}

// RateLimit is the response's rate-limit headers, nil without any.
func (e *APIError) RateLimit() *RateLimit { return ParseRateLimit(e.Header) }

// ParseRateLimit reads the rate-limit headers; nil when there are none.
func ParseRateLimit(header http.Header) *RateLimit {
	get := func(name string) *int64 {
		if value, ok := intHeader(header, name); ok {
			return &value
		}
		return nil
	}
	limit := RateLimit{Limit: get("x-ratelimit-limit"), Remaining: get("x-ratelimit-remaining"),
		Reset: get("x-ratelimit-reset")}
	if limit.Limit == nil && limit.Remaining == nil && limit.Reset == nil {
		return nil
	}
	return &limit
}

func intHeader(header http.Header, name string) (int64, bool) {
	value := strings.TrimSpace(header.Get(name))
	if value == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(value, 10, 64)
	return n, err == nil
}

// ConnectionError is a request that got no response: the connection failed or broke.
type ConnectionError struct{ Err error }

func (e *ConnectionError) Error() string { return "connection error: " + e.Err.Error() }
func (e *ConnectionError) Unwrap() error { return e.Err }

// TimeoutError is a request that got no response within the timeout; it wraps context.DeadlineExceeded.
type TimeoutError struct{ Err error }

func (e *TimeoutError) Error() string { return "request timed out: " + e.Err.Error() }
func (e *TimeoutError) Unwrap() error { return e.Err }

// RequestIDFrom is the x-request-id (or request-id) header.
func RequestIDFrom(header http.Header) string {
	if id := header.Get("x-request-id"); id != "" {
		return id
	}
	return header.Get("request-id")
}

func newStatusError(status int, header http.Header, body []byte) *APIError {
	message, code, field := "", "", ""
	if decoded, err := Decode(body); err == nil {
		message, code = ExtractError(decoded)
		field = errorField(decoded)
	}
	noMessage := message == ""
	if noMessage {
		message = "Error code: " + strconv.Itoa(status)
	}
	return &APIError{StatusCode: status, Header: header, RequestID: RequestIDFrom(header), Body: body, Message: message,
		Code: code, Field: field, noMessage: noMessage}
}

// errorField is errors[0].field or error.field of an error body, when a string.
func errorField(body any) string {
	object, _ := body.(map[string]any)
	first := object["error"]
	if list, ok := object["errors"].([]any); ok && len(list) > 0 {
		first = list[0]
	}
	entry, _ := first.(map[string]any)
	field, _ := entry["field"].(string)
	return field
}

func errorCode(value any) string {
	switch v := value.(type) {
	case string:
		return v
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return v.String()
		}
	}
	return ""
}

func errorText(value any) string {
	text, _ := value.(string)
	return text
}

func fromErrorList(items []any) (string, string) {
	var messages []string
	code, haveCode := "", false
	for _, item := range items {
		switch v := item.(type) {
		case string:
			messages = append(messages, v)
		case map[string]any:
			text := errorText(v["message"])
			if text == "" {
				text = errorText(v["msg"])
			}
			if text != "" {
				messages = append(messages, text)
			}
			if !haveCode {
				if c, ok := v["code"]; ok && errorCode(c) != "" {
					code, haveCode = errorCode(c), true
				}
			}
		}
	}
	return strings.Join(messages, "; "), code
}

// ExtractError is (message, code) from a decoded error body, "" where absent. Envelopes, in order:
// {error: {message, code|type}} (also with success: false), {error: "text"} (with OAuth's
// error_description), {errors: [{code, message, field}]}, {message, code}, {detail: str | [{msg}]}, {title}.
func ExtractError(body any) (string, string) {
	object, ok := body.(map[string]any)
	if !ok {
		return "", ""
	}
	switch e := object["error"].(type) {
	case map[string]any:
		message := errorText(e["message"])
		code := errorCode(e["code"])
		if code == "" {
			code = errorCode(e["type"])
		}
		if message != "" || code != "" {
			return message, code
		}
	case string:
		if e != "" {
			if description := errorText(object["error_description"]); description != "" {
				return description, e
			}
			return e, errorCode(object["code"])
		}
	}
	if list, ok := object["errors"].([]any); ok && len(list) > 0 {
		if message, code := fromErrorList(list); message != "" {
			return message, code
		}
	}
	if message := errorText(object["message"]); message != "" {
		return message, errorCode(object["code"])
	}
	switch detail := object["detail"].(type) {
	case string:
		if detail != "" {
			return detail, errorCode(object["code"])
		}
	case []any:
		if message, code := fromErrorList(detail); message != "" {
			return message, code
		}
	}
	if title := errorText(object["title"]); title != "" {
		return title, errorCode(object["code"])
	}
	return "", ""
}
