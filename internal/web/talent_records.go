package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/talent"
)

// The records the talent work's figures are counted from: engagements,
// entities founded and services rendered, each with its listing and the
// form that records one.

// The statuses of a service in the listing's filter, as the store names
// them: verified services count in the figures, pending ones wait for staff.
const (
	serviceVerified = "verified"
	servicePending  = "pending"
)

var serviceStatusKeys = map[string]string{
	serviceVerified: "talent.services.verified",
	servicePending:  "talent.services.pending",
}

// FactorText is a factor brought, in words; Amount is the capital in 万元.
type FactorText struct {
	Key    string
	Amount string
}

// EngagementRow is an engagement in words.
type EngagementRow struct {
	talent.EngagementListed
	FormKey   string
	StatusKey string
	Factors   []FactorText
	// ProjectURL links to the project the talent joined, if a project.
	ProjectURL string
}

func engagementRow(e talent.EngagementListed) EngagementRow {
	row := EngagementRow{EngagementListed: e, FormKey: talentFormKeys[e.Form], StatusKey: engagementStatusKeys[e.Status]}
	for _, fa := range e.Factors {
		ft := FactorText{Key: talentFactorKeys[fa.Kind]}
		if fa.Kind == talent.Capital {
			ft.Amount = wan(fa.Amount)
		}
		row.Factors = append(row.Factors, ft)
	}
	if e.ProjectID != "" {
		row.ProjectURL = "/talent/projects/" + url.PathEscape(e.ProjectID)
	}
	return row
}

// EntityRow is an entity in words; Capital is in 万元.
type EntityRow struct {
	talent.EntityListed
	TypeKey string
	Capital string
}

func entityRow(e talent.EntityListed) EntityRow {
	return EntityRow{EntityListed: e, TypeKey: entityTypeKeys[e.Type], Capital: wan(e.RegisteredCapital)}
}

// ServiceRow is a service in words.
type ServiceRow struct {
	talent.ServiceListed
	KindKey string
}

func serviceRow(s talent.ServiceListed) ServiceRow {
	return ServiceRow{ServiceListed: s, KindKey: serviceKindKeys[s.Kind]}
}

// TalentEngagementsView is the listing of engagements.
type TalentEngagementsView struct {
	Page
	Filter    TalentFilter
	Rows      []EngagementRow
	Pager     Pager
	Forms     []Choice
	Factors   []Choice
	Statuses  []Choice
	CanManage bool
}

func (s *Server) talentEngagements(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, size := pageParams(q, talentSizes)
	tf, filter, err := s.talentFilter(ctx, "/talent/engagements", q)
	if err != nil {
		return err
	}
	tf.Form = pick(&filter.Form, "form", talentFormKeys)
	tf.Factor = pick(&filter.Form, "factor", talentFactorKeys)
	tf.Status = string(pick(&filter.Form, "status", engagementStatusKeys))
	v := &TalentEngagementsView{Page: s.page(w, r, "talent.engagements.title"), Filter: filter,
		Forms: keyedChoices(talent.Forms, talentFormKeys), Factors: keyedChoices(talent.FactorKinds, talentFactorKeys),
		Statuses: keyedChoices(talent.EngagementStatuses, engagementStatusKeys), CanManage: access.From(ctx).Has(access.TalentManage)}
	lq := newListQuery("/talent/engagements", q)
	if !filter.Form.OK() {
		v.Pager = newPager(lq, 1, size, 0, nil)
		return s.render(w, http.StatusUnprocessableEntity, pageTalentEngagements, v)
	}
	total, err := s.talent.CountEngagements(ctx, tf)
	if err != nil {
		return err
	}
	tf.Offset, tf.Limit = (page-1)*size, size
	list, err := s.talent.Engagements(ctx, tf)
	if err != nil {
		return err
	}
	v.Pager = newPager(lq, page, size, total, talentSizes)
	for _, e := range list {
		v.Rows = append(v.Rows, engagementRow(e))
	}
	return s.render(w, http.StatusOK, pageTalentEngagements, v)
}

