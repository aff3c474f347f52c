package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"zugong/internal/civil"
	"zugong/internal/creditcode"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/store"
	"zugong/internal/talent"
)

// TalentRef is a talent of the pool as the talent work demo takes it: the
// person's ID and organisation and what of their talent facet the work
// draws on. PublicEmployee marks a talent whose leaving their post (离岗)
// needs their home unit's approval.
type TalentRef struct {
	PersonID       string
	OrgID          string
	Category       person.TalentCategory
	Skills         []person.Skill
	Forms          []person.FlowForm
	PublicEmployee bool
}

// TalentWork is a generated talent work of a county: the project market
// with its applications and invitations, and what talents did — their
// engagements, the entities they founded and the services they rendered.
// Every record has its ID, so that engagements and applications name their
// project or entity.
type TalentWork struct {
	Projects     []talent.Project
	Engagements  []talent.Engagement
	Entities     []talent.Entity
	Services     []talent.Service
	Applications []talent.Application
	// Verified says, per service, whether staff verified it; only verified
	// services count in the figures.
	Verified []bool
	// ApplicationOf names, per engagement, the accepted application it
	// came from, or is empty for an engagement recorded directly.
	ApplicationOf []string
}

// The article's proportions for a pool of about 3,500 talents: 3,467 take
// part in a year, 430 entities are founded, 56,000 person-times served,
// over 300 projects.
const (
	takingPartShare   = 3467.0 / 3500
	entitiesPerTalent = 0.124
	personTimesPer    = 16
	projectsPerTalent = 300.0 / 3500
)

// GenerateTalentWork makes the talent work of county over the year of
// asOf, with some of the year before: about 99 in 100 talents take part
// (an engagement overlapping the year, or a verified service in it), an
// entity is founded this year for every eight talents, and the verified
// services of the year serve sixteen person-times per talent. units is the
// county's tree (townships, villages and enterprises own the projects and
// register the entities), talents the pool in a stable order. Projects
// are put on the market by townships, villages and enterprises, two in
// three still open on asOf; engagements with projects come from accepted
// applications and invitations, through the domain's own rules. Generation
// is deterministic for a seed, but for the IDs.
func GenerateTalentWork(county *org.Org, units []org.Org, talents []TalentRef, asOf civil.Date, seed uint64) TalentWork {
	if len(talents) == 0 {
		return TalentWork{}
	}
	g := newTalentGen(county, units, talents, asOf, seed)
	n := len(talents)
	order := g.rng.Perm(n)
	taking := min(n, int(math.Round(float64(n)*takingPartShare)))
	part, rest := order[:taking], order[taking:]
	g.entities(part)
	g.projects(max(1, int(math.Round(float64(n)*projectsPerTalent))))
	engaged := g.engagements(part, rest)
	g.services(part, rest, engaged, n*personTimesPer)
	g.proposals()
	return g.out
}

// talentGen draws the talent work of one county.
type talentGen struct {
	rng        *rand.Rand
	asOf, from civil.Date // the period: from the first of January of asOf's year
	region     string
	county     *org.Org
	byID       map[string]*org.Org
	townships  []*org.Org
	villages   []*org.Org
	firms      []*org.Org
	talents    []TalentRef
	out        TalentWork
	filled     []int            // per project, the engagements taken
	joined     map[string]bool  // talent ID + project or entity ID
	asks       map[string][]int // per skill, the projects asking for it
	used       map[string]bool  // credit codes, names and titles drawn
}

func newTalentGen(county *org.Org, units []org.Org, talents []TalentRef, asOf civil.Date, seed uint64) *talentGen {
	g := &talentGen{rng: newRand(seed ^ 0x74616c656e74), asOf: asOf, from: jan1(asOf.Year), region: county.DivisionCode,
		county: county, byID: map[string]*org.Org{county.ID: county}, talents: talents,
		joined: map[string]bool{}, used: map[string]bool{}, asks: map[string][]int{}}
	if len(g.region) != 6 {
		g.region = DefaultCounty.Code
	}
	for i := range units {
		o := &units[i]
		if o.Status != "" && o.Status != org.Active {
			continue
		}
		g.byID[o.ID] = o
		switch o.Kind {
		case org.Township, org.Subdistrict:
			g.townships = append(g.townships, o)
		case org.Village, org.Community:
			g.villages = append(g.villages, o)
		case org.Private, org.StateOwned:
			g.firms = append(g.firms, o)
		}
	}
	return g
}

func (g *talentGen) chance(percent int) bool { return g.rng.IntN(100) < percent }
func (g *talentGen) span(lo, hi int) int     { return lo + g.rng.IntN(hi-lo+1) }
func choose[T any](g *talentGen, xs []T) T   { return xs[g.rng.IntN(len(xs))] }

// between returns a day in [lo, hi]; lo when hi is not after it.
func (g *talentGen) between(lo, hi civil.Date) civil.Date {
	if !hi.After(lo) {
		return lo
	}
	return lo.AddDays(g.rng.IntN(daysFrom(lo, hi) + 1))
}

// daysFrom counts the days from lo to hi.
func daysFrom(lo, hi civil.Date) int { return int(hi.Time().Sub(lo.Time()) / (24 * time.Hour)) }

// earlier returns the earlier of two days (later is in builder.go).
func earlier(a, b civil.Date) civil.Date {
	if a.After(b) {
		return b
	}
	return a
}

