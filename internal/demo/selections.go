package demo

import (
	"context"
	"fmt"

	"zugong/internal/civil"
	"zugong/internal/org"
	"zugong/internal/quality"
	"zugong/internal/selection"
)

// SelectionPlan is one selection of the demo county: the unit and post, the
// motion that opens it, the steps it has reached since, and objections
// received during its publicity.
type SelectionPlan struct {
	OrgID      string
	Post       string
	Motion     selection.Motion
	Steps      []selection.Step
	Objections []selection.Objection
}

// SelectionRecorder is what RecordSelections needs of the selection
// service (store.SelectionService).
type SelectionRecorder interface {
	Open(ctx context.Context, orgID, post string, m selection.Motion) (*selection.Selection, error)
	Apply(ctx context.Context, id string, step selection.Step) (*selection.Selection, error)
	Object(ctx context.Context, id string, o selection.Objection) (*selection.Selection, error)
}

// Selections plans five selections for posts of the townships of county,
// one at each kind of moment a department has on its desk: one complete
// with its probation confirmed, one appointed whose probation is due for
// review, one in its 任前公示 with an objection to look into, one being
// inspected, and one just moved. cadres are the people to nominate (person
// IDs of the registry, two per selection, reused when fewer); orgs is the
// county's tree, in which the county's party committee is the deciding
// body. The dates are fixed, within the years of the shipped holiday
// calendar, so the same county gives the same selections on every day.
func Selections(county org.Org, orgs []org.Org, cadres []string) []SelectionPlan {
	if len(cadres) < 2 {
		return nil
	}
	organ := county.ID
	var towns []org.Org
	for _, o := range orgs {
		switch {
		case o.Kind == org.PartyCommittee && o.ParentID == county.ID && organ == county.ID:
			organ = o.ID
		case (o.Kind == org.Township || o.Kind == org.Subdistrict) && o.JurisdictionID == county.JurisdictionID:
			towns = append(towns, o)
		}
	}
	if len(towns) == 0 {
		return nil
	}
	pair := func(i int) (string, string) { return cadres[(2*i)%len(cadres)], cadres[(2*i+1)%len(cadres)] }
	town := func(i int) org.Org { return towns[i%len(towns)] }
	g := planner{organ: organ}

	var out []SelectionPlan
	a, b := pair(0)
	out = append(out, g.plan(town(0), "党委副书记", "2024-05-06", a, b, selection.StageProbation, dates{
		recommend: "2024-06-03", inspect: "2024-07-01", deliberate: "2024-11-01", decide: "2024-11-14", publicise: "2024-11-15",
		appoint: "2024-11-22", review: "2025-11-24"}))
	a, b = pair(1)
	out = append(out, g.plan(town(1), "党委书记", "2025-03-03", a, b, selection.StageAppointment, dates{
		recommend: "2025-03-10", inspect: "2025-04-01", deliberate: "2025-09-10", decide: "2025-09-25", publicise: "2025-09-26",
		appoint: "2025-10-10"}))
	a, b = pair(2)
	p := g.plan(town(2), "纪委书记", "2026-05-06", a, b, selection.StagePublicity, dates{
		recommend: "2026-06-15", inspect: "2026-07-06", deliberate: "2026-11-10", decide: "2026-11-19", publicise: "2026-11-23"})
	p.Objections = []selection.Objection{{PersonID: a, Text: "反映其在村级项目验收中把关不严。", Received: day("2026-11-24")}}
	out = append(out, p)
	a, b = pair(3)
	out = append(out, g.plan(town(3), "党委组织委员", "2026-05-06", a, b, selection.StageInspection, dates{
		recommend: "2026-06-15", inspect: "2026-07-06"}))
	a, b = pair(4)
	out = append(out, g.plan(town(4), "党委宣传委员", "2026-11-02", a, b, selection.StageMotion, dates{}))
	return out
}

// dates are the days of a plan's steps after the motion.
type dates struct {
	recommend, inspect, deliberate, decide, publicise, appoint, review string
}

// planner writes plans whose steps are all decided by one body.
type planner struct{ organ string }

func day(s string) civil.Date { return civil.MustParse(s) }

// rec is the Record of a step. By names the demo; the selection service
// records its own principal instead.
func (g planner) rec(date string, n int) selection.Record {
	return selection.Record{Date: day(date), Organ: g.organ, By: "demo", Reference: fmt.Sprintf("正组〔%s〕%d号", date[:4], n)}
}

