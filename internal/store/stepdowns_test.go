package store_test

import (
	"context"
	"testing"
	"time"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/selection"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

// leader saves a leader of o who holds the post title, appointed on
// 2021-09-30, and left an earlier post in 2021.
func leader(t *testing.T, ctx context.Context, db *store.DB, o *org.Org, name, birth, seq, title string) string {
	t.Helper()
	d := simple(o.ID, name, birth, seq)
	d.Cadre = &person.Cadre{CurrentPostText: "真阳镇" + title, Posts: []person.Post{
		{UnitID: o.ID, UnitName: o.Name, Title: "副镇长", Rank: "副科级", Leading: true,
			Appointed: person.Decision{Organ: "正阳县人民政府", Date: date("2016-03-01"), DocumentNo: "正政〔2016〕3号"},
			Removed:   person.Decision{Organ: "正阳县人民政府", Date: date("2021-09-30"), DocumentNo: "正政〔2021〕9号"}},
		{UnitID: o.ID, UnitName: o.Name, Title: title, Rank: "正科级", Leading: true, Current: true,
			Appointed: person.Decision{Organ: "中共正阳县委", Date: date("2021-09-30"), DocumentNo: "正发〔2021〕9号"}}}}
	saved, err := db.People().Save(ctx, &d)
	if err != nil {
		t.Fatal(err)
	}
	return saved.Person.ID
}

// stepdownWorld is a tree with a leader of township A, recorded by the
// county's staff.
type stepdownWorld struct {
	tr     *tree
	ctx    context.Context
	s      *store.SelectionService
	leader string
}

func newStepdownWorld(t *testing.T, db *store.DB) *stepdownWorld {
	t.Helper()
	db.SetClock(func() time.Time { return time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC) })
	tr, op := buildTree(t, db)
	return &stepdownWorld{tr: tr, ctx: principal(access.CountyStaff, tr.county), s: db.Selections(),
		leader: leader(t, op, db, tr.townA, "王国强", "19661001", "011", "镇人大主席")}
}

// retirement is a removal on reaching the age limit.
func (w *stepdownWorld) retirement() selection.Stepdown {
	return selection.Stepdown{PersonID: w.leader, Post: "镇人大主席", Reason: selection.RetirementAge, Route: selection.Removed,
		ReasonDate: date("2026-10-01"), Record: selection.Record{Date: date("2026-10-20"), Organ: w.tr.county.ID, Reference: "正组〔2026〕9号"}}
}

// posts returns the leader's posts as the registry holds them.
func (w *stepdownWorld) posts(t *testing.T, db *store.DB) []person.Post {
	t.Helper()
	d, err := db.People().Get(access.With(context.Background(), access.Operator("test")), w.leader)
	if err != nil {
		t.Fatal(err)
	}
	return d.Cadre.Posts
}

func TestStepdownRetirementAgeRemovalEndsThePost(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newStepdownWorld(t, db)
		got, err := w.s.RecordStepdown(w.ctx, w.retirement())
		if err != nil {
			t.Fatal(err)
		}
		if !store.ValidID(got.ID) || got.By != "county_staff@正阳县" {
			t.Errorf("recorded: ID %q by %q, want a new ID by the principal's login", got.ID, got.By)
		}
		posts := w.posts(t, db)
		if len(posts) != 2 {
			t.Fatalf("posts after a removal: got %d, want the 2 there were", len(posts))
		}
		left := posts[1]
		if left.Current || left.Removed.Date.String() != "2026-10-20" || left.Removed.Organ != "正阳县" ||
			left.Removed.DocumentNo != "正组〔2026〕9号" {
			t.Errorf("post left: current %v, removed %+v; want ended on 2026-10-20 by 正阳县 with 正组〔2026〕9号", left.Current, left.Removed)
		}
		list, err := w.s.Stepdowns(w.ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 {
			t.Fatalf("listed: got %d cases, want 1", len(list))
		}
		l := list[0]
		if l.ID != got.ID || l.PersonName != "王国强" || l.OrgName != "真阳镇" || l.Reason != selection.RetirementAge ||
			l.Route != selection.Removed || l.ReasonDate.String() != "2026-10-01" || l.Organ != w.tr.county.ID {
			t.Errorf("listed: got %+v", l)
		}
		if n := len(events(t, db, "selection.stepdown")); n != 1 {
			t.Errorf("audited: got %d selection.stepdown events, want 1", n)
		}
		if list, err := w.s.Stepdowns(w.ctx, w.tr.townB.ID); err != nil || len(list) != 0 {
			t.Errorf("listed under township B: got %d, %v; want none", len(list), err)
		}
	})
}

