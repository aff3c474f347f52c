package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/org"
	"zugong/internal/person"
)

// pageAppraisalEditor creates a scheme or saves the next version of one.
const pageAppraisalEditor = "appraisal_editor"

// The editor registers its page beside its handlers, as the talent pages
// do (talent.go).
// schemeEditorRoutes are the routes of the scheme editor. A saved change is
// a new version of the scheme: published rankings keep naming the version
// they used.
func (s *Server) schemeEditorRoutes(rt *gate.Router) {
	rt.Handle("GET /appraisal/new", access.AppraisalManage, s.schemeNewForm)
	rt.Handle("POST /appraisal", access.AppraisalManage, s.schemeCreate)
	rt.Handle("GET /appraisal/{id}/edit", access.AppraisalManage, s.schemeEditForm)
	rt.Handle("POST /appraisal/{id}", access.AppraisalManage, s.schemeRevise)
}

// SchemeEditorView is the form of a new scheme (ID empty) or of the next
// version of scheme ID, whose latest version is Version.
type SchemeEditorView struct {
	Page
	ID      string
	Version int
	Form    Form
	// Orgs are the organisations the principal may own schemes for: each
	// scope where it manages appraisal and the units directly under it.
	Orgs   []Choice
	Groups []Choice
	Lists  []SchemeTable
	Others []fault.FieldError
}

// NextVersion is the version the form saves.
func (v *SchemeEditorView) NextVersion() int { return v.Version + 1 }

// SchemeTable is one list of a scheme as rows of cells.
type SchemeTable struct {
	// List names the list (indicators, bonuses …): the element ID of its
	// table and the field of its problems as a whole.
	List    string
	Title   string
	Hint    string
	Columns []string
	Rows    [][]SchemeCell
}

// SchemeCell is one field of a row: a select when it has options.
type SchemeCell struct {
	Name    string
	Label   string
	Value   string
	Options []Choice
	Numeric bool
	Wide    bool
	Err     *fault.FieldError
}

// schemeColumn is a column of a list's table.
type schemeColumn struct {
	field   string
	label   string
	options []Choice
	numeric bool
	wide    bool
}

// The closed sets of package appraisal the form offers, with their
// catalog keys.
var (
	orientationKeys = map[appraisal.Orientation]string{
		appraisal.OrientDevelopment:  "appraisal.orientation.development",
		appraisal.OrientProjects:     "appraisal.orientation.projects",
		appraisal.OrientInvestment:   "appraisal.orientation.investment",
		appraisal.OrientContribution: "appraisal.orientation.contribution",
		appraisal.OrientDe:           "appraisal.orientation.de",
		appraisal.OrientNeng:         "appraisal.orientation.neng",
		appraisal.OrientQin:          "appraisal.orientation.qin",
		appraisal.OrientJi:           "appraisal.orientation.ji",
		appraisal.OrientLian:         "appraisal.orientation.lian",
	}
	orientationOrder = []appraisal.Orientation{appraisal.OrientDevelopment, appraisal.OrientProjects, appraisal.OrientInvestment,
		appraisal.OrientContribution, appraisal.OrientDe, appraisal.OrientNeng, appraisal.OrientQin, appraisal.OrientJi,
		appraisal.OrientLian}
	directionKeys = map[appraisal.Direction]string{
		appraisal.HigherBetter: "appraisal.direction.higher",
		appraisal.LowerBetter:  "appraisal.direction.lower",
	}
	methodKeys = map[appraisal.Method]string{
		appraisal.Linear: "appraisal.method.linear",
		appraisal.Banded: "appraisal.method.bands",
		appraisal.Ranked: "appraisal.method.rank",
	}
	measureKeys = map[appraisal.Measure]string{
		appraisal.MeasureProjectInvestment: "appraisal.measure.project_investment",
		appraisal.MeasureProjectProgress:   "appraisal.measure.project_progress",
		appraisal.MeasureProjectsCompleted: "appraisal.measure.projects_completed",
		appraisal.MeasureDealsSigned:       "appraisal.measure.deals_signed",
		appraisal.MeasureFundsInPlace:      "appraisal.measure.funds_in_place",
		appraisal.MeasureAwards:            "appraisal.measure.awards",
		appraisal.MeasureCasesClosed:       "appraisal.measure.cases_closed",
		appraisal.MeasureAssessment:        "appraisal.measure.assessment",
		appraisal.MeasureSanctions:         "appraisal.measure.sanctions",
		appraisal.MeasureAccountability:    "appraisal.measure.accountability",
	}
	measureOrder = []appraisal.Measure{appraisal.MeasureProjectInvestment, appraisal.MeasureProjectProgress,
		appraisal.MeasureProjectsCompleted, appraisal.MeasureDealsSigned, appraisal.MeasureFundsInPlace, appraisal.MeasureAwards,
		appraisal.MeasureCasesClosed, appraisal.MeasureAssessment, appraisal.MeasureSanctions, appraisal.MeasureAccountability}
	groupKeys = map[appraisal.Group]string{
		appraisal.GroupTownshipLeaders:  "appraisal.group.township_leaders",
		appraisal.GroupDepartmentHeads:  "appraisal.group.department_heads",
		appraisal.GroupTownshipDeputies: "appraisal.group.township_deputies",
	}
	groupOrder = []appraisal.Group{appraisal.GroupTownshipLeaders, appraisal.GroupDepartmentHeads, appraisal.GroupTownshipDeputies}
	// A veto caps the annual grade below 优秀.
	vetoCaps = []person.AssessmentGrade{person.GradeCompetent, person.GradeBasic, person.GradeIncompetent}
)

