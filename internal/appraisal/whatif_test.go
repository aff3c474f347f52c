package appraisal

import (
	"fmt"
	"strings"
	"testing"
)

// twoScheme weighs cases closed and awards 50:50, each linear to 100.
func twoScheme() Scheme {
	s := oneScheme(Linear, HigherBetter)
	s.Indicators[0].Weight = 50_00
	b := s.Indicators[0]
	b.Code, b.Name, b.Measure = "B", "B2", MeasureAwards
	s.Bonuses[0].Code = "X"
	s.Indicators = append(s.Indicators, b)
	return s
}

func twoSubject(id string, a, b Value) Subject {
	return Subject{PersonID: id, Indicators: []Measured{{Value: a}, {Value: b}}, Bonuses: []Measured{{}}, Vetoes: []Measured{{}}}
}

func TestWhatIf(t *testing.T) {
	s := twoScheme()
	subs := []Subject{twoSubject("x", 100*One, 0), twoSubject("y", 0, 80*One), twoSubject("z", 60*One, 60*One)}
	moves, err := s.WhatIf([]WeightChange{{Code: "A", Weight: 20_00}, {Code: "B", Weight: 80_00}}, subs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range moves {
		got = append(got, fmt.Sprintf("%s %d→%d %+d %s→%s", m.PersonID, m.OldRank, m.NewRank, m.Delta, m.OldTotal, m.NewTotal))
	}
	want := "y 3→1 +2 40.00→64.00|z 1→2 -1 60.00→60.00|x 2→3 -1 50.00→20.00"
	if strings.Join(got, "|") != want {
		t.Errorf("got %s, want %s", strings.Join(got, "|"), want)
	}
	if s.Indicators[0].Weight != 50_00 || s.Indicators[1].Weight != 50_00 {
		t.Errorf("got weights %s and %s after the what-if, want the scheme unchanged at 50.00", s.Indicators[0].Weight, s.Indicators[1].Weight)
	}
}

func TestWhatIfRefuses(t *testing.T) {
	cases := []struct {
		name    string
		changes []WeightChange
		want    string
	}{
		{"an unknown indicator", []WeightChange{{Code: "Q", Weight: 10_00}}, "changes.0.code=appraisal.whatif.unknown_code"},
		{"weights not adding up to 100", []WeightChange{{Code: "A", Weight: 60_00}}, "indicators=appraisal.scheme.weights_total"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s := twoScheme()
			_, err := s.WhatIf(tt.changes, []Subject{twoSubject("x", 1, 1)})
			if got := fieldKeys(t, err); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
