package store

import (
	"strconv"
	"strings"
)

// Dialect names a database engine. The differences zugong needs are few and
// live here: placeholders, row locks and the migration-file suffix.
type Dialect string

// The engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Rebind turns ? placeholders into $1, $2, … for PostgreSQL. Queries must not
// contain a literal question mark.
func (d Dialect) Rebind(q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// ForUpdate is the row-lock clause: PostgreSQL locks the row; SQLite's
// immediate transactions already hold the database's single write lock.
func (d Dialect) ForUpdate() string {
	if d == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// BulkSettings are the statements a long bulk transaction runs first. On
// PostgreSQL, a statement prepared while a table was small keeps the plan
// it got then (a sequential scan) once it switches to a generic plan; a bulk
// load that grows the table must plan each execution afresh, or every batch
// scans all the rows written before it.
func (d Dialect) BulkSettings() []string {
	if d == Postgres {
		return []string{"SET LOCAL plan_cache_mode = force_custom_plan"}
	}
	return nil
}
