package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/quality"
	"zugong/internal/selection"
)

// SelectionView is one selection: the steps recorded as a timeline with who
// recorded each, on which date, by which document; the objections of its
// 任前公示; the notice; probation warnings; and the form of the next step
// only.
type SelectionView struct {
	Page
	ID       string
	Post     string
	OrgID    string
	OrgName  string
	StageKey string
	Steps    []StepEntry
	// Ended is the catalog key saying why no further step can follow.
	Ended    string
	Warnings []Message
	// Refusal is a step refused as a whole (out of order, a stale form).
	Refusal *Message
	Next    *NextStep
	// Publicity holds the objections and their forms while the 任前公示
	// stands, and the notice once it is recorded.
	Objections       []ObjectionRow
	ObjectionForm    *Form
	CanObject        bool
	Candidates       []Candidate
	Notice           []string
	NoticeIncomplete bool
}

// StepEntry is one step of the timeline.
type StepEntry struct {
	StageKey  string
	Date      civil.Date
	OrganName string
	By        string
	Reference string
	Facts     []Fact
}

// Fact is one line of what a step recorded: a label and its words.
type Fact struct {
	Key  string
	Text string
}

// ObjectionRow is one objection with, while unresolved, its resolution form.
type ObjectionRow struct {
	ID         string
	Name       string
	Text       string
	Received   civil.Date
	Resolved   bool
	Finding    string
	Upheld     bool
	ResolvedOn civil.Date
	Form       *Form
}

// Candidate is a person a step is about, as a row of its form.
type Candidate struct {
	N        int
	PersonID string
	Name     string
	// Findings are the dossier audit's findings (考察 only).
	Findings []DossierItem
}

// DossierItem is one data-quality finding of a candidate's dossier.
type DossierItem struct {
	J       int
	Rule    string
	RuleKey string
	Why     Message
}

// NextStep is the form of the step that may follow.
type NextStep struct {
	Stage    string
	StageKey string
	Form     Form
	Rows     []Candidate
	// Blank numbers the free rows of the recommendation form.
	Blank  []int
	Organs []org.Org
	// Cadres are offered as the recommendation's candidates.
	Cadres []person.Summary
	Others []fault.FieldError
}

// stepForm is a form posted to the selection page, to re-render with its
// problems.
type stepForm struct {
	stage     selection.Stage
	step      *Form
	refusal   *Message
	objection *Form
	resolveID string
	resolve   *Form
}

func (s *Server) selectionDetail(w http.ResponseWriter, r *http.Request) error {
	sel, err := s.selections.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderSelection(w, r, http.StatusOK, sel, stepForm{})
}

func (s *Server) renderSelection(w http.ResponseWriter, r *http.Request, status int, sel *selection.Selection, sf stepForm) error {
	ctx := r.Context()
	pg := s.page(w, r, "selection.page.detail")
	pg.Subject = sel.Post
	t := func(key string, args ...any) string { return s.catalog.T(pg.Locale, key, args...) }
	dossiers := s.candidateDossiers(ctx, sel)
	names := map[string]string{}
	for id, d := range dossiers {
		names[id] = d.Person.Name
	}
	orgName := s.orgNames(ctx)
	v := &SelectionView{Page: pg, ID: sel.ID, Post: sel.Post, OrgID: sel.OrgID, OrgName: orgName(sel.OrgID),
		StageKey: sel.Stage().Key(), Refusal: sf.refusal}
	for _, st := range timeline(sel) {
		v.Steps = append(v.Steps, StepEntry{StageKey: st.Stage.Key(), Date: st.Date, OrganName: orgName(st.Organ), By: st.By,
			Reference: st.Reference, Facts: facts(sel, st.Stage, names, t)})
	}
	today := civil.Today(shanghai)
	v.Warnings = probationWarnings(sel, today, s.probationWarnDays, names)
	canManage := access.From(ctx).Has(access.SelectionManage)
	if sel.Publicity != nil {
		v.fillPublicity(sel, names, canManage, sf)
		v.Notice, v.NoticeIncomplete = s.noticeLines(sel, dossiers, orgName, t)
	}
	next, ended := nextStage(sel)
	v.Ended = ended
	if canManage && ended == "" {
		n, err := s.nextStep(ctx, sel, next, names, sf)
		if err != nil {
			return err
		}
		v.Next = n
	}
	return s.render(w, status, pageSelection, v)
}

// recorded is the Record of one step with its stage.
type recorded struct {
	selection.Record
	Stage selection.Stage
}

