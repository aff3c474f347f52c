package appraisal

import "zugong/internal/fault"

// Measure names how an indicator's value is computed from evidence records.
// Each measure reads one kind; an indicator's Class narrows it further.
type Measure string

// The measures.
const (
	MeasureProjectInvestment Measure = "project_investment" // sum of projects' investment amounts
	MeasureProjectProgress   Measure = "project_progress"   // mean progress of projects, in %
	MeasureProjectsCompleted Measure = "projects_completed" // number of completed projects
	MeasureDealsSigned       Measure = "deals_signed"       // sum of deals' signed amounts
	MeasureFundsInPlace      Measure = "funds_in_place"     // sum of deals' funds in place
	MeasureAwards            Measure = "awards"             // number of awards
	MeasureCasesClosed       Measure = "cases_closed"       // number of cases closed
	MeasureAssessment        Measure = "assessment"         // mean democratic-assessment score
	MeasureSanctions         Measure = "sanctions"          // number of sanctions
	MeasureAccountability    Measure = "accountability"     // number of accountability outcomes
)

// aggregate is how a measure combines the records it selects.
type aggregate int

const (
	sum aggregate = iota
	mean
	count
)

// measureDef is the definition of one measure: the records of its kind it
// selects (counted is one for them: every record, or only completed
// projects) and, for sums and means, the field it adds up. The same
// definition measures records in Go and plans the sums a database adds up
// (Scheme.Sums), so the two cannot disagree.
type measureDef struct {
	kind     Kind
	agg      aggregate
	counted  Field
	quantity Field
}

var measures = map[Measure]measureDef{
	MeasureProjectInvestment: {kind: KindProject, agg: sum, quantity: FieldAmount},
	MeasureProjectProgress:   {kind: KindProject, agg: mean, quantity: FieldProgress},
	MeasureProjectsCompleted: {kind: KindProject, agg: count, counted: FieldCompleted},
	MeasureDealsSigned:       {kind: KindDeal, agg: sum, quantity: FieldAmount},
	MeasureFundsInPlace:      {kind: KindDeal, agg: sum, quantity: FieldInPlace},
	MeasureAwards:            {kind: KindAward, agg: count},
	MeasureCasesClosed:       {kind: KindCaseClosed, agg: count},
	MeasureAssessment:        {kind: KindAssessment, agg: mean, quantity: FieldScore},
	MeasureSanctions:         {kind: KindSanction, agg: count},
	MeasureAccountability:    {kind: KindAccountability, agg: count},
}

// Kind returns the evidence kind the measure reads, or "" for an unknown
// measure.
func (m Measure) Kind() Kind { return measures[m].kind }

// Valid reports whether m is a known measure.
func (m Measure) Valid() bool {
	_, ok := measures[m]
	return ok
}

// Measured is one measured quantity and the evidence records it came from.
type Measured struct {
	Value    Value
	Evidence []string
}

// Subject is one cadre of a peer group as the scoring sees them: the
// measured value of each indicator and the occurrences of each bonus,
// deduction and veto, every slice in the scheme's order. The occurrences of
// an item or veto are measured as a count: n occurrences are n×One, proved
// by the records listed.
type Subject struct {
	PersonID   string
	Indicators []Measured
	Bonuses    []Measured
	Deductions []Measured
	Vetoes     []Measured
}

// times is the number of occurrences m counts.
func (m Measured) times() int { return int(m.Value / One) }

// Measure builds a cadre's Subject from their evidence records: it keeps the
// signed-off records dated in the scheme's period and applies each
// indicator's measure and each item's selector. A record of another person
// or one that fails validation is an error, not silently skipped.
func (s *Scheme) Measure(personID string, evidence []Evidence) (Subject, error) {
	counted := make([]*Evidence, 0, len(evidence))
	for i := range evidence {
		e := &evidence[i]
		if err := e.Validate(); err != nil {
			return Subject{}, err
		}
		if e.PersonID != personID {
			return Subject{}, fault.New(fault.Invalid, "appraisal.evidence.other_person", e.ID)
		}
		if e.Counts() && s.Period.Contains(e.Date) {
			counted = append(counted, e)
		}
	}
	sub := Subject{
		PersonID:   personID,
		Indicators: make([]Measured, len(s.Indicators)),
		Bonuses:    occurrences(s.Bonuses, counted),
		Deductions: occurrences(s.Deductions, counted),
		Vetoes:     make([]Measured, len(s.Vetoes)),
	}
	for i, in := range s.Indicators {
		sub.Indicators[i] = measure(in, counted)
	}
	for i, v := range s.Vetoes {
		sub.Vetoes[i] = occurred(v.Kind, v.Class, counted)
	}
	return sub, nil
}

func measure(in Indicator, evidence []*Evidence) Measured {
	def := measures[in.Measure]
	var m Measured
	var total Value
	for _, e := range evidence {
		if !matches(def.kind, in.Class, e) || def.counted.of(e) == 0 {
			continue
		}
		m.Evidence = append(m.Evidence, e.ID)
		if def.agg != count {
			total += def.quantity.of(e)
		}
	}
	m.Value = def.combine(int64(len(m.Evidence)), total)
	return m
}

// combine is the measure's value of n selected records whose quantities
// add up to total.
func (def *measureDef) combine(n int64, total Value) Value {
	switch {
	case def.agg == count:
		return Value(n) * One
	case def.agg == mean && n > 0:
		// Half up, as every rounding in the package.
		return (total + Value(n)/2) / Value(n)
	case def.agg == sum:
		return total
	}
	return 0
}

func occurrences(items []Item, evidence []*Evidence) []Measured {
	out := make([]Measured, len(items))
	for i, it := range items {
		out[i] = occurred(it.Kind, it.Class, evidence)
	}
	return out
}

// occurred counts the records of a kind and class selector.
func occurred(kind Kind, class string, evidence []*Evidence) Measured {
	var m Measured
	for _, e := range evidence {
		if matches(kind, class, e) {
			m.Evidence = append(m.Evidence, e.ID)
		}
	}
	m.Value = Value(len(m.Evidence)) * One
	return m
}
