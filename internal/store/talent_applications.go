package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/talent"
)

const applicationColumns = `a.jurisdiction_id, a.id, a.project_id, a.person_id, a.kind, a.form, a.factors, a.message,
	a.status, a.created_on, a.decided_on, a.version, p.name, p.org_path, r.title, o.path`

const applicationFrom = ` FROM talent_applications a
	JOIN people p ON p.jurisdiction_id = a.jurisdiction_id AND p.id = a.person_id
	JOIN talent_projects r ON r.jurisdiction_id = a.jurisdiction_id AND r.id = a.project_id
	JOIN orgs o ON o.jurisdiction_id = r.jurisdiction_id AND o.id = r.org_id`

type applicationRow struct {
	talent.ApplicationListed
	jurisdiction, talentPath, projectPath string
	version                               int
}

func scanApplication(sc scanner) (*applicationRow, error) {
	var r applicationRow
	var kind, form, factors, status string
	if err := sc.Scan(&r.jurisdiction, &r.ID, &r.ProjectID, &r.TalentID, &kind, &form, &factors, &r.Message, &status,
		&r.Created, &r.Decided, &r.version, &r.TalentName, &r.talentPath, &r.ProjectTitle, &r.projectPath); err != nil {
		return nil, normalize(err)
	}
	r.Kind, r.Form, r.Status = talent.ApplicationKind(kind), talent.Form(form), talent.ApplicationStatus(status)
	var err error
	if r.Factors, err = decodeFactors(factors); err != nil {
		return nil, err
	}
	return &r, nil
}

// applicationReach is the condition that the actor sees application a:
// staff over the project's organisation or over the talent's, or the
// talent themselves.
func applicationReach(ac *talentActor) (string, []any) {
	var reach []string
	var args []any
	if ac.staff() {
		c1, a1 := scopeCondition("o.path", ac.scopes)
		c2, a2 := scopeCondition("p.org_path", ac.scopes)
		reach, args = append(reach, c1, c2), append(append(args, a1...), a2...)
	}
	if ac.self != "" {
		reach, args = append(reach, "a.person_id = ?"), append(args, ac.self)
	}
	return "(" + strings.Join(reach, " OR ") + ")", args
}

// Applications implements talent.Records: newest first.
func (s *TalentService) Applications(ctx context.Context, f talent.Filter) ([]talent.ApplicationListed, error) {
	ac, err := actor(ctx, access.TalentRead)
	if err != nil {
		return nil, err
	}
	cond, args := applicationReach(ac)
	conds := []string{cond}
	if f.ProjectID != "" {
		conds, args = append(conds, "a.project_id = ?"), append(args, f.ProjectID)
	}
	if f.PersonID != "" {
		conds, args = append(conds, "a.person_id = ?"), append(args, f.PersonID)
	}
	if f.Status != "" {
		if !slices.Contains(talent.ApplicationStatuses, talent.ApplicationStatus(f.Status)) {
			var bad fault.Fields
			bad.Add("status", "field.invalid_choice")
			return nil, bad.Err()
		}
		conds, args = append(conds, "a.status = ?"), append(args, f.Status)
	}
	limit, offset := pageOf(f)
	list, err := collect(scanApplication)(s.db.Query(ctx, `SELECT `+applicationColumns+applicationFrom+` WHERE `+
		strings.Join(conds, " AND ")+` ORDER BY a.created_at DESC, a.id LIMIT ? OFFSET ?`, append(args, limit, offset)...))
	if err != nil {
		return nil, fmt.Errorf("list applications: %w", err)
	}
	out := make([]talent.ApplicationListed, len(list))
	for i, r := range list {
		out[i] = r.ApplicationListed
	}
	return out, nil
}

// Application implements talent.Records.
func (s *TalentService) Application(ctx context.Context, id string) (*talent.ApplicationListed, error) {
	ac, err := actor(ctx, access.TalentRead)
	if err != nil {
		return nil, err
	}
	if !ValidID(id) {
		return nil, errBadID
	}
	var jurisdiction string
	if err := s.db.QueryRow(ctx, `SELECT jurisdiction_id FROM talent_applications WHERE id = ?`, id).Scan(&jurisdiction); err != nil {
		return nil, normalize(err)
	}
	r, err := applicationIn(ctx, s.db.QueryRow, ac, jurisdiction, id)
	if err != nil {
		return nil, err
	}
	return &r.ApplicationListed, nil
}

