package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
	"zugong/internal/vault"
)

// peopleMaxLimit caps a page of people.
const peopleMaxLimit = 200

// summaryColumns is what a listing reads of each person (p is people). The
// organisation's name comes from a subquery rather than a join: PostgreSQL
// plans a listing afresh for each search (DB.QueryPlanned), and a join
// doubled the time it spent planning, which was most of a search's time.
const summaryColumns = `p.jurisdiction_id, p.id, p.org_id,
	COALESCE((SELECT o.name FROM orgs o WHERE o.jurisdiction_id = p.jurisdiction_id AND o.id = p.org_id), ''),
	p.name, p.gender, p.birth_date, p.id_number_sealed, p.political_status, p.is_party_member, p.is_cadre,
	p.is_talent, p.current_post, p.post_rank`

// peopleSorts are the orders of a listing. A name sorts by its pinyin
// initials first, which is roughly the order of a Chinese roster.
var peopleSorts = map[string][]string{
	"name":       {"p.name_initials", "p.name", "p.id"},
	"birth_date": {"p.birth_date", "p.id"},
	"org":        {"p.org_path", "p.name_initials", "p.name", "p.id"},
}

// List implements person.Service. The listing covers the principal's
// OrgRead scopes, or the subtree of Filter.Under when it lies within them.
// Filter.Query is read by its shape: a whole ID number finds that number, 4
// or 6 digits (the last may be X) the numbers ending so, ASCII letters the
// names whose pinyin initials start so, anything else the names that start
// with it (a surname, or a whole name). All of these are index look-ups; the
// ID number never leaves its sealed column.
func (s *PeopleService) List(ctx context.Context, f person.Filter) (*person.Page, error) {
	p, err := access.Require(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	scopes := p.Scopes(access.OrgRead)
	if p.Operator {
		scopes = []string{"/"}
	}
	if f.Under != "" {
		under, err := s.db.Orgs().Get(ctx, f.Under)
		if err != nil {
			return nil, err
		}
		scopes = []string{under.Path}
	}
	where, args := scopeCondition("p.org_path", scopes)
	conds := []string{where}
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		cond, qa := s.queryCondition(q)
		add(cond, qa...)
	}
	switch f.Facet {
	case "":
	case person.FacetPartyMember:
		add("p.is_party_member = ?", true)
	case person.FacetCadre:
		add("p.is_cadre = ?", true)
	case person.FacetTalent:
		add("p.is_talent = ?", true)
	default:
		var bad fault.Fields
		bad.Add("facet", "field.invalid_choice")
		return nil, bad.Err()
	}
	if f.MinAge > 0 || f.MaxAge > 0 {
		on := f.AgeOn
		if on.IsZero() {
			on = s.today()
		}
		// Born on b, a person is at least n years old on day d exactly when
		// b is not after d moved back n years; comparing the texts compares
		// the dates, even for a 29 February that the year lacks.
		add("p.birth_date <> ''")
		if f.MinAge > 0 {
			add("p.birth_date <= ?", yearsBefore(on, f.MinAge))
		}
		if f.MaxAge > 0 {
			add("p.birth_date > ?", yearsBefore(on, f.MaxAge+1))
		}
	}
	if f.Rank != "" {
		add("p.post_rank = ?", f.Rank)
	}
	if lv := f.Level; lv != "" {
		// A one-digit level, or a GB/T 4658 group code ending in 0 ("20"
		// 大学本科), takes in every level of its group.
		if len(lv) == 1 || (len(lv) == 2 && lv[1] == '0') {
			add("p.education_level >= ? AND p.education_level < ?", lv[:1], string(lv[0]+1))
		} else {
			add("p.education_level = ?", lv)
		}
	}
	order, ok := peopleSorts[f.Sort]
	if !ok {
		order = peopleSorts["name"]
		if q := strings.TrimSpace(f.Query); q != "" && !isLetters(q) && !isIDNumberLike(q, len(q)) {
			// A name prefix: the name index gives its matches in order, so
			// the first page stops after its rows instead of sorting them all.
			order = []string{"p.name", "p.id"}
		}
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	orderBy := strings.Join(order, dir+", ") + dir
	limit := f.Limit
	if limit <= 0 || limit > peopleMaxLimit {
		limit = 20
	}
	offset := max(f.Offset, 0)
	cond := strings.Join(conds, " AND ")
	if err := s.listing.enter(ctx); err != nil {
		return nil, err
	}
	defer s.listing.leave()
	page := &person.Page{Total: -1}
	fetch := limit + 1
	if !f.SkipTotal {
		if err := scanCount(s.db.QueryPlanned(ctx, `SELECT COUNT(*) FROM people p WHERE `+cond, args...))(&page.Total); err != nil {
			return nil, fmt.Errorf("count people: %w", err)
		}
		if page.Total == 0 || offset >= page.Total {
			return page, nil
		}
	}
	rows, err := s.db.QueryPlanned(ctx, fmt.Sprintf(`SELECT %s FROM people p WHERE %s ORDER BY %s LIMIT ? OFFSET ?`,
		summaryColumns, cond, orderBy), append(args, fetch, offset)...)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sm person.Summary
		var sealed string
		var party, cadre, talent bool
		if err := rows.Scan(&sm.JurisdictionID, &sm.ID, &sm.OrgID, &sm.OrgName, &sm.Name, &sm.Gender, &sm.BirthDate,
			&sealed, &sm.PoliticalStatus, &party, &cadre, &talent, &sm.CurrentPost, &sm.Rank); err != nil {
			return nil, normalize(err)
		}
		if sealed != "" {
			b, err := s.db.vault.Open(sealed, []byte(idNumberAAD))
			if err != nil {
				return nil, fmt.Errorf("open ID number of person %s: %w", sm.ID, err)
			}
			sm.IDNumberMasked = vault.Mask(string(b))
		}
		sm.Facets = facetsOf(party, cadre, talent)
		page.Items = append(page.Items, sm)
	}
	if len(page.Items) > limit {
		page.Items, page.More = page.Items[:limit], true
	}
	return page, rows.Err()
}

