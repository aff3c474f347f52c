package api

import (
	"net/http"
	"strings"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/fault"
)

// schemeJSON is a scheme version as the domain holds it. Weights, points
// and values are decimal strings with two places ("87.25"), as in the
// ranking.
type schemeJSON struct {
	ID         string          `json:"id"`
	Version    int             `json:"version"`
	OrgID      string          `json:"org_id"`
	Name       string          `json:"name"`
	Group      string          `json:"group"`
	Period     periodJSON      `json:"period"`
	Scale      bool            `json:"scale"`
	Indicators []indicatorJSON `json:"indicators"`
	Bonuses    []itemJSON      `json:"bonuses"`
	Deductions []itemJSON      `json:"deductions"`
	Vetoes     []vetoJSON      `json:"vetoes"`
}

type periodJSON struct {
	From *string `json:"from"`
	To   *string `json:"to"`
}

type indicatorJSON struct {
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Orientation string     `json:"orientation"`
	Weight      string     `json:"weight"`
	Unit        string     `json:"unit"`
	Direction   string     `json:"direction"`
	Method      string     `json:"method"`
	Target      string     `json:"target"`
	Zero        string     `json:"zero"`
	Bands       []bandJSON `json:"bands"`
	Measure     string     `json:"measure"`
	Class       string     `json:"class"`
}

type bandJSON struct {
	Limit   string `json:"limit"`
	Percent int64  `json:"percent"`
}

type itemJSON struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Class string `json:"class"`
	Per   string `json:"per"`
	Cap   string `json:"cap"`
}

type vetoJSON struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Class    string `json:"class"`
	GradeCap string `json:"grade_cap"`
}

func schemeView(sc *appraisal.Scheme, orgID string) schemeJSON {
	out := schemeJSON{ID: sc.ID, Version: sc.Version, OrgID: orgID, Name: sc.Name, Group: string(sc.Group),
		Period: periodJSON{From: date(sc.Period.From), To: date(sc.Period.To)}, Scale: sc.Scale,
		Indicators: make([]indicatorJSON, len(sc.Indicators)), Bonuses: itemsView(sc.Bonuses), Deductions: itemsView(sc.Deductions),
		Vetoes: make([]vetoJSON, len(sc.Vetoes))}
	for i, in := range sc.Indicators {
		v := indicatorJSON{Code: in.Code, Name: in.Name, Orientation: string(in.Orientation), Weight: in.Weight.String(),
			Unit: in.Unit, Direction: string(in.Direction), Method: string(in.Method), Target: in.Target.String(),
			Zero: in.Zero.String(), Bands: make([]bandJSON, len(in.Bands)), Measure: string(in.Measure), Class: in.Class}
		for j, b := range in.Bands {
			v.Bands[j] = bandJSON{Limit: b.Limit.String(), Percent: b.Percent}
		}
		out.Indicators[i] = v
	}
	for i, v := range sc.Vetoes {
		out.Vetoes[i] = vetoJSON{Code: v.Code, Name: v.Name, Kind: string(v.Kind), Class: v.Class, GradeCap: string(v.Cap)}
	}
	return out
}

func itemsView(items []appraisal.Item) []itemJSON {
	out := make([]itemJSON, len(items))
	for i, it := range items {
		out[i] = itemJSON{Code: it.Code, Name: it.Name, Kind: string(it.Kind), Class: it.Class, Per: it.Per.String(), Cap: it.Cap.String()}
	}
	return out
}

func (s *Server) getAppraisalScheme(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id := r.PathValue("id")
	sc, err := s.appraisal.Scheme(ctx, id)
	if err != nil {
		return err
	}
	orgID, err := s.appraisal.SchemeOrg(ctx, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, schemeView(sc, orgID))
}

// recomputeAppraisal scores every peer group of the scheme's latest version
// from the signed-off evidence and publishes the rankings. It reads no body.
func (s *Server) recomputeAppraisal(w http.ResponseWriter, r *http.Request) error {
	n, err := s.appraisal.Recompute(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Ranked int `json:"ranked"`
	}{n})
}

