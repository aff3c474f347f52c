package training

import (
	"testing"

	"zugong/internal/fault"
)

// sevenDays is a programme of seven 7-hour days: 49 classroom hours, so one
// seventh is exactly one day.
func sevenDays() *Programme {
	p := &Programme{ID: "p1", OrgID: "o", Title: "乡镇干部培训班", Mode: Centralised, Kind: KindRotation,
		Start: d("2026-04-06"), End: d("2026-04-12"), OnlineHours: HoursOf(10), CountsTowardQuota: true, Capacity: 2}
	for i := 0; i < 7; i++ {
		p.Sessions = append(p.Sessions, Session{Date: d("2026-04-06").AddDays(i), Hours: HoursOf(7)})
	}
	return p
}

func attend(t *testing.T, p *Programme, e *Enrolment, presences ...Presence) {
	t.Helper()
	for i, pr := range presences {
		if err := Mark(p, e, i, pr); err != nil {
			t.Fatalf("mark session %d: %v", i+1, err)
		}
	}
}

func TestLeaveRule(t *testing.T) {
	cases := []struct {
		name       string
		presences  []Presence
		hours      []Hours // per-session hours override
		wantStatus EnrolStatus
		wantHours  Hours
		wantDays   int
	}{
		{name: "full attendance completes", presences: []Presence{Present, Present, Present, Present, Present, Present, Present},
			wantStatus: Completed, wantHours: HoursOf(49 + 10), wantDays: 7},
		{name: "leave of exactly one seventh completes", presences: []Presence{Present, Leave, Present, Present, Present, Present, Present},
			wantStatus: Completed, wantHours: HoursOf(42 + 10), wantDays: 6},
		{name: "leave just under one seventh completes",
			presences:  []Presence{Present, Leave, Present, Present, Present, Present, Present},
			hours:      []Hours{71, 69, 70, 70, 70, 70, 70},
			wantStatus: Completed, wantHours: 421 + HoursOf(10), wantDays: 6},
		{name: "leave just over one seventh fails",
			presences:  []Presence{Present, Leave, Present, Present, Present, Present, Present},
			hours:      []Hours{69, 71, 70, 70, 70, 70, 70},
			wantStatus: Failed},
		{name: "absence without leave counts as missed", presences: []Presence{Present, Leave, Absent, Present, Present, Present, Present},
			wantStatus: Failed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := sevenDays()
			for i, h := range tc.hours {
				p.Sessions[i].Hours = h
			}
			e := Invite(p, "person")
			if err := Enrol(p, &e, LevelTownship, 0); err != nil {
				t.Fatal(err)
			}
			attend(t, p, &e, tc.presences...)
			c, err := Close(p, &e, HoursOf(10), "合格", "C-1", d("2026-04-12"), d("2026-11-27"))
			if err != nil {
				t.Fatal(err)
			}
			if e.Status != tc.wantStatus {
				t.Fatalf("status: got %s, want %s (missed %s of %s)", e.Status, tc.wantStatus, e.Missed(p), p.OfflineHours())
			}
			if c.Hours != tc.wantHours || c.Days != tc.wantDays {
				t.Errorf("credit: got %s hours %d days, want %s hours %d days", c.Hours, c.Days, tc.wantHours, tc.wantDays)
			}
			if tc.wantStatus == Failed && e.Certificate != "" {
				t.Errorf("a failed trainee keeps certificate %q", e.Certificate)
			}
		})
	}
}

