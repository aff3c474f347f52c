package store

import (
	"context"
	"fmt"
	"slices"

	"zugong/internal/access"
	"zugong/internal/talent"
)

// TalentSeed is a generated year of a jurisdiction's talent work, as
// zugong/internal/demo makes it: every record with its ID.
type TalentSeed struct {
	Projects     []talent.Project
	Engagements  []talent.Engagement
	Entities     []talent.Entity
	Services     []talent.Service
	Applications []talent.Application
	// Verified says, per service, whether staff have verified it.
	Verified []bool
	// ApplicationOf names, per engagement, the accepted application it
	// came from; empty, or an empty name, for one recorded directly.
	ApplicationOf []string
}

// SeedTalent writes a generated year of talent work in one transaction,
// audited as one event. Each record is checked by its domain rule first;
// the people, organisations and projects it names must exist.
func (s *TalentService) SeedTalent(ctx context.Context, p *access.Principal, jurisdiction string, w TalentSeed) error {
	if len(w.Verified) != len(w.Services) {
		return fmt.Errorf("seed talent work: %d verification flags for %d services", len(w.Verified), len(w.Services))
	}
	if len(w.ApplicationOf) != 0 && len(w.ApplicationOf) != len(w.Engagements) {
		return fmt.Errorf("seed talent work: %d applications named for %d engagements", len(w.ApplicationOf), len(w.Engagements))
	}
	projects := map[string]*talent.Project{}
	for i := range w.Projects {
		pr := &w.Projects[i]
		if err := pr.Validate(); err != nil {
			return fmt.Errorf("seed project %q: %w", pr.Title, err)
		}
		projects[pr.ID] = pr
	}
	for i := range w.Engagements {
		if err := w.Engagements[i].Validate(); err != nil {
			return fmt.Errorf("seed engagement %d: %w", i, err)
		}
	}
	for i := range w.Entities {
		if err := w.Entities[i].Validate(); err != nil {
			return fmt.Errorf("seed entity %q: %w", w.Entities[i].Name, err)
		}
	}
	for i := range w.Services {
		if err := w.Services[i].Validate(); err != nil {
			return fmt.Errorf("seed service %d: %w", i, err)
		}
	}
	for i := range w.Applications {
		a := w.Applications[i]
		pr := projects[a.ProjectID]
		if pr == nil || !slices.Contains(talent.ApplicationStatuses, a.Status) || !pr.Allows(a.Form) {
			return fmt.Errorf("seed application %d: bad project, status or form", i)
		}
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		now := tx.Now().UnixMicro()
		bp := newBulk("talent_projects", `jurisdiction_id, id, org_id, owner_kind, owner_id, owner_name, title, description,
			skills, categories, forms, region, start_on, end_on, openings, deadline, visibility, version, created_at, updated_at`)
		for _, pr := range w.Projects {
			reqs := make([]requirementJSON, len(pr.Skills))
			for i, q := range pr.Skills {
				reqs[i] = requirementJSON{Skill: q.Skill, MinLevel: q.MinLevel, Weight: q.Weight}
			}
			skills, err := encodeJSON(reqs)
			if err != nil {
				return err
			}
			categories, err := encodeJSON(orEmpty(pr.Categories))
			if err != nil {
				return err
			}
			forms, err := encodeJSON(orEmpty(pr.Forms))
			if err != nil {
				return err
			}
			bp.add(jurisdiction, pr.ID, pr.OrgID, string(pr.Owner.Kind), pr.Owner.ID, pr.Owner.Name, pr.Title, pr.Description,
				skills, categories, forms, pr.Region, pr.Start, pr.End, pr.Openings, pr.Deadline, string(pr.Visibility), 1, now, now)
		}
		be := newBulk("talent_entities", `jurisdiction_id, id, org_id, name, entity_type, credit_code, registered_capital,
			founded_on, jobs, version, created_at, updated_at`)
		bf := newBulk("talent_entity_founders", `jurisdiction_id, entity_id, seq, person_id`)
		for _, e := range w.Entities {
			be.add(jurisdiction, e.ID, e.OrgID, e.Name, string(e.Type), e.CreditCode, e.RegisteredCapital, e.Founded, e.Jobs, 1, now, now)
			for i, f := range e.Founders {
				bf.add(jurisdiction, e.ID, i+1, f)
			}
		}
		bg := newBulk("talent_engagements", `jurisdiction_id, id, person_id, project_id, entity_id, form, capital, start_on,
			end_on, status, public_employee, approval_unit, approver, approval_on, approval_doc, application_id, version,
			created_at, updated_at`)
		bx := newBulk("talent_engagement_factors", `jurisdiction_id, engagement_id, kind, amount`)
		for i, e := range w.Engagements {
			var ap talent.Approval
			if e.Approval != nil {
				ap = *e.Approval
			}
			bg.add(jurisdiction, e.ID, e.TalentID, e.ProjectID, e.EntityID, string(e.Form), capitalOf(e.Factors), e.Start, e.End,
				string(e.Status), e.PublicEmployee, ap.Unit, ap.Approver, ap.Date, ap.Document, at(w.ApplicationOf, i), 1, now, now)
			for _, f := range e.Factors {
				bx.add(jurisdiction, e.ID, string(f.Kind), f.Amount)
			}
		}
		bs := newBulk("talent_services", `jurisdiction_id, id, person_id, served_on, kind, beneficiaries, evidence, summary,
			verified, reported_by, verified_by, version, created_at, updated_at`)
		for i, sv := range w.Services {
			verifier := ""
			if w.Verified[i] {
				verifier = p.UserID
			}
			bs.add(jurisdiction, sv.ID, sv.TalentID, sv.Date, string(sv.Kind), sv.Beneficiaries, sv.Evidence, sv.Summary,
				w.Verified[i], p.UserID, verifier, 1, now, now)
		}
		ba := newBulk("talent_applications", `jurisdiction_id, id, project_id, person_id, kind, form, factors, message, status,
			created_on, decided_on, created_by, version, created_at, updated_at`)
		for _, a := range w.Applications {
			ba.add(jurisdiction, a.ID, a.ProjectID, a.TalentID, string(a.Kind), string(a.Form), encodeFactors(a.Factors),
				a.Message, string(a.Status), a.Created, a.Decided, p.UserID, 1, now, now)
		}
		// Parents before children: projects and entities, then what names them.
		for _, b := range []*bulk{bp, be, bf, bg, bx, bs, ba} {
			if err := b.flush(ctx, tx); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, talentAudit(p, jurisdiction, "talent.seed", "talent_projects", jurisdiction, map[string]any{
			"projects": len(w.Projects), "engagements": len(w.Engagements), "entities": len(w.Entities),
			"services": len(w.Services), "applications": len(w.Applications)}))
	})
}

// at is xs[i], or "" past its end.
func at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}
