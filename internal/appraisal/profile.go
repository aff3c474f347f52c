package appraisal

import (
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// Profile is what the grade and recommendation rules know about a cadre
// beyond the score. Profiles are passed in the order of the subjects that
// were scored, so a Result's Subject index finds its profile without a map.
type Profile struct {
	PersonID string
	// Probation is set while the cadre serves a probation (试用期) that
	// covers the assessment year.
	Probation bool
	// History holds the final annual grades (A15), the assessment year's
	// once decided: ProposeGrades reads the two years before the assessment
	// year, Recommend the assessment year and the one before.
	History   []person.Assessment
	BirthDate civil.Date
	// PostDecided is the date of the decision appointing the cadre to the
	// current post; time in post counts from it.
	PostDecided civil.Date
	// TargetLevel is the level a promotion would lead to, a key of
	// RecommendConfig.Levels.
	TargetLevel string
	// TrainingMet reports whether the cadre met the training quota.
	TrainingMet bool
	// Accountability holds the cadre's accountability records; the rules
	// count the signed-off ones.
	Accountability []Evidence
}

// gradeIn returns the grade of year in the history, or "".
func (p *Profile) gradeIn(year int) person.AssessmentGrade {
	for _, a := range p.History {
		if a.Year == year {
			return a.Grade
		}
	}
	return ""
}

// Reason is a machine-readable reason: a catalog key and its arguments.
// Arguments are strings so that a store keeps them as they are and every
// language formats them alike.
type Reason struct {
	Key  string
	Args []string
}

func reason(key string, args ...string) Reason { return Reason{Key: key, Args: args} }

// lineUp refuses profiles that do not line up with the scored subjects.
func lineUp(rk *Ranking, profiles []Profile) error {
	if len(profiles) != len(rk.Results) {
		return fault.New(fault.Invalid, "appraisal.profiles_mismatch")
	}
	for i := range rk.Results {
		r := &rk.Results[i]
		if r.Subject < 0 || r.Subject >= len(profiles) || profiles[r.Subject].PersonID != r.PersonID {
			return fault.New(fault.Invalid, "appraisal.profiles_mismatch")
		}
	}
	return nil
}

// fullYears returns the whole years from from to on: an age or a time in
// post. A 29 February start completes its year on 1 March.
func fullYears(from, on civil.Date) int {
	y := on.Year - from.Year
	if on.Month < from.Month || (on.Month == from.Month && on.Day < from.Day) {
		y--
	}
	return y
}

// percentOK reports whether p is a share in percent.
func percentOK(p int) bool { return p >= 0 && p <= 100 }

// TargetLevelOf is the level a promotion from a post rank (职级 as the
// registry writes it) leads to: a 副科级 cadre goes up to 乡科级正职, a
// 正科级 one to 县处级副职, and anyone else to 乡科级副职.
func TargetLevelOf(rank string) string {
	switch rank {
	case "副科级":
		return LevelSectionChief
	case "正科级":
		return LevelCountyDeputy
	}
	return LevelSectionDeputy
}

// ProbationCovers reports whether a probation of months from the
// appointing decision covers the assessment year: it runs into the year,
// began no later than its end, and was not confirmed before the year
// began. A post without probation (months 0) never does.
func ProbationCovers(appointed civil.Date, months int, confirmed civil.Date, year int) bool {
	if months <= 0 || appointed.IsZero() {
		return false
	}
	start, end := civil.Date{Year: year, Month: 1, Day: 1}, civil.Date{Year: year, Month: 12, Day: 31}
	return appointed.Time().AddDate(0, months, 0).After(start.Time()) && !appointed.After(end) &&
		(confirmed.IsZero() || !confirmed.Before(start))
}
