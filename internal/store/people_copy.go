package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// copyRows writes rows into a PostgreSQL table with COPY, inside the
// transaction of tx. A multi-row INSERT makes the server parse and plan a
// statement with a parameter for every value, and the client encode each
// value as an argument; COPY streams the rows in binary instead. Measured
// on a row of people, that took the server's time to about three quarters
// and the client's to a tenth.
//
// database/sql gives no way to reach the connection of a transaction, but
// pgx hands the connection a statement runs on to a QueryRewriter passed as
// its first argument: copyRows runs the COPY there, on the transaction's
// own connection, so that the rows commit or roll back with the rest of
// the transaction, and leaves an empty statement to run after it.
func copyRows(ctx context.Context, tx *Tx, table string, columns []string, width int, values []any) error {
	if len(values) == 0 {
		return nil
	}
	c := &copier{table: table, columns: columns, width: width, values: values}
	if _, err := tx.Exec(ctx, "", c); err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
	}
	if c.copied != int64(len(values)/width) {
		return fmt.Errorf("copy into %s: copied %d rows, want %d", table, c.copied, len(values)/width)
	}
	return nil
}

// copier is the QueryRewriter that runs one COPY. values holds the rows one
// after the other, width values each.
type copier struct {
	table   string
	columns []string
	width   int
	values  []any
	copied  int64
}

// RewriteQuery implements pgx.QueryRewriter.
func (c *copier) RewriteQuery(ctx context.Context, conn *pgx.Conn, sql string, args []any) (string, []any, error) {
	rows := pgx.CopyFromSlice(len(c.values)/c.width, func(i int) ([]any, error) {
		return c.values[i*c.width : (i+1)*c.width], nil
	})
	n, err := conn.CopyFrom(ctx, pgx.Identifier{c.table}, c.columns, rows)
	c.copied = n
	return "", nil, err
}
