// Package gate is the HTTP plumbing shared by the HTML and JSON surfaces: a
// route table in which every route declares the permission it needs, and the
// middleware every request passes — request id, logging and metrics,
// recovery, body limit, authentication, CSRF and the permission check — in
// that order. A handler can only be registered through Router.Handle, so no
// handler runs without its permission having been checked; the scope of each
// record is then checked by the services (access.Check).
package gate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"zugong/internal/access"
	"zugong/internal/auth"
	"zugong/internal/fault"
	"zugong/internal/i18n"
)

// Handler is an HTTP handler that may fail; the surface's ErrorWriter turns
// the error into a response.
type Handler func(w http.ResponseWriter, r *http.Request) error

// ErrorWriter renders an error for one surface (an HTML page, a JSON body).
type ErrorWriter interface {
	WriteError(w http.ResponseWriter, r *http.Request, err error)
}

// Authenticator turns credentials into principals.
type Authenticator interface {
	Authenticate(ctx context.Context, token string, c auth.Client) (*access.Principal, *auth.Session, error)
	AuthenticateToken(ctx context.Context, token string, c auth.Client) (*access.Principal, error)
}

// Credentials says which credentials a surface accepts.
type Credentials int

// The credential sets.
const (
	// Cookies: browser sessions only (the HTML surface).
	Cookies Credentials = 1 << iota
	// Bearer: API tokens in the Authorization header.
	Bearer
)

// Cookie names.
const (
	SessionCookie = "zg_session"
	// PreSessionCookie carries the CSRF token of a visitor who has not
	// signed in yet, so that the sign-in form itself is protected.
	PreSessionCookie = "zg_pre"
	LocaleCookie     = "zg_lang"
	// CSRFField and CSRFHeader carry the token of a state-changing request.
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

// DefaultMaxBody is the largest request body accepted unless a surface sets
// another limit; DefaultMaxUpload the largest upload (a county's LRMX
// archive with photos runs to tens of megabytes).
const (
	DefaultMaxBody   = 1 << 20
	DefaultMaxUpload = 64 << 20
)

// Route is one registered route.
type Route struct {
	Method     string
	Path       string
	Permission access.Permission
}

// Router registers routes with their permissions.
type Router struct {
	mux       *http.ServeMux
	routes    []Route
	auth      Authenticator
	errors    ErrorWriter
	creds     Credentials
	maxBody   int64
	maxUpload int64
	metrics   *Metrics
	cop       *http.CrossOriginProtection
}

// Config configures a Router.
type Config struct {
	Auth        Authenticator
	Errors      ErrorWriter
	Credentials Credentials
	MaxBody     int64
	// MaxUpload limits the bodies of routes registered with HandleUpload.
	MaxUpload int64
	Metrics   *Metrics
}

// NewRouter returns an empty router.
func NewRouter(cfg Config) *Router {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxUpload < cfg.MaxBody {
		cfg.MaxUpload = max(cfg.MaxBody, DefaultMaxUpload)
	}
	rt := &Router{mux: http.NewServeMux(), auth: cfg.Auth, errors: cfg.Errors, creds: cfg.Credentials,
		maxBody: cfg.MaxBody, maxUpload: cfg.MaxUpload, metrics: cfg.Metrics, cop: http.NewCrossOriginProtection()}
	// A cross-origin refusal is a CSRF refusal, in the surface's own shape.
	rt.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt.errors.WriteError(w, r, errCSRF)
	}))
	return rt
}

// Handle registers h for pattern ("METHOD /path/{id}") behind perm. It
// panics on a missing or unknown permission or a pattern without a method,
// so a route that forgot its permission fails start-up and every test.
func (rt *Router) Handle(pattern string, perm access.Permission, h Handler) {
	rt.handle(pattern, perm, rt.maxBody, h)
}

// HandleUpload is Handle for a route that takes files: its body may be as
// large as the router's upload limit instead of its body limit.
func (rt *Router) HandleUpload(pattern string, perm access.Permission, h Handler) {
	rt.handle(pattern, perm, rt.maxUpload, h)
}

func (rt *Router) handle(pattern string, perm access.Permission, maxBody int64, h Handler) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok || method == "" || !strings.HasPrefix(path, "/") {
		panic(fmt.Sprintf("gate: route %q must be \"METHOD /path\"", pattern))
	}
	if !knownPermission(perm) {
		panic(fmt.Sprintf("gate: route %q declares no known permission (%q)", pattern, perm))
	}
	rt.routes = append(rt.routes, Route{Method: method, Path: path, Permission: perm})
	var next http.Handler = rt.serve(perm, maxBody, h)
	next = rt.cop.Handler(next)
	if rt.metrics != nil {
		next = rt.metrics.instrument(pattern, next)
	}
	rt.mux.Handle(pattern, next)
}

