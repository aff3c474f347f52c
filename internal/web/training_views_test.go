package web

import (
	"net/url"

	"zugong/internal/civil"
	"zugong/internal/person"
	"zugong/internal/training"
)

// trainingSampleViews returns a view of each training page with every
// branch that shows words taken.
func trainingSampleViews(page func(string) Page) map[string]viewer {
	day := civil.MustParse
	pr := training.Programme{ID: "p1", OrgID: "o1", Title: "乡镇干部能力提升培训班", Mode: training.Centralised, Kind: training.KindRotation,
		Themes: training.Themes, Organiser: "县委党校", Place: "县委党校", Start: day("2026-04-06"), End: day("2026-04-07"),
		Sessions:    []training.Session{{Date: day("2026-04-06"), Hours: 70, Topic: "开班式"}, {Date: day("2026-04-07"), Hours: 70}},
		OnlineHours: 100, Capacity: 30, CountsTowardQuota: true}
	standing := training.Compliance{Level: training.LevelCounty, FirstYear: 2022, LastYear: 2026, RequiredHours: 5500, RequiredDays: 90,
		Done: training.Bucket{Hours: 1200, Days: 5}, Shortfall: 4300, NetworkRequired: 500, NetworkShortfall: 200,
		Deadline: day("2027-06-15"), PromotionGrace: true, Status: training.Due}
	report := &training.ComplianceReport{Year: 2026, Matching: 1,
		Rows:    []training.ComplianceRow{{PersonID: "x1", Name: "王建国", OrgName: "真阳镇", Rank: "副处级", Compliance: standing}},
		Summary: training.Summary{Total: 3, Met: 1, Due: 1, Overdue: 1, Shortfall: 900},
		ByUnit:  []training.UnitSummary{{OrgID: "o1", Name: "真阳镇", Summary: training.Summary{Total: 3, Met: 1}}}}
	closeForm := invalidForm("online_done", "completed_on")
	trainees := []training.Trainee{
		{Enrolment: training.Enrolment{ID: "e1", PersonID: "x1", Status: training.Enrolled, Attendance: []training.Presence{training.Present, training.Leave}}, Name: "王建国", OrgName: "真阳镇", Rank: "副科级"},
		{Enrolment: training.Enrolment{ID: "e2", PersonID: "x2", Status: training.Invited, Attendance: []training.Presence{"", ""}}, Name: "李四"},
		{Enrolment: training.Enrolment{ID: "e3", PersonID: "x3", Status: training.Completed, Attendance: []training.Presence{training.Present, training.Absent}}, Name: "赵六", Credit: 150},
	}
	report2 := training.SelfReport{ID: "r1", PersonID: "x1", Kind: training.Network, Title: "网络专题班", Provider: "干部网络学院",
		Start: day("2026-03-01"), End: day("2026-03-02"), Hours: 100, Evidence: "证书", Status: training.UnitApproved,
		UnitReviewer: "单位", UnitReviewedOn: day("2026-03-05"), RejectReason: "x"}
	return map[string]viewer{
		pageTraining: &TrainingView{Page: page("page.training"), Year: 2026, Years: []int{2026, 2025}, Report: report,
			ByMode: []Bar{{Key: "training.mode.centralised", Hours: 100, Percent: 100}}, ByTheme: []Bar{{Key: "training.theme.market", Hours: 50, Percent: 50}},
			Total: 100, Remind: 2, Policy: training.DefaultPolicy(), PolicyForm: invalidForm("network_hours", "reminder_days"), CanSetPolicy: true,
			Secondments: &SecondmentFigures{Active: 30, Expiring: 6, WarnDays: 30}},
		pageTrainingCompliance: &ComplianceView{Page: page("page.training_compliance"), Filter: formOf(url.Values{"status": {"due"}, "under": {"o1"}}),
			Year: 2026, Years: []int{2026}, Report: report, Statuses: training.Statuses, Levels: training.Levels, Export: "/x",
			Pager: newPager(newListQuery("/x", nil), 1, 50, 1, complianceSizes)},
		pageProgrammes: &ProgrammesView{Page: page("page.training_programmes"), Filter: formOf(url.Values{"mode": {"centralised"}}), Years: []int{2026},
			Modes: training.Modes, Rows: []training.ListedProgramme{{Programme: pr, OrgName: "真阳镇", Enrolled: 3, Completed: 1}},
			Prev: "/x?page=1", Next: "/x?page=3", CanManage: true},
		pageProgrammeForm: &ProgrammeFormView{Page: page("page.training_programme_form"), ID: "p1", Form: invalidForm(programmeFields...),
			Orgs: []Choice{{Value: "o1", Text: "真阳镇"}}, Targets: []Choice{{Value: "o1", Text: "真阳镇"}, {Value: "v1", Text: "王庄村", Sub: true}}, Modes: training.Modes, Kinds: training.Kinds, Themes: training.Themes, Levels: training.Levels},
		pageProgramme: &ProgrammeView{Page: page("page.training_programme"), P: &pr, Roster: trainees, Taken: 2, Session: 1,
			Candidates: []person.Summary{{ID: "x4", Name: "钱七", OrgName: "真阳镇"}}, Search: formOf(url.Values{"q": {"钱"}}),
			Close: closeForm, CloseID: "e1", CanManage: true},
		pageTrainingReports: &ReportsView{Page: page("page.training_reports"), Filter: formOf(url.Values{"person": {"x1"}}),
			Statuses: training.ReportStatuses, Kinds: training.ReportKinds, Rows: []training.ListedReport{{SelfReport: report2, Name: "王建国", OrgName: "真阳镇"}},
			New: invalidForm(reportFields...), Review: invalidForm("reason"), CanSubmit: true, CanUnit: true, CanDept: true, Prev: "/x", Next: "/y"},
		pagePersonTraining: &PersonTrainingView{Page: page("page.person_training"), PersonID: "x1", Name: "王建国", Years: []int{2026},
			Record: &training.PersonRecord{Year: 2026, Compliance: standing,
				Enrolments: []training.PersonEnrolment{{Enrolment: trainees[2].Enrolment, Title: pr.Title, Mode: pr.Mode, Credit: 150}},
				Reports:    []training.SelfReport{report2}}},
	}
}

// trainingZeroViews are the training pages with nothing but their Page.
func trainingZeroViews() map[string]viewer {
	return map[string]viewer{
		pageTraining:           &TrainingView{Report: &training.ComplianceReport{}},
		pageTrainingCompliance: &ComplianceView{Report: &training.ComplianceReport{}},
		pageProgrammes:         &ProgrammesView{},
		pageProgrammeForm:      &ProgrammeFormView{},
		pageProgramme:          &ProgrammeView{P: &training.Programme{}},
		pageTrainingReports:    &ReportsView{},
		pagePersonTraining:     &PersonTrainingView{Record: &training.PersonRecord{}},
	}
}
