// The Go real-server driver: every sample call through the generated SDK, one JSON line each.
//
//	driver --server URL --calls FILE
//
// A call names its operation as resource.method (Python spelling) and gives its arguments in wire names,
// grouped as path, query, header and body. Here the call is found by reflection: the client's service field and
// its method by name, case and punctuation ignored; path values go to the method's string and integer
// arguments in order; query and header values (and multipart fields) fill the *Params struct's fields matched by
// name the same way; the body is decoded into the method's body argument (left nil when the call has none).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"unicode"

	rsapi "example.com/rsapi"
	"example.com/rsapi/option"
)

const caseHeader = "X-Rs-Case"

type object = map[string]any

type call struct {
	ID     string `json:"id"`
	Call   string `json:"call"`
	Path   []pair `json:"-"`
	Query  object `json:"query"`
	Header object `json:"header"`
	Body   object `json:"body"`
	Pages  int    `json:"pages"`
}

type pair struct {
	name  string
	value any
}

func main() {
	server := flag.String("server", "", "the server's URL")
	callsFile := flag.String("calls", "", "the calls (JSON)")
	flag.Parse()
	data, err := os.ReadFile(*callsFile)
	if err != nil {
		fail(err)
	}
	calls, err := readCalls(data)
	if err != nil {
		fail(err)
	}
	client := rsapi.NewClient(option.WithBaseURL(*server), option.WithMaxRetries(0))
	out := json.NewEncoder(os.Stdout)
	for _, c := range calls {
		observed, err := observe(client, c)
		if err != nil {
			text := fmt.Sprintf("%T: %v", err, err)
			if len(text) > 2000 {
				text = text[:2000]
			}
			observed = object{"ok": false, "error": text}
		}
		observed["id"] = c.ID
		if err := out.Encode(observed); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func decode(data []byte, into any) error {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	return decoder.Decode(into)
}

// readCalls keeps each call's path values in the order the file gives them.
func readCalls(data []byte) ([]call, error) {
	var raw []json.RawMessage
	if err := decode(data, &raw); err != nil {
		return nil, err
	}
	calls := make([]call, 0, len(raw))
	for _, item := range raw {
		var c call
		if err := decode(item, &c); err != nil {
			return nil, err
		}
		var groups struct {
			Path json.RawMessage `json:"path"`
		}
		if err := decode(item, &groups); err != nil {
			return nil, err
		}
		if len(groups.Path) > 0 {
			decoder := json.NewDecoder(bytes.NewReader(groups.Path))
			decoder.UseNumber()
			if _, err := decoder.Token(); err != nil {
				return nil, err
			}
			for decoder.More() {
				key, err := decoder.Token()
				if err != nil {
					return nil, err
				}
				var value any
				if err := decoder.Decode(&value); err != nil {
					return nil, err
				}
				c.Path = append(c.Path, pair{key.(string), value})
			}
		}
		calls = append(calls, c)
	}
	return calls, nil
}

func plain(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// member is v's method or field called name (case and punctuation ignored), a field as a pointer.
func member(v reflect.Value, name string) (reflect.Value, error) {
	for i := 0; i < v.NumMethod(); i++ {
		if plain(v.Type().Method(i).Name) == plain(name) {
			return v.Method(i), nil
		}
	}
	e := v
	for e.Kind() == reflect.Pointer {
		e = e.Elem()
	}
	if e.Kind() == reflect.Struct {
		for i := 0; i < e.NumField(); i++ {
			field := e.Type().Field(i)
			if field.IsExported() && plain(field.Name) == plain(name) {
				f := e.Field(i)
				if f.Kind() != reflect.Pointer && f.CanAddr() {
					f = f.Addr()
				}
				return f, nil
			}
		}
	}
	return reflect.Value{}, fmt.Errorf("%s has no member %q", v.Type(), name)
}

func into(value any, t reflect.Type) (reflect.Value, error) {
	data, err := json.Marshal(value)
	if err != nil {
		return reflect.Value{}, err
	}
	target := reflect.New(t)
	if err := decode(data, target.Interface()); err != nil {
		return reflect.Value{}, fmt.Errorf("%s into %s: %w", data, t, err)
	}
	return target.Elem(), nil
}

func isFile(value any) (object, bool) {
	m, ok := value.(object)
	if !ok {
		return nil, false
	}
	spec, ok := m["$file"].(object)
	return spec, ok
}

// params fills a *Params struct from the call's query, header and (without a body argument) body values.
func params(t reflect.Type, c call, bodyIsParam bool) (reflect.Value, error) {
	out := reflect.New(t).Elem()
	values := []object{c.Query, c.Header}
	if bodyIsParam {
		values = append(values, c.Body)
	}
	for _, group := range values {
		for name, value := range group {
			found := false
			for i := 0; i < t.NumField(); i++ {
				field := t.Field(i)
				if !field.IsExported() || plain(field.Name) != plain(name) {
					continue
				}
				found = true
				if spec, ok := isFile(value); ok {
					file := out.Field(i)
					file.FieldByName("Reader").Set(reflect.ValueOf(strings.NewReader(fmt.Sprint(spec["text"]))))
					file.FieldByName("Filename").SetString(fmt.Sprint(spec["filename"]))
					file.FieldByName("ContentType").SetString(fmt.Sprint(spec["content_type"]))
					break
				}
				v, err := into(value, field.Type)
				if err != nil {
					return reflect.Value{}, err
				}
				out.Field(i).Set(v)
				break
			}
			if !found {
				return reflect.Value{}, fmt.Errorf("%s has no field for %q", t, name)
			}
		}
	}
	return out, nil
}

func arguments(ctx context.Context, method reflect.Value, c call) ([]reflect.Value, error) {
	t := method.Type()
	hasBody := false
	for i := 0; i < t.NumIn(); i++ {
		in := t.In(i)
		if in.Kind() == reflect.Map || (in.Kind() == reflect.Struct && !strings.HasSuffix(in.Name(), "Params") && in.Name() != "") {
			hasBody = true
		}
	}
	var args []reflect.Value
	path := c.Path
	last := t.NumIn()
	if t.IsVariadic() {
		last--
	}
	for i := 0; i < last; i++ {
		in := t.In(i)
		switch {
		case in == reflect.TypeFor[context.Context]():
			args = append(args, reflect.ValueOf(ctx))
		case in.Kind() == reflect.Struct && strings.HasSuffix(in.Name(), "Params"):
			v, err := params(in, c, !hasBody)
			if err != nil {
				return nil, err
			}
			args = append(args, v)
		case in.Kind() == reflect.Map || in.Kind() == reflect.Struct:
			if c.Body == nil {
				args = append(args, reflect.Zero(in))
				continue
			}
			v, err := into(c.Body, in)
			if err != nil {
				return nil, err
			}
			args = append(args, v)
		default: // a path parameter
			if len(path) == 0 {
				return nil, fmt.Errorf("%s: argument %d (%s) has no path value", c.Call, i, in)
			}
			v, err := into(path[0].value, in)
			if err != nil {
				return nil, err
			}
			args = append(args, v)
			path = path[1:]
		}
	}
	if len(path) > 0 {
		return nil, fmt.Errorf("%s: path values left over: %v", c.Call, path)
	}
	return args, nil
}

func wire(value any) any {
	data, err := json.Marshal(value)
	if err != nil {
		return fmt.Sprintf("cannot encode: %v", err)
	}
	var out any
	if err := decode(data, &out); err != nil {
		return fmt.Sprintf("cannot decode: %v", err)
	}
	return out
}

func pageObservation(page reflect.Value) object {
	items := page.Elem().FieldByName("Items")
	hasNext := page.MethodByName("HasNextPage").Call(nil)[0].Bool()
	return object{"items": items.Len(), "has_next": hasNext}
}

func observe(client *rsapi.Client, c call) (object, error) {
	ctx := context.Background()
	target := reflect.ValueOf(client)
	parts := strings.Split(c.Call, ".")
	for _, part := range parts {
		next, err := member(target, part)
		if err != nil {
			return nil, err
		}
		target = next
	}
	args, err := arguments(ctx, target, c)
	if err != nil {
		return nil, err
	}
	args = append(args, reflect.ValueOf(option.WithHeader(caseHeader, c.ID)))
	results := target.Call(args)
	if errValue := results[len(results)-1]; !errValue.IsNil() {
		return nil, errValue.Interface().(error)
	}
	if len(results) == 1 {
		return object{"ok": true, "result": nil}, nil
	}
	result := results[0]
	if next := result.MethodByName("GetNextPage"); next.IsValid() {
		observed := object{"ok": true, "page": pageObservation(result), "result": wire(result.Elem().FieldByName("Items").Interface())}
		if c.Pages > 1 {
			if !observed["page"].(object)["has_next"].(bool) {
				observed["ok"] = false
				observed["error"] = "the first page has no next page"
				return observed, nil
			}
			second := next.Call([]reflect.Value{reflect.ValueOf(ctx)})
			if !second[1].IsNil() {
				return nil, second[1].Interface().(error)
			}
			observed["page2"] = pageObservation(second[0])
		}
		return observed, nil
	}
	return object{"ok": true, "result": wire(result.Interface())}, nil
}
