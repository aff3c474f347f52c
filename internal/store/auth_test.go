package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/auth"
	"zugong/internal/fault"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

// authFixture is a county with two townships, services over it with a cheap
// password hash, and a clock the test moves.
type authFixture struct {
	t          testing.TB
	db         *store.DB
	auth       *store.AuthService
	users      *store.UserService
	county     string
	t1, t2     string
	operator   context.Context
	mu         sync.Mutex
	now        time.Time
	passwordOf map[string]string
}

const testPassword = "Correct-Horse-7"

func newAuthFixture(t testing.TB, db *store.DB) *authFixture {
	t.Helper()
	f := &authFixture{t: t, db: db, now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), passwordOf: map[string]string{}}
	db.SetClock(func() time.Time {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.now
	})
	hasher := auth.NewHasher(auth.HasherConfig{Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})
	f.auth = db.Auth(store.AuthConfig{Hasher: hasher})
	f.users = db.Users().WithHasher(hasher)
	f.operator = access.With(context.Background(), access.Operator("test"))
	f.county, f.t1, f.t2 = store.NewID(), store.NewID(), store.NewID()
	f.org(f.county, "", "/"+f.county+"/", "Test County", "county")
	f.org(f.t1, f.county, "/"+f.county+"/"+f.t1+"/", "East Township", "township")
	f.org(f.t2, f.county, "/"+f.county+"/"+f.t2+"/", "West Township", "township")
	return f
}

