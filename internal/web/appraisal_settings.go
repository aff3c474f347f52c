package web

import (
	"net/http"
	"net/url"
	"strconv"

	"zugong/internal/access"
	"zugong/internal/appraisal"
)

// pageAppraisalSettings is the page of the recommendation lists'
// thresholds.
const pageAppraisalSettings = "appraisal_settings"

// appraisalLevels are the promotion levels the settings page offers, in
// order, with their catalog keys.
var appraisalLevels = []struct{ Key, Label string }{
	{appraisal.LevelSectionDeputy, "appraisal.level.section_deputy"},
	{appraisal.LevelSectionChief, "appraisal.level.section_chief"},
	{appraisal.LevelCountyDeputy, "appraisal.level.county_deputy"},
}

// AppraisalSettingsView shows, and for managers edits, the thresholds of
// the promotion and adjustment lists.
type AppraisalSettingsView struct {
	Page
	Form      Form
	Levels    []SettingsLevel
	CanManage bool
}

// SettingsLevel is one promotion level's row of the form.
type SettingsLevel struct {
	Key, Label string
}

func (s *Server) appraisalSettings(w http.ResponseWriter, r *http.Request) error {
	cfg, err := s.appraisal.RecommendConfig(r.Context())
	if err != nil {
		return err
	}
	return s.renderAppraisalSettings(w, r, http.StatusOK, settingsForm(cfg))
}

// settingsForm fills the form from cfg.
func settingsForm(cfg appraisal.RecommendConfig) Form {
	f := formOf(url.Values{})
	f.Values.Set("promote_percent", strconv.Itoa(cfg.PromotePercent))
	f.Values.Set("adjust_percent", strconv.Itoa(cfg.AdjustPercent))
	for _, l := range appraisalLevels {
		rule := cfg.Levels[l.Key]
		f.Values.Set("levels."+l.Key+".min_years_in_post", strconv.Itoa(rule.MinYearsInPost))
		f.Values.Set("levels."+l.Key+".age_below", strconv.Itoa(rule.AgeBelow))
	}
	return f
}

func (s *Server) renderAppraisalSettings(w http.ResponseWriter, r *http.Request, status int, f Form) error {
	v := &AppraisalSettingsView{Page: s.page(w, r, "page.appraisal_settings"), Form: f,
		CanManage: access.From(r.Context()).Has(access.AppraisalManage)}
	for _, l := range appraisalLevels {
		v.Levels = append(v.Levels, SettingsLevel{Key: l.Key, Label: l.Label})
	}
	return s.render(w, status, pageAppraisalSettings, v)
}

// appraisalSettingsSave saves the thresholds; a refused form keeps what
// was typed with each problem beside its field.
func (s *Server) appraisalSettingsSave(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	number := func(field string) int {
		n, err := strconv.Atoi(f.Get(field))
		if err != nil {
			f.Add(field, "appraisal.settings.whole_number")
		}
		return n
	}
	cfg := appraisal.RecommendConfig{PromotePercent: number("promote_percent"), AdjustPercent: number("adjust_percent"),
		Levels: map[string]appraisal.LevelRule{}}
	for _, l := range appraisalLevels {
		cfg.Levels[l.Key] = appraisal.LevelRule{MinYearsInPost: number("levels." + l.Key + ".min_years_in_post"),
			AgeBelow: number("levels." + l.Key + ".age_below")}
	}
	if f.OK() {
		err := s.appraisal.SetRecommendConfig(r.Context(), cfg)
		if err == nil {
			s.setFlash(w, "flash.appraisal.settings_saved")
			return redirect(w, r, "/appraisal/settings")
		}
		if !f.Absorb(err) {
			return err
		}
	}
	return s.renderAppraisalSettings(w, r, http.StatusUnprocessableEntity, f)
}
