package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"zugong/internal/fault"
)

func TestDecodeBody(t *testing.T) {
	const ct = "application/json"
	tests := []struct {
		name, contentType, body string
		code                    fault.Code // "" for success
		field                   string     // the field error expected, if any
	}{
		{"object", ct, `{"parent_id":"p","name":"n","effective_on":"2026-01-02"}`, "", ""},
		{"charset utf-8", "application/json; charset=UTF-8", `{}`, "", ""},
		{"trailing whitespace", ct, "{}\n\t ", "", ""},
		{"no content type", "", `{}`, fault.Malformed, ""},
		{"form content type", "application/x-www-form-urlencoded", `{}`, fault.Malformed, ""},
		{"other charset", "application/json; charset=latin1", `{}`, fault.Malformed, ""},
		{"empty body", ct, ``, fault.Malformed, ""},
		{"broken JSON", ct, `{"name":`, fault.Malformed, ""},
		{"syntax error", ct, `{"name" "x"}`, fault.Malformed, ""},
		{"two values", ct, `{} {}`, fault.Malformed, ""},
		{"trailing garbage", ct, `{}x`, fault.Malformed, ""},
		{"array body", ct, `[]`, fault.Malformed, ""},
		{"string body", ct, `"x"`, fault.Malformed, ""},
		{"unknown field", ct, `{"name":"n","colour":"red"}`, fault.Malformed, "colour"},
		{"wrong type string", ct, `{"name":5}`, fault.Invalid, "name"},
		{"wrong type promoted field", ct, `{"kind":true}`, fault.Invalid, "kind"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(tc.body))
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			var req establishRequest
			err := decodeBody(r, &req)
			checkFault(t, err, tc.code, tc.field)
		})
	}
}

func checkFault(t *testing.T, err error, code fault.Code, field string) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("got error %v, want none", err)
		}
		return
	}
	if got := fault.CodeOf(err); got != code {
		t.Fatalf("got code %s (%v), want %s", got, err, code)
	}
	e, _ := fault.As(err)
	if field == "" {
		if len(e.Fields) != 0 {
			t.Errorf("got fields %s, want none", e.Fields)
		}
		return
	}
	if _, ok := e.Fields[field]; !ok || len(e.Fields) != 1 {
		t.Errorf("got fields %s, want exactly %q", e.Fields, field)
	}
}

func TestDecodeBodyTooLarge(t *testing.T) {
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/", strings.NewReader(`{"name":"`+strings.Repeat("x", 100)+`"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Body = http.MaxBytesReader(rec, r.Body, 32)
	var req establishRequest
	err := decodeBody(r, &req)
	if fault.CodeOf(err) != fault.TooLarge {
		t.Fatalf("got %v, want too_large", err)
	}
}

// TestChangePartsFieldNames checks that errors inside parts name the part.
func TestChangePartsFieldNames(t *testing.T) {
	tests := []struct {
		name, parts string
		code        fault.Code
		field       string
	}{
		{"wrong type in second part", `[{"name":"a","kind":"branch"},{"name":"b","kind":7}]`, fault.Invalid, "parts.1.kind"},
		{"part not an object", `[{"name":"a","kind":"branch"},5]`, fault.Invalid, "parts.1"},
		{"unknown field in first part", `[{"name":"a","colour":"red"}]`, fault.Malformed, "parts.0.colour"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var req changeRequest
			body := `{"kind":"split","effective_on":"2026-01-02","parts":` + tc.parts + `}`
			if err := json.Unmarshal([]byte(body), &req); err != nil {
				t.Fatal(err)
			}
			_, err := req.change("0190c5a0-0000-7000-8000-000000000000")
			if fault.CodeOf(err) != tc.code {
				t.Fatalf("got %v, want code %s", err, tc.code)
			}
			e, _ := fault.As(err)
			if _, ok := e.Fields[tc.field]; !ok {
				t.Errorf("got fields %s, want %q among them", e.Fields, tc.field)
			}
		})
	}
}

// TestChangeMergesDomainFields: a bad date and the domain's own complaints
// arrive together.
func TestChangeMergesDomainFields(t *testing.T) {
	req := changeRequest{Kind: "rename", EffectiveOn: "31/01/2026"}
	_, err := req.change("0190c5a0-0000-7000-8000-000000000000")
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		t.Fatalf("got %v, want invalid", err)
	}
	if got := e.Fields["effective_on"].Key; got != "field.date" {
		t.Errorf("effective_on: got %q, want field.date", got)
	}
	if got := e.Fields["new_name"].Key; got != "field.required" {
		t.Errorf("new_name: got %q, want field.required", got)
	}
	for _, kind := range []string{"establish", "teleport", ""} {
		_, err := changeRequest{Kind: kind, EffectiveOn: "2026-01-02"}.change("x")
		if e, _ := fault.As(err); e == nil || e.Fields["kind"].Key != "field.invalid_choice" {
			t.Errorf("kind %q: got %v, want field kind invalid", kind, err)
		}
	}
}

