package demo

import (
	"fmt"

	"zugong/internal/civil"
	"zugong/internal/org"
)

// minNumbered is how many numbered schools every county has at least.
const minNumbered = 6

// lastEnterprise is the last day an enterprise or social organisation may be
// founded.
var lastEnterprise = jan1(2025).AddDays(-1)

// emitOffices adds the county's offices, institutions and schools: every
// must-have, a random choice of the others, and numbered schools to make up
// the planned count. Supervising offices come before the units under them.
func (g *countyGen) emitOffices() {
	var all []template
	all = append(append(append(all, offices...), institutions...), schools...)
	chosen := g.choose(all, g.offices-minNumbered)
	byName := map[string]int{}
	families := []struct {
		list   []template
		kind   org.Kind
		sector org.Sector
	}{
		{offices, org.Office, org.SectorGovernment},
		{institutions, org.Institution, org.SectorInstitution},
		{schools, org.School, org.SectorSchool},
	}
	for _, f := range families {
		for _, t := range f.list {
			if chosen[t.name] {
				g.unit(t, f.kind, f.sector, byName, g.organs, asOf)
			}
		}
	}
	g.numberedSchools(g.offices-len(chosen), byName)
}

// numberedSchools adds n schools of the numbered series (第一小学, 第二小学…),
// more primary schools than junior ones or kindergartens.
func (g *countyGen) numberedSchools(n int, byName map[string]int) {
	counts, room := make([]int, len(series)), 0
	for _, s := range series {
		room += s.max
	}
	cycle := []int{0, 0, 1, 1, 2}
	for i := range min(n, room) {
		s := cycle[i%len(cycle)]
		for counts[s] >= series[s].max {
			s = (s + 1) % len(series)
		}
		counts[s]++
	}
	for s, k := range counts {
		for j := range k {
			format := fmt.Sprintf(series[s].format, "%s", numeral(j+1))
			g.unit(template{name: format, year: series[s].year + 4*j, under: education}, org.School, org.SectorSchool, byName, g.organs, asOf)
		}
	}
}

// choose returns the names of every must-have template and of a random
// choice of the others, n in all when there are enough.
func (g *countyGen) choose(ts []template, n int) map[string]bool {
	chosen := map[string]bool{}
	var optional []string
	for _, t := range ts {
		if t.must {
			chosen[t.name] = true
		} else {
			optional = append(optional, t.name)
		}
	}
	g.rng.Shuffle(len(optional), func(i, j int) { optional[i], optional[j] = optional[j], optional[i] })
	for _, name := range optional[:max(0, min(len(optional), n-len(chosen)))] {
		chosen[name] = true
	}
	return chosen
}

// unit adds a county-level unit from its template, under its supervising
// office when that exists, with the party organisation its size calls for.
func (g *countyGen) unit(t template, kind org.Kind, sector org.Sector, byName map[string]int, higher int, until civil.Date) int {
	name, short := t.names(g.spec.Name, g.level)
	parent := g.county
	if i, ok := byName[t.under]; ok {
		parent = i
	}
	lo := later(g.founded(parent), jan1(t.year))
	hi := lo.AddDays(5 * 365)
	if hi.After(until) {
		hi = until
	}
	i := g.add(parent, org.Org{Name: name, ShortName: short, Kind: kind, Sector: sector, FoundedOn: g.between(lo, hi)})
	byName[t.name] = i
	s := single
	switch t.size {
	case medium:
		s = g.generalIf(60)
	case large:
		s = committee
	}
	prefix := name
	if kind == org.Office && s != committee {
		prefix += "机关"
	}
	g.setUp(i, party{shape: s, prefix: prefix, labels: t.labels, higher: higher, floor: partyFloor(kind, g.founded(i)), years: 2})
	return i
}

// partyFloor is the earliest a unit's party organisation is founded: with
// the unit, but in private enterprises and social organisations only since
// party building reached them.
func partyFloor(kind org.Kind, founded civil.Date) civil.Date {
	switch kind {
	case org.Private:
		return later(founded, jan1(2005))
	case org.Social:
		return later(founded, jan1(2010))
	}
	return founded
}

// emitEnterprises adds the county's state enterprises, the private
// enterprises registered at county level (each with a party organisation of
// its own), county-wide social organisations and law firms.
func (g *countyGen) emitEnterprises() {
	byName := map[string]int{}
	chosen := g.choose(stateEnterprises, g.state)
	for _, t := range stateEnterprises {
		if chosen[t.name] {
			g.unit(t, org.StateOwned, org.SectorStateOwned, byName, g.committee, lastEnterprise)
		}
	}
	for range g.private {
		name := g.companyName()
		ei := g.add(g.county, org.Org{Name: name, Kind: org.Private, Sector: org.SectorNonPublic,
			FoundedOn: g.between(later(g.founded(g.county), jan1(1995)), lastEnterprise)})
		g.setUp(ei, party{shape: g.generalIf(25), prefix: name, higher: g.committee, floor: partyFloor(org.Private, g.founded(ei)), years: 4})
	}
	chosen = g.choose(socialOrgs, g.social)
	for _, t := range socialOrgs {
		if chosen[t.name] {
			g.unit(t, org.Social, org.SectorSocial, byName, g.committee, lastEnterprise)
		}
	}
	for range g.lawFirms {
		name := g.pick("company:"+g.spec.Code, func() string { return "河南" + tradeMark(g.builder) + "律师事务所" })
		fi := g.add(g.county, org.Org{Name: name, Kind: org.Social, Sector: org.SectorSocial,
			FoundedOn: g.between(later(g.founded(g.county), jan1(1995)), jan1(2020))})
		g.setUp(fi, party{prefix: name, higher: g.committee, floor: partyFloor(org.Social, g.founded(fi)), years: 4})
	}
}
