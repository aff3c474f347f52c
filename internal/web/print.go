package web

import (
	"fmt"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/codes"
	"zugong/internal/person"
)

// AppointmentForm is the 干部任免审批表 as data: the text of every box of
// the form, taken from a dossier by newAppointmentForm. Print layouts only
// place these values, so every layout prints the same record, and the same
// record as the LRMX file of the dossier: names, codes in words and dates
// in the form's yyyy.MM style.
type AppointmentForm struct {
	PersonID string
	Name     string
	Gender   string
	// BirthMonth is 出生年月 (yyyy.MM); Age is counted on AgeOn.
	BirthMonth  string
	Age         int
	AgeOn       civil.Date
	HasPhoto    bool
	Ethnicity   string
	NativePlace string
	Birthplace  string
	PartyJoined string
	WorkStarted string
	Health      string
	// ProfessionalTitle is 专业技术职务; Specialties 熟悉专业有何专长.
	ProfessionalTitle string
	Specialties       string
	FullTime          FormEducation
	InService         FormEducation
	CurrentPost       string
	ProposedPost      string
	RemovedPost       string
	Resume            []ResumeRow
	// Rewards holds one line per reward or punishment; Assessments is the
	// 年度考核结果 sentence.
	Rewards       []string
	Assessments   string
	Reason        string
	Family        []FormRelative
	ReportingUnit string
	FilledBy      string
	FilledOn      string
}

// FormEducation is one of the form's two education rows: 学历 and 学位
// in words, or Level alone when the record has the form's own wording, and
// 毕业院校系及专业.
type FormEducation struct {
	Level  string
	Degree string
	School string
}

// FormRelative is one row of 家庭主要成员及重要社会关系. Age is 0 when
// unknown or when the relative has died.
type FormRelative struct {
	Relation    string
	Name        string
	Age         int
	Political   string
	WorkAndPost string
	Deceased    bool
}

// ResumeRow is one line of the resume (简历): the span "yyyy.MM--yyyy.MM"
// (open-ended while current) and the unit and post. An in-service study
// line (InService) is printed inside the line before it as "（其间：…）";
// its Span is empty when the text was written that way already.
type ResumeRow struct {
	Span      string
	Text      string
	InService bool
}

// words translates catalog keys for the form's few composed sentences.
type words func(key string, args ...any) string

// newAppointmentForm builds the form of d. Ages are counted on the
// proposal's reckoning day (计算年龄时间), or on today when it has none.
func newAppointmentForm(d *person.Dossier, today civil.Date, t words) AppointmentForm {
	p := &d.Person
	f := AppointmentForm{PersonID: p.ID, Name: p.Name, Gender: codeShort(codes.Gender, p.Gender),
		BirthMonth: yearMonth(p.BirthDate), AgeOn: today, HasPhoto: len(d.Photo) > 0,
		Ethnicity: codeShort(codes.Ethnicity, p.Ethnicity), NativePlace: placeShort(p.NativePlace),
		Birthplace: placeShort(p.Birthplace), WorkStarted: yearMonth(p.WorkStartDate),
		Health: codeShort(codes.Health, p.Health), ProfessionalTitle: p.ProfessionalTitle, Specialties: p.Specialties,
		FullTime: formEducation(p.FullTime, t), InService: formEducation(p.InService, t)}
	joined := p.PartyJoinDate
	if joined.IsZero() && d.Party != nil {
		joined = d.Party.JoinDate
	}
	f.PartyJoined = yearMonth(joined)
	c := d.Cadre
	if c == nil {
		f.Age = age(p.BirthDate, f.AgeOn)
		return f
	}
	pr := c.Proposal
	if !pr.AgeReckonedOn.IsZero() {
		f.AgeOn = pr.AgeReckonedOn
	}
	f.Age = age(p.BirthDate, f.AgeOn)
	f.CurrentPost = c.CurrentPostText
	if f.CurrentPost == "" {
		f.CurrentPost = currentPosts(c.Posts, t)
	}
	f.ProposedPost, f.RemovedPost, f.Reason, f.ReportingUnit = pr.Appoint, pr.Remove, pr.Reason, pr.ReportingUnit
	f.FilledBy, f.FilledOn = pr.FilledBy, dotted(pr.FilledOn)
	f.Resume = resumeRows(c.Resume)
	for _, rw := range c.Rewards {
		line := strings.TrimSpace(yearMonth(rw.Date) + " " + rw.Name)
		if rw.Organ != "" {
			line = t("print.reward_organ", line, rw.Organ)
		}
		f.Rewards = append(f.Rewards, line)
	}
	var years []string
	for _, a := range c.Assessments {
		grade := string(a.Grade)
		if k, ok := gradeKeys[a.Grade]; ok {
			grade = t(k)
		}
		years = append(years, t("print.assessment_year", a.Year, grade))
	}
	f.Assessments = strings.Join(years, t("print.separator"))
	for _, rel := range c.Family {
		fr := FormRelative{Relation: codeShort(codes.Relation, rel.Relation), Name: rel.Name,
			Political:   codeShort(codes.PoliticalStatus, rel.PoliticalStatus),
			WorkAndPost: rel.WorkAndPost, Deceased: rel.Deceased}
		if !rel.Deceased {
			fr.Age = age(rel.BirthDate, f.AgeOn)
		}
		f.Family = append(f.Family, fr)
	}
	return f
}

// formEducation is an education row as the form states it: the written
// wording when the record has one, else the level and degree in words.
func formEducation(e person.Education, t words) FormEducation {
	fe := FormEducation{Level: e.Text, School: e.School}
	if fe.Level == "" {
		fe.Level, fe.Degree = codeShort(codes.EducationLevel, e.Level), codeShort(codes.Degree, e.Degree)
	}
	if e.School != "" && e.Major != "" {
		fe.School = t("print.school_major", e.School, e.Major)
	} else if e.Major != "" {
		fe.School = e.Major
	}
	return fe
}

// currentPosts words the posts held now, for a dossier without 现任职务 text.
func currentPosts(posts []person.Post, t words) string {
	var held []string
	for _, p := range posts {
		if p.Current {
			held = append(held, p.UnitName+p.Title)
		}
	}
	return strings.Join(held, t("print.post_separator"))
}

// resumeRows lays out resume lines with their spans. The open end of the
// current line is left blank, as LRMX writes it.
func resumeRows(lines []person.ResumeLine) []ResumeRow {
	rows := make([]ResumeRow, 0, len(lines))
	for _, l := range lines {
		row := ResumeRow{Text: l.Text, InService: l.InService}
		if !l.From.IsZero() || !l.To.IsZero() {
			row.Span = yearMonth(l.From) + "--" + yearMonth(l.To)
		}
		if l.InService && (strings.HasPrefix(l.Text, "（其间") || strings.HasPrefix(l.Text, "(其间")) {
			row.Span = ""
		}
		rows = append(rows, row)
	}
	return rows
}

// yearMonth writes a date as the form's yyyy.MM, or "" for none.
func yearMonth(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d.%02d", d.Year, int(d.Month))
}

// dotted writes a date as yyyy.MM.dd, or "" for none.
func dotted(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d.%02d.%02d", d.Year, int(d.Month), d.Day)
}
