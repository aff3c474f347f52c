package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/quality"
	"zugong/internal/selection"
)

// Selections is the selection and appointment workflow (选拔任用) as the
// HTML surface uses it; the store's SelectionService implements it. Every
// rule is the domain's: the surface reads forms into steps and shows what
// the service answers.
type Selections interface {
	List(ctx context.Context, under string, stage selection.Stage) ([]selection.Selection, error)
	Get(ctx context.Context, id string) (*selection.Selection, error)
	// Open records the motion (动议) of a new selection for post in orgID.
	Open(ctx context.Context, orgID, post string, m selection.Motion) (*selection.Selection, error)
	Apply(ctx context.Context, id string, step selection.Step) (*selection.Selection, error)
	Object(ctx context.Context, id string, o selection.Objection) (*selection.Selection, error)
	Resolve(ctx context.Context, id, objectionID, finding string, upheld bool, on civil.Date) (*selection.Selection, error)
	// DossierFindings is the registry's data-quality check of each
	// candidate recommended, by person ID.
	DossierFindings(ctx context.Context, id string) (map[string][]quality.Finding, error)
}

// The pages of the selection workflow.
const (
	pageSelections      = "selections"
	pageSelectionNew    = "selection_new"
	pageSelection       = "selection"
	pageSelectionNotice = "selection_notice"
)

// SelectionsView lists the selections in scope, filtered by stage.
type SelectionsView struct {
	Page
	Stages    []StageTab
	Rows      []SelectionRow
	CanManage bool
}

// StageTab filters the listing by one stage; the first tab is every stage.
type StageTab struct {
	Key     string
	Count   int
	URL     string
	Current bool
}

// SelectionRow is one selection in the listing.
type SelectionRow struct {
	ID       string
	Post     string
	OrgName  string
	StageKey string
	// Last is the date of the last step recorded.
	Last civil.Date
	// Warning is a catalog key to flag the row with: a probation ending.
	Warning string
}

func (s *Server) selectionList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	want := selection.Stage(r.URL.Query().Get("stage"))
	if want != "" && !slices.Contains(selection.Stages, want) {
		want = ""
	}
	all, err := s.selections.List(ctx, "", "")
	if err != nil {
		return err
	}
	v := &SelectionsView{Page: s.page(w, r, "selection.page.list"), CanManage: access.From(ctx).Has(access.SelectionManage)}
	counts := map[selection.Stage]int{}
	for i := range all {
		counts[all[i].Stage()]++
	}
	v.Stages = append(v.Stages, StageTab{Key: "selection.all_stages", Count: len(all), URL: "/selections", Current: want == ""})
	for _, st := range selection.Stages {
		v.Stages = append(v.Stages, StageTab{Key: st.Key(), Count: counts[st], URL: "/selections?" + url.Values{"stage": {string(st)}}.Encode(),
			Current: st == want})
	}
	names := s.orgNames(ctx)
	today := civil.Today(shanghai)
	for i := range all {
		sel := &all[i]
		if want != "" && sel.Stage() != want {
			continue
		}
		row := SelectionRow{ID: sel.ID, Post: sel.Post, OrgName: names(sel.OrgID), StageKey: sel.Stage().Key(), Last: lastDate(sel)}
		if probationDue(sel, today, s.probationWarnDays) {
			row.Warning = "selection.probation_due"
		}
		v.Rows = append(v.Rows, row)
	}
	return s.render(w, http.StatusOK, pageSelections, v)
}

// lastDate is the date of the last step a selection recorded.
func lastDate(sel *selection.Selection) civil.Date {
	steps := timeline(sel)
	if len(steps) == 0 {
		return civil.Date{}
	}
	return steps[len(steps)-1].Date
}

// probationDue reports whether an appointee's probation ends within
// warnDays, or has ended, with no review recorded.
func probationDue(sel *selection.Selection, today civil.Date, warnDays int) bool {
	if sel.Appointment == nil || sel.Probation != nil {
		return false
	}
	for _, a := range sel.Appointment.Appointees {
		if a.Probation && !today.Before(a.ProbationWarning(warnDays)) {
			return true
		}
	}
	return false
}

