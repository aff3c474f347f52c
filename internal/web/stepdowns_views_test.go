package web

import (
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/selection"
)

// stepdownSampleViews returns a view of each 能下 page with every branch
// that shows words taken: a listing with a case of each kind of detail,
// and a failed form for a leader with posts to choose from.
func stepdownSampleViews(page func(string) Page) map[string]viewer {
	d := civil.MustParse
	retired := selection.StepdownListed{Stepdown: selection.Stepdown{ID: "s1", PersonID: "p1", Post: "镇人大主席",
		Reason: selection.RetirementAge, Route: selection.Removed, ReasonDate: d("2026-10-01"),
		Record: selection.Record{Date: d("2026-10-20"), Organ: "c", By: "county.staff", Reference: "正组〔2026〕9号"}},
		PersonName: "王国强", OrgName: "真阳镇"}
	heldToAccount := selection.StepdownListed{Stepdown: selection.Stepdown{ID: "s2", PersonID: "p2", Post: "镇长",
		Reason: selection.Accountability, Route: selection.Demoted, NewPost: "副镇长", Basis: "防汛工作失职。",
		AccountabilityRef: "正纪〔2026〕3号",
		Record:            selection.Record{Date: d("2026-08-03"), Organ: "c", By: "county.staff", Reference: "正组〔2026〕7号"}},
		PersonName: "李明", OrgName: "汝南埠镇"}
	list := &StepdownsView{Page: page("stepdown.page.list"), Filter: invalidForm("under"), CanManage: true,
		Under: &org.Org{ID: "o1", Name: "真阳镇"}, UnderClear: "/stepdowns",
		Rows: []StepdownRow{
			{StepdownListed: retired, ReasonKey: reasonKey(retired.Reason), RouteKey: routeKey(retired.Route), OrganName: "中共正阳县委员会"},
			{StepdownListed: heldToAccount, ReasonKey: reasonKey(heldToAccount.Reason), RouteKey: routeKey(heldToAccount.Route)}}}
	form := &StepdownNewView{Page: page("stepdown.page.new"), Form: invalidForm(stepdownFields...), PersonName: "王国强",
		Posts: []string{"镇人大主席", "镇党委委员"}, Organs: []org.Org{{ID: "c", Name: "中共正阳县委员会"}},
		Others: []fault.FieldError{{Key: "stepdown.not_current", Args: []any{"镇长"}}}}
	for _, rs := range reasonOrder {
		form.Reasons = append(form.Reasons, Choice{Value: string(rs), Key: reasonKey(rs)})
		form.Allowed = append(form.Allowed, ReasonRoutes{Key: reasonKey(rs), Allowed: []bool{true, false, true, false}})
	}
	for _, rt := range routeOrder {
		form.Routes = append(form.Routes, Choice{Value: string(rt), Key: routeKey(rt)})
	}
	return map[string]viewer{pageStepdowns: list, pageStepdownNew: form}
}

func stepdownZeroViews() map[string]viewer {
	return map[string]viewer{pageStepdowns: &StepdownsView{}, pageStepdownNew: &StepdownNewView{}}
}
