package core

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// File is a file to upload in a multipart body.
type File struct {
	Reader      io.Reader
	Filename    string
	ContentType string
}

// NewFile is a file part read from r.
func NewFile(r io.Reader, filename, contentType string) File {
	return File{Reader: r, Filename: filename, ContentType: contentType}
}

// param is a path, header or cookie parameter, with its encoding.
type param struct {
	name  string
	value any
	enc   Encoding
}

// part is a multipart property: a file (File, []File or Opt[File]) or a value with its encoding when it has
// one.
type part struct {
	name  string
	value any
	file  bool
	enc   *Encoding
}

// Request is what one generated method asks for; the client turns it into HTTP, once per call.
type Request struct {
	method      string
	path        string
	url         string // absolute: Link pagination
	pathParams  []param
	query       queryParams
	headers     []param
	cookies     []param
	jsonBody    any
	hasJSON     bool
	form        any
	hasForm     bool
	encodings   map[string]Encoding // form body properties not sent as inferred
	parts       []part
	content     io.Reader
	contentType string
	accept      string
	security    [][]string
	hasSecurity bool
	idempotent  bool
	envelope    string
	err         error // a value that could not be serialised
}

// NewRequest is a call of method on the path template (/widgets/{widget_id}).
func NewRequest(method, path string) *Request {
	return &Request{method: method, path: path}
}

func (r *Request) copy() *Request {
	c := *r
	c.query = slices.Clone(r.query)
	return &c
}

// PathParam fills {name} in the path, by its encoding (default: simple).
func (r *Request) PathParam(name string, value any, enc ...Encoding) *Request {
	r.pathParams = append(r.pathParams, param{name, value, encodingOr(enc, simpleStyle)})
	return r
}

// QueryParam adds a query parameter, in the order of the calls, by its encoding (default: form, exploded); an
// absent one sends nothing but keeps its place.
func (r *Request) QueryParam(name string, value any, enc ...Encoding) *Request {
	e := encodingOr(enc, formStyle)
	tree, ok, err := wireValue(value, e)
	var pairs [][2]string
	if ok {
		pairs = urlSyntax.pairs(name, tree, e)
	}
	r.query = append(r.query, queryParam{name, pairs})
	r.err = errors.Join(r.err, err)
	return r
}

// HeaderParam sets a header parameter unless it is absent, by its encoding (default: simple).
func (r *Request) HeaderParam(name string, value any, enc ...Encoding) *Request {
	r.headers = append(r.headers, param{name, value, encodingOr(enc, simpleStyle)})
	return r
}

// CookieParam sends a cookie unless it is absent, by its encoding (default: form, exploded).
func (r *Request) CookieParam(name string, value any, enc ...Encoding) *Request {
	r.cookies = append(r.cookies, param{name, value, encodingOr(enc, formStyle)})
	return r
}

// JSONBody sends body as JSON.
func (r *Request) JSONBody(body any) *Request {
	r.jsonBody, r.hasJSON = body, true
	return r
}

// FormBody sends body (a model or map) as application/x-www-form-urlencoded, its properties in their order;
// a body with nothing to send (nil, or no field set) sends no body at all.
func (r *Request) FormBody(body any) *Request {
	r.form, r.hasForm = body, true
	return r
}

// FieldEncoding says how the form body's property name is written when it is not inferred from its value
// (form, exploded; deepObject for an object or an array of objects).
func (r *Request) FieldEncoding(name string, enc Encoding) *Request {
	if r.encodings == nil {
		r.encodings = map[string]Encoding{}
	}
	r.encodings[name] = enc
	return r
}

// FormField adds a multipart property (an absent one is left out), with its encoding when it has one.
func (r *Request) FormField(name string, value any, enc ...Encoding) *Request {
	p := part{name: name, value: value}
	if len(enc) > 0 {
		p.enc = &enc[0]
	}
	r.parts = append(r.parts, p)
	return r
}

// FileField adds a multipart file part (a File, a []File or an Opt[File]).
func (r *Request) FileField(name string, value any) *Request {
	r.parts = append(r.parts, part{name: name, value: value, file: true})
	return r
}

// Content sends raw bytes read from body with the content type.
func (r *Request) Content(body io.Reader, contentType string) *Request {
	r.content, r.contentType = body, contentType
	return r
}

// Text sends body as text with the content type.
func (r *Request) Text(body, contentType string) *Request {
	return r.Content(strings.NewReader(body), contentType)
}

