// Package web is zugong's server-rendered HTML surface: sign-in and second
// factor, the organisation tree, the people registry with its dossiers,
// printed appointment forms, imports, exports and data-quality report,
// accounts and roles, and the audit viewer.
// Pages are html/template files embedded in the binary and parsed once at
// start-up; every word on them comes from the message catalog; every asset is
// embedded and served under a content-hash URL, so the surface works on a
// network without internet access and without JavaScript.
package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"
	_ "time/tzdata" // Asia/Shanghai on machines without zoneinfo.

	"zugong/internal/audit"
	"zugong/internal/auth"
	"zugong/internal/gate"
	"zugong/internal/i18n"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/secondment"
	"zugong/internal/talent"
	"zugong/internal/training"
)

// Deps are the services the HTML surface needs.
type Deps struct {
	Orgs   org.Service
	Auth   auth.Service
	Users  auth.Users
	Audit  audit.Reader
	People person.Service
	// Training runs programmes and reports quota compliance.
	Training training.Service
	// Dossiers streams whole dossiers with their numbers in clear, for the
	// exports and the data-quality report. It is required with People.
	Dossiers DossierSource
	Catalog  *i18n.Catalog
	Log      *slog.Logger
	// SecureCookies marks cookies Secure (set it behind TLS).
	SecureCookies bool
	MaxBody       int64
	// MaxUpload limits file uploads (imports); zero means gate.DefaultMaxUpload.
	MaxUpload int64
	// Metrics, when set, counts the UI's requests per route.
	Metrics *gate.Metrics
	// Secondments keeps cadres' secondments; SecondmentWarnDays is how
	// long before its end one is flagged (zero: secondment.DefaultWarnDays).
	Secondments        secondment.Service
	SecondmentWarnDays int
	// ProbationWarnDays is how long before a probation (试用期) ends the
	// selection pages flag it (zero: 30 days).
	ProbationWarnDays int
	// Selections runs the selection workflow; Calendar keeps the
	// working-day calendar it counts the 任前公示 by.
	Selections Selections
	Calendar   Calendar
	// Appraisal keeps appraisal schemes, evidence and rankings.
	Appraisal Appraisal
	// Talent keeps the talent pool, the project market and the records of
	// talents' work.
	Talent talent.Records
	// Stepdowns records leaders stepping down from their posts (能下).
	Stepdowns Stepdowns
}

// Server holds the HTML surface: its services, parsed templates and assets.
type Server struct {
	orgs      org.Service
	auth      auth.Service
	users     auth.Users
	audit     audit.Reader
	people    person.Service
	training  training.Service
	dossiers  DossierSource
	quality   *qualityCache
	catalog   *i18n.Catalog
	log       *slog.Logger
	secure    bool
	maxUpload int64
	views     *views
	assets    *assets
	router    *gate.Router
	// secondments and warnDays serve the secondment pages.
	secondments secondment.Service
	warnDays    int
	// probationWarnDays serves the selection pages.
	probationWarnDays int
	selections        Selections
	calendar          Calendar
	appraisal         Appraisal
	talent            talent.Records
	stepdowns         Stepdowns
}

// defaultProbationWarnDays is how long before a probation ends the
// selection pages flag it when the deployment sets nothing.
const defaultProbationWarnDays = 30

// shanghai is the zone every time on the pages is shown in.
var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// New parses the templates, hashes the assets and builds the route table. A
// registered page without its template, or a template without its page,
// fails here rather than on the first request.
func New(d Deps) (*Server, error) {
	if d.Catalog == nil {
		return nil, fmt.Errorf("web: no message catalog")
	}
	if d.People != nil && d.Dossiers == nil {
		return nil, fmt.Errorf("web: the people registry has no dossier source for exports")
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	s := &Server{orgs: d.Orgs, auth: d.Auth, users: d.Users, audit: d.Audit, people: d.People, training: d.Training, dossiers: d.Dossiers,
		quality: newQualityCache(), catalog: d.Catalog, log: d.Log,
		secure: d.SecureCookies, maxUpload: d.MaxUpload, assets: a}
	v, err := parseViews(templateFS, d.Catalog, a)
	if err != nil {
		return nil, err
	}
	s.views = v
	s.secondments, s.warnDays = d.Secondments, d.SecondmentWarnDays
	s.selections, s.calendar = d.Selections, d.Calendar
	s.appraisal, s.talent, s.stepdowns = d.Appraisal, d.Talent, d.Stepdowns
	if s.warnDays <= 0 {
		s.warnDays = secondment.DefaultWarnDays
	}
	if s.probationWarnDays = d.ProbationWarnDays; s.probationWarnDays <= 0 {
		s.probationWarnDays = defaultProbationWarnDays
	}
	s.router = gate.NewRouter(gate.Config{Auth: d.Auth, Errors: s, Credentials: gate.Cookies, MaxBody: d.MaxBody, MaxUpload: d.MaxUpload, Metrics: d.Metrics})
	s.routes(s.router)
	return s, nil
}

// Router returns the route table of the HTML surface.
func (s *Server) Router() *gate.Router { return s.router }

// ServeHTTP lets the Server stand for its router in tests.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }
