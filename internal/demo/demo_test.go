package demo_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"zugong/internal/civil"
	"zugong/internal/demo"
	"zugong/internal/org"
)

// asOf is the latest founding date a generated organisation may have.
var asOf = civil.MustParse("2026-11-27")

// signature lists what must not change for a seed: everything but IDs, with
// each parent given by its position.
func signature(orgs []org.Org) []string {
	pos := make(map[string]int, len(orgs))
	out := make([]string, len(orgs))
	for i, o := range orgs {
		pos[o.ID] = i
		parent := -1
		if o.ParentID != "" {
			parent = pos[o.ParentID]
		}
		out[i] = fmt.Sprintf("%d|%d|%s|%s|%s|%s|%s|%s", parent, o.Depth, o.Kind, o.Sector, o.DivisionCode, o.FoundedOn, o.Name, o.ShortName)
	}
	return out
}

func TestCountyIsDeterministic(t *testing.T) {
	a := signature(demo.County(7, demo.DefaultCounty))
	b := signature(demo.County(7, demo.DefaultCounty))
	if !slices.Equal(a, b) {
		i := 0
		for i < min(len(a), len(b)) && a[i] == b[i] {
			i++
		}
		t.Fatalf("same seed, different trees: %d and %d organisations, first difference at %d", len(a), len(b), i)
	}
	if c := signature(demo.County(8, demo.DefaultCounty)); slices.Equal(a, c) {
		t.Fatal("seeds 7 and 8 gave the same tree")
	}
}

func TestSyntheticIsDeterministic(t *testing.T) {
	if !slices.Equal(signature(demo.Synthetic(5000, 3)), signature(demo.Synthetic(5000, 3))) {
		t.Fatal("same seed, different synthetic trees")
	}
	if slices.Equal(signature(demo.Synthetic(5000, 3)), signature(demo.Synthetic(5000, 4))) {
		t.Fatal("seeds 3 and 4 gave the same synthetic tree")
	}
}

// index maps IDs to organisations.
func index(orgs []org.Org) map[string]*org.Org {
	m := make(map[string]*org.Org, len(orgs))
	for i := range orgs {
		m[orgs[i].ID] = &orgs[i]
	}
	return m
}

// serving returns the unit a party organisation serves: its nearest
// ancestor that is not a party organisation.
func serving(byID map[string]*org.Org, o *org.Org) *org.Org {
	for o != nil && o.Kind.Party() {
		o = byID[o.ParentID]
	}
	return o
}

// checkTree checks what SeedOrgs relies on and the store would enforce:
// parents first, paths, depths, jurisdictions, placement, unique sibling
// names, founding dates.
func checkTree(t *testing.T, orgs []org.Org) {
	t.Helper()
	byID := make(map[string]*org.Org, len(orgs))
	names := map[string]bool{}
	for i := range orgs {
		o := &orgs[i]
		if o.ID == "" || byID[o.ID] != nil {
			t.Fatalf("%s: ID %q empty or repeated", o.Name, o.ID)
		}
		if !o.Kind.Valid() || !o.Sector.Valid() || o.Status != org.Active {
			t.Fatalf("%s: kind %q, sector %q, status %q", o.Name, o.Kind, o.Sector, o.Status)
		}
		if o.Name == "" || utf8.RuneCountInString(o.Name) > org.MaxNameLen || utf8.RuneCountInString(o.ShortName) > org.MaxShortLen {
			t.Fatalf("name %q / short name %q empty or too long", o.Name, o.ShortName)
		}
		if o.FoundedOn.IsZero() || o.FoundedOn.After(asOf) {
			t.Fatalf("%s founded on %s, want a day up to %s", o.Name, o.FoundedOn, asOf)
		}
		if key := o.ParentID + "/" + o.Name; names[key] {
			t.Fatalf("two organisations named %s under one parent", o.Name)
		} else {
			names[key] = true
		}
		if o.ParentID == "" {
			if !o.Kind.Jurisdictional() || o.Path != "/"+o.ID+"/" || o.Depth != 0 || o.JurisdictionID != o.ID {
				t.Fatalf("root %s: kind %s, path %s, depth %d, jurisdiction %s", o.Name, o.Kind, o.Path, o.Depth, o.JurisdictionID)
			}
			byID[o.ID] = o
			continue
		}
		p := byID[o.ParentID]
		if p == nil {
			t.Fatalf("%s comes before its parent", o.Name)
		}
		if want := p.Path + o.ID + "/"; o.Path != want || o.Depth != p.Depth+1 {
			t.Fatalf("%s: path %s depth %d, want %s depth %d", o.Name, o.Path, o.Depth, want, p.Depth+1)
		}
		want := p.JurisdictionID
		if o.Kind.Jurisdictional() {
			want = o.ID
		}
		if o.JurisdictionID != want {
			t.Fatalf("%s: jurisdiction %s, want %s", o.Name, o.JurisdictionID, want)
		}
		if !o.Kind.CanSitUnder(p.Kind) {
			t.Fatalf("%s (%s) may not sit under %s (%s)", o.Name, o.Kind, p.Name, p.Kind)
		}
		// A county may be older than the city set up above it.
		if o.FoundedOn.Before(p.FoundedOn) && !o.Kind.Jurisdictional() {
			t.Fatalf("%s founded %s, before its parent %s (%s)", o.Name, o.FoundedOn, p.Name, p.FoundedOn)
		}
		if o.PartyParentID != "" {
			pp := byID[o.PartyParentID]
			if !o.Kind.Party() || pp == nil || !pp.Kind.Party() || pp.JurisdictionID != o.JurisdictionID {
				t.Fatalf("%s: higher party organisation %q is not an earlier party organisation of its jurisdiction", o.Name, o.PartyParentID)
			}
		}
		if o.Kind.Party() && p.Kind.Party() && o.PartyParentID != p.ID {
			t.Fatalf("%s sits under %s but names %q as its higher organisation", o.Name, p.Name, o.PartyParentID)
		}
		byID[o.ID] = o
	}
}

// unitSectors is the sector of each kind of unit.
var unitSectors = map[org.Kind]org.Sector{
	org.City: org.SectorNone, org.County: org.SectorNone,
	org.Township: org.SectorRural, org.Subdistrict: org.SectorCommunity,
	org.Village: org.SectorRural, org.Community: org.SectorCommunity,
	org.Office: org.SectorGovernment, org.Institution: org.SectorInstitution, org.School: org.SectorSchool,
	org.StateOwned: org.SectorStateOwned, org.Private: org.SectorNonPublic, org.Social: org.SectorSocial,
}

// checkSectors checks that units have their kind's sector and party
// organisations the sector of the unit they serve. A joint branch serves the
// enterprises or social organisations it covers (checked in checkParty); the
// county's own committees serve the county (none) or its offices.
func checkSectors(t *testing.T, orgs []org.Org) {
	t.Helper()
	byID := index(orgs)
	for i := range orgs {
		o := &orgs[i]
		if !o.Kind.Party() {
			if o.Sector != unitSectors[o.Kind] {
				t.Fatalf("%s (%s): sector %q, want %q", o.Name, o.Kind, o.Sector, unitSectors[o.Kind])
			}
			continue
		}
		u := serving(byID, o)
		switch {
		case o.Kind == org.JointBranch:
		case u.Kind.Jurisdictional():
			if o.Sector != org.SectorNone && o.Sector != org.SectorGovernment {
				t.Fatalf("%s under %s: sector %q", o.Name, u.Name, o.Sector)
			}
		case o.Sector != u.Sector:
			t.Fatalf("%s: sector %q, want %q of %s", o.Name, o.Sector, u.Sector, u.Name)
		}
		if o.FoundedOn.Before(u.FoundedOn) {
			t.Fatalf("%s founded %s, before %s (%s)", o.Name, o.FoundedOn, u.Name, u.FoundedOn)
		}
	}
}

// checkParty checks that every unit has a party organisation of its own or is
// covered by a joint branch of its parent, a joint branch covering two to
// five units of its own sector (DOMAIN.md §3).
func checkParty(t *testing.T, orgs []org.Org) {
	t.Helper()
	byID := index(orgs)
	hasParty := map[string]bool{}
	joints := map[string][]*org.Org{}
	for i := range orgs {
		o := &orgs[i]
		if !o.Kind.Party() {
			continue
		}
		hasParty[o.ParentID] = true
		if o.Kind == org.JointBranch {
			u := serving(byID, o)
			joints[u.ID] = append(joints[u.ID], o)
		}
	}
	uncovered := map[string][]*org.Org{}
	for i := range orgs {
		o := &orgs[i]
		switch o.Kind {
		case org.City, org.County, org.Township, org.Subdistrict:
			if !hasParty[o.ID] {
				t.Fatalf("%s has no party committee", o.Name)
			}
		case org.Private, org.Social:
			if !hasParty[o.ID] {
				uncovered[o.ParentID] = append(uncovered[o.ParentID], o)
			}
		default:
			if !o.Kind.Party() && !hasParty[o.ID] {
				t.Fatalf("%s (%s) has no party organisation", o.Name, o.Kind)
			}
		}
	}
	for parent, units := range uncovered {
		js := joints[parent]
		if len(js) == 0 || len(units) > 5*len(js) || len(units) < 2*len(js) {
			t.Fatalf("%d units under %s without a branch share %d joint branches, want 2–5 each", len(units), byID[parent].Name, len(js))
		}
		for _, u := range units {
			for _, j := range js {
				if j.Sector != u.Sector {
					t.Fatalf("joint branch %s (%s) covers %s (%s)", j.Name, j.Sector, u.Name, u.Sector)
				}
			}
		}
	}
	for parent, js := range joints {
		if len(uncovered[parent]) == 0 {
			t.Fatalf("joint branch %s covers no unit", js[0].Name)
		}
	}
}

