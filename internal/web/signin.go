package web

import (
	"net/http"
	"net/url"
	"time"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/gate"
)

// SignInView is the sign-in page.
type SignInView struct {
	Page
	Form Form
	Next string
}

// SecondFactorView asks for a TOTP or recovery code.
type SecondFactorView struct {
	Page
	Form Form
	Next string
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request) error {
	next := r.URL.Query().Get("next")
	if access.From(r.Context()).Ready() {
		return redirect(w, r, safeNext(next))
	}
	v := &SignInView{Page: s.page(w, r, "page.signin"), Form: formOf(url.Values{}), Next: next}
	return s.render(w, http.StatusOK, pageSignIn, v)
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	next := f.Raw("next")
	login, password := f.Get("login"), f.Raw("password")
	f.Forget("password")
	if login == "" || password == "" {
		if login == "" {
			f.Add("login", "field.required")
		}
		if password == "" {
			f.Add("password", "field.required")
		}
		v := &SignInView{Page: s.page(w, r, "page.signin"), Form: f, Next: next}
		return s.render(w, http.StatusUnprocessableEntity, pageSignIn, v)
	}
	res, err := s.auth.SignIn(r.Context(), login, password, gate.Client(r))
	if err != nil {
		return s.signInFailed(w, r, f, next, err)
	}
	s.setSession(w, res.Token)
	http.SetCookie(w, &http.Cookie{Name: gate.PreSessionCookie, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure})
	after := safeNext(next)
	if res.MustChangePassword {
		after = "/account/password?" + url.Values{"next": {after}}.Encode()
	}
	switch {
	case res.NeedSecondFactor:
		return redirect(w, r, "/signin/2fa?"+url.Values{"next": {after}}.Encode())
	case res.NeedEnrolment:
		return redirect(w, r, "/account/2fa?"+url.Values{"next": {after}}.Encode())
	}
	return redirect(w, r, after)
}

// signInFailed re-renders the form with one generic message whatever the
// cause, so the page does not tell which logins exist; throttling gets its
// own message, since waiting is what the user must do.
func (s *Server) signInFailed(w http.ResponseWriter, r *http.Request, f Form, next string, err error) error {
	status := gate.Status(err)
	switch status {
	case http.StatusUnauthorized, http.StatusUnprocessableEntity:
		status = http.StatusUnauthorized
		f.Error = &Message{Key: "signin.failed"}
	case http.StatusTooManyRequests:
		f.Error = &Message{Key: "signin.throttled"}
	default:
		return err
	}
	gate.Logger(r.Context()).Info("sign-in refused", "code", fault.CodeOf(err))
	v := &SignInView{Page: s.page(w, r, "page.signin"), Form: f, Next: next}
	return s.render(w, status, pageSignIn, v)
}

// setSession sets the session cookie: not readable by scripts, sent on
// top-level navigation from other sites (so links into zugong work) but not
// on their form posts.
func (s *Server) setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: gate.SessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure})
}

// sessionToken returns the raw session token of r.
func sessionToken(r *http.Request) string {
	c, err := r.Cookie(gate.SessionCookie)
	if err != nil {
		return ""
	}
	return c.Value
}

func (s *Server) secondFactorForm(w http.ResponseWriter, r *http.Request) error {
	next := r.URL.Query().Get("next")
	if access.From(r.Context()).Ready() {
		return redirect(w, r, safeNext(next))
	}
	v := &SecondFactorView{Page: s.page(w, r, "page.signin_2fa"), Form: formOf(url.Values{}), Next: next}
	return s.render(w, http.StatusOK, pageSecondFactor, v)
}

func (s *Server) secondFactor(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	next := f.Raw("next")
	code := f.Get("code")
	f.Forget("code")
	var verr error
	if code == "" {
		f.Add("code", "field.required")
	} else if verr = s.auth.VerifySecondFactor(r.Context(), sessionToken(r), code, gate.Client(r)); verr != nil {
		if !f.Absorb(verr) {
			return verr
		}
		f.fieldError("code", verr)
	}
	if !f.OK() {
		v := &SecondFactorView{Page: s.page(w, r, "page.signin_2fa"), Form: f, Next: next}
		return s.render(w, f.Status(verr), pageSecondFactor, v)
	}
	return redirect(w, r, safeNext(next))
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	if err := s.auth.SignOut(r.Context(), sessionToken(r)); err != nil && !fault.Is(err, fault.Unauthorized) {
		return err
	}
	s.clearSession(w)
	s.setFlash(w, "flash.signed_out")
	return redirect(w, r, "/signin")
}

// enrolled is the error BeginEnrolment returns for an account that already
// has a second factor.
func enrolled(err error) bool {
	e, ok := fault.As(err)
	return ok && e.Code == fault.Conflict && e.Key == "error.mfa.enrolled"
}
