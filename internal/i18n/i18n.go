// Package i18n holds zugong's message catalogs. Every user-visible string
// comes from a catalog: one folder per locale under locales/, one JSON file
// per area (common, org, auth, …), each a flat object of key → text. Texts use
// fmt verbs for their arguments. zh-Hans is the default and the reference:
// every locale must hold exactly its keys (TestCatalogsComplete).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Locale is a BCP 47 tag of a supported language.
type Locale string

// The supported locales; the first is the default.
const (
	ZhHans Locale = "zh-Hans"
	ZhHant Locale = "zh-Hant"
	En     Locale = "en"
)

// Locales lists the supported locales, default first.
var Locales = []Locale{ZhHans, ZhHant, En}

// Default is the locale used when nothing else is known.
const Default = ZhHans

//go:embed locales
var files embed.FS

// Catalog is the set of messages of every locale.
type Catalog struct {
	messages map[Locale]map[string]string
}

// Load reads the embedded catalogs. It fails on malformed files and on a key
// defined twice in one locale.
func Load() (*Catalog, error) { return load(files) }

// MustLoad is Load for program start-up; it panics on error.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

func load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{messages: map[Locale]map[string]string{}}
	for _, loc := range Locales {
		m := map[string]string{}
		names, err := fs.Glob(fsys, path.Join("locales", string(loc), "*.json"))
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, err
			}
			var part map[string]string
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("catalog %s: %w", name, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("catalog %s: key %q defined twice", name, k)
				}
				m[k] = v
			}
		}
		c.messages[loc] = m
	}
	return c, nil
}

// T returns the message for key in loc, formatted with args. A missing key
// shows as the key itself in brackets, so it is visible but not fatal.
func (c *Catalog) T(loc Locale, key string, args ...any) string {
	msg, ok := c.messages[loc][key]
	if !ok {
		msg, ok = c.messages[Default][key]
	}
	if !ok {
		return "[" + key + "]"
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Has reports whether key exists in the default locale.
func (c *Catalog) Has(key string) bool {
	_, ok := c.messages[Default][key]
	return ok
}

// Keys returns the keys of loc, sorted.
func (c *Catalog) Keys(loc Locale) []string {
	keys := make([]string, 0, len(c.messages[loc]))
	for k := range c.messages[loc] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Parse returns the supported locale matching tag, or false.
func Parse(tag string) (Locale, bool) {
	t := strings.ToLower(strings.TrimSpace(tag))
	switch {
	case t == "":
		return "", false
	case t == "zh-hant" || strings.HasPrefix(t, "zh-hant") || t == "zh-tw" || t == "zh-hk" || t == "zh-mo":
		return ZhHant, true
	case strings.HasPrefix(t, "zh"):
		return ZhHans, true
	case strings.HasPrefix(t, "en"):
		return En, true
	}
	return "", false
}

// Negotiate picks a locale from an Accept-Language header, or Default.
func Negotiate(acceptLanguage string) Locale {
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, _, _ := strings.Cut(part, ";")
		if loc, ok := Parse(tag); ok {
			return loc
		}
	}
	return Default
}
