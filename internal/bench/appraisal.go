package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"zugong/internal/access"
	"zugong/internal/demo"
	"zugong/internal/store"
)

// appraisalGroupSize is the size of a peer group in the appraisal
// workload: a county's cadres of one rank compared with one another.
const appraisalGroupSize = 1000

// appraisalChunk is how many cadres are generated and loaded at a time, so
// that a million cadres' evidence is never all in memory.
const appraisalChunk = 50_000

// runAppraisalRecompute loads a million cadres (50,000 with --quick) with
// the demo's evidence (about seven records each) into one scheme, in peer
// groups of a thousand, and times the recompute: read the evidence rows,
// score and rank every group in Go, write the results with their parts.
// The baseline is one INSERT … SELECT on the same engine over the same rows
// that sums each cadre's amounts and ranks them with RANK() OVER
// (PARTITION BY group). It then measures the p99 of a ranking page (20
// rows and their names, as the page reads them, at 32 clients) while a
// second recompute replaces the results, against the same without one.
func runAppraisalRecompute(ctx context.Context, e *Env) ([]Result, error) {
	n := 1_000_000
	if e.Opts.Quick {
		n = 50_000
	}
	staff, pctx, err := staffSession(ctx, e)
	if err != nil {
		return nil, err
	}
	county := staff.Scope
	op := access.With(ctx, access.Operator("bench"))
	s := e.App.DB.Appraisal()
	scheme := demo.AppraisalScheme(2025)
	sc, err := s.SaveScheme(op, county.ID, &scheme)
	if err != nil {
		return nil, err
	}
	evidence := 0
	for start := 0; start < n; start += appraisalChunk {
		k, err := loadAppraisalChunk(op, e.App.DB, county.ID, county.Path, sc.ID, start, min(appraisalChunk, n-start))
		if err != nil {
			return nil, err
		}
		evidence += k
	}
	if err := e.App.DB.RefreshStatistics(ctx); err != nil {
		return nil, err
	}

	t0 := time.Now()
	ranked, err := s.Recompute(op, sc.ID)
	if err != nil {
		return nil, err
	}
	ours := time.Since(t0)
	if ranked != n {
		return nil, fmt.Errorf("recompute ranked %d cadres, want %d", ranked, n)
	}
	baseline, err := rankInSQL(ctx, e.App.DB, county.JurisdictionID, sc.ID, sc.Period.From.String(), sc.Period.To.String())
	if err != nil {
		return nil, err
	}

	groups := n / appraisalGroupSize
	// The top-level random source is safe for the 32 clients to share.
	page := func() error {
		g := fmt.Sprintf("g%04d", rand.IntN(groups))
		rk, total, err := s.Ranking(pctx, sc.ID, g, rand.IntN(appraisalGroupSize-20), 20)
		if err != nil {
			return err
		}
		if total != appraisalGroupSize || len(rk.Results) != 20 {
			return fmt.Errorf("ranking page of %s: %d of %d rows", g, len(rk.Results), total)
		}
		ids := make([]string, len(rk.Results))
		for i, r := range rk.Results {
			ids[i] = r.PersonID
		}
		_, err = s.PersonNames(pctx, ids)
		return err
	}
	idle, err := load(ctx, clients, e.Dur, page)
	if err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	t1 := time.Now()
	go func() {
		_, err := s.Recompute(op, sc.ID)
		done <- err
	}()
	busy, err := load(ctx, clients, e.Dur, page)
	if err != nil {
		return nil, err
	}
	if err := <-done; err != nil {
		return nil, err
	}
	again := time.Since(t1)

	size := fmt.Sprintf("%dk", n/1000)
	return []Result{
		{Name: "appraisal-recompute-" + size, Value: ours.Seconds(), Unit: "s", Baseline: baseline.Seconds(),
			Note: fmt.Sprintf("INSERT … SELECT with RANK() OVER (PARTITION BY group) over the same %d evidence rows", evidence)},
		{Name: "appraisal-recompute-" + size + "-replace", Value: again.Seconds(), Unit: "s", Baseline: baseline.Seconds(),
			Note: "the second recompute, replacing the results while the ranking pages are read"},
		{Name: "appraisal-ranking-p99-during-recompute", Value: ms(busy.p99), Unit: "ms", Baseline: ms(idle.p99),
			Note: "p99 of the same ranking pages without a recompute running"},
	}, nil
}

