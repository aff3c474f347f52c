package demo

import (
	"fmt"
	"strings"

	"zugong/internal/org"
)

// perTownship is about how many organisations a township of a Synthetic
// tree holds, which puts about 60 townships in 100,000 organisations.
const perTownship = 1650

// Synthetic generates a tree of exactly n organisations (n ≥ 1) in one county
// jurisdiction, 压测县, for load tests: the county and its committee, about
// n/1650 townships each with its committee, and under them villages (most),
// communities, enterprises and schools, each with a party branch, some with
// a general branch and two to four branches. Names are plausible but plainer
// than County's.
func Synthetic(n int, seed uint64) []org.Org {
	if n <= 0 {
		return nil
	}
	b := newBuilder(seed, n)
	founded := jan1(1949)
	county := b.add(-1, org.Org{Name: "压测县", Kind: org.County, DivisionCode: "419999", FoundedOn: founded})
	if n == 1 {
		return b.orgs
	}
	committee := b.add(county, org.Org{Name: "中共压测县委员会", ShortName: "县委", Kind: org.PartyCommittee, FoundedOn: founded})
	towns := min(max(1, (n+perTownship/2)/perTownship), (n-2)/2)
	if towns == 0 { // n is 2 or 3
		if n == 3 {
			b.add(committee, org.Org{Name: "县直机关党支部", Kind: org.Branch, Sector: org.SectorGovernment, FoundedOn: founded})
		}
		return b.orgs
	}
	budget := n - 2 - 2*towns
	for i := range towns {
		q := budget / towns
		if i < budget%towns {
			q++
		}
		syntheticTown(b, county, committee, i, q)
	}
	return b.orgs
}

// syntheticTown adds township i with its committee and q organisations
// under them.
func syntheticTown(b *builder, county, committee, i, q int) {
	stem := b.pick("town", func() string { return townStem(b) })
	name, code := stem+"镇", fmt.Sprintf("419999%03d", 100+i)
	switch {
	case i >= 200:
		code = ""
	case i >= 100:
		name, code = stem+"乡", fmt.Sprintf("419999%03d", 100+i)
	}
	founded := b.within(b.founded(county), jan1(1950), 8)
	ti := b.add(county, org.Org{Name: name, Kind: org.Township, Sector: org.SectorRural, DivisionCode: code, FoundedOn: founded})
	tp := b.add(ti, org.Org{Name: "中共" + name + "委员会", Kind: org.PartyCommittee, Sector: org.SectorRural,
		PartyParentID: b.id(committee), FoundedOn: founded})
	villages, communities, schools := 0, 0, 0
	unitCode := func(n *int, first, last int) string {
		*n++
		if code == "" || first+*n-1 > last {
			return ""
		}
		return fmt.Sprintf("%s%03d", code, first+*n-1)
	}
	for q > 0 {
		if q == 1 {
			b.add(tp, org.Org{Name: name + "机关党支部", Kind: org.Branch, Sector: org.SectorRural, FoundedOn: founded})
			return
		}
		u := org.Org{Kind: org.Village, Sector: org.SectorRural, FoundedOn: b.within(founded, jan1(1950), 28)}
		switch r := b.rng.IntN(100); {
		case r < 80:
			u.Name = b.pick(b.id(ti), func() string { return villageName(b) })
			u.DivisionCode = unitCode(&villages, 200, 999)
		case r < 88:
			u.Kind, u.Sector = org.Community, org.SectorCommunity
			u.Name = b.pick(b.id(ti), func() string { return strings.TrimSuffix(villageName(b), "村") + "社区" })
			u.DivisionCode = unitCode(&communities, 1, 199)
		case r < 94:
			u.Kind, u.Sector, u.FoundedOn = org.Private, org.SectorNonPublic, b.between(jan1(1995), lastEnterprise)
			u.Name = b.pick(b.id(ti), func() string { return stem + tradeMark(b) + of(b, trades) + "有限公司" })
		default:
			schools++
			u.Kind, u.Sector = org.School, org.SectorSchool
			u.Name = name + "第" + numeral((schools-1)%99+1) + "小学"
		}
		ui := b.add(ti, u)
		// A general branch with its branches takes at most 5 places, so
		// one is set up only where 6 are left: the count stays exact.
		s := single
		if q >= 6 && b.chance(12) {
			s = general
		}
		b.setUp(ui, party{shape: s, prefix: b.orgs[ui].Name, higher: tp, floor: partyFloor(u.Kind, u.FoundedOn), years: 5})
		q -= len(b.orgs) - ui
	}
}
