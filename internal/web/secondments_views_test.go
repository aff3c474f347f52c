package web

import (
	"net/url"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/i18n"
	"zugong/internal/org"
	"zugong/internal/secondment"
)

// sampleSecondment is a part-time 驻村第一书记 ending ten days after
// 2026-11-27, extended once and assessed at mid-term and at its end.
func sampleSecondment() secondment.Listed {
	d := civil.MustParse
	return secondment.Listed{Secondment: secondment.Secondment{ID: "s1", PersonID: "p1", Kind: secondment.FirstSecretary,
		HomeOrgID: "o1", HomeUnit: "正阳县财政局", HostOrgID: "v1", HostUnit: "真阳镇王庄村", HostPost: "驻村第一书记",
		Start: d("2025-03-01"), End: d("2026-12-07"), DecisionDoc: "正组〔2025〕8号",
		Extensions: []secondment.Extension{{From: d("2026-08-31"), To: d("2026-12-07"), Reason: "项目收尾", Decided: d("2026-08-01")}},
		MidTerm:    &secondment.Assessment{On: d("2026-03-01"), Grade: secondment.Excellent, Comment: "群众认可"},
		EndOfTerm:  &secondment.Assessment{On: d("2026-12-01"), Grade: secondment.Competent}},
		PersonName: "王建国", HomeOrg: "正阳县财政局"}
}

// secondmentSampleViews returns a view of each secondment page with every
// branch that shows words taken.
func secondmentSampleViews(page func(string) Page) map[string]viewer {
	today := civil.MustParse("2026-11-27")
	l := sampleSecondment()
	returned := l
	returned.ID, returned.FullTime = "s2", true
	returned.Return = &secondment.Return{On: civil.MustParse("2026-06-30"), Reason: "提拔任职"}
	row := secondmentRow(l, today, 30)
	list := &SecondmentsView{Page: page("secondment.title"), Filter: invalidForm("kind", "status", "expiring", "under"),
		Rows:  []SecondmentRow{row, secondmentRow(returned, today, 30)},
		Pager: newPager(newListQuery("/secondments", url.Values{"kind": {"up"}}), 1, 20, 45, secondmentSizes),
		Kinds: kindChoices(), Statuses: statusChoices(), Under: &org.Org{ID: "o1", Name: "真阳镇"}, UnderClear: "/secondments",
		WarnDays: 30, ExpiringURL: "/secondments?expiring=30", ExportURL: "/secondments/export", CanManage: true}
	form := &SecondmentNewView{Page: page("secondment.new_title"), Form: invalidForm(secondmentFields...), PersonName: "王建国",
		Kinds: kindChoices(), Others: []fault.FieldError{{Key: "secondment.end_set_by_extensions"}}}
	detail := &SecondmentView{Page: page("secondment.detail_title"), S: row, MidTerm: assessmentText(l.MidTerm),
		EndOfTerm: assessmentText(l.EndOfTerm), CanManage: true, Open: true, WarnDays: 30,
		ExtendForm: invalidForm("to", "reason", "decided"), ReturnForm: invalidForm("on", "reason"),
		AssessForm: invalidForm("stage", "on", "grade", "comment"),
		Grades:     []Choice{{Value: "excellent", Key: secondmentGradeKeys[secondment.Excellent]}},
		Stages:     []Choice{{Value: stageMidTerm, Key: "secondment.mid_term"}}}
	return map[string]viewer{pageSecondments: list, pageSecondmentNew: form, pageSecondment: detail}
}

// secondmentZeroViews are the secondment pages with nothing but their Page.
func secondmentZeroViews() map[string]viewer {
	return map[string]viewer{pageSecondments: &SecondmentsView{}, pageSecondmentNew: &SecondmentNewView{}, pageSecondment: &SecondmentView{}}
}

// TestSecondmentSetsHaveWords fails when a kind, status or grade of package
// secondment has no catalog key (TestCatalogsComplete then checks that
// every locale has its words).
func TestSecondmentSetsHaveWords(t *testing.T) {
	c := i18n.MustLoad()
	var keys []string
	for _, k := range secondment.Kinds {
		keys = append(keys, secondmentKindKeys[k])
	}
	for _, st := range secondment.Statuses {
		keys = append(keys, secondmentStatusKeys[st])
	}
	for _, g := range secondment.Grades {
		keys = append(keys, secondmentGradeKeys[g])
	}
	for i, k := range keys {
		if k == "" || !c.Has(k) {
			t.Errorf("value %d of the closed sets has key %q, which the catalog lacks", i, k)
		}
	}
}

func TestSecondmentRowFlagsExpiry(t *testing.T) {
	l := sampleSecondment()
	cases := []struct {
		name     string
		today    string
		status   secondment.Status
		expiring bool
	}{
		{"ten days before the end", "2026-11-27", secondment.Active, true},
		{"forty days before the end", "2026-10-28", secondment.Active, false},
		{"after the end", "2026-12-08", secondment.Ended, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			row := secondmentRow(l, civil.MustParse(tc.today), 30)
			if row.Status != tc.status || row.Expiring != tc.expiring || row.StatusKey != secondmentStatusKeys[tc.status] {
				t.Errorf("got status %s (%s), expiring %v; want %s, %v", row.Status, row.StatusKey, row.Expiring, tc.status, tc.expiring)
			}
		})
	}
}
