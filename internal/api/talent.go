package api

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// talentRoutes registers the talent pool and project market. The service
// checks every record against the caller's scope; TalentManage also decides
// applications, so accepting and declining need it.
func (s *Server) talentRoutes(rt *gate.Router) {
	rt.Handle("GET /api/v1/talent/figures", access.TalentRead, s.talentFigures)
	rt.Handle("GET /api/v1/talent/pool", access.TalentRead, s.listTalents)
	rt.Handle("GET /api/v1/talent/pool/{id}", access.TalentRead, s.getTalent)
	rt.Handle("GET /api/v1/talent/projects", access.TalentRead, s.listProjects)
	rt.Handle("POST /api/v1/talent/projects", access.TalentManage, s.createProject)
	rt.Handle("GET /api/v1/talent/projects/{id}", access.TalentRead, s.getProject)
	rt.Handle("GET /api/v1/talent/projects/{id}/matches", access.TalentRead, s.projectMatches)
	rt.Handle("POST /api/v1/talent/projects/{id}/applications", access.TalentManage, s.inviteTalent)
	rt.Handle("POST /api/v1/talent/applications/{id}/accept", access.TalentManage, s.acceptApplication)
	rt.Handle("POST /api/v1/talent/applications/{id}/decline", access.TalentManage, s.declineApplication)
	rt.Handle("GET /api/v1/talent/engagements", access.TalentRead, s.listEngagements)
	rt.Handle("POST /api/v1/talent/engagements", access.TalentManage, s.createEngagement)
	rt.Handle("GET /api/v1/talent/entities", access.TalentRead, s.listEntities)
	rt.Handle("POST /api/v1/talent/entities", access.TalentManage, s.createEntity)
	rt.Handle("GET /api/v1/talent/services", access.TalentRead, s.listServices)
	rt.Handle("POST /api/v1/talent/services", access.TalentManage, s.createService)
}

// among returns a check that a parameter is one of the codes xs.
func among[T ~string](xs []T) func(string) bool {
	return func(v string) bool { return slices.Contains(xs, T(v)) }
}

var projectStatuses = []talent.ProjectStatus{talent.ProjectOpen, talent.ProjectClosed}

// serviceStatuses are the ?status= of the service listing: verified
// services count in the figures, pending ones wait for staff.
var serviceStatuses = []string{"verified", "pending"}

// period reads ?from= and ?to=, both inclusive; to may not come before from.
func (p *params) period() (from, to civil.Date) {
	from, to = p.date("from"), p.date("to")
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		p.fields.Add("to", "api.field.date_order")
	}
	return from, to
}

