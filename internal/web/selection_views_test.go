package web

import (
	"bytes"
	"net/url"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/i18n"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/selection"
)

// selectionStep is the form of one stage with a row for each candidate and
// a problem on every field, as a failed post re-renders it.
func selectionStep(stage selection.Stage) *NextStep {
	list := listOf(stage)
	n := &NextStep{Stage: string(stage), StageKey: stage.Key(), Organs: []org.Org{{ID: "c", Name: "中共正阳县委员会"}},
		Cadres: []person.Summary{{ID: "p1", Name: "张三", OrgName: "真阳镇"}},
		Rows: []Candidate{{N: 0, PersonID: "p1", Name: "张三", Findings: []DossierItem{{J: 0, Rule: "work_before_16",
			RuleKey: "quality.rule.work_before_16.name", Why: Message{Key: "quality.rule.work_before_16.why", Args: []any{9, 16}}}}},
			{N: 1, PersonID: "p2", Name: "李四"}}}
	if stage == selection.StageRecommendation {
		n.Blank = []int{0, 1}
	}
	fields := append(append([]string{}, recordFields...), stepFields[stage]...)
	for _, f := range rowFields[list] {
		name := list + ".0"
		if f != "" {
			name += "." + f
		}
		fields = append(fields, name)
	}
	n.Form = invalidForm(fields...)
	if list != "" {
		n.Form.Values.Set(list+".0.include", "1")
	}
	n.Others = n.Form.Others(shownFields(n)...)
	return n
}

// sampleSelection has every step's facts, the publicity's objections in
// each state, the notice, a probation warning and a refusal.
func sampleSelection(page Page, next *NextStep) *SelectionView {
	day := civil.MustParse
	open := invalidForm("finding", "resolved_on")
	return &SelectionView{Page: page, ID: "s1", Post: "真阳镇党委书记", OrgID: "o1", OrgName: "真阳镇", StageKey: selection.StagePublicity.Key(),
		Steps: []StepEntry{{StageKey: selection.StageMotion.Key(), Date: day("2025-03-03"), OrganName: "中共正阳县委员会", By: "county.staff",
			Reference: "正组〔2025〕1号", Facts: []Fact{{Key: "selection.field.work_plan", Text: "方案"}}}},
		Warnings:   []Message{{Key: "selection.warning.probation_ending", Args: []any{"张三", "2026-10-10"}}},
		Refusal:    &Message{Key: "selection.out_of_order", Args: []any{"动议", "讨论决定"}},
		Ended:      "selection.ended.complete",
		Next:       next,
		Candidates: []Candidate{{PersonID: "p1", Name: "张三"}},
		Objections: []ObjectionRow{
			{ID: "x1", Name: "张三", Text: "反映", Received: day("2025-09-29"), Form: &open},
			{ID: "x2", Name: "张三", Text: "反映", Received: day("2025-09-29"), Resolved: true, Upheld: true, Finding: "属实", ResolvedOn: day("2025-10-02")},
			{ID: "x3", Name: "张三", Text: "反映", Received: day("2025-09-29"), Resolved: true, Finding: "不属实", ResolvedOn: day("2025-10-02")}},
		ObjectionForm: func() *Form { f := invalidForm("person_id", "text", "received"); return &f }(),
		CanObject:     true, Notice: []string{"任前公示", "", "一、公示对象"}, NoticeIncomplete: true}
}

