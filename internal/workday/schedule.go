package workday

import (
	"fmt"
	"strings"
	"time"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// Kind says what a listed day is.
type Kind string

// The kinds of listed days.
const (
	// Holiday is a day off (放假), whatever its weekday. The notices give
	// holidays as ranges that include weekend days; listing those is harmless.
	Holiday Kind = "holiday"
	// Workday is a weekend day worked in exchange for a weekday off (调休上班).
	Workday Kind = "workday"
)

// Day is one row of a schedule.
type Day struct {
	Date civil.Date
	Kind Kind
	// Name is the holiday the day belongs to (春节), also for a make-up
	// working day, so that a calendar can say why a Sunday is worked.
	Name string
	// Line is the CSV line the row was read from, or 0 for a row built in
	// code. Validate names problems by it so an administrator can find them.
	Line int
}

// Schedule is one year's published list of holidays and make-up working
// days. Days not listed follow the week: Monday to Friday are working days.
type Schedule struct {
	Year int
	Days []Day
}

// Validate checks the schedule as a whole and returns a fault.Fields error
// naming each faulty row by its CSV line ("line 7"), or by its position
// ("row 3") when it was built in code. It refuses an empty schedule, since a
// year without even 元旦 would silently become "Monday to Friday"; a date
// outside the year (a notice that moves days of the year before, as the 2019
// notice did for 2018-12-29, is entered in that earlier year's schedule); a
// date listed twice; an unknown kind; a workday row on a weekday, which would
// change nothing and so is a slip; and a row without the name of its holiday.
func (s Schedule) Validate() error {
	var f fault.Fields
	s.validate(&f)
	return f.Err()
}

func (s Schedule) validate(f *fault.Fields) {
	if s.Year < 1 {
		f.Add("year", "field.required")
	}
	if len(s.Days) == 0 {
		f.Add("days", "workday.schedule_empty")
	}
	seen := make(map[civil.Date]string, len(s.Days))
	for i, d := range s.Days {
		field := d.field(i)
		switch {
		case d.Date.IsZero():
			f.Add(field, "field.required")
		case d.Date.Year != s.Year:
			f.Add(field, "workday.date_outside_year", s.Year)
		case seen[d.Date] != "":
			f.Add(field, "workday.duplicate_date", seen[d.Date])
		case d.Kind != Holiday && d.Kind != Workday:
			f.Add(field, "field.invalid_choice")
		case d.Kind == Workday && !weekend(d.Date):
			f.Add(field, "workday.workday_on_weekday")
		case strings.TrimSpace(d.Name) == "":
			f.Add(field, "field.required")
		}
		if !d.Date.IsZero() && seen[d.Date] == "" {
			seen[d.Date] = field
		}
	}
}

// field names the row in errors: by CSV line when it came from a file.
func (d Day) field(i int) string {
	if d.Line > 0 {
		return fmt.Sprintf("line %d", d.Line)
	}
	return fmt.Sprintf("row %d", i+1)
}

func weekend(d civil.Date) bool {
	wd := d.Time().Weekday()
	return wd == time.Saturday || wd == time.Sunday
}
