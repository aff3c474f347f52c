package workday

import (
	"maps"
	"slices"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// Calendar answers working-day questions for the years it holds a schedule
// of. A Calendar is a value: Replace returns a new one and leaves the
// receiver as it was, so one can be shared between goroutines. The zero
// Calendar holds no year and refuses every date.
type Calendar struct {
	years map[int]Schedule
	kinds map[civil.Date]Kind
}

// New returns a calendar of the published years plus extra, the years an
// administrator added. A year given twice, or an extra year zugong already
// ships, is refused with fault.Conflict "workday.year_exists": replacing a
// published schedule (should a notice be amended) must be asked for with
// Replace, never happen by accident of load order.
func New(extra ...Schedule) (Calendar, error) {
	shipped, err := Published()
	if err != nil {
		return Calendar{}, err
	}
	years := make(map[int]Schedule, len(shipped)+len(extra))
	for _, s := range shipped {
		years[s.Year] = s
	}
	for _, s := range extra {
		if err := s.Validate(); err != nil {
			return Calendar{}, err
		}
		if _, ok := years[s.Year]; ok {
			return Calendar{}, fault.New(fault.Conflict, "workday.year_exists", s.Year)
		}
		years[s.Year] = s
	}
	return build(years), nil
}

// Replace returns a copy of c in which s is the schedule of its year,
// whether or not c held one.
func (c Calendar) Replace(s Schedule) (Calendar, error) {
	if err := s.Validate(); err != nil {
		return Calendar{}, err
	}
	years := maps.Clone(c.years)
	if years == nil {
		years = map[int]Schedule{}
	}
	years[s.Year] = s
	return build(years), nil
}

func build(years map[int]Schedule) Calendar {
	kinds := map[civil.Date]Kind{}
	for _, s := range years {
		for _, d := range s.Days {
			kinds[d.Date] = d.Kind
		}
	}
	return Calendar{years: years, kinds: kinds}
}

// Years returns the years c holds a schedule of, in order.
func (c Calendar) Years() []int {
	return slices.Sorted(maps.Keys(c.years))
}

// Schedule returns a copy of the schedule of year, if c holds one.
func (c Calendar) Schedule(year int) (Schedule, bool) {
	s, ok := c.years[year]
	s.Days = slices.Clone(s.Days)
	return s, ok
}

// IsWorkingDay reports whether d is a working day: listed as a make-up
// working day, or unlisted and Monday to Friday. A date in a year without
// a schedule is refused with fault.Conflict "workday.year_unpublished".
func (c Calendar) IsWorkingDay(d civil.Date) (bool, error) {
	if _, ok := c.years[d.Year]; !ok {
		return false, fault.New(fault.Conflict, "workday.year_unpublished", d.Year)
	}
	if k, ok := c.kinds[d]; ok {
		return k == Workday, nil
	}
	return !weekend(d), nil
}

// AddWorkingDays returns the date n working days after d, not counting d
// itself: the deadline of "within 13 working days of acceptance". A
// negative n counts back; n == 0 returns d.
func (c Calendar) AddWorkingDays(d civil.Date, n int) (civil.Date, error) {
	step := 1
	if n < 0 {
		step = -1
	}
	for n != 0 {
		d = d.AddDays(step)
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return civil.Date{}, err
		}
		if ok {
			n -= step
		}
	}
	return d, nil
}

// NthWorkingDay returns the nth working day of a period that begins on
// start, counting start itself when it is a working day, and otherwise
// counting from the first working day after it. The last day of a
// five-working-day 任前公示 that opens on start is NthWorkingDay(start, 5).
// n must be at least 1.
func (c Calendar) NthWorkingDay(start civil.Date, n int) (civil.Date, error) {
	if n < 1 {
		return civil.Date{}, fault.New(fault.Invalid, "workday.count_not_positive", n)
	}
	ok, err := c.IsWorkingDay(start)
	if err != nil {
		return civil.Date{}, err
	}
	if ok {
		n--
	}
	return c.AddWorkingDays(start, n)
}

// WorkingDaysBetween counts the working days from from to to, both
// included, so that WorkingDaysBetween(s, NthWorkingDay(s, n)) is n. It is
// 0 when to is before from.
func (c Calendar) WorkingDaysBetween(from, to civil.Date) (int, error) {
	n := 0
	for d := from; !d.After(to); d = d.AddDays(1) {
		ok, err := c.IsWorkingDay(d)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}
