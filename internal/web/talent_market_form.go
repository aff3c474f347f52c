package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// MarketProjectFormView creates or edits a project of the market.
type MarketProjectFormView struct {
	Page
	ID   string
	Form Form
	// Orgs are the organisations the principal may put projects on the
	// market for: each scope where it manages talents and the units
	// directly under it.
	Orgs         []Choice
	OwnerKinds   []Choice
	Categories   []Check
	Forms        []Check
	Visibilities []Choice
	// SkillProblems are the problems of single lines of the skills box.
	SkillProblems []SkillProblem
	Others        []fault.FieldError
}

// projectFields are the fields of the project form.
var projectFields = []string{"org_id", "owner_kind", "owner_id", "owner_name", "title", "description", "skills", "categories",
	"forms", "region", "start", "end", "openings", "deadline", "visibility"}

func (s *Server) marketProjectNewForm(w http.ResponseWriter, r *http.Request) error {
	p := access.From(r.Context())
	f := formOf(url.Values{"org_id": {p.HomeOrgID}, "owner_kind": {string(talent.OwnerOrganisation)},
		"visibility": {string(talent.Internal)}, "openings": {"1"}})
	return s.renderProjectForm(w, r, http.StatusOK, "", f, nil)
}

func (s *Server) marketProjectEditForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.talent.Project(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderProjectForm(w, r, http.StatusOK, p.ID, projectForm(&p.Project), nil)
}

func (s *Server) renderProjectForm(w http.ResponseWriter, r *http.Request, status int, id string, f Form, lines []SkillProblem) error {
	ctx := r.Context()
	title := "market.page.project_new"
	if id != "" {
		title = "market.page.project_edit"
	}
	v := &MarketProjectFormView{Page: s.page(w, r, title), ID: id, Form: f,
		OwnerKinds: keyedChoices(talent.OwnerKinds, ownerKindKeys),
		Categories: keyedChecks(f, "categories", person.TalentCategories, talentCategoryKeys),
		Forms:      keyedChecks(f, "forms", talent.Forms, talentFormKeys), Visibilities: keyedChoices(talent.Visibilities, visibilityKeys),
		SkillProblems: lines, Others: f.Others(projectFields...)}
	for _, g := range access.From(ctx).Grants {
		if !g.Role.Allows(access.TalentManage) {
			continue
		}
		o, err := s.orgs.Get(ctx, g.ScopeOrgID)
		if err != nil {
			continue
		}
		v.Orgs = append(v.Orgs, Choice{Value: o.ID, Text: o.Name})
		children, err := s.orgs.List(ctx, org.Filter{ParentID: o.ID, Status: org.Active, Limit: 500, SkipTotal: true})
		if err != nil {
			return err
		}
		for _, c := range children.Items {
			v.Orgs = append(v.Orgs, Choice{Value: c.ID, Text: c.Name, Sub: true})
		}
	}
	return s.render(w, status, pageMarketProjectForm, v)
}

// projectForm fills the form from a stored project.
func projectForm(p *talent.Project) Form {
	v := url.Values{"org_id": {p.OrgID}, "owner_kind": {string(p.Owner.Kind)}, "owner_id": {p.Owner.ID},
		"owner_name": {p.Owner.Name}, "title": {p.Title}, "description": {p.Description}, "region": {p.Region},
		"start": {p.Start.String()}, "end": {p.End.String()}, "openings": {strconv.Itoa(p.Openings)},
		"deadline": {p.Deadline.String()}, "visibility": {string(p.Visibility)}, "version": {strconv.Itoa(p.Version)}}
	for _, c := range p.Categories {
		v.Add("categories", string(c))
	}
	for _, fm := range p.Forms {
		v.Add("forms", string(fm))
	}
	lines := make([]string, len(p.Skills))
	for i, rq := range p.Skills {
		lines[i] = rq.Skill + " " + strconv.Itoa(rq.MinLevel) + " " + strconv.Itoa(rq.Weight)
	}
	v.Set("skills", strings.Join(lines, "\n"))
	return formOf(v)
}

func (s *Server) marketProjectCreate(w http.ResponseWriter, r *http.Request) error {
	return s.marketProjectSave(w, r, "")
}

