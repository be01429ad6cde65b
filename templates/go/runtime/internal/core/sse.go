package core

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"iter"
	"strconv"
	"strings"
)

// ServerSentEvent is one dispatched event; Event is "" for the default type.
type ServerSentEvent struct {
	Data  string
	Event string
	ID    string
	Retry int
}

type sseDecoder struct {
	event string
	data  []string
	id    string
	retry int
}

// decode takes one line (without its ending) and returns an event at a blank line. It follows the WHATWG
// algorithm: "field: value" with one optional space removed, data lines joined by \n, ":" comments ignored,
// an event without data not dispatched, id kept across events.
func (d *sseDecoder) decode(line string) (ServerSentEvent, bool) {
	if line == "" {
		if len(d.data) == 0 {
			d.event, d.retry = "", 0
			return ServerSentEvent{}, false
		}
		event := ServerSentEvent{Data: strings.Join(d.data, "\n"), Event: d.event, ID: d.id, Retry: d.retry}
		d.event, d.data, d.retry = "", nil, 0
		return event, true
	}
	if strings.HasPrefix(line, ":") {
		return ServerSentEvent{}, false
	}
	name, value, _ := strings.Cut(line, ":")
	value = strings.TrimPrefix(value, " ")
	switch name {
	case "data":
		d.data = append(d.data, value)
	case "event":
		d.event = value
	case "id":
		if !strings.Contains(value, "\x00") {
			d.id = value
		}
	case "retry":
		if n, err := strconv.Atoi(value); err == nil && n >= 0 {
			d.retry = n
		}
	}
	return ServerSentEvent{}, false
}

// Stream is the items of a server-sent event stream, read once. A data: [DONE] event ends it; an
// event: error event ends it with an *APIError. Close it when not read to the end.
type Stream[T any] struct {
	body    io.ReadCloser
	reader  *bufio.Reader
	decoder sseDecoder
	current T
	err     error
	done    bool
}

// NewStream reads events from body.
func NewStream[T any](body io.ReadCloser) *Stream[T] {
	return &Stream[T]{body: body, reader: bufio.NewReader(body)}
}

// GetStream sends the request and returns its event stream.
func GetStream[T any](ctx context.Context, c *Client, r *Request, opts []Option) (*Stream[T], error) {
	resp, err := c.DoStream(ctx, r.Accept("text/event-stream"), opts)
	if err != nil {
		return nil, err
	}
	return NewStream[T](resp.Body), nil
}

func (s *Stream[T]) nextEvent() (ServerSentEvent, bool) {
	for {
		line, err := s.reader.ReadString('\n')
		if err != nil && line == "" {
			if err != io.EOF {
				s.err = &ConnectionError{Err: err}
				return ServerSentEvent{}, false
			}
			return s.decoder.decode("")
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if event, ok := s.decoder.decode(line); ok {
			return event, true
		}
		if err != nil {
			return s.decoder.decode("")
		}
	}
}

// Next advances to the next item; false at the end or on an error (see Err).
func (s *Stream[T]) Next() bool {
	if s.done {
		return false
	}
	event, ok := s.nextEvent()
	if !ok || event.Data == "[DONE]" {
		s.finish()
		return false
	}
	if event.Event == "error" {
		var body any = event.Data
		if decoded, err := Decode([]byte(event.Data)); err == nil {
			body = decoded
		}
		message, code := ExtractError(body)
		if message == "" {
			message = event.Data
		}
		s.err = &APIError{Message: message, Code: code, Body: []byte(event.Data)}
		s.finish()
		return false
	}
	var item T
	if raw, isRaw := any(&item).(*ServerSentEvent); isRaw {
		*raw = event
	} else if err := json.Unmarshal([]byte(event.Data), &item); err != nil {
		s.err = &APIError{Message: "Event data does not match the expected schema: " + err.Error(), Body: []byte(event.Data)}
		s.finish()
		return false
	}
	s.current = item
	return true
}

func (s *Stream[T]) finish() {
	s.done = true
	_ = s.body.Close()
}

// Current is the item Next advanced to.
func (s *Stream[T]) Current() T { return s.current }

// Err is the error that ended the stream, if any.
func (s *Stream[T]) Err() error { return s.err }

// Close releases the connection.
func (s *Stream[T]) Close() error {
	s.done = true
	return s.body.Close()
}

// All iterates the remaining items; an error ends the iteration as its last pair.
func (s *Stream[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		defer func() { _ = s.Close() }()
		for s.Next() {
			if !yield(s.Current(), nil) {
				return
			}
		}
		if s.err != nil {
			var zero T
			yield(zero, s.err)
		}
	}
}
