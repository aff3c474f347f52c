package sheet

import (
	"strings"
	"sync"

	"zugong/internal/civil"
	"zugong/internal/i18n"
	"zugong/internal/person"
)

// value is one cell's content once read: text, a code or an enum value in
// s, a date in d, several enum values in list.
type value struct {
	s    string
	d    civil.Date
	list []string
}

// cellType says how a column's cells are read and written.
type cellType int

const (
	textCell  cellType = iota // free text
	dateCell                  // a date: an Excel date or text, written as a date cell
	idCell                    // a citizen identity number, written as text
	codeCell                  // a national code, by its name
	enumCell                  // one of a fixed set, by its catalog label
	listCell                  // several of a fixed set, by their labels
	orgCell                   // an organisation, resolved by the caller
	phoneCell                 // digits that must stay text (the 0 of an area code)
)

// column is one column of an import kind.
type column struct {
	// key is the column's stable name; sheet.col.<key> is its header.
	key      string
	typ      cellType
	required bool
	// max bounds the characters of a text cell.
	max int
	// table names the code table of a code cell.
	table string
	// enum is the set of an enum or list cell.
	enum *enumSet
	// width is the template's column width in characters.
	width float64
	// aliases are further headers that name this column in files made
	// elsewhere (身份证号 for 公民身份号码). The catalog's header texts in
	// every locale are always accepted.
	aliases []string
}

// layout is an import kind: its columns, and how a row of values becomes a
// dossier and back.
type layout struct {
	kind    Kind
	columns []column
	index   map[string]int
	// build assembles the dossier of a row; cross-column problems are
	// reported through fail on the column they concern.
	build func(r record, fail func(col, key string, args ...any)) person.Dossier
	// flatten writes a dossier's values into r, the inverse of build.
	flatten func(d *person.Dossier, r record)
	// fields maps the field names of person.Validate to column keys.
	fields map[string]string
	// sheetKey names the data sheet in the catalog.
	sheetKey string

	once  sync.Once
	names map[string]int
}

// record is one row of values, by column. failed marks the cells that
// could not be read: rules spanning columns skip them, the cell's own
// problem being the one to report.
type record struct {
	l      *layout
	vals   []value
	failed []bool
}

// read reports whether the cell of column key was read (it may be empty).
func (r record) read(key string) bool {
	i, ok := r.l.index[key]
	return ok && (r.failed == nil || !r.failed[i])
}

func (r record) get(key string) value {
	i, ok := r.l.index[key]
	if !ok {
		panic("sheet: no column " + key + " in " + string(r.l.kind))
	}
	return r.vals[i]
}

func (r record) s(key string) string     { return r.get(key).s }
func (r record) d(key string) civil.Date { return r.get(key).d }

func (r record) set(key string, v value) {
	i, ok := r.l.index[key]
	if !ok {
		panic("sheet: no column " + key + " in " + string(r.l.kind))
	}
	r.vals[i] = v
}

func (r record) setS(key, s string)            { r.set(key, value{s: s}) }
func (r record) setD(key string, d civil.Date) { r.set(key, value{d: d}) }

func newLayout(kind Kind, sheetKey string, cols []column) *layout {
	l := &layout{kind: kind, columns: cols, index: map[string]int{}, sheetKey: sheetKey}
	for i, c := range cols {
		if _, dup := l.index[c.key]; dup {
			panic("sheet: column " + c.key + " twice in " + string(kind))
		}
		l.index[c.key] = i
		switch {
		case (c.typ == textCell || c.typ == orgCell || c.typ == phoneCell) && c.max <= 0:
			panic("sheet: text column " + c.key + " needs a length limit")
		case (c.typ == enumCell || c.typ == listCell) && c.enum == nil:
			panic("sheet: column " + c.key + " needs its set")
		case c.typ == codeCell && c.table == "":
			panic("sheet: column " + c.key + " needs its code table")
		}
	}
	return l
}

func (l *layout) newRecord() record {
	return record{l: l, vals: make([]value, len(l.columns)), failed: make([]bool, len(l.columns))}
}

// headers returns the texts that name column c in a header row.
func (c column) headers() []string {
	hs := make([]string, 0, len(i18n.Locales)+len(c.aliases)+1)
	for _, loc := range i18n.Locales {
		hs = append(hs, columnHeader(loc, c.key))
	}
	hs = append(hs, c.key)
	return append(hs, c.aliases...)
}

// headerIndex maps every normalised header text of l to its column.
func (l *layout) headerIndex() map[string]int {
	l.once.Do(func() {
		l.names = map[string]int{}
		for k, c := range l.columns {
			for _, h := range c.headers() {
				l.names[normHeader(h)] = k
			}
		}
	})
	return l.names
}

// normHeader folds the ways a header is dressed up in files made by hand:
// spaces inside ("姓  名"), line breaks, a required marker ("*姓名"), full-width
// forms, letter case.
func normHeader(s string) string {
	s = clean(s)
	return strings.ToLower(strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '*', '\u00a0':
			return -1
		}
		return r
	}, s))
}

// layoutOf returns the layout of a checked kind.
func layoutOf(k Kind) *layout {
	switch k {
	case People:
		return peopleLayout
	case PartyMembers:
		return partyLayout
	}
	panic("sheet: unknown import kind " + string(k))
}
