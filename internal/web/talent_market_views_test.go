package web

import (
	"net/url"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/i18n"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// sampleProject is an aquaculture project of 真阳镇, open, with one of its
// two openings filled.
func sampleProject() talent.ProjectListed {
	d := civil.MustParse
	return talent.ProjectListed{Project: talent.Project{ID: "pr1", OrgID: "o1",
		Owner: talent.Owner{Kind: talent.OwnerOrganisation, ID: "o1", Name: "真阳镇人民政府"},
		Title: "稻虾共养示范基地", Description: "建设 300 亩稻虾共养示范基地。",
		Skills:     []talent.Requirement{{Skill: "水产养殖", MinLevel: 3, Weight: 2}, {Skill: "农村电商", MinLevel: 2, Weight: 1}},
		Categories: []person.TalentCategory{person.TalentRural}, Forms: []talent.Form{talent.PartTime, talent.LeavePost},
		Region: "411724", Start: d("2026-12-01"), End: d("2027-11-30"), Openings: 2, Deadline: d("2026-12-20"),
		Visibility: talent.Internal, Version: 3},
		OrgName: "真阳镇", Filled: 1, Pending: 2, Status: talent.ProjectOpen}
}

// sampleExplanation meets the first requirement and misses the second.
func sampleExplanation() talent.Explanation {
	return talent.Explanation{Score: 1.6, Parts: []talent.ExplainedPart{
		{Requirement: "水产养殖", MinLevel: 3, Weight: 2, Skill: "水产养殖", Level: 4, Share: 1, Factor: 0.8, Points: 1.6},
		{Requirement: "农村电商", MinLevel: 2, Weight: 1},
	}}
}

// sampleApplications are a pending application, a pending invitation and
// an accepted one with capital.
func sampleApplications() []talent.ApplicationListed {
	d := civil.MustParse
	app := func(id string, kind talent.ApplicationKind, st talent.ApplicationStatus) talent.ApplicationListed {
		a := talent.ApplicationListed{Application: talent.Application{ID: id, ProjectID: "pr1", TalentID: "p1", Kind: kind,
			Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Technology}}, Message: "愿意参与", Status: st,
			Created: d("2026-11-20")}, TalentName: "李红梅", ProjectTitle: "稻虾共养示范基地"}
		if st != talent.Pending {
			a.Decided = d("2026-11-25")
			a.Factors = append(a.Factors, talent.Factor{Kind: talent.Capital, Amount: 200_000})
		}
		return a
	}
	return []talent.ApplicationListed{app("a1", talent.Apply, talent.Pending), app("a2", talent.Invite, talent.Pending),
		app("a3", talent.Apply, talent.Accepted)}
}

