package core

import (
	"net/url"
	"slices"
	"strings"
)

// queryParam is one query parameter of a request: its name and its pairs, already written (percent-encoded)
// as they are sent; none when it is absent.
type queryParam struct {
	name  string
	pairs [][2]string
}

// queryParams are a request's query parameters in the order they are sent: a query string written in the
// operation's path, the operation's parameters in the order it declares them (an absent one keeps its place),
// then the caller's extra ones. url.Values would sort them.
type queryParams []queryParam

// get is the first value sent under name, decoded.
func (q queryParams) get(name string) (string, bool) {
	for _, param := range q {
		for _, pair := range param.pairs {
			if unescape(pair[0]) == name {
				return unescape(pair[1]), true
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
	var pairs [][2]string
	for _, param := range q {
		pairs = append(pairs, param.pairs...)
	}
	return joinPairs(pairs, "&")
}

// grouped is pairs as parameters, the pairs of one (decoded) name together where the name first appears.
func grouped(pairs [][2]string) queryParams {
	var q queryParams
	for _, pair := range pairs {
		name := unescape(pair[0])
		i := slices.IndexFunc(q, func(p queryParam) bool { return p.name == name })
		if i < 0 {
			q = append(q, queryParam{name, nil})
			i = len(q) - 1
		}
		q[i].pairs = append(q[i].pairs, pair)
	}
	return q
}

// extraQuery is the caller's extra query parameters (option.WithQuery), form exploded.
func extraQuery(extra [][2]string) queryParams {
	pairs := make([][2]string, len(extra))
	for i, pair := range extra {
		pairs[i] = [2]string{percent(pair[0], false), percent(pair[1], false)}
	}
	return grouped(pairs)
}

// parseQuery is a raw query string's pairs, in their order and as they are written (url.ParseQuery gives a
// map).
func parseQuery(raw string) queryParams {
	var pairs [][2]string
	for _, part := range strings.Split(raw, "&") {
		if part != "" {
			name, value, _ := strings.Cut(part, "=")
			pairs = append(pairs, [2]string{name, value})
		}
	}
	return grouped(pairs)
}

func unescape(text string) string {
	if decoded, err := url.QueryUnescape(text); err == nil {
		return decoded
	}
	return text
}
