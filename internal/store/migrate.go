package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// macros are the only dialect differences in the DDL. {{bytewise}} makes a
// text column compare byte by byte, which materialised-path range scans need
// (PostgreSQL's default collations ignore punctuation such as "/"). {{blob}}
// is the type of raw bytes (photos).
var macros = map[Dialect]*strings.Replacer{
	SQLite:   strings.NewReplacer("{{bytewise}}", "COLLATE BINARY", "{{blob}}", "BLOB"),
	Postgres: strings.NewReplacer("{{bytewise}}", `COLLATE "C"`, "{{blob}}", "BYTEA"),
}

func loadMigrations(d Dialect) ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		base := path.Base(name)
		num, rest, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", base)
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: strings.TrimSuffix(rest, ".sql"), sql: macros[d].Replace(string(b))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("two migrations numbered %d", out[i].version)
		}
	}
	return out, nil
}

// statements splits a migration into single statements: engines that do not
// run DDL atomically within a transaction want one statement per step.
func statements(sql string) []string {
	var out []string
	var cur []string
	for _, line := range strings.Split(sql, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur = append(cur, line)
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(strings.Join(cur, "\n")), ";"))
			cur = nil
		}
	}
	if s := strings.TrimSpace(strings.Join(cur, "\n")); s != "" {
		out = append(out, s)
	}
	return out
}

// Migrate applies the embedded migrations not yet recorded, each in its own
// transaction, and returns the versions it applied.
func (db *DB) Migrate(ctx context.Context) ([]int, error) {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	ms, err := loadMigrations(db.dialect)
	if err != nil {
		return nil, err
	}
	var applied []int
	for _, m := range ms {
		done, err := db.apply(ctx, m)
		if err != nil {
			return applied, fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
		}
		if done {
			applied = append(applied, m.version)
		}
	}
	return applied, nil
}

func (db *DB) apply(ctx context.Context, m migration) (bool, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, db.dialect.Rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	for i, stmt := range statements(m.sql) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return false, fmt.Errorf("statement %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, db.dialect.Rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.version, m.name, db.Now().UnixMicro()); err != nil {
		return false, err
	}
	return true, tx.Commit()
}
