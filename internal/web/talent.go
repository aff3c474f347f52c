package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// The staff's pages of the talent work (人才工作).
const (
	pageTalentDashboard     = "talent_dashboard"
	pageTalentPool          = "talent_pool"
	pageTalentProfile       = "talent_profile"
	pageTalentProfileEdit   = "talent_profile_edit"
	pageTalentEngagements   = "talent_engagements"
	pageTalentEngagementNew = "talent_engagement_new"
	pageTalentEntities      = "talent_entities"
	pageTalentEntityNew     = "talent_entity_new"
	pageTalentServices      = "talent_services"
	pageTalentServiceNew    = "talent_service_new"
)

// The talent pages register themselves here, beside their handlers, so
// that the shared page list in views.go need not change with them.
// talentSizes are the page sizes of the talent listings.
var talentSizes = []int{20, 50, 100}

// talentRoutes are the staff's routes of the talent work: the dashboard of
// figures, the pool with each talent's profile, and the records the
// figures are counted from. The store checks each record against the
// principal's scope.
func (s *Server) talentRoutes(rt *gate.Router) {
	rt.Handle("GET /talent", access.TalentRead, s.talentDashboard)
	rt.Handle("GET /talent/pool", access.TalentRead, s.talentPool)
	rt.Handle("GET /talent/pool/{id}", access.TalentRead, s.talentProfile)
	rt.Handle("GET /talent/pool/{id}/edit", access.TalentManage, s.talentProfileEditForm)
	rt.Handle("POST /talent/pool/{id}/edit", access.TalentManage, s.talentProfileSave)
	rt.Handle("GET /talent/engagements", access.TalentRead, s.talentEngagements)
	rt.Handle("GET /talent/engagements/new", access.TalentManage, s.engagementNewForm)
	rt.Handle("POST /talent/engagements", access.TalentManage, s.engagementCreate)
	rt.Handle("GET /talent/entities", access.TalentRead, s.talentEntities)
	rt.Handle("GET /talent/entities/new", access.TalentManage, s.entityNewForm)
	rt.Handle("POST /talent/entities", access.TalentManage, s.entityCreate)
	rt.Handle("GET /talent/services", access.TalentRead, s.talentServices)
	rt.Handle("GET /talent/services/new", access.TalentManage, s.serviceNewForm)
	rt.Handle("POST /talent/services", access.TalentManage, s.serviceCreate)
	rt.Handle("POST /talent/services/{id}/verify", access.TalentManage, s.serviceVerify)
}

// TalentFilter is the filter form of a talent page: what was asked, the
// organisation whose subtree it is limited to, and the same page without
// that limit.
type TalentFilter struct {
	Form       Form
	Under      *org.Org
	UnderClear string
}

// talentFilter reads the filters every talent page shares: the subtree
// (under), the period (from, to), a person and a query. Problems go into
// the form beside their fields; the listing reads its own closed sets with
// pick.
func (s *Server) talentFilter(ctx context.Context, path string, q url.Values) (talent.Filter, TalentFilter, error) {
	f := formOf(q)
	tf := talent.Filter{Under: f.Get("under"), Query: f.Get("q"), PersonID: f.Get("person")}
	tf.From, tf.To = f.Date("from"), f.Date("to")
	if !tf.From.IsZero() && !tf.To.IsZero() && tf.To.Before(tf.From) {
		f.Add("to", "talent.end_before_start")
	}
	v := TalentFilter{Form: f}
	if tf.Under != "" {
		o, err := s.orgs.Get(ctx, tf.Under)
		if err == nil {
			err = access.Check(access.From(ctx), access.TalentRead, o.Path)
		}
		switch {
		case err == nil:
			v.Under = o
			v.UnderClear = newListQuery(path, q).with("under", "", "page", "")
		case fault.CodeOf(err) == fault.NotFound || fault.CodeOf(err) == fault.Forbidden:
			f.Add("under", "error.not_found")
		default:
			return tf, v, err
		}
	}
	v.Form = f
	return tf, v, nil
}

// pick reads field as a value of a closed set; a value not in it is the
// field's problem and gives the empty value.
func pick[T ~string](f *Form, field string, keys map[T]string) T {
	v := T(f.Get(field))
	if v == "" {
		return ""
	}
	if _, ok := keys[v]; !ok {
		f.Add(field, "field.invalid_choice")
		return ""
	}
	return v
}

// TalentDashboardView is the talent work's figures for a subtree and
// period, each linking to the records it counts.
type TalentDashboardView struct {
	Page
	Filter  TalentFilter
	Figures talent.Figures
	// Capital is Figures.Capital in 万元, for reading.
	Capital string
	// The drill-down listings of the figures, with the same filter.
	PoolURL, TakingPartURL, EntitiesURL, ServicesURL, EngagementsURL string
	ByCategory, ByForm, ByFactor, EntitiesByType                     []CountBar
	CanManage                                                        bool
}