// Accept sets the Accept header (default application/json).
func (r *Request) Accept(mediaType string) *Request {
	r.accept = mediaType
	return r
}

// Security sets the operation's security alternatives; none at all makes it public (no credentials sent).
func (r *Request) Security(alternatives ...[]string) *Request {
	r.security, r.hasSecurity = alternatives, true
	return r
}

// Idempotent gives the call an Idempotency-Key, the same on every retry.
func (r *Request) Idempotent() *Request {
	r.idempotent = true
	return r
}

// Envelope is the dotted path of the payload inside the response body.
func (r *Request) Envelope(path string) *Request {
	r.envelope = path
	return r
}

// prepared is a call ready to be sent any number of times.
type prepared struct {
	method    string
	url       string
	query     queryParams
	header    http.Header
	overrides http.Header
	cookies   []string
	body      []byte
	hasBody   bool
	providers []AuthProvider
	envelope  string
	cfg       *Config
}

const idempotencyHeader = "Idempotency-Key"

func (c *Client) prepare(r *Request, cfg *Config) (*prepared, error) {
	if r.err != nil {
		return nil, r.err
	}
	p := &prepared{method: strings.ToUpper(r.method), header: http.Header{}, cfg: cfg, envelope: r.envelope}
	if r.url != "" {
		parsed, err := url.Parse(r.url)
		if err != nil {
			return nil, err
		}
		p.query = parseQuery(parsed.RawQuery)
		parsed.RawQuery, parsed.Fragment = "", ""
		p.url = parsed.String()
	} else {
		path, err := formatPath(r.path, r.pathParams)
		if err != nil {
			return nil, err
		}
		base, err := c.baseURL(cfg)
		if err != nil {
			return nil, err
		}
		path, written, _ := strings.Cut(path, "?") // a query string written in the path goes first
		p.url, p.query = JoinURL(base, path), parseQuery(written)
	}
	p.query = p.query.with(r.query)
	if r.url == "" { // a Link page's URL already carries the whole query: extra query parameters are not added again
		p.query = p.query.with(extraQuery(cfg.Query))
	}
	if cfg.UserAgent != "" {
		p.header.Set("User-Agent", cfg.UserAgent)
	}
	p.header.Set("Accept", "application/json")
	if r.accept != "" {
		p.header.Set("Accept", r.accept)
	}
	for _, h := range r.headers {
		text, ok, err := headerText(h)
		if err != nil {
			return nil, err
		}
		if ok {
			p.header.Set(h.name, text)
		}
	}
	if r.idempotent && p.header.Get(idempotencyHeader) == "" {
		p.header.Set(idempotencyHeader, newUUID())
	}
	p.overrides = cfg.Headers.Clone()
	if cfg.IdempotencyKey != "" {
		p.overrides.Set(idempotencyHeader, cfg.IdempotencyKey)
	}
	for _, cookie := range r.cookies {
		text, ok, err := cookieText(cookie)
		if err != nil {
			return nil, err
		}
		if ok {
			p.cookies = append(p.cookies, text)
		}
	}
	if err := r.encodeBody(p); err != nil {
		return nil, err
	}
	p.providers = selectAuth(r.security, r.hasSecurity, cfg.DefaultSecurity, c.auth)
	return p, nil
}

func (r *Request) encodeBody(p *prepared) error {
	switch {
	case len(r.parts) > 0:
		body, contentType, err := encodeMultipart(r.parts)
		if err != nil {
			return err
		}
		p.body, p.hasBody = body, true
		p.header.Set("Content-Type", contentType)
	case r.hasForm:
		text, ok, err := formBody(r.form, r.encodings)
		if err != nil || !ok {
			return err
		}
		p.body, p.hasBody = []byte(text), true
		p.header.Set("Content-Type", "application/x-www-form-urlencoded")
	case r.content != nil:
		body, err := io.ReadAll(r.content)
		if err != nil {
			return err
		}
		p.body, p.hasBody = body, true
		contentType := r.contentType
		if contentType == "" {
			contentType = "application/octet-stream"
		}
		p.header.Set("Content-Type", contentType)
	case r.hasJSON:
		body, err := json.Marshal(r.jsonBody)
		if err != nil {
			return err
		}
		p.body, p.hasBody = body, true
		p.header.Set("Content-Type", "application/json")
	}
	return nil
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
