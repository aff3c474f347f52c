package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/training"
)

// TrainingService implements training.Service.
type TrainingService struct {
	db    *DB
	today func() civil.Date
}

// Training returns the training service.
func (db *DB) Training() *TrainingService {
	return &TrainingService{db: db, today: db.Today}
}

var _ training.Service = (*TrainingService)(nil)

// trainingAudit is an audit event of an action p took on training records.
func trainingAudit(p *access.Principal, jurisdiction, action, kind, id string, detail map[string]any) audit.Event {
	b, _ := json.Marshal(detail)
	return audit.Event{JurisdictionID: jurisdiction, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
		Action: action, TargetKind: kind, TargetID: id, Detail: string(b)}
}

const programmeColumns = `jurisdiction_id, id, org_id, org_path, title, mode, kind, themes, organiser, place, start_on, end_on,
	online_hours, capacity, target_level, target_org_id, counts, version`

type programmeRow struct {
	training.Programme
	orgPath string
}

func scanProgramme(s scanner, extra ...any) (*programmeRow, error) {
	var r programmeRow
	var mode, kind, themes, level string
	var online int64
	dest := append([]any{&r.JurisdictionID, &r.ID, &r.OrgID, &r.orgPath, &r.Title, &mode, &kind, &themes, &r.Organiser, &r.Place,
		&r.Start, &r.End, &online, &r.Capacity, &level, &r.TargetOrgID, &r.CountsTowardQuota, &r.Version}, extra...)
	err := s.Scan(dest...)
	if err != nil {
		return nil, normalize(err)
	}
	r.Mode, r.Kind, r.TargetLevel, r.OnlineHours = training.Mode(mode), training.Kind(kind), training.Level(level), training.Hours(online)
	if err := json.Unmarshal([]byte(themes), &r.Themes); err != nil {
		return nil, fmt.Errorf("programme %s themes: %w", r.ID, err)
	}
	return &r, nil
}

