package web

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/auth"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/i18n"
	"zugong/internal/org"
)

func newTestServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Deps{Catalog: i18n.MustLoad()})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// samplePage is the common part of a page for a signed-in county officer.
func samplePage(loc i18n.Locale, title string) Page {
	p := &access.Principal{UserID: "u1", Login: "county.staff", Name: "组织部干部", MFA: true,
		Grants: []access.Grant{{Role: access.CountyStaff, ScopePath: "/c/"}}}
	pg := Page{Principal: p, Locale: loc, Title: title, CSRFField: "csrf_token", CSRFToken: "tok", Ready: true,
		Flash: &Message{Key: "flash.org_recorded"}}
	for _, n := range navTable {
		pg.Nav = append(pg.Nav, NavItem{Label: n.label, URL: n.url})
	}
	for _, l := range i18n.Locales {
		pg.Locales = append(pg.Locales, LocaleLink{Locale: l, Label: localeLabels[l], URL: "/?lang=" + string(l), Current: l == loc})
	}
	return pg
}

// invalidForm is a form with a problem on every field named, and one for
// the whole form.
func invalidForm(fields ...string) Form {
	f := formOf(url.Values{})
	for _, n := range fields {
		f.Values.Set(n, "x")
		f.Add(n, "field.required")
	}
	f.Error = &Message{Key: "error.invalid"}
	return f
}

// sampleViews returns a view of every page, with enough in it that every
// branch that shows words is taken. A page missing here fails the test.
func sampleViews(loc i18n.Locale) map[string]viewer {
	now := time.Date(2026, 3, 1, 8, 30, 0, 0, time.UTC)
	o := &org.Org{ID: "o1", Name: "真阳镇", ShortName: "真阳", Kind: org.Township, Sector: org.SectorGovernment, DivisionCode: "411724100",
		FoundedOn: civil.MustParse("2020-01-01"), Status: org.Active, Path: "/c/o1/", Depth: 1, UpdatedAt: now}
	pager := newPager(newListQuery("/x", url.Values{"q": {"a"}}), 2, 20, 95, []int{20, 50, 100})
	sorts := func(keys []string) map[string]SortLink {
		return sortLinks(newListQuery("/x", nil), keys, keys[0], true)
	}
	user := &auth.User{ID: "u2", Login: "town.organiser", Name: "乡镇组织委员", HomeOrgID: "o1", HomeOrgName: "真阳镇",
		PhoneMasked: "138****0000", Status: auth.Disabled, TOTPEnabled: true, CreatedAt: now, UpdatedAt: now,
		Grants: []auth.GrantRecord{{ID: "g1", Role: access.TownshipOrganiser, ScopeOrgID: "o1", ScopeOrgName: "真阳镇", GrantedBy: "secadmin", GrantedAt: now}}}
	page := func(title string) Page { return samplePage(loc, title) }
	changeForm := invalidForm(append(append([]string{}, changeFields...), "parts.0.name", "parts.1.kind")...)
	changeForm.Add("org_id", "field.required")
	views := map[string]viewer{
		pageSignIn:       &SignInView{Page: page("page.signin"), Form: invalidForm("login", "password"), Next: "/orgs"},
		pageSecondFactor: &SecondFactorView{Page: page("page.signin_2fa"), Form: invalidForm("code")},
		pageEnrol: &EnrolView{Page: page("page.enrol"), Form: invalidForm("code"), Secret: "ABCDEFGHIJKLMNOP",
			SecretGroups: groups("ABCDEFGHIJKLMNOP", 4), URI: "otpauth://totp/zugong:x?secret=ABCD"},
		pagePassword: &PasswordView{Page: page("page.password"), Form: invalidForm("old_password", "password", "password_confirm")},
		pageTokens: &TokensView{Page: page("page.tokens"), Form: invalidForm("name", "ttl_days"), TTLs: tokenTTLs, NewToken: "zgt_x",
			Tokens: []TokenRow{{Token: auth.Token{ID: "t1", Name: "sync", CreatedAt: now, ExpiresAt: now}, State: "token.active"},
				{Token: auth.Token{ID: "t2", Name: "old"}, State: "token.revoked"}}},
		pageHome: &HomeView{Page: page("page.home"), Links: []HomeLink{{Title: "home.orgs", Desc: "home.orgs_desc", URL: "/orgs"}}},
		pageOrgs: &OrgsView{Page: page("page.orgs"), Filter: formOf(url.Values{"q": {"镇"}, "kind": {"township"}}),
			Rows: []OrgRow{{Org: *o, Indent: 1}}, Pager: pager, Sort: sorts(orgSortKeys), Kinds: org.Kinds, Statuses: orgStatuses, Tree: true},
		pageOrg: &OrgView{Page: page("page.org"), Org: o, Ancestors: []org.Org{{ID: "c", Name: "正阳县"}}, Children: []org.Org{*o},
			ChildPager: pager, CanWrite: true, History: []HistoryRow{{Event: org.Event{Kind: org.Rename, EffectiveOn: civil.MustParse("2026-01-02"),
				DocumentNo: "正组〔2026〕1号", Note: "n", RecordedBy: "county.staff", RecordedAt: now},
				Details: []DetailItem{{Label: "history.old_name", Value: "a"}, {Label: "history.kind", Value: "village", Enum: "kind"},
					{Label: "history.parent_id", Value: "正阳县", URL: "/orgs/c"}}}}},
		pageOrgChange: &OrgChangeView{Page: page("page.org_change"), Org: o, Form: changeForm, EventKinds: org.EventKinds,
			Kinds: org.Kinds, Sectors: org.Sectors, Parts: []int{0, 1, 2}, Others: changeForm.Others(changeFields...)},
		pageUsers: &UsersView{Page: page("page.users"), Filter: formOf(url.Values{}), Rows: []auth.User{*user}, Pager: pager,
			Sort: sorts(userSortKeys), Roles: access.Roles, Statuses: userStatuses, CanManage: true},
		pageUserNew: &UserNewView{Page: page("page.user_new"), Form: invalidForm(userNewFields...),
			LocaleOptions: []LocaleLink{{Locale: i18n.En, Label: "locale.en"}}, Others: []fault.FieldError{{Key: "field.required"}}},
		pageUser: &UserView{Page: page("page.user"), User: user, Phone: "13800000000", CanGrant: true, CanManage: true, CanReveal: true,
			GrantForm: invalidForm("role", "scope_org_id"), PasswordForm: invalidForm("password", "password_confirm"), Roles: access.Roles},
		pageAudit: &AuditView{Page: page("page.audit"), Filter: invalidForm("from", "to"), Outcomes: auditOutcomes, Pager: pager,
			ExportURL: "/audit/export", Rows: []audit.Event{{Seq: 1, At: now, ActorLogin: "x", IP: "127.0.0.1", Action: "org.rename",
				TargetKind: "org", TargetID: "o1", Outcome: audit.Denied, Detail: `{"a":1}`}}},
		pageError: &ErrorView{Page: page("page.error.internal"), Status: 500, Message: Message{Key: "error.internal", Args: []any{"abc"}}, RequestID: "abc"},
	}
	maps.Copy(views, peopleSampleViews(page))
	maps.Copy(views, importSampleViews(page))
	maps.Copy(views, trainingSampleViews(page))
	maps.Copy(views, secondmentSampleViews(page))
	maps.Copy(views, selectionSampleViews(page))
	maps.Copy(views, appraisalSampleViews(page))
	maps.Copy(views, schemeEditorSampleViews(page))
	maps.Copy(views, marketSampleViews(page))
	maps.Copy(views, talentSampleViews(page))
	maps.Copy(views, stepdownSampleViews(page))
	maps.Copy(views, evidenceImportSampleViews(page))
	maps.Copy(views, appraisalSettingsSampleViews(page))
	return views
}

