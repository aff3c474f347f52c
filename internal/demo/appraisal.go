package demo

import (
	"fmt"
	"math/rand/v2"

	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/person"
)

// AppraisalCadre is a stored cadre the demo appraisal ranks: the ID the
// registry gave them and their post rank, which decides their peer group.
type AppraisalCadre struct {
	PersonID string
	Rank     string
}

// AppraisalDemo is a generated appraisal: a scheme for the year before
// asOf, each cadre's peer group and their evidence records. About one
// record in ten is not signed off, so that the demo shows records that do
// not count yet.
type AppraisalDemo struct {
	Scheme   appraisal.Scheme
	Members  []AppraisalMember
	Evidence []appraisal.Evidence
}

// AppraisalMember places a cadre in a peer group.
type AppraisalMember struct {
	PersonID string
	Group    string
}

// The demo's peer groups, by post rank.
const (
	GroupChiefs   = "section_chiefs"   // 正科级
	GroupDeputies = "section_deputies" // 副科级
	GroupStaff    = "staff"            // 科员、主任科员
)

// AppraisalGroup is the demo peer group of a post rank.
func AppraisalGroup(rank string) string {
	switch rank {
	case "正科级":
		return GroupChiefs
	case "副科级":
		return GroupDeputies
	}
	return GroupStaff
}

// AppraisalScheme is the demo scheme: the four orientations and 德能勤绩廉
// for the calendar year, with a bonus, a deduction and a veto.
func AppraisalScheme(year int) appraisal.Scheme {
	return appraisal.Scheme{
		Name: fmt.Sprintf("%d年度乡科级干部实绩考核", year), Group: appraisal.GroupTownshipLeaders, Version: 1,
		Period: appraisal.Period{From: civil.Date{Year: year, Month: 1, Day: 1}, To: civil.Date{Year: year, Month: 12, Day: 31}},
		Indicators: []appraisal.Indicator{
			{Code: "P1", Name: "项目竣工", Orientation: appraisal.OrientProjects, Weight: 15_00, Unit: "个",
				Direction: appraisal.HigherBetter, Method: appraisal.Linear, Target: 3 * appraisal.One, Measure: appraisal.MeasureProjectsCompleted},
			{Code: "P2", Name: "项目投资", Orientation: appraisal.OrientProjects, Weight: 15_00, Unit: "万元",
				Direction: appraisal.HigherBetter, Method: appraisal.Ranked, Measure: appraisal.MeasureProjectInvestment},
			{Code: "I1", Name: "资金到位", Orientation: appraisal.OrientInvestment, Weight: 15_00, Unit: "万元",
				Direction: appraisal.HigherBetter, Method: appraisal.Banded, Measure: appraisal.MeasureFundsInPlace,
				Bands: []appraisal.Band{{Limit: 500 * appraisal.One, Percent: 40}, {Limit: 2000 * appraisal.One, Percent: 70},
					{Limit: 5000 * appraisal.One, Percent: 100}}},
			{Code: "D1", Name: "办结案件", Orientation: appraisal.OrientDevelopment, Weight: 10_00, Unit: "件",
				Direction: appraisal.HigherBetter, Method: appraisal.Ranked, Measure: appraisal.MeasureCasesClosed},
			{Code: "C1", Name: "获奖表彰", Orientation: appraisal.OrientContribution, Weight: 10_00, Unit: "项",
				Direction: appraisal.HigherBetter, Method: appraisal.Linear, Target: 2 * appraisal.One, Measure: appraisal.MeasureAwards},
			{Code: "E1", Name: "德（民主测评）", Orientation: appraisal.OrientDe, Weight: 15_00, Unit: "分",
				Direction: appraisal.HigherBetter, Method: appraisal.Linear, Zero: 60 * appraisal.One, Target: 95 * appraisal.One,
				Measure: appraisal.MeasureAssessment, Class: "de"},
			{Code: "E2", Name: "能（民主测评）", Orientation: appraisal.OrientNeng, Weight: 15_00, Unit: "分",
				Direction: appraisal.HigherBetter, Method: appraisal.Linear, Zero: 60 * appraisal.One, Target: 95 * appraisal.One,
				Measure: appraisal.MeasureAssessment, Class: "neng"},
			{Code: "L1", Name: "廉（问责）", Orientation: appraisal.OrientLian, Weight: 5_00, Unit: "次",
				Direction: appraisal.LowerBetter, Method: appraisal.Linear, Zero: 2 * appraisal.One, Measure: appraisal.MeasureAccountability},
		},
		Bonuses: []appraisal.Item{{Code: "B1", Name: "省级以上表彰", Kind: appraisal.KindAward, Class: "provincial",
			Per: 2_00, Cap: 4_00}},
		Deductions: []appraisal.Item{{Code: "X1", Name: "问责", Kind: appraisal.KindAccountability, Per: 1_00, Cap: 3_00}},
		Vetoes: []appraisal.Veto{{Code: "V1", Name: "党纪政务处分", Kind: appraisal.KindSanction,
			Cap: person.GradeBasic}},
	}
}

