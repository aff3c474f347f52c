package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"zugong/internal/access"
	"zugong/internal/codes"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// The pages of the project market (项目市场) and of a talent's own pages.
const (
	pageMarketProjects    = "market_projects"
	pageMarketProjectForm = "market_project_form"
	pageMarketProject     = "market_project"
	pageMeTalent          = "me_talent"
	pageMeMarket          = "me_market"
)

// The market pages register themselves beside their handlers, as the
// staff's talent pages do (talent.go).
// marketRoutes are the routes of the project market for staff, and of the
// self-service pages where a signed-in talent keeps their profile, applies
// to projects, answers invitations and reports services. The store checks
// each record against the principal's scope, and a talent's records
// against their PersonID.
func (s *Server) marketRoutes(rt *gate.Router) {
	rt.Handle("GET /talent/projects", access.TalentRead, s.marketProjects)
	rt.Handle("GET /talent/projects/new", access.TalentManage, s.marketProjectNewForm)
	rt.Handle("POST /talent/projects", access.TalentManage, s.marketProjectCreate)
	rt.Handle("GET /talent/projects/{id}", access.TalentRead, s.marketProject)
	rt.Handle("GET /talent/projects/{id}/edit", access.TalentManage, s.marketProjectEditForm)
	rt.Handle("POST /talent/projects/{id}", access.TalentManage, s.marketProjectUpdate)
	rt.Handle("POST /talent/projects/{id}/invitations", access.TalentManage, s.marketInvite)
	// The owner answers applications and withdraws its own invitations.
	rt.Handle("POST /talent/applications/{id}/accept", access.TalentManage, s.marketAccept)
	rt.Handle("POST /talent/applications/{id}/decline", access.TalentManage, s.marketDecline)
	rt.Handle("POST /talent/applications/{id}/withdraw", access.TalentManage, s.marketWithdraw)

	rt.Handle("GET /me/talent", access.TalentSelf, s.meTalent)
	rt.Handle("POST /me/talent", access.TalentSelf, s.meTalentSave)
	rt.Handle("GET /me/market", access.TalentSelf, s.meMarket)
	rt.Handle("POST /me/market/{id}/apply", access.TalentSelf, s.meApply)
	// The talent answers invitations and withdraws their own applications.
	rt.Handle("POST /me/applications/{id}/accept", access.TalentSelf, s.meAccept)
	rt.Handle("POST /me/applications/{id}/decline", access.TalentSelf, s.meDecline)
	rt.Handle("POST /me/applications/{id}/withdraw", access.TalentSelf, s.meWithdraw)
	rt.Handle("POST /me/services", access.TalentSelf, s.meServiceReport)
}

// Catalog keys of the closed sets of the project market. The forms,
// factors, service kinds and categories are named as on the staff's talent
// pages (talentFormKeys and the maps beside it).
var (
	ownerKindKeys = map[talent.OwnerKind]string{
		talent.OwnerEnterprise:   "market.owner_kind.enterprise",
		talent.OwnerOrganisation: "market.owner_kind.organisation",
	}
	visibilityKeys = map[talent.Visibility]string{
		talent.Public:     "market.visibility.public",
		talent.Internal:   "market.visibility.internal",
		talent.InviteOnly: "market.visibility.invite_only",
	}
	projectStatusKeys = map[talent.ProjectStatus]string{
		talent.ProjectOpen:   "market.project_status.open",
		talent.ProjectClosed: "market.project_status.closed",
	}
	applicationKindKeys = map[talent.ApplicationKind]string{
		talent.Apply:  "market.application_kind.apply",
		talent.Invite: "market.application_kind.invite",
	}
	applicationStatusKeys = map[talent.ApplicationStatus]string{
		talent.Pending:   "market.application_status.pending",
		talent.Accepted:  "market.application_status.accepted",
		talent.Declined:  "market.application_status.declined",
		talent.Withdrawn: "market.application_status.withdrawn",
	}
)

// projectStatuses are the statuses the listing filters by.
var projectStatuses = []talent.ProjectStatus{talent.ProjectOpen, talent.ProjectClosed}

// MarketLabels names, for the market's pages, the values of the closed
// sets they show: {{t (index .L.Forms .Form)}}.
type MarketLabels struct {
	Forms        map[talent.Form]string
	Factors      map[talent.FactorKind]string
	Owners       map[talent.OwnerKind]string
	Visibilities map[talent.Visibility]string
	Statuses     map[talent.ProjectStatus]string
	Kinds        map[talent.ApplicationKind]string
	AppStatuses  map[talent.ApplicationStatus]string
	Services     map[talent.ServiceKind]string
	Categories   map[person.TalentCategory]string
}

var marketLabels = MarketLabels{Forms: talentFormKeys, Factors: talentFactorKeys, Owners: ownerKindKeys,
	Visibilities: visibilityKeys, Statuses: projectStatusKeys, Kinds: applicationKindKeys, AppStatuses: applicationStatusKeys,
	Services: serviceKindKeys, Categories: talentCategoryKeys}