func TestEnrolRules(t *testing.T) {
	p := sevenDays()
	t.Run("capacity refuses the third trainee", func(t *testing.T) {
		var e Enrolment
		err := Enrol(p, &e, LevelTownship, 2)
		if !fault.Is(err, fault.Conflict) {
			t.Fatalf("got %v, want a conflict", err)
		}
	})
	t.Run("target level refuses another level", func(t *testing.T) {
		q := sevenDays()
		q.TargetLevel = LevelCounty
		var e Enrolment
		if err := Enrol(q, &e, LevelTownship, 0); !fault.Is(err, fault.Conflict) {
			t.Fatalf("got %v, want a conflict", err)
		}
	})
	t.Run("closing with attendance missing names the field", func(t *testing.T) {
		e := Invite(p, "x")
		if err := Enrol(p, &e, LevelTownship, 0); err != nil {
			t.Fatal(err)
		}
		attend(t, p, &e, Present, Present)
		_, err := Close(p, &e, 0, "", "", d("2026-04-12"), d("2026-11-27"))
		fe, ok := fault.As(err)
		if !ok || fe.Fields["attendance"].Key != "training.attendance_incomplete" {
			t.Fatalf("got %v, want attendance_incomplete", err)
		}
		if e.Status != Enrolled {
			t.Errorf("status changed to %s on a refused close", e.Status)
		}
	})
	t.Run("online hours beyond the programme are refused", func(t *testing.T) {
		e := Invite(p, "x")
		if err := Enrol(p, &e, LevelTownship, 0); err != nil {
			t.Fatal(err)
		}
		attend(t, p, &e, Present, Present, Present, Present, Present, Present, Present)
		_, err := Close(p, &e, HoursOf(11), "", "", d("2026-04-12"), d("2026-11-27"))
		if fe, ok := fault.As(err); !ok || fe.Fields["online_done"].Key != "training.online_over" {
			t.Fatalf("got %v, want online_over", err)
		}
	})
	t.Run("closing after today is refused", func(t *testing.T) {
		e := Invite(p, "x")
		if err := Enrol(p, &e, LevelTownship, 0); err != nil {
			t.Fatal(err)
		}
		attend(t, p, &e, Present, Present, Present, Present, Present, Present, Present)
		_, err := Close(p, &e, 0, "", "", d("2026-04-12"), d("2026-04-11"))
		if fe, ok := fault.As(err); !ok || fe.Fields["completed_on"].Key != "training.in_future" {
			t.Fatalf("got %v, want in_future", err)
		}
	})
	t.Run("attendance after closing is refused", func(t *testing.T) {
		e := Enrolment{Status: Completed}
		if err := Mark(p, &e, 0, Present); !fault.Is(err, fault.Conflict) {
			t.Fatalf("got %v, want a conflict", err)
		}
	})
}

func TestProgrammeValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(p *Programme)
		field  string
		key    string
	}{
		{"end before start", func(p *Programme) { p.End = d("2026-04-01") }, "end", "training.end_before_start"},
		{"negative online hours", func(p *Programme) { p.OnlineHours = -5 }, "online_hours", "training.hours_negative"},
		{"session without hours", func(p *Programme) { p.Sessions[2].Hours = 0 }, "sessions.3.hours", "training.session_hours_not_positive"},
		{"session outside the dates", func(p *Programme) { p.Sessions[0].Date = d("2026-05-01") }, "sessions.1.date", "training.session_outside_dates"},
		{"unknown mode", func(p *Programme) { p.Mode = "online" }, "mode", "field.invalid_choice"},
		{"missing title", func(p *Programme) { p.Title = " " }, "title", "field.required"},
		{"negative capacity", func(p *Programme) { p.Capacity = -1 }, "capacity", "training.capacity_negative"},
		{"no hours at all", func(p *Programme) { p.Sessions, p.OnlineHours = nil, 0 }, "online_hours", "training.no_hours"},
	}
	if err := sevenDays().Validate(); err != nil {
		t.Fatalf("valid programme refused: %v", err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := sevenDays()
			tc.change(p)
			fe, ok := fault.As(p.Validate())
			if !ok {
				t.Fatalf("got no error, want %s on %s", tc.key, tc.field)
			}
			if got := fe.Fields[tc.field].Key; got != tc.key {
				t.Errorf("field %s: got %q, want %q (all: %s)", tc.field, got, tc.key, fe.Fields)
			}
		})
	}
}

func TestParseHours(t *testing.T) {
	good := map[string]Hours{"": 0, "0": 0, "12": 120, "1.5": 15, "90": 900, " 7.0 ": 70, "-1": -10}
	for in, want := range good {
		got, err := ParseHours(in)
		if err != nil || got != want {
			t.Errorf("ParseHours(%q): got %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"--1", "1.25", "abc", ".5", "1.", "1.x", "-"} {
		if _, err := ParseHours(in); err == nil {
			t.Errorf("ParseHours(%q): got no error", in)
		}
	}
	if s := Hours(15).String(); s != "1.5" {
		t.Errorf("String: got %q, want 1.5", s)
	}
}
