package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/i18n"
)

func serve(h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAnonymousIsSentToSignIn(t *testing.T) {
	s := newTestServer(t)
	h := gate.Wrap(s.Router(), slog.New(slog.NewTextHandler(io.Discard, nil)), s)
	rec := serve(h, "GET", "/orgs?q=%E9%95%87", nil)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", rec.Code)
	}
	loc, _ := url.Parse(rec.Header().Get("Location"))
	if loc.Path != "/signin" || loc.Query().Get("next") != "/orgs?q=%E9%95%87" {
		t.Errorf("Location = %s, want /signin?next=/orgs?q=…", rec.Header().Get("Location"))
	}
}

func TestUnknownPathIsLocalisedNotFound(t *testing.T) {
	s := newTestServer(t)
	h := gate.Wrap(s.Router(), slog.New(slog.NewTextHandler(io.Discard, nil)), s)
	rec := serve(h, "GET", "/no/such/page?lang=en", nil)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d, want 404", rec.Code)
	}
	doc := ParseHTML(t, rec.Body.String())
	if got := doc.One(t, "html").Attr("lang"); got != "en" {
		t.Errorf("lang %q, want en", got)
	}
	want := i18n.MustLoad().T(i18n.En, "error.not_found")
	if got := doc.One(t, "p.message").Text(); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestWriteError(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		name     string
		err      error
		status   int
		location string
	}{
		{"second factor owed", gate.ErrSecondFactor, http.StatusSeeOther, "/signin/2fa"},
		{"password change owed", gate.ErrPasswordChange, http.StatusSeeOther, "/account/password"},
		{"not signed in", fault.New(fault.Unauthorized, "error.unauthorized"), http.StatusSeeOther, "/signin?next=%2Forgs%2Fx"},
		{"forbidden", fault.New(fault.Forbidden, "error.forbidden"), http.StatusForbidden, ""},
		{"not found", fault.New(fault.NotFound, "error.not_found"), http.StatusNotFound, ""},
		{"conflict", fault.New(fault.Conflict, "error.org.has_children"), http.StatusConflict, ""},
		{"internal", io.ErrUnexpectedEOF, http.StatusInternalServerError, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/orgs/x", nil)
			rec := httptest.NewRecorder()
			s.WriteError(rec, req, tc.err)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d", rec.Code, tc.status)
			}
			if got := rec.Header().Get("Location"); got != tc.location {
				t.Errorf("Location %q, want %q", got, tc.location)
			}
			if tc.location == "" {
				body := rec.Body.String()
				if strings.Contains(body, "unexpected EOF") {
					t.Error("internal error text leaked to the page")
				}
				ParseHTML(t, body).One(t, "p.message")
			}
		})
	}
}

func TestStaticAssets(t *testing.T) {
	s := newTestServer(t)
	css, err := s.assets.url("app.css")
	if err != nil {
		t.Fatal(err)
	}
	rec := serve(s, "GET", css, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", css, rec.Code)
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
		t.Errorf("Cache-Control %q, want a year and immutable", cc)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("Content-Type %q", ct)
	}
	if !strings.Contains(rec.Body.String(), "Microsoft YaHei") {
		t.Error("stylesheet lacks the CJK font stack")
	}
	stale := strings.Replace(css, "/static/", "/static/0", 1)
	if rec := serve(s, "GET", stale, nil); rec.Code != http.StatusNotFound {
		t.Errorf("stale hash: %d, want 404", rec.Code)
	}
	if _, err := s.assets.url("app.js"); err != nil {
		t.Error(err)
	}
}

func TestEveryRouteDeclaresAPermission(t *testing.T) {
	s := newTestServer(t)
	public := map[string]bool{"GET /static/{hash}/{name}": true, "GET /signin": true, "POST /signin": true, "GET /": true}
	for _, r := range s.Router().Routes() {
		key := r.Method + " " + r.Path
		if r.Permission == access.Public && !public[key] {
			t.Errorf("%s is public", key)
		}
		if r.Method == http.MethodPost && r.Permission == access.Public && key != "POST /signin" {
			t.Errorf("%s changes state without a sign-in", key)
		}
	}
}

func TestSafeNext(t *testing.T) {
	tests := map[string]string{
		"":                     "/",
		"/orgs?q=1":            "/orgs?q=1",
		"//evil.example":       "/",
		"/\\evil.example":      "/",
		"https://evil.example": "/",
		"javascript:alert(1)":  "/",
		"orgs":                 "/",
		"/ok\r\nSet-Cookie:x":  "/",
	}
	for in, want := range tests {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPager(t *testing.T) {
	p := newPager(newListQuery("/orgs", url.Values{"q": {"镇"}, "lang": {"en"}}), 5, 20, 205, orgSizes)
	if p.Pages != 11 || p.From != 81 || p.To != 100 {
		t.Errorf("pages %d rows %d–%d, want 11 and 81–100", p.Pages, p.From, p.To)
	}
	var nums []int
	gaps := 0
	for _, l := range p.Links {
		if l.Gap {
			gaps++
			continue
		}
		nums = append(nums, l.N)
		u, _ := url.Parse(l.URL)
		if u.Query().Get("q") != "镇" || u.Query().Has("lang") {
			t.Errorf("link %s does not keep the filter or keeps lang", l.URL)
		}
	}
	if want := []int{1, 3, 4, 5, 6, 7, 11}; !equalInts(nums, want) || gaps != 2 {
		t.Errorf("page links %v with %d gaps, want %v with 2", nums, gaps, want)
	}
	if len(p.Sizes) != 3 || strings.Contains(p.Sizes[1].URL, "page=") {
		t.Errorf("size links %+v must reset the page", p.Sizes)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFormFieldOfMapsPartsToRows(t *testing.T) {
	rowOf := []int{0, 2}
	if got := formFieldOf("parts.1.name", rowOf); got != "parts.2.name" {
		t.Errorf("got %q, want parts.2.name", got)
	}
	if got := formFieldOf("note", rowOf); got != "note" {
		t.Errorf("got %q", got)
	}
}

func TestGroups(t *testing.T) {
	if got := strings.Join(groups("ABCDEFGHIJ", 4), " "); got != "ABCD EFGH IJ" {
		t.Errorf("got %q", got)
	}
}
