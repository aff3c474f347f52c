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
	"zugong/internal/secondment"
)

// SecondmentService implements secondment.Service: cadres' secondments (挂职)
// on SQL.
//
// Permissions: reading needs access.SecondmentRead and changing needs
// access.SecondmentManage, each over the cadre's home unit (home_org_path);
// a secondment outside scope is not found. Saving also needs the person to
// be visible (access.OrgRead over the person's organisation) and, when a
// host organisation of the tree is named, that organisation too.
type SecondmentService struct {
	db    *DB
	today func() civil.Date
}

// Secondments returns the secondment service.
func (db *DB) Secondments() *SecondmentService {
	return &SecondmentService{db: db, today: db.Today}
}

var _ secondment.Service = (*SecondmentService)(nil)

// secondmentMaxLimit caps a page of secondments.
const secondmentMaxLimit = 500

// secondmentColumns is a secondments row (alias s) as scanSecondment reads it.
const secondmentColumns = `s.jurisdiction_id, s.id, s.person_id, s.kind, s.home_org_id, s.home_org_path, s.home_unit,
	s.host_org_id, s.host_unit, s.host_post, s.start_on, s.end_on, s.full_time, s.decision_doc, s.returned_on,
	s.return_reason, s.mid_on, s.mid_grade, s.mid_comment, s.final_on, s.final_grade, s.final_comment, s.version`

// listedFrom joins the names a listing shows: the person's, and the home
// unit's current name (the name stored at entry when the unit is gone).
const listedFrom = ` FROM secondments s
	LEFT JOIN people p ON p.jurisdiction_id = s.jurisdiction_id AND p.id = s.person_id
	LEFT JOIN orgs o ON o.jurisdiction_id = s.jurisdiction_id AND o.id = s.home_org_id`

const listedColumns = secondmentColumns + `, COALESCE(p.name, ''), COALESCE(o.name, s.home_unit)`

// secondmentRow is a stored secondment with the path its scope is decided on.
type secondmentRow struct {
	secondment.Secondment
	path string
}

func scanSecondment(sc scanner, extra ...any) (*secondmentRow, error) {
	var r secondmentRow
	s := &r.Secondment
	var kind string
	var ret secondment.Return
	var mid, final secondment.Assessment
	var midGrade, finalGrade string
	dest := []any{&s.JurisdictionID, &s.ID, &s.PersonID, &kind, &s.HomeOrgID, &r.path, &s.HomeUnit,
		&s.HostOrgID, &s.HostUnit, &s.HostPost, &s.Start, &s.End, &s.FullTime, &s.DecisionDoc, &ret.On,
		&ret.Reason, &mid.On, &midGrade, &mid.Comment, &final.On, &finalGrade, &final.Comment, &s.Version}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return nil, normalize(err)
	}
	s.Kind = secondment.Kind(kind)
	if !ret.On.IsZero() {
		s.Return = &ret
	}
	if !mid.On.IsZero() {
		mid.Grade = secondment.Grade(midGrade)
		s.MidTerm = &mid
	}
	if !final.On.IsZero() {
		final.Grade = secondment.Grade(finalGrade)
		s.EndOfTerm = &final
	}
	return &r, nil
}

// withExtensions reads the extensions of secs, in order, into them.
func (s *SecondmentService) withExtensions(ctx context.Context, q rowsQuerier, secs []*secondment.Secondment) error {
	byJurisdiction := map[string][]any{}
	index := map[string]*secondment.Secondment{}
	for _, sec := range secs {
		byJurisdiction[sec.JurisdictionID] = append(byJurisdiction[sec.JurisdictionID], sec.ID)
		index[sec.JurisdictionID+"/"+sec.ID] = sec
	}
	for j, ids := range byJurisdiction {
		rows, err := q(ctx, `SELECT secondment_id, from_on, to_on, reason, decided_on FROM secondment_extensions
			WHERE jurisdiction_id = ? AND secondment_id IN (`+placeholders(len(ids))+`) ORDER BY secondment_id, seq`,
			append([]any{j}, ids...)...)
		if err != nil {
			return fmt.Errorf("read secondment extensions: %w", err)
		}
		for rows.Next() {
			var id string
			var e secondment.Extension
			if err := rows.Scan(&id, &e.From, &e.To, &e.Reason, &e.Decided); err != nil {
				rows.Close()
				return fmt.Errorf("read secondment extensions: %w", err)
			}
			sec := index[j+"/"+id]
			sec.Extensions = append(sec.Extensions, e)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("read secondment extensions: %w", err)
		}
	}
	return nil
}

