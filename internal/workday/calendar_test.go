package workday

import (
	"slices"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

func mustCalendar(t *testing.T) Calendar {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func TestIsWorkingDay(t *testing.T) {
	c := mustCalendar(t)
	tests := []struct {
		name string
		date string
		want bool
	}{
		{"ordinary Monday works", "2025-03-10", true},
		{"ordinary Friday works", "2025-03-14", true},
		{"ordinary Saturday rests", "2025-03-15", false},
		{"ordinary Sunday rests", "2025-03-16", false},
		{"2024 元旦 rests", "2024-01-01", false},
		{"2024 make-up Sunday before 春节 works", "2024-02-04", true},
		{"2024 春节 weekday rests", "2024-02-15", false},
		{"2024 make-up Sunday after 春节 works", "2024-02-18", true},
		{"2024 make-up Sunday after 清明 works", "2024-04-07", true},
		{"2024 make-up Sunday before 劳动节 works", "2024-04-28", true},
		{"2024 make-up Saturday after 劳动节 works", "2024-05-11", true},
		{"2024 端午 Monday rests", "2024-06-10", false},
		{"2024 make-up Saturday before 中秋 works", "2024-09-14", true},
		{"2024 make-up Sunday before 国庆 works", "2024-09-29", true},
		{"2024 make-up Saturday after 国庆 works", "2024-10-12", true},
		{"2025 make-up Sunday before 春节 works", "2025-01-26", true},
		{"2025 春节 Tuesday rests", "2025-02-04", false},
		{"2025 make-up Saturday after 春节 works", "2025-02-08", true},
		{"2025 清明 Friday rests", "2025-04-04", false},
		{"2025 make-up Sunday before 劳动节 works", "2025-04-27", true},
		{"2025 端午 Monday rests", "2025-06-02", false},
		{"2025 make-up Sunday before 国庆 works", "2025-09-28", true},
		{"2025 国庆 Wednesday 10-08 rests", "2025-10-08", false},
		{"2025 make-up Saturday after 国庆 works", "2025-10-11", true},
		{"2026 元旦 Friday rests", "2026-01-02", false},
		{"2026 make-up Sunday after 元旦 works", "2026-01-04", true},
		{"2026 make-up Saturday before 春节 works", "2026-02-14", true},
		{"2026 春节 Monday 02-23 rests", "2026-02-23", false},
		{"2026 make-up Saturday after 春节 works", "2026-02-28", true},
		{"2026 清明 Monday rests", "2026-04-06", false},
		{"2026 make-up Saturday after 劳动节 works", "2026-05-09", true},
		{"2026 端午 Friday rests", "2026-06-19", false},
		{"2026 中秋 Friday rests", "2026-09-25", false},
		{"2026 make-up Sunday before 国庆 works", "2026-09-20", true},
		{"2026 make-up Saturday after 国庆 works", "2026-10-10", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.IsWorkingDay(civil.MustParse(tt.date))
			if err != nil {
				t.Fatalf("IsWorkingDay(%s): %v", tt.date, err)
			}
			if got != tt.want {
				t.Errorf("IsWorkingDay(%s): got %v, want %v", tt.date, got, tt.want)
			}
		})
	}
}

// wantUnpublished fails unless err refuses year as unpublished.
func wantUnpublished(t *testing.T, err error, year int) {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Conflict || e.Key != "workday.year_unpublished" {
		t.Fatalf("got %v, want conflict workday.year_unpublished", err)
	}
	if len(e.Args) != 1 || e.Args[0] != year {
		t.Errorf("args: got %v, want [%d]", e.Args, year)
	}
}

func TestUnpublishedYearRefused(t *testing.T) {
	c := mustCalendar(t)
	t.Run("a weekday of 2027 is refused", func(t *testing.T) {
		_, err := c.IsWorkingDay(civil.MustParse("2027-03-10"))
		wantUnpublished(t, err, 2027)
	})
	t.Run("a count running into 2027 is refused", func(t *testing.T) {
		_, err := c.NthWorkingDay(civil.MustParse("2026-12-28"), 10)
		wantUnpublished(t, err, 2027)
	})
	t.Run("a span reaching 2023 is refused", func(t *testing.T) {
		_, err := c.WorkingDaysBetween(civil.MustParse("2023-12-29"), civil.MustParse("2024-01-05"))
		wantUnpublished(t, err, 2023)
	})
	t.Run("the zero calendar refuses everything", func(t *testing.T) {
		_, err := Calendar{}.IsWorkingDay(civil.MustParse("2025-03-10"))
		wantUnpublished(t, err, 2025)
	})
}

func TestNthWorkingDay(t *testing.T) {
	c := mustCalendar(t)
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"first day is the start when it works", "2025-03-10", 1, "2025-03-10"},
		{"five days of an ordinary week end on Friday", "2025-03-10", 5, "2025-03-14"},
		{"an ordinary span skips the weekend", "2025-03-12", 5, "2025-03-18"},
		{"a Saturday start counts from Monday", "2025-03-15", 1, "2025-03-17"},
		{"a holiday start counts from the first day back", "2025-10-03", 1, "2025-10-09"},
		{"five days across 国庆 2025 count the make-up Sunday", "2025-09-26", 5, "2025-10-09"},
		{"five days ending on the make-up Saturday 2025-10-11", "2025-09-29", 5, "2025-10-11"},
		{"five days across 春节 2026 count both make-up Saturdays", "2026-02-12", 5, "2026-02-25"},
		{"a span crosses the year boundary", "2024-12-30", 5, "2025-01-06"},
		{"a span crosses 元旦 2026 into the make-up Sunday", "2025-12-31", 2, "2026-01-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := civil.MustParse(tt.start)
			got, err := c.NthWorkingDay(start, tt.n)
			if err != nil {
				t.Fatalf("NthWorkingDay(%s, %d): %v", tt.start, tt.n, err)
			}
			if got.String() != tt.want {
				t.Errorf("NthWorkingDay(%s, %d): got %s, want %s", tt.start, tt.n, got, tt.want)
			}
			count, err := c.WorkingDaysBetween(start, got)
			if err != nil {
				t.Fatalf("WorkingDaysBetween: %v", err)
			}
			if count != tt.n {
				t.Errorf("WorkingDaysBetween(%s, %s): got %d, want %d", tt.start, got, count, tt.n)
			}
		})
	}
	t.Run("n below 1 is refused", func(t *testing.T) {
		_, err := c.NthWorkingDay(civil.MustParse("2025-03-10"), 0)
		if e, ok := fault.As(err); !ok || e.Key != "workday.count_not_positive" {
			t.Errorf("got %v, want workday.count_not_positive", err)
		}
	})
}

