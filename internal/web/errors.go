package web

import (
	"net/http"
	"net/url"
	"time"

	"zugong/internal/fault"
	"zugong/internal/gate"
)

// ErrorView is the page shown for an error.
type ErrorView struct {
	Page
	Status    int
	Message   Message
	RequestID string
}

// WriteError implements gate.ErrorWriter: the one place where the HTML
// surface turns an error into a response. A visitor who is not signed in is
// sent to the sign-in page, one who owes a second factor to the code page;
// everything else is a page in the user's language with the status
// gate.Status gives. Internal errors show only a generic message and the
// request id, which the log line carries too.
func (s *Server) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	status := gate.Status(err)
	e, _ := fault.As(err)
	if e != nil && e.Key == gate.ErrPasswordChange.Key {
		http.Redirect(w, r, "/account/password", http.StatusSeeOther)
		return
	}
	if status == http.StatusUnauthorized && e != nil {
		if e.Key == gate.ErrSecondFactor.Key {
			http.Redirect(w, r, "/signin/2fa", http.StatusSeeOther)
			return
		}
		s.clearSession(w)
		if e.Key == "error.session.expired" {
			s.setFlash(w, "flash.session_expired")
		}
		to := "/signin"
		if r.Method == http.MethodGet && r.URL.Path != "/" {
			to += "?" + url.Values{"next": {r.URL.RequestURI()}}.Encode()
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	v := &ErrorView{Page: s.page(w, r, titleForStatus(status)), Status: status, RequestID: gate.RequestID(r.Context())}
	switch {
	case status == http.StatusInternalServerError || e == nil:
		v.Message = Message{Key: "error.internal", Args: []any{v.RequestID}}
	case status == http.StatusRequestEntityTooLarge && e.Key == "":
		v.Message = Message{Key: "error.too_large"}
	default:
		v.Message = Message{Key: e.Key, Args: e.Args}
	}
	if err := s.render(w, status, pageError, v); err != nil {
		gate.Logger(r.Context()).Error("render error page", "err", err)
		http.Error(w, http.StatusText(status), status)
	}
}

func titleForStatus(status int) string {
	switch status {
	case http.StatusNotFound:
		return "page.error.not_found"
	case http.StatusForbidden:
		return "page.error.forbidden"
	case http.StatusUnprocessableEntity, http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge:
		return "page.error.invalid"
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return "page.error.busy"
	}
	return "page.error.internal"
}

// clearSession removes the session cookie.
func (s *Server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: gate.SessionCookie, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure})
}

// notFound answers every address no route claims.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return fault.New(fault.NotFound, "error.not_found")
}
