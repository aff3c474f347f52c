package lrmx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
)

// extras is what Dossier.Extras holds for a dossier read from LRMX or LRM:
// every way the file differs from what Encode would write for the same
// data, and nothing else, so a file in the canonical layout costs a few
// bytes. Encode starts from the canonical layout and applies these.
type extras struct {
	Format string  `json:"lrmx"`
	BOM    bool    `json:"bom,omitempty"`
	NL     *string `json:"nl,omitempty"`  // line break, when not CRLF
	Ind    *string `json:"ind,omitempty"` // indentation step, when not two spaces
	SC     string  `json:"sc,omitempty"`  // how empty elements end, when not <X></X>
	Pic    *wrap   `json:"pic,omitempty"` // how the photo's base64 was laid out
	Head   *string `json:"head,omitempty"`
	Empty  bool    `json:"empty,omitempty"` // <Person/>
	// Order lists the children of Person when they differ from Elements:
	// an element name, or "" for the next of X.
	Order *[]string      `json:"order,omitempty"`
	X     []string       `json:"x,omitempty"`   // children zugong does not model, verbatim
	Sep   map[int]string `json:"sep,omitempty"` // whitespace before child i, when not canonical
	Tail  *string        `json:"tail,omitempty"`
	// Raw maps the digest of an element's canonical bytes to the bytes the
	// file had. While the data behind the element is unchanged, its
	// canonical bytes are unchanged and the file's bytes are written; once
	// the data changes, the digest no longer matches and the new canonical
	// bytes are written instead. "" means the file lacked the element.
	Raw map[string]string `json:"raw,omitempty"`
}

// extrasFormat names the layout of extras; a different value is ignored.
const extrasFormat = "1"

// wrap is the layout of the photo's base64 text: lines of Width characters
// separated by Sep, with Lead before and Trail after.
type wrap struct {
	Width int    `json:"w,omitempty"`
	Sep   string `json:"s,omitempty"`
	Lead  string `json:"l,omitempty"`
	Trail string `json:"t,omitempty"`
}

func (x *extras) marshal() string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		// Every field is a string, bool, int or map of them.
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// parseExtras reads Dossier.Extras; anything not written by this package
// gives the canonical layout.
func parseExtras(s string) *extras {
	var x extras
	if s == "" || json.Unmarshal([]byte(s), &x) != nil || x.Format != extrasFormat {
		return &extras{Format: extrasFormat}
	}
	return &x
}

func (x *extras) style() style {
	st := style{nl: "\r\n", ind: "  ", selfClose: x.SC, pic: x.Pic}
	if x.NL != nil {
		st.nl = *x.NL
	}
	if x.Ind != nil {
		st.ind = *x.Ind
	}
	return st
}

func digest(canonical string) string {
	h := sha256.Sum256([]byte(canonical))
	return hex.EncodeToString(h[:8])
}

// addRaw records that the element whose canonical bytes are canonical was
// written as raw. The same canonical bytes may occur more than once (two
// identical family members written differently): each occurrence gets its
// own entry, taken in order.
func (x *extras) addRaw(canonical, raw string) {
	if x.Raw == nil {
		x.Raw = map[string]string{}
	}
	k := digest(canonical)
	for i := 2; ; i++ {
		if _, ok := x.Raw[k]; !ok {
			break
		}
		k = digest(canonical) + "#" + strconv.Itoa(i)
	}
	x.Raw[k] = raw
}

// lookup hands out the raw bytes recorded for canonical bytes, each entry once.
type lookup struct {
	raw  map[string]string
	used map[string]int
}

func newLookup(raw map[string]string) *lookup {
	return &lookup{raw: raw, used: map[string]int{}}
}

func (l *lookup) take(canonical string) (string, bool) {
	if len(l.raw) == 0 {
		return "", false
	}
	d := digest(canonical)
	n := l.used[d] + 1
	k := d
	if n > 1 {
		k += "#" + strconv.Itoa(n)
	}
	raw, ok := l.raw[k]
	if ok {
		l.used[d] = n
	}
	return raw, ok
}

// or returns the raw bytes for canonical, or canonical itself.
func (l *lookup) or(canonical string) string {
	if raw, ok := l.take(canonical); ok {
		return raw
	}
	return canonical
}

// orNil is or on a lookup that may be nil.
func (l *lookup) orNil(canonical string) string {
	if l == nil {
		return canonical
	}
	return l.or(canonical)
}