// formTalent reads, for a form, the talent whose person ID is in field,
// when the principal reaches them, so that the form can name them. It
// returns nil for an empty or already refused field; an ID that names no
// such talent becomes the field's problem and is not kept.
func (s *Server) formTalent(ctx context.Context, f *Form, field string) (*talent.Profile, error) {
	id := f.Get(field)
	if id == "" || f.Invalid(field) {
		return nil, nil
	}
	d, err := s.talent.Profile(ctx, id)
	switch {
	case err == nil:
		return &d.Profile, nil
	case fault.CodeOf(err) == fault.NotFound:
		f.Add(field, "error.not_found")
		f.Values.Del(field)
		return nil, nil
	default:
		return nil, err
	}
}

// engagementFields are the fields of the engagement form. The approval's
// fields are named as the domain names them.
var engagementFields = []string{"talent_id", "project_id", "entity_id", "form", "factors", "capital", "start", "end", "status",
	"public_employee", "approval", "approval.unit", "approval.approver", "approval.date", "approval.document"}

// EngagementNewView is the form that records an engagement.
type EngagementNewView struct {
	Page
	Form Form
	// TalentName names the talent the form is for, once their ID is known.
	TalentName string
	Forms      []Choice
	Factors    []Check
	Statuses   []Choice
	Others     []fault.FieldError
}

func (s *Server) engagementNewForm(w http.ResponseWriter, r *http.Request) error {
	f := formOf(url.Values{"talent_id": {r.URL.Query().Get("person")}, "status": {string(talent.Active)},
		"start": {civil.Today(shanghai).String()}})
	return s.renderEngagementNew(w, r, http.StatusOK, f, true)
}

// renderEngagementNew shows the form with f. On a fresh form (fresh) the
// public-employee box starts as the talent's record has it.
func (s *Server) renderEngagementNew(w http.ResponseWriter, r *http.Request, status int, f Form, fresh bool) error {
	p, err := s.formTalent(r.Context(), &f, "talent_id")
	if err != nil {
		return err
	}
	v := &EngagementNewView{Page: s.page(w, r, "talent.engagements.new_title"),
		Forms: keyedChoices(talent.Forms, talentFormKeys), Statuses: keyedChoices(talent.EngagementStatuses, engagementStatusKeys)}
	if p != nil {
		v.TalentName = p.Name
		if fresh && p.PublicEmployee {
			f.Values.Set("public_employee", "1")
		}
	}
	if !f.OK() && status == http.StatusOK {
		status = http.StatusUnprocessableEntity
	}
	v.Form, v.Factors, v.Others = f, keyedChecks(f, "factors", talent.FactorKinds, talentFactorKeys), f.Others(engagementFields...)
	return s.render(w, status, pageTalentEngagementNew, v)
}

// readEngagement reads the engagement form. The capital's amount is read
// only when capital is ticked; an amount typed for no capital is a problem.
func readEngagement(f *Form) talent.Engagement {
	e := talent.Engagement{TalentID: f.Get("talent_id"), ProjectID: f.Get("project_id"), EntityID: f.Get("entity_id"),
		Form: talent.Form(f.Get("form")), Status: talent.EngagementStatus(f.Get("status")),
		PublicEmployee: f.Checked("public_employee"), Start: f.Date("start"), End: f.Date("end")}
	ticked := f.Values["factors"]
	for _, k := range ticked {
		fa := talent.Factor{Kind: talent.FactorKind(k)}
		if fa.Kind == talent.Capital {
			fa.Amount = readWhole(f, "capital", "talent.field.yuan")
		}
		e.Factors = append(e.Factors, fa)
	}
	if !slices.Contains(ticked, string(talent.Capital)) && f.Get("capital") != "" {
		f.Add("capital", "talent.engagements.capital_unticked")
	}
	a := talent.Approval{Unit: f.Get("approval.unit"), Approver: f.Get("approval.approver"), Date: f.Date("approval.date"),
		Document: f.Get("approval.document")}
	if a != (talent.Approval{}) {
		e.Approval = &a
	}
	return e
}

// readWhole reads a whole number, empty meaning 0; one that is not is the
// field's problem, named by key.
func readWhole(f *Form, field, key string) int64 {
	v := strings.ReplaceAll(f.Get(field), ",", "")
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		f.Add(field, key)
	}
	return n
}

// engagementField names the form field of a problem the domain reports:
// a factor's amount is the capital box, a factor's kind the factor boxes.
func engagementField(name string) string {
	if !strings.HasPrefix(name, "factors.") {
		return name
	}
	if strings.HasSuffix(name, ".amount") {
		return "capital"
	}
	return "factors"
}

