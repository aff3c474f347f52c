package api

import (
	"context"
	"net/http"

	"zugong/internal/appraisal"
	"zugong/internal/civil"
)

// Appraisal is what the appraisal routes need: schemes, published rankings
// and the explanation of one cadre's score, and the writes that feed them
// (members, evidence and its sign-off, recomputing).
type Appraisal interface {
	// Ranking reads a page of a group's published ranking and the size of
	// the group; a group not yet computed is empty.
	Ranking(ctx context.Context, schemeID, group string, offset, limit int) (*appraisal.Ranking, int, error)
	// Groups lists a scheme's peer groups.
	Groups(ctx context.Context, schemeID string) ([]string, error)
	// PersonNames returns the names of the visible people among ids.
	PersonNames(ctx context.Context, ids []string) (map[string]string, error)
	// Explain accounts for a cadre's published total and returns the
	// evidence records behind it.
	Explain(ctx context.Context, schemeID, personID string) (*appraisal.Explanation, []appraisal.Evidence, error)

	// Scheme returns the latest version of a scheme; SchemeOrg the
	// organisation that owns it.
	Scheme(ctx context.Context, id string) (*appraisal.Scheme, error)
	SchemeOrg(ctx context.Context, id string) (string, error)
	// Recompute scores and publishes every peer group of a scheme and
	// returns the number of cadres ranked.
	Recompute(ctx context.Context, schemeID string) (int, error)
	// AddMembers puts cadres into a scheme's peer group.
	AddMembers(ctx context.Context, schemeID, group string, personIDs []string) error
	// AddEvidence enters a record without a sign-off; Evidence reads one;
	// SignEvidence signs one off as another user than the one who entered it.
	AddEvidence(ctx context.Context, in *appraisal.Evidence) (*appraisal.Evidence, error)
	Evidence(ctx context.Context, id string) (*appraisal.Evidence, error)
	SignEvidence(ctx context.Context, id string, on civil.Date) (*appraisal.Evidence, error)
}

// rankingJSON is a page of a published ranking. Points are decimal strings
// with two places ("87.25"), exact as published.
type rankingJSON struct {
	SchemeID      string            `json:"scheme_id"`
	SchemeVersion int               `json:"scheme_version"`
	Group         string            `json:"group"`
	Groups        []string          `json:"groups"`
	Total         int               `json:"total"`
	Items         []rankedCadreJSON `json:"items"`
	NextCursor    string            `json:"next_cursor,omitempty"`
}

type rankedCadreJSON struct {
	PersonID   string   `json:"person_id"`
	PersonName string   `json:"person_name"`
	Rank       int      `json:"rank"`
	Total      string   `json:"total"`
	Parts      []string `json:"parts"`
	Vetoes     []string `json:"vetoes"`
	GradeCap   string   `json:"grade_cap"`
}

// appraisalRanking serves a page of one peer group's published ranking
// (?group=, the scheme's first group when absent).
func (s *Server) appraisalRanking(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id := r.PathValue("id")
	p := newParams(r.URL)
	limit := p.limit()
	groups, err := s.appraisal.Groups(ctx, id)
	if err != nil {
		return err
	}
	group := p.str("group")
	if group == "" && len(groups) > 0 {
		group = groups[0]
	}
	st := p.cursor(listingKey("appraisal-ranking", id, group))
	if err := p.err(); err != nil {
		return err
	}
	rk, total, err := s.appraisal.Ranking(ctx, id, group, st.Offset, limit)
	if err != nil {
		return err
	}
	ids := make([]string, len(rk.Results))
	for i, res := range rk.Results {
		ids[i] = res.PersonID
	}
	names, err := s.appraisal.PersonNames(ctx, ids)
	if err != nil {
		return err
	}
	out := rankingJSON{SchemeID: rk.SchemeID, SchemeVersion: rk.SchemeVersion, Group: group, Groups: groups, Total: total,
		Items: make([]rankedCadreJSON, len(rk.Results)), NextCursor: offsetCursor(st, len(rk.Results), total)}
	if out.Groups == nil {
		out.Groups = []string{}
	}
	for i, res := range rk.Results {
		c := rankedCadreJSON{PersonID: res.PersonID, PersonName: names[res.PersonID], Rank: res.Rank, Total: res.Total.String(),
			Parts: make([]string, len(res.Parts)), Vetoes: res.Vetoes, GradeCap: string(res.Cap)}
		for j, pt := range res.Parts {
			c.Parts[j] = pt.String()
		}
		if c.Vetoes == nil {
			c.Vetoes = []string{}
		}
		out.Items[i] = c
	}
	return writeJSON(w, http.StatusOK, out)
}

