package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/training"
)

// complianceSQL builds the one query of the compliance report: every cadre
// in scope with their tallies of the years the quota engine may read, one
// column per year and measure, and, for county-level cadres, the day they
// reached county level. The rules stay in package training; the query only
// lays the yearly tallies side by side.
func complianceSQL(first, last int, scope string) (string, []any) {
	var cols, sums []string
	var args []any
	for y := first; y <= last; y++ {
		for _, m := range []string{"hours", "online", "days"} {
			sums = append(sums, fmt.Sprintf("CAST(SUM(CASE WHEN year = ? THEN %s ELSE 0 END) AS BIGINT) AS %s%d", m, m[:1], y-first))
			cols = append(cols, fmt.Sprintf("COALESCE(c.%s%d, 0)", m[:1], y-first))
			args = append(args, y)
		}
	}
	ranks := placeholders(len(training.CountyRanks))
	q := `SELECT p.jurisdiction_id, p.id, p.name, p.org_id, p.org_path, p.post_rank, ` + strings.Join(cols, ", ") + `,
		CASE WHEN p.post_rank IN (` + ranks + `) THEN COALESCE((SELECT MIN(cp.appointed_on) FROM cadre_posts cp
			WHERE cp.jurisdiction_id = p.jurisdiction_id AND cp.person_id = p.id AND cp.appointed_on <> ''
			AND cp.post_rank IN (` + ranks + `)), '') ELSE '' END
		FROM people p LEFT JOIN (SELECT jurisdiction_id, person_id, ` + strings.Join(sums, ", ") + `
			FROM training_tallies WHERE year >= ? AND year <= ?
			GROUP BY jurisdiction_id, person_id) c ON c.jurisdiction_id = p.jurisdiction_id AND c.person_id = p.id
		WHERE p.is_cadre = ? AND ` + scope
	return q, args
}

// Compliance implements training.Service.
func (s *TrainingService) Compliance(ctx context.Context, q training.ComplianceQuery) (*training.ComplianceReport, error) {
	p, err := access.Require(ctx, access.TrainingRead)
	if err != nil {
		return nil, err
	}
	scopes, err := s.scopes(ctx, p, access.TrainingRead, q.Under)
	if err != nil {
		return nil, err
	}
	if q.Today.IsZero() {
		q.Today = s.today()
	}
	if q.Year == 0 {
		q.Year = q.Today.Year
	}
	policies, err := s.policies(ctx)
	if err != nil {
		return nil, err
	}
	first, last := training.DefaultPolicy().YearsNeeded(q.Year)
	scope, scopeArgs := scopeCondition("p.org_path", scopes)
	query, sumArgs := complianceSQL(first, last, scope)
	// The arguments in the order of their marks: the county ranks twice in
	// the select list, the years of the sums and their bounds, then the
	// cadre filter and the scope.
	ranks := stringsAsAny(training.CountyRanks)
	args := append(append(append([]any{}, ranks...), ranks...), sumArgs...)
	args = append(args, first, last, true)
	args = append(args, scopeArgs...)
	rows, err := s.db.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("compliance query: %w", err)
	}
	defer rows.Close()
	report := &training.ComplianceReport{Year: q.Year}
	units := newUnitGrouper(scopes)
	n := last - first + 1
	sums := make([]int64, 3*n)
	dest := make([]any, 0, 7+3*n)
	var row training.ComplianceRow
	var jurisdiction, path, countySince string
	dest = append(dest, &jurisdiction, &row.PersonID, &row.Name, &row.OrgID, &path, &row.Rank)
	for i := range sums {
		dest = append(dest, &sums[i])
	}
	dest = append(dest, &countySince)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		var t training.Tally
		for i := 0; i < n; i++ {
			t.Add(first+i, training.Bucket{Hours: training.Hours(sums[3*i]), Online: training.Hours(sums[3*i+1]), Days: int(sums[3*i+2])})
		}
		subject := training.Subject{PersonID: row.PersonID, Rank: row.Rank}
		if countySince != "" {
			if subject.CountySince, err = civil.Parse(countySince); err != nil {
				return nil, err
			}
		}
		policy, ok := policies[jurisdiction]
		if !ok {
			policy = training.DefaultPolicy()
		}
		row.Compliance = policy.Assess(subject, t, q.Year, q.Today)
		report.Summary.Add(row.Compliance)
		units.add(path, row.Compliance)
		if (q.Status == "" || row.Status == q.Status) && (q.Level == "" || row.Level == q.Level) &&
			(!q.Remind || policy.Remind(row.Compliance, q.Today)) {
			report.Rows = append(report.Rows, row)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	report.Matching = len(report.Rows)
	sortCompliance(report.Rows)
	if !q.All {
		report.Rows = page(report.Rows, q.Offset, q.Limit)
	}
	if err := s.nameRows(ctx, report.Rows); err != nil {
		return nil, err
	}
	report.ByUnit, err = units.summaries(ctx, s.db)
	return report, err
}

