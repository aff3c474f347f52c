package workday

import (
	"strings"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

func TestPublishedSchedulesParse(t *testing.T) {
	got, err := Published()
	if err != nil {
		t.Fatalf("Published: %v", err)
	}
	var years []int
	for _, s := range got {
		years = append(years, s.Year)
	}
	if len(years) != 3 || years[0] != 2024 || years[2] != 2026 {
		t.Errorf("years: got %v, want [2024 2025 2026]", years)
	}
}

func TestParseSchedule(t *testing.T) {
	const head = "# 国务院办公厅关于2027年部分节假日安排的通知\ndate,kind,name\n"
	tests := []struct {
		name string
		csv  string
		// want maps a field to its key; nil means the schedule is valid.
		want map[string]string
	}{
		{"a valid file with a BOM reads", "\ufeffdate,kind,name\n2027-01-01,holiday,元旦\n", nil},
		{"a valid file with a note reads", head + "2027-01-01,holiday,元旦\n2027-02-06,workday,春节\n", nil},
		{"an empty file has no header", "", map[string]string{"line 1": "workday.bad_header"}},
		{"a wrong header is refused", "day,kind,name\n2027-01-01,holiday,元旦\n",
			map[string]string{"line 1": "workday.bad_header"}},
		{"a header alone is an empty schedule", head, map[string]string{"days": "workday.schedule_empty"}},
		{"a bad date names its line", head + "2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n",
			map[string]string{"line 4": "field.date"}},
		{"a short row names its line", head + "2027-01-01,holiday\n",
			map[string]string{"line 3": "workday.bad_row", "days": "workday.schedule_empty"}},
		{"a date of another year is refused", head + "2026-12-31,holiday,元旦\n",
			map[string]string{"line 3": "workday.date_outside_year"}},
		{"a duplicate date names the second line", head + "2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n",
			map[string]string{"line 4": "workday.duplicate_date"}},
		{"an unknown kind is refused", head + "2027-01-01,off,元旦\n",
			map[string]string{"line 3": "field.invalid_choice"}},
		{"a workday on a weekday is refused", head + "2027-01-01,holiday,元旦\n2027-02-05,workday,春节\n",
			map[string]string{"line 4": "workday.workday_on_weekday"}},
		{"a holiday without a name is refused", head + "2027-01-01,holiday,\n",
			map[string]string{"line 3": "field.required"}},
		{"broken quoting names its line", head + "2027-01-01,holiday,元旦\n2027-01-02,\"holiday,元旦\n",
			map[string]string{"line 4": "workday.bad_csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSchedule(2027, strings.NewReader(tt.csv))
			checkFields(t, err, tt.want)
		})
	}
}

func TestValidateNeedsAYear(t *testing.T) {
	s := schedule2027()
	s.Year = 0
	checkFields(t, s.Validate(), map[string]string{"year": "field.required", "row 1": "workday.date_outside_year"})
}

func TestValidateNamesRowsBuiltInCode(t *testing.T) {
	s := Schedule{Year: 2027, Days: []Day{
		{Date: civil.MustParse("2027-01-01"), Kind: Holiday, Name: "元旦"},
		{Kind: Holiday, Name: "春节"},
	}}
	checkFields(t, s.Validate(), map[string]string{"row 2": "field.required"})
}

// checkFields fails unless err is a fault.Fields error holding exactly want,
// or nil when want is nil.
func checkFields(t *testing.T, err error, want map[string]string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("got %v, want no error", err)
		}
		return
	}
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		t.Fatalf("got %v, want invalid fields %v", err, want)
	}
	if len(e.Fields) != len(want) {
		t.Errorf("fields: got %s, want %v", e.Fields, want)
	}
	for field, key := range want {
		if got := e.Fields[field].Key; got != key {
			t.Errorf("field %q: got %q, want %q (all: %s)", field, got, key, e.Fields)
		}
	}
}
