package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/selection"
)

// A step form names its fields as the domain does ("nominees.0.votes",
// "subjects.1.findings"), so that the domain's field errors land beside
// the fields they concern. Candidate rows a user leaves out (an unticked
// row, a blank nominee) are not sent to the domain; rows maps the index of
// each list the domain saw back to the form's row.

// rows maps, for each list of a step ("nominees", "subjects" …), the
// domain's index to the form's row.
type rows map[string][]int

// formField renames a domain field to the form's: the list index becomes
// the row it came from.
func (rw rows) formField(field string) string {
	list, rest, ok := strings.Cut(field, ".")
	if !ok {
		return field
	}
	idx, tail, _ := strings.Cut(rest, ".")
	i, err := strconv.Atoi(idx)
	of, known := rw[list]
	if err != nil || !known || i < 0 || i >= len(of) {
		return field
	}
	out := list + "." + strconv.Itoa(of[i])
	if tail != "" {
		out += "." + tail
	}
	return out
}

// intField reads a whole number; a blank field is 0, for the domain to
// judge, and anything else not a number is a problem of the field.
func intField(f *Form, name string) int {
	v := f.Get(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.Add(name, "selection.not_a_number")
	}
	return n
}

// recordOf reads the Record every step keeps.
func recordOf(f *Form) selection.Record {
	return selection.Record{Date: f.Date("date"), Organ: f.Get("organ"), Reference: f.Get("reference")}
}

// row returns the form's prefix of row n of list ("nominees.3.").
func row(list string, n int) string { return fmt.Sprintf("%s.%d.", list, n) }

// formRows counts the rows of list the form holds: up to the highest row
// a field names, and at least min.
func formRows(f *Form, list string, min int) int {
	n := min
	for k := range f.Values {
		rest, ok := strings.CutPrefix(k, list+".")
		if !ok {
			continue
		}
		idx, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(idx); err == nil && i >= n && i < maxCandidateRows {
			n = i + 1
		}
	}
	return n
}

// maxCandidateRows bounds the rows a form may hold.
const maxCandidateRows = 30

// nomineeRows is how many blank nominee rows the recommendation form offers.
const nomineeRows = 5

func motionOf(f *Form) selection.Motion {
	return selection.Motion{Record: recordOf(f), WorkPlan: f.Get("work_plan"), Posts: intField(f, "posts"),
		Approved: intField(f, "approved"), Occupied: intField(f, "occupied")}
}

