package core

import (
	"bytes"
	"encoding/json"
)

type optState uint8

const (
	optAbsent optState = iota
	optNull
	optValue
)

// Opt is a field or parameter that may be absent, and, where the API allows it, null.
//
// The zero value is absent: it is left out of requests (`omitzero`). Some(v) sends v and
// Null[T]() sends an explicit JSON null. Decoding a response sets the same three states, so
// "not sent" and "sent as null" stay distinguishable.
type Opt[T any] struct {
	value T
	state optState
}

// Some is a present value.
func Some[T any](value T) Opt[T] { return Opt[T]{value: value, state: optValue} }

// Null is an explicit JSON null.
func Null[T any]() Opt[T] { return Opt[T]{state: optNull} }

// Get returns the value and whether there is one (false when absent or null).
func (o Opt[T]) Get() (T, bool) { return o.value, o.state == optValue }

// Value returns the value, or the zero value when absent or null.
func (o Opt[T]) Value() T { return o.value }

// Or returns the value, or fallback when absent or null.
func (o Opt[T]) Or(fallback T) T {
	if o.state == optValue {
		return o.value
	}
	return fallback
}

// IsSet reports whether the field was present (a value or null).
func (o Opt[T]) IsSet() bool { return o.state != optAbsent }

// IsNull reports whether the field is an explicit null.
func (o Opt[T]) IsNull() bool { return o.state == optNull }

// IsZero reports whether the field is absent; encoding/json's omitzero uses it.
func (o Opt[T]) IsZero() bool { return o.state == optAbsent }

// MarshalJSON encodes the value, or null.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if o.state != optValue {
		return []byte("null"), nil
	}
	return json.Marshal(o.value)
}

// UnmarshalJSON decodes a value or null.
func (o *Opt[T]) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		var zero T
		o.value, o.state = zero, optNull
		return nil
	}
	if err := json.Unmarshal(data, &o.value); err != nil {
		return err
	}
	o.state = optValue
	return nil
}
