package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"zugong/internal/civil"
	"zugong/internal/org"
	"zugong/internal/person"
)

// PeopleSpec sizes the people of a demo county: party members (cadres and
// talents who are members included), cadres and talents.
type PeopleSpec struct {
	PartyMembers int
	Cadres       int
	Talents      int
	// FlawEvery plants one inconsistency in every FlawEvery-th person
	// (0: none), for the data-quality audit to find.
	FlawEvery int
}

// DefaultPeople is the demo county's population in the registry.
var DefaultPeople = PeopleSpec{PartyMembers: 30_000, Cadres: 3_500, Talents: 3_500, FlawEvery: 200}

// Flaw is an inconsistency planted on purpose. Only kinds that entry
// validation lets through are planted (a record whose ID number disagrees
// with its birth date is refused on entry, so it cannot be seeded); each is
// what the data-quality audit rule of the same name looks for.
type Flaw string

// The planted flaws.
const (
	FlawPartyBefore18   Flaw = "party_before_18"
	FlawWorkBefore16    Flaw = "work_before_16"
	FlawResumeGap       Flaw = "resume_gap"
	FlawResumeOverlap   Flaw = "resume_overlap"
	FlawFullMemberDate  Flaw = "full_member_not_one_year"
	FlawProbationExpiry Flaw = "probation_expired"
)

// People is a generated population and where its flaws were planted.
type People struct {
	Dossiers []person.Dossier
	// Flaws maps each flaw to the indexes of the dossiers carrying it.
	Flaws map[Flaw][]int
}

// GeneratePeople places people in the units and branches of orgs (a tree
// from County or City), deterministically from seed.
func GeneratePeople(orgs []org.Org, spec PeopleSpec, seed uint64) People {
	g := newPeopleGen(orgs, seed)
	out := People{Flaws: map[Flaw][]int{}}
	members := spec.PartyMembers
	cadres := spec.Cadres
	talents := spec.Talents
	// Most cadres and a share of talents are party members.
	memberCadres := cadres * 85 / 100
	memberTalents := talents * 30 / 100
	for i := 0; i < cadres; i++ {
		out.Dossiers = append(out.Dossiers, g.cadre(i < memberCadres))
	}
	for i := 0; i < talents; i++ {
		out.Dossiers = append(out.Dossiers, g.talent(i < memberTalents))
	}
	for i := memberCadres + memberTalents; i < members; i++ {
		out.Dossiers = append(out.Dossiers, g.member())
	}
	if spec.FlawEvery > 0 {
		for i := spec.FlawEvery / 2; i < len(out.Dossiers); i += spec.FlawEvery {
			if f, ok := g.plant(&out.Dossiers[i]); ok {
				out.Flaws[f] = append(out.Flaws[f], i)
			}
		}
	}
	return out
}

// peopleGen draws people.
type peopleGen struct {
	rng      *rand.Rand
	county   org.Org
	branches []branchAt // party branches with the unit they serve
	offices  []int      // units where cadres work
	villages []int
	firms    []int
	schools  []int // institutions and schools: professional talents
	orgs     []org.Org
	usedIDs  map[string]bool
}

type branchAt struct{ branch, unit int }

func newPeopleGen(orgs []org.Org, seed uint64) *peopleGen {
	g := &peopleGen{rng: newRand(seed ^ 0x9e3779b97f4a7c15), orgs: orgs, usedIDs: map[string]bool{}}
	byID := make(map[string]int, len(orgs))
	for i, o := range orgs {
		byID[o.ID] = i
	}
	for i, o := range orgs {
		switch o.Kind {
		case org.County:
			if g.county.ID == "" || o.DivisionCode == DefaultCounty.Code {
				g.county = o
			}
		case org.Office, org.Township, org.Subdistrict:
			g.offices = append(g.offices, i)
		case org.Village, org.Community:
			g.villages = append(g.villages, i)
		case org.Private, org.StateOwned:
			g.firms = append(g.firms, i)
		case org.Institution, org.School:
			g.schools = append(g.schools, i)
		case org.Branch, org.JointBranch:
			unit := byID[o.ParentID]
			for orgs[unit].Kind.Party() && orgs[unit].ParentID != "" {
				unit = byID[orgs[unit].ParentID]
			}
			g.branches = append(g.branches, branchAt{branch: i, unit: unit})
		}
	}
	return g
}