// weighted draws a key by its weight; keys of weight 0 are never drawn.
// It reports false when every weight is 0.
func weighted[T any](g *talentGen, keys []T, weight func(T) int) (T, bool) {
	total := 0
	for _, k := range keys {
		total += weight(k)
	}
	var zero T
	if total == 0 {
		return zero, false
	}
	n := g.rng.IntN(total)
	for _, k := range keys {
		if n < weight(k) {
			return k, true
		}
		n -= weight(k)
	}
	return zero, false
}

// place returns a village to name in a record: the talent's own when they
// belong to one, else any.
func (g *talentGen) place(orgID string) *org.Org {
	if o := g.byID[orgID]; o != nil && (o.Kind == org.Village || o.Kind == org.Community) {
		return o
	}
	if len(g.villages) == 0 {
		return g.county
	}
	return choose(g, g.villages)
}

// townshipOf returns the township or subdistrict an organisation is in,
// or the county for one directly under it.
func (g *talentGen) townshipOf(orgID string) *org.Org {
	for o := g.byID[orgID]; o != nil; o = g.byID[o.ParentID] {
		if o.Kind == org.Township || o.Kind == org.Subdistrict {
			return o
		}
	}
	return g.county
}

// unique draws until draw gives a string not drawn before in the work.
func (g *talentGen) unique(draw func() string) string {
	for {
		if s := draw(); !g.used[s] {
			g.used[s] = true
			return s
		}
	}
}

// mark draws a two-character 字号 such as 鑫丰.
func (g *talentGen) mark() string {
	a := g.rng.IntN(len(tradeMarks))
	return tradeMarks[a] + tradeMarks[(a+1+g.rng.IntN(len(tradeMarks)-1))%len(tradeMarks)]
}

// name draws a person's name.
func (g *talentGen) name() string {
	n := choose(g, surnames) + choose(g, givenChars)
	if g.chance(70) {
		n += choose(g, givenChars)
	}
	return n
}

// entityKind is a type of entity as the demo draws it: how often, under
// which registration prefixes (the credit code's first two characters),
// named how, with what capital, jobs and number of founders, founded by
// which categories of talent most.
type entityKind struct {
	typ       talent.EntityType
	weight    int
	prefixes  []string
	names     []string
	capital   [2]int64 // yuan, in steps of 10,000; none for some when the low end is 0
	jobs      [2]int
	founders  [2]int
	preferred []person.TalentCategory
}

// entityKinds are the types of entity talents found, cooperatives most.
// A social organisation registers as a 社会团体 (51), or as a 民办非企业单位
// (52) when it is a 服务中心.
var entityKinds = []entityKind{
	{talent.Cooperative, 30, []string{"93"}, cooperatives, [2]int64{100_000, 2_000_000}, [2]int{5, 40}, [2]int{1, 3},
		[]person.TalentCategory{person.TalentRural}},
	{talent.Company, 22, []string{"91"}, strings.Fields(`农业科技有限公司 食品有限公司 花生制品有限公司 电子商务有限公司 生态养殖有限公司 物流有限公司 机械制造有限公司 网络科技有限公司 农业发展有限公司`),
		[2]int64{300_000, 5_000_000}, [2]int{3, 80}, [2]int{1, 3}, []person.TalentCategory{person.TalentManagement, person.TalentSkilled, person.TalentProfessional}},
	{talent.IndividualBusiness, 22, []string{"92"}, strings.Fields(`农资经营部 养殖场 农机维修部 电商服务部 生鲜超市 农家乐 汽车修理厂 家电维修部`),
		[2]int64{0, 300_000}, [2]int{1, 8}, [2]int{1, 1}, []person.TalentCategory{person.TalentRural, person.TalentSkilled}},
	{talent.FamilyFarm, 20, []string{"91", "92"}, []string{"家庭农场"}, [2]int64{50_000, 1_000_000}, [2]int{2, 15}, [2]int{1, 1},
		[]person.TalentCategory{person.TalentRural}},
	{talent.SocialOrganisation, 6, []string{"51"}, strings.Fields(`农村电商协会 花生产业协会 养殖技术协会 社会工作服务中心 乡村振兴服务中心`),
		[2]int64{30_000, 100_000}, [2]int{1, 10}, [2]int{1, 2}, []person.TalentCategory{person.TalentSocialWork, person.TalentProfessional}},
}

// entities founds, among the talents taking part, an entity this year for
// every eight talents and some in the three years before.
func (g *talentGen) entities(founders []int) {
	if len(founders) == 0 {
		return
	}
	n := len(g.talents)
	this := int(math.Round(float64(n) * entitiesPerTalent))
	before := int(math.Round(float64(n) * entitiesPerTalent / 2))
	for i := 0; i < before; i++ {
		g.entity(g.between(jan1(g.from.Year-3), g.from.AddDays(-1)), founders)
	}
	for i := 0; i < this; i++ {
		g.entity(g.between(g.from, g.asOf), founders)
	}
}

// entity founds an entity on founded, by talents of pool; it is
// registered under the first founder's village (or another) or, for some,
// its township.
func (g *talentGen) entity(founded civil.Date, pool []int) {
	kind, _ := weighted(g, entityKinds, func(k entityKind) int { return k.weight })
	e := talent.Entity{ID: store.NewID(), Type: kind.typ, Founded: founded, Jobs: g.span(kind.jobs[0], kind.jobs[1])}
	home := ""
	for want := min(len(pool), g.span(kind.founders[0], kind.founders[1])); len(e.Founders) < want; {
		t := &g.talents[g.founder(pool, kind.preferred)]
		if slices.Contains(e.Founders, t.PersonID) {
			continue
		}
		if home == "" {
			home = t.OrgID
		}
		e.Founders = append(e.Founders, t.PersonID)
	}
	e.OrgID = g.place(home).ID
	if g.chance(35) {
		e.OrgID = g.townshipOf(e.OrgID).ID
	}
	stem := g.county.Name
	if e.Type == talent.IndividualBusiness {
		stem += strings.TrimSuffix(g.byID[e.OrgID].Name, "村")
	}
	e.Name = g.unique(func() string { return stem + g.mark() + choose(g, kind.names) })
	prefix := choose(g, kind.prefixes)
	if e.Type == talent.SocialOrganisation && strings.HasSuffix(e.Name, "服务中心") {
		prefix = "52"
	}
	e.CreditCode = g.unique(func() string { return g.creditCode(prefix) })
	// An individual business need not register capital; four in ten do not.
	if lo, hi := kind.capital[0], kind.capital[1]; lo > 0 || g.chance(60) {
		lo = max(lo, 10_000)
		e.RegisteredCapital = lo + 10_000*g.rng.Int64N((hi-lo)/10_000+1)
	}
	g.out.Entities = append(g.out.Entities, e)
}

// founder draws a talent of pool, preferring the categories given.
func (g *talentGen) founder(pool []int, preferred []person.TalentCategory) int {
	for try := 0; ; try++ {
		i := choose(g, pool)
		if try == 4 || len(preferred) == 0 {
			return i
		}
		for _, c := range preferred {
			if g.talents[i].Category == c {
				return i
			}
		}
	}
}

// creditCode makes a unified social credit code of GB 32100 for the
// registration prefix (authority and category) in the county: the
// organisation code, with its check character, then the code's own.
func (g *talentGen) creditCode(prefix string) string {
	body := []byte("MA")
	if prefix[0] == '5' {
		body = []byte("MJ")
	}
	for len(body) < 8 {
		body = append(body, creditcode.Alphabet[g.rng.IntN(len(creditcode.Alphabet))])
	}
	s := prefix + g.region + string(body)
	s += string(creditcode.OrgCheckChar(string(body)))
	return s + string(creditcode.CheckChar(s))
}

// requirement is a skill a project template asks for.
type requirement struct {
	skill         string
	level, weight int
}

// projectTemplate is a kind of project: %s in the title and description
// is the village, township or enterprise. An enterprise's template names
// the words of its owner's name it suits (none: any enterprise).
type projectTemplate struct {
	title, description string
	skills             []requirement
	categories         []person.TalentCategory
	suits              []string
}

var (
	rural        = []person.TalentCategory{person.TalentRural}
	ruralAndMgmt = []person.TalentCategory{person.TalentRural, person.TalentManagement}
	skilledTech  = []person.TalentCategory{person.TalentSkilled, person.TalentProfessional}
)

// villageProjects, townshipProjects and enterpriseProjects are the
// projects each kind of owner puts on the market; the skills come from
// the talents' vocabulary (skillsByCategory), the short terms and the long.
var villageProjects = []projectTemplate{
	{"%s千亩花生深加工项目", "依托%s千亩花生种植基地，建设花生烘干、榨油和包装生产线，带动周边农户增收。诚邀懂花生种植、农机和营销的人才参与。",
		[]requirement{{"花生种植", 3, 3}, {"农机", 2, 1}, {"市场营销", 2, 2}}, ruralAndMgmt, nil},
	{"%s食用菌种植基地项目", "在%s流转土地建设标准化食用菌大棚，发展香菇、平菇种植，需要食用菌栽培和网络销售方面的人才。",
		[]requirement{{"食用菌", 3, 3}, {"种植", 2, 2}, {"电商", 2, 1}}, rural, nil},
	{"%s生猪养殖场标准化改造项目", "对%s生猪养殖场进行标准化改造，完善防疫和粪污处理设施，需要养殖和畜牧兽医技术指导。",
		[]requirement{{"生猪养殖", 3, 3}, {"畜牧兽医", 3, 3}, {"财务管理", 2, 1}}, rural, nil},
	{"%s水产养殖示范基地项目", "利用%s坑塘水面发展水产养殖，建设示范基地，需要水产养殖技术人才和产品销售人才。",
		[]requirement{{"水产养殖", 3, 3}, {"养殖", 2, 2}, {"电商", 2, 1}}, rural, nil},
	{"%s农村电商服务站运营项目", "建设运营%s农村电商服务站，开展农产品网上销售和快递收发，需要农村电商运营和物流人才。",
		[]requirement{{"农村电商运营", 3, 3}, {"电商", 2, 2}, {"物流", 2, 1}}, ruralAndMgmt, nil},
	{"%s设施果蔬大棚建设项目", "在%s建设设施果蔬大棚，发展错季蔬菜和精品水果，需要果蔬种植、植保和农艺人才。",
		[]requirement{{"果蔬", 3, 3}, {"植保", 2, 2}, {"农艺", 2, 2}}, nil, nil},
	{"%s村级养老服务站运营项目", "依托%s党群服务中心开办村级养老服务站，为留守老人提供日间照料和助餐服务，需要养老服务和护理人才。",
		[]requirement{{"养老服务", 3, 3}, {"护理", 2, 2}, {"社会工作", 2, 1}}, []person.TalentCategory{person.TalentSocialWork, person.TalentProfessional}, nil},
	{"%s乡村旅游民宿改造项目", "将%s闲置农房改造为特色民宿，发展乡村旅游，需要规划设计、建筑施工和市场营销人才。",
		[]requirement{{"规划设计", 3, 2}, {"建筑施工", 2, 2}, {"市场营销", 2, 2}}, nil, nil},
}

