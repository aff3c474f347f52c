package appraisal

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"zugong/internal/fault"
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

// talliesOf tallies the records that count under s by kind and class, as
// the store's query does.
func talliesOf(s *Scheme, personID string, evidence []Evidence) []Tally {
	var out []Tally
	for i := range evidence {
		e := &evidence[i]
		if !e.Counts() || !s.Period.Contains(e.Date) {
			continue
		}
		at := slices.IndexFunc(out, func(t Tally) bool { return t.Kind == e.Kind && t.Class == e.Class })
		if at < 0 {
			out = append(out, Tally{PersonID: personID, Kind: e.Kind, Class: e.Class})
			at = len(out) - 1
		}
		out[at].Add(e)
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

func TestMeasureTalliesEqualsMeasure(t *testing.T) {
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
			got, err := s.MeasureTallies("p1", talliesOf(&s, "p1", tt.evidence))
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

func TestMeasureTalliesRefuses(t *testing.T) {
	cases := []struct {
		name  string
		tally Tally
		want  string
	}{
		{"another person's tally", Tally{PersonID: "p2", Kind: KindAward, Records: 1}, "appraisal.evidence.other_person"},
		{"a tally of an activity kind", Tally{PersonID: "p1", Kind: "login", Records: 1}, "appraisal.evidence.kind_unknown"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s := testScheme()
			_, err := s.MeasureTallies("p1", []Tally{tt.tally})
			if !fault.Is(err, fault.Invalid) || keyOf(err) != tt.want {
				t.Errorf("got %v, want an invalid fault %s", err, tt.want)
			}
		})
	}
}
