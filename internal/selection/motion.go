package selection

import (
	"zugong/internal/fault"
)

// Motion is the 动议: the work plan for filling the post, checked against
// the unit's approved number of posts (职数) before anything else happens.
type Motion struct {
	Record
	// WorkPlan is the text of the work plan (工作方案).
	WorkPlan string
	// Posts is how many posts this selection fills: at least one.
	Posts int
	// Approved is the unit's approved number of such posts; Occupied is how
	// many are filled today.
	Approved int
	Occupied int
}

// Stage returns StageMotion.
func (Motion) Stage() Stage { return StageMotion }

// applyMotion refuses a selection that would fill more posts than the
// approved number leaves free: fault.Conflict "selection.over_quota" with
// occupied, posts and approved.
func (s *Selection) applyMotion(m Motion, f fault.Fields) error {
	required(&f, "work_plan", m.WorkPlan)
	if m.Posts < 1 {
		f.Add("posts", "selection.at_least_one")
	}
	if m.Approved < 1 {
		f.Add("approved", "selection.at_least_one")
	}
	if m.Occupied < 0 {
		f.Add("occupied", "selection.not_negative")
	}
	if err := f.Err(); err != nil {
		return err
	}
	if m.Occupied+m.Posts > m.Approved {
		return fault.New(fault.Conflict, "selection.over_quota", m.Occupied, m.Posts, m.Approved)
	}
	s.Motion = &m
	return nil
}
