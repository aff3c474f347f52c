package talent

import (
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

func validProject() Project {
	return Project{
		ID:          "pr1",
		OrgID:       "o1",
		Owner:       Owner{Kind: OwnerOrganisation, ID: "o1", Name: "正阳县熊寨镇人民政府"},
		Title:       "稻虾共养示范基地",
		Description: "建设 300 亩稻虾共养基地，需要水产养殖和农村电商人才。",
		Skills:      []Requirement{{Skill: "水产养殖", MinLevel: 3, Weight: 3}, {Skill: "电商", MinLevel: 2, Weight: 1}},
		Categories:  []person.TalentCategory{person.TalentRural},
		Forms:       []Form{PartTime, Equity},
		Region:      "411724",
		Start:       d("2026-06-01"), End: d("2027-05-31"),
		Openings: 3, Deadline: d("2026-05-20"), Visibility: Public,
	}
}

func TestProjectValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Project)
		field  string
		key    string
	}{
		{"valid", func(*Project) {}, "", ""},
		{"valid with any category", func(p *Project) { p.Categories = nil }, "", ""},
		{"valid for an enterprise outside zugong", func(p *Project) { p.Owner = Owner{Kind: OwnerEnterprise, Name: "河南某食品有限公司"} }, "", ""},
		{"refused: no skills", func(p *Project) { p.Skills = nil }, "skills", "talent.project.skills_required"},
		{"refused: too many skills", func(p *Project) { p.Skills = make([]Requirement, MaxRequirements+1) }, "skills", "talent.project.skills_too_many"},
		{"refused: a skill without a name", func(p *Project) { p.Skills[1].Skill = " " }, "skills.1.skill", "field.required"},
		{"refused: a skill named twice", func(p *Project) { p.Skills[1].Skill = " 水产养殖" }, "skills.1.skill", "talent.project.skill_duplicate"},
		{"refused: a skill name too long", func(p *Project) {
			p.Skills[0].Skill = "水产养殖水产养殖水产养殖水产养殖水产养殖水产养殖水产养殖水产养殖水产养殖水产养殖水"
		}, "skills.0.skill", "talent.project.skill_too_long"},
		{"refused: minimum level 0", func(p *Project) { p.Skills[0].MinLevel = 0 }, "skills.0.min_level", "field.person.skill_level"},
		{"refused: minimum level 6", func(p *Project) { p.Skills[0].MinLevel = 6 }, "skills.0.min_level", "field.person.skill_level"},
		{"refused: weight 4", func(p *Project) { p.Skills[1].Weight = 4 }, "skills.1.weight", "talent.project.weight"},
		{"refused: unknown category", func(p *Project) { p.Categories = []person.TalentCategory{"artist"} }, "categories.0", "field.invalid_choice"},
		{"refused: no form", func(p *Project) { p.Forms = nil }, "forms", "talent.project.forms_required"},
		{"refused: unknown form", func(p *Project) { p.Forms = []Form{"loan"} }, "forms.0", "field.invalid_choice"},
		{"refused: region not a place", func(p *Project) { p.Region = "411799" }, "region", "field.person.place"},
		{"refused: end before start", func(p *Project) { p.End = d("2026-05-31") }, "end", "talent.end_before_start"},
		{"refused: no end", func(p *Project) { p.End = civil.Date{} }, "end", "field.required"},
		{"refused: no openings", func(p *Project) { p.Openings = 0 }, "openings", "talent.project.openings_positive"},
		{"refused: no deadline", func(p *Project) { p.Deadline = civil.Date{} }, "deadline", "field.required"},
		{"refused: deadline after the end", func(p *Project) { p.Deadline = d("2027-06-01") }, "deadline", "talent.project.deadline_after_end"},
		{"refused: unknown visibility", func(p *Project) { p.Visibility = "secret" }, "visibility", "field.invalid_choice"},
		{"refused: an organisation owner without its ID", func(p *Project) { p.Owner.ID = "" }, "owner.id", "field.required"},
		{"refused: an owner without a name", func(p *Project) { p.Owner.Name = "" }, "owner.name", "field.required"},
		{"refused: no title", func(p *Project) { p.Title = "" }, "title", "field.required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validProject()
			tc.change(&p)
			wantFields(t, p.Validate(), tc.field, tc.key)
		})
	}
}

func validApplication() Application {
	return Application{ProjectID: "pr1", TalentID: "p1", Kind: Apply, Form: PartTime,
		Factors: []Factor{{Kind: Technology}}, Status: Pending, Created: d("2026-05-01")}
}

func TestApplicationValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Application, *Project)
		field  string
		key    string
		code   fault.Code
	}{
		{"valid application", func(*Application, *Project) {}, "", "", ""},
		{"valid invitation to an invitation-only project", func(a *Application, p *Project) { a.Kind, p.Visibility = Invite, InviteOnly }, "", "", ""},
		{"valid on the deadline", func(a *Application, p *Project) { a.Created = p.Deadline }, "", "", ""},
		{"refused: a form the project does not allow", func(a *Application, _ *Project) { a.Form = LeavePost }, "form", "talent.application.form_not_allowed", fault.Invalid},
		{"refused: no factor", func(a *Application, _ *Project) { a.Factors = nil }, "factors", "talent.factors_required", fault.Invalid},
		{"refused: for another project", func(a *Application, _ *Project) { a.ProjectID = "pr2" }, "project_id", "talent.application.project_mismatch", fault.Invalid},
		{"refused: already decided", func(a *Application, _ *Project) { a.Status = Accepted }, "status", "talent.application.not_pending", fault.Invalid},
		{"conflict: after the deadline", func(a *Application, p *Project) { a.Created = p.Deadline.AddDays(1) }, "", "talent.application.deadline_passed", fault.Conflict},
		{"conflict: applying to an invitation-only project", func(_ *Application, p *Project) { p.Visibility = InviteOnly }, "", "talent.application.invitation_only", fault.Conflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, p := validApplication(), validProject()
			tc.change(&a, &p)
			err := a.Validate(&p)
			if tc.code != fault.Conflict {
				wantFields(t, err, tc.field, tc.key)
				return
			}
			if fe, ok := fault.As(err); !ok || fe.Code != fault.Conflict || fe.Key != tc.key {
				t.Fatalf("got %v, want conflict %s", err, tc.key)
			}
		})
	}
}

func TestAccept(t *testing.T) {
	approval := &Approval{Approver: "张明", Date: d("2026-05-10")}
	tests := []struct {
		name    string
		change  func(*Application, *Acceptance)
		wantKey string
		start   string
	}{
		{"accepted before the project starts: engagement from the start", func(*Application, *Acceptance) {}, "", "2026-06-01"},
		{"accepted after the project started: engagement from that day", func(_ *Application, acc *Acceptance) { acc.On = d("2026-07-15") }, "", "2026-07-15"},
		{"accepted: public employee leaving the post with approval", func(a *Application, acc *Acceptance) {
			a.Form, acc.PublicEmployee, acc.Approval = LeavePost, true, approval
		}, "", "2026-06-01"},
		{"refused: public employee leaving the post without approval", func(a *Application, acc *Acceptance) {
			a.Form, acc.PublicEmployee = LeavePost, true
		}, "talent.engagement.approval_required", ""},
		{"refused: already declined", func(a *Application, _ *Acceptance) { a.Status = Declined }, "talent.application.not_pending", ""},
		{"refused: the openings are filled", func(_ *Application, acc *Acceptance) { acc.Filled = 3 }, "talent.project.full", ""},
		{"refused: for another project", func(a *Application, _ *Acceptance) { a.ProjectID = "pr2" }, "talent.application.project_mismatch", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, p := validApplication(), validProject()
			p.Forms = append(p.Forms, LeavePost)
			acc := Acceptance{On: d("2026-05-25"), Filled: 2}
			tc.change(&a, &acc)
			e, err := Accept(&a, &p, acc)
			if tc.wantKey != "" {
				fe, ok := fault.As(err)
				if !ok || (fe.Key != tc.wantKey && fe.Fields["approval"].Key != tc.wantKey) {
					t.Fatalf("got %v, want %s", err, tc.wantKey)
				}
				if a.Status == Accepted {
					t.Errorf("got status %s after a refusal, want it unchanged", a.Status)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want an engagement", err)
			}
			if e.Start.String() != tc.start || e.End != p.End || e.TalentID != "p1" || e.ProjectID != "pr1" || e.Form != a.Form || e.Status != Active {
				t.Errorf("got engagement %+v, want talent p1 in pr1 from %s to %s, active", e, tc.start, p.End)
			}
			if a.Status != Accepted || a.Decided != acc.On {
				t.Errorf("got application %s on %s, want accepted on %s", a.Status, a.Decided, acc.On)
			}
		})
	}
}

func TestDeclineAndWithdraw(t *testing.T) {
	on := d("2026-05-05")
	a := validApplication()
	if err := a.Decline(on); err != nil || a.Status != Declined || a.Decided != on {
		t.Fatalf("Decline: got %v, status %s on %s, want declined on %s", err, a.Status, a.Decided, on)
	}
	if err := a.Withdraw(on); !fault.Is(err, fault.Conflict) {
		t.Errorf("Withdraw after Decline: got %v, want a conflict", err)
	}
	b := validApplication()
	if err := b.Withdraw(on); err != nil || b.Status != Withdrawn {
		t.Errorf("Withdraw: got %v, status %s, want withdrawn", err, b.Status)
	}
}
