package civil

import "testing"

func TestParse(t *testing.T) {
	good := map[string]Date{
		"2026-11-27": {2026, 11, 27},
		"2024-02-29": {2024, 2, 29},
		"":           {},
	}
	for in, want := range good {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
		if got.String() != in {
			t.Errorf("Parse(%q).String() = %q", in, got.String())
		}
	}
	for _, in := range []string{"2025-02-29", "2026-13-01", "2026-00-10", "2026-1-5", "20261127", "2026-11-3x", "abcd-ef-gh"} {
		if d, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", in, d)
		}
	}
}

func TestArithmetic(t *testing.T) {
	d := MustParse("2024-12-31")
	if got := d.AddDays(1); got.String() != "2025-01-01" {
		t.Fatalf("AddDays(1) = %s", got)
	}
	if !d.Before(d.AddDays(1)) || d.After(d) {
		t.Fatal("Before/After disagree with AddDays")
	}
}
