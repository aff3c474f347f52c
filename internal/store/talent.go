package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/talent"
)

// TalentService implements talent.Records on SQL: the talent pool (people
// with the talent facet), the project market with its applications and
// invitations, and engagements, entities and services.
//
// Scope: staff read with access.TalentRead and write with
// access.TalentManage over the talent's organisation (people.org_path) for
// the pool, engagements, applications and services, and over the record's
// own organisation for projects and entities. A talent acting with
// access.TalentSelf reaches their own person (Principal.PersonID) and the
// projects open to everyone signed in. Anything else is not found.
type TalentService struct {
	db    *DB
	today func() civil.Date
}

// Talent returns the talent service.
func (db *DB) Talent() *TalentService {
	return &TalentService{db: db, today: db.Today}
}

var _ talent.Records = (*TalentService)(nil)

// talentMaxLimit caps a page of any talent listing.
const talentMaxLimit = 500

// talentActor is who reads or writes talent records: staff with the
// subtrees in which they hold the permission, or a talent acting for
// themselves (self), or both.
type talentActor struct {
	p      *access.Principal
	perm   access.Permission
	scopes []string
	self   string
}

// actor returns the actor of ctx for perm (access.TalentRead or
// access.TalentManage); a principal holding access.TalentSelf acts for
// their own person as well. A principal with neither is refused.
func actor(ctx context.Context, perm access.Permission) (*talentActor, error) {
	p := access.From(ctx)
	a := &talentActor{p: p, perm: perm}
	if p == nil {
		return nil, fault.New(fault.Unauthorized, "error.unauthorized")
	}
	switch {
	case p.Operator:
		a.scopes = []string{"/"}
	case p.Has(perm):
		a.scopes = p.Scopes(perm)
	}
	if p.Has(access.TalentSelf) && p.PersonID != "" {
		a.self = p.PersonID
	}
	if len(a.scopes) == 0 && a.self == "" {
		_, err := access.Require(ctx, perm)
		return nil, err
	}
	return a, nil
}

// staff reports whether the actor holds the permission somewhere.
func (a *talentActor) staff() bool { return len(a.scopes) > 0 }

// personCond is the condition that the person in column idColumn, whose
// organisation path is pathColumn, is within the actor's reach.
func (a *talentActor) personCond(idColumn, pathColumn string) (string, []any) {
	var conds []string
	var args []any
	if a.staff() {
		c, as := scopeCondition(pathColumn, a.scopes)
		conds, args = append(conds, c), append(args, as...)
	}
	if a.self != "" {
		conds, args = append(conds, idColumn+" = ?"), append(args, a.self)
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// reaches reports whether the actor reaches a record of person personID in
// path.
func (a *talentActor) reaches(personID, path string) bool {
	return (a.staff() && access.Check(a.p, a.perm, path) == nil) || (a.self != "" && a.self == personID)
}

// reachesOrg reports whether staff reach an organisation path.
func (a *talentActor) reachesOrg(path string) bool {
	return a.staff() && access.Check(a.p, a.perm, path) == nil
}

// under narrows the actor's scopes to the subtree of orgID, which must lie
// within them; an empty orgID leaves them as they are.
func (s *TalentService) under(ctx context.Context, a *talentActor, orgID string) error {
	if orgID == "" {
		return nil
	}
	o, err := s.db.Orgs().load(ctx, s.db.QueryRow, orgID)
	if err != nil {
		return err
	}
	if !a.reachesOrg(o.Path) {
		return fault.New(fault.NotFound, "error.not_found")
	}
	a.scopes, a.self = []string{o.Path}, ""
	return nil
}

// page returns the limit and offset of a listing.
func pageOf(f talent.Filter) (int, int) {
	limit := f.Limit
	if limit <= 0 || limit > talentMaxLimit {
		limit = 20
	}
	return limit, max(f.Offset, 0)
}

// periodCond adds the conditions that a record dated in column (or, with
// endColumn, lasting from column to endColumn, ” meaning open) falls in
// the filter's period.
func periodCond(f talent.Filter, column, endColumn string) (string, []any) {
	var conds []string
	var args []any
	if !f.To.IsZero() {
		conds, args = append(conds, column+" <= ?"), append(args, f.To)
	}
	if !f.From.IsZero() {
		if endColumn == "" {
			conds, args = append(conds, column+" >= ?"), append(args, f.From)
		} else {
			conds, args = append(conds, "("+endColumn+" = '' OR "+endColumn+" >= ?)"), append(args, f.From)
		}
	}
	if len(conds) == 0 {
		return "1 = 1", nil
	}
	return strings.Join(conds, " AND "), args
}

// talentAudit is the audit event of a change to a talent record.
func talentAudit(p *access.Principal, jurisdiction, action, kind, id string, detail map[string]any) audit.Event {
	b, _ := json.Marshal(detail)
	return audit.Event{JurisdictionID: jurisdiction, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
		Action: action, TargetKind: kind, TargetID: id, Detail: string(b)}
}

// encodeJSON encodes v for a JSON column.
func encodeJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode: %w", err)
	}
	return string(b), nil
}

