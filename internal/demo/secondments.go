package demo

import (
	"fmt"
	"math/rand/v2"

	"zugong/internal/civil"
	"zugong/internal/org"
	"zugong/internal/secondment"
)

// secondmentPlan is how many secondments of each kind a demo county has
// (about sixty: 驻村第一书记 the most, as in a real county).
var secondmentPlan = []struct {
	kind secondment.Kind
	n    int
}{{secondment.FirstSecretary, 22}, {secondment.Down, 16}, {secondment.Up, 16}, {secondment.Released, 6}}

// fate is how a generated secondment stands on the demo's today.
type fate int

const (
	running  fate = iota
	expiring      // ends within the usual 30-day warning
	extended      // extended once, still running
	ended         // ended at term, assessed
	returned      // ended early, with a reason
)

// fates cycles through the outcomes: most run, and every kind has some of
// each other outcome.
var fates = []fate{running, expiring, running, ended, extended, running, returned, running, ended, running}

var (
	cityOffices = []string{"驻马店市发展和改革委员会", "驻马店市财政局", "驻马店市农业农村局", "驻马店市自然资源和规划局",
		"驻马店市商务局", "中共驻马店市委组织部", "驻马店市住房和城乡建设局", "驻马店市生态环境局"}
	upPosts       = []string{"科长助理", "综合科副科长", "规划科副科长", "办公室副主任"}
	downPosts     = []string{"党委副书记", "副镇长", "镇长助理", "党委委员"}
	releasedPosts = []string{"总经理助理", "项目部副经理", "招商专员"}
	returnReasons = []string{"提拔任职，提前结束挂职", "工作需要，派出单位召回", "因病提前结束挂职", "家庭原因，本人申请提前结束"}
	extendReasons = []string{"村集体经济项目尚未完工，延期半年", "乡村振兴示范村创建需要，延期半年", "重点项目推进需要，延期半年"}
)

// Secondments generates the secondments of a demo county: grassroots cadres
// sent up to city offices (上挂), county cadres sent down to townships (下派)
// and to villages as first secretaries (驻村第一书记), and a few released
// for practice in enterprises (离职锻炼). Most run on today; some end within
// thirty days, some were extended, some ended at term and some ended early.
// orgs is one county's tree (as GeneratePeople takes it) and cadres its
// cadres as registered (the Trainee list that GenerateTraining takes), in
// a stable order; each cadre serves at most one secondment, so none
// overlap. The values are plain domain values with no ID, ready for
// secondment.Service.Save; generation is deterministic for a seed.
func Secondments(orgs []org.Org, cadres []Trainee, today civil.Date, seed uint64) []secondment.Secondment {
	g := &secondmentGen{rng: newRand(seed ^ 0x2545f4914f6cdd1d), today: today, byID: map[string]*org.Org{}}
	for i := range orgs {
		o := &orgs[i]
		g.byID[o.ID] = o
		switch o.Kind {
		case org.Township, org.Subdistrict:
			g.townships = append(g.townships, o)
		case org.Village:
			g.villages = append(g.villages, o)
		case org.Private, org.StateOwned:
			g.firms = append(g.firms, o)
		}
	}
	for _, c := range cadres {
		switch o := g.byID[c.OrgID]; {
		case o == nil:
		case o.Kind == org.Office:
			g.county = append(g.county, c)
		case o.Kind == org.Township || o.Kind == org.Subdistrict:
			g.grassroots = append(g.grassroots, c)
		}
	}
	var out []secondment.Secondment
	n := 0
	for _, p := range secondmentPlan {
		for i := 0; i < p.n; i++ {
			if s, ok := g.secondment(p.kind, fates[n%len(fates)], n); ok {
				out = append(out, s)
			}
			n++
		}
	}
	return out
}

type secondmentGen struct {
	rng                        *rand.Rand
	today                      civil.Date
	byID                       map[string]*org.Org
	townships, villages, firms []*org.Org
	county, grassroots         []Trainee
	usedCounty, usedGrassroots int
}