var townshipProjects = []projectTemplate{
	{"%s高标准农田建设技术服务项目", "为%s高标准农田建设提供全程技术服务，开展测土配方、机械化耕作和病虫害统防统治。",
		[]requirement{{"农艺", 3, 3}, {"农机", 3, 2}, {"植保", 2, 2}}, []person.TalentCategory{person.TalentRural, person.TalentProfessional}, nil},
	{"%s农产品电商直播基地项目", "在%s建设农产品电商直播基地，培育本土主播，推动花生、小磨香油等特色农产品上行。",
		[]requirement{{"电商", 3, 3}, {"农村电商运营", 3, 2}, {"市场营销", 2, 2}}, ruralAndMgmt, nil},
	{"%s冷链物流中心建设项目", "在%s建设农产品冷链物流中心，完善县乡村三级物流体系，需要物流管理和设备维护人才。",
		[]requirement{{"物流", 3, 3}, {"企业管理", 2, 2}, {"电工", 2, 1}}, []person.TalentCategory{person.TalentManagement, person.TalentSkilled}, nil},
	{"%s卫生院医疗服务能力提升项目", "提升%s卫生院常见病诊疗和慢病管理能力，定期下村巡诊，需要医疗和护理人才。",
		[]requirement{{"医疗", 3, 3}, {"护理", 2, 2}}, []person.TalentCategory{person.TalentProfessional}, nil},
	{"%s矛盾纠纷调解中心建设项目", "建设%s矛盾纠纷多元化解中心，开展人民调解和法律服务，需要调解、法律和社会工作人才。",
		[]requirement{{"调解", 3, 3}, {"法律", 3, 2}, {"社会工作", 2, 1}}, []person.TalentCategory{person.TalentSocialWork, person.TalentProfessional}, nil},
	{"%s职业技能培训基地项目", "依托%s中心学校建设职业技能培训基地，开展焊工、电工和数控技能培训，需要技能人才授课。",
		[]requirement{{"焊接", 3, 2}, {"电工", 3, 2}, {"数控", 2, 2}, {"教育", 2, 1}}, skilledTech, nil},
	{"%s招商引资服务项目", "为%s招商引资和项目落地提供服务，对接外地客商，需要招商引资和企业管理方面的人才。",
		[]requirement{{"招商引资", 3, 3}, {"企业管理", 2, 2}, {"市场营销", 2, 1}}, []person.TalentCategory{person.TalentParty, person.TalentManagement}, nil},
}

var enterpriseProjects = []projectTemplate{
	{"%s智能化生产线改造项目", "%s对现有生产线进行智能化改造，引进数控设备，需要数控、机械维修和电子装配技术人才。",
		[]requirement{{"数控", 3, 3}, {"机械维修", 3, 2}, {"电子装配", 2, 2}, {"电工", 2, 1}}, skilledTech,
		strings.Fields(`电子 机械 汽车 家具 建材 包装 塑业 钢结构 服装 纺织 制衣 鞋业 木业 印务 食品 面业 粮油 酒业 制品 饲料`)},
	{"%s电商销售渠道拓展项目", "%s拓展线上销售渠道，开设网店和直播间，需要农村电商运营和市场营销人才。",
		[]requirement{{"农村电商运营", 3, 3}, {"市场营销", 3, 2}, {"电商", 2, 2}}, ruralAndMgmt, nil},
	{"%s财务规范化管理项目", "%s建立规范的财务核算和内控制度，需要会计和财务管理人才兼职指导。",
		[]requirement{{"财务管理", 3, 3}, {"会计", 3, 2}}, []person.TalentCategory{person.TalentManagement, person.TalentProfessional}, nil},
	{"%s农机社会化服务项目", "%s开展农机代耕代收等社会化服务，需要农机操作和维修人才。",
		[]requirement{{"农机", 3, 3}, {"汽车维修", 2, 2}, {"机械维修", 2, 1}}, []person.TalentCategory{person.TalentRural, person.TalentSkilled},
		strings.Fields(`农业 种植 农机 种业 家庭农场`)},
	{"%s畜禽粪污资源化利用项目", "%s建设畜禽粪污处理和有机肥生产设施，需要养殖、畜牧兽医和种植技术人才。",
		[]requirement{{"养殖", 2, 2}, {"畜牧兽医", 3, 2}, {"种植", 2, 1}}, rural, strings.Fields(`畜牧 牧业 养殖 饲料`)},
	{"%s花生精深加工技术攻关项目", "%s开展花生蛋白提取和花生油精炼技术攻关，需要农艺和企业管理人才。",
		[]requirement{{"花生种植", 3, 2}, {"农艺", 3, 3}, {"企业管理", 2, 1}}, nil, strings.Fields(`花生 食品 粮油 农业`)},
}

