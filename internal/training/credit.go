package training

import "zugong/internal/civil"

// Source says which record a credit comes from.
type Source string

// The sources.
const (
	SourceProgramme  Source = "programme"
	SourceSelfReport Source = "self_report"
)

// Credit is what a completed enrolment or an approved self-report counts
// for: the hours (Online is the part of them done online), the full days,
// and whether it counts toward the quota. It is dated by the day the
// training ended.
type Credit struct {
	PersonID string
	On       civil.Date
	Source   Source
	SourceID string
	Hours    Hours
	Online   Hours
	Days     int
	Counts   bool
	// Mode and Themes describe the training for the dashboard's hours by
	// mode and theme; they do not affect the quota.
	Mode   Mode
	Themes []Theme
}

// Bucket is what a person's counting credits add up to in one calendar year.
type Bucket struct {
	Hours  Hours
	Online Hours
	Days   int
}

func (b Bucket) plus(o Bucket) Bucket {
	return Bucket{Hours: b.Hours + o.Hours, Online: b.Online + o.Online, Days: b.Days + o.Days}
}

// Tally holds a person's counting credits summed per calendar year. The
// quota windows are whole calendar years, so a yearly sum is all the quota
// engine needs, and a database can produce it with one grouped aggregate.
type Tally struct {
	byYear map[int]Bucket
}

// Add counts b in year.
func (t *Tally) Add(year int, b Bucket) {
	if t.byYear == nil {
		t.byYear = map[int]Bucket{}
	}
	t.byYear[year] = t.byYear[year].plus(b)
}

// AddCredit counts c if it counts toward the quota and is dated on or
// before asOf: a credit dated in the future has not been earned yet.
func (t *Tally) AddCredit(c Credit, asOf civil.Date) {
	if !c.Counts || c.On.IsZero() || c.On.After(asOf) {
		return
	}
	t.Add(c.On.Year, Bucket{Hours: c.Hours, Online: c.Online, Days: c.Days})
}

// Sum adds the years from first to last, inclusive.
func (t Tally) Sum(first, last int) Bucket {
	var b Bucket
	for y := first; y <= last; y++ {
		b = b.plus(t.byYear[y])
	}
	return b
}