// SelectionNewView is the form of a motion (动议) that opens a selection.
type SelectionNewView struct {
	Page
	Form   Form
	Units  []org.Org
	Organs []org.Org
	Others []fault.FieldError
}

// motionFields are the fields the motion form shows.
var motionFields = append([]string{"org_id", "post", "work_plan", "posts", "approved", "occupied"}, recordFields...)

// recordFields are the fields of the Record every step keeps. "by" is not
// among them: the service records the signed-in user.
var recordFields = []string{"date", "organ", "reference"}

// unitKinds are the kinds of organisation whose posts the motion form
// offers; any organisation's ID may be typed.
var unitKinds = []org.Kind{org.Township, org.Subdistrict, org.PartyCommittee, org.Office, org.Institution}

func (s *Server) selectionNewForm(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := formOf(url.Values{"org_id": {q.Get("org_id")}, "date": {civil.Today(shanghai).String()}, "posts": {"1"}})
	return s.renderSelectionNew(w, r, http.StatusOK, f)
}

func (s *Server) renderSelectionNew(w http.ResponseWriter, r *http.Request, status int, f Form) error {
	ctx := r.Context()
	v := &SelectionNewView{Page: s.page(w, r, "selection.page.new"), Form: f, Others: f.Others(motionFields...)}
	seen := map[string]bool{}
	for _, k := range unitKinds {
		page, err := s.orgs.List(ctx, org.Filter{Kind: k, Status: org.Active, Sort: org.SortPath, Limit: 200, SkipTotal: true})
		if err != nil {
			return err
		}
		for _, o := range page.Items {
			if !seen[o.ID] {
				seen[o.ID] = true
				v.Units = append(v.Units, o)
			}
		}
	}
	organs, err := s.organs(ctx, f.Get("org_id"))
	if err != nil {
		return err
	}
	v.Organs = organs
	return s.render(w, status, pageSelectionNew, v)
}

// organs lists the bodies a step may name as its organ: the unit and the
// organisations above it, and the party committees directly under the
// jurisdiction's root (县委), which decide on appointments.
func (s *Server) organs(ctx context.Context, unitID string) ([]org.Org, error) {
	var out []org.Org
	if unitID != "" {
		if unit, err := s.orgs.Get(ctx, unitID); err == nil {
			ancestors, err := s.orgs.Ancestors(ctx, unit.ID)
			if err != nil {
				return nil, err
			}
			out = append(ancestors, *unit)
		}
	}
	p := access.From(ctx)
	var roots []string
	for _, g := range p.Grants {
		if g.JurisdictionID != "" && !slices.Contains(roots, g.JurisdictionID) {
			roots = append(roots, g.JurisdictionID)
		}
	}
	for _, root := range roots {
		page, err := s.orgs.List(ctx, org.Filter{ParentID: root, Kind: org.PartyCommittee, Limit: 20, SkipTotal: true})
		if fault.Is(err, fault.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
	}
	if len(out) == 0 {
		for _, root := range roots {
			if o, err := s.orgs.Get(ctx, root); err == nil {
				out = append(out, *o)
			}
		}
	}
	seen := map[string]bool{}
	return slices.DeleteFunc(out, func(o org.Org) bool {
		dup := seen[o.ID]
		seen[o.ID] = true
		return dup
	}), nil
}

func (s *Server) selectionCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	m := motionOf(&f)
	if !f.OK() {
		return s.renderSelectionNew(w, r, http.StatusUnprocessableEntity, f)
	}
	sel, err := s.selections.Open(r.Context(), f.Get("org_id"), f.Get("post"), m)
	if err != nil {
		if !s.absorbSelection(&f, r, nil, nil, err) {
			return err
		}
		return s.renderSelectionNew(w, r, f.Status(err), f)
	}
	s.setFlash(w, "flash.selection_opened")
	return redirect(w, r, "/selections/"+url.PathEscape(sel.ID))
}
