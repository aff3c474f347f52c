package appraisal

import (
	"testing"

	"zugong/internal/civil"
)

func TestTargetLevelOf(t *testing.T) {
	for rank, want := range map[string]string{"副科级": LevelSectionChief, "正科级": LevelCountyDeputy,
		"一级科员": LevelSectionDeputy, "": LevelSectionDeputy} {
		if got := TargetLevelOf(rank); got != want {
			t.Errorf("TargetLevelOf(%q) = %s, want %s", rank, got, want)
		}
	}
}

func TestProbationCovers(t *testing.T) {
	d := civil.MustParse
	var none civil.Date
	for _, c := range []struct {
		name      string
		appointed civil.Date
		months    int
		confirmed civil.Date
		year      int
		want      bool
	}{
		{"appointed during the year", d("2025-06-01"), 12, none, 2025, true},
		{"runs into the year from the year before", d("2024-03-01"), 12, none, 2025, true},
		{"ended the day the year began", d("2024-01-01"), 12, none, 2025, false},
		{"ended before the year", d("2023-06-01"), 12, none, 2025, false},
		{"appointed after the year", d("2026-01-05"), 12, none, 2025, false},
		{"confirmed before the year began", d("2024-03-01"), 12, d("2024-12-20"), 2025, false},
		{"confirmed during the year", d("2024-03-01"), 12, d("2025-03-01"), 2025, true},
		{"no probation", d("2025-06-01"), 0, none, 2025, false},
		{"no decision date", none, 12, none, 2025, false},
	} {
		if got := ProbationCovers(c.appointed, c.months, c.confirmed, c.year); got != c.want {
			t.Errorf("%s: ProbationCovers = %v, want %v", c.name, got, c.want)
		}
	}
}
