package selection

import (
	"slices"
	"testing"
)

func TestQuorum(t *testing.T) {
	tests := []struct {
		name         string
		due, present int
		want         bool
	}{
		{"due 9 present 6 is exactly two thirds", 9, 6, true},
		{"due 9 present 5 is short", 9, 5, false},
		{"due 10 present 7 rounds two thirds up", 10, 7, true},
		{"due 10 present 6 is short", 10, 6, false},
		{"due 11 present 8", 11, 8, true},
		{"due 11 present 7 is short", 11, 7, false},
		{"all present", 7, 7, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Quorate(tt.due, tt.present); got != tt.want {
				t.Errorf("Quorate(%d, %d): got %v, want %v", tt.due, tt.present, got, tt.want)
			}
		})
	}
}

func TestDecisionRefusedWithoutQuorum(t *testing.T) {
	tests := []struct {
		name         string
		due, present int
		quorum       int
	}{
		{"due 9 present 5", 9, 5, 6},
		{"due 10 present 6", 10, 6, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dc := stepAt(StageDecision).(Decision)
			dc.Due, dc.Present = tt.due, tt.present
			dc.Ballots[0].Agree, dc.Ballots[0].Disagree = tt.present, 0
			err := upTo(t, StageDeliberation).Apply(dc, calendar(t))
			wantConflict(t, err, "selection.no_quorum", tt.present, tt.due, tt.quorum)
		})
	}
}

func TestBallotOutcome(t *testing.T) {
	tests := []struct {
		name         string
		due, present int
		ballot       Ballot
		want         Outcome
	}{
		{"5 of 9 due passes with 6 present", 9, 6, Ballot{Agree: 5, Disagree: 1}, Passed},
		{"4 of 6 present but not of 9 due fails", 9, 6, Ballot{Agree: 4, Disagree: 2}, Rejected},
		{"6 of 10 due passes with 7 present", 10, 7, Ballot{Agree: 6, Disagree: 1}, Passed},
		{"a 5 to 5 tie of 10 due fails", 10, 10, Ballot{Agree: 5, Disagree: 5}, Rejected},
		{"exactly half of due agreeing fails", 10, 8, Ballot{Agree: 5, Defer: 3}, Rejected},
		{"a 缓议 majority of those present defers", 9, 6, Ballot{Agree: 2, Defer: 4}, Deferred},
		{"缓议 from exactly half of those present does not defer", 9, 6, Ballot{Agree: 3, Defer: 3}, Rejected},
		{"an explicit deferral defers without a count", 9, 7, Ballot{MeetingDeferred: true}, Deferred},
		{"an explicit deferral wins over a passing count", 9, 7, Ballot{Agree: 7, MeetingDeferred: true}, Deferred},
		{"all against fails", 9, 9, Ballot{Disagree: 9}, Rejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ballot.Outcome(tt.due, tt.present); got != tt.want {
				t.Errorf("Outcome(%d, %d) of %+v: got %s, want %s", tt.due, tt.present, tt.ballot, got, tt.want)
			}
		})
	}
}

func TestDecisionPassed(t *testing.T) {
	dc := Decision{Due: 9, Present: 9, Ballots: []Ballot{
		{PersonID: "p1", Agree: 4, Defer: 5},
		{PersonID: "p2", Agree: 5, Disagree: 4},
	}}
	if got, want := dc.Passed(), []string{"p2"}; !slices.Equal(got, want) {
		t.Errorf("Passed: got %v, want %v", got, want)
	}
}

func TestDecisionFields(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Decision)
		want   map[string]string
	}{
		{"nobody due", func(dc *Decision) { dc.Due, dc.Present = 0, 0 },
			map[string]string{"due": "selection.at_least_one", "ballots.0.votes": "selection.votes_exceed_present"}},
		{"more present than due", func(dc *Decision) { dc.Present = 10 },
			map[string]string{"present": "selection.present_out_of_range"}},
		{"no ballots", func(dc *Decision) { dc.Ballots = nil },
			map[string]string{"ballots": "field.required"}},
		{"votes beyond those present", func(dc *Decision) { dc.Ballots[0] = Ballot{PersonID: "p1", Agree: 6, Disagree: 1, Defer: 1} },
			map[string]string{"ballots.0.votes": "selection.votes_exceed_present"}},
		{"negative votes", func(dc *Decision) { dc.Ballots[0].Disagree = -1 },
			map[string]string{"ballots.0.votes": "selection.not_negative"}},
		{"a person not inspected", func(dc *Decision) { dc.Ballots[0].PersonID = "p9" },
			map[string]string{"ballots.0.person_id": "selection.not_inspected"}},
		{"a person voted on twice", func(dc *Decision) { dc.Ballots = append(dc.Ballots, dc.Ballots[0]) },
			map[string]string{"ballots.1.person_id": "selection.duplicate_candidate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dc := stepAt(StageDecision).(Decision)
			tt.change(&dc)
			wantFields(t, upTo(t, StageDeliberation).Apply(dc, calendar(t)), tt.want)
		})
	}
}

func TestDecisionPassingMoreThanPostsRefused(t *testing.T) {
	dc := stepAt(StageDecision).(Decision)
	dc.Ballots = []Ballot{{PersonID: "p1", Agree: 7}, {PersonID: "p2", Agree: 5}}
	wantConflict(t, upTo(t, StageDeliberation).Apply(dc, calendar(t)), "selection.passed_over_posts", 2, 1)
}
