package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"zugong/internal/access"
	"zugong/internal/app"
	"zugong/internal/auth"
	"zugong/internal/demo"
	"zugong/internal/org"
	"zugong/internal/person"
)

// runPeopleSearch seeds a city of ten counties with 30,000 people each
// (3,000 with --quick) and searches them over HTTP as a city-wide county
// staff account, at 32 clients, with a mix of the searches people type:
// names, pinyin initials, whole ID numbers and their last 4 digits. The
// baseline is the same searches called on the service directly.
func runPeopleSearch(ctx context.Context, e *Env) ([]Result, error) {
	perCounty := 30_000
	if e.Opts.Quick {
		perCounty = 3_000
	}
	orgs := demo.City(1, demo.Zhumadian)
	if err := e.App.DB.SeedOrgs(ctx, access.Operator("bench"), orgs); err != nil {
		return nil, err
	}
	spec := demo.PeopleSpec{PartyMembers: perCounty * 85 / 100, Cadres: perCounty * 75 / 1000, Talents: perCounty * 75 / 1000}
	gens, err := e.App.SeedPeople(ctx, orgs, spec)
	if err != nil {
		return nil, err
	}
	var queries []string
	rng := rand.New(rand.NewPCG(5, 5))
	for _, gen := range gens {
		for range 100 {
			p := gen.Dossiers[rng.IntN(len(gen.Dossiers))].Person
			queries = append(queries, p.Name, person.Initials(p.Name), p.IDNumber, p.IDNumber[14:], p.Name[:3])
		}
	}
	token, pctx, err := cityStaff(ctx, e, orgs[0])
	if err != nil {
		return nil, err
	}
	handler, _, err := e.App.Handler()
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(handler)
	defer srv.Close()
	requests := make([][]byte, len(queries))
	for i, q := range queries {
		requests[i] = getRequest("/api/v1/people?limit=20&q="+url.QueryEscape(q), token)
	}
	conns, closeAll, err := dialClients(srv.Listener.Addr().String())
	if err != nil {
		return nil, err
	}
	defer closeAll()
	next := counter(len(queries))
	httpStats, err := load(ctx, clients, e.Dur, func() error {
		c := <-conns
		defer func() { conns <- c }()
		i := next()
		status, err := c.do(requests[i])
		if err == nil && status != http.StatusOK {
			err = fmt.Errorf("search %q: status %d", queries[i], status)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	next = counter(len(queries))
	direct, err := load(ctx, clients, e.Dur, func() error {
		_, err := e.App.People.List(pctx, person.Filter{Query: queries[next()], Limit: 20, SkipTotal: true})
		return err
	})
	if err != nil {
		return nil, err
	}
	n := perCounty * 10 / 1000
	return []Result{
		{Name: fmt.Sprintf("people-search-%dk-p99", n), Value: ms(httpStats.p99), Unit: "ms", Baseline: ms(direct.p99),
			Note: "p99 of the same searches called on the service directly"},
		{Name: fmt.Sprintf("people-search-%dk-throughput", n), Value: httpStats.rate, Unit: "req/s", Baseline: direct.rate,
			Note: "the same searches called on the service directly"},
	}, nil
}

// counter returns a function cycling through 0…n-1, safe for concurrent use.
func counter(n int) func() int {
	ch := make(chan int, 1)
	ch <- 0
	return func() int {
		i := <-ch
		ch <- (i + 1) % n
		return i
	}
}

// cityStaff creates a county-staff account over the city, signs it in with
// its TOTP key and returns an API token and the principal's context.
func cityStaff(ctx context.Context, e *Env, root org.Org) (string, context.Context, error) {
	accs, err := e.App.CreateAccounts(ctx, []app.AccountSpec{{Login: "city.staff", Name: "市委组织部干部", Role: access.CountyStaff, Scope: root}})
	if err != nil {
		return "", nil, err
	}
	acc := accs[0]
	client := auth.Client{IP: "127.0.0.1", UserAgent: "bench"}
	in, err := e.App.Auth.SignIn(ctx, acc.Login, acc.Password, client)
	if err != nil {
		return "", nil, err
	}
	code, err := auth.Code(acc.TOTPSecret, time.Now())
	if err != nil {
		return "", nil, err
	}
	if err := e.App.Auth.VerifySecondFactor(ctx, in.Token, code, client); err != nil {
		return "", nil, err
	}
	p, _, err := e.App.Auth.Authenticate(ctx, in.Token, client)
	if err != nil {
		return "", nil, err
	}
	pctx := access.With(ctx, p)
	token, _, err := e.App.Users.CreateToken(pctx, "bench", 0)
	return token, pctx, err
}
