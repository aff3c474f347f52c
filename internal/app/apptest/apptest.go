// Package apptest runs the whole zugong application for tests: a real
// database (SQLite, or PostgreSQL with ZUGONG_TEST_PG), a small organisation
// tree, one account per role with a second factor, and the full HTTP handler
// on an httptest server. Clients sign in through the real auth service.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"zugong/internal/access"
	"zugong/internal/app"
	"zugong/internal/auth"
	"zugong/internal/civil"
	"zugong/internal/config"
	"zugong/internal/gate"
	"zugong/internal/org"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

// Tree is the small organisation tree every Env holds: a county with two
// townships, a village in each, and a party branch in village A.
type Tree struct {
	County, TownA, TownB, VillageA, VillageB, BranchA *org.Org
}

// Env is a running application.
type Env struct {
	App      *app.App
	DB       *store.DB
	Server   *httptest.Server
	Surfaces *app.Surfaces
	Tree     Tree
	// Accounts holds one account per role. Every account has a TOTP key.
	// The township organiser and the individual roles are scoped to TownA,
	// the branch secretary to BranchA, everyone else to the county.
	Accounts map[access.Role]app.Account

	mu       sync.Mutex
	sessions map[access.Role]*session
}

type session struct {
	token, csrf string
}

// cheapHasher keeps password hashing fast in tests; verification reads the
// parameters from each stored hash, so it checks production hashes too.
var cheapHasher = auth.NewHasher(auth.HasherConfig{Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})

// New starts an application on SQLite.
func New(t testing.TB) *Env { return NewOn(t, store.SQLite) }

// Each runs fn with an application on every test engine.
func Each(t *testing.T, fn func(t *testing.T, env *Env)) {
	for _, d := range storetest.Engines() {
		t.Run(string(d), func(t *testing.T) { fn(t, NewOn(t, d)) })
	}
}

// NewOn starts an application on engine d.
func NewOn(t testing.TB, d store.Dialect) *Env {
	t.Helper()
	db := storetest.Open(t, d)
	cfg := config.Default()
	cfg.DB = "test"
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(cfg, log, db)
	if err != nil {
		t.Fatal(err)
	}
	a.Users = db.Users().WithHasher(cheapHasher)
	a.Auth = db.Auth(store.AuthConfig{Hasher: cheapHasher, IPPerMinute: 100000, IPBurst: 100000})
	env := &Env{App: a, DB: db, sessions: map[access.Role]*session{}}
	env.Tree = buildTree(t, a)
	specs := app.DemoAccounts(*env.Tree.County, *env.Tree.County, *env.Tree.TownA, *env.Tree.BranchA)
	for i := range specs {
		specs[i].SecondFactor = true
	}
	accounts, err := a.CreateAccounts(context.Background(), specs)
	if err != nil {
		t.Fatal(err)
	}
	env.Accounts = map[access.Role]app.Account{}
	for _, acc := range accounts {
		env.Accounts[acc.Role] = acc
	}
	handler, surfaces, err := a.Handler()
	if err != nil {
		t.Fatal(err)
	}
	env.Surfaces = surfaces
	env.Server = httptest.NewServer(handler)
	t.Cleanup(env.Server.Close)
	return env
}

func buildTree(t testing.TB, a *app.App) Tree {
	t.Helper()
	ctx := access.With(context.Background(), access.Operator("apptest"))
	day := civil.MustParse("2020-01-01")
	add := func(parent *org.Org, name string, kind org.Kind, sector org.Sector) *org.Org {
		parentID := ""
		if parent != nil {
			parentID = parent.ID
		}
		o, _, err := a.Orgs.Record(ctx, org.Change{Kind: org.Establish, ParentID: parentID, EffectiveOn: day,
			Unit: org.NewUnit{Name: name, Kind: kind, Sector: sector}})
		if err != nil {
			t.Fatalf("establish %s: %v", name, err)
		}
		return o
	}
	var tr Tree
	tr.County = add(nil, "正阳县", org.County, org.SectorGovernment)
	tr.TownA = add(tr.County, "真阳镇", org.Township, org.SectorGovernment)
	tr.TownB = add(tr.County, "汝南埠镇", org.Township, org.SectorGovernment)
	tr.VillageA = add(tr.TownA, "张庄村", org.Village, org.SectorRural)
	tr.VillageB = add(tr.TownB, "李寨村", org.Village, org.SectorRural)
	tr.BranchA = add(tr.VillageA, "张庄村党支部", org.Branch, org.SectorRural)
	return tr
}

