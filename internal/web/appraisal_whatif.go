package web

import (
	"net/http"
	"net/url"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/fault"
)

// whatIfRows bounds the movements the what-if page lists: the biggest
// movements first would need the whole group sorted again, and the top of
// the new order is what a committee discusses.
const whatIfRows = 200

// AppraisalWhatIfView re-scores a group with the weights of the form and
// shows every cadre's rank movement; nothing is published.
type AppraisalWhatIfView struct {
	Page
	Scheme     appraisal.Scheme
	Groups     []GroupTab
	Group      string
	Form       Form
	Indicators []WeightField
	Ran        bool
	Moves      []MoveRow
	Total      int
	Others     []fault.FieldError
}

// WeightField is one indicator's weight input.
type WeightField struct {
	Code    string
	Name    string
	Current string
	Field   string
}

// MoveRow is one cadre's movement.
type MoveRow struct {
	appraisal.Movement
	Name     string
	OldTotal string
	NewTotal string
}

func (s *Server) appraisalWhatIf(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sc, err := s.appraisal.Scheme(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	groups, err := s.appraisal.Groups(ctx, sc.ID)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := formOf(q)
	group := chosenGroup(q.Get("group"), groups)
	v := &AppraisalWhatIfView{Page: s.page(w, r, "page.appraisal_whatif"), Scheme: *sc, Group: group, Form: f,
		Groups: groupTabs("/appraisal/"+sc.ID+"/whatif", groups, group)}
	v.Subject = sc.Name
	var changes []appraisal.WeightChange
	for _, in := range sc.Indicators {
		field := "w." + in.Code
		v.Indicators = append(v.Indicators, WeightField{Code: in.Code, Name: in.Name, Current: in.Weight.String(), Field: field})
		raw := f.Get(field)
		if raw == "" {
			continue
		}
		n, ok := parseHundredths(raw)
		if !ok {
			v.Form.Add(field, "appraisal.web.number_format")
			continue
		}
		changes = append(changes, appraisal.WeightChange{Code: in.Code, Weight: appraisal.Points(n)})
	}
	status := http.StatusOK
	if q.Has("run") && group != "" && v.Form.OK() {
		moves, err := s.appraisal.WhatIf(ctx, sc.ID, group, changes)
		switch {
		case err == nil:
			v.Ran, v.Total = true, len(moves)
			if len(moves) > whatIfRows {
				moves = moves[:whatIfRows]
			}
			if err := s.moveRows(r, v, moves); err != nil {
				return err
			}
		case v.Form.Absorb(err):
			status = http.StatusUnprocessableEntity
		default:
			return err
		}
	}
	v.Others = v.Form.Others()
	return s.render(w, status, pageAppraisalWhatIf, v)
}

func (s *Server) moveRows(r *http.Request, v *AppraisalWhatIfView, moves []appraisal.Movement) error {
	ids := make([]string, len(moves))
	for i, m := range moves {
		ids[i] = m.PersonID
	}
	names, err := s.appraisal.PersonNames(r.Context(), ids)
	if err != nil {
		return err
	}
	for _, m := range moves {
		v.Moves = append(v.Moves, MoveRow{Movement: m, Name: names[m.PersonID], OldTotal: m.OldTotal.String(), NewTotal: m.NewTotal.String()})
	}
	return nil
}

// groupTabs links each group on the page at base.
func groupTabs(base string, groups []string, current string) []GroupTab {
	out := make([]GroupTab, len(groups))
	for i, g := range groups {
		out[i] = GroupTab{Name: g, URL: base + "?group=" + url.QueryEscape(g), Current: g == current}
	}
	return out
}

// AppraisalListsView shows the grade proposals and the recommendation
// lists of a group, each entry with its reasons.
type AppraisalListsView struct {
	Page
	Scheme   appraisal.Scheme
	Groups   []GroupTab
	Group    string
	Approved bool
	On       civil.Date
	Grades   []ListRow
	// Lists are the promotion list, the top performers held back and the
	// adjustment list.
	Lists []RecList
}

// RecList is one recommendation list: its title key, element ID and rows.
// Action, when set, is the catalog key of the link each row offers to act
// on the recommendation (ListRow.ActionURL).
type RecList struct {
	Title  string
	ID     string
	Rows   []ListRow
	Action string
}

// ListRow is one cadre of a proposal list.
type ListRow struct {
	PersonID string
	Name     string
	Rank     int
	Grade    string
	Merit    bool
	Reasons  []Message
	URL      string
	// ActionURL acts on the recommendation: for the adjustment list, the
	// form that records the cadre stepping down (能下).
	ActionURL string
}

func (s *Server) appraisalLists(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sc, err := s.appraisal.Scheme(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	groups, err := s.appraisal.Groups(ctx, sc.ID)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	group := chosenGroup(q.Get("group"), groups)
	on, err := civil.Parse(q.Get("on"))
	if err != nil || on.IsZero() {
		on = civil.Today(shanghai)
	}
	v := &AppraisalListsView{Page: s.page(w, r, "page.appraisal_lists"), Scheme: *sc, Group: group, On: on,
		Approved: q.Get("approved") == "1", Groups: groupTabs("/appraisal/"+sc.ID+"/lists", groups, group)}
	v.Subject = sc.Name
	if group == "" {
		return s.render(w, http.StatusOK, pageAppraisalLists, v)
	}
	grades, err := s.appraisal.Grades(ctx, sc.ID, group, v.Approved)
	if err != nil {
		return err
	}
	recs, err := s.appraisal.Recommend(ctx, sc.ID, group, on)
	if err != nil {
		return err
	}
	var ids []string
	for _, g := range grades {
		ids = append(ids, g.PersonID)
	}
	names, err := s.appraisal.PersonNames(ctx, ids)
	if err != nil {
		return err
	}
	base := "/appraisal/" + sc.ID + "/people/"
	for _, g := range grades {
		v.Grades = append(v.Grades, ListRow{PersonID: g.PersonID, Name: names[g.PersonID], Rank: g.Rank, Grade: string(g.Grade),
			Merit: g.MeritCitation, Reasons: reasonMessages(g.Reasons), URL: base + g.PersonID})
	}
	rows := func(list []appraisal.Recommendation) []ListRow {
		out := make([]ListRow, len(list))
		for i, rc := range list {
			out[i] = ListRow{PersonID: rc.PersonID, Name: names[rc.PersonID], Rank: rc.Rank, Reasons: reasonMessages(rc.Reasons),
				URL: base + rc.PersonID}
		}
		return out
	}
	adjust := RecList{Title: "appraisal.web.adjust", ID: "adjust", Rows: rows(recs.Adjust)}
	if access.From(ctx).Has(access.SelectionManage) {
		adjust.Action = "appraisal.web.record_stepdown"
		for i := range adjust.Rows {
			adjust.Rows[i].ActionURL = "/stepdowns/new?person=" + url.QueryEscape(adjust.Rows[i].PersonID)
		}
	}
	v.Lists = []RecList{{Title: "appraisal.web.promote", ID: "promote", Rows: rows(recs.Promote)},
		{Title: "appraisal.web.held_back", ID: "held-back", Rows: rows(recs.HeldBack)}, adjust}
	return s.render(w, http.StatusOK, pageAppraisalLists, v)
}

// reasonMessages turns the domain's reasons into catalog messages.
func reasonMessages(rs []appraisal.Reason) []Message {
	out := make([]Message, len(rs))
	for i, r := range rs {
		args := make([]any, len(r.Args))
		for j, a := range r.Args {
			args[j] = a
		}
		out[i] = Message{Key: r.Key, Args: args}
	}
	return out
}
