package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/selection"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

// candidate saves a person of o for a selection to nominate.
func candidate(t *testing.T, ctx context.Context, db *store.DB, o *org.Org, name, birth, seq string) string {
	t.Helper()
	d := simple(o.ID, name, birth, seq)
	saved, err := db.People().Save(ctx, &d)
	if err != nil {
		t.Fatal(err)
	}
	return saved.Person.ID
}

func rec(date, organ string) selection.Record {
	return selection.Record{Date: civil.MustParse(date), Organ: organ, Reference: "正组〔2025〕1号"}
}

// selectionSteps are the steps after the motion of a selection of one post
// with candidates p1 and p2, in which p1 passes and is appointed on
// probation. Decided on Thursday 2025-09-25, its publicity opens on Friday
// 09-26 and runs through 10-09 across the National Day holiday.
func selectionSteps(organ, p1, p2 string) []selection.Step {
	subject := func(id string) selection.Subject {
		return selection.Subject{PersonID: id, Findings: "政治素质好，工作实绩突出。", PersonalMattersChecked: true,
			DisciplineOpinion: "未发现影响使用的问题。", IntegritySigned: true, IntegritySigner: "县纪委监委"}
	}
	return []selection.Step{
		selection.Recommendation{Record: rec("2025-03-10", organ), Participants: 40,
			Nominees: []selection.Nominee{{PersonID: p1, Votes: 30}, {PersonID: p2, Votes: 25}}},
		selection.Inspection{Record: rec("2025-04-01", organ), NoticeDate: date("2025-03-25"),
			Subjects: []selection.Subject{subject(p1), subject(p2)}},
		selection.Deliberation{Record: rec("2025-09-10", organ), Consultation: "与县委书记、县长酝酿，均无不同意见。"},
		selection.Decision{Record: rec("2025-09-25", organ), Due: 9, Present: 7,
			Ballots: []selection.Ballot{{PersonID: p1, Agree: 6, Disagree: 1}}},
		selection.Publicity{Record: rec("2025-09-25", organ), Start: date("2025-09-26"), Candidates: []string{p1},
			Phone: "0396-8911234", Address: "正阳县真阳街道县委大院"},
		selection.Appointment{Record: rec("2025-10-10", organ), Appointees: []selection.Appointee{
			{PersonID: p1, TalkDate: date("2025-10-10"), TalkBy: "县委书记", Leading: true}}},
		selection.ProbationReview{Record: rec("2026-10-12", organ), Outcomes: []selection.ProbationOutcome{
			{PersonID: p1, Result: selection.Confirm, Assessment: "胜任现职"}}},
	}
}

func motion(organ string) selection.Motion {
	return selection.Motion{Record: rec("2025-03-03", organ), WorkPlan: "乡党委书记选任工作方案", Posts: 1, Approved: 3, Occupied: 2}
}

// selectionFixture opens a selection for a post of township A, with two
// candidates in its village, as the operator.
type selectionFixture struct {
	tr     *tree
	ctx    context.Context
	s      *store.SelectionService
	p1, p2 string
	sel    *selection.Selection
}

func openSelection(t *testing.T, db *store.DB) *selectionFixture {
	t.Helper()
	db.SetClock(func() time.Time { return time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC) })
	tr, ctx := buildTree(t, db)
	f := &selectionFixture{tr: tr, ctx: ctx, s: db.Selections()}
	f.p1 = candidate(t, ctx, db, tr.villageA, "张三", "19800101", "011")
	f.p2 = candidate(t, ctx, db, tr.villageA, "李四", "19810101", "013")
	sel, err := f.s.Open(ctx, tr.townA.ID, "真阳镇党委书记", motion(tr.county.ID))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	f.sel = sel
	return f
}

func TestSelectionFromMotionToProbation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := openSelection(t, db)
		if got := f.sel.Stage(); got != selection.StageMotion {
			t.Fatalf("stage after opening: got %s, want motion", got)
		}
		for _, step := range selectionSteps(f.tr.county.ID, f.p1, f.p2) {
			sel, err := f.s.Apply(f.ctx, f.sel.ID, step)
			if err != nil {
				t.Fatalf("apply %s: %v", step.Stage(), err)
			}
			if got := sel.Stage(); got != step.Stage() {
				t.Fatalf("stage: got %s, want %s", got, step.Stage())
			}
		}
		got, err := f.s.Get(f.ctx, f.sel.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Stage() != selection.StageProbation || got.Post != "真阳镇党委书记" || got.OrgID != f.tr.townA.ID {
			t.Fatalf("reloaded: stage %s, post %q, org %s", got.Stage(), got.Post, got.OrgID)
		}
		if end := got.Publicity.End.String(); end != "2025-10-09" {
			t.Errorf("publicity end: got %s, want 2025-10-09 (the fifth working day across National Day)", end)
		}
		ap := got.Appointment.Appointees[0]
		if !ap.Probation || ap.ProbationEnds.String() != "2026-10-10" {
			t.Errorf("probation: got %v until %s, want a year until 2026-10-10", ap.Probation, ap.ProbationEnds)
		}
		if by := got.Decision.By; by != "operator:test" {
			t.Errorf("decision recorded by %q, want the principal's login", by)
		}
		if n := len(got.Recommendation.Nominees); n != 2 {
			t.Errorf("nominees reloaded: got %d, want 2", n)
		}
		transitions := auditedTransitions(t, db, f.tr.county.ID)
		want := [][2]string{{"none", "motion"}, {"motion", "recommendation"}, {"recommendation", "inspection"},
			{"inspection", "deliberation"}, {"deliberation", "decision"}, {"decision", "publicity"},
			{"publicity", "appointment"}, {"appointment", "probation"}}
		if len(transitions) != len(want) {
			t.Fatalf("audited transitions: got %v, want %v", transitions, want)
		}
		for i := range want {
			if transitions[i] != want[i] {
				t.Errorf("transition %d: got %v, want %v", i, transitions[i], want[i])
			}
		}
	})
}

