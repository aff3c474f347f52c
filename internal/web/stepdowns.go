package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/org"
	"zugong/internal/selection"
)

// Stepdowns records leaders stepping down from their posts (能下) and
// lists the cases; the store's SelectionService implements it. The rules
// are the domain's (selection.Stepdown.Validate, selection.Routes): the
// surface reads the form into a case and shows what the service answers.
type Stepdowns interface {
	// RecordStepdown records a case and ends the post in the leader's
	// dossier.
	RecordStepdown(ctx context.Context, d selection.Stepdown) (*selection.Stepdown, error)
	// Stepdowns lists the cases in scope, or those of the subtree of under.
	Stepdowns(ctx context.Context, under string) ([]selection.StepdownListed, error)
}

// The pages of 能下.
const (
	pageStepdowns   = "stepdown_list"
	pageStepdownNew = "stepdown_new"
)

// The 能下 pages register themselves here, beside their handlers.
// stepdownRoutes adds the 能下 pages to the route table, each with the
// permission it needs; the service checks each leader against the scope.
func (s *Server) stepdownRoutes(rt *gate.Router) {
	rt.Handle("GET /stepdowns", access.SelectionRead, s.stepdownList)
	rt.Handle("GET /stepdowns/new", access.SelectionManage, s.stepdownNewForm)
	rt.Handle("POST /stepdowns", access.SelectionManage, s.stepdownCreate)
}

// The reasons and routes in the order the form offers them.
var (
	reasonOrder = []selection.Reason{selection.RetirementAge, selection.TermEnd, selection.Accountability, selection.Unsuited}
	routeOrder  = []selection.Route{selection.Moved, selection.RankChanged, selection.Removed, selection.Demoted}
)

func reasonKey(r selection.Reason) string { return "selection.reason." + string(r) }

func routeKey(r selection.Route) string { return "selection.route." + string(r) }

// StepdownsView lists the 能下 cases in scope.
type StepdownsView struct {
	Page
	Filter Form
	Rows   []StepdownRow
	// Under is the organisation whose subtree the listing is limited to;
	// UnderClear is the listing without that limit.
	Under      *org.Org
	UnderClear string
	CanManage  bool
}

// StepdownRow is one case in words.
type StepdownRow struct {
	selection.StepdownListed
	ReasonKey, RouteKey string
	OrganName           string
}

func (s *Server) stepdownList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f := formOf(r.URL.Query())
	v := &StepdownsView{Page: s.page(w, r, "stepdown.page.list"), Filter: f, CanManage: access.From(ctx).Has(access.SelectionManage)}
	if id := f.Get("under"); id != "" {
		o, err := s.orgs.Get(ctx, id)
		if err == nil {
			err = access.Check(access.From(ctx), access.SelectionRead, o.Path)
		}
		switch {
		case err == nil:
			v.Under, v.UnderClear = o, "/stepdowns"
		case fault.CodeOf(err) == fault.NotFound:
			v.Filter.Add("under", "error.not_found")
			return s.render(w, http.StatusUnprocessableEntity, pageStepdowns, v)
		default:
			return err
		}
	}
	list, err := s.stepdowns.Stepdowns(ctx, f.Get("under"))
	if err != nil {
		return err
	}
	names := s.orgNames(ctx)
	for _, l := range list {
		v.Rows = append(v.Rows, StepdownRow{StepdownListed: l, ReasonKey: reasonKey(l.Reason), RouteKey: routeKey(l.Route),
			OrganName: names(l.Organ)})
	}
	return s.render(w, http.StatusOK, pageStepdowns, v)
}

// StepdownNewView is the form that records a 能下 case.
type StepdownNewView struct {
	Page
	Form Form
	// PersonName names the leader the form is for, when the principal may
	// see them; Posts are the leader's current posts, one of which is left.
	// Without a leader the post is typed.
	PersonName string
	Posts      []string
	Reasons    []Choice
	Routes     []Choice
	// Allowed is the table of the routes each reason allows.
	Allowed []ReasonRoutes
	Organs  []org.Org
	// Others are problems of fields the form does not show.
	Others []fault.FieldError
}

