package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/talent"
)

const engagementColumns = `e.jurisdiction_id, e.id, e.person_id, e.project_id, e.entity_id, e.form, e.start_on, e.end_on,
	e.status, e.public_employee, e.approval_unit, e.approver, e.approval_on, e.approval_doc, e.version, p.name, p.org_path,
	COALESCE(pr.title, en.name, '')`

const engagementFrom = ` FROM talent_engagements e
	JOIN people p ON p.jurisdiction_id = e.jurisdiction_id AND p.id = e.person_id
	LEFT JOIN talent_projects pr ON pr.jurisdiction_id = e.jurisdiction_id AND pr.id = e.project_id
	LEFT JOIN talent_entities en ON en.jurisdiction_id = e.jurisdiction_id AND en.id = e.entity_id`

// engagementRow is a stored engagement with its jurisdiction and the
// talent's organisation path.
type engagementRow struct {
	talent.EngagementListed
	jurisdiction, path string
}

func scanEngagement(sc scanner) (*engagementRow, error) {
	var r engagementRow
	e := &r.Engagement
	var form, status string
	var ap talent.Approval
	if err := sc.Scan(&r.jurisdiction, &e.ID, &e.TalentID, &e.ProjectID, &e.EntityID, &form, &e.Start, &e.End, &status,
		&e.PublicEmployee, &ap.Unit, &ap.Approver, &ap.Date, &ap.Document, &e.Version, &r.TalentName, &r.path, &r.Target); err != nil {
		return nil, normalize(err)
	}
	e.Form, e.Status = talent.Form(form), talent.EngagementStatus(status)
	if ap.Approver != "" || !ap.Date.IsZero() {
		e.Approval = &ap
	}
	return &r, nil
}

// engagementFilter turns f into the conditions of an engagement listing.
func (s *TalentService) engagementFilter(ctx context.Context, f talent.Filter) (string, []any, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return "", nil, err
	}
	if err := s.under(ctx, a, f.Under); err != nil {
		return "", nil, err
	}
	cond, args := a.personCond("p.id", "p.org_path")
	conds := []string{cond}
	add := func(c string, as ...any) {
		conds, args = append(conds, c), append(args, as...)
	}
	pc, pargs := periodCond(f, "e.start_on", "e.end_on")
	add(pc, pargs...)
	var bad fault.Fields
	if f.Form != "" {
		if !slices.Contains(talent.Forms, f.Form) {
			bad.Add("form", "field.invalid_choice")
		}
		add("e.form = ?", string(f.Form))
	}
	if f.Factor != "" {
		if !slices.Contains(talent.FactorKinds, f.Factor) {
			bad.Add("factor", "field.invalid_choice")
		}
		add(`EXISTS (SELECT 1 FROM talent_engagement_factors x WHERE x.jurisdiction_id = e.jurisdiction_id
			AND x.engagement_id = e.id AND x.kind = ?)`, string(f.Factor))
	}
	if f.Status != "" {
		if !slices.Contains(talent.EngagementStatuses, talent.EngagementStatus(f.Status)) {
			bad.Add("status", "field.invalid_choice")
		}
		add("e.status = ?", f.Status)
	}
	if f.Category != "" {
		add(`EXISTS (SELECT 1 FROM talents t WHERE t.jurisdiction_id = p.jurisdiction_id AND t.person_id = p.id
			AND t.category = ?)`, string(f.Category))
	}
	if f.PersonID != "" {
		add("e.person_id = ?", f.PersonID)
	}
	if f.ProjectID != "" {
		add("e.project_id = ?", f.ProjectID)
	}
	if f.EntityID != "" {
		add("e.entity_id = ?", f.EntityID)
	}
	if err := bad.Err(); err != nil {
		return "", nil, err
	}
	return strings.Join(conds, " AND "), args, nil
}

// Engagements implements talent.Records: the engagements of the talents in
// reach, latest start first.
func (s *TalentService) Engagements(ctx context.Context, f talent.Filter) ([]talent.EngagementListed, error) {
	cond, args, err := s.engagementFilter(ctx, f)
	if err != nil {
		return nil, err
	}
	limit, offset := pageOf(f)
	list, err := collect(scanEngagement)(s.db.Query(ctx, `SELECT `+engagementColumns+engagementFrom+` WHERE `+cond+
		` ORDER BY e.start_on DESC, e.id LIMIT ? OFFSET ?`, append(args, limit, offset)...))
	if err != nil {
		return nil, fmt.Errorf("list engagements: %w", err)
	}
	if err := s.withFactors(ctx, s.db.Query, list); err != nil {
		return nil, err
	}
	out := make([]talent.EngagementListed, len(list))
	for i, r := range list {
		out[i] = r.EngagementListed
	}
	return out, nil
}