// factorJSON is a factor in a JSON column.
type factorJSON struct {
	Kind   talent.FactorKind `json:"kind"`
	Amount int64             `json:"amount,omitempty"`
}

func encodeFactors(fs []talent.Factor) string {
	out := make([]factorJSON, len(fs))
	for i, f := range fs {
		out[i] = factorJSON{Kind: f.Kind, Amount: f.Amount}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func decodeFactors(s string) ([]talent.Factor, error) {
	var in []factorJSON
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, fmt.Errorf("decode factors: %w", err)
	}
	out := make([]talent.Factor, len(in))
	for i, f := range in {
		out[i] = talent.Factor{Kind: f.Kind, Amount: f.Amount}
	}
	return out, nil
}

// capitalOf is the amount of the capital factor among fs.
func capitalOf(fs []talent.Factor) int64 {
	for _, f := range fs {
		if f.Kind == talent.Capital {
			return f.Amount
		}
	}
	return 0
}

// personPlace is what the talent records need of a person: jurisdiction,
// organisation path, name and whether they are a talent.
type personPlace struct {
	jurisdiction, orgID, path, name string
	isTalent                        bool
	version                         int
}

// placeOf reads a person's place, refusing an ID of the wrong shape or of
// nobody as not found.
func placeOf(ctx context.Context, q rowQuerier, personID string) (*personPlace, error) {
	if !ValidID(personID) {
		return nil, errBadID
	}
	var pp personPlace
	if err := q(ctx, `SELECT jurisdiction_id, org_id, org_path, name, is_talent, version FROM people WHERE id = ?`, personID).Scan(
		&pp.jurisdiction, &pp.orgID, &pp.path, &pp.name, &pp.isTalent, &pp.version); err != nil {
		return nil, normalize(err)
	}
	return &pp, nil
}

// talentIn reads the talent personID within the actor's reach, for a
// field of a form: a person out of reach or not a talent is reported on
// field as not found.
func talentIn(ctx context.Context, q rowQuerier, a *talentActor, personID, field string) (*personPlace, error) {
	pp, err := placeOf(ctx, q, personID)
	if err == nil && (!pp.isTalent || !a.reaches(personID, pp.path)) {
		err = fault.New(fault.NotFound, "error.not_found")
	}
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add(field, "talent.not_a_talent")
		return nil, f.Err()
	}
	return pp, err
}

// collect returns the reader of a query's result that scans every row
// with scan: collect(scan)(db.Query(…)).
func collect[R any](scan func(scanner) (R, error)) func(*sql.Rows, error) ([]R, error) {
	return func(rows *sql.Rows, err error) ([]R, error) {
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []R
		for rows.Next() {
			r, err := scan(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
}

// eachChild reads the child rows of parents, given as their IDs per
// jurisdiction, one query per jurisdiction: query takes the jurisdiction
// and then the IDs, which it lists where it says IN (%s). fn scans each row.
func eachChild(ctx context.Context, q rowsQuerier, parents map[string][]any, query string, fn func(scanner) error) error {
	for j, ids := range parents {
		rows, err := q(ctx, fmt.Sprintf(query, placeholders(len(ids))), append([]any{j}, ids...)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				rows.Close()
				return err
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// orgInReach reads the organisation a project or an entity is placed in;
// one unknown or outside the actor's subtrees is a field error on org_id.
func (s *TalentService) orgInReach(ctx context.Context, q rowQuerier, a *talentActor, orgID string) (*org.Org, error) {
	o, err := s.db.Orgs().load(ctx, q, orgID)
	if err == nil && !a.reachesOrg(o.Path) {
		err = fault.New(fault.NotFound, "error.not_found")
	}
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("org_id", "error.not_found")
		return nil, f.Err()
	}
	return o, err
}

// count counts the rows of from (a FROM clause) that meet the conditions
// filter makes of f; what names them in errors.
func (s *TalentService) count(ctx context.Context, what, from string,
	filter func(context.Context, talent.Filter) (string, []any, error), f talent.Filter) (int, error) {
	cond, args, err := filter(ctx, f)
	if err != nil {
		return 0, err
	}
	var n int
	if err := scanCount(s.db.Query(ctx, `SELECT COUNT(*)`+from+` WHERE `+cond, args...))(&n); err != nil {
		return 0, fmt.Errorf("count %s: %w", what, err)
	}
	return n, nil
}

// staffActor is the actor of a change only staff make: access.TalentManage
// held somewhere.
func staffActor(ctx context.Context) (*talentActor, error) {
	a, err := actor(ctx, access.TalentManage)
	if err != nil {
		return nil, err
	}
	if !a.staff() {
		return nil, fault.New(fault.Forbidden, "error.forbidden")
	}
	return a, nil
}