func (f *authFixture) org(id, parent, path, name, kind string) {
	f.t.Helper()
	now := f.db.Now().UnixMicro()
	if _, err := f.db.RawExec(context.Background(), `INSERT INTO orgs (jurisdiction_id, id, parent_id, path, depth, name, kind,
		status, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		f.county, id, parent, path, strings.Count(path, "/")-1, name, kind, "active", 1, now, now); err != nil {
		f.t.Fatal(err)
	}
}

func (f *authFixture) advance(d time.Duration) {
	f.mu.Lock()
	f.now = f.now.Add(d)
	f.mu.Unlock()
}

// user creates an account homed in home, with the given roles over home.
func (f *authFixture) user(login, home, phone string, roles ...access.Role) *auth.User {
	f.t.Helper()
	u, err := f.users.Create(f.operator, auth.NewUser{Login: login, Name: login, HomeOrgID: home, Phone: phone, Password: testPassword})
	if err != nil {
		f.t.Fatalf("create %s: %v", login, err)
	}
	for _, r := range roles {
		if _, err := f.users.Grant(f.operator, u.ID, r, home); err != nil {
			f.t.Fatalf("grant %s to %s: %v", r, login, err)
		}
	}
	return u
}

// signIn signs login in from ip and returns its session token and the
// principal's context.
func (f *authFixture) signIn(login, ip string) (string, context.Context) {
	f.t.Helper()
	res, err := f.auth.SignIn(context.Background(), login, testPassword, auth.Client{IP: ip})
	if err != nil {
		f.t.Fatalf("sign in %s from %s: %v", login, ip, err)
	}
	p, _, err := f.auth.Authenticate(context.Background(), res.Token, auth.Client{IP: ip})
	if err != nil {
		f.t.Fatalf("authenticate %s: %v", login, err)
	}
	return res.Token, access.With(context.Background(), p)
}

func (f *authFixture) events(action string, outcome audit.Outcome) []audit.Event {
	f.t.Helper()
	var out []audit.Event
	err := f.db.ExportAudit(context.Background(), store.AuditFilter{Action: action, Outcome: outcome}, func(e audit.Event) error {
		out = append(out, e)
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// wantFault fails unless err carries code and key.
func wantFault(t *testing.T, what string, err error, code fault.Code, key string) {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Code != code || (key != "" && e.Key != key) {
		t.Fatalf("%s: got %v, want %s %s", what, err, code, key)
	}
}

func TestSignInIsAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		ctx := context.Background()
		u := f.user("zhangsan", f.t1, "")
		c := auth.Client{IP: "10.0.0.1", UserAgent: "test"}

		res, err := f.auth.SignIn(ctx, "ZhangSan ", testPassword, c)
		if err != nil {
			t.Fatalf("sign in: %v", err)
		}
		if len(res.Token) < 40 || res.NeedSecondFactor || res.NeedEnrolment {
			t.Fatalf("result %+v: want a token and nothing more to do", res)
		}
		var stored int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM sessions WHERE token_hash = ?`, res.Token).Scan(&stored); err != nil || stored != 0 {
			t.Fatalf("raw token stored in sessions (%d rows, %v)", stored, err)
		}
		ok := f.events("auth.signin", audit.Success)
		if len(ok) != 1 || ok[0].ActorID != u.ID || ok[0].JurisdictionID != f.county || ok[0].IP != "10.0.0.1" {
			t.Fatalf("success events %+v: want one by %s in the county chain", ok, u.ID)
		}

		_, err = f.auth.SignIn(ctx, "zhangsan", "Wrong-Horse-7", c)
		wantFault(t, "wrong password", err, fault.Unauthorized, "error.signin.failed")
		_, err = f.auth.SignIn(ctx, "nobody", testPassword, c)
		wantFault(t, "unknown login", err, fault.Unauthorized, "error.signin.failed")

		failed := f.events("auth.signin", audit.Failure)
		if len(failed) != 2 {
			t.Fatalf("got %d failure events, want 2", len(failed))
		}
		if failed[0].JurisdictionID != f.county && failed[1].JurisdictionID != f.county {
			t.Errorf("the wrong-password failure is not in the user's jurisdiction: %+v", failed)
		}
		var system int
		for _, e := range failed {
			if e.JurisdictionID == audit.SystemJurisdiction {
				system++
				if e.ActorLogin != "nobody" || !strings.Contains(e.Detail, "unknown_login") {
					t.Errorf("unknown-login event %+v", e)
				}
			}
		}
		if system != 1 {
			t.Errorf("got %d failures in the system chain, want 1 (the unknown login)", system)
		}

		// A disabled account fails like a wrong password.
		if err := f.users.SetStatus(f.operator, u.ID, auth.Disabled); err != nil {
			t.Fatal(err)
		}
		_, err = f.auth.SignIn(ctx, "zhangsan", testPassword, c)
		wantFault(t, "disabled account", err, fault.Unauthorized, "error.signin.failed")
		if _, _, err := f.auth.Authenticate(ctx, res.Token, c); err == nil {
			t.Fatal("the session of a disabled account still authenticates")
		}
	})
}

func TestLockOutIsPerAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		ctx := context.Background()
		f.user("lisi", f.t1, "")
		attacker, home := auth.Client{IP: "203.0.113.9"}, auth.Client{IP: "10.0.0.7"}
		for i := range 5 {
			_, err := f.auth.SignIn(ctx, "lisi", "Guess-Number-"+string(rune('a'+i)), attacker)
			wantFault(t, "guess", err, fault.Unauthorized, "error.signin.failed")
		}
		_, err := f.auth.SignIn(ctx, "lisi", testPassword, attacker)
		wantFault(t, "right password from the locked pair", err, fault.TooMany, "error.signin.locked")
		if _, err := f.auth.SignIn(ctx, "lisi", testPassword, home); err != nil {
			t.Fatalf("the user's own address was locked out too: %v", err)
		}
		if n := len(f.events("auth.signin", audit.Failure)); n != 6 {
			t.Fatalf("got %d failure events, want 6 (5 guesses, 1 refused while locked)", n)
		}

		f.advance(15*time.Minute - time.Second)
		_, err = f.auth.SignIn(ctx, "lisi", testPassword, attacker)
		wantFault(t, "before the lock ends", err, fault.TooMany, "error.signin.locked")
		f.advance(time.Second)
		if _, err := f.auth.SignIn(ctx, "lisi", testPassword, attacker); err != nil {
			t.Fatalf("after 15 minutes: %v", err)
		}
	})
}

