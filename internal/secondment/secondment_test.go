package secondment

import (
	"context"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

func d(s string) civil.Date { return civil.MustParse(s) }

func down() Secondment {
	return Secondment{ID: "s1", PersonID: "p1", Kind: FirstSecretary, HomeOrgID: "o1", HomeUnit: "正阳县财政局",
		HostUnit: "真阳镇王庄村", HostPost: "驻村第一书记", Start: d("2025-03-01"), End: d("2027-02-28"), FullTime: true}
}

func fieldKey(t *testing.T, err error, field string) string {
	t.Helper()
	fe, ok := fault.As(err)
	if !ok || fe.Fields == nil {
		t.Fatalf("got %v, want field errors", err)
	}
	return fe.Fields[field].Key
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(s *Secondment)
		field  string
		key    string
	}{
		{"end before start", func(s *Secondment) { s.End = d("2025-01-01") }, "end", "secondment.end_not_after_start"},
		{"end on the start day", func(s *Secondment) { s.End = s.Start }, "end", "secondment.end_not_after_start"},
		{"longer than three years", func(s *Secondment) { s.End = d("2028-03-02") }, "end", "secondment.too_long"},
		{"no host post", func(s *Secondment) { s.HostPost = "" }, "host_post", "field.required"},
		{"unknown kind", func(s *Secondment) { s.Kind = "sideways" }, "kind", "field.invalid_choice"},
	}
	s := down()
	if err := s.Validate(); err != nil {
		t.Fatalf("valid secondment refused: %v", err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := down()
			tc.change(&s)
			if got := fieldKey(t, s.Validate(), tc.field); got != tc.key {
				t.Errorf("got %q, want %q", got, tc.key)
			}
		})
	}
}

func TestOverlap(t *testing.T) {
	existing := []Secondment{down()}
	cases := []struct {
		name    string
		s       Secondment
		overlap bool
	}{
		{"starting inside another full-time secondment", Secondment{ID: "s2", PersonID: "p1", FullTime: true, Start: d("2026-01-01"), End: d("2026-12-31")}, true},
		{"starting on its last day", Secondment{ID: "s2", PersonID: "p1", FullTime: true, Start: d("2027-02-28"), End: d("2028-02-28")}, true},
		{"starting the day after it ends", Secondment{ID: "s2", PersonID: "p1", FullTime: true, Start: d("2027-03-01"), End: d("2028-02-28")}, false},
		{"part-time beside it", Secondment{ID: "s2", PersonID: "p1", FullTime: false, Start: d("2026-01-01"), End: d("2026-12-31")}, false},
		{"another person", Secondment{ID: "s2", PersonID: "p2", FullTime: true, Start: d("2026-01-01"), End: d("2026-12-31")}, false},
		{"itself, when edited", func() Secondment { s := down(); s.End = d("2027-06-30"); return s }(), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.CheckOverlap(existing)
			if tc.overlap {
				if got := fieldKey(t, err, "start"); got != "secondment.overlap" {
					t.Errorf("got %q, want secondment.overlap", got)
				}
			} else if err != nil {
				t.Errorf("got %v, want no overlap", err)
			}
		})
	}
	t.Run("an early return frees the rest of the term", func(t *testing.T) {
		returned := down()
		if err := returned.ReturnEarly(d("2025-12-31"), "工作需要，提前召回"); err != nil {
			t.Fatal(err)
		}
		next := Secondment{ID: "s2", PersonID: "p1", FullTime: true, Start: d("2026-01-01"), End: d("2026-12-31")}
		if err := next.CheckOverlap([]Secondment{returned}); err != nil {
			t.Errorf("got %v, want no overlap after the early return", err)
		}
	})
}

func TestExtendAndReturn(t *testing.T) {
	s := down()
	if got := fieldKey(t, s.Extend(d("2027-01-01"), "工作需要", d("2026-12-01")), "to"); got != "secondment.extension_not_later" {
		t.Errorf("earlier extension: got %q", got)
	}
	if got := fieldKey(t, s.Extend(d("2027-08-31"), " ", d("2026-12-01")), "reason"); got != "secondment.reason_required" {
		t.Errorf("extension without reason: got %q", got)
	}
	if got := fieldKey(t, s.Extend(d("2028-03-02"), "工作需要", d("2026-12-01")), "to"); got != "secondment.too_long" {
		t.Errorf("extension past three years: got %q", got)
	}
	if err := s.Extend(d("2027-08-31"), "村集体经济项目收尾", d("2026-12-01")); err != nil {
		t.Fatal(err)
	}
	if s.End != d("2027-08-31") || len(s.Extensions) != 1 || s.Extensions[0].From != d("2027-02-28") {
		t.Errorf("after extension: end %s, extensions %+v", s.End, s.Extensions)
	}
	if got := fieldKey(t, s.ReturnEarly(d("2027-09-01"), "召回"), "on"); got != "secondment.return_outside_term" {
		t.Errorf("return after the end: got %q", got)
	}
	if err := s.ReturnEarly(d("2026-06-30"), "提拔任职"); err != nil {
		t.Fatal(err)
	}
	if st := s.StatusOn(d("2026-07-01")); st != ReturnedEarly {
		t.Errorf("status after return: got %s", st)
	}
	if err := s.Extend(d("2027-12-31"), "x", d("2026-12-01")); !fault.Is(err, fault.Conflict) {
		t.Errorf("extension after return: got %v, want a conflict", err)
	}
}

