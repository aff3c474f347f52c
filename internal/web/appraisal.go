package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/civil"
)

// The appraisal pages (registered in pageNames).
const (
	pageAppraisal        = "appraisal"
	pageAppraisalRanking = "appraisal_ranking"
	pageAppraisalPerson  = "appraisal_person"
	pageAppraisalWhatIf  = "appraisal_whatif"
	pageAppraisalLists   = "appraisal_lists"
)

// Appraisal is what the appraisal pages need: schemes, published rankings
// and their explanations, what-if re-scoring, grade proposals and
// recommendations, and evidence entry with sign-off.
type Appraisal interface {
	Schemes(ctx context.Context) ([]appraisal.Scheme, error)
	Scheme(ctx context.Context, id string) (*appraisal.Scheme, error)
	// SchemeOrg is the organisation that owns a scheme.
	SchemeOrg(ctx context.Context, id string) (string, error)
	// SaveScheme saves sc as a new scheme owned by the organisation orgID
	// (sc.ID empty) or as the next version of scheme sc.ID.
	SaveScheme(ctx context.Context, orgID string, sc *appraisal.Scheme) (*appraisal.Scheme, error)
	// Groups lists a scheme's peer groups.
	Groups(ctx context.Context, schemeID string) ([]string, error)
	// Ranking reads a page of a group's published ranking and the size of
	// the group; each Result's Subject is its 0-based position.
	Ranking(ctx context.Context, schemeID, group string, offset, limit int) (*appraisal.Ranking, int, error)
	// PersonNames returns the names of the visible people among ids.
	PersonNames(ctx context.Context, ids []string) (map[string]string, error)
	// Explain accounts for a cadre's published total and returns the
	// evidence records behind it.
	Explain(ctx context.Context, schemeID, personID string) (*appraisal.Explanation, []appraisal.Evidence, error)
	WhatIf(ctx context.Context, schemeID, group string, changes []appraisal.WeightChange) ([]appraisal.Movement, error)
	Grades(ctx context.Context, schemeID, group string, approved bool) ([]appraisal.GradeProposal, error)
	Recommend(ctx context.Context, schemeID, group string, on civil.Date) (appraisal.Recommendations, error)
	// RecommendConfig and SetRecommendConfig read and set the thresholds of
	// the lists in the reader's jurisdiction.
	RecommendConfig(ctx context.Context) (appraisal.RecommendConfig, error)
	SetRecommendConfig(ctx context.Context, cfg appraisal.RecommendConfig) error
	// Recompute publishes the scheme's rankings afresh from the evidence.
	Recompute(ctx context.Context, schemeID string) (int, error)
	AddMembers(ctx context.Context, schemeID, group string, personIDs []string) error
	AddEvidence(ctx context.Context, e *appraisal.Evidence) (*appraisal.Evidence, error)
	SignEvidence(ctx context.Context, id string, on civil.Date) (*appraisal.Evidence, error)
	PersonEvidence(ctx context.Context, personID string) ([]appraisal.Evidence, error)
	// ImportEvidence enters imported records, unsigned, all or nothing; its
	// problems name fields "rows.N.field", N counting rows from 0.
	ImportEvidence(ctx context.Context, rows []appraisal.ImportRow) (int, error)
}

// AppraisalSchemesView lists the appraisal schemes.
type AppraisalSchemesView struct {
	Page
	Schemes   []appraisal.Scheme
	CanManage bool
}

func (s *Server) appraisalSchemes(w http.ResponseWriter, r *http.Request) error {
	list, err := s.appraisal.Schemes(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, pageAppraisal, &AppraisalSchemesView{Page: s.page(w, r, "page.appraisal"), Schemes: list,
		CanManage: access.From(r.Context()).Has(access.AppraisalManage)})
}

// rankingSizes are the page sizes of a ranking.
var rankingSizes = []int{50, 100, 200}

// AppraisalRankingView shows one peer group's published ranking.
type AppraisalRankingView struct {
	Page
	Scheme    appraisal.Scheme
	Groups    []GroupTab
	Group     string
	Version   int
	Rows      []RankRow
	Pager     Pager
	CanManage bool
	Members   Form
}

// GroupTab links to one peer group of a scheme.
type GroupTab struct {
	Name    string
	URL     string
	Current bool
}

// RankRow is one cadre of a ranking page.
type RankRow struct {
	PersonID string
	Name     string
	Rank     int
	Total    string
	Vetoes   string
	URL      string
}

func (s *Server) appraisalRanking(w http.ResponseWriter, r *http.Request) error {
	return s.renderRanking(w, r, http.StatusOK, formOf(url.Values{}))
}

func (s *Server) renderRanking(w http.ResponseWriter, r *http.Request, status int, members Form) error {
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
	page, size := pageParams(q, rankingSizes)
	v := &AppraisalRankingView{Page: s.page(w, r, "page.appraisal_ranking"), Scheme: *sc, Group: group, Version: sc.Version,
		CanManage: access.From(ctx).Has(access.AppraisalManage), Members: members}
	v.Subject = sc.Name
	base := "/appraisal/" + sc.ID
	v.Groups = groupTabs(base, groups, group)
	if group != "" {
		rk, total, err := s.appraisal.Ranking(ctx, sc.ID, group, (page-1)*size, size)
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
		v.Version = rk.SchemeVersion
		for _, res := range rk.Results {
			v.Rows = append(v.Rows, RankRow{PersonID: res.PersonID, Name: names[res.PersonID], Rank: res.Rank, Total: res.Total.String(),
				Vetoes: strings.Join(res.Vetoes, ", "), URL: base + "/people/" + res.PersonID})
		}
		v.Pager = newPager(newListQuery(base, q), page, size, total, rankingSizes)
	}
	return s.render(w, status, pageAppraisalRanking, v)
}

// chosenGroup is the requested group when the scheme has it, else the first.
func chosenGroup(want string, groups []string) string {
	for _, g := range groups {
		if g == want {
			return g
		}
	}
	if len(groups) > 0 {
		return groups[0]
	}
	return ""
}

func (s *Server) appraisalRecompute(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if _, err := s.appraisal.Recompute(r.Context(), id); err != nil {
		return err
	}
	s.setFlash(w, "flash.appraisal.recomputed")
	return redirect(w, r, "/appraisal/"+id)
}

// appraisalMembers puts the cadres whose IDs the form lists (one a line or
// separated by spaces or commas) into a peer group.
func (s *Server) appraisalMembers(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	ids := strings.FieldsFunc(f.Raw("people"), func(c rune) bool { return c == ',' || c == '，' || c == ' ' || c == '\n' || c == '\r' || c == '\t' })
	if len(ids) == 0 {
		f.Add("people", "field.required")
	} else if err := s.appraisal.AddMembers(r.Context(), id, f.Get("group"), ids); err != nil {
		if !f.Absorb(err) {
			return err
		}
	} else {
		s.setFlash(w, "flash.appraisal.members_added")
		return redirect(w, r, "/appraisal/"+id+"?group="+url.QueryEscape(f.Get("group")))
	}
	return s.renderRanking(w, r, http.StatusUnprocessableEntity, f)
}