// loadProgramme reads a programme with its sessions, without a scope check.
func (s *TrainingService) loadProgramme(ctx context.Context, q rowQuerier, qs rowsQuerier, id string) (*programmeRow, error) {
	if !ValidID(id) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	r, err := scanProgramme(q(ctx, `SELECT `+programmeColumns+` FROM training_programmes WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	rows, err := qs(ctx, `SELECT held_on, topic, hours FROM training_sessions WHERE jurisdiction_id = ? AND programme_id = ? ORDER BY seq`,
		r.JurisdictionID, r.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var ss training.Session
		var h int64
		if err := rows.Scan(&ss.Date, &ss.Topic, &h); err != nil {
			return nil, err
		}
		ss.Hours = training.Hours(h)
		r.Sessions = append(r.Sessions, ss)
	}
	return r, rows.Err()
}

// programmeIn reads a programme and checks perm over its organiser.
func (s *TrainingService) programmeIn(ctx context.Context, perm access.Permission, id string) (*access.Principal, *programmeRow, error) {
	p, err := access.Require(ctx, perm)
	if err != nil {
		return nil, nil, err
	}
	r, err := s.loadProgramme(ctx, s.db.QueryRow, s.db.Query, id)
	if err != nil {
		return nil, nil, err
	}
	if err := access.Check(p, perm, r.orgPath); err != nil {
		return nil, nil, err
	}
	return p, r, nil
}

// GetProgramme implements training.Service.
func (s *TrainingService) GetProgramme(ctx context.Context, id string) (*training.Programme, error) {
	_, r, err := s.programmeIn(ctx, access.TrainingRead, id)
	if err != nil {
		return nil, err
	}
	return &r.Programme, nil
}

// SaveProgramme implements training.Service.
func (s *TrainingService) SaveProgramme(ctx context.Context, in *training.Programme) (*training.Programme, error) {
	p, err := access.Require(ctx, access.TrainingManage)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	out := *in
	err = s.db.Write(ctx, func(tx *Tx) error {
		o, err := s.organiser(ctx, tx, p, in.OrgID)
		if err != nil {
			return err
		}
		out.JurisdictionID = o.JurisdictionID
		if in.TargetOrgID != "" {
			target, err := s.db.Orgs().load(ctx, tx.QueryRow, in.TargetOrgID)
			if err != nil || target.JurisdictionID != o.JurisdictionID || access.Check(p, access.TrainingRead, target.Path) != nil {
				var f fault.Fields
				f.Add("target_org", "error.not_found")
				return f.Err()
			}
		}
		action := "training.programme.update"
		if in.ID == "" {
			out.ID, out.Version, action = NewID(), 1, "training.programme.create"
			err = s.insertProgramme(ctx, tx, &out, o.Path)
		} else {
			err = s.updateProgramme(ctx, tx, p, &out, o.Path)
		}
		if err != nil {
			return err
		}
		return tx.Audit(ctx, trainingAudit(p, out.JurisdictionID, action, "training_programmes", out.ID,
			map[string]any{"title": out.Title, "start": out.Start, "end": out.End, "sessions": len(out.Sessions)}))
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// organiser reads the organising organisation and checks p may manage
// training there.
func (s *TrainingService) organiser(ctx context.Context, tx *Tx, p *access.Principal, orgID string) (*org.Org, error) {
	o, err := s.db.Orgs().load(ctx, tx.QueryRow, orgID)
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("org", "error.not_found")
		return nil, f.Err()
	}
	if err != nil {
		return nil, err
	}
	return o, access.Check(p, access.TrainingManage, o.Path)
}

func (s *TrainingService) insertProgramme(ctx context.Context, tx *Tx, pr *training.Programme, path string) error {
	themes, _ := json.Marshal(themesOrEmpty(pr.Themes))
	now := tx.Now().UnixMicro()
	if _, err := tx.Exec(ctx, `INSERT INTO training_programmes (`+programmeColumns+`, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		pr.JurisdictionID, pr.ID, pr.OrgID, path, pr.Title, string(pr.Mode), string(pr.Kind), string(themes), pr.Organiser, pr.Place,
		pr.Start, pr.End, int64(pr.OnlineHours), pr.Capacity, string(pr.TargetLevel), pr.TargetOrgID, pr.CountsTowardQuota,
		pr.Version, now, now); err != nil {
		return fmt.Errorf("insert programme: %w", err)
	}
	return s.writeSessions(ctx, tx, pr)
}

func (s *TrainingService) updateProgramme(ctx context.Context, tx *Tx, p *access.Principal, pr *training.Programme, path string) error {
	old, err := s.loadProgramme(ctx, tx.QueryRow, tx.Query, pr.ID)
	if err != nil {
		return err
	}
	if err := access.Check(p, access.TrainingManage, old.orgPath); err != nil {
		return err
	}
	if old.JurisdictionID != pr.JurisdictionID {
		var f fault.Fields
		f.Add("org", "training.other_jurisdiction")
		return f.Err()
	}
	if len(pr.Sessions) < len(old.Sessions) {
		var marked int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM training_enrolments WHERE jurisdiction_id = ? AND programme_id = ?
			AND length(replace(attendance, '-', '')) > 0`, pr.JurisdictionID, pr.ID).Scan(&marked); err != nil {
			return err
		}
		if marked > 0 {
			var f fault.Fields
			f.Add("sessions", "training.sessions_attended")
			return f.Err()
		}
	}
	themes, _ := json.Marshal(themesOrEmpty(pr.Themes))
	if err := tx.ExecOne(ctx, `UPDATE training_programmes SET org_id = ?, org_path = ?, title = ?, mode = ?, kind = ?, themes = ?,
		organiser = ?, place = ?, start_on = ?, end_on = ?, online_hours = ?, capacity = ?, target_level = ?, target_org_id = ?,
		counts = ?, version = version + 1, updated_at = ? WHERE jurisdiction_id = ? AND id = ? AND version = ?`,
		pr.OrgID, path, pr.Title, string(pr.Mode), string(pr.Kind), string(themes), pr.Organiser, pr.Place, pr.Start, pr.End,
		int64(pr.OnlineHours), pr.Capacity, string(pr.TargetLevel), pr.TargetOrgID, pr.CountsTowardQuota, tx.Now().UnixMicro(),
		pr.JurisdictionID, pr.ID, pr.Version); err != nil {
		if fault.Is(err, fault.NotFound) {
			return fault.New(fault.Conflict, "error.conflict")
		}
		return err
	}
	pr.Version++
	if _, err := tx.Exec(ctx, `DELETE FROM training_sessions WHERE jurisdiction_id = ? AND programme_id = ?`, pr.JurisdictionID, pr.ID); err != nil {
		return err
	}
	return s.writeSessions(ctx, tx, pr)
}

func (s *TrainingService) writeSessions(ctx context.Context, tx *Tx, pr *training.Programme) error {
	for i, ss := range pr.Sessions {
		if _, err := tx.Exec(ctx, `INSERT INTO training_sessions (jurisdiction_id, programme_id, seq, held_on, topic, hours)
			VALUES (?,?,?,?,?,?)`, pr.JurisdictionID, pr.ID, i, ss.Date, ss.Topic, int64(ss.Hours)); err != nil {
			return fmt.Errorf("insert session %d: %w", i+1, err)
		}
	}
	return nil
}

func themesOrEmpty(t []training.Theme) []training.Theme {
	if t == nil {
		return []training.Theme{}
	}
	return t
}

// ListProgrammes implements training.Service.
func (s *TrainingService) ListProgrammes(ctx context.Context, f training.ProgrammeFilter) ([]training.ListedProgramme, error) {
	p, err := access.Require(ctx, access.TrainingRead)
	if err != nil {
		return nil, err
	}
	scopes, err := s.scopes(ctx, p, access.TrainingRead, f.Under)
	if err != nil {
		return nil, err
	}
	where, args := scopeCondition("t.org_path", scopes)
	conds := []string{where}
	if f.Year > 0 {
		conds = append(conds, "t.start_on >= ? AND t.start_on < ?")
		args = append(args, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-01-01", f.Year+1))
	}
	if f.Mode != "" {
		conds = append(conds, "t.mode = ?")
		args = append(args, string(f.Mode))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		conds = append(conds, `t.title LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(q)+"%")
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	args = append(args, limit, max(f.Offset, 0))
	rows, err := s.db.Query(ctx, `SELECT `+prefixed("t.", programmeColumns)+`, o.name,
		(SELECT COUNT(*) FROM training_enrolments e WHERE e.jurisdiction_id = t.jurisdiction_id AND e.programme_id = t.id AND e.status IN ('enrolled', 'completed', 'failed')),
		(SELECT COUNT(*) FROM training_enrolments e WHERE e.jurisdiction_id = t.jurisdiction_id AND e.programme_id = t.id AND e.status = 'completed')
		FROM training_programmes t JOIN orgs o ON o.jurisdiction_id = t.jurisdiction_id AND o.id = t.org_id
		WHERE `+strings.Join(conds, " AND ")+` ORDER BY t.start_on DESC, t.id LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []training.ListedProgramme
	for rows.Next() {
		var l training.ListedProgramme
		r, err := scanProgramme(rows, &l.OrgName, &l.Enrolled, &l.Completed)
		if err != nil {
			return nil, err
		}
		l.Programme = r.Programme
		out = append(out, l)
	}
	return out, rows.Err()
}

// scopes returns the subtrees a listing covers: the principal's scopes for
// perm, or the subtree of under when it is given and visible.
func (s *TrainingService) scopes(ctx context.Context, p *access.Principal, perm access.Permission, under string) ([]string, error) {
	scopes := p.Scopes(perm)
	if p.Operator {
		scopes = []string{"/"}
	}
	if under == "" {
		return scopes, nil
	}
	o, err := s.db.Orgs().load(ctx, s.db.QueryRow, under)
	if err != nil {
		return nil, err
	}
	if err := access.Check(p, perm, o.Path); err != nil {
		return nil, err
	}
	return []string{o.Path}, nil
}

func prefixed(prefix, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = prefix + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// repathDevelopment rewrites the copied organisation paths of training
// programmes and secondments in a subtree that moved from oldPath to
// newPath, in the move's transaction (as repathPeople does for people).
func repathDevelopment(ctx context.Context, tx *Tx, jurisdiction, oldPath, newPath string) error {
	lo, hi := subtreeRange(oldPath)
	for _, t := range []struct{ table, column string }{{"training_programmes", "org_path"}, {"secondments", "home_org_path"}} {
		if _, err := tx.Exec(ctx, `UPDATE `+t.table+` SET `+t.column+` = CAST(? AS TEXT) || substr(`+t.column+`, CAST(? AS INTEGER))
			WHERE jurisdiction_id = ? AND `+t.column+` >= ? AND `+t.column+` < ?`,
			newPath, len(oldPath)+1, jurisdiction, lo, hi); err != nil {
			return fmt.Errorf("move %s paths: %w", t.table, err)
		}
	}
	return nil
}