// timeline lists the steps a selection recorded, in order.
func timeline(sel *selection.Selection) []recorded {
	var out []recorded
	for _, st := range selection.Stages {
		if rec, ok := recordAt(sel, st); ok {
			out = append(out, recorded{Record: rec, Stage: st})
		}
	}
	return out
}

// recordAt returns the Record of the step of stage st, if recorded.
func recordAt(sel *selection.Selection, st selection.Stage) (selection.Record, bool) {
	switch {
	case st == selection.StageMotion && sel.Motion != nil:
		return sel.Motion.Record, true
	case st == selection.StageRecommendation && sel.Recommendation != nil:
		return sel.Recommendation.Record, true
	case st == selection.StageInspection && sel.Inspection != nil:
		return sel.Inspection.Record, true
	case st == selection.StageDeliberation && sel.Deliberation != nil:
		return sel.Deliberation.Record, true
	case st == selection.StageDecision && sel.Decision != nil:
		return sel.Decision.Record, true
	case st == selection.StagePublicity && sel.Publicity != nil:
		return sel.Publicity.Record, true
	case st == selection.StageAppointment && sel.Appointment != nil:
		return sel.Appointment.Record, true
	case st == selection.StageProbation && sel.Probation != nil:
		return sel.Probation.Record, true
	}
	return selection.Record{}, false
}

// nextStage returns the stage whose form the page offers, or the catalog
// key saying why none can follow: every step recorded, no candidate
// passed the decision, nobody serving a probation. The domain still
// enforces the order; this only chooses the form.
func nextStage(sel *selection.Selection) (selection.Stage, string) {
	cur := sel.Stage()
	switch {
	case cur == selection.StageProbation:
		return "", "selection.ended.complete"
	case cur == selection.StageDecision && len(sel.Decision.Passed()) == 0:
		return "", "selection.ended.none_passed"
	case cur == selection.StageAppointment && !slices.ContainsFunc(sel.Appointment.Appointees,
		func(a selection.Appointee) bool { return a.Probation }):
		return "", "selection.ended.no_probation"
	}
	i := slices.Index(selection.Stages, cur)
	return selection.Stages[i+1], ""
}

// candidateDossiers reads the dossier of every person the selection names,
// for names and the notice; a person the reader may not see is left out.
func (s *Server) candidateDossiers(ctx context.Context, sel *selection.Selection) map[string]*person.Dossier {
	out := map[string]*person.Dossier{}
	if s.people == nil || sel.Recommendation == nil {
		return out
	}
	for _, n := range sel.Recommendation.Nominees {
		if d, err := s.people.Get(ctx, n.PersonID); err == nil {
			out[n.PersonID] = d
		}
	}
	return out
}

// nameOf is the person's name, or the ID when the registry did not give it.
func nameOf(names map[string]string, id string) string {
	if n := names[id]; n != "" {
		return n
	}
	return id
}

// facts says in words what one step recorded.
func facts(sel *selection.Selection, st selection.Stage, names map[string]string, t words) []Fact {
	var out []Fact
	add := func(key, text string) { out = append(out, Fact{Key: key, Text: text}) }
	switch st {
	case selection.StageMotion:
		m := sel.Motion
		add("selection.field.work_plan", m.WorkPlan)
		add("selection.fact.posts", t("selection.fact.posts_text", m.Posts, m.Approved, m.Occupied))
	case selection.StageRecommendation:
		rec := sel.Recommendation
		add("selection.field.participants", strconv.Itoa(rec.Participants))
		for _, n := range rec.Nominees {
			add("selection.fact.nominee", t("selection.fact.votes_text", nameOf(names, n.PersonID), n.Votes))
		}
		add("selection.fact.valid_until", rec.ValidUntil().String())
	case selection.StageInspection:
		in := sel.Inspection
		add("selection.field.notice_date", in.NoticeDate.String())
		for _, sub := range in.Subjects {
			add("selection.fact.subject", t("selection.fact.subject_text", nameOf(names, sub.PersonID), len(sub.Dossier.Findings),
				sub.Dossier.AuditedOn.String(), sub.IntegritySigner))
			add("selection.field.discipline_opinion", sub.DisciplineOpinion)
		}
	case selection.StageDeliberation:
		add("selection.field.consultation", sel.Deliberation.Consultation)
	case selection.StageDecision:
		d := sel.Decision
		add("selection.fact.attendance", t("selection.fact.attendance_text", d.Present, d.Due))
		for _, b := range d.Ballots {
			add("selection.fact.ballot", t("selection.fact.ballot_text", nameOf(names, b.PersonID), b.Agree, b.Disagree, b.Defer,
				t("selection.outcome."+string(b.Outcome(d.Due, d.Present)))))
		}
	case selection.StagePublicity:
		p := sel.Publicity
		add("selection.fact.period", t("selection.fact.period_text", p.Start.String(), p.End.String()))
		for _, id := range p.Candidates {
			add("selection.fact.publicised", nameOf(names, id))
		}
		add("selection.field.phone", p.Phone)
		add("selection.field.address", p.Address)
	case selection.StageAppointment:
		for _, a := range sel.Appointment.Appointees {
			text := t("selection.fact.appointee_text", nameOf(names, a.PersonID), a.TalkDate.String(), a.TalkBy)
			if a.Probation {
				text += t("selection.fact.probation_until", a.ProbationEnds.String())
			}
			add("selection.fact.appointee", text)
		}
		add("selection.fact.tenure_start", sel.TenureStart().String())
	case selection.StageProbation:
		for _, o := range sel.Probation.Outcomes {
			add("selection.fact.outcome", t("selection.fact.outcome_text", nameOf(names, o.PersonID),
				t("selection.result."+string(o.Result)), o.Assessment))
		}
	}
	return out
}

