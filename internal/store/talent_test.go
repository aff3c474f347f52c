package store_test

import (
	"context"
	"math"
	"testing"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
	"zugong/internal/talent"
)

// talentWorld is a tree with two talents in township A (a fish farmer
// and a cadre who runs online shops) and one in township B, and a project
// of township A seeking an aquaculture expert.
type talentWorld struct {
	tr                      *tree
	op, staffA, staffCounty context.Context
	farmer, cadre, other    string
	project                 *talent.Project
}

func talentDossier(orgID, name, birth, seq string, skills ...person.Skill) person.Dossier {
	d := simple(orgID, name, birth, seq)
	d.Talent = &person.Talent{Category: person.TalentRural, Skills: skills, Availability: person.Available,
		Forms: []person.FlowForm{person.FlowPartTime, person.FlowLeavePost, person.FlowEquity}, Region: "411724"}
	return d
}

func newTalentWorld(t *testing.T, db *store.DB) *talentWorld {
	t.Helper()
	tr, op := buildTree(t, db)
	w := &talentWorld{tr: tr, op: op, staffA: principal(access.TownshipOrganiser, tr.townA),
		staffCounty: principal(access.CountyStaff, tr.county)}
	save := func(d person.Dossier) string {
		t.Helper()
		saved, err := db.People().Save(op, &d)
		if err != nil {
			t.Fatalf("save %s: %v", d.Person.Name, err)
		}
		return saved.Person.ID
	}
	w.farmer = save(talentDossier(tr.townA.ID, "张水生", "19800101", "011", person.Skill{Name: "水产养殖", Level: 4}))
	cadre := talentDossier(tr.townA.ID, "刘电商", "19850202", "021", person.Skill{Name: "农村电商运营", Level: 3})
	cadre.Cadre = &person.Cadre{}
	w.cadre = save(cadre)
	w.other = save(talentDossier(tr.townB.ID, "李养殖", "19820303", "031", person.Skill{Name: "水产养殖", Level: 5}))
	p, err := db.Talent().SaveProject(w.staffCounty, &talent.Project{OrgID: tr.townA.ID,
		Owner: talent.Owner{Kind: talent.OwnerOrganisation, ID: tr.townA.ID, Name: tr.townA.Name},
		Title: "千亩鱼塘提质项目", Description: "鱼塘改造与养殖技术指导",
		Skills: []talent.Requirement{{Skill: "养殖", MinLevel: 3, Weight: 2}, {Skill: "电商", MinLevel: 2, Weight: 1}},
		Forms:  []talent.Form{talent.PartTime, talent.LeavePost}, Region: "411724",
		Start: date("2026-01-01"), End: date("2027-12-31"), Openings: 2, Deadline: date("2027-06-30"), Visibility: talent.Public})
	if err != nil {
		t.Fatalf("save project: %v", err)
	}
	w.project = p
	return w
}

// self is the principal of a talent account linked to personID, granted
// at township o as the demo accounts are.
func self(personID string, o *org.Org) context.Context {
	p := &access.Principal{UserID: "u-talent-" + personID, Login: "talent", PersonID: personID,
		Grants: []access.Grant{{Role: access.Talent, ScopeOrgID: o.ID, ScopePath: o.Path, JurisdictionID: o.JurisdictionID}}}
	return access.With(context.Background(), p)
}

func (w *talentWorld) talentCtx(personID string) context.Context { return self(personID, w.tr.townA) }