func (s *Server) marketProjectUpdate(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.talent.Project(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	return s.marketProjectSave(w, r, r.PathValue("id"))
}

func (s *Server) marketProjectSave(w http.ResponseWriter, r *http.Request, id string) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	p, lines := readProject(&f)
	p.ID = id
	if !f.OK() {
		// Show the rules' problems too, not only what could not be read.
		absorbRenamed(&f, p.Validate(), projectField)
	} else {
		saved, err := s.talent.SaveProject(r.Context(), p)
		if err == nil {
			s.setFlash(w, "flash.market.project_saved")
			return redirect(w, r, projectURL(saved.ID))
		}
		if !absorbRenamed(&f, err, projectField) {
			return err
		}
		problems := skillLineProblems(&f, lines)
		return s.renderProjectForm(w, r, f.Status(err), id, f, problems)
	}
	problems := skillLineProblems(&f, lines)
	return s.renderProjectForm(w, r, http.StatusUnprocessableEntity, id, f, problems)
}

// projectField names the form field of a problem the domain reports about
// a project: the owner's fields by their form names, one category or form
// beside its checkboxes. A requirement's problems keep their names, for
// skillLineProblems.
func projectField(name string) string {
	if field, ok := strings.CutPrefix(name, "owner."); ok {
		return "owner_" + field
	}
	for _, box := range []string{"categories", "forms"} {
		if strings.HasPrefix(name, box+".") {
			return box
		}
	}
	return name
}

// readProject reads the project form; a value that cannot be read is a
// problem of its field. It returns, for each requirement read, the line
// of the skills box it came from.
func readProject(f *Form) (*talent.Project, []int) {
	p := &talent.Project{OrgID: f.Get("org_id"), Title: f.Get("title"), Description: f.Get("description"),
		Owner:  talent.Owner{Kind: talent.OwnerKind(f.Get("owner_kind")), ID: f.Get("owner_id"), Name: f.Get("owner_name")},
		Region: f.Get("region"), Visibility: talent.Visibility(f.Get("visibility"))}
	p.Version, _ = strconv.Atoi(f.Get("version"))
	for _, c := range f.Values["categories"] {
		p.Categories = append(p.Categories, person.TalentCategory(c))
	}
	for _, fm := range f.Values["forms"] {
		p.Forms = append(p.Forms, talent.Form(fm))
	}
	p.Start = f.Date("start")
	p.End = f.Date("end")
	p.Deadline = f.Date("deadline")
	if o := f.Get("openings"); o != "" {
		n, err := strconv.Atoi(o)
		if err != nil {
			f.Add("openings", "market.project.openings_format")
		}
		p.Openings = n
	}
	var lines []int
	p.Skills, lines = readRequirements(f)
	return p, lines
}

// readRequirements reads the skills box, one requirement a line: the
// skill's name, the least level and the weight, as in "水产养殖 3 2". A
// line that is not one is a problem of the box naming the line.
func readRequirements(f *Form) ([]talent.Requirement, []int) {
	var rs []talent.Requirement
	var lines []int
	sep := func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '，' || r == '、' }
	for i, line := range strings.Split(f.Raw("skills"), "\n") {
		parts := strings.FieldsFunc(line, sep)
		if len(parts) == 0 {
			continue
		}
		n := len(parts)
		if n < 3 {
			f.Add("skills", "market.project.skill_line", i+1)
			continue
		}
		level, lerr := strconv.Atoi(parts[n-2])
		weight, werr := strconv.Atoi(parts[n-1])
		if lerr != nil || werr != nil {
			f.Add("skills", "market.project.skill_line", i+1)
			continue
		}
		rs = append(rs, talent.Requirement{Skill: strings.Join(parts[:n-2], " "), MinLevel: level, Weight: weight})
		lines = append(lines, i+1)
	}
	return rs, lines
}

// SkillProblem is a problem of one line of a project's skills box.
type SkillProblem struct {
	Line int
	Err  fault.FieldError
}

// skillLineProblems moves the domain's problems of single requirements
// (skills.N.x) out of f, each with the line it was read from, so that the
// one skills box lists them by line.
func skillLineProblems(f *Form, lines []int) []SkillProblem {
	var out []SkillProblem
	for k, v := range f.Errors {
		rest, ok := strings.CutPrefix(k, "skills.")
		if !ok {
			continue
		}
		n, _, _ := strings.Cut(rest, ".")
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 || i >= len(lines) {
			continue
		}
		delete(f.Errors, k)
		out = append(out, SkillProblem{Line: lines[i], Err: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Err.Key < out[j].Err.Key
	})
	if len(out) > 0 {
		f.Add("skills", "market.project.skill_lines")
	}
	return out
}
