package appraisal

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// everyMeasureScheme is testScheme with an indicator for each measure it
// lacks, so that a comparison covers every measure.
func everyMeasureScheme() Scheme {
	s := testScheme()
	for _, m := range []Measure{MeasureProjectProgress, MeasureSanctions} {
		s.Indicators = append(s.Indicators, Indicator{Code: string(m), Measure: m, Method: Linear, Target: One})
	}
	return s
}

// sumsOf adds up the planned sums over the records that count under s, as
// the store's query does.
func sumsOf(s *Scheme, p *Sums, evidence []Evidence) []Value {
	out := make([]Value, len(p.List))
	for i := range evidence {
		e := &evidence[i]
		if !e.Counts() || !s.Period.Contains(e.Date) {
			continue
		}
		for j, sum := range p.List {
			if e.Kind == sum.Kind && (sum.Class == "" || e.Class == sum.Class) {
				out[j] += sum.Field.of(e)
			}
		}
	}
	return out
}

// randomEvidence makes n records of p1 of random kinds, classes, amounts,
// dates and sign-offs.
func randomEvidence(r *rand.Rand, n int) []Evidence {
	classes := []string{"", "de", "neng", "provincial", "county"}
	days := []string{"2024-12-31", "2025-01-01", "2025-06-30", "2025-12-31", "2026-01-01"}
	out := make([]Evidence, n)
	for i := range out {
		out[i] = ev(fmt.Sprintf("r%d", i), kinds[r.IntN(len(kinds))], days[r.IntN(len(days))], func(e *Evidence) {
			e.Class = classes[r.IntN(len(classes))]
			e.Amount, e.InPlace, e.Score = Value(r.IntN(1e6)), Value(r.IntN(1e5)), Value(r.IntN(10001))
			e.Progress, e.Completed = Value(r.IntN(10001)), r.IntN(3) == 0
			if r.IntN(5) == 0 {
				e.SignOff = SignOff{}
			}
		})
	}
	return out
}

func TestMeasureSumsEqualsMeasure(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	cases := []struct {
		name     string
		evidence []Evidence
	}{
		{"no records measures zero", nil},
		{"the measure fixture gives the same values", evidenceOfP1()},
		{"a mean rounds half up the same way", []Evidence{
			ev("as1", KindAssessment, "2025-12-20", func(e *Evidence) { e.Class, e.Score = "de", 1 }),
			ev("as2", KindAssessment, "2025-12-20", func(e *Evidence) { e.Class, e.Score = "de", 2 }),
		}},
		{"records of several classes add up for a classless selector", []Evidence{
			ev("a1", KindAward, "2025-05-01", func(e *Evidence) { e.Class = "provincial" }),
			ev("a2", KindAward, "2025-05-01", func(e *Evidence) { e.Class = "county" }),
			ev("a3", KindAward, "2025-05-01", func(e *Evidence) { e.Class = "provincial" }),
		}},
		{"forty random records give the same values", randomEvidence(r, 40)},
		{"four hundred random records give the same values", randomEvidence(r, 400)},
	}
	s := everyMeasureScheme()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			want, err := s.Measure("p1", tt.evidence)
			if err != nil {
				t.Fatal(err)
			}
			p := s.Sums()
			got, err := p.Measure("p1", sumsOf(&s, p, tt.evidence))
			if err != nil {
				t.Fatal(err)
			}
			if g, w := values(got), values(want); !slices.Equal(g, w) {
				t.Errorf("got values %v, want %v", g, w)
			}
		})
	}
}

// values lists a subject's measured values: indicators, bonuses,
// deductions and vetoes in the scheme's order.
func values(sub Subject) []Value {
	var out []Value
	for _, ms := range [][]Measured{sub.Indicators, sub.Bonuses, sub.Deductions, sub.Vetoes} {
		for _, m := range ms {
			out = append(out, m.Value)
		}
	}
	return out
}

func TestSumsAreDistinct(t *testing.T) {
	s := testScheme()
	want := len(s.Sums().List)
	// Two indicators of the same measure and class, and a deduction that
	// counts what an indicator counts, read the same sums.
	s.Indicators = append(s.Indicators, s.Indicators[0])
	s.Deductions = append(s.Deductions, Item{Code: "X9", Kind: KindAccountability, Per: One, Cap: One})
	p := s.Sums()
	if len(p.List) != want {
		t.Errorf("a scheme with repeated lines reads %d sums, want the %d of the lines it repeats: %+v", len(p.List), want, p.List)
	}
	if _, err := p.Measure("p1", make([]Value, len(p.List)+1)); err == nil {
		t.Error("Measure took more values than the scheme reads")
	}
}
