package gate

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/auth"
	"zugong/internal/fault"
)

// sessions is an in-memory Authenticator: one session per token.
type sessions map[string]*access.Principal

func (s sessions) Authenticate(_ context.Context, token string, _ auth.Client) (*access.Principal, *auth.Session, error) {
	p, ok := s[token]
	if !ok {
		return nil, nil, fault.New(fault.Unauthorized, "error.session.expired")
	}
	return p, &auth.Session{UserID: p.UserID, CSRFToken: "csrf-" + token, MFAPassed: p.MFA}, nil
}

func (s sessions) AuthenticateToken(_ context.Context, token string, _ auth.Client) (*access.Principal, error) {
	p, ok := s["bearer:"+token]
	if !ok {
		return nil, fault.New(fault.Unauthorized, "error.unauthorized")
	}
	return p, nil
}

type statusOnly struct{}

func (statusOnly) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	e, _ := fault.As(err)
	key := ""
	if e != nil {
		key = e.Key
	}
	http.Error(w, key, Status(err))
}

func newTestRouter() *Router {
	users := sessions{
		"staff":     {UserID: "s", MFA: true, MFARequired: true, Grants: []access.Grant{{Role: access.CountyStaff, ScopePath: "/c/"}}},
		"pending":   {UserID: "p", MFA: false, MFARequired: true, Grants: []access.Grant{{Role: access.CountyStaff, ScopePath: "/c/"}}},
		"bearer:t1": {UserID: "s", MFA: true, Grants: []access.Grant{{Role: access.CountyStaff, ScopePath: "/c/"}}},
		"auditor":   {UserID: "a", MFA: true, Grants: []access.Grant{{Role: access.AuditAdmin, ScopePath: "/c/"}}},
		"expired":   {UserID: "e", MFA: true, MustChangePassword: true, Grants: []access.Grant{{Role: access.CountyStaff, ScopePath: "/c/"}}},
	}
	rt := NewRouter(Config{Auth: users, Errors: statusOnly{}, Credentials: Cookies | Bearer, MaxBody: 64})
	ok := func(w http.ResponseWriter, r *http.Request) error { w.Write([]byte("ok")); return nil }
	rt.Handle("GET /orgs", access.OrgRead, ok)
	rt.Handle("POST /orgs", access.OrgWrite, ok)
	rt.Handle("GET /mfa", access.Pending, ok)
	rt.Handle("GET /signin", access.Public, ok)
	rt.Handle("POST /signin", access.Public, ok)
	return rt
}

func do(rt http.Handler, method, path, cookie, body string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, req)
	return rec
}

func TestRouterChecks(t *testing.T) {
	rt := newTestRouter()
	form := url.Values{CSRFField: {"csrf-staff"}}.Encode()
	tests := []struct {
		name                       string
		method, path, cookie, body string
		header                     map[string]string
		want                       int
	}{
		{"anonymous read", "GET", "/orgs", "", "", nil, 401},
		{"anonymous write is unauthorized, not a csrf refusal", "POST", "/orgs", "", "name=x", nil, 401},
		{"staff read", "GET", "/orgs", "zg_session=staff", "", nil, 200},
		{"expired session", "GET", "/orgs", "zg_session=gone", "", nil, 401},
		{"second factor owed", "GET", "/orgs", "zg_session=pending", "", nil, 401},
		{"second factor page while owed", "GET", "/mfa", "zg_session=pending", "", nil, 200},
		{"permission held nowhere", "GET", "/orgs", "zg_session=auditor", "", nil, 403},
		{"password must be changed first", "GET", "/orgs", "zg_session=expired", "", nil, 403},
		{"password change page while it must be changed", "GET", "/mfa", "zg_session=expired", "", nil, 200},
		{"write without csrf", "POST", "/orgs", "zg_session=staff", "name=x", nil, 403},
		{"write with wrong csrf", "POST", "/orgs", "zg_session=staff", "csrf_token=nope", nil, 403},
		{"write with csrf field", "POST", "/orgs", "zg_session=staff", form, nil, 200},
		{"write with csrf header", "POST", "/orgs", "zg_session=staff", "", map[string]string{CSRFHeader: "csrf-staff"}, 200},
		{"bearer write needs no csrf", "POST", "/orgs", "", "", map[string]string{"Authorization": "Bearer t1"}, 200},
		{"bad bearer", "GET", "/orgs", "", "", map[string]string{"Authorization": "Bearer nope"}, 401},
		{"oversized body", "POST", "/orgs", "zg_session=staff", form + strings.Repeat("&x=y", 40), nil, 413},
		{"anonymous sign-in post without pre-session token", "POST", "/signin", "", "login=a", nil, 403},
		{"anonymous sign-in post with pre-session token", "POST", "/signin", "zg_pre=abc", "login=a&csrf_token=abc", nil, 200},
		{"cross-origin post", "POST", "/orgs", "zg_session=staff", form, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(rt, tc.method, tc.path, tc.cookie, tc.body, tc.header)
			if rec.Code != tc.want {
				t.Fatalf("%s %s: status %d, want %d (%s)", tc.method, tc.path, rec.Code, tc.want, rec.Body.String())
			}
		})
	}
}

func TestPreSessionCookieIssued(t *testing.T) {
	rec := do(newTestRouter(), "GET", "/signin", "", "", nil)
	var found bool
	for _, c := range rec.Result().Cookies() {
		found = found || (c.Name == PreSessionCookie && c.Value != "" && c.HttpOnly)
	}
	if !found {
		t.Fatal("GET /signin set no pre-session CSRF cookie")
	}
}

func TestRouteWithoutPermissionPanics(t *testing.T) {
	for _, perm := range []access.Permission{"", "org.teleport"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Handle with permission %q did not panic", perm)
				}
			}()
			NewRouter(Config{}).Handle("GET /x", perm, func(http.ResponseWriter, *http.Request) error { return nil })
		}()
	}
}

func TestUploadRoutesTakeLargerBodies(t *testing.T) {
	rt := NewRouter(Config{Auth: sessions{"staff": {UserID: "s", MFA: true, Grants: []access.Grant{{Role: access.CountyStaff, ScopePath: "/c/"}}}},
		Errors: statusOnly{}, Credentials: Cookies, MaxBody: 1 << 10, MaxUpload: 1 << 16})
	ok := func(w http.ResponseWriter, r *http.Request) error {
		_, err := io.Copy(io.Discard, r.Body)
		return err
	}
	rt.Handle("POST /form", access.OrgWrite, ok)
	rt.HandleUpload("POST /upload", access.OrgWrite, ok)
	body := "csrf_token=csrf-staff&f=" + strings.Repeat("x", 8<<10)
	if rec := do(rt, "POST", "/form", "zg_session=staff", body, nil); rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("8 KiB to a form route: %d, want 413", rec.Code)
	}
	if rec := do(rt, "POST", "/upload", "zg_session=staff", body, nil); rec.Code != http.StatusOK {
		t.Fatalf("8 KiB to an upload route: %d, want 200 (%s)", rec.Code, rec.Body.String())
	}
	big := "csrf_token=csrf-staff&f=" + strings.Repeat("x", 80<<10)
	if rec := do(rt, "POST", "/upload", "zg_session=staff", big, nil); rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("80 KiB to an upload route limited to 64 KiB: %d, want 413", rec.Code)
	}
}