// choicesOf lists values with their keys, after an empty choice when
// choose is set.
func choicesOf[T ~string](values []T, keys map[T]string, choose bool) []Choice {
	var out []Choice
	if choose {
		out = append(out, Choice{Value: "", Key: "common.choose"})
	}
	for _, v := range values {
		out = append(out, Choice{Value: string(v), Key: keys[v]})
	}
	return out
}

// schemeColumns are the columns of each list.
func schemeColumns() map[string][]schemeColumn {
	kinds := []Choice{{Value: "", Key: "common.choose"}}
	for _, k := range appraisal.Kinds() {
		kinds = append(kinds, Choice{Value: string(k), Key: "appraisal.kind." + string(k)})
	}
	caps := []Choice{{Value: "", Key: "common.choose"}}
	for _, g := range vetoCaps {
		caps = append(caps, Choice{Value: string(g), Key: "people.grade." + string(g)})
	}
	item := []schemeColumn{{field: "code", label: "appraisal.web.code"}, {field: "name", label: "appraisal.editor.row_name", wide: true},
		{field: "kind", label: "appraisal.web.kind", options: kinds}, {field: "class", label: "appraisal.web.class"},
		{field: "per", label: "appraisal.editor.per", numeric: true}, {field: "cap", label: "appraisal.editor.cap", numeric: true}}
	return map[string][]schemeColumn{
		listIndicators: {{field: "code", label: "appraisal.web.code"}, {field: "name", label: "appraisal.editor.row_name", wide: true},
			{field: "orientation", label: "appraisal.editor.orientation", options: choicesOf(orientationOrder, orientationKeys, true)},
			{field: "weight", label: "appraisal.editor.weight", numeric: true}, {field: "unit", label: "appraisal.editor.unit"},
			{field: "direction", label: "appraisal.editor.direction",
				options: choicesOf([]appraisal.Direction{appraisal.HigherBetter, appraisal.LowerBetter}, directionKeys, false)},
			{field: "method", label: "appraisal.editor.method",
				options: choicesOf([]appraisal.Method{appraisal.Linear, appraisal.Banded, appraisal.Ranked}, methodKeys, false)},
			{field: "target", label: "appraisal.editor.target", numeric: true}, {field: "zero", label: "appraisal.editor.zero", numeric: true},
			{field: "bands", label: "appraisal.editor.bands", wide: true},
			{field: "measure", label: "appraisal.editor.measure", options: choicesOf(measureOrder, measureKeys, true)},
			{field: "class", label: "appraisal.web.class"}},
		listBonuses:    item,
		listDeductions: item,
		listVetoes: {{field: "code", label: "appraisal.web.code"}, {field: "name", label: "appraisal.editor.row_name", wide: true},
			{field: "kind", label: "appraisal.web.kind", options: kinds}, {field: "class", label: "appraisal.web.class"},
			{field: "cap", label: "appraisal.editor.veto_cap", options: caps}},
	}
}

// schemeTableTitles are the title and hint keys of each list.
var schemeTableTitles = map[string][2]string{
	listIndicators: {"appraisal.editor.indicators", "appraisal.editor.indicators_hint"},
	listBonuses:    {"appraisal.editor.bonuses", "appraisal.editor.items_hint"},
	listDeductions: {"appraisal.editor.deductions", "appraisal.editor.items_hint"},
	listVetoes:     {"appraisal.editor.vetoes", "appraisal.editor.vetoes_hint"},
}

// schemeTables lays the lists of f out as rows of cells, and returns the
// names of the fields they show.
func schemeTables(f Form) ([]SchemeTable, []string) {
	cols := schemeColumns()
	shown := append([]string{"version"}, schemeFields...)
	var out []SchemeTable
	for _, list := range schemeLists {
		t := SchemeTable{List: list, Title: schemeTableTitles[list][0], Hint: schemeTableTitles[list][1]}
		shown = append(shown, list)
		for _, c := range cols[list] {
			t.Columns = append(t.Columns, c.label)
		}
		for n := range schemeRows(f, list) {
			row := make([]SchemeCell, len(cols[list]))
			for i, c := range cols[list] {
				name := schemeRowField(list, n, c.field)
				row[i] = SchemeCell{Name: name, Label: c.label, Value: f.Get(name), Options: c.options, Numeric: c.numeric,
					Wide: c.wide, Err: f.Err(name)}
				shown = append(shown, name)
			}
			t.Rows = append(t.Rows, row)
		}
		out = append(out, t)
	}
	return out, shown
}