// CountBar is one bar of a chart of counts: its label's catalog key (or
// the raw value when the catalog has none), its length as a share of the
// longest bar, and the listing of what it counts.
type CountBar struct {
	Key     string
	Text    string
	N       int
	Percent int
	URL     string
}

// countBars draws counts as bars scaled to the largest, each linking to
// the listing at path with field set to its value and the given filter.
func countBars[T ~string](counts []talent.Count, keys map[T]string, path, field string, filter url.Values) []CountBar {
	top := 0
	for _, c := range counts {
		top = max(top, c.N)
	}
	out := make([]CountBar, len(counts))
	for i, c := range counts {
		b := CountBar{Key: keys[T(c.Key)], N: c.N, URL: newListQuery(path, filter).with(field, c.Key)}
		if b.Key == "" {
			b.Text = c.Key
		}
		if top > 0 {
			b.Percent = c.N * 100 / top
		}
		out[i] = b
	}
	return out
}

// wan writes an amount of yuan in 万元 with two decimals.
func wan(yuan int64) string { return fmt.Sprintf("%.2f", float64(yuan)/10000) }

// yearStart is 1 January of d's year.
func yearStart(d civil.Date) civil.Date { return civil.Date{Year: d.Year, Month: time.January, Day: 1} }

func (s *Server) talentDashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	today := civil.Today(shanghai)
	if !q.Has("from") && !q.Has("to") {
		q.Set("from", yearStart(today).String())
		q.Set("to", today.String())
	}
	tf, filter, err := s.talentFilter(ctx, "/talent", q)
	if err != nil {
		return err
	}
	v := &TalentDashboardView{Page: s.page(w, r, "talent.dash.title"), Filter: filter}
	if !filter.Form.OK() {
		return s.render(w, http.StatusUnprocessableEntity, pageTalentDashboard, v)
	}
	fig, err := s.talent.Figures(ctx, tf)
	if err != nil {
		return err
	}
	v.Figures, v.Capital = *fig, wan(fig.Capital)
	drill := url.Values{}
	for _, k := range []string{"under", "from", "to"} {
		if val := filter.Form.Get(k); val != "" {
			drill.Set(k, val)
		}
	}
	v.PoolURL = newListQuery("/talent/pool", url.Values{"under": drill["under"]}).with()
	v.TakingPartURL = newListQuery("/talent/pool", drill).with("taking_part", "1")
	v.EntitiesURL = newListQuery("/talent/entities", drill).with()
	v.ServicesURL = newListQuery("/talent/services", drill).with("status", serviceVerified)
	v.EngagementsURL = newListQuery("/talent/engagements", drill).with()
	takingPart := cloneValues(drill)
	takingPart.Set("taking_part", "1")
	v.ByCategory = countBars(fig.ByCategory, talentCategoryKeys, "/talent/pool", "category", takingPart)
	v.ByForm = countBars(fig.ByForm, talentFormKeys, "/talent/engagements", "form", drill)
	v.ByFactor = countBars(fig.ByFactor, talentFactorKeys, "/talent/engagements", "factor", drill)
	v.EntitiesByType = countBars(fig.EntitiesByType, entityTypeKeys, "/talent/entities", "kind", drill)
	return s.render(w, http.StatusOK, pageTalentDashboard, v)
}

// cloneValues copies a query, so that adding to the copy leaves v as it is.
func cloneValues(v url.Values) url.Values {
	c := make(url.Values, len(v))
	for k, vals := range v {
		c[k] = slices.Clone(vals)
	}
	return c
}

// TalentPoolView is the listing of the talent pool.
type TalentPoolView struct {
	Page
	Filter     TalentFilter
	Rows       []TalentRow
	Pager      Pager
	Categories []Choice
	CanManage  bool
}

// TalentRow is a talent of the pool in words.
type TalentRow struct {
	talent.Profile
	CategoryKey     string
	AvailabilityKey string
	FormKeys        []string
}

func talentRow(p talent.Profile) TalentRow {
	row := TalentRow{Profile: p, CategoryKey: talentCategoryKeys[p.Talent.Category],
		AvailabilityKey: availabilityKeys[p.Talent.Availability]}
	for _, f := range p.Talent.Forms {
		if k, ok := talentFormKeys[f]; ok {
			row.FormKeys = append(row.FormKeys, k)
		}
	}
	return row
}

