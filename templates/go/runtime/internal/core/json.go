package core

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// MarshalObject encodes a model (through an alias type without methods) followed by its unknown fields.
func MarshalObject(known any, extra map[string]json.RawMessage) ([]byte, error) {
	data, err := json.Marshal(known)
	if err != nil || len(extra) == 0 {
		return data, err
	}
	keys := make([]string, 0, len(extra))
	for key := range extra {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	buf.Write(data[:len(data)-1])
	first := len(data) == 2
	for _, key := range keys {
		if !first {
			buf.WriteByte(',')
		}
		first = false
		name, _ := json.Marshal(key)
		buf.Write(name)
		buf.WriteByte(':')
		buf.Write(extra[key])
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalObject decodes a model (through an alias type) and keeps the fields it does not declare.
func UnmarshalObject(data []byte, known any, extra *map[string]json.RawMessage, names ...string) error {
	if err := json.Unmarshal(data, known); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	for _, name := range names {
		delete(all, name)
	}
	if len(all) == 0 {
		all = nil
	}
	*extra = all
	return nil
}

// Decode parses JSON keeping numbers exact (json.Number).
func Decode(data []byte) (any, error) {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var value any
	if err := decoder.Decode(&value); err != nil {
		return nil, err
	}
	return value, nil
}

// GetPath follows a dotted path ("meta.pagination.total") into decoded JSON; ok is false when a step is absent.
// A name holding "." or "~" is written as in a JSON pointer: "~1" for ".", "~0" for "~" ("@odata~1nextLink").
func GetPath(data any, path string) (any, bool) {
	if path == "" {
		return data, true
	}
	current := data
	for _, step := range strings.Split(path, ".") {
		key := pathStep.Replace(step)
		object, isObject := current.(map[string]any)
		if !isObject {
			return nil, false
		}
		value, found := object[key]
		if !found {
			return nil, false
		}
		current = value
	}
	return current, true
}

var pathStep = strings.NewReplacer("~1", ".", "~0", "~")

// JSONKind is the kind of a JSON value by its first byte: '{', '[', '"', 'n' (null), 'b' (boolean) or '0' (number).
func JSONKind(data []byte) byte {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return 0
	}
	switch c := data[0]; c {
	case '{', '[', '"', 'n':
		return c
	case 't', 'f':
		return 'b'
	default:
		return '0'
	}
}

// Discriminator is the string value of an object's discriminator property, or "".
func Discriminator(data []byte, property string) string {
	var object map[string]json.RawMessage
	if json.Unmarshal(data, &object) != nil {
		return ""
	}
	var value string
	if json.Unmarshal(object[property], &value) != nil {
		return ""
	}
	return value
}

// HasFields reports whether data is an object holding every one of names.
func HasFields(data []byte, names ...string) bool {
	var object map[string]json.RawMessage
	if json.Unmarshal(data, &object) != nil {
		return false
	}
	for _, name := range names {
		if _, found := object[name]; !found {
			return false
		}
	}
	return true
}

// IsInteger reports whether a JSON number has no fraction or exponent.
func IsInteger(data []byte) bool {
	return JSONKind(data) == '0' && !bytes.ContainsAny(bytes.TrimSpace(data), ".eE")
}
