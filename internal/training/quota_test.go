package training

import (
	"testing"

	"zugong/internal/civil"
)

func d(s string) civil.Date { return civil.MustParse(s) }

func credit(on string, hours, online, days int) Credit {
	return Credit{On: d(on), Hours: HoursOf(hours), Online: HoursOf(online), Days: days, Counts: true}
}

func tallyOf(asOf string, credits ...Credit) Tally {
	var t Tally
	for _, c := range credits {
		t.AddCredit(c, d(asOf))
	}
	return t
}

func TestAssess(t *testing.T) {
	policy := DefaultPolicy()
	networked := policy
	networked.NetworkHours = HoursOf(50)
	cases := []struct {
		name      string
		policy    Policy
		subject   Subject
		credits   []Credit
		year      int
		today     string
		status    Status
		shortfall Hours
		deadline  string
		grace     bool
	}{
		{name: "township met by hours", policy: policy, subject: Subject{Rank: "副科级"},
			credits: []Credit{credit("2026-03-10", 50, 0, 0), credit("2026-09-01", 40, 0, 0)},
			year:    2026, today: "2026-11-27", status: Met, deadline: "2026-12-31"},
		{name: "township met by twelve days though hours short", policy: policy, subject: Subject{Rank: "科员"},
			credits: []Credit{credit("2026-05-20", 60, 0, 12)},
			year:    2026, today: "2026-11-27", status: Met, deadline: "2026-12-31"},
		{name: "township short within the year is due", policy: policy, subject: Subject{Rank: "正科级"},
			credits: []Credit{credit("2026-05-20", 60, 0, 5)},
			year:    2026, today: "2026-11-27", status: Due, shortfall: HoursOf(30), deadline: "2026-12-31"},
		{name: "township short after the year is overdue", policy: policy, subject: Subject{Rank: "正科级"},
			credits: []Credit{credit("2025-05-20", 60, 0, 5)},
			year:    2025, today: "2026-01-01", status: Overdue, shortfall: HoursOf(30), deadline: "2025-12-31"},
		{name: "township last year's hours do not count this year", policy: policy, subject: Subject{Rank: "副科级"},
			credits: []Credit{credit("2025-12-31", 90, 0, 0), credit("2026-01-02", 10, 0, 0)},
			year:    2026, today: "2026-06-30", status: Due, shortfall: HoursOf(80), deadline: "2026-12-31"},
		{name: "a credit not counting toward the quota is ignored", policy: policy, subject: Subject{Rank: "副科级"},
			credits: []Credit{{On: d("2026-04-01"), Hours: HoursOf(100), Counts: false}},
			year:    2026, today: "2026-06-30", status: Due, shortfall: HoursOf(90), deadline: "2026-12-31"},
		{name: "a credit dated after today is not earned yet", policy: policy, subject: Subject{Rank: "副科级"},
			credits: []Credit{credit("2026-12-20", 100, 0, 0)},
			year:    2026, today: "2026-06-30", status: Due, shortfall: HoursOf(90), deadline: "2026-12-31"},
		{name: "county rolling window spans five calendar years", policy: policy, subject: Subject{Rank: "正处级"},
			credits: []Credit{credit("2022-01-01", 110, 0, 0), credit("2023-06-01", 110, 0, 0), credit("2024-06-01", 110, 0, 0),
				credit("2025-06-01", 110, 0, 0), credit("2026-06-01", 110, 0, 0)},
			year: 2026, today: "2026-11-27", status: Met, deadline: "2026-12-31"},
		{name: "county hours from six years back fall out of the window", policy: policy, subject: Subject{Rank: "正处级"},
			credits: []Credit{credit("2021-12-31", 110, 0, 0), credit("2023-06-01", 110, 0, 0), credit("2024-06-01", 110, 0, 0),
				credit("2025-06-01", 110, 0, 0), credit("2026-06-01", 110, 0, 0)},
			year: 2026, today: "2026-11-27", status: Due, shortfall: HoursOf(110), deadline: "2026-12-31"},
		{name: "county window rolls into the next year", policy: policy, subject: Subject{Rank: "二级调研员"},
			credits: []Credit{credit("2022-06-01", 110, 0, 0), credit("2023-06-01", 110, 0, 0), credit("2024-06-01", 110, 0, 0),
				credit("2025-06-01", 110, 0, 0), credit("2026-06-01", 110, 0, 0)},
			year: 2027, today: "2027-02-01", status: Due, shortfall: HoursOf(110), deadline: "2027-12-31"},
		{name: "county short after the year is overdue", policy: policy, subject: Subject{Rank: "副处级"},
			credits: []Credit{credit("2025-06-01", 500, 0, 0)},
			year:    2025, today: "2026-02-01", status: Overdue, shortfall: HoursOf(50), deadline: "2025-12-31"},
		{name: "promoted mid-year without the quota has one year after promotion", policy: policy,
			subject: Subject{Rank: "副处级", CountySince: d("2026-06-15")},
			credits: []Credit{credit("2024-03-01", 90, 0, 0), credit("2025-03-01", 90, 0, 0), credit("2026-03-01", 90, 0, 0)},
			year:    2026, today: "2026-11-27", status: Due, shortfall: HoursOf(280), deadline: "2027-06-15", grace: true},
		{name: "promoted mid-year, hours in the grace year count", policy: policy,
			subject: Subject{Rank: "副处级", CountySince: d("2026-06-15")},
			credits: []Credit{credit("2024-03-01", 90, 0, 0), credit("2025-03-01", 90, 0, 0), credit("2026-03-01", 90, 0, 0),
				credit("2027-05-01", 280, 0, 0)},
			year: 2027, today: "2027-05-02", status: Met, deadline: "2027-12-31"},
		{name: "promoted and the grace year passed short is overdue", policy: policy,
			subject: Subject{Rank: "副处级", CountySince: d("2025-06-15")},
			credits: []Credit{credit("2025-03-01", 90, 0, 0)},
			year:    2025, today: "2026-07-01", status: Overdue, shortfall: HoursOf(460), deadline: "2025-12-31"},
		{name: "promoted long ago has no grace", policy: policy,
			subject: Subject{Rank: "正处级", CountySince: d("2019-01-10")},
			credits: []Credit{credit("2026-03-01", 100, 0, 0)},
			year:    2026, today: "2026-11-27", status: Due, shortfall: HoursOf(450), deadline: "2026-12-31"},
		{name: "network requirement short though hours met", policy: networked, subject: Subject{Rank: "副科级"},
			credits: []Credit{credit("2026-03-01", 100, 20, 0)},
			year:    2026, today: "2026-11-27", status: Due, deadline: "2026-12-31"},
		{name: "network requirement met with online hours", policy: networked, subject: Subject{Rank: "副科级"},
			credits: []Credit{credit("2026-03-01", 100, 50, 0)},
			year:    2026, today: "2026-11-27", status: Met, deadline: "2026-12-31"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.policy.Assess(tc.subject, tallyOf(tc.today, tc.credits...), tc.year, d(tc.today))
			if c.Status != tc.status {
				t.Errorf("status: got %s, want %s (done %+v)", c.Status, tc.status, c.Done)
			}
			if c.Shortfall != tc.shortfall {
				t.Errorf("shortfall: got %s, want %s", c.Shortfall, tc.shortfall)
			}
			if c.Deadline != d(tc.deadline) {
				t.Errorf("deadline: got %s, want %s", c.Deadline, tc.deadline)
			}
			if c.PromotionGrace != tc.grace {
				t.Errorf("promotion grace: got %v, want %v", c.PromotionGrace, tc.grace)
			}
		})
	}
}

