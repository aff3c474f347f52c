package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/selection"
	"zugong/internal/workday"
)

// SelectionService keeps selections for posts (选拔任用) on SQL. The
// workflow's rules are selection.Selection.Apply's: the service loads a
// selection, applies a step with the working-day calendar in force, writes
// the step and audits the transition, all in one transaction.
//
// Permissions: reading needs access.SelectionRead over the unit whose post
// is filled, every change access.SelectionManage there; a selection outside
// the principal's scope is not found. Each step's Record.By is the login of
// the principal who recorded it, whatever the caller put there.
type SelectionService struct {
	db    *DB
	today func() civil.Date
}

// Selections returns the selection service.
func (db *DB) Selections() *SelectionService {
	return &SelectionService{db: db, today: db.Today}
}

// selectionRow is a selection as loaded, with what scope checks and
// optimistic locking need.
type selectionRow struct {
	sel          selection.Selection
	jurisdiction string
	orgPath      string
	version      int
}

const selectionColumns = `s.jurisdiction_id, s.id, s.org_id, s.post, s.version, o.path`

const selectionFrom = ` FROM selections s JOIN orgs o ON o.jurisdiction_id = s.jurisdiction_id AND o.id = s.org_id`

func scanSelection(sc scanner) (*selectionRow, error) {
	var r selectionRow
	if err := sc.Scan(&r.jurisdiction, &r.sel.ID, &r.sel.OrgID, &r.sel.Post, &r.version, &r.orgPath); err != nil {
		return nil, normalize(err)
	}
	return &r, nil
}

// load reads a selection with its steps and objections, without a scope
// check.
func (s *SelectionService) load(ctx context.Context, q rowQuerier, qs rowsQuerier, id string) (*selectionRow, error) {
	if !ValidID(id) {
		return nil, errBadID
	}
	r, err := scanSelection(q(ctx, `SELECT `+selectionColumns+selectionFrom+` WHERE s.id = ?`, id))
	if err != nil {
		return nil, err
	}
	byID := map[string]*selection.Selection{r.sel.ID: &r.sel}
	if err := loadSteps(ctx, qs, r.jurisdiction, byID); err != nil {
		return nil, err
	}
	return r, nil
}