// GenerateAppraisal generates the demo appraisal of cadres for the year
// before asOf, deterministically from seed: the same cadres and seed give
// the same groups, values and document numbers. Record IDs are left for
// the store to assign.
func GenerateAppraisal(cadres []AppraisalCadre, seed uint64) AppraisalDemo {
	year := asOf.Year - 1
	out := AppraisalDemo{Scheme: AppraisalScheme(year), Members: make([]AppraisalMember, len(cadres))}
	rng := rand.New(rand.NewPCG(seed, pcgStream))
	g := evidenceGen{rng: rng, year: year}
	for i, c := range cadres {
		out.Members[i] = AppraisalMember{PersonID: c.PersonID, Group: AppraisalGroup(c.Rank)}
		out.Evidence = g.of(c.PersonID, out.Evidence)
	}
	return out
}

// evidenceGen draws one cadre's records at a time.
type evidenceGen struct {
	rng  *rand.Rand
	year int
	doc  int
}

func (g *evidenceGen) day() civil.Date {
	return civil.Date{Year: g.year, Month: 1, Day: 1}.AddDays(g.rng.IntN(365))
}

func (g *evidenceGen) value(lo, hi int) appraisal.Value {
	return appraisal.Value(lo+g.rng.IntN(hi-lo+1)) * appraisal.One
}

// of appends a cadre's records to out: projects, deals, awards, cases,
// two democratic-assessment results and, rarely, an accountability outcome
// or a sanction.
func (g *evidenceGen) of(personID string, out []appraisal.Evidence) []appraisal.Evidence {
	add := func(kind appraisal.Kind, class string, mod func(*appraisal.Evidence)) {
		g.doc++
		e := appraisal.Evidence{PersonID: personID, Kind: kind, Class: class, Date: g.day(),
			DocumentNo: fmt.Sprintf("正考〔%d〕%d号", g.year, g.doc)}
		if mod != nil {
			mod(&e)
		}
		if g.rng.IntN(10) > 0 {
			e.SignOff = appraisal.SignOff{Reviewer: "县委组织部考核办", On: e.Date.AddDays(1 + g.rng.IntN(20))}
		}
		out = append(out, e)
	}
	for range g.rng.IntN(4) {
		add(appraisal.KindProject, "", func(e *appraisal.Evidence) {
			e.Amount, e.Progress = g.value(50, 3000), g.value(20, 100)
			e.Completed = e.Progress == 100*appraisal.One || g.rng.IntN(3) == 0
			if e.Completed {
				e.Progress = 100 * appraisal.One
			}
		})
	}
	for range g.rng.IntN(3) {
		add(appraisal.KindDeal, "", func(e *appraisal.Evidence) {
			e.Amount = g.value(200, 5000)
			e.InPlace = e.Amount * appraisal.Value(g.rng.IntN(101)) / 100
		})
	}
	if g.rng.IntN(4) == 0 {
		class := "county"
		if g.rng.IntN(3) == 0 {
			class = "provincial"
		}
		add(appraisal.KindAward, class, nil)
	}
	for range g.rng.IntN(5) {
		add(appraisal.KindCaseClosed, "", nil)
	}
	for _, dim := range []string{"de", "neng"} {
		add(appraisal.KindAssessment, dim, func(e *appraisal.Evidence) { e.Score = g.value(65, 98) })
	}
	if g.rng.IntN(30) == 0 {
		add(appraisal.KindAccountability, "诫勉", nil)
	}
	if g.rng.IntN(100) == 0 {
		add(appraisal.KindSanction, "警告", nil)
	}
	return out
}
