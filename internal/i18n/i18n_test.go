package i18n

import (
	"strings"
	"testing"
)

// TestCatalogsComplete fails when a key is missing in, or extra to, any locale.
func TestCatalogsComplete(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ref := c.Keys(Default)
	if len(ref) == 0 {
		t.Fatal("the default catalog is empty")
	}
	for _, loc := range Locales[1:] {
		have := map[string]bool{}
		for _, k := range c.Keys(loc) {
			have[k] = true
		}
		for _, k := range ref {
			if !have[k] {
				t.Errorf("%s lacks key %q", loc, k)
			}
			delete(have, k)
		}
		for k := range have {
			t.Errorf("%s has key %q that %s lacks", loc, k, Default)
		}
	}
	for _, loc := range Locales {
		for _, k := range c.Keys(loc) {
			if strings.TrimSpace(c.messages[loc][k]) == "" {
				t.Errorf("%s: key %q is empty", loc, k)
			}
		}
	}
}

func TestNegotiate(t *testing.T) {
	tests := map[string]Locale{
		"":                ZhHans,
		"zh-CN,zh;q=0.9":  ZhHans,
		"zh-TW,zh;q=0.9":  ZhHant,
		"zh-Hant-HK":      ZhHant,
		"en-US,en;q=0.8":  En,
		"fr-FR, en;q=0.5": En,
		"de-DE":           ZhHans,
	}
	for header, want := range tests {
		if got := Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", header, got, want)
		}
	}
}