func (s *Server) schemeNewForm(w http.ResponseWriter, r *http.Request) error {
	orgs, err := s.schemeOrgs(r.Context())
	if err != nil {
		return err
	}
	v := url.Values{}
	if len(orgs) > 0 {
		v.Set("org", orgs[0].Value)
	}
	return s.renderSchemeEditor(w, r, http.StatusOK, nil, formOf(v))
}

// schemeEditForm shows the latest version of the scheme, owned by the
// organisation that owns it now.
func (s *Server) schemeEditForm(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.appraisal.Scheme(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	owner, err := s.appraisal.SchemeOrg(r.Context(), sc.ID)
	if err != nil {
		return err
	}
	f := schemeForm(sc)
	f.Values.Set("org", owner)
	return s.renderSchemeEditor(w, r, http.StatusOK, sc, f)
}

// renderSchemeEditor shows the form with f: for a new scheme when latest is
// nil, else for the next version of latest.
func (s *Server) renderSchemeEditor(w http.ResponseWriter, r *http.Request, status int, latest *appraisal.Scheme, f Form) error {
	orgs, err := s.schemeOrgs(r.Context())
	if err != nil {
		return err
	}
	title := "page.appraisal_editor_new"
	if latest != nil {
		title = "page.appraisal_editor_edit"
	}
	v := &SchemeEditorView{Page: s.page(w, r, title), Form: f, Orgs: orgs, Groups: choicesOf(groupOrder, groupKeys, false)}
	if latest != nil {
		v.ID, v.Version, v.Subject = latest.ID, latest.Version, latest.Name
	}
	var shown []string
	v.Lists, shown = schemeTables(f)
	v.Others = f.Others(shown...)
	return s.render(w, status, pageAppraisalEditor, v)
}

// schemeOrgs lists the organisations the principal may own schemes for.
func (s *Server) schemeOrgs(ctx context.Context) ([]Choice, error) {
	var out []Choice
	seen := map[string]bool{}
	add := func(c Choice) {
		if !seen[c.Value] {
			seen[c.Value] = true
			out = append(out, c)
		}
	}
	for _, g := range access.From(ctx).Grants {
		if !g.Role.Allows(access.AppraisalManage) {
			continue
		}
		o, err := s.orgs.Get(ctx, g.ScopeOrgID)
		if fault.Is(err, fault.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		add(Choice{Value: o.ID, Text: o.Name})
		children, err := s.orgs.List(ctx, org.Filter{ParentID: o.ID, Status: org.Active, Limit: 500, SkipTotal: true})
		if err != nil {
			return nil, err
		}
		for _, c := range children.Items {
			add(Choice{Value: c.ID, Text: c.Name, Sub: true})
		}
	}
	return out, nil
}

func (s *Server) schemeCreate(w http.ResponseWriter, r *http.Request) error {
	return s.schemeSave(w, r, nil)
}

// schemeRevise saves the next version of the scheme. A form made from an
// older version than the latest is shown again with the latest version
// named, so that a colleague's version is not replaced unseen; saving it
// once more is then deliberate.
func (s *Server) schemeRevise(w http.ResponseWriter, r *http.Request) error {
	latest, err := s.appraisal.Scheme(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.schemeSave(w, r, latest)
}

func (s *Server) schemeSave(w http.ResponseWriter, r *http.Request, latest *appraisal.Scheme) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	sc, rows := readScheme(&f)
	orgID := f.Get("org")
	if orgID == "" {
		f.Add("org", "field.required")
	}
	if latest != nil {
		sc.ID = latest.ID
		if f.Get("version") != strconv.Itoa(latest.Version) {
			f.Error = &Message{Key: "appraisal.editor.stale", Args: []any{latest.Version}}
			f.Values.Set("version", strconv.Itoa(latest.Version))
			return s.renderSchemeEditor(w, r, http.StatusConflict, latest, f)
		}
	}
	if !f.OK() {
		checkScheme(&f, sc, rows)
		return s.renderSchemeEditor(w, r, http.StatusUnprocessableEntity, latest, f)
	}
	saved, err := s.appraisal.SaveScheme(r.Context(), orgID, sc)
	if err != nil {
		if !absorbScheme(&f, err, rows) {
			return err
		}
		return s.renderSchemeEditor(w, r, f.Status(err), latest, f)
	}
	s.setFlash(w, "flash.appraisal.scheme_saved")
	return redirect(w, r, "/appraisal/"+url.PathEscape(saved.ID))
}
