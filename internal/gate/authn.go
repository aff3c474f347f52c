package gate

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"

	"zugong/internal/access"
	"zugong/internal/auth"
	"zugong/internal/fault"
)

type sessionKey struct{}
type csrfKey struct{}
type tokenAuthKey struct{}

// SessionFrom returns the browser session of the request, or nil.
func SessionFrom(ctx context.Context) *auth.Session {
	s, _ := ctx.Value(sessionKey{}).(*auth.Session)
	return s
}

// CSRFToken returns the token a form on this page must send back: the
// session's, or the visitor's pre-session token.
func CSRFToken(r *http.Request) string {
	if s := SessionFrom(r.Context()); s != nil {
		return s.CSRFToken
	}
	t, _ := r.Context().Value(csrfKey{}).(string)
	return t
}

// authenticate attaches the principal of the request's credentials. With no
// credentials it returns r unchanged and no error; with bad ones, an error.
func (rt *Router) authenticate(r *http.Request) (*http.Request, error) {
	ctx := r.Context()
	client := Client(r)
	if rt.creds&Bearer != 0 {
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				return r, fault.New(fault.Unauthorized, "error.unauthorized")
			}
			p, err := rt.auth.AuthenticateToken(ctx, strings.TrimSpace(token), client)
			if err != nil {
				return r, err
			}
			ctx = context.WithValue(ctx, tokenAuthKey{}, true)
			return r.WithContext(access.With(ctx, withIP(p, client.IP))), nil
		}
	}
	if rt.creds&Cookies != 0 {
		c, err := r.Cookie(SessionCookie)
		if err != nil || c.Value == "" {
			return r, nil
		}
		p, s, err := rt.auth.Authenticate(ctx, c.Value, client)
		if err != nil {
			return r, err
		}
		ctx = context.WithValue(ctx, sessionKey{}, s)
		return r.WithContext(access.With(ctx, withIP(p, client.IP))), nil
	}
	return r, nil
}

// withIP copies p with the request's address: principals may be cached and
// shared between requests, so they are never changed in place.
func withIP(p *access.Principal, ip string) *access.Principal {
	cp := *p
	cp.IP = ip
	return &cp
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// errCSRF refuses a state-changing request without the right token.
var errCSRF = fault.New(fault.Forbidden, "error.csrf")

// checkCSRF enforces the synchronizer token on every state-changing request
// made with a cookie (signed in or not); bearer-token requests carry no
// ambient credentials and need none. Visitors who are not signed in get a
// pre-session token cookie on their first safe request.
func (rt *Router) checkCSRF(w http.ResponseWriter, r *http.Request) (*http.Request, error) {
	if via, _ := r.Context().Value(tokenAuthKey{}).(bool); via {
		return r, nil
	}
	want := ""
	if s := SessionFrom(r.Context()); s != nil {
		want = s.CSRFToken
	} else if c, err := r.Cookie(PreSessionCookie); err == nil && c.Value != "" {
		want = c.Value
	}
	if safeMethod(r.Method) {
		if want == "" && rt.creds&Cookies != 0 {
			want = randomToken()
			http.SetCookie(w, &http.Cookie{Name: PreSessionCookie, Value: want, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
		}
		return r.WithContext(context.WithValue(r.Context(), csrfKey{}, want)), nil
	}
	if rt.creds&Cookies == 0 && access.From(r.Context()) == nil {
		// A bearer-only surface with no credentials: authorization refuses it.
		return r, nil
	}
	got := r.Header.Get(CSRFHeader)
	if got == "" {
		got = formValue(r, CSRFField)
	}
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return r, errCSRF
	}
	return r, nil
}

// formValue reads a posted field, parsing the body once as the handler would.
func formValue(r *http.Request, name string) string {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(DefaultMaxBody); err != nil {
			return ""
		}
	}
	return r.PostFormValue(name)
}

func randomToken() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
