package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"zugong/internal/access"
	"zugong/internal/creditcode"
	"zugong/internal/fault"
	"zugong/internal/talent"
)

const entityColumns = `n.jurisdiction_id, n.id, n.org_id, n.name, n.entity_type, n.credit_code, n.registered_capital,
	n.founded_on, n.jobs, n.version, o.name, o.path`

const entityFrom = ` FROM talent_entities n JOIN orgs o ON o.jurisdiction_id = n.jurisdiction_id AND o.id = n.org_id`

type entityRow struct {
	talent.EntityListed
	jurisdiction, path string
}

func scanEntity(sc scanner) (*entityRow, error) {
	var r entityRow
	var typ string
	if err := sc.Scan(&r.jurisdiction, &r.ID, &r.OrgID, &r.Name, &typ, &r.CreditCode, &r.RegisteredCapital, &r.Founded,
		&r.Jobs, &r.Version, &r.OrgName, &r.path); err != nil {
		return nil, normalize(err)
	}
	r.Type = talent.EntityType(typ)
	return &r, nil
}

// entityFilter turns f into the conditions of an entity listing: staff see
// the entities registered in their subtrees, a talent those they founded.
func (s *TalentService) entityFilter(ctx context.Context, f talent.Filter) (string, []any, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return "", nil, err
	}
	if err := s.under(ctx, a, f.Under); err != nil {
		return "", nil, err
	}
	var reach []string
	var args []any
	if a.staff() {
		c, as := scopeCondition("o.path", a.scopes)
		reach, args = append(reach, c), append(args, as...)
	}
	if a.self != "" {
		reach = append(reach, `EXISTS (SELECT 1 FROM talent_entity_founders x WHERE x.jurisdiction_id = n.jurisdiction_id
			AND x.entity_id = n.id AND x.person_id = ?)`)
		args = append(args, a.self)
	}
	conds := []string{"(" + strings.Join(reach, " OR ") + ")"}
	pc, pargs := periodCond(f, "n.founded_on", "")
	conds, args = append(conds, pc), append(args, pargs...)
	if f.Kind != "" {
		if !slices.Contains(talent.EntityTypes, talent.EntityType(f.Kind)) {
			var bad fault.Fields
			bad.Add("kind", "field.invalid_choice")
			return "", nil, bad.Err()
		}
		conds, args = append(conds, "n.entity_type = ?"), append(args, f.Kind)
	}
	if f.PersonID != "" {
		conds = append(conds, `EXISTS (SELECT 1 FROM talent_entity_founders x WHERE x.jurisdiction_id = n.jurisdiction_id
			AND x.entity_id = n.id AND x.person_id = ?)`)
		args = append(args, f.PersonID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		conds, args = append(conds, `(n.name LIKE ? ESCAPE '\' OR n.credit_code = ?)`), append(args, "%"+escapeLike(q)+"%", strings.ToUpper(q))
	}
	return strings.Join(conds, " AND "), args, nil
}

// Entities implements talent.Records: latest founded first.
func (s *TalentService) Entities(ctx context.Context, f talent.Filter) ([]talent.EntityListed, error) {
	cond, args, err := s.entityFilter(ctx, f)
	if err != nil {
		return nil, err
	}
	limit, offset := pageOf(f)
	list, err := collect(scanEntity)(s.db.Query(ctx, `SELECT `+entityColumns+entityFrom+` WHERE `+cond+
		` ORDER BY n.founded_on DESC, n.id LIMIT ? OFFSET ?`, append(args, limit, offset)...))
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	if err := s.withFounders(ctx, s.db.Query, list); err != nil {
		return nil, err
	}
	out := make([]talent.EntityListed, len(list))
	for i, r := range list {
		out[i] = r.EntityListed
	}
	return out, nil
}

