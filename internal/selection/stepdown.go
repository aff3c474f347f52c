package selection

import (
	"slices"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// Reason is why a leader steps down from a post (能下), after the 2022
// rules on leaders moving up and down (推进领导干部能上能下规定).
type Reason string

// The reasons for stepping down.
const (
	RetirementAge  Reason = "retirement_age" // 到龄: reached the age limit of the post
	TermEnd        Reason = "term_end"       // 任期届满: the term ended without renewal
	Accountability Reason = "accountability" // 问责: held to account
	Unsuited       Reason = "unsuited"       // 不适宜担任现职: not suited to the post
)

// Route is how a leader steps down.
type Route string

// The routes of stepping down.
const (
	Moved       Route = "moved"        // 调整: moved to another post
	RankChanged Route = "rank_changed" // 改任非领导职务（职级）: leadership post exchanged for a rank
	Removed     Route = "removed"      // 免职
	Demoted     Route = "demoted"      // 降职
)

// routes lists the routes each reason allows. The rules name all four for
// a leader not suited to the post. Accountability takes the organisational
// measures of the 问责条例 (调整职务, 免职, 降职), never a rank change
// that would read as a reward. Reaching the age limit means leaving the
// post, removed to retire or kept on in a rank; a term's end is no fault,
// so it never demotes.
var routes = map[Reason][]Route{
	RetirementAge:  {Removed, RankChanged},
	TermEnd:        {Moved, RankChanged, Removed},
	Accountability: {Moved, Removed, Demoted},
	Unsuited:       {Moved, RankChanged, Removed, Demoted},
}

// Routes returns the routes reason allows, or none for an unknown reason.
func Routes(reason Reason) []Route { return slices.Clone(routes[reason]) }

// Stepdown is one 能下 case: a leader leaving a post for a reason, by a
// route, on a decision recorded like a selection's steps.
type Stepdown struct {
	ID       string
	PersonID string
	// Post is the post left.
	Post   string
	Reason Reason
	Route  Route
	// NewPost is the post or rank the leader moves to, for every route but
	// removal.
	NewPost string
	// Record is the decision: its date, organ, number and who recorded it.
	Record
	// ReasonDate is the day the age limit was reached or the term ended;
	// required for those reasons.
	ReasonDate civil.Date
	// Basis states the facts; required for accountability and unsuitedness,
	// which rest on them.
	Basis string
	// AccountabilityRef is the number of the accountability decision (问责
	// 决定); required for accountability.
	AccountabilityRef string
}

// Validate checks a case: the route must be one its reason allows (field
// route, "selection.route_not_allowed" with reason and route), and each
// reason and route brings the fields it rests on.
func (d Stepdown) Validate() error {
	var f fault.Fields
	checkRecord(&f, d.Record, nil)
	required(&f, "person_id", d.PersonID)
	required(&f, "post", d.Post)
	allowed, known := routes[d.Reason]
	switch {
	case !known:
		f.Add("reason", "field.invalid_choice")
	case !slices.Contains([]Route{Moved, RankChanged, Removed, Demoted}, d.Route):
		f.Add("route", "field.invalid_choice")
	case !slices.Contains(allowed, d.Route):
		f.Add("route", "selection.route_not_allowed", d.Reason, d.Route)
	}
	if d.Route != Removed {
		required(&f, "new_post", d.NewPost)
	}
	switch d.Reason {
	case RetirementAge, TermEnd:
		requiredDate(&f, "reason_date", d.ReasonDate)
	case Accountability:
		required(&f, "basis", d.Basis)
		required(&f, "accountability_ref", d.AccountabilityRef)
	case Unsuited:
		required(&f, "basis", d.Basis)
	}
	return f.Err()
}

// ApplyTo changes the cadre's posts as the case decides, organ naming the
// deciding body: the current post titled d.Post is removed on the
// decision's date and, but for a removal, a current post titled d.NewPost
// begins that day. The new post stays in the old one's unit, except on a
// move (调整), where NewPost names its unit; a rank change leaves
// leadership and the post's rank, a demotion the rank. The form's 现任职务
// text, which no longer holds, is cleared so that listings show the posts.
// A post that is not among the current ones, or a decision before the
// post's appointment, is a problem added to f.
func (d Stepdown) ApplyTo(c *person.Cadre, organ string, f *fault.Fields) {
	i := -1
	if c != nil {
		for j, p := range c.Posts {
			if p.Current && p.Title == d.Post {
				i = j
				break
			}
		}
	}
	if i < 0 {
		f.Add("post", "stepdown.not_current", d.Post)
		return
	}
	left := &c.Posts[i]
	if !left.Appointed.Date.IsZero() && d.Date.Before(left.Appointed.Date) {
		f.Add("date", "field.person.post.removed_before_appointed")
		return
	}
	decision := person.Decision{Organ: organ, Date: d.Date, DocumentNo: d.Reference}
	left.Current, left.Removed = false, decision
	c.CurrentPostText = ""
	if d.Route == Removed {
		return
	}
	next := person.Post{UnitID: left.UnitID, UnitName: left.UnitName, Title: d.NewPost, Rank: left.Rank,
		Leading: left.Leading, Appointed: decision, Current: true}
	switch d.Route {
	case Moved:
		next.UnitID, next.UnitName = "", ""
	case RankChanged:
		next.Leading, next.Rank = false, ""
	case Demoted:
		next.Rank = ""
	}
	c.Posts = append(c.Posts, next)
}
