package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/talent"
)

// projectColumns is a project row as scanProject reads it, with the counts
// a listing shows: the engagements it took (not terminated) and its
// pending applications and invitations.
const projectColumns = `r.jurisdiction_id, r.id, r.org_id, r.owner_kind, r.owner_id, r.owner_name, r.title, r.description,
	r.skills, r.categories, r.forms, r.region, r.start_on, r.end_on, r.openings, r.deadline, r.visibility, r.version,
	o.name, o.path,
	(SELECT COUNT(*) FROM talent_engagements e WHERE e.jurisdiction_id = r.jurisdiction_id AND e.project_id = r.id
		AND e.status <> 'terminated'),
	(SELECT COUNT(*) FROM talent_applications a WHERE a.jurisdiction_id = r.jurisdiction_id AND a.project_id = r.id
		AND a.status = 'pending')`

const projectFrom = ` FROM talent_projects r JOIN orgs o ON o.jurisdiction_id = r.jurisdiction_id AND o.id = r.org_id`

type projectRow struct {
	talent.ProjectListed
	jurisdiction, path string
}

// requirementJSON is a requirement in a JSON column.
type requirementJSON struct {
	Skill    string `json:"skill"`
	MinLevel int    `json:"min_level"`
	Weight   int    `json:"weight"`
}

func scanProject(sc scanner, today civil.Date) (*projectRow, error) {
	var r projectRow
	p := &r.Project
	var ownerKind, skills, categories, forms, visibility string
	if err := sc.Scan(&r.jurisdiction, &p.ID, &p.OrgID, &ownerKind, &p.Owner.ID, &p.Owner.Name, &p.Title, &p.Description,
		&skills, &categories, &forms, &p.Region, &p.Start, &p.End, &p.Openings, &p.Deadline, &visibility, &p.Version,
		&r.OrgName, &r.path, &r.Filled, &r.Pending); err != nil {
		return nil, normalize(err)
	}
	p.Owner.Kind, p.Visibility = talent.OwnerKind(ownerKind), talent.Visibility(visibility)
	var reqs []requirementJSON
	if err := json.Unmarshal([]byte(skills), &reqs); err != nil {
		return nil, fmt.Errorf("decode project skills: %w", err)
	}
	for _, q := range reqs {
		p.Skills = append(p.Skills, talent.Requirement{Skill: q.Skill, MinLevel: q.MinLevel, Weight: q.Weight})
	}
	if err := json.Unmarshal([]byte(categories), &p.Categories); err != nil {
		return nil, fmt.Errorf("decode project categories: %w", err)
	}
	if err := json.Unmarshal([]byte(forms), &p.Forms); err != nil {
		return nil, fmt.Errorf("decode project forms: %w", err)
	}
	r.Status = projectStatus(&r.ProjectListed, today)
	return &r, nil
}

// projectStatus is open while the deadline has not passed and openings
// are left.
func projectStatus(l *talent.ProjectListed, today civil.Date) talent.ProjectStatus {
	if today.After(l.Deadline) || l.Filled >= l.Openings {
		return talent.ProjectClosed
	}
	return talent.ProjectOpen
}

// openCond is the condition that project r takes applications on today.
const openCond = `r.deadline >= ? AND r.openings > (SELECT COUNT(*) FROM talent_engagements e
	WHERE e.jurisdiction_id = r.jurisdiction_id AND e.project_id = r.id AND e.status <> 'terminated')`

// projectReach is the condition that the actor sees project r: staff over
// the project's organisation; a talent the projects of their jurisdiction
// open to the signed-in (public or internal) and those they are invited
// to.
func (s *TalentService) projectReach(ctx context.Context, a *talentActor) (string, []any, error) {
	var reach []string
	var args []any
	if a.staff() {
		c, as := scopeCondition("o.path", a.scopes)
		reach, args = append(reach, c), append(args, as...)
	}
	if a.self != "" {
		pp, err := placeOf(ctx, s.db.QueryRow, a.self)
		if err != nil {
			return "", nil, err
		}
		reach = append(reach, `(r.jurisdiction_id = ? AND (r.visibility IN ('public', 'internal') OR EXISTS (SELECT 1
			FROM talent_applications a WHERE a.jurisdiction_id = r.jurisdiction_id AND a.project_id = r.id AND a.person_id = ?)))`)
		args = append(args, pp.jurisdiction, a.self)
	}
	return "(" + strings.Join(reach, " OR ") + ")", args, nil
}

