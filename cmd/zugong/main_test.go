package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
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
			out, err := zugong(t, append([]string{"demo", "--people", "200"}, db...)...)
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
	if out, err := zugong(t, append([]string{"demo", "--people", "0"}, db...)...); err != nil {
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

// TestPeopleCommands seeds a small demo population, audits it, exports it as
// LRMX and Excel, and imports the exports back: nothing changes.
func TestPeopleCommands(t *testing.T) {
	dir := t.TempDir()
	db := []string{"--db", filepath.Join(dir, "z.db")}
	out, err := zugong(t, append([]string{"demo", "--people", "600"}, db...)...)
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`party_before_18 (\d+) work_before_16 (\d+) resume_gap (\d+) resume_overlap (\d+) full_member_not_one_year (\d+) probation_expired (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("demo printed no planted flaws:\n%s", out)
	}
	planted := 0
	for _, n := range m[1:] {
		k, _ := strconv.Atoi(n)
		planted += k
	}

	out, err = zugong(t, append([]string{"check", "people"}, db...)...)
	if err == nil || !strings.Contains(out, fmt.Sprintf(", %d findings", planted)) {
		t.Fatalf("check people: %v, want %d findings (one per planted flaw):\n%s", err, planted, lastLines(out, 3))
	}

	zipPath, xlsxPath := filepath.Join(dir, "people.zip"), filepath.Join(dir, "people.xlsx")
	for _, args := range [][]string{{"--format", "lrmx", "--out", zipPath}, {"--format", "xlsx", "--out", xlsxPath}} {
		if out, err := zugong(t, append(append([]string{"person", "export"}, args...), db...)...); err != nil || !strings.Contains(out, "exported ") {
			t.Fatalf("person export %v: %v\n%s", args, err, out)
		}
	}
	out, err = zugong(t, append(append([]string{"person", "import"}, db...), zipPath)...)
	if err != nil || !strings.Contains(out, "imported 660 people: 0 created") {
		t.Fatalf("re-import of the LRMX export: %v\n%s", err, lastLines(out, 5))
	}
	out, err = zugong(t, append([]string{"check", "people"}, db...)...)
	if !strings.Contains(out, fmt.Sprintf(", %d findings", planted)) {
		t.Fatalf("after the LRMX round trip the audit finds other problems (was anything lost?): %v\n%s", err, lastLines(out, 5))
	}
	out, err = zugong(t, append(append([]string{"person", "import", "--dry-run"}, db...), xlsxPath)...)
	if err != nil || !strings.Contains(out, "no problems; nothing written") {
		t.Fatalf("dry run of the Excel export: %v\n%s", err, lastLines(out, 5))
	}
	for i, want := range []string{"imported 660 people: 0 created", "imported 660 people: 0 created, 0 updated, 660 unchanged"} {
		out, err = zugong(t, append(append([]string{"person", "import"}, db...), xlsxPath)...)
		if err != nil || !strings.Contains(out, want) {
			t.Fatalf("Excel import %d: %v, want %q\n%s", i+1, err, want, lastLines(out, 5))
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
