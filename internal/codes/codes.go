// Package codes holds the national code tables the registry's fields use —
// gender, ethnicity, health, marriage, political status, education level,
// degree, family relation and administrative divisions — as versioned data:
// one CSV file per table under data/, each naming its standard and edition
// in a header. The files are embedded and read once, on first use. Changing a
// code or a name is an edit of data, never of Go code.
//
// A file starts with "# key: value" lines (table, title, standard, edition,
// and optionally revision, complete and note), then a CSV header naming its
// columns: code and name always; parent, short, zh-Hant, en and aliases
// (separated by |) where the table has them. name is the standard's Chinese
// name and the zh-Hans label; a missing zh-Hant or en label falls back to it.
package codes

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"zugong/internal/i18n"
)

// The tables, by name.
const (
	Gender          = "gender"
	Ethnicity       = "ethnicity"
	Health          = "health"
	Marriage        = "marriage"
	PoliticalStatus = "political_status"
	EducationLevel  = "education_level"
	Degree          = "degree"
	Relation        = "relation"
	Place           = "place"
)

//go:embed data/*.csv
var files embed.FS

// Entry is one code of a table.
type Entry struct {
	Code string
	// Name is the standard's Chinese name, which is also the zh-Hans label.
	Name string
	// Short is the word forms print where it differs from Name ("中共党员"
	// for 中国共产党党员), or "".
	Short string
	// Parent is the code this one details ("411700" for 411724), or "".
	Parent string
	// Aliases are other words for the code that Find recognises.
	Aliases []string
	labels  map[i18n.Locale]string
}

// Label returns the entry's words in loc: the locale's label where the
// table has one, else the Chinese name.
func (e Entry) Label(loc i18n.Locale) string {
	if l := e.labels[loc]; l != "" {
		return l
	}
	return e.Name
}

// Table is one code table. Tables are loaded once and shared: treat them
// as read-only.
type Table struct {
	// Name is the table's name ("gender").
	Name string
	// Title is the standard's title (人的性别代码).
	Title string
	// Standard and Edition name the standard the codes follow ("GB/T
	// 2261.1", "2003"); Revision names a later update of its codes, if any.
	Standard string
	Edition  string
	Revision string
	// Note says what the table holds beyond the standard's plain list.
	Note string
	// complete lists the prefixes (two-digit province codes for places)
	// under which every code of the standard is present.
	complete []string
	entries  []Entry
	byCode   map[string]int
	byWord   map[string]string
}

// Version names the standard and edition the table follows, with the
// revision of its codes when it has one: "GB/T 2261.1-2003",
// "GB/T 2260-2007 (2023)".
func (t *Table) Version() string {
	v := t.Standard + "-" + t.Edition
	if t.Revision != "" {
		v += " (" + t.Revision + ")"
	}
	return v
}

// Valid reports whether code is a code of the table.
func (t *Table) Valid(code string) bool {
	_, ok := t.byCode[code]
	return ok
}

// Entry returns the entry of code.
func (t *Table) Entry(code string) (Entry, bool) {
	i, ok := t.byCode[code]
	if !ok {
		return Entry{}, false
	}
	return t.entries[i], true
}

// Label returns the words for code in loc. A code the table does not hold
// is returned as it is, so that a screen never hides what a record says;
// the empty code gives "".
func (t *Table) Label(code string, loc i18n.Locale) string {
	e, ok := t.Entry(code)
	if !ok {
		return code
	}
	return e.Label(loc)
}

// Short returns the word forms print for code: the entry's short form, else
// its name; an unknown code is returned as it is.
func (t *Table) Short(code string) string {
	e, ok := t.Entry(code)
	switch {
	case !ok:
		return code
	case e.Short != "":
		return e.Short
	}
	return e.Name
}

// Entries returns the table's entries in the standard's order.
func (t *Table) Entries() []Entry { return slices.Clone(t.entries) }

// Children returns the entries whose parent is code, in order; the empty
// code gives the top-level entries.
func (t *Table) Children(code string) []Entry {
	var out []Entry
	for _, e := range t.entries {
		if e.Parent == code {
			out = append(out, e)
		}
	}
	return out
}

// Find returns the code whose name or alias is text (surrounding space
// ignored), or whose short form is text when only one code has that short
// form. Importers use it to read forms that write words, not codes.
func (t *Table) Find(text string) (string, bool) {
	code, ok := t.byWord[strings.TrimSpace(text)]
	return code, ok
}

// Get returns the table called name.
func Get(name string) (*Table, bool) {
	t, ok := loaded()[name]
	return t, ok
}

// MustGet returns the table called name and panics when there is none: the
// names are the constants of this package.
func MustGet(name string) *Table {
	t, ok := Get(name)
	if !ok {
		panic("codes: no table " + name)
	}
	return t
}

