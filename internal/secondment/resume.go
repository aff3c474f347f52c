package secondment

import (
	"context"
	"iter"

	"zugong/internal/civil"
	"zugong/internal/person"
)

// verbs are the resume's words for each kind: the resume (简历) and the
// printed 任免审批表 are official documents written in Chinese whatever the
// reader's language.
var verbs = map[Kind]string{Up: "上挂", Down: "下派", FirstSecretary: "下派", Released: "离职锻炼，任"}

// ResumeLine is the resume line (A17) a secondment adds to the cadre's
// record: a line alongside the post the cadre keeps at home, written
// "（其间：2025.03-- 下派王庄村驻村第一书记）", open-ended while it runs and
// closed at its effective end.
func (s *Secondment) ResumeLine(today civil.Date) person.ResumeLine {
	line := person.ResumeLine{From: s.Start, Text: verbs[s.Kind] + s.HostUnit + s.HostPost, InService: true}
	if end := s.EffectiveEnd(); !end.After(today) {
		line.To = end
	}
	return line
}

// AddToResume adds the lines of the secondments that have begun by today to
// d's resume, each after the last line that began before it. A line the
// resume already holds (same start month and text, as when an LRMX file
// that carried it was imported) is not added twice. Part-time secondments
// are listed too: the resume records every post held.
func AddToResume(d *person.Dossier, secs []Secondment, today civil.Date) {
	if d.Cadre == nil {
		return
	}
	for i := range secs {
		s := &secs[i]
		if s.Start.After(today) {
			continue
		}
		line := s.ResumeLine(today)
		if holds(d.Cadre.Resume, line) {
			continue
		}
		at := len(d.Cadre.Resume)
		for at > 0 && d.Cadre.Resume[at-1].From.After(line.From) {
			at--
		}
		d.Cadre.Resume = append(d.Cadre.Resume, person.ResumeLine{})
		copy(d.Cadre.Resume[at+1:], d.Cadre.Resume[at:])
		d.Cadre.Resume[at] = line
	}
}

func holds(lines []person.ResumeLine, l person.ResumeLine) bool {
	for _, x := range lines {
		if x.Text == l.Text && x.From.Year == l.From.Year && x.From.Month == l.From.Month {
			return true
		}
	}
	return false
}

// WithResumes passes people through, adding to each cadre's resume the
// lines of their secondments (AddToResume), so that exported LRMX files list
// them as the dossier and the printed form do.
func WithResumes(ctx context.Context, svc Service, people iter.Seq2[*person.Dossier, error], today civil.Date) iter.Seq2[*person.Dossier, error] {
	return func(yield func(*person.Dossier, error) bool) {
		for d, err := range people {
			if err == nil && d.Cadre != nil {
				var secs []Secondment
				if secs, err = svc.ForPerson(ctx, d.Person.ID); err == nil {
					AddToResume(d, secs, today)
				}
			}
			if !yield(d, err) {
				return
			}
		}
	}
}
