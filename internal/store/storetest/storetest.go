// Package storetest opens real databases for tests: SQLite in a temporary
// directory always, and PostgreSQL when ZUGONG_TEST_PG holds a DSN, each test
// in a schema of its own that is dropped afterwards.
package storetest

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"zugong/internal/store"
	"zugong/internal/vault"
)

// PostgresEnv names the variable that holds the PostgreSQL test DSN.
const PostgresEnv = "ZUGONG_TEST_PG"

// Vault returns a software provider with a fixed test key.
func Vault(t testing.TB) vault.Provider {
	v, err := vault.NewSoftware(bytes.Repeat([]byte{42}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Engines returns the engines the suite runs on: SQLite always, PostgreSQL
// when ZUGONG_TEST_PG is set.
func Engines() []store.Dialect {
	if os.Getenv(PostgresEnv) != "" {
		return []store.Dialect{store.SQLite, store.Postgres}
	}
	return []store.Dialect{store.SQLite}
}

// Each runs fn as a subtest on every engine, with a fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, d := range Engines() {
		t.Run(string(d), func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// DSN returns a DSN for a fresh, empty database on engine d, removed when the
// test ends.
func DSN(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return filepath.Join(t.TempDir(), "zugong.db")
	}
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(PostgresEnv + " is not set")
	}
	suffix := make([]byte, 6)
	rand.Read(suffix)
	schema := "t_" + hex.EncodeToString(suffix)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open returns a migrated database on engine d, closed when the test ends.
func Open(t testing.TB, d store.Dialect) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), DSN(t, d), Vault(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}