// MarketTerms are the terms of an application or engagement in words: the
// form of taking part and the factors brought, capital in 万元.
type MarketTerms struct {
	FormKey string
	Factors []FactorText
}

// Terms names form fm and factors fs.
func (l MarketLabels) Terms(fm talent.Form, fs []talent.Factor) MarketTerms {
	t := MarketTerms{FormKey: l.Forms[fm]}
	for _, f := range fs {
		ft := FactorText{Key: l.Factors[f.Kind]}
		if f.Kind == talent.Capital {
			ft.Amount = wan(f.Amount)
		}
		t.Factors = append(t.Factors, ft)
	}
	return t
}

// marketSizes are the page sizes of the project listing.
var marketSizes = []int{20, 50, 100}

// matchCount is how many ranked talents a project page shows, and how
// many projects a talent's market page offers.
const matchCount = 20

// placeName names a GB/T 2260 code, or gives the code when the place table
// does not hold it.
func placeName(code string) string {
	if n := codes.PlaceName(code); n != "" {
		return n
	}
	return code
}

// MarketProjectsView is the listing of the project market.
type MarketProjectsView struct {
	Page
	Filter   Form
	Rows     []MarketProjectRow
	Pager    Pager
	Statuses []Choice
	// Under is the organisation whose subtree the listing is limited to;
	// UnderClear is the listing without that limit.
	Under      *org.Org
	UnderClear string
	CanManage  bool
	L          MarketLabels
}

// MarketProjectRow is a listed project with its place in words.
type MarketProjectRow struct {
	talent.ProjectListed
	Place string
}

func (s *Server) marketProjects(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, size := pageParams(q, marketSizes)
	f := formOf(q)
	tf := talent.Filter{Query: f.Get("q"), Under: f.Get("under")}
	tf.Status = string(pick(&f, "status", projectStatusKeys))
	under, err := s.marketUnder(ctx, &f, tf.Under)
	if err != nil {
		return err
	}
	lq := newListQuery("/talent/projects", q)
	v := &MarketProjectsView{Page: s.page(w, r, "market.page.projects"), Filter: f,
		Statuses: keyedChoices(projectStatuses, projectStatusKeys), Under: under, L: marketLabels,
		CanManage: access.From(ctx).Has(access.TalentManage)}
	if under != nil {
		v.UnderClear = lq.with("under", "", "page", "")
	}
	if !f.OK() {
		v.Pager = newPager(lq, 1, size, 0, nil)
		return s.render(w, http.StatusUnprocessableEntity, pageMarketProjects, v)
	}
	total, err := s.talent.CountProjects(ctx, tf)
	if err != nil {
		return err
	}
	tf.Offset, tf.Limit = (page-1)*size, size
	rows, err := s.talent.Projects(ctx, tf)
	if err != nil {
		return err
	}
	v.Pager = newPager(lq, page, size, total, marketSizes)
	for _, p := range rows {
		v.Rows = append(v.Rows, MarketProjectRow{ProjectListed: p, Place: placeName(p.Region)})
	}
	return s.render(w, http.StatusOK, pageMarketProjects, v)
}

// marketUnder reads the subtree limit of the listing: an organisation the
// principal may read talents in, else a problem beside the field.
func (s *Server) marketUnder(ctx context.Context, f *Form, id string) (*org.Org, error) {
	if id == "" {
		return nil, nil
	}
	o, err := s.orgs.Get(ctx, id)
	if err == nil {
		err = access.Check(access.From(ctx), access.TalentRead, o.Path)
	}
	switch {
	case err == nil:
		return o, nil
	case fault.CodeOf(err) == fault.NotFound || fault.CodeOf(err) == fault.Forbidden:
		f.Add("under", "error.not_found")
		return nil, nil
	default:
		return nil, err
	}
}

// MarketProjectView is one project: its facts, its applications and
// invitations with the owner's answers, and the talents that match it best
// with why, each with the form that invites them.
type MarketProjectView struct {
	Page
	P            *talent.ProjectListed
	Place        string
	Applications []talent.ApplicationListed
	Matches      []talent.TalentMatch
	CanManage    bool
	// Decision is the failed acceptance of application DecisionID, shown
	// beside its approval fields.
	Decision   Form
	DecisionID string
	// Invite is the failed invitation of talent InviteFor.
	Invite    Form
	InviteFor string
	// Forms are the forms of taking part the project allows. Factors are
	// the factor checkboxes of an invitation, InviteFactors those of the
	// failed invitation as ticked.
	Forms                  []Choice
	Factors, InviteFactors []Check
	L                      MarketLabels
}

// marketFailure is a failed form of the project page, re-rendered beside
// the record it was about.
type marketFailure struct {
	decision   Form
	decisionID string
	invite     Form
	inviteFor  string
}

func (s *Server) marketProject(w http.ResponseWriter, r *http.Request) error {
	return s.renderMarketProject(w, r, http.StatusOK, r.PathValue("id"), marketFailure{})
}

