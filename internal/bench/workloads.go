package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"

	"zugong/internal/access"
	"zugong/internal/app"
	"zugong/internal/auth"
	"zugong/internal/demo"
	"zugong/internal/gate"
	"zugong/internal/org"
)

// clients is the number of concurrent clients of the HTTP workload.
const clients = 32

// stats summarises a load run.
type stats struct {
	rate float64
	p99  time.Duration
}

// load runs op from n goroutines for d and returns the throughput and the
// 99th-percentile latency. It first runs them for a tenth of d without
// measuring, so that opening connections (a PostgreSQL backend takes
// milliseconds to start) and filling caches count in no figure.
func load(ctx context.Context, n int, d time.Duration, op func() error) (stats, error) {
	if _, err := drive(ctx, n, d/10, op); err != nil {
		return stats{}, err
	}
	return drive(ctx, n, d, op)
}

// drive runs op from n goroutines for d and measures every call.
func drive(ctx context.Context, n int, d time.Duration, op func() error) (stats, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for ctx.Err() == nil {
				t0 := time.Now()
				if err := op(); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel()
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return stats{}, firstErr
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	return stats{rate: float64(len(all)) / elapsed.Seconds(), p99: percentile(all, 99)}, nil
}

// staffSession seeds the demo county and signs its county staff account in
// with password and TOTP, returning the account and its principal.
func staffSession(ctx context.Context, e *Env) (app.Account, context.Context, error) {
	res, err := e.App.SeedDemo(ctx, demo.ScaleCounty, demo.PeopleSpec{})
	if err != nil {
		return app.Account{}, nil, err
	}
	var staff app.Account
	for _, acc := range res.Accounts {
		if acc.Role == access.CountyStaff {
			staff = acc
		}
	}
	client := auth.Client{IP: "127.0.0.1", UserAgent: "bench"}
	in, err := e.App.Auth.SignIn(ctx, staff.Login, staff.Password, client)
	if err != nil {
		return staff, nil, err
	}
	code, err := auth.Code(staff.TOTPSecret, time.Now())
	if err != nil {
		return staff, nil, err
	}
	if err := e.App.Auth.VerifySecondFactor(ctx, in.Token, code, client); err != nil {
		return staff, nil, err
	}
	p, _, err := e.App.Auth.Authenticate(ctx, in.Token, client)
	if err != nil {
		return staff, nil, err
	}
	return staff, access.With(ctx, p), nil
}

// runOrgsHTTP measures the first page of the JSON organisation list, as the
// county staff's API token, at 32 concurrent clients over loopback HTTP,
// against the same SQL statement run directly on the database pool.
func runOrgsHTTP(ctx context.Context, e *Env) ([]Result, error) {
	staff, pctx, err := staffSession(ctx, e)
	if err != nil {
		return nil, err
	}
	token, _, err := e.App.Users.CreateToken(pctx, "bench", 0)
	if err != nil {
		return nil, err
	}
	handler, _, err := e.App.Handler()
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(handler)
	defer srv.Close()
	const path = "/api/v1/orgs?limit=20"
	request := getRequest(path, token)
	conns, closeAll, err := dialClients(srv.Listener.Addr().String())
	if err != nil {
		return nil, err
	}
	defer closeAll()
	httpStats, err := load(ctx, clients, e.Dur, func() error {
		c := <-conns
		defer func() { conns <- c }()
		status, err := c.do(request)
		if err == nil && status != http.StatusOK {
			err = fmt.Errorf("GET %s: status %d", path, status)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	lo, hi := staff.Scope.Path, staff.Scope.Path[:len(staff.Scope.Path)-1]+"0"
	const query = `SELECT jurisdiction_id, id, parent_id, party_parent_id, path, depth, name, short_name, kind, sector,
		division_code, founded_on, dissolved_on, status, version, created_at, updated_at
		FROM orgs WHERE ((path >= ? AND path < ?)) ORDER BY path ASC LIMIT 21`
	sqlStats, err := load(ctx, clients, e.Dur, func() error {
		rows, err := e.App.DB.Query(ctx, query, lo, hi)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s [13]string
			var depth, version, created, updated int64
			if err := rows.Scan(&s[0], &s[1], &s[2], &s[3], &s[4], &depth, &s[5], &s[6], &s[7], &s[8], &s[9], &s[10],
				&s[11], &s[12], &version, &created, &updated); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return []Result{
		{Name: "orgs-http-throughput", Value: httpStats.rate, Unit: "req/s", Baseline: sqlStats.rate,
			Note: "the same SQL query called directly by 32 goroutines"},
		{Name: "orgs-http-p99", Value: ms(httpStats.p99), Unit: "ms", Baseline: ms(sqlStats.p99),
			Note: "p99 of the direct SQL query"},
	}, nil
}

// runMiddleware measures one request through the gate with bearer-token
// authentication and the permission check, against the same handler on the
// same router reached without them (the principal injected directly). The
// handler lists 20 organisations in the principal's scope and encodes them.
func runMiddleware(ctx context.Context, e *Env) ([]Result, error) {
	_, pctx, err := staffSession(ctx, e)
	if err != nil {
		return nil, err
	}
	p := access.From(pctx)
	token, _, err := e.App.Users.CreateToken(pctx, "bench", 0)
	if err != nil {
		return nil, err
	}
	list := func(w http.ResponseWriter, r *http.Request) error {
		page, err := e.App.Orgs.List(r.Context(), org.Filter{Limit: 20, SkipTotal: true})
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		return json.NewEncoder(w).Encode(page.Items)
	}
	rt := gate.NewRouter(gate.Config{Auth: e.App.Auth, Errors: failOnError{}, Credentials: gate.Bearer})
	rt.Handle("GET /guarded", access.OrgRead, list)
	rt.Handle("GET /bare", access.Public, func(w http.ResponseWriter, r *http.Request) error {
		return list(w, r.WithContext(access.With(r.Context(), p)))
	})
	measure := func(path, bearer string) float64 {
		r := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				if bearer != "" {
					req.Header.Set("Authorization", "Bearer "+bearer)
				}
				rec := httptest.NewRecorder()
				rt.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body.String())
				}
			}
		})
		return float64(r.NsPerOp()) / 1000
	}
	guarded := measure("/guarded", token)
	bare := measure("/bare", "")
	return []Result{{Name: "middleware-auth-scope", Value: guarded, Unit: "µs/op", Baseline: bare,
		Note: "the same handler and router without authentication and permission check"}}, nil
}

// failOnError writes errors as plain status codes; the workload checks them.
type failOnError struct{}

func (failOnError) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	http.Error(w, err.Error(), gate.Status(err))
}