// probationWarnings flags each probation ending within warnDays or
// already over, while no review is recorded.
func probationWarnings(sel *selection.Selection, today civil.Date, warnDays int, names map[string]string) []Message {
	if sel.Appointment == nil || sel.Probation != nil {
		return nil
	}
	var out []Message
	for _, a := range sel.Appointment.Appointees {
		if !a.Probation || today.Before(a.ProbationWarning(warnDays)) {
			continue
		}
		key := "selection.warning.probation_ending"
		if !today.Before(a.ProbationEnds) {
			key = "selection.warning.probation_over"
		}
		out = append(out, Message{Key: key, Args: []any{nameOf(names, a.PersonID), a.ProbationEnds.String()}})
	}
	return out
}

// fillPublicity lists the objections, with a resolution form for each one
// open while the publicity stands, and the form to record another.
func (v *SelectionView) fillPublicity(sel *selection.Selection, names map[string]string, canManage bool, sf stepForm) {
	standing := sel.Stage() == selection.StagePublicity && canManage
	for _, o := range sel.Publicity.Objections {
		row := ObjectionRow{ID: o.ID, Name: nameOf(names, o.PersonID), Text: o.Text, Received: o.Received, Resolved: o.Resolved(),
			Finding: o.Finding, Upheld: o.Upheld, ResolvedOn: o.ResolvedOn}
		if standing && !o.Resolved() {
			f := formOf(url.Values{"resolved_on": {civil.Today(shanghai).String()}})
			if sf.resolveID == o.ID && sf.resolve != nil {
				f = *sf.resolve
			}
			row.Form = &f
		}
		v.Objections = append(v.Objections, row)
	}
	for i, id := range sel.Publicity.Candidates {
		v.Candidates = append(v.Candidates, Candidate{N: i, PersonID: id, Name: nameOf(names, id)})
	}
	v.CanObject = standing
	if standing {
		f := formOf(url.Values{"received": {civil.Today(shanghai).String()}})
		if sf.objection != nil {
			f = *sf.objection
		}
		v.ObjectionForm = &f
	}
}

// noticeLines sets the 任前公示 notice from the publicity, the decision and
// the candidates' dossiers, line by line. incomplete reports that the
// registry lacks something the notice prints, which is then blank.
func (s *Server) noticeLines(sel *selection.Selection, dossiers map[string]*person.Dossier, orgName func(string) string, t words) ([]string, bool) {
	p := sel.Publicity
	n := selection.Notice{Decider: orgName(sel.Decision.Organ), Organ: orgName(p.Organ), Issued: p.Date, Start: p.Start, End: p.End,
		Phone: p.Phone, Address: p.Address}
	today := civil.Today(shanghai)
	for _, id := range p.Candidates {
		e := selection.NoticeEntry{ProposedPost: sel.Post}
		if d, ok := dossiers[id]; ok {
			form := newAppointmentForm(d, today, t)
			e.Name, e.Gender, e.Ethnicity, e.Born, e.CurrentPost = form.Name, form.Gender, form.Ethnicity, d.Person.BirthDate, form.CurrentPost
			e.Education = form.FullTime.Level
			if e.Education == "" {
				e.Education = form.InService.Level
			}
		}
		n.Candidates = append(n.Candidates, e)
	}
	return strings.Split(strings.TrimRight(n.Text(), "\n"), "\n"), n.Validate() != nil
}

