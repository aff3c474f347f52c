package quality

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/codes"
	"zugong/internal/person"
)

// identity checks the ID number (id_invalid) and that its birth date and
// gender agree with the record (id_vs_birth, id_vs_gender). A record whose
// gender is unknown or not stated (0, 9) is not compared.
func (a *audit) identity() {
	p := &a.d.Person
	if p.IDNumber == "" {
		return
	}
	masked := Value{Key: "quality.value.id_number", Text: maskID(p.IDNumber)}
	id, err := person.ParseIDNumber(p.IDNumber)
	if err != nil {
		a.report(RuleIDInvalid, whyKey(RuleIDInvalid), []any{maskID(p.IDNumber)}, masked)
		return
	}
	if !p.BirthDate.IsZero() && id.BirthDate != p.BirthDate {
		a.report(RuleIDVsBirth, whyKey(RuleIDVsBirth), []any{id.BirthDate.String(), p.BirthDate.String()}, masked,
			Value{Key: "quality.value.id_birth_date", Text: id.BirthDate.String()},
			Value{Key: "quality.value.birth_date", Text: p.BirthDate.String()})
	}
	if (p.Gender == "1" || p.Gender == "2") && id.Gender != p.Gender {
		a.report(RuleIDVsGender, whyKey(RuleIDVsGender), nil, masked,
			Value{Key: "quality.value.id_gender", Text: id.Gender, Table: codes.Gender},
			Value{Key: "quality.value.gender", Text: p.Gender, Table: codes.Gender})
	}
}

// ageOn returns the age in whole years of someone born on birth, on day.
func ageOn(birth, day civil.Date) int {
	age := day.Year - birth.Year
	if day.Month < birth.Month || day.Month == birth.Month && day.Day < birth.Day {
		age--
	}
	return age
}

// partyAge reports joining the party before MinPartyAge (party_before_18).
// The join date is the party facet's, else the master record's. Joining on
// the birthday that reaches the age is allowed.
func (a *audit) partyAge() {
	p := &a.d.Person
	join := p.PartyJoinDate
	if a.d.Party != nil && !a.d.Party.JoinDate.IsZero() {
		join = a.d.Party.JoinDate
	}
	if join.IsZero() || p.BirthDate.IsZero() {
		return
	}
	if age := ageOn(p.BirthDate, join); age < a.cfg.MinPartyAge {
		a.report(RulePartyBefore18, whyKey(RulePartyBefore18), []any{age, a.cfg.MinPartyAge},
			Value{Key: "quality.value.birth_date", Text: p.BirthDate.String()},
			Value{Key: "quality.value.join_date", Text: join.String()},
			Value{Key: "quality.value.age_at_join", Text: strconv.Itoa(age)})
	}
}

// fullMemberDate reports a full-member date more than
// FullMemberToleranceDays away from one year after joining
// (full_member_not_one_year): the probationary year ends on the
// anniversary of joining, and a recorded date far from it is either a typing
// error or an extended probation that needs its decision on file.
func (a *audit) fullMemberDate() {
	m := a.d.Party
	if m == nil || m.JoinDate.IsZero() || m.FullDate.IsZero() {
		return
	}
	due := civil.Of(m.JoinDate.Time().AddDate(1, 0, 0))
	off := int(m.FullDate.Time().Sub(due.Time()).Hours() / 24)
	if off < 0 {
		off = -off
	}
	if off > a.cfg.FullMemberToleranceDays {
		a.report(RuleFullMemberDate, whyKey(RuleFullMemberDate), []any{m.FullDate.String(), due.String(), off, a.cfg.FullMemberToleranceDays},
			Value{Key: "quality.value.join_date", Text: m.JoinDate.String()},
			Value{Key: "quality.value.full_date", Text: m.FullDate.String()},
			Value{Key: "quality.value.due_full_date", Text: due.String()},
			Value{Key: "quality.value.days_off", Text: strconv.Itoa(off)})
	}
}

