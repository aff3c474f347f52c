package store_test

import (
	"context"
	"reflect"
	"testing"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/secondment"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

// secondmentWorld is a tree with a cadre in each township.
type secondmentWorld struct {
	tr             *tree
	op             context.Context
	cadreA, cadreB string
}

func newSecondmentWorld(t *testing.T, db *store.DB) *secondmentWorld {
	t.Helper()
	tr, op := buildTree(t, db)
	w := &secondmentWorld{tr: tr, op: op}
	for _, c := range []struct {
		orgID, name, birth, seq string
		id                      *string
	}{{tr.townA.ID, "王建国", "19780512", "011", &w.cadreA}, {tr.townB.ID, "李卫东", "19800203", "021", &w.cadreB}} {
		d := simple(c.orgID, c.name, c.birth, c.seq)
		saved, err := db.People().Save(op, &d)
		if err != nil {
			t.Fatalf("save %s: %v", c.name, err)
		}
		*c.id = saved.Person.ID
	}
	return w
}

// firstSecretary is a two-year 驻村第一书记 posting of person to a village.
func firstSecretary(personID, villageID string) secondment.Secondment {
	return secondment.Secondment{PersonID: personID, Kind: secondment.FirstSecretary, HostOrgID: villageID,
		HostPost: "驻村第一书记", Start: date("2025-03-01"), End: date("2027-02-28"), FullTime: true, DecisionDoc: "正组〔2025〕8号"}
}

func saveSecondment(t *testing.T, ctx context.Context, s *store.SecondmentService, in secondment.Secondment) *secondment.Secondment {
	t.Helper()
	out, err := s.Save(ctx, &in)
	if err != nil {
		t.Fatalf("save secondment at %s: %v", in.HostUnit, err)
	}
	return out
}

func listedIDs(t *testing.T, ctx context.Context, s *store.SecondmentService, f secondment.Filter) []string {
	t.Helper()
	list, err := s.List(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if f.Limit == 0 {
		n, err := s.Count(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if n != len(list) {
			t.Errorf("Count %+v = %d, List gave %d", f, n, len(list))
		}
	}
	var ids []string
	for _, l := range list {
		ids = append(ids, l.ID)
	}
	return ids
}

func TestSecondmentCreateListFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newSecondmentWorld(t, db)
		s := db.Secondments()
		ctx := principal(access.CountyStaff, w.tr.county)
		village := saveSecondment(t, ctx, s, firstSecretary(w.cadreA, w.tr.villageB.ID))
		if village.HostUnit != w.tr.villageB.Name || village.HomeOrgID != w.tr.townA.ID || village.HomeUnit != w.tr.townA.Name ||
			village.JurisdictionID != w.tr.county.ID || village.Version != 1 || !store.ValidID(village.ID) {
			t.Fatalf("saved: %+v; want the host and home units named from the tree", village)
		}
		up := saveSecondment(t, ctx, s, secondment.Secondment{PersonID: w.cadreB, Kind: secondment.Up, HostUnit: "驻马店市财政局",
			HostPost: "预算科副科长", Start: date("2025-09-01"), End: date("2026-02-10"), FullTime: true})
		planned := saveSecondment(t, ctx, s, secondment.Secondment{PersonID: w.cadreB, Kind: secondment.Released, HostUnit: "正阳县产业集聚区",
			HostPost: "招商专员", Start: date("2026-03-01"), End: date("2027-02-28"), FullTime: true})

		got, err := s.Get(ctx, village.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.PersonName != "王建国" || got.HomeOrg != w.tr.townA.Name || got.DecisionDoc != "正组〔2025〕8号" {
			t.Errorf("Get: person %q, home %q, decision %q", got.PersonName, got.HomeOrg, got.DecisionDoc)
		}
		if n := len(events(t, db, "secondment.create")); n != 3 {
			t.Errorf("%d create events, want 3", n)
		}

		today := date("2026-01-20")
		cases := []struct {
			name string
			f    secondment.Filter
			want []string
		}{
			{"all, ending soonest first", secondment.Filter{}, []string{up.ID, village.ID, planned.ID}},
			{"by kind", secondment.Filter{Kind: secondment.Up}, []string{up.ID}},
			{"active today", secondment.Filter{Status: secondment.Active, Today: today}, []string{up.ID, village.ID}},
			{"planned today", secondment.Filter{Status: secondment.Planned, Today: today}, []string{planned.ID}},
			{"ended later", secondment.Filter{Status: secondment.Ended, Today: date("2026-03-01")}, []string{up.ID}},
			{"expiring within 30 days", secondment.Filter{ExpiringWithin: 30, Today: today}, []string{up.ID}},
			{"expiring within 20 days", secondment.Filter{ExpiringWithin: 20, Today: today}, nil},
			{"under township B", secondment.Filter{Under: w.tr.townB.ID}, []string{up.ID, planned.ID}},
			{"paged", secondment.Filter{Limit: 1, Offset: 1}, []string{village.ID}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				if got := listedIDs(t, ctx, s, tc.f); !reflect.DeepEqual(got, tc.want) {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			})
		}
		if _, err := s.List(ctx, secondment.Filter{Status: "sideways"}); fieldKeyOf(err, "status") != "field.invalid_choice" {
			t.Errorf("unknown status: got %v", err)
		}
		mine, err := s.ForPerson(ctx, w.cadreB)
		if err != nil || len(mine) != 2 || mine[0].ID != up.ID || mine[1].ID != planned.ID {
			t.Errorf("ForPerson: %+v, %v; want 上挂 then 离职锻炼", mine, err)
		}
	})
}

// fieldKeyOf returns the key of field in an invalid-input error, or "".
func fieldKeyOf(err error, field string) string {
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		return ""
	}
	return e.Fields[field].Key
}

func TestSecondmentBadInputWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newSecondmentWorld(t, db)
		s := db.Secondments()
		ctx := principal(access.CountyStaff, w.tr.county)
		saveSecondment(t, ctx, s, firstSecretary(w.cadreA, w.tr.villageA.ID))
		before, audited := count(t, db, "secondments"), len(events(t, db, "secondment.create"))
		cases := []struct {
			name   string
			change func(s *secondment.Secondment)
			want   map[string]string
		}{
			{"end before start", func(s *secondment.Secondment) { s.Start, s.End = date("2027-06-01"), date("2027-03-01") },
				map[string]string{"end": "secondment.end_not_after_start"}},
			{"overlapping full-time", func(s *secondment.Secondment) { s.Start, s.End = date("2026-06-01"), date("2027-05-31") },
				map[string]string{"start": "secondment.overlap"}},
			{"unknown person", func(s *secondment.Secondment) { s.PersonID = store.NewID() },
				map[string]string{"person": "error.not_found"}},
			{"unknown host organisation and no post", func(s *secondment.Secondment) { s.HostOrgID, s.HostPost = store.NewID(), "" },
				map[string]string{"host_org": "error.not_found", "host_post": "field.required"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				in := firstSecretary(w.cadreA, w.tr.villageB.ID)
				tc.change(&in)
				_, err := s.Save(ctx, &in)
				wantFields(t, tc.name, err, tc.want)
				if n := count(t, db, "secondments"); n != before {
					t.Errorf("%d secondments after a refused save, want %d", n, before)
				}
			})
		}
		if n := len(events(t, db, "secondment.create")); n != audited {
			t.Errorf("%d create events after refused saves, want %d", n, audited)
		}
		partTime := firstSecretary(w.cadreA, w.tr.villageB.ID)
		partTime.FullTime, partTime.Kind, partTime.HostPost = false, secondment.Down, "镇长助理"
		saveSecondment(t, ctx, s, partTime)
	})
}