// projects puts n projects on the market, two in three open on asOf.
func (g *talentGen) projects(n int) {
	for i := 0; i < n; i++ {
		p := talent.Project{ID: store.NewID(), Region: g.region, Openings: g.span(4, 20), Forms: []talent.Form{talent.PartTime}}
		if i%3 != 2 {
			p.Deadline = g.asOf.AddDays(g.span(7, 150))
			p.Start = p.Deadline.AddDays(-g.span(45, 330))
		} else {
			p.Deadline = g.between(civil.Date{Year: g.from.Year - 1, Month: time.February, Day: 1}, g.asOf.AddDays(-1))
			p.Start = p.Deadline.AddDays(g.span(-30, 30))
		}
		p.End = later(p.Start, p.Deadline).AddDays(g.span(150, 720))
		tpl := g.owner(&p)
		p.Title = fmt.Sprintf(tpl.title, p.Owner.Name)
		g.used[p.Title] = true
		p.Description = fmt.Sprintf(tpl.description, p.Owner.Name)
		for _, r := range tpl.skills {
			p.Skills = append(p.Skills, talent.Requirement{Skill: r.skill, MinLevel: max(1, r.level-g.rng.IntN(2)), Weight: r.weight})
		}
		if g.chance(60) {
			p.Categories = tpl.categories
		}
		for _, f := range []struct {
			form    talent.Form
			percent int
		}{{talent.LeavePost, 15}, {talent.Equity, 45}, {talent.Advisor, 70}} {
			if g.chance(f.percent) {
				p.Forms = append(p.Forms, f.form)
			}
		}
		p.Forms = inDisplayOrder(p.Forms)
		switch n := g.rng.IntN(100); {
		case n < 78:
			p.Visibility = talent.Public
		case n < 94:
			p.Visibility = talent.Internal
		default:
			p.Visibility = talent.InviteOnly
		}
		g.out.Projects = append(g.out.Projects, p)
		g.filled = append(g.filled, 0)
	}
}

// inDisplayOrder sorts forms as talent.Forms lists them.
func inDisplayOrder(fs []talent.Form) []talent.Form {
	var out []talent.Form
	for _, f := range talent.Forms {
		if slices.Contains(fs, f) {
			out = append(out, f)
		}
	}
	return out
}

// owner puts p on the market: a village or a township (six in ten), or an
// enterprise — an entity the talents founded before the project starts, a
// firm of the tree, or one named here — through its township. It returns
// the template that suits the owner; the title is unique within the work.
func (g *talentGen) owner(p *talent.Project) projectTemplate {
	switch n := g.rng.IntN(100); {
	case n < 33 && len(g.villages) > 0:
		v := choose(g, g.villages)
		p.OrgID, p.Owner = v.ID, talent.Owner{Kind: talent.OwnerOrganisation, ID: v.ID, Name: v.Name}
		if tpl := choose(g, villageProjects); !g.used[fmt.Sprintf(tpl.title, v.Name)] {
			return tpl
		}
	case n < 60:
		t := g.county
		if len(g.townships) > 0 {
			t = choose(g, g.townships)
		}
		p.OrgID, p.Owner = t.ID, talent.Owner{Kind: talent.OwnerOrganisation, ID: t.ID, Name: t.Name}
		if tpl := choose(g, townshipProjects); !g.used[fmt.Sprintf(tpl.title, t.Name)] {
			return tpl
		}
	}
	p.Owner = talent.Owner{Kind: talent.OwnerEnterprise}
	for {
		switch n := g.rng.IntN(100); {
		case n < 45 && len(g.out.Entities) > 0:
			e := choose(g, g.out.Entities)
			if e.Type == talent.SocialOrganisation || e.Founded.After(p.Start) {
				continue
			}
			p.Owner.ID, p.Owner.Name, p.OrgID = e.ID, e.Name, g.townshipOf(e.OrgID).ID
		case n < 80 && len(g.firms) > 0:
			f := choose(g, g.firms)
			p.Owner.ID, p.Owner.Name, p.OrgID = "", f.Name, g.townshipOf(f.ID).ID
		default:
			p.Owner.ID, p.Owner.Name = "", g.county.Name+g.mark()+choose(g, trades)+"有限公司"
			p.OrgID = g.county.ID
			if len(g.townships) > 0 {
				p.OrgID = choose(g, g.townships).ID
			}
		}
		if tpl := g.enterpriseTemplate(p.Owner.Name); !g.used[fmt.Sprintf(tpl.title, p.Owner.Name)] {
			return tpl
		}
	}
}

// enterpriseTemplate draws a project that suits an enterprise of name.
func (g *talentGen) enterpriseTemplate(name string) projectTemplate {
	for {
		tpl := choose(g, enterpriseProjects)
		if len(tpl.suits) == 0 || slices.ContainsFunc(tpl.suits, func(w string) bool { return strings.Contains(name, w) }) {
			return tpl
		}
	}
}

// suited lists the projects that ask for a skill of t (the one contains
// the other: 养殖 and 水产养殖) and take talents of t's category; a project
// is listed once per skill it suits.
func (g *talentGen) suited(t *TalentRef) []int {
	var out []int
	for _, sk := range t.Skills {
		for _, k := range g.asking(sk.Name) {
			if p := &g.out.Projects[k]; len(p.Categories) == 0 || slices.Contains(p.Categories, t.Category) {
				out = append(out, k)
			}
		}
	}
	return out
}

// asking lists the projects asking for a skill like skill.
func (g *talentGen) asking(skill string) []int {
	if ks, ok := g.asks[skill]; ok {
		return ks
	}
	var ks []int
	for k, p := range g.out.Projects {
		if slices.ContainsFunc(p.Skills, func(r talent.Requirement) bool { return alike(r.Skill, skill) }) {
			ks = append(ks, k)
		}
	}
	g.asks[skill] = ks
	return ks
}

