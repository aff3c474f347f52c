package appraisal

import (
	"strconv"

	"zugong/internal/fault"
	"zugong/internal/person"
)

// GradeConfig holds the (local) shares of the annual grade quota.
type GradeConfig struct {
	// ExcellentPercent is the most 优秀 may be, in percent of those graded.
	ExcellentPercent int
	// ApprovedPercent replaces it when the higher authority approved a
	// larger share.
	ApprovedPercent int
}

// DefaultGradeConfig returns the usual shares: 优秀 at most 20 % of those
// graded, 25 % with approval.
func DefaultGradeConfig() GradeConfig { return GradeConfig{ExcellentPercent: 20, ApprovedPercent: 25} }

// ExcellentQuota is how many of n graded cadres may be 优秀 at percent:
// floor(n×percent/100). Rounding down keeps the share a ceiling, as the
// rule says "at most": at 20 %, 4 cadres get none, 5 to 9 get one, 10 get
// two; at 25 %, 4 get one.
func ExcellentQuota(n, percent int) int { return n * percent / 100 }

// GradeProposal is the proposed annual grade of one cadre, with its reasons.
type GradeProposal struct {
	PersonID string
	Rank     int
	Grade    person.AssessmentGrade
	// MeritCitation flags a third consecutive 优秀 (三年优秀记三等功).
	MeritCitation bool
	Reasons       []Reason
}

// ProposeGrades proposes the annual grades of a ranked group for year.
// A cadre on probation gets no grade (未定等次) and is not counted among
// those graded, since the quota is a share of the grades given. 优秀 goes
// down the ranking to cadres without a veto, at most ExcellentQuota of those
// graded; when the last place within the quota is tied with a cadre outside
// it, both carry a tie reason for the committee. A veto excludes 优秀 and
// caps the grade at the veto's cap; everyone else is proposed 称职. These
// are proposals: the assessment committee decides.
func ProposeGrades(cfg GradeConfig, year int, approved bool, rk *Ranking, profiles []Profile) ([]GradeProposal, error) {
	var f fault.Fields
	if !percentOK(cfg.ExcellentPercent) {
		f.Add("excellent_percent", "appraisal.config.percent")
	}
	if !percentOK(cfg.ApprovedPercent) {
		f.Add("approved_percent", "appraisal.config.percent")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := lineUp(rk, profiles); err != nil {
		return nil, err
	}
	percent := cfg.ExcellentPercent
	if approved {
		percent = cfg.ApprovedPercent
	}
	graded := 0
	for _, r := range rk.Results {
		if !profiles[r.Subject].Probation {
			graded++
		}
	}
	quota := ExcellentQuota(graded, percent)
	out := make([]GradeProposal, len(rk.Results))
	given, lastRank := 0, 0
	for i := range rk.Results {
		r := &rk.Results[i]
		p := &profiles[r.Subject]
		g := &out[i]
		g.PersonID, g.Rank = r.PersonID, r.Rank
		switch {
		case p.Probation:
			g.Grade = person.GradeNone
			g.Reasons = append(g.Reasons, reason("appraisal.grade.probation"))
		case r.Vetoed():
			g.Grade = r.Cap
			for _, code := range r.Vetoes {
				g.Reasons = append(g.Reasons, reason("appraisal.grade.veto", code))
			}
		case given < quota:
			given++
			lastRank = r.Rank
			g.Grade = person.GradeExcellent
			g.Reasons = append(g.Reasons, reason("appraisal.grade.within_quota",
				strconv.Itoa(r.Rank), strconv.Itoa(quota), strconv.Itoa(graded)))
			if p.gradeIn(year-1) == person.GradeExcellent && p.gradeIn(year-2) == person.GradeExcellent {
				g.MeritCitation = true
				g.Reasons = append(g.Reasons, reason("appraisal.grade.merit_citation",
					strconv.Itoa(year-2), strconv.Itoa(year)))
			}
		default:
			g.Grade = person.GradeCompetent
			g.Reasons = append(g.Reasons, reason("appraisal.grade.outside_quota", strconv.Itoa(r.Rank), strconv.Itoa(quota)))
		}
	}
	markQuotaTie(out, lastRank)
	return out, nil
}

// markQuotaTie flags a tie across the quota line: the cadres ranked at the
// last 优秀 place, when some of them are 优秀 and some only 称职 because the
// quota ran out.
func markQuotaTie(out []GradeProposal, lastRank int) {
	if lastRank == 0 {
		return
	}
	split := false
	for _, g := range out {
		if g.Rank == lastRank && g.Grade == person.GradeCompetent {
			split = true
		}
	}
	if !split {
		return
	}
	for i := range out {
		g := &out[i]
		if g.Rank == lastRank && (g.Grade == person.GradeExcellent || g.Grade == person.GradeCompetent) {
			g.Reasons = append(g.Reasons, reason("appraisal.grade.tie_at_quota", strconv.Itoa(lastRank)))
		}
	}
}

// gradeOrder orders grades from best (0) to worst; unknown grades sort last.
func gradeOrder(g person.AssessmentGrade) int {
	switch g {
	case person.GradeExcellent:
		return 0
	case person.GradeCompetent:
		return 1
	case person.GradeBasic:
		return 2
	case person.GradeIncompetent:
		return 3
	}
	return 4
}
