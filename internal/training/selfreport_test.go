package training

import (
	"testing"

	"zugong/internal/fault"
)

func report() SelfReport {
	return SelfReport{ID: "r1", PersonID: "p", Kind: Network, Title: "学习贯彻党的二十届四中全会精神专题网络培训",
		Start: d("2026-03-01"), End: d("2026-03-20"), Hours: HoursOf(30), Evidence: "证书 2026-001", Status: Submitted}
}

func TestSelfReportApproval(t *testing.T) {
	rv := Review{Reviewer: "单位审核人", On: d("2026-03-25"), Approve: true, Counts: true}

	r := report()
	if got := r.Credit(); got.Hours != 0 {
		t.Fatalf("a submitted report credits %s hours, want 0", got.Hours)
	}
	tally := tallyOf("2026-11-27", r.Credit())
	if got := tally.Sum(2026, 2026).Hours; got != 0 {
		t.Fatalf("pending report counted %s hours in the tally, want 0", got)
	}
	if _, err := ReviewByDepartment(&r, rv); !fault.Is(err, fault.Conflict) {
		t.Fatalf("department review before the unit: got %v, want a conflict", err)
	}
	if err := ReviewByUnit(&r, rv); err != nil {
		t.Fatal(err)
	}
	if got := r.Credit(); got.Hours != 0 {
		t.Fatalf("a unit-approved report credits %s hours, want 0 until the department approves", got.Hours)
	}
	c, err := ReviewByDepartment(&r, rv)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hours != HoursOf(30) || c.Online != HoursOf(30) || !c.Counts || c.On != d("2026-03-20") {
		t.Errorf("credit: got %+v", c)
	}

	rejected := report()
	err = ReviewByUnit(&rejected, Review{Reviewer: "x", On: d("2026-03-25")})
	if fe, ok := fault.As(err); !ok || fe.Fields["reason"].Key != "training.reject_reason_required" {
		t.Fatalf("rejection without reason: got %v", err)
	}
	if err := ReviewByUnit(&rejected, Review{Reviewer: "x", On: d("2026-03-25"), Reason: "证明材料不全"}); err != nil {
		t.Fatal(err)
	}
	if rejected.Status != Rejected || rejected.Credit().Hours != 0 {
		t.Errorf("rejected report: status %s credit %s", rejected.Status, rejected.Credit().Hours)
	}
}

func TestSelfReportValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(r *SelfReport)
		field  string
		key    string
	}{
		{"negative hours", func(r *SelfReport) { r.Hours = -10 }, "hours", "training.hours_negative"},
		{"zero hours", func(r *SelfReport) { r.Hours = 0 }, "hours", "training.hours_not_positive"},
		{"end before start", func(r *SelfReport) { r.End = d("2026-02-01") }, "end", "training.end_before_start"},
		{"no evidence", func(r *SelfReport) { r.Evidence = "" }, "evidence", "training.evidence_required"},
		{"more days than the span", func(r *SelfReport) { r.Days = 21 }, "days", "training.days_over_span"},
		{"ending after today", func(r *SelfReport) { r.End = d("2026-12-01") }, "end", "training.in_future"},
	}
	r := report()
	if err := r.Validate(d("2026-11-27")); err != nil {
		t.Fatalf("valid report refused: %v", err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := report()
			tc.change(&r)
			fe, ok := fault.As(r.Validate(d("2026-11-27")))
			if !ok || fe.Fields[tc.field].Key != tc.key {
				t.Fatalf("got %v, want %s on %s", r.Validate(d("2026-11-27")), tc.key, tc.field)
			}
		})
	}
}
