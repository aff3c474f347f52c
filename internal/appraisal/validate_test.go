package appraisal

import (
	"testing"

	"zugong/internal/civil"
	"zugong/internal/person"
)

func TestSchemeValidate(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*Scheme)
		want string
	}{
		{"valid", nil, ""},
		{"no ID", func(s *Scheme) { s.ID = "" }, "id=field.required"},
		{"version zero", func(s *Scheme) { s.Version = 0 }, "version=appraisal.scheme.version"},
		{"no group", func(s *Scheme) { s.Group = "" }, "group=field.required"},
		{"no period end", func(s *Scheme) { s.Period.To = civil.Date{} }, "period.to=field.required"},
		{"period ends before it starts", func(s *Scheme) { s.Period.To = date("2024-12-31") },
			"period.to=appraisal.period.end_before_start"},
		{"no indicators", func(s *Scheme) { s.Indicators = nil }, "indicators=appraisal.scheme.no_indicators"},
		{"weights add up to 99", func(s *Scheme) { s.Indicators[0].Weight -= 1_00 }, "indicators=appraisal.scheme.weights_total"},
		{"negative weight", func(s *Scheme) { s.Indicators[0].Weight, s.Indicators[1].Weight = -10_00, 40_00 },
			"indicators.0.weight=appraisal.negative"},
		{"duplicate indicator code", func(s *Scheme) { s.Indicators[1].Code = "P1" },
			"indicators.1.code=appraisal.scheme.code_duplicate"},
		{"item reuses an indicator code", func(s *Scheme) { s.Bonuses[0].Code = "P1" },
			"bonuses.0.code=appraisal.scheme.code_duplicate"},
		{"no indicator name", func(s *Scheme) { s.Indicators[2].Name = "" }, "indicators.2.name=field.required"},
		{"unknown orientation", func(s *Scheme) { s.Indicators[0].Orientation = "likes" },
			"indicators.0.orientation=field.invalid_choice"},
		{"unknown direction", func(s *Scheme) { s.Indicators[0].Direction = "up" },
			"indicators.0.direction=field.invalid_choice"},
		{"unknown method", func(s *Scheme) { s.Indicators[0].Method = "votes" }, "indicators.0.method=field.invalid_choice"},
		{"unknown measure", func(s *Scheme) { s.Indicators[0].Measure = "online_time" },
			"indicators.0.measure=field.invalid_choice"},
		{"negative target", func(s *Scheme) { s.Indicators[3].Target = -1 }, "indicators.3.target=appraisal.negative"},
		{"linear target not beyond zero", func(s *Scheme) { s.Indicators[6].Target = 60 * One },
			"indicators.6.target=appraisal.indicator.target_not_better"},
		{"lower-is-better target above zero", func(s *Scheme) { s.Indicators[7].Target = 4 * One },
			"indicators.7.target=appraisal.indicator.target_not_better"},
		{"lower-is-better rank without zero", func(s *Scheme) {
			s.Indicators[4].Direction = LowerBetter
		}, "indicators.4.zero=appraisal.indicator.zero_required"},
		{"bands missing", func(s *Scheme) { s.Indicators[2].Bands = nil }, "indicators.2.bands=appraisal.indicator.bands_required"},
		{"bands out of order", func(s *Scheme) { s.Indicators[2].Bands[1].Limit = 1000 * One },
			"indicators.2.bands.1.limit=appraisal.indicator.bands_unordered"},
		{"band share falls as values rise", func(s *Scheme) { s.Indicators[2].Bands[2].Percent = 60 },
			"indicators.2.bands.2.percent=appraisal.indicator.bands_not_monotone"},
		{"band share over 100", func(s *Scheme) { s.Indicators[2].Bands[2].Percent = 101 },
			"indicators.2.bands.2.percent=appraisal.indicator.band_percent"},
		{"lower-is-better bands fall", func(s *Scheme) {
			s.Indicators[2].Direction = LowerBetter
			s.Indicators[2].Bands = []Band{{Limit: 0, Percent: 100}, {Limit: 1 * One, Percent: 50}}
		}, ""},
		{"lower-is-better bands rising", func(s *Scheme) { s.Indicators[2].Direction = LowerBetter },
			"indicators.2.bands.1.percent=appraisal.indicator.bands_not_monotone " +
				"indicators.2.bands.2.percent=appraisal.indicator.bands_not_monotone"},
		{"bonus per occurrence zero", func(s *Scheme) { s.Bonuses[0].Per = 0 }, "bonuses.0.per=appraisal.item.per_not_positive"},
		{"deduction cap below one occurrence", func(s *Scheme) { s.Deductions[0].Cap = 50 },
			"deductions.0.cap=appraisal.item.cap_below_per"},
		{"bonus cap over full marks", func(s *Scheme) { s.Bonuses[0].Cap = FullMarks + 1 },
			"bonuses.0.cap=appraisal.item.cap_too_large"},
		{"bonus of an activity kind", func(s *Scheme) { s.Bonuses[0].Kind = "study_time" },
			"bonuses.0.kind=appraisal.evidence.kind_unknown"},
		{"veto without a cap", func(s *Scheme) { s.Vetoes[0].Cap = "" }, "vetoes.0.cap=appraisal.veto.cap"},
		{"veto capping at excellent", func(s *Scheme) { s.Vetoes[0].Cap = person.GradeExcellent }, "vetoes.0.cap=appraisal.veto.cap"},
		{"veto capping at incompetent", func(s *Scheme) { s.Vetoes[0].Cap = person.GradeIncompetent }, ""},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s := testScheme()
			if tt.mod != nil {
				tt.mod(&s)
			}
			if got := fieldKeys(t, s.Validate()); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
