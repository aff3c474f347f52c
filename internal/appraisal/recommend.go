package appraisal

import (
	"strconv"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// The usual target levels of a promotion, keys of RecommendConfig.Levels.
const (
	LevelSectionDeputy = "section_deputy" // 乡科级副职
	LevelSectionChief  = "section_chief"  // 乡科级正职
	LevelCountyDeputy  = "county_deputy"  // 县处级副职
)

// LevelRule is what a promotion to one level requires beyond performance.
type LevelRule struct {
	// MinYearsInPost is the whole years the cadre must have held the
	// current post, counted from the appointing decision.
	MinYearsInPost int
	// AgeBelow is the age the cadre must be under on the day of the
	// recommendation.
	AgeBelow int
}

// RecommendConfig holds the (local) thresholds of the recommendation lists.
type RecommendConfig struct {
	// PromotePercent is the top share of the ranking considered for
	// promotion.
	PromotePercent int
	// AdjustPercent is the bottom share of the ranking proposed for
	// adjustment.
	AdjustPercent int
	Levels        map[string]LevelRule
}

// DefaultRecommendConfig returns the defaults: the top 10 % considered for
// promotion, the bottom 5 % proposed for adjustment; a section deputy post
// needs 3 years in post and age under 40, a section chief post 2 years
// (deputy to chief, as the 2019 regulations require) and under 45, a county
// deputy post 3 years (lower chief to upper deputy) and under 50. The ages
// vary by place.
func DefaultRecommendConfig() RecommendConfig {
	return RecommendConfig{
		PromotePercent: 10,
		AdjustPercent:  5,
		Levels: map[string]LevelRule{
			LevelSectionDeputy: {MinYearsInPost: 3, AgeBelow: 40},
			LevelSectionChief:  {MinYearsInPost: 2, AgeBelow: 45},
			LevelCountyDeputy:  {MinYearsInPost: 3, AgeBelow: 50},
		},
	}
}

// Validate checks the configuration and returns fault.Fields, or nil.
func (c *RecommendConfig) Validate() error {
	var f fault.Fields
	if !percentOK(c.PromotePercent) {
		f.Add("promote_percent", "appraisal.config.percent")
	}
	if !percentOK(c.AdjustPercent) {
		f.Add("adjust_percent", "appraisal.config.percent")
	}
	for key, l := range c.Levels {
		if l.MinYearsInPost < 0 {
			f.Add("levels."+key+".min_years_in_post", "appraisal.negative")
		}
		if l.AgeBelow <= 0 {
			f.Add("levels."+key+".age_below", "appraisal.config.age")
		}
	}
	return f.Err()
}

// Recommendation is one entry of a list, with its reasons.
type Recommendation struct {
	PersonID string
	Rank     int
	Reasons  []Reason
}

// Recommendations are the lists proposed after a ranking, each in rank
// order. HeldBack lists the top performers who are not eligible for
// promotion, with why, so that nobody drops off the list unexplained.
type Recommendations struct {
	Promote  []Recommendation
	HeldBack []Recommendation
	Adjust   []Recommendation
}

// Recommend proposes the promotion and adjustment lists of a ranked group
// on the day on, for assessment year year.
//
// The top share are the cadres with fewer than floor(n×PromotePercent/100)
// cadres ranked strictly above them, so a tie at the line takes in all the
// tied. They are promoted if eligible: no veto, not on the adjustment list,
// a known target level, enough whole years in the current post, the
// training quota met, and under the level's age.
//
// A cadre is proposed for adjustment when in the bottom share (fewer than
// floor(n×AdjustPercent/100) ranked strictly below), when graded 基本称职
// in year and the year before, when graded 不称职 in either, or when a
// signed-off accountability outcome is dated in either.
func Recommend(cfg RecommendConfig, year int, on civil.Date, rk *Ranking, profiles []Profile) (Recommendations, error) {
	if err := cfg.Validate(); err != nil {
		return Recommendations{}, err
	}
	if err := lineUp(rk, profiles); err != nil {
		return Recommendations{}, err
	}
	n := len(rk.Results)
	top := n * cfg.PromotePercent / 100
	bottom := n * cfg.AdjustPercent / 100
	worse := strictlyWorse(rk.Results)
	var out Recommendations
	adjusted := make([]bool, n)
	for i := range rk.Results {
		r := &rk.Results[i]
		p := &profiles[r.Subject]
		var why []Reason
		if worse[i] < bottom {
			why = append(why, reason("appraisal.recommend.bottom_rank", strconv.Itoa(r.Rank), strconv.Itoa(n)))
		}
		why = append(why, gradeReasons(p, year)...)
		why = append(why, accountabilityReasons(p, year)...)
		if len(why) > 0 {
			adjusted[i] = true
			out.Adjust = append(out.Adjust, Recommendation{PersonID: r.PersonID, Rank: r.Rank, Reasons: why})
		}
	}
	for i := range rk.Results {
		r := &rk.Results[i]
		if r.Rank > top {
			break
		}
		why := []Reason{reason("appraisal.recommend.top_rank", strconv.Itoa(r.Rank), strconv.Itoa(n))}
		blocks := cfg.promotionBlocks(r, &profiles[r.Subject], adjusted[i], on)
		rec := Recommendation{PersonID: r.PersonID, Rank: r.Rank, Reasons: append(why, blocks...)}
		if len(blocks) == 0 {
			out.Promote = append(out.Promote, rec)
		} else {
			out.HeldBack = append(out.HeldBack, rec)
		}
	}
	return out, nil
}

// strictlyWorse counts, for each result in rank order, the results ranked
// strictly below it.
func strictlyWorse(results []Result) []int {
	worse := make([]int, len(results))
	below := 0
	for i := len(results) - 1; i >= 0; i-- {
		if i < len(results)-1 && results[i].Rank != results[i+1].Rank {
			below = len(results) - 1 - i
		}
		worse[i] = below
	}
	return worse
}

// promotionBlocks returns the reasons a top performer may not be promoted.
func (c *RecommendConfig) promotionBlocks(r *Result, p *Profile, adjusted bool, on civil.Date) []Reason {
	var why []Reason
	for _, code := range r.Vetoes {
		why = append(why, reason("appraisal.recommend.vetoed", code))
	}
	if adjusted {
		why = append(why, reason("appraisal.recommend.on_adjustment_list"))
	}
	if !p.TrainingMet {
		why = append(why, reason("appraisal.recommend.training_unmet"))
	}
	level, ok := c.Levels[p.TargetLevel]
	if !ok {
		return append(why, reason("appraisal.recommend.level_unknown", p.TargetLevel))
	}
	switch years := fullYears(p.PostDecided, on); {
	case p.PostDecided.IsZero():
		why = append(why, reason("appraisal.recommend.post_date_missing"))
	case years < level.MinYearsInPost:
		why = append(why, reason("appraisal.recommend.time_in_post_short", strconv.Itoa(years), strconv.Itoa(level.MinYearsInPost)))
	}
	switch age := fullYears(p.BirthDate, on); {
	case p.BirthDate.IsZero():
		why = append(why, reason("appraisal.recommend.birth_date_missing"))
	case age >= level.AgeBelow:
		why = append(why, reason("appraisal.recommend.over_age", strconv.Itoa(age), strconv.Itoa(level.AgeBelow)))
	}
	return why
}

// gradeReasons applies the grade rules of adjustment: 基本称职 two years
// in a row, or 不称职 in the assessment year or the year before.
func gradeReasons(p *Profile, year int) []Reason {
	var why []Reason
	if p.gradeIn(year-1) == person.GradeBasic && p.gradeIn(year) == person.GradeBasic {
		why = append(why, reason("appraisal.recommend.basic_twice", strconv.Itoa(year-1), strconv.Itoa(year)))
	}
	for _, y := range []int{year - 1, year} {
		if p.gradeIn(y) == person.GradeIncompetent {
			why = append(why, reason("appraisal.recommend.incompetent", strconv.Itoa(y)))
		}
	}
	return why
}

// accountabilityReasons names each signed-off accountability outcome dated
// in the assessment year or the year before.
func accountabilityReasons(p *Profile, year int) []Reason {
	var why []Reason
	for i := range p.Accountability {
		e := &p.Accountability[i]
		if e.Kind == KindAccountability && e.Counts() && (e.Date.Year == year || e.Date.Year == year-1) {
			why = append(why, reason("appraisal.recommend.accountability", e.ID, e.Class))
		}
	}
	return why
}
