// Package lrmx reads and writes the files cadre work exchanges: LRMX, the
// XML of the 干部任免审批表 (version 3.x), and its predecessor LRM 2.0 with its
// .pic photo, one at a time or in .zip archives.
//
// Reading turns a file into a person.Dossier. Writing is lossless: a file
// read and written back without changes gives back the same bytes, down to
// the byte-order mark, the line breaks, the indentation, the wording of each
// element and the elements zugong does not know. Dossier.Extras carries what
// that takes (see extras). Once the data behind an element changes, the
// element is written in the canonical form instead.
package lrmx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"zugong/internal/fault"
	"zugong/internal/person"
)

// MaxFileSize is the largest file read, archives' members included.
const MaxFileSize = 32 << 20

// Decode reads an LRMX 3.x file. A malformed file gives a *fault.Error with
// code Invalid naming the file (when r has a Name, as *os.File does) and,
// for XML errors, the line.
func Decode(r io.Reader) (*person.Dossier, error) {
	name := "LRMX"
	if n, ok := r.(interface{ Name() string }); ok {
		name = filepath.Base(n.Name())
	}
	b, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	return decodeLRMX(name, b)
}

func readAll(name string, r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(b) > MaxFileSize {
		return nil, fault.New(fault.Invalid, "lrmx.too_large", name, MaxFileSize>>20)
	}
	return b, nil
}

func decodeLRMX(file string, b []byte) (*person.Dossier, error) {
	doc, err := parseDocument(file, b)
	if err != nil {
		return nil, err
	}
	f := &form{text: map[string]string{}}
	first := map[string]*node{}
	for _, n := range doc.kids {
		if _, known := elementIndex[n.name]; !known || first[n.name] != nil {
			continue
		}
		first[n.name] = n
		if n.name == elFamily {
			for _, it := range familyItems(n) {
				f.family = append(f.family, it.row)
			}
		} else {
			f.text[n.name] = n.text
		}
	}
	d := f.toDossier()
	d.Extras = record(doc, first, d).marshal()
	return d, nil
}

// familyItem is an Item of JiaTingChengYuan with its five columns.
type familyItem struct {
	raw string
	row [5]string
}

func familyItems(n *node) []familyItem {
	var out []familyItem
	for _, k := range n.kids {
		if k.name != elItem {
			continue
		}
		it := familyItem{raw: k.raw}
		var seen [5]bool
		for _, c := range k.kids {
			if i := slices.Index(ItemElements[:], c.name); i >= 0 && !seen[i] {
				seen[i] = true
				it.row[i] = c.text
			}
		}
		out = append(out, it)
	}
	return out
}

// record works out the extras of a file: its style, and each way it
// departs from the canonical bytes of its own data.
func record(doc *document, first map[string]*node, d *person.Dossier) *extras {
	x := &extras{Format: extrasFormat, BOM: doc.bom}
	st := detectStyle(doc)
	if st.nl != "\r\n" {
		x.NL = &st.nl
	}
	if st.ind != "  " {
		x.Ind = &st.ind
	}
	x.SC = st.selfClose
	if n := first[elPhoto]; n != nil && d.Photo != nil {
		st.pic = detectWrap(n.raw, d.Photo)
		x.Pic = st.pic
	}
	if doc.head != st.head() {
		x.Head = &doc.head
	}
	x.Empty = doc.empty
	if doc.tail != st.tail() {
		x.Tail = &doc.tail
	}
	order := make([]string, 0, len(doc.kids))
	for i, n := range doc.kids {
		if first[n.name] == n {
			order = append(order, n.name)
		} else {
			order = append(order, "")
			x.X = append(x.X, n.raw)
		}
		if n.sep != st.sep(1) {
			if x.Sep == nil {
				x.Sep = map[int]string{}
			}
			x.Sep[i] = n.sep
		}
	}
	if !slices.Equal(order, Elements) {
		x.Order = &order
	}
	cf := fromDossier(d)
	for _, name := range Elements {
		n := first[name]
		c := canonical(st, cf, name, nil)
		switch {
		case n == nil:
			if c != st.element(name, "") {
				x.addRaw(c, "")
			}
		case name == elFamily:
			recordFamily(x, st, cf, n, c)
		case n.raw != c:
			x.addRaw(c, n.raw)
		}
	}
	return x
}

