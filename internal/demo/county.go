package demo

import (
	"fmt"
	"hash/fnv"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/org"
)

// CountySpec names a county-level unit to generate.
type CountySpec struct {
	Name string // 正阳县; a name ending in 区 is a district, named so throughout
	Code string // GB/T 2260 code, 411724
	Seat string // the county town's name without 镇 (真阳); drawn when empty
}

// CitySpec names a prefecture-level city and its county-level units.
type CitySpec struct {
	Name     string
	Code     string
	Counties []CountySpec
}

// DefaultCounty is the county of the demo.
var DefaultCounty = CountySpec{Name: "正阳县", Code: "411724", Seat: "真阳"}

// Zhumadian is 驻马店市 with its ten county-level units. The seats are the
// old town names of today's seat subdistricts; 驿城区 has no town seat.
var Zhumadian = CitySpec{Name: "驻马店市", Code: "411700", Counties: []CountySpec{
	{Name: "驿城区", Code: "411702"},
	{Name: "西平县", Code: "411721", Seat: "柏城"},
	{Name: "上蔡县", Code: "411722", Seat: "蔡都"},
	{Name: "平舆县", Code: "411723", Seat: "古槐"},
	DefaultCounty,
	{Name: "确山县", Code: "411725", Seat: "盘龙"},
	{Name: "泌阳县", Code: "411726", Seat: "泌水"},
	{Name: "汝南县", Code: "411727", Seat: "汝宁"},
	{Name: "遂平县", Code: "411728", Seat: "灈阳"},
	{Name: "新蔡县", Code: "411729", Seat: "古吕"},
}}

// County generates one county shaped like a Henan county: about 20
// townships and subdistricts, 400 villages and communities, 150 offices,
// institutions and schools, 200 enterprises and social organisations, and
// the party organisations of each — about 1,800 organisations, parents
// first, ready for store.DB.SeedOrgs. The same seed gives the same names,
// kinds, codes and dates in the same order; IDs are new on every call.
func County(seed uint64, c CountySpec) []org.Org {
	b := newBuilder(seed, 2500)
	newCountyGen(b, c).build(-1)
	return b.orgs
}

// City generates a city with its party committee and each of its counties
// as County would from a seed derived from seed and the county's code; each
// county is a jurisdiction of its own.
func City(seed uint64, c CitySpec) []org.Org {
	b := newBuilder(seed, 2000*len(c.Counties)+2)
	founded := b.between(jan1(2000), jan1(2000).AddDays(364))
	city := b.add(-1, org.Org{Name: c.Name, Kind: org.City, DivisionCode: c.Code, FoundedOn: founded})
	b.add(city, org.Org{Name: "中共" + c.Name + "委员会", ShortName: "市委", Kind: org.PartyCommittee,
		FoundedOn: b.between(founded, founded.AddDays(60))})
	for _, cs := range c.Counties {
		b.rng = newRand(countySeed(seed, cs.Code))
		newCountyGen(b, cs).build(city)
	}
	return b.orgs
}

// countySeed derives a county's seed from the city's (splitmix64 of the
// seed mixed with the code), so each county keeps its tree when the others
// change.
func countySeed(seed uint64, code string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(code))
	z := seed ^ h.Sum64()
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// countyGen plans a county's numbers first, then emits its tree.
type countyGen struct {
	*builder
	spec  CountySpec
	level string // 县, 区 or 市: how the county's organs are named
	stem  string // the name without its level, for company names
	towns []town
	// How many county-level units of each family to emit.
	offices, state, social, lawFirms, private int
	// Indexes of the county, 县委 and 县直机关工委.
	county, committee, organs int
}

type town struct {
	name, code string
	kind       org.Kind
	seat       bool
	junior     bool  // has a junior middle school of its own
	community  []int // per community, how many social organisations it hosts
	villages   int
	private    int
}

func newCountyGen(b *builder, c CountySpec) *countyGen {
	r := []rune(c.Name)
	return &countyGen{builder: b, spec: c, level: string(r[len(r)-1]), stem: string(r[:len(r)-1])}
}