// signIn signs the role's account in through the auth service, passing the
// second factor, and returns the session. Sessions are made once per role:
// each TOTP time step is accepted once per account.
func (e *Env) signIn(t testing.TB, role access.Role) *session {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	if s, ok := e.sessions[role]; ok {
		return s
	}
	acc, ok := e.Accounts[role]
	if !ok {
		t.Fatalf("no account for role %s", role)
	}
	ctx := context.Background()
	client := auth.Client{IP: "127.0.0.1", UserAgent: "apptest"}
	res, err := e.App.Auth.SignIn(ctx, acc.Login, acc.Password, client)
	if err != nil {
		t.Fatalf("sign in %s: %v", acc.Login, err)
	}
	code, err := auth.Code(acc.TOTPSecret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := e.App.Auth.VerifySecondFactor(ctx, res.Token, code, client); err != nil {
		t.Fatalf("second factor of %s: %v", acc.Login, err)
	}
	s := &session{token: res.Token, csrf: res.Session.CSRFToken}
	e.sessions[role] = s
	return s
}

// Principal returns a context carrying the signed-in principal of role, for
// calling services directly as that user.
func (e *Env) Principal(t testing.TB, role access.Role) context.Context {
	t.Helper()
	s := e.signIn(t, role)
	p, _, err := e.App.Auth.Authenticate(context.Background(), s.token, auth.Client{IP: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	return access.With(context.Background(), p)
}

// Token returns a new API bearer token of the role's account.
func (e *Env) Token(t testing.TB, role access.Role) string {
	t.Helper()
	raw, _, err := e.App.Users.CreateToken(e.Principal(t, role), "apptest", 0)
	if err != nil {
		t.Fatalf("token for %s: %v", role, err)
	}
	return raw
}

// Client is a browser-like HTTP client with a signed-in session.
type Client struct {
	*http.Client
	Base string
	// CSRF is the session's token, added to every form PostForm sends.
	CSRF string
	t    testing.TB
}

// Client returns a client signed in as the role's account.
func (e *Env) Client(t testing.TB, role access.Role) *Client {
	t.Helper()
	s := e.signIn(t, role)
	c := e.Anonymous(t)
	u, _ := url.Parse(e.Server.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: gate.SessionCookie, Value: s.token, Path: "/"}})
	c.CSRF = s.csrf
	return c
}

// Anonymous returns a client that is not signed in. It does not follow
// redirects, so tests can assert them.
func (e *Env) Anonymous(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{
		Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		Base:   e.Server.URL,
		t:      t,
	}
}

// Get fetches path.
func (c *Client) Get(path string) *http.Response {
	c.t.Helper()
	resp, err := c.Client.Get(c.Base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp
}

// PostForm posts form values to path, adding the CSRF token.
func (c *Client) PostForm(path string, v url.Values) *http.Response {
	c.t.Helper()
	if v == nil {
		v = url.Values{}
	}
	if c.CSRF != "" && v.Get(gate.CSRFField) == "" {
		v.Set(gate.CSRFField, c.CSRF)
	}
	req, err := http.NewRequest(http.MethodPost, c.Base+path, strings.NewReader(v.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp
}

// Body reads and closes a response body.
func Body(t testing.TB, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Chromium returns the path of the headless browser for end-to-end tests.
// With ZUGONG_E2E set (as in CI) a missing browser fails the test;
// otherwise the test is skipped.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("ZUGONG_E2E") != "" {
		t.Fatal("ZUGONG_E2E is set but no Chromium is installed")
	}
	t.Skip("no Chromium; set ZUGONG_E2E=1 to require it")
	return ""
}