// loadSteps reads the steps and objections of the selections of one
// jurisdiction into them.
func loadSteps(ctx context.Context, qs rowsQuerier, jurisdiction string, byID map[string]*selection.Selection) error {
	if len(byID) == 0 {
		return nil
	}
	ids := make([]any, 0, len(byID)+1)
	ids = append(ids, jurisdiction)
	for id := range byID {
		ids = append(ids, id)
	}
	in := `jurisdiction_id = ? AND selection_id IN (` + placeholders(len(byID)) + `)`
	rows, err := qs(ctx, `SELECT selection_id, stage, held_on, organ_id, recorded_by, reference, detail
		FROM selection_steps WHERE `+in+` ORDER BY selection_id, seq`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, stage, detail string
		var rec selection.Record
		if err := rows.Scan(&id, &stage, &rec.Date, &rec.Organ, &rec.By, &rec.Reference, &detail); err != nil {
			return err
		}
		c, ok := stepCodecs[selection.Stage(stage)]
		if !ok {
			return fmt.Errorf("selection %s: unknown stage %q", id, stage)
		}
		if err := c.load(byID[id], rec, []byte(detail)); err != nil {
			return fmt.Errorf("selection %s step %s: %w", id, stage, err)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return loadObjections(ctx, qs, in, ids, byID)
}

func loadObjections(ctx context.Context, qs rowsQuerier, in string, args []any, byID map[string]*selection.Selection) error {
	rows, err := qs(ctx, `SELECT selection_id, id, person_id, text, received_on, finding, upheld, resolved_on
		FROM selection_objections WHERE `+in+` ORDER BY selection_id, seq`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var o selection.Objection
		if err := rows.Scan(&id, &o.ID, &o.PersonID, &o.Text, &o.Received, &o.Finding, &o.Upheld, &o.ResolvedOn); err != nil {
			return err
		}
		if sel := byID[id]; sel.Publicity != nil {
			sel.Publicity.Objections = append(sel.Publicity.Objections, o)
		}
	}
	return rows.Err()
}

// loadIn reads a selection and checks that the principal holds perm over
// its unit.
func (s *SelectionService) loadIn(ctx context.Context, perm access.Permission, id string) (*access.Principal, *selectionRow, error) {
	p, err := access.Require(ctx, perm)
	if err != nil {
		return nil, nil, err
	}
	r, err := s.load(ctx, s.db.QueryRow, s.db.Query, id)
	if err != nil {
		return nil, nil, err
	}
	return p, r, access.Check(p, perm, r.orgPath)
}

// Get returns one selection with every step recorded.
func (s *SelectionService) Get(ctx context.Context, id string) (*selection.Selection, error) {
	_, r, err := s.loadIn(ctx, access.SelectionRead, id)
	if err != nil {
		return nil, err
	}
	return &r.sel, nil
}

// maxListed bounds a listing: a county runs tens of selections a year.
const maxListed = 500

// List returns the selections the principal may read, most recently
// changed first: all of them, or those of the subtree of under, or those
// standing at stage when it is not empty.
func (s *SelectionService) List(ctx context.Context, under string, stage selection.Stage) ([]selection.Selection, error) {
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
	where, args := scopeCondition("o.path", scopes)
	if stage != "" {
		where += " AND s.stage = ?"
		args = append(args, string(stage))
	}
	rows, err := s.db.Query(ctx, `SELECT `+selectionColumns+selectionFrom+` WHERE `+where+
		` ORDER BY s.updated_at DESC, s.id LIMIT `+fmt.Sprint(maxListed), args...)
	if err != nil {
		return nil, err
	}
	var listed []*selectionRow
	for rows.Next() {
		r, err := scanSelection(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		listed = append(listed, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byJurisdiction := map[string]map[string]*selection.Selection{}
	for _, r := range listed {
		if byJurisdiction[r.jurisdiction] == nil {
			byJurisdiction[r.jurisdiction] = map[string]*selection.Selection{}
		}
		byJurisdiction[r.jurisdiction][r.sel.ID] = &r.sel
	}
	for j, byID := range byJurisdiction {
		if err := loadSteps(ctx, s.db.Query, j, byID); err != nil {
			return nil, err
		}
	}
	out := make([]selection.Selection, len(listed))
	for i, r := range listed {
		out[i] = r.sel
	}
	return out, nil
}

// Open starts a selection for post in the unit orgID by recording its
// motion (动议), which checks the unit's approved number of posts.
func (s *SelectionService) Open(ctx context.Context, orgID, post string, m selection.Motion) (*selection.Selection, error) {
	p, err := access.Require(ctx, access.SelectionManage)
	if err != nil {
		return nil, err
	}
	var out *selection.Selection
	err = s.db.Write(ctx, func(tx *Tx) error {
		var f fault.Fields
		unit, err := s.db.Orgs().load(ctx, tx.QueryRow, orgID)
		if fault.Is(err, fault.NotFound) {
			f.Add("org_id", "error.not_found")
		} else if err != nil {
			return err
		} else if err := access.Check(p, access.SelectionManage, unit.Path); err != nil {
			f.Add("org_id", "error.not_found")
		}
		if strings.TrimSpace(post) == "" {
			f.Add("post", "field.required")
		}
		if err := f.Err(); err != nil {
			return err
		}
		r := &selectionRow{sel: selection.Selection{ID: NewID(), OrgID: unit.ID, Post: strings.TrimSpace(post)},
			jurisdiction: unit.JurisdictionID, orgPath: unit.Path}
		now := tx.Now().UnixMicro()
		if _, err := tx.Exec(ctx, `INSERT INTO selections (jurisdiction_id, id, org_id, post, stage, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?)`, r.jurisdiction, r.sel.ID, r.sel.OrgID, r.sel.Post, string(selection.StageNone), now, now); err != nil {
			return fmt.Errorf("insert selection: %w", err)
		}
		if err := s.record(ctx, tx, p, r, m, noCalendar); err != nil {
			return err
		}
		out = &r.sel
		return nil
	})
	return out, err
}

// Apply records step as the next step of selection id. The order of the
// steps and every rule of the workflow are selection.Selection.Apply's; the
// service adds what only the registry knows: the organ and the candidates
// recommended must exist in the selection's jurisdiction, and each person
// inspected gets the registry's data-quality check as the dossier audit
// (see inspectDossiers).
func (s *SelectionService) Apply(ctx context.Context, id string, step selection.Step) (*selection.Selection, error) {
	p, err := access.Require(ctx, access.SelectionManage)
	if err != nil {
		return nil, err
	}
	if step == nil {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	var out *selection.Selection
	err = s.db.Write(ctx, func(tx *Tx) error {
		r, err := s.load(ctx, tx.QueryRow, tx.Query, id)
		if err != nil {
			return err
		}
		if err := access.Check(p, access.SelectionManage, r.orgPath); err != nil {
			return err
		}
		if err := s.record(ctx, tx, p, r, step, s.db.Calendar().Load); err != nil {
			return err
		}
		out = &r.sel
		return nil
	})
	return out, err
}

// record applies step to the loaded selection r, writes the step and the
// new stage, and audits the transition.
func (s *SelectionService) record(ctx context.Context, tx *Tx, p *access.Principal, r *selectionRow, step selection.Step, calendar calendarLoader) error {
	c := stepCodecs[step.Stage()]
	if c.by == nil {
		return fault.New(fault.Invalid, "error.invalid")
	}
	step = c.by(step, p.Login)
	if in, ok := step.(selection.Inspection); ok {
		var err error
		if step, err = s.inspectDossiers(ctx, tx, r.jurisdiction, in); err != nil {
			return err
		}
	}
	cal, err := calendar(ctx)
	if err != nil {
		return err
	}
	from := r.sel.Stage()
	if err := r.sel.Apply(step, cal); err != nil {
		return err
	}
	to := step.Stage()
	if err := s.checkRegistry(ctx, tx, r, step); err != nil {
		return err
	}
	recorded, _ := c.get(&r.sel)
	detail, err := json.Marshal(withoutObjections(recorded))
	if err != nil {
		return err
	}
	rec := recordOf(recorded)
	now := tx.Now().UnixMicro()
	if _, err := tx.Exec(ctx, `INSERT INTO selection_steps (jurisdiction_id, selection_id, stage, seq, held_on, organ_id, recorded_by,
		reference, detail, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.jurisdiction, r.sel.ID, string(to),
		slices.Index(selection.Stages, to), rec.Date, rec.Organ, rec.By, rec.Reference, string(detail), now); err != nil {
		return fmt.Errorf("insert %s step: %w", to, err)
	}
	if err := s.bump(ctx, tx, r, to); err != nil {
		return err
	}
	return tx.Audit(ctx, selectionAudit(p, r, "selection.step", map[string]any{"from": from, "to": to,
		"date": rec.Date, "organ": rec.Organ, "reference": rec.Reference}))
}

// calendarLoader returns the working-day calendar in force.
type calendarLoader func(context.Context) (workday.Calendar, error)

// noCalendar stands for the calendar where no step can need it: a motion
// counts no working days, only the 任前公示 does.
func noCalendar(context.Context) (workday.Calendar, error) { return workday.Calendar{}, nil }

// bump moves the selection's stage and version on, refusing a change made
// meanwhile by someone else.
func (s *SelectionService) bump(ctx context.Context, tx *Tx, r *selectionRow, stage selection.Stage) error {
	err := tx.ExecOne(ctx, `UPDATE selections SET stage = ?, version = version + 1, updated_at = ?
		WHERE jurisdiction_id = ? AND id = ? AND version = ?`, string(stage), tx.Now().UnixMicro(), r.jurisdiction, r.sel.ID, r.version)
	if fault.Is(err, fault.NotFound) {
		return fault.New(fault.Conflict, "error.stale")
	}
	r.version++
	return err
}

// checkRegistry refuses a step naming an organ or a recommended candidate
// that the selection's jurisdiction does not hold.
func (s *SelectionService) checkRegistry(ctx context.Context, tx *Tx, r *selectionRow, step selection.Step) error {
	var f fault.Fields
	organ := recordOf(step).Organ
	if n, err := countIn(ctx, tx, `orgs`, r.jurisdiction, []string{organ}); err != nil {
		return err
	} else if n == 0 {
		f.Add("organ", "selection.unknown_organ")
	}
	if rec, ok := step.(selection.Recommendation); ok {
		for i, n := range rec.Nominees {
			if found, err := countIn(ctx, tx, `people`, r.jurisdiction, []string{n.PersonID}); err != nil {
				return err
			} else if found == 0 {
				f.Add(fmt.Sprintf("nominees.%d.person_id", i), "selection.unknown_person")
			}
		}
	}
	return f.Err()
}

// countIn counts the rows of table in jurisdiction with the given ids.
func countIn(ctx context.Context, tx *Tx, table, jurisdiction string, ids []string) (int, error) {
	valid := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !ValidID(id) })
	if len(valid) == 0 {
		return 0, nil
	}
	args := []any{jurisdiction}
	for _, id := range valid {
		args = append(args, id)
	}
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM `+table+` WHERE jurisdiction_id = ? AND id IN (`+placeholders(len(valid))+`)`, args...).Scan(&n)
	return n, normalize(err)
}

// Object records an objection received during the selection's 任前公示;
// the service gives it its ID.
func (s *SelectionService) Object(ctx context.Context, id string, o selection.Objection) (*selection.Selection, error) {
	return s.change(ctx, id, func(ctx context.Context, tx *Tx, r *selectionRow) (string, map[string]any, error) {
		o.ID = NewID()
		if err := r.sel.Object(o); err != nil {
			return "", nil, err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO selection_objections (jurisdiction_id, selection_id, id, seq, person_id, text, received_on,
			finding, upheld, resolved_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.jurisdiction, r.sel.ID, o.ID,
			len(r.sel.Publicity.Objections), o.PersonID, o.Text, o.Received, o.Finding, o.Upheld, o.ResolvedOn); err != nil {
			return "", nil, fmt.Errorf("insert objection: %w", err)
		}
		return "selection.object", map[string]any{"objection": o.ID, "person": o.PersonID, "received": o.Received,
			"resolved": o.Resolved(), "upheld": o.Upheld}, nil
	})
}

// Resolve records the finding on an objection of the selection's 任前公示.
func (s *SelectionService) Resolve(ctx context.Context, id, objectionID, finding string, upheld bool, on civil.Date) (*selection.Selection, error) {
	return s.change(ctx, id, func(ctx context.Context, tx *Tx, r *selectionRow) (string, map[string]any, error) {
		if err := r.sel.Resolve(objectionID, finding, upheld, on); err != nil {
			return "", nil, err
		}
		if err := tx.ExecOne(ctx, `UPDATE selection_objections SET finding = ?, upheld = ?, resolved_on = ?
			WHERE jurisdiction_id = ? AND selection_id = ? AND id = ?`, finding, upheld, on, r.jurisdiction, r.sel.ID, objectionID); err != nil {
			return "", nil, err
		}
		return "selection.resolve", map[string]any{"objection": objectionID, "upheld": upheld, "resolved": on}, nil
	})
}

// change runs fn on the loaded selection id in one audited write, as a
// change of the selection that keeps its stage.
func (s *SelectionService) change(ctx context.Context, id string,
	fn func(context.Context, *Tx, *selectionRow) (string, map[string]any, error)) (*selection.Selection, error) {
	p, err := access.Require(ctx, access.SelectionManage)
	if err != nil {
		return nil, err
	}
	var out *selection.Selection
	err = s.db.Write(ctx, func(tx *Tx) error {
		r, err := s.load(ctx, tx.QueryRow, tx.Query, id)
		if err != nil {
			return err
		}
		if err := access.Check(p, access.SelectionManage, r.orgPath); err != nil {
			return err
		}
		action, detail, err := fn(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := s.bump(ctx, tx, r, r.sel.Stage()); err != nil {
			return err
		}
		out = &r.sel
		return tx.Audit(ctx, selectionAudit(p, r, action, detail))
	})
	return out, err
}

// selectionAudit is an audit event of an action p took on selection r.
func selectionAudit(p *access.Principal, r *selectionRow, action string, detail map[string]any) audit.Event {
	detail["post"], detail["org"] = r.sel.Post, r.sel.OrgID
	b, _ := json.Marshal(detail)
	return audit.Event{JurisdictionID: r.jurisdiction, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
		Action: action, TargetKind: "selections", TargetID: r.sel.ID, Detail: string(b)}
}
