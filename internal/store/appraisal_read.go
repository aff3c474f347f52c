package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// Groups lists the peer groups of a scheme: those with published results
// and those whose members await the first computation.
func (s *AppraisalService) Groups(ctx context.Context, schemeID string) ([]string, error) {
	_, sc, err := s.schemeIn(ctx, access.AppraisalRead, schemeID)
	if err != nil {
		return nil, err
	}
	return memberGroups(ctx, s.db.Query, sc.jurisdiction, sc.ID)
}

// Ranking reads a page of a group's published ranking, in rank order, and
// the number of cadres in the group. Results carry their position in the
// group (0-based) as Subject. A group not yet computed has no results.
func (s *AppraisalService) Ranking(ctx context.Context, schemeID, group string, offset, limit int) (*appraisal.Ranking, int, error) {
	_, sc, err := s.schemeIn(ctx, access.AppraisalRead, schemeID)
	if err != nil {
		return nil, 0, err
	}
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	// Positions run from 1 without gaps, so the last is the group's size:
	// one index probe instead of counting the group.
	var n int
	if err := s.db.QueryRow(ctx, `SELECT COALESCE(MAX(position), 0) FROM appraisal_results
		WHERE jurisdiction_id = ? AND scheme_id = ? AND peer_group = ?`, sc.jurisdiction, sc.ID, group).Scan(&n); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.Query(ctx, `SELECT scheme_version, person_id, position, rnk, total, parts, vetoes, grade_cap
		FROM appraisal_results WHERE jurisdiction_id = ? AND scheme_id = ? AND peer_group = ? AND position > ?
		ORDER BY position LIMIT ?`, sc.jurisdiction, sc.ID, group, max(offset, 0), limit)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	rk := &appraisal.Ranking{SchemeID: sc.ID, SchemeVersion: sc.Version}
	for rows.Next() {
		r, version, err := scanResult(rows)
		if err != nil {
			return nil, 0, err
		}
		rk.SchemeVersion = version
		rk.Results = append(rk.Results, r)
	}
	return rk, n, rows.Err()
}

// scanResult reads scheme_version, person_id, position, rnk, total, parts,
// vetoes and grade_cap.
func scanResult(s scanner) (appraisal.Result, int, error) {
	var r appraisal.Result
	var version, position int
	var total int64
	var parts, vetoes, cap string
	if err := s.Scan(&version, &r.PersonID, &position, &r.Rank, &total, &parts, &vetoes, &cap); err != nil {
		return r, 0, normalize(err)
	}
	r.Subject, r.Total, r.Cap = position-1, appraisal.Points(total), person.AssessmentGrade(cap)
	if vetoes != "" {
		r.Vetoes = strings.Split(vetoes, ",")
	}
	if err := json.Unmarshal([]byte(parts), &r.Parts); err != nil {
		return r, 0, fmt.Errorf("result parts of %s: %w", r.PersonID, err)
	}
	return r, version, nil
}

// PersonNames returns the names of the people among ids whom the
// principal may read appraisals of; others are left out.
func (s *AppraisalService) PersonNames(ctx context.Context, ids []string) (map[string]string, error) {
	p, err := access.Require(ctx, access.AppraisalRead)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.Query(ctx, `SELECT id, name, org_path FROM people WHERE id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, name, path string
			if err := rows.Scan(&id, &name, &path); err != nil {
				rows.Close()
				return nil, err
			}
			if access.Check(p, access.AppraisalRead, path) == nil {
				out[id] = name
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// published is one cadre's stored result with where it came from.
type published struct {
	appraisal.Result
	version   int
	group     string
	published int64
}

// Explain accounts for a cadre's published score line by line, from the
// scheme version it used and the evidence signed off before it was
// published, and returns the evidence records the lines name. The lines'
// points add up to the published total.
func (s *AppraisalService) Explain(ctx context.Context, schemeID, personID string) (*appraisal.Explanation, []appraisal.Evidence, error) {
	p, sc, err := s.schemeIn(ctx, access.AppraisalRead, schemeID)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.cadreOf(ctx, s.db.QueryRow, p, access.AppraisalRead, personID, sc.jurisdiction); err != nil {
		return nil, nil, fault.New(fault.NotFound, "error.not_found")
	}
	var pub published
	var vetoes, cap, parts string
	var total int64
	var position int
	err = s.db.QueryRow(ctx, `SELECT scheme_version, peer_group, position, rnk, total, parts, vetoes, grade_cap, published_at
		FROM appraisal_results WHERE jurisdiction_id = ? AND scheme_id = ? AND person_id = ?`, sc.jurisdiction, sc.ID, personID).
		Scan(&pub.version, &pub.group, &position, &pub.Rank, &total, &parts, &vetoes, &cap, &pub.published)
	if err != nil {
		return nil, nil, normalize(err)
	}
	pub.PersonID, pub.Total, pub.Cap = personID, appraisal.Points(total), person.AssessmentGrade(cap)
	if vetoes != "" {
		pub.Vetoes = strings.Split(vetoes, ",")
	}
	if err := json.Unmarshal([]byte(parts), &pub.Parts); err != nil {
		return nil, nil, fmt.Errorf("result parts of %s: %w", personID, err)
	}
	used, err := s.loadScheme(ctx, s.db.QueryRow, sc.ID, pub.version)
	if err != nil {
		return nil, nil, err
	}
	evidence, err := s.evidenceOf(ctx, sc.jurisdiction, personID, pub.published)
	if err != nil {
		return nil, nil, err
	}
	sub, err := used.Measure(personID, evidence)
	if err != nil {
		return nil, nil, err
	}
	x, err := used.Explain(&sub, &pub.Result)
	if err != nil {
		return nil, nil, err
	}
	return &x, evidence, nil
}

// WhatIf re-scores a peer group with changed weights and returns every
// cadre's rank movement against the published ranking: the same scheme
// version and the same evidence (signed off before publication). Nothing is
// written. A group not yet computed is compared under the latest version
// with all signed-off evidence.
func (s *AppraisalService) WhatIf(ctx context.Context, schemeID, group string, changes []appraisal.WeightChange) ([]appraisal.Movement, error) {
	_, sc, err := s.schemeIn(ctx, access.AppraisalRead, schemeID)
	if err != nil {
		return nil, err
	}
	used, at, err := s.publication(ctx, sc, group)
	if err != nil {
		return nil, err
	}
	subjects, err := groupSubjects(ctx, s.db.Query, &used.Scheme, sc.jurisdiction, group, at)
	if err != nil {
		return nil, err
	}
	return used.WhatIf(changes, subjects)
}

// publication returns the scheme version a group's published results used
// and the instant they were published, or the latest version and 0.
func (s *AppraisalService) publication(ctx context.Context, sc *schemeRow, group string) (*schemeRow, int64, error) {
	var version int
	var at int64
	err := s.db.QueryRow(ctx, `SELECT scheme_version, published_at FROM appraisal_results
		WHERE jurisdiction_id = ? AND scheme_id = ? AND peer_group = ? AND position = 1`, sc.jurisdiction, sc.ID, group).Scan(&version, &at)
	switch {
	case fault.Is(normalize(err), fault.NotFound):
		return sc, 0, nil
	case err != nil:
		return nil, 0, err
	}
	used, err := s.loadScheme(ctx, s.db.QueryRow, sc.ID, version)
	return used, at, err
}