func TestNetworkShortfall(t *testing.T) {
	p := DefaultPolicy()
	p.NetworkHours = HoursOf(50)
	c := p.Assess(Subject{Rank: "科员"}, tallyOf("2026-11-27", credit("2026-03-01", 100, 20, 0)), 2026, d("2026-11-27"))
	if c.NetworkShortfall != HoursOf(30) {
		t.Errorf("network shortfall: got %s, want 30", c.NetworkShortfall)
	}
}

func TestLevelOf(t *testing.T) {
	for rank, want := range map[string]Level{
		"正处级": LevelCounty, "副处级": LevelCounty, "一级调研员": LevelCounty, "四级调研员": LevelCounty,
		"正科级": LevelTownship, "副科级": LevelTownship, "一级主任科员": LevelTownship, "科员": LevelTownship, "": LevelTownship,
	} {
		if got := LevelOf(rank); got != want {
			t.Errorf("LevelOf(%q): got %s, want %s", rank, got, want)
		}
	}
}

func TestRemind(t *testing.T) {
	p := DefaultPolicy()
	due := Compliance{Status: Due, Deadline: d("2026-12-31")}
	cases := []struct {
		name  string
		c     Compliance
		today string
		want  bool
	}{
		{"due within sixty days", due, "2026-12-01", true},
		{"due exactly sixty days ahead", due, "2026-11-01", true},
		{"due more than sixty days ahead", due, "2026-10-31", false},
		{"met is never reminded", Compliance{Status: Met, Deadline: d("2026-12-31")}, "2026-12-01", false},
		{"overdue is not a reminder", Compliance{Status: Overdue, Deadline: d("2025-12-31")}, "2026-01-05", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.Remind(tc.c, d(tc.today)); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSummaryRate(t *testing.T) {
	var s Summary
	for _, st := range []Status{Met, Met, Due, Overdue, Met, Met} {
		s.Add(Compliance{Status: st, Shortfall: HoursOf(1)})
	}
	if s.Total != 6 || s.Met != 4 || s.Due != 1 || s.Overdue != 1 {
		t.Fatalf("counts: got %+v", s)
	}
	if got := s.Rate(); got != 66.7 {
		t.Errorf("rate: got %v, want 66.7", got)
	}
	if s.Shortfall != HoursOf(6) {
		t.Errorf("shortfall: got %s, want 6", s.Shortfall)
	}
}
