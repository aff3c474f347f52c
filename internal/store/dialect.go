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
