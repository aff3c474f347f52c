package fault

import "testing"

func TestRowFieldRoundTrip(t *testing.T) {
	name := RowField(3, "id_number")
	if name != "rows.3.id_number" {
		t.Fatalf("RowField(3, id_number) = %q", name)
	}
	if row, field, ok := SplitRowField(name); !ok || row != 3 || field != "id_number" {
		t.Errorf("SplitRowField(%q) = %d, %q, %v", name, row, field, ok)
	}
	for _, bad := range []string{"id_number", "rows.x.name", "rows.-1.name", "rows.2", "rows.2.", "cols.1.name"} {
		if _, _, ok := SplitRowField(bad); ok {
			t.Errorf("SplitRowField(%q) accepted a name of another form", bad)
		}
	}
}
