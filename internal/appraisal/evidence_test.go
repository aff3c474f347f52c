package appraisal

import (
	"slices"
	"testing"

	"zugong/internal/civil"
)

// TestKindsAreExactlyTheEvidenceRecords pins the accepted kinds to the
// records of outcomes. Adding a kind means changing this list on purpose;
// a kind for app activity must never appear in it.
func TestKindsAreExactlyTheEvidenceRecords(t *testing.T) {
	want := []Kind{"project", "investment_deal", "award", "case_closed", "democratic_assessment",
		"disciplinary_sanction", "accountability"}
	got := Kinds()
	if !slices.Equal(got, want) {
		t.Fatalf("got kinds %v, want exactly %v", got, want)
	}
	for _, k := range want {
		if !k.Valid() {
			t.Errorf("kind %q refused, want accepted", k)
		}
	}
}

func TestActivityKindsRefused(t *testing.T) {
	for _, k := range []Kind{"login", "online_time", "like", "share", "vote", "study_time", "check_in", "points", "", "Project"} {
		t.Run(string(k), func(t *testing.T) {
			if k.Valid() {
				t.Fatalf("kind %q accepted, want refused", k)
			}
			e := ev("e1", k, "2025-03-01", nil)
			if got := fieldKeys(t, e.Validate()); got != "kind=appraisal.evidence.kind_unknown" {
				t.Errorf("got %q, want kind=appraisal.evidence.kind_unknown", got)
			}
		})
	}
}

func TestKindsReturnsACopy(t *testing.T) {
	Kinds()[0] = "login"
	if Kind("login").Valid() {
		t.Fatal("changing the returned slice changed the accepted kinds")
	}
}

func TestEvidenceValidate(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*Evidence)
		want string
	}{
		{"valid", nil, ""},
		{"attachment instead of a document number", func(e *Evidence) { e.DocumentNo, e.Attachment = "", "scan-1" }, ""},
		{"not yet signed off", func(e *Evidence) { e.SignOff = SignOff{} }, ""},
		{"no proof", func(e *Evidence) { e.DocumentNo = " " }, "document_no=appraisal.evidence.proof_required"},
		{"no ID", func(e *Evidence) { e.ID = "" }, "id=field.required"},
		{"no person", func(e *Evidence) { e.PersonID = "" }, "person_id=field.required"},
		{"no date", func(e *Evidence) { e.Date = civil.Date{} }, "date=field.required"},
		{"negative amount", func(e *Evidence) { e.Amount = -1 }, "amount=appraisal.negative"},
		{"negative funds in place", func(e *Evidence) { e.InPlace = -1 }, "in_place=appraisal.negative"},
		{"progress over 100", func(e *Evidence) { e.Progress = 100*One + 1 }, "progress=appraisal.evidence.progress_over_100"},
		{"reviewer without date", func(e *Evidence) { e.SignOff.On = civil.Date{} }, "sign_off=appraisal.evidence.sign_off_incomplete"},
		{"date without reviewer", func(e *Evidence) { e.SignOff.Reviewer = "" }, "sign_off=appraisal.evidence.sign_off_incomplete"},
		{"signed before the outcome", func(e *Evidence) { e.SignOff.On = date("2025-02-28") },
			"sign_off.on=appraisal.evidence.signed_before_date"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			e := ev("e1", KindProject, "2025-03-01", tt.mod)
			if got := fieldKeys(t, e.Validate()); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEvidenceCountsOnlyWhenSignedOff(t *testing.T) {
	cases := []struct {
		name string
		sign SignOff
		want bool
	}{
		{"signed off", SignOff{Reviewer: "r1", On: date("2025-03-04")}, true},
		{"no sign-off", SignOff{}, false},
		{"reviewer only", SignOff{Reviewer: "r1"}, false},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			e := ev("e1", KindAward, "2025-03-01", func(e *Evidence) { e.SignOff = tt.sign })
			if got := e.Counts(); got != tt.want {
				t.Errorf("got counts %v, want %v", got, tt.want)
			}
		})
	}
}
