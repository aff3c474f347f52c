package store

import (
	"context"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/person"
	"zugong/internal/training"
)

// Grades proposes the annual grades of a group's published ranking for the
// year the scheme's period ends in; approved applies the higher share of
// 优秀 the higher authority approved.
func (s *AppraisalService) Grades(ctx context.Context, schemeID, group string, approved bool) ([]appraisal.GradeProposal, error) {
	rk, profiles, year, _, err := s.rankedProfiles(ctx, schemeID, group, false)
	if err != nil {
		return nil, err
	}
	return appraisal.ProposeGrades(appraisal.DefaultGradeConfig(), year, approved, rk, profiles)
}

// Recommend proposes the promotion and adjustment lists of a group's
// published ranking on the day on.
func (s *AppraisalService) Recommend(ctx context.Context, schemeID, group string, on civil.Date) (appraisal.Recommendations, error) {
	rk, profiles, year, cfg, err := s.rankedProfiles(ctx, schemeID, group, true)
	if err != nil {
		return appraisal.Recommendations{}, err
	}
	return appraisal.Recommend(cfg, year, on, rk, profiles)
}

// rankedProfiles reads a group's whole published ranking, the profile of
// each cadre in rank order (a Result's Subject is its position) and the
// jurisdiction's list thresholds. With training, the training standing of
// those in the top share is read as well.
func (s *AppraisalService) rankedProfiles(ctx context.Context, schemeID, group string, withTraining bool) (*appraisal.Ranking,
	[]appraisal.Profile, int, appraisal.RecommendConfig, error) {
	var cfg appraisal.RecommendConfig
	_, sc, err := s.schemeIn(ctx, access.AppraisalRead, schemeID)
	if err != nil {
		return nil, nil, 0, cfg, err
	}
	if cfg, err = s.recommendConfig(ctx, sc.jurisdiction); err != nil {
		return nil, nil, 0, cfg, err
	}
	rows, err := s.db.Query(ctx, `SELECT scheme_version, person_id, position, rnk, total, parts, vetoes, grade_cap
		FROM appraisal_results WHERE jurisdiction_id = ? AND scheme_id = ? AND peer_group = ? ORDER BY position`,
		sc.jurisdiction, sc.ID, group)
	if err != nil {
		return nil, nil, 0, cfg, err
	}
	rk := &appraisal.Ranking{SchemeID: sc.ID, SchemeVersion: sc.Version}
	for rows.Next() {
		r, version, err := scanResult(rows)
		if err != nil {
			rows.Close()
			return nil, nil, 0, cfg, err
		}
		r.Subject = len(rk.Results)
		rk.SchemeVersion = version
		rk.Results = append(rk.Results, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, 0, cfg, err
	}
	year := sc.Period.To.Year
	profiles, err := s.profiles(ctx, sc.jurisdiction, rk, year)
	if err != nil {
		return nil, nil, 0, cfg, err
	}
	if withTraining {
		top := len(rk.Results) * cfg.PromotePercent / 100
		tr := s.db.Training()
		for i := range rk.Results {
			if rk.Results[i].Rank > top {
				break
			}
			// A reader without the training permission sees the quota as
			// unmet, which holds the cadre back with that reason shown.
			rec, err := tr.PersonTraining(ctx, rk.Results[i].PersonID, year)
			profiles[i].TrainingMet = err == nil && rec.Compliance.Status == training.Met
		}
	}
	return rk, profiles, year, cfg, nil
}

// profiles reads what the grade and recommendation rules need of each
// ranked cadre: birth date, rank (for the target level), the current
// post's decision and probation, the annual grades and the accountability
// records.
func (s *AppraisalService) profiles(ctx context.Context, jurisdiction string, rk *appraisal.Ranking, year int) ([]appraisal.Profile, error) {
	out := make([]appraisal.Profile, len(rk.Results))
	at := make(map[string]*appraisal.Profile, len(out))
	for i := range rk.Results {
		out[i].PersonID = rk.Results[i].PersonID
		at[out[i].PersonID] = &out[i]
	}
	ids := make([]string, len(out))
	for i := range out {
		ids[i] = out[i].PersonID
	}
	return out, chunked(ids, 500, func(args []any) error {
		in := placeholders(len(args))
		if err := eachRow(ctx, s.db, `SELECT id, birth_date, post_rank FROM people WHERE jurisdiction_id = ? AND id IN (`+in+`)`,
			append([]any{jurisdiction}, args...), func(sc scanner) error {
				var id, rank string
				var birth civil.Date
				if err := sc.Scan(&id, &birth, &rank); err != nil {
					return err
				}
				at[id].BirthDate, at[id].TargetLevel = birth, appraisal.TargetLevelOf(rank)
				return nil
			}); err != nil {
			return err
		}
		if err := eachRow(ctx, s.db, `SELECT person_id, appointed_on, probation_months, probation_confirmed_on FROM cadre_posts
			WHERE jurisdiction_id = ? AND is_current AND person_id IN (`+in+`)`, append([]any{jurisdiction}, args...), func(sc scanner) error {
			var id string
			var appointed, confirmed civil.Date
			var months int
			if err := sc.Scan(&id, &appointed, &months, &confirmed); err != nil {
				return err
			}
			p := at[id]
			if p.PostDecided.IsZero() || appointed.After(p.PostDecided) {
				p.PostDecided = appointed
			}
			if appraisal.ProbationCovers(appointed, months, confirmed, year) {
				p.Probation = true
			}
			return nil
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, s.db, `SELECT person_id, year, grade FROM assessments WHERE jurisdiction_id = ? AND person_id IN (`+in+`)`,
			append([]any{jurisdiction}, args...), func(sc scanner) error {
				var id, grade string
				var y int
				if err := sc.Scan(&id, &y, &grade); err != nil {
					return err
				}
				at[id].History = append(at[id].History, person.Assessment{Year: y, Grade: person.AssessmentGrade(grade)})
				return nil
			}); err != nil {
			return err
		}
		return eachRow(ctx, s.db, `SELECT `+evidenceColumns+` FROM appraisal_evidence WHERE jurisdiction_id = ? AND kind = ?
			AND person_id IN (`+in+`)`, append([]any{jurisdiction, string(appraisal.KindAccountability)}, args...), func(sc scanner) error {
			var e appraisal.Evidence
			if err := scanEvidence(sc, &e); err != nil {
				return err
			}
			at[e.PersonID].Accountability = append(at[e.PersonID].Accountability, e)
			return nil
		})
	})
}

// chunked calls fn with the ids in chunks of at most n, as query arguments.
func chunked(ids []string, n int, fn func(args []any) error) error {
	for start := 0; start < len(ids); start += n {
		chunk := ids[start:min(start+n, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		if err := fn(args); err != nil {
			return err
		}
	}
	return nil
}

// eachRow runs a read and calls fn on every row.
func eachRow(ctx context.Context, db *DB, query string, args []any, fn func(scanner) error) error {
	rows, err := db.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
