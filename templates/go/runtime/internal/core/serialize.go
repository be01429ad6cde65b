package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Encoding is how a parameter or a form or multipart property travels (docs/serialization.md of the
// generator); the generated code gives one only where it is not what the runtime assumes.
type Encoding struct {
	Style         string // simple, label, matrix, form, spaceDelimited, pipeDelimited or deepObject
	Explode       bool
	AllowReserved bool   // query and form values keep RFC 3986's reserved characters
	Nesting       string // how deepObject writes arrays: indexed (""), brackets or repeat
	ContentType   string // a parameter sent as this media type (JSON: its compact JSON); a multipart part's
}

var (
	simpleStyle = Encoding{Style: "simple"}
	formStyle   = Encoding{Style: "form", Explode: true}
	deepStyle   = Encoding{Style: "deepObject", Explode: true}
)

func encodingOr(given []Encoding, fallback Encoding) Encoding {
	if len(given) > 0 {
		return given[0]
	}
	return fallback
}

// member is one field of an object; an object is its members in their order.
type member struct {
	name  string
	value any
}

type object []member

// valueTree is value as JSON with its fields in their order (a struct's declaration order, a map's key
// order): an object, []any, string, json.Number or bool, null fields and items left out. ok is false for an
// absent value (an unset Opt, nil, null).
func valueTree(value any) (tree any, ok bool, err error) {
	if text, isString := value.(string); isString {
		return text, true, nil
	}
	data, err := json.Marshal(value)
	if err != nil {
		return nil, false, err
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	tree, err = decodeOrdered(decoder)
	return tree, err == nil && tree != nil, err
}

func decodeOrdered(decoder *json.Decoder) (any, error) {
	token, err := decoder.Token()
	if err != nil {
		return nil, err
	}
	delim, isDelim := token.(json.Delim)
	if !isDelim {
		return token, nil
	}
	fields, items := object{}, []any{}
	for decoder.More() {
		var name string
		if delim == '{' {
			key, err := decoder.Token()
			if err != nil {
				return nil, err
			}
			name, _ = key.(string)
		}
		value, err := decodeOrdered(decoder)
		switch {
		case err != nil:
			return nil, err
		case value == nil:
		case delim == '{':
			fields = append(fields, member{name, value})
		default:
			items = append(items, value)
		}
	}
	if _, err := decoder.Token(); err != nil {
		return nil, err
	}
	if delim == '{' {
		return fields, nil
	}
	return items, nil
}

// scalarText is a scalar's text; a value nested deeper than a style defines is its compact JSON.
func scalarText(value any) string {
	switch v := value.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	var buf bytes.Buffer
	writeJSON(&buf, value)
	return buf.String()
}

// writeJSON writes a value tree as compact JSON, its strings unescaped beyond what JSON requires.
func writeJSON(buf *bytes.Buffer, value any) {
	switch v := value.(type) {
	case object:
		buf.WriteByte('{')
		for i, f := range v {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeJSON(buf, f.name)
			buf.WriteByte(':')
			writeJSON(buf, f.value)
		}
		buf.WriteByte('}')
	case []any:
		buf.WriteByte('[')
		for i, item := range v {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeJSON(buf, item)
		}
		buf.WriteByte(']')
	case nil:
		buf.WriteString("null")
	case string:
		encoder := json.NewEncoder(buf)
		encoder.SetEscapeHTML(false)
		_ = encoder.Encode(v)
		buf.Truncate(buf.Len() - 1) // Encode ends with a newline
	default:
		buf.WriteString(scalarText(v))
	}
}

// isJSON reports whether a media type is JSON (application/json, …+json).
func isJSON(mediaType string) bool {
	base, _, _ := strings.Cut(strings.ToLower(mediaType), ";")
	base = strings.TrimSpace(base)
	return base == "application/json" || strings.HasSuffix(base, "+json")
}

// wireValue is a parameter's value tree, a `content` JSON parameter's being its compact JSON text.
func wireValue(value any, enc Encoding) (any, bool, error) {
	tree, ok, err := valueTree(value)
	if ok && isJSON(enc.ContentType) {
		tree = scalarText(tree)
	}
	return tree, ok, err
}

const reservedChars = ":/?@!$&'()*+,;="

// percent percent-encodes every byte outside A-Z a-z 0-9 - . _ ~ (and reservedChars when allowReserved).
func percent(text string, allowReserved bool) string {
	var buf strings.Builder
	for i := range len(text) {
		c := text[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 ||
			allowReserved && strings.IndexByte(reservedChars, c) >= 0 {
			buf.WriteByte(c)
		} else {
			fmt.Fprintf(&buf, "%%%02X", c)
		}
	}
	return buf.String()
}

func asIs(text string, _ bool) string { return text }

// syntax is how names, values and a style's delimiters are written: percent-encoded in a URL or form body, as
// they are in a header or a multipart part.
type syntax struct {
	escape                   func(text string, allowReserved bool) string
	open, close, space, pipe string
}

var (
	urlSyntax   = syntax{percent, "%5B", "%5D", "%20", "%7C"}
	plainSyntax = syntax{asIs, "[", "]", " ", "|"}
)

func (s syntax) delimiter(style string) string {
	switch style {
	case "spaceDelimited":
		return s.space
	case "pipeDelimited":
		return s.pipe
	}
	return ","
}

// pairs is a query parameter's (or form property's) name/value pairs, written in s, by style form,
// spaceDelimited, pipeDelimited or deepObject; an empty array or object has none.
func (s syntax) pairs(name string, value any, enc Encoding) [][2]string {
	text := func(v any) string { return s.escape(scalarText(v), enc.AllowReserved) }
	key := s.escape(name, false)
	if enc.Style == "deepObject" {
		return s.deepPairs(key, value, enc)
	}
	var pairs [][2]string
	var joined []string
	switch v := value.(type) {
	case []any:
		for _, item := range v {
			pairs, joined = append(pairs, [2]string{key, text(item)}), append(joined, text(item))
		}
	case object:
		for _, f := range v {
			pairs = append(pairs, [2]string{s.escape(f.name, false), text(f.value)})
			joined = append(joined, s.escape(f.name, false), text(f.value))
		}
	default:
		return [][2]string{{key, text(value)}}
	}
	if enc.Explode || len(pairs) == 0 {
		return pairs
	}
	return [][2]string{{key, strings.Join(joined, s.delimiter(enc.Style))}}
}

// deepPairs is deepObject: key[field] for an object's fields, nested; key[i], key[] or key again (Nesting)
// for an array's items.
func (s syntax) deepPairs(key string, value any, enc Encoding) [][2]string {
	var pairs [][2]string
	switch v := value.(type) {
	case object:
		for _, f := range v {
			pairs = append(pairs, s.deepPairs(key+s.open+s.escape(f.name, false)+s.close, f.value, enc)...)
		}
	case []any:
		for i, item := range v {
			itemKey := key + s.open + strconv.Itoa(i) + s.close
			switch enc.Nesting {
			case "brackets":
				itemKey = key + s.open + s.close
			case "repeat":
				itemKey = key
			}
			pairs = append(pairs, s.deepPairs(itemKey, item, enc)...)
		}
	default:
		pairs = append(pairs, [2]string{key, s.escape(scalarText(value), enc.AllowReserved)})
	}
	return pairs
}

func joinPairs(pairs [][2]string, separator string) string {
	texts := make([]string, len(pairs))
	for i, pair := range pairs {
		texts[i] = pair[0] + "=" + pair[1]
	}
	return strings.Join(texts, separator)
}

// simpleText is a path or header value by style simple, label or matrix (written in s); "" when it is empty.
func (s syntax) simpleText(name string, value any, enc Encoding) string {
	text := func(v any) string { return s.escape(scalarText(v), false) }
	prefix, separator := "", ","
	switch {
	case enc.Style == "label":
		prefix = "."
		if enc.Explode {
			separator = "."
		}
	case enc.Style == "matrix" && enc.Explode:
		prefix, separator = ";", ";"
	case enc.Style == "matrix":
		prefix = ";" + s.escape(name, false) + "="
	}
	var parts []string
	switch v := value.(type) {
	case []any:
		for _, item := range v {
			if enc.Style == "matrix" && enc.Explode {
				parts = append(parts, s.escape(name, false)+"="+text(item))
			} else {
				parts = append(parts, text(item))
			}
		}
	case object:
		for _, f := range v {
			if enc.Explode {
				parts = append(parts, s.escape(f.name, false)+"="+text(f.value))
			} else {
				parts = append(parts, s.escape(f.name, false), text(f.value))
			}
		}
	default:
		if enc.Style == "matrix" {
			return ";" + s.escape(name, false) + "=" + text(value)
		}
		parts = []string{text(value)}
	}
	if len(parts) == 0 || parts[0] == "" && len(parts) == 1 {
		return ""
	}
	return prefix + strings.Join(parts, separator)
}

// headerText is a header parameter's value, style simple, not percent-encoded; ok is false when nothing is
// sent (an absent value, an empty array or object — an empty string is sent).
func headerText(p param) (text string, ok bool, err error) {
	value, ok, err := wireValue(p.value, p.enc)
	if err != nil || !ok {
		return "", false, err
	}
	text = plainSyntax.simpleText(p.name, value, p.enc)
	return text, text != "" || value == "", nil
}

// cookieText is a cookie parameter's name=value pairs, style form, joined by "; "; ok is false when nothing is
// sent.
func cookieText(p param) (text string, ok bool, err error) {
	value, ok, err := wireValue(p.value, p.enc)
	if err != nil || !ok {
		return "", false, err
	}
	pairs := urlSyntax.pairs(p.name, value, p.enc)
	return joinPairs(pairs, "; "), len(pairs) > 0, nil
}

// formBody is an application/x-www-form-urlencoded body: each property in its order, by its encoding (from
// encodings, else form exploded — deepObject for an object or an array of objects); ok is false when there is
// nothing to send.
func formBody(body any, encodings map[string]Encoding) (text string, ok bool, err error) {
	tree, ok, err := valueTree(body)
	if err != nil || !ok {
		return "", false, err
	}
	fields, isObject := tree.(object)
	if !isObject {
		return "", false, fmt.Errorf("%w: a form body must be an object", ErrInvalidArgument)
	}
	var pairs [][2]string
	for _, f := range fields {
		enc, given := encodings[f.name]
		if !given {
			enc = inferredForm(f.value)
		}
		pairs = append(pairs, urlSyntax.pairs(f.name, f.value, enc)...)
	}
	return joinPairs(pairs, "&"), len(pairs) > 0, nil
}

func inferredForm(value any) Encoding {
	if hasObjects(value) {
		return deepStyle
	}
	return formStyle
}

// hasObjects reports whether a value is an object or an array holding one.
func hasObjects(value any) bool {
	switch v := value.(type) {
	case object:
		return true
	case []any:
		for _, item := range v {
			if _, isObject := item.(object); isObject {
				return true
			}
		}
	}
	return false
}