// addAppraisalMembers puts cadres into one of the scheme's peer groups (or
// moves them there), all or none.
func (s *Server) addAppraisalMembers(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id := r.PathValue("id")
	// A scheme out of scope is not found before the body is read.
	if _, err := s.appraisal.Scheme(ctx, id); err != nil {
		return err
	}
	var req struct {
		Group     string   `json:"group"`
		PersonIDs []string `json:"person_ids"`
	}
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	if len(req.PersonIDs) == 0 {
		var f fault.Fields
		f.Add("person_ids", "field.required")
		return f.Err()
	}
	if err := s.appraisal.AddMembers(ctx, id, req.Group, req.PersonIDs); err != nil {
		return renameFields(err, map[string]string{"person_id": "person_ids"})
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// evidenceRecordJSON is a whole evidence record: what the explanation shows
// of it and its measured values, decimal strings with two places.
type evidenceRecordJSON struct {
	evidenceJSON
	PersonID  string `json:"person_id"`
	Amount    string `json:"amount"`
	InPlace   string `json:"in_place"`
	Progress  string `json:"progress"`
	Completed bool   `json:"completed"`
	Score     string `json:"score"`
}

func evidenceRecordView(e *appraisal.Evidence) evidenceRecordJSON {
	return evidenceRecordJSON{evidenceJSON: evidenceJSON{ID: e.ID, Kind: string(e.Kind), Class: e.Class, Date: date(e.Date),
		DocumentNo: e.DocumentNo, Attachment: e.Attachment, Reviewer: e.SignOff.Reviewer, SignedOn: date(e.SignOff.On)},
		PersonID: e.PersonID, Amount: e.Amount.String(), InPlace: e.InPlace.String(), Progress: e.Progress.String(),
		Completed: e.Completed, Score: e.Score.String()}
}

// evidenceRequest is the body that enters an evidence record. Values are
// decimal strings with at most two places, in the unit of their kind.
type evidenceRequest struct {
	PersonID   string `json:"person_id"`
	Kind       string `json:"kind"`
	Class      string `json:"class"`
	Date       string `json:"date"`
	Amount     string `json:"amount"`
	InPlace    string `json:"in_place"`
	Progress   string `json:"progress"`
	Completed  bool   `json:"completed"`
	Score      string `json:"score"`
	DocumentNo string `json:"document_no"`
	Attachment string `json:"attachment"`
}

// evidence builds the domain record; a field problem of the request comes
// back with the domain's own.
func (req *evidenceRequest) evidence() (*appraisal.Evidence, error) {
	var f fault.Fields
	e := &appraisal.Evidence{PersonID: req.PersonID, Kind: appraisal.Kind(req.Kind), Class: req.Class, Completed: req.Completed,
		DocumentNo: req.DocumentNo, Attachment: req.Attachment, Amount: parseValue(&f, "amount", req.Amount),
		InPlace: parseValue(&f, "in_place", req.InPlace), Progress: parseValue(&f, "progress", req.Progress),
		Score: parseValue(&f, "score", req.Score)}
	if req.Date != "" {
		e.Date = parseDate(&f, "date", req.Date)
	}
	if len(f) > 0 {
		mergeFields(&f, e.Validate())
		// The store gives the record its id.
		delete(f, "id")
		return nil, f.Err()
	}
	return e, nil
}

// parseValue reads a decimal string with at most two places ("12", "12.5",
// "-3.05") as hundredths; empty is zero. The domain refuses negatives
// itself, with its own words.
func parseValue(f *fault.Fields, field, s string) appraisal.Value {
	if s == "" {
		return 0
	}
	digits, neg := strings.CutPrefix(s, "-")
	whole, frac, _ := strings.Cut(digits, ".")
	if whole == "" || len(frac) > 2 || strings.HasSuffix(digits, ".") {
		f.Add(field, "api.field.decimal")
		return 0
	}
	frac += strings.Repeat("0", 2-len(frac))
	var n int64
	for _, c := range whole + frac {
		// 1e15 hundredths is far beyond any amount and far from overflow.
		if c < '0' || c > '9' || n > 1e15 {
			f.Add(field, "api.field.decimal")
			return 0
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return appraisal.Value(n)
}

// addAppraisalEvidence enters a record for a cadre in the caller's scope,
// without a sign-off: another user signs it off.
func (s *Server) addAppraisalEvidence(w http.ResponseWriter, r *http.Request) error {
	var req evidenceRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	e, err := req.evidence()
	if err != nil {
		return err
	}
	saved, err := s.appraisal.AddEvidence(r.Context(), e)
	if err != nil {
		return err
	}
	// The store records the entering user, whose sign-off it will refuse.
	return writeJSON(w, http.StatusCreated, struct {
		evidenceRecordJSON
		EnteredBy string `json:"entered_by"`
	}{evidenceRecordView(saved), access.From(r.Context()).UserID})
}

// signAppraisalEvidence signs a record off on the day the body names. The
// user who entered it may not: the store's conflict is passed on as it is.
func (s *Server) signAppraisalEvidence(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id := r.PathValue("id")
	// A record out of scope is not found before the body is read.
	if _, err := s.appraisal.Evidence(ctx, id); err != nil {
		return err
	}
	var req struct {
		On string `json:"on"`
	}
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	var f fault.Fields
	var on civil.Date
	if req.On == "" {
		f.Add("on", "field.required")
	} else {
		on = parseDate(&f, "on", req.On)
	}
	if err := f.Err(); err != nil {
		return err
	}
	e, err := s.appraisal.SignEvidence(ctx, id, on)
	if err != nil {
		return renameFields(err, map[string]string{"sign_off.on": "on"})
	}
	return writeJSON(w, http.StatusOK, evidenceRecordView(e))
}
