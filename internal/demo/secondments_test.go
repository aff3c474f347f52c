package demo

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"zugong/internal/org"
	"zugong/internal/secondment"
)

// demoCadres generates a county's cadres and names them p0, p1, … as the
// registry would give them IDs.
func demoCadres(orgs []org.Org) []Trainee {
	var refs []Trainee
	for i, d := range GeneratePeople(orgs, PeopleSpec{Cadres: 400}, 3).Dossiers {
		if d.Cadre != nil {
			refs = append(refs, Trainee{PersonID: fmt.Sprintf("p%d", i), OrgID: d.Person.OrgID})
		}
	}
	return refs
}

func TestSecondments(t *testing.T) {
	orgs := County(1, DefaultCounty)
	cadres := demoCadres(orgs)
	secs := Secondments(orgs, cadres, asOf, 5)
	if again := Secondments(orgs, cadres, asOf, 5); !reflect.DeepEqual(secs, again) {
		t.Fatal("two runs with one seed differ")
	}
	byID := map[string]org.Org{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	home := map[string]string{}
	for _, c := range cadres {
		home[c.PersonID] = c.OrgID
	}
	kinds := map[secondment.Kind]int{}
	outcomes := map[string]int{}
	seen := map[string]bool{}
	for i := range secs {
		s := &secs[i]
		if err := s.CheckHistory(); err != nil {
			t.Fatalf("secondment %d (%s at %s) breaks the rules: %v", i, s.Kind, s.HostUnit, err)
		}
		if seen[s.PersonID] {
			t.Fatalf("%s serves two secondments", s.PersonID)
		}
		seen[s.PersonID] = true
		if s.HomeOrgID != home[s.PersonID] || s.JurisdictionID != orgs[0].ID || s.DecisionDoc == "" {
			t.Errorf("secondment %d: home %s, jurisdiction %s, decision %q", i, s.HomeOrgID, s.JurisdictionID, s.DecisionDoc)
		}
		host := byID[s.HostOrgID]
		switch s.Kind {
		case secondment.FirstSecretary:
			if host.Kind != org.Village || s.HostPost != "驻村第一书记" {
				t.Errorf("first secretary hosted by %s (%s)", host.Name, host.Kind)
			}
		case secondment.Down:
			if host.Kind != org.Township && host.Kind != org.Subdistrict {
				t.Errorf("sent down to %s (%s)", host.Name, host.Kind)
			}
		case secondment.Up:
			if k := byID[s.HomeOrgID].Kind; s.HostOrgID != "" || !strings.Contains(s.HostUnit, "驻马店市") || (k != org.Township && k != org.Subdistrict) {
				t.Errorf("sent up from %s to %s", byID[s.HomeOrgID].Name, s.HostUnit)
			}
		}
		kinds[s.Kind]++
		st := s.StatusOn(asOf)
		switch {
		case s.ExpiresWithin(asOf, secondment.DefaultWarnDays):
			outcomes["expiring"]++
		case len(s.Extensions) > 0 && st == secondment.Active:
			outcomes["extended"]++
		case st == secondment.Active:
			outcomes["active"]++
		case st == secondment.Ended && s.EndOfTerm != nil:
			outcomes["ended"]++
		case st == secondment.ReturnedEarly && s.Return.Reason != "":
			outcomes["returned"]++
		default:
			t.Errorf("secondment %d stands %s on %s", i, st, asOf)
		}
	}
	t.Logf("%d secondments: kinds %v, outcomes on %s %v", len(secs), kinds, asOf, outcomes)
	if n := len(secs); n < 55 || n > 65 {
		t.Errorf("%d secondments, want about 60", n)
	}
	if kinds[secondment.FirstSecretary] < 20 || kinds[secondment.Released] == 0 || kinds[secondment.Up] == 0 || kinds[secondment.Down] == 0 {
		t.Errorf("kinds %v, want about 20 first secretaries and some of every kind", kinds)
	}
	if outcomes["active"] < 25 || outcomes["expiring"] < 3 || outcomes["extended"] < 3 || outcomes["ended"] < 5 || outcomes["returned"] < 3 {
		t.Errorf("outcomes %v: want most running, and some expiring, extended, ended and returned early", outcomes)
	}
}

func TestSecondmentsWithoutCadres(t *testing.T) {
	if got := Secondments(County(1, DefaultCounty), nil, asOf, 5); len(got) != 0 {
		t.Errorf("%d secondments without cadres, want none", len(got))
	}
}
