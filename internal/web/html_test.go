package web_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/auth"
	"zugong/internal/gate"
	"zugong/internal/i18n"
	"zugong/internal/web"
)

// These tests drive the whole application — real database, real services,
// the web surface as wired by package app — and read the pages with
// selectors. They run on SQLite, and on PostgreSQL too when ZUGONG_TEST_PG
// is set.

var catalog = i18n.MustLoad()

// page fetches path with c and parses it, checking the status.
func page(t *testing.T, c *apptest.Client, path string, want int) *web.Node {
	t.Helper()
	resp := c.Get(path)
	body := apptest.Body(t, resp)
	if resp.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d\n%s", path, resp.StatusCode, want, body)
	}
	return web.ParseHTML(t, body)
}

// post posts v to path with c and parses the answer, checking the status.
func post(t *testing.T, c *apptest.Client, path string, v url.Values, want int) (*http.Response, *web.Node) {
	t.Helper()
	resp := c.PostForm(path, v)
	body := apptest.Body(t, resp)
	if resp.StatusCode != want {
		t.Fatalf("POST %s: status %d, want %d\n%s", path, resp.StatusCode, want, body)
	}
	if body == "" || resp.StatusCode == http.StatusSeeOther {
		return resp, nil
	}
	return resp, web.ParseHTML(t, body)
}

func zh(key string, args ...any) string { return catalog.T(i18n.ZhHans, key, args...) }

// signInForm fetches the sign-in page and returns its CSRF token.
func signInForm(t *testing.T, c *apptest.Client) string {
	t.Helper()
	doc := page(t, c, "/signin", http.StatusOK)
	token := doc.One(t, "form[action=/signin] input[name=csrf_token]").Attr("value")
	if token == "" {
		t.Fatal("sign-in form has an empty CSRF token")
	}
	return token
}

func TestSignIn(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		t.Run("page has a CSRF field", func(t *testing.T) {
			c := env.Anonymous(t)
			signInForm(t, c)
			doc := page(t, c, "/signin", http.StatusOK)
			doc.One(t, "input[name=login]")
			doc.One(t, "input[name=password][type=password]")
		})
		t.Run("wrong password keeps the login and says nothing more", func(t *testing.T) {
			c := env.Anonymous(t)
			token := signInForm(t, c)
			acc := env.Accounts[access.Leader]
			_, doc := post(t, c, "/signin", url.Values{gate.CSRFField: {token}, "login": {acc.Login}, "password": {"Wrong-password-1"}},
				http.StatusUnauthorized)
			if got := doc.One(t, "input[name=login]").Attr("value"); got != acc.Login {
				t.Errorf("login kept as %q, want %q", got, acc.Login)
			}
			if got := doc.One(t, "input[name=password]").Attr("value"); got != "" {
				t.Errorf("password sent back: %q", got)
			}
			if got, want := doc.One(t, ".alert").Text(), zh("signin.failed"); got != want {
				t.Errorf("message %q, want %q", got, want)
			}
			// An unknown login reads the same.
			_, doc = post(t, c, "/signin", url.Values{gate.CSRFField: {token}, "login": {"nobody"}, "password": {"Wrong-password-1"}},
				http.StatusUnauthorized)
			if got, want := doc.One(t, ".alert").Text(), zh("signin.failed"); got != want {
				t.Errorf("unknown login: message %q, want %q", got, want)
			}
		})
		t.Run("password then code then the page asked for", func(t *testing.T) {
			c := env.Anonymous(t)
			token := signInForm(t, c)
			acc := env.Accounts[access.Supervisor]
			resp, _ := post(t, c, "/signin", url.Values{gate.CSRFField: {token}, "login": {acc.Login}, "password": {acc.Password},
				"next": {"/orgs?q=x"}}, http.StatusSeeOther)
			loc := resp.Header.Get("Location")
			if !strings.HasPrefix(loc, "/signin/2fa?") {
				t.Fatalf("after the password: Location %q, want /signin/2fa", loc)
			}
			var session *http.Cookie
			for _, ck := range resp.Cookies() {
				if ck.Name == gate.SessionCookie {
					session = ck
				}
			}
			if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" {
				t.Fatalf("session cookie %+v, want HttpOnly, SameSite=Lax, Path=/", session)
			}
			// Owing the code, other pages send the user back to it.
			if r := c.Get("/orgs"); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/signin/2fa" {
				t.Fatalf("GET /orgs before the code: %d %s", r.StatusCode, r.Header.Get("Location"))
			}
			doc := page(t, c, loc, http.StatusOK)
			csrf := doc.One(t, "form[action=/signin/2fa] input[name=csrf_token]").Attr("value")
			next := doc.One(t, "form[action=/signin/2fa] input[name=next]").Attr("value")
			_, doc = post(t, c, "/signin/2fa", url.Values{gate.CSRFField: {csrf}, "next": {next}, "code": {"000000x"}},
				http.StatusUnprocessableEntity)
			doc.One(t, ".field.invalid input[name=code]")
			code, err := auth.Code(acc.TOTPSecret, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			resp, _ = post(t, c, "/signin/2fa", url.Values{gate.CSRFField: {csrf}, "next": {next}, "code": {code}}, http.StatusSeeOther)
			if got := resp.Header.Get("Location"); got != "/orgs?q=x" {
				t.Fatalf("after the code: Location %q, want /orgs?q=x", got)
			}
			page(t, c, "/orgs?q=x", http.StatusOK)
		})
		t.Run("next may not leave the site", func(t *testing.T) {
			c := env.Anonymous(t)
			token := signInForm(t, c)
			acc := env.Accounts[access.Talent]
			resp, _ := post(t, c, "/signin", url.Values{gate.CSRFField: {token}, "login": {acc.Login}, "password": {acc.Password},
				"next": {"//evil.example/x"}}, http.StatusSeeOther)
			if loc := resp.Header.Get("Location"); strings.Contains(loc, "evil.example") && !strings.Contains(loc, "next=") {
				t.Fatalf("redirected off-site: %s", loc)
			}
			u, _ := url.Parse(resp.Header.Get("Location"))
			if n := u.Query().Get("next"); n != "/" {
				t.Errorf("next carried as %q, want /", n)
			}
		})
	})
}

