package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// Page sizes of every listing.
const (
	defaultLimit = 20
	maxLimit     = 200
)

// page is the body of every listing. NextCursor is empty on the last page.
type page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

func newPage[T any](items []T, next string) page[T] {
	if items == nil {
		items = []T{}
	}
	return page[T]{Items: items, NextCursor: next}
}

// params reads query parameters, collecting one field error per bad one so
// that a client learns every problem at once.
type params struct {
	v      url.Values
	fields fault.Fields
}

func newParams(u *url.URL) *params { return &params{v: u.Query()} }

func (p *params) str(name string) string { return strings.TrimSpace(p.v.Get(name)) }

// choice returns the parameter when valid accepts it (or it is empty).
func (p *params) choice(name string, valid func(string) bool) string {
	s := p.str(name)
	if s != "" && !valid(s) {
		p.fields.Add(name, "field.invalid_choice")
		return ""
	}
	return s
}

func (p *params) boolean(name string) bool {
	s := p.str(name)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.fields.Add(name, "api.field.type.boolean")
	}
	return b
}

func (p *params) date(name string) civil.Date {
	d, err := civil.Parse(p.str(name))
	if err != nil {
		p.fields.Add(name, "field.date")
	}
	return d
}

// limit returns ?limit=, defaultLimit when absent; 1…maxLimit is accepted.
func (p *params) limit() int {
	s := p.str("limit")
	if s == "" {
		return defaultLimit
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxLimit {
		p.fields.Add("limit", "api.field.limit", maxLimit)
		return defaultLimit
	}
	return n
}

// cursor decodes ?cursor= made for the same listing; without one it is the
// state of the first page.
func (p *params) cursor(listing string) cursorState {
	s := p.str("cursor")
	if s == "" {
		return cursorState{Listing: listing}
	}
	st, ok := decodeCursor(s, listing)
	if !ok {
		p.fields.Add("cursor", "field.cursor")
	}
	return st
}

func (p *params) err() error { return p.fields.Err() }

// A cursor is opaque to clients: base64url of a small JSON object holding a
// digest of the listing it was made for (name and filter, not page size), so
// it cannot be replayed against another query, and the position: an offset
// for offset-paged services (accounts, the audit trail, history), or the
// service's own keyset cursor (the organisation tree).
type cursorState struct {
	Listing string `json:"l"`
	Offset  int    `json:"o,omitempty"`
	After   string `json:"a,omitempty"`
	// Until (Unix microseconds) pins a newest-first listing of a growing
	// log to what existed when its first page was read, so that entries
	// added meanwhile do not shift the offsets.
	Until int64 `json:"u,omitempty"`
}

// listingKey identifies a listing by its name and filter values.
func listingKey(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:8])
}

func encodeCursor(st cursorState) string {
	b, _ := json.Marshal(st)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, listing string) (cursorState, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursorState{Listing: listing}, false
	}
	var st cursorState
	if err := decodeValue(b, "", &st); err != nil || st.Listing != listing || st.Offset < 0 || st.Until < 0 ||
		(st.Offset == 0) == (st.After == "") {
		return cursorState{Listing: listing}, false
	}
	return st, true
}

// offsetCursor returns the cursor of the page after the n items read at
// st.Offset of a listing of total items, or "" when that was the last page.
func offsetCursor(st cursorState, n, total int) string {
	if n == 0 || st.Offset+n >= total {
		return ""
	}
	st.Offset += n
	return encodeCursor(st)
}

// keysetCursor wraps a service's cursor, or returns "" when it is empty.
func keysetCursor(listing, after string) string {
	if after == "" {
		return ""
	}
	return encodeCursor(cursorState{Listing: listing, After: after})
}

// chinaTime is the zone of the calendar dates users type: the audit filter's
// from/to days are days in China Standard Time, as in `zugong audit export`.
var chinaTime = time.FixedZone("CST", 8*3600)

// dayStart returns the instant day d begins in China Standard Time.
func dayStart(d civil.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, chinaTime)
}