func TestPerAddressBucket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		f.auth = db.Auth(store.AuthConfig{IPPerMinute: 3, Hasher: auth.NewHasher(auth.HasherConfig{Params: auth.Params{Memory: 64, Time: 1, Threads: 1}})})
		c := auth.Client{IP: "198.51.100.1"}
		for i := range 3 {
			_, err := f.auth.SignIn(context.Background(), "user"+string(rune('a'+i)), "x", c)
			wantFault(t, "attempt within the bucket", err, fault.Unauthorized, "error.signin.failed")
		}
		_, err := f.auth.SignIn(context.Background(), "userz", "x", c)
		wantFault(t, "attempt over the bucket", err, fault.TooMany, "error.too_many_requests")
	})
}

// enrol turns TOTP on for the principal of token and returns the secret and
// the recovery codes.
func (f *authFixture) enrol(token string, pctx context.Context) (string, []string) {
	f.t.Helper()
	e, err := f.auth.BeginEnrolment(pctx)
	if err != nil {
		f.t.Fatal(err)
	}
	if !strings.HasPrefix(e.URI, "otpauth://totp/zugong:") {
		f.t.Fatalf("URI %s", e.URI)
	}
	code, _ := auth.Code(e.Secret, f.db.Now())
	codes, err := f.auth.ConfirmEnrolment(pctx, token, code)
	if err != nil {
		f.t.Fatalf("confirm enrolment: %v", err)
	}
	return e.Secret, codes
}

func TestSecondFactorIsSingleUse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		ctx := context.Background()
		f.user("wangwu", f.t1, "", access.CountyStaff)
		c := auth.Client{IP: "10.0.0.1"}

		res, err := f.auth.SignIn(ctx, "wangwu", testPassword, c)
		if err != nil || !res.NeedEnrolment || res.NeedSecondFactor {
			t.Fatalf("county staff without TOTP: %+v, %v; want NeedEnrolment", res, err)
		}
		p, _, err := f.auth.Authenticate(ctx, res.Token, c)
		if err != nil || p.Ready() {
			t.Fatalf("before enrolment: ready %v, %v; want a pending principal", p.Ready(), err)
		}
		secret, codes := f.enrol(res.Token, access.With(ctx, p))
		if len(codes) != 10 || len(f.events("auth.mfa_enrol", audit.Success)) != 1 {
			t.Fatalf("enrolment: %d codes, want 10, and one audit event", len(codes))
		}
		if p, _, err := f.auth.Authenticate(ctx, res.Token, c); err != nil || !p.MFA || !p.Ready() {
			t.Fatalf("after enrolment the session is not passed: %+v, %v", p, err)
		}

		// The code used to enrol cannot be used again in its step.
		used, _ := auth.Code(secret, db.Now())
		res2, err := f.auth.SignIn(ctx, "wangwu", testPassword, c)
		if err != nil || !res2.NeedSecondFactor {
			t.Fatalf("second sign-in: %+v, %v; want NeedSecondFactor", res2, err)
		}
		err = f.auth.VerifySecondFactor(ctx, res2.Token, used, c)
		wantFault(t, "reused TOTP step", err, fault.Invalid, "error.mfa.invalid")

		f.advance(auth.TOTPStep)
		next, _ := auth.Code(secret, db.Now())
		if err := f.auth.VerifySecondFactor(ctx, res2.Token, next, c); err != nil {
			t.Fatalf("fresh code: %v", err)
		}
		if p, _, err := f.auth.Authenticate(ctx, res2.Token, c); err != nil || !p.MFA {
			t.Fatalf("after the code the session is not passed: %+v, %v", p, err)
		}
		res3, _ := f.auth.SignIn(ctx, "wangwu", testPassword, c)
		err = f.auth.VerifySecondFactor(ctx, res3.Token, next, c)
		wantFault(t, "the same code in another session", err, fault.Invalid, "error.mfa.invalid")

		// A recovery code works once, in any form people type it.
		if err := f.auth.VerifySecondFactor(ctx, res3.Token, strings.ToUpper(codes[3]), c); err != nil {
			t.Fatalf("recovery code: %v", err)
		}
		res4, _ := f.auth.SignIn(ctx, "wangwu", testPassword, c)
		err = f.auth.VerifySecondFactor(ctx, res4.Token, codes[3], c)
		wantFault(t, "recovery code used twice", err, fault.Invalid, "error.mfa.invalid")

		if n := len(f.events("auth.mfa", audit.Failure)); n != 3 {
			t.Fatalf("got %d failed auth.mfa events, want 3", n)
		}
		if n := len(f.events("auth.mfa", audit.Success)); n != 2 {
			t.Fatalf("got %d passed auth.mfa events, want 2", n)
		}
	})
}