func alike(a, b string) bool { return strings.Contains(a, b) || strings.Contains(b, a) }

// skillFor returns the skill of t a project asks for, or any of t's.
func (g *talentGen) skillFor(t *TalentRef, p *talent.Project) string {
	for _, sk := range t.Skills {
		if slices.ContainsFunc(p.Skills, func(r talent.Requirement) bool { return alike(r.Skill, sk.Name) }) {
			return sk.Name
		}
	}
	if len(t.Skills) == 0 {
		return "相关技术"
	}
	return choose(g, t.Skills).Name
}

// The weights of the forms an engagement takes, among those the talent
// accepts and the project allows: 兼职 most, 入股 some, 离岗 few.
var (
	projectForms = map[talent.Form]int{talent.PartTime: 65, talent.Equity: 14, talent.Advisor: 15, talent.LeavePost: 15}
	entityForms  = map[talent.Form]int{talent.PartTime: 35, talent.Equity: 45, talent.Advisor: 15, talent.LeavePost: 20}
)

// factorShares is, per form, the percentage of engagements bringing each
// factor: capital comes with a share, technology with part-time work.
var factorShares = map[talent.Form]map[talent.FactorKind]int{
	talent.Equity:    {talent.Capital: 85, talent.Technology: 40, talent.ProjectLead: 10, talent.Information: 5},
	talent.PartTime:  {talent.Capital: 6, talent.Technology: 70, talent.ProjectLead: 20, talent.Information: 25},
	talent.Advisor:   {talent.Technology: 45, talent.ProjectLead: 10, talent.Information: 60},
	talent.LeavePost: {talent.Capital: 30, talent.Technology: 60, talent.ProjectLead: 55, talent.Information: 10},
}

var formLabels = map[talent.Form]string{talent.PartTime: "兼职", talent.LeavePost: "离岗", talent.Equity: "入股", talent.Advisor: "顾问"}

// engagements engages most of the talents taking part in the year, seven
// in ten with a project and the others with an entity, and gives some of
// them, and half of the others, an engagement that ended the year before.
// It reports which talents an engagement overlapping the year holds.
func (g *talentGen) engagements(part, rest []int) map[int]bool {
	engaged := map[int]bool{}
	for _, i := range part {
		if g.chance(58) && g.engage(i, true) {
			engaged[i] = true
		}
	}
	for _, i := range part {
		if g.chance(12) {
			g.engage(i, false)
		}
	}
	for _, i := range rest {
		if g.chance(50) {
			g.engage(i, false)
		}
	}
	return engaged
}

// engage engages talent i in the year (current) or before it; it reports
// false when no project or entity with room fits the talent's forms.
func (g *talentGen) engage(i int, current bool) bool {
	if g.chance(72) && g.joinProject(i, current) {
		return true
	}
	return g.joinEntity(i, current)
}

// joinProject engages talent i in a project through an accepted
// application or invitation. A project still open keeps a place free.
func (g *talentGen) joinProject(i int, current bool) bool {
	t := &g.talents[i]
	suited := g.suited(t)
	for try := 0; try < 8; try++ {
		k := g.rng.IntN(len(g.out.Projects))
		if try < 6 && len(suited) > 0 {
			k = choose(g, suited)
		}
		p := &g.out.Projects[k]
		room := p.Openings
		if !p.Deadline.Before(g.asOf) {
			room--
		}
		switch {
		case g.filled[k] >= room || g.joined[t.PersonID+p.ID]:
			continue
		case current && (p.Start.After(g.asOf) || p.End.Before(g.from.AddDays(30))):
			continue
		case !current && !p.End.Before(g.from):
			continue
		}
		form, ok := g.form(t.Forms, p.Forms, projectForms)
		if !ok {
			continue
		}
		on := g.between(p.Start.AddDays(-30), earlier(p.Deadline.AddDays(20), g.asOf))
		a := g.application(t, p, form, earlier(on.AddDays(-g.span(2, 20)), p.Deadline))
		acc := talent.Acceptance{On: on, Filled: g.filled[k], PublicEmployee: t.PublicEmployee}
		if form == talent.LeavePost && t.PublicEmployee {
			acc.Approval = g.approval(t, on)
		}
		e, err := talent.Accept(&a, p, acc)
		if err != nil {
			panic(fmt.Sprintf("demo engagement in %s: %v", p.Title, err))
		}
		e.ID = store.NewID()
		g.settle(&e, current)
		g.out.Applications = append(g.out.Applications, a)
		g.out.Engagements = append(g.out.Engagements, e)
		g.out.ApplicationOf = append(g.out.ApplicationOf, a.ID)
		g.filled[k]++
		g.joined[t.PersonID+p.ID] = true
		return true
	}
	return false
}

// settle sets how an engagement with a project stands on asOf: most run
// to the project's end, some ended early; one in the year (current) ended
// in the year.
func (g *talentGen) settle(e *talent.Engagement, current bool) {
	lo := e.Start
	if current {
		lo = later(lo, g.from)
	}
	switch {
	case e.End.After(g.asOf) && g.chance(90):
	case e.End.After(g.asOf):
		e.End, e.Status = g.between(lo, g.asOf.AddDays(-1)), talent.Terminated
	case g.chance(88):
		e.Status = talent.Ended
	default:
		e.End, e.Status = g.between(lo, e.End), talent.Terminated
	}
}