// auditedTransitions returns the from and to stages of every selection
// step audited in the jurisdiction's chain, in order.
func auditedTransitions(t *testing.T, db *store.DB, jurisdiction string) [][2]string {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT detail FROM audit_events WHERE jurisdiction_id = ? AND action = 'selection.step' ORDER BY seq`, jurisdiction)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var detail string
		var d struct{ From, To string }
		if err := rows.Scan(&detail); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(detail), &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, [2]string{d.From, d.To})
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSelectionRefusesOutOfOrderSteps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := openSelection(t, db)
		steps := selectionSteps(f.tr.county.ID, f.p1, f.p2)
		for _, step := range steps[1:] {
			_, err := f.s.Apply(f.ctx, f.sel.ID, step)
			if e, ok := fault.As(err); !ok || e.Code != fault.Conflict || e.Key != "selection.out_of_order" {
				t.Errorf("%s after the motion: got %v, want conflict selection.out_of_order", step.Stage(), err)
			}
		}
		if _, err := f.s.Apply(f.ctx, f.sel.ID, motion(f.tr.county.ID)); !fault.Is(err, fault.Conflict) {
			t.Errorf("a second motion: got %v, want a conflict", err)
		}
		got, err := f.s.Get(f.ctx, f.sel.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Stage() != selection.StageMotion {
			t.Errorf("stage after refusals: got %s, want motion", got.Stage())
		}
		if n := len(auditedTransitions(t, db, f.tr.county.ID)); n != 1 {
			t.Errorf("audited transitions after refusals: got %d, want 1", n)
		}
	})
}

func TestSelectionChecksTheRegistry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := openSelection(t, db)
		rec := selectionSteps(f.tr.county.ID, f.p1, f.p2)[0].(selection.Recommendation)
		rec.Organ = f.tr.townB.ID + "x"
		rec.Nominees[1].PersonID = "0190aaaa-0000-7000-8000-000000000000"
		_, err := f.s.Apply(f.ctx, f.sel.ID, rec)
		e, ok := fault.As(err)
		if !ok || e.Code != fault.Invalid {
			t.Fatalf("unknown organ and person: got %v, want invalid fields", err)
		}
		for field, key := range map[string]string{"organ": "selection.unknown_organ", "nominees.1.person_id": "selection.unknown_person"} {
			if got := e.Fields[field].Key; got != key {
				t.Errorf("field %s: got %q, want %q", field, got, key)
			}
		}
		if _, err := f.s.Open(f.ctx, f.tr.townA.ID, " ", motion(f.tr.county.ID)); !fault.Is(err, fault.Invalid) {
			t.Errorf("a selection without a post: got %v, want invalid", err)
		}
	})
}

func TestSelectionScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := openSelection(t, db)
		grant := func(role access.Role, o *org.Org) context.Context {
			return access.With(context.Background(), &access.Principal{UserID: "u-" + string(role), Login: string(role),
				Grants: []access.Grant{{Role: role, ScopeOrgID: o.ID, ScopePath: o.Path, JurisdictionID: o.JurisdictionID}}})
		}
		staffB := access.With(context.Background(), &access.Principal{UserID: "u-b", Login: "staff.b",
			Grants: []access.Grant{{Role: access.CountyStaff, ScopeOrgID: f.tr.townB.ID, ScopePath: f.tr.townB.Path, JurisdictionID: f.tr.county.ID}}})
		if _, err := f.s.Get(staffB, f.sel.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("staff of township B reads township A's selection: got %v, want not found", err)
		}
		if _, err := f.s.Apply(staffB, f.sel.ID, selectionSteps(f.tr.county.ID, f.p1, f.p2)[0]); !fault.Is(err, fault.NotFound) {
			t.Errorf("staff of township B records a step in township A: got %v, want not found", err)
		}
		if list, err := f.s.List(staffB, "", ""); err != nil || len(list) != 0 {
			t.Errorf("staff of township B lists: got %d selections, %v; want none", len(list), err)
		}
		leader := grant(access.Leader, f.tr.county)
		if list, err := f.s.List(leader, "", selection.StageMotion); err != nil || len(list) != 1 {
			t.Errorf("the county leader lists at the motion: got %d, %v; want 1", len(list), err)
		}
		if list, err := f.s.List(leader, "", selection.StageDecision); err != nil || len(list) != 0 {
			t.Errorf("the county leader lists at the decision: got %d, %v; want 0", len(list), err)
		}
		if _, err := f.s.Apply(leader, f.sel.ID, selectionSteps(f.tr.county.ID, f.p1, f.p2)[0]); !fault.Is(err, fault.Forbidden) {
			t.Errorf("a leader records a step: got %v, want forbidden", err)
		}
		if _, err := f.s.Get(grant(access.TownshipOrganiser, f.tr.townA), f.sel.ID); !fault.Is(err, fault.Forbidden) {
			t.Errorf("a township organiser reads a selection: got %v, want forbidden", err)
		}
	})
}

// TestInspectionAuditsTheDossier records an inspection of a candidate whose
// record fails a data-quality rule: refused until the finding is resolved,
// then kept with the resolution.
func TestInspectionAuditsTheDossier(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := openSelection(t, db)
		d, err := db.People().Get(f.ctx, f.p2)
		if err != nil {
			t.Fatal(err)
		}
		d.Person.IDNumber = ""
		d.Person.WorkStartDate = date("1990-01-01") // at nine years old
		if _, err := db.People().Save(f.ctx, d); err != nil {
			t.Fatal(err)
		}
		steps := selectionSteps(f.tr.county.ID, f.p1, f.p2)
		if _, err := f.s.Apply(f.ctx, f.sel.ID, steps[0]); err != nil {
			t.Fatal(err)
		}
		found, err := f.s.DossierFindings(f.ctx, f.sel.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(found[f.p1]) != 0 || len(found[f.p2]) != 1 || found[f.p2][0].Rule != "work_before_16" {
			t.Fatalf("dossier findings: got %v, want one work_before_16 for the second candidate", found)
		}
		in := steps[1].(selection.Inspection)
		_, err = f.s.Apply(f.ctx, f.sel.ID, in)
		if e, ok := fault.As(err); !ok || e.Key != "selection.dossier_unresolved" {
			t.Fatalf("inspection with the finding open: got %v, want selection.dossier_unresolved", err)
		}
		in.Subjects[1].Dossier.Findings = []selection.DossierFinding{{Rule: "work_before_16", Resolved: true, Note: "参加工作时间系笔误，已据档案更正。"}}
		sel, err := f.s.Apply(f.ctx, f.sel.ID, in)
		if err != nil {
			t.Fatalf("inspection with the finding resolved: %v", err)
		}
		audit := sel.Inspection.Subjects[1].Dossier
		if audit.AuditedOn.String() != "2026-11-02" || len(audit.Findings) != 1 || !audit.Findings[0].Resolved || audit.Findings[0].Note == "" {
			t.Errorf("dossier audit kept: got %+v, want one resolved finding audited today", audit)
		}
		if got := sel.Inspection.Subjects[0].Dossier; len(got.Findings) != 0 || got.AuditedOn.IsZero() {
			t.Errorf("clean candidate's audit: got %+v, want no finding, audited", got)
		}
	})
}

func TestObjectionsBlockAppointmentUntilResolved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := openSelection(t, db)
		steps := selectionSteps(f.tr.county.ID, f.p1, f.p2)
		if _, err := f.s.Object(f.ctx, f.sel.ID, selection.Objection{PersonID: f.p1, Text: "x", Received: date("2025-09-27")}); !fault.Is(err, fault.Conflict) {
			t.Errorf("objection before the publicity: got %v, want a conflict", err)
		}
		for _, step := range steps[:5] {
			if _, err := f.s.Apply(f.ctx, f.sel.ID, step); err != nil {
				t.Fatalf("apply %s: %v", step.Stage(), err)
			}
		}
		sel, err := f.s.Object(f.ctx, f.sel.ID, selection.Objection{PersonID: f.p1, Text: "反映其在征地补偿中优亲厚友。", Received: date("2025-09-29")})
		if err != nil {
			t.Fatal(err)
		}
		objection := sel.Publicity.Objections[0].ID
		_, err = f.s.Apply(f.ctx, f.sel.ID, steps[5])
		if e, ok := fault.As(err); !ok || e.Key != "selection.objection_unresolved" {
			t.Fatalf("appointment with an open objection: got %v, want selection.objection_unresolved", err)
		}
		if _, err := f.s.Resolve(f.ctx, f.sel.ID, objection, "经核查，反映问题不属实。", false, date("2025-10-09")); err != nil {
			t.Fatal(err)
		}
		sel, err = f.s.Apply(f.ctx, f.sel.ID, steps[5])
		if err != nil {
			t.Fatalf("appointment after the objection was resolved: %v", err)
		}
		o := sel.Publicity.Objections[0]
		if !o.Resolved() || o.Upheld || o.Finding == "" {
			t.Errorf("objection reloaded: got %+v, want resolved, not upheld", o)
		}
	})
}
