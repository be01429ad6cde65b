package core

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// Paginator says how an operation pages: the style and dotted paths into the raw body.
//
// Stop rules: cursor — no cursor, has_more false, an empty page or the same cursor again; offset — an
// empty page or offset >= total; page — an empty page, has_next false or page >= total_pages; link — no
// rel="next" link.
type Paginator struct {
	style    string
	items    string
	settings map[string]string
}

// Pages is a paginator of style (cursor, offset, page or link) with its items at the dotted path items.
func Pages(style, items string) *Paginator {
	return &Paginator{style: style, items: items, settings: map[string]string{
		"cursor_param": "cursor", "offset_param": "offset", "limit_param": "limit", "page_param": "page",
	}}
}

// With sets one setting: cursor_param, next_cursor, cursor_item_field, has_more, offset_param, limit_param,
// total, page_param, per_page_param, total_pages or has_next.
func (pg *Paginator) With(key, value string) *Paginator {
	pg.settings[key] = value
	return pg
}

func toInt(value any, ok bool) (int, bool) {
	if !ok || value == nil {
		return 0, false
	}
	var text string
	switch v := value.(type) {
	case string:
		text = v
	case json.Number:
		text = v.String()
	default:
		return 0, false
	}
	n, err := strconv.Atoi(text)
	return n, err == nil
}

func cursorText(value any) string {
	switch v := value.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "True"
		}
		return "False"
	}
	return ""
}

func (pg *Paginator) rawItems(body any) []any {
	found, _ := GetPath(body, pg.items)
	items, _ := found.([]any)
	return items
}

// next is the request for the page after r's; extra is the call's extra query parameters (a Link page sends
// again only the page size among them).
func (pg *Paginator) next(r *Request, body any, items []any, header http.Header, extra queryParams) *Request {
	s := pg.settings
	if pg.style == "link" {
		target := ParseLinkHeader(header.Get("Link"))["next"]
		if target == "" {
			return nil
		}
		next := r.copy()
		next.url, next.query = target, nil
		// the page size asked for is asked for again when the link leaves it out
		if size, ok := r.query.with(extra).get(s["per_page_param"]); ok && !linkHas(target, s["per_page_param"]) {
			next = next.withParam(s["per_page_param"], size)
		}
		return next
	}
	if len(items) == 0 {
		return nil
	}
	switch pg.style {
	case "cursor":
		if s["has_more"] != "" {
			if more, _ := GetPath(body, s["has_more"]); more != true {
				return nil
			}
		}
		var cursor any
		var found bool
		switch {
		case s["next_cursor"] != "":
			cursor, found = GetPath(body, s["next_cursor"])
		case s["cursor_item_field"] != "":
			cursor, found = GetPath(items[len(items)-1], s["cursor_item_field"])
		}
		text := cursorText(cursor)
		if current, _ := r.query.get(s["cursor_param"]); !found || text == "" || text == current {
			return nil
		}
		return r.withParam(s["cursor_param"], text)
	case "offset":
		offset, _ := toInt(r.query.get(s["offset_param"]))
		offset += len(items)
		if s["total"] != "" {
			if total, ok := toInt(GetPath(body, s["total"])); ok && offset >= total {
				return nil
			}
		}
		return r.withParam(s["offset_param"], strconv.Itoa(offset))
	default:
		page, ok := toInt(r.query.get(s["page_param"]))
		if !ok {
			page = 1
		}
		if s["has_next"] != "" {
			if hasNext, _ := GetPath(body, s["has_next"]); hasNext == false {
				return nil
			}
		}
		if s["total_pages"] != "" {
			if totalPages, ok := toInt(GetPath(body, s["total_pages"])); ok && page >= totalPages {
				return nil
			}
		}
		return r.withParam(s["page_param"], strconv.Itoa(page+1))
	}
}

func (r *Request) withParam(name, value string) *Request {
	next := r.copy()
	next.query = next.query.set(name, [][2]string{{percent(name, false), percent(value, false)}})
	return next
}

func linkHas(target, name string) bool {
	parsed, err := url.Parse(target)
	if err != nil {
		return false
	}
	_, found := parseQuery(parsed.RawQuery).get(name)
	return found
}

// Page is one page of a list: its items and the way to the next page.
type Page[T any] struct {
	Items []T
	// Body is the raw response body of this page.
	Body []byte

	client *Client
	pager  *Paginator
	next   *Request
	opts   []Option
}

// HasNextPage reports whether there is a page after this one.
func (p *Page[T]) HasNextPage() bool { return p.next != nil }

// GetNextPage fetches the next page; check HasNextPage first.
func (p *Page[T]) GetNextPage(ctx context.Context) (*Page[T], error) {
	if p.next == nil {
		return nil, errors.New("no next page; check HasNextPage() first")
	}
	return GetPage[T](ctx, p.client, p.next, p.pager, p.opts)
}

// All walks the items of this page and of every later page, fetching each page when the walk reaches it.
func (p *Page[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page := p
		for {
			for _, item := range page.Items {
				if !yield(item, nil) {
					return
				}
			}
			if !page.HasNextPage() {
				return
			}
			next, err := page.GetNextPage(ctx)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			page = next
		}
	}
}

// GetPage fetches one page.
func GetPage[T any](ctx context.Context, c *Client, r *Request, pager *Paginator, opts []Option) (*Page[T], error) {
	body, header, err := c.call(ctx, r, opts)
	if err != nil {
		return nil, err
	}
	decoded, err := Decode(body)
	if err != nil {
		return nil, &APIError{Message: "Response body is not valid JSON", Body: body}
	}
	raw := pager.rawItems(decoded)
	items := make([]T, 0, len(raw))
	for _, item := range raw {
		data, err := json.Marshal(item)
		if err != nil {
			return nil, err
		}
		var typed T
		if err := json.Unmarshal(data, &typed); err != nil {
			return nil, &APIError{Message: "Response body does not match the expected schema: " + err.Error(), Body: body}
		}
		items = append(items, typed)
	}
	return &Page[T]{Items: items, Body: body, client: c, pager: pager, next: pager.next(r, decoded, raw, header, extraQuery(c.config.with(opts).Query)), opts: opts}, nil
}

// AutoPage walks every item of every page, starting with the request r.
func AutoPage[T any](ctx context.Context, c *Client, r *Request, pager *Paginator, opts []Option) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page, err := GetPage[T](ctx, c, r, pager, opts)
		if err != nil {
			var zero T
			yield(zero, err)
			return
		}
		page.All(ctx)(yield)
	}
}