// withFactors reads the factors of the engagements into them.
func (s *TalentService) withFactors(ctx context.Context, q rowsQuerier, list []*engagementRow) error {
	parents := map[string][]any{}
	index := map[string]*engagementRow{}
	for _, r := range list {
		parents[r.jurisdiction] = append(parents[r.jurisdiction], r.ID)
		index[r.ID] = r
	}
	err := eachChild(ctx, q, parents, `SELECT engagement_id, kind, amount FROM talent_engagement_factors
		WHERE jurisdiction_id = ? AND engagement_id IN (%s)`, func(sc scanner) error {
		var id, kind string
		var amount int64
		if err := sc.Scan(&id, &kind, &amount); err != nil {
			return err
		}
		r := index[id]
		r.Factors = append(r.Factors, talent.Factor{Kind: talent.FactorKind(kind), Amount: amount})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read engagement factors: %w", err)
	}
	for _, r := range list {
		sortFactors(r.Factors)
	}
	return nil
}

// sortFactors puts factors in display order.
func sortFactors(fs []talent.Factor) {
	slices.SortFunc(fs, func(a, b talent.Factor) int {
		return slices.Index(talent.FactorKinds, a.Kind) - slices.Index(talent.FactorKinds, b.Kind)
	})
}

// CountEngagements implements talent.Records.
func (s *TalentService) CountEngagements(ctx context.Context, f talent.Filter) (int, error) {
	return s.count(ctx, "engagements", engagementFrom, s.engagementFilter, f)
}

// SaveEngagement implements talent.Records. A new engagement (empty ID) is
// recorded for a talent in the writer's reach; an existing one keeps its
// talent and has the rest replaced (Version, when set, must match). A
// talent who holds a cadre post is a public employee whatever the input
// says (and so is anyone working in the public sector), so their leave of
// post needs the home unit's approval.
func (s *TalentService) SaveEngagement(ctx context.Context, in *talent.Engagement) (*talent.Engagement, error) {
	a, err := staffActor(ctx)
	if err != nil {
		return nil, err
	}
	if in == nil {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	e := *in
	var saved talent.Engagement
	err = s.db.Write(ctx, func(tx *Tx) error {
		var err error
		saved, err = s.saveEngagement(ctx, tx, a, e)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &saved, nil
}

// saveEngagement checks and writes e inside tx.
func (s *TalentService) saveEngagement(ctx context.Context, tx *Tx, a *talentActor, e talent.Engagement) (talent.Engagement, error) {
	var old *engagementRow
	if e.ID != "" {
		var err error
		if old, err = s.lockEngagement(ctx, tx, a, e.ID); err != nil {
			return e, err
		}
		if e.Version != 0 && e.Version != old.Version {
			return e, fault.New(fault.Conflict, "error.conflict")
		}
		e.TalentID = old.TalentID
	}
	var pp *personPlace
	if e.TalentID != "" {
		var err error
		if pp, err = talentIn(ctx, tx.QueryRow, a, e.TalentID, "talent_id"); err != nil {
			return e, err
		}
		public, err := isPublicEmployee(ctx, tx.QueryRow, pp.jurisdiction, e.TalentID)
		if err != nil {
			return e, err
		}
		e.PublicEmployee = e.PublicEmployee || public
	}
	if err := e.Validate(); err != nil {
		return e, err
	}
	return s.writeEngagement(ctx, tx, a, e, pp, old, "")
}

// writeEngagement writes the valid engagement e of the talent placed at pp,
// replacing old when there is one; applicationID names the accepted
// application it comes from, if any.
func (s *TalentService) writeEngagement(ctx context.Context, tx *Tx, a *talentActor, e talent.Engagement, pp *personPlace,
	old *engagementRow, applicationID string) (talent.Engagement, error) {
	if err := checkTarget(ctx, tx, pp.jurisdiction, &e); err != nil {
		return e, err
	}
	now := tx.Now().UnixMicro()
	var ap talent.Approval
	if e.Approval != nil {
		ap = *e.Approval
	}
	action := "talent.engagement.update"
	if old == nil {
		action, e.ID, e.Version = "talent.engagement.create", NewID(), 1
		if _, err := tx.Exec(ctx, `INSERT INTO talent_engagements (jurisdiction_id, id, person_id, project_id, entity_id, form,
			capital, start_on, end_on, status, public_employee, approval_unit, approver, approval_on, approval_doc, application_id,
			version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			pp.jurisdiction, e.ID, e.TalentID, e.ProjectID, e.EntityID, string(e.Form), capitalOf(e.Factors), e.Start, e.End,
			string(e.Status), e.PublicEmployee, ap.Unit, ap.Approver, ap.Date, ap.Document, applicationID, e.Version, now, now); err != nil {
			return e, fmt.Errorf("insert engagement: %w", err)
		}
	} else {
		e.Version = old.Version + 1
		if err := tx.ExecOne(ctx, `UPDATE talent_engagements SET project_id = ?, entity_id = ?, form = ?, capital = ?,
			start_on = ?, end_on = ?, status = ?, public_employee = ?, approval_unit = ?, approver = ?, approval_on = ?,
			approval_doc = ?, version = ?, updated_at = ? WHERE jurisdiction_id = ? AND id = ? AND version = ?`,
			e.ProjectID, e.EntityID, string(e.Form), capitalOf(e.Factors), e.Start, e.End, string(e.Status), e.PublicEmployee,
			ap.Unit, ap.Approver, ap.Date, ap.Document, e.Version, now, pp.jurisdiction, e.ID, old.Version); err != nil {
			return e, fmt.Errorf("update engagement: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM talent_engagement_factors WHERE jurisdiction_id = ? AND engagement_id = ?`,
			pp.jurisdiction, e.ID); err != nil {
			return e, fmt.Errorf("replace engagement factors: %w", err)
		}
	}
	for _, fa := range e.Factors {
		if _, err := tx.Exec(ctx, `INSERT INTO talent_engagement_factors (jurisdiction_id, engagement_id, kind, amount)
			VALUES (?, ?, ?, ?)`, pp.jurisdiction, e.ID, string(fa.Kind), fa.Amount); err != nil {
			return e, fmt.Errorf("insert engagement factor: %w", err)
		}
	}
	return e, tx.Audit(ctx, talentAudit(a.p, pp.jurisdiction, action, "talent_engagement", e.ID, map[string]any{
		"person_id": e.TalentID, "project_id": e.ProjectID, "entity_id": e.EntityID, "form": e.Form,
		"start": e.Start, "end": e.End, "status": e.Status, "capital": capitalOf(e.Factors), "version": e.Version}))
}

// checkTarget refuses an engagement whose project or entity is not one of
// the jurisdiction's.
func checkTarget(ctx context.Context, tx *Tx, jurisdiction string, e *talent.Engagement) error {
	table, id, field := "talent_projects", e.ProjectID, "project_id"
	if id == "" {
		table, id, field = "talent_entities", e.EntityID, "entity_id"
	}
	var n int
	if ValidID(id) {
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM `+table+` WHERE jurisdiction_id = ? AND id = ?`, jurisdiction, id).Scan(&n); err != nil {
			return fmt.Errorf("read engagement target: %w", err)
		}
	}
	if n == 0 {
		var f fault.Fields
		f.Add(field, "talent.engagement.target_unknown")
		return f.Err()
	}
	return nil
}

// lockEngagement reads an engagement in the actor's reach for update.
func (s *TalentService) lockEngagement(ctx context.Context, tx *Tx, a *talentActor, id string) (*engagementRow, error) {
	if !ValidID(id) {
		return nil, errBadID
	}
	var jurisdiction string
	if err := tx.QueryRow(ctx, `SELECT jurisdiction_id FROM talent_engagements WHERE id = ?`, id).Scan(&jurisdiction); err != nil {
		return nil, normalize(err)
	}
	if err := lockRow(ctx, tx, "talent_engagements", jurisdiction, id); err != nil {
		return nil, err
	}
	r, err := scanEngagement(tx.QueryRow(ctx, `SELECT `+engagementColumns+engagementFrom+` WHERE e.jurisdiction_id = ? AND e.id = ?`,
		jurisdiction, id))
	if err != nil {
		return nil, err
	}
	if !a.reaches(r.TalentID, r.path) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	return r, nil
}

// lockRow locks one row of table by its full key on PostgreSQL (SQLite's
// single writer needs no lock).
func lockRow(ctx context.Context, tx *Tx, table, jurisdiction, id string) error {
	if tx.db.dialect != Postgres {
		return nil
	}
	_, err := tx.Exec(ctx, `SELECT 1 FROM `+table+` WHERE jurisdiction_id = ? AND id = ? FOR UPDATE`, jurisdiction, id)
	return err
}
