package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"zugong/internal/auth"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/i18n"
)

//go:embed templates
var templateFS embed.FS

// The pages of the surface. Each has templates/pages/<name>.html defining
// "content"; a name here without its file, or a file without its name here,
// fails New.
const (
	pageSignIn       = "signin"
	pageSecondFactor = "signin_2fa"
	pageEnrol        = "enrol"
	pagePassword     = "password"
	pageTokens       = "tokens"
	pageHome         = "home"
	pageOrgs         = "orgs"
	pageOrg          = "org"
	pageOrgChange    = "org_change"
	pageUsers        = "users"
	pageUserNew      = "user_new"
	pageUser         = "user"
	pageAudit        = "audit"
	pageError        = "error"
)

var pageNames = []string{pageSignIn, pageSecondFactor, pageEnrol, pagePassword, pageTokens, pageHome, pageOrgs,
	pageOrg, pageOrgChange, pagePeople, pagePerson, pagePrint, pageImport, pageQuality, pageTraining, pageTrainingCompliance, pageProgrammes, pageProgramme, pageProgrammeForm,
	pageTrainingReports, pagePersonTraining,
	pageAppraisal, pageAppraisalRanking, pageAppraisalPerson, pageAppraisalWhatIf, pageAppraisalLists,
	pageSecondments, pageSecondmentNew, pageSecondment,
	pageSelections, pageSelectionNew, pageSelection, pageSelectionNotice, pageCalendar, pageUsers, pageUserNew, pageUser, pageAudit, pageError,
	pageStepdowns, pageStepdownNew, pageAppraisalEditor, pageAppraisalSettings, pageEvidenceImport,
	pageTalentDashboard, pageTalentPool, pageTalentProfile, pageTalentProfileEdit, pageTalentEngagements, pageTalentEngagementNew,
	pageTalentEntities, pageTalentEntityNew, pageTalentServices, pageTalentServiceNew,
	pageMarketProjects, pageMarketProjectForm, pageMarketProject, pageMeTalent, pageMeMarket}

// views holds every page parsed once per locale, so that the t function of
// a page is bound to its language and templates stay free of locale plumbing.
type views struct {
	byLocale map[i18n.Locale]map[string]*template.Template
}

// Message is a catalog key with its arguments: a flash, a page error or a
// field's problem.
type Message struct {
	Key  string
	Args []any
}

// msgOf turns the message-like values of the domain into a Message.
func msgOf(v any) (Message, bool) {
	switch m := v.(type) {
	case Message:
		return m, m.Key != ""
	case *Message:
		if m == nil {
			return Message{}, false
		}
		return *m, m.Key != ""
	case fault.FieldError:
		return Message{Key: m.Key, Args: m.Args}, m.Key != ""
	case *fault.FieldError:
		if m == nil {
			return Message{}, false
		}
		return Message{Key: m.Key, Args: m.Args}, m.Key != ""
	}
	return Message{}, false
}

// funcs returns the template functions bound to loc. At parse time they are
// bound to the default locale; each locale's copy replaces them.
func funcs(c *i18n.Catalog, a *assets, loc i18n.Locale) template.FuncMap {
	t := func(key string, args ...any) string { return c.T(loc, key, args...) }
	return template.FuncMap{
		"t": t,
		"msg": func(v any) string {
			m, ok := msgOf(v)
			if !ok {
				return ""
			}
			return t(m.Key, m.Args...)
		},
		// enum names a value of a closed set: kind, sector, status, event,
		// role, perm, user_status, outcome. The empty value is "none".
		"enum": func(set string, v any) string {
			s := fmt.Sprint(v)
			if s == "" {
				return t("common.none")
			}
			return t(set + "." + s)
		},
		"date": func(d civil.Date) string { return d.String() },
		"datetime": func(tm time.Time) string {
			if tm.IsZero() {
				return ""
			}
			return tm.In(shanghai).Format(time.DateTime)
		},
		"asset": a.url,
		"inc":   func(i int) int { return i + 1 },
		// The password policy, for the hint beside password fields.
		"passwordMin":     func() int { return auth.MinPasswordLength },
		"passwordClasses": func() int { return auth.MinPasswordClasses },
	}
}

// parseViews parses the layout and partials once, then each page on a copy
// of them, then one copy of each page per locale.
func parseViews(fsys fs.FS, c *i18n.Catalog, a *assets) (*views, error) {
	base, err := template.New("").Funcs(funcs(c, a, i18n.Default)).ParseFS(fsys, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	if err := checkPageFiles(fsys); err != nil {
		return nil, err
	}
	v := &views{byLocale: map[i18n.Locale]map[string]*template.Template{}}
	for _, loc := range i18n.Locales {
		v.byLocale[loc] = map[string]*template.Template{}
	}
	for _, name := range pageNames {
		b, err := base.Clone()
		if err != nil {
			return nil, err
		}
		p, err := b.ParseFS(fsys, "templates/pages/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: page %q: %w", name, err)
		}
		if p.Lookup("content") == nil {
			return nil, fmt.Errorf("web: page %q defines no \"content\"", name)
		}
		for _, loc := range i18n.Locales {
			cp, err := p.Clone()
			if err != nil {
				return nil, err
			}
			v.byLocale[loc][name] = cp.Funcs(funcs(c, a, loc))
		}
	}
	return v, nil
}

// checkPageFiles fails when a page file has no registered page.
func checkPageFiles(fsys fs.FS) error {
	files, err := fs.Glob(fsys, "templates/pages/*.html")
	if err != nil {
		return err
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if !slices.Contains(pageNames, name) {
			return fmt.Errorf("web: template %s belongs to no registered page", f)
		}
	}
	return nil
}

// viewer is a page view: a struct embedding Page.
type viewer interface{ base() *Page }

func (p *Page) base() *Page { return p }

// render executes page name with v into a buffer, then writes it with
// status, so that a failing template becomes a clean error page.
func (s *Server) render(w http.ResponseWriter, status int, name string, v viewer) error {
	var buf bytes.Buffer
	if err := s.views.execute(&buf, name, v); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

func (v *views) execute(buf *bytes.Buffer, name string, view viewer) error {
	loc := view.base().Locale
	set, ok := v.byLocale[loc]
	if !ok {
		set = v.byLocale[i18n.Default]
	}
	tmpl, ok := set[name]
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	if err := tmpl.ExecuteTemplate(buf, "layout", view); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	return nil
}
