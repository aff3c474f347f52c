package selection

import (
	"fmt"
	"slices"
	"strings"

	"zugong/internal/person"
)

// proposalReason is the 任免理由 the forms of a selection give: the post
// is filled because the work needs it, the wording such forms use.
const proposalReason = "工作需要"

// Proposal returns what the 干部任免审批表 of candidate personID proposes
// at the selection's present stage, from held, the posts the candidate
// holds. It reports false when the person is no candidate: not among the
// nominees of the recommendation (and so never when none is recorded).
//
// A candidate still in the running is proposed for the selection's post:
// before the decision as the post proposed, from the decision on only when
// the meeting passed them, and, as later steps narrow the field, only when
// publicised without an upheld objection and then appointed. A candidate
// out of the running gets an empty proposal, since nothing is proposed for
// them any more.
//
// 拟免职务 lists the leading posts the candidate holds now in the unit of
// the selection's post, which the new post replaces: a unit has one holder
// of each leading post, and a cadre moving up within it gives up the post
// below. Posts in other units are left off: a move across units may be a
// concurrent post (兼任), and whether the old post goes is decided on its
// own. 任免理由 is 工作需要, with the decision's date and minutes once
// the meeting has passed the candidate; ages are reckoned on that date.
func (s *Selection) Proposal(personID string, held []person.Post) (person.Proposal, bool) {
	if s.Recommendation == nil || !s.nominated(personID) {
		return person.Proposal{}, false
	}
	if !s.running(personID) {
		return person.Proposal{}, true
	}
	p := person.Proposal{Appoint: s.Post, Remove: s.replaced(held), Reason: proposalReason}
	if s.Decision != nil {
		p.Reason = fmt.Sprintf("%s。经%s会议讨论决定（%s）。", proposalReason, chineseDate(s.Decision.Date), s.Decision.Reference)
		p.AgeReckonedOn = s.Decision.Date
	}
	return p, true
}

// running reports whether every step recorded after the recommendation
// kept personID in the field.
func (s *Selection) running(personID string) bool {
	if s.Inspection != nil && !s.inspected(personID) {
		return false
	}
	if s.Decision != nil && !slices.Contains(s.Decision.Passed(), personID) {
		return false
	}
	if p := s.Publicity; p != nil {
		upheld := slices.ContainsFunc(p.Objections, func(o Objection) bool { return o.PersonID == personID && o.Upheld })
		if upheld || !slices.Contains(p.Candidates, personID) {
			return false
		}
	}
	if s.Appointment != nil && !slices.ContainsFunc(s.Appointment.Appointees, func(a Appointee) bool { return a.PersonID == personID }) {
		return false
	}
	return true
}

// replaced words the current leading posts of held in the selection's
// unit, joined as the form lists posts ("真阳镇副镇长，真阳镇党委委员").
// The selection's post itself is skipped, for a registry that already
// records the appointment.
func (s *Selection) replaced(held []person.Post) string {
	var out []string
	for _, p := range held {
		name := p.UnitName + p.Title
		if p.Current && p.Leading && p.UnitID == s.OrgID && name != s.Post && p.Title != s.Post {
			out = append(out, name)
		}
	}
	return strings.Join(out, "，")
}