func (s *Server) talentPool(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, size := pageParams(q, talentSizes)
	tf, filter, err := s.talentFilter(ctx, "/talent/pool", q)
	if err != nil {
		return err
	}
	tf.Category = pick(&filter.Form, "category", talentCategoryKeys)
	tf.TakingPart = filter.Form.Checked("taking_part")
	lq := newListQuery("/talent/pool", q)
	v := &TalentPoolView{Page: s.page(w, r, "talent.pool.title"), Filter: filter,
		Categories: keyedChoices(person.TalentCategories, talentCategoryKeys), CanManage: access.From(ctx).Has(access.TalentManage)}
	if !filter.Form.OK() {
		v.Pager = newPager(lq, 1, size, 0, nil)
		return s.render(w, http.StatusUnprocessableEntity, pageTalentPool, v)
	}
	total, err := s.talent.CountTalents(ctx, tf)
	if err != nil {
		return err
	}
	tf.Offset, tf.Limit = (page-1)*size, size
	list, err := s.talent.Talents(ctx, tf)
	if err != nil {
		return err
	}
	v.Pager = newPager(lq, page, size, total, talentSizes)
	for _, p := range list {
		v.Rows = append(v.Rows, talentRow(p))
	}
	return s.render(w, http.StatusOK, pageTalentPool, v)
}

// talentMatches is how many projects a talent's profile suggests.
const talentMatches = 10

// TalentProfileView is one talent: the facet, what they took part in,
// founded and served, and the open projects that match them best.
type TalentProfileView struct {
	Page
	T           TalentRow
	Engagements []EngagementRow
	Entities    []EntityRow
	Services    []ServiceRow
	Matches     []MatchRow
	CanManage   bool
}

// MatchRow is a project ranked for a talent, its requirements split into
// those the talent meets and those they miss.
type MatchRow struct {
	talent.ProjectMatch
	Matched, Missing []talent.ExplainedPart
}

func matchRow(m talent.ProjectMatch) MatchRow {
	row := MatchRow{ProjectMatch: m}
	for _, p := range m.Explanation.Parts {
		if p.Skill == "" {
			row.Missing = append(row.Missing, p)
		} else {
			row.Matched = append(row.Matched, p)
		}
	}
	return row
}

func (s *Server) talentProfile(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d, err := s.talent.Profile(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	matches, err := s.talent.MatchProjects(ctx, d.PersonID, talentMatches)
	if err != nil {
		return err
	}
	pg := s.page(w, r, "talent.profile.title")
	pg.Subject = d.Name
	v := &TalentProfileView{Page: pg, T: talentRow(d.Profile), CanManage: access.From(ctx).Has(access.TalentManage)}
	for _, e := range d.Engagements {
		v.Engagements = append(v.Engagements, engagementRow(e))
	}
	for _, e := range d.Entities {
		v.Entities = append(v.Entities, entityRow(e))
	}
	for _, sv := range d.Services {
		v.Services = append(v.Services, serviceRow(sv))
	}
	for _, m := range matches {
		v.Matches = append(v.Matches, matchRow(m))
	}
	return s.render(w, http.StatusOK, pageTalentProfile, v)
}

// TalentProfileEditView is the form that edits a talent's facet.
type TalentProfileEditView struct {
	Page
	PersonID string
	Name     string
	Fields   ProfileFields
	// Version is the version of the person the form was filled from.
	Version string
	Others  []fault.FieldError
}

func (s *Server) talentProfileEditForm(w http.ResponseWriter, r *http.Request) error {
	d, err := s.talent.Profile(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	f := profileFormOf(&d.Talent)
	f.Values.Set("version", strconv.Itoa(d.Version))
	return s.renderProfileEdit(w, r, http.StatusOK, &d.Profile, f)
}

func (s *Server) renderProfileEdit(w http.ResponseWriter, r *http.Request, status int, p *talent.Profile, f Form) error {
	pg := s.page(w, r, "talent.profile.edit_title")
	pg.Subject = p.Name
	v := &TalentProfileEditView{Page: pg, PersonID: p.PersonID, Name: p.Name, Fields: newProfileFields(f),
		Version: f.Get("version"), Others: f.Others(profileFieldNames...)}
	return s.render(w, status, pageTalentProfileEdit, v)
}

func (s *Server) talentProfileSave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d, err := s.talent.Profile(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	t, f, ok := readProfileForm(r)
	if !ok {
		return s.renderProfileEdit(w, r, http.StatusUnprocessableEntity, &d.Profile, f)
	}
	// A form without its version (0) saves without the conflict check.
	version, _ := strconv.Atoi(f.Get("version"))
	if _, err := s.talent.SaveProfile(ctx, d.PersonID, &t, version); err != nil {
		if !absorbProfileError(&f, err) {
			return err
		}
		return s.renderProfileEdit(w, r, f.Status(err), &d.Profile, f)
	}
	s.setFlash(w, "flash.talent.profile_saved")
	return redirect(w, r, "/talent/pool/"+url.PathEscape(d.PersonID))
}
