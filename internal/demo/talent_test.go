package demo

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"zugong/internal/creditcode"
	"zugong/internal/match"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// demoTalents generates a county's talents and names them p0, p1, … as the
// registry would give them IDs; talents of institutions, schools and
// offices are public employees.
func demoTalents(t *testing.T, orgs []org.Org, n int) []TalentRef {
	t.Helper()
	kinds := map[string]org.Kind{}
	for _, o := range orgs {
		kinds[o.ID] = o.Kind
	}
	var refs []TalentRef
	for i, d := range GeneratePeople(orgs, PeopleSpec{Talents: n}, 3).Dossiers {
		tf := d.Talent
		if tf == nil {
			continue
		}
		if len(tf.Forms) == 0 || tf.Region != DefaultCounty.Code {
			t.Fatalf("%s: talent forms %v region %q, want some forms in %s", d.Person.Name, tf.Forms, tf.Region, DefaultCounty.Code)
		}
		k := kinds[d.Person.OrgID]
		refs = append(refs, TalentRef{PersonID: fmt.Sprintf("p%d", i), OrgID: d.Person.OrgID, Category: tf.Category, Skills: tf.Skills,
			Forms: tf.Forms, PublicEmployee: k == org.Institution || k == org.School || k == org.Office})
	}
	if len(refs) != n {
		t.Fatalf("%d talents generated, want %d", len(refs), n)
	}
	return refs
}

// figures counts what the store's figures count, for the year of asOf.
type figures struct {
	takingPart, entities, personTimes, services int
	before                                      int // records dated before the year
}

func countFigures(w TalentWork) figures {
	from := jan1(asOf.Year)
	var f figures
	taking := map[string]bool{}
	for _, e := range w.Engagements {
		if !e.Start.After(asOf) && (e.End.IsZero() || !e.End.Before(from)) {
			taking[e.TalentID] = true
		} else {
			f.before++
		}
	}
	for i, s := range w.Services {
		switch {
		case s.Date.Before(from):
			f.before++
		case w.Verified[i] && !s.Date.After(asOf):
			taking[s.TalentID] = true
			f.personTimes += s.Beneficiaries
			f.services++
		}
	}
	for _, e := range w.Entities {
		if e.Founded.Before(from) {
			f.before++
		} else if !e.Founded.After(asOf) {
			f.entities++
		}
	}
	f.takingPart = len(taking)
	return f
}

func within(got int, want float64, share float64) bool {
	return float64(got) >= want*(1-share) && float64(got) <= want*(1+share)
}

func TestGenerateTalentWork(t *testing.T) {
	orgs := County(1, DefaultCounty)
	county := &orgs[0]
	refs := demoTalents(t, orgs, 3500)
	w := GenerateTalentWork(county, orgs, refs, asOf, 9)

	t.Run("same seed, same work", func(t *testing.T) {
		again := GenerateTalentWork(county, orgs, refs, asOf, 9)
		if !reflect.DeepEqual(canonical(w), canonical(again)) {
			t.Fatal("two runs with one seed differ beyond their IDs")
		}
		if other := GenerateTalentWork(county, orgs, refs, asOf, 10); reflect.DeepEqual(canonical(w), canonical(other)) {
			t.Fatal("two seeds give the same work")
		}
	})

	t.Run("proportions of the article", func(t *testing.T) {
		f := countFigures(w)
		n := float64(len(refs))
		t.Logf("%d talents: %d taking part, %d entities founded, %d person-times from %d verified services; %d records before the year; %d projects, %d engagements, %d applications",
			len(refs), f.takingPart, f.entities, f.personTimes, f.services, f.before, len(w.Projects), len(w.Engagements), len(w.Applications))
		if !within(f.takingPart, n*3467/3500, 0.1) {
			t.Errorf("%d talents taking part, want about %.0f", f.takingPart, n*3467/3500)
		}
		if !within(f.entities, n*0.124, 0.1) {
			t.Errorf("%d entities founded in the year, want about %.0f", f.entities, n*0.124)
		}
		if !within(f.personTimes, n*16, 0.1) {
			t.Errorf("%d person-times served, want about %.0f", f.personTimes, n*16)
		}
		if f.services < 2500 || f.services > 3500 {
			t.Errorf("%d verified services in the year, want 2,500 to 3,500", f.services)
		}
		if f.before == 0 {
			t.Error("no record dates from before the year")
		}
		if len(w.Projects) != 300 {
			t.Errorf("%d projects, want 300", len(w.Projects))
		}
	})

	t.Run("every record is valid", func(t *testing.T) {
		checkTalentWork(t, w, refs)
	})
}

