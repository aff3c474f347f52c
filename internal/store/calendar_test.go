package store_test

import (
	"context"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/selection"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
	"zugong/internal/workday"
)

// schedule2027 is a made-up 2027 schedule, as an administrator would upload
// it once the State Council publishes the real one.
const schedule2027 = `# 国务院办公厅关于2027年部分节假日安排的通知
date,kind,name
2027-01-01,holiday,元旦
2027-10-01,holiday,国庆节
2027-10-02,holiday,国庆节
2027-10-03,holiday,国庆节
2027-10-04,holiday,国庆节
2027-10-05,holiday,国庆节
2027-10-06,holiday,国庆节
2027-10-07,holiday,国庆节
2027-10-09,workday,国庆节
`

func TestCalendarAddsAndReplacesYears(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := access.With(context.Background(), access.Operator("test"))
		c := db.Calendar()
		cal, err := c.Load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cal.IsWorkingDay(date("2027-10-08")); !fault.Is(err, fault.Conflict) {
			t.Fatalf("a day of 2027 before its schedule: got %v, want workday.year_unpublished", err)
		}
		if _, _, err := c.Year(ctx, 2027); !fault.Is(err, fault.NotFound) {
			t.Errorf("the schedule of 2027 before upload: got %v, want not found", err)
		}

		sc, err := workday.ParseSchedule(2027, strings.NewReader(schedule2027))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Save(ctx, sc); err != nil {
			t.Fatal(err)
		}
		if cal, err = c.Load(ctx); err != nil {
			t.Fatal(err)
		}
		for day, want := range map[string]bool{"2027-10-08": true, "2027-10-07": false, "2027-10-09": true, "2027-10-10": false} {
			got, err := cal.IsWorkingDay(date(day))
			if err != nil || got != want {
				t.Errorf("%s working: got %v, %v; want %v", day, got, err, want)
			}
		}
		got, uploaded, err := c.Year(ctx, 2027)
		if err != nil || !uploaded || len(got.Days) != 9 {
			t.Errorf("the schedule of 2027: %d days, uploaded %v, %v; want 9 uploaded", len(got.Days), uploaded, err)
		}

		// An amended 2025: the National Day make-up Sunday withdrawn.
		shipped, _ := cal.Schedule(2025)
		var amended workday.Schedule
		amended.Year = 2025
		for _, d := range shipped.Days {
			if d.Date != date("2025-09-28") {
				amended.Days = append(amended.Days, workday.Day{Date: d.Date, Kind: d.Kind, Name: d.Name})
			}
		}
		if err := c.Save(ctx, amended); err != nil {
			t.Fatal(err)
		}
		if cal, err = c.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if ok, err := cal.IsWorkingDay(date("2025-09-28")); err != nil || ok {
			t.Errorf("2025-09-28 after the amendment: got %v, %v; want a day off", ok, err)
		}
		added, err := c.Uploaded(ctx)
		if err != nil || len(added) != 2 || added[0].Year != 2025 || added[1].Year != 2027 {
			t.Errorf("uploaded years: %+v, %v; want 2025 and 2027", added, err)
		}
	})
}

func TestCalendarSaveIsGuarded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := db.Calendar()
		leader := access.With(context.Background(), &access.Principal{UserID: "u1", Login: "leader",
			Grants: []access.Grant{{Role: access.Leader, ScopePath: "/x/"}}})
		sc, err := workday.ParseSchedule(2027, strings.NewReader(schedule2027))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Save(leader, sc); !fault.Is(err, fault.Forbidden) {
			t.Errorf("a leader saves a year: got %v, want forbidden", err)
		}
		op := access.With(context.Background(), access.Operator("test"))
		if err := c.Save(op, workday.Schedule{Year: 2028}); !fault.Is(err, fault.Invalid) {
			t.Errorf("an empty schedule: got %v, want invalid", err)
		}
		if added, err := c.Uploaded(op); err != nil || len(added) != 0 {
			t.Errorf("years after refusals: %d, %v; want none", len(added), err)
		}
	})
}

// TestPublicityNeedsThePublishedYear refuses a 任前公示 in a year without a
// schedule, then counts it once the year is uploaded.
func TestPublicityNeedsThePublishedYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := openSelection(t, db)
		steps := selectionSteps(f.tr.county.ID, f.p1, f.p2)
		// Move everything from the deliberation on into 2027.
		steps[2] = selection.Deliberation{Record: rec("2026-02-01", f.tr.county.ID), Consultation: "酝酿无不同意见。"}
		dec := steps[3].(selection.Decision)
		dec.Date = date("2026-02-02")
		steps[3] = dec
		pub := steps[4].(selection.Publicity)
		pub.Date, pub.Start = date("2027-09-30"), date("2027-09-30")
		for _, step := range steps[:4] {
			if _, err := f.s.Apply(f.ctx, f.sel.ID, step); err != nil {
				t.Fatalf("apply %s: %v", step.Stage(), err)
			}
		}
		_, err := f.s.Apply(f.ctx, f.sel.ID, pub)
		if e, ok := fault.As(err); !ok || e.Key != "workday.year_unpublished" {
			t.Fatalf("publicity in 2027 without its schedule: got %v, want workday.year_unpublished", err)
		}
		sc, err := workday.ParseSchedule(2027, strings.NewReader(schedule2027))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Calendar().Save(f.ctx, sc); err != nil {
			t.Fatal(err)
		}
		sel, err := f.s.Apply(f.ctx, f.sel.ID, pub)
		if err != nil {
			t.Fatalf("publicity after the upload: %v", err)
		}
		// Thursday 09-30 counts, then 10-08 (Friday), 10-09 (make-up
		// Saturday), 10-11 and 10-12.
		if got := sel.Publicity.End.String(); got != "2027-10-12" {
			t.Errorf("publicity end: got %s, want 2027-10-12", got)
		}
	})
}
