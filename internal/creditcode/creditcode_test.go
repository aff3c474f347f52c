package creditcode

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		err  error
	}{
		// Codes published on business licences, and two built for the test
		// whose check characters were computed by hand.
		{"valid enterprise in Shenzhen", "914403001922038216", nil},
		{"valid enterprise with X as its organisation check", "9144030071526726XG", nil},
		{"valid enterprise in Hangzhou", "91330100799655058B", nil},
		{"valid enterprise registered at national level", "91100000100003962T", nil},
		{"valid enterprise with a letter in its organisation code", "91350100M000100Y43", nil},
		{"valid enterprise in Beijing", "91110000100000243J", nil},
		{"wrong check character", "911100001000002432", ErrCheck},
		{"wrong check character, one digit off", "914403001922038217", ErrCheck},
		{"wrong organisation check character", "914403001922038226", ErrOrgCheck},
		{"too short", "91440300192203821", ErrLength},
		{"too long", "9144030019220382166", ErrLength},
		{"empty", "", ErrLength},
		{"forbidden letter I", "91440300I92203821X", ErrChars},
		{"forbidden letter O", "9144030O1922038216", ErrChars},
		{"forbidden letter Z", "91440300Z922038216", ErrChars},
		{"forbidden letter S", "91440300S922038216", ErrChars},
		{"forbidden letter V", "91440300V922038216", ErrChars},
		{"lower case", "9144030071526726xg", ErrChars},
		{"full-width digit", "９14403001922038216", ErrLength},
		{"unknown registration authority", "B14403001922038216", ErrAuthority},
		{"category market regulation does not have", "94440300192203821X", ErrCategory},
		{"division not digits", "91A40300192203821X", ErrDivision},
		{"division outside every province", "919903001922038216", ErrDivision},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.in)
			if !errors.Is(err, tc.err) {
				t.Fatalf("Parse(%q) error = %v, want %v", tc.in, err, tc.err)
			}
			if err == nil && got.String() != tc.in {
				t.Errorf("Parse(%q).String() = %q, want the input back", tc.in, got.String())
			}
		})
	}
}

func TestParseParts(t *testing.T) {
	got, err := Parse("9144030071526726XG")
	if err != nil {
		t.Fatal(err)
	}
	want := Code{Authority: AuthorityMarket, Category: CategoryEnterprise, Division: "440300", OrgCode: "71526726X", Check: 'G'}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestCheckChar(t *testing.T) {
	tests := []struct {
		name  string
		first string
		want  byte
	}{
		{"ordinary", "91110000100000243", 'J'},
		{"sum divisible by 31 gives 0", zeroCheckPrefix(t), '0'},
		{"too short", "9111000010000024", 0},
		{"character outside the alphabet", "9111000010000024I", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := CheckChar(tc.first); got != tc.want {
				t.Errorf("CheckChar(%q) = %q, want %q", tc.first, got, tc.want)
			}
		})
	}
}

// zeroCheckPrefix finds 17 characters whose weighted sum is divisible by 31,
// the case where the standard's "31 minus the remainder" wraps to 0.
func zeroCheckPrefix(t *testing.T) string {
	t.Helper()
	for c := range len(Alphabet) {
		s := "9144030019220382" + Alphabet[c:c+1]
		sum := 0
		for i := range Length - 1 {
			sum += value(s[i]) * weights[i]
		}
		if sum%31 == 0 {
			return s
		}
	}
	t.Fatal("no last character makes the sum divisible by 31")
	return ""
}

func TestOrgCheckChar(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want byte
	}{
		{"digit", "19220382", '1'},
		{"ten is written X", "71526726", 'X'},
		{"eleven is written 0", "00000000", '0'},
		{"letters count from 10", "M000100Y", '4'},
		{"too short", "1922038", 0},
		{"lower case", "m000100y", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := OrgCheckChar(tc.in); got != tc.want {
				t.Errorf("OrgCheckChar(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	if got, want := Normalize(" 9144030071526726xg\t"), "9144030071526726XG"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzParse checks that Parse never panics and that what it accepts is
// consistent with both check characters and round-trips through String.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"914403001922038216", "9144030071526726XG", "", "9", "91440300I92203821X", "９14403001922038216"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			return
		}
		if CheckChar(s) != s[17] || OrgCheckChar(s[8:]) != s[16] {
			t.Fatalf("accepted %q with a wrong check character", s)
		}
		if c.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, c.String())
		}
	})
}
