package api

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/selection"
	"zugong/internal/workday"
)

// Selections is the selection workflow (选拔任用) as the API uses it; the
// store's SelectionService implements it.
type Selections interface {
	List(ctx context.Context, under string, stage selection.Stage) ([]selection.Selection, error)
	Get(ctx context.Context, id string) (*selection.Selection, error)
	Apply(ctx context.Context, id string, step selection.Step) (*selection.Selection, error)
}

// Calendar answers for one year of the working-day calendar; the store's
// CalendarService implements it.
type Calendar interface {
	// Year returns the schedule in force and whether an administrator
	// uploaded it; a year without one is not found.
	Year(ctx context.Context, year int) (workday.Schedule, bool, error)
}

// selectionJSON is a selection with every step recorded.
type selectionJSON struct {
	ID    string     `json:"id"`
	OrgID string     `json:"org_id"`
	Post  string     `json:"post"`
	Stage string     `json:"stage"`
	Steps []stepJSON `json:"steps"`
}

// stepJSON is one step, as recorded and as posted: the Record every step
// keeps, the stage, and the fields of that stage (the others are absent).
type stepJSON struct {
	Stage      string     `json:"stage"`
	Date       civil.Date `json:"date,omitzero"`
	Organ      string     `json:"organ,omitempty"`
	RecordedBy string     `json:"recorded_by,omitempty"`
	Reference  string     `json:"reference,omitempty"`
	// 动议
	WorkPlan string `json:"work_plan,omitempty"`
	Posts    int    `json:"posts,omitempty"`
	Approved int    `json:"approved,omitempty"`
	Occupied int    `json:"occupied,omitempty"`
	// 民主推荐
	Participants int           `json:"participants,omitempty"`
	Nominees     []nomineeJSON `json:"nominees,omitempty"`
	ValidUntil   civil.Date    `json:"valid_until,omitzero"`
	// 考察
	NoticeDate civil.Date    `json:"notice_date,omitzero"`
	Subjects   []subjectJSON `json:"subjects,omitempty"`
	// 酝酿
	Consultation string `json:"consultation,omitempty"`
	// 讨论决定
	Due     int          `json:"due,omitempty"`
	Present int          `json:"present,omitempty"`
	Ballots []ballotJSON `json:"ballots,omitempty"`
	// 任前公示
	Start      civil.Date      `json:"start,omitzero"`
	End        civil.Date      `json:"end,omitzero"`
	Candidates []string        `json:"candidates,omitempty"`
	Phone      string          `json:"phone,omitempty"`
	Address    string          `json:"address,omitempty"`
	Objections []objectionJSON `json:"objections,omitempty"`
	// 任职
	Appointees []appointeeJSON `json:"appointees,omitempty"`
	// 试用期满考核
	Outcomes []outcomeJSON `json:"outcomes,omitempty"`
}

type nomineeJSON struct {
	PersonID string `json:"person_id"`
	Votes    int    `json:"votes"`
}

type subjectJSON struct {
	PersonID               string        `json:"person_id"`
	Findings               string        `json:"findings"`
	DossierAuditedOn       civil.Date    `json:"dossier_audited_on,omitzero"`
	DossierFindings        []findingJSON `json:"dossier_findings"`
	PersonalMattersChecked bool          `json:"personal_matters_checked"`
	DisciplineOpinion      string        `json:"discipline_opinion"`
	IntegritySigned        bool          `json:"integrity_signed"`
	IntegritySigner        string        `json:"integrity_signer"`
}

type findingJSON struct {
	Rule     string `json:"rule"`
	Resolved bool   `json:"resolved"`
	Note     string `json:"note"`
}

type ballotJSON struct {
	PersonID        string `json:"person_id"`
	Agree           int    `json:"agree"`
	Disagree        int    `json:"disagree"`
	Defer           int    `json:"defer"`
	MeetingDeferred bool   `json:"meeting_deferred"`
	// Outcome is set in answers only.
	Outcome string `json:"outcome,omitempty"`
}

type objectionJSON struct {
	ID         string     `json:"id"`
	PersonID   string     `json:"person_id"`
	Text       string     `json:"text"`
	Received   civil.Date `json:"received"`
	Finding    string     `json:"finding"`
	Upheld     bool       `json:"upheld"`
	ResolvedOn civil.Date `json:"resolved_on,omitzero"`
}

type appointeeJSON struct {
	PersonID      string     `json:"person_id"`
	TalkDate      civil.Date `json:"talk_date"`
	TalkBy        string     `json:"talk_by"`
	Leading       bool       `json:"leading"`
	Elected       bool       `json:"elected"`
	BureauOrAbove bool       `json:"bureau_or_above"`
	Lateral       bool       `json:"lateral"`
	// Probation and ProbationEnds are set in answers only.
	Probation     bool       `json:"probation"`
	ProbationEnds civil.Date `json:"probation_ends,omitzero"`
}