// checkCodes checks division codes: valid, unique, the county's own on the
// county, 9 digits under it on townships and 12 under those on villages and
// communities, none elsewhere.
func checkCodes(t *testing.T, orgs []org.Org) {
	t.Helper()
	byID := index(orgs)
	seen := map[string]string{}
	for i := range orgs {
		o := &orgs[i]
		var want int
		switch o.Kind {
		case org.City, org.County:
			want = 6
		case org.Township, org.Subdistrict:
			want = 9
		case org.Village, org.Community:
			want = 12
		}
		if want == 0 {
			if o.DivisionCode != "" {
				t.Fatalf("%s (%s) has division code %s", o.Name, o.Kind, o.DivisionCode)
			}
			continue
		}
		if len(o.DivisionCode) != want || !org.ValidDivisionCode(o.DivisionCode) {
			t.Fatalf("%s (%s): division code %q, want %d valid digits", o.Name, o.Kind, o.DivisionCode, want)
		}
		if other, dup := seen[o.DivisionCode]; dup {
			t.Fatalf("%s and %s share division code %s", o.Name, other, o.DivisionCode)
		}
		seen[o.DivisionCode] = o.Name
		if want > 6 {
			if p := byID[o.ParentID]; !strings.HasPrefix(o.DivisionCode, p.DivisionCode) {
				t.Fatalf("%s: code %s not under %s's %s", o.Name, o.DivisionCode, p.Name, p.DivisionCode)
			}
		}
	}
}

// family counts the units of a county by the brief's families.
type family struct {
	towns, villages, offices, enterprises, total int
}

func families(orgs []org.Org) family {
	var f family
	for _, o := range orgs {
		switch o.Kind {
		case org.Township, org.Subdistrict:
			f.towns++
		case org.Village, org.Community:
			f.villages++
		case org.Office, org.Institution, org.School:
			f.offices++
		case org.StateOwned, org.Private, org.Social:
			f.enterprises++
		}
	}
	f.total = len(orgs)
	return f
}

func checkCounts(t *testing.T, name string, orgs []org.Org) {
	t.Helper()
	f := families(orgs)
	ranges := []struct {
		what     string
		got      int
		min, max int
	}{
		{"townships and subdistricts", f.towns, 18, 22},
		{"villages and communities", f.villages, 380, 420},
		{"offices, institutions and schools", f.offices, 140, 160},
		{"enterprises and social organisations", f.enterprises, 190, 210},
		{"organisations", f.total, 1500, 2500},
	}
	for _, r := range ranges {
		if r.got < r.min || r.got > r.max {
			t.Errorf("%s: %d %s, want %d–%d", name, r.got, r.what, r.min, r.max)
		}
	}
}