// missingKey matches what Catalog.T shows for a key it does not know.
var missingKey = regexp.MustCompile(`\[[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+\]`)

// TestEveryPageRenders renders every registered page in every locale and
// fails on a template error or a key the catalog lacks.
func TestEveryPageRenders(t *testing.T) {
	s := newTestServer(t)
	for _, loc := range i18n.Locales {
		views := sampleViews(loc)
		for _, name := range pageNames {
			t.Run(string(loc)+"/"+name, func(t *testing.T) {
				v, ok := views[name]
				if !ok {
					t.Fatalf("no sample view for page %q", name)
				}
				var buf bytes.Buffer
				if err := s.views.execute(&buf, name, v); err != nil {
					t.Fatal(err)
				}
				out := buf.String()
				if m := missingKey.FindAllString(out, -1); len(m) > 0 {
					t.Errorf("missing catalog keys: %v", m)
				}
				doc := ParseHTML(t, out)
				if got := doc.One(t, "html").Attr("lang"); got != string(loc) {
					t.Errorf("html lang = %q, want %q", got, loc)
				}
				if doc.One(t, "title").Text() == "" {
					t.Error("empty title")
				}
				for _, f := range doc.Find("form[method=post]") {
					if len(f.Find("input[name=csrf_token]")) == 0 {
						t.Errorf("form to %s has no CSRF field", f.Attr("action"))
					}
				}
			})
		}
	}
}

