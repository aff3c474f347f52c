package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/secondment"
)

// The pages of secondments (挂职).
const (
	pageSecondments   = "secondment_list"
	pageSecondmentNew = "secondment_new"
	pageSecondment    = "secondment_detail"
)

// secondmentSizes are the page sizes of the listing.
var secondmentSizes = []int{20, 50, 100}

// maxExpiringDays bounds the "expiring within" filter: a term with its
// extensions lasts at most secondment.MaxTermYears.
const maxExpiringDays = 366 * secondment.MaxTermYears

// Catalog keys of the closed sets of package secondment.
var (
	secondmentKindKeys = map[secondment.Kind]string{
		secondment.Up:             "secondment.kind.up",
		secondment.Down:           "secondment.kind.down",
		secondment.FirstSecretary: "secondment.kind.first_secretary",
		secondment.Released:       "secondment.kind.released",
	}
	secondmentStatusKeys = map[secondment.Status]string{
		secondment.Planned:       "secondment.status.planned",
		secondment.Active:        "secondment.status.active",
		secondment.Ended:         "secondment.status.ended",
		secondment.ReturnedEarly: "secondment.status.returned_early",
	}
	// The grades are those of annual assessments, in their words.
	secondmentGradeKeys = map[secondment.Grade]string{
		secondment.Excellent:   "people.grade.excellent",
		secondment.Competent:   "people.grade.competent",
		secondment.Basic:       "people.grade.basic",
		secondment.Incompetent: "people.grade.incompetent",
	}
)

// SecondmentsView is the listing of secondments.
type SecondmentsView struct {
	Page
	Filter   Form
	Rows     []SecondmentRow
	Pager    Pager
	Kinds    []Choice
	Statuses []Choice
	// Under is the organisation whose subtree the listing is limited to;
	// UnderClear is the listing without that limit.
	Under      *org.Org
	UnderClear string
	// WarnDays is how long before its end a secondment is flagged;
	// ExpiringURL lists those flagged today.
	WarnDays    int
	ExpiringURL string
	ExportURL   string
	CanManage   bool
}

// SecondmentRow is a secondment in words, its status on today.
type SecondmentRow struct {
	secondment.Listed
	KindKey   string
	Status    secondment.Status
	StatusKey string
	// Expiring flags an ongoing secondment that ends within the warning
	// days.
	Expiring bool
}

func secondmentRow(l secondment.Listed, today civil.Date, warnDays int) SecondmentRow {
	st := l.StatusOn(today)
	return SecondmentRow{Listed: l, KindKey: secondmentKindKeys[l.Kind], Status: st, StatusKey: secondmentStatusKeys[st],
		Expiring: l.ExpiresWithin(today, warnDays)}
}

func kindChoices() []Choice {
	out := make([]Choice, len(secondment.Kinds))
	for i, k := range secondment.Kinds {
		out[i] = Choice{Value: string(k), Key: secondmentKindKeys[k]}
	}
	return out
}

func statusChoices() []Choice {
	out := make([]Choice, len(secondment.Statuses))
	for i, st := range secondment.Statuses {
		out[i] = Choice{Value: string(st), Key: secondmentStatusKeys[st]}
	}
	return out
}

// secondmentFilter reads the filters of the listing (and of its export).
// Problems go into the returned form, beside their fields.
func (s *Server) secondmentFilter(ctx context.Context, q url.Values, today civil.Date) (secondment.Filter, Form, *org.Org, error) {
	f := formOf(q)
	sf := secondment.Filter{Under: f.Get("under"), Today: today}
	if k := secondment.Kind(f.Get("kind")); k != "" {
		if _, ok := secondmentKindKeys[k]; ok {
			sf.Kind = k
		} else {
			f.Add("kind", "field.invalid_choice")
		}
	}
	if st := secondment.Status(f.Get("status")); st != "" {
		if _, ok := secondmentStatusKeys[st]; ok {
			sf.Status = st
		} else {
			f.Add("status", "field.invalid_choice")
		}
	}
	if v := f.Get("expiring"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxExpiringDays {
			f.Add("expiring", "secondment.field.expiring", maxExpiringDays)
		} else {
			sf.ExpiringWithin = n
		}
	}
	var under *org.Org
	if sf.Under != "" {
		o, err := s.orgs.Get(ctx, sf.Under)
		if err == nil {
			err = access.Check(access.From(ctx), access.SecondmentRead, o.Path)
		}
		switch {
		case err == nil:
			under = o
		case fault.CodeOf(err) == fault.NotFound:
			f.Add("under", "error.not_found")
		default:
			return sf, f, nil, err
		}
	}
	return sf, f, under, nil
}

