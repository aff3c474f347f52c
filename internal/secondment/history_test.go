package secondment

import (
	"testing"
)

// extended is down() extended once, returned early and assessed: a whole
// history that CheckHistory must accept.
func extended(t *testing.T) Secondment {
	t.Helper()
	s := down()
	if err := s.Extend(d("2027-08-31"), "村集体经济项目收尾", d("2027-01-10")); err != nil {
		t.Fatal(err)
	}
	if err := s.AssessMidTerm(Assessment{On: d("2026-03-01"), Grade: Excellent}); err != nil {
		t.Fatal(err)
	}
	if err := s.ReturnEarly(d("2027-06-30"), "提拔任职"); err != nil {
		t.Fatal(err)
	}
	if err := s.AssessEndOfTerm(Assessment{On: d("2027-07-10"), Grade: Competent}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCheckHistory(t *testing.T) {
	whole := extended(t)
	if err := whole.CheckHistory(); err != nil {
		t.Fatalf("a history made by the rules was refused: %v", err)
	}
	bare := down()
	if err := bare.CheckHistory(); err != nil {
		t.Fatalf("a secondment without history was refused: %v", err)
	}
	cases := []struct {
		name   string
		change func(s *Secondment)
		field  string
		key    string
	}{
		{"base end before start", func(s *Secondment) { s.Start = d("2027-03-01") }, "end", "secondment.end_not_after_start"},
		{"end edited after an extension", func(s *Secondment) { s.End = d("2027-12-31") }, "end", "secondment.end_set_by_extensions"},
		{"extension chain with a gap", func(s *Secondment) {
			s.Extensions = append(s.Extensions, Extension{From: d("2027-09-30"), To: d("2027-12-31"), Reason: "工作需要", Decided: d("2027-08-01")})
			s.End = d("2027-12-31")
		}, "end", "secondment.end_set_by_extensions"},
		{"extension without reason", func(s *Secondment) { s.Extensions[0].Reason = "" }, "extensions.0.reason", "secondment.reason_required"},
		{"return after the planned end", func(s *Secondment) { s.Return.On = d("2027-09-30") }, "return.on", "secondment.return_outside_term"},
		{"mid-term before the start", func(s *Secondment) { s.MidTerm.On = d("2025-01-01") }, "mid_term.on", "secondment.assessment_outside_term"},
		{"end-of-term long after the return", func(s *Secondment) { s.EndOfTerm.On = d("2028-01-31") }, "end_of_term.on", "secondment.final_assessment_timing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := extended(t)
			tc.change(&s)
			if got := fieldKey(t, s.CheckHistory(), tc.field); got != tc.key {
				t.Errorf("got %q, want %q", got, tc.key)
			}
		})
	}
}