// recordFamily records the family element: each member written differently
// from canonical, so that changing one member keeps the others' bytes, and
// the whole element when that is not enough (empty rows, stray children,
// other whitespace).
func recordFamily(x *extras, st style, cf *form, n *node, whole string) {
	if n.raw == whole {
		return
	}
	var raws []string
	for _, it := range familyItems(n) {
		if _, ok := relative(it.row); ok {
			raws = append(raws, it.raw)
		}
	}
	for j, row := range cf.family {
		if c := st.item(row); j < len(raws) && raws[j] != c {
			x.addRaw(c, raws[j])
		}
	}
	if canonical(st, cf, elFamily, newLookup(x.Raw)) != n.raw {
		x.addRaw(whole, n.raw)
	}
}

// detectStyle finds a file's line break, indentation step and the way it
// writes the first empty element.
func detectStyle(doc *document) style {
	st := style{nl: "\r\n", ind: "  "}
	switch i := strings.IndexByte(doc.body, '\n'); {
	case i > 0 && doc.body[i-1] == '\r':
	case i >= 0:
		st.nl = "\n"
	case strings.Contains(doc.body, "\r"):
		st.nl = "\r"
	default:
		st.nl, st.ind = "", ""
	}
	for _, n := range doc.kids {
		if _, known := elementIndex[n.name]; !known || n.name == elFamily {
			continue
		}
		if ending, ok := strings.CutPrefix(n.raw, "<"+n.name); ok && (ending == "/>" || ending == " />") {
			st.selfClose = ending
			break
		}
		if n.raw == "<"+n.name+"></"+n.name+">" {
			break
		}
	}
	if len(doc.kids) > 0 && strings.HasPrefix(doc.kids[0].sep, st.nl) {
		rest := doc.kids[0].sep[len(st.nl):]
		if strings.Trim(rest, " ") == "" || strings.Trim(rest, "\t") == "" {
			st.ind = rest
		}
	}
	return st
}

// detectWrap finds how a file laid out the photo's base64 text, or nil
// when it is the canonical single run.
func detectWrap(raw string, photo []byte) *wrap {
	open, close := "<"+elPhoto+">", "</"+elPhoto+">"
	if !strings.HasPrefix(raw, open) || !strings.HasSuffix(raw, close) || len(raw) < len(open)+len(close) {
		return nil
	}
	inner := raw[len(open) : len(raw)-len(close)]
	core := strings.TrimLeft(inner, " \t\r\n")
	w := &wrap{Lead: inner[:len(inner)-len(core)]}
	trimmed := strings.TrimRight(core, " \t\r\n")
	w.Trail, core = core[len(trimmed):], trimmed
	st := style{pic: w}
	b64 := fromDossier(&person.Dossier{Photo: photo}).text[elPhoto]
	if i := strings.IndexAny(core, " \t\r\n"); i > 0 {
		j := i
		for j < len(core) && strings.IndexByte(" \t\r\n", core[j]) >= 0 {
			j++
		}
		w.Width, w.Sep = i, core[i:j]
	}
	if st.photo(b64) != raw {
		return nil
	}
	if *w == (wrap{}) {
		return nil
	}
	return w
}

// canonical writes element name of form f in style st. With a lookup, the
// bytes recorded for unchanged data replace the canonical ones; without,
// the result is the pure canonical form that digests are taken of.
func canonical(st style, f *form, name string, lk *lookup) string {
	switch name {
	case elFamily:
		items := make([]string, len(f.family))
		for i, row := range f.family {
			items[i] = st.item(row)
		}
		whole := st.family(items)
		if lk == nil {
			return whole
		}
		if raw, ok := lk.take(whole); ok {
			return raw
		}
		for i := range items {
			items[i] = lk.or(items[i])
		}
		return st.family(items)
	case elPhoto:
		return lk.orNil(st.photo(f.text[elPhoto]))
	default:
		return lk.orNil(st.element(name, f.text[name]))
	}
}

