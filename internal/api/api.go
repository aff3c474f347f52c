// Package api is zugong's JSON surface under /api/v1: the organisation tree,
// accounts and grants, the audit trail and the caller's own identity, for
// bearer-token clients (and for browser sessions, which must then send the
// CSRF header). Every route is declared with its permission in routes.go; the
// handlers only translate between JSON and the domain services, which check
// each record's scope themselves. The contract is the hand-written
// openapi.json next to this file, which a test keeps equal to the route table.
package api

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"

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

// Prefix is the path every route of the API starts with.
const Prefix = "/api/v1"

//go:embed openapi.json
var openAPIDocument []byte

// Deps is what the API needs from the rest of the application.
type Deps struct {
	Orgs   org.Service
	Auth   gate.Authenticator
	Users  auth.Users
	Audit  audit.Reader
	People person.Service
	// Training runs programmes and reports quota compliance.
	Training training.Service
	Catalog  *i18n.Catalog
	// Log is the logger of Handler's outer middleware (the application
	// wraps Router itself); nil means slog.Default().
	Log *slog.Logger
	// MaxBody caps a request body; zero means gate.DefaultMaxBody.
	MaxBody int64
	// Metrics, when set, counts the API's requests per route.
	Metrics *gate.Metrics

	// Secondments keeps cadres' secondments (挂职).
	Secondments secondment.Service

	// Selections runs the selection workflow; Calendar answers the
	// working-day calendar.
	Selections Selections
	Calendar   Calendar

	// Appraisal serves published rankings and their explanations.
	Appraisal Appraisal

	// Talent keeps the talent pool, the project market and the records of
	// talents' work.
	Talent talent.Records
}

// Server is the JSON surface. It implements gate.ErrorWriter.
type Server struct {
	orgs     org.Service
	users    auth.Users
	audit    audit.Reader
	people   person.Service
	training training.Service
	catalog  *i18n.Catalog
	log      *slog.Logger
	router   *gate.Router
	// endpoints are the routes of the API proper, without the fallbacks.
	endpoints []gate.Route
	// openAPI is the embedded document, compacted once.
	openAPI []byte

	// secondments serves the secondment routes.
	secondments secondment.Service
	// selections and calendar serve the selection and calendar routes.
	selections Selections
	calendar   Calendar
	// appraisal serves the appraisal routes.
	appraisal Appraisal
	// talent serves the talent pool and project market routes.
	talent talent.Records
}

// New returns the API over d. Every service is required: a surface with a
// missing dependency fails start-up instead of its first request.
func New(d Deps) (*Server, error) {
	var missing []string
	for name, nilDep := range map[string]bool{
		"Orgs": d.Orgs == nil, "Auth": d.Auth == nil, "Users": d.Users == nil,
		"Audit": d.Audit == nil, "People": d.People == nil, "Catalog": d.Catalog == nil,
	} {
		if nilDep {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("api: missing dependencies %v", missing)
	}
	var doc bytes.Buffer
	if err := json.Compact(&doc, openAPIDocument); err != nil {
		return nil, fmt.Errorf("api: embedded openapi.json: %w", err)
	}
	s := &Server{orgs: d.Orgs, users: d.Users, audit: d.Audit, people: d.People, training: d.Training, secondments: d.Secondments, catalog: d.Catalog, log: d.Log, openAPI: doc.Bytes()}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.selections, s.calendar = d.Selections, d.Calendar
	s.appraisal, s.talent = d.Appraisal, d.Talent
	s.router = gate.NewRouter(gate.Config{Auth: d.Auth, Errors: s, Credentials: gate.Bearer | gate.Cookies, MaxBody: d.MaxBody, Metrics: d.Metrics})
	s.routes(s.router)
	return s, nil
}

// Router returns the route table. The application mounts it under /api/,
// inside gate.Wrap (request id, logging, recovery) with s as the error writer.
func (s *Server) Router() *gate.Router { return s.router }

// Handler returns the router wrapped in gate's outer middleware, for callers
// that serve the API on its own (tests, tools).
func (s *Server) Handler() http.Handler { return gate.Wrap(s.router, s.log, s) }
