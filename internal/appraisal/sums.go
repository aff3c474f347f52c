package appraisal

import "fmt"

// Field is a quantity of an evidence record that measures add up.
type Field uint8

// The fields. FieldRecords is the zero value: a measure counts every
// record of its kind unless it says otherwise.
const (
	FieldRecords   Field = iota // 1 for every record
	FieldCompleted              // 1 for a completed project
	FieldAmount
	FieldInPlace
	FieldProgress
	FieldScore
)

// of is the record's share of a sum of the field: 1 or 0 for the counting
// fields, the value itself for the others.
func (f Field) of(e *Evidence) Value {
	switch f {
	case FieldRecords:
		return 1
	case FieldCompleted:
		if e.Completed {
			return 1
		}
		return 0
	case FieldAmount:
		return e.Amount
	case FieldInPlace:
		return e.InPlace
	case FieldProgress:
		return e.Progress
	case FieldScore:
		return e.Score
	}
	return 0
}

// Sum is one quantity added up over a person's counted records: a field of
// the records of a kind, of one class when Class is set.
type Sum struct {
	Kind  Kind
	Class string
	Field Field
}

// Sums is the plan for measuring a scheme's cadres from sums that a
// database adds up per person, so that ranking a million cadres reads one
// row per cadre instead of every record. List holds the distinct sums the
// scheme's lines read, in the order Measure takes their values. No value
// keeps the IDs of its records: an explanation measures the records again.
type Sums struct {
	List       []Sum
	indicators []indicatorSums
	bonuses    []int
	deductions []int
	vetoes     []int
}

// indicatorSums locates an indicator's sums in Sums.List: the number of
// records it selects and the total of its quantity, -1 where its aggregate
// does not read one.
type indicatorSums struct {
	def          measureDef
	count, total int
}

// Sums plans the sums that measure the scheme's lines.
func (s *Scheme) Sums() *Sums {
	p := &Sums{
		indicators: make([]indicatorSums, len(s.Indicators)),
		bonuses:    make([]int, len(s.Bonuses)),
		deductions: make([]int, len(s.Deductions)),
		vetoes:     make([]int, len(s.Vetoes)),
	}
	for i, in := range s.Indicators {
		def := measures[in.Measure]
		at := indicatorSums{def: def, count: -1, total: -1}
		if def.agg != sum {
			at.count = p.index(Sum{Kind: def.kind, Class: in.Class, Field: def.counted})
		}
		if def.agg != count {
			at.total = p.index(Sum{Kind: def.kind, Class: in.Class, Field: def.quantity})
		}
		p.indicators[i] = at
	}
	for i, it := range s.Bonuses {
		p.bonuses[i] = p.index(Sum{Kind: it.Kind, Class: it.Class})
	}
	for i, it := range s.Deductions {
		p.deductions[i] = p.index(Sum{Kind: it.Kind, Class: it.Class})
	}
	for i, v := range s.Vetoes {
		p.vetoes[i] = p.index(Sum{Kind: v.Kind, Class: v.Class})
	}
	return p
}

// index returns the position of sum in the list, adding it when new.
func (p *Sums) index(sum Sum) int {
	for i, have := range p.List {
		if have == sum {
			return i
		}
	}
	p.List = append(p.List, sum)
	return len(p.List) - 1
}

// Measure builds a cadre's Subject from the values of the planned sums
// over their counted records: signed off and dated in the scheme's period,
// which the caller selects (Scheme.Measure applies the same rule to
// records). values[i] is the sum of List[i]; the values equal Measure's on
// those records.
func (p *Sums) Measure(personID string, values []Value) (Subject, error) {
	if len(values) != len(p.List) {
		return Subject{}, fmt.Errorf("measure %s: %d sums, the scheme reads %d", personID, len(values), len(p.List))
	}
	sub := Subject{
		PersonID:   personID,
		Indicators: make([]Measured, len(p.indicators)),
		Bonuses:    p.occurrences(p.bonuses, values),
		Deductions: p.occurrences(p.deductions, values),
		Vetoes:     p.occurrences(p.vetoes, values),
	}
	for i, at := range p.indicators {
		var n int64
		var total Value
		if at.count >= 0 {
			n = int64(values[at.count])
		}
		if at.total >= 0 {
			total = values[at.total]
		}
		sub.Indicators[i] = Measured{Value: at.def.combine(n, total)}
	}
	return sub, nil
}

// occurrences reads the record counts of items.
func (p *Sums) occurrences(at []int, values []Value) []Measured {
	out := make([]Measured, len(at))
	for i, j := range at {
		out[i] = Measured{Value: values[j] * One}
	}
	return out
}