// workAge reports starting work before MinWorkAge (work_before_16).
func (a *audit) workAge() {
	p := &a.d.Person
	if p.WorkStartDate.IsZero() || p.BirthDate.IsZero() {
		return
	}
	if age := ageOn(p.BirthDate, p.WorkStartDate); age < a.cfg.MinWorkAge {
		a.report(RuleWorkBefore16, whyKey(RuleWorkBefore16), []any{age, a.cfg.MinWorkAge},
			Value{Key: "quality.value.birth_date", Text: p.BirthDate.String()},
			Value{Key: "quality.value.work_start_date", Text: p.WorkStartDate.String()},
			Value{Key: "quality.value.age_at_work", Text: strconv.Itoa(age)})
	}
}

// The words that make a resume line a line of study, and those that make a
// study line short training rather than schooling that leads to a 学历.
var (
	studyWords    = []string{"学习", "就读", "读书", "攻读", "求学", "研究生", "本科生", "专科生"}
	trainingWords = []string{"党校", "培训", "进修", "轮训"}
)

// A study line is a resume line that is not in-service study and whose text
// says the person studied ("郑州大学中文系学习", "攻读硕士学位").
func studyLine(r person.ResumeLine) bool {
	return !r.InService && containsAny(r.Text, studyWords)
}

func containsAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}

// education compares the full-time education with the resume
// (education_vs_resume). It applies to a cadre whose resume has lines and
// whose full-time education names a school, and reports:
//   - the school appearing in no study line of the resume (the resume does
//     not show where the recorded education was obtained), or else
//   - a study line that does not name the school, is not short training
//     (党校, 培训, 进修, 轮训) and starts after the last study line naming
//     the school ends: the resume shows full-time study after the recorded
//     education ended, so the recorded 学历 is likely out of date.
//
// Schools are matched by their name appearing in the line's text, so a
// school known by an older name is reported too, for a person to confirm.
func (a *audit) education() {
	school := strings.TrimSpace(a.d.Person.FullTime.School)
	if a.d.Cadre == nil || len(a.d.Cadre.Resume) == 0 || school == "" {
		return
	}
	var graduated civil.Date
	found, open := false, false
	for _, r := range a.d.Cadre.Resume {
		if !studyLine(r) || !strings.Contains(r.Text, school) {
			continue
		}
		found = true
		if r.To.IsZero() {
			open = true
		} else if r.To.After(graduated) {
			graduated = r.To
		}
	}
	schoolValue := Value{Key: "quality.value.school", Text: school}
	if !found {
		a.report(RuleEducationVsResume, whyKey(RuleEducationVsResume), []any{school}, schoolValue)
		return
	}
	if open {
		return
	}
	for _, r := range sortedLines(a.d.Cadre.Resume) {
		if studyLine(r) && !strings.Contains(r.Text, school) && !containsAny(r.Text, trainingWords) && month(r.From) > month(graduated) {
			a.report(RuleEducationVsResume, whyKey(RuleEducationVsResume)+"_later", []any{school, resumeMonth(graduated), lineText(r)},
				schoolValue,
				Value{Key: "quality.value.graduation", Text: resumeMonth(graduated)},
				Value{Key: "quality.value.resume_line", Text: lineText(r)})
			return
		}
	}
}

// month numbers a date's calendar month, so that resume dates, which are
// month-precise (1994.07), compare and subtract as months.
func month(d civil.Date) int { return d.Year*12 + int(d.Month) - 1 }

// resumeMonth writes a date the way resumes do: 1994.07.
func resumeMonth(d civil.Date) string { return fmt.Sprintf("%04d.%02d", d.Year, int(d.Month)) }

// lineText writes a resume line as the form does: "1990.09--1994.07 text",
// with an open end for the current line.
func lineText(r person.ResumeLine) string {
	to := ""
	if !r.To.IsZero() {
		to = resumeMonth(r.To)
	}
	return resumeMonth(r.From) + "--" + to + " " + r.Text
}

