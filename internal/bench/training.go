package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/demo"
	"zugong/internal/store"
	"zugong/internal/training"
)

// runTrainingCompliance times the training compliance report of a county
// of 40k cadres with five years of credits (about 1.6M rows) — one query
// over the cadres and their yearly tallies, the quota rules per cadre in Go,
// the summaries per township — against one raw SQL aggregate of the same
// credit rows (the hours of each cadre in the five years), on the same
// engine.
func runTrainingCompliance(ctx context.Context, e *Env) ([]Result, error) {
	cadres := 40_000
	if e.Opts.Quick {
		cadres = 4_000
	}
	orgs := demo.County(1, demo.DefaultCounty)
	if err := e.App.DB.SeedOrgs(ctx, access.Operator("bench"), orgs); err != nil {
		return nil, err
	}
	county := orgs[0]
	var units []string
	paths := map[string]string{}
	for _, o := range orgs {
		paths[o.ID] = o.Path
		if o.Kind.Party() || o.ID == county.ID {
			continue
		}
		units = append(units, o.ID)
	}
	const year = 2026
	rows, err := seedCredits(ctx, e.App.DB, county.ID, units, paths, cadres, year)
	if err != nil {
		return nil, err
	}
	op := access.With(ctx, access.Operator("bench"))
	today := demo.AsOf()
	report := func() error {
		r, err := e.App.Training.Compliance(op, training.ComplianceQuery{Under: county.ID, Year: year, Today: today, Limit: 50})
		if err == nil && r.Summary.Total != cadres {
			err = fmt.Errorf("the report counts %d cadres, want %d", r.Summary.Total, cadres)
		}
		return err
	}
	raw := func() error {
		rs, err := e.App.DB.Query(ctx, `SELECT person_id, SUM(hours) FROM training_credits WHERE counts = ? AND earned_on >= ? AND earned_on <= ?
			GROUP BY person_id`, true, fmt.Sprintf("%d-01-01", year-4), today)
		if err != nil {
			return err
		}
		defer rs.Close()
		n := 0
		for rs.Next() {
			var id string
			var h int64
			if err := rs.Scan(&id, &h); err != nil {
				return err
			}
			n++
		}
		if err := rs.Err(); err != nil {
			return err
		}
		if n != cadres {
			return fmt.Errorf("the aggregate has %d cadres, want %d", n, cadres)
		}
		return nil
	}
	// Warm both once, then alternate, so that the cache and the machine's
	// noise treat them alike; the medians are compared.
	if err := report(); err != nil {
		return nil, err
	}
	if err := raw(); err != nil {
		return nil, err
	}
	runs := 7
	if e.Opts.Quick {
		runs = 3
	}
	var ours, base []time.Duration
	for range runs {
		for _, m := range []struct {
			fn  func() error
			out *[]time.Duration
		}{{report, &ours}, {raw, &base}} {
			start := time.Now()
			if err := m.fn(); err != nil {
				return nil, err
			}
			*m.out = append(*m.out, time.Since(start))
		}
	}
	slices.Sort(ours)
	slices.Sort(base)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return []Result{{Name: fmt.Sprintf("training-compliance-%dk-cadres-%dk-credits", cadres/1000, rows/1000),
		Value: ms(ours[len(ours)/2]), Unit: "ms", Baseline: ms(base[len(base)/2]),
		Note: "one raw SQL aggregate of the same credit rows (median of runs)"}}, nil
}

// seedCredits writes n cadres spread over units and five years of credits
// for each with their yearly tallies, in batched multi-row INSERTs in one
// transaction, and returns the number of credit rows. One cadre in twenty
// is at county level, with the post that made them so.
func seedCredits(ctx context.Context, db *store.DB, jurisdiction string, units []string, paths map[string]string, n, year int) (int, error) {
	rng := rand.New(rand.NewPCG(7, 11))
	now := time.Now().UnixMicro()
	people := newBatcher(`INSERT INTO people (jurisdiction_id, id, org_id, org_path, name, is_cadre, post_rank, version, created_at, updated_at) VALUES `, 10)
	posts := newBatcher(`INSERT INTO cadre_posts (jurisdiction_id, person_id, seq, title, post_rank, appointed_on, is_current) VALUES `, 7)
	tallies := newBatcher(`INSERT INTO training_tallies (jurisdiction_id, person_id, year, hours, online, days) VALUES `, 6)
	credits := newBatcher(`INSERT INTO training_credits (jurisdiction_id, id, person_id, earned_on, source, source_id, hours, online, days, counts, mode, themes) VALUES `, 12)
	total := 0
	err := db.Write(ctx, func(tx *store.Tx) error {
		// People go in first, in their own batches: the credits' foreign
		// keys need them.
		ids := make([]string, n)
		for i := range n {
			id := store.NewID()
			unit := units[rng.IntN(len(units))]
			rank := "副科级"
			if i%20 == 0 {
				rank = "副处级"
			}
			if err := people.add(ctx, tx, jurisdiction, id, unit, paths[unit], fmt.Sprintf("干部%05d", i), true, rank, 1, now, now); err != nil {
				return err
			}
			ids[i] = id
		}
		if err := people.flush(ctx, tx); err != nil {
			return err
		}
		for i := 0; i < n; i += 20 {
			since := fmt.Sprintf("%d-%02d-15", year-rng.IntN(4), 1+rng.IntN(12))
			if err := posts.add(ctx, tx, jurisdiction, ids[i], 0, "副县长", "副处级", since, true); err != nil {
				return err
			}
		}
		for _, id := range ids {
			for y := year - 4; y <= year; y++ {
				var hours, days int64
				for range 6 + rng.IntN(5) {
					day := fmt.Sprintf("%d-%02d-%02d", y, 1+rng.IntN(12), 1+rng.IntN(28))
					h, d := int64(30+10*rng.IntN(20)), int64(rng.IntN(3))
					if err := credits.add(ctx, tx, jurisdiction, store.NewID(), id, day, "programme", store.NewID(),
						h, int64(0), d, true, "centralised", `["learning"]`); err != nil {
						return err
					}
					hours, days = hours+h, days+d
					total++
				}
				if err := tallies.add(ctx, tx, jurisdiction, id, y, hours, int64(0), days); err != nil {
					return err
				}
			}
		}
		for _, b := range []*batcher{posts, credits, tallies} {
			if err := b.flush(ctx, tx); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, audit.Event{JurisdictionID: jurisdiction, ActorID: "operator", ActorLogin: "operator:bench",
			Action: "bench.seed", TargetKind: "training_credits", Detail: fmt.Sprintf(`{"cadres":%d,"credits":%d}`, n, total)})
	})
	if err != nil {
		return 0, err
	}
	return total, db.RefreshStatistics(ctx)
}

// batcher gathers rows into multi-row INSERTs of up to 400 rows.
type batcher struct {
	prefix string
	cols   int
	args   []any
	rows   int
}

func newBatcher(prefix string, cols int) *batcher { return &batcher{prefix: prefix, cols: cols} }

func (b *batcher) add(ctx context.Context, tx *store.Tx, values ...any) error {
	b.args = append(b.args, values...)
	b.rows++
	if b.rows == 400 {
		return b.flush(ctx, tx)
	}
	return nil
}

func (b *batcher) flush(ctx context.Context, tx *store.Tx) error {
	if b.rows == 0 {
		return nil
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	q := b.prefix + strings.TrimSuffix(strings.Repeat(row+", ", b.rows), ", ")
	_, err := tx.Exec(ctx, q, b.args...)
	b.args, b.rows = b.args[:0], 0
	return err
}