// stepOf reads the step of stage from the form. The candidates a later
// step is about are the rows the form was rendered with, each naming its
// person in a hidden field.
func stepOf(stage selection.Stage, f *Form) (selection.Step, rows) {
	rw := rows{}
	switch stage {
	case selection.StageMotion:
		return motionOf(f), rw
	case selection.StageRecommendation:
		r := selection.Recommendation{Record: recordOf(f), Participants: intField(f, "participants")}
		for n := range formRows(f, "nominees", nomineeRows) {
			p := row("nominees", n)
			if f.Get(p+"person_id") == "" && f.Get(p+"votes") == "" {
				continue
			}
			r.Nominees = append(r.Nominees, selection.Nominee{PersonID: f.Get(p + "person_id"), Votes: intField(f, p+"votes")})
			rw["nominees"] = append(rw["nominees"], n)
		}
		return r, rw
	case selection.StageInspection:
		in := selection.Inspection{Record: recordOf(f), NoticeDate: f.Date("notice_date")}
		for n := range formRows(f, "subjects", 0) {
			p := row("subjects", n)
			if !f.Checked(p + "include") {
				continue
			}
			in.Subjects = append(in.Subjects, subjectOf(f, p))
			rw["subjects"] = append(rw["subjects"], n)
		}
		return in, rw
	case selection.StageDeliberation:
		return selection.Deliberation{Record: recordOf(f), Consultation: f.Get("consultation")}, rw
	case selection.StageDecision:
		d := selection.Decision{Record: recordOf(f), Due: intField(f, "due"), Present: intField(f, "present")}
		for n := range formRows(f, "ballots", 0) {
			p := row("ballots", n)
			if !f.Checked(p + "include") {
				continue
			}
			d.Ballots = append(d.Ballots, selection.Ballot{PersonID: f.Get(p + "person_id"), Agree: intField(f, p+"agree"),
				Disagree: intField(f, p+"disagree"), Defer: intField(f, p+"defer"), MeetingDeferred: f.Checked(p + "meeting_deferred")})
			rw["ballots"] = append(rw["ballots"], n)
		}
		return d, rw
	case selection.StagePublicity:
		pub := selection.Publicity{Record: recordOf(f), Start: f.Date("start"), End: f.Date("end"),
			Phone: f.Get("phone"), Address: f.Get("address")}
		for n := range formRows(f, "candidates", 0) {
			p := row("candidates", n)
			if f.Checked(p + "include") {
				pub.Candidates = append(pub.Candidates, f.Get(p+"person_id"))
				rw["candidates"] = append(rw["candidates"], n)
			}
		}
		return pub, rw
	case selection.StageAppointment:
		a := selection.Appointment{Record: recordOf(f)}
		for n := range formRows(f, "appointees", 0) {
			p := row("appointees", n)
			if !f.Checked(p + "include") {
				continue
			}
			a.Appointees = append(a.Appointees, selection.Appointee{PersonID: f.Get(p + "person_id"), TalkDate: f.Date(p + "talk_date"),
				TalkBy: f.Get(p + "talk_by"), Leading: f.Checked(p + "leading"), Elected: f.Checked(p + "elected"),
				BureauOrAbove: f.Checked(p + "bureau_or_above"), Lateral: f.Checked(p + "lateral")})
			rw["appointees"] = append(rw["appointees"], n)
		}
		return a, rw
	case selection.StageProbation:
		pr := selection.ProbationReview{Record: recordOf(f)}
		for n := range formRows(f, "outcomes", 0) {
			p := row("outcomes", n)
			pr.Outcomes = append(pr.Outcomes, selection.ProbationOutcome{PersonID: f.Get(p + "person_id"),
				Result: selection.Result(f.Get(p + "result")), Assessment: f.Get(p + "assessment")})
			rw["outcomes"] = append(rw["outcomes"], n)
		}
		return pr, rw
	}
	f.Add("stage", "field.invalid_choice")
	return nil, rw
}

// subjectOf reads one person inspected: the inspection's pieces and how
// each finding of the dossier audit was dealt with.
func subjectOf(f *Form, p string) selection.Subject {
	sub := selection.Subject{PersonID: f.Get(p + "person_id"), Findings: f.Get(p + "findings"),
		PersonalMattersChecked: f.Checked(p + "personal_matters_checked"), DisciplineOpinion: f.Get(p + "discipline_opinion"),
		IntegritySigned: f.Checked(p + "integrity_signed"), IntegritySigner: f.Get(p + "integrity_signer")}
	for j := range formRows(f, p+"dossier.findings", 0) {
		fp := row(p+"dossier.findings", j)
		sub.Dossier.Findings = append(sub.Dossier.Findings, selection.DossierFinding{Rule: f.Get(fp + "rule"),
			Resolved: f.Checked(fp + "resolved"), Note: f.Get(fp + "note")})
	}
	return sub
}

// absorbSelection takes a domain error into a selection form: field
// problems beside their fields (list indexes turned into the form's rows),
// anything else as the form's message. Stages and people in the message
// are put in words: the stage's name, the person's name. It reports false
// for errors the form cannot show.
func (s *Server) absorbSelection(f *Form, r *http.Request, rw rows, names map[string]string, err error) bool {
	e, ok := fault.As(err)
	if !ok {
		return false
	}
	switch e.Code {
	case fault.Invalid, fault.Conflict:
	default:
		return false
	}
	loc := gate.Locale(r)
	words := func(key string, args ...any) string { return s.catalog.T(loc, key, args...) }
	for k, fe := range e.Fields {
		f.Add(rw.formField(k), fe.Key, inWords(fe.Args, words, names)...)
	}
	if len(e.Fields) == 0 {
		f.Error = &Message{Key: e.Key, Args: inWords(e.Args, words, names)}
	}
	return true
}

// inWords shows the arguments of a message as a reader would say them.
func inWords(args []any, t words, names map[string]string) []any {
	out := slices.Clone(args)
	for i, a := range out {
		switch v := a.(type) {
		case selection.Stage:
			out[i] = t(v.Key())
		case selection.Reason:
			out[i] = t("selection.reason." + string(v))
		case selection.Route:
			out[i] = t("selection.route." + string(v))
		case string:
			if n, ok := names[v]; ok && n != "" {
				out[i] = n
			}
		}
	}
	return out
}