// explanationJSON accounts for a cadre's published total: the lines' points
// add up to total exactly.
type explanationJSON struct {
	SchemeID   string         `json:"scheme_id"`
	PersonID   string         `json:"person_id"`
	PersonName string         `json:"person_name"`
	Rank       int            `json:"rank"`
	Total      string         `json:"total"`
	Lines      []lineJSON     `json:"lines"`
	Vetoes     []vetoLineJSON `json:"vetoes"`
}

type lineJSON struct {
	Kind     string         `json:"kind"`
	Code     string         `json:"code"`
	Name     string         `json:"name"`
	Value    string         `json:"value"`
	Points   string         `json:"points"`
	Evidence []evidenceJSON `json:"evidence"`
}

type vetoLineJSON struct {
	Code     string         `json:"code"`
	Name     string         `json:"name"`
	GradeCap string         `json:"grade_cap"`
	Evidence []evidenceJSON `json:"evidence"`
}

type evidenceJSON struct {
	ID         string  `json:"id"`
	Kind       string  `json:"kind"`
	Class      string  `json:"class"`
	Date       *string `json:"date"`
	DocumentNo string  `json:"document_no"`
	Attachment string  `json:"attachment"`
	Reviewer   string  `json:"reviewer"`
	SignedOn   *string `json:"signed_on"`
}

func (s *Server) appraisalExplanation(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, pid := r.PathValue("id"), r.PathValue("pid")
	x, evidence, err := s.appraisal.Explain(ctx, id, pid)
	if err != nil {
		return err
	}
	names, err := s.appraisal.PersonNames(ctx, []string{pid})
	if err != nil {
		return err
	}
	byID := make(map[string]*appraisal.Evidence, len(evidence))
	for i := range evidence {
		byID[evidence[i].ID] = &evidence[i]
	}
	records := func(ids []string) []evidenceJSON {
		out := make([]evidenceJSON, 0, len(ids))
		for _, id := range ids {
			if e := byID[id]; e != nil {
				out = append(out, evidenceJSON{ID: e.ID, Kind: string(e.Kind), Class: e.Class, Date: date(e.Date),
					DocumentNo: e.DocumentNo, Attachment: e.Attachment, Reviewer: e.SignOff.Reviewer, SignedOn: date(e.SignOff.On)})
			}
		}
		return out
	}
	out := explanationJSON{SchemeID: id, PersonID: pid, PersonName: names[pid], Rank: x.Rank, Total: x.Total.String(),
		Lines: make([]lineJSON, len(x.Lines)), Vetoes: make([]vetoLineJSON, len(x.Vetoes))}
	for i, l := range x.Lines {
		out.Lines[i] = lineJSON{Kind: string(l.Kind), Code: l.Code, Name: l.Name, Value: l.Value.String(), Points: l.Points.String(),
			Evidence: records(l.Evidence)}
	}
	for i, v := range x.Vetoes {
		out.Vetoes[i] = vetoLineJSON{Code: v.Code, Name: v.Name, GradeCap: string(v.Cap), Evidence: records(v.Evidence)}
	}
	return writeJSON(w, http.StatusOK, out)
}
