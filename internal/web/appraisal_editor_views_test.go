package web

import (
	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/fault"
)

// schemeEditorSampleViews fills the scheme editor so that each branch that
// shows words is taken: a revision with every kind of cell, problems on
// cells, on a list and on fields the form does not show.
func schemeEditorSampleViews(page func(string) Page) map[string]viewer {
	sc := &appraisal.Scheme{ID: "s1", Version: 2, Name: "2025年度乡科级干部实绩考核", Group: appraisal.GroupTownshipLeaders, Scale: true,
		Period: appraisal.Period{From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-12-31")},
		Indicators: []appraisal.Indicator{{Code: "P1", Name: "项目竣工", Orientation: appraisal.OrientProjects, Weight: 60_00,
			Direction: appraisal.HigherBetter, Method: appraisal.Banded, Bands: []appraisal.Band{{Limit: 100, Percent: 50}, {Limit: 250, Percent: 100}},
			Measure: appraisal.MeasureProjectsCompleted}},
		Bonuses:    []appraisal.Item{{Code: "B1", Name: "表彰", Kind: appraisal.KindAward, Per: 1_00, Cap: 3_00}},
		Deductions: []appraisal.Item{{Code: "X1", Name: "问责", Kind: appraisal.KindAccountability, Per: 2_00, Cap: 6_00}},
		Vetoes:     []appraisal.Veto{{Code: "V1", Name: "处分", Kind: appraisal.KindSanction, Cap: "basic"}}}
	f := schemeForm(sc)
	f.Values.Set("org", "o1")
	for _, name := range []string{"name", "group", "org", "period.from", "period.to", "scale", listIndicators,
		schemeRowField(listIndicators, 0, "weight"), schemeRowField(listIndicators, 0, "orientation"), schemeRowField(listVetoes, 0, "cap")} {
		f.Add(name, "field.required")
	}
	f.Error = &Message{Key: "appraisal.editor.stale", Args: []any{3}}
	edit := &SchemeEditorView{Page: page("page.appraisal_editor_edit"), ID: sc.ID, Version: sc.Version, Form: f,
		Orgs:   []Choice{{Value: "o1", Text: "正阳县"}, {Value: "o2", Text: "真阳镇", Sub: true}},
		Groups: choicesOf(groupOrder, groupKeys, false), Others: []fault.FieldError{{Key: "field.required"}}}
	edit.Subject = sc.Name
	edit.Lists, _ = schemeTables(f)
	return map[string]viewer{pageAppraisalEditor: edit}
}

// schemeEditorZeroViews is the scheme editor with nothing but the Page.
func schemeEditorZeroViews() map[string]viewer {
	return map[string]viewer{pageAppraisalEditor: &SchemeEditorView{}}
}
