package web

import (
	"net/url"

	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// appraisalSampleViews fills every appraisal page so that each branch that
// shows words is taken.
func appraisalSampleViews(page func(string) Page) map[string]viewer {
	sc := appraisal.Scheme{ID: "s1", Version: 2, Name: "2025年度乡科级干部实绩考核", Group: appraisal.GroupTownshipLeaders,
		Period:     appraisal.Period{From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-12-31")},
		Indicators: []appraisal.Indicator{{Code: "P1", Name: "项目竣工", Weight: 60_00}, {Code: "D1", Name: "办结案件", Weight: 40_00}}}
	tabs := []GroupTab{{Name: "正职", URL: "/appraisal/s1?group=正职", Current: true}, {Name: "副职", URL: "/appraisal/s1?group=副职"}}
	pager := newPager(newListQuery("/appraisal/s1", url.Values{"group": {"正职"}}), 1, 50, 120, rankingSizes)
	reasons := []Message{{Key: "appraisal.grade.within_quota", Args: []any{"1", "2", "10"}}, {Key: "appraisal.grade.merit_citation", Args: []any{"2023", "2025"}}}
	signed := appraisal.Evidence{ID: "e1", PersonID: "p1", Kind: appraisal.KindDeal, Class: "county", Date: civil.MustParse("2025-03-01"),
		Amount: 500_00, InPlace: 300_00, Progress: 50_00, Completed: true, Score: 90_00, DocumentNo: "正考〔2025〕1号", Attachment: "scan.pdf",
		SignOff: appraisal.SignOff{Reviewer: "审核人", On: civil.MustParse("2025-03-03")}}
	unsigned := signed
	unsigned.ID, unsigned.SignOff = "e2", appraisal.SignOff{}
	members := invalidForm("group", "people")
	entry := invalidForm(evidenceFields...)
	whatIf := invalidForm("w.P1")
	return map[string]viewer{
		pageAppraisal: &AppraisalSchemesView{Page: page("page.appraisal"), Schemes: []appraisal.Scheme{sc}},
		pageAppraisalRanking: &AppraisalRankingView{Page: page("page.appraisal_ranking"), Scheme: sc, Groups: tabs, Group: "正职", Version: 2,
			Rows: []RankRow{{PersonID: "p1", Name: "王建国", Rank: 1, Total: "98.50", URL: "/appraisal/s1/people/p1"},
				{PersonID: "p2", Rank: 2, Total: "10.00", Vetoes: "V1", URL: "/appraisal/s1/people/p2"}},
			Pager: pager, CanManage: true, Members: members},
		pageAppraisalPerson: &AppraisalPersonView{Page: page("page.appraisal_person"), Scheme: sc, PersonID: "p1", Name: "王建国",
			Explained: true, Rank: 1, Total: "98.50",
			Lines: []ExplainLine{{Kind: appraisal.LineIndicator, Code: "P1", Name: "项目竣工", Value: "3.00", Points: "60.00", Proofs: []string{"正考〔2025〕1号", "x"}},
				{Kind: appraisal.LineBonus, Code: "B1", Name: "表彰", Value: "1.00", Points: "2.00"},
				{Kind: appraisal.LineDeduction, Code: "X1", Name: "问责", Value: "1.00", Points: "-1.00"}},
			Vetoes:   []ExplainVeto{{Code: "V1", Name: "处分", Cap: string(person.GradeBasic), Proofs: []string{"正纪〔2025〕2号"}}},
			Evidence: []EvidenceRow{{Evidence: signed, Signed: true, Counted: true}, {Evidence: unsigned}},
			Kinds:    appraisal.Kinds(), CanManage: true, Form: entry, Others: []fault.FieldError{{Key: "field.required"}},
			Today: civil.MustParse("2026-01-15")},
		pageAppraisalWhatIf: &AppraisalWhatIfView{Page: page("page.appraisal_whatif"), Scheme: sc, Groups: tabs, Group: "正职", Form: whatIf,
			Indicators: []WeightField{{Code: "P1", Name: "项目竣工", Current: "60.00", Field: "w.P1"}}, Ran: true, Total: 120,
			Moves: []MoveRow{{Movement: appraisal.Movement{PersonID: "p1", OldRank: 2, NewRank: 1, Delta: 1}, Name: "王建国", OldTotal: "1.00", NewTotal: "2.00"},
				{Movement: appraisal.Movement{PersonID: "p2", OldRank: 1, NewRank: 2, Delta: -1}, OldTotal: "2.00", NewTotal: "1.00"},
				{Movement: appraisal.Movement{PersonID: "p3", OldRank: 3, NewRank: 3}, Name: "刘芳"}},
			Others: []fault.FieldError{{Key: "appraisal.scheme.weights_total", Args: []any{"110.00", "100.00"}}}},
		pageAppraisalLists: &AppraisalListsView{Page: page("page.appraisal_lists"), Scheme: sc, Groups: tabs, Group: "正职", Approved: true,
			On:     civil.MustParse("2026-01-15"),
			Grades: []ListRow{{PersonID: "p1", Name: "王建国", Rank: 1, Grade: string(person.GradeExcellent), Merit: true, Reasons: reasons, URL: "/x"}},
			Lists: []RecList{{"appraisal.web.promote", "promote", []ListRow{{PersonID: "p1", Rank: 1, Reasons: reasons, URL: "/x"}}, ""},
				{"appraisal.web.held_back", "held-back", nil, ""},
				{"appraisal.web.adjust", "adjust", []ListRow{{PersonID: "p2", Rank: 9, Reasons: reasons, URL: "/y",
					ActionURL: "/stepdowns/new?person=p2"}}, "appraisal.web.record_stepdown"}}},
	}
}

// appraisalZeroViews are the appraisal pages with nothing but the Page.
func appraisalZeroViews() map[string]viewer {
	return map[string]viewer{pageAppraisal: &AppraisalSchemesView{}, pageAppraisalRanking: &AppraisalRankingView{},
		pageAppraisalPerson: &AppraisalPersonView{}, pageAppraisalWhatIf: &AppraisalWhatIfView{}, pageAppraisalLists: &AppraisalListsView{}}
}
