package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/workday"
)

// CalendarService keeps the working-day calendar: the years zugong ships
// (workday.Published) and the years an administrator added or replaced when
// the State Council published a schedule. Reading needs no permission (the
// schedule is a public notice); saving a year needs access.CalendarManage.
type CalendarService struct {
	db *DB
}

// Calendar returns the working-day calendar service.
func (db *DB) Calendar() *CalendarService { return &CalendarService{db: db} }

// dayJSON is one stored row of a schedule.
type dayJSON struct {
	Date civil.Date   `json:"date"`
	Kind workday.Kind `json:"kind"`
	Name string       `json:"name"`
}

// Load returns the calendar in force: the shipped years, extended by the
// years added and with the years replaced. A stored year that no longer
// validates is an error rather than a silently missing year.
func (s *CalendarService) Load(ctx context.Context) (workday.Calendar, error) {
	added, err := s.Uploaded(ctx)
	if err != nil {
		return workday.Calendar{}, err
	}
	shipped, err := workday.Published()
	if err != nil {
		return workday.Calendar{}, err
	}
	var extra, replaced []workday.Schedule
	for _, sc := range added {
		if slices.ContainsFunc(shipped, func(p workday.Schedule) bool { return p.Year == sc.Year }) {
			replaced = append(replaced, sc)
		} else {
			extra = append(extra, sc)
		}
	}
	cal, err := workday.New(extra...)
	if err != nil {
		return workday.Calendar{}, fmt.Errorf("working-day calendar: %w", err)
	}
	for _, sc := range replaced {
		if cal, err = cal.Replace(sc); err != nil {
			return workday.Calendar{}, fmt.Errorf("working-day calendar %d: %w", sc.Year, err)
		}
	}
	return cal, nil
}

// Uploaded returns the schedules administrators saved, oldest year first;
// who saved each, and when, is in the audit trail.
func (s *CalendarService) Uploaded(ctx context.Context) ([]workday.Schedule, error) {
	rows, err := s.db.Query(ctx, `SELECT year, days FROM calendar_years ORDER BY year`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []workday.Schedule
	for rows.Next() {
		var sc workday.Schedule
		var days string
		if err := rows.Scan(&sc.Year, &days); err != nil {
			return nil, err
		}
		var ds []dayJSON
		if err := json.Unmarshal([]byte(days), &ds); err != nil {
			return nil, fmt.Errorf("calendar year %d: %w", sc.Year, err)
		}
		for _, d := range ds {
			sc.Days = append(sc.Days, workday.Day{Date: d.Date, Kind: d.Kind, Name: d.Name})
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// Save stores sc as its year's schedule, adding the year or replacing what
// was in force, and audits it. The schedule is validated first
// (workday.Schedule.Validate), so a stored year always loads.
func (s *CalendarService) Save(ctx context.Context, sc workday.Schedule) error {
	p, err := access.Require(ctx, access.CalendarManage)
	if err != nil {
		return err
	}
	if err := sc.Validate(); err != nil {
		return err
	}
	ds := make([]dayJSON, len(sc.Days))
	for i, d := range sc.Days {
		ds[i] = dayJSON{Date: d.Date, Kind: d.Kind, Name: d.Name}
	}
	days, err := json.Marshal(ds)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		now := tx.Now().UnixMicro()
		if _, err := tx.Exec(ctx, `INSERT INTO calendar_years (year, days, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (year) DO UPDATE SET days = excluded.days, uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at`,
			sc.Year, string(days), p.Login, now); err != nil {
			return fmt.Errorf("save calendar year %d: %w", sc.Year, err)
		}
		holidays, workdays := 0, 0
		for _, d := range sc.Days {
			if d.Kind == workday.Workday {
				workdays++
			} else {
				holidays++
			}
		}
		detail, _ := json.Marshal(map[string]any{"year": sc.Year, "holidays": holidays, "workdays": workdays})
		return tx.Audit(ctx, audit.Event{ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP, Action: "calendar.save",
			TargetKind: "calendar_years", TargetID: fmt.Sprint(sc.Year), Detail: string(detail)})
	})
}

// Year returns the schedule in force for year and whether an administrator
// saved it; a year without one is fault.NotFound "workday.year_unpublished".
func (s *CalendarService) Year(ctx context.Context, year int) (workday.Schedule, bool, error) {
	cal, err := s.Load(ctx)
	if err != nil {
		return workday.Schedule{}, false, err
	}
	sc, ok := cal.Schedule(year)
	if !ok {
		return workday.Schedule{}, false, fault.New(fault.NotFound, "workday.year_unpublished", year)
	}
	var n int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM calendar_years WHERE year = ?`, year).Scan(&n); err != nil {
		return workday.Schedule{}, false, err
	}
	return sc, n > 0, nil
}
