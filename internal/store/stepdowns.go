package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/fault"
	"zugong/internal/selection"
)

// Leaders stepping down (能下) are kept by the selection service: a case is
// recorded on a decision like a selection's steps, under the same
// permissions, scoped by the leader's organisation (people.org_path) rather
// than by a unit whose post is filled. The rules of a case are
// selection.Stepdown.Validate's; the service adds what only the registry
// knows: the organ must be an organisation of the leader's jurisdiction and
// the post left one of the leader's current posts.

// RecordStepdown records a 能下 case and carries it into the leader's
// dossier in the same transaction: the current post titled d.Post ends on
// the decision's date, with its organ and document, and for every route but
// removal a current post titled d.NewPost begins that day. Record.By is the
// login of the principal. A leader outside the principal's scope is not
// found (field person_id), as is an unknown one; bad input writes nothing.
func (s *SelectionService) RecordStepdown(ctx context.Context, d selection.Stepdown) (*selection.Stepdown, error) {
	p, err := access.Require(ctx, access.SelectionManage)
	if err != nil {
		return nil, err
	}
	d = trimStepdown(d)
	d.By = p.Login
	if err := d.Validate(); err != nil {
		return nil, err
	}
	people := s.db.People()
	may := func(path string) error { return access.Check(p, access.SelectionManage, path) }
	err = s.db.Write(ctx, func(tx *Tx) error {
		old, err := people.lock(ctx, tx, d.PersonID, may)
		if fault.Is(err, fault.NotFound) {
			var f fault.Fields
			f.Add("person_id", "error.not_found")
			return f.Err()
		}
		if err != nil {
			return err
		}
		dossier, err := people.dossier(ctx, tx.Query, old)
		if err != nil {
			return err
		}
		var f fault.Fields
		organ, err := s.stepdownOrgan(ctx, tx, old.JurisdictionID, d.Organ, &f)
		if err != nil {
			return err
		}
		d.ApplyTo(dossier.Cadre, organ, &f)
		if err := f.Err(); err != nil {
			return err
		}
		if _, err := people.save(ctx, tx, p, *dossier, may); err != nil {
			return err
		}
		d.ID = NewID()
		if _, err := tx.Exec(ctx, `INSERT INTO stepdowns (jurisdiction_id, id, person_id, post, reason, route, new_post,
			decided_on, organ_id, reference, recorded_by, reason_date, basis, accountability_ref, version, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`, old.JurisdictionID, d.ID, d.PersonID, d.Post,
			string(d.Reason), string(d.Route), d.NewPost, d.Date, d.Organ, d.Reference, d.By, d.ReasonDate, d.Basis,
			d.AccountabilityRef, tx.Now().UnixMicro()); err != nil {
			return fmt.Errorf("insert stepdown: %w", err)
		}
		detail, _ := json.Marshal(map[string]any{"person": d.PersonID, "name": old.Name, "post": d.Post,
			"reason": d.Reason, "route": d.Route, "new_post": d.NewPost, "date": d.Date, "organ": d.Organ,
			"reference": d.Reference, "accountability_ref": d.AccountabilityRef})
		return tx.Audit(ctx, audit.Event{JurisdictionID: old.JurisdictionID, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
			Action: "selection.stepdown", TargetKind: "stepdowns", TargetID: d.ID, Detail: string(detail)})
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// trimStepdown trims what a form may surround with spaces.
func trimStepdown(d selection.Stepdown) selection.Stepdown {
	for _, s := range []*string{&d.PersonID, &d.Post, &d.NewPost, &d.Organ, &d.Reference, &d.Basis, &d.AccountabilityRef} {
		*s = strings.TrimSpace(*s)
	}
	return d
}

// stepdownOrgan returns the name of the deciding organ, which must be an
// organisation of the jurisdiction; otherwise f holds the problem.
func (s *SelectionService) stepdownOrgan(ctx context.Context, tx *Tx, jurisdiction, id string, f *fault.Fields) (string, error) {
	o, err := s.db.Orgs().load(ctx, tx.QueryRow, id)
	if fault.Is(err, fault.NotFound) || (err == nil && o.JurisdictionID != jurisdiction) {
		f.Add("organ", "selection.unknown_organ")
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return o.Name, nil
}

// maxStepdowns bounds a listing: a county decides tens of cases a year.
const maxStepdowns = 500

// Stepdowns returns the 能下 cases of the leaders the principal may read
// (access.SelectionRead over the leader's organisation), or of those in
// the subtree of under, most recent decision first.
func (s *SelectionService) Stepdowns(ctx context.Context, under string) ([]selection.StepdownListed, error) {
	p, err := access.Require(ctx, access.SelectionRead)
	if err != nil {
		return nil, err
	}
	scopes := p.Scopes(access.SelectionRead)
	if p.Operator {
		scopes = []string{"/"}
	}
	if under != "" {
		o, err := s.db.Orgs().load(ctx, s.db.QueryRow, under)
		if err != nil {
			return nil, err
		}
		if err := access.Check(p, access.SelectionRead, o.Path); err != nil {
			return nil, err
		}
		scopes = []string{o.Path}
	}
	where, args := scopeCondition("p.org_path", scopes)
	rows, err := s.db.Query(ctx, `SELECT s.id, s.person_id, s.post, s.reason, s.route, s.new_post, s.decided_on, s.organ_id,
		s.reference, s.recorded_by, s.reason_date, s.basis, s.accountability_ref, p.name, COALESCE(o.name, '')
		FROM stepdowns s
		JOIN people p ON p.jurisdiction_id = s.jurisdiction_id AND p.id = s.person_id
		LEFT JOIN orgs o ON o.jurisdiction_id = p.jurisdiction_id AND o.id = p.org_id
		WHERE `+where+` ORDER BY s.decided_on DESC, s.created_at DESC, s.id LIMIT `+fmt.Sprint(maxStepdowns), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []selection.StepdownListed
	for rows.Next() {
		var l selection.StepdownListed
		var reason, route string
		if err := rows.Scan(&l.ID, &l.PersonID, &l.Post, &reason, &route, &l.NewPost, &l.Date, &l.Organ, &l.Reference,
			&l.By, &l.ReasonDate, &l.Basis, &l.AccountabilityRef, &l.PersonName, &l.OrgName); err != nil {
			return nil, err
		}
		l.Reason, l.Route = selection.Reason(reason), selection.Route(route)
		out = append(out, l)
	}
	return out, rows.Err()
}
