package api

import (
	"net/http"
	"strconv"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/secondment"
)

// maxExpiringDays bounds ?expiring=: a term with its extensions lasts at
// most secondment.MaxTermYears.
const maxExpiringDays = 366 * secondment.MaxTermYears

// secondmentJSON is a secondment as the API shows it; status is the one on
// the day of the request (China Standard Time).
type secondmentJSON struct {
	ID             string                    `json:"id"`
	JurisdictionID string                    `json:"jurisdiction_id"`
	PersonID       string                    `json:"person_id"`
	PersonName     string                    `json:"person_name"`
	Kind           string                    `json:"kind"`
	HomeOrgID      string                    `json:"home_org_id"`
	HomeUnit       string                    `json:"home_unit"`
	HostOrgID      string                    `json:"host_org_id"`
	HostUnit       string                    `json:"host_unit"`
	HostPost       string                    `json:"host_post"`
	Start          *string                   `json:"start"`
	End            *string                   `json:"end"`
	EffectiveEnd   *string                   `json:"effective_end"`
	FullTime       bool                      `json:"full_time"`
	DecisionDoc    string                    `json:"decision_doc"`
	Status         string                    `json:"status"`
	Extensions     []extensionJSON           `json:"extensions"`
	Return         *returnJSON               `json:"return"`
	MidTerm        *secondmentAssessmentJSON `json:"mid_term"`
	EndOfTerm      *secondmentAssessmentJSON `json:"end_of_term"`
	Version        int                       `json:"version"`
}

type extensionJSON struct {
	From    *string `json:"from"`
	To      *string `json:"to"`
	Reason  string  `json:"reason"`
	Decided *string `json:"decided"`
}

type returnJSON struct {
	On     *string `json:"on"`
	Reason string  `json:"reason"`
}

type secondmentAssessmentJSON struct {
	On      *string `json:"on"`
	Grade   string  `json:"grade"`
	Comment string  `json:"comment"`
}

func assessmentView(a *secondment.Assessment) *secondmentAssessmentJSON {
	if a == nil {
		return nil
	}
	return &secondmentAssessmentJSON{On: date(a.On), Grade: string(a.Grade), Comment: a.Comment}
}

func secondmentView(l *secondment.Listed, today civil.Date) secondmentJSON {
	out := secondmentJSON{ID: l.ID, JurisdictionID: l.JurisdictionID, PersonID: l.PersonID, PersonName: l.PersonName,
		Kind: string(l.Kind), HomeOrgID: l.HomeOrgID, HomeUnit: l.HomeOrg, HostOrgID: l.HostOrgID, HostUnit: l.HostUnit,
		HostPost: l.HostPost, Start: date(l.Start), End: date(l.End), EffectiveEnd: date(l.EffectiveEnd()),
		FullTime: l.FullTime, DecisionDoc: l.DecisionDoc, Status: string(l.StatusOn(today)),
		Extensions: []extensionJSON{}, MidTerm: assessmentView(l.MidTerm), EndOfTerm: assessmentView(l.EndOfTerm),
		Version: l.Version}
	for _, e := range l.Extensions {
		out.Extensions = append(out.Extensions, extensionJSON{From: date(e.From), To: date(e.To), Reason: e.Reason, Decided: date(e.Decided)})
	}
	if r := l.Return; r != nil {
		out.Return = &returnJSON{On: date(r.On), Reason: r.Reason}
	}
	return out
}

func validSecondmentKind(s string) bool {
	for _, k := range secondment.Kinds {
		if string(k) == s {
			return true
		}
	}
	return false
}

func validSecondmentStatus(s string) bool {
	for _, st := range secondment.Statuses {
		if string(st) == s {
			return true
		}
	}
	return false
}

// expiring reads ?expiring=, a number of days; 0 means no such filter.
func (p *params) expiring() int {
	v := p.str("expiring")
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxExpiringDays {
		p.fields.Add("expiring", "secondment.field.expiring", maxExpiringDays)
		return 0
	}
	return n
}

// listSecondments lists the secondments whose home unit is in the caller's
// scope, ending soonest first.
func (s *Server) listSecondments(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	today := civil.Today(chinaTime)
	f := secondment.Filter{
		Under:          p.str("under"),
		Kind:           secondment.Kind(p.choice("kind", validSecondmentKind)),
		Status:         secondment.Status(p.choice("status", validSecondmentStatus)),
		ExpiringWithin: p.expiring(),
		Today:          today,
	}
	limit := p.limit()
	// The day is part of the listing: statuses move with it.
	st := p.cursor(listingKey("secondments", f.Under, string(f.Kind), string(f.Status), strconv.Itoa(f.ExpiringWithin), today.String()))
	if err := p.err(); err != nil {
		return err
	}
	// One more than a page tells whether another follows.
	f.Offset, f.Limit = st.Offset, limit+1
	list, err := s.secondments.List(r.Context(), f)
	if err != nil {
		return err
	}
	seen := st.Offset + len(list)
	list = list[:min(len(list), limit)]
	items := make([]secondmentJSON, len(list))
	for i := range list {
		items[i] = secondmentView(&list[i], today)
	}
	return writeJSON(w, http.StatusOK, newPage(items, offsetCursor(st, len(items), seen)))
}

func (s *Server) getSecondment(w http.ResponseWriter, r *http.Request) error {
	l, err := s.secondments.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, secondmentView(l, civil.Today(chinaTime)))
}

// secondmentRequest is a new secondment. full_time defaults to true: most
// secondments release the cadre full time.
type secondmentRequest struct {
	PersonID    string `json:"person_id"`
	Kind        string `json:"kind"`
	HomeOrgID   string `json:"home_org_id"`
	HostOrgID   string `json:"host_org_id"`
	HostUnit    string `json:"host_unit"`
	HostPost    string `json:"host_post"`
	Start       string `json:"start"`
	End         string `json:"end"`
	FullTime    *bool  `json:"full_time"`
	DecisionDoc string `json:"decision_doc"`
}

// secondmentFieldNames are the request's names of the domain's fields.
var secondmentFieldNames = map[string]string{"person": "person_id", "home_org": "home_org_id", "host_org": "host_org_id"}

// createSecondment records a secondment. One that overlaps another
// full-time secondment of the person is refused with 422 on start.
func (s *Server) createSecondment(w http.ResponseWriter, r *http.Request) error {
	var req secondmentRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	var f fault.Fields
	sec := secondment.Secondment{PersonID: req.PersonID, Kind: secondment.Kind(req.Kind), HomeOrgID: req.HomeOrgID,
		HostOrgID: req.HostOrgID, HostUnit: req.HostUnit, HostPost: req.HostPost, FullTime: req.FullTime == nil || *req.FullTime,
		DecisionDoc: req.DecisionDoc, Start: parseDate(&f, "start", req.Start), End: parseDate(&f, "end", req.End)}
	if len(f) > 0 {
		// An empty home unit is the person's organisation, which only the
		// service knows: its "required" is not a problem here.
		if e, ok := fault.As(sec.Validate()); ok {
			for name, fe := range e.Fields {
				if name != "home_org" || sec.HomeOrgID != "" {
					f.Add(name, fe.Key, fe.Args...)
				}
			}
		}
		return renameFields(f.Err(), secondmentFieldNames)
	}
	saved, err := s.secondments.Save(r.Context(), &sec)
	if err != nil {
		return renameFields(err, secondmentFieldNames)
	}
	l, err := s.secondments.Get(r.Context(), saved.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/secondments/"+l.ID)
	return writeJSON(w, http.StatusCreated, secondmentView(l, civil.Today(chinaTime)))
}