// joinEntity engages talent i in an entity founded before: running, with
// or without an agreed end, or ended in the year (current); ended before
// the year otherwise.
func (g *talentGen) joinEntity(i int, current bool) bool {
	t := &g.talents[i]
	for try := 0; try < 8 && len(g.out.Entities) > 0; try++ {
		en := &g.out.Entities[g.rng.IntN(len(g.out.Entities))]
		if g.joined[t.PersonID+en.ID] || !current && !en.Founded.Before(g.from.AddDays(-30)) {
			continue
		}
		form, ok := g.form(t.Forms, nil, entityForms)
		if !ok {
			continue
		}
		e := talent.Engagement{ID: store.NewID(), TalentID: t.PersonID, EntityID: en.ID, Form: form, Factors: g.factors(form),
			Status: talent.Active, PublicEmployee: t.PublicEmployee}
		if current {
			e.Start = g.between(en.Founded, g.asOf)
			switch n := g.rng.IntN(100); {
			case n < 8:
				e.End, e.Status = g.between(later(e.Start, g.from), g.asOf), talent.Ended
			case n < 14:
				e.End, e.Status = g.between(later(e.Start, g.from), g.asOf), talent.Terminated
			case n < 40:
				e.End = g.asOf.AddDays(g.span(60, 1000))
			}
		} else {
			e.Start = g.between(en.Founded, g.from.AddDays(-30))
			e.End, e.Status = g.between(e.Start, g.from.AddDays(-1)), talent.Ended
			if g.chance(30) {
				e.Status = talent.Terminated
			}
		}
		if e.NeedsApproval() {
			e.Approval = g.approval(t, e.Start)
		}
		g.out.Engagements = append(g.out.Engagements, e)
		g.out.ApplicationOf = append(g.out.ApplicationOf, "")
		g.joined[t.PersonID+en.ID] = true
		return true
	}
	return false
}

// form draws the form of an engagement among those the talent accepts
// (part-time work when their profile names none) and the target allows
// (allows nil: any).
func (g *talentGen) form(accepts, allows []talent.Form, weights map[talent.Form]int) (talent.Form, bool) {
	if len(accepts) == 0 {
		accepts = []talent.Form{talent.PartTime}
	}
	return weighted(g, talent.Forms, func(f talent.Form) int {
		if !slices.Contains(accepts, f) || allows != nil && !slices.Contains(allows, f) {
			return 0
		}
		return weights[f]
	})
}

// factors draws the factors an engagement in form brings, at least one;
// capital from 50,000 to 2,000,000 yuan, most of it toward the low end.
func (g *talentGen) factors(form talent.Form) []talent.Factor {
	var out []talent.Factor
	for _, k := range talent.FactorKinds {
		if g.chance(factorShares[form][k]) {
			out = append(out, talent.Factor{Kind: k})
		}
	}
	if len(out) == 0 {
		out = []talent.Factor{{Kind: talent.Technology}}
	}
	for i := range out {
		if out[i].Kind == talent.Capital {
			u := g.rng.Float64()
			out[i].Amount = 50_000 + 10_000*int64(math.Round(195*u*u))
		}
	}
	return out
}

// approval is the home unit's consent to a leave of post, given days
// before it begins.
func (g *talentGen) approval(t *TalentRef, before civil.Date) *talent.Approval {
	d := before.AddDays(-g.span(3, 25))
	return &talent.Approval{Unit: t.OrgID, Approver: g.name(), Date: d, Document: fmt.Sprintf("正人社〔%d〕%d号", d.Year, g.span(10, 200))}
}

// application drafts a pending application of t to p, or an invitation
// (always, for a project by invitation only), made on created.
func (g *talentGen) application(t *TalentRef, p *talent.Project, form talent.Form, created civil.Date) talent.Application {
	a := talent.Application{ID: store.NewID(), ProjectID: p.ID, TalentID: t.PersonID, Kind: talent.Apply, Form: form,
		Factors: g.factors(form), Status: talent.Pending, Created: created}
	if p.Visibility == talent.InviteOnly || g.chance(30) {
		a.Kind = talent.Invite
	}
	skill := g.skillFor(t, p)
	if a.Kind == talent.Apply {
		a.Message = fmt.Sprintf("本人擅长%s，希望以%s方式参与项目建设。", skill, formLabels[form])
	} else {
		a.Message = fmt.Sprintf("您的%s专长与本项目需求契合，诚邀以%s方式参与。", skill, formLabels[form])
	}
	return a
}

// proposals adds the applications and invitations still waiting on the
// projects open on asOf, and some declined or withdrawn on any project.
func (g *talentGen) proposals() {
	for k := range g.out.Projects {
		p := &g.out.Projects[k]
		if !p.Deadline.Before(g.asOf) {
			for n := g.span(0, 4); n > 0; n-- {
				g.propose(k, talent.Pending)
			}
		}
		if g.chance(40) {
			g.propose(k, choose(g, []talent.ApplicationStatus{talent.Declined, talent.Declined, talent.Withdrawn}))
		}
	}
}