func (g *peopleGen) chance(percent int) bool { return g.rng.IntN(100) < percent }
func (g *peopleGen) span(lo, hi int) int     { return lo + g.rng.IntN(hi-lo+1) }
func pick[T any](g *peopleGen, xs []T) T     { return xs[g.rng.IntN(len(xs))] }

func (g *peopleGen) day(lo, hi civil.Date) civil.Date {
	if hi.After(asOf) {
		hi = asOf
	}
	if !hi.After(lo) {
		return lo
	}
	return lo.AddDays(g.rng.IntN(int(hi.Time().Sub(lo.Time())/(24*time.Hour)) + 1))
}

func addYears(d civil.Date, years int) civil.Date { return civil.Of(d.Time().AddDate(years, 0, 0)) }

var givenChars = strings.Fields(`伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 建 国 志 文 红 玉
	兰 春 海 林 峰 辉 鹏 飞 宇 浩 凯 俊 帅 亮 琳 雪 梅 晨 阳 欣 怡 佳 宁 婷 倩 颖 振 永 成 德 福 荣 新 利 清 慧`)

func (g *peopleGen) name() string {
	n := pick(g, surnames) + pick(g, givenChars)
	if g.chance(70) {
		n += pick(g, givenChars)
	}
	return n
}

// idNumber makes a valid, unused ID number for a birth date and gender.
func (g *peopleGen) idNumber(birth civil.Date, gender string) string {
	place := g.county.DivisionCode
	if len(place) != 6 {
		place = DefaultCounty.Code
	}
	for {
		seq := g.span(0, 99)*10 + g.span(0, 4)*2
		if gender == "1" {
			seq++
		}
		first := fmt.Sprintf("%s%04d%02d%02d%03d", place, birth.Year, int(birth.Month), birth.Day, seq)
		id := first + string(person.IDCheckChar(first))
		if !g.usedIDs[id] {
			g.usedIDs[id] = true
			return id
		}
	}
}

// base draws the master record of someone born between two years.
func (g *peopleGen) base(orgID string, fromYear, toYear int) person.Person {
	gender := "1"
	if g.chance(45) {
		gender = "2"
	}
	birth := g.day(jan1(fromYear), jan1(toYear))
	p := person.Person{
		OrgID: orgID, Name: g.name(), Gender: gender, BirthDate: birth, Ethnicity: "01",
		NativePlace: person.Place{Code: g.county.DivisionCode, Text: "河南" + strings.TrimSuffix(g.county.Name, "县")},
		Birthplace:  person.Place{Code: g.county.DivisionCode, Text: "河南" + strings.TrimSuffix(g.county.Name, "县")},
		Health:      "1", PoliticalStatus: "13",
	}
	if g.chance(2) {
		p.Ethnicity = pick(g, []string{"03", "08", "02"}) // 回族, 满族, 蒙古族
	}
	p.IDNumber = g.idNumber(birth, gender)
	p.Phone = fmt.Sprintf("1%d%09d", pick(g, []int{3, 5, 7, 8, 9}), g.rng.IntN(1_000_000_000))
	return p
}

var educations = []struct {
	level, text string
	weight      int
}{
	{"71", "初中", 30}, {"61", "高中", 25}, {"41", "中专", 10}, {"31", "大学专科", 15}, {"21", "大学本科", 18}, {"14", "硕士研究生", 2},
}

func (g *peopleGen) education(minLevel int) person.Education {
	total := 0
	for _, e := range educations[minLevel:] {
		total += e.weight
	}
	n := g.rng.IntN(total)
	for _, e := range educations[minLevel:] {
		if n < e.weight {
			return person.Education{Level: e.level, Text: e.text}
		}
		n -= e.weight
	}
	return person.Education{}
}