func (s *Server) secondmentList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, size := pageParams(q, secondmentSizes)
	today := civil.Today(shanghai)
	sf, f, under, err := s.secondmentFilter(ctx, q, today)
	if err != nil {
		return err
	}
	lq := newListQuery("/secondments", q)
	v := &SecondmentsView{Page: s.page(w, r, "secondment.title"), Filter: f, Kinds: kindChoices(), Statuses: statusChoices(),
		Under: under, WarnDays: s.warnDays, CanManage: access.From(ctx).Has(access.SecondmentManage),
		ExpiringURL: lq.with("expiring", strconv.Itoa(s.warnDays), "status", "", "page", ""),
		ExportURL:   newListQuery("/secondments/export", q).with("page", "", "size", "")}
	if under != nil {
		v.UnderClear = lq.with("under", "", "page", "")
	}
	if !f.OK() {
		v.Pager = newPager(lq, 1, size, 0, nil)
		return s.render(w, http.StatusUnprocessableEntity, pageSecondments, v)
	}
	total, err := s.secondments.Count(ctx, sf)
	if err != nil {
		return err
	}
	sf.Offset, sf.Limit = (page-1)*size, size
	list, err := s.secondments.List(ctx, sf)
	if err != nil {
		return err
	}
	v.Pager = newPager(lq, page, size, total, secondmentSizes)
	for _, l := range list {
		v.Rows = append(v.Rows, secondmentRow(l, today, s.warnDays))
	}
	return s.render(w, http.StatusOK, pageSecondments, v)
}

// SecondmentsPanel is the secondment section of a dossier: the person's
// secondments, and the link that starts a new one when the principal may.
type SecondmentsPanel struct {
	Rows   []SecondmentRow
	NewURL string
}

// resumeWithSecondments reads the secondments of d's person that the
// principal may see and adds their lines to d's resume
// (secondment.AddToResume), so that the dossier and the printed 任免审批表
// list them. A principal without secondment.read gets none, and the resume
// as stored.
func (s *Server) resumeWithSecondments(ctx context.Context, d *person.Dossier) ([]secondment.Secondment, error) {
	if !s.readsSecondments(ctx) {
		return nil, nil
	}
	secs, err := s.secondments.ForPerson(ctx, d.Person.ID)
	if err != nil {
		return nil, err
	}
	secondment.AddToResume(d, secs, civil.Today(shanghai))
	return secs, nil
}

// secondmentPanel is resumeWithSecondments with the dossier's section: nil
// for a principal who may not read secondments.
func (s *Server) secondmentPanel(ctx context.Context, d *person.Dossier) (*SecondmentsPanel, error) {
	if !s.readsSecondments(ctx) {
		return nil, nil
	}
	secs, err := s.resumeWithSecondments(ctx, d)
	if err != nil {
		return nil, err
	}
	today := civil.Today(shanghai)
	panel := &SecondmentsPanel{}
	for _, sec := range secs {
		panel.Rows = append(panel.Rows, secondmentRow(secondment.Listed{Secondment: sec, PersonName: d.Person.Name}, today, s.warnDays))
	}
	if access.From(ctx).Has(access.SecondmentManage) {
		panel.NewURL = "/secondments/new?" + url.Values{"person": {d.Person.ID}}.Encode()
	}
	return panel, nil
}

// readsSecondments reports whether the principal in ctx may read
// secondments and the server keeps them.
func (s *Server) readsSecondments(ctx context.Context) bool {
	return s.secondments != nil && access.From(ctx).Has(access.SecondmentRead)
}
