package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"zugong/internal/access"
	"zugong/internal/auth"
	"zugong/internal/fault"
)

// EnrolView sets up a second factor: the key to type into an authenticator
// app, then, once confirmed, the recovery codes, shown this one time.
type EnrolView struct {
	Page
	Form Form
	// Secret is the base32 key; SecretGroups the same in groups of four.
	Secret       string
	SecretGroups []string
	URI          string
	Next         string
	Codes        []string
	// Enrolled: the account already has a second factor.
	Enrolled bool
}

func (s *Server) enrolForm(w http.ResponseWriter, r *http.Request) error {
	next := r.URL.Query().Get("next")
	en, err := s.auth.BeginEnrolment(r.Context())
	if enrolled(err) {
		if !access.From(r.Context()).Ready() {
			return redirect(w, r, "/signin/2fa?"+url.Values{"next": {next}}.Encode())
		}
		v := &EnrolView{Page: s.page(w, r, "page.enrol"), Enrolled: true, Next: next}
		return s.render(w, http.StatusOK, pageEnrol, v)
	}
	if err != nil {
		return err
	}
	v := &EnrolView{Page: s.page(w, r, "page.enrol"), Form: formOf(url.Values{}), Secret: en.Secret,
		SecretGroups: groups(en.Secret, 4), URI: en.URI, Next: next}
	return s.render(w, http.StatusOK, pageEnrol, v)
}

func (s *Server) enrol(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	next := f.Raw("next")
	code := f.Get("code")
	f.Forget("code")
	var cerr error
	var codes []string
	if code == "" {
		f.Add("code", "field.required")
	} else if codes, cerr = s.auth.ConfirmEnrolment(r.Context(), sessionToken(r), code); cerr != nil {
		if e, ok := fault.As(cerr); ok && e.Key == "error.mfa.no_enrolment" {
			s.setFlash(w, "flash.enrol_restart")
			return redirect(w, r, "/account/2fa?"+url.Values{"next": {next}}.Encode())
		}
		if !f.Absorb(cerr) {
			return cerr
		}
		f.fieldError("code", cerr)
	}
	// The key and URI come back from the page itself: they are only shown
	// again, the service checks the code against the key it offered.
	secret := f.Get("secret")
	v := &EnrolView{Page: s.page(w, r, "page.enrol"), Form: f, Secret: secret, SecretGroups: groups(secret, 4),
		URI: f.Get("uri"), Next: next}
	if !f.OK() {
		return s.render(w, f.Status(cerr), pageEnrol, v)
	}
	v.Codes, v.Secret, v.SecretGroups, v.URI = codes, "", nil, ""
	v.Next = safeNext(next)
	return s.render(w, http.StatusOK, pageEnrol, v)
}

// groups splits s into runs of n characters, for reading a key aloud or
// typing it.
func groups(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// PasswordView changes the user's own password.
type PasswordView struct {
	Page
	Form Form
	Next string
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) error {
	v := &PasswordView{Page: s.page(w, r, "page.password"), Form: formOf(url.Values{}), Next: r.URL.Query().Get("next")}
	return s.render(w, http.StatusOK, pagePassword, v)
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	next := f.Raw("next")
	old, pw, confirm := f.Raw("old_password"), f.Raw("password"), f.Raw("password_confirm")
	f.Forget("old_password", "password", "password_confirm")
	if old == "" {
		f.Add("old_password", "field.required")
	}
	if pw == "" {
		f.Add("password", "field.required")
	}
	if pw != confirm {
		f.Add("password_confirm", "account.password.mismatch")
	}
	var cerr error
	if f.OK() {
		if cerr = s.auth.ChangePassword(r.Context(), old, pw); cerr != nil && !f.Absorb(cerr) {
			return cerr
		}
	}
	if !f.OK() {
		v := &PasswordView{Page: s.page(w, r, "page.password"), Form: f, Next: next}
		return s.render(w, f.Status(cerr), pagePassword, v)
	}
	s.setFlash(w, "flash.password_changed")
	return redirect(w, r, safeNext(next))
}

// TokensView lists the user's API tokens; NewToken is the raw token just
// made, shown once.
type TokensView struct {
	Page
	Tokens   []TokenRow
	Form     Form
	TTLs     []int
	NewToken string
}

// TokenRow is one token with its state key (token.active, …).
type TokenRow struct {
	auth.Token
	State string
}

// tokenTTLs are the lifetimes offered, in days.
var tokenTTLs = []int{30, 90, 180, 365}

func (s *Server) tokensView(w http.ResponseWriter, r *http.Request, f Form) (*TokensView, error) {
	list, err := s.users.ListTokens(r.Context())
	if err != nil {
		return nil, err
	}
	now := time.Now()
	v := &TokensView{Page: s.page(w, r, "page.tokens"), Form: f, TTLs: tokenTTLs}
	for _, t := range list {
		state := "token.active"
		switch {
		case !t.RevokedAt.IsZero():
			state = "token.revoked"
		case !t.ExpiresAt.IsZero() && t.ExpiresAt.Before(now):
			state = "token.expired"
		}
		v.Tokens = append(v.Tokens, TokenRow{Token: t, State: state})
	}
	return v, nil
}

func (s *Server) tokens(w http.ResponseWriter, r *http.Request) error {
	v, err := s.tokensView(w, r, formOf(url.Values{"ttl_days": {"90"}}))
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, pageTokens, v)
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	name := f.Get("name")
	if name == "" {
		f.Add("name", "field.required")
	}
	days, err := strconv.Atoi(f.Get("ttl_days"))
	if err != nil || !slices.Contains(tokenTTLs, days) {
		f.Add("ttl_days", "field.invalid_choice")
	}
	var raw string
	var cerr error
	if f.OK() {
		if raw, _, cerr = s.users.CreateToken(r.Context(), name, time.Duration(days)*24*time.Hour); cerr != nil && !f.Absorb(cerr) {
			return cerr
		}
	}
	status := http.StatusOK
	if !f.OK() {
		status = f.Status(cerr)
	} else {
		f = formOf(url.Values{"ttl_days": {strconv.Itoa(days)}})
	}
	v, err := s.tokensView(w, r, f)
	if err != nil {
		return err
	}
	v.NewToken = raw
	return s.render(w, status, pageTokens, v)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	if err := s.users.RevokeToken(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	s.setFlash(w, "flash.token_revoked")
	return redirect(w, r, "/account/tokens")
}

// HomeView is the start page: the sections the principal may use.
type HomeView struct {
	Page
	Links []HomeLink
}

// HomeLink is one section on the start page.
type HomeLink struct {
	Title, Desc, URL string
}

var homeTable = []struct {
	title, desc, url string
	perm             access.Permission
}{
	{"home.orgs", "home.orgs_desc", "/orgs", access.OrgRead},
	{"home.users", "home.users_desc", "/users", access.UserRead},
	{"home.audit", "home.audit_desc", "/audit", access.AuditRead},
	{"home.tokens", "home.tokens_desc", "/account/tokens", access.Authenticated},
	{"home.password", "home.password_desc", "/account/password", access.Authenticated},
	{"home.enrol", "home.enrol_desc", "/account/2fa", access.Authenticated},
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	v := &HomeView{Page: s.page(w, r, "page.home")}
	p := access.From(r.Context())
	for _, h := range homeTable {
		if p.Has(h.perm) {
			v.Links = append(v.Links, HomeLink{Title: h.title, Desc: h.desc, URL: h.url})
		}
	}
	return s.render(w, http.StatusOK, pageHome, v)
}
