package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"zugong/internal/access"
	"zugong/internal/appraisal"
)

// resultBatch is the number of results one INSERT writes: 12,000
// parameters stay below both engines' limits (SQLite 32,766, PostgreSQL
// 65,535), and fewer, larger statements are what makes writing a million
// results cheap.
const resultBatch = 1000

const resultColumns = `jurisdiction_id, scheme_id, person_id, scheme_version, peer_group, position, rnk, total, parts,
	vetoes, grade_cap, published_at`

// Recompute scores every peer group of a scheme's latest version from the
// signed-off evidence and publishes the rankings, replacing the previous
// ones, in one transaction: readers of the ranking see the previous results
// until the new ones commit (SQLite's WAL and PostgreSQL's MVCC readers do
// not wait for the writer). It returns the number of cadres ranked.
func (s *AppraisalService) Recompute(ctx context.Context, schemeID string) (int, error) {
	p, err := access.Require(ctx, access.AppraisalManage)
	if err != nil {
		return 0, err
	}
	var ranked int
	err = s.db.Write(ctx, func(tx *Tx) error {
		sc, err := s.loadScheme(ctx, tx.QueryRow, schemeID, 0)
		if err != nil {
			return err
		}
		if err := access.Check(p, access.AppraisalManage, sc.orgPath); err != nil {
			return err
		}
		groups, err := memberGroups(ctx, tx.Query, sc.jurisdiction, sc.ID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM appraisal_results WHERE jurisdiction_id = ? AND scheme_id = ?`,
			sc.jurisdiction, sc.ID); err != nil {
			return fmt.Errorf("clear results: %w", err)
		}
		// The results count the records signed off up to their publication
		// instant, no later ones (a sign-off committed on PostgreSQL while
		// this runs), so that Explain finds exactly the same records.
		published := tx.Now().UnixMicro()
		w, err := newResultWriter(ctx, tx, sc, published)
		if err != nil {
			return err
		}
		defer w.close()
		if ranked, err = scoreGroups(ctx, tx, &sc.Scheme, sc.jurisdiction, groups, published, w); err != nil {
			return err
		}
		if err := w.flush(ctx); err != nil {
			return err
		}
		return tx.Audit(ctx, appraisalAudit(p, sc.jurisdiction, "appraisal.recompute", "appraisal_schemes", sc.ID,
			map[string]any{"version": sc.Version, "groups": len(groups), "cadres": ranked}))
	})
	return ranked, err
}

// memberGroups lists the peer groups of a scheme's members.
func memberGroups(ctx context.Context, q rowsQuerier, jurisdiction, schemeID string) ([]string, error) {
	rows, err := q(ctx, `SELECT DISTINCT peer_group FROM appraisal_members WHERE jurisdiction_id = ? AND scheme_id = ?
		ORDER BY peer_group`, jurisdiction, schemeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// scoreGroups reads, scores and writes every group in turn, on the
// transaction's connection. (Scoring one group on another goroutine while
// the next was read, reading on SQLite's reader pool beside the writer, and
// reading the next group on a second PostgreSQL backend while this one
// writes were tried and measured no faster on a two-core machine: the
// reads and writes of the engine dominate, and a second SQLite connection
// reads the freshly written pages through the write-ahead log with a cold
// cache.)
func scoreGroups(ctx context.Context, tx *Tx, sc *appraisal.Scheme, jurisdiction string, groups []string, published int64,
	w *resultWriter) (int, error) {
	plan := sc.Sums()
	ranked := 0
	for _, g := range groups {
		rows, err := readGroup(ctx, tx.Query, sc, plan, jurisdiction, g, published)
		if err != nil {
			return 0, err
		}
		subjects, err := rows.subjects(plan)
		if err != nil {
			return 0, err
		}
		rk, err := sc.ScoreGroup(subjects)
		if err != nil {
			return 0, err
		}
		if err := w.write(ctx, g, rk); err != nil {
			return 0, err
		}
		ranked += len(rk.Results)
	}
	return ranked, nil
}

// groupRows is a peer group as read: its members in person ID order and,
// for each, the values of the scheme's sums over their counted records.
type groupRows struct {
	group string
	ids   []string
	width int
	// values holds member i's sums at [i*width, (i+1)*width).
	values []appraisal.Value
}

// groupSubjects measures every member of a peer group from their evidence,
// in person ID order.
func groupSubjects(ctx context.Context, q rowsQuerier, sc *appraisal.Scheme, jurisdiction, group string, signedBefore int64) ([]appraisal.Subject, error) {
	plan := sc.Sums()
	g, err := readGroup(ctx, q, sc, plan, jurisdiction, group, signedBefore)
	if err != nil {
		return nil, err
	}
	return g.subjects(plan)
}

// memberChunk is how many members one evidence query names. The members
// are named rather than joined: PostgreSQL plans a join with a group's
// members as a hash join over the whole evidence table, once per group,
// while a list of IDs is a walk of the index by person.
const memberChunk = 1000

// sumsQuery is the head of the query that adds up a scheme's sums for
// each of the named members, one column per sum, and its arguments: the
// engine reads every record and Go one row per cadre. Which measure reads
// which sum stays in package appraisal; this only spells each sum in SQL.
func sumsQuery(sums []appraisal.Sum) (string, []any, error) {
	var b strings.Builder
	args := make([]any, 0, 2*len(sums))
	b.WriteString("SELECT person_id")
	for _, sum := range sums {
		b.WriteString(", CAST(SUM(CASE WHEN kind = ?")
		args = append(args, string(sum.Kind))
		if sum.Class != "" {
			b.WriteString(" AND class = ?")
			args = append(args, sum.Class)
		}
		switch sum.Field {
		case appraisal.FieldRecords:
			b.WriteString(" THEN 1")
		case appraisal.FieldCompleted:
			b.WriteString(" AND completed THEN 1")
		case appraisal.FieldAmount:
			b.WriteString(" THEN amount")
		case appraisal.FieldInPlace:
			b.WriteString(" THEN in_place")
		case appraisal.FieldProgress:
			b.WriteString(" THEN progress")
		case appraisal.FieldScore:
			b.WriteString(" THEN score")
		default:
			return "", nil, fmt.Errorf("sum of unknown field %d", sum.Field)
		}
		b.WriteString(" ELSE 0 END) AS BIGINT)")
	}
	b.WriteString(" FROM appraisal_evidence WHERE jurisdiction_id = ? AND person_id IN (")
	return b.String(), args, nil
}

// readGroup reads the members of a peer group and the sums of their
// records that count: signed off (signedBefore, when positive, also bounds
// the sign-off instant) and dated in the scheme's period, the rule Measure
// applies to records. A member without such records has sums of zero.
func readGroup(ctx context.Context, q rowsQuerier, sc *appraisal.Scheme, plan *appraisal.Sums, jurisdiction, group string,
	signedBefore int64) (*groupRows, error) {
	ids, err := groupMembers(ctx, q, jurisdiction, sc.ID, group)
	if err != nil {
		return nil, err
	}
	head, sumArgs, err := sumsQuery(plan.List)
	if err != nil {
		return nil, err
	}
	width := len(plan.List)
	g := &groupRows{group: group, ids: ids, width: width, values: make([]appraisal.Value, len(ids)*width)}
	member := make(map[string]int, len(ids))
	for i, id := range ids {
		member[id] = i
	}
	var id string
	raw := make([]int64, width)
	dest := make([]any, 1+width)
	dest[0] = &id
	for i := range raw {
		dest[1+i] = &raw[i]
	}
	err = chunked(ids, memberChunk, func(people []any) error {
		query := head + placeholders(len(people)) + `) AND signed_at > 0 AND on_date >= ? AND on_date <= ?`
		args := slices.Concat(sumArgs, []any{jurisdiction}, people, []any{sc.Period.From, sc.Period.To})
		if signedBefore > 0 {
			query += ` AND signed_at <= ?`
			args = append(args, signedBefore)
		}
		rows, err := q(ctx, query+` GROUP BY person_id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return normalize(err)
			}
			i, ok := member[id]
			if !ok {
				return fmt.Errorf("evidence of %s, who is not a member of group %s", id, group)
			}
			for j, v := range raw {
				g.values[i*width+j] = appraisal.Value(v)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// subjects measures the members in ID order from their sums.
func (g *groupRows) subjects(plan *appraisal.Sums) ([]appraisal.Subject, error) {
	out := make([]appraisal.Subject, len(g.ids))
	for i, id := range g.ids {
		sub, err := plan.Measure(id, g.values[i*g.width:(i+1)*g.width])
		if err != nil {
			return nil, err
		}
		out[i] = sub
	}
	return out, nil
}

// groupMembers lists the person IDs of a peer group in ID order.
func groupMembers(ctx context.Context, q rowsQuerier, jurisdiction, schemeID, group string) ([]string, error) {
	rows, err := q(ctx, `SELECT person_id FROM appraisal_members WHERE jurisdiction_id = ? AND scheme_id = ? AND peer_group = ?
		ORDER BY person_id`, jurisdiction, schemeID, group)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// resultWriter writes results in multi-row INSERTs through one prepared
// statement of resultBatch rows; the remainder goes in one last statement.
type resultWriter struct {
	tx        *Tx
	sc        *schemeRow
	published int64
	full      *sql.Stmt
	args      []any
	rows      int
	parts     []byte
}

func newResultWriter(ctx context.Context, tx *Tx, sc *schemeRow, published int64) (*resultWriter, error) {
	st, err := tx.tx.PrepareContext(ctx, tx.db.dialect.Rebind(resultInsert(resultBatch)))
	if err != nil {
		return nil, fmt.Errorf("prepare results: %w", err)
	}
	return &resultWriter{tx: tx, sc: sc, published: published, full: st, args: make([]any, 0, 12*resultBatch)}, nil
}

func resultInsert(rows int) string {
	row := "(" + placeholders(12) + ")"
	return `INSERT INTO appraisal_results (` + resultColumns + `) VALUES ` + strings.Repeat(row+", ", rows-1) + row
}

// write queues the results of one group in rank order.
func (w *resultWriter) write(ctx context.Context, group string, rk *appraisal.Ranking) error {
	for i := range rk.Results {
		r := &rk.Results[i]
		w.parts = w.parts[:0]
		w.parts = append(w.parts, '[')
		for j, pt := range r.Parts {
			if j > 0 {
				w.parts = append(w.parts, ',')
			}
			w.parts = strconv.AppendInt(w.parts, int64(pt), 10)
		}
		w.parts = append(w.parts, ']')
		w.args = append(w.args, w.sc.jurisdiction, w.sc.ID, r.PersonID, w.sc.Version, group, i+1, r.Rank, int64(r.Total),
			string(w.parts), strings.Join(r.Vetoes, ","), string(r.Cap), w.published)
		w.rows++
		if w.rows == resultBatch {
			if _, err := w.full.ExecContext(ctx, w.args...); err != nil {
				return fmt.Errorf("insert results: %w", normalize(err))
			}
			w.args, w.rows = w.args[:0], 0
		}
	}
	return nil
}

// flush writes the queued remainder.
func (w *resultWriter) flush(ctx context.Context) error {
	if w.rows == 0 {
		return nil
	}
	if _, err := w.tx.Exec(ctx, resultInsert(w.rows), w.args...); err != nil {
		return fmt.Errorf("insert results: %w", err)
	}
	w.args, w.rows = w.args[:0], 0
	return nil
}

func (w *resultWriter) close() { w.full.Close() }