func (g *countyGen) district() bool { return g.level == "区" }

func (g *countyGen) build(parent int) {
	g.planTowns()
	g.planCounts()
	g.emitCounty(parent)
	for i := range g.towns {
		g.emitTown(&g.towns[i])
	}
	g.emitOffices()
	g.emitEnterprises()
}

// planTowns draws 18–22 townships and subdistricts: the county town first
// (…100), subdistricts (…001), towns (…101) and 乡 (…200).
func (g *countyGen) planTowns() {
	n := g.span(18, 22)
	subs := g.span(2, 3)
	if g.district() {
		subs = n / 2
	}
	scope := "town:" + g.spec.Code
	seat := g.spec.Seat
	if seat == "" {
		seat = townStem(g.builder)
	}
	seat = g.pick(scope, func() string { return seat })
	g.towns = append(g.towns, town{name: seat + "镇", kind: org.Township, seat: true, code: g.spec.Code + "100"})
	for i := range subs {
		stem := g.pick(scope, func() string { return of(g.builder, subdistrictStems) })
		g.towns = append(g.towns, town{name: stem + "街道", kind: org.Subdistrict, code: fmt.Sprintf("%s%03d", g.spec.Code, i+1)})
	}
	rest := n - 1 - subs
	zhen := min(rest, (rest+1)/2+g.span(0, 2))
	for i := range rest {
		stem := g.pick(scope, func() string { return townStem(g.builder) })
		t := town{name: stem + "镇", kind: org.Township, code: fmt.Sprintf("%s%03d", g.spec.Code, 101+i)}
		if i >= zhen {
			t.name, t.code = stem+"乡", fmt.Sprintf("%s%03d", g.spec.Code, 200+i-zhen)
		}
		g.towns = append(g.towns, t)
	}
	g.planVillages()
}

// planVillages draws 385–415 villages and communities: the county town and
// subdistricts have most communities (some hosting social organisations),
// towns one or two, 乡 one at most; villages are spread over the townships.
func (g *countyGen) planVillages() {
	communities, weights, total := 0, make([]int, len(g.towns)), 0
	for i := range g.towns {
		t := &g.towns[i]
		urban := t.seat || t.kind == org.Subdistrict
		var k int
		switch {
		case t.seat:
			k = g.span(4, 7)
		case t.kind == org.Subdistrict && g.district():
			k = g.span(3, 6)
		case t.kind == org.Subdistrict:
			k = g.span(4, 8)
		case strings.HasSuffix(t.name, "镇"):
			k = g.span(1, 2)
		default:
			k = g.span(0, 1)
		}
		for range k {
			socials := 0
			if urban && g.chance(40) {
				socials = g.span(2, 3)
			}
			t.community = append(t.community, socials)
		}
		communities += k
		if t.kind == org.Township {
			weights[i] = g.span(6, 14)
			total += weights[i]
		}
		t.junior = t.kind == org.Township && g.chance(50)
	}
	villages := g.span(385, 415) - communities
	left := villages
	for i := range g.towns {
		g.towns[i].villages = villages * weights[i] / total
		left -= g.towns[i].villages
	}
	for i := 0; left > 0; i = (i + 1) % len(g.towns) {
		if weights[i] > 0 {
			g.towns[i].villages++
			left--
		}
	}
}

// planCounts fixes how many offices, institutions and schools (145–155 with
// those of the townships) and enterprises and social organisations (195–205
// with those of the communities) the county has, and spreads private
// enterprises over the townships, the county town taking most.
func (g *countyGen) planCounts() {
	local, socials := 0, 0
	for _, t := range g.towns {
		local++
		if t.kind == org.Township {
			local++
			if t.junior {
				local++
			}
		}
		for _, s := range t.community {
			socials += s
		}
	}
	g.offices = g.span(145, 155) - local
	g.state = g.span(10, 14)
	g.social = g.span(14, 19)
	g.lawFirms = g.span(2, 3)
	private := g.span(195, 205) - g.state - g.social - g.lawFirms - socials
	g.private = private * 15 / 100
	weights, total := make([]int, len(g.towns)), 0
	for i, t := range g.towns {
		switch {
		case t.seat:
			weights[i] = 6
		case t.kind == org.Subdistrict || strings.HasSuffix(t.name, "镇"):
			weights[i] = 3
		default:
			weights[i] = 2
		}
		total += weights[i]
	}
	for range private - g.private {
		r := g.rng.IntN(total)
		for i, w := range weights {
			if r < w {
				g.towns[i].private++
				break
			}
			r -= w
		}
	}
}