func (g *secondmentGen) span(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// next takes the next unused cadre of pool (county offices or townships),
// falling back to the other pool when it runs out.
func (g *secondmentGen) next(grassroots bool) (Trainee, bool) {
	if grassroots && g.usedGrassroots < len(g.grassroots) {
		g.usedGrassroots++
		return g.grassroots[g.usedGrassroots-1], true
	}
	if g.usedCounty < len(g.county) {
		g.usedCounty++
		return g.county[g.usedCounty-1], true
	}
	if g.usedGrassroots < len(g.grassroots) {
		g.usedGrassroots++
		return g.grassroots[g.usedGrassroots-1], true
	}
	return Trainee{}, false
}

// secondment draws one secondment of kind with outcome f; it reports false
// when the county lacks the cadres or units it needs.
func (g *secondmentGen) secondment(kind secondment.Kind, f fate, n int) (secondment.Secondment, bool) {
	c, ok := g.next(kind == secondment.Up)
	if !ok {
		return secondment.Secondment{}, false
	}
	home := g.byID[c.OrgID]
	s := secondment.Secondment{JurisdictionID: home.JurisdictionID, PersonID: c.PersonID, Kind: kind, HomeOrgID: home.ID,
		HomeUnit: home.Name, FullTime: true}
	years := 1
	switch kind {
	case secondment.FirstSecretary:
		if len(g.villages) == 0 {
			return s, false
		}
		v := g.villages[g.rng.IntN(len(g.villages))]
		s.HostOrgID, s.HostUnit, s.HostPost, years = v.ID, v.Name, "驻村第一书记", 2
	case secondment.Down:
		if len(g.townships) == 0 {
			return s, false
		}
		t := g.townships[g.rng.IntN(len(g.townships))]
		s.HostOrgID, s.HostUnit, s.HostPost = t.ID, t.Name, downPosts[g.rng.IntN(len(downPosts))]
		years = g.span(1, 2)
		s.FullTime = n%5 != 2
	case secondment.Up:
		s.HostUnit, s.HostPost = cityOffices[g.rng.IntN(len(cityOffices))], upPosts[g.rng.IntN(len(upPosts))]
	case secondment.Released:
		s.HostUnit, s.HostPost = "正阳县产业集聚区管理委员会", releasedPosts[g.rng.IntN(len(releasedPosts))]
		if len(g.firms) > 0 {
			firm := g.firms[g.rng.IntN(len(g.firms))]
			s.HostOrgID, s.HostUnit = firm.ID, firm.Name
		}
	}
	g.term(&s, years, f)
	s.DecisionDoc = fmt.Sprintf("正组〔%d〕%d号", s.Start.Year, g.span(2, 98))
	return s, true
}

// term sets the dates and history of s for a term of years and outcome f,
// through the domain's own rules: a history they refuse is a bug here.
func (g *secondmentGen) term(s *secondment.Secondment, years int, f fate) {
	days := int(civil.Of(g.today.Time().AddDate(years, 0, 0)).Time().Sub(g.today.Time()).Hours() / 24)
	var end civil.Date
	switch f {
	case running:
		end = g.today.AddDays(g.span(45, days-30))
	case expiring:
		end = g.today.AddDays(g.span(3, 28))
	case extended:
		end = g.today.AddDays(-g.span(10, 120))
	case ended:
		end = g.today.AddDays(-g.span(60, 500))
	case returned:
		end = g.today.AddDays(g.span(-100, 200))
	}
	s.End = end
	s.Start = civil.Of(end.Time().AddDate(-years, 0, 1))
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("demo secondment %s at %s: %v", s.Kind, s.HostUnit, err))
		}
	}
	switch f {
	case extended:
		to := civil.Of(end.Time().AddDate(0, 6, 0))
		must(s.Extend(to, extendReasons[g.rng.IntN(len(extendReasons))], end.AddDays(-g.span(10, 25))))
	case returned:
		on := s.Start.AddDays(g.span(days/3, days*2/3))
		if on.After(g.today.AddDays(-10)) {
			on = g.today.AddDays(-10)
		}
		must(s.ReturnEarly(on, returnReasons[g.rng.IntN(len(returnReasons))]))
	}
	if mid := s.Start.AddDays(days / 2); !mid.After(g.today) && !mid.After(s.EffectiveEnd()) {
		must(s.AssessMidTerm(secondment.Assessment{On: mid, Grade: g.grade(), Comment: "群众评价较好，按计划推进各项工作"}))
	}
	if f == ended {
		must(s.AssessEndOfTerm(secondment.Assessment{On: end.AddDays(-g.span(0, 20)), Grade: g.grade(), Comment: "圆满完成挂职任务"}))
	}
}

// grade draws an assessment grade: mostly 称职, a fifth 优秀, rarely less.
func (g *secondmentGen) grade() secondment.Grade {
	switch n := g.rng.IntN(100); {
	case n < 20:
		return secondment.Excellent
	case n < 97:
		return secondment.Competent
	}
	return secondment.Basic
}
