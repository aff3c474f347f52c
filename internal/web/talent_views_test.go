package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/i18n"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// sampleTalent is a rural practical talent of 真阳镇 who keeps fish, holds
// a public post and accepts part-time work and equity.
func sampleTalent() talent.Profile {
	return talent.Profile{PersonID: "p1", Name: "王建国", OrgID: "o1", OrgName: "真阳镇", PublicEmployee: true, Version: 3,
		Talent: person.Talent{Category: person.TalentRural, Titles: []string{"高级农艺师", "新型职业农民"},
			Skills:      []person.Skill{{Name: "水产养殖", Level: 4}, {Name: "农村电商", Level: 2}},
			Specialties: "稻渔综合种养", Availability: person.PartTime,
			Forms: []person.FlowForm{person.FlowPartTime, person.FlowEquity}, Region: "411724"}}
}

func sampleTalentRecords() ([]EngagementRow, []EntityRow, []ServiceRow) {
	d := civil.MustParse
	e := talent.EngagementListed{Engagement: talent.Engagement{ID: "e1", TalentID: "p1", ProjectID: "pr1", Form: talent.LeavePost,
		Factors: []talent.Factor{{Kind: talent.Capital, Amount: 500000}, {Kind: talent.Technology}}, Start: d("2026-03-01"),
		End: d("2027-02-28"), Status: talent.Active, PublicEmployee: true,
		Approval: &talent.Approval{Unit: "o9", Approver: "李书记", Date: d("2026-02-20"), Document: "真组〔2026〕2号"}},
		TalentName: "王建国", Target: "稻渔综合种养示范基地"}
	open := talent.EngagementListed{Engagement: talent.Engagement{ID: "e2", TalentID: "p1", EntityID: "en1", Form: talent.Advisor,
		Factors: []talent.Factor{{Kind: talent.Information}}, Start: d("2026-05-01"), Status: talent.Active},
		TalentName: "王建国", Target: "真阳渔业合作社"}
	en := talent.EntityListed{Entity: talent.Entity{ID: "en1", OrgID: "o1", Name: "真阳渔业合作社", Type: talent.Cooperative,
		CreditCode: "93411724MA9XXXXX1A", RegisteredCapital: 2000000, Founded: d("2026-04-01"), Jobs: 12, Founders: []string{"p1", "p2"}},
		OrgName: "真阳镇", FounderNames: []string{"王建国"}}
	sv := talent.ServiceListed{Service: talent.Service{ID: "s1", TalentID: "p1", Date: d("2026-06-01"), Kind: talent.Teaching,
		Beneficiaries: 60, Evidence: "签到表", Summary: "稻渔种养培训"}, TalentName: "王建国", Verified: true}
	pending := sv
	pending.ID, pending.Verified = "s2", false
	return []EngagementRow{engagementRow(e), engagementRow(open)}, []EntityRow{entityRow(en)},
		[]ServiceRow{serviceRow(sv), serviceRow(pending)}
}

