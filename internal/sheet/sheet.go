// Package sheet reads and writes the people registry as Excel workbooks: a
// downloadable template per import kind, a streaming reader that reports
// every bad cell, a workbook of those problems, and a streaming export in the
// template's columns, so that an export imports again unchanged.
//
// A workbook holds one data sheet (the first sheet of the workbook). Its
// header row names the columns by their Chinese header (the zh-Hans catalog
// text of sheet.col.<key>); the zh-Hant and English texts, the stable column
// key itself and a few common variants (身份证号 for 公民身份号码) are accepted
// too, so columns may come in any order and optional ones may be left out.
// The header row is the first of the top ten rows that names every required
// column: a title row above it is skipped. Rows below it are data; wholly
// empty rows are skipped.
//
// Cells are read as Excel stores them (RawCellValue): dates as serial
// numbers or as text in the forms Chinese sheets use, ID numbers as text or
// as numbers (a number that lost digits to Excel's 15-digit precision is
// reported as such), codes by their words through package codes. Each row
// becomes a person.Dossier checked by person.Validate; each problem is
// reported on the cell it concerns. Organisation cells (所属组织, 所在支部)
// are resolved by the caller: an ID or a path of names, as its resolver
// accepts.
//
// A sheet holds a slice of a dossier. Saving a row as it is would replace
// what the registry holds beyond the sheet's columns (photo, posts, resume,
// family, party pipeline); Overlay puts a row onto a registered person's
// stored dossier instead.
//
// Reading and writing stream through excelize's Rows iterator and
// StreamWriter: a sheet of 100k rows is never held as cells in memory, only
// the parsed dossiers are.
package sheet

import (
	"fmt"
	"sync"

	"zugong/internal/i18n"
	"zugong/internal/person"
)

// Kind names an import kind: which columns a workbook carries.
type Kind string

// The import kinds.
const (
	// People is one row per person: the master record, the organisation, the
	// current post and rank, and which facets the person carries.
	People Kind = "people"
	// PartyMembers is one row per party member: the identifying master
	// record items and the party-member facet of the national collection.
	PartyMembers Kind = "party_members"
)

// Kinds lists the import kinds.
var Kinds = []Kind{People, PartyMembers}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// Problem is one bad cell (or a bad header) of an imported workbook.
type Problem struct {
	// Row is the 1-based row of the sheet, as Excel numbers it.
	Row int
	// Column is the column letter ("G"); empty for a problem of the whole
	// row or of the header (a missing column).
	Column string
	// Header is the column's header as the file wrote it.
	Header string
	// Value is the cell's content as read.
	Value string
	// Key names the reason in the catalog; Args fill its placeholders.
	Key  string
	Args []any
}

// Result is what Read found in a workbook.
type Result struct {
	Kind Kind
	// Rows counts the data rows read (empty rows not counted).
	Rows int
	// Dossiers holds one dossier per data row, in sheet order; nil when the
	// file has any problem: an import is all or nothing.
	Dossiers []person.Dossier
	// Problems lists the problems in sheet order, at most MaxProblems.
	Problems []Problem
	// ProblemCount counts every problem found, including those beyond
	// MaxProblems.
	ProblemCount int
	// Columns lists the keys of the columns the sheet has, in sheet order:
	// what Overlay may replace in a registered person's dossier.
	Columns []string

	// expect is the number of rows the sheet announces.
	expect int
}

// OK reports whether the workbook had no problem.
func (r *Result) OK() bool { return r.ProblemCount == 0 }

// MaxProblems bounds the problems Read keeps: a sheet of a million broken
// rows would otherwise fill memory with its report. Every problem is still
// counted (Result.ProblemCount).
const MaxProblems = 10000

// catalog is the embedded message catalog. Headers and enum labels are
// catalog texts, and Read must recognise them in every locale without the
// caller handing a catalog in; the embedded catalog is the same data the
// application loads.
var catalog = sync.OnceValue(i18n.MustLoad)

// columnHeader returns the header of a column in loc.
func columnHeader(loc i18n.Locale, key string) string {
	return catalog().T(loc, "sheet.col."+key)
}

func (k Kind) check() error {
	if _, ok := ParseKind(string(k)); !ok {
		return fmt.Errorf("sheet: unknown import kind %q", string(k))
	}
	return nil
}