// loadAppraisalChunk inserts count minimal cadre rows (people) of the
// county, puts them into the scheme in groups of appraisalGroupSize and
// loads the demo generator's evidence for them. It returns the number of
// records loaded.
func loadAppraisalChunk(ctx context.Context, db *store.DB, countyID, countyPath, schemeID string, start, count int) (int, error) {
	cadres := make([]demo.AppraisalCadre, count)
	members := make([]store.AppraisalMember, count)
	const batch = 500
	now := time.Now().UnixMicro()
	for b := 0; b < count; b += batch {
		end := min(b+batch, count)
		var sql strings.Builder
		sql.WriteString(`INSERT INTO people (jurisdiction_id, id, org_id, org_path, name, is_cadre, post_rank, version, created_at, updated_at) VALUES `)
		args := make([]any, 0, 10*(end-b))
		for i := b; i < end; i++ {
			id := store.NewID()
			cadres[i] = demo.AppraisalCadre{PersonID: id, Rank: "副科级"}
			members[i] = store.AppraisalMember{PersonID: id, Group: fmt.Sprintf("g%04d", (start+i)/appraisalGroupSize)}
			if i > b {
				sql.WriteString(", ")
			}
			sql.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, countyID, id, countyID, countyPath, fmt.Sprintf("干部%07d", start+i), true, "副科级", 1, now, now)
		}
		if _, err := db.RawExec(ctx, sql.String(), args...); err != nil {
			return 0, fmt.Errorf("insert cadres: %w", err)
		}
	}
	d := demo.GenerateAppraisal(cadres, uint64(start+1))
	if err := db.Appraisal().SeedAppraisal(ctx, schemeID, members, d.Evidence); err != nil {
		return 0, err
	}
	return len(d.Evidence), nil
}

// rankInSQL is the baseline: one statement that reads the same evidence
// rows, sums each cadre's amounts, ranks every group and writes the
// results into a copy of the results table.
func rankInSQL(ctx context.Context, db *store.DB, jurisdiction, schemeID, from, to string) (time.Duration, error) {
	if _, err := db.RawExec(ctx, `CREATE TABLE appraisal_results_copy (
		jurisdiction_id TEXT NOT NULL, scheme_id TEXT NOT NULL, person_id TEXT NOT NULL, peer_group TEXT NOT NULL,
		total BIGINT NOT NULL, rnk INTEGER NOT NULL, PRIMARY KEY (jurisdiction_id, scheme_id, person_id))`); err != nil {
		return 0, err
	}
	if _, err := db.RawExec(ctx, `CREATE INDEX appraisal_results_copy_by_rank ON appraisal_results_copy
		(jurisdiction_id, scheme_id, peer_group, rnk)`); err != nil {
		return 0, err
	}
	t0 := time.Now()
	_, err := db.RawExec(ctx, `INSERT INTO appraisal_results_copy (jurisdiction_id, scheme_id, person_id, peer_group, total, rnk)
		SELECT jurisdiction_id, scheme_id, person_id, peer_group, total, RANK() OVER (PARTITION BY peer_group ORDER BY total DESC)
		FROM (SELECT m.jurisdiction_id, m.scheme_id, m.person_id, m.peer_group,
			COALESCE(SUM(e.amount + e.in_place + e.progress + e.score), 0) AS total
			FROM appraisal_members m LEFT JOIN appraisal_evidence e ON e.jurisdiction_id = m.jurisdiction_id
				AND e.person_id = m.person_id AND e.signed_at > 0 AND e.on_date >= ? AND e.on_date <= ?
			WHERE m.jurisdiction_id = ? AND m.scheme_id = ?
			GROUP BY m.jurisdiction_id, m.scheme_id, m.person_id, m.peer_group) x`, from, to, jurisdiction, schemeID)
	return time.Since(t0), err
}
