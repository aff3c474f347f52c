package talent

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"zugong/internal/i18n"
)

// TestEveryKeyHasWords finds each message key this package and the credit
// code package use and checks the catalog has words for it.
func TestEveryKeyHasWords(t *testing.T) {
	c := i18n.MustLoad()
	key := regexp.MustCompile(`"((?:talent|field)\.[a-z_.]+)"`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			seen++
			if !c.Has(m[1]) {
				t.Errorf("%s: key %q has no words in the catalog", f, m[1])
			}
		}
	}
	if seen < 30 {
		t.Fatalf("found only %d keys: the pattern no longer matches the code", seen)
	}
}