// TestZeroViewsRender renders every page with only its Page set: nothing
// optional may be required by a template.
func TestZeroViewsRender(t *testing.T) {
	s := newTestServer(t)
	o := &org.Org{}
	zero := map[string]viewer{
		pageSignIn: &SignInView{}, pageSecondFactor: &SecondFactorView{}, pageEnrol: &EnrolView{}, pagePassword: &PasswordView{},
		pageTokens: &TokensView{}, pageHome: &HomeView{}, pageOrgs: &OrgsView{}, pageOrg: &OrgView{Org: o},
		pageOrgChange: &OrgChangeView{Org: o}, pageUsers: &UsersView{}, pageUserNew: &UserNewView{},
		pageUser: &UserView{User: &auth.User{}}, pageAudit: &AuditView{}, pageError: &ErrorView{},
	}
	maps.Copy(zero, peopleZeroViews())
	maps.Copy(zero, importZeroViews())
	maps.Copy(zero, trainingZeroViews())
	maps.Copy(zero, secondmentZeroViews())
	maps.Copy(zero, selectionZeroViews())
	maps.Copy(zero, appraisalZeroViews())
	maps.Copy(zero, schemeEditorZeroViews())
	maps.Copy(zero, marketZeroViews())
	maps.Copy(zero, talentZeroViews())
	maps.Copy(zero, stepdownZeroViews())
	maps.Copy(zero, evidenceImportZeroViews())
	maps.Copy(zero, appraisalSettingsZeroViews())
	for _, loc := range i18n.Locales {
		for _, name := range pageNames {
			v, ok := zero[name]
			if !ok {
				t.Fatalf("no zero view for page %q", name)
			}
			v.base().Locale, v.base().Title = loc, "page.home"
			var buf bytes.Buffer
			if err := s.views.execute(&buf, name, v); err != nil {
				t.Errorf("%s/%s: %v", loc, name, err)
			}
			if m := missingKey.FindAllString(buf.String(), -1); len(m) > 0 {
				t.Errorf("%s/%s: missing catalog keys: %v", loc, name, m)
			}
		}
	}
}

// TestPageRegistry fails New when a page has no template, or a template
// no page.
func TestPageRegistry(t *testing.T) {
	c := i18n.MustLoad()
	a, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	copyFS := func(skip string, extra string) fstest.MapFS {
		m := fstest.MapFS{}
		fs.WalkDir(templateFS, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && p != skip {
				b, _ := fs.ReadFile(templateFS, p)
				m[p] = &fstest.MapFile{Data: b}
			}
			return nil
		})
		if extra != "" {
			m[extra] = &fstest.MapFile{Data: []byte(`{{define "content"}}{{end}}`)}
		}
		return m
	}
	if _, err := parseViews(copyFS("", ""), c, a); err != nil {
		t.Fatalf("complete templates: %v", err)
	}
	if _, err := parseViews(copyFS("templates/pages/org.html", ""), c, a); err == nil {
		t.Error("a page without its template was accepted")
	}
	if _, err := parseViews(copyFS("", "templates/pages/stray.html"), c, a); err == nil {
		t.Error("a template without its page was accepted")
	}
}

// enumSets lists every closed set shown with the enum function and its
// values; each value needs a key set.value.
func enumSets() map[string][]string {
	strs := func(n int, f func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	return map[string][]string{
		"kind":        strs(len(org.Kinds), func(i int) string { return string(org.Kinds[i]) }),
		"sector":      strs(len(org.Sectors), func(i int) string { return string(org.Sectors[i]) }),
		"status":      strs(len(orgStatuses), func(i int) string { return string(orgStatuses[i]) }),
		"event":       strs(len(org.EventKinds), func(i int) string { return string(org.EventKinds[i]) }),
		"role":        strs(len(access.Roles), func(i int) string { return string(access.Roles[i]) }),
		"perm":        strs(len(access.Permissions), func(i int) string { return string(access.Permissions[i]) }),
		"user_status": strs(len(userStatuses), func(i int) string { return string(userStatuses[i]) }),
		"outcome":     strs(len(auditOutcomes), func(i int) string { return string(auditOutcomes[i]) }),
		"bool":        {"true", "false"},
	}
}

var (
	templateKey = regexp.MustCompile(`\bt\s+"([^"]+)"`)
	keyShape    = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)
	enumUse     = regexp.MustCompile(`\benum\s+"([a-z_]+)"`)
)

// TestCatalogKeysExist finds every key the package uses — t "…" in
// templates, key-shaped string literals in Go, the closed sets and the
// labels built from them — and checks the catalog holds it.
func TestCatalogKeysExist(t *testing.T) {
	c := i18n.MustLoad()
	used := map[string]string{}
	prefixes := map[string]bool{}
	for _, k := range c.Keys(i18n.Default) {
		p, _, _ := strings.Cut(k, ".")
		prefixes[p] = true
	}
	sets := enumSets()
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return err
		}
		for _, m := range templateKey.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = p
		}
		for _, m := range enumUse.FindAllStringSubmatch(string(b), -1) {
			if _, ok := sets[m[1]]; !ok {
				t.Errorf("%s: enum set %q is not checked by this test", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !keyShape.MatchString(s) {
				return true
			}
			p, _, _ := strings.Cut(s, ".")
			ext := filepath.Ext(s)
			if prefixes[p] && ext != ".css" && ext != ".js" {
				used[s] = fset.Position(lit.Pos()).String()
			}
			return true
		})
	}
	for set, values := range sets {
		for _, v := range values {
			used[set+"."+v] = "enum " + set
		}
	}
	for _, f := range detailFields {
		used["history."+f.key] = "detailFields"
	}
	for _, l := range localeLabels {
		used[l] = "localeLabels"
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys; the scan is broken", len(used))
	}
	for k, where := range used {
		if !c.Has(k) {
			t.Errorf("%s: catalog key %q does not exist", where, k)
		}
	}
}
