package store

import (
	"context"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// Figures implements talent.Records for staff: each figure is counted from
// the records the listings show under the same filter, so every figure
// drills down to its records (talents taking part: Talents with
// TakingPart; entities: Entities; person-times: the verified Services).
func (s *TalentService) Figures(ctx context.Context, f talent.Filter) (*talent.Figures, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return nil, err
	}
	if !a.staff() {
		return nil, fault.New(fault.Forbidden, "error.forbidden")
	}
	if err := s.under(ctx, a, f.Under); err != nil {
		return nil, err
	}
	out := &talent.Figures{From: f.From, To: f.To}
	people, pargs := scopeCondition("p.org_path", a.scopes)
	orgs, oargs := scopeCondition("o.path", a.scopes)
	taking, targs := takingPartCond(f)
	counts := func(query string, args []any, into map[string]int, sum *int64) error {
		rows, err := s.db.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var key string
			var n int
			var total int64
			dest := []any{&key, &n}
			if sum != nil {
				dest = append(dest, &total)
			}
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			into[key] += n
			if sum != nil {
				*sum += total
			}
		}
		return rows.Err()
	}
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM people p WHERE p.is_talent = ? AND `+people,
		append([]any{true}, pargs...)...).Scan(&out.Talents); err != nil {
		return nil, fmt.Errorf("count the pool: %w", err)
	}
	byCategory := map[string]int{}
	if err := counts(`SELECT t.category, COUNT(*) FROM people p JOIN talents t ON t.jurisdiction_id = p.jurisdiction_id
		AND t.person_id = p.id WHERE p.is_talent = ? AND `+people+` AND `+taking+` GROUP BY t.category`,
		append(append([]any{true}, pargs...), targs...), byCategory, nil); err != nil {
		return nil, fmt.Errorf("count the talents taking part: %w", err)
	}
	period, periodArgs := periodCond(f, "n.founded_on", "")
	byType := map[string]int{}
	if err := counts(`SELECT n.entity_type, COUNT(*) FROM talent_entities n JOIN orgs o ON o.jurisdiction_id = n.jurisdiction_id
		AND o.id = n.org_id WHERE `+orgs+` AND `+period+` GROUP BY n.entity_type`, append(oargs, periodArgs...), byType, nil); err != nil {
		return nil, fmt.Errorf("count the entities: %w", err)
	}
	period, periodArgs = periodCond(f, "v.served_on", "")
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(v.beneficiaries), 0) FROM talent_services v
		JOIN people p ON p.jurisdiction_id = v.jurisdiction_id AND p.id = v.person_id
		WHERE v.verified = ? AND `+people+` AND `+period, append(append([]any{true}, pargs...), periodArgs...)...).Scan(
		&out.Services, &out.PersonTimes); err != nil {
		return nil, fmt.Errorf("count the services: %w", err)
	}
	period, periodArgs = periodCond(f, "e.start_on", "e.end_on")
	byForm := map[string]int{}
	if err := counts(`SELECT e.form, COUNT(*), COALESCE(SUM(e.capital), 0) FROM talent_engagements e
		JOIN people p ON p.jurisdiction_id = e.jurisdiction_id AND p.id = e.person_id
		WHERE `+people+` AND `+period+` GROUP BY e.form`, append(pargs, periodArgs...), byForm, &out.Capital); err != nil {
		return nil, fmt.Errorf("count the engagements: %w", err)
	}
	byFactor := map[string]int{}
	if err := counts(`SELECT x.kind, COUNT(*) FROM talent_engagement_factors x
		JOIN talent_engagements e ON e.jurisdiction_id = x.jurisdiction_id AND e.id = x.engagement_id
		JOIN people p ON p.jurisdiction_id = e.jurisdiction_id AND p.id = e.person_id
		WHERE `+people+` AND `+period+` GROUP BY x.kind`, append(pargs, periodArgs...), byFactor, nil); err != nil {
		return nil, fmt.Errorf("count the factors: %w", err)
	}
	out.ByCategory, out.TakingPart = ordered(person.TalentCategories, byCategory)
	out.ByForm, out.Engagements = ordered(talent.Forms, byForm)
	out.ByFactor, _ = ordered(talent.FactorKinds, byFactor)
	out.EntitiesByType, out.Entities = ordered(talent.EntityTypes, byType)
	return out, nil
}

// ordered lists the counts of keys in their display order, zeros
// included, and their total.
func ordered[K ~string](keys []K, counts map[string]int) ([]talent.Count, int) {
	out := make([]talent.Count, len(keys))
	total := 0
	for i, k := range keys {
		out[i] = talent.Count{Key: string(k), N: counts[string(k)]}
		total += counts[string(k)]
	}
	return out, total
}