func TestOrgsScopedToTownship(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.TownshipOrganiser)
		doc := page(t, c, "/orgs", http.StatusOK)
		rows := doc.Find("table.orgs tbody tr.org-row")
		want := map[string]bool{env.Tree.TownA.ID: true, env.Tree.VillageA.ID: true, env.Tree.BranchA.ID: true}
		if len(rows) != len(want) {
			t.Fatalf("%d rows, want %d (TownA's subtree)", len(rows), len(want))
		}
		for _, r := range rows {
			if !want[r.Attr("data-id")] {
				t.Errorf("row %s (%s) is outside TownA", r.Attr("data-id"), r.Text())
			}
		}
		page(t, c, "/orgs/"+env.Tree.VillageB.ID, http.StatusNotFound)
		page(t, c, "/orgs/"+env.Tree.TownB.ID+"/change", http.StatusNotFound)

		doc = page(t, c, "/orgs/"+env.Tree.BranchA.ID, http.StatusOK)
		crumbs := doc.Find("nav.crumbs li a")
		var names []string
		for _, a := range crumbs {
			names = append(names, a.Text())
		}
		if got := strings.Join(names, "/"); !strings.Contains(got, env.Tree.TownA.Name+"/"+env.Tree.VillageA.Name) ||
			strings.Contains(got, env.Tree.County.Name) {
			t.Errorf("breadcrumb %q, want TownA/VillageA and not the county", got)
		}
		// Filters and paging keep each other in their links.
		doc = page(t, c, "/orgs?kind=village&size=50", http.StatusOK)
		if n := len(doc.Find("tr.org-row")); n != 1 {
			t.Errorf("kind=village: %d rows, want 1", n)
		}
		sortLink := doc.One(t, "th a[href*=sort=name]")
		u, _ := url.Parse(sortLink.Attr("href"))
		if u.Query().Get("kind") != "village" || u.Query().Get("size") != "50" {
			t.Errorf("sort link %s loses the filter", sortLink.Attr("href"))
		}
	})
}

