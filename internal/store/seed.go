package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/org"
)

// seedBatch is how many organisations one seeding transaction inserts.
const seedBatch = 400

// SeedOrgs inserts ready-made organisations (IDs, paths and jurisdictions
// already set, parents before children) with an establish event each, in
// batches of a few hundred per transaction. Each batch is audited as one
// "org.seed" event per jurisdiction. It is for the demo county, imports of a
// whole tree and load tests; changes to a live tree go through Record.
func (db *DB) SeedOrgs(ctx context.Context, p *access.Principal, orgs []org.Org) error {
	for start := 0; start < len(orgs); start += seedBatch {
		batch := orgs[start:min(start+seedBatch, len(orgs))]
		if err := db.Write(ctx, func(tx *Tx) error { return seedBatchTx(ctx, tx, p, batch) }); err != nil {
			return fmt.Errorf("seed organisations %d–%d: %w", start+1, start+len(batch), err)
		}
	}
	return db.analyze(ctx, "orgs", "org_events")
}

// analyze refreshes the planner's statistics after a bulk load on
// PostgreSQL, which would otherwise plan on the empty table's figures until
// autovacuum comes by. SQLite plans from its indexes and needs nothing.
func (db *DB) analyze(ctx context.Context, tables ...string) error {
	if db.dialect != Postgres {
		return nil
	}
	for _, t := range tables {
		if _, err := db.write.ExecContext(ctx, "ANALYZE "+t); err != nil {
			return fmt.Errorf("analyze %s: %w", t, err)
		}
	}
	return nil
}

// RefreshStatistics brings the planner's statistics up to date after data
// was loaded in several imports (the demo, benchmarks), as analyze does
// after one large import: on PostgreSQL a search planned on stale figures
// scans a whole subtree range instead of a narrow name range.
func (db *DB) RefreshStatistics(ctx context.Context) error {
	return db.analyze(ctx, peopleTables()...)
}

func seedBatchTx(ctx context.Context, tx *Tx, p *access.Principal, batch []org.Org) error {
	now := tx.Now()
	rows := make([]string, len(batch))
	args := make([]any, 0, len(batch)*17)
	evRows := make([]string, len(batch))
	evArgs := make([]any, 0, len(batch)*10)
	perJurisdiction := map[string]int{}
	for i := range batch {
		o := &batch[i]
		if o.Version == 0 {
			o.Version = 1
		}
		if o.Status == "" {
			o.Status = org.Active
		}
		o.CreatedAt, o.UpdatedAt = now, now
		rows[i] = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
		args = append(args, orgValues(o)...)
		detail, _ := json.Marshal(map[string]any{"parent_id": o.ParentID, "name": o.Name, "kind": o.Kind, "seeded": true})
		evRows[i] = "(?,?,?,?,?,?,?,?,?,?)"
		evArgs = append(evArgs, o.JurisdictionID, NewID(), o.ID, string(org.Establish), o.FoundedOn, "", "", string(detail), p.Login, now.UnixMicro())
		perJurisdiction[o.JurisdictionID]++
	}
	if _, err := tx.Exec(ctx, `INSERT INTO orgs (`+orgColumns+`) VALUES `+strings.Join(rows, ","), args...); err != nil {
		return fmt.Errorf("insert orgs: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO org_events (jurisdiction_id, id, org_id, kind, effective_on, document_no, note, detail,
		recorded_by, recorded_at) VALUES `+strings.Join(evRows, ","), evArgs...); err != nil {
		return fmt.Errorf("insert org events: %w", err)
	}
	for j, n := range perJurisdiction {
		detail, _ := json.Marshal(map[string]any{"count": n})
		if err := tx.Audit(ctx, audit.Event{JurisdictionID: j, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
			Action: "org.seed", TargetKind: "org", Detail: string(detail)}); err != nil {
			return err
		}
	}
	return nil
}