// marketSampleViews returns a view of each market page with every branch
// that shows words taken.
func marketSampleViews(page func(string) Page) map[string]viewer {
	p := sampleProject()
	apps := sampleApplications()
	failed := invalidForm("form", "factors", "capital", "message")
	list := &MarketProjectsView{Page: page("market.page.projects"), Filter: invalidForm("status", "under"),
		Rows:     []MarketProjectRow{{ProjectListed: p, Place: placeName(p.Region)}},
		Pager:    newPager(newListQuery("/talent/projects", url.Values{"status": {"open"}}), 1, 20, 45, marketSizes),
		Statuses: keyedChoices(projectStatuses, projectStatusKeys), Under: &org.Org{ID: "o1", Name: "真阳镇"},
		UnderClear: "/talent/projects", CanManage: true, L: marketLabels}
	form := &MarketProjectFormView{Page: page("market.page.project_edit"), ID: "pr1", Form: invalidForm(projectFields...),
		Orgs:       []Choice{{Value: "o1", Text: "真阳镇"}, {Value: "v1", Text: "张庄村", Sub: true}},
		OwnerKinds: keyedChoices(talent.OwnerKinds, ownerKindKeys), Visibilities: keyedChoices(talent.Visibilities, visibilityKeys),
		Categories:    keyedChecks(formOf(url.Values{"categories": {"rural_practical"}}), "categories", person.TalentCategories, talentCategoryKeys),
		Forms:         keyedChecks(Form{}, "forms", talent.Forms, talentFormKeys),
		SkillProblems: []SkillProblem{{Line: 2, Err: fault.FieldError{Key: "talent.project.skill_duplicate"}}},
		Others:        []fault.FieldError{{Key: "talent.application.project_mismatch"}}}
	profile := talent.Profile{PersonID: "p1", Name: "李红梅", OrgID: "v1", OrgName: "张庄村",
		Talent: person.Talent{Category: person.TalentRural, Skills: []person.Skill{{Name: "水产养殖", Level: 4}},
			Forms: []person.FlowForm{person.FlowPartTime}, Region: "411724"}, PublicEmployee: true, Version: 2}
	project := &MarketProjectView{Page: page("market.page.project"), P: &p, Place: placeName(p.Region), Applications: apps,
		Matches:   []talent.TalentMatch{{Profile: profile, Score: 1.6, Explanation: sampleExplanation()}},
		CanManage: true, Decision: invalidForm("approval", "approver", "approval_date"), DecisionID: "a1",
		Invite: failed, InviteFor: "p1", Forms: keyedChoices(p.Forms, talentFormKeys),
		Factors:       keyedChecks(Form{}, "factors", talent.FactorKinds, talentFactorKeys),
		InviteFactors: keyedChecks(formOf(url.Values{"factors": {"capital"}}), "factors", talent.FactorKinds, talentFactorKeys),
		L:             marketLabels}
	invitationOnly := p
	invitationOnly.ID, invitationOnly.Visibility = "pr2", talent.InviteOnly
	me := &MeMarketView{Page: page("me.page.market"),
		Matches: []talent.ProjectMatch{{ProjectListed: p, Score: 1.6, Explanation: sampleExplanation()},
			{ProjectListed: invitationOnly, Score: 0.5, Explanation: sampleExplanation()}},
		Applications: apps,
		Services: []talent.ServiceListed{
			{Service: talent.Service{ID: "s1", TalentID: "p1", Date: civil.MustParse("2026-11-02"), Kind: talent.TechnicalGuidance,
				Beneficiaries: 45, Evidence: "签到表", Summary: "稻田养虾技术指导"}, TalentName: "李红梅", Verified: true},
			{Service: talent.Service{ID: "s2", TalentID: "p1", Date: civil.MustParse("2026-11-12"), Kind: talent.Teaching,
				Beneficiaries: 30, Evidence: "正组〔2026〕9号"}, TalentName: "李红梅"}},
		Apply: failed, ApplyFor: "pr1", Decision: Form{Error: &Message{Key: "talent.project.full"}}, DecisionID: "a2",
		Service:      invalidForm("date", "kind", "beneficiaries", "evidence", "summary"),
		Factors:      keyedChecks(Form{}, "factors", talent.FactorKinds, talentFactorKeys),
		ApplyFactors: keyedChecks(formOf(url.Values{"factors": {"technology"}}), "factors", talent.FactorKinds, talentFactorKeys),
		Kinds:        keyedChoices(talent.ServiceKinds, serviceKindKeys), L: marketLabels}
	dossier := &talent.Dossier{Profile: profile, Engagements: []talent.EngagementListed{{Engagement: talent.Engagement{ID: "e1",
		TalentID: "p1", ProjectID: "pr1", Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Capital, Amount: 50_000}},
		Start: civil.MustParse("2026-12-01"), End: civil.MustParse("2027-11-30"), Status: talent.Active}, TalentName: "李红梅",
		Target: "稻虾共养示范基地"}}}
	profileForm := profileFormOf(&profile.Talent)
	profileForm.Add("skills", "talent.project.skill_duplicate")
	self := &MeTalentView{Page: page("me.page.talent"), D: dossier, Fields: newProfileFields(profileForm),
		Others: []fault.FieldError{{Key: "error.invalid"}}, L: marketLabels}
	return map[string]viewer{pageMarketProjects: list, pageMarketProjectForm: form, pageMarketProject: project,
		pageMeMarket: me, pageMeTalent: self}
}