func (s *Server) engagementCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	e := readEngagement(&f)
	if !f.OK() {
		// A field could not be read: check the rest too, so that every
		// problem shows at once.
		absorbRenamed(&f, e.Validate(), engagementField)
		return s.renderEngagementNew(w, r, http.StatusUnprocessableEntity, f, false)
	}
	saved, err := s.talent.SaveEngagement(r.Context(), &e)
	if err != nil {
		if !absorbRenamed(&f, err, engagementField) {
			return err
		}
		return s.renderEngagementNew(w, r, f.Status(err), f, false)
	}
	s.setFlash(w, "flash.talent.engagement_saved")
	return redirect(w, r, "/talent/pool/"+url.PathEscape(saved.TalentID))
}

// TalentEntitiesView is the listing of entities founded.
type TalentEntitiesView struct {
	Page
	Filter    TalentFilter
	Rows      []EntityRow
	Pager     Pager
	Types     []Choice
	CanManage bool
}

func (s *Server) talentEntities(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, size := pageParams(q, talentSizes)
	tf, filter, err := s.talentFilter(ctx, "/talent/entities", q)
	if err != nil {
		return err
	}
	tf.Kind = string(pick(&filter.Form, "kind", entityTypeKeys))
	v := &TalentEntitiesView{Page: s.page(w, r, "talent.entities.title"), Filter: filter,
		Types: keyedChoices(talent.EntityTypes, entityTypeKeys), CanManage: access.From(ctx).Has(access.TalentManage)}
	lq := newListQuery("/talent/entities", q)
	if !filter.Form.OK() {
		v.Pager = newPager(lq, 1, size, 0, nil)
		return s.render(w, http.StatusUnprocessableEntity, pageTalentEntities, v)
	}
	total, err := s.talent.CountEntities(ctx, tf)
	if err != nil {
		return err
	}
	tf.Offset, tf.Limit = (page-1)*size, size
	list, err := s.talent.Entities(ctx, tf)
	if err != nil {
		return err
	}
	v.Pager = newPager(lq, page, size, total, talentSizes)
	for _, e := range list {
		v.Rows = append(v.Rows, entityRow(e))
	}
	return s.render(w, http.StatusOK, pageTalentEntities, v)
}

// entityFields are the fields of the entity form, named as the domain
// names them; founders is one person ID a line.
var entityFields = []string{"org_id", "name", "type", "credit_code", "registered_capital", "founded", "jobs", "founders"}

// EntityNewView is the form that records an entity founded.
type EntityNewView struct {
	Page
	Form   Form
	Types  []Choice
	Others []fault.FieldError
}

func (s *Server) entityNewForm(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := formOf(url.Values{"org_id": {q.Get("org")}, "founders": {q.Get("founder")}})
	return s.renderEntityNew(w, r, http.StatusOK, f)
}

func (s *Server) renderEntityNew(w http.ResponseWriter, r *http.Request, status int, f Form) error {
	v := &EntityNewView{Page: s.page(w, r, "talent.entities.new_title"), Form: f,
		Types: keyedChoices(talent.EntityTypes, entityTypeKeys), Others: f.Others(entityFields...)}
	return s.render(w, status, pageTalentEntityNew, v)
}

func (s *Server) entityCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	e := talent.Entity{OrgID: f.Get("org_id"), Name: f.Get("name"), Type: talent.EntityType(f.Get("type")),
		CreditCode: strings.ToUpper(f.Get("credit_code")), Founded: f.Date("founded"),
		RegisteredCapital: readWhole(&f, "registered_capital", "talent.field.yuan"),
		Jobs:              int(readWhole(&f, "jobs", "talent.field.whole_number")), Founders: nonEmptyLines(f.Get("founders"))}
	if !f.OK() {
		absorbRenamed(&f, e.Validate(), entityField)
		return s.renderEntityNew(w, r, http.StatusUnprocessableEntity, f)
	}
	if _, err := s.talent.SaveEntity(r.Context(), &e); err != nil {
		if !absorbRenamed(&f, err, entityField) {
			return err
		}
		return s.renderEntityNew(w, r, f.Status(err), f)
	}
	s.setFlash(w, "flash.talent.entity_saved")
	return redirect(w, r, "/talent/entities")
}

// entityField names the form field of a problem the domain reports: a
// problem of one founder is the founders box.
func entityField(name string) string {
	if strings.HasPrefix(name, "founders.") {
		return "founders"
	}
	return name
}

