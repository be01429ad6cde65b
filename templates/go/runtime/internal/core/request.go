package core

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
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

type param struct {
	name  string
	value any
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
	formFields  []param
	files       []param
	content     io.Reader
	contentType string
	accept      string
	security    [][]string
	hasSecurity bool
	idempotent  bool
	envelope    string
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

// PathParam fills {name} in the path.
func (r *Request) PathParam(name string, value any) *Request {
	r.pathParams = append(r.pathParams, param{name, value})
	return r
}

// QueryParam adds a query parameter, in the order of the calls; absent optional values and nil slices send
// nothing (but keep the parameter's place), slices repeat the name and maps send name[key]=value (deepObject).
func (r *Request) QueryParam(name string, value any) *Request {
	r.query = append(r.query, queryParam{name, queryPairs(name, value)})
	return r
}

// HeaderParam sets a header parameter unless it is absent.
func (r *Request) HeaderParam(name string, value any) *Request {
	r.headers = append(r.headers, param{name, value})
	return r
}

// CookieParam sends a cookie unless it is absent.
func (r *Request) CookieParam(name string, value any) *Request {
	r.cookies = append(r.cookies, param{name, value})
	return r
}

// JSONBody sends body as JSON.
func (r *Request) JSONBody(body any) *Request {
	r.jsonBody, r.hasJSON = body, true
	return r
}

// FormBody sends body (a model or map) as application/x-www-form-urlencoded.
func (r *Request) FormBody(body any) *Request {
	r.form = body
	return r
}

// FormField adds a multipart field (absent optional values are left out).
func (r *Request) FormField(name string, value any) *Request {
	r.formFields = append(r.formFields, param{name, value})
	return r
}

// FileField adds a multipart file part (a File, a []File or an Opt[File]).
func (r *Request) FileField(name string, value any) *Request {
	r.files = append(r.files, param{name, value})
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
		p.url = JoinURL(base, path)
	}
	p.query = p.query.with(r.query)
	if r.url == "" { // a Link page's URL already carries the whole query: extra query parameters are not added again
		p.query = p.query.with(grouped(cfg.Query))
	}
	if cfg.UserAgent != "" {
		p.header.Set("User-Agent", cfg.UserAgent)
	}
	p.header.Set("Accept", "application/json")
	if r.accept != "" {
		p.header.Set("Accept", r.accept)
	}
	for _, h := range r.headers {
		if values := encodeValues(h.value); len(values) > 0 {
			p.header.Set(h.name, strings.Join(values, ","))
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
		if values := encodeValues(cookie.value); len(values) > 0 {
			p.cookies = append(p.cookies, cookie.name+"="+strings.Join(values, ","))
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
	case len(r.files) > 0 || len(r.formFields) > 0:
		body, contentType, err := encodeMultipart(r.formFields, r.files)
		if err != nil {
			return err
		}
		p.body, p.hasBody = body, true
		p.header.Set("Content-Type", contentType)
	case r.form != nil:
		values, err := FormValues(r.form)
		if err != nil {
			return err
		}
		p.body, p.hasBody = []byte(values.Encode()), true
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

func encodeMultipart(fields, files []param) ([]byte, string, error) {
	var buf bytes.Buffer
	writer := multipart.NewWriter(&buf)
	for _, field := range fields {
		for _, text := range multipartValues(field.value) {
			if err := writer.WriteField(field.name, text); err != nil {
				return nil, "", err
			}
		}
	}
	for _, part := range files {
		for _, file := range filesOf(part.value) {
			header := textproto.MIMEHeader{}
			filename := file.Filename
			if filename == "" {
				filename = part.name
			}
			header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, quoteEscape(part.name), quoteEscape(filename)))
			contentType := file.ContentType
			if contentType == "" {
				contentType = "application/octet-stream"
			}
			header.Set("Content-Type", contentType)
			w, err := writer.CreatePart(header)
			if err != nil {
				return nil, "", err
			}
			if file.Reader != nil {
				if _, err := io.Copy(w, file.Reader); err != nil {
					return nil, "", err
				}
			}
		}
	}
	if err := writer.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), writer.FormDataContentType(), nil
}

func quoteEscape(s string) string { return strings.NewReplacer("\\", "\\\\", `"`, "\\\"").Replace(s) }

func filesOf(value any) []File {
	switch v := value.(type) {
	case File:
		return []File{v}
	case []File:
		return v
	case Opt[File]:
		if file, ok := v.Get(); ok {
			return []File{file}
		}
	}
	return nil
}

func multipartValues(value any) []string {
	if o, ok := value.(optional); ok {
		inner, set := o.anyValue()
		if !set {
			return nil
		}
		value = inner
	}
	switch value.(type) {
	case map[string]any, json.Marshaler:
		if _, isTime := value.(fmt.Stringer); !isTime {
			data, err := json.Marshal(value)
			if err == nil && (JSONKind(data) == '{' || JSONKind(data) == '[') {
				return []string{string(data)}
			}
		}
	}
	return encodeValues(value)
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