func TestSecondmentExtendReturnAssess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newSecondmentWorld(t, db)
		s := db.Secondments()
		ctx := principal(access.TownshipOrganiser, w.tr.townA)
		sec := saveSecondment(t, ctx, s, firstSecretary(w.cadreA, w.tr.villageA.ID))
		next := saveSecondment(t, ctx, s, secondment.Secondment{PersonID: w.cadreA, Kind: secondment.Up, HostUnit: "驻马店市农业农村局",
			HostPost: "科员", Start: date("2027-09-01"), End: date("2028-08-31"), FullTime: true})

		err := s.Extend(ctx, sec.ID, date("2027-10-31"), "项目收尾", date("2027-01-10"))
		wantFields(t, "extension into the next secondment", err, map[string]string{"to": "secondment.overlap"})
		if err := s.Extend(ctx, sec.ID, date("2027-08-31"), "村集体经济项目收尾", date("2027-01-10")); err != nil {
			t.Fatal(err)
		}
		if err := s.Assess(ctx, sec.ID, false, secondment.Assessment{On: date("2026-03-01"), Grade: secondment.Excellent, Comment: "群众认可"}); err != nil {
			t.Fatal(err)
		}
		wantFields(t, "return after the end", s.ReturnEarly(ctx, sec.ID, date("2027-09-01"), "召回"),
			map[string]string{"on": "secondment.return_outside_term"})
		if err := s.ReturnEarly(ctx, sec.ID, date("2027-06-30"), "提拔任职"); err != nil {
			t.Fatal(err)
		}
		if err := s.Assess(ctx, sec.ID, true, secondment.Assessment{On: date("2027-07-05"), Grade: secondment.Competent}); err != nil {
			t.Fatal(err)
		}
		if err := s.Extend(ctx, sec.ID, date("2027-12-31"), "x", date("2027-07-01")); !fault.Is(err, fault.Conflict) {
			t.Errorf("extension after the return: got %v, want a conflict", err)
		}
		got, err := s.Get(ctx, sec.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := firstSecretary(w.cadreA, w.tr.villageA.ID)
		want.JurisdictionID, want.ID, want.HomeOrgID, want.HomeUnit, want.HostUnit = w.tr.county.ID, sec.ID, w.tr.townA.ID, w.tr.townA.Name, w.tr.villageA.Name
		want.End, want.Version = date("2027-08-31"), 5
		want.Extensions = []secondment.Extension{{From: date("2027-02-28"), To: date("2027-08-31"), Reason: "村集体经济项目收尾", Decided: date("2027-01-10")}}
		want.Return = &secondment.Return{On: date("2027-06-30"), Reason: "提拔任职"}
		want.MidTerm = &secondment.Assessment{On: date("2026-03-01"), Grade: secondment.Excellent, Comment: "群众认可"}
		want.EndOfTerm = &secondment.Assessment{On: date("2027-07-05"), Grade: secondment.Competent}
		if !reflect.DeepEqual(got.Secondment, want) {
			t.Errorf("after the history:\ngot  %+v\nwant %+v", got.Secondment, want)
		}
		for action, n := range map[string]int{"secondment.extend": 1, "secondment.return": 1, "secondment.assess": 2} {
			if got := len(events(t, db, action)); got != n {
				t.Errorf("%d %s events, want %d", got, action, n)
			}
		}

		t.Run("editing the base keeps the history", func(t *testing.T) {
			edit := got.Secondment
			edit.Extensions, edit.Return, edit.MidTerm, edit.EndOfTerm = nil, nil, nil, nil
			edit.HostPost = "驻村第一书记、工作队队长"
			saved, err := s.Save(ctx, &edit)
			if err != nil {
				t.Fatal(err)
			}
			again, err := s.Get(ctx, sec.ID)
			if err != nil {
				t.Fatal(err)
			}
			if saved.Version != 6 || again.HostPost != edit.HostPost || len(again.Extensions) != 1 || again.Return == nil || again.EndOfTerm == nil {
				t.Errorf("after the edit: version %d, %+v", saved.Version, again.Secondment)
			}
			edit.Version = 5
			if _, err := s.Save(ctx, &edit); !fault.Is(err, fault.Conflict) {
				t.Errorf("edit of a stale copy: got %v, want a conflict", err)
			}
			edit.Version, edit.End = 0, date("2027-12-31")
			_, err = s.Save(ctx, &edit)
			wantFields(t, "end moved by hand", err, map[string]string{"end": "secondment.end_set_by_extensions"})
		})

		t.Run("a whole history is saved at once", func(t *testing.T) {
			whole := secondment.Secondment{PersonID: w.cadreA, Kind: secondment.Down, HostUnit: "真阳镇", HostPost: "党委副书记",
				Start: date("2021-03-01"), End: date("2022-02-28"), FullTime: true}
			if err := whole.Extend(date("2022-08-31"), "乡村振兴项目", date("2022-01-15")); err != nil {
				t.Fatal(err)
			}
			if err := whole.AssessEndOfTerm(secondment.Assessment{On: date("2022-08-20"), Grade: secondment.Excellent}); err != nil {
				t.Fatal(err)
			}
			saved := saveSecondment(t, ctx, s, whole)
			back, err := s.Get(ctx, saved.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back.Extensions, whole.Extensions) || !reflect.DeepEqual(back.EndOfTerm, whole.EndOfTerm) {
				t.Errorf("history read back: %+v", back.Secondment)
			}
		})
		if _, err := s.Get(ctx, next.ID); err != nil {
			t.Errorf("the next secondment: %v", err)
		}
	})
}

func TestSecondmentScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newSecondmentWorld(t, db)
		s := db.Secondments()
		secB := saveSecondment(t, principal(access.TownshipOrganiser, w.tr.townB), s, firstSecretary(w.cadreB, w.tr.villageB.ID))
		ctx := principal(access.TownshipOrganiser, w.tr.townA)
		notFound := map[string]func() error{
			"get":    func() error { _, err := s.Get(ctx, secB.ID); return err },
			"extend": func() error { return s.Extend(ctx, secB.ID, date("2027-08-31"), "x", date("2027-01-01")) },
			"return": func() error { return s.ReturnEarly(ctx, secB.ID, date("2026-01-01"), "x") },
			"assess": func() error {
				return s.Assess(ctx, secB.ID, false, secondment.Assessment{On: date("2026-01-01"), Grade: secondment.Competent})
			},
			"edit": func() error {
				edit := *secB
				edit.HostPost = "改"
				_, err := s.Save(ctx, &edit)
				return err
			},
			"list under township B": func() error { _, err := s.List(ctx, secondment.Filter{Under: w.tr.townB.ID}); return err },
		}
		for name, call := range notFound {
			if err := call(); !fault.Is(err, fault.NotFound) {
				t.Errorf("%s of township B's secondment: got %v, want not found", name, err)
			}
		}
		if ids := listedIDs(t, ctx, s, secondment.Filter{}); len(ids) != 0 {
			t.Errorf("township A lists %v", ids)
		}
		if mine, err := s.ForPerson(ctx, w.cadreB); err != nil || len(mine) != 0 {
			t.Errorf("township A reads %v, %v of township B's cadre", mine, err)
		}
		_, err := s.Save(ctx, &secondment.Secondment{PersonID: w.cadreB, Kind: secondment.Up, HostUnit: "市局", HostPost: "科员",
			Start: date("2028-01-01"), End: date("2028-12-31"), FullTime: true})
		wantFields(t, "a person of township B", err, map[string]string{"person": "error.not_found"})
		in := firstSecretary(w.cadreA, w.tr.villageA.ID)
		in.HomeOrgID = w.tr.townB.ID
		_, err = s.Save(ctx, &in)
		wantFields(t, "a home unit in township B", err, map[string]string{"home_org": "error.not_found"})

		leader := principal(access.Leader, w.tr.county)
		if _, err := s.Get(leader, secB.ID); err != nil {
			t.Errorf("the county leader reads: %v", err)
		}
		if err := s.ReturnEarly(leader, secB.ID, date("2026-01-01"), "x"); !fault.Is(err, fault.Forbidden) {
			t.Errorf("the leader changes: got %v, want forbidden", err)
		}
		if n := count(t, db, "secondments"); n != 1 {
			t.Errorf("%d secondments, want 1", n)
		}
	})
}