func (g *countyGen) emitCounty(parent int) {
	lo := jan1(1949)
	if g.district() {
		lo = jan1(1983)
	}
	founded := g.between(lo, lo.AddDays(364))
	g.county = g.add(parent, org.Org{Name: g.spec.Name, Kind: org.County, DivisionCode: g.spec.Code, FoundedOn: founded})
	g.committee = g.add(g.county, org.Org{Name: "中共" + g.spec.Name + "委员会", ShortName: g.level + "委",
		Kind: org.PartyCommittee, FoundedOn: g.between(founded, founded.AddDays(60))})
	g.organs = g.add(g.committee, org.Org{Name: "中共" + g.spec.Name + "直属机关工作委员会", ShortName: g.level + "直机关工委",
		Kind: org.PartyCommittee, Sector: org.SectorGovernment, FoundedOn: g.within(g.founded(g.committee), jan1(1953), 8)})
}

func (g *countyGen) emitTown(t *town) {
	sector, founded := org.SectorRural, g.within(g.founded(g.county), jan1(1950), 8)
	partyName, partyShort := "中共"+t.name+"委员会", t.name+"党委"
	if t.kind == org.Subdistrict {
		sector, founded = org.SectorCommunity, g.within(g.founded(g.county), jan1(1995), 20)
		partyName, partyShort = "中共"+t.name+"工作委员会", t.name+"党工委"
	}
	ti := g.add(g.county, org.Org{Name: t.name, Kind: t.kind, Sector: sector, DivisionCode: t.code, FoundedOn: founded})
	tp := g.add(ti, org.Org{Name: partyName, ShortName: partyShort, Kind: org.PartyCommittee, Sector: sector,
		PartyParentID: g.id(g.committee), FoundedOn: g.between(founded, founded.AddDays(90))})

	for i, socials := range t.community {
		ci := g.add(ti, org.Org{Name: g.communityName(t, ti), Kind: org.Community, Sector: org.SectorCommunity,
			DivisionCode: fmt.Sprintf("%s%03d", t.code, i+1), FoundedOn: g.within(founded, jan1(1985), 30)})
		g.setUp(ci, party{shape: g.generalIf(30), prefix: g.orgs[ci].Name, higher: tp, floor: g.founded(ci), years: 3})
		if socials > 0 {
			g.communitySocials(ci, tp, socials)
		}
	}
	for i := range t.villages {
		name := g.pick(g.id(ti), func() string { return villageName(g.builder) })
		vi := g.add(ti, org.Org{Name: name, Kind: org.Village, Sector: org.SectorRural,
			DivisionCode: fmt.Sprintf("%s%03d", t.code, 200+i), FoundedOn: g.within(founded, jan1(1950), 28)})
		g.setUp(vi, party{shape: g.generalIf(12), prefix: name, higher: tp, floor: g.founded(vi), years: 5})
	}
	g.emitServices(t, ti, tp)
	g.emitPrivate(ti, tp, t.private)
}

// communityName names a community: from the town pool, unique in the county,
// in the county town and subdistricts; after the township elsewhere.
func (g *countyGen) communityName(t *town, ti int) string {
	if t.seat || t.kind == org.Subdistrict {
		return g.pick("community:"+g.spec.Code, func() string { return urbanCommunity(g.builder) })
	}
	stem := strings.TrimRight(t.name, "镇乡")
	return g.pick(g.id(ti), func() string {
		return stem + of(g.builder, []string{"", "东街", "西街", "南街", "北街", "新街"}) + "社区"
	})
}