// checkTalentWork checks each record by its domain's rules and the work's
// consistency: unique IDs, targets that exist, places within openings,
// forms the talent accepts and the project allows, credit codes of the
// county, statuses that agree with dates.
func checkTalentWork(t *testing.T, w TalentWork, refs []TalentRef) {
	t.Helper()
	byPerson := map[string]TalentRef{}
	for _, r := range refs {
		byPerson[r.PersonID] = r
	}
	ids := map[string]bool{}
	fresh := func(id string) {
		if id == "" || ids[id] {
			t.Fatalf("ID %q empty or given twice", id)
		}
		ids[id] = true
	}
	projects := map[string]*talent.Project{}
	open := 0
	for i := range w.Projects {
		p := &w.Projects[i]
		fresh(p.ID)
		projects[p.ID] = p
		if err := p.Validate(); err != nil {
			t.Fatalf("project %s: %v", p.Title, err)
		}
		if p.Region != DefaultCounty.Code || p.Owner.Kind == talent.OwnerOrganisation && p.Owner.ID != p.OrgID {
			t.Errorf("project %s: region %s, owner %+v, org %s", p.Title, p.Region, p.Owner, p.OrgID)
		}
		if !p.Deadline.Before(asOf) {
			open++
		}
	}
	if n := len(w.Projects); open*100 < n*60 || open*100 > n*73 {
		t.Errorf("%d of %d projects open on %s, want about two in three", open, n, asOf)
	}
	entities := map[string]*talent.Entity{}
	types := map[talent.EntityType]int{}
	for i := range w.Entities {
		e := &w.Entities[i]
		fresh(e.ID)
		entities[e.ID] = e
		types[e.Type]++
		if err := e.Validate(); err != nil {
			t.Fatalf("entity %s: %v", e.Name, err)
		}
		if code, _ := creditcode.Parse(e.CreditCode); code.Division != DefaultCounty.Code {
			t.Errorf("entity %s: credit code %s outside the county", e.Name, e.CreditCode)
		}
		for _, id := range e.Founders {
			if _, ok := byPerson[id]; !ok {
				t.Fatalf("entity %s founded by %s, not a talent", e.Name, id)
			}
		}
	}
	if len(types) != len(talent.EntityTypes) {
		t.Errorf("entity types %v, want every type", types)
	}
	filled := map[string]int{}
	forms := map[talent.Form]int{}
	approvals := 0
	for i, e := range w.Engagements {
		fresh(e.ID)
		if err := e.Validate(); err != nil {
			t.Fatalf("engagement %d: %v", i, err)
		}
		ref, ok := byPerson[e.TalentID]
		if !ok || !slices.Contains(ref.Forms, e.Form) {
			t.Fatalf("engagement %d: talent %s accepts %v, engaged %s", i, e.TalentID, ref.Forms, e.Form)
		}
		switch e.Status {
		case talent.Active:
			if e.Start.After(asOf) || !e.End.IsZero() && e.End.Before(asOf) {
				t.Errorf("engagement %d active from %s to %s on %s", i, e.Start, e.End, asOf)
			}
		default:
			if e.End.After(asOf) {
				t.Errorf("engagement %d %s on %s ends later, on %s", i, e.Status, asOf, e.End)
			}
		}
		if e.NeedsApproval() {
			approvals++
		}
		forms[e.Form]++
		if e.ProjectID != "" {
			p := projects[e.ProjectID]
			if p == nil || !p.Allows(e.Form) || w.ApplicationOf[i] == "" {
				t.Fatalf("engagement %d in project %s, form %s, from application %q", i, e.ProjectID, e.Form, w.ApplicationOf[i])
			}
			filled[p.ID]++
		} else if en := entities[e.EntityID]; en == nil || e.Start.Before(en.Founded) {
			t.Fatalf("engagement %d in entity %s from %s", i, e.EntityID, e.Start)
		}
	}
	for id, n := range filled {
		if p := projects[id]; n > p.Openings {
			t.Errorf("project %s takes %d talents for %d openings", p.Title, n, p.Openings)
		}
	}
	if forms[talent.PartTime] <= forms[talent.Equity] || forms[talent.Equity] <= forms[talent.LeavePost] || forms[talent.LeavePost] == 0 || approvals == 0 {
		t.Errorf("engagement forms %v with %d approvals: want 兼职 most, 入股 some, 离岗 few, approved for public employees", forms, approvals)
	}
	if len(w.Verified) != len(w.Services) || len(w.ApplicationOf) != len(w.Engagements) {
		t.Fatalf("%d verified marks for %d services, %d application links for %d engagements",
			len(w.Verified), len(w.Services), len(w.ApplicationOf), len(w.Engagements))
	}
	for _, s := range w.Services {
		fresh(s.ID)
		if err := s.Validate(); err != nil {
			t.Fatalf("service %s: %v", s.Summary, err)
		}
		if s.Beneficiaries < 5 || s.Beneficiaries > 60 || s.Date.After(asOf) {
			t.Errorf("service %s on %s served %d", s.Summary, s.Date, s.Beneficiaries)
		}
	}
	statuses := map[talent.ApplicationStatus]int{}
	for _, a := range w.Applications {
		fresh(a.ID)
		p := projects[a.ProjectID]
		statuses[a.Status]++
		if a.Status == talent.Pending {
			if err := a.Validate(p); err != nil {
				t.Fatalf("pending application to %s: %v", p.Title, err)
			}
			if p.Deadline.Before(asOf) {
				t.Errorf("application pending on %s, closed on %s", p.Title, p.Deadline)
			}
		} else if a.Decided.IsZero() || a.Decided.After(asOf) || a.Decided.Before(a.Created) {
			t.Errorf("application %s to %s created %s decided %s", a.Status, p.Title, a.Created, a.Decided)
		}
	}
	for _, s := range talent.ApplicationStatuses {
		if statuses[s] == 0 {
			t.Errorf("application statuses %v, want some of each", statuses)
		}
	}
	checkMatchable(t, w.Projects, refs)
}

