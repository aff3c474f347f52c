package selection

import (
	"testing"

	"zugong/internal/person"
)

func TestProposal(t *testing.T) {
	const decided = "工作需要。经2025年9月25日会议讨论决定（正组〔2025〕1号）。"
	deputy := person.Post{UnitID: "org-town", UnitName: "乡", Title: "副乡长", Leading: true, Current: true}
	held := []person.Post{
		deputy,
		{UnitID: "org-town", UnitName: "乡", Title: "党委委员", Leading: true, Current: true},
		{UnitID: "org-town", UnitName: "乡", Title: "四级主任科员", Current: true},
		{UnitID: "org-town", UnitName: "乡", Title: "乡长助理", Leading: true},
		{UnitID: "org-other", UnitName: "县林业局", Title: "副局长", Leading: true, Current: true},
		{UnitID: "org-town", UnitName: "", Title: "乡党委书记", Leading: true, Current: true},
	}
	tests := []struct {
		name     string
		last     Stage
		person   string
		held     []person.Post
		upheld   bool
		want     person.Proposal
		nominee  bool
		reckoned string
	}{
		{name: "nobody is a candidate before the recommendation", last: StageMotion, person: "p1"},
		{name: "a stranger is no candidate", last: StageAppointment, person: "p9"},
		{name: "a nominee is proposed for the post as proposed", last: StageRecommendation, person: "p2", nominee: true,
			want: person.Proposal{Appoint: "乡党委书记", Reason: "工作需要"}},
		{name: "a subject of the inspection is still proposed", last: StageDeliberation, person: "p2", nominee: true,
			want: person.Proposal{Appoint: "乡党委书记", Reason: "工作需要"}},
		{name: "a candidate the meeting did not pass is proposed nothing", last: StageDecision, person: "p2", nominee: true},
		{name: "a candidate who passed is proposed with the decision", last: StageDecision, person: "p1", nominee: true,
			want: person.Proposal{Appoint: "乡党委书记", Reason: decided}, reckoned: "2025-09-25"},
		{name: "an upheld objection takes the proposal away", last: StagePublicity, person: "p1", upheld: true, nominee: true},
		{name: "an appointee keeps the proposal", last: StageProbation, person: "p1", nominee: true,
			want: person.Proposal{Appoint: "乡党委书记", Reason: decided}, reckoned: "2025-09-25"},
		{name: "only current leading posts in the unit are removed, the post itself not", last: StageDecision, person: "p1",
			held: held, nominee: true,
			want: person.Proposal{Appoint: "乡党委书记", Remove: "乡副乡长，乡党委委员", Reason: decided}, reckoned: "2025-09-25"},
		{name: "nothing is removed for a candidate out of the running", last: StageDecision, person: "p2",
			held: []person.Post{deputy}, nominee: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := upTo(t, tt.last)
			if tt.upheld {
				s.Publicity.Objections = append(s.Publicity.Objections, Objection{ID: "o1", PersonID: tt.person,
					Text: "反映其优亲厚友。", Upheld: true, ResolvedOn: d("2025-10-09")})
			}
			if tt.reckoned != "" {
				tt.want.AgeReckonedOn = d(tt.reckoned)
			}
			got, ok := s.Proposal(tt.person, tt.held)
			if ok != tt.nominee {
				t.Fatalf("candidate: got %v, want %v", ok, tt.nominee)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