func TestStepdownDemotionAddsTheNewPost(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newStepdownWorld(t, db)
		d := selection.Stepdown{PersonID: w.leader, Post: "镇人大主席", Reason: selection.Unsuited, Route: selection.Demoted,
			NewPost: "镇人大副主席", Basis: "年度考核连续两年基本称职。",
			Record: selection.Record{Date: date("2026-10-20"), Organ: w.tr.county.ID, Reference: "正组〔2026〕10号"}}
		if _, err := w.s.RecordStepdown(w.ctx, d); err != nil {
			t.Fatal(err)
		}
		posts := w.posts(t, db)
		if len(posts) != 3 {
			t.Fatalf("posts after a demotion: got %d, want 3", len(posts))
		}
		if posts[1].Current || posts[1].Removed.Date.String() != "2026-10-20" {
			t.Errorf("post left: current %v, removed on %s", posts[1].Current, posts[1].Removed.Date)
		}
		next := posts[2]
		if !next.Current || next.Title != "镇人大副主席" || next.Appointed.Date.String() != "2026-10-20" ||
			next.Appointed.DocumentNo != "正组〔2026〕10号" || next.UnitName != "真阳镇" || next.Rank != "" {
			t.Errorf("new post: got %+v, want 镇人大副主席 of 真阳镇 from 2026-10-20, its rank to be set", next)
		}
	})
}

func TestStepdownRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newStepdownWorld(t, db)
		accountability := w.retirement()
		accountability.Reason, accountability.Route, accountability.NewPost = selection.Accountability, selection.Demoted, "镇人大副主席"
		_, err := w.s.RecordStepdown(w.ctx, accountability)
		wantFields(t, "an accountability demotion without its basis", err,
			map[string]string{"basis": "field.required", "accountability_ref": "field.required"})

		demoted := w.retirement()
		demoted.Route, demoted.NewPost = selection.Demoted, "镇人大副主席"
		_, err = w.s.RecordStepdown(w.ctx, demoted)
		wantFields(t, "a demotion on reaching the age limit", err, map[string]string{"route": "selection.route_not_allowed"})

		other := w.retirement()
		other.Post = "镇长"
		_, err = w.s.RecordStepdown(w.ctx, other)
		wantFields(t, "a post the leader does not hold", err, map[string]string{"post": "stepdown.not_current"})

		past := w.retirement()
		past.Post = "副镇长"
		_, err = w.s.RecordStepdown(w.ctx, past)
		wantFields(t, "a post the leader has left", err, map[string]string{"post": "stepdown.not_current"})

		both := w.retirement()
		both.Post, both.Organ = "镇长", store.NewID()
		_, err = w.s.RecordStepdown(w.ctx, both)
		wantFields(t, "an unknown organ and a post not held", err,
			map[string]string{"organ": "selection.unknown_organ", "post": "stepdown.not_current"})

		early := w.retirement()
		early.Date = date("2021-09-01")
		_, err = w.s.RecordStepdown(w.ctx, early)
		wantFields(t, "a decision before the appointment", err, map[string]string{"date": "field.person.post.removed_before_appointed"})

		staffB := principal(access.CountyStaff, w.tr.townB)
		_, err = w.s.RecordStepdown(staffB, w.retirement())
		wantFields(t, "staff of township B for a leader of township A", err, map[string]string{"person_id": "error.not_found"})
		if _, err := w.s.RecordStepdown(principal(access.TownshipOrganiser, w.tr.townA), w.retirement()); !fault.Is(err, fault.Forbidden) {
			t.Errorf("a township organiser records a case: got %v, want forbidden", err)
		}
		if list, err := w.s.Stepdowns(staffB, ""); err != nil || len(list) != 0 {
			t.Errorf("staff of township B lists: got %d, %v", len(list), err)
		}

		if n := count(t, db, "stepdowns"); n != 0 {
			t.Errorf("stepdowns after refusals: got %d rows, want 0", n)
		}
		if n := len(events(t, db, "selection.stepdown")); n != 0 {
			t.Errorf("audited after refusals: got %d events, want 0", n)
		}
		if posts := w.posts(t, db); !posts[1].Current || !posts[1].Removed.Date.IsZero() {
			t.Errorf("the post after refusals: current %v, removed %s; want held still", posts[1].Current, posts[1].Removed.Date)
		}
	})
}