func TestChangeForm(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.TownshipOrganiser)
		village := env.Tree.VillageA
		history := func() int {
			return len(page(t, c, "/orgs/"+village.ID, http.StatusOK).Find("table.history tr.event-row"))
		}
		before := history()
		if before == 0 {
			t.Fatal("the village has no history to compare with")
		}

		t.Run("invalid input re-renders with every value and message", func(t *testing.T) {
			form := url.Values{"event": {"rename"}, "new_name": {""}, "new_short_name": {"张庄"}, "effective_on": {"2026-02-30"},
				"document_no": {"正组〔2026〕9号"}, "note": {"保留 <b>输入</b>"}}
			_, doc := post(t, c, "/orgs/"+village.ID+"/change", form, http.StatusUnprocessableEntity)
			errs := map[string]string{}
			for _, f := range doc.Find(".field.invalid") {
				var name string
				for _, in := range append(f.Find("input"), f.Find("select")...) {
					name = in.Attr("name")
				}
				for _, in := range f.Find("textarea") {
					name = in.Attr("name")
				}
				if e := f.Find(".field-error"); len(e) == 1 {
					errs[name] = e[0].Text()
				}
			}
			if errs["effective_on"] != zh("field.date") {
				t.Errorf("effective_on error %q, want %q", errs["effective_on"], zh("field.date"))
			}
			if errs["new_name"] != zh("field.required") {
				t.Errorf("new_name error %q, want %q", errs["new_name"], zh("field.required"))
			}
			for name, want := range map[string]string{"effective_on": "2026-02-30", "document_no": "正组〔2026〕9号", "new_short_name": "张庄"} {
				if got := doc.One(t, "input[name="+name+"]").Attr("value"); got != want {
					t.Errorf("%s kept as %q, want %q", name, got, want)
				}
			}
			if got := doc.One(t, "textarea[name=note]").Text(); got != "保留 <b>输入</b>" {
				t.Errorf("note kept as %q", got)
			}
			if got := doc.One(t, "select[name=event] option[selected]").Attr("value"); got != "rename" {
				t.Errorf("event kept as %q, want rename", got)
			}
			if after := history(); after != before {
				t.Errorf("history has %d events after a refused change, had %d", after, before)
			}
		})

		t.Run("a rule of the tree shows beside its field", func(t *testing.T) {
			form := url.Values{"event": {"reparent"}, "target_id": {env.Tree.BranchA.ID}, "effective_on": {"2026-01-15"}}
			_, doc := post(t, c, "/orgs/"+village.ID+"/change", form, http.StatusUnprocessableEntity)
			doc.One(t, ".field.invalid input[name=target_id]")
			if got := doc.One(t, "input[name=target_id]").Attr("value"); got != env.Tree.BranchA.ID {
				t.Errorf("target kept as %q", got)
			}
		})

		t.Run("a rename shows in the history", func(t *testing.T) {
			form := url.Values{"event": {"rename"}, "new_name": {"张庄社区"}, "effective_on": {"2026-01-15"}, "document_no": {"正组〔2026〕10号"}}
			resp, _ := post(t, c, "/orgs/"+village.ID+"/change", form, http.StatusSeeOther)
			if got := resp.Header.Get("Location"); got != "/orgs/"+village.ID {
				t.Fatalf("Location %q, want the organisation", got)
			}
			doc := page(t, c, "/orgs/"+village.ID, http.StatusOK)
			if got := doc.One(t, "main h1").Text(); !strings.HasPrefix(got, "张庄社区") {
				t.Errorf("heading %q, want the new name", got)
			}
			if got, want := doc.One(t, ".flash").Text(), zh("flash.org_recorded"); got != want {
				t.Errorf("flash %q, want %q", got, want)
			}
			ev := doc.One(t, "table.history tr.event-row[data-kind=rename]")
			for _, want := range []string{"2026-01-15", "正组〔2026〕10号", "张庄社区", village.Name, env.Accounts[access.TownshipOrganiser].Login} {
				if !strings.Contains(ev.Text(), want) {
					t.Errorf("history row %q lacks %q", ev.Text(), want)
				}
			}
			if after := history(); after != before+1 {
				t.Errorf("history has %d events, want %d", after, before+1)
			}
		})

		t.Run("establishing a child goes to the new organisation", func(t *testing.T) {
			form := url.Values{"event": {"establish"}, "name": {"真阳镇机关党委"}, "kind": {"party_committee"}, "sector": {"government"},
				"effective_on": {"2026-01-20"}}
			resp, _ := post(t, c, "/orgs/"+env.Tree.TownA.ID+"/change", form, http.StatusSeeOther)
			loc := resp.Header.Get("Location")
			if !strings.HasPrefix(loc, "/orgs/") || loc == "/orgs/"+env.Tree.TownA.ID {
				t.Fatalf("Location %q, want the new organisation", loc)
			}
			doc := page(t, c, loc, http.StatusOK)
			if got := doc.One(t, "main h1").Text(); !strings.HasPrefix(got, "真阳镇机关党委") {
				t.Errorf("heading %q", got)
			}
		})
	})
}