func TestTalentFiguresDrillDown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newTalentWorld(t, db)
		s := db.Talent()
		if _, err := s.SaveEngagement(w.staffCounty, &talent.Engagement{TalentID: w.farmer, ProjectID: w.project.ID,
			Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Technology}, {Kind: talent.Capital, Amount: 200_000}},
			Start: date("2026-03-01"), Status: talent.Active}); err != nil {
			t.Fatal(err)
		}
		// An engagement that ended before the period does not count.
		if _, err := s.SaveEngagement(w.staffCounty, &talent.Engagement{TalentID: w.other, ProjectID: w.project.ID,
			Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Information}}, Start: date("2024-03-01"),
			End: date("2025-02-01"), Status: talent.Ended}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveEntity(w.staffCounty, &talent.Entity{OrgID: w.tr.townB.ID, Name: "正阳县鱼跃水产有限公司",
			Type: talent.Company, CreditCode: "91110000100000243j", RegisteredCapital: 500_000, Founded: date("2026-05-01"),
			Jobs: 8, Founders: []string{w.other}}); err != nil {
			t.Fatal(err)
		}
		for _, sv := range []talent.Service{
			{TalentID: w.other, Date: date("2026-04-02"), Kind: talent.TechnicalGuidance, Beneficiaries: 40, Evidence: "签到表"},
			{TalentID: w.farmer, Date: date("2026-06-02"), Kind: talent.Teaching, Beneficiaries: 25, Evidence: "正政〔2026〕3号"},
		} {
			if _, err := s.SaveService(w.staffCounty, &sv); err != nil {
				t.Fatal(err)
			}
		}
		// The cadre's own report waits for verification and counts only after it.
		own, err := s.SaveService(w.talentCtx(w.cadre), &talent.Service{TalentID: w.cadre, Date: date("2026-07-01"),
			Kind: talent.Marketing, Beneficiaries: 100, Evidence: "直播记录"})
		if err != nil {
			t.Fatal(err)
		}
		period := talent.Filter{From: date("2026-01-01"), To: date("2026-11-27")}
		f, err := s.Figures(w.staffCounty, period)
		if err != nil {
			t.Fatal(err)
		}
		if f.Talents != 3 || f.TakingPart != 2 || f.Entities != 1 || f.PersonTimes != 65 || f.Services != 2 ||
			f.Engagements != 1 || f.Capital != 200_000 {
			t.Errorf("county figures = %+v", f)
		}
		if err := s.VerifyService(w.staffA, own.ID); err != nil {
			t.Fatal(err)
		}
		f, _ = s.Figures(w.staffCounty, period)
		if f.TakingPart != 3 || f.PersonTimes != 165 {
			t.Errorf("after verifying: taking part %d, person-times %d; want 3, 165", f.TakingPart, f.PersonTimes)
		}
		// Each figure is the count of the records its listing shows.
		pool := period
		pool.TakingPart = true
		if n, _ := s.CountTalents(w.staffCounty, pool); n != f.TakingPart {
			t.Errorf("pool taking part lists %d, figure %d", n, f.TakingPart)
		}
		if n, _ := s.CountEntities(w.staffCounty, period); n != f.Entities {
			t.Errorf("entities list %d, figure %d", n, f.Entities)
		}
		verified := period
		verified.Status = "verified"
		list, _ := s.Services(w.staffCounty, verified)
		sum := 0
		for _, sv := range list {
			sum += sv.Beneficiaries
		}
		if sum != f.PersonTimes {
			t.Errorf("services list %d person-times, figure %d", sum, f.PersonTimes)
		}
		// Township A sees its own: no entity (registered in B), its two talents.
		a, err := s.Figures(w.staffA, period)
		if err != nil {
			t.Fatal(err)
		}
		if a.Talents != 2 || a.TakingPart != 2 || a.Entities != 0 || a.PersonTimes != 125 {
			t.Errorf("township A figures = %+v", a)
		}
		for _, c := range a.ByFactor {
			if want := map[string]int{"capital": 1, "technology": 1}[c.Key]; c.N != want {
				t.Errorf("factor %s = %d, want %d", c.Key, c.N, want)
			}
		}
		if _, err := s.Profile(w.staffA, w.other); !fault.Is(err, fault.NotFound) {
			t.Errorf("township A reads B's talent: %v, want not found", err)
		}
	})
}

func TestEngagementBadInputWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newTalentWorld(t, db)
		s := db.Talent()
		before := count(t, db, "talent_engagements")
		_, err := s.SaveEngagement(w.staffA, &talent.Engagement{TalentID: w.cadre, ProjectID: w.project.ID,
			Form: talent.LeavePost, Factors: []talent.Factor{{Kind: talent.Technology}}, Start: date("2026-03-01"),
			End: date("2026-02-01"), Status: talent.Active})
		// The cadre holds a post: leaving it needs the home unit's approval.
		wantFields(t, "leave without approval, end before start", err, map[string]string{
			"approval": "talent.engagement.approval_required", "end": "talent.end_before_start"})
		_, err = s.SaveEngagement(w.staffA, &talent.Engagement{TalentID: w.other, ProjectID: w.project.ID,
			Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Technology}}, Start: date("2026-03-01"), Status: talent.Active})
		wantFields(t, "another township's talent", err, map[string]string{"talent_id": "talent.not_a_talent"})
		_, err = s.SaveEngagement(w.staffA, &talent.Engagement{TalentID: w.farmer, ProjectID: store.NewID(),
			Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Technology}}, Start: date("2026-03-01"), Status: talent.Active})
		wantFields(t, "unknown project", err, map[string]string{"project_id": "talent.engagement.target_unknown"})
		if n := count(t, db, "talent_engagements"); n != before {
			t.Errorf("%d engagements after refusals, want %d", n, before)
		}
		_, err = s.SaveEntity(w.staffA, &talent.Entity{OrgID: w.tr.townA.ID, Name: "某合作社", Type: talent.Cooperative,
			CreditCode: "91110000100000243J", Founded: date("2026-05-01"), Founders: []string{w.farmer}})
		wantFields(t, "a company's code for a cooperative", err, map[string]string{"credit_code": "talent.entity.credit_code_type"})
		if n := count(t, db, "talent_entities"); n != 0 {
			t.Errorf("%d entities after a refusal", n)
		}
	})
}

