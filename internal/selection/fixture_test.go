package selection

import (
	"fmt"
	"slices"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/workday"
)

func d(s string) civil.Date { return civil.MustParse(s) }

func calendar(t *testing.T) workday.Calendar {
	t.Helper()
	c, err := workday.New()
	if err != nil {
		t.Fatalf("workday.New: %v", err)
	}
	return c
}

func rec(date string) Record {
	return Record{Date: d(date), Organ: "org-county-committee", By: "staff-1", Reference: "正组〔2025〕1号"}
}

func subject(id string) Subject {
	return Subject{
		PersonID:               id,
		Findings:               "政治素质好，工作实绩突出。",
		Dossier:                DossierAudit{AuditedOn: d("2025-03-28")},
		PersonalMattersChecked: true,
		DisciplineOpinion:      "未发现影响使用的问题。",
		IntegritySigned:        true,
		IntegritySigner:        "disc-1",
	}
}

// happy returns, fresh on each call, a selection's steps that all pass:
// one post, two candidates, p1 passes and is appointed on probation.
// Decided on Thursday 2025-09-25, the publicity opens Friday 09-26 and so
// runs through 10-09 across the National Day holiday.
func happy() []Step {
	return []Step{
		Motion{Record: rec("2025-03-03"), WorkPlan: "乡党委书记选任工作方案", Posts: 1, Approved: 3, Occupied: 2},
		Recommendation{Record: rec("2025-03-10"), Participants: 40, Nominees: []Nominee{
			{PersonID: "p1", Votes: 30}, {PersonID: "p2", Votes: 25},
		}},
		Inspection{Record: rec("2025-04-01"), NoticeDate: d("2025-03-25"), Subjects: []Subject{subject("p1"), subject("p2")}},
		Deliberation{Record: rec("2025-09-10"), Consultation: "与县委书记、县长酝酿，均无不同意见。"},
		Decision{Record: rec("2025-09-25"), Due: 9, Present: 7, Ballots: []Ballot{
			{PersonID: "p1", Agree: 6, Disagree: 1},
		}},
		Publicity{Record: rec("2025-09-25"), Start: d("2025-09-26"), Candidates: []string{"p1"},
			Phone: "0396-8911234", Address: "正阳县真阳街道县委大院"},
		Appointment{Record: rec("2025-10-10"), Appointees: []Appointee{
			{PersonID: "p1", TalkDate: d("2025-10-10"), TalkBy: "leader-1", Leading: true},
		}},
		ProbationReview{Record: rec("2026-10-12"), Outcomes: []ProbationOutcome{
			{PersonID: "p1", Result: Confirm, Assessment: "胜任现职"},
		}},
	}
}

// stepAt returns the happy step of stage st.
func stepAt(st Stage) Step { return happy()[slices.Index(Stages, st)] }

// upTo returns a selection that has recorded the happy steps through
// stage last (none for StageNone).
func upTo(t *testing.T, last Stage) *Selection {
	t.Helper()
	s := &Selection{ID: "sel-1", OrgID: "org-town", Post: "乡党委书记"}
	cal := calendar(t)
	for _, step := range happy() {
		if last == StageNone {
			break
		}
		if err := s.Apply(step, cal); err != nil {
			t.Fatalf("apply %s: %v", step.Stage(), err)
		}
		if step.Stage() == last {
			break
		}
	}
	return s
}

// wantConflict fails unless err is a fault.Conflict with key and args.
func wantConflict(t *testing.T, err error, key string, args ...any) {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Conflict || e.Key != key {
		t.Fatalf("got %v, want conflict %s", err, key)
	}
	if got, want := fmt.Sprintf("%v", e.Args), fmt.Sprintf("%v", args); got != want {
		t.Errorf("args of %s: got %s, want %s", key, got, want)
	}
}

// wantFields fails unless err is a fault.Fields error holding exactly want
// (field → key), or err is nil when want is empty.
func wantFields(t *testing.T, err error, want map[string]string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("got %v, want no error", err)
		}
		return
	}
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		t.Fatalf("got %v, want invalid fields %v", err, want)
	}
	if len(e.Fields) != len(want) {
		t.Errorf("fields: got %s, want %v", e.Fields, want)
	}
	for field, key := range want {
		if got := e.Fields[field].Key; got != key {
			t.Errorf("field %q: got %q, want %q (all: %s)", field, got, key, e.Fields)
		}
	}
}
