package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"zugong/internal/access"
	"zugong/internal/gate"
	"zugong/internal/i18n"
)

// Page is what every page shows around its content: who is signed in, in
// which language, the navigation they may use, the CSRF token of its forms
// and a one-time notice.
type Page struct {
	Principal *access.Principal
	Locale    i18n.Locale
	// Title is the catalog key of the page title; Subject, when set, is the
	// record the page is about (an organisation's or user's name).
	Title     string
	Subject   string
	CSRFField string
	CSRFToken string
	Flash     *Message
	Nav       []NavItem
	Locales   []LocaleLink
	// Ready reports a principal past any second factor it owes.
	Ready bool
}

// NavItem is one entry of the navigation.
type NavItem struct {
	Label  string
	URL    string
	Active bool
}

// LocaleLink switches the language of the current page.
type LocaleLink struct {
	Locale  i18n.Locale
	Label   string
	URL     string
	Current bool
}

// navTable lists the sections with the permission each needs; a principal
// sees only those it holds somewhere.
var navTable = []struct {
	label, url string
	perm       access.Permission
}{
	{"nav.home", "/", access.Authenticated},
	{"nav.orgs", "/orgs", access.OrgRead},
	{"nav.people", "/people", access.OrgRead},
	{"nav.secondments", "/secondments", access.SecondmentRead},
	{"nav.training", "/training", access.TrainingRead},
	{"nav.appraisal", "/appraisal", access.AppraisalRead},
	{"nav.selections", "/selections", access.SelectionRead},
	{"nav.talent", "/talent", access.TalentRead},
	{"nav.market", "/talent/projects", access.TalentRead},
	{"nav.my_talent", "/me/talent", access.TalentSelf},
	{"nav.my_market", "/me/market", access.TalentSelf},
	{"nav.users", "/users", access.UserRead},
	{"nav.audit", "/audit", access.AuditRead},
	{"nav.tokens", "/account/tokens", access.Authenticated},
}

var localeLabels = map[i18n.Locale]string{i18n.ZhHans: "locale.zh_hans", i18n.ZhHant: "locale.zh_hant", i18n.En: "locale.en"}

// Cookie names of this surface.
const (
	flashCookie = "zg_flash"
	// flashPrefix starts every key a flash cookie may name.
	flashPrefix = "flash."
)

// page builds the common part of a page for r. A ?lang= parameter also sets
// the locale cookie, so the choice sticks for the following pages.
func (s *Server) page(w http.ResponseWriter, r *http.Request, title string) Page {
	loc := gate.Locale(r)
	if lang := r.URL.Query().Get("lang"); lang != "" {
		if l, ok := i18n.Parse(lang); ok {
			http.SetCookie(w, &http.Cookie{Name: gate.LocaleCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure})
		}
	}
	p := access.From(r.Context())
	pg := Page{Principal: p, Locale: loc, Title: title, CSRFField: gate.CSRFField, CSRFToken: gate.CSRFToken(r),
		Ready: p.Ready(), Flash: s.takeFlash(w, r)}
	if pg.Ready {
		for _, n := range navTable {
			if p.Has(n.perm) {
				active := r.URL.Path == n.url || (n.url != "/" && strings.HasPrefix(r.URL.Path, n.url+"/"))
				pg.Nav = append(pg.Nav, NavItem{Label: n.label, URL: n.url, Active: active})
			}
		}
	}
	for _, l := range i18n.Locales {
		pg.Locales = append(pg.Locales, LocaleLink{Locale: l, Label: localeLabels[l], URL: langURL(r, l), Current: l == loc})
	}
	return pg
}

// langURL is the current page in locale l. A page rendered from a POST
// links to its GET address without the submitted form.
func langURL(r *http.Request, l i18n.Locale) string {
	q := url.Values{}
	if r.Method == http.MethodGet {
		q = r.URL.Query()
	}
	q.Set("lang", string(l))
	return r.URL.Path + "?" + q.Encode()
}

// setFlash leaves a one-time notice for the next page. Only catalog keys
// under flash. are accepted, so the cookie cannot put arbitrary text on a page.
func (s *Server) setFlash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", MaxAge: 60, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure})
}

func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) *Message {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure})
	if !strings.HasPrefix(c.Value, flashPrefix) || !s.catalog.Has(c.Value) {
		return nil
	}
	return &Message{Key: c.Value}
}

// redirect answers a form with 303 See Other, so reloading does not repost.
func redirect(w http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// safeNext returns next if it is a path on this site, else "/". It refuses
// absolute URLs, scheme-relative "//host" and backslash tricks that
// browsers read as another host.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.IsAbs() || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}