// ReasonRoutes is one row of the table of routes: a reason and, for each
// route in the order of StepdownNewView.Routes, whether it is allowed.
type ReasonRoutes struct {
	Key     string
	Allowed []bool
}

// stepdownFields are the fields of the form, named as the domain names
// them. "by" is not among them: the service records the signed-in user.
var stepdownFields = append([]string{"person_id", "post", "reason", "route", "new_post", "reason_date", "basis",
	"accountability_ref"}, recordFields...)

func (s *Server) stepdownNewForm(w http.ResponseWriter, r *http.Request) error {
	f := formOf(url.Values{"person_id": {r.URL.Query().Get("person")}})
	return s.renderStepdownNew(w, r, http.StatusOK, f)
}

// renderStepdownNew shows the form with f. A leader the principal may not
// see is not kept: the field says it was not found.
func (s *Server) renderStepdownNew(w http.ResponseWriter, r *http.Request, status int, f Form) error {
	ctx := r.Context()
	v := &StepdownNewView{Page: s.page(w, r, "stepdown.page.new")}
	unit := ""
	if id := f.Get("person_id"); id != "" && !f.Invalid("person_id") {
		d, err := s.people.Get(ctx, id)
		switch {
		case err == nil:
			v.PersonName, unit = d.Person.Name, d.Person.OrgID
			if d.Cadre != nil {
				for _, p := range d.Cadre.Posts {
					if p.Current && !slices.Contains(v.Posts, p.Title) {
						v.Posts = append(v.Posts, p.Title)
					}
				}
			}
		case fault.CodeOf(err) == fault.NotFound:
			f.Add("person_id", "error.not_found")
			status = http.StatusUnprocessableEntity
		default:
			return err
		}
	}
	if e := f.Err("person_id"); e != nil && e.Key == "error.not_found" {
		f.Values.Del("person_id")
	}
	for _, rs := range reasonOrder {
		v.Reasons = append(v.Reasons, Choice{Value: string(rs), Key: reasonKey(rs)})
		row := ReasonRoutes{Key: reasonKey(rs)}
		for _, rt := range routeOrder {
			row.Allowed = append(row.Allowed, slices.Contains(selection.Routes(rs), rt))
		}
		v.Allowed = append(v.Allowed, row)
	}
	for _, rt := range routeOrder {
		v.Routes = append(v.Routes, Choice{Value: string(rt), Key: routeKey(rt)})
	}
	organs, err := s.organs(ctx, unit)
	if err != nil {
		return err
	}
	v.Organs = organs
	v.Form, v.Others = f, f.Others(stepdownFields...)
	return s.render(w, status, pageStepdownNew, v)
}

func (s *Server) stepdownCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	d := selection.Stepdown{PersonID: f.Get("person_id"), Post: f.Get("post"), Reason: selection.Reason(f.Get("reason")),
		Route: selection.Route(f.Get("route")), NewPost: f.Get("new_post"), Record: recordOf(&f),
		ReasonDate: f.Date("reason_date"), Basis: f.Get("basis"), AccountabilityRef: f.Get("accountability_ref")}
	if !f.OK() {
		// A date could not be read: check the rest too, so that every
		// problem shows at once. Who records is the service's to say.
		s.absorbSelection(&f, r, nil, nil, d.Validate())
		delete(f.Errors, "by")
		return s.renderStepdownNew(w, r, http.StatusUnprocessableEntity, f)
	}
	if _, err := s.stepdowns.RecordStepdown(r.Context(), d); err != nil {
		if !s.absorbSelection(&f, r, nil, nil, err) {
			return err
		}
		return s.renderStepdownNew(w, r, f.Status(err), f)
	}
	s.setFlash(w, "flash.stepdown_recorded")
	return redirect(w, r, "/stepdowns")
}
