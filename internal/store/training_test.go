package store_test

import (
	"context"
	"testing"
	"time"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
	"zugong/internal/training"
)

// cadre saves a township-level cadre of o.
func cadre(t *testing.T, ctx context.Context, db *store.DB, o *org.Org, name, birth, seq, rank string) string {
	t.Helper()
	d := simple(o.ID, name, birth, seq)
	d.Cadre = &person.Cadre{Posts: []person.Post{{UnitID: o.ID, UnitName: o.Name, Title: "副镇长", Rank: rank, Current: true,
		Appointed: person.Decision{Organ: "正阳县人民政府", Date: date("2020-01-10"), DocumentNo: "正政〔2020〕1号"}}}}
	saved, err := db.People().Save(ctx, &d)
	if err != nil {
		t.Fatal(err)
	}
	return saved.Person.ID
}

// weekProgramme is five 7-hour days plus 10 online hours: 45 hours.
func weekProgramme(orgID string) *training.Programme {
	p := &training.Programme{OrgID: orgID, Title: "2026年乡镇干部能力提升培训班", Mode: training.Centralised, Kind: training.KindRotation,
		Themes: []training.Theme{training.ThemeMarket, training.ThemeService}, Start: date("2026-04-06"), End: date("2026-04-10"),
		OnlineHours: training.HoursOf(10), CountsTowardQuota: true, Capacity: 30}
	for i := 0; i < 5; i++ {
		p.Sessions = append(p.Sessions, training.Session{Date: date("2026-04-06").AddDays(i), Hours: training.HoursOf(7)})
	}
	return p
}

func TestTrainingCompletionCountsTowardQuota(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 6, 30, 8, 0, 0, 0, time.UTC) })
		tr, ctx := buildTree(t, db)
		s := db.Training()
		zhang := cadre(t, ctx, db, tr.villageA, "张三", "19800101", "011", "副科级")
		li := cadre(t, ctx, db, tr.villageA, "李四", "19810101", "013", "副科级")

		pr, err := s.SaveProgramme(ctx, weekProgramme(tr.townA.ID))
		if err != nil {
			t.Fatal(err)
		}
		before, err := s.Compliance(ctx, training.ComplianceQuery{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		if before.Summary.Total != 2 || before.Summary.Met != 0 || before.Summary.Due != 2 {
			t.Fatalf("before training: %+v", before.Summary)
		}
		ids := map[string]string{}
		for _, who := range []string{zhang, li} {
			e, err := s.Enrol(ctx, pr.ID, who, false)
			if err != nil {
				t.Fatal(err)
			}
			ids[who] = e.ID
		}
		if _, err := s.Enrol(ctx, pr.ID, zhang, false); !fault.Is(err, fault.Conflict) {
			t.Fatalf("enrolling twice: got %v, want a conflict", err)
		}
		for i := 0; i < 5; i++ {
			liPresence := training.Present
			if i < 2 {
				liPresence = training.Leave // 14 of 35 hours: more than one seventh
			}
			if err := s.Mark(ctx, pr.ID, i, map[string]training.Presence{ids[zhang]: training.Present, ids[li]: liPresence}); err != nil {
				t.Fatal(err)
			}
		}
		for who, id := range ids {
			if _, err := s.Close(ctx, id, training.Closing{OnlineDone: training.HoursOf(10), Result: "合格", On: date("2026-04-10")}); err != nil {
				t.Fatalf("close %s: %v", who, err)
			}
		}
		roster, err := s.Roster(ctx, pr.ID)
		if err != nil || len(roster) != 2 {
			t.Fatalf("roster: %v, %v", roster, err)
		}
		for _, tn := range roster {
			want, hours := training.Completed, training.HoursOf(45)
			if tn.Name == "李四" {
				want, hours = training.Failed, 0
			}
			if tn.Status != want || tn.Credit != hours {
				t.Errorf("%s: status %s credit %s, want %s %s", tn.Name, tn.Status, tn.Credit, want, hours)
			}
		}
		after, err := s.Compliance(ctx, training.ComplianceQuery{Under: tr.county.ID, Year: 2026, All: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range after.Rows {
			want := training.HoursOf(90)
			if r.Name == "张三" {
				want = training.HoursOf(45)
			}
			if r.Shortfall != want || r.Status != training.Due {
				t.Errorf("%s: shortfall %s status %s, want %s due", r.Name, r.Shortfall, r.Status, want)
			}
		}
		if len(after.ByUnit) != 1 || after.ByUnit[0].Name != "真阳镇" || after.ByUnit[0].Total != 2 {
			t.Errorf("by unit: %+v", after.ByUnit)
		}
		hours, err := s.HoursBy(ctx, "", 2026)
		if err != nil {
			t.Fatal(err)
		}
		if hours.Total != training.HoursOf(45) || hours.ByMode[training.Centralised] != training.HoursOf(45) ||
			hours.ByTheme[training.ThemeMarket] != training.HoursOf(45) || hours.ByTheme[training.ThemeLearning] != 0 {
			t.Errorf("hours by: %+v", hours)
		}
		if n := len(events(t, db, "training.close")); n != 2 {
			t.Errorf("close events: %d, want 2", n)
		}
	})
}

func TestTrainingBadInputWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.Training()
		bad := weekProgramme(tr.townA.ID)
		bad.End = date("2026-04-01")
		bad.OnlineHours = -10
		_, err := s.SaveProgramme(ctx, bad)
		wantFields(t, "end before start and negative hours", err, map[string]string{
			"end": "training.end_before_start", "online_hours": "training.hours_negative"})
		zhang := cadre(t, ctx, db, tr.villageA, "张三", "19800101", "011", "副科级")
		_, err = s.SubmitReport(ctx, &training.SelfReport{PersonID: zhang, Kind: training.Network, Title: "网络培训",
			Start: date("2026-03-01"), End: date("2026-03-02"), Hours: -5, Evidence: "证书"})
		wantFields(t, "negative self-reported hours", err, map[string]string{"hours": "training.hours_negative"})
		for _, table := range []string{"training_programmes", "training_sessions", "training_reports", "training_credits"} {
			if n := count(t, db, table); n != 0 {
				t.Errorf("%s has %d rows after refused input", table, n)
			}
		}
	})
}

func TestSelfReportTwoLevelApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 6, 30, 8, 0, 0, 0, time.UTC) })
		tr, ctx := buildTree(t, db)
		s := db.Training()
		zhang := cadre(t, ctx, db, tr.villageA, "张三", "19800101", "011", "副科级")
		r, err := s.SubmitReport(ctx, &training.SelfReport{PersonID: zhang, Kind: training.OutsideCourse, Title: "省委党校专题研讨班",
			Start: date("2026-05-10"), End: date("2026-05-24"), Hours: training.HoursOf(95), Days: 12, Evidence: "结业证书 2026-88",
			CountsTowardQuota: true})
		if err != nil {
			t.Fatal(err)
		}
		standing := func() training.Status {
			rec, err := s.PersonTraining(ctx, zhang, 2026)
			if err != nil {
				t.Fatal(err)
			}
			return rec.Compliance.Status
		}
		if got := standing(); got != training.Due {
			t.Fatalf("pending report: status %s, want due", got)
		}
		unit := principal(access.TownshipOrganiser, tr.townA)
		if err := s.ReviewReport(unit, r.ID, true, training.Review{On: date("2026-05-30"), Approve: true, Counts: true}); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("township organiser at department level: got %v, want forbidden", err)
		}
		if err := s.ReviewReport(unit, r.ID, false, training.Review{On: date("2026-05-30"), Approve: true}); err != nil {
			t.Fatal(err)
		}
		if got := standing(); got != training.Due {
			t.Fatalf("unit-approved report: status %s, want due until the department approves", got)
		}
		if err := s.ReviewReport(ctx, r.ID, true, training.Review{On: date("2026-06-02"), Approve: true, Counts: true}); err != nil {
			t.Fatal(err)
		}
		if got := standing(); got != training.Met {
			t.Fatalf("approved report: status %s, want met", got)
		}
		if err := s.ReviewReport(ctx, r.ID, true, training.Review{On: date("2026-06-02"), Approve: true}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("second department review: got %v, want a conflict", err)
		}
		if n := count(t, db, "training_credits"); n != 1 {
			t.Errorf("credits: %d, want 1", n)
		}
	})
}

func TestTrainingScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.Training()
		theirs, err := s.SaveProgramme(ctx, weekProgramme(tr.townB.ID))
		if err != nil {
			t.Fatal(err)
		}
		cadre(t, ctx, db, tr.villageB, "李四", "19810101", "013", "副科级")
		mine := cadre(t, ctx, db, tr.villageA, "张三", "19800101", "011", "副科级")
		organiser := principal(access.TownshipOrganiser, tr.townA)
		_, err = s.GetProgramme(organiser, theirs.ID)
		wantFault(t, "read township B's programme", err, fault.NotFound, "")
		_, err = s.Enrol(organiser, theirs.ID, mine, false)
		wantFault(t, "enrol into township B's programme", err, fault.NotFound, "")
		list, err := s.ListProgrammes(organiser, training.ProgrammeFilter{})
		if err != nil || len(list) != 0 {
			t.Fatalf("township A lists %d programmes, %v; want none", len(list), err)
		}
		report, err := s.Compliance(organiser, training.ComplianceQuery{Year: 2026, All: true})
		if err != nil || report.Summary.Total != 1 || report.Rows[0].Name != "张三" {
			t.Fatalf("township A's compliance: %+v, %v", report, err)
		}
		_, err = s.Compliance(organiser, training.ComplianceQuery{Under: tr.townB.ID})
		wantFault(t, "compliance under township B", err, fault.NotFound, "")
	})
}