// Encode writes d as an LRMX 3.x file in the layout of version 3.2.1.16,
// or, for a dossier read from LRMX, in the layout of the file it came from.
func Encode(w io.Writer, d *person.Dossier) error {
	_, err := w.Write(encode(d))
	return err
}

type entry struct {
	name string // a known element, or "" for raw
	raw  string
	at   int // the child's index in the file read, -1 when added
}

func encode(d *person.Dossier) []byte {
	x := parseExtras(d.Extras)
	st := x.style()
	f := fromDossier(d)
	lk := newLookup(x.Raw)
	entries := layout(x, st, f, lk)

	var b bytes.Buffer
	if x.BOM {
		b.Write(utf8BOM)
	}
	head, tail := st.head(), st.tail()
	if x.Head != nil {
		head = *x.Head
	}
	if x.Tail != nil {
		tail = *x.Tail
	}
	if x.Empty && len(entries) > 0 {
		head, tail = st.head(), st.tail()
	}
	b.WriteString(head)
	for _, e := range entries {
		sep, ok := x.Sep[e.at]
		if !ok || e.at < 0 {
			sep = st.sep(1)
		}
		b.WriteString(sep)
		if e.name == "" {
			b.WriteString(e.raw)
		} else {
			b.WriteString(canonical(st, f, e.name, lk))
		}
	}
	b.WriteString(tail)
	return b.Bytes()
}

// layout lists the children of Person to write: the file's own order when
// it had one, with an element it lacked added in its place once there is
// data for it.
func layout(x *extras, st style, f *form, lk *lookup) []entry {
	var entries []entry
	present := map[string]bool{}
	if x.Order == nil {
		for i, n := range Elements {
			entries = append(entries, entry{name: n, at: i})
			present[n] = true
		}
	} else {
		k := 0
		for i, n := range *x.Order {
			switch _, known := elementIndex[n]; {
			case n == "" && k < len(x.X):
				entries = append(entries, entry{raw: x.X[k], at: i})
				k++
			case known && !present[n]:
				entries = append(entries, entry{name: n, at: i})
				present[n] = true
			}
		}
	}
	for _, n := range Elements {
		if present[n] {
			continue
		}
		c := canonical(st, f, n, nil)
		if c == st.element(n, "") {
			continue
		}
		raw, ok := lk.take(c)
		if ok && raw == "" {
			continue // still the data of the file that lacked it
		}
		pos := 0
		for i, e := range entries {
			if e.name != "" && elementIndex[e.name] < elementIndex[n] {
				pos = i + 1
			}
		}
		e := entry{name: n, at: -1}
		if ok {
			e.name, e.raw = "", raw
		}
		entries = slices.Insert(entries, pos, e)
	}
	return entries
}

// FormText returns the text of an element of the 任免审批表 as Encode would
// write it: the file's own wording while the data behind it is unchanged
// ("1975.03" rather than "197503", the resume's own spacing), otherwise the
// canonical wording. The printed form uses it. The family
// (JiaTingChengYuan) and unknown names give "".
func FormText(d *person.Dossier, element string) string {
	if _, known := elementIndex[element]; !known || element == elFamily {
		return ""
	}
	x := parseExtras(d.Extras)
	st := x.style()
	f := fromDossier(d)
	raw, ok := newLookup(x.Raw).take(canonical(st, f, element, nil))
	if !ok || raw == "" {
		return f.text[element]
	}
	dec := xml.NewDecoder(strings.NewReader(raw))
	var text strings.Builder
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 1 {
				text.Write(t)
			}
		}
	}
	return strings.TrimSpace(text.String())
}
