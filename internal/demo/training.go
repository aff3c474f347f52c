package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"zugong/internal/civil"
	"zugong/internal/org"
	"zugong/internal/store"
	"zugong/internal/training"
)

// Trainee is a cadre of the registry the training demo enrols: their id,
// their organisation and its path, and their rank.
type Trainee struct {
	PersonID string
	OrgID    string
	OrgPath  string
	Rank     string
}

// Training is a generated year of training: programmes with their
// enrolments, self-reports, and the credits the closed enrolments and
// approved reports earned. Every record has its ID, so that enrolments name
// their programme and credits their source.
type Training struct {
	Programmes []training.Programme
	Enrolments []training.Enrolment
	Reports    []training.SelfReport
	Credits    []training.Credit
}

// programmeTemplates are the county's programmes of a year: title, mode,
// kind, themes, days of classes and online hours.
var programmeTemplates = []struct {
	title  string
	mode   training.Mode
	kind   training.Kind
	themes []training.Theme
	days   int
	online int
}{
	{"学习贯彻党的二十届四中全会精神专题培训班", training.Centralised, training.KindTheory, []training.Theme{training.ThemeLearning}, 5, 10},
	{"乡镇党政正职能力提升培训班", training.Centralised, training.KindRotation, []training.Theme{training.ThemeLearning, training.ThemeService}, 7, 0},
	{"新任科级领导干部任职培训班", training.Centralised, training.KindAppointment, []training.Theme{training.ThemeLearning}, 10, 20},
	{"招商引资与项目建设专题培训班", training.Centralised, training.KindInService, []training.Theme{training.ThemeMarket, training.ThemePioneering}, 4, 6},
	{"乡村振兴与农村电商实务培训班", training.Centralised, training.KindInService, []training.Theme{training.ThemeMarket, training.ThemeService}, 5, 8},
	{"赴浙江安吉乡村振兴实地考察", training.FieldStudy, training.KindInService, []training.Theme{training.ThemePioneering, training.ThemeMarket}, 6, 0},
	{"年轻干部赴县重点项目一线实践锻炼", training.SentOut, training.KindOther, []training.Theme{training.ThemePioneering}, 12, 0},
	{"新录用公务员初任培训班", training.Centralised, training.KindInitial, []training.Theme{training.ThemeLearning, training.ThemeService}, 8, 12},
	{"基层党建业务骨干轮训班", training.Centralised, training.KindRotation, []training.Theme{training.ThemeService}, 3, 4},
	{"法治政府建设与依法行政专题培训班", training.Centralised, training.KindInService, []training.Theme{training.ThemeLearning}, 3, 6},
	{"优化营商环境专题研讨班", training.Centralised, training.KindInService, []training.Theme{training.ThemeMarket, training.ThemeService}, 3, 0},
	{"干部自主选学（分散自学）", training.SelfStudy, training.KindTheory, []training.Theme{training.ThemeLearning}, 0, 30},
}

// GenerateTraining makes the year of asOf of a county's training for
// cadres: the county's programmes spread over the months before asOf (one
// still to come), a programme of each township's own, enrolments with
// attendance — a few trainees on leave, some of them more than the one
// seventh that fails the course — and network-training self-reports, most
// approved, some awaiting review, a few rejected.
func GenerateTraining(county *org.Org, townships []org.Org, cadres []Trainee, asOf civil.Date, seed uint64) Training {
	rng := newRand(seed ^ 0x7a61)
	var out Training
	year := asOf.Year
	for i, tpl := range programmeTemplates {
		month := 1 + i*11/len(programmeTemplates)
		start := civil.Date{Year: year, Month: time.Month(month), Day: 5 + rng.IntN(15)}
		if i == len(programmeTemplates)-2 {
			start = asOf.AddDays(10)
		}
		p := programmeFor(county, tpl.title, tpl.mode, tpl.kind, tpl.themes, start, tpl.days, tpl.online, rng)
		p.Organiser, p.Place = "中共"+county.Name+"委组织部", county.Name+"委党校"
		out.Programmes = append(out.Programmes, p)
	}
	for _, t := range townships {
		start := civil.Date{Year: year, Month: time.Month(3 + rng.IntN(7)), Day: 3 + rng.IntN(20)}
		p := programmeFor(&t, t.Name+"干部能力提升培训班", training.Centralised, training.KindInService,
			[]training.Theme{training.ThemeService, training.ThemeMarket}, start, 2+rng.IntN(3), 0, rng)
		p.Organiser, p.Place = t.Name+"党委", t.Name+"党群服务中心"
		out.Programmes = append(out.Programmes, p)
	}
	for _, c := range cadres {
		picks := map[int]bool{}
		for n := 1 + rng.IntN(3); len(picks) < n; {
			picks[rng.IntN(len(programmeTemplates))] = true
		}
		for i, t := range townships {
			if strings.HasPrefix(c.OrgPath, t.Path) && rng.IntN(100) < 70 {
				picks[len(programmeTemplates)+i] = true
			}
		}
		for idx := range len(out.Programmes) {
			if picks[idx] {
				out.enrol(idx, c.PersonID, asOf, rng)
			}
		}
		if rng.IntN(100) < 45 {
			out.report(county.JurisdictionID, c.PersonID, asOf, rng)
		}
	}
	return out
}