// withFounders reads the founders of the entities, with their names.
func (s *TalentService) withFounders(ctx context.Context, q rowsQuerier, list []*entityRow) error {
	parents := map[string][]any{}
	index := map[string]*entityRow{}
	for _, r := range list {
		parents[r.jurisdiction] = append(parents[r.jurisdiction], r.ID)
		index[r.ID] = r
	}
	err := eachChild(ctx, q, parents, `SELECT x.entity_id, x.person_id, COALESCE(p.name, '') FROM talent_entity_founders x
		LEFT JOIN people p ON p.jurisdiction_id = x.jurisdiction_id AND p.id = x.person_id
		WHERE x.jurisdiction_id = ? AND x.entity_id IN (%s) ORDER BY x.entity_id, x.seq`, func(sc scanner) error {
		var id, personID, name string
		if err := sc.Scan(&id, &personID, &name); err != nil {
			return err
		}
		r := index[id]
		r.Founders, r.FounderNames = append(r.Founders, personID), append(r.FounderNames, name)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read entity founders: %w", err)
	}
	return nil
}

// CountEntities implements talent.Records.
func (s *TalentService) CountEntities(ctx context.Context, f talent.Filter) (int, error) {
	return s.count(ctx, "entities", entityFrom, s.entityFilter, f)
}

// SaveEntity implements talent.Records. The entity is registered under an
// organisation in the writer's subtrees; its founders are talents of the
// same jurisdiction; its credit code is the jurisdiction's only entity with
// that code.
func (s *TalentService) SaveEntity(ctx context.Context, in *talent.Entity) (*talent.Entity, error) {
	a, err := staffActor(ctx)
	if err != nil {
		return nil, err
	}
	if in == nil {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	e := *in
	e.CreditCode = creditcode.Normalize(e.CreditCode)
	if err := e.Validate(); err != nil {
		return nil, err
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		var err error
		e, err = s.saveEntity(ctx, tx, a, e)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

func (s *TalentService) saveEntity(ctx context.Context, tx *Tx, a *talentActor, e talent.Entity) (talent.Entity, error) {
	o, err := s.orgInReach(ctx, tx.QueryRow, a, e.OrgID)
	if err != nil {
		return e, err
	}
	var old *entityRow
	if e.ID != "" {
		if old, err = s.lockEntity(ctx, tx, a, e.ID); err != nil {
			return e, err
		}
		if old.jurisdiction != o.JurisdictionID {
			return e, fault.New(fault.Conflict, "error.conflict")
		}
		if e.Version != 0 && e.Version != old.Version {
			return e, fault.New(fault.Conflict, "error.conflict")
		}
	}
	if err := checkFounders(ctx, tx, o.JurisdictionID, e.Founders); err != nil {
		return e, err
	}
	var clash string
	err = tx.QueryRow(ctx, `SELECT id FROM talent_entities WHERE jurisdiction_id = ? AND credit_code = ?`, o.JurisdictionID, e.CreditCode).Scan(&clash)
	if err = normalize(err); err != nil && !fault.Is(err, fault.NotFound) {
		return e, fmt.Errorf("check credit code: %w", err)
	}
	if clash != "" && clash != e.ID {
		var f fault.Fields
		f.Add("credit_code", "talent.entity.credit_code_taken")
		return e, f.Err()
	}
	now := tx.Now().UnixMicro()
	action := "talent.entity.update"
	if old == nil {
		action, e.ID, e.Version = "talent.entity.create", NewID(), 1
		if _, err := tx.Exec(ctx, `INSERT INTO talent_entities (jurisdiction_id, id, org_id, name, entity_type, credit_code,
			registered_capital, founded_on, jobs, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			o.JurisdictionID, e.ID, e.OrgID, e.Name, string(e.Type), e.CreditCode, e.RegisteredCapital, e.Founded, e.Jobs,
			e.Version, now, now); err != nil {
			return e, fmt.Errorf("insert entity: %w", err)
		}
	} else {
		e.Version = old.Version + 1
		if err := tx.ExecOne(ctx, `UPDATE talent_entities SET org_id = ?, name = ?, entity_type = ?, credit_code = ?,
			registered_capital = ?, founded_on = ?, jobs = ?, version = ?, updated_at = ?
			WHERE jurisdiction_id = ? AND id = ? AND version = ?`,
			e.OrgID, e.Name, string(e.Type), e.CreditCode, e.RegisteredCapital, e.Founded, e.Jobs, e.Version, now,
			o.JurisdictionID, e.ID, old.Version); err != nil {
			return e, fmt.Errorf("update entity: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM talent_entity_founders WHERE jurisdiction_id = ? AND entity_id = ?`,
			o.JurisdictionID, e.ID); err != nil {
			return e, fmt.Errorf("replace entity founders: %w", err)
		}
	}
	for i, f := range e.Founders {
		if _, err := tx.Exec(ctx, `INSERT INTO talent_entity_founders (jurisdiction_id, entity_id, seq, person_id)
			VALUES (?, ?, ?, ?)`, o.JurisdictionID, e.ID, i+1, f); err != nil {
			return e, fmt.Errorf("insert entity founder: %w", err)
		}
	}
	return e, tx.Audit(ctx, talentAudit(a.p, o.JurisdictionID, action, "talent_entity", e.ID, map[string]any{
		"name": e.Name, "credit_code": e.CreditCode, "org_id": e.OrgID, "founded": e.Founded, "founders": e.Founders,
		"version": e.Version}))
}

// checkFounders refuses founders who are not talents of the jurisdiction.
func checkFounders(ctx context.Context, tx *Tx, jurisdiction string, founders []string) error {
	for _, id := range founders {
		var ok bool
		if ValidID(id) {
			err := tx.QueryRow(ctx, `SELECT is_talent FROM people WHERE jurisdiction_id = ? AND id = ?`, jurisdiction, id).Scan(&ok)
			if err = normalize(err); err != nil && !fault.Is(err, fault.NotFound) {
				return fmt.Errorf("read founder %s: %w", id, err)
			}
		}
		if !ok {
			var f fault.Fields
			f.Add("founders", "talent.not_a_talent")
			return f.Err()
		}
	}
	return nil
}

// lockEntity reads an entity registered in the actor's subtrees for update.
func (s *TalentService) lockEntity(ctx context.Context, tx *Tx, a *talentActor, id string) (*entityRow, error) {
	if !ValidID(id) {
		return nil, errBadID
	}
	var jurisdiction string
	if err := tx.QueryRow(ctx, `SELECT jurisdiction_id FROM talent_entities WHERE id = ?`, id).Scan(&jurisdiction); err != nil {
		return nil, normalize(err)
	}
	if err := lockRow(ctx, tx, "talent_entities", jurisdiction, id); err != nil {
		return nil, err
	}
	r, err := scanEntity(tx.QueryRow(ctx, `SELECT `+entityColumns+entityFrom+` WHERE n.jurisdiction_id = ? AND n.id = ?`, jurisdiction, id))
	if err != nil {
		return nil, err
	}
	if !a.reachesOrg(r.path) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	return r, nil
}

const serviceColumns = `v.jurisdiction_id, v.id, v.person_id, v.served_on, v.kind, v.beneficiaries, v.evidence, v.summary,
	v.verified, p.name, p.org_path`

const serviceFrom = ` FROM talent_services v JOIN people p ON p.jurisdiction_id = v.jurisdiction_id AND p.id = v.person_id`

type serviceRow struct {
	talent.ServiceListed
	jurisdiction, path string
}

func scanService(sc scanner) (*serviceRow, error) {
	var r serviceRow
	var kind string
	if err := sc.Scan(&r.jurisdiction, &r.ID, &r.TalentID, &r.Date, &kind, &r.Beneficiaries, &r.Evidence, &r.Summary,
		&r.Verified, &r.TalentName, &r.path); err != nil {
		return nil, normalize(err)
	}
	r.Kind = talent.ServiceKind(kind)
	return &r, nil
}

// The statuses of a service in a listing's filter.
const (
	serviceVerified = "verified"
	servicePending  = "pending"
)

func (s *TalentService) serviceFilter(ctx context.Context, f talent.Filter) (string, []any, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return "", nil, err
	}
	if err := s.under(ctx, a, f.Under); err != nil {
		return "", nil, err
	}
	cond, args := a.personCond("p.id", "p.org_path")
	conds := []string{cond}
	pc, pargs := periodCond(f, "v.served_on", "")
	conds, args = append(conds, pc), append(args, pargs...)
	var bad fault.Fields
	if f.Kind != "" {
		if !slices.Contains(talent.ServiceKinds, talent.ServiceKind(f.Kind)) {
			bad.Add("kind", "field.invalid_choice")
		}
		conds, args = append(conds, "v.kind = ?"), append(args, f.Kind)
	}
	switch f.Status {
	case "":
	case serviceVerified, servicePending:
		conds, args = append(conds, "v.verified = ?"), append(args, f.Status == serviceVerified)
	default:
		bad.Add("status", "field.invalid_choice")
	}
	if f.PersonID != "" {
		conds, args = append(conds, "v.person_id = ?"), append(args, f.PersonID)
	}
	if err := bad.Err(); err != nil {
		return "", nil, err
	}
	return strings.Join(conds, " AND "), args, nil
}

// Services implements talent.Records: latest first.
func (s *TalentService) Services(ctx context.Context, f talent.Filter) ([]talent.ServiceListed, error) {
	cond, args, err := s.serviceFilter(ctx, f)
	if err != nil {
		return nil, err
	}
	limit, offset := pageOf(f)
	list, err := collect(scanService)(s.db.Query(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE `+cond+
		` ORDER BY v.served_on DESC, v.id LIMIT ? OFFSET ?`, append(args, limit, offset)...))
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	out := make([]talent.ServiceListed, len(list))
	for i, r := range list {
		out[i] = r.ServiceListed
	}
	return out, nil
}

// CountServices implements talent.Records.
func (s *TalentService) CountServices(ctx context.Context, f talent.Filter) (int, error) {
	return s.count(ctx, "services", serviceFrom, s.serviceFilter, f)
}

// SaveService implements talent.Records: staff record a service of a
// talent in their subtrees as verified; a talent reports their own, which
// waits for VerifyService. Services are recorded once and not edited.
func (s *TalentService) SaveService(ctx context.Context, in *talent.Service) (*talent.Service, error) {
	a, err := actor(ctx, access.TalentManage)
	if err != nil {
		return nil, err
	}
	if in == nil || in.ID != "" {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	sv := *in
	if err := sv.Validate(); err != nil {
		return nil, err
	}
	if sv.Date.After(s.today()) {
		var f fault.Fields
		f.Add("date", "talent.service.future")
		return nil, f.Err()
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		pp, err := talentIn(ctx, tx.QueryRow, a, sv.TalentID, "talent_id")
		if err != nil {
			return err
		}
		verified := a.staff() && access.Check(a.p, access.TalentManage, pp.path) == nil
		verifier := ""
		if verified {
			verifier = a.p.UserID
		}
		now := tx.Now().UnixMicro()
		sv.ID = NewID()
		if _, err := tx.Exec(ctx, `INSERT INTO talent_services (jurisdiction_id, id, person_id, served_on, kind, beneficiaries,
			evidence, summary, verified, reported_by, verified_by, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, pp.jurisdiction, sv.ID, sv.TalentID, sv.Date, string(sv.Kind),
			sv.Beneficiaries, sv.Evidence, sv.Summary, verified, a.p.UserID, verifier, now, now); err != nil {
			return fmt.Errorf("insert service: %w", err)
		}
		return tx.Audit(ctx, talentAudit(a.p, pp.jurisdiction, "talent.service.create", "talent_service", sv.ID, map[string]any{
			"person_id": sv.TalentID, "date": sv.Date, "kind": sv.Kind, "beneficiaries": sv.Beneficiaries, "verified": verified}))
	})
	if err != nil {
		return nil, err
	}
	return &sv, nil
}

// VerifyService implements talent.Records: staff confirm a reported
// service, which then counts. The one who reported it cannot verify it.
func (s *TalentService) VerifyService(ctx context.Context, id string) error {
	a, err := actor(ctx, access.TalentManage)
	if err != nil {
		return err
	}
	if !ValidID(id) {
		return errBadID
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		var jurisdiction string
		if err := tx.QueryRow(ctx, `SELECT jurisdiction_id FROM talent_services WHERE id = ?`, id).Scan(&jurisdiction); err != nil {
			return normalize(err)
		}
		if err := lockRow(ctx, tx, "talent_services", jurisdiction, id); err != nil {
			return err
		}
		r, err := scanService(tx.QueryRow(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE v.jurisdiction_id = ? AND v.id = ?`,
			jurisdiction, id))
		if err != nil {
			return err
		}
		if !a.reachesOrg(r.path) {
			return fault.New(fault.NotFound, "error.not_found")
		}
		if r.Verified {
			return fault.New(fault.Conflict, "talent.service.already_verified")
		}
		var reporter string
		if err := tx.QueryRow(ctx, `SELECT reported_by FROM talent_services WHERE jurisdiction_id = ? AND id = ?`,
			jurisdiction, id).Scan(&reporter); err != nil {
			return fmt.Errorf("read service %s: %w", id, err)
		}
		if reporter == a.p.UserID {
			return fault.New(fault.Conflict, "talent.service.own_report")
		}
		if err := tx.ExecOne(ctx, `UPDATE talent_services SET verified = ?, verified_by = ?, version = version + 1,
			updated_at = ? WHERE jurisdiction_id = ? AND id = ?`, true, a.p.UserID, tx.Now().UnixMicro(), jurisdiction, id); err != nil {
			return fmt.Errorf("verify service: %w", err)
		}
		return tx.Audit(ctx, talentAudit(a.p, jurisdiction, "talent.service.verify", "talent_service", id, map[string]any{
			"person_id": r.TalentID, "beneficiaries": r.Beneficiaries}))
	})
}