func selectionSampleViews(page func(string) Page) map[string]viewer {
	calForm := invalidForm("year", "file")
	return map[string]viewer{
		pageSelections: &SelectionsView{Page: page("selection.page.list"), CanManage: true,
			Stages: []StageTab{{Key: "selection.all_stages", Count: 2, URL: "/selections", Current: true}},
			Rows: []SelectionRow{{ID: "s1", Post: "真阳镇党委书记", OrgName: "真阳镇", StageKey: selection.StageAppointment.Key(),
				Last: civil.MustParse("2025-10-10"), Warning: "selection.probation_due"}}},
		pageSelectionNew: &SelectionNewView{Page: page("selection.page.new"), Form: invalidForm(motionFields...),
			Units: []org.Org{{ID: "o1", Name: "真阳镇"}}, Organs: []org.Org{{ID: "c", Name: "中共正阳县委员会"}}},
		pageSelection: sampleSelection(page("selection.page.detail"), selectionStep(selection.StageInspection)),
		pageSelectionNotice: &NoticeView{Page: page("selection.page.notice"), ID: "s1", Lines: []string{"任前公示", "一、公示对象"},
			Incomplete: true},
		pageCalendar: &CalendarView{Page: page("workday.page.title"), Year: 2025, CanManage: true, Form: calForm, Flags: []int{2027},
			Years: []YearRow{{Year: 2025, StatusKey: "workday.status.shipped", Current: true}, {Year: 2026, StatusKey: "workday.status.replaced"},
				{Year: 2027, StatusKey: "workday.status.missing", Missing: true}, {Year: 2028, StatusKey: "workday.status.uploaded"}},
			Days: []DayRow{{Date: civil.MustParse("2025-09-28"), WeekdayKey: "workday.weekday.0", KindKey: "workday.kind.workday", Name: "国庆节"},
				{Date: civil.MustParse("2025-10-01"), WeekdayKey: "workday.weekday.3", KindKey: "workday.kind.holiday", Name: "国庆节"}},
			Problems: []LineProblem{{Where: "3", Message: Message{Key: "workday.duplicate_date", Args: []any{"2"}}},
				{Message: Message{Key: "workday.schedule_empty"}}}},
	}
}

func selectionZeroViews() map[string]viewer {
	return map[string]viewer{
		pageSelections: &SelectionsView{}, pageSelectionNew: &SelectionNewView{}, pageSelection: &SelectionView{},
		pageSelectionNotice: &NoticeView{}, pageCalendar: &CalendarView{},
	}
}

// TestEveryStepFormRenders renders the selection page with the form of
// each stage, in every locale, with a problem on every field: each stage's
// branch of the template must render and show every problem beside its
// field or above the form.
func TestEveryStepFormRenders(t *testing.T) {
	s := newTestServer(t)
	for _, loc := range i18n.Locales {
		for _, stage := range selection.Stages[1:] {
			t.Run(string(loc)+"/"+string(stage), func(t *testing.T) {
				next := selectionStep(stage)
				v := sampleSelection(samplePage(loc, "selection.page.detail"), next)
				var buf bytes.Buffer
				if err := s.views.execute(&buf, pageSelection, v); err != nil {
					t.Fatal(err)
				}
				if m := missingKey.FindAllString(buf.String(), -1); len(m) > 0 {
					t.Errorf("missing catalog keys: %v", m)
				}
				doc := ParseHTML(t, buf.String())
				form := doc.One(t, "form.step-form")
				if got := form.Attr("data-stage"); got != string(stage) {
					t.Errorf("form stage: got %q, want %q", got, stage)
				}
				if len(next.Others) != 0 {
					t.Errorf("problems not beside a field: %v", next.Others)
				}
				shown := len(form.Find(".field-error"))
				if want := len(next.Form.Errors); shown != want {
					t.Errorf("problems shown in the form: got %d, want %d", shown, want)
				}
			})
		}
	}
}

// TestStepFormReadsRows checks that the rows a user leaves out are not
// sent, and that the domain's list indexes come back as the form's rows.
func TestStepFormReadsRows(t *testing.T) {
	f := formOf(url.Values{
		"stage": {"decision"}, "date": {"2025-09-25"}, "organ": {"c"}, "reference": {"r"}, "due": {"9"}, "present": {"x"},
		"ballots.0.person_id": {"p1"}, "ballots.0.agree": {"6"},
		"ballots.1.person_id": {"p2"}, "ballots.1.include": {"1"}, "ballots.1.agree": {"3"}, "ballots.1.defer": {"5"},
	})
	step, rw := stepOf(selection.StageDecision, &f)
	d, ok := step.(selection.Decision)
	if !ok {
		t.Fatalf("step: got %T, want a decision", step)
	}
	if len(d.Ballots) != 1 || d.Ballots[0].PersonID != "p2" || d.Ballots[0].Defer != 5 {
		t.Fatalf("ballots: got %+v, want only p2's", d.Ballots)
	}
	if got := f.Err("present"); got == nil || got.Key != "selection.not_a_number" {
		t.Errorf("present: got %v, want selection.not_a_number", got)
	}
	if got := rw.formField("ballots.0.votes"); got != "ballots.1.votes" {
		t.Errorf("domain field ballots.0.votes: got %q, want the form's ballots.1.votes", got)
	}
	if got := rw.formField("due"); got != "due" {
		t.Errorf("field outside a list: got %q, want due", got)
	}
	if _, _ = stepOf("elect", &f); f.Err("stage") == nil {
		t.Error("an unknown stage was read without a problem")
	}
}