// applicationIn reads an application of the jurisdiction the actor sees.
func applicationIn(ctx context.Context, q rowQuerier, ac *talentActor, jurisdiction, id string) (*applicationRow, error) {
	cond, args := applicationReach(ac)
	return scanApplication(q(ctx, `SELECT `+applicationColumns+applicationFrom+` WHERE a.jurisdiction_id = ?
		AND a.id = ? AND `+cond, append([]any{jurisdiction, id}, args...)...))
}

// Propose implements talent.Records. A talent applies for themselves (staff
// may record an application for a talent in their subtrees); staff over
// the project's organisation invite. The project must take it (see
// talent.Application.Validate) and the talent must have no other pending
// proposal for the project.
func (s *TalentService) Propose(ctx context.Context, in *talent.Application) (*talent.Application, error) {
	ac, err := actor(ctx, access.TalentManage)
	if err != nil {
		return nil, err
	}
	if in == nil {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	ap := *in
	ap.ID, ap.Status, ap.Created, ap.Decided = "", talent.Pending, s.today(), civil.Date{}
	err = s.db.Write(ctx, func(tx *Tx) error {
		pr, err := s.loadProject(ctx, tx.QueryRow, ac, ap.ProjectID)
		if err != nil {
			return err
		}
		if ap.Kind == talent.Invite && !ac.reachesOrg(pr.path) {
			return fault.New(fault.NotFound, "error.not_found")
		}
		pp, err := placeOf(ctx, tx.QueryRow, ap.TalentID)
		if err == nil && (!pp.isTalent || pp.jurisdiction != pr.jurisdiction ||
			(ap.Kind == talent.Apply && !ac.reaches(ap.TalentID, pp.path))) {
			err = fault.New(fault.NotFound, "error.not_found")
		}
		if fault.Is(err, fault.NotFound) && ap.TalentID != "" {
			var f fault.Fields
			f.Add("talent_id", "talent.not_a_talent")
			return f.Err()
		}
		if err != nil && ap.TalentID != "" {
			return err
		}
		if err := ap.Validate(&pr.Project); err != nil {
			return err
		}
		var pending int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM talent_applications WHERE jurisdiction_id = ? AND project_id = ?
			AND person_id = ? AND status = ?`, pr.jurisdiction, pr.ID, ap.TalentID, string(talent.Pending)).Scan(&pending); err != nil {
			return fmt.Errorf("check pending applications: %w", err)
		}
		if pending > 0 {
			return fault.New(fault.Conflict, "talent.application.duplicate")
		}
		now := tx.Now().UnixMicro()
		ap.ID = NewID()
		if _, err := tx.Exec(ctx, `INSERT INTO talent_applications (jurisdiction_id, id, project_id, person_id, kind, form,
			factors, message, status, created_on, decided_on, created_by, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, 1, ?, ?)`, pr.jurisdiction, ap.ID, ap.ProjectID, ap.TalentID,
			string(ap.Kind), string(ap.Form), encodeFactors(ap.Factors), ap.Message, string(ap.Status), ap.Created,
			ac.p.UserID, now, now); err != nil {
			return fmt.Errorf("insert application: %w", err)
		}
		return tx.Audit(ctx, talentAudit(ac.p, pr.jurisdiction, "talent.application."+string(ap.Kind), "talent_application",
			ap.ID, map[string]any{"project_id": ap.ProjectID, "person_id": ap.TalentID, "form": ap.Form}))
	})
	if err != nil {
		return nil, err
	}
	return &ap, nil
}

// lockApplication reads an application the actor sees, for update.
func (s *TalentService) lockApplication(ctx context.Context, tx *Tx, ac *talentActor, id string) (*applicationRow, error) {
	if !ValidID(id) {
		return nil, errBadID
	}
	var jurisdiction string
	if err := tx.QueryRow(ctx, `SELECT jurisdiction_id FROM talent_applications WHERE id = ?`, id).Scan(&jurisdiction); err != nil {
		return nil, normalize(err)
	}
	if err := lockRow(ctx, tx, "talent_applications", jurisdiction, id); err != nil {
		return nil, err
	}
	return applicationIn(ctx, tx.QueryRow, ac, jurisdiction, id)
}

// The sides of an application: the talent, and the project's owner.
const (
	talentSide = iota
	ownerSide
)

// acts reports whether the actor may act for side of application r: the
// talent themselves or staff over the talent; staff over the project.
func (ac *talentActor) acts(r *applicationRow, side int) bool {
	if side == talentSide {
		return ac.reaches(r.TalentID, r.talentPath)
	}
	return ac.reachesOrg(r.projectPath)
}

// answering is the side that accepts or declines r.
func answering(r *applicationRow) int {
	if r.DecidedByTalent() {
		return talentSide
	}
	return ownerSide
}

// Accept implements talent.Records: the side that did not make the
// proposal accepts it, and its engagement is recorded in the same
// transaction. A public employee leaving their post needs approval.
func (s *TalentService) Accept(ctx context.Context, id string, approval *talent.Approval) (*talent.Engagement, error) {
	ac, err := actor(ctx, access.TalentManage)
	if err != nil {
		return nil, err
	}
	var out talent.Engagement
	err = s.db.Write(ctx, func(tx *Tx) error {
		r, err := s.lockApplication(ctx, tx, ac, id)
		if err != nil {
			return err
		}
		if !ac.acts(r, answering(r)) {
			return fault.New(fault.Forbidden, "talent.application.other_side")
		}
		// The actor may answer the application, which names the project.
		pr, err := s.projectWhere(ctx, tx.QueryRow, r.ProjectID, "1 = 1", nil)
		if err != nil {
			return err
		}
		if err := lockRow(ctx, tx, "talent_projects", pr.jurisdiction, pr.ID); err != nil {
			return err
		}
		public, err := isPublicEmployee(ctx, tx.QueryRow, r.jurisdiction, r.TalentID)
		if err != nil {
			return err
		}
		app := r.Application
		e, err := talent.Accept(&app, &pr.Project, talent.Acceptance{On: s.today(), Filled: pr.Filled,
			PublicEmployee: public, Approval: approval})
		if err != nil {
			return err
		}
		if err := s.decide(ctx, tx, ac, r, &app); err != nil {
			return err
		}
		out, err = s.writeEngagement(ctx, tx, ac, e, &personPlace{jurisdiction: r.jurisdiction}, nil, r.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Decline implements talent.Records: the side that did not make the
// proposal refuses it.
func (s *TalentService) Decline(ctx context.Context, id string) error {
	return s.close(ctx, id, func(r *applicationRow) int { return answering(r) }, (*talent.Application).Decline)
}

// Withdraw implements talent.Records: the side that made the proposal
// takes it back.
func (s *TalentService) Withdraw(ctx context.Context, id string) error {
	return s.close(ctx, id, func(r *applicationRow) int { return 1 - answering(r) }, (*talent.Application).Withdraw)
}

func (s *TalentService) close(ctx context.Context, id string, side func(*applicationRow) int, step func(*talent.Application, civil.Date) error) error {
	ac, err := actor(ctx, access.TalentManage)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		r, err := s.lockApplication(ctx, tx, ac, id)
		if err != nil {
			return err
		}
		if !ac.acts(r, side(r)) {
			return fault.New(fault.Forbidden, "talent.application.other_side")
		}
		app := r.Application
		if err := step(&app, s.today()); err != nil {
			return err
		}
		return s.decide(ctx, tx, ac, r, &app)
	})
}

// decide writes the new status of an application and audits it.
func (s *TalentService) decide(ctx context.Context, tx *Tx, ac *talentActor, r *applicationRow, app *talent.Application) error {
	if err := tx.ExecOne(ctx, `UPDATE talent_applications SET status = ?, decided_on = ?, version = ?, updated_at = ?
		WHERE jurisdiction_id = ? AND id = ? AND version = ?`, string(app.Status), app.Decided, r.version+1,
		tx.Now().UnixMicro(), r.jurisdiction, r.ID, r.version); err != nil {
		return fmt.Errorf("decide application: %w", err)
	}
	return tx.Audit(ctx, talentAudit(ac.p, r.jurisdiction, "talent.application."+string(app.Status), "talent_application",
		r.ID, map[string]any{"project_id": r.ProjectID, "person_id": r.TalentID}))
}
