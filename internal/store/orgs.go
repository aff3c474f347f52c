package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
)

// OrgService implements org.Service.
type OrgService struct {
	db    *DB
	today func() civil.Date
}

// Orgs returns the organisation service.
func (db *DB) Orgs() *OrgService {
	return &OrgService{db: db, today: db.Today}
}

var _ org.Service = (*OrgService)(nil)

const orgColumns = `jurisdiction_id, id, parent_id, party_parent_id, path, depth, name, short_name, kind, sector,
	division_code, founded_on, dissolved_on, status, version, created_at, updated_at`

func scanOrg(s scanner) (org.Org, error) {
	var o org.Org
	var kind, sector, status string
	var created, updated int64
	err := s.Scan(&o.JurisdictionID, &o.ID, &o.ParentID, &o.PartyParentID, &o.Path, &o.Depth, &o.Name, &o.ShortName,
		&kind, &sector, &o.DivisionCode, &o.FoundedOn, &o.DissolvedOn, &status, &o.Version, &created, &updated)
	if err != nil {
		return o, normalize(err)
	}
	o.Kind, o.Sector, o.Status = org.Kind(kind), org.Sector(sector), org.Status(status)
	o.CreatedAt, o.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	return o, nil
}

// Get implements org.Service.
func (s *OrgService) Get(ctx context.Context, id string) (*org.Org, error) {
	p, err := access.Require(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	o, err := s.load(ctx, s.db.QueryRow, id)
	if err != nil {
		return nil, err
	}
	if err := access.Check(p, access.OrgRead, o.Path); err != nil {
		return nil, err
	}
	return o, nil
}

type rowQuerier func(ctx context.Context, query string, args ...any) *sql.Row

// load reads one organisation by id without a scope check.
func (s *OrgService) load(ctx context.Context, q rowQuerier, id string) (*org.Org, error) {
	if !ValidID(id) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	o, err := scanOrg(q(ctx, `SELECT `+orgColumns+` FROM orgs WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// Ancestors implements org.Service: the visible ancestors of id, root first.
func (s *OrgService) Ancestors(ctx context.Context, id string) ([]org.Org, error) {
	o, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	ids := org.PathIDs(o.Path)
	ids = ids[:len(ids)-1]
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, x := range ids {
		args[i] = x
	}
	rows, err := s.db.Query(ctx, `SELECT `+orgColumns+` FROM orgs WHERE id IN (`+placeholders(len(ids))+`) ORDER BY depth`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	p := access.From(ctx)
	var out []org.Org
	for rows.Next() {
		a, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		if access.Check(p, access.OrgRead, a.Path) == nil {
			out = append(out, a)
		}
	}
	return out, rows.Err()
}

// subtreeRange returns the bounds of every path under prefix (which ends in
// "/"): paths sort between prefix and prefix with its final "/" raised to
// "0", the next byte. Both engines compare these columns byte by byte.
func subtreeRange(prefix string) (lo, hi string) {
	return prefix, prefix[:len(prefix)-1] + "0"
}

// scopeCondition restricts a query to the subtrees in scopes.
func scopeCondition(column string, scopes []string) (string, []any) {
	if len(scopes) == 0 {
		return "1 = 0", nil
	}
	conds := make([]string, len(scopes))
	args := make([]any, 0, 2*len(scopes))
	for i, sc := range scopes {
		lo, hi := subtreeRange(sc)
		conds[i] = "(" + column + " >= ? AND " + column + " < ?)"
		args = append(args, lo, hi)
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// List implements org.Service.
func (s *OrgService) List(ctx context.Context, f org.Filter) (*org.Page, error) {
	p, err := access.Require(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	scopes := []string{}
	if p.Operator {
		scopes = []string{"/"}
	} else {
		scopes = p.Scopes(access.OrgRead)
	}
	if f.Under != "" {
		// Get checks that the subtree lies within scope, so its range
		// replaces the scope's: one range is one index scan.
		under, err := s.Get(ctx, f.Under)
		if err != nil {
			return nil, err
		}
		scopes = []string{under.Path}
	}
	where, args := scopeCondition("path", scopes)
	conds := []string{where}
	if f.ParentID != "" {
		conds = append(conds, "parent_id = ?")
		args = append(args, f.ParentID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + escapeLike(q) + "%"
		conds = append(conds, `(name LIKE ? ESCAPE '\' OR short_name LIKE ? ESCAPE '\' OR division_code LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	if f.Kind != "" {
		conds = append(conds, "kind = ?")
		args = append(args, string(f.Kind))
	}
	if f.Status != "" {
		conds = append(conds, "status = ?")
		args = append(args, string(f.Status))
	}
	sortKey := f.Sort
	if !sortKey.Valid() {
		sortKey = org.SortPath
	}
	limit := f.Limit
	if limit <= 0 || limit > org.MaxLimit {
		limit = 20
	}
	page := &org.Page{Total: -1}
	base := " FROM orgs WHERE " + strings.Join(conds, " AND ")
	if f.Cursor == "" && !f.SkipTotal {
		if err := s.db.QueryRow(ctx, "SELECT COUNT(*)"+base, args...).Scan(&page.Total); err != nil {
			return nil, fmt.Errorf("count orgs: %w", err)
		}
	}
	query, qargs, err := keysetPage(base, args, string(sortKey), f.Desc, f.Cursor, f.Offset, limit)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, "SELECT "+orgColumns+query, qargs...)
	if err != nil {
		return nil, fmt.Errorf("list orgs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		page.Items = append(page.Items, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.NextCursor = encodeCursor(sortValue(last, sortKey), last.ID)
	}
	return page, nil
}

func sortValue(o org.Org, k org.SortKey) string {
	switch k {
	case org.SortName:
		return o.Name
	case org.SortKind:
		return string(o.Kind)
	case org.SortFounded:
		return o.FoundedOn.String()
	case org.SortDivision:
		return o.DivisionCode
	}
	return o.Path
}

// keysetPage appends ordering and paging to a FROM … WHERE clause. With a
// cursor it continues after the cursor's (value, id); otherwise it uses the
// offset. It asks for one row more than limit to learn whether more follow.
func keysetPage(base string, args []any, column string, desc bool, cursor string, offset, limit int) (string, []any, error) {
	dir, cmp := "ASC", ">"
	if desc {
		dir, cmp = "DESC", "<"
	}
	// A path ends in the row's own id, so it is unique and needs no
	// tiebreak: ordering by it alone lets the engine walk the path index.
	unique := column == string(org.SortPath)
	if cursor != "" {
		v, id, err := decodeCursor(cursor)
		if err != nil {
			return "", nil, err
		}
		if unique {
			base += fmt.Sprintf(" AND %s %s ?", column, cmp)
			args = append(args, v)
		} else {
			base += fmt.Sprintf(" AND (%[1]s %[2]s ? OR (%[1]s = ? AND id %[2]s ?))", column, cmp)
			args = append(args, v, v, id)
		}
		offset = 0
	}
	order := fmt.Sprintf("%s %s, id %s", column, dir, dir)
	if unique {
		order = column + " " + dir
	}
	q := fmt.Sprintf("%s ORDER BY %s LIMIT %d", base, order, limit+1)
	if offset > 0 {
		q += fmt.Sprintf(" OFFSET %d", offset)
	}
	return q, args, nil
}

func encodeCursor(value, id string) string {
	b, _ := json.Marshal([2]string{value, id})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(c string) (string, string, error) {
	var v [2]string
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		err = json.Unmarshal(b, &v)
	}
	if err != nil || !ValidID(v[1]) {
		var f fault.Fields
		f.Add("cursor", "field.cursor")
		return "", "", f.Err()
	}
	return v[0], v[1], nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// History implements org.Service: the events of one organisation, newest first.
func (s *OrgService) History(ctx context.Context, id string) ([]org.Event, error) {
	o, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT jurisdiction_id, id, org_id, kind, effective_on, document_no, note, detail,
		recorded_by, recorded_at FROM org_events WHERE jurisdiction_id = ? AND org_id = ?
		ORDER BY effective_on DESC, recorded_at DESC`, o.JurisdictionID, o.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []org.Event
	for rows.Next() {
		var e org.Event
		var kind string
		var at int64
		if err := rows.Scan(&e.JurisdictionID, &e.ID, &e.OrgID, &kind, &e.EffectiveOn, &e.DocumentNo, &e.Note,
			&e.Detail, &e.RecordedBy, &at); err != nil {
			return nil, normalize(err)
		}
		e.Kind, e.RecordedAt = org.EventKind(kind), time.UnixMicro(at).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
