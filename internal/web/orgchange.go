package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
)

// OrgChangeView is the form that records a change of one organisation. It
// holds a fieldset for each kind of change; the chosen kind decides which
// fields count. Without JavaScript every fieldset shows; with it, only the
// chosen one.
type OrgChangeView struct {
	Page
	Org        *org.Org
	Form       Form
	EventKinds []org.EventKind
	Kinds      []org.Kind
	Sectors    []org.Sector
	// Parts numbers the rows for the organisations a split creates.
	Parts []int
	// Others are problems of fields the form does not show.
	Others []fault.FieldError
}

// minPartRows and maxPartRows bound the rows offered for a split.
const (
	minPartRows = 3
	maxPartRows = 10
)

// unitFields are the fields of a new organisation, alone (establish) or
// as parts.N.<field> (split).
var unitFields = []string{"name", "short_name", "kind", "sector", "division_code"}

// changeFields are the fields the change form shows, besides the parts.
var changeFields = []string{"event", "name", "short_name", "kind", "sector", "division_code", "new_name", "new_short_name",
	"target_id", "keep_original", "parts", "effective_on", "document_no", "note"}

func (s *Server) orgChangeForm(w http.ResponseWriter, r *http.Request) error {
	o, err := s.writableOrg(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := formOf(url.Values{"event": {q.Get("event")}, "target_id": {q.Get("target_id")},
		"effective_on": {civil.Today(shanghai).String()}})
	return s.renderChange(w, r, http.StatusOK, o, f)
}

// writableOrg returns the organisation of the path if the principal may
// change it; otherwise not found, as for a record out of scope.
func (s *Server) writableOrg(r *http.Request) (*org.Org, error) {
	o, err := s.orgs.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if err := access.Check(access.From(r.Context()), access.OrgWrite, o.Path); err != nil {
		return nil, err
	}
	return o, nil
}

func (s *Server) renderChange(w http.ResponseWriter, r *http.Request, status int, o *org.Org, f Form) error {
	p := s.page(w, r, "page.org_change")
	p.Subject = o.Name
	rows := partRows(f)
	shown := append([]string(nil), changeFields...)
	for _, n := range rows {
		for _, u := range unitFields {
			shown = append(shown, partField(n, u))
		}
	}
	v := &OrgChangeView{Page: p, Org: o, Form: f, EventKinds: org.EventKinds, Kinds: org.Kinds, Sectors: org.Sectors,
		Parts: rows, Others: f.Others(shown...)}
	return s.render(w, status, pageOrgChange, v)
}

func partField(n int, field string) string { return "parts." + strconv.Itoa(n) + "." + field }

// partRows numbers the split rows: at least minPartRows, and enough for
// every row the user filled.
func partRows(f Form) []int {
	n := minPartRows
	for k := range f.Values {
		if rest, ok := strings.CutPrefix(k, "parts."); ok {
			idx, _, _ := strings.Cut(rest, ".")
			if i, err := strconv.Atoi(idx); err == nil && i >= n && i < maxPartRows {
				n = i + 1
			}
		}
	}
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	return rows
}

func (s *Server) orgChange(w http.ResponseWriter, r *http.Request) error {
	o, err := s.writableOrg(r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	c, rowOf := changeOf(o, &f)
	if !f.OK() {
		return s.renderChange(w, r, http.StatusUnprocessableEntity, o, f)
	}
	res, _, err := s.orgs.Record(r.Context(), c)
	if err != nil {
		if !absorbChange(&f, c.Kind, rowOf, err) {
			return err
		}
		return s.renderChange(w, r, f.Status(err), o, f)
	}
	s.setFlash(w, "flash.org_recorded")
	if c.Kind == org.Establish && res != nil {
		return redirect(w, r, "/orgs/"+url.PathEscape(res.ID))
	}
	return redirect(w, r, "/orgs/"+url.PathEscape(o.ID))
}

// changeOf reads the change of o from the form. Problems the form alone
// shows (an unknown kind, a date that is not a date) are added to f, together
// with the domain's own validation of the rest, so the user sees every
// problem at once; no call is made then. rowOf maps the index of a part to
// its row on the form, since blank rows are skipped.
func changeOf(o *org.Org, f *Form) (org.Change, []int) {
	kind := org.EventKind(f.Get("event"))
	c := org.Change{Kind: kind, OrgID: o.ID, DocumentNo: f.Get("document_no"), Note: f.Get("note")}
	if !kind.Valid() {
		f.Add("event", "field.invalid_choice")
		return c, nil
	}
	var rowOf []int
	switch kind {
	case org.Establish:
		c.OrgID, c.ParentID = "", o.ID
		c.Unit = unitOf(f, "")
	case org.Rename:
		c.NewName, c.NewShortName = f.Get("new_name"), f.Get("new_short_name")
	case org.Merge, org.Reparent:
		c.TargetID = f.Get("target_id")
	case org.Split:
		c.KeepOriginal = f.Checked("keep_original")
		for _, n := range partRows(*f) {
			prefix := fmt.Sprintf("parts.%d.", n)
			if blankUnit(f, prefix) {
				continue
			}
			c.Parts = append(c.Parts, unitOf(f, prefix))
			rowOf = append(rowOf, n)
		}
	}
	today := civil.Today(shanghai)
	raw := f.Get("effective_on")
	d, derr := civil.Parse(raw)
	c.EffectiveOn = d
	if derr != nil {
		// Validate the rest as if the date were fine, then say what is
		// wrong with the date.
		c.EffectiveOn = today
	}
	if err := c.Validate(today); err != nil {
		absorbChange(f, kind, rowOf, err)
	}
	if derr != nil {
		delete(f.Errors, "effective_on")
		f.Add("effective_on", "field.date")
		c.EffectiveOn = civil.Date{}
	}
	return c, rowOf
}

func unitOf(f *Form, prefix string) org.NewUnit {
	return org.NewUnit{Name: f.Get(prefix + "name"), ShortName: f.Get(prefix + "short_name"), Kind: org.Kind(f.Get(prefix + "kind")),
		Sector: org.Sector(f.Get(prefix + "sector")), DivisionCode: f.Get(prefix + "division_code")}
}

func blankUnit(f *Form, prefix string) bool {
	for _, u := range unitFields {
		if f.Get(prefix+u) != "" {
			return false
		}
	}
	return true
}

// absorbChange takes a domain error into the form: field problems under the
// names of the form's fields, and the errors of the tree's rules beside the
// field they concern. It reports false for errors the form cannot show.
func absorbChange(f *Form, kind org.EventKind, rowOf []int, err error) bool {
	e, ok := fault.As(err)
	if !ok {
		return false
	}
	for k, fe := range e.Fields {
		f.Add(formFieldOf(k, rowOf), fe.Key, fe.Args...)
	}
	if len(e.Fields) > 0 {
		return true
	}
	if field := ruleField(kind, e); field != "" {
		f.Add(field, e.Key, e.Args...)
		return true
	}
	return f.Absorb(err)
}

// formFieldOf renames parts.<i>.x to the row the part came from.
func formFieldOf(field string, rowOf []int) string {
	rest, ok := strings.CutPrefix(field, "parts.")
	if !ok {
		return field
	}
	idx, tail, ok := strings.Cut(rest, ".")
	i, err := strconv.Atoi(idx)
	if !ok || err != nil || i < 0 || i >= len(rowOf) {
		return field
	}
	return partField(rowOf[i], tail)
}

// ruleField names the field a rule of the tree is about.
func ruleField(kind org.EventKind, e *fault.Error) string {
	switch e.Key {
	case "error.org.kind_placement":
		switch kind {
		case org.Establish:
			return "kind"
		case org.Split:
			return "parts"
		}
		return "target_id"
	case "error.org.move_into_self", "error.org.cross_jurisdiction", "error.org.merge_family":
		if kind == org.Merge || kind == org.Reparent {
			return "target_id"
		}
	case "error.not_found":
		// The organisation itself was checked before the call; what is
		// missing is the target.
		if kind == org.Merge || kind == org.Reparent {
			return "target_id"
		}
	}
	return ""
}
