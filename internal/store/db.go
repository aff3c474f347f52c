// Package store is zugong's SQL adapter: it implements the domain services on
// embedded SQLite (the default) and PostgreSQL, with one code path. Queries are
// written once with ? placeholders; the few dialect differences are named in
// dialect.go. Every write goes through DB.Write, which runs one transaction,
// appends its audit events to the jurisdiction's chain and retries
// serialization failures and SQLite busy errors.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // Asia/Shanghai on machines without zoneinfo.

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"

	"zugong/internal/civil"
	"zugong/internal/vault"
)

// DB holds the connection pools of one database. On SQLite, writes use a
// single connection with immediate transactions and reads use a pool; on
// PostgreSQL both share one pool.
type DB struct {
	dialect Dialect
	write   *sql.DB
	read    *sql.DB
	vault   vault.Provider
	now     func() time.Time
	// stmts caches prepared read statements by query text.
	stmts     sync.Map
	stmtCount atomic.Int64
	// talentIndexes caches the matching index of each jurisdiction's
	// talent pool.
	talentIndexes poolIndexes
}

// Open connects to dsn: a postgres:// or postgresql:// URL selects
// PostgreSQL, anything else is a SQLite file path. It does not migrate.
func Open(ctx context.Context, dsn string, v vault.Provider) (*DB, error) {
	db := &DB{vault: v, now: time.Now}
	var err error
	if IsPostgres(dsn) {
		db.dialect = Postgres
		db.write, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.write.SetMaxOpenConns(2 * runtime.NumCPU())
		db.write.SetMaxIdleConns(2 * runtime.NumCPU())
		db.write.SetConnMaxIdleTime(5 * time.Minute)
		db.read = db.write
	} else {
		db.dialect = SQLite
		if db.write, err = sql.Open("sqlite", sqliteDSN(dsn, true)); err != nil {
			return nil, fmt.Errorf("open sqlite writer: %w", err)
		}
		db.write.SetMaxOpenConns(1)
		if db.read, err = sql.Open("sqlite", sqliteDSN(dsn, false)); err != nil {
			return nil, fmt.Errorf("open sqlite readers: %w", err)
		}
		readers := max(4, 2*runtime.NumCPU())
		db.read.SetMaxOpenConns(readers)
		db.read.SetMaxIdleConns(readers)
	}
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect %s: %w", db.dialect, err)
	}
	return db, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqliteDSN adds the pragmas zugong relies on: WAL so readers never wait for
// the writer, foreign keys, a busy timeout, and immediate transactions for the
// writer so that a write never fails late on lock upgrade.
func sqliteDSN(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if writer {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return "file:" + path + "?" + q.Encode()
}

// Close closes the statements and the pools.
func (db *DB) Close() error {
	var errs []error
	db.stmts.Range(func(_, st any) bool {
		errs = append(errs, st.(*sql.Stmt).Close())
		return true
	})
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	return errors.Join(errs...)
}

// Dialect returns the engine behind db.
func (db *DB) Dialect() Dialect { return db.dialect }

// Vault returns the crypto provider db seals fields with.
func (db *DB) Vault() vault.Provider { return db.vault }

// SetClock replaces the clock, for tests that need fixed times.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// china is the zone of the department's calendar: "today" for deadlines,
// periods and the dates of records is the day in China.
var china = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// Today returns the current day in China.
func (db *DB) Today() civil.Date { return civil.Of(db.now().In(china)) }

// Now returns the current time, truncated to microseconds as stored.
func (db *DB) Now() time.Time { return db.now().UTC().Truncate(time.Microsecond) }

// Query runs a read on the reader pool.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	var rows *sql.Rows
	st, err := db.stmt(ctx, query)
	if err == nil && st != nil {
		rows, err = st.QueryContext(ctx, args...)
	} else if err == nil {
		rows, err = db.read.QueryContext(ctx, db.dialect.Rebind(query), args...)
	}
	if err != nil {
		return nil, normalize(err)
	}
	return rows, nil
}

