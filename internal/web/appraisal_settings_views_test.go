package web

import "zugong/internal/appraisal"

// appraisalSettingsSampleViews shows the settings to a manager with a
// problem beside a field, and to a reader.
func appraisalSettingsSampleViews(page func(string) Page) map[string]viewer {
	f := settingsForm(appraisal.DefaultRecommendConfig())
	f.Add("adjust_percent", "appraisal.config.percent")
	f.Add("levels."+appraisal.LevelSectionChief+".age_below", "appraisal.settings.whole_number")
	v := &AppraisalSettingsView{Page: page("page.appraisal_settings"), Form: f, CanManage: true}
	for _, l := range appraisalLevels {
		v.Levels = append(v.Levels, SettingsLevel{Key: l.Key, Label: l.Label})
	}
	return map[string]viewer{pageAppraisalSettings: v}
}

// appraisalSettingsZeroViews is the settings page with nothing but the Page.
func appraisalSettingsZeroViews() map[string]viewer {
	return map[string]viewer{pageAppraisalSettings: &AppraisalSettingsView{}}
}