// Get implements secondment.Service.
func (s *SecondmentService) Get(ctx context.Context, id string) (*secondment.Listed, error) {
	p, err := access.Require(ctx, access.SecondmentRead)
	if err != nil {
		return nil, err
	}
	if !ValidID(id) {
		return nil, errBadID
	}
	var l secondment.Listed
	r, err := scanSecondment(s.db.QueryRow(ctx, `SELECT `+listedColumns+listedFrom+` WHERE s.id = ?`, id), &l.PersonName, &l.HomeOrg)
	if err != nil {
		return nil, err
	}
	if err := access.Check(p, access.SecondmentRead, r.path); err != nil {
		return nil, err
	}
	l.Secondment = r.Secondment
	if err := s.withExtensions(ctx, s.db.Query, []*secondment.Secondment{&l.Secondment}); err != nil {
		return nil, err
	}
	return &l, nil
}

// List implements secondment.Service. The listing covers the principal's
// SecondmentRead scopes, or the subtree of Filter.Under when it lies within
// them.
func (s *SecondmentService) List(ctx context.Context, f secondment.Filter) ([]secondment.Listed, error) {
	cond, args, err := s.filter(ctx, f)
	if err != nil {
		return nil, err
	}
	limit := f.Limit
	if limit <= 0 || limit > secondmentMaxLimit {
		limit = 20
	}
	rows, err := s.db.QueryPlanned(ctx, `SELECT `+listedColumns+listedFrom+` WHERE `+cond+
		` ORDER BY s.end_on, s.id LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("list secondments: %w", err)
	}
	defer rows.Close()
	var out []secondment.Listed
	for rows.Next() {
		var l secondment.Listed
		r, err := scanSecondment(rows, &l.PersonName, &l.HomeOrg)
		if err != nil {
			return nil, err
		}
		l.Secondment = r.Secondment
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	secs := make([]*secondment.Secondment, len(out))
	for i := range out {
		secs[i] = &out[i].Secondment
	}
	return out, s.withExtensions(ctx, s.db.Query, secs)
}

// Count implements secondment.Service.
func (s *SecondmentService) Count(ctx context.Context, f secondment.Filter) (int, error) {
	cond, args, err := s.filter(ctx, f)
	if err != nil {
		return 0, err
	}
	var n int
	if err := scanCount(s.db.QueryPlanned(ctx, `SELECT COUNT(*) FROM secondments s WHERE `+cond, args...))(&n); err != nil {
		return 0, fmt.Errorf("count secondments: %w", err)
	}
	return n, nil
}

// filter turns f into the conditions of a listing within the principal's
// scope. Statuses are those of secondment.Secondment.StatusOn, written over
// the stored dates, which compare as text.
func (s *SecondmentService) filter(ctx context.Context, f secondment.Filter) (string, []any, error) {
	p, err := access.Require(ctx, access.SecondmentRead)
	if err != nil {
		return "", nil, err
	}
	scopes := p.Scopes(access.SecondmentRead)
	if p.Operator {
		scopes = []string{"/"}
	}
	if f.Under != "" {
		under, err := s.db.Orgs().load(ctx, s.db.QueryRow, f.Under)
		if err != nil {
			return "", nil, err
		}
		if err := access.Check(p, access.SecondmentRead, under.Path); err != nil {
			return "", nil, err
		}
		scopes = []string{under.Path}
	}
	where, args := scopeCondition("s.home_org_path", scopes)
	conds := []string{where}
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	var bad fault.Fields
	if f.Kind != "" {
		if !knownKind(f.Kind) {
			bad.Add("kind", "field.invalid_choice")
		}
		add("s.kind = ?", string(f.Kind))
	}
	today := f.Today
	if today.IsZero() {
		today = s.today()
	}
	switch f.Status {
	case "":
	case secondment.Planned:
		add("s.start_on > ?", today)
	case secondment.Active:
		add("s.start_on <= ? AND s.end_on >= ? AND (s.returned_on = '' OR s.returned_on > ?)", today, today, today)
	case secondment.Ended:
		add("s.end_on < ? AND s.returned_on = ''", today)
	case secondment.ReturnedEarly:
		add("s.returned_on <> '' AND s.returned_on <= ?", today)
	default:
		bad.Add("status", "field.invalid_choice")
	}
	if f.ExpiringWithin > 0 {
		add("s.end_on >= ? AND s.end_on <= ? AND (s.returned_on = '' OR s.returned_on > ?)",
			today, today.AddDays(f.ExpiringWithin), today)
	}
	if err := bad.Err(); err != nil {
		return "", nil, err
	}
	return strings.Join(conds, " AND "), args, nil
}

func knownKind(k secondment.Kind) bool {
	for _, x := range secondment.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// ForPerson implements secondment.Service: the person's secondments within
// the principal's scope, earliest first.
func (s *SecondmentService) ForPerson(ctx context.Context, personID string) ([]secondment.Secondment, error) {
	p, err := access.Require(ctx, access.SecondmentRead)
	if err != nil {
		return nil, err
	}
	if !ValidID(personID) {
		return nil, errBadID
	}
	var jurisdiction string
	if err := s.db.QueryRow(ctx, `SELECT jurisdiction_id FROM people WHERE id = ?`, personID).Scan(&jurisdiction); err != nil {
		return nil, normalize(err)
	}
	rows, err := s.ofPerson(ctx, s.db.Query, jurisdiction, personID)
	if err != nil {
		return nil, err
	}
	var out []secondment.Secondment
	for _, r := range rows {
		if access.Check(p, access.SecondmentRead, r.path) == nil {
			out = append(out, r.Secondment)
		}
	}
	return out, nil
}

// ofPerson reads every secondment of a person, with its extensions, without
// a scope check.
func (s *SecondmentService) ofPerson(ctx context.Context, q rowsQuerier, jurisdiction, personID string) ([]*secondmentRow, error) {
	rows, err := q(ctx, `SELECT `+secondmentColumns+` FROM secondments s WHERE s.jurisdiction_id = ? AND s.person_id = ?
		ORDER BY s.start_on, s.id`, jurisdiction, personID)
	if err != nil {
		return nil, fmt.Errorf("read secondments of person %s: %w", personID, err)
	}
	defer rows.Close()
	var out []*secondmentRow
	for rows.Next() {
		r, err := scanSecondment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	secs := make([]*secondment.Secondment, len(out))
	for i, r := range out {
		secs[i] = &r.Secondment
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	return out, s.withExtensions(ctx, q, secs)
}

// lock reads a secondment for update, with its extensions, and checks that
// p may change it.
func (s *SecondmentService) lock(ctx context.Context, tx *Tx, p *access.Principal, id string) (*secondmentRow, error) {
	if !ValidID(id) {
		return nil, errBadID
	}
	read := func(query string, args ...any) (*secondmentRow, error) {
		r, err := scanSecondment(tx.QueryRow(ctx, `SELECT `+secondmentColumns+` FROM secondments s WHERE `+query, args...))
		if err != nil {
			return nil, err
		}
		return r, access.Check(p, access.SecondmentManage, r.path)
	}
	r, err := read(`s.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if tx.db.dialect == Postgres {
		// The row is locked by its full key once a plain read has found
		// the jurisdiction (docs/scaleout.md), then read again as locked.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM secondments WHERE jurisdiction_id = ? AND id = ? FOR UPDATE`, r.JurisdictionID, r.ID); err != nil {
			return nil, err
		}
		if r, err = read(`s.jurisdiction_id = ? AND s.id = ?`, r.JurisdictionID, r.ID); err != nil {
			return nil, err
		}
	}
	return r, s.withExtensions(ctx, tx.Query, []*secondment.Secondment{&r.Secondment})
}

// secondmentAudit is an audit event of an action p took on a secondment.
func secondmentAudit(p *access.Principal, sec *secondment.Secondment, action string, detail map[string]any) audit.Event {
	detail["person_id"] = sec.PersonID
	detail["version"] = sec.Version
	b, _ := json.Marshal(detail)
	return audit.Event{JurisdictionID: sec.JurisdictionID, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
		Action: action, TargetKind: "secondment", TargetID: sec.ID, Detail: string(b)}
}
