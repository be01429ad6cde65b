package core

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The values of docs/serialization.md's tables: a scalar, an array and an object (a struct: its field order).
type rgb struct {
	R int `json:"R"`
	G int `json:"G"`
	B int `json:"B"`
}

var (
	scalar = "blue"
	array  = []string{"blue", "black", "brown"}
	color  = rgb{100, 200, 150}
)

// sent is what a request built by build puts on the wire: the URL's path and query, the headers and the body.
func sent(t *testing.T, build func(*Request)) (path, query string, header http.Header, body string) {
	t.Helper()
	var got *http.Request
	var data []byte
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		data, _ = io.ReadAll(r.Body)
		w.WriteHeader(204)
	}))
	defer server.Close()
	r := NewRequest("POST", "/wire")
	build(r)
	client := NewClient(Config{BaseURL: server.URL}, nil)
	if err := client.Do(context.Background(), r, nil, nil); err != nil {
		t.Fatal(err)
	}
	return got.URL.EscapedPath(), got.URL.RawQuery, got.Header, string(data)
}

func TestPathStyles(t *testing.T) {
	cases := []struct {
		enc                  Encoding
		scalar, array, shape string
	}{
		{simpleStyle, "blue", "blue,black,brown", "R,100,G,200,B,150"},
		{Encoding{Style: "simple", Explode: true}, "blue", "blue,black,brown", "R=100,G=200,B=150"},
		{Encoding{Style: "label"}, ".blue", ".blue,black,brown", ".R,100,G,200,B,150"},
		{Encoding{Style: "label", Explode: true}, ".blue", ".blue.black.brown", ".R=100.G=200.B=150"},
		{Encoding{Style: "matrix"}, ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"},
		{Encoding{Style: "matrix", Explode: true}, ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"},
	}
	for _, c := range cases {
		for value, want := range map[any]string{scalar: c.scalar, "array": c.array, "object": c.shape} {
			v := value
			switch value {
			case "array":
				v = array
			case "object":
				v = color
			}
			got, err := formatPath("/items/{color}", []param{{"color", v, c.enc}})
			if err != nil || got != "/items/"+want {
				t.Errorf("%+v %v: got %q, %v; want %q", c.enc, value, got, err, want)
			}
		}
	}
	got, err := formatPath("/{p}/{a}", []param{{"p", "a b/c,d;é", simpleStyle}, {"a", []string{"x,y", "z"}, simpleStyle}})
	if want := "/a%20b%2Fc%2Cd%3B%C3%A9/x%2Cy,z"; err != nil || got != want {
		t.Errorf("escaping: got %q, %v; want %q", got, err, want)
	}
	for _, missing := range []any{Opt[string]{}, []string{}, ""} {
		if _, err := formatPath("/{p}", []param{{"p", missing, simpleStyle}}); err == nil {
			t.Errorf("%#v: a missing or empty path value is refused", missing)
		}
	}
}

func TestQueryStyles(t *testing.T) {
	cases := []struct {
		enc                  Encoding
		scalar, array, shape string
	}{
		{formStyle, "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"},
		{Encoding{Style: "form"}, "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"},
		{Encoding{Style: "spaceDelimited"}, "color=blue", "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"},
		{Encoding{Style: "pipeDelimited"}, "color=blue", "color=blue%7Cblack%7Cbrown", "color=R%7C100%7CG%7C200%7CB%7C150"},
		{Encoding{Style: "pipeDelimited", Explode: true}, "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"},
		{deepStyle, "color=blue", "color%5B0%5D=blue&color%5B1%5D=black&color%5B2%5D=brown",
			"color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"},
	}
	for _, c := range cases {
		for _, v := range []struct {
			value any
			want  string
		}{{Some(scalar), c.scalar}, {array, c.array}, {Some(color), c.shape}} {
			if got := NewRequest("GET", "/").QueryParam("color", v.value, c.enc).query.encode(); got != v.want {
				t.Errorf("%+v %v: got %q, want %q", c.enc, v.value, got, v.want)
			}
		}
	}
}

func TestDeepObjectNesting(t *testing.T) {
	type filter struct {
		Range map[string]int `json:"range,omitempty"`
		IDs   []string       `json:"ids,omitempty"`
	}
	items := []map[string]any{{"price": "p1", "quantity": 2}, {"price": "p2"}}
	cases := []struct {
		nesting, expand, items, nested string
	}{
		{"", "expand%5B0%5D=a&expand%5B1%5D=b", "items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bquantity%5D=2&items%5B1%5D%5Bprice%5D=p2",
			"f%5Brange%5D%5Bgt%5D=1&f%5Bids%5D%5B0%5D=x"},
		{"brackets", "expand%5B%5D=a&expand%5B%5D=b", "items%5B%5D%5Bprice%5D=p1&items%5B%5D%5Bquantity%5D=2&items%5B%5D%5Bprice%5D=p2",
			"f%5Brange%5D%5Bgt%5D=1&f%5Bids%5D%5B%5D=x"},
		{"repeat", "expand=a&expand=b", "items%5Bprice%5D=p1&items%5Bquantity%5D=2&items%5Bprice%5D=p2",
			"f%5Brange%5D%5Bgt%5D=1&f%5Bids%5D=x"},
	}
	for _, c := range cases {
		enc := Encoding{Style: "deepObject", Explode: true, Nesting: c.nesting}
		r := NewRequest("GET", "/").QueryParam("expand", []string{"a", "b"}, enc).QueryParam("items", items, enc)
		r.QueryParam("f", filter{map[string]int{"gt": 1}, []string{"x"}}, enc)
		if got, want := r.query.encode(), c.expand+"&"+c.items+"&"+c.nested; got != want {
			t.Errorf("%s: got %q, want %q", c.nesting, got, want)
		}
	}
}

func TestQueryValues(t *testing.T) {
	type withNull struct {
		A Opt[string] `json:"a"`
		B []any       `json:"b"`
	}
	r := NewRequest("GET", "/")
	r.QueryParam("text", "a b&c=d/é,f").QueryParam("reserved", "a b&c=d/é,f", Encoding{Style: "form", Explode: true, AllowReserved: true})
	r.QueryParam("json", color, Encoding{Style: "form", Explode: true, ContentType: "application/json"})
	r.QueryParam("empty", Some("")).QueryParam("none", []string{}).QueryParam("absent", Opt[bool]{})
	r.QueryParam("n", int64(9007199254740993)).QueryParam("num", 1.5).QueryParam("b", false)
	r.QueryParam("nested", [][]int{{1, 2}, {3}}).QueryParam("nulls", withNull{Null[string](), []any{nil, "x"}})
	want := "text=a%20b%26c%3Dd%2F%C3%A9%2Cf&reserved=a%20b&c=d/%C3%A9,f&json=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D" +
		"&empty=&n=9007199254740993&num=1.5&b=false&nested=%5B1%2C2%5D&nested=%5B3%5D&b=%5B%22x%22%5D"
	if got := r.query.encode(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestQueryInPathAndExtras(t *testing.T) {
	_, query, _, _ := sent(t, func(r *Request) {
		r.path = "/wire?mode=beta"
		r.QueryParam("p", "blue").QueryParam("q", Opt[string]{}).QueryParam("text", "t")
	})
	if query != "mode=beta&p=blue&text=t" {
		t.Errorf("got %q", query)
	}
	r := NewRequest("GET", "/").QueryParam("p", "blue").QueryParam("text", "t")
	if got := r.query.with(extraQuery([][2]string{{"p", "red sky"}, {"x", "1"}})).encode(); got != "p=red%20sky&text=t&x=1" {
		t.Errorf("got %q", got)
	}
}

func TestHeadersAndCookies(t *testing.T) {
	cases := []struct {
		header                string
		enc                   Encoding
		scalar, array, object string
	}{
		{"X-Color", simpleStyle, "blue sky", "blue,black,brown", "R,100,G,200,B,150"},
		{"X-Color", Encoding{Style: "simple", Explode: true}, "blue sky", "blue,black,brown", "R=100,G=200,B=150"},
		{"Cookie", formStyle, "color=blue%20sky", "color=blue; color=black; color=brown", "R=100; G=200; B=150"},
		{"Cookie", Encoding{Style: "form"}, "color=blue%20sky", "color=blue,black,brown", "color=R,100,G,200,B,150"},
	}
	for _, c := range cases {
		for value, want := range map[any]string{"blue sky": c.scalar, "array": c.array, "object": c.object} {
			v := value
			switch value {
			case "array":
				v = array
			case "object":
				v = color
			}
			_, _, header, _ := sent(t, func(r *Request) {
				if c.header == "Cookie" {
					r.CookieParam("color", v, c.enc)
				} else {
					r.HeaderParam(c.header, v, c.enc)
				}
			})
			if got := header.Get(c.header); got != want {
				t.Errorf("%s %+v: got %q, want %q", c.header, c.enc, got, want)
			}
		}
	}
	_, _, header, _ := sent(t, func(r *Request) {
		r.HeaderParam("X-Empty", "").HeaderParam("X-None", []string{}).HeaderParam("X-Absent", Opt[string]{})
		r.CookieParam("a", "1").CookieParam("b", []string{"x", "y"})
	})
	if got := header.Get("Cookie"); got != "a=1; b=x; b=y" {
		t.Errorf("one Cookie header: got %q", got)
	}
	if _, sent := header["X-Empty"]; !sent || header["X-None"] != nil || header["X-Absent"] != nil {
		t.Errorf("an empty string is sent, an empty array or an absent value is not: %v", header)
	}
}

func TestFormBody(t *testing.T) {
	type line struct {
		Price    string `json:"price"`
		Quantity int    `json:"quantity,omitempty"`
	}
	type form struct {
		Zeta   string         `json:"zeta"`
		A      []string       `json:"a"`
		O      rgb            `json:"o"`
		Items  []line         `json:"items"`
		Tags   []string       `json:"tags"`
		Note   string         `json:"note"`
		Meta   map[string]any `json:"meta"`
		Absent Opt[string]    `json:"absent,omitzero"`
	}
	_, _, header, body := sent(t, func(r *Request) {
		r.FormBody(form{"a b", []string{"x", "y"}, rgb{1, 2, 3}, []line{{"p1", 2}, {"p2", 0}}, []string{"t1", "t2"}, "a/b?c",
			map[string]any{"ids": []string{"i1"}}, Opt[string]{}})
		r.FieldEncoding("tags", Encoding{Style: "pipeDelimited"}).FieldEncoding("note", Encoding{Style: "form", Explode: true, AllowReserved: true})
		r.FieldEncoding("meta", Encoding{Style: "deepObject", Explode: true, Nesting: "brackets"})
	})
	want := "zeta=a%20b&a=x&a=y&o%5BR%5D=1&o%5BG%5D=2&o%5BB%5D=3&items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bquantity%5D=2" +
		"&items%5B1%5D%5Bprice%5D=p2&tags=t1%7Ct2&note=a/b?c&meta%5Bids%5D%5B%5D=i1"
	if contentType := header.Get("Content-Type"); body != want || contentType != "application/x-www-form-urlencoded" {
		t.Errorf("got %q (%s)\nwant %q", body, contentType, want)
	}
	for _, absent := range []any{nil, map[string]any(nil), form{}.Absent} {
		_, _, header, body := sent(t, func(r *Request) { r.FormBody(absent) })
		if contentType := header.Get("Content-Type"); body != "" || contentType != "" {
			t.Errorf("%#v: no body expected, got %q (%s)", absent, body, contentType)
		}
	}
}

func TestMultipartParts(t *testing.T) {
	type filter struct {
		Range map[string]int `json:"range"`
		IDs   []string       `json:"ids"`
	}
	_, _, header, body := sent(t, func(r *Request) {
		r.FileField("file", NewFile(strings.NewReader("hello"), "a.txt", "text/plain"))
		r.FormField("meta", Some(rgb{1, 2, 3})).FormField("tags", []string{"t1", "t2"}).FormField("absent", Opt[string]{})
		r.FormField("link", filter{map[string]int{"gt": 1}, []string{"x"}}, deepStyle)
		r.FormField("table", "a,b", Encoding{Style: "form", Explode: true, ContentType: "text/csv"}).FormField("n", 7)
	})
	_, params, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	reader := multipart.NewReader(strings.NewReader(body), params["boundary"])
	var got []string
	for {
		part, err := reader.NextPart()
		if err != nil {
			break
		}
		data, _ := io.ReadAll(part)
		got = append(got, part.FormName()+"|"+part.FileName()+"|"+part.Header.Get("Content-Type")+"|"+string(data))
	}
	want := []string{"file|a.txt|text/plain|hello", `meta||application/json|{"R":1,"G":2,"B":3}`, "tags|||t1", "tags|||t2",
		"link[range][gt]|||1", "link[ids][0]|||x", "table||text/csv|a,b", "n|||7"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