func TestCursor(t *testing.T) {
	listing := listingKey("users", "q", "", "")
	next := offsetCursor(cursorState{Listing: listing, Offset: 20}, 20, 100)
	if next == "" {
		t.Fatal("no cursor for a page that is not the last")
	}
	p := newParams(&url.URL{RawQuery: "cursor=" + next})
	if st := p.cursor(listing); st.Offset != 40 || p.err() != nil {
		t.Errorf("round trip: offset %d, err %v; want 40", st.Offset, p.err())
	}
	if c := offsetCursor(cursorState{Listing: listing, Offset: 80}, 20, 100); c != "" {
		t.Errorf("cursor %q after the last page, want none", c)
	}
	bad := []string{
		"!!!",
		"e30", // {}
		encodeCursor(cursorState{Listing: listing, Offset: -3}),
		encodeCursor(cursorState{Listing: listingKey("users", "other", "", ""), Offset: 20}), // another filter
		encodeCursor(cursorState{Listing: listing}),                                          // no position
		next + "x",
	}
	for _, c := range bad {
		p := newParams(&url.URL{RawQuery: url.Values{"cursor": {c}}.Encode()})
		p.cursor(listing)
		if e, _ := fault.As(p.err()); e == nil || e.Fields["cursor"].Key != "field.cursor" {
			t.Errorf("cursor %q: got %v, want field cursor invalid", c, p.err())
		}
	}
}

func TestParams(t *testing.T) {
	tests := []struct {
		query string
		field string // "" when valid
	}{
		{"limit=200", ""},
		{"limit=1", ""},
		{"limit=0", "limit"},
		{"limit=201", "limit"},
		{"limit=ten", "limit"},
		{"desc=true", ""},
		{"desc=maybe", "desc"},
		{"from=2026-01-02", ""},
		{"from=2026-13-02", "from"},
	}
	for _, tc := range tests {
		p := newParams(&url.URL{RawQuery: tc.query})
		p.limit()
		p.boolean("desc")
		p.date("from")
		err := p.err()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: got %v, want valid", tc.query, err)
			}
			continue
		}
		if e, _ := fault.As(err); e == nil || e.Fields[tc.field].Key == "" {
			t.Errorf("%s: got %v, want a field error on %s", tc.query, err, tc.field)
		}
	}
}

// apiError is the error shape, for tests.
type apiError struct {
	Error struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		Fields    map[string]string `json:"fields"`
		RequestID string            `json:"request_id"`
	} `json:"error"`
}

func decodeError(t *testing.T, body io.Reader) apiError {
	t.Helper()
	var e apiError
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("error body is not the error shape: %v", err)
	}
	if e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error body lacks code or message: %+v", e)
	}
	return e
}

func TestUnknownRoutes(t *testing.T) {
	h := newUnitServer(t).Handler()
	tests := []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{"GET", "/api/v1/nothing", 404, "not_found", ""},
		{"GET", "/api/v1/orgs/", 404, "not_found", ""},
		{"POST", "/api/v2/orgs", 404, "not_found", ""},
		{"PUT", "/api/v1/orgs", 405, "method_not_allowed", "GET, HEAD, POST"},
		{"DELETE", "/api/v1/orgs/0190c5a0-0000-7000-8000-000000000000", 405, "method_not_allowed", "GET, HEAD"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(tc.method, tc.path, nil)
			req.Header.Set("Accept-Language", "en")
			req.Header.Set("Authorization", "Bearer t")
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d (%s)", rec.Code, tc.status, rec.Body)
			}
			e := decodeError(t, rec.Body)
			if e.Error.Code != tc.code {
				t.Errorf("code %q, want %q", e.Error.Code, tc.code)
			}
			if e.Error.RequestID == "" || e.Error.RequestID != rec.Header().Get("X-Request-Id") {
				t.Errorf("request_id %q, header %q", e.Error.RequestID, rec.Header().Get("X-Request-Id"))
			}
			if got := rec.Header().Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
			if strings.HasPrefix(e.Error.Message, "[") {
				t.Errorf("message is a missing key: %s", e.Error.Message)
			}
		})
	}
}

// TestInternalErrorIsGeneric: the client learns the request id, not the cause.
func TestInternalErrorIsGeneric(t *testing.T) {
	s := newUnitServer(t)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/v1/orgs", nil)
	req.Header.Set("Accept-Language", "en")
	s.WriteError(rec, req, io.ErrUnexpectedEOF)
	if rec.Code != 500 {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	e := decodeError(t, rec.Body)
	if e.Error.Code != "internal" || strings.Contains(e.Error.Message, "EOF") {
		t.Errorf("got %+v, want a generic internal error", e.Error)
	}
}

func TestErrorLocalised(t *testing.T) {
	s := newUnitServer(t)
	var f fault.Fields
	f.Add("name", "field.too_long", 100)
	messages := map[string]string{}
	for _, lang := range []string{"zh-CN", "zh-TW", "en"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/api/v1/orgs", nil)
		req.Header.Set("Accept-Language", lang)
		s.WriteError(rec, req, f.Err())
		if rec.Code != 422 {
			t.Fatalf("status %d, want 422", rec.Code)
		}
		e := decodeError(t, rec.Body)
		if e.Error.Code != "invalid" || e.Error.Fields["name"] == "" {
			t.Fatalf("%s: got %+v", lang, e.Error)
		}
		messages[e.Error.Fields["name"]] = lang
	}
	if len(messages) != 3 {
		t.Errorf("field messages do not differ by language: %v", messages)
	}
}

func TestPathMatches(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/api/v1/orgs", "/api/v1/orgs", true},
		{"/api/v1/orgs/{id}", "/api/v1/orgs/x", true},
		{"/api/v1/orgs/{id}", "/api/v1/orgs/", false},
		{"/api/v1/orgs/{id}", "/api/v1/orgs/x/events", false},
		{"/api/v1/orgs/{id}/events", "/api/v1/orgs/x/events", true},
	}
	for _, tc := range tests {
		if got := pathMatches(tc.pattern, tc.path); got != tc.want {
			t.Errorf("pathMatches(%q, %q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}
