package selection

import (
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// checkRecord checks the parts every step has: all are required, and a
// step cannot be dated before the step it follows.
func checkRecord(f *fault.Fields, r Record, prev *Record) {
	if r.Date.IsZero() {
		f.Add("date", "field.required")
	} else if prev != nil && r.Date.Before(prev.Date) {
		f.Add("date", "selection.before_previous_step", prev.Date.String())
	}
	required(f, "organ", r.Organ)
	required(f, "by", r.By)
	required(f, "reference", r.Reference)
}

// required records field as missing when v is blank, and reports whether
// it was present.
func required(f *fault.Fields, field, v string) bool {
	if strings.TrimSpace(v) == "" {
		f.Add(field, "field.required")
		return false
	}
	return true
}

// requiredDate records field as missing when d is the zero date, and
// reports whether it was present.
func requiredDate(f *fault.Fields, field string, d civil.Date) bool {
	if d.IsZero() {
		f.Add(field, "field.required")
		return false
	}
	return true
}

// addYears returns d moved by n years; 29 February moves to 1 March in a
// year without one.
func addYears(d civil.Date, n int) civil.Date { return civil.Of(d.Time().AddDate(n, 0, 0)) }
