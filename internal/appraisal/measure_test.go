package appraisal

import (
	"slices"
	"testing"

	"zugong/internal/fault"
)

func evidenceOfP1() []Evidence {
	return []Evidence{
		ev("pr1", KindProject, "2025-03-01", func(e *Evidence) { e.Amount, e.Progress, e.Completed = 1200*One, 100*One, true }),
		ev("pr2", KindProject, "2025-06-01", func(e *Evidence) { e.Amount, e.Progress = 800*One, 50*One }),
		ev("pr3", KindProject, "2024-12-31", func(e *Evidence) { e.Amount, e.Completed = 9999*One, true }),
		ev("pr4", KindProject, "2025-07-01", func(e *Evidence) { e.Amount, e.Completed, e.SignOff = 9999*One, true, SignOff{} }),
		ev("d1", KindDeal, "2025-04-01", func(e *Evidence) { e.Amount, e.InPlace = 6000*One, 2500*One }),
		ev("d2", KindDeal, "2025-09-01", func(e *Evidence) { e.Amount, e.InPlace = 3000*One, 1000*One }),
		ev("a1", KindAward, "2025-05-01", func(e *Evidence) { e.Class = "provincial" }),
		ev("a2", KindAward, "2025-05-02", func(e *Evidence) { e.Class = "county" }),
		ev("c1", KindCaseClosed, "2025-08-01", nil),
		ev("as1", KindAssessment, "2025-12-20", func(e *Evidence) { e.Class, e.Score = "de", 9250 }),
		ev("as2", KindAssessment, "2025-12-20", func(e *Evidence) { e.Class, e.Score = "de", 8800 }),
		ev("as3", KindAssessment, "2025-12-20", func(e *Evidence) { e.Class, e.Score = "neng", 8000 }),
		ev("x1", KindAccountability, "2025-10-01", nil),
		ev("s1", KindSanction, "2025-11-01", nil),
	}
}

func TestMeasure(t *testing.T) {
	s := testScheme()
	sub, err := s.Measure("p1", evidenceOfP1())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Measured{
		"P1": {100, []string{"pr1"}},               // completed, signed, in period
		"P2": {2000 * One, []string{"pr1", "pr2"}}, // pr3 out of period, pr4 unsigned
		"I1": {3500 * One, []string{"d1", "d2"}},   // sum of funds in place
		"I2": {9000 * One, []string{"d1", "d2"}},   // sum of signed amounts
		"D1": {1 * One, []string{"c1"}},            // count
		"C1": {2 * One, []string{"a1", "a2"}},      // every award level
		"E1": {9025, []string{"as1", "as2"}},       // mean of the de dimension
		"E2": {1 * One, []string{"x1"}},            // accountability count
		"E3": {8000, []string{"as3"}},              // the neng dimension only
	}
	for j, in := range s.Indicators {
		t.Run(in.Code, func(t *testing.T) {
			got, w := sub.Indicators[j], want[in.Code]
			if got.Value != w.Value || !slices.Equal(got.Evidence, w.Evidence) {
				t.Errorf("got %s from %v, want %s from %v", got.Value, got.Evidence, w.Value, w.Evidence)
			}
		})
	}
	items := []struct {
		name string
		got  []string
		want []string
	}{
		{"provincial award bonus", sub.Bonuses[0].Evidence, []string{"a1"}},
		{"accountability deduction", sub.Deductions[0].Evidence, []string{"x1"}},
		{"sanction veto", sub.Vetoes[0].Evidence, []string{"s1"}},
	}
	for _, it := range items {
		t.Run(it.name, func(t *testing.T) {
			if !slices.Equal(it.got, it.want) {
				t.Errorf("got %v, want %v", it.got, it.want)
			}
		})
	}
}

func TestMeasureMeanRoundsHalfUp(t *testing.T) {
	s := testScheme()
	evs := []Evidence{
		ev("as1", KindAssessment, "2025-12-20", func(e *Evidence) { e.Class, e.Score = "de", 1 }),
		ev("as2", KindAssessment, "2025-12-20", func(e *Evidence) { e.Class, e.Score = "de", 2 }),
	}
	sub, err := s.Measure("p1", evs)
	if err != nil {
		t.Fatal(err)
	}
	if got := sub.Indicators[6].Value; got != 2 {
		t.Errorf("got mean %d hundredths, want 2", got)
	}
}

func TestMeasureRefuses(t *testing.T) {
	cases := []struct {
		name string
		e    Evidence
		want string
	}{
		{"another person's record", ev("o1", KindAward, "2025-05-01", func(e *Evidence) { e.PersonID = "p2" }),
			"appraisal.evidence.other_person"},
		{"an activity record", ev("l1", "login", "2025-05-01", nil), "error.invalid"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s := testScheme()
			_, err := s.Measure("p1", []Evidence{tt.e})
			if !fault.Is(err, fault.Invalid) || keyOf(err) != tt.want {
				t.Errorf("got %v, want an invalid fault %s", err, tt.want)
			}
		})
	}
}

func TestEveryMeasureReadsAnEvidenceKind(t *testing.T) {
	for m, def := range measures {
		t.Run(string(m), func(t *testing.T) {
			if !def.kind.Valid() {
				t.Errorf("got kind %q, want an evidence kind", def.kind)
			}
			if m.Kind() != def.kind {
				t.Errorf("got %q, want %q", m.Kind(), def.kind)
			}
		})
	}
}