func TestStatusAndExpiry(t *testing.T) {
	s := down()
	for day, want := range map[string]Status{"2025-02-28": Planned, "2025-03-01": Active, "2027-02-28": Active, "2027-03-01": Ended} {
		if got := s.StatusOn(d(day)); got != want {
			t.Errorf("StatusOn(%s): got %s, want %s", day, got, want)
		}
	}
	cases := []struct {
		day  string
		want bool
	}{{"2027-01-28", false}, {"2027-01-29", true}, {"2027-02-28", true}, {"2027-03-01", false}}
	for _, tc := range cases {
		if got := s.ExpiresWithin(d(tc.day), 30); got != tc.want {
			t.Errorf("ExpiresWithin(%s, 30): got %v, want %v", tc.day, got, tc.want)
		}
	}
}

func TestAssessments(t *testing.T) {
	s := down()
	if got := fieldKey(t, s.AssessMidTerm(Assessment{On: d("2024-12-01"), Grade: Competent}), "on"); got != "secondment.assessment_outside_term" {
		t.Errorf("mid-term before start: got %q", got)
	}
	if err := s.AssessMidTerm(Assessment{On: d("2026-03-01"), Grade: Excellent}); err != nil {
		t.Fatal(err)
	}
	if got := fieldKey(t, s.AssessEndOfTerm(Assessment{On: d("2026-06-01"), Grade: Competent}), "on"); got != "secondment.final_assessment_timing" {
		t.Errorf("end-of-term a year early: got %q", got)
	}
	if got := fieldKey(t, s.AssessEndOfTerm(Assessment{On: d("2027-02-20"), Grade: "great"}), "grade"); got != "field.invalid_choice" {
		t.Errorf("unknown grade: got %q", got)
	}
	if err := s.AssessEndOfTerm(Assessment{On: d("2027-02-20"), Grade: Competent}); err != nil {
		t.Fatal(err)
	}
}

func TestAddToResume(t *testing.T) {
	dossier := &person.Dossier{Cadre: &person.Cadre{Resume: []person.ResumeLine{
		{From: d("2008-07-01"), To: d("2016-02-29"), Text: "正阳县财政局科员", FullTime: true},
		{From: d("2016-03-01"), Text: "正阳县财政局副局长", FullTime: true},
	}}}
	secs := []Secondment{down(), {ID: "s0", PersonID: "p1", Kind: Up, HostUnit: "驻马店市财政局", HostPost: "预算科副科长",
		Start: d("2012-03-01"), End: d("2013-02-28"), FullTime: true}, {ID: "s9", Kind: Down, HostUnit: "future",
		HostPost: "x", Start: d("2027-01-01"), End: d("2028-01-01")}}
	AddToResume(dossier, secs, d("2026-11-27"))
	AddToResume(dossier, secs, d("2026-11-27"))
	got := dossier.Cadre.Resume
	if len(got) != 4 {
		t.Fatalf("resume has %d lines, want 4: %+v", len(got), got)
	}
	if got[1].Text != "上挂驻马店市财政局预算科副科长" || got[1].To != d("2013-02-28") || !got[1].InService || got[1].FullTime {
		t.Errorf("line 2: got %+v", got[1])
	}
	if got[3].Text != "下派真阳镇王庄村驻村第一书记" || !got[3].To.IsZero() {
		t.Errorf("line 4 (ongoing, open-ended): got %+v", got[3])
	}
}

// onePerson serves the secondments of one person; the other methods are
// not used by WithResumes.
type onePerson struct {
	Service
	personID string
	secs     []Secondment
}

func (o onePerson) ForPerson(_ context.Context, id string) ([]Secondment, error) {
	if id != o.personID {
		return nil, nil
	}
	return o.secs, nil
}

func TestWithResumes(t *testing.T) {
	people := func(yield func(*person.Dossier, error) bool) {
		for _, d := range []*person.Dossier{
			{Person: person.Person{ID: "p1"}, Cadre: &person.Cadre{}},
			{Person: person.Person{ID: "p2"}},
		} {
			if !yield(d, nil) {
				return
			}
		}
	}
	var got []*person.Dossier
	for d, err := range WithResumes(context.Background(), onePerson{personID: "p1", secs: []Secondment{down()}}, people, d("2026-11-27")) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, d)
	}
	if len(got) != 2 || len(got[0].Cadre.Resume) != 1 || got[1].Cadre != nil {
		t.Fatalf("got %+v", got)
	}
}
