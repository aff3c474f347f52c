package appraisal

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

var date = civil.MustParse

// testScheme is a valid scheme for township leaders in 2025 that uses every
// method, orientation family, item and a veto.
func testScheme() Scheme {
	return Scheme{
		ID: "s-township-2025", Version: 1, Name: "2025 乡镇党政正职", Group: GroupTownshipLeaders,
		Period: Period{From: date("2025-01-01"), To: date("2025-12-31")},
		Indicators: []Indicator{
			{Code: "P1", Name: "项目竣工", Orientation: OrientProjects, Weight: 20_00, Unit: "个", Direction: HigherBetter,
				Method: Linear, Target: 5 * One, Measure: MeasureProjectsCompleted},
			{Code: "P2", Name: "项目投资", Orientation: OrientProjects, Weight: 10_00, Unit: "万元", Direction: HigherBetter,
				Method: Ranked, Measure: MeasureProjectInvestment},
			{Code: "I1", Name: "资金到位", Orientation: OrientInvestment, Weight: 20_00, Unit: "万元", Direction: HigherBetter,
				Method: Banded, Measure: MeasureFundsInPlace,
				Bands: []Band{{Limit: 1000 * One, Percent: 40}, {Limit: 3000 * One, Percent: 70}, {Limit: 5000 * One, Percent: 100}}},
			{Code: "I2", Name: "签约金额", Orientation: OrientInvestment, Weight: 10_00, Unit: "万元", Direction: HigherBetter,
				Method: Linear, Target: 10000 * One, Measure: MeasureDealsSigned},
			{Code: "D1", Name: "办结案件", Orientation: OrientDevelopment, Weight: 10_00, Unit: "件", Direction: HigherBetter,
				Method: Ranked, Measure: MeasureCasesClosed},
			{Code: "C1", Name: "获奖", Orientation: OrientContribution, Weight: 5_00, Unit: "项", Direction: HigherBetter,
				Method: Linear, Target: 2 * One, Measure: MeasureAwards},
			{Code: "E1", Name: "德", Orientation: OrientDe, Weight: 10_00, Unit: "%", Direction: HigherBetter,
				Method: Linear, Zero: 60 * One, Target: 95 * One, Measure: MeasureAssessment, Class: "de"},
			{Code: "E2", Name: "廉", Orientation: OrientLian, Weight: 5_00, Unit: "次", Direction: LowerBetter,
				Method: Linear, Zero: 3 * One, Target: 0, Measure: MeasureAccountability},
			{Code: "E3", Name: "能", Orientation: OrientNeng, Weight: 10_00, Unit: "%", Direction: HigherBetter,
				Method: Linear, Zero: 60 * One, Target: 95 * One, Measure: MeasureAssessment, Class: "neng"},
		},
		Bonuses:    []Item{{Code: "B1", Name: "省级表彰", Kind: KindAward, Class: "provincial", Per: 2_00, Cap: 4_00}},
		Deductions: []Item{{Code: "X1", Name: "问责", Kind: KindAccountability, Per: 1_00, Cap: 3_00}},
		Vetoes:     []Veto{{Code: "V1", Name: "党纪处分", Kind: KindSanction, Cap: person.GradeBasic}},
	}
}

// ev is a signed-off record of a kind dated on day, changed by mod.
func ev(id string, kind Kind, day string, mod func(*Evidence)) Evidence {
	e := Evidence{ID: id, PersonID: "p1", Kind: kind, Date: date(day), DocumentNo: "正发〔2025〕1号",
		SignOff: SignOff{Reviewer: "r1", On: date(day).AddDays(3)}}
	if mod != nil {
		mod(&e)
	}
	return e
}

// randomSubjects makes n subjects for s with random values and occurrences;
// a few incur vetoes.
func randomSubjects(r *rand.Rand, s *Scheme, n int) []Subject {
	subs := make([]Subject, n)
	ids := func(prefix string, k int) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = fmt.Sprintf("%s-%d", prefix, i)
		}
		return out
	}
	occurrences := func(prefix string, k int) Measured {
		return Measured{Value: Value(k) * One, Evidence: ids(prefix, k)}
	}
	for i := range subs {
		sub := Subject{PersonID: fmt.Sprintf("p%06d", i)}
		for _, in := range s.Indicators {
			// Values cluster on a few levels so that ties happen.
			v := Value(r.IntN(8)) * Value(in.Target/4+One)
			if r.IntN(3) == 0 {
				v = Value(r.Int64N(int64(in.Target + in.Zero + 10*One)))
			}
			sub.Indicators = append(sub.Indicators, Measured{Value: v, Evidence: ids(in.Code, r.IntN(3))})
		}
		for _, it := range s.Bonuses {
			sub.Bonuses = append(sub.Bonuses, occurrences(it.Code, r.IntN(4)))
		}
		for _, it := range s.Deductions {
			sub.Deductions = append(sub.Deductions, occurrences(it.Code, r.IntN(5)))
		}
		for _, v := range s.Vetoes {
			k := 0
			if r.IntN(20) == 0 {
				k = 1
			}
			sub.Vetoes = append(sub.Vetoes, occurrences(v.Code, k))
		}
		subs[i] = sub
	}
	return subs
}

// fieldKeys returns the fault.Fields of err as "field=key" in order.
func fieldKeys(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		t.Fatalf("got error %v, want an invalid-input fault", err)
	}
	return strings.Trim(e.Fields.String(), "[]")
}

// keyOf returns the catalog key of a fault.
func keyOf(err error) string {
	if e, ok := fault.As(err); ok {
		return e.Key
	}
	return ""
}

// reasonKeys lists the keys of reasons, joined by spaces.
func reasonKeys(rs []Reason) string {
	keys := make([]string, len(rs))
	for i, r := range rs {
		keys[i] = r.Key
	}
	return strings.Join(keys, " ")
}
