package training

import (
	"strings"

	"zugong/internal/civil"
)

// Level is the quota group a cadre belongs to by rank.
type Level string

// The levels of 干部教育培训工作条例: county/division level and above
// (县处级以上) and township/section level and below (乡科级及以下).
const (
	LevelTownship Level = "township"
	LevelCounty   Level = "county"
)

// Levels lists the levels in display order.
var Levels = []Level{LevelTownship, LevelCounty}

// CountyRanks are the ranks and grades (职务与职级并行规定) at county/division
// level and above, in words and as GB/T 12407 level codes; every other rank
// is township/section level or below.
var CountyRanks = []string{
	"0111", "0112", "0121", "0122", "0131", "0132", "0141", "0142",
	"副处级", "正处级", "县处级副职", "县处级正职",
	"副厅级", "正厅级", "厅局级副职", "厅局级正职",
	"副部级", "正部级", "省部级副职", "省部级正职",
	"一级调研员", "二级调研员", "三级调研员", "四级调研员",
	"一级巡视员", "二级巡视员",
}

// LevelOf returns the quota level of a rank.
func LevelOf(rank string) Level {
	rank = strings.TrimSpace(rank)
	for _, r := range CountyRanks {
		if r == rank {
			return LevelCounty
		}
	}
	return LevelTownship
}

// Rule is one level's requirement: Hours class hours or Days full days of
// training within Years calendar years ending with the year assessed.
type Rule struct {
	Hours Hours
	Days  int
	Years int
}

// Policy is a jurisdiction's training quota.
type Policy struct {
	Township Rule
	County   Rule
	// NetworkHours is the online (network) training each cadre must do per
	// calendar year, set locally; 0 means no separate network requirement.
	// Online hours also count toward the main quota.
	NetworkHours Hours
	// ReminderDays is how long before a deadline a cadre still short of the
	// quota is reminded.
	ReminderDays int
}

// DefaultPolicy is the national rule: township level and below 90 hours or
// 12 days a year; county level and above 550 hours or 3 months (counted as
// 90 days) in five years; no network requirement until the jurisdiction
// sets one; reminders from 60 days before the deadline.
func DefaultPolicy() Policy {
	return Policy{
		Township:     Rule{Hours: HoursOf(90), Days: 12, Years: 1},
		County:       Rule{Hours: HoursOf(550), Days: 90, Years: 5},
		ReminderDays: 60,
	}
}

// Subject is the person a quota is assessed for.
type Subject struct {
	PersonID string
	Rank     string
	// CountySince is the day the person reached county level (the decision
	// date of their first county-level post); zero if they never did.
	CountySince civil.Date
}

// Status is the outcome of an assessment.
type Status string

// The statuses: the quota is met; it is not met yet but the deadline has not
// passed; the deadline has passed without it.
const (
	Met     Status = "met"
	Due     Status = "due"
	Overdue Status = "overdue"
)

// Statuses lists the statuses in display order.
var Statuses = []Status{Met, Due, Overdue}

// Compliance is a person's standing against the quota for one year.
type Compliance struct {
	Level         Level
	FirstYear     int
	LastYear      int
	RequiredHours Hours
	RequiredDays  int
	Done          Bucket
	// Shortfall is the hours still needed; zero when the requirement is met
	// in hours or in days.
	Shortfall        Hours
	NetworkRequired  Hours
	NetworkShortfall Hours
	Deadline         civil.Date
	// PromotionGrace says the deadline is the one year a cadre promoted to
	// county level without the quota has to complete it.
	PromotionGrace bool
	Status         Status
}

// promotionGraceYears is the time a cadre promoted to county level without
// the five-year quota has to complete it (干部教育培训工作条例: 提拔担任领导
// 职务的，确因特殊情况在提任前未达到培训要求的，应当在提任后一年内完成).
const promotionGraceYears = 1

// Assess returns s's standing for calendar year, given their tally and
// today's date (which decides Due against Overdue).
//
// The windows are whole calendar years: township level counts the year
// itself; county level counts the year and the four before it. A cadre who
// reached county level within the last year and is short has until one year
// after the promotion, and the window then ends with the year of that
// deadline.
func (p Policy) Assess(s Subject, t Tally, year int, today civil.Date) Compliance {
	level := LevelOf(s.Rank)
	rule := p.Township
	if level == LevelCounty {
		rule = p.County
	}
	c := Compliance{Level: level, RequiredHours: rule.Hours, RequiredDays: rule.Days,
		NetworkRequired: p.NetworkHours, Deadline: civil.Date{Year: year, Month: 12, Day: 31}}
	c.LastYear = year
	c.FirstYear = year - rule.Years + 1
	c.Done = t.Sum(c.FirstYear, c.LastYear)
	c.tally(t, year)
	if level == LevelCounty && c.Status != Met && !s.CountySince.IsZero() {
		grace := civil.Of(s.CountySince.Time().AddDate(promotionGraceYears, 0, 0))
		if grace.After(c.Deadline) && !today.After(grace) && !s.CountySince.After(today) {
			c.Deadline, c.PromotionGrace = grace, true
			c.LastYear = grace.Year
			c.FirstYear = grace.Year - rule.Years + 1
			c.Done = t.Sum(c.FirstYear, c.LastYear)
			c.tally(t, year)
		}
	}
	if c.Status != Met {
		c.Status = Due
		if today.After(c.Deadline) {
			c.Status = Overdue
		}
	}
	return c
}

// tally fills the shortfalls and marks the compliance met when both the
// main quota and the network requirement of year are.
func (c *Compliance) tally(t Tally, year int) {
	c.Shortfall = 0
	if c.Done.Hours < c.RequiredHours && c.Done.Days < c.RequiredDays {
		c.Shortfall = c.RequiredHours - c.Done.Hours
	}
	c.NetworkShortfall = 0
	if online := t.Sum(year, year).Online; online < c.NetworkRequired {
		c.NetworkShortfall = c.NetworkRequired - online
	}
	if c.Shortfall == 0 && c.NetworkShortfall == 0 {
		c.Status = Met
	} else {
		c.Status = ""
	}
}

// Remind reports whether a cadre should be reminded today: still short, and
// the deadline within the policy's reminder period.
func (p Policy) Remind(c Compliance, today civil.Date) bool {
	if c.Status != Due {
		return false
	}
	return !today.AddDays(p.ReminderDays).Before(c.Deadline)
}

// YearsNeeded is the span of calendar years whose tallies Assess may read
// for year: the county window and a promotion deadline in the next year.
func (p Policy) YearsNeeded(year int) (first, last int) {
	return year - max(p.County.Years, p.Township.Years) + 1, year + promotionGraceYears
}

// Summary counts the standings of an organisation's cadres.
type Summary struct {
	Total     int
	Met       int
	Due       int
	Overdue   int
	Shortfall Hours
}

// Add counts one cadre's compliance.
func (s *Summary) Add(c Compliance) {
	s.Total++
	switch c.Status {
	case Met:
		s.Met++
	case Due:
		s.Due++
	case Overdue:
		s.Overdue++
	}
	s.Shortfall += c.Shortfall
}

// Rate is the share of cadres who met the quota, in percent with one
// decimal (rounded half up); 0 when there are none.
func (s Summary) Rate() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64((s.Met*1000+s.Total/2)/s.Total) / 10
}
