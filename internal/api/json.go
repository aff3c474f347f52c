package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// writeJSON encodes v completely before writing, so that an encoding failure
// still leaves room for an error response.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			buffers.Put(buf)
		}
	}()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	// A known length lets the server send the response in one write
	// instead of chunks.
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// buffers recycles response buffers: every response is encoded whole
// before it is sent, so that it goes out with its length in one write.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer keeps a rare huge response from pinning its buffer.
const maxPooledBuffer = 256 << 10

// decodeBody reads the request body into v strictly: the content type must
// be application/json (UTF-8), the body exactly one JSON value with no field
// v does not declare. The size limit is gate's (http.MaxBytesReader).
//
// Failures map to the error shape as follows: an unreadable body (wrong
// content type, broken or empty JSON, trailing data, a top-level value that
// is not an object, an unknown field) is fault.Malformed, 400; a value of the
// wrong type in a known field is fault.Invalid, 422, on that field; a body
// over the limit is fault.TooLarge, 413.
func decodeBody(r *http.Request, v any) error {
	if err := checkContentType(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	if r.Body == nil {
		return fault.New(fault.Malformed, "api.json.empty")
	}
	return decodeOne(r.Body, "", v)
}

// decodeValue decodes one nested value (an element of an array the request
// keeps as raw JSON) with the same strictness; prefix names the value in
// field errors, e.g. "parts.0".
func decodeValue(raw []byte, prefix string, v any) error {
	return decodeOne(bytes.NewReader(raw), prefix, v)
}

// decodeOne decodes exactly one JSON value from r into v.
func decodeOne(r io.Reader, prefix string, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, prefix)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if tooLarge := asTooLarge(err); tooLarge != nil {
			return tooLarge
		}
		return fault.New(fault.Malformed, "api.json.trailing")
	}
	return nil
}

func checkContentType(ct string) error {
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return fault.New(fault.Malformed, "api.content_type")
	}
	for k, v := range params {
		if k != "charset" || !strings.EqualFold(v, "utf-8") {
			return fault.New(fault.Malformed, "api.content_type")
		}
	}
	return nil
}

func asTooLarge(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return fault.Wrap(fault.TooLarge, "error.too_large", err)
	}
	return nil
}

// jsonError turns a decoding error into a domain error. prefix is the path of
// the value being decoded ("" for the body itself).
func jsonError(err error, prefix string) error {
	if tooLarge := asTooLarge(err); tooLarge != nil {
		return tooLarge
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF) && prefix == "":
		return fault.New(fault.Malformed, "api.json.empty")
	case errors.As(err, &syntax):
		return fault.Wrap(fault.Malformed, "api.json.syntax", err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fault.Wrap(fault.Malformed, "api.json.syntax", err)
	case errors.As(err, &typ):
		field := joinField(prefix, typ.Field)
		if field == "" {
			return fault.Wrap(fault.Malformed, "api.json.object", err)
		}
		var f fault.Fields
		f.Add(field, "api.field.type."+jsonType(typ.Type))
		return f.Err()
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field := joinField(prefix, strings.Trim(name, `"`))
		e := fault.New(fault.Malformed, "api.json.unknown_field", field)
		e.Fields = fault.Fields{field: {Key: "api.field.unknown"}}
		e.Err = err
		return e
	}
	return fault.Wrap(fault.Malformed, "error.malformed", err)
}

func joinField(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	}
	return prefix + "." + field
}

// jsonType names the JSON type a Go type decodes from, for the message of a
// wrong-type field error.
func jsonType(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return "value"
}

// date formats a calendar date as "YYYY-MM-DD", or null when it is unset.
func date(d civil.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// instant formats t as RFC 3339 in UTC.
func instant(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// rawDetail passes a stored JSON detail through as JSON, or null.
func rawDetail(s string) json.RawMessage {
	if s == "" || !json.Valid([]byte(s)) {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}

// parseDate reads a "YYYY-MM-DD" field of a request body into f.
func parseDate(f *fault.Fields, field, s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		f.Add(field, "field.date")
	}
	return d
}

// mergeFields adds the field errors of err, an invalid-input error of the
// domain, to f, so that a handler reports its own parse errors and the
// domain's at once (f's entries come first). It reports whether err was such
// an error; any other error must be returned as it is.
func mergeFields(f *fault.Fields, err error) bool {
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid || len(e.Fields) == 0 {
		return false
	}
	for name, fe := range e.Fields {
		f.Add(name, fe.Key, fe.Args...)
	}
	return true
}