type outcomeJSON struct {
	PersonID   string `json:"person_id"`
	Result     string `json:"result"`
	Assessment string `json:"assessment"`
}

func selectionView(sel *selection.Selection) selectionJSON {
	out := selectionJSON{ID: sel.ID, OrgID: sel.OrgID, Post: sel.Post, Stage: string(sel.Stage()), Steps: []stepJSON{}}
	if m := sel.Motion; m != nil {
		out.Steps = append(out.Steps, withRecord(selection.StageMotion, m.Record, stepJSON{WorkPlan: m.WorkPlan, Posts: m.Posts,
			Approved: m.Approved, Occupied: m.Occupied}))
	}
	if r := sel.Recommendation; r != nil {
		j := stepJSON{Participants: r.Participants, ValidUntil: r.ValidUntil()}
		for _, n := range r.Nominees {
			j.Nominees = append(j.Nominees, nomineeJSON(n))
		}
		out.Steps = append(out.Steps, withRecord(selection.StageRecommendation, r.Record, j))
	}
	if in := sel.Inspection; in != nil {
		j := stepJSON{NoticeDate: in.NoticeDate}
		for _, sub := range in.Subjects {
			sj := subjectJSON{PersonID: sub.PersonID, Findings: sub.Findings, DossierAuditedOn: sub.Dossier.AuditedOn,
				DossierFindings: []findingJSON{}, PersonalMattersChecked: sub.PersonalMattersChecked,
				DisciplineOpinion: sub.DisciplineOpinion, IntegritySigned: sub.IntegritySigned, IntegritySigner: sub.IntegritySigner}
			for _, f := range sub.Dossier.Findings {
				sj.DossierFindings = append(sj.DossierFindings, findingJSON(f))
			}
			j.Subjects = append(j.Subjects, sj)
		}
		out.Steps = append(out.Steps, withRecord(selection.StageInspection, in.Record, j))
	}
	if d := sel.Deliberation; d != nil {
		out.Steps = append(out.Steps, withRecord(selection.StageDeliberation, d.Record, stepJSON{Consultation: d.Consultation}))
	}
	if d := sel.Decision; d != nil {
		j := stepJSON{Due: d.Due, Present: d.Present}
		for _, b := range d.Ballots {
			j.Ballots = append(j.Ballots, ballotJSON{PersonID: b.PersonID, Agree: b.Agree, Disagree: b.Disagree, Defer: b.Defer,
				MeetingDeferred: b.MeetingDeferred, Outcome: string(b.Outcome(d.Due, d.Present))})
		}
		out.Steps = append(out.Steps, withRecord(selection.StageDecision, d.Record, j))
	}
	if p := sel.Publicity; p != nil {
		j := stepJSON{Start: p.Start, End: p.End, Candidates: slices.Clone(p.Candidates), Phone: p.Phone, Address: p.Address}
		for _, o := range p.Objections {
			j.Objections = append(j.Objections, objectionJSON(o))
		}
		out.Steps = append(out.Steps, withRecord(selection.StagePublicity, p.Record, j))
	}
	if a := sel.Appointment; a != nil {
		j := stepJSON{}
		for _, ap := range a.Appointees {
			j.Appointees = append(j.Appointees, appointeeJSON{PersonID: ap.PersonID, TalkDate: ap.TalkDate, TalkBy: ap.TalkBy,
				Leading: ap.Leading, Elected: ap.Elected, BureauOrAbove: ap.BureauOrAbove, Lateral: ap.Lateral,
				Probation: ap.Probation, ProbationEnds: ap.ProbationEnds})
		}
		out.Steps = append(out.Steps, withRecord(selection.StageAppointment, a.Record, j))
	}
	if r := sel.Probation; r != nil {
		j := stepJSON{}
		for _, o := range r.Outcomes {
			j.Outcomes = append(j.Outcomes, outcomeJSON{PersonID: o.PersonID, Result: string(o.Result), Assessment: o.Assessment})
		}
		out.Steps = append(out.Steps, withRecord(selection.StageProbation, r.Record, j))
	}
	return out
}

func withRecord(st selection.Stage, rec selection.Record, j stepJSON) stepJSON {
	j.Stage, j.Date, j.Organ, j.RecordedBy, j.Reference = string(st), rec.Date, rec.Organ, rec.By, rec.Reference
	return j
}