// propose adds an application or invitation to project k in status,
// from a talent it suits when one is found.
func (g *talentGen) propose(k int, status talent.ApplicationStatus) {
	p := &g.out.Projects[k]
	lo, hi := p.Start.AddDays(-120), earlier(p.Deadline, g.asOf.AddDays(-5))
	if status == talent.Pending {
		lo, hi = later(lo, g.asOf.AddDays(-60)), g.asOf
	}
	if hi.Before(lo) {
		return
	}
	for try := 0; try < 40; try++ {
		t := &g.talents[g.rng.IntN(len(g.talents))]
		form, ok := g.form(t.Forms, p.Forms, projectForms)
		if g.joined[t.PersonID+p.ID] || !ok || try < 30 && !slices.Contains(g.suited(t), k) {
			continue
		}
		a := g.application(t, p, form, g.between(lo, hi))
		on := earlier(a.Created.AddDays(g.span(2, 20)), g.asOf)
		var err error
		switch status {
		case talent.Declined:
			err = a.Decline(on)
		case talent.Withdrawn:
			err = a.Withdraw(on)
		}
		if err != nil {
			panic(fmt.Sprintf("demo application to %s: %v", p.Title, err))
		}
		g.out.Applications = append(g.out.Applications, a)
		g.joined[t.PersonID+p.ID] = true
		return
	}
}

// serviceKinds maps a skill to the kind of service it renders; a skill
// not named renders technical guidance.
var serviceKinds = map[string]talent.ServiceKind{
	"医疗": talent.Medical, "护理": talent.Medical, "法律": talent.Legal, "调解": talent.Legal,
	"电商": talent.Marketing, "农村电商运营": talent.Marketing, "市场营销": talent.Marketing, "物流": talent.Marketing,
	"教育": talent.Teaching, "企业管理": talent.Consulting, "会计": talent.Consulting, "财务管理": talent.Consulting,
	"人力资源": talent.Consulting, "规划设计": talent.Consulting, "招商引资": talent.Consulting, "行政管理": talent.Consulting,
	"党建": talent.Consulting, "乡村治理": talent.Consulting, "软件开发": talent.Consulting,
	"社会工作": talent.OtherService, "养老服务": talent.OtherService, "心理辅导": talent.OtherService,
	"志愿服务": talent.OtherService, "家政": talent.Teaching, "厨师": talent.Teaching,
}

// serviceSummaries say, per kind, what was done where (%[1]s) with which
// skill (%[2]s).
var serviceSummaries = map[talent.ServiceKind]string{
	talent.TechnicalGuidance: "到%[1]s田间地头和生产一线开展%[2]s技术指导",
	talent.Teaching:          "在%[1]s党群服务中心为群众讲授%[2]s实用技术课程",
	talent.Consulting:        "为%[1]s合作社和经营主体提供%[2]s咨询服务",
	talent.Medical:           "在%[1]s卫生室开展义诊巡诊，测量血压血糖并讲解健康知识",
	talent.Legal:             "在%[1]s开展法律咨询和普法宣传，调解邻里纠纷",
	talent.Marketing:         "帮助%[1]s对接农产品销售渠道，开展%[2]s指导",
	talent.OtherService:      "在%[1]s开展%[2]s志愿服务",
}

var evidenceDocs = map[talent.ServiceKind]string{talent.Medical: "正卫健", talent.Legal: "正司", talent.Teaching: "正人社培", talent.Marketing: "正商务"}

// services records the services of the year: one, verified, for each
// talent taking part with no engagement in the year, then more among the
// talents taking part, nine in ten verified, until the verified services
// serve target person-times. Some services of the year before follow, and
// reports of the others that staff have not verified.
func (g *talentGen) services(part, rest []int, engaged map[int]bool, target int) {
	served := 0
	for _, i := range part {
		if !engaged[i] {
			served += g.service(i, g.between(g.from, g.asOf), true)
		}
	}
	for served < target {
		verified := g.chance(92)
		if n := g.service(choose(g, part), g.between(g.from, g.asOf), verified); verified {
			served += n
		}
	}
	for n := len(g.out.Services) / 6; n > 0; n-- {
		g.service(g.rng.IntN(len(g.talents)), g.between(jan1(g.from.Year-1), g.from.AddDays(-1)), g.chance(95))
	}
	for _, i := range rest {
		if g.chance(30) {
			g.service(i, g.between(g.from, g.asOf), false)
		}
	}
}

// service records a service of talent i on day and returns the
// person-times it served: 5 to 60, most of them small.
func (g *talentGen) service(i int, day civil.Date, verified bool) int {
	t := &g.talents[i]
	skill := "实用技术"
	if len(t.Skills) > 0 {
		skill = choose(g, t.Skills).Name
	}
	kind, ok := serviceKinds[skill]
	if !ok {
		kind = talent.TechnicalGuidance
	}
	if kind == talent.TechnicalGuidance && g.chance(25) {
		kind = talent.Teaching
	}
	u := g.rng.Float64()
	s := talent.Service{ID: store.NewID(), TalentID: t.PersonID, Date: day, Kind: kind, Beneficiaries: 5 + int(55*u*u*u),
		Summary: fmt.Sprintf(serviceSummaries[kind], g.place(t.OrgID).Name, skill)}
	switch n := g.rng.IntN(100); {
	case n < 55:
		s.Evidence = "签到表 " + day.String()
	case n < 85:
		doc, ok := evidenceDocs[kind]
		if !ok {
			doc = "正科协"
		}
		s.Evidence = fmt.Sprintf("%s〔%d〕%d号", doc, day.Year, g.span(1, 300))
	default:
		s.Evidence = "服务现场照片 " + strings.ReplaceAll(day.String(), "-", "") + ".jpg"
	}
	g.out.Services = append(g.out.Services, s)
	g.out.Verified = append(g.out.Verified, verified)
	return s.Beneficiaries
}