func TestSecondFactorFailuresLock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		ctx := context.Background()
		f.user("zhaoliu", f.t1, "")
		c := auth.Client{IP: "10.0.0.3"}
		token, pctx := f.signIn("zhaoliu", c.IP)
		secret, _ := f.enrol(token, pctx)
		f.advance(auth.TOTPStep)
		good, _ := auth.Code(secret, db.Now())

		// Five wrong codes lock the pair, and signing in again with the
		// password does not reset the count.
		for i := range 5 {
			res, err := f.auth.SignIn(ctx, "zhaoliu", testPassword, c)
			if err != nil {
				t.Fatalf("sign-in %d: %v", i+1, err)
			}
			wrong := "000000"
			if good == wrong {
				wrong = "111111"
			}
			err = f.auth.VerifySecondFactor(ctx, res.Token, wrong, c)
			wantFault(t, "wrong code", err, fault.Invalid, "error.mfa.invalid")
		}
		_, err := f.auth.SignIn(ctx, "zhaoliu", testPassword, c)
		wantFault(t, "sign-in after five wrong codes", err, fault.TooMany, "error.signin.locked")
	})
}

func TestSessionTimeouts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		ctx := context.Background()
		f.user("sunqi", f.t1, "")
		c := auth.Client{IP: "10.0.0.1"}
		token, _ := f.signIn("sunqi", c.IP)

		// Activity keeps the session alive past the idle timeout …
		for range 4 {
			f.advance(10 * time.Minute)
			if _, _, err := f.auth.Authenticate(ctx, token, c); err != nil {
				t.Fatalf("active session ended: %v", err)
			}
		}
		// … idleness ends it.
		f.advance(16 * time.Minute)
		_, _, err := f.auth.Authenticate(ctx, token, c)
		wantFault(t, "idle session", err, fault.Unauthorized, "error.session.expired")
		var ended int64
		if err := db.QueryRow(ctx, `SELECT ended_at FROM sessions WHERE user_id = (SELECT id FROM users WHERE login = 'sunqi')`).Scan(&ended); err != nil || ended == 0 {
			t.Fatalf("idle session not ended in the database: ended_at %d, %v", ended, err)
		}

		// The absolute timeout ends even an active session.
		token, _ = f.signIn("sunqi", c.IP)
		for range 12 * 6 {
			f.advance(10 * time.Minute)
			if _, _, err = f.auth.Authenticate(ctx, token, c); err != nil {
				break
			}
		}
		wantFault(t, "session after 12 hours", err, fault.Unauthorized, "error.session.expired")
	})
}