// party gives someone the party facet with a plausible pipeline.
func (g *peopleGen) party(p *person.Person, b branchAt, minAge int) *person.PartyMember {
	join := g.day(addYears(p.BirthDate, minAge), addYears(p.BirthDate, minAge+22))
	if join.After(asOf.AddDays(-30)) {
		join = asOf.AddDays(-30)
	}
	m := &person.PartyMember{BranchID: g.orgs[b.branch].ID, JoinDate: join, Standing: person.StandingNormal}
	full := civil.Of(join.Time().AddDate(1, 0, 0))
	if full.After(asOf) {
		m.Category = person.ProbationaryMember
		p.PoliticalStatus = "02"
	} else {
		m.Category, m.FullDate = person.FullMember, full
		p.PoliticalStatus = "01"
	}
	introducers := []string{g.name(), g.name()}
	m.Pipeline = []person.PipelineStep{
		{Stage: person.StageApplicant, Date: join.AddDays(-g.span(500, 900))},
		{Stage: person.StageActivist, Date: join.AddDays(-g.span(380, 480))},
		{Stage: person.StageCandidate, Date: join.AddDays(-g.span(60, 200))},
		{Stage: person.StageProbationary, Date: join, Introducers: introducers},
	}
	if !m.FullDate.IsZero() {
		m.Pipeline = append(m.Pipeline, person.PipelineStep{Stage: person.StageFull, Date: m.FullDate})
	}
	switch {
	case g.chance(1):
		m.LostContact = &person.LostContact{Reason: pick(g, []person.LostContactReason{person.LostMigrantWork, person.LostChangedJob, person.LostMoved}),
			Since: g.day(jan1(2020), asOf.AddDays(-200))}
	case g.chance(4):
		m.Floating = &person.Floating{Destination: pick(g, []string{"广东省深圳市", "浙江省杭州市", "上海市", "江苏省苏州市", "北京市"}),
			Since: g.day(jan1(2018), asOf)}
	}
	p.PartyJoinDate = join
	return m
}

// branchIn returns a branch serving unit, or any branch when it has none.
func (g *peopleGen) branchIn(unit int) branchAt {
	for _, b := range g.branches {
		if b.unit == unit {
			return b
		}
	}
	return pick(g, g.branches)
}

func (g *peopleGen) member() person.Dossier {
	b := pick(g, g.branches)
	p := g.base(g.orgs[b.unit].ID, 1936, 2004)
	p.FullTime = g.education(0)
	p.WorkStartDate = g.day(addYears(p.BirthDate, 17), addYears(p.BirthDate, 24))
	d := person.Dossier{Person: p}
	d.Party = g.party(&d.Person, b, 18)
	return d
}

var cadreTitles = []struct{ title, rank string }{
	{"科员", "一级科员"}, {"科员", "二级科员"}, {"副主任科员", "四级主任科员"}, {"股长", "四级主任科员"},
	{"副主任", "副科级"}, {"副局长", "副科级"}, {"党组成员、副局长", "副科级"}, {"局长", "正科级"},
	{"副镇长", "副科级"}, {"党委委员、组织委员", "副科级"}, {"镇长", "正科级"}, {"党委书记", "正科级"},
}

var universities = strings.Fields(`郑州大学 河南大学 河南师范大学 河南农业大学 信阳师范大学 黄淮学院 驻马店职业技术学院 华北水利水电大学 河南财经政法大学 周口师范学院`)
var majors = strings.Fields(`汉语言文学 法学 行政管理 会计学 农学 计算机科学与技术 思想政治教育 经济学 土木工程 英语`)
var relationsOlder = []string{"父亲", "母亲"}