func TestPromotedCadreHasOneYearGrace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC) })
		tr, ctx := buildTree(t, db)
		d := simple(tr.county.ID, "王五", "19750101", "017")
		d.Cadre = &person.Cadre{Posts: []person.Post{
			{UnitName: "正阳县财政局", Title: "局长", Rank: "正科级", Appointed: person.Decision{Date: date("2018-03-01")},
				Removed: person.Decision{Date: date("2026-06-15")}},
			{UnitName: "正阳县人民政府", Title: "副县长", Rank: "副处级", Current: true, Appointed: person.Decision{Date: date("2026-06-15")}},
		}}
		saved, err := db.People().Save(ctx, &d)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := db.Training().PersonTraining(ctx, saved.Person.ID, 2026)
		if err != nil {
			t.Fatal(err)
		}
		c := rec.Compliance
		if c.Level != training.LevelCounty || !c.PromotionGrace || c.Deadline != date("2027-06-15") || c.Status != training.Due {
			t.Errorf("promoted cadre: %+v", c)
		}
	})
}

// TestTalliesAddUpTheCredits checks the yearly tallies the compliance report
// reads against the credits they sum, after completions and approvals.
func TestTalliesAddUpTheCredits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db.SetClock(func() time.Time { return time.Date(2026, 6, 30, 8, 0, 0, 0, time.UTC) })
		tr, ctx := buildTree(t, db)
		s := db.Training()
		zhang := cadre(t, ctx, db, tr.villageA, "张三", "19800101", "011", "副科级")
		for _, start := range []string{"2025-04-06", "2026-04-06"} {
			p := weekProgramme(tr.townA.ID)
			p.Start, p.End = date(start), date(start).AddDays(4)
			for i := range p.Sessions {
				p.Sessions[i].Date = date(start).AddDays(i)
			}
			pr, err := s.SaveProgramme(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			e, err := s.Enrol(ctx, pr.ID, zhang, false)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 5 {
				if err := s.Mark(ctx, pr.ID, i, map[string]training.Presence{e.ID: training.Present}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Close(ctx, e.ID, training.Closing{OnlineDone: training.HoursOf(4), On: p.End}); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := db.Query(ctx, `SELECT c.y, c.h, c.o, c.d, t.hours, t.online, t.days FROM
			(SELECT substr(earned_on, 1, 4) AS y, SUM(hours) AS h, SUM(online) AS o, SUM(days) AS d FROM training_credits
			 WHERE person_id = ? AND counts = ? GROUP BY substr(earned_on, 1, 4)) c
			JOIN training_tallies t ON t.person_id = ? AND CAST(t.year AS TEXT) = c.y ORDER BY c.y`, zhang, true, zhang)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		years := 0
		for rows.Next() {
			var y string
			var h, o, d, th, to, td int64
			if err := rows.Scan(&y, &h, &o, &d, &th, &to, &td); err != nil {
				t.Fatal(err)
			}
			if h != th || o != to || d != td {
				t.Errorf("%s: credits %d/%d/%d, tally %d/%d/%d", y, h, o, d, th, to, td)
			}
			if h != int64(training.HoursOf(39)) {
				t.Errorf("%s: %d tenths of an hour, want 39 hours", y, h)
			}
			years++
		}
		if years != 2 {
			t.Errorf("%d years tallied, want 2", years)
		}
	})
}

func TestProgrammeTargetsASubtree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.Training()
		p := weekProgramme(tr.county.ID)
		p.TargetOrgID = tr.townA.ID
		pr, err := s.SaveProgramme(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		inA := cadre(t, ctx, db, tr.villageA, "张三", "19800101", "011", "副科级")
		inB := cadre(t, ctx, db, tr.villageB, "李四", "19810101", "013", "副科级")
		if _, err := s.Enrol(ctx, pr.ID, inA, false); err != nil {
			t.Fatalf("enrol a cadre of the target township: %v", err)
		}
		_, err = s.Enrol(ctx, pr.ID, inB, false)
		wantFault(t, "enrol a cadre outside the target", err, fault.Conflict, "training.outside_target")
		if n := count(t, db, "training_enrolments"); n != 1 {
			t.Errorf("%d enrolments, want 1", n)
		}
	})
}

func TestComplianceRemindsOnlyNearTheDeadline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		cadre(t, ctx, db, tr.villageA, "张三", "19800101", "011", "副科级")
		s := db.Training()
		for _, tc := range []struct {
			today string
			want  int
		}{{"2026-06-30", 0}, {"2026-11-27", 1}} {
			r, err := s.Compliance(ctx, training.ComplianceQuery{Year: 2026, Today: date(tc.today), Remind: true, All: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Rows) != tc.want || r.Summary.Total != 1 {
				t.Errorf("on %s: %d to remind of %d, want %d", tc.today, len(r.Rows), r.Summary.Total, tc.want)
			}
		}
	})
}