// talentSampleViews returns a view of each talent page with every branch
// that shows words taken.
func talentSampleViews(page func(string) Page) map[string]viewer {
	under := &org.Org{ID: "o1", Name: "真阳镇"}
	filter := TalentFilter{Form: invalidForm("under", "from", "to", "category", "form", "factor", "status", "kind"), Under: under,
		UnderClear: "/talent"}
	pager := newPager(newListQuery("/talent/pool", url.Values{"q": {"养殖"}}), 1, 20, 45, talentSizes)
	engagements, entities, services := sampleTalentRecords()
	drill := url.Values{"from": {"2026-01-01"}, "to": {"2026-11-27"}}
	counts := []talent.Count{{Key: "rural_practical", N: 4}, {Key: "professional", N: 2}, {Key: "unknown", N: 1}}
	dash := &TalentDashboardView{Page: page("talent.dash.title"), Filter: filter,
		Figures: talent.Figures{Talents: 40, TakingPart: 7, Entities: 2, PersonTimes: 560, Services: 9, Engagements: 8, Capital: 1250000},
		Capital: wan(1250000), PoolURL: "/talent/pool", TakingPartURL: "/talent/pool?taking_part=1", EntitiesURL: "/talent/entities",
		ServicesURL: "/talent/services", EngagementsURL: "/talent/engagements",
		ByCategory:     countBars(counts, talentCategoryKeys, "/talent/pool", "category", drill),
		ByForm:         countBars([]talent.Count{{Key: "part_time", N: 5}}, talentFormKeys, "/talent/engagements", "form", drill),
		ByFactor:       countBars([]talent.Count{{Key: "capital", N: 3}}, talentFactorKeys, "/talent/engagements", "factor", drill),
		EntitiesByType: countBars([]talent.Count{{Key: "cooperative", N: 2}}, entityTypeKeys, "/talent/entities", "kind", drill),
	}
	pool := &TalentPoolView{Page: page("talent.pool.title"), Filter: filter, Rows: []TalentRow{talentRow(sampleTalent()),
		talentRow(talent.Profile{PersonID: "p2", Name: "刘芳", Talent: person.Talent{Category: "odd", Availability: "odd"}})},
		Pager: pager, Categories: keyedChoices(person.TalentCategories, talentCategoryKeys), CanManage: true}
	match := talent.ProjectMatch{ProjectListed: talent.ProjectListed{Project: talent.Project{ID: "pr1", Title: "稻渔综合种养示范基地"},
		OrgName: "真阳镇"}, Score: 7.5, Explanation: talent.Explanation{Score: 7.5, Parts: []talent.ExplainedPart{
		{Requirement: "水产养殖", MinLevel: 3, Weight: 3, Skill: "水产养殖", Level: 4, Points: 7.5},
		{Requirement: "电商运营", MinLevel: 2, Weight: 1}, {Requirement: "冷链物流", MinLevel: 2, Weight: 1}}}}
	profile := &TalentProfileView{Page: page("talent.profile.title"), T: talentRow(sampleTalent()), Engagements: engagements,
		Entities: entities, Services: services, Matches: []MatchRow{matchRow(match)}, CanManage: true}
	facet := sampleTalent().Talent
	profileForm := profileFormOf(&facet)
	for _, n := range profileFieldNames {
		profileForm.Add(n, "field.required")
	}
	profileForm.Error = &Message{Key: "error.conflict"}
	edit := &TalentProfileEditView{Page: page("talent.profile.edit_title"), PersonID: "p1", Name: "王建国",
		Fields: newProfileFields(profileForm), Version: "3", Others: []fault.FieldError{{Key: "field.required"}}}
	engForm := invalidForm(engagementFields...)
	engForm.Values["factors"] = []string{"capital", "technology"}
	engagementNew := &EngagementNewView{Page: page("talent.engagements.new_title"), Form: engForm, TalentName: "王建国",
		Forms: keyedChoices(talent.Forms, talentFormKeys), Factors: keyedChecks(engForm, "factors", talent.FactorKinds, talentFactorKeys),
		Statuses: keyedChoices(talent.EngagementStatuses, engagementStatusKeys), Others: []fault.FieldError{{Key: "error.invalid"}}}
	return map[string]viewer{
		pageTalentDashboard:   dash,
		pageTalentPool:        pool,
		pageTalentProfile:     profile,
		pageTalentProfileEdit: edit,
		pageTalentEngagements: &TalentEngagementsView{Page: page("talent.engagements.title"), Filter: filter, Rows: engagements,
			Pager: pager, Forms: keyedChoices(talent.Forms, talentFormKeys), Factors: keyedChoices(talent.FactorKinds, talentFactorKeys),
			Statuses: keyedChoices(talent.EngagementStatuses, engagementStatusKeys), CanManage: true},
		pageTalentEngagementNew: engagementNew,
		pageTalentEntities: &TalentEntitiesView{Page: page("talent.entities.title"), Filter: filter, Rows: entities, Pager: pager,
			Types: keyedChoices(talent.EntityTypes, entityTypeKeys), CanManage: true},
		pageTalentEntityNew: &EntityNewView{Page: page("talent.entities.new_title"), Form: invalidForm(entityFields...),
			Types: keyedChoices(talent.EntityTypes, entityTypeKeys), Others: []fault.FieldError{{Key: "error.invalid"}}},
		pageTalentServices: &TalentServicesView{Page: page("talent.services.title"), Filter: filter, Rows: services, Pager: pager,
			Kinds:    keyedChoices(talent.ServiceKinds, serviceKindKeys),
			Statuses: keyedChoices([]string{serviceVerified, servicePending}, serviceStatusKeys), CanManage: true, Back: "/talent/services"},
		pageTalentServiceNew: &ServiceNewView{Page: page("talent.services.new_title"), Form: invalidForm(serviceFields...),
			TalentName: "王建国", Kinds: keyedChoices(talent.ServiceKinds, serviceKindKeys),
			Others: []fault.FieldError{{Key: "error.invalid"}}},
	}
}