func TestCachedPrincipalIsInvalidated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		ctx := context.Background()
		u := f.user("chenba", f.t1, "")
		c := auth.Client{IP: "10.0.0.1"}
		token, _ := f.signIn("chenba", c.IP)
		p, _, _ := f.auth.Authenticate(ctx, token, c)
		if p.Has(access.OrgRead) {
			t.Fatal("a user without grants reads organisations")
		}
		if _, err := f.users.Grant(f.operator, u.ID, access.Leader, f.t1); err != nil {
			t.Fatal(err)
		}
		p, _, _ = f.auth.Authenticate(ctx, token, c)
		if !p.Has(access.OrgRead) || p.Grants[0].ScopePath != "/"+f.county+"/"+f.t1+"/" || p.Grants[0].JurisdictionID != f.county {
			t.Fatalf("after the grant, within the cache TTL: %+v; want the new grant", p.Grants)
		}
		p.Grants[0].ScopePath = "/"
		if p2, _, _ := f.auth.Authenticate(ctx, token, c); p2.Grants[0].ScopePath == "/" {
			t.Fatal("changing a returned principal changed the cached one")
		}
		if err := f.auth.SignOut(ctx, token); err != nil {
			t.Fatal(err)
		}
		_, _, err := f.auth.Authenticate(ctx, token, c)
		wantFault(t, "after sign-out", err, fault.Unauthorized, "error.session.expired")
		if len(f.events("auth.signout", audit.Success)) != 1 {
			t.Fatal("sign-out not audited")
		}
	})
}

func TestGrantRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		f.user("sec1", f.t1, "", access.SecurityAdmin)
		east := f.user("east", f.t1, "")
		west := f.user("west", f.t2, "")
		_, sec := f.signIn("sec1", "10.0.0.1")
		me := access.From(sec)

		_, err := f.users.Grant(sec, west.ID, access.Leader, f.t2)
		wantFault(t, "grant to an account of another township", err, fault.NotFound, "")
		_, err = f.users.Grant(sec, east.ID, access.Leader, f.t2)
		wantFault(t, "grant over another township", err, fault.NotFound, "")
		_, err = f.users.Grant(sec, east.ID, access.Leader, f.county)
		wantFault(t, "grant over the county above", err, fault.NotFound, "")
		g, err := f.users.Grant(sec, east.ID, access.Leader, f.t1)
		if err != nil {
			t.Fatalf("grant within the township: %v", err)
		}
		_, err = f.users.Grant(sec, me.UserID, access.TownshipOrganiser, f.t1)
		wantFault(t, "self-grant", err, fault.Forbidden, "error.role.self")

		if _, err := f.users.Grant(f.operator, east.ID, access.SystemAdmin, f.t1); err != nil {
			t.Fatal(err)
		}
		_, err = f.users.Grant(f.operator, east.ID, access.SecurityAdmin, f.t1)
		wantFault(t, "sysadmin plus secadmin", err, fault.Conflict, "error.role.admin_combined")

		grants := f.events("role.grant", audit.Success)
		if len(grants) != 3 { // sec1's own, east's leader, east's sysadmin
			t.Fatalf("got %d role.grant events, want 3", len(grants))
		}
		if err := f.users.Revoke(sec, g.ID); err != nil {
			t.Fatalf("revoke: %v", err)
		}
		if len(f.events("role.revoke", audit.Success)) != 1 {
			t.Fatal("revoke not audited")
		}
		got, err := f.users.Get(f.operator, east.ID)
		if err != nil || len(got.Grants) != 1 || got.Grants[0].Role != access.SystemAdmin {
			t.Fatalf("east's grants after revoke: %+v, %v; want only sysadmin", got, err)
		}
	})
}

