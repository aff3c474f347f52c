package store_test

import (
	"context"
	"testing"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

var day = civil.MustParse("2026-01-15")

type tree struct {
	county, townA, townB, villageA, villageB, branchA *org.Org
}

func establish(t *testing.T, ctx context.Context, s org.Service, parent string, name string, kind org.Kind) *org.Org {
	t.Helper()
	o, _, err := s.Record(ctx, org.Change{Kind: org.Establish, ParentID: parent, EffectiveOn: day,
		Unit: org.NewUnit{Name: name, Kind: kind}})
	if err != nil {
		t.Fatalf("establish %s: %v", name, err)
	}
	return o
}

func buildTree(t *testing.T, db *store.DB) (*tree, context.Context) {
	ctx := access.With(context.Background(), access.Operator("test"))
	s := db.Orgs()
	var tr tree
	tr.county = establish(t, ctx, s, "", "正阳县", org.County)
	tr.townA = establish(t, ctx, s, tr.county.ID, "真阳镇", org.Township)
	tr.townB = establish(t, ctx, s, tr.county.ID, "汝南埠镇", org.Township)
	tr.villageA = establish(t, ctx, s, tr.townA.ID, "张庄村", org.Village)
	tr.villageB = establish(t, ctx, s, tr.townB.ID, "李寨村", org.Village)
	tr.branchA = establish(t, ctx, s, tr.villageA.ID, "张庄村党支部", org.Branch)
	return &tr, ctx
}

func organiserOf(o *org.Org) context.Context {
	p := &access.Principal{UserID: "u1", Login: "organiser", Grants: []access.Grant{{Role: access.TownshipOrganiser, ScopeOrgID: o.ID, ScopePath: o.Path, JurisdictionID: o.JurisdictionID}}}
	return access.With(context.Background(), p)
}

func TestOrgTreeAndScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, opCtx := buildTree(t, db)
		s := db.Orgs()
		if tr.county.JurisdictionID != tr.county.ID || tr.branchA.JurisdictionID != tr.county.ID {
			t.Fatalf("jurisdiction: county %s, branch %s", tr.county.JurisdictionID, tr.branchA.JurisdictionID)
		}
		if want := "/" + tr.county.ID + "/" + tr.townA.ID + "/" + tr.villageA.ID + "/" + tr.branchA.ID + "/"; tr.branchA.Path != want {
			t.Fatalf("branch path %s, want %s", tr.branchA.Path, want)
		}
		all, err := s.List(opCtx, org.Filter{Limit: 50})
		if err != nil || all.Total != 6 {
			t.Fatalf("operator list: total %v, %v; want 6", all, err)
		}

		ctx := organiserOf(tr.townA)
		page, err := s.List(ctx, org.Filter{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 3 {
			t.Fatalf("township A sees %d organisations, want 3 (itself, its village, its branch)", page.Total)
		}
		for _, o := range page.Items {
			if !access.Covers(tr.townA.Path, o.Path) {
				t.Fatalf("township A sees %s outside its subtree", o.Name)
			}
		}
		if _, err := s.Get(ctx, tr.villageB.ID); fault.CodeOf(err) != fault.NotFound {
			t.Fatalf("get other township's village: %v, want not found", err)
		}
		if _, err := s.History(ctx, tr.villageB.ID); fault.CodeOf(err) != fault.NotFound {
			t.Fatalf("history of other township's village: %v, want not found", err)
		}
		_, _, err = s.Record(ctx, org.Change{Kind: org.Rename, OrgID: tr.villageB.ID, NewName: "x", EffectiveOn: day})
		if fault.CodeOf(err) != fault.NotFound {
			t.Fatalf("rename other township's village: %v, want not found", err)
		}
		_, _, err = s.Record(ctx, org.Change{Kind: org.Reparent, OrgID: tr.villageA.ID, TargetID: tr.townB.ID, EffectiveOn: day})
		if fault.CodeOf(err) != fault.NotFound {
			t.Fatalf("move own village into other township: %v, want not found", err)
		}
		if _, err := s.Get(ctx, "not-an-id"); fault.CodeOf(err) != fault.NotFound {
			t.Fatalf("malformed id: %v, want not found", err)
		}
		anc, err := s.Ancestors(ctx, tr.branchA.ID)
		if err != nil || len(anc) != 2 || anc[0].ID != tr.townA.ID {
			t.Fatalf("ancestors visible to township A: %v, %v; want township and village", anc, err)
		}
	})
}

func TestOrgChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.Orgs()

		renamed, _, err := s.Record(ctx, org.Change{Kind: org.Rename, OrgID: tr.villageA.ID, NewName: "张庄社区", EffectiveOn: day, DocumentNo: "正政〔2026〕3号"})
		if err != nil || renamed.Name != "张庄社区" || renamed.Version != 2 {
			t.Fatalf("rename: %+v, %v", renamed, err)
		}

		moved, _, err := s.Record(ctx, org.Change{Kind: org.Reparent, OrgID: tr.villageA.ID, TargetID: tr.townB.ID, EffectiveOn: day})
		if err != nil {
			t.Fatal(err)
		}
		branch, err := s.Get(ctx, tr.branchA.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := moved.Path + tr.branchA.ID + "/"; branch.Path != want || branch.Depth != 3 {
			t.Fatalf("branch after move: path %s depth %d, want %s depth 3", branch.Path, branch.Depth, want)
		}

		_, _, err = s.Record(ctx, org.Change{Kind: org.Dissolve, OrgID: tr.townB.ID, EffectiveOn: day})
		if fault.CodeOf(err) != fault.Conflict {
			t.Fatalf("dissolve township with villages: %v, want conflict", err)
		}

		merged, _, err := s.Record(ctx, org.Change{Kind: org.Merge, OrgID: tr.townB.ID, TargetID: tr.townA.ID, EffectiveOn: day})
		if err != nil || merged.Status != org.Merged || merged.DissolvedOn != day {
			t.Fatalf("merge: %+v, %v", merged, err)
		}
		kids, err := s.List(ctx, org.Filter{ParentID: tr.townA.ID, Limit: 50})
		if err != nil || kids.Total != 2 {
			t.Fatalf("township A children after merge: %v, %v; want 2", kids, err)
		}

		_, _, err = s.Record(ctx, org.Change{Kind: org.Split, OrgID: tr.villageB.ID, EffectiveOn: day,
			Parts: []org.NewUnit{{Name: "李寨东村", Kind: org.Village}, {Name: "李寨西村", Kind: org.Village}}})
		if err != nil {
			t.Fatal(err)
		}
		vb, _ := s.Get(ctx, tr.villageB.ID)
		if vb.Status != org.Dissolved {
			t.Fatalf("split original status %s, want dissolved", vb.Status)
		}
		hist, err := s.History(ctx, tr.villageB.ID)
		if err != nil || len(hist) != 2 || hist[0].Kind != org.Split && hist[1].Kind != org.Split {
			t.Fatalf("history of split village: %+v, %v", hist, err)
		}

		_, _, err = s.Record(ctx, org.Change{Kind: org.Establish, ParentID: tr.county.ID, EffectiveOn: day,
			Unit: org.NewUnit{Name: "错村", Kind: org.Village}})
		if fault.CodeOf(err) != fault.Invalid {
			t.Fatalf("village directly under county: %v, want invalid", err)
		}

		v, err := db.VerifyAudit(ctx)
		if err != nil || len(v.Findings) != 0 {
			t.Fatalf("audit after changes: %v, %v", v.Findings, err)
		}
	})
}

func TestOrgCursorPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.Orgs()
		for i := 0; i < 7; i++ {
			establish(t, ctx, s, tr.townA.ID, "村"+string(rune('甲'+i)), org.Village)
		}
		seen := map[string]bool{}
		cursor := ""
		pages := 0
		for {
			p, err := s.List(ctx, org.Filter{Under: tr.townA.ID, Sort: org.SortName, Cursor: cursor, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, o := range p.Items {
				if seen[o.ID] {
					t.Fatalf("%s seen twice", o.Name)
				}
				seen[o.ID] = true
			}
			if p.NextCursor == "" {
				break
			}
			cursor = p.NextCursor
		}
		if len(seen) != 10 || pages != 4 {
			t.Fatalf("cursor paging saw %d organisations in %d pages, want 10 in 4", len(seen), pages)
		}
		if _, err := s.List(ctx, org.Filter{Cursor: "garbage"}); fault.CodeOf(err) != fault.Invalid {
			t.Fatalf("bad cursor: %v, want invalid", err)
		}
	})
}
