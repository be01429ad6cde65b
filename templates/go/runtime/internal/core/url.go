package core

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// JoinURL is base + path with exactly one slash between them.
func JoinURL(base, path string) string {
	if path == "" {
		return base
	}
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(path, "/")
}

func (c *Client) baseURL(cfg *Config) (string, error) {
	if cfg.BaseURL != "" {
		return cfg.BaseURL, nil
	}
	return ResolveServerURL(cfg.ServerURL, cfg.ServerVariables, cfg.ServerEnums)
}

var templateVariable = regexp.MustCompile(`\{([^{}]+)\}`)

// ResolveServerURL fills a server URL template's {variables}; a value outside its variable's enum is an
// ErrInvalidArgument.
func ResolveServerURL(template string, variables map[string]string, enums map[string][]string) (string, error) {
	var err error
	resolved := templateVariable.ReplaceAllStringFunc(template, func(match string) string {
		name := match[1 : len(match)-1]
		value, ok := variables[name]
		if !ok {
			return match
		}
		if choices := enums[name]; len(choices) > 0 && !slices.Contains(choices, value) && err == nil {
			err = fmt.Errorf("%w: server variable %s must be one of %s, got %q", ErrInvalidArgument, name,
				strings.Join(choices, ", "), value)
		}
		return value
	})
	return resolved, err
}

func formatPath(path string, params []param) (string, error) {
	for _, p := range params {
		values := encodeValues(p.value)
		if len(values) == 0 {
			return "", fmt.Errorf("%w: path parameter %s is missing", ErrInvalidArgument, p.name)
		}
		text := strings.Join(values, ",")
		if text == "" {
			return "", fmt.Errorf("%w: path parameter %s must not be empty", ErrInvalidArgument, p.name)
		}
		path = strings.ReplaceAll(path, "{"+p.name+"}", url.PathEscape(text))
	}
	return path, nil
}

// encodeValues is a parameter's text form: nothing for an absent Opt or nil slice, one entry per slice item.
func encodeValues(value any) []string {
	if o, ok := value.(optional); ok {
		inner, set := o.anyValue()
		if !set {
			return nil
		}
		value = inner
	}
	if value == nil {
		return nil
	}
	switch v := value.(type) {
	case string:
		return []string{v}
	case []string:
		return v
	case []byte:
		return []string{string(v)}
	}
	rv := reflect.ValueOf(value)
	if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
		var out []string
		for i := range rv.Len() {
			out = append(out, encodeValues(rv.Index(i).Interface())...)
		}
		return out
	}
	return []string{EncodeValue(value)}
}

// EncodeValue is one value's text form in a query, header, path or form: booleans true/false, times
// RFC 3339, dates YYYY-MM-DD, enums their value.
func EncodeValue(value any) string {
	switch v := value.(type) {
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case fmt.Stringer:
		return v.String()
	}
	rv := reflect.ValueOf(value)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'f', -1, 64)
	}
	data, err := json.Marshal(value)
	if err != nil {
		return fmt.Sprint(value)
	}
	return string(data)
}

// FormValues is a model or map as form fields: lists repeat the key, objects use key[sub].
func FormValues(body any) (url.Values, error) {
	data, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	decoded, err := Decode(data)
	if err != nil {
		return nil, err
	}
	values := url.Values{}
	object, ok := decoded.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("a form body must be an object")
	}
	keys := make([]string, 0, len(object))
	for key := range object {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		addForm(values, key, object[key])
	}
	return values, nil
}

func addForm(values url.Values, key string, value any) {
	switch v := value.(type) {
	case nil:
	case []any:
		for _, item := range v {
			addForm(values, key, item)
		}
	case map[string]any:
		for sub, item := range v {
			addForm(values, key+"["+sub+"]", item)
		}
	default:
		values.Add(key, EncodeValue(v))
	}
}

var linkPattern = regexp.MustCompile(`<([^>]*)>\s*((?:;\s*[^;,]+)*)`)

// ParseLinkHeader is an RFC 8288 Link header as rel → URL (the first URL wins per rel).
func ParseLinkHeader(header string) map[string]string {
	links := map[string]string{}
	for _, match := range linkPattern.FindAllStringSubmatch(header, -1) {
		for _, p := range strings.Split(match[2], ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.ToLower(strings.TrimSpace(name)) != "rel" {
				continue
			}
			for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(value), `"`)) {
				if _, seen := links[strings.ToLower(rel)]; !seen {
					links[strings.ToLower(rel)] = match[1]
				}
			}
		}
	}
	return links
}