// checkMatchable asks that each of a project's requirements shares a term
// with some talent's skill, so that matching finds talents for it.
func checkMatchable(t *testing.T, projects []talent.Project, refs []TalentRef) {
	t.Helper()
	terms := map[string]bool{}
	for _, r := range refs {
		for _, s := range r.Skills {
			for _, term := range match.SkillTerms(s.Name) {
				terms[term] = true
			}
		}
	}
	for _, p := range projects {
		for _, r := range p.Skills {
			if !slices.ContainsFunc(match.QueryTerms(r.Skill), func(term string) bool { return terms[term] }) {
				t.Errorf("project %s asks for %s, which no talent's skill matches", p.Title, r.Skill)
			}
		}
	}
}

// canonical replaces the IDs the work drew by their order of appearance,
// so that two runs compare by everything else.
func canonical(w TalentWork) TalentWork {
	seen := map[string]string{}
	id := func(s string) string {
		if s == "" {
			return ""
		}
		if c, ok := seen[s]; ok {
			return c
		}
		seen[s] = fmt.Sprintf("#%d", len(seen))
		return seen[s]
	}
	out := TalentWork{Verified: w.Verified}
	for _, e := range w.Entities {
		e.ID = id(e.ID)
		out.Entities = append(out.Entities, e)
	}
	for _, p := range w.Projects {
		p.ID = id(p.ID)
		if p.Owner.Kind == talent.OwnerEnterprise {
			p.Owner.ID = id(p.Owner.ID)
		}
		out.Projects = append(out.Projects, p)
	}
	for _, a := range w.Applications {
		a.ID, a.ProjectID = id(a.ID), id(a.ProjectID)
		out.Applications = append(out.Applications, a)
	}
	for i, e := range w.Engagements {
		e.ID, e.ProjectID, e.EntityID = id(e.ID), id(e.ProjectID), id(e.EntityID)
		out.Engagements = append(out.Engagements, e)
		out.ApplicationOf = append(out.ApplicationOf, id(w.ApplicationOf[i]))
	}
	for _, s := range w.Services {
		s.ID = id(s.ID)
		out.Services = append(out.Services, s)
	}
	return out
}

func TestGenerateTalentWorkSmallPool(t *testing.T) {
	orgs := County(1, DefaultCounty)
	refs := demoTalents(t, orgs, 70)
	w := GenerateTalentWork(&orgs[0], orgs, refs, asOf, 4)
	if len(w.Projects) != 6 {
		t.Errorf("%d projects for %d talents, want 6", len(w.Projects), len(refs))
	}
	f := countFigures(w)
	if f.takingPart < 63 || !within(f.personTimes, 70*16, 0.1) {
		t.Errorf("%d of %d talents taking part, %d person-times", f.takingPart, len(refs), f.personTimes)
	}
	for _, p := range w.Projects {
		if err := p.Validate(); err != nil {
			t.Fatalf("project %s: %v", p.Title, err)
		}
	}
	for _, e := range w.Engagements {
		if err := e.Validate(); err != nil {
			t.Fatalf("engagement: %v", err)
		}
	}
}

func TestGenerateTalentWorkWithoutTalents(t *testing.T) {
	orgs := County(1, DefaultCounty)
	if w := GenerateTalentWork(&orgs[0], orgs, nil, asOf, 1); !reflect.DeepEqual(w, TalentWork{}) {
		t.Errorf("work without talents: %d projects, %d entities, want none", len(w.Projects), len(w.Entities))
	}
}

// TestTalentFacetForms checks that the generated pool accepts the forms in
// the proportions the talent work draws on: most 兼职, few 离岗.
func TestTalentFacetForms(t *testing.T) {
	orgs := County(1, DefaultCounty)
	counts := map[person.FlowForm]int{}
	refs := demoTalents(t, orgs, 1000)
	for _, r := range refs {
		for _, f := range r.Forms {
			counts[f]++
		}
	}
	if counts[person.FlowPartTime] < 800 || counts[person.FlowLeavePost] == 0 || counts[person.FlowLeavePost] > 200 ||
		counts[person.FlowEquity] == 0 || counts[person.FlowAdvisor] == 0 {
		t.Errorf("forms accepted by 1,000 talents: %v", counts)
	}
}
