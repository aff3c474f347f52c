package demo

import (
	"fmt"
	"testing"

	"zugong/internal/person"
	"zugong/internal/quality"
)

func TestGeneratePeople(t *testing.T) {
	orgs := County(1, DefaultCounty)
	spec := PeopleSpec{PartyMembers: 3000, Cadres: 350, Talents: 350, FlawEvery: 50}
	got := GeneratePeople(orgs, spec, 7)
	again := GeneratePeople(orgs, spec, 7)

	inTree := map[string]bool{}
	for _, o := range orgs {
		inTree[o.ID] = true
	}
	var members, cadres, talents int
	ids := map[string]bool{}
	for i, d := range got.Dossiers {
		p := d.Person
		if d.Person.Name != again.Dossiers[i].Person.Name || d.Person.BirthDate != again.Dossiers[i].Person.BirthDate {
			t.Fatalf("dossier %d differs between two runs with one seed", i)
		}
		if err := person.Validate(&d, asOf); err != nil {
			t.Fatalf("%s (dossier %d) fails validation: %v", p.Name, i, err)
		}
		id, err := person.ParseIDNumber(p.IDNumber)
		if err != nil {
			t.Fatalf("%s: ID number %q: %v", p.Name, p.IDNumber, err)
		}
		if id.BirthDate != p.BirthDate || id.Gender != p.Gender {
			t.Fatalf("%s: ID number %s disagrees with birth %s gender %s", p.Name, p.IDNumber, p.BirthDate, p.Gender)
		}
		if ids[p.IDNumber] {
			t.Fatalf("ID number %s drawn twice", p.IDNumber)
		}
		ids[p.IDNumber] = true
		if !inTree[p.OrgID] {
			t.Fatalf("%s belongs to an organisation outside the tree", p.Name)
		}
		if d.Party != nil {
			members++
			if !inTree[d.Party.BranchID] || d.Party.JoinDate.Before(p.BirthDate) || d.Party.JoinDate.After(asOf) {
				t.Fatalf("%s: party facet %+v", p.Name, d.Party)
			}
		}
		if d.Cadre != nil {
			cadres++
			if len(d.Cadre.Posts) != 1 || !d.Cadre.Posts[0].Current || len(d.Cadre.Resume) < 2 || len(d.Cadre.Family) < 3 {
				t.Fatalf("%s: cadre facet %+v", p.Name, d.Cadre)
			}
		}
		if d.Talent != nil {
			talents++
			if len(d.Talent.Skills) == 0 {
				t.Fatalf("%s: talent without skills", p.Name)
			}
		}
	}
	if members != spec.PartyMembers || cadres != spec.Cadres || talents != spec.Talents {
		t.Fatalf("members %d cadres %d talents %d, want %d %d %d", members, cadres, talents, spec.PartyMembers, spec.Cadres, spec.Talents)
	}
	planted := 0
	for _, idx := range got.Flaws {
		planted += len(idx)
	}
	if want := len(got.Dossiers) / spec.FlawEvery; planted < want-1 || planted > want+1 {
		t.Fatalf("planted %d flaws in %d dossiers, want about %d", planted, len(got.Dossiers), want)
	}
	for _, f := range []Flaw{FlawPartyBefore18, FlawWorkBefore16, FlawResumeGap, FlawResumeOverlap, FlawFullMemberDate, FlawProbationExpiry} {
		if len(got.Flaws[f]) == 0 {
			t.Errorf("no dossier carries flaw %s", f)
		}
	}
}

// TestPlantedFlawsAreFound runs the data-quality audit over a generated
// population: it must find each planted flaw, by its own rule, and nothing
// in the dossiers left clean.
func TestPlantedFlawsAreFound(t *testing.T) {
	orgs := County(1, DefaultCounty)
	got := GeneratePeople(orgs, PeopleSpec{PartyMembers: 3000, Cadres: 350, Talents: 350, FlawEvery: 40}, 11)
	checker := quality.NewChecker(quality.DefaultConfig(), asOf)
	for i := range got.Dossiers {
		got.Dossiers[i].Person.ID = fmt.Sprintf("p%05d", i)
		checker.Add(&got.Dossiers[i])
	}
	found := map[string]map[string]bool{}
	for _, f := range checker.Findings() {
		if found[f.Rule] == nil {
			found[f.Rule] = map[string]bool{}
		}
		found[f.Rule][f.PersonID] = true
	}
	planted := map[string]bool{}
	for flaw, idx := range got.Flaws {
		for _, i := range idx {
			id := got.Dossiers[i].Person.ID
			planted[id] = true
			if !found[string(flaw)][id] {
				t.Errorf("planted %s in %s (dossier %d), the audit did not find it", flaw, id, i)
			}
		}
	}
	for rule, ids := range found {
		for id := range ids {
			if !planted[id] {
				t.Errorf("rule %s fired on %s, where nothing was planted", rule, id)
			}
		}
	}
}
