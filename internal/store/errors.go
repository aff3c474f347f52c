package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"zugong/internal/fault"
)

var errNoRow = fault.New(fault.NotFound, "error.not_found")

// normalize turns driver errors into domain errors at one boundary: no rows
// is not found, a unique or foreign-key violation is a conflict. Other errors
// pass through unchanged.
func normalize(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := fault.As(err); ok {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fault.Wrap(fault.NotFound, "error.not_found", err)
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return fault.Wrap(fault.Conflict, "error.conflict", err)
		case "23503":
			return fault.Wrap(fault.Conflict, "error.conflict.reference", err)
		}
		return err
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		switch lite.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fault.Wrap(fault.Conflict, "error.conflict", err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fault.Wrap(fault.Conflict, "error.conflict.reference", err)
		}
	}
	return err
}

// retryable reports whether a failed transaction may succeed if run again.
func retryable(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "40001" || pg.Code == "40P01"
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		code := lite.Code() & 0xff
		return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
	}
	return strings.Contains(err.Error(), "SQLITE_BUSY")
}
