package sheet

import (
	"zugong/internal/codes"
)

// The code tables the sheets use.
const (
	tableGender    = codes.Gender
	tableEthnicity = codes.Ethnicity
	tableHealth    = codes.Health
	tablePolitical = codes.PoliticalStatus
	tableEducation = codes.EducationLevel
	tableDegree    = codes.Degree
)

// The political-status codes (GB/T 4762) of party members.
const (
	politicalMember       = "01"
	politicalProbationary = "02"
)

// lookupCode returns the code a cell names by word (a name, an alias or a
// unique short form), or the code itself.
func lookupCode(table, s string) (string, bool) {
	code, ok := findCode(table, s)
	if ok && table == tableGender && code != "1" && code != "2" {
		return "", false
	}
	return code, ok
}

func findCode(table, s string) (string, bool) {
	t := codes.MustGet(table)
	if code, ok := t.Find(s); ok {
		return code, true
	}
	if c := clean(s); c != s {
		if code, ok := t.Find(c); ok {
			return code, true
		}
		s = c
	}
	return s, t.Valid(s)
}

// codeWord is the word the sheet writes for code: the short form forms print
// when it names that code alone (中共党员), else the standard's name. A code
// the table does not hold is written as it is.
func codeWord(table, code string) string {
	if code == "" {
		return ""
	}
	t := codes.MustGet(table)
	e, ok := t.Entry(code)
	if !ok {
		return code
	}
	if e.Short != "" {
		if c, ok := t.Find(e.Short); ok && c == code {
			return e.Short
		}
	}
	return e.Name
}

// codeWords lists the words of a table's codes for a drop-down. Gender
// offers 男 and 女 only: a record's gender is one of the two, as the ID
// number encodes it.
func codeWords(table string) []string {
	var ws []string
	for _, e := range codes.MustGet(table).Entries() {
		if table == tableGender && e.Code != "1" && e.Code != "2" {
			continue
		}
		ws = append(ws, codeWord(table, e.Code))
	}
	return ws
}
