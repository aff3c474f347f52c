package appraisal

import (
	"zugong/internal/fault"
	"zugong/internal/person"
)

// LineKind says what an explanation line accounts for.
type LineKind string

// The line kinds.
const (
	LineIndicator LineKind = "indicator"
	LineBonus     LineKind = "bonus"
	LineDeduction LineKind = "deduction"
)

// Line is one line of an explanation: the points an indicator or item gave,
// the value they came from (for items, the number of occurrences) and the
// IDs of the evidence records behind the value.
type Line struct {
	Kind     LineKind
	Code     string
	Name     string
	Value    Value
	Points   Points
	Evidence []string
}

// VetoLine names a veto the cadre incurred and the records that caused it.
type VetoLine struct {
	Code     string
	Name     string
	Cap      person.AssessmentGrade
	Evidence []string
}

// Explanation accounts for a cadre's total line by line; the lines' points
// add up to Total exactly.
type Explanation struct {
	PersonID string
	Rank     int
	Total    Points
	Lines    []Line
	Vetoes   []VetoLine
}

// Explain builds the explanation of r, scored under s from sub. It is built
// on demand rather than kept in every Result, because the lines of a
// million cadres would be gigabytes nobody reads at once.
func (s *Scheme) Explain(sub *Subject, r *Result) (Explanation, error) {
	if sub.PersonID != r.PersonID || len(r.Parts) != s.Lines() || len(sub.Indicators) != len(s.Indicators) ||
		len(sub.Bonuses) != len(s.Bonuses) || len(sub.Deductions) != len(s.Deductions) || len(sub.Vetoes) != len(s.Vetoes) {
		return Explanation{}, fault.New(fault.Invalid, "appraisal.subject.shape", r.PersonID)
	}
	x := Explanation{PersonID: r.PersonID, Rank: r.Rank, Total: r.Total, Lines: make([]Line, 0, s.Lines())}
	for j, in := range s.Indicators {
		m := sub.Indicators[j]
		x.Lines = append(x.Lines, Line{Kind: LineIndicator, Code: in.Code, Name: in.Name, Value: m.Value,
			Points: r.Parts[j], Evidence: m.Evidence})
	}
	at := len(s.Indicators)
	for j, it := range s.Bonuses {
		x.Lines = append(x.Lines, itemLine(LineBonus, it, sub.Bonuses[j], r.Parts[at+j]))
	}
	at += len(s.Bonuses)
	for j, it := range s.Deductions {
		x.Lines = append(x.Lines, itemLine(LineDeduction, it, sub.Deductions[j], r.Parts[at+j]))
	}
	for j, v := range s.Vetoes {
		if m := sub.Vetoes[j]; m.Value > 0 {
			x.Vetoes = append(x.Vetoes, VetoLine{Code: v.Code, Name: v.Name, Cap: v.Cap, Evidence: m.Evidence})
		}
	}
	return x, nil
}

func itemLine(kind LineKind, it Item, m Measured, p Points) Line {
	return Line{Kind: kind, Code: it.Code, Name: it.Name, Value: m.Value, Points: p, Evidence: m.Evidence}
}