// talentZeroViews are the talent pages with nothing but their Page.
func talentZeroViews() map[string]viewer {
	return map[string]viewer{pageTalentDashboard: &TalentDashboardView{}, pageTalentPool: &TalentPoolView{},
		pageTalentProfile: &TalentProfileView{}, pageTalentProfileEdit: &TalentProfileEditView{},
		pageTalentEngagements: &TalentEngagementsView{}, pageTalentEngagementNew: &EngagementNewView{},
		pageTalentEntities: &TalentEntitiesView{}, pageTalentEntityNew: &EntityNewView{}, pageTalentServices: &TalentServicesView{},
		pageTalentServiceNew: &ServiceNewView{}}
}

// TestTalentSetsHaveWords fails when a value of a closed set of package
// talent or of the talent facet has no catalog key.
func TestTalentSetsHaveWords(t *testing.T) {
	c := i18n.MustLoad()
	var keys []string
	collect := func(cs []Choice) {
		for _, ch := range cs {
			keys = append(keys, ch.Key)
		}
	}
	collect(keyedChoices(talent.Forms, talentFormKeys))
	collect(keyedChoices(talent.FactorKinds, talentFactorKeys))
	collect(keyedChoices(talent.EntityTypes, entityTypeKeys))
	collect(keyedChoices(talent.ServiceKinds, serviceKindKeys))
	collect(keyedChoices(talent.EngagementStatuses, engagementStatusKeys))
	collect(keyedChoices(person.TalentCategories, talentCategoryKeys))
	collect(keyedChoices(availabilities, availabilityKeys))
	for i, k := range keys {
		if k == "" || !c.Has(k) {
			t.Errorf("value %d of the closed sets has key %q, which the catalog lacks", i, k)
		}
	}
}

// TestProfileFormRoundTrip reads back what profileFormOf writes, and
// refuses a skill line without its level.
func TestProfileFormRoundTrip(t *testing.T) {
	want := sampleTalent().Talent
	f := profileFormOf(&want)
	got, _, ok := readProfileForm(postRequest(f.Values))
	if !ok {
		t.Fatalf("the form of a stored profile did not read back")
	}
	if got.Category != want.Category || got.Availability != want.Availability || got.Region != want.Region ||
		got.Specialties != want.Specialties || len(got.Titles) != 2 || got.Titles[1] != want.Titles[1] ||
		len(got.Skills) != 2 || got.Skills[0] != want.Skills[0] || got.Skills[1] != want.Skills[1] ||
		len(got.Forms) != 2 || got.Forms[1] != person.FlowEquity {
		t.Errorf("got %+v, want %+v", got, want)
	}

	bad := url.Values{"category": {"rural_practical"}, "skills": {"水产养殖 4\r\n农村电商\n\n兽医 三"}}
	_, f, ok = readProfileForm(postRequest(bad))
	if ok {
		t.Fatal("skill lines without a level were accepted")
	}
	if e := f.Err("skills"); e == nil || e.Key != "talent.profile.skill_line" || len(e.Args) != 1 || e.Args[0] != 2 {
		t.Errorf("skills error %+v, want talent.profile.skill_line on line 2", e)
	}
	if f.Get("skills") == "" || f.Get("category") != "rural_practical" {
		t.Error("the typed values were not kept")
	}
}

// TestAbsorbProfileError puts the facet's problems beside the form's
// fields, whichever way the service names them.
func TestAbsorbProfileError(t *testing.T) {
	var domain fault.Fields
	domain.Add("skills.1.level", "field.person.skill_level", 1, 5)
	domain.Add("talent.forms.0", "field.invalid_choice")
	domain.Add("category", "field.required")
	var f Form
	if !absorbProfileError(&f, domain.Err()) {
		t.Fatal("a field error was not absorbed")
	}
	for field, key := range map[string]string{"skills": "field.person.skill_level", "forms": "field.invalid_choice", "category": "field.required"} {
		if e := f.Err(field); e == nil || e.Key != key {
			t.Errorf("%s: got %+v, want %s", field, e, key)
		}
	}
	if absorbProfileError(&f, fault.New(fault.Forbidden, "error.forbidden")) {
		t.Error("a forbidden error was absorbed")
	}
}

// postRequest is a POST of the form v.
func postRequest(v url.Values) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/talent/pool/p1/edit", strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}
