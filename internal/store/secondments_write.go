package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/secondment"
)

// Save implements secondment.Service. A secondment without ID is created
// with whatever history it carries (extensions, early return, assessments),
// each step checked by its own rule; one with an ID has its base fields
// replaced while its person and history stay as stored (when Version is set
// it must match the stored version, so that an edit made on a stale copy is
// refused). The home unit defaults to the person's organisation; the unit
// names are taken from the organisations named. A secondment that overlaps
// another full-time secondment of the person is refused and nothing is
// written.
func (s *SecondmentService) Save(ctx context.Context, in *secondment.Secondment) (*secondment.Secondment, error) {
	p, err := access.Require(ctx, access.SecondmentManage)
	if err != nil {
		return nil, err
	}
	if in == nil {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	var saved secondment.Secondment
	err = s.db.Write(ctx, func(tx *Tx) error {
		var err error
		saved, err = s.save(ctx, tx, p, *in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &saved, nil
}

func (s *SecondmentService) save(ctx context.Context, tx *Tx, p *access.Principal, c secondment.Secondment) (secondment.Secondment, error) {
	var old *secondmentRow
	if c.ID != "" {
		var err error
		if old, err = s.lock(ctx, tx, p, c.ID); err != nil {
			return c, err
		}
		if c.Version != 0 && c.Version != old.Version {
			return c, fault.New(fault.Conflict, "error.conflict")
		}
		c.JurisdictionID, c.PersonID = old.JurisdictionID, old.PersonID
		c.Extensions, c.Return, c.MidTerm, c.EndOfTerm = old.Extensions, old.Return, old.MidTerm, old.EndOfTerm
	}
	path, err := s.place(ctx, tx, p, &c)
	if err != nil {
		return c, err
	}
	if err := s.checkOverlap(ctx, tx, &c, "start"); err != nil {
		return c, err
	}
	now := tx.Now().UnixMicro()
	action := "secondment.update"
	if old == nil {
		action, c.ID, c.Version = "secondment.create", NewID(), 1
		if err := insertSecondment(ctx, tx, &c, path, now); err != nil {
			return c, err
		}
	} else {
		c.Version = old.Version + 1
		if err := tx.ExecOne(ctx, `UPDATE secondments SET kind = ?, home_org_id = ?, home_org_path = ?, home_unit = ?,
			host_org_id = ?, host_unit = ?, host_post = ?, start_on = ?, end_on = ?, full_time = ?, decision_doc = ?,
			version = ?, updated_at = ? WHERE jurisdiction_id = ? AND id = ? AND version = ?`,
			string(c.Kind), c.HomeOrgID, path, c.HomeUnit, c.HostOrgID, c.HostUnit, c.HostPost, c.Start, c.End, c.FullTime,
			c.DecisionDoc, c.Version, now, c.JurisdictionID, c.ID, old.Version); err != nil {
			return c, fmt.Errorf("update secondment: %w", err)
		}
	}
	return c, tx.Audit(ctx, secondmentAudit(p, &c, action, map[string]any{"kind": c.Kind, "host_unit": c.HostUnit,
		"host_post": c.HostPost, "start": c.Start, "end": c.End, "extensions": len(c.Extensions)}))
}

// insertSecondment writes a new secondment with its history.
func insertSecondment(ctx context.Context, tx *Tx, c *secondment.Secondment, path string, now int64) error {
	var ret secondment.Return
	var mid, final secondment.Assessment
	if c.Return != nil {
		ret = *c.Return
	}
	if c.MidTerm != nil {
		mid = *c.MidTerm
	}
	if c.EndOfTerm != nil {
		final = *c.EndOfTerm
	}
	if _, err := tx.Exec(ctx, `INSERT INTO secondments (jurisdiction_id, id, person_id, kind, home_org_id, home_org_path,
		home_unit, host_org_id, host_unit, host_post, start_on, end_on, full_time, decision_doc, returned_on, return_reason,
		mid_on, mid_grade, mid_comment, final_on, final_grade, final_comment, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.JurisdictionID, c.ID, c.PersonID, string(c.Kind), c.HomeOrgID, path, c.HomeUnit, c.HostOrgID, c.HostUnit,
		c.HostPost, c.Start, c.End, c.FullTime, c.DecisionDoc, ret.On, ret.Reason, mid.On, string(mid.Grade), mid.Comment,
		final.On, string(final.Grade), final.Comment, c.Version, now, now); err != nil {
		return fmt.Errorf("insert secondment: %w", err)
	}
	for i := range c.Extensions {
		if err := insertExtension(ctx, tx, c, i); err != nil {
			return err
		}
	}
	return nil
}

// insertExtension writes extension i of c, numbered from 1.
func insertExtension(ctx context.Context, tx *Tx, c *secondment.Secondment, i int) error {
	e := c.Extensions[i]
	if _, err := tx.Exec(ctx, `INSERT INTO secondment_extensions (jurisdiction_id, secondment_id, seq, from_on, to_on,
		reason, decided_on) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.JurisdictionID, c.ID, i+1, e.From, e.To, e.Reason, e.Decided); err != nil {
		return fmt.Errorf("insert secondment extension: %w", err)
	}
	return nil
}

// place completes c from the records it names and checks them: the person
// (who must be visible to p), the home unit (which p must manage, in the
// person's jurisdiction) and the host when it is in the tree; then the
// secondment and its history. Every problem found is reported at once,
// beside its field. It returns the home unit's path.
func (s *SecondmentService) place(ctx context.Context, tx *Tx, p *access.Principal, c *secondment.Secondment) (string, error) {
	var f fault.Fields
	notFound := func(field string, err error) error {
		if fault.Is(err, fault.NotFound) {
			f.Add(field, "error.not_found")
			return nil
		}
		return err
	}
	var personJurisdiction string
	if c.PersonID != "" {
		j, orgID, err := s.personOf(ctx, tx, p, c.PersonID)
		if err := notFound("person", err); err != nil {
			return "", err
		}
		personJurisdiction = j
		if c.HomeOrgID == "" {
			c.HomeOrgID = orgID
		}
	}
	var path string
	if c.HomeOrgID != "" {
		o, err := s.db.Orgs().load(ctx, tx.QueryRow, c.HomeOrgID)
		if err == nil {
			err = access.Check(p, access.SecondmentManage, o.Path)
		}
		switch {
		case err != nil:
			if err := notFound("home_org", err); err != nil {
				return "", err
			}
		case personJurisdiction != "" && o.JurisdictionID != personJurisdiction:
			f.Add("home_org", "secondment.home_other_jurisdiction")
		default:
			c.JurisdictionID, c.HomeUnit, path = o.JurisdictionID, o.Name, o.Path
		}
	}
	if c.HostOrgID != "" {
		o, err := s.db.Orgs().load(ctx, tx.QueryRow, c.HostOrgID)
		if err == nil {
			err = access.Check(p, access.OrgRead, o.Path)
		}
		if err := notFound("host_org", err); err != nil {
			return "", err
		}
		if err == nil && c.HostUnit == "" {
			c.HostUnit = o.Name
		}
	}
	if e, ok := fault.As(c.CheckHistory()); ok {
		for name, fe := range e.Fields {
			f.Add(name, fe.Key, fe.Args...)
		}
	}
	return path, f.Err()
}

// personOf returns the jurisdiction and organisation of a person p may see.
func (s *SecondmentService) personOf(ctx context.Context, tx *Tx, p *access.Principal, id string) (jurisdiction, orgID string, err error) {
	if !ValidID(id) {
		return "", "", errBadID
	}
	var path string
	err = tx.QueryRow(ctx, `SELECT jurisdiction_id, org_id, org_path FROM people WHERE id = ?`, id).Scan(&jurisdiction, &orgID, &path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", errNoRow
	}
	if err != nil {
		return "", "", fmt.Errorf("read person %s: %w", id, err)
	}
	return jurisdiction, orgID, access.Check(p, access.OrgRead, path)
}

// checkOverlap refuses c when it overlaps another full-time secondment of
// the same person, naming field: the start of a new secondment, the new end
// of an extension.
func (s *SecondmentService) checkOverlap(ctx context.Context, tx *Tx, c *secondment.Secondment, field string) error {
	rows, err := s.ofPerson(ctx, tx.Query, c.JurisdictionID, c.PersonID)
	if err != nil {
		return err
	}
	others := make([]secondment.Secondment, len(rows))
	for i, r := range rows {
		others[i] = r.Secondment
	}
	if o := c.Overlapping(others); o != nil {
		var f fault.Fields
		f.Add(field, "secondment.overlap", o.HostUnit, o.Start.String(), o.EffectiveEnd().String())
		return f.Err()
	}
	return nil
}

// Extend implements secondment.Service: the planned end moves to to. An
// extension into another full-time secondment of the person is refused.
func (s *SecondmentService) Extend(ctx context.Context, id string, to civil.Date, reason string, decided civil.Date) error {
	return s.change(ctx, id, "secondment.extend", func(tx *Tx, r *secondmentRow) (string, []any, map[string]any, error) {
		if err := r.Extend(to, reason, decided); err != nil {
			return "", nil, nil, err
		}
		if err := s.checkOverlap(ctx, tx, &r.Secondment, "to"); err != nil {
			return "", nil, nil, err
		}
		n := len(r.Extensions) - 1
		if err := insertExtension(ctx, tx, &r.Secondment, n); err != nil {
			return "", nil, nil, err
		}
		e := r.Extensions[n]
		return "end_on = ?", []any{r.End}, map[string]any{"from": e.From, "to": e.To, "reason": e.Reason, "decided": e.Decided}, nil
	})
}

// ReturnEarly implements secondment.Service.
func (s *SecondmentService) ReturnEarly(ctx context.Context, id string, on civil.Date, reason string) error {
	return s.change(ctx, id, "secondment.return", func(tx *Tx, r *secondmentRow) (string, []any, map[string]any, error) {
		if err := r.ReturnEarly(on, reason); err != nil {
			return "", nil, nil, err
		}
		return "returned_on = ?, return_reason = ?", []any{on, reason}, map[string]any{"on": on, "reason": reason}, nil
	})
}

// Assess implements secondment.Service. A later assessment of the same
// stage replaces the earlier one; the audit trail keeps both.
func (s *SecondmentService) Assess(ctx context.Context, id string, final bool, a secondment.Assessment) error {
	return s.change(ctx, id, "secondment.assess", func(tx *Tx, r *secondmentRow) (string, []any, map[string]any, error) {
		set, stage := "mid_on = ?, mid_grade = ?, mid_comment = ?", "mid_term"
		assess := r.AssessMidTerm
		if final {
			set, stage, assess = "final_on = ?, final_grade = ?, final_comment = ?", "end_of_term", r.AssessEndOfTerm
		}
		if err := assess(a); err != nil {
			return "", nil, nil, err
		}
		return set, []any{a.On, string(a.Grade), a.Comment}, map[string]any{"stage": stage, "on": a.On, "grade": a.Grade}, nil
	})
}

// change runs one change of a stored secondment in a transaction: fn
// applies it to the locked row and returns the columns to set, their
// values and the audit detail; the version moves on and the action is
// audited.
func (s *SecondmentService) change(ctx context.Context, id, action string,
	fn func(tx *Tx, r *secondmentRow) (set string, args []any, detail map[string]any, err error)) error {
	p, err := access.Require(ctx, access.SecondmentManage)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		r, err := s.lock(ctx, tx, p, id)
		if err != nil {
			return err
		}
		set, args, detail, err := fn(tx, r)
		if err != nil {
			return err
		}
		old := r.Version
		r.Version++
		args = append(args, r.Version, tx.Now().UnixMicro(), r.JurisdictionID, r.ID, old)
		if err := tx.ExecOne(ctx, `UPDATE secondments SET `+set+`, version = ?, updated_at = ?
			WHERE jurisdiction_id = ? AND id = ? AND version = ?`, args...); err != nil {
			return fmt.Errorf("%s: %w", action, err)
		}
		return tx.Audit(ctx, secondmentAudit(p, &r.Secondment, action, detail))
	})
}