func TestAuditViewer(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		page(t, env.Client(t, access.TownshipOrganiser), "/audit", http.StatusForbidden)
		c := env.Client(t, access.AuditAdmin)
		doc := page(t, c, "/audit", http.StatusOK)
		rows := doc.Find("table.audit tr.audit-row")
		if len(rows) == 0 {
			t.Fatal("no events shown; sign-ins at least are audited")
		}
		doc.One(t, "a[href^=/audit/export]")
		doc = page(t, c, "/audit?outcome=success&from=2000-01-01&to=2999-12-31", http.StatusOK)
		if len(doc.Find("tr.audit-row.outcome-failure")) != 0 {
			t.Error("outcome filter ignored")
		}
		doc = page(t, c, "/audit?from=yesterday", http.StatusUnprocessableEntity)
		doc.One(t, ".field.invalid input[name=from]")

		resp := c.Get("/audit/export?outcome=success")
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("export: %d", resp.StatusCode)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
			t.Errorf("Content-Disposition %q", cd)
		}
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		n := 0
		for sc.Scan() {
			var e map[string]any
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				t.Fatalf("line %d: %v", n+1, err)
			}
			for _, k := range []string{"seq", "prev_hash", "hash", "action", "at"} {
				if _, ok := e[k]; !ok {
					t.Errorf("line %d lacks %s", n+1, k)
				}
			}
			if e["outcome"] != "success" {
				t.Errorf("line %d outcome %v", n+1, e["outcome"])
			}
			n++
		}
		if n == 0 {
			t.Error("empty export")
		}
	})
}

func TestLocaleSwitch(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.CountyStaff)
		for _, loc := range []i18n.Locale{i18n.En, i18n.ZhHant} {
			doc := page(t, c, "/orgs?lang="+string(loc), http.StatusOK)
			if got := doc.One(t, "html").Attr("lang"); got != string(loc) {
				t.Errorf("lang %q, want %q", got, loc)
			}
			if got, want := doc.One(t, "main h1").Text(), catalog.T(loc, "orgs.heading"); got != want {
				t.Errorf("%s heading %q, want %q", loc, got, want)
			}
			// The choice sticks without the parameter.
			doc = page(t, c, "/orgs", http.StatusOK)
			if got := doc.One(t, "title").Text(); !strings.Contains(got, catalog.T(loc, "page.orgs")) {
				t.Errorf("%s title %q, want it to hold %q", loc, got, catalog.T(loc, "page.orgs"))
			}
		}
	})
}

func TestUsers(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		admin := env.Client(t, access.SystemAdmin)
		doc := page(t, admin, "/users?size=100", http.StatusOK)
		if got := len(doc.Find("tr.user-row")); got != len(env.Accounts) {
			t.Errorf("%d accounts listed, want %d", got, len(env.Accounts))
		}
		form := url.Values{"login": {"new.clerk"}, "name": {""}, "home_org_id": {env.Tree.TownA.ID}, "phone": {"13800001234"},
			"password": {"short"}, "password_confirm": {"short"}, "locale": {"zh-Hans"}}
		_, doc = post(t, admin, "/users", form, http.StatusUnprocessableEntity)
		doc.One(t, ".field.invalid input[name=name]")
		doc.One(t, ".field.invalid input[name=password]")
		if got := doc.One(t, "input[name=login]").Attr("value"); got != "new.clerk" {
			t.Errorf("login kept as %q", got)
		}
		form.Set("name", "新办事员")
		form.Set("password", "Clerk-Password-2026")
		form.Set("password_confirm", "Clerk-Password-2026")
		resp, _ := post(t, admin, "/users", form, http.StatusSeeOther)
		userPath := resp.Header.Get("Location")
		doc = page(t, admin, userPath, http.StatusOK)
		if got := doc.One(t, "#phone").Text(); strings.Contains(got, "13800001234") {
			t.Errorf("phone shown unmasked: %q", got)
		}
		if len(doc.Find("form[action$=/grants]")) != 0 {
			t.Error("the system administrator is offered the grant form")
		}

		sec := env.Client(t, access.SecurityAdmin)
		_, doc = post(t, sec, userPath+"/grants", url.Values{"role": {"county_staff"}, "scope_org_id": {""}}, http.StatusUnprocessableEntity)
		doc.One(t, ".field.invalid input[name=scope_org_id]")
		post(t, sec, userPath+"/grants", url.Values{"role": {"county_staff"}, "scope_org_id": {env.Tree.County.ID}}, http.StatusSeeOther)
		doc = page(t, sec, userPath, http.StatusOK)
		if n := len(doc.Find("tr.grant-row form[action*=/revoke]")); n != 1 {
			t.Errorf("%d revoke buttons, want 1", n)
		}

		staff := env.Client(t, access.CountyStaff)
		_, doc = post(t, staff, userPath+"/phone", nil, http.StatusOK)
		if got := doc.One(t, "#phone").Text(); got != "13800001234" {
			t.Errorf("revealed phone %q", got)
		}
		page(t, staff, "/users/new", http.StatusForbidden)
	})
}