func programmeFor(o *org.Org, title string, mode training.Mode, kind training.Kind, themes []training.Theme, start civil.Date, days, online int, rng *rand.Rand) training.Programme {
	p := training.Programme{JurisdictionID: o.JurisdictionID, ID: store.NewID(), OrgID: o.ID, Title: title, Mode: mode, Kind: kind, Themes: themes, Start: start,
		OnlineHours: training.HoursOf(online), CountsTowardQuota: true, Capacity: 200 + 50*rng.IntN(4)}
	end := start
	for d := 0; d < days; d++ {
		end = start.AddDays(d)
		p.Sessions = append(p.Sessions, training.Session{Date: end, Hours: training.HoursOf(7), Topic: fmt.Sprintf("专题%d", d+1)})
	}
	if days == 0 {
		end = start.AddDays(60)
	}
	p.End = end
	return p
}

// enrol adds person to programme idx: a programme that has ended is closed
// (completed, or failed by the leave rule); one still to come is enrolled.
func (t *Training) enrol(idx int, personID string, asOf civil.Date, rng *rand.Rand) {
	p := &t.Programmes[idx]
	e := training.Invite(p, personID)
	e.JurisdictionID, e.ID = p.JurisdictionID, store.NewID()
	if err := training.Enrol(p, &e, training.LevelTownship, 0); err != nil {
		panic(err) // generated programmes admit every level and have room
	}
	if !p.End.Before(asOf) {
		t.Enrolments = append(t.Enrolments, e)
		return
	}
	onLeave := -1
	if rng.IntN(100) < 8 && len(p.Sessions) > 0 {
		onLeave = rng.IntN(len(p.Sessions))
	}
	for i := range p.Sessions {
		presence := training.Present
		if i == onLeave {
			presence = training.Leave
		}
		if err := training.Mark(p, &e, i, presence); err != nil {
			panic(err)
		}
	}
	credit, err := training.Close(p, &e, p.OnlineHours, "合格", fmt.Sprintf("ZYPX-%d-%05d", asOf.Year, len(t.Enrolments)+1), p.End, asOf)
	if err != nil {
		panic(err)
	}
	t.Enrolments = append(t.Enrolments, e)
	if e.Status == training.Completed {
		t.Credits = append(t.Credits, credit)
	}
}

var networkCourses = []string{"学习贯彻习近平新时代中国特色社会主义思想网络专题班", "数字政府建设网络专题班",
	"乡村振兴战略网络专题班", "党纪学习教育网络专题班", "安全生产与应急管理网络专题班"}

// report adds a network-training self-report of person: approved by both
// levels for most, awaiting a review for some, rejected for a few.
func (t *Training) report(jurisdiction, personID string, asOf civil.Date, rng *rand.Rand) {
	start := civil.Date{Year: asOf.Year, Month: time.Month(1 + rng.IntN(10)), Day: 1 + rng.IntN(25)}
	r := training.SelfReport{JurisdictionID: jurisdiction, ID: store.NewID(), PersonID: personID, Kind: training.Network, Title: networkCourses[rng.IntN(len(networkCourses))],
		Provider: "中国干部网络学院", Start: start, End: start.AddDays(20 + rng.IntN(20)), Hours: training.HoursOf(10 + 5*rng.IntN(7)),
		Evidence: fmt.Sprintf("学时证明 %d-%06d", asOf.Year, rng.IntN(1_000_000)), CountsTowardQuota: true, Status: training.Submitted}
	if r.End.After(asOf) {
		r.End = asOf
	}
	unit := training.Review{Reviewer: "单位审核人", On: r.End.AddDays(3), Approve: true}
	dept := training.Review{Reviewer: "县委组织部干部教育科", On: r.End.AddDays(7), Approve: true, Counts: true}
	switch n := rng.IntN(100); {
	case n < 8:
		// awaiting the unit
	case n < 14:
		mustReview(training.ReviewByUnit(&r, unit))
	case n < 17:
		mustReview(training.ReviewByUnit(&r, training.Review{Reviewer: unit.Reviewer, On: unit.On, Reason: "学时证明与平台记录不符"}))
	default:
		mustReview(training.ReviewByUnit(&r, unit))
		credit, err := training.ReviewByDepartment(&r, dept)
		mustReview(err)
		t.Credits = append(t.Credits, credit)
	}
	t.Reports = append(t.Reports, r)
}

func mustReview(err error) {
	if err != nil {
		panic(err) // generated reviews are complete
	}
}