// step turns a posted step into the domain's; the service records who
// posted it. Fields the service fills (a recommendation's validity, the
// outcome of a ballot, a probation's end) are ignored when posted.
func (j stepJSON) step() (selection.Step, error) {
	rec := selection.Record{Date: j.Date, Organ: j.Organ, Reference: j.Reference}
	switch selection.Stage(j.Stage) {
	case selection.StageMotion:
		return selection.Motion{Record: rec, WorkPlan: j.WorkPlan, Posts: j.Posts, Approved: j.Approved, Occupied: j.Occupied}, nil
	case selection.StageRecommendation:
		r := selection.Recommendation{Record: rec, Participants: j.Participants}
		for _, n := range j.Nominees {
			r.Nominees = append(r.Nominees, selection.Nominee(n))
		}
		return r, nil
	case selection.StageInspection:
		in := selection.Inspection{Record: rec, NoticeDate: j.NoticeDate}
		for _, s := range j.Subjects {
			sub := selection.Subject{PersonID: s.PersonID, Findings: s.Findings, PersonalMattersChecked: s.PersonalMattersChecked,
				DisciplineOpinion: s.DisciplineOpinion, IntegritySigned: s.IntegritySigned, IntegritySigner: s.IntegritySigner}
			for _, f := range s.DossierFindings {
				sub.Dossier.Findings = append(sub.Dossier.Findings, selection.DossierFinding(f))
			}
			in.Subjects = append(in.Subjects, sub)
		}
		return in, nil
	case selection.StageDeliberation:
		return selection.Deliberation{Record: rec, Consultation: j.Consultation}, nil
	case selection.StageDecision:
		d := selection.Decision{Record: rec, Due: j.Due, Present: j.Present}
		for _, b := range j.Ballots {
			d.Ballots = append(d.Ballots, selection.Ballot{PersonID: b.PersonID, Agree: b.Agree, Disagree: b.Disagree, Defer: b.Defer,
				MeetingDeferred: b.MeetingDeferred})
		}
		return d, nil
	case selection.StagePublicity:
		p := selection.Publicity{Record: rec, Start: j.Start, End: j.End, Candidates: j.Candidates, Phone: j.Phone, Address: j.Address}
		for _, o := range j.Objections {
			p.Objections = append(p.Objections, selection.Objection(o))
		}
		return p, nil
	case selection.StageAppointment:
		a := selection.Appointment{Record: rec}
		for _, ap := range j.Appointees {
			a.Appointees = append(a.Appointees, selection.Appointee{PersonID: ap.PersonID, TalkDate: ap.TalkDate, TalkBy: ap.TalkBy,
				Leading: ap.Leading, Elected: ap.Elected, BureauOrAbove: ap.BureauOrAbove, Lateral: ap.Lateral})
		}
		return a, nil
	case selection.StageProbation:
		r := selection.ProbationReview{Record: rec}
		for _, o := range j.Outcomes {
			r.Outcomes = append(r.Outcomes, selection.ProbationOutcome{PersonID: o.PersonID, Result: selection.Result(o.Result),
				Assessment: o.Assessment})
		}
		return r, nil
	}
	var f fault.Fields
	f.Add("stage", "field.invalid_choice")
	return nil, f.Err()
}

func validStage(s string) bool { return slices.Contains(selection.Stages, selection.Stage(s)) }

// listSelections lists the selections in the caller's scope, optionally
// under an organisation and at one stage.
func (s *Server) listSelections(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	stage := selection.Stage(p.choice("stage", validStage))
	under := p.str("under")
	if err := p.err(); err != nil {
		return err
	}
	list, err := s.selections.List(r.Context(), under, stage)
	if err != nil {
		return err
	}
	items := make([]selectionJSON, len(list))
	for i := range list {
		items[i] = selectionView(&list[i])
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (s *Server) getSelection(w http.ResponseWriter, r *http.Request) error {
	sel, err := s.selections.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, selectionView(sel))
}

// recordSelectionStep records the next step of a selection; the domain
// refuses one out of order with a conflict naming both stages.
func (s *Server) recordSelectionStep(w http.ResponseWriter, r *http.Request) error {
	var in stepJSON
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	step, err := in.step()
	if err != nil {
		return err
	}
	sel, err := s.selections.Apply(r.Context(), r.PathValue("id"), step)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, selectionView(sel))
}

// calendarYearJSON is one year of the working-day calendar.
type calendarYearJSON struct {
	Year     int           `json:"year"`
	Uploaded bool          `json:"uploaded"`
	Days     []calendarDay `json:"days"`
}

type calendarDay struct {
	Date civil.Date `json:"date"`
	Kind string     `json:"kind"`
	Name string     `json:"name"`
}

// calendarYear answers a year's holidays and make-up working days; a year
// whose schedule is not published is not found.
func (s *Server) calendarYear(w http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1 {
		return fault.New(fault.NotFound, "api.route.not_found")
	}
	sc, uploaded, err := s.calendar.Year(r.Context(), year)
	if err != nil {
		return err
	}
	out := calendarYearJSON{Year: sc.Year, Uploaded: uploaded, Days: make([]calendarDay, len(sc.Days))}
	for i, d := range sc.Days {
		out.Days[i] = calendarDay{Date: d.Date, Kind: string(d.Kind), Name: d.Name}
	}
	slices.SortFunc(out.Days, func(a, b calendarDay) int { return a.Date.Time().Compare(b.Date.Time()) })
	return writeJSON(w, http.StatusOK, out)
}
