package org

import (
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

func TestValidDivisionCode(t *testing.T) {
	tests := map[string]bool{
		"411724":       true,
		"411724100":    true,
		"411724100201": true,
		"41172":        false,
		"4117241":      false,
		"001724":       false,
		"911724":       false,
		"41172a":       false,
	}
	for code, want := range tests {
		if got := ValidDivisionCode(code); got != want {
			t.Errorf("ValidDivisionCode(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestChangeValidate(t *testing.T) {
	today := civil.MustParse("2026-11-27")
	day := civil.MustParse("2026-11-01")
	tests := []struct {
		name   string
		change Change
		fields []string
	}{
		{"establish ok", Change{Kind: Establish, ParentID: "p", EffectiveOn: day, Unit: NewUnit{Name: "x", Kind: Village}}, nil},
		{"establish needs name, kind, parent", Change{Kind: Establish, EffectiveOn: day}, []string{"parent_id", "name", "kind"}},
		{"bad division code", Change{Kind: Establish, ParentID: "p", EffectiveOn: day, Unit: NewUnit{Name: "x", Kind: Village, DivisionCode: "12"}}, []string{"division_code"}},
		{"no date", Change{Kind: Rename, OrgID: "o", NewName: "n"}, []string{"effective_on"}},
		{"date two years ahead", Change{Kind: Rename, OrgID: "o", NewName: "n", EffectiveOn: today.AddDays(800)}, []string{"effective_on"}},
		{"merge into itself", Change{Kind: Merge, OrgID: "o", TargetID: "o", EffectiveOn: day}, []string{"target_id"}},
		{"split into one", Change{Kind: Split, OrgID: "o", EffectiveOn: day, Parts: []NewUnit{{Name: "a", Kind: Village}}}, []string{"parts"}},
		{"split keeping original into one", Change{Kind: Split, OrgID: "o", KeepOriginal: true, EffectiveOn: day, Parts: []NewUnit{{Name: "a", Kind: Village}}}, nil},
		{"split part without name", Change{Kind: Split, OrgID: "o", EffectiveOn: day, Parts: []NewUnit{{Name: "a", Kind: Village}, {Kind: Village}}}, []string{"parts.1.name"}},
		{"unknown kind", Change{Kind: "explode", EffectiveOn: day}, []string{"kind"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.change.Validate(today)
			if len(tc.fields) == 0 {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			e, ok := fault.As(err)
			if !ok || e.Code != fault.Invalid {
				t.Fatalf("got %v, want invalid", err)
			}
			for _, f := range tc.fields {
				if _, ok := e.Fields[f]; !ok {
					t.Errorf("no error on field %s; got %s", f, e.Fields)
				}
			}
		})
	}
}

func TestRules(t *testing.T) {
	county := &Org{ID: "c", JurisdictionID: "c", Path: "/c/", Kind: County, Status: Active}
	town := &Org{ID: "t", JurisdictionID: "c", ParentID: "c", Path: "/c/t/", Kind: Township, Status: Active}
	village := &Org{ID: "v", JurisdictionID: "c", ParentID: "t", Path: "/c/t/v/", Kind: Village, Status: Active}
	other := &Org{ID: "t2", JurisdictionID: "c", ParentID: "c", Path: "/c/t2/", Kind: Township, Status: Active}
	foreign := &Org{ID: "x", JurisdictionID: "k", ParentID: "k", Path: "/k/x/", Kind: Township, Status: Active}
	gone := &Org{ID: "g", JurisdictionID: "c", ParentID: "c", Path: "/c/g/", Kind: Township, Status: Dissolved}

	check := func(name string, err error, want fault.Code) {
		t.Helper()
		got := fault.Code("")
		if err != nil {
			got = fault.CodeOf(err)
		}
		if got != want {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
	check("village under township", CheckPlacement(Village, town), "")
	check("village under county", CheckPlacement(Village, county), fault.Invalid)
	check("branch under village", CheckPlacement(Branch, village), "")
	check("under dissolved parent", CheckPlacement(Village, gone), fault.Conflict)
	check("move village to other township", CheckMove(village, other), "")
	check("move township into its village", CheckMove(town, village), fault.Invalid)
	check("move to another county", CheckMove(village, foreign), fault.Conflict)
	check("merge township into township", CheckMerge(town, other, []Org{*village}), "")
	check("merge township into village", CheckMerge(town, village, nil), fault.Invalid)
	check("merge unit into party org", CheckMerge(village, &Org{ID: "b", JurisdictionID: "c", Path: "/c/b/", Kind: Branch, Status: Active}, nil), fault.Invalid)
	check("dissolve with children", CheckDissolve(town, 1), fault.Conflict)
	check("dissolve leaf", CheckDissolve(village, 0), "")
	check("dissolve twice", CheckDissolve(gone, 0), fault.Conflict)
	check("effective before founding", CheckEffective(&Org{FoundedOn: civil.MustParse("2020-01-01")}, civil.MustParse("2019-12-31")), fault.Invalid)
}

func TestPublicSector(t *testing.T) {
	public := map[Kind]bool{City: true, County: true, Township: true, Subdistrict: true, Office: true, Institution: true, School: true}
	for _, k := range Kinds {
		if got := k.PublicSector(); got != public[k] {
			t.Errorf("%s.PublicSector() = %v, want %v", k, got, public[k])
		}
	}
}