// marketZeroViews are the market pages with nothing but their Page.
func marketZeroViews() map[string]viewer {
	return map[string]viewer{pageMarketProjects: &MarketProjectsView{}, pageMarketProjectForm: &MarketProjectFormView{},
		pageMarketProject: &MarketProjectView{}, pageMeMarket: &MeMarketView{}, pageMeTalent: &MeTalentView{}}
}

// TestMarketSetsHaveWords fails when a value of a closed set the market
// shows has no catalog key.
func TestMarketSetsHaveWords(t *testing.T) {
	c := i18n.MustLoad()
	var keys []string
	add := func(k string) { keys = append(keys, k) }
	for _, v := range talent.OwnerKinds {
		add(ownerKindKeys[v])
	}
	for _, v := range talent.Visibilities {
		add(visibilityKeys[v])
	}
	for _, v := range projectStatuses {
		add(projectStatusKeys[v])
	}
	for _, v := range talent.ApplicationKinds {
		add(applicationKindKeys[v])
	}
	for _, v := range talent.ApplicationStatuses {
		add(applicationStatusKeys[v])
	}
	for _, v := range talent.Forms {
		add(marketLabels.Forms[v])
	}
	for _, v := range talent.FactorKinds {
		add(marketLabels.Factors[v])
	}
	for _, v := range talent.ServiceKinds {
		add(marketLabels.Services[v])
	}
	for i, k := range keys {
		if k == "" || !c.Has(k) {
			t.Errorf("value %d of the closed sets has key %q, which the catalog lacks", i, k)
		}
	}
}

func TestReadRequirements(t *testing.T) {
	tests := []struct {
		name      string
		box       string
		want      []talent.Requirement
		wantLines []int
		wantErr   string
	}{
		{"one a line, blank lines skipped", "水产养殖 3 2\n\n农村 电商 2 1\r\n",
			[]talent.Requirement{{Skill: "水产养殖", MinLevel: 3, Weight: 2}, {Skill: "农村 电商", MinLevel: 2, Weight: 1}}, []int{1, 3}, ""},
		{"commas as separators", "水产养殖，3，2", []talent.Requirement{{Skill: "水产养殖", MinLevel: 3, Weight: 2}}, []int{1}, ""},
		{"refused: no weight", "水产养殖 3 2\n电商 2", []talent.Requirement{{Skill: "水产养殖", MinLevel: 3, Weight: 2}}, []int{1},
			"market.project.skill_line"},
		{"refused: a level that is not a number", "水产养殖 高 2", nil, nil, "market.project.skill_line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := formOf(url.Values{"skills": {tc.box}})
			got, lines := readRequirements(&f)
			if len(got) != len(tc.want) || len(lines) != len(tc.wantLines) {
				t.Fatalf("got %v at lines %v, want %v at lines %v", got, lines, tc.want, tc.wantLines)
			}
			for i := range got {
				if got[i] != tc.want[i] || lines[i] != tc.wantLines[i] {
					t.Errorf("requirement %d: got %v at line %d, want %v at line %d", i, got[i], lines[i], tc.want[i], tc.wantLines[i])
				}
			}
			if e := f.Err("skills"); (e == nil) != (tc.wantErr == "") || (e != nil && e.Key != tc.wantErr) {
				t.Errorf("skills error %v, want %q", e, tc.wantErr)
			}
		})
	}
}

func TestSkillLineProblemsNameTheLine(t *testing.T) {
	f := formOf(url.Values{})
	f.Add("skills.1.skill", "talent.project.skill_duplicate")
	f.Add("skills.0.weight", "talent.project.weight", 1, 3)
	f.Add("title", "field.required")
	got := skillLineProblems(&f, []int{2, 5})
	if len(got) != 2 || got[0].Line != 2 || got[0].Err.Key != "talent.project.weight" || got[1].Line != 5 ||
		got[1].Err.Key != "talent.project.skill_duplicate" {
		t.Fatalf("got %v, want the weight on line 2 and the duplicate on line 5", got)
	}
	if e := f.Err("skills"); e == nil || e.Key != "market.project.skill_lines" {
		t.Errorf("skills error %v, want market.project.skill_lines", e)
	}
	if f.Invalid("skills.1.skill") || !f.Invalid("title") {
		t.Errorf("errors left %s, want the title's only besides the box", f.Errors)
	}
}