// topK reads ?k=, how many matches to return: defaultLimit when absent,
// 1…maxLimit.
func (p *params) topK() int {
	v := p.str("k")
	if v == "" {
		return defaultLimit
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxLimit {
		p.fields.Add("k", "api.field.limit", maxLimit)
		return defaultLimit
	}
	return n
}

// codeStrings turns a list of domain codes into their strings, never nil.
func codeStrings[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// nonNil returns xs, or an empty list for nil, so that lists encode as [].
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// countJSON is one bar of a chart.
type countJSON struct {
	Key string `json:"key"`
	N   int    `json:"n"`
}

func countsView(cs []talent.Count) []countJSON {
	out := make([]countJSON, len(cs))
	for i, c := range cs {
		out[i] = countJSON{Key: c.Key, N: c.N}
	}
	return out
}

// figuresJSON are the talent work's headline figures; capital is in yuan.
type figuresJSON struct {
	From           *string     `json:"from"`
	To             *string     `json:"to"`
	Talents        int         `json:"talents"`
	TakingPart     int         `json:"taking_part"`
	Entities       int         `json:"entities"`
	PersonTimes    int         `json:"person_times"`
	Services       int         `json:"services"`
	Engagements    int         `json:"engagements"`
	Capital        int64       `json:"capital"`
	ByCategory     []countJSON `json:"by_category"`
	ByForm         []countJSON `json:"by_form"`
	ByFactor       []countJSON `json:"by_factor"`
	EntitiesByType []countJSON `json:"entities_by_type"`
}

// talentFigures counts the talents taking part, the entities founded and
// the person-times served in a subtree and period.
func (s *Server) talentFigures(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := talent.Filter{Under: p.str("under")}
	f.From, f.To = p.period()
	if err := p.err(); err != nil {
		return err
	}
	fg, err := s.talent.Figures(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, figuresJSON{From: date(fg.From), To: date(fg.To), Talents: fg.Talents,
		TakingPart: fg.TakingPart, Entities: fg.Entities, PersonTimes: fg.PersonTimes, Services: fg.Services,
		Engagements: fg.Engagements, Capital: fg.Capital, ByCategory: countsView(fg.ByCategory),
		ByForm: countsView(fg.ByForm), ByFactor: countsView(fg.ByFactor), EntitiesByType: countsView(fg.EntitiesByType)})
}

// profileJSON is a talent as the pool lists them (skills as in
// people.go's dossier).
type profileJSON struct {
	PersonID       string      `json:"person_id"`
	Name           string      `json:"name"`
	OrgID          string      `json:"org_id"`
	OrgName        string      `json:"org_name"`
	Category       string      `json:"category"`
	Titles         []string    `json:"titles"`
	Skills         []skillJSON `json:"skills"`
	Specialties    string      `json:"specialties"`
	Availability   string      `json:"availability"`
	Forms          []string    `json:"forms"`
	Region         string      `json:"region"`
	PublicEmployee bool        `json:"public_employee"`
	Version        int         `json:"version"`
}

func talentView(p *talent.Profile) profileJSON {
	t := &p.Talent
	out := profileJSON{PersonID: p.PersonID, Name: p.Name, OrgID: p.OrgID, OrgName: p.OrgName, Category: string(t.Category),
		Titles: nonNil(slices.Clone(t.Titles)), Skills: make([]skillJSON, len(t.Skills)), Specialties: t.Specialties,
		Availability: string(t.Availability), Forms: codeStrings(t.Forms), Region: t.Region, PublicEmployee: p.PublicEmployee,
		Version: p.Version}
	for i, sk := range t.Skills {
		out.Skills[i] = skillJSON(sk)
	}
	return out
}

// talentPage answers one page of a listing: list reads the records of f
// from the cursor's offset, view renders each.
func talentPage[T, J any](w http.ResponseWriter, r *http.Request, p *params, f talent.Filter, listing string,
	list func(context.Context, talent.Filter) ([]T, error), view func(*T) J) error {
	limit := p.limit()
	st := p.cursor(listing)
	if err := p.err(); err != nil {
		return err
	}
	// One more than a page tells whether another follows.
	f.Offset, f.Limit = st.Offset, limit+1
	rows, err := list(r.Context(), f)
	if err != nil {
		return err
	}
	seen := st.Offset + len(rows)
	rows = rows[:min(len(rows), limit)]
	items := make([]J, len(rows))
	for i := range rows {
		items[i] = view(&rows[i])
	}
	return writeJSON(w, http.StatusOK, newPage(items, offsetCursor(st, len(items), seen)))
}

// listTalents pages through the pool in the caller's scope.
func (s *Server) listTalents(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := talent.Filter{Under: p.str("under"), Query: p.str("q"),
		Category:   person.TalentCategory(p.choice("category", among(person.TalentCategories))),
		TakingPart: p.boolean("taking_part")}
	f.From, f.To = p.period()
	return talentPage(w, r, p, f, listingKey("talents", f.Under, f.Query, string(f.Category), strconv.FormatBool(f.TakingPart),
		f.From.String(), f.To.String()), s.talent.Talents, talentView)
}

// talentDossierJSON is a talent with their engagements, entities and services.
type talentDossierJSON struct {
	profileJSON
	Engagements []engagementJSON `json:"engagements"`
	Entities    []entityJSON     `json:"entities"`
	Services    []serviceJSON    `json:"services"`
}

func (s *Server) getTalent(w http.ResponseWriter, r *http.Request) error {
	d, err := s.talent.Profile(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := talentDossierJSON{profileJSON: talentView(&d.Profile), Engagements: make([]engagementJSON, len(d.Engagements)),
		Entities: make([]entityJSON, len(d.Entities)), Services: make([]serviceJSON, len(d.Services))}
	for i := range d.Engagements {
		out.Engagements[i] = engagementView(&d.Engagements[i])
	}
	for i := range d.Entities {
		out.Entities[i] = entityView(&d.Entities[i])
	}
	for i := range d.Services {
		out.Services[i] = serviceView(&d.Services[i])
	}
	return writeJSON(w, http.StatusOK, out)
}

// projectJSON is a project on the market with what a listing shows.
type projectJSON struct {
	ID          string            `json:"id"`
	OrgID       string            `json:"org_id"`
	OrgName     string            `json:"org_name"`
	Owner       ownerJSON         `json:"owner"`
	Title       string            `json:"title"`
	Description string            `json:"description"`
	Skills      []requirementJSON `json:"skills"`
	Categories  []string          `json:"categories"`
	Forms       []string          `json:"forms"`
	Region      string            `json:"region"`
	Start       *string           `json:"start"`
	End         *string           `json:"end"`
	Openings    int               `json:"openings"`
	Deadline    *string           `json:"deadline"`
	Visibility  string            `json:"visibility"`
	Filled      int               `json:"filled"`
	Pending     int               `json:"pending"`
	Status      string            `json:"status"`
	Version     int               `json:"version"`
}

// ownerJSON is who puts a project on the market; it is also the request's
// shape.
type ownerJSON struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// requirementJSON is a skill a project asks for; it is also the request's
// shape of one element of skills.
type requirementJSON struct {
	Skill    string `json:"skill"`
	MinLevel int    `json:"min_level"`
	Weight   int    `json:"weight"`
}

func projectView(l *talent.ProjectListed) projectJSON {
	out := projectJSON{ID: l.ID, OrgID: l.OrgID, OrgName: l.OrgName,
		Owner: ownerJSON{Kind: string(l.Owner.Kind), ID: l.Owner.ID, Name: l.Owner.Name}, Title: l.Title,
		Description: l.Description, Skills: make([]requirementJSON, len(l.Skills)), Categories: codeStrings(l.Categories),
		Forms: codeStrings(l.Forms), Region: l.Region, Start: date(l.Start), End: date(l.End), Openings: l.Openings,
		Deadline: date(l.Deadline), Visibility: string(l.Visibility), Filled: l.Filled, Pending: l.Pending,
		Status: string(l.Status), Version: l.Version}
	for i, q := range l.Skills {
		out.Skills[i] = requirementJSON{Skill: q.Skill, MinLevel: q.MinLevel, Weight: q.Weight}
	}
	return out
}

// listProjects pages through the projects in the caller's scope.
func (s *Server) listProjects(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := talent.Filter{Under: p.str("under"), Query: p.str("q"), Status: p.choice("status", among(projectStatuses))}
	return talentPage(w, r, p, f, listingKey("projects", f.Under, f.Query, f.Status), s.talent.Projects, projectView)
}

func (s *Server) getProject(w http.ResponseWriter, r *http.Request) error {
	l, err := s.talent.Project(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, projectView(l))
}

// projectRequest is the body that puts a project on the market. Each
// element of skills is decoded on its own, so that a field error names it
// ("skills.1.min_level").
type projectRequest struct {
	OrgID       string            `json:"org_id"`
	Owner       ownerJSON         `json:"owner"`
	Title       string            `json:"title"`
	Description string            `json:"description"`
	Skills      []json.RawMessage `json:"skills"`
	Categories  []string          `json:"categories"`
	Forms       []string          `json:"forms"`
	Region      string            `json:"region"`
	Start       string            `json:"start"`
	End         string            `json:"end"`
	Openings    int               `json:"openings"`
	Deadline    string            `json:"deadline"`
	Visibility  string            `json:"visibility"`
}

// project builds the domain project; a field problem of the request comes
// back with the domain's own, a request that cannot be read as an error.
func (req projectRequest) project() (*talent.Project, error) {
	var f fault.Fields
	pr := &talent.Project{OrgID: req.OrgID, Owner: talent.Owner{Kind: talent.OwnerKind(req.Owner.Kind), ID: req.Owner.ID,
		Name: req.Owner.Name}, Title: req.Title, Description: req.Description, Region: req.Region, Openings: req.Openings,
		Start: parseDate(&f, "start", req.Start), End: parseDate(&f, "end", req.End),
		Deadline: parseDate(&f, "deadline", req.Deadline), Visibility: talent.Visibility(req.Visibility)}
	for i, raw := range req.Skills {
		var q requirementJSON
		if err := decodeValue(raw, "skills."+strconv.Itoa(i), &q); err != nil && !mergeFields(&f, err) {
			return nil, err
		}
		pr.Skills = append(pr.Skills, talent.Requirement{Skill: q.Skill, MinLevel: q.MinLevel, Weight: q.Weight})
	}
	for _, c := range req.Categories {
		pr.Categories = append(pr.Categories, person.TalentCategory(c))
	}
	for _, fm := range req.Forms {
		pr.Forms = append(pr.Forms, talent.Form(fm))
	}
	if len(f) > 0 {
		mergeFields(&f, pr.Validate())
		return nil, f.Err()
	}
	return pr, nil
}

// createProject puts a project on the market in org_id.
func (s *Server) createProject(w http.ResponseWriter, r *http.Request) error {
	var req projectRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	pr, err := req.project()
	if err != nil {
		return err
	}
	saved, err := s.talent.SaveProject(r.Context(), pr)
	if err != nil {
		return err
	}
	l, err := s.talent.Project(r.Context(), saved.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/talent/projects/"+l.ID)
	return writeJSON(w, http.StatusCreated, projectView(l))
}

// matchJSON is a talent ranked for a project; the points of the parts add
// up to the score.
type matchJSON struct {
	Talent profileJSON `json:"talent"`
	Score  float64     `json:"score"`
	Parts  []partJSON  `json:"parts"`
}

// partJSON is one requirement's part of a match. Skill is empty when the
// talent has nothing like the requirement.
type partJSON struct {
	Requirement string  `json:"requirement"`
	MinLevel    int     `json:"min_level"`
	Weight      int     `json:"weight"`
	Skill       string  `json:"skill"`
	Level       int     `json:"level"`
	Share       float64 `json:"share"`
	Factor      float64 `json:"factor"`
	Points      float64 `json:"points"`
}

// projectMatches ranks the talents for a project, best first.
func (s *Server) projectMatches(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	k := p.topK()
	if err := p.err(); err != nil {
		return err
	}
	ms, err := s.talent.MatchTalents(r.Context(), r.PathValue("id"), k)
	if err != nil {
		return err
	}
	items := make([]matchJSON, len(ms))
	for i := range ms {
		m := &ms[i]
		items[i] = matchJSON{Talent: talentView(&m.Profile), Score: m.Explanation.Score,
			Parts: make([]partJSON, len(m.Explanation.Parts))}
		for j, x := range m.Explanation.Parts {
			items[i].Parts[j] = partJSON{Requirement: x.Requirement, MinLevel: x.MinLevel, Weight: x.Weight, Skill: x.Skill,
				Level: x.Level, Share: x.Share, Factor: x.Factor, Points: x.Points}
		}
	}
	return writeJSON(w, http.StatusOK, struct {
		Items []matchJSON `json:"items"`
	}{items})
}

// factorJSON is a factor of production brought; amount, in yuan, is for
// capital only. It is also the request's shape of one element of factors.
type factorJSON struct {
	Kind   string `json:"kind"`
	Amount int64  `json:"amount"`
}

func factorsView(fs []talent.Factor) []factorJSON {
	out := make([]factorJSON, len(fs))
	for i, x := range fs {
		out[i] = factorJSON{Kind: string(x.Kind), Amount: x.Amount}
	}
	return out
}

// factorsOf decodes the elements of factors one by one, so that a field
// error names the element ("factors.0.amount").
func factorsOf(f *fault.Fields, raws []json.RawMessage) ([]talent.Factor, error) {
	var out []talent.Factor
	for i, raw := range raws {
		var x factorJSON
		if err := decodeValue(raw, "factors."+strconv.Itoa(i), &x); err != nil && !mergeFields(f, err) {
			return nil, err
		}
		out = append(out, talent.Factor{Kind: talent.FactorKind(x.Kind), Amount: x.Amount})
	}
	return out, nil
}

// applicationJSON is an application or invitation.
type applicationJSON struct {
	ID        string       `json:"id"`
	ProjectID string       `json:"project_id"`
	TalentID  string       `json:"talent_id"`
	Kind      string       `json:"kind"`
	Form      string       `json:"form"`
	Factors   []factorJSON `json:"factors"`
	Message   string       `json:"message"`
	Status    string       `json:"status"`
	Created   *string      `json:"created"`
	Decided   *string      `json:"decided"`
}

func applicationView(a *talent.Application) applicationJSON {
	return applicationJSON{ID: a.ID, ProjectID: a.ProjectID, TalentID: a.TalentID, Kind: string(a.Kind),
		Form: string(a.Form), Factors: factorsView(a.Factors), Message: a.Message, Status: string(a.Status),
		Created: date(a.Created), Decided: date(a.Decided)}
}

// invitationRequest is the body that invites a talent to a project.
type invitationRequest struct {
	TalentID string            `json:"talent_id"`
	Form     string            `json:"form"`
	Factors  []json.RawMessage `json:"factors"`
	Message  string            `json:"message"`
}

// inviteTalent invites a talent to a project on the terms of the body.
func (s *Server) inviteTalent(w http.ResponseWriter, r *http.Request) error {
	pr, err := s.talent.Project(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var req invitationRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	var f fault.Fields
	factors, err := factorsOf(&f, req.Factors)
	if err != nil {
		return err
	}
	a := &talent.Application{ProjectID: pr.ID, TalentID: req.TalentID, Kind: talent.Invite, Form: talent.Form(req.Form),
		Factors: factors, Message: req.Message, Status: talent.Pending, Created: civil.Today(chinaTime)}
	if len(f) > 0 {
		mergeFields(&f, a.Validate(&pr.Project))
		return f.Err()
	}
	saved, err := s.talent.Propose(r.Context(), a)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, applicationView(saved))
}

// approvalJSON is the home unit's consent to a public employee leaving
// their post; it is also the request's shape, with date a string.
type approvalJSON struct {
	Unit     string  `json:"unit"`
	Approver string  `json:"approver"`
	Date     *string `json:"date"`
	Document string  `json:"document"`
}

func approvalView(a *talent.Approval) *approvalJSON {
	if a == nil {
		return nil
	}
	return &approvalJSON{Unit: a.Unit, Approver: a.Approver, Date: date(a.Date), Document: a.Document}
}

// approval builds the domain approval of a request's, nil for none.
func (a *approvalJSON) approval(f *fault.Fields) *talent.Approval {
	if a == nil {
		return nil
	}
	out := &talent.Approval{Unit: a.Unit, Approver: a.Approver, Document: a.Document}
	if a.Date != nil {
		out.Date = parseDate(f, "approval.date", *a.Date)
	}
	return out
}

// acceptApplication accepts an application or invitation and answers the
// engagement it creates. The body is optional: it carries the home unit's
// approval when a public employee leaves their post.
func (s *Server) acceptApplication(w http.ResponseWriter, r *http.Request) error {
	// An application out of scope is not found before its body is read.
	if _, err := s.talent.Application(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	var req struct {
		Approval *approvalJSON `json:"approval"`
	}
	if r.ContentLength != 0 {
		if err := decodeBody(r, &req); err != nil {
			return err
		}
	}
	var f fault.Fields
	approval := req.Approval.approval(&f)
	if err := f.Err(); err != nil {
		return err
	}
	e, err := s.talent.Accept(r.Context(), r.PathValue("id"), approval)
	if err != nil {
		return err
	}
	l, err := s.listedEngagement(r.Context(), e)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, engagementView(l))
}

// declineApplication records the refusal of an application or invitation.
func (s *Server) declineApplication(w http.ResponseWriter, r *http.Request) error {
	if err := s.talent.Decline(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// engagementJSON is a talent taking part in a project or an entity; target
// is the project's title or the entity's name.
type engagementJSON struct {
	ID             string        `json:"id"`
	TalentID       string        `json:"talent_id"`
	TalentName     string        `json:"talent_name"`
	ProjectID      string        `json:"project_id"`
	EntityID       string        `json:"entity_id"`
	Target         string        `json:"target"`
	Form           string        `json:"form"`
	Factors        []factorJSON  `json:"factors"`
	Start          *string       `json:"start"`
	End            *string       `json:"end"`
	Status         string        `json:"status"`
	PublicEmployee bool          `json:"public_employee"`
	Approval       *approvalJSON `json:"approval"`
	Version        int           `json:"version"`
}

func engagementView(l *talent.EngagementListed) engagementJSON {
	return engagementJSON{ID: l.ID, TalentID: l.TalentID, TalentName: l.TalentName, ProjectID: l.ProjectID,
		EntityID: l.EntityID, Target: l.Target, Form: string(l.Form), Factors: factorsView(l.Factors),
		Start: date(l.Start), End: date(l.End), Status: string(l.Status), PublicEmployee: l.PublicEmployee,
		Approval: approvalView(l.Approval), Version: l.Version}
}

// listedEngagement reads a saved engagement back as listings show it, with
// the talent's name and the target's: the service answers a record by its
// filters, so it is found among the talent's engagements with the same
// target.
func (s *Server) listedEngagement(ctx context.Context, e *talent.Engagement) (*talent.EngagementListed, error) {
	list, err := s.talent.Engagements(ctx, talent.Filter{PersonID: e.TalentID, ProjectID: e.ProjectID, EntityID: e.EntityID,
		Limit: maxLimit})
	return findListed(list, err, e.ID, func(l *talent.EngagementListed) string { return l.ID },
		&talent.EngagementListed{Engagement: *e})
}

// findListed returns the record id among list, or fallback when the
// listing's first page does not hold it.
func findListed[T any](list []T, err error, id string, idOf func(*T) string, fallback *T) (*T, error) {
	if err != nil {
		return nil, err
	}
	for i := range list {
		if idOf(&list[i]) == id {
			return &list[i], nil
		}
	}
	return fallback, nil
}

// listEngagements pages through the engagements of the talents in scope.
func (s *Server) listEngagements(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := talent.Filter{Under: p.str("under"), Form: talent.Form(p.choice("form", among(talent.Forms))),
		Factor: talent.FactorKind(p.choice("factor", among(talent.FactorKinds))),
		Status: p.choice("status", among(talent.EngagementStatuses)), PersonID: p.str("person_id"),
		ProjectID: p.str("project_id"), EntityID: p.str("entity_id")}
	f.From, f.To = p.period()
	return talentPage(w, r, p, f, listingKey("engagements", f.Under, string(f.Form), string(f.Factor), f.Status, f.PersonID,
		f.ProjectID, f.EntityID, f.From.String(), f.To.String()), s.talent.Engagements, engagementView)
}

// engagementRequest is the body that records an engagement; status
// defaults to active.
type engagementRequest struct {
	TalentID  string            `json:"talent_id"`
	ProjectID string            `json:"project_id"`
	EntityID  string            `json:"entity_id"`
	Form      string            `json:"form"`
	Factors   []json.RawMessage `json:"factors"`
	Start     string            `json:"start"`
	End       string            `json:"end"`
	Status    string            `json:"status"`
	// PublicEmployee marks a talent who holds a public post the registry
	// does not show; a cadre is one whatever it says.
	PublicEmployee bool          `json:"public_employee"`
	Approval       *approvalJSON `json:"approval"`
}

// createEngagement records a talent taking part in a project or an entity.
func (s *Server) createEngagement(w http.ResponseWriter, r *http.Request) error {
	var req engagementRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	var f fault.Fields
	factors, err := factorsOf(&f, req.Factors)
	if err != nil {
		return err
	}
	e := &talent.Engagement{TalentID: req.TalentID, ProjectID: req.ProjectID, EntityID: req.EntityID,
		Form: talent.Form(req.Form), Factors: factors, Start: parseDate(&f, "start", req.Start),
		End: parseDate(&f, "end", req.End), Status: talent.EngagementStatus(req.Status), PublicEmployee: req.PublicEmployee,
		Approval: req.Approval.approval(&f)}
	if e.Status == "" {
		e.Status = talent.Active
	}
	if len(f) > 0 {
		mergeFields(&f, e.Validate())
		return f.Err()
	}
	saved, err := s.talent.SaveEngagement(r.Context(), e)
	if err != nil {
		return err
	}
	l, err := s.listedEngagement(r.Context(), saved)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, engagementView(l))
}

// entityJSON is an economic entity founded with talents; registered
// capital is in yuan.
type entityJSON struct {
	ID                string   `json:"id"`
	OrgID             string   `json:"org_id"`
	OrgName           string   `json:"org_name"`
	Name              string   `json:"name"`
	Type              string   `json:"type"`
	CreditCode        string   `json:"credit_code"`
	RegisteredCapital int64    `json:"registered_capital"`
	Founded           *string  `json:"founded"`
	Jobs              int      `json:"jobs"`
	Founders          []string `json:"founders"`
	FounderNames      []string `json:"founder_names"`
	Version           int      `json:"version"`
}

func entityView(l *talent.EntityListed) entityJSON {
	return entityJSON{ID: l.ID, OrgID: l.OrgID, OrgName: l.OrgName, Name: l.Name, Type: string(l.Type),
		CreditCode: l.CreditCode, RegisteredCapital: l.RegisteredCapital, Founded: date(l.Founded), Jobs: l.Jobs,
		Founders: nonNil(slices.Clone(l.Founders)), FounderNames: nonNil(slices.Clone(l.FounderNames)), Version: l.Version}
}

// listEntities pages through the entities registered in scope.
func (s *Server) listEntities(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := talent.Filter{Under: p.str("under"), Query: p.str("q"), Kind: p.choice("kind", among(talent.EntityTypes)),
		PersonID: p.str("person_id")}
	f.From, f.To = p.period()
	return talentPage(w, r, p, f, listingKey("entities", f.Under, f.Query, f.Kind, f.PersonID, f.From.String(), f.To.String()), s.talent.Entities, entityView)
}

// entityRequest is the body that records an entity.
type entityRequest struct {
	OrgID             string   `json:"org_id"`
	Name              string   `json:"name"`
	Type              string   `json:"type"`
	CreditCode        string   `json:"credit_code"`
	RegisteredCapital int64    `json:"registered_capital"`
	Founded           string   `json:"founded"`
	Jobs              int      `json:"jobs"`
	Founders          []string `json:"founders"`
}

// createEntity records an economic entity founded with talents.
func (s *Server) createEntity(w http.ResponseWriter, r *http.Request) error {
	var req entityRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	var f fault.Fields
	e := &talent.Entity{OrgID: req.OrgID, Name: req.Name, Type: talent.EntityType(req.Type), CreditCode: req.CreditCode,
		RegisteredCapital: req.RegisteredCapital, Founded: parseDate(&f, "founded", req.Founded), Jobs: req.Jobs,
		Founders: req.Founders}
	if len(f) > 0 {
		mergeFields(&f, e.Validate())
		return f.Err()
	}
	saved, err := s.talent.SaveEntity(r.Context(), e)
	if err != nil {
		return err
	}
	list, err := s.talent.Entities(r.Context(), talent.Filter{Query: saved.CreditCode, From: saved.Founded,
		To: saved.Founded, Limit: maxLimit})
	l, err := findListed(list, err, saved.ID, func(l *talent.EntityListed) string { return l.ID },
		&talent.EntityListed{Entity: *saved})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, entityView(l))
}

// serviceJSON is a service a talent rendered; beneficiaries are
// person-times. Only verified services count in the figures.
type serviceJSON struct {
	ID            string  `json:"id"`
	TalentID      string  `json:"talent_id"`
	TalentName    string  `json:"talent_name"`
	Date          *string `json:"date"`
	Kind          string  `json:"kind"`
	Beneficiaries int     `json:"beneficiaries"`
	Evidence      string  `json:"evidence"`
	Summary       string  `json:"summary"`
	Verified      bool    `json:"verified"`
}

func serviceView(l *talent.ServiceListed) serviceJSON {
	return serviceJSON{ID: l.ID, TalentID: l.TalentID, TalentName: l.TalentName, Date: date(l.Date), Kind: string(l.Kind),
		Beneficiaries: l.Beneficiaries, Evidence: l.Evidence, Summary: l.Summary, Verified: l.Verified}
}

// listServices pages through the services of the talents in scope.
func (s *Server) listServices(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := talent.Filter{Under: p.str("under"), Kind: p.choice("kind", among(talent.ServiceKinds)),
		Status: p.choice("status", among(serviceStatuses)), PersonID: p.str("person_id")}
	f.From, f.To = p.period()
	return talentPage(w, r, p, f, listingKey("services", f.Under, f.Kind, f.Status, f.PersonID, f.From.String(), f.To.String()), s.talent.Services, serviceView)
}

// serviceRequest is the body that records a service; staff record the
// services of the talents in their scope verified.
type serviceRequest struct {
	TalentID      string `json:"talent_id"`
	Date          string `json:"date"`
	Kind          string `json:"kind"`
	Beneficiaries int    `json:"beneficiaries"`
	Evidence      string `json:"evidence"`
	Summary       string `json:"summary"`
}

// createService records a service a talent rendered.
func (s *Server) createService(w http.ResponseWriter, r *http.Request) error {
	var req serviceRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	var f fault.Fields
	sv := &talent.Service{TalentID: req.TalentID, Date: parseDate(&f, "date", req.Date), Kind: talent.ServiceKind(req.Kind),
		Beneficiaries: req.Beneficiaries, Evidence: req.Evidence, Summary: req.Summary}
	if len(f) > 0 {
		mergeFields(&f, sv.Validate())
		return f.Err()
	}
	saved, err := s.talent.SaveService(r.Context(), sv)
	if err != nil {
		return err
	}
	list, err := s.talent.Services(r.Context(), talent.Filter{PersonID: saved.TalentID, From: saved.Date, To: saved.Date,
		Limit: maxLimit})
	l, err := findListed(list, err, saved.ID, func(l *talent.ServiceListed) string { return l.ID },
		&talent.ServiceListed{Service: *saved})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, serviceView(l))
}