// communitySocials adds n social organisations to a community and the
// joint branch that covers them.
func (g *countyGen) communitySocials(ci, tp, n int) {
	com := g.orgs[ci].Name
	var last civil.Date
	for range n {
		label := g.pick(g.id(ci), func() string { return of(g.builder, communitySocials) })
		si := g.add(ci, org.Org{Name: com + label, Kind: org.Social, Sector: org.SectorSocial,
			FoundedOn: g.between(later(g.founded(ci), jan1(2010)), lastEnterprise)})
		last = later(last, g.founded(si))
	}
	g.add(ci, org.Org{Name: com + "社会组织联合党支部", Kind: org.JointBranch, Sector: org.SectorSocial,
		PartyParentID: g.id(tp), FoundedOn: g.within(last, jan1(2016), 2)})
}

// emitServices adds a township's health centre and schools, or a
// subdistrict's community health service centre.
func (g *countyGen) emitServices(t *town, ti, tp int) {
	founded := g.founded(ti)
	unit := func(name string, kind org.Kind, sector org.Sector, from civil.Date, years int, s shape) {
		i := g.add(ti, org.Org{Name: name, Kind: kind, Sector: sector, FoundedOn: g.within(founded, from, years)})
		g.setUp(i, party{shape: s, prefix: name, higher: tp, floor: g.founded(i), years: 3})
	}
	if t.kind == org.Subdistrict {
		unit(t.name+"社区卫生服务中心", org.Institution, org.SectorInstitution, jan1(2000), 20, single)
		return
	}
	centre := t.name + "卫生院"
	if t.seat || g.chance(30) {
		centre = t.name + "中心卫生院"
	}
	unit(centre, org.Institution, org.SectorInstitution, jan1(1952), 20, single)
	unit(t.name+"中心学校", org.School, org.SectorSchool, jan1(1956), 30, g.generalIf(40))
	if t.junior {
		name := t.name + "初级中学"
		if g.chance(50) {
			name = t.name + "第一初级中学"
		}
		unit(name, org.School, org.SectorSchool, jan1(1958), 40, single)
	}
}

// companyName draws a private enterprise name unique in the county.
func (g *countyGen) companyName() string {
	return g.pick("company:"+g.spec.Code, func() string { return companyName(g.builder, g.spec.Name, g.stem) })
}

// emitPrivate adds n private enterprises under a township. The larger ones
// (about 45%) have a branch of their own; the others share 联合党支部 of up to
// five enterprises each, set up under the township.
func (g *countyGen) emitPrivate(ti, tp, n int) {
	var smalls []int
	for range n {
		name := g.companyName()
		ei := g.add(ti, org.Org{Name: name, Kind: org.Private, Sector: org.SectorNonPublic,
			FoundedOn: g.between(later(g.founded(ti), jan1(1995)), jan1(2025).AddDays(-1))})
		if g.chance(45) {
			g.setUp(ei, party{shape: g.generalIf(10), prefix: name, higher: tp, floor: jan1(2005), years: 4})
		} else {
			smalls = append(smalls, ei)
		}
	}
	if len(smalls) == 1 {
		g.setUp(smalls[0], party{prefix: g.orgs[smalls[0]].Name, higher: tp, floor: jan1(2005), years: 4})
		return
	}
	count := len(smalls)
	groups := (count + 4) / 5
	for k := range groups {
		size := count / groups
		if k < count%groups {
			size++
		}
		var last civil.Date
		for _, ei := range smalls[:size] {
			last = later(last, g.founded(ei))
		}
		smalls = smalls[size:]
		g.add(ti, org.Org{Name: g.orgs[ti].Name + "非公企业第" + numeral(k+1) + "联合党支部", Kind: org.JointBranch,
			Sector: org.SectorNonPublic, PartyParentID: g.id(tp), FoundedOn: g.within(last, jan1(2008), 3)})
	}
}