func (s *TalentService) projectFilter(ctx context.Context, f talent.Filter) (string, []any, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return "", nil, err
	}
	if err := s.under(ctx, a, f.Under); err != nil {
		return "", nil, err
	}
	cond, args, err := s.projectReach(ctx, a)
	if err != nil {
		return "", nil, err
	}
	conds := []string{cond}
	today := s.today()
	switch talent.ProjectStatus(f.Status) {
	case "":
	case talent.ProjectOpen:
		conds, args = append(conds, openCond), append(args, today)
	case talent.ProjectClosed:
		conds, args = append(conds, "NOT "+openCond), append(args, today)
	default:
		var bad fault.Fields
		bad.Add("status", "field.invalid_choice")
		return "", nil, bad.Err()
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + escapeLike(q) + "%"
		conds = append(conds, `(r.title LIKE ? ESCAPE '\' OR r.owner_name LIKE ? ESCAPE '\' OR r.skills LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	return strings.Join(conds, " AND "), args, nil
}

// Projects implements talent.Records: the nearest deadline first.
func (s *TalentService) Projects(ctx context.Context, f talent.Filter) ([]talent.ProjectListed, error) {
	cond, args, err := s.projectFilter(ctx, f)
	if err != nil {
		return nil, err
	}
	limit, offset := pageOf(f)
	today := s.today()
	return collect(func(sc scanner) (talent.ProjectListed, error) {
		r, err := scanProject(sc, today)
		if err != nil {
			return talent.ProjectListed{}, err
		}
		return r.ProjectListed, nil
	})(s.db.Query(ctx, `SELECT `+projectColumns+projectFrom+` WHERE `+cond+
		` ORDER BY r.deadline DESC, r.id LIMIT ? OFFSET ?`, append(args, limit, offset)...))
}

// CountProjects implements talent.Records.
func (s *TalentService) CountProjects(ctx context.Context, f talent.Filter) (int, error) {
	return s.count(ctx, "projects", projectFrom, s.projectFilter, f)
}

// loadProject reads a project the actor sees, through q.
func (s *TalentService) loadProject(ctx context.Context, q rowQuerier, a *talentActor, id string) (*projectRow, error) {
	cond, args, err := s.projectReach(ctx, a)
	if err != nil {
		return nil, err
	}
	return s.projectWhere(ctx, q, id, cond, args)
}

// projectWhere reads project id through q when it meets cond.
func (s *TalentService) projectWhere(ctx context.Context, q rowQuerier, id, cond string, args []any) (*projectRow, error) {
	if !ValidID(id) {
		return nil, errBadID
	}
	var jurisdiction string
	if err := q(ctx, `SELECT jurisdiction_id FROM talent_projects WHERE id = ?`, id).Scan(&jurisdiction); err != nil {
		return nil, normalize(err)
	}
	return scanProject(q(ctx, `SELECT `+projectColumns+projectFrom+` WHERE r.jurisdiction_id = ? AND r.id = ? AND `+cond,
		append([]any{jurisdiction, id}, args...)...), s.today())
}

// Project implements talent.Records.
func (s *TalentService) Project(ctx context.Context, id string) (*talent.ProjectListed, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return nil, err
	}
	r, err := s.loadProject(ctx, s.db.QueryRow, a, id)
	if err != nil {
		return nil, err
	}
	return &r.ProjectListed, nil
}

// SaveProject implements talent.Records. A project is put on the market by
// an organisation in the writer's subtrees; an update keeps it in its
// jurisdiction and, when Version is set, must be made on the stored
// version.
func (s *TalentService) SaveProject(ctx context.Context, in *talent.Project) (*talent.Project, error) {
	a, err := staffActor(ctx)
	if err != nil {
		return nil, err
	}
	if in == nil {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	p := *in
	// Trimmed on a copy: the caller's requirements stay as given.
	p.Skills = slices.Clone(p.Skills)
	for i := range p.Skills {
		p.Skills[i].Skill = strings.TrimSpace(p.Skills[i].Skill)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		var err error
		p, err = s.saveProject(ctx, tx, a, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

func (s *TalentService) saveProject(ctx context.Context, tx *Tx, a *talentActor, p talent.Project) (talent.Project, error) {
	o, err := s.orgInReach(ctx, tx.QueryRow, a, p.OrgID)
	if err != nil {
		return p, err
	}
	var old *projectRow
	if p.ID != "" {
		if old, err = s.loadProject(ctx, tx.QueryRow, a, p.ID); err != nil {
			return p, err
		}
		if err := lockRow(ctx, tx, "talent_projects", old.jurisdiction, p.ID); err != nil {
			return p, err
		}
		if old.jurisdiction != o.JurisdictionID || !a.reachesOrg(old.path) {
			return p, fault.New(fault.NotFound, "error.not_found")
		}
		if p.Version != 0 && p.Version != old.Version {
			return p, fault.New(fault.Conflict, "error.conflict")
		}
	}
	reqs := make([]requirementJSON, len(p.Skills))
	for i, q := range p.Skills {
		reqs[i] = requirementJSON{Skill: q.Skill, MinLevel: q.MinLevel, Weight: q.Weight}
	}
	skills, err := encodeJSON(reqs)
	if err != nil {
		return p, err
	}
	categories, err := encodeJSON(orEmpty(p.Categories))
	if err != nil {
		return p, err
	}
	forms, err := encodeJSON(orEmpty(p.Forms))
	if err != nil {
		return p, err
	}
	now := tx.Now().UnixMicro()
	action := "talent.project.update"
	if old == nil {
		action, p.ID, p.Version = "talent.project.create", NewID(), 1
		if _, err := tx.Exec(ctx, `INSERT INTO talent_projects (jurisdiction_id, id, org_id, owner_kind, owner_id, owner_name,
			title, description, skills, categories, forms, region, start_on, end_on, openings, deadline, visibility, version,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			o.JurisdictionID, p.ID, p.OrgID, string(p.Owner.Kind), p.Owner.ID, p.Owner.Name, p.Title, p.Description, skills,
			categories, forms, p.Region, p.Start, p.End, p.Openings, p.Deadline, string(p.Visibility), p.Version, now, now); err != nil {
			return p, fmt.Errorf("insert project: %w", err)
		}
	} else {
		p.Version = old.Version + 1
		if err := tx.ExecOne(ctx, `UPDATE talent_projects SET org_id = ?, owner_kind = ?, owner_id = ?, owner_name = ?,
			title = ?, description = ?, skills = ?, categories = ?, forms = ?, region = ?, start_on = ?, end_on = ?,
			openings = ?, deadline = ?, visibility = ?, version = ?, updated_at = ?
			WHERE jurisdiction_id = ? AND id = ? AND version = ?`,
			p.OrgID, string(p.Owner.Kind), p.Owner.ID, p.Owner.Name, p.Title, p.Description, skills, categories, forms,
			p.Region, p.Start, p.End, p.Openings, p.Deadline, string(p.Visibility), p.Version, now,
			o.JurisdictionID, p.ID, old.Version); err != nil {
			return p, fmt.Errorf("update project: %w", err)
		}
	}
	return p, tx.Audit(ctx, talentAudit(a.p, o.JurisdictionID, action, "talent_project", p.ID, map[string]any{
		"title": p.Title, "org_id": p.OrgID, "owner": p.Owner.Name, "openings": p.Openings, "deadline": p.Deadline,
		"visibility": p.Visibility, "version": p.Version}))
}

// orEmpty returns xs, or an empty slice for nil, so it encodes as [].
func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