// runSubtree measures listing a township's subtree in a tree of 100,000
// organisations against the same listing in a tree of 1,000: with
// materialised paths the cost should depend on the page, not the tree.
func runSubtree(ctx context.Context, e *Env) ([]Result, error) {
	bigN := 100_000
	if e.Opts.Quick {
		bigN = 20_000
	}
	bigCtx, bigTown, err := seedSynthetic(ctx, e, bigN, 1)
	if err != nil {
		return nil, err
	}
	smallCtx, smallTown, err := seedSynthetic(ctx, e, 1_000, 2)
	if err != nil {
		return nil, err
	}
	measure := func(ctx context.Context, f org.Filter) (float64, error) {
		var failed error
		r := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				if _, err := e.App.Orgs.List(ctx, f); err != nil {
					failed = err
					b.SkipNow()
				}
			}
		})
		return float64(r.NsPerOp()) / 1000, failed
	}
	var out []Result
	for _, c := range []struct {
		name  string
		total bool
	}{{"subtree-page", false}, {"subtree-page-with-total", true}} {
		big, err := measure(bigCtx, org.Filter{Under: bigTown, Limit: 20, SkipTotal: !c.total})
		if err != nil {
			return nil, err
		}
		small, err := measure(smallCtx, org.Filter{Under: smallTown, Limit: 20, SkipTotal: !c.total})
		if err != nil {
			return nil, err
		}
		out = append(out, Result{Name: fmt.Sprintf("%s-%dk", c.name, bigN/1000), Value: big, Unit: "µs/op", Baseline: small,
			Note: "the same listing of a township in a 1k-organisation tree"})
	}
	return out, nil
}

// seedSynthetic seeds a synthetic tree and returns a county-staff principal
// over its root and the ID of a township in it.
func seedSynthetic(ctx context.Context, e *Env, n int, seed uint64) (context.Context, string, error) {
	orgs := demo.Synthetic(n, seed)
	if err := e.App.DB.SeedOrgs(ctx, access.Operator("bench"), orgs); err != nil {
		return nil, "", err
	}
	root := orgs[0]
	town := ""
	for _, o := range orgs {
		if o.Depth == 1 && (o.Kind == org.Township || o.Kind == org.Subdistrict) {
			town = o.ID
			break
		}
	}
	if town == "" {
		return nil, "", fmt.Errorf("synthetic tree of %d has no township", n)
	}
	p := &access.Principal{UserID: "bench", Login: "bench", MFA: true, Grants: []access.Grant{
		{Role: access.CountyStaff, ScopeOrgID: root.ID, ScopePath: root.Path, JurisdictionID: root.JurisdictionID}}}
	return access.With(ctx, p), town, nil
}