// plan is a selection of one post in town with candidates a and b, in
// which a is appointed, taken as far as stage.
func (g planner) plan(town org.Org, post, opened, a, b string, stage selection.Stage, d dates) SelectionPlan {
	p := SelectionPlan{OrgID: town.ID, Post: town.Name + post, Motion: selection.Motion{Record: g.rec(opened, 1),
		WorkPlan: "关于" + town.Name + post + "人选的选拔任用工作方案", Posts: 1, Approved: 1, Occupied: 0}}
	// Each step is built only when the plan reaches it: a plan that stops
	// early has no dates for the steps after.
	steps := []func() selection.Step{
		func() selection.Step {
			return selection.Recommendation{Record: g.rec(d.recommend, 2), Participants: 46,
				Nominees: []selection.Nominee{{PersonID: a, Votes: 35}, {PersonID: b, Votes: 27}}}
		},
		func() selection.Step {
			return selection.Inspection{Record: g.rec(d.inspect, 3), NoticeDate: day(d.inspect).AddDays(-5),
				Subjects: []selection.Subject{subject(a, day(d.inspect)), subject(b, day(d.inspect))}}
		},
		func() selection.Step {
			return selection.Deliberation{Record: g.rec(d.deliberate, 4), Consultation: "与县委主要负责同志、分管同志酝酿，均无不同意见。"}
		},
		func() selection.Step {
			return selection.Decision{Record: g.rec(d.decide, 5), Due: 11, Present: 10,
				Ballots: []selection.Ballot{{PersonID: a, Agree: 9, Disagree: 1}, {PersonID: b, Agree: 2, Disagree: 6, Defer: 2}}}
		},
		func() selection.Step {
			return selection.Publicity{Record: g.rec(d.decide, 6), Start: day(d.publicise), Candidates: []string{a},
				Phone: "0396-8012345", Address: "正阳县真阳街道县委大院组织部"}
		},
		func() selection.Step {
			return selection.Appointment{Record: g.rec(d.appoint, 7), Appointees: []selection.Appointee{
				{PersonID: a, TalkDate: day(d.appoint), TalkBy: "县委副书记", Leading: true}}}
		},
		func() selection.Step {
			return selection.ProbationReview{Record: g.rec(d.review, 8), Outcomes: []selection.ProbationOutcome{
				{PersonID: a, Result: selection.Confirm, Assessment: "试用期满考核称职，胜任现职。"}}}
		},
	}
	if stage != selection.StageMotion {
		for i, build := range steps {
			p.Steps = append(p.Steps, build())
			if selection.Stages[i+1] == stage {
				break
			}
		}
	}
	return p
}

// subject is a complete inspection of one candidate. The registry's
// data-quality check becomes the dossier audit when the step is recorded;
// the demo county plants flaws, so every rule is marked resolved here, and
// the service keeps only the findings the check actually makes, dated the
// day it runs.
func subject(id string, on civil.Date) selection.Subject {
	s := selection.Subject{PersonID: id, Dossier: selection.DossierAudit{AuditedOn: on}, Findings: "政治立场坚定，工作实绩突出，群众认可度高。", PersonalMattersChecked: true,
		DisciplineOpinion: "未发现影响使用的问题。", IntegritySigned: true, IntegritySigner: "县纪委监委"}
	for _, r := range quality.Rules {
		s.Dossier.Findings = append(s.Dossier.Findings, selection.DossierFinding{Rule: r.ID, Resolved: true,
			Note: "经核实，已据干部人事档案更正。"})
	}
	return s
}

// RecordSelections records the plans through the selection service, as
// the principal in ctx, and returns how many selections it opened.
func RecordSelections(ctx context.Context, svc SelectionRecorder, plans []SelectionPlan) (int, error) {
	for i, p := range plans {
		sel, err := svc.Open(ctx, p.OrgID, p.Post, p.Motion)
		if err != nil {
			return i, fmt.Errorf("open selection for %s: %w", p.Post, err)
		}
		for _, st := range p.Steps {
			if _, err := svc.Apply(ctx, sel.ID, st); err != nil {
				return i, fmt.Errorf("selection for %s, %s: %w", p.Post, st.Stage(), err)
			}
		}
		for _, o := range p.Objections {
			if _, err := svc.Object(ctx, sel.ID, o); err != nil {
				return i, fmt.Errorf("selection for %s, objection: %w", p.Post, err)
			}
		}
	}
	return len(plans), nil
}