func TestAccount(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		t.Run("API tokens: the raw token shows once", func(t *testing.T) {
			c := env.Client(t, access.Leader)
			_, doc := post(t, c, "/account/tokens", url.Values{"name": {""}, "ttl_days": {"90"}}, http.StatusUnprocessableEntity)
			doc.One(t, ".field.invalid input[name=name]")
			_, doc = post(t, c, "/account/tokens", url.Values{"name": {"数据同步"}, "ttl_days": {"30"}}, http.StatusOK)
			if raw := doc.One(t, "code#new-token").Text(); !strings.HasPrefix(raw, "zgt_") {
				t.Errorf("raw token %q", raw)
			}
			doc = page(t, c, "/account/tokens", http.StatusOK)
			if n := len(doc.Find("code#new-token")); n != 0 {
				t.Error("the raw token shows again")
			}
			revoke := doc.One(t, "form[action$=/revoke]").Attr("action")
			post(t, c, revoke, nil, http.StatusSeeOther)
			doc = page(t, c, "/account/tokens", http.StatusOK)
			if n := len(doc.Find("form[action$=/revoke]")); n != 0 {
				t.Errorf("%d revoke buttons after revoking", n)
			}
		})
		t.Run("password change reports per field", func(t *testing.T) {
			c := env.Client(t, access.Supervisor)
			_, doc := post(t, c, "/account/password", url.Values{"old_password": {"not-it"}, "password": {"Zugong-New-2026!"},
				"password_confirm": {"Zugong-New-2026?"}}, http.StatusUnprocessableEntity)
			doc.One(t, ".field.invalid input[name=password_confirm]")
			_, doc = post(t, c, "/account/password", url.Values{"old_password": {"not-it"}, "password": {"Zugong-New-2026!"},
				"password_confirm": {"Zugong-New-2026!"}}, http.StatusUnprocessableEntity)
			doc.One(t, ".field.invalid input[name=old_password]")
			for _, in := range doc.Find("input[type=password]") {
				if in.Attr("value") != "" {
					t.Errorf("password field %s sent back", in.Attr("name"))
				}
			}
		})
		t.Run("a new account sets up its second factor", func(t *testing.T) {
			admin := env.Client(t, access.SystemAdmin)
			pw := "Fresh-Account-2026"
			post(t, admin, "/users", url.Values{"login": {"newcomer"}, "name": {"新用户"}, "home_org_id": {env.Tree.TownA.ID},
				"password": {pw}, "password_confirm": {pw}, "locale": {"zh-Hans"}}, http.StatusSeeOther)
			c := env.Anonymous(t)
			token := signInForm(t, c)
			resp, _ := post(t, c, "/signin", url.Values{gate.CSRFField: {token}, "login": {"newcomer"}, "password": {pw}}, http.StatusSeeOther)
			if loc := resp.Header.Get("Location"); loc != "/" {
				t.Fatalf("Location %q, want /", loc)
			}
			doc := page(t, c, "/account/2fa", http.StatusOK)
			var secret string
			for _, g := range doc.Find("p.secret code") {
				secret += g.Text()
			}
			if len(secret) < 16 {
				t.Fatalf("secret %q", secret)
			}
			form := doc.One(t, "form[action=/account/2fa]")
			v := url.Values{}
			for _, in := range form.Find("input[type=hidden]") {
				v.Set(in.Attr("name"), in.Attr("value"))
			}
			v.Set("code", "12345")
			_, doc = post(t, c, "/account/2fa", v, http.StatusUnprocessableEntity)
			doc.One(t, ".field.invalid input[name=code]")
			var again string
			for _, g := range doc.Find("p.secret code") {
				again += g.Text()
			}
			if again != secret {
				t.Errorf("the key changed on a wrong code: %q, was %q", again, secret)
			}
			code, err := auth.Code(secret, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			v.Set("code", code)
			_, doc = post(t, c, "/account/2fa", v, http.StatusOK)
			if n := len(doc.Find("ol.codes li")); n != 10 {
				t.Errorf("%d recovery codes, want 10", n)
			}
			doc = page(t, c, "/account/2fa", http.StatusOK)
			doc.One(t, "p.notice")
		})
		t.Run("sign-out ends the session", func(t *testing.T) {
			c := env.Client(t, access.Cadre)
			resp, _ := post(t, c, "/signout", nil, http.StatusSeeOther)
			if loc := resp.Header.Get("Location"); loc != "/signin" {
				t.Errorf("Location %q", loc)
			}
			if r := c.Get("/"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/signin") {
				t.Errorf("after sign-out GET /: %d %s", r.StatusCode, r.Header.Get("Location"))
			}
		})
	})
}