func TestApplicationsMakeEngagements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newTalentWorld(t, db)
		s := db.Talent()
		farmer := w.talentCtx(w.farmer)
		app, err := s.Propose(farmer, &talent.Application{ProjectID: w.project.ID, TalentID: w.farmer, Kind: talent.Apply,
			Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Technology}}, Message: "愿意指导"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Propose(farmer, &talent.Application{ProjectID: w.project.ID, TalentID: w.farmer, Kind: talent.Apply,
			Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Technology}}}); !fault.Is(err, fault.Conflict) {
			t.Errorf("a second pending application: %v, want conflict", err)
		}
		// The applicant cannot accept their own application; the owner can.
		if _, err := s.Accept(farmer, app.ID, nil); !fault.Is(err, fault.Forbidden) {
			t.Errorf("applicant accepts: %v, want forbidden", err)
		}
		e, err := s.Accept(w.staffA, app.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if e.TalentID != w.farmer || e.ProjectID != w.project.ID || e.Status != talent.Active {
			t.Errorf("engagement = %+v", e)
		}
		if _, err := s.Accept(w.staffA, app.ID, nil); !fault.Is(err, fault.Conflict) {
			t.Errorf("accept twice: %v, want conflict", err)
		}
		// An invitation to the cadre to leave their post needs approval.
		inv, err := s.Propose(w.staffA, &talent.Application{ProjectID: w.project.ID, TalentID: w.cadre, Kind: talent.Invite,
			Form: talent.LeavePost, Factors: []talent.Factor{{Kind: talent.ProjectLead}}})
		if err != nil {
			t.Fatal(err)
		}
		cadre := w.talentCtx(w.cadre)
		_, err = s.Accept(cadre, inv.ID, nil)
		wantFields(t, "leave without approval", err, map[string]string{"approval": "talent.engagement.approval_required"})
		if _, err := s.Accept(cadre, inv.ID, &talent.Approval{Unit: w.tr.townA.ID, Approver: "镇党委",
			Date: civil.Of(db.Now()).AddDays(-1), Document: "镇组〔2026〕2号"}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Engagements(w.staffA, talent.Filter{ProjectID: w.project.ID})
		if err != nil || len(got) != 2 {
			t.Fatalf("engagements of the project: %d, %v; want 2", len(got), err)
		}
		p, _ := s.Project(w.staffA, w.project.ID)
		if p.Filled != 2 || p.Status != talent.ProjectClosed {
			t.Errorf("project filled %d, status %s; want 2, closed", p.Filled, p.Status)
		}
		// Another talent cannot see the farmer's application.
		other := self(w.other, w.tr.townB)
		if err := s.Withdraw(other, app.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("another talent withdraws: %v, want not found", err)
		}
	})
}

func TestMatchTalentsWithinReach(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newTalentWorld(t, db)
		s := db.Talent()
		county, err := s.MatchTalents(w.staffCounty, w.project.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		// 李养殖 (level 5) ranks above 张水生 (level 4); 刘电商 matches 电商.
		if len(county) != 3 || county[0].PersonID != w.other || county[1].PersonID != w.farmer || county[2].PersonID != w.cadre {
			t.Fatalf("county match = %v", names(county))
		}
		for _, m := range county {
			sum := 0.0
			for _, p := range m.Explanation.Parts {
				sum += p.Points
			}
			if math.Abs(sum-m.Score) > 1e-9 {
				t.Errorf("%s: parts sum to %v, score %v", m.Name, sum, m.Score)
			}
		}
		if county[1].Explanation.Parts[0].Skill != "水产养殖" || county[1].Explanation.Parts[1].Skill != "" {
			t.Errorf("farmer's explanation = %+v", county[1].Explanation.Parts)
		}
		a, err := s.MatchTalents(w.staffA, w.project.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != 2 || a[0].PersonID != w.farmer {
			t.Errorf("township A match = %v, want its two talents", names(a))
		}
		// A changed profile is matched at once: the farmer learns 电商.
		pr, err := s.Profile(w.staffA, w.farmer)
		if err != nil {
			t.Fatal(err)
		}
		tl := pr.Talent
		tl.Skills = append(tl.Skills, person.Skill{Name: "电商", Level: 3})
		if _, err := s.SaveProfile(w.talentCtx(w.farmer), w.farmer, &tl, pr.Version); err != nil {
			t.Fatal(err)
		}
		county, _ = s.MatchTalents(w.staffCounty, w.project.ID, 1)
		if len(county) != 1 || county[0].PersonID != w.farmer {
			t.Errorf("after the profile change the best is %v, want 张水生", names(county))
		}
		projects, err := s.MatchProjects(w.talentCtx(w.farmer), w.farmer, 5)
		if err != nil || len(projects) != 1 || projects[0].ID != w.project.ID {
			t.Errorf("projects for the farmer = %v, %v", projects, err)
		}
	})
}

