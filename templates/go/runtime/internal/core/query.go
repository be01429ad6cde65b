package core

import (
	"net/url"
	"reflect"
	"slices"
	"strings"
)

// queryParam is one query parameter of a request: its name and its name=value pairs (none when it is
// absent; a list repeats the name, a map sends name[key] pairs).
type queryParam struct {
	name  string
	pairs [][2]string
}

// queryParams are a request's query parameters in the order they are sent: the operation's in the order it
// declares them (an absent one keeps its place), then the caller's extra ones. url.Values would sort them.
type queryParams []queryParam

// get is the first value sent under name.
func (q queryParams) get(name string) (string, bool) {
	for _, param := range q {
		for _, pair := range param.pairs {
			if pair[0] == name {
				return pair[1], true
			}
		}
	}
	return "", false
}

// set gives the parameter name these pairs, in its place (at the end when it has none); later parameters of
// the same name are dropped.
func (q queryParams) set(name string, pairs [][2]string) queryParams {
	out := make(queryParams, 0, len(q)+1)
	placed := false
	for _, param := range q {
		if param.name != name {
			out = append(out, param)
		} else if !placed {
			out, placed = append(out, queryParam{name, pairs}), true
		}
	}
	if !placed {
		out = append(out, queryParam{name, pairs})
	}
	return out
}

// with is q with every parameter of extra set, extra's order kept for the new ones.
func (q queryParams) with(extra queryParams) queryParams {
	for _, param := range extra {
		q = q.set(param.name, param.pairs)
	}
	return q
}

func (q queryParams) encode() string {
	var parts []string
	for _, param := range q {
		for _, pair := range param.pairs {
			parts = append(parts, url.QueryEscape(pair[0])+"="+url.QueryEscape(pair[1]))
		}
	}
	return strings.Join(parts, "&")
}

// grouped is pairs as parameters, the pairs of one name together where the name first appears.
func grouped(pairs [][2]string) queryParams {
	var q queryParams
	for _, pair := range pairs {
		i := slices.IndexFunc(q, func(p queryParam) bool { return p.name == pair[0] })
		if i < 0 {
			q = append(q, queryParam{pair[0], nil})
			i = len(q) - 1
		}
		q[i].pairs = append(q[i].pairs, pair)
	}
	return q
}

// parseQuery is a raw query string's pairs, in their order (url.ParseQuery gives a map).
func parseQuery(raw string) queryParams {
	var pairs [][2]string
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		pairs = append(pairs, [2]string{unescape(name), unescape(value)})
	}
	return grouped(pairs)
}

func unescape(text string) string {
	if decoded, err := url.QueryUnescape(text); err == nil {
		return decoded
	}
	return text
}

// queryPairs is a query parameter's pairs: none for an absent Opt or nil slice, the name repeated for a list,
// name[key] for each key of a map (in key order: a Go map has none).
func queryPairs(name string, value any) [][2]string {
	if o, ok := value.(optional); ok {
		inner, set := o.anyValue()
		if !set {
			return nil
		}
		value = inner
	}
	if rv := reflect.ValueOf(value); rv.Kind() == reflect.Map && rv.Type().Key().Kind() == reflect.String {
		keys := make([]string, 0, rv.Len())
		for _, key := range rv.MapKeys() {
			keys = append(keys, key.String())
		}
		slices.Sort(keys)
		var pairs [][2]string
		for _, key := range keys {
			item := rv.MapIndex(reflect.ValueOf(key).Convert(rv.Type().Key())).Interface()
			pairs = append(pairs, queryPairs(name+"["+key+"]", item)...)
		}
		return pairs
	}
	var pairs [][2]string
	for _, text := range encodeValues(value) {
		pairs = append(pairs, [2]string{name, text})
	}
	return pairs
}