// TalentServicesView is the listing of services rendered.
type TalentServicesView struct {
	Page
	Filter    TalentFilter
	Rows      []ServiceRow
	Pager     Pager
	Kinds     []Choice
	Statuses  []Choice
	CanManage bool
	// Back is this listing, where a verification returns to.
	Back string
}

func (s *Server) talentServices(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, size := pageParams(q, talentSizes)
	tf, filter, err := s.talentFilter(ctx, "/talent/services", q)
	if err != nil {
		return err
	}
	tf.Kind = string(pick(&filter.Form, "kind", serviceKindKeys))
	tf.Status = pick(&filter.Form, "status", serviceStatusKeys)
	lq := newListQuery("/talent/services", q)
	v := &TalentServicesView{Page: s.page(w, r, "talent.services.title"), Filter: filter,
		Kinds: keyedChoices(talent.ServiceKinds, serviceKindKeys), Statuses: keyedChoices([]string{serviceVerified, servicePending}, serviceStatusKeys),
		CanManage: access.From(ctx).Has(access.TalentManage), Back: lq.with()}
	if !filter.Form.OK() {
		v.Pager = newPager(lq, 1, size, 0, nil)
		return s.render(w, http.StatusUnprocessableEntity, pageTalentServices, v)
	}
	total, err := s.talent.CountServices(ctx, tf)
	if err != nil {
		return err
	}
	tf.Offset, tf.Limit = (page-1)*size, size
	list, err := s.talent.Services(ctx, tf)
	if err != nil {
		return err
	}
	v.Pager = newPager(lq, page, size, total, talentSizes)
	for _, sv := range list {
		v.Rows = append(v.Rows, serviceRow(sv))
	}
	return s.render(w, http.StatusOK, pageTalentServices, v)
}

// serviceFields are the fields of the service form, named as the domain
// names them.
var serviceFields = []string{"talent_id", "date", "kind", "beneficiaries", "evidence", "summary"}

// ServiceNewView is the form that records a service rendered.
type ServiceNewView struct {
	Page
	Form       Form
	TalentName string
	Kinds      []Choice
	Others     []fault.FieldError
}

func (s *Server) serviceNewForm(w http.ResponseWriter, r *http.Request) error {
	f := formOf(url.Values{"talent_id": {r.URL.Query().Get("person")}, "date": {civil.Today(shanghai).String()}})
	return s.renderServiceNew(w, r, http.StatusOK, f)
}

func (s *Server) renderServiceNew(w http.ResponseWriter, r *http.Request, status int, f Form) error {
	p, err := s.formTalent(r.Context(), &f, "talent_id")
	if err != nil {
		return err
	}
	v := &ServiceNewView{Page: s.page(w, r, "talent.services.new_title"), Kinds: keyedChoices(talent.ServiceKinds, serviceKindKeys)}
	if p != nil {
		v.TalentName = p.Name
	}
	if !f.OK() && status == http.StatusOK {
		status = http.StatusUnprocessableEntity
	}
	v.Form, v.Others = f, f.Others(serviceFields...)
	return s.render(w, status, pageTalentServiceNew, v)
}

func (s *Server) serviceCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	sv := talent.Service{TalentID: f.Get("talent_id"), Date: f.Date("date"), Kind: talent.ServiceKind(f.Get("kind")),
		Beneficiaries: int(readWhole(&f, "beneficiaries", "talent.field.whole_number")), Evidence: f.Get("evidence"),
		Summary: f.Get("summary")}
	if !f.OK() {
		f.Absorb(sv.Validate())
		return s.renderServiceNew(w, r, http.StatusUnprocessableEntity, f)
	}
	saved, err := s.talent.SaveService(r.Context(), &sv)
	if err != nil {
		if !f.Absorb(err) {
			return err
		}
		return s.renderServiceNew(w, r, f.Status(err), f)
	}
	s.setFlash(w, "flash.talent.service_saved")
	return redirect(w, r, "/talent/pool/"+url.PathEscape(saved.TalentID))
}

// serviceVerify counts a reported service in the figures, then returns to
// the listing it was verified from.
func (s *Server) serviceVerify(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	if err := s.talent.VerifyService(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	s.setFlash(w, "flash.talent.service_verified")
	back := safeNext(f.Get("back"))
	if !strings.HasPrefix(back, "/talent/") {
		back = "/talent/services"
	}
	return redirect(w, r, back)
}
