package appraisal

import (
	"zugong/internal/fault"
	"zugong/internal/person"
)

// Ranking is a scored and ranked peer group: what the department publishes.
// It records the scheme and version it used.
type Ranking struct {
	SchemeID      string
	SchemeVersion int
	// Scaled reports whether totals were scaled so that the best is 100.00.
	Scaled bool
	// Results are in rank order, ties in the deterministic tie order.
	Results []Result
}

// Result is one cadre's score and rank.
type Result struct {
	PersonID string
	// Subject is the position of the cadre's Subject in the scored slice;
	// it finds the values and evidence behind Parts.
	Subject int
	// Rank is the competition rank (1, 2, 2, 4) within the group.
	Rank  int
	Total Points
	// Parts holds the points of each indicator, bonus item and deduction
	// item, in the scheme's order; deductions are negative. They add up to
	// Total exactly.
	Parts []Points
	// Vetoes lists the codes of the vetoes the cadre incurred.
	Vetoes []string
	// Cap is the lowest grade cap of those vetoes, "" without a veto.
	Cap person.AssessmentGrade
}

// Vetoed reports whether the cadre incurred a one-vote veto.
func (r *Result) Vetoed() bool { return len(r.Vetoes) > 0 }

// ScoreGroup scores and ranks a whole peer group in one call: the parts of
// every cadre, the group-relative parts of Ranked indicators, the optional
// scaling and the competition ranks (doc.go describes the model). The
// parts of all cadres share one allocation, so a group of a million costs a
// handful of allocations beyond the results themselves.
func (s *Scheme) ScoreGroup(subjects []Subject) (*Ranking, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := s.checkSubjects(subjects); err != nil {
		return nil, err
	}
	k := s.Lines()
	parts := make([]Points, len(subjects)*k)
	totals := make([]Points, len(subjects))
	s.absoluteParts(subjects, parts)
	s.rankedParts(subjects, parts)
	var best Points
	for i := range subjects {
		var t Points
		for _, p := range parts[i*k : (i+1)*k] {
			t += p
		}
		totals[i] = t
		if i == 0 || t > best {
			best = t
		}
	}
	scaled := s.Scale && best > 0
	if scaled {
		scaleGroup(parts, totals, k, best)
	}
	rk := &Ranking{SchemeID: s.ID, SchemeVersion: s.Version, Scaled: scaled}
	rk.Results = s.rank(subjects, parts, totals)
	return rk, nil
}

// checkSubjects refuses subjects that do not fit the scheme or share a
// person: either would rank someone on another's evidence.
func (s *Scheme) checkSubjects(subjects []Subject) error {
	for i := range subjects {
		sub := &subjects[i]
		if sub.PersonID == "" || len(sub.Indicators) != len(s.Indicators) || len(sub.Bonuses) != len(s.Bonuses) ||
			len(sub.Deductions) != len(s.Deductions) || len(sub.Vetoes) != len(s.Vetoes) {
			return fault.New(fault.Invalid, "appraisal.subject.shape", sub.PersonID)
		}
	}
	if id, dup := duplicatePerson(subjects); dup {
		return fault.New(fault.Invalid, "appraisal.subject.duplicate", id)
	}
	return nil
}

// absoluteParts fills the parts that depend on the cadre alone: Linear and
// Banded indicators, bonuses and deductions.
func (s *Scheme) absoluteParts(subjects []Subject, parts []Points) {
	k := s.Lines()
	nb := len(s.Bonuses)
	ni := len(s.Indicators)
	for i := range subjects {
		sub := &subjects[i]
		row := parts[i*k : (i+1)*k]
		for j := range s.Indicators {
			in := &s.Indicators[j]
			if in.Method != Ranked {
				row[j] = in.part(sub.Indicators[j].Value)
			}
		}
		for j := range s.Bonuses {
			row[ni+j] = s.Bonuses[j].points(sub.Bonuses[j].times())
		}
		for j := range s.Deductions {
			row[ni+nb+j] = -s.Deductions[j].points(sub.Deductions[j].times())
		}
	}
}

// part is the points value v earns under a Linear or Banded indicator.
func (in *Indicator) part(v Value) Points {
	switch in.Method {
	case Linear:
		if in.Direction == LowerBetter {
			return share(in.Weight, int64(in.Zero-v), int64(in.Zero-in.Target))
		}
		return share(in.Weight, int64(v-in.Zero), int64(in.Target-in.Zero))
	case Banded:
		return share(in.Weight, in.bandPercent(v), 100)
	}
	return 0
}

// bandPercent is the percent of the best band v reaches, 0 for none.
func (in *Indicator) bandPercent(v Value) int64 {
	if in.Direction == LowerBetter {
		for _, b := range in.Bands {
			if v <= b.Limit {
				return b.Percent
			}
		}
		return 0
	}
	for i := len(in.Bands) - 1; i >= 0; i-- {
		if v >= in.Bands[i].Limit {
			return in.Bands[i].Percent
		}
	}
	return 0
}

// points is what n occurrences of the item give: Per each, at most Cap.
func (it *Item) points(n int) Points {
	if n <= 0 {
		return 0
	}
	// Compared by division so that a huge count cannot overflow.
	if int64(n) > int64(it.Cap/it.Per) {
		return it.Cap
	}
	return Points(n) * it.Per
}

// vetoes returns the codes of the vetoes the subject incurred and the
// lowest grade cap among them.
func (s *Scheme) vetoes(sub *Subject) ([]string, person.AssessmentGrade) {
	var codes []string
	var lowest person.AssessmentGrade
	for j, v := range s.Vetoes {
		if sub.Vetoes[j].Value == 0 {
			continue
		}
		codes = append(codes, v.Code)
		if lowest == "" || gradeOrder(v.Cap) > gradeOrder(lowest) {
			lowest = v.Cap
		}
	}
	return codes, lowest
}
