package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

// zugong runs the command line with args and returns its output.
func zugong(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestHelpAndVersion(t *testing.T) {
	out, err := zugong(t, "help")
	if err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "audit") {
		t.Fatalf("help: %v\n%s", err, out)
	}
	if out, err := zugong(t, "version"); err != nil || !strings.HasPrefix(out, "zugong ") {
		t.Fatalf("version: %v %q", err, out)
	}
	if _, err := zugong(t, "explode"); err == nil {
		t.Fatal("unknown command succeeded")
	}
}

// TestAuditVerifyFindsEditedRow seeds the demo county, verifies the
// untouched trail, edits one audit row by hand in SQL and expects verify to
// name it.
func TestAuditVerifyFindsEditedRow(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			db := []string{"--db", dsn, "--key-file", filepath.Join(t.TempDir(), "k")}
			out, err := zugong(t, append([]string{"demo"}, db...)...)
			if err != nil {
				t.Fatalf("demo: %v\n%s", err, out)
			}
			if !strings.Contains(out, "county.staff") || !regexp.MustCompile(`auditor\s+\S+\s+auditadmin`).MatchString(out) {
				t.Fatalf("demo printed no accounts:\n%s", out)
			}
			out, err = zugong(t, append([]string{"audit", "verify"}, db...)...)
			if err != nil || !strings.Contains(out, " 0 findings") {
				t.Fatalf("verify untouched demo: %v\n%s", err, out)
			}

			raw := openRaw(t, engine, dsn)
			var jurisdiction string
			if err := raw.QueryRow(`SELECT jurisdiction_id FROM audit_events WHERE seq = 7 LIMIT 1`).Scan(&jurisdiction); err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(engine.Rebind(`UPDATE audit_events SET outcome = 'failure' WHERE jurisdiction_id = ? AND seq = 7`), jurisdiction); err != nil {
				t.Fatal(err)
			}
			out, err = zugong(t, append([]string{"audit", "verify"}, db...)...)
			if err == nil {
				t.Fatalf("verify after edit passed:\n%s", out)
			}
			want := "BROKEN\tjurisdiction=" + jurisdiction + "\tseq=7\taltered"
			if !strings.Contains(out, want) {
				t.Fatalf("verify output lacks %q:\n%s", want, out)
			}
		})
	}
}

func TestUserCommands(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "z.db")
	db := []string{"--db", dsn}
	if out, err := zugong(t, append([]string{"demo"}, db...)...); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	raw := openRaw(t, store.SQLite, dsn)
	var township string
	if err := raw.QueryRow(`SELECT id FROM orgs WHERE name = '真阳镇'`).Scan(&township); err != nil {
		t.Fatal(err)
	}
	out, err := zugong(t, append([]string{"user", "create", "--login", "wang.fang", "--name", "王芳", "--org", township, "--role", "township_organiser"}, db...)...)
	if err != nil || !strings.Contains(out, "one-time password: ") {
		t.Fatalf("user create: %v\n%s", err, out)
	}
	var must bool
	if err := raw.QueryRow(`SELECT must_change_password FROM users WHERE login = 'wang.fang'`).Scan(&must); err != nil || !must {
		t.Fatalf("generated password must be changed at first sign-in: %v, %v", must, err)
	}
	out, err = zugong(t, append([]string{"user", "grant", "--login", "wang.fang", "--role", "auditadmin", "--scope", township}, db...)...)
	if err == nil || !strings.Contains(err.Error(), "审计管理员") {
		t.Fatalf("granting audit admin on top of another role: %v\n%s", err, out)
	}
	if _, err := zugong(t, append([]string{"user", "create", "--login", "x", "--name", "x", "--org", township}, db...)...); err == nil || !strings.Contains(err.Error(), "login") {
		t.Fatalf("a 1-letter login: %v, want a field error on login", err)
	}
}

func openRaw(t *testing.T, engine store.Dialect, dsn string) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if engine == store.Postgres {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// TestFreshInstallation bootstraps without the demo: the operator creates
// the county and its first security administrator from the shell.
func TestFreshInstallation(t *testing.T) {
	db := []string{"--db", filepath.Join(t.TempDir(), "z.db")}
	out, err := zugong(t, append([]string{"org", "create-root", "--name", "正阳县", "--division", "411724"}, db...)...)
	if err != nil {
		t.Fatalf("create-root: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`created county 正阳县 \(([0-9a-f-]{36})\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("create-root printed %q", out)
	}
	out, err = zugong(t, append([]string{"user", "create", "--login", "sec.admin", "--name", "安全管理员", "--org", m[1], "--role", "secadmin"}, db...)...)
	if err != nil || !strings.Contains(out, "granted secadmin") {
		t.Fatalf("first administrator: %v\n%s", err, out)
	}
	if _, err := zugong(t, append([]string{"org", "create-root", "--name", "某镇", "--kind", "township"}, db...)...); err == nil {
		t.Fatal("a township was accepted as a root")
	}
	if out, err := zugong(t, append([]string{"org", "create-root", "--name", "", "--division", "12"}, db...)...); err == nil || !strings.Contains(err.Error(), "division_code") {
		t.Fatalf("empty name and bad code: %v\n%s", err, out)
	}
}