// sortCompliance puts the overdue first, then the due, then those who met
// the quota; within each, the largest shortfall first, then by name.
func sortCompliance(rows []training.ComplianceRow) {
	rank := map[training.Status]int{training.Overdue: 0, training.Due: 1, training.Met: 2}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if rank[a.Status] != rank[b.Status] {
			return rank[a.Status] < rank[b.Status]
		}
		if a.Shortfall != b.Shortfall {
			return a.Shortfall > b.Shortfall
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.PersonID < b.PersonID
	})
}

func page[T any](rows []T, offset, limit int) []T {
	if limit <= 0 {
		limit = 50
	}
	if offset < 0 || offset >= len(rows) {
		return nil
	}
	return rows[offset:min(len(rows), offset+limit)]
}

// nameRows fills the organisation names of the rows shown.
func (s *TrainingService) nameRows(ctx context.Context, rows []training.ComplianceRow) error {
	ids := map[string]bool{}
	for _, r := range rows {
		ids[r.OrgID] = true
	}
	names, err := s.orgNames(ctx, ids)
	if err != nil {
		return err
	}
	for i := range rows {
		rows[i].OrgName = names[rows[i].OrgID]
	}
	return nil
}

func (s *TrainingService) orgNames(ctx context.Context, ids map[string]bool) (map[string]string, error) {
	names := map[string]string{}
	list := make([]any, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	for len(list) > 0 {
		chunk := list[:min(len(list), 500)]
		list = list[len(chunk):]
		rows, err := s.db.Query(ctx, `SELECT id, name FROM orgs WHERE id IN (`+placeholders(len(chunk))+`)`, chunk...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return nil, err
			}
			names[id] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// unitGrouper sums compliance per organisation directly under the root of
// the report: the scope when there is one, else each scope's own subtree.
type unitGrouper struct {
	roots []string
	sums  map[string]*training.Summary
	order []string
}

func newUnitGrouper(scopes []string) *unitGrouper {
	return &unitGrouper{roots: scopes, sums: map[string]*training.Summary{}}
}

// unitOf returns the id of the organisation right below the root that
// covers path, or the root's own id for people of the root itself.
func (g *unitGrouper) unitOf(path string) string {
	for _, root := range g.roots {
		if !strings.HasPrefix(path, root) {
			continue
		}
		rest := strings.TrimPrefix(path, root)
		if id, _, ok := strings.Cut(rest, "/"); ok && id != "" {
			return id
		}
		segs := strings.Split(strings.Trim(root, "/"), "/")
		return segs[len(segs)-1]
	}
	return ""
}

func (g *unitGrouper) add(path string, c training.Compliance) {
	id := g.unitOf(path)
	sum, ok := g.sums[id]
	if !ok {
		sum = &training.Summary{}
		g.sums[id] = sum
		g.order = append(g.order, id)
	}
	sum.Add(c)
}

func (g *unitGrouper) summaries(ctx context.Context, db *DB) ([]training.UnitSummary, error) {
	ids := map[string]bool{}
	for _, id := range g.order {
		ids[id] = true
	}
	names, err := (&TrainingService{db: db}).orgNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]training.UnitSummary, 0, len(g.order))
	for _, id := range g.order {
		out = append(out, training.UnitSummary{OrgID: id, Name: names[id], Summary: *g.sums[id]})
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := out[i].Rate(), out[j].Rate(); ri != rj {
			return ri < rj
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// policies reads every jurisdiction's quota settings.
func (s *TrainingService) policies(ctx context.Context) (map[string]training.Policy, error) {
	rows, err := s.db.Query(ctx, `SELECT jurisdiction_id, network_hours, reminder_days FROM training_policies`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]training.Policy{}
	for rows.Next() {
		var j string
		var network int64
		p := training.DefaultPolicy()
		if err := rows.Scan(&j, &network, &p.ReminderDays); err != nil {
			return nil, err
		}
		p.NetworkHours = training.Hours(network)
		out[j] = p
	}
	return out, rows.Err()
}

// Policy implements training.Service: the quota of the principal's
// jurisdiction.
func (s *TrainingService) Policy(ctx context.Context) (training.Policy, error) {
	p, err := access.Require(ctx, access.TrainingRead)
	if err != nil {
		return training.Policy{}, err
	}
	all, err := s.policies(ctx)
	if err != nil {
		return training.Policy{}, err
	}
	if pol, ok := all[p.JurisdictionID]; ok {
		return pol, nil
	}
	return training.DefaultPolicy(), nil
}

// SetPolicy implements training.Service: the department sets its
// jurisdiction's network-training hours and reminder period.
func (s *TrainingService) SetPolicy(ctx context.Context, network training.Hours, reminderDays int) error {
	p, err := access.Require(ctx, access.TrainingDeptReview)
	if err != nil {
		return err
	}
	var f fault.Fields
	if network < 0 {
		f.Add("network_hours", "training.hours_negative")
	}
	if reminderDays < 0 || reminderDays > 366 {
		f.Add("reminder_days", "training.reminder_days_range")
	}
	if err := f.Err(); err != nil {
		return err
	}
	root, err := s.db.Orgs().load(ctx, s.db.QueryRow, p.JurisdictionID)
	if err != nil {
		return err
	}
	if err := access.Check(p, access.TrainingDeptReview, root.Path); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		now := tx.Now().UnixMicro()
		if _, err := tx.Exec(ctx, `INSERT INTO training_policies (jurisdiction_id, network_hours, reminder_days, updated_at)
			VALUES (?,?,?,?) ON CONFLICT (jurisdiction_id) DO UPDATE SET network_hours = excluded.network_hours,
			reminder_days = excluded.reminder_days, updated_at = excluded.updated_at`,
			root.JurisdictionID, int64(network), reminderDays, now); err != nil {
			return err
		}
		return tx.Audit(ctx, trainingAudit(p, root.JurisdictionID, "training.policy", "training_policies", root.JurisdictionID,
			map[string]any{"network_hours": network.String(), "reminder_days": reminderDays}))
	})
}

// HoursBy implements training.Service.
func (s *TrainingService) HoursBy(ctx context.Context, under string, year int) (*training.HoursBreakdown, error) {
	p, err := access.Require(ctx, access.TrainingRead)
	if err != nil {
		return nil, err
	}
	scopes, err := s.scopes(ctx, p, access.TrainingRead, under)
	if err != nil {
		return nil, err
	}
	scope, args := scopeCondition("p.org_path", scopes)
	args = append([]any{fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-01-01", year+1)}, args...)
	rows, err := s.db.Query(ctx, `SELECT c.mode, c.themes, CAST(SUM(c.hours) AS BIGINT) FROM training_credits c
		JOIN people p ON p.jurisdiction_id = c.jurisdiction_id AND p.id = c.person_id
		WHERE c.earned_on >= ? AND c.earned_on < ? AND `+scope+` GROUP BY c.mode, c.themes`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &training.HoursBreakdown{ByMode: map[training.Mode]training.Hours{}, ByTheme: map[training.Theme]training.Hours{}}
	for rows.Next() {
		var mode, themes string
		var h int64
		if err := rows.Scan(&mode, &themes, &h); err != nil {
			return nil, err
		}
		var ts []training.Theme
		if err := json.Unmarshal([]byte(themes), &ts); err != nil {
			return nil, fmt.Errorf("credit themes: %w", err)
		}
		out.ByMode[training.Mode(mode)] += training.Hours(h)
		for _, t := range ts {
			out.ByTheme[t] += training.Hours(h)
		}
		out.Total += training.Hours(h)
	}
	return out, rows.Err()
}
