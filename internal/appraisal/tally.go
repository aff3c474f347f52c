package appraisal

import "zugong/internal/fault"

// Tally is the sums of one person's counted records of one kind and class:
// what a database can add up per person without knowing any scheme, so
// that scoring a million cadres reads a few tallies each instead of every
// record. Which measure reads which sum stays here, in measureDef.
type Tally struct {
	PersonID string
	Kind     Kind
	Class    string
	// Records is the number of records; Completed the number of them that
	// are completed projects.
	Records   int64
	Completed int64
	Amount    Value
	InPlace   Value
	Progress  Value
	Score     Value
}

// Add adds a record to the tally of its person, kind and class.
func (t *Tally) Add(e *Evidence) {
	t.Records++
	if e.Completed {
		t.Completed++
	}
	t.Amount += e.Amount
	t.InPlace += e.InPlace
	t.Progress += e.Progress
	t.Score += e.Score
}

// MeasureTallies builds a cadre's Subject from tallies of the records that
// count: signed off and dated in the scheme's period, which the caller
// selects (Measure applies the same rule to records). The values equal
// Measure's on those records, but no value lists its records: an
// explanation measures the cadre's records with Measure. A tally of another
// person or of an unknown kind is an error.
func (s *Scheme) MeasureTallies(personID string, tallies []Tally) (Subject, error) {
	for i := range tallies {
		t := &tallies[i]
		if t.PersonID != personID {
			return Subject{}, fault.New(fault.Invalid, "appraisal.evidence.other_person", t.PersonID)
		}
		if !t.Kind.Valid() {
			return Subject{}, fault.New(fault.Invalid, "appraisal.evidence.kind_unknown", string(t.Kind))
		}
	}
	sub := Subject{
		PersonID:   personID,
		Indicators: make([]Measured, len(s.Indicators)),
		Bonuses:    make([]Measured, len(s.Bonuses)),
		Deductions: make([]Measured, len(s.Deductions)),
		Vetoes:     make([]Measured, len(s.Vetoes)),
	}
	for i, in := range s.Indicators {
		sub.Indicators[i] = measureTallies(in, tallies)
	}
	for i, it := range s.Bonuses {
		sub.Bonuses[i] = countTallies(it.Kind, it.Class, tallies)
	}
	for i, it := range s.Deductions {
		sub.Deductions[i] = countTallies(it.Kind, it.Class, tallies)
	}
	for i, v := range s.Vetoes {
		sub.Vetoes[i] = countTallies(v.Kind, v.Class, tallies)
	}
	return sub, nil
}

func measureTallies(in Indicator, tallies []Tally) Measured {
	def := measures[in.Measure]
	var n int64
	var total Value
	for i := range tallies {
		t := &tallies[i]
		if !t.matches(def.kind, in.Class) {
			continue
		}
		k, v := def.tallied(t)
		n += k
		total += v
	}
	return Measured{Value: def.combine(n, total)}
}

func countTallies(kind Kind, class string, tallies []Tally) Measured {
	var n int64
	for i := range tallies {
		if tallies[i].matches(kind, class) {
			n += tallies[i].Records
		}
	}
	return Measured{Value: Value(n) * One}
}

// matches reports whether t tallies occurrences of a kind and class selector.
func (t *Tally) matches(kind Kind, class string) bool {
	return t.Kind == kind && (class == "" || t.Class == class)
}