func (g *peopleGen) cadre(member bool) person.Dossier {
	unit := pick(g, g.offices)
	p := g.base(g.orgs[unit].ID, 1966, 2002)
	p.FullTime = g.education(4)
	grad := addYears(p.BirthDate, g.span(21, 24))
	p.FullTime.School = pick(g, universities) + pick(g, majors) + "专业"
	p.WorkStartDate = grad.AddDays(g.span(20, 120))
	d := person.Dossier{Person: p}
	if member {
		d.Party = g.party(&d.Person, g.branchIn(unit), 20)
	}
	c := &person.Cadre{Management: person.ManagedCounty}
	school := grad.AddDays(-4 * 365)
	c.Resume = append(c.Resume, person.ResumeLine{From: monthOf(school), To: monthOf(grad), FullTime: true,
		Text: strings.TrimSuffix(p.FullTime.School, "专业") + "专业学习"})
	cur := monthOf(d.Person.WorkStartDate)
	units := []string{"正阳县" + pick(g, []string{"财政局", "农业农村局", "教育局", "民政局"}), g.orgs[unit].Name}
	for i, u := range units {
		to := civil.Date{}
		if i < len(units)-1 {
			to = monthOf(g.day(cur.AddDays(365), cur.AddDays(8*365)))
			if !to.Before(monthOf(asOf)) {
				to = civil.Date{}
			}
		}
		c.Resume = append(c.Resume, person.ResumeLine{From: cur, To: to, FullTime: true, Text: u + pick(g, []string{"工作", "科员", "办公室工作"})})
		if to.IsZero() {
			break
		}
		cur = to
	}
	t := pick(g, cadreTitles)
	appointed := g.day(cur, asOf.AddDays(-30))
	post := person.Post{UnitID: g.orgs[unit].ID, UnitName: g.orgs[unit].Name, Title: t.title, Rank: t.rank, Current: true,
		Leading:   t.rank != "一级科员" && t.rank != "二级科员" && t.rank != "四级主任科员",
		Appointed: person.Decision{Organ: "中共正阳县委", Date: appointed, DocumentNo: fmt.Sprintf("正组〔%d〕%d号", appointed.Year, g.span(1, 120))}}
	if post.Leading && asOf.Time().Sub(appointed.Time()) < 365*24*time.Hour {
		post.ProbationMonths = 12
	}
	c.Posts = []person.Post{post}
	c.CurrentPostText = g.orgs[unit].Name + t.title
	for y := asOf.Year - 5; y < asOf.Year; y++ {
		if y < d.Person.WorkStartDate.Year+1 {
			continue
		}
		grade := person.GradeCompetent
		if g.chance(18) {
			grade = person.GradeExcellent
		}
		c.Assessments = append(c.Assessments, person.Assessment{Year: y, Grade: grade})
	}
	c.Family = g.family(&d.Person)
	d.Cadre = c
	return d
}

func monthOf(d civil.Date) civil.Date { return civil.Date{Year: d.Year, Month: d.Month, Day: 1} }

func (g *peopleGen) family(p *person.Person) []person.Relative {
	spouse := "妻子"
	if p.Gender == "2" {
		spouse = "丈夫"
	}
	fam := []person.Relative{{Relation: spouse, Name: g.name(), BirthDate: g.day(addYears(p.BirthDate, -3), addYears(p.BirthDate, 3)),
		PoliticalStatus: pick(g, []string{"01", "13"}), WorkAndPost: "正阳县" + pick(g, []string{"第一高级中学教师", "人民医院护士", "个体经营", "农业农村局干部"})}}
	for i := 0; i < g.span(1, 2); i++ {
		born := g.day(addYears(p.BirthDate, 24), addYears(p.BirthDate, 34))
		if born.After(asOf) {
			continue
		}
		fam = append(fam, person.Relative{Relation: pick(g, []string{"儿子", "女儿"}), Name: g.name(), BirthDate: born,
			PoliticalStatus: "13", WorkAndPost: "学生"})
	}
	for _, r := range relationsOlder {
		rel := person.Relative{Relation: r, Name: g.name(), BirthDate: g.day(addYears(p.BirthDate, -34), addYears(p.BirthDate, -22)),
			PoliticalStatus: "13", WorkAndPost: "正阳县农民"}
		if g.chance(25) {
			rel.Deceased, rel.WorkAndPost = true, "已故"
		}
		fam = append(fam, rel)
	}
	return fam
}

var skillsByCategory = map[person.TalentCategory][]string{
	person.TalentRural:        strings.Fields(`养殖 种植 花生种植 食用菌 农机 果蔬 电商 植保 水产养殖 畜牧兽医 生猪养殖 农村电商运营`),
	person.TalentSkilled:      strings.Fields(`焊接 电工 数控 汽车维修 建筑施工 厨师 家政 电子装配 机械维修`),
	person.TalentProfessional: strings.Fields(`教育 医疗 会计 农艺 规划设计 法律 软件开发 护理 畜牧兽医`),
	person.TalentManagement:   strings.Fields(`企业管理 市场营销 电商 物流 财务管理 人力资源 农村电商运营`),
	person.TalentSocialWork:   strings.Fields(`社会工作 养老服务 调解 心理辅导 志愿服务`),
	person.TalentParty:        strings.Fields(`党建 行政管理 乡村治理 招商引资`),
}

// flowFormShares is the percentage of talents accepting each form of taking
// part: most work alongside their post (兼职), few would leave it (离岗).
var flowFormShares = map[person.FlowForm]int{person.FlowPartTime: 88, person.FlowLeavePost: 10, person.FlowEquity: 25, person.FlowAdvisor: 30}