// sortedLines returns the main lines of a resume — not in-service study,
// and with a start — ordered by start.
func sortedLines(resume []person.ResumeLine) []person.ResumeLine {
	var out []person.ResumeLine
	for _, r := range resume {
		if !r.InService && !r.From.IsZero() {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b person.ResumeLine) int { return month(a.From) - month(b.From) })
	return out
}

// resumeGaps reports each stretch of more than MaxResumeGapMonths whole
// months that no main line covers (resume_gap). Lines are month-precise and
// a line conventionally starts in the month the previous one ends, so the
// gap between a line ending 1994.07 and the next starting 1994.11 is the
// three months August to October. In-service lines are ignored; an open
// line covers everything after its start.
func (a *audit) resumeGaps() {
	if a.d.Cadre == nil {
		return
	}
	lines := sortedLines(a.d.Cadre.Resume)
	if len(lines) < 2 {
		return
	}
	end, endLine, open := month(lines[0].To), lines[0], lines[0].To.IsZero()
	for _, r := range lines[1:] {
		if open {
			return
		}
		if gap := month(r.From) - end - 1; gap > a.cfg.MaxResumeGapMonths {
			a.report(RuleResumeGap, whyKey(RuleResumeGap), []any{resumeMonth(endLine.To), resumeMonth(r.From), gap, a.cfg.MaxResumeGapMonths},
				Value{Key: "quality.value.resume_line", Text: lineText(endLine)},
				Value{Key: "quality.value.resume_line", Text: lineText(r)},
				Value{Key: "quality.value.gap_months", Text: strconv.Itoa(gap)})
		}
		switch {
		case r.To.IsZero():
			open = true
		case month(r.To) > end:
			end, endLine = month(r.To), r
		}
	}
}

// resumeOverlaps reports two main lines sharing more than
// MaxResumeOverlapMonths months (resume_overlap): one person holds one
// full-time line at a time, and the month one line ends and the next starts
// is not counted. An open line runs to this month.
func (a *audit) resumeOverlaps() {
	if a.d.Cadre == nil {
		return
	}
	lines := sortedLines(a.d.Cadre.Resume)
	end := func(r person.ResumeLine) int {
		if r.To.IsZero() {
			return month(a.today)
		}
		return month(r.To)
	}
	for i, x := range lines {
		for _, y := range lines[i+1:] {
			if shared := min(end(x), end(y)) - month(y.From); shared > a.cfg.MaxResumeOverlapMonths {
				a.report(RuleResumeOverlap, whyKey(RuleResumeOverlap), []any{shared},
					Value{Key: "quality.value.resume_line", Text: lineText(x)},
					Value{Key: "quality.value.resume_line", Text: lineText(y)},
					Value{Key: "quality.value.overlap_months", Text: strconv.Itoa(shared)})
			}
		}
	}
}

// probation reports a current post whose probation (试用期) ended before
// today (probation_expired) and was not confirmed.
func (a *audit) probation() {
	if a.d.Cadre == nil {
		return
	}
	for _, p := range a.d.Cadre.Posts {
		if !p.Current || p.ProbationMonths <= 0 || !p.ProbationConfirmed.IsZero() {
			continue
		}
		ends := p.ProbationEnds()
		if ends.IsZero() || !ends.Before(a.today) {
			continue
		}
		post := strings.TrimSpace(p.UnitName + p.Title)
		a.report(RuleProbationExpired, whyKey(RuleProbationExpired), []any{post, ends.String()},
			Value{Key: "quality.value.post", Text: post},
			Value{Key: "quality.value.appointed_date", Text: p.Appointed.Date.String()},
			Value{Key: "quality.value.probation_months", Text: strconv.Itoa(p.ProbationMonths)},
			Value{Key: "quality.value.probation_ends", Text: ends.String()})
	}
}