func TestAddWorkingDays(t *testing.T) {
	c := mustCalendar(t)
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"zero days is the same date", "2025-10-04", 0, "2025-10-04"},
		{"one day after Friday is Monday", "2025-03-14", 1, "2025-03-17"},
		{"one day after 09-27 is the make-up Sunday", "2025-09-27", 1, "2025-09-28"},
		{"thirteen days after acceptance skip 国庆", "2025-09-26", 13, "2025-10-21"},
		{"counting back skips the holiday", "2025-10-09", -1, "2025-09-30"},
		{"counting back lands on the make-up Sunday", "2025-09-29", -1, "2025-09-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddWorkingDays(civil.MustParse(tt.from), tt.n)
			if err != nil {
				t.Fatalf("AddWorkingDays(%s, %d): %v", tt.from, tt.n, err)
			}
			if got.String() != tt.want {
				t.Errorf("AddWorkingDays(%s, %d): got %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := mustCalendar(t)
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"whole year 2024", "2024-01-01", "2024-12-31", 251},
		{"whole year 2025", "2025-01-01", "2025-12-31", 248},
		{"whole year 2026", "2026-01-01", "2026-12-31", 248},
		{"国庆 2025 and its make-up days", "2025-09-27", "2025-10-12", 6},
		{"one working day", "2025-03-10", "2025-03-10", 1},
		{"one holiday", "2025-10-01", "2025-10-01", 0},
		{"to before from", "2025-03-14", "2025-03-10", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.WorkingDaysBetween(civil.MustParse(tt.from), civil.MustParse(tt.to))
			if err != nil {
				t.Fatalf("WorkingDaysBetween(%s, %s): %v", tt.from, tt.to, err)
			}
			if got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s): got %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestYears(t *testing.T) {
	c := mustCalendar(t)
	if got, want := c.Years(), []int{2024, 2025, 2026}; !slices.Equal(got, want) {
		t.Errorf("Years: got %v, want %v", got, want)
	}
}

func schedule2027() Schedule {
	return Schedule{Year: 2027, Days: []Day{
		{Date: civil.MustParse("2027-01-01"), Kind: Holiday, Name: "元旦"},
	}}
}

func TestAddingYears(t *testing.T) {
	t.Run("a new year is added", func(t *testing.T) {
		c, err := New(schedule2027())
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		got, err := c.IsWorkingDay(civil.MustParse("2027-01-01"))
		if err != nil || got {
			t.Errorf("IsWorkingDay(2027-01-01): got %v, %v, want false, nil", got, err)
		}
	})
	t.Run("a shipped year given again is refused", func(t *testing.T) {
		_, err := New(Schedule{Year: 2025, Days: []Day{
			{Date: civil.MustParse("2025-01-01"), Kind: Holiday, Name: "元旦"},
		}})
		if e, ok := fault.As(err); !ok || e.Code != fault.Conflict || e.Key != "workday.year_exists" {
			t.Errorf("got %v, want conflict workday.year_exists", err)
		}
	})
	t.Run("an invalid extra year is refused", func(t *testing.T) {
		_, err := New(Schedule{Year: 2027})
		if !fault.Is(err, fault.Invalid) {
			t.Errorf("got %v, want invalid", err)
		}
	})
	t.Run("Replace swaps a shipped year and leaves the original alone", func(t *testing.T) {
		c := mustCalendar(t)
		amended := Schedule{Year: 2025, Days: []Day{
			{Date: civil.MustParse("2025-01-01"), Kind: Holiday, Name: "元旦"},
		}}
		r, err := c.Replace(amended)
		if err != nil {
			t.Fatalf("Replace: %v", err)
		}
		d := civil.MustParse("2025-10-08")
		if got, _ := r.IsWorkingDay(d); !got {
			t.Errorf("replaced IsWorkingDay(%s): got false, want true", d)
		}
		if got, _ := c.IsWorkingDay(d); got {
			t.Errorf("original IsWorkingDay(%s): got true, want false", d)
		}
	})
}

func TestReplaceOnZeroCalendar(t *testing.T) {
	t.Run("a year is added to the zero calendar", func(t *testing.T) {
		c, err := Calendar{}.Replace(schedule2027())
		if err != nil {
			t.Fatalf("Replace: %v", err)
		}
		if got, want := c.Years(), []int{2027}; !slices.Equal(got, want) {
			t.Errorf("Years: got %v, want %v", got, want)
		}
	})
	t.Run("an invalid schedule is refused", func(t *testing.T) {
		_, err := Calendar{}.Replace(Schedule{Year: 2027})
		if !fault.Is(err, fault.Invalid) {
			t.Errorf("got %v, want invalid", err)
		}
	})
	t.Run("the same extra year twice is refused", func(t *testing.T) {
		_, err := New(schedule2027(), schedule2027())
		if e, ok := fault.As(err); !ok || e.Key != "workday.year_exists" {
			t.Errorf("got %v, want workday.year_exists", err)
		}
	})
}

func TestScheduleReturnsACopy(t *testing.T) {
	c := mustCalendar(t)
	s, ok := c.Schedule(2025)
	if !ok || len(s.Days) == 0 {
		t.Fatalf("Schedule(2025): got %d days, %v, want the published days", len(s.Days), ok)
	}
	s.Days[0].Kind = Workday
	if got, _ := c.IsWorkingDay(civil.MustParse("2025-01-01")); got {
		t.Errorf("IsWorkingDay(2025-01-01) after editing the copy: got true, want false")
	}
	if _, ok := c.Schedule(2027); ok {
		t.Errorf("Schedule(2027): got a schedule, want none")
	}
}