func (g *peopleGen) talent(member bool) person.Dossier {
	cat := person.TalentRural
	var unit int
	switch n := g.rng.IntN(100); {
	case n < 45:
		cat, unit = person.TalentRural, pick(g, g.villages)
	case n < 60:
		cat, unit = person.TalentSkilled, pick(g, g.firms)
	case n < 78:
		cat, unit = person.TalentProfessional, pick(g, g.schools)
	case n < 90:
		cat, unit = person.TalentManagement, pick(g, g.firms)
	case n < 96:
		cat, unit = person.TalentSocialWork, pick(g, g.villages)
	default:
		cat, unit = person.TalentParty, pick(g, g.offices)
	}
	p := g.base(g.orgs[unit].ID, 1961, 2003)
	p.FullTime = g.education(1)
	p.WorkStartDate = g.day(addYears(p.BirthDate, 18), addYears(p.BirthDate, 24))
	d := person.Dossier{Person: p}
	if member {
		d.Party = g.party(&d.Person, g.branchIn(unit), 20)
	}
	t := &person.Talent{Category: cat, Availability: pick(g, []person.Availability{person.Available, person.Available, person.PartTime, person.Unavailable})}
	pool := skillsByCategory[cat]
	for _, i := range g.rng.Perm(len(pool))[:g.span(1, 3)] {
		t.Skills = append(t.Skills, person.Skill{Name: pool[i], Level: g.span(2, 5)})
	}
	if cat == person.TalentProfessional && g.chance(60) {
		t.Titles = []string{pick(g, []string{"中级", "副高级", "初级"})}
	}
	for _, f := range person.FlowForms {
		if g.chance(flowFormShares[f]) {
			t.Forms = append(t.Forms, f)
		}
	}
	if len(t.Forms) == 0 {
		t.Forms = []person.FlowForm{person.FlowAdvisor}
	}
	t.Region = g.county.DivisionCode
	if len(t.Region) != 6 {
		t.Region = DefaultCounty.Code
	}
	d.Person.Specialties = t.Skills[0].Name
	d.Talent = t
	return d
}

// plant puts one flaw the dossier can carry into it.
func (g *peopleGen) plant(d *person.Dossier) (Flaw, bool) {
	p := &d.Person
	switch {
	case d.Cadre != nil && len(d.Cadre.Resume) >= 2 && g.chance(50):
		last := &d.Cadre.Resume[len(d.Cadre.Resume)-1]
		if g.chance(50) {
			last.From = civil.Of(last.From.Time().AddDate(0, 8, 0))
			return FlawResumeGap, true
		}
		last.From = civil.Of(d.Cadre.Resume[len(d.Cadre.Resume)-2].To.Time().AddDate(0, -6, 0))
		return FlawResumeOverlap, true
	case d.Cadre != nil && g.chance(30):
		post := &d.Cadre.Posts[0]
		post.Leading, post.ProbationMonths = true, 12
		post.Appointed.Date = asOf.AddDays(-g.span(400, 700))
		return FlawProbationExpiry, true
	case d.Party != nil && d.Party.Category == person.FullMember && d.Party.FullDate.Before(asOf.AddDays(-300)) && g.chance(50):
		d.Party.FullDate = d.Party.FullDate.AddDays(g.span(60, 300))
		d.Party.Pipeline[len(d.Party.Pipeline)-1].Date = d.Party.FullDate
		return FlawFullMemberDate, true
	case d.Party != nil && d.Party.Category == person.FullMember:
		shift := d.Party.JoinDate.Year - p.BirthDate.Year - 17
		d.Party.JoinDate = civil.Of(d.Party.JoinDate.Time().AddDate(-shift, 0, 0))
		d.Party.FullDate = civil.Of(d.Party.JoinDate.Time().AddDate(1, 0, 0))
		for i := range d.Party.Pipeline {
			d.Party.Pipeline[i].Date = civil.Of(d.Party.Pipeline[i].Date.Time().AddDate(-shift, 0, 0))
		}
		d.Party.Pipeline[len(d.Party.Pipeline)-1].Date = d.Party.FullDate
		p.PartyJoinDate = d.Party.JoinDate
		return FlawPartyBefore18, true
	default:
		p.WorkStartDate = addYears(p.BirthDate, 15)
		return FlawWorkBefore16, true
	}
}