// queryCondition turns a search text into one indexed condition.
func (s *PeopleService) queryCondition(q string) (string, []any) {
	switch {
	case isIDNumberLike(q, 18):
		return "p.id_number_hash = ?", []any{idNumberHash(s.db.vault, person.NormalizeIDNumber(q))}
	case isIDNumberLike(q, 4):
		return "p.id_tail_hash4 = ?", []any{idTailHash(s.db.vault, strings.ToUpper(q))}
	case isIDNumberLike(q, 6):
		return "p.id_tail_hash6 = ?", []any{idTailHash(s.db.vault, strings.ToUpper(q))}
	case isLetters(q):
		lo := strings.ToLower(q)
		return "p.name_initials >= ? AND p.name_initials < ?", []any{lo, lo + "\U0010FFFF"}
	}
	// The column compares byte by byte, so the names that start with q lie
	// between q and q followed by the highest character.
	return "p.name >= ? AND p.name < ?", []any{q, q + "\U0010FFFF"}
}

// isIDNumberLike reports whether q has n characters, all digits except
// perhaps a final X: an ID number, or the end of one.
func isIDNumberLike(q string, n int) bool {
	if len(q) != n {
		return false
	}
	for i := 0; i < n; i++ {
		c := q[i]
		if (c < '0' || c > '9') && !(i == n-1 && (c == 'X' || c == 'x')) {
			return false
		}
	}
	return true
}

func isLetters(q string) bool {
	for i := 0; i < len(q); i++ {
		c := q[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// yearsBefore returns day moved back n years as YYYY-MM-DD text, which may
// name a 29 February the year lacks: it only serves comparisons.
func yearsBefore(day civil.Date, n int) string {
	return fmt.Sprintf("%04d-%02d-%02d", day.Year-n, int(day.Month), day.Day)
}

func facetsOf(party, cadre, talent bool) []person.Facet {
	var out []person.Facet
	if party {
		out = append(out, person.FacetPartyMember)
	}
	if cadre {
		out = append(out, person.FacetCadre)
	}
	if talent {
		out = append(out, person.FacetTalent)
	}
	return out
}

// scanCount reads the one number a COUNT query returns.
func scanCount(rows *sql.Rows, err error) func(*int) error {
	return func(n *int) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		if !rows.Next() {
			return errors.Join(rows.Err(), sql.ErrNoRows)
		}
		if err := rows.Scan(n); err != nil {
			return err
		}
		return rows.Err()
	}
}
