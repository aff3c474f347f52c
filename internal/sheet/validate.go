package sheet

import (
	"sort"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// validateDossier checks a row's dossier against the domain's rules.
func validateDossier(d *person.Dossier, today civil.Date) error {
	return person.Validate(d, today)
}

// sortedFields returns the field names of fs in order, so problems come in
// the same order every time.
func sortedFields(fs fault.Fields) []string {
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// fieldColumn finds the column of a validation field the layout's table
// does not name: a field named like a column, or the nearest enclosing
// field that is ("party.lost_contact.since" falls back to
// "party.lost_contact").
func fieldColumn(l *layout, field string) string {
	for f := field; f != ""; {
		if col, ok := l.fields[f]; ok {
			return col
		}
		if _, ok := l.index[f]; ok {
			return f
		}
		i := strings.LastIndexAny(f, ".[")
		if i < 0 {
			break
		}
		f = f[:i]
	}
	return ""
}
