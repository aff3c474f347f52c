// Package bench holds zugong's benchmark workloads. Each workload measures
// its figure and, in the same run on the same machine, a baseline, and
// reports both with their ratio: these machines are noisy, so a ratio to a
// same-run baseline is what can be compared between runs.
package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"time"

	"zugong/internal/app"
	"zugong/internal/config"
	"zugong/internal/store"
	"zugong/internal/vault"
)

// Result is one line of output: a figure and its same-run baseline.
type Result struct {
	Name     string
	Value    float64
	Unit     string
	Baseline float64
	// Note says what the baseline is, for people reading the output.
	Note string
}

// Ratio is Value ÷ Baseline.
func (r Result) Ratio() float64 {
	if r.Baseline == 0 {
		return 0
	}
	return r.Value / r.Baseline
}

// Options configure a run.
type Options struct {
	// DSN selects the engine: a postgres:// URL runs on a scratch schema in
	// that database; anything else runs on a scratch SQLite file.
	DSN string
	// Quick shortens every workload for CI smoke runs (well under a minute).
	Quick bool
}

// Workload is one named benchmark.
type Workload struct {
	Name    string
	Summary string
	Run     func(ctx context.Context, e *Env) ([]Result, error)
}

// Workloads lists every workload in the order they run.
func Workloads() []Workload {
	return []Workload{
		{"orgs-http", "authenticated 20-row organisation list over HTTP at 32 clients vs the same SQL called directly", runOrgsHTTP},
		{"middleware", "auth + scope middleware vs the bare handler, in process", runMiddleware},
		{"subtree", "subtree listing in a 100k-organisation tree vs a 1k-organisation tree", runSubtree},
		{"people-import", "import of 100k people from .xlsx vs a raw batched INSERT of the parsed rows; peak RSS", runPeopleImport},
		{"people-search", "people search at city scale (300k people), 32 clients over HTTP, p99", runPeopleSearch},
		{"appraisal-recompute", "recompute of 1M cadres' appraisal vs INSERT … SELECT RANK() OVER; ranking p99 during it", runAppraisalRecompute},
		{"training-compliance", "training compliance report of 40k cadres with 5 years of credits vs one raw SQL aggregate of the credits", runTrainingCompliance},
		{"talent-match", "top 20 talents for a project among 1M, p99 vs bleve in memory and vs exhaustive scoring; index heap", runTalentMatch},
	}
}

// Env is a scratch database and application for one workload.
type Env struct {
	Opts  Options
	App   *app.App
	Dur   time.Duration
	close func()
}

// Run runs the named workloads (all when names is empty), writing one
// tab-separated line per result to w: name, value, unit, baseline, ratio.
func Run(ctx context.Context, opts Options, names []string, w io.Writer) error {
	selected, err := selectWorkloads(names)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "# name\tvalue\tunit\tbaseline\tratio\t(baseline)")
	for _, wl := range selected {
		env, err := newEnv(ctx, opts)
		if err != nil {
			return fmt.Errorf("%s: %w", wl.Name, err)
		}
		results, err := wl.Run(ctx, env)
		env.close()
		if err != nil {
			return fmt.Errorf("%s: %w", wl.Name, err)
		}
		for _, r := range results {
			fmt.Fprintf(w, "%s\t%.4g\t%s\t%.4g\t%.3f\t(%s)\n", r.Name, r.Value, r.Unit, r.Baseline, r.Ratio(), r.Note)
		}
	}
	return nil
}

func selectWorkloads(names []string) ([]Workload, error) {
	all := Workloads()
	if len(names) == 0 {
		return all, nil
	}
	byName := map[string]Workload{}
	for _, wl := range all {
		byName[wl.Name] = wl
	}
	var out []Workload
	for _, n := range names {
		wl, ok := byName[n]
		if !ok {
			known := make([]string, 0, len(all))
			for _, w := range all {
				known = append(known, w.Name)
			}
			sort.Strings(known)
			return nil, fmt.Errorf("unknown workload %q (known: %v)", n, known)
		}
		out = append(out, wl)
	}
	return out, nil
}

// newEnv opens a scratch database on the engine of opts.DSN: a temporary
// SQLite file, or a fresh schema in the PostgreSQL database, dropped after.
func newEnv(ctx context.Context, opts Options) (*Env, error) {
	dsn, cleanup, err := scratch(ctx, opts.DSN)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	rand.Read(key)
	provider, err := vault.NewSoftware(key)
	if err != nil {
		cleanup()
		return nil, err
	}
	db, err := store.Open(ctx, dsn, provider)
	if err != nil {
		cleanup()
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		cleanup()
		return nil, err
	}
	cfg := config.Default()
	cfg.DB = dsn
	a, err := app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), db)
	if err != nil {
		db.Close()
		cleanup()
		return nil, err
	}
	dur := 10 * time.Second
	if opts.Quick {
		dur = 2 * time.Second
	}
	return &Env{Opts: opts, App: a, Dur: dur, close: func() { db.Close(); cleanup() }}, nil
}

func scratch(ctx context.Context, dsn string) (string, func(), error) {
	if !store.IsPostgres(dsn) {
		dir, err := os.MkdirTemp("", "zugong-bench-")
		if err != nil {
			return "", nil, err
		}
		return filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }, nil
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "bench_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, err
	}
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create scratch schema: %w", err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		admin.Close()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), func() {
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	}, nil
}

// percentile returns the p-th percentile (0–100) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p / 100)
	return sorted[i]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