func TestUserListIsScoped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		f.user("sec1", f.t1, "", access.SecurityAdmin)
		f.user("east2", f.t1, "")
		west := f.user("west", f.t2, "")
		_, sec := f.signIn("sec1", "10.0.0.1")

		page, err := f.users.List(sec, auth.UserFilter{Sort: "login"})
		if err != nil {
			t.Fatal(err)
		}
		var logins []string
		for _, u := range page.Items {
			logins = append(logins, u.Login)
		}
		if page.Total != 2 || strings.Join(logins, ",") != "east2,sec1" {
			t.Fatalf("township admin lists %v (total %d), want east2,sec1", logins, page.Total)
		}
		if _, err := f.users.Get(sec, west.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("get an account of another township: got %v, want not found", err)
		}
		all, err := f.users.List(f.operator, auth.UserFilter{Query: "EAST", Limit: 1})
		if err != nil || all.Total != 1 || len(all.Items) != 1 || all.Items[0].Login != "east2" {
			t.Fatalf("operator search: %+v, %v", all, err)
		}
		filtered, err := f.users.List(f.operator, auth.UserFilter{Role: access.SecurityAdmin})
		if err != nil || filtered.Total != 1 || filtered.Items[0].Grants[0].Role != access.SecurityAdmin {
			t.Fatalf("role filter: %+v, %v", filtered, err)
		}
	})
}

func TestCreateValidates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		f.user("taken", f.t1, "")
		tests := []struct {
			name  string
			u     auth.NewUser
			field string
			key   string
		}{
			{"bad login", auth.NewUser{Login: "a b", Name: "x", HomeOrgID: f.t1, Password: testPassword}, "login", "field.login"},
			{"taken login", auth.NewUser{Login: "Taken", Name: "x", HomeOrgID: f.t1, Password: testPassword}, "login", "field.login.taken"},
			{"no name", auth.NewUser{Login: "abc", HomeOrgID: f.t1, Password: testPassword}, "name", "field.required"},
			{"long name", auth.NewUser{Login: "abc", Name: strings.Repeat("名", 51), HomeOrgID: f.t1, Password: testPassword}, "name", "field.too_long"},
			{"bad phone", auth.NewUser{Login: "abc", Name: "x", HomeOrgID: f.t1, Phone: "12345678901", Password: testPassword}, "phone", "field.phone"},
			{"weak password", auth.NewUser{Login: "abc", Name: "x", HomeOrgID: f.t1, Password: "short"}, "password", "field.password.too_short"},
			{"unknown home", auth.NewUser{Login: "abc", Name: "x", HomeOrgID: store.NewID(), Password: testPassword}, "home_org_id", "field.invalid_choice"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.users.Create(f.operator, tc.u)
				e, ok := fault.As(err)
				if !ok || e.Code != fault.Invalid || e.Fields[tc.field].Key != tc.key {
					t.Fatalf("got %v, want %s on %s", err, tc.key, tc.field)
				}
			})
		}
		// A sysadmin of one township cannot home an account in another.
		f.user("sys1", f.t1, "", access.SystemAdmin)
		_, sys := f.signIn("sys1", "10.0.0.1")
		_, err := f.users.Create(sys, auth.NewUser{Login: "abc", Name: "x", HomeOrgID: f.t2, Password: testPassword})
		if e, ok := fault.As(err); !ok || e.Fields["home_org_id"].Key != "field.invalid_choice" {
			t.Fatalf("home outside scope: got %v, want field.invalid_choice", err)
		}
		if _, err := f.users.Create(sys, auth.NewUser{Login: "abc", Name: "x", HomeOrgID: f.t1, Password: testPassword}); err != nil {
			t.Fatalf("create within scope: %v", err)
		}
	})
}

func TestRevealPhoneIsAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		target := f.user("qianjiu", f.t1, "13800138000")
		if target.PhoneMasked != "138****8000" {
			t.Fatalf("masked phone %q, want 138****8000", target.PhoneMasked)
		}
		var sealed string
		if err := db.QueryRow(context.Background(), `SELECT phone_sealed FROM users WHERE id = ?`, target.ID).Scan(&sealed); err != nil || strings.Contains(sealed, "13800138000") {
			t.Fatalf("phone stored in the clear: %q, %v", sealed, err)
		}
		f.user("org2", f.t2, "", access.TownshipOrganiser)
		_, other := f.signIn("org2", "10.0.0.2")
		if _, err := f.users.RevealPhone(other, target.ID); !fault.Is(err, fault.NotFound) {
			t.Fatalf("reveal across townships: got %v, want not found", err)
		}
		f.user("staff", f.county, "", access.CountyStaff)
		_, staff := f.signIn("staff", "10.0.0.1")
		phone, err := f.users.RevealPhone(staff, target.ID)
		if err != nil || phone != "13800138000" {
			t.Fatalf("reveal: %q, %v", phone, err)
		}
		ev := f.events("sensitive.reveal", audit.Success)
		if len(ev) != 1 || ev[0].TargetKind != "users" || ev[0].TargetID != target.ID || ev[0].ActorLogin != "staff" {
			t.Fatalf("reveal events %+v: want one by staff on users/%s", ev, target.ID)
		}
	})
}

func TestAPITokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		ctx := context.Background()
		f.user("api", f.t1, "", access.Leader)
		_, pctx := f.signIn("api", "10.0.0.1")
		_, _, err := f.users.CreateToken(pctx, "script", 0)
		wantFault(t, "token without MFA", err, fault.Forbidden, "error.token.mfa_required")

		passed := *access.From(pctx)
		passed.MFA = true
		pctx = access.With(ctx, &passed)
		raw, tok, err := f.users.CreateToken(pctx, "script", 0)
		if err != nil || !strings.HasPrefix(raw, "zgt_") {
			t.Fatalf("create token: %q, %v", raw, err)
		}
		p, err := f.auth.AuthenticateToken(ctx, raw, auth.Client{IP: "10.0.0.9"})
		if err != nil || p.UserID != passed.UserID || !p.MFA || !p.Has(access.OrgRead) || p.IP != "10.0.0.9" {
			t.Fatalf("authenticate token: %+v, %v", p, err)
		}
		if _, err := f.auth.AuthenticateToken(ctx, raw+"x", auth.Client{}); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("wrong token: got %v, want unauthorized", err)
		}
		list, err := f.users.ListTokens(pctx)
		if err != nil || len(list) != 1 || list[0].ID != tok.ID {
			t.Fatalf("list tokens: %+v, %v", list, err)
		}
		if err := f.users.RevokeToken(pctx, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.auth.AuthenticateToken(ctx, raw, auth.Client{}); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("revoked token: got %v, want unauthorized", err)
		}
		if len(f.events("token.create", audit.Success)) != 1 || len(f.events("token.revoke", audit.Success)) != 1 {
			t.Fatal("token changes not audited")
		}
		raw2, _, _ := f.users.CreateToken(pctx, "short", time.Hour)
		f.advance(time.Hour)
		if _, err := f.auth.AuthenticateToken(ctx, raw2, auth.Client{}); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("expired token: got %v, want unauthorized", err)
		}
	})
}

func TestPasswordChangeAndReset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		ctx := context.Background()
		u := f.user("zhou", f.t1, "")
		token, pctx := f.signIn("zhou", "10.0.0.1")
		err := f.auth.ChangePassword(pctx, "Wrong-Horse-7", "Brand-New-Pass-9")
		if e, ok := fault.As(err); !ok || e.Fields["old_password"].Key != "field.password.wrong" {
			t.Fatalf("wrong old password: got %v", err)
		}
		if err := f.auth.ChangePassword(pctx, testPassword, "Brand-New-Pass-9"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.auth.SignIn(ctx, "zhou", "Brand-New-Pass-9", auth.Client{IP: "10.0.0.1"}); err != nil {
			t.Fatalf("sign in with the new password: %v", err)
		}
		if err := f.users.ResetPassword(f.operator, u.ID, testPassword); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.auth.Authenticate(ctx, token, auth.Client{}); !fault.Is(err, fault.Unauthorized) {
			t.Fatalf("session after a reset: got %v, want ended", err)
		}
		res, err := f.auth.SignIn(ctx, "zhou", testPassword, auth.Client{IP: "10.0.0.1"})
		if err != nil || !res.MustChangePassword {
			t.Fatalf("after reset: %+v, %v; want MustChangePassword", res, err)
		}
	})
}

func TestRacingCodesPassOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		ctx := context.Background()
		f.user("race", f.t1, "")
		c := auth.Client{IP: "10.0.0.1"}
		token, pctx := f.signIn("race", c.IP)
		secret, _ := f.enrol(token, pctx)
		f.advance(auth.TOTPStep)
		code, _ := auth.Code(secret, db.Now())
		tokens := make([]string, 12)
		for i := range tokens {
			res, err := f.auth.SignIn(ctx, "race", testPassword, auth.Client{IP: fmt.Sprintf("10.0.1.%d", i)})
			if err != nil {
				t.Fatal(err)
			}
			tokens[i] = res.Token
		}
		// All start at once, so that several read the last used step before
		// any of them writes: only the database can then refuse the reuse.
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make([]error, len(tokens))
		for i, tok := range tokens {
			wg.Go(func() {
				<-start
				errs[i] = f.auth.VerifySecondFactor(ctx, tok, code, auth.Client{IP: fmt.Sprintf("10.0.1.%d", i)})
			})
		}
		close(start)
		wg.Wait()
		passed := 0
		for _, err := range errs {
			switch {
			case err == nil:
				passed++
			case !fault.Is(err, fault.Invalid):
				t.Fatalf("racing verification: %v", err)
			}
		}
		if passed != 1 {
			t.Fatalf("%d sessions passed with one code, want 1", passed)
		}
	})
}

// BenchmarkAuthenticate measures a request's authentication when the
// principal is cached, the common case the gate pays on every request.
func BenchmarkAuthenticate(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	f := newAuthFixture(b, db)
	u, err := f.users.Create(f.operator, auth.NewUser{Login: "bench", Name: "bench", HomeOrgID: f.t1, Password: testPassword})
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range []access.Role{access.Leader, access.TownshipOrganiser} {
		if _, err := f.users.Grant(f.operator, u.ID, r, f.t1); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	res, err := f.auth.SignIn(ctx, "bench", testPassword, auth.Client{IP: "10.0.0.1"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := f.auth.Authenticate(ctx, res.Token, auth.Client{IP: "10.0.0.1"}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPasswordExpires(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAuthFixture(t, db)
		f.user("zhouba", f.t1, "", access.TownshipOrganiser)
		_, ctx := f.signIn("zhouba", "10.0.0.9")
		if access.From(ctx).MustChangePassword {
			t.Fatal("a new password must not need changing")
		}
		f.advance(store.DefaultPasswordMaxAge + time.Hour)
		res, err := f.auth.SignIn(context.Background(), "zhouba", testPassword, auth.Client{IP: "10.0.0.9"})
		if err != nil {
			t.Fatal(err)
		}
		if !res.MustChangePassword {
			t.Fatal("sign-in with a password older than the maximum age does not ask for a change")
		}
		p, _, err := f.auth.Authenticate(context.Background(), res.Token, auth.Client{IP: "10.0.0.9"})
		if err != nil || !p.MustChangePassword {
			t.Fatalf("principal of an expired password: %+v, %v; want MustChangePassword", p, err)
		}
		if err := f.auth.ChangePassword(access.With(context.Background(), p), testPassword, "Brand-New-Pass-26"); err != nil {
			t.Fatal(err)
		}
		p, _, err = f.auth.Authenticate(context.Background(), res.Token, auth.Client{IP: "10.0.0.9"})
		if err != nil || p.MustChangePassword {
			t.Fatalf("after the change: %+v, %v; want no change required", p, err)
		}
	})
}
