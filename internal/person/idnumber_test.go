package person

import (
	"errors"
	"testing"
)

func TestParseIDNumber(t *testing.T) {
	tests := []struct {
		in     string
		err    error
		birth  string
		gender string
	}{
		{"11010519491231002X", nil, "1949-12-31", "2"},
		{"11010519491231002x", nil, "1949-12-31", "2"},
		{"440524188001010014", nil, "1880-01-01", ""},
		{"411724199001011236", nil, "1990-01-01", "1"},
		{"411724199001011244", nil, "1990-01-01", "2"},
		{"411724199001011235", ErrIDCheck, "", ""},
		{"41172419900101123", ErrIDLength, "", ""},
		{"4117241990010112a2", ErrIDChars, "", ""},
		{"411724199002301236", ErrIDBirth, "", ""},
		{"", ErrIDLength, "", ""},
	}
	for _, tc := range tests {
		got, err := ParseIDNumber(tc.in)
		if tc.in == "440524188001010014" {
			// A birth year before 1900 is refused: no living person has it.
			if !errors.Is(err, ErrIDBirth) {
				t.Errorf("ParseIDNumber(%q) = %v, want ErrIDBirth", tc.in, err)
			}
			continue
		}
		if !errors.Is(err, tc.err) {
			t.Errorf("ParseIDNumber(%q) error = %v, want %v", tc.in, err, tc.err)
			continue
		}
		if err == nil && (got.BirthDate.String() != tc.birth || got.Gender != tc.gender || got.Place != tc.in[:6]) {
			t.Errorf("ParseIDNumber(%q) = %+v, want birth %s gender %s", tc.in, got, tc.birth, tc.gender)
		}
	}
}

// FuzzParseIDNumber checks that the validator never panics and that what it
// accepts is consistent with its own check character.
func FuzzParseIDNumber(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "411724199001011236", "", "x", "41172419900230123X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseIDNumber(s)
		if err != nil {
			return
		}
		if IDCheckChar(s) != NormalizeIDNumber(s)[17] {
			t.Fatalf("accepted %q with a wrong check character", s)
		}
		if id.Gender != "1" && id.Gender != "2" {
			t.Fatalf("accepted %q with gender %q", s, id.Gender)
		}
	})
}