// QueryRow runs a single-row read on the reader pool.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := db.stmt(ctx, query)
	if err != nil || st == nil {
		// Uncached, or let the row report the preparation error when scanned.
		return db.read.QueryRowContext(ctx, db.dialect.Rebind(query), args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// QueryPlanned runs a read that PostgreSQL must plan with its parameters
// each time: a search whose best plan depends on what is searched for (a
// narrow name range or a county-wide subtree). A prepared statement would
// switch to a generic plan after five runs that cannot tell the two apart,
// so on PostgreSQL the query goes by the simple protocol; SQLite plans
// every run anyway.
func (db *DB) QueryPlanned(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if db.dialect != Postgres {
		return db.Query(ctx, query, args...)
	}
	rows, err := db.read.QueryContext(ctx, db.dialect.Rebind(query), append([]any{pgx.QueryExecModeSimpleProtocol}, args...)...)
	if err != nil {
		return nil, normalize(err)
	}
	return rows, nil
}

// maxStatements bounds the statement cache; queries built from filters
// beyond it run unprepared.
const maxStatements = 512

// stmt returns the prepared statement of a read query, or nil when the
// cache is full. Reads repeat a small
// set of statements, and preparing each once per connection saves the
// parse and plan on every call (a third of a small query's cost on SQLite).
func (db *DB) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := db.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	if db.stmtCount.Add(1) > maxStatements {
		db.stmtCount.Add(-1)
		return nil, nil
	}
	st, err := db.read.PrepareContext(ctx, db.dialect.Rebind(query))
	if err != nil {
		db.stmtCount.Add(-1)
		return nil, err
	}
	if prev, loaded := db.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		db.stmtCount.Add(-1)
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// Ping checks that the database answers, for readiness probes.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// maxAttempts bounds the retries of one write.
const maxAttempts = 8

// Write runs fn in one transaction and commits it, retrying the whole
// function when the engine reports a serialization failure (SQLSTATE 40001,
// 40P01) or SQLite is busy. fn must be safe to run more than once. A write
// that records no audit event is refused: every change is audited.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	return db.write1(ctx, true, fn)
}

// WriteUnaudited is Write for security bookkeeping that is not itself an
// action (session last-seen times, failed-login counters); the action those
// rows serve is audited by its own Write.
func (db *DB) WriteUnaudited(ctx context.Context, fn func(tx *Tx) error) error {
	return db.write1(ctx, false, fn)
}

func (db *DB) write1(ctx context.Context, audited bool, fn func(tx *Tx) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = db.try(ctx, audited, fn)
		if err == nil || !retryable(err) {
			return err
		}
		backoff := time.Duration(attempt*attempt) * time.Millisecond * time.Duration(1+rand.IntN(5))
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(backoff):
		}
	}
	return fmt.Errorf("write gave up after %d attempts: %w", maxAttempts, err)
}

func (db *DB) try(ctx context.Context, audited bool, fn func(tx *Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return normalize(fmt.Errorf("begin: %w", err))
	}
	defer sqlTx.Rollback()
	tx := &Tx{tx: sqlTx, db: db, heads: map[string]*chainHead{}}
	if err := fn(tx); err != nil {
		return normalize(err)
	}
	if audited && tx.audited == 0 {
		return errors.New("store: write committed no audit event")
	}
	if err := sqlTx.Commit(); err != nil {
		return normalize(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// Tx is one write transaction.
type Tx struct {
	tx      *sql.Tx
	db      *DB
	heads   map[string]*chainHead
	audited int
}

// Exec runs a statement.
func (tx *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := tx.tx.ExecContext(ctx, tx.db.dialect.Rebind(query), args...)
	if err != nil {
		return nil, normalize(err)
	}
	return res, nil
}

// ExecOne runs a statement that must change exactly one row; otherwise it
// returns a not-found error (for UPDATEs keyed by id and version).
func (tx *Tx) ExecOne(ctx context.Context, query string, args ...any) error {
	res, err := tx.Exec(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("rows affected: %w", err)
	}
	if n != 1 {
		return errNoRow
	}
	return nil
}

// Query runs a read inside the transaction.
func (tx *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := tx.tx.QueryContext(ctx, tx.db.dialect.Rebind(query), args...)
	if err != nil {
		return nil, normalize(err)
	}
	return rows, nil
}

// QueryRow runs a single-row read inside the transaction.
func (tx *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.db.dialect.Rebind(query), args...)
}

// Now is the transaction's clock.
func (tx *Tx) Now() time.Time { return tx.db.Now() }

// RawExec runs a statement outside every rule of Write: no audit, no retry.
// It exists for operators' maintenance and for tests that tamper with data on
// purpose; services never call it.
func (db *DB) RawExec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.write.ExecContext(ctx, db.dialect.Rebind(query), args...)
}