func (s *Server) renderMarketProject(w http.ResponseWriter, r *http.Request, status int, id string, fail marketFailure) error {
	ctx := r.Context()
	p, err := s.talent.Project(ctx, id)
	if err != nil {
		return err
	}
	apps, err := s.talent.Applications(ctx, talent.Filter{ProjectID: p.ID})
	if err != nil {
		return err
	}
	matches, err := s.talent.MatchTalents(ctx, p.ID, matchCount)
	if err != nil {
		return err
	}
	v := &MarketProjectView{Page: s.page(w, r, "market.page.project"), P: p, Place: placeName(p.Region), Applications: apps,
		Matches: matches, CanManage: access.From(ctx).Has(access.TalentManage),
		Decision: fail.decision, DecisionID: fail.decisionID, Invite: fail.invite, InviteFor: fail.inviteFor,
		Forms: keyedChoices(p.Forms, talentFormKeys), Factors: keyedChecks(Form{}, "factors", talent.FactorKinds, talentFactorKeys),
		InviteFactors: keyedChecks(fail.invite, "factors", talent.FactorKinds, talentFactorKeys), L: marketLabels}
	v.Subject = p.Title
	return s.render(w, status, pageMarketProject, v)
}

// readProposal reads the terms of an application or invitation: the form
// of taking part, the factors brought (capital with its amount in yuan,
// read as the engagement form reads it) and a message. The store dates it
// and makes it pending.
func readProposal(f *Form) talent.Application {
	a := talent.Application{Form: talent.Form(f.Get("form")), Message: f.Get("message")}
	ticked := f.Values["factors"]
	for _, k := range ticked {
		fa := talent.Factor{Kind: talent.FactorKind(k)}
		if fa.Kind == talent.Capital {
			fa.Amount = readWhole(f, "capital", "talent.field.yuan")
		}
		a.Factors = append(a.Factors, fa)
	}
	if !slices.Contains(ticked, string(talent.Capital)) && f.Get("capital") != "" {
		f.Add("capital", "talent.engagements.capital_unticked")
	}
	return a
}

// proposalField names the form field of a problem the domain reports
// about an application: the factors' as on the engagement form, the
// talent's beside the talent.
func proposalField(name string) string {
	if name == "talent_id" {
		return "talent"
	}
	return engagementField(name)
}

func (s *Server) marketInvite(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	a := readProposal(&f)
	a.ProjectID, a.TalentID, a.Kind = id, f.Get("talent"), talent.Invite
	if f.OK() {
		_, err = s.talent.Propose(r.Context(), &a)
		if err == nil {
			s.setFlash(w, "flash.market.invited")
			return redirect(w, r, projectURL(id))
		}
		if !absorbRenamed(&f, err, proposalField) {
			return err
		}
	}
	return s.renderMarketProject(w, r, f.Status(err), id, marketFailure{invite: f, inviteFor: a.TalentID})
}

// readApproval reads the home unit's approval of a public employee's leave
// of post; none when its fields are empty.
func readApproval(f *Form) *talent.Approval {
	a := talent.Approval{Approver: f.Get("approver"), Date: f.Date("approval_date"), Document: f.Get("document")}
	if a.Approver == "" && a.Date.IsZero() && a.Document == "" {
		return nil
	}
	return &a
}

// approvalField names the form field of a problem the domain reports
// about the approval.
func approvalField(name string) string {
	switch name {
	case "approval.approver":
		return "approver"
	case "approval.date":
		return "approval_date"
	}
	return name
}

func (s *Server) marketAccept(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	approval := readApproval(&f)
	if f.OK() {
		var e *talent.Engagement
		e, err = s.talent.Accept(r.Context(), id, approval)
		if err == nil {
			s.setFlash(w, "flash.market.accepted")
			return redirect(w, r, projectURL(e.ProjectID))
		}
		if !absorbRenamed(&f, err, approvalField) {
			return err
		}
	}
	return s.renderMarketProject(w, r, f.Status(err), f.Get("project"), marketFailure{decision: f, decisionID: id})
}

func (s *Server) marketDecline(w http.ResponseWriter, r *http.Request) error {
	return s.marketClose(w, r, s.talent.Decline, "flash.market.declined")
}

func (s *Server) marketWithdraw(w http.ResponseWriter, r *http.Request) error {
	return s.marketClose(w, r, s.talent.Withdraw, "flash.market.withdrawn")
}

// marketClose declines or withdraws an application and goes back to its
// project.
func (s *Server) marketClose(w http.ResponseWriter, r *http.Request, close func(context.Context, string) error, flash string) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	if err := close(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	s.setFlash(w, flash)
	return redirect(w, r, projectURL(f.Get("project")))
}

// projectURL is the page of project id, or the listing when there is no
// id.
func projectURL(id string) string {
	if id == "" {
		return "/talent/projects"
	}
	return "/talent/projects/" + url.PathEscape(id)
}