// nextStep builds the form of stage: the values posted when sf holds a
// failed form of that stage, else the defaults (today's date, the organ of
// the step before, every candidate ticked).
func (s *Server) nextStep(ctx context.Context, sel *selection.Selection, stage selection.Stage, names map[string]string, sf stepForm) (*NextStep, error) {
	organs, err := s.organs(ctx, sel.OrgID)
	if err != nil {
		return nil, err
	}
	n := &NextStep{Stage: string(stage), StageKey: stage.Key(), Organs: organs}
	posted := sf.step != nil && sf.stage == stage
	if posted {
		n.Form = *sf.step
	} else {
		n.Form = formOf(url.Values{"date": {civil.Today(shanghai).String()}})
		if steps := timeline(sel); len(steps) > 0 {
			n.Form.Values.Set("organ", steps[len(steps)-1].Organ)
		}
	}
	var findings map[string][]quality.Finding
	if stage == selection.StageInspection {
		if findings, err = s.selections.DossierFindings(ctx, sel.ID); err != nil {
			return nil, err
		}
	}
	for i, id := range candidatesFor(sel, stage) {
		c := Candidate{N: i, PersonID: id, Name: nameOf(names, id)}
		for j, fd := range findings[id] {
			item := DossierItem{J: j, Rule: fd.Rule, Why: Message{Key: fd.Why, Args: fd.Args}}
			if rule, ok := quality.RuleByID(fd.Rule); ok {
				item.RuleKey = rule.NameKey()
			}
			c.Findings = append(c.Findings, item)
		}
		n.Rows = append(n.Rows, c)
		if !posted {
			p := row(listOf(stage), i)
			n.Form.Values.Set(p+"include", "1")
			n.Form.Values.Set(p+"leading", "1")
			n.Form.Values.Set(p+"talk_date", civil.Today(shanghai).String())
		}
	}
	if stage == selection.StageRecommendation {
		n.Blank = make([]int, formRows(&n.Form, "nominees", nomineeRows))
		for i := range n.Blank {
			n.Blank[i] = i
		}
		if s.people != nil {
			page, err := s.people.List(ctx, person.Filter{Facet: person.FacetCadre, Sort: "name", Limit: 300, SkipTotal: true})
			if err == nil {
				n.Cadres = page.Items
			}
		}
	}
	n.Others = n.Form.Others(shownFields(n)...)
	return n, nil
}

// listOf names the list of candidates of a step's form, if it has one.
func listOf(stage selection.Stage) string {
	switch stage {
	case selection.StageInspection:
		return "subjects"
	case selection.StageDecision:
		return "ballots"
	case selection.StagePublicity:
		return "candidates"
	case selection.StageAppointment:
		return "appointees"
	case selection.StageProbation:
		return "outcomes"
	case selection.StageRecommendation:
		return "nominees"
	}
	return ""
}

// candidatesFor lists the people a step's form has a row for: those the
// step before left in the running.
func candidatesFor(sel *selection.Selection, stage selection.Stage) []string {
	var out []string
	switch stage {
	case selection.StageInspection:
		for _, n := range sel.Recommendation.Nominees {
			out = append(out, n.PersonID)
		}
	case selection.StageDecision:
		for _, sub := range sel.Inspection.Subjects {
			out = append(out, sub.PersonID)
		}
	case selection.StagePublicity:
		out = sel.Decision.Passed()
	case selection.StageAppointment:
		out = slices.Clone(sel.Publicity.Candidates)
	case selection.StageProbation:
		for _, a := range sel.Appointment.Appointees {
			if a.Probation {
				out = append(out, a.PersonID)
			}
		}
	}
	return out
}

// stepFields are the fields each stage's form shows besides its rows.
var stepFields = map[selection.Stage][]string{
	selection.StageRecommendation: {"participants", "nominees"},
	selection.StageInspection:     {"notice_date", "subjects"},
	selection.StageDeliberation:   {"consultation"},
	selection.StageDecision:       {"due", "present", "ballots"},
	selection.StagePublicity:      {"start", "end", "phone", "address", "candidates"},
	selection.StageAppointment:    {"appointees"},
	selection.StageProbation:      {"outcomes"},
}

// rowFields are the fields of one row of each list.
var rowFields = map[string][]string{
	"nominees":   {"person_id", "votes"},
	"subjects":   {"person_id", "findings", "personal_matters_checked", "discipline_opinion", "integrity_signed", "integrity_signer"},
	"ballots":    {"person_id", "votes"},
	"candidates": {""},
	"appointees": {"person_id", "talk_date", "talk_by"},
	"outcomes":   {"person_id", "result", "assessment"},
}

