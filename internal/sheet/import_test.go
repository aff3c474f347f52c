package sheet

import (
	"bytes"
	"context"
	"testing"

	"zugong/internal/access"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

// TestImportAllOrNothing runs the Excel import end to end on each engine:
// a sheet with bad rows yields no dossiers, so nothing is written; the same
// sheet fixed imports every row; importing it again changes nothing.
func TestImportAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := access.With(context.Background(), access.Operator("test"))
		county := establishOrg(t, ctx, db, "", "正阳县", org.County)
		office := establishOrg(t, ctx, db, county.ID, "县委组织部", org.Office)
		// The fixture names the office by path and by a stand-in ID.
		byText := map[string]string{"正阳县/县委组织部": office.ID, "org-zz": office.ID, office.ID: office.ID}
		resolveHere := func(s string) (string, bool) { id, ok := byText[s]; return id, ok }
		people := db.People()
		count := func() int {
			t.Helper()
			page, err := people.List(ctx, person.Filter{Under: county.ID, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			return page.Total
		}
		importFile := func(fixed bool) (*Result, *person.ImportResult) {
			t.Helper()
			rows, _ := mixedRows(fixed)
			res, err := Read(bytes.NewReader(workbook(t, rows)), People, today, resolveHere)
			if err != nil {
				t.Fatal(err)
			}
			if !res.OK() {
				return res, nil // the caller's rule: any problem, nothing written
			}
			done, err := people.Import(ctx, office.ID, res.Dossiers)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			return res, done
		}

		res, done := importFile(false)
		if res.OK() || done != nil || res.Dossiers != nil {
			t.Fatalf("the bad sheet was accepted: %d problems, %d dossiers", res.ProblemCount, len(res.Dossiers))
		}
		if n := count(); n != 0 {
			t.Fatalf("%d people stored after a rejected sheet, want 0", n)
		}

		res, done = importFile(true)
		if done == nil {
			t.Fatalf("the fixed sheet has problems: %+v", res.Problems)
		}
		if want := (person.ImportResult{Created: 13}); *done != want {
			t.Errorf("first import = %+v, want %+v", *done, want)
		}
		if n := count(); n != 13 {
			t.Errorf("%d people stored, want 13", n)
		}

		_, done = importFile(true)
		if want := (person.ImportResult{Unchanged: 13}); done == nil || *done != want {
			t.Errorf("second import = %+v, want %+v", done, want)
		}
		if n := count(); n != 13 {
			t.Errorf("%d people stored after importing again, want 13", n)
		}
	})
}

func establishOrg(t *testing.T, ctx context.Context, db *store.DB, parent, name string, kind org.Kind) *org.Org {
	t.Helper()
	o, _, err := db.Orgs().Record(ctx, org.Change{Kind: org.Establish, ParentID: parent, EffectiveOn: today,
		Unit: org.NewUnit{Name: name, Kind: kind}})
	if err != nil {
		t.Fatalf("establish %s: %v", name, err)
	}
	return o
}
