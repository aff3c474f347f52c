package selection

import (
	"fmt"

	"zugong/internal/fault"
)

// Decision is the 讨论决定: the meeting of the Party committee (its standing
// committee) that votes on each candidate inspected.
type Decision struct {
	Record
	// Due is the number of members due to attend (应到会成员); Present is
	// how many attended.
	Due     int
	Present int
	Ballots []Ballot
}

// Ballot is the vote on one candidate: 同意, 不同意 and 缓议 counts, which
// together cannot exceed the members present.
type Ballot struct {
	PersonID string
	Agree    int
	Disagree int
	Defer    int
	// MeetingDeferred records that the meeting decided to defer the
	// candidate (缓议) without a count deciding it.
	MeetingDeferred bool
}

// Outcome is what the meeting decided for one candidate.
type Outcome string

// The outcomes of a ballot.
const (
	Passed   Outcome = "passed"
	Rejected Outcome = "rejected"
	Deferred Outcome = "deferred"
)

// Stage returns StageDecision.
func (Decision) Stage() Stage { return StageDecision }

// Quorate reports whether a meeting may decide on appointments: at least
// two thirds of the members due to attend are present. It is written as
// 3 × present ≥ 2 × due so that no rounding can creep in: due 9 needs 6,
// due 10 needs 7.
func Quorate(due, present int) bool { return 3*present >= 2*due }

// quorum is the smallest quorate attendance: ⌈2 × due / 3⌉.
func quorum(due int) int { return (2*due + 2) / 3 }

// Outcome decides the ballot of a meeting with due members due and present
// present. A candidate passes with 同意 from more than half of all members
// due to attend, not of those present, so a tie fails. A candidate the
// meeting deferred outright, or one that more than half of those present
// voted to defer, is deferred: deferral postpones rather than decides, so
// it needs the meeting's majority, not the statutory one. Anything else is
// rejected.
func (b Ballot) Outcome(due, present int) Outcome {
	switch {
	case b.MeetingDeferred:
		return Deferred
	case 2*b.Agree > due:
		return Passed
	case 2*b.Defer > present:
		return Deferred
	}
	return Rejected
}

// Passed returns the candidates who passed, in ballot order.
func (d Decision) Passed() []string {
	var out []string
	for _, b := range d.Ballots {
		if b.Outcome(d.Due, d.Present) == Passed {
			out = append(out, b.PersonID)
		}
	}
	return out
}

// applyDecision refuses a meeting without quorum (fault.Conflict
// "selection.no_quorum" with present, due and the quorum), one held after
// the recommendation expired, and one passing more candidates than there
// are posts ("selection.passed_over_posts" with both numbers).
func (s *Selection) applyDecision(d Decision, f fault.Fields) error {
	if d.Due < 1 {
		f.Add("due", "selection.at_least_one")
	}
	if d.Present < 0 || d.Present > d.Due {
		f.Add("present", "selection.present_out_of_range", d.Due)
	}
	if len(d.Ballots) == 0 {
		f.Add("ballots", "field.required")
	}
	seen := map[string]bool{}
	for i, b := range d.Ballots {
		s.checkBallot(&f, fmt.Sprintf("ballots.%d.", i), b, d.Present, seen)
	}
	if err := f.Err(); err != nil {
		return err
	}
	if err := s.checkFresh(d.Date); err != nil {
		return err
	}
	if !Quorate(d.Due, d.Present) {
		return fault.New(fault.Conflict, "selection.no_quorum", d.Present, d.Due, quorum(d.Due))
	}
	if n := len(d.Passed()); n > s.Motion.Posts {
		return fault.New(fault.Conflict, "selection.passed_over_posts", n, s.Motion.Posts)
	}
	s.Decision = &d
	return nil
}

func (s *Selection) checkBallot(f *fault.Fields, field string, b Ballot, present int, seen map[string]bool) {
	if required(f, field+"person_id", b.PersonID) {
		switch {
		case seen[b.PersonID]:
			f.Add(field+"person_id", "selection.duplicate_candidate")
		case !s.inspected(b.PersonID):
			f.Add(field+"person_id", "selection.not_inspected")
		}
		seen[b.PersonID] = true
	}
	if b.Agree < 0 || b.Disagree < 0 || b.Defer < 0 {
		f.Add(field+"votes", "selection.not_negative")
	} else if b.Agree+b.Disagree+b.Defer > present {
		f.Add(field+"votes", "selection.votes_exceed_present", present)
	}
}