// HandleAsset registers a public handler that cannot fail (static assets,
// probes); it still passes logging and metrics.
func (rt *Router) HandleAsset(pattern string, h http.Handler) {
	rt.Handle(pattern, access.Public, func(w http.ResponseWriter, r *http.Request) error {
		h.ServeHTTP(w, r)
		return nil
	})
}

func knownPermission(perm access.Permission) bool {
	if perm == access.Public || perm == access.Pending {
		return true
	}
	for _, p := range access.Permissions {
		if p == perm {
			return true
		}
	}
	return false
}

// Routes lists the registered routes, for tests that walk every route.
func (rt *Router) Routes() []Route { return append([]Route(nil), rt.routes...) }

// ServeHTTP implements http.Handler.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) { rt.mux.ServeHTTP(w, r) }

// serve is the per-route chain: body limit → authenticate → CSRF → permission → h.
func (rt *Router) serve(perm access.Permission, maxBody int64, h Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := rt.run(perm, maxBody, h, w, r); err != nil {
			rt.fail(w, r, err)
		}
	})
}

func (rt *Router) run(perm access.Permission, maxBody int64, h Handler, w http.ResponseWriter, r *http.Request) error {
	if r.ContentLength > maxBody {
		return fault.New(fault.TooLarge, "error.too_large")
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	}
	r, err := rt.authenticate(r)
	if err != nil && perm != access.Public {
		return err
	}
	if perm != access.Public && access.From(r.Context()) == nil {
		// Nobody signed in: say so, before a CSRF refusal could suggest
		// an expired page to a client that simply forgot its token.
		return fault.New(fault.Unauthorized, "error.unauthorized")
	}
	r, err = rt.checkCSRF(w, r)
	if err != nil {
		return err
	}
	if err := authorize(r.Context(), perm); err != nil {
		return err
	}
	return h(w, r)
}

// ErrSecondFactor is returned for a session that passed its password but
// still owes its second factor.
var ErrSecondFactor = fault.New(fault.Unauthorized, "error.mfa.required")

// ErrPasswordChange is returned for a session whose password must be
// changed before it may do anything else.
var ErrPasswordChange = fault.New(fault.Forbidden, "error.password.change_required")

// authorize checks the route's permission against the principal.
func authorize(ctx context.Context, perm access.Permission) error {
	if perm == access.Public {
		return nil
	}
	p := access.From(ctx)
	if p == nil {
		return fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if perm == access.Pending {
		return nil
	}
	if !p.Ready() {
		return ErrSecondFactor
	}
	if p.MustChangePassword {
		return ErrPasswordChange
	}
	if !p.Has(perm) {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	return nil
}

// fail writes err, logging internal errors with the request id.
func (rt *Router) fail(w http.ResponseWriter, r *http.Request, err error) {
	if _, ok := fault.As(err); !ok && isTooLarge(err) {
		err = fault.New(fault.TooLarge, "error.too_large")
	}
	if fault.CodeOf(err) == fault.Internal {
		Logger(r.Context()).Error("request failed", "err", err)
	}
	rt.errors.WriteError(w, r, err)
}

func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// Status maps an error to its HTTP status: the one mapping for every surface.
func Status(err error) int {
	if isTooLarge(err) {
		return http.StatusRequestEntityTooLarge
	}
	switch fault.CodeOf(err) {
	case fault.Invalid:
		return http.StatusUnprocessableEntity
	case fault.Malformed:
		return http.StatusBadRequest
	case fault.NotFound:
		return http.StatusNotFound
	case fault.Conflict:
		return http.StatusConflict
	case fault.Forbidden:
		return http.StatusForbidden
	case fault.Unauthorized:
		return http.StatusUnauthorized
	case fault.TooMany:
		return http.StatusTooManyRequests
	case fault.TooLarge:
		return http.StatusRequestEntityTooLarge
	case fault.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Client returns where r comes from. The address is the TCP peer: zugong
// does not trust forwarding headers unless a deployment adds a proxy layer
// that sets RemoteAddr.
func Client(r *http.Request) auth.Client {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return auth.Client{IP: host, UserAgent: r.UserAgent()}
}

// Locale returns the locale of r: the lang query parameter, the locale
// cookie, then Accept-Language.
func Locale(r *http.Request) i18n.Locale {
	if loc, ok := i18n.Parse(r.URL.Query().Get("lang")); ok {
		return loc
	}
	if c, err := r.Cookie(LocaleCookie); err == nil {
		if loc, ok := i18n.Parse(c.Value); ok {
			return loc
		}
	}
	return i18n.Negotiate(r.Header.Get("Accept-Language"))
}

// since is time.Since, named for the logging middleware.
var since = time.Since

// Logger returns the request's logger, carrying its request id.
func Logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

type loggerKey struct{}