func names(ms []talent.TalentMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func TestSaveProfileReach(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newTalentWorld(t, db)
		s := db.Talent()
		farmer := w.talentCtx(w.farmer)
		tl := person.Talent{Category: person.TalentSkilled, Skills: []person.Skill{{Name: "焊接", Level: 3}},
			Availability: person.PartTime, Forms: []person.FlowForm{person.FlowAdvisor}, Region: "411724"}
		if _, err := s.SaveProfile(farmer, w.cadre, &tl, 0); !fault.Is(err, fault.NotFound) {
			t.Errorf("a talent edits another's profile: %v, want not found", err)
		}
		bad := tl
		bad.Region = "99"
		_, err := s.SaveProfile(farmer, w.farmer, &bad, 0)
		wantFields(t, "bad region", err, map[string]string{"region": "field.person.place"})
		got, err := s.SaveProfile(farmer, w.farmer, &tl, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got.Talent.Category != person.TalentSkilled || len(got.Talent.Forms) != 1 || got.Talent.Skills[0].Name != "焊接" {
			t.Errorf("saved profile = %+v", got.Talent)
		}
		if ev := events(t, db, "person.update"); len(ev) != 1 || ev[0].ActorLogin != "talent" {
			t.Errorf("audit of the profile change = %+v", ev)
		}
	})
}

func TestSeedTalent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newTalentWorld(t, db)
		s := db.Talent()
		pr := *w.project
		pr.ID, pr.Title = store.NewID(), "花生深加工项目"
		seed := store.TalentSeed{
			Projects: []talent.Project{pr},
			Engagements: []talent.Engagement{{ID: store.NewID(), TalentID: w.farmer, ProjectID: pr.ID, Form: talent.Equity,
				Factors: []talent.Factor{{Kind: talent.Capital, Amount: 80_000}}, Start: date("2026-02-01"), Status: talent.Active}},
			Entities: []talent.Entity{{ID: store.NewID(), OrgID: w.tr.townA.ID, Name: "正阳县花香食品有限公司", Type: talent.Company,
				CreditCode: "91110000100000243J", Founded: date("2026-03-01"), Jobs: 5, Founders: []string{w.farmer}}},
			Services: []talent.Service{
				{ID: store.NewID(), TalentID: w.farmer, Date: date("2026-04-01"), Kind: talent.Teaching, Beneficiaries: 30, Evidence: "签到表"},
				{ID: store.NewID(), TalentID: w.cadre, Date: date("2026-04-02"), Kind: talent.Consulting, Beneficiaries: 9, Evidence: "记录"},
			},
			Verified: []bool{true, false},
			Applications: []talent.Application{{ID: store.NewID(), ProjectID: pr.ID, TalentID: w.cadre, Kind: talent.Apply,
				Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Information}}, Status: talent.Pending, Created: date("2026-11-01")}},
		}
		if err := s.SeedTalent(context.Background(), access.Operator("demo"), w.tr.county.ID, seed); err != nil {
			t.Fatal(err)
		}
		f, err := s.Figures(w.staffCounty, talent.Filter{From: date("2026-01-01"), To: date("2026-12-31")})
		if err != nil {
			t.Fatal(err)
		}
		if f.Entities != 1 || f.PersonTimes != 30 || f.Capital != 80_000 || f.TakingPart != 1 {
			t.Errorf("figures after seeding = %+v", f)
		}
		apps, err := s.Applications(w.staffA, talent.Filter{ProjectID: pr.ID})
		if err != nil || len(apps) != 1 || apps[0].TalentName != "刘电商" {
			t.Errorf("seeded applications = %+v, %v", apps, err)
		}
	})
}
