package store

import (
	"context"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/quality"
	"zugong/internal/selection"
)

// dossierCheck runs the registry's data-quality check (三龄两历一身份) on
// one person of the jurisdiction. found is false when the registry holds no
// such person there.
func (s *SelectionService) dossierCheck(ctx context.Context, q rowQuerier, qs rowsQuerier, jurisdiction, personID string,
	today civil.Date) (findings []quality.Finding, found bool, err error) {
	people := s.db.People()
	r, err := people.load(ctx, q, personID)
	if fault.Is(err, fault.NotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if r.JurisdictionID != jurisdiction {
		return nil, false, nil
	}
	d, err := people.dossier(ctx, qs, r)
	if err != nil {
		return nil, false, err
	}
	return quality.Check(quality.DefaultConfig(), today, d), true, nil
}

// inspectDossiers makes each subject's dossier audit the registry's
// data-quality check of the person, run now: the caller's audit only says
// which findings were resolved and how. A finding is resolved when the
// caller resolved one of the same rule; a finding the caller did not see
// (the record changed since) stays unresolved, and Apply refuses the
// inspection until it is dealt with. A subject the registry does not hold
// is left as given, for Apply to refuse as not nominated.
func (s *SelectionService) inspectDossiers(ctx context.Context, tx *Tx, jurisdiction string, in selection.Inspection) (selection.Inspection, error) {
	today := s.today()
	subjects := make([]selection.Subject, len(in.Subjects))
	for i, sub := range in.Subjects {
		subjects[i] = sub
		found, ok, err := s.dossierCheck(ctx, tx.QueryRow, tx.Query, jurisdiction, sub.PersonID, today)
		if err != nil {
			return in, err
		}
		if !ok {
			continue
		}
		audit := selection.DossierAudit{AuditedOn: today}
		for _, f := range found {
			df := selection.DossierFinding{Rule: f.Rule}
			for _, given := range sub.Dossier.Findings {
				if given.Rule == f.Rule && given.Resolved {
					df.Resolved, df.Note = true, given.Note
				}
			}
			audit.Findings = append(audit.Findings, df)
		}
		subjects[i].Dossier = audit
	}
	in.Subjects = subjects
	return in, nil
}

// DossierFindings returns, by person ID, the registry's data-quality
// findings of each candidate of selection id's recommendation: what the
// inspection's dossier audit will hold if it is recorded today.
func (s *SelectionService) DossierFindings(ctx context.Context, id string) (map[string][]quality.Finding, error) {
	_, r, err := s.loadIn(ctx, access.SelectionRead, id)
	if err != nil {
		return nil, err
	}
	out := map[string][]quality.Finding{}
	if r.sel.Recommendation == nil {
		return out, nil
	}
	today := s.today()
	for _, n := range r.sel.Recommendation.Nominees {
		found, ok, err := s.dossierCheck(ctx, s.db.QueryRow, s.db.Query, r.jurisdiction, n.PersonID, today)
		if err != nil {
			return nil, err
		}
		if ok {
			out[n.PersonID] = found
		}
	}
	return out, nil
}