// shownFields lists every field the form of n shows beside its input, so
// that problems of any other field are listed above the form.
func shownFields(n *NextStep) []string {
	stage := selection.Stage(n.Stage)
	out := append(append([]string{"stage"}, recordFields...), stepFields[stage]...)
	list := listOf(stage)
	if list == "" {
		return out
	}
	rowsShown := len(n.Rows)
	if stage == selection.StageRecommendation {
		rowsShown = len(n.Blank)
	}
	for i := range rowsShown {
		for _, field := range rowFields[list] {
			name := fmt.Sprintf("%s.%d", list, i)
			if field != "" {
				name += "." + field
			}
			out = append(out, name)
		}
	}
	return out
}

// selectionPosted reads the selection the path names (scope checked) and the
// form posted to it, for the forms of the selection page.
func (s *Server) selectionPosted(r *http.Request) (*selection.Selection, Form, error) {
	sel, err := s.selections.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, Form{}, err
	}
	f, err := parseForm(r)
	return sel, f, err
}

// selectionStep records the step the form names. An out-of-order step is
// refused by the domain and shown as a refusal above the page's form of
// the step that may follow.
func (s *Server) selectionStep(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sel, f, err := s.selectionPosted(r)
	if err != nil {
		return err
	}
	stage := selection.Stage(f.Get("stage"))
	step, rw := stepOf(stage, &f)
	if f.OK() {
		if _, err = s.selections.Apply(ctx, sel.ID, step); err == nil {
			s.setFlash(w, "flash.selection_step")
			return redirect(w, r, "/selections/"+url.PathEscape(sel.ID))
		}
		if !s.absorbSelection(&f, r, rw, s.personNames(ctx, sel), err) {
			return err
		}
	}
	sf := stepForm{stage: stage, step: &f}
	if next, _ := nextStage(sel); stage != next && f.Error != nil {
		sf = stepForm{refusal: f.Error}
	}
	return s.renderSelection(w, r, f.Status(err), sel, sf)
}

// personNames maps the IDs of the selection's candidates to their names.
func (s *Server) personNames(ctx context.Context, sel *selection.Selection) map[string]string {
	names := map[string]string{}
	for id, d := range s.candidateDossiers(ctx, sel) {
		names[id] = d.Person.Name
	}
	return names
}

// selectionObject records an objection received during the publicity.
func (s *Server) selectionObject(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sel, f, err := s.selectionPosted(r)
	if err != nil {
		return err
	}
	o := selection.Objection{PersonID: f.Get("person_id"), Text: f.Get("text"), Received: f.Date("received")}
	if f.OK() {
		if _, err = s.selections.Object(ctx, sel.ID, o); err == nil {
			s.setFlash(w, "flash.selection_objection")
			return redirect(w, r, "/selections/"+url.PathEscape(sel.ID)+"#objections")
		}
		if !s.absorbSelection(&f, r, nil, s.personNames(ctx, sel), err) {
			return err
		}
	}
	return s.renderSelection(w, r, f.Status(err), sel, stepForm{objection: &f})
}

// selectionResolve records the finding on an objection.
func (s *Server) selectionResolve(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sel, f, err := s.selectionPosted(r)
	if err != nil {
		return err
	}
	id := f.Get("objection_id")
	on := f.Date("resolved_on")
	if f.OK() {
		if _, err = s.selections.Resolve(ctx, sel.ID, id, f.Get("finding"), f.Checked("upheld"), on); err == nil {
			s.setFlash(w, "flash.selection_resolved")
			return redirect(w, r, "/selections/"+url.PathEscape(sel.ID)+"#objections")
		}
		if fault.Is(err, fault.NotFound) {
			return err
		}
		if !s.absorbSelection(&f, r, nil, s.personNames(ctx, sel), err) {
			return err
		}
	}
	return s.renderSelection(w, r, f.Status(err), sel, stepForm{resolveID: id, resolve: &f})
}

// NoticeView is the 任前公示 notice alone, to print.
type NoticeView struct {
	Page
	ID         string
	Lines      []string
	Incomplete bool
}

func (s *Server) selectionNotice(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sel, err := s.selections.Get(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	if sel.Publicity == nil {
		return fault.New(fault.NotFound, "selection.no_notice")
	}
	pg := s.page(w, r, "selection.page.notice")
	pg.Subject = sel.Post
	t := func(key string, args ...any) string { return s.catalog.T(gate.Locale(r), key, args...) }
	v := &NoticeView{Page: pg, ID: sel.ID}
	v.Lines, v.Incomplete = s.noticeLines(sel, s.candidateDossiers(ctx, sel), s.orgNames(ctx), t)
	return s.render(w, http.StatusOK, pageSelectionNotice, v)
}