// Version returns the version of the table called name (see Table.Version),
// or "" when there is no such table.
func Version(name string) string {
	t, ok := Get(name)
	if !ok {
		return ""
	}
	return t.Version()
}

// Names returns the names of the tables, sorted.
func Names() []string {
	m := loaded()
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// loaded reads the embedded tables on first use. The files are part of the
// binary and TestTablesLoad reads them all, so a bad file is a build defect:
// it panics rather than making every caller handle an error.
var loaded = sync.OnceValue(func() map[string]*Table {
	m, err := load(files)
	if err != nil {
		panic(err)
	}
	return m
})

func load(fsys fs.FS) (map[string]*Table, error) {
	names, err := fs.Glob(fsys, "data/*.csv")
	if err != nil {
		return nil, err
	}
	m := map[string]*Table{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		t, err := parse(b)
		if err != nil {
			return nil, fmt.Errorf("codes %s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".csv"); t.Name != want {
			return nil, fmt.Errorf("codes %s: table %q should be called %q", name, t.Name, want)
		}
		m[t.Name] = t
	}
	return m, nil
}

// parse reads one table file.
func parse(b []byte) (*Table, error) {
	t := &Table{byCode: map[string]int{}, byWord: map[string]string{}}
	r := bufio.NewReader(bytes.NewReader(b))
	for {
		c, err := r.Peek(1)
		if err != nil || c[0] != '#' {
			break
		}
		line, _ := r.ReadString('\n')
		key, value, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":")
		if !ok {
			return nil, fmt.Errorf("header line %q is not key: value", strings.TrimSpace(line))
		}
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "table":
			t.Name = value
		case "title":
			t.Title = value
		case "standard":
			t.Standard = value
		case "edition":
			t.Edition = value
		case "revision":
			t.Revision = value
		case "complete":
			t.complete = strings.Fields(value)
		case "note":
			t.Note = value
		default:
			return nil, fmt.Errorf("unknown header %q", key)
		}
	}
	if t.Name == "" || t.Title == "" || t.Standard == "" || t.Edition == "" {
		return nil, errors.New("the header must name the table, its title, standard and edition")
	}
	if err := t.readEntries(csv.NewReader(r)); err != nil {
		return nil, err
	}
	return t, t.index()
}

func (t *Table) readEntries(cr *csv.Reader) error {
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("column header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		switch h {
		case "code", "name", "parent", "short", "aliases", string(i18n.ZhHant), string(i18n.En):
			col[h] = i
		default:
			return fmt.Errorf("unknown column %q", h)
		}
	}
	if _, ok := col["code"]; !ok {
		return errors.New("no code column")
	}
	if _, ok := col["name"]; !ok {
		return errors.New("no name column")
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		e := Entry{Code: get(rec, "code"), Name: get(rec, "name"), Short: get(rec, "short"), Parent: get(rec, "parent"),
			labels: map[i18n.Locale]string{i18n.ZhHant: get(rec, string(i18n.ZhHant)), i18n.En: get(rec, string(i18n.En))}}
		if a := get(rec, "aliases"); a != "" {
			e.Aliases = strings.Split(a, "|")
		}
		if e.Code == "" || e.Name == "" {
			return fmt.Errorf("line %d: a code and a name are required", len(t.entries)+1)
		}
		if _, dup := t.byCode[e.Code]; dup {
			return fmt.Errorf("code %s listed twice", e.Code)
		}
		t.byCode[e.Code] = len(t.entries)
		t.entries = append(t.entries, e)
	}
}

// index checks the parents and builds the word index used by Find. Names and
// aliases must each name one code; a short form is indexed only when no
// other code shares it (研究生 is the short form of nine education codes).
func (t *Table) index() error {
	if len(t.entries) == 0 {
		return errors.New("no entries")
	}
	for _, e := range t.entries {
		if e.Parent != "" && !t.Valid(e.Parent) {
			return fmt.Errorf("code %s: parent %s is not in the table", e.Code, e.Parent)
		}
		for _, w := range append([]string{e.Name}, e.Aliases...) {
			if other, dup := t.byWord[w]; dup && other != e.Code {
				return fmt.Errorf("%q names both %s and %s", w, other, e.Code)
			}
			t.byWord[w] = e.Code
		}
	}
	shorts := map[string][]string{}
	for _, e := range t.entries {
		if e.Short != "" {
			shorts[e.Short] = append(shorts[e.Short], e.Code)
		}
	}
	for w, cs := range shorts {
		if _, taken := t.byWord[w]; !taken && len(cs) == 1 {
			t.byWord[w] = cs[0]
		}
	}
	return nil
}