func TestCounty(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			orgs := demo.County(seed, demo.DefaultCounty)
			checkTree(t, orgs)
			checkSectors(t, orgs)
			checkParty(t, orgs)
			checkCodes(t, orgs)
			checkCounts(t, demo.DefaultCounty.Name, orgs)
			if orgs[0].Name != "正阳县" || orgs[0].DivisionCode != "411724" || orgs[0].Kind != org.County {
				t.Fatalf("root %s %s %s, want county 正阳县 411724", orgs[0].Name, orgs[0].Kind, orgs[0].DivisionCode)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	orgs := demo.County(1, demo.DefaultCounty)
	s := demo.Summarize(orgs)
	if s.Root.ID != orgs[0].ID || s.County.ID != orgs[0].ID {
		t.Fatalf("root %s, county %s; want %s", s.Root.Name, s.County.Name, orgs[0].Name)
	}
	if s.Township.Name != "真阳镇" || s.Township.DivisionCode != "411724100" || s.Township.ParentID != s.County.ID {
		t.Fatalf("township %s %s, want 真阳镇 411724100 under the county", s.Township.Name, s.Township.DivisionCode)
	}
	byID := index(orgs)
	v := byID[s.Branch.ParentID]
	if s.Branch.Kind != org.Branch || v == nil || v.Kind != org.Village || v.ParentID != s.Township.ID {
		t.Fatalf("branch %s (%s) is not a village branch of %s", s.Branch.Name, s.Branch.Kind, s.Township.Name)
	}
	sum := 0
	for _, n := range s.Counts {
		sum += n
	}
	if sum != len(orgs) || s.Total != len(orgs) || s.Counts[org.County] != 1 {
		t.Fatalf("counts %v add to %d, total %d; want %d with one county", s.Counts, sum, s.Total, len(orgs))
	}
	if empty := demo.Summarize(nil); empty.Total != 0 || empty.Root.ID != "" {
		t.Fatalf("summary of nothing: %+v", empty)
	}
}

func TestParseScale(t *testing.T) {
	tests := map[string]demo.Scale{"": demo.ScaleCounty, "county": demo.ScaleCounty, "city": demo.ScaleCity}
	for in, want := range tests {
		if got, err := demo.ParseScale(in); err != nil || got != want {
			t.Errorf("ParseScale(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"province", "County", " city"} {
		if _, err := demo.ParseScale(in); !errors.Is(err, demo.ErrScale) {
			t.Errorf("ParseScale(%q) error %v, want ErrScale", in, err)
		}
	}
}

func TestCity(t *testing.T) {
	orgs := demo.Generate(demo.ScaleCity, 5)
	checkTree(t, orgs)
	checkSectors(t, orgs)
	checkParty(t, orgs)
	root := orgs[0]
	if root.Kind != org.City || root.Name != "驻马店市" || root.DivisionCode != "411700" {
		t.Fatalf("root %s %s %s, want city 驻马店市 411700", root.Name, root.Kind, root.DivisionCode)
	}
	byJurisdiction := map[string][]org.Org{}
	for _, o := range orgs {
		byJurisdiction[o.JurisdictionID] = append(byJurisdiction[o.JurisdictionID], o)
	}
	if n := len(byJurisdiction[root.ID]); n != 2 {
		t.Fatalf("the city's jurisdiction holds %d organisations, want the city and its committee", n)
	}
	var counties []org.Org
	for _, o := range orgs {
		if o.Kind == org.County {
			counties = append(counties, o)
		}
	}
	if len(counties) != len(demo.Zhumadian.Counties) || len(counties) != 10 {
		t.Fatalf("%d counties, want 10", len(counties))
	}
	townships := map[string]string{}
	for i, c := range counties {
		spec := demo.Zhumadian.Counties[i]
		if c.Name != spec.Name || c.DivisionCode != spec.Code || c.ParentID != root.ID || c.JurisdictionID != c.ID {
			t.Fatalf("county %d: %s %s under %s in %s, want %s %s, its own jurisdiction under the city",
				i, c.Name, c.DivisionCode, c.ParentID, c.JurisdictionID, spec.Name, spec.Code)
		}
		sub := byJurisdiction[c.ID]
		checkCodes(t, sub)
		checkCounts(t, c.Name, sub)
		var names []string
		for _, o := range sub {
			if o.Kind == org.Township || o.Kind == org.Subdistrict {
				names = append(names, o.Name)
			}
		}
		key := strings.Join(names, ",")
		if other, ok := townships[key]; ok {
			t.Fatalf("%s and %s have the same townships", other, c.Name)
		}
		townships[key] = c.Name
	}
}

func TestSynthetic(t *testing.T) {
	const n = 100_000
	orgs := demo.Synthetic(n, 1)
	if got := len(orgs); got < n*95/100 || got > n*105/100 {
		t.Fatalf("Synthetic(%d) made %d organisations, want within 5%%", n, got)
	}
	checkTree(t, orgs)
	checkSectors(t, orgs)
	checkParty(t, orgs)
	towns := 0
	for _, o := range orgs {
		if o.Kind == org.Township {
			towns++
		}
		if o.JurisdictionID != orgs[0].ID {
			t.Fatalf("%s in jurisdiction %s, want the county's", o.Name, o.JurisdictionID)
		}
	}
	if towns < 50 || towns > 70 {
		t.Fatalf("%d townships, want about 60", towns)
	}
	for _, small := range []int{1, 2, 3, 4, 7, 100} {
		got := demo.Synthetic(small, 1)
		if len(got) != small {
			t.Fatalf("Synthetic(%d) made %d organisations", small, len(got))
		}
		checkTree(t, got)
	}
	if got := demo.Synthetic(0, 1); len(got) != 0 {
		t.Fatalf("Synthetic(0) made %d organisations", len(got))
	}
}

func BenchmarkSynthetic(b *testing.B) {
	for b.Loop() {
		demo.Synthetic(100_000, 1)
	}
}

func BenchmarkCounty(b *testing.B) {
	for b.Loop() {
		demo.County(1, demo.DefaultCounty)
	}
}
