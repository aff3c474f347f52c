// Package app wires zugong together: it opens the database and the crypto
// provider, builds the services and the HTTP surfaces, and composes them into
// one handler. It is the only package that knows every other.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"zugong/internal/access"
	"zugong/internal/api"
	"zugong/internal/config"
	"zugong/internal/gate"
	"zugong/internal/i18n"
	"zugong/internal/store"
	"zugong/internal/vault"
	"zugong/internal/web"
)

// App is a configured instance of zugong.
type App struct {
	Config  config.Config
	Log     *slog.Logger
	DB      *store.DB
	Catalog *i18n.Catalog
	Metrics *gate.Metrics
	Orgs    *store.OrgService
	Auth    *store.AuthService
	Users   *store.UserService
	Audit   *store.AuditLog
	People  *store.PeopleService
	// Training runs programmes, self-reports and quota compliance.
	Training *store.TrainingService
	// Secondments keeps cadres' secondments (挂职).
	Secondments *store.SecondmentService
	// Appraisal keeps appraisal schemes, evidence and rankings.
	Appraisal *store.AppraisalService
	// Selections runs the selection workflow (选拔任用); Calendar keeps the
	// working-day calendar it counts the 任前公示 by.
	Selections *store.SelectionService
	Calendar   *store.CalendarService
	// Talent keeps the talent pool, the project market and the records of
	// talents' work.
	Talent *store.TalentService
}

// Open opens the database named by cfg, migrates it and builds the services.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger) (*App, error) {
	key, err := vault.LoadOrCreateKey(cfg.KeyFile)
	if err != nil {
		return nil, err
	}
	provider, err := vault.NewSoftware(key)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DB, provider)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if len(applied) > 0 {
		log.Info("migrated", "versions", applied, "engine", db.Dialect())
	}
	return New(cfg, log, db)
}

// New builds the services over an open, migrated database.
func New(cfg config.Config, log *slog.Logger, db *store.DB) (*App, error) {
	catalog, err := i18n.Load()
	if err != nil {
		return nil, fmt.Errorf("message catalogs: %w", err)
	}
	return &App{
		Config: cfg, Log: log, DB: db, Catalog: catalog, Metrics: gate.NewMetrics(),
		Orgs: db.Orgs(), Auth: db.Auth(store.AuthConfig{IdleTimeout: cfg.IdleTimeout}), Users: db.Users(), Audit: db.AuditLog(),
		People: db.People(), Training: db.Training(), Secondments: db.Secondments(), Appraisal: db.Appraisal(),
		Selections: db.Selections(), Calendar: db.Calendar(), Talent: db.Talent(),
	}, nil
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }

// Surfaces are the routers of the running server, kept for tests that walk
// every route.
type Surfaces struct {
	Web, API, Ops *gate.Router
}

// Handler builds the HTTP handler: the JSON API under /api/, the probes and
// metrics, and the web UI for everything else.
func (a *App) Handler() (http.Handler, *Surfaces, error) {
	w, err := web.New(web.Deps{Appraisal: a.Appraisal, Orgs: a.Orgs, Auth: a.Auth, Users: a.Users, Audit: a.Audit, People: a.People, Training: a.Training, Secondments: a.Secondments, Dossiers: a.People,
		SecondmentWarnDays: a.Config.SecondmentWarnDays, ProbationWarnDays: a.Config.ProbationWarnDays,
		Selections: a.Selections, Calendar: a.Calendar, Talent: a.Talent, Stepdowns: a.Selections,
		Catalog: a.Catalog, Log: a.Log, SecureCookies: a.Config.SecureCookies, MaxBody: a.Config.MaxBody, MaxUpload: a.Config.MaxUpload, Metrics: a.Metrics})
	if err != nil {
		return nil, nil, fmt.Errorf("web: %w", err)
	}
	j, err := api.New(api.Deps{Appraisal: a.Appraisal, Orgs: a.Orgs, Auth: a.Auth, Users: a.Users, Audit: a.Audit, People: a.People, Secondments: a.Secondments, Training: a.Training, Catalog: a.Catalog,
		Selections: a.Selections, Calendar: a.Calendar, Talent: a.Talent,
		Log: a.Log, MaxBody: a.Config.MaxBody, Metrics: a.Metrics})
	if err != nil {
		return nil, nil, fmt.Errorf("api: %w", err)
	}
	ops := a.opsRouter()
	s := &Surfaces{Web: w.Router(), API: j.Router(), Ops: ops}
	mux := http.NewServeMux()
	mux.Handle("/api/", gate.Wrap(s.API, a.Log, j))
	for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
		mux.Handle(p, gate.Wrap(ops, a.Log, plainErrors{}))
	}
	mux.Handle("/", gate.Wrap(s.Web, a.Log, w))
	return mux, s, nil
}

// opsRouter serves the liveness and readiness probes and the metrics.
func (a *App) opsRouter() *gate.Router {
	rt := gate.NewRouter(gate.Config{Errors: plainErrors{}, Metrics: a.Metrics})
	rt.Handle("GET /healthz", access.Public, func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, err := w.Write([]byte("ok\n"))
		return err
	})
	rt.Handle("GET /readyz", access.Public, func(w http.ResponseWriter, r *http.Request) error {
		if err := a.DB.Ping(r.Context()); err != nil {
			gate.Logger(r.Context()).Warn("not ready", "err", err)
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return nil
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, err := w.Write([]byte("ready\n"))
		return err
	})
	rt.HandleAsset("GET /metrics", a.Metrics.Handler())
	return rt
}

// plainErrors renders errors of the probes as plain text.
type plainErrors struct{}

func (plainErrors) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	http.Error(w, http.StatusText(gate.Status(err)), gate.Status(err))
}
