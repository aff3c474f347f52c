package bench

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/demo"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/sheet"
	"zugong/internal/store"
)

// runPeopleImport imports a workbook of people (read, validated, sealed,
// hashed and written in one transaction) against a raw batched INSERT of
// the same parsed rows into a table of the same columns, and reports the
// peak resident memory of the import.
func runPeopleImport(ctx context.Context, e *Env) ([]Result, error) {
	n := 100_000
	if e.Opts.Quick {
		n = 10_000
	}
	orgs := demo.County(1, demo.DefaultCounty)
	op := access.With(ctx, access.Operator("bench"))
	if err := e.App.DB.SeedOrgs(ctx, access.Operator("bench"), orgs); err != nil {
		return nil, err
	}
	county := orgs[0]
	path, err := writePeopleWorkbook(orgs, n)
	if err != nil {
		return nil, err
	}
	defer os.Remove(path)

	runtime.GC()
	resetPeakRSS()
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	res, err := sheet.Read(f, sheet.People, civil.Of(time.Now()), func(id string) (string, bool) { return id, true })
	f.Close()
	if err != nil {
		return nil, err
	}
	if !res.OK() {
		return nil, fmt.Errorf("the generated workbook has %d problems, the first %+v", res.ProblemCount, res.Problems[0])
	}
	imported, err := e.App.People.Import(op, county.ID, res.Dossiers)
	if err != nil {
		return nil, err
	}
	elapsed := time.Since(start)
	peak := peakRSS()
	if imported.Created != n {
		return nil, fmt.Errorf("imported %+v, want %d created", *imported, n)
	}

	rawElapsed, err := rawInsert(ctx, e, orgs, res.Dossiers)
	if err != nil {
		return nil, err
	}
	return []Result{
		{Name: fmt.Sprintf("people-import-%dk", n/1000), Value: float64(n) / elapsed.Seconds(), Unit: "rows/s",
			Baseline: float64(n) / rawElapsed.Seconds(), Note: "raw batched INSERT of the same parsed rows into people, rolled back"},
		{Name: fmt.Sprintf("people-import-%dk-peak-rss", n/1000), Value: peak, Unit: "MB", Baseline: 400,
			Note: "the 400 MB limit"},
	}, nil
}

// writePeopleWorkbook writes n generated party members to a temporary
// workbook and returns its path.
func writePeopleWorkbook(orgs []org.Org, n int) (string, error) {
	gen := demo.GeneratePeople(orgs, demo.PeopleSpec{PartyMembers: n}, 3)
	f, err := os.CreateTemp("", "zugong-bench-*.xlsx")
	if err != nil {
		return "", err
	}
	defer f.Close()
	people := func(yield func(*person.Dossier, error) bool) {
		for i := range gen.Dossiers {
			if !yield(&gen.Dossiers[i], nil) {
				return
			}
		}
	}
	if err := sheet.Export(f, sheet.People, iter.Seq2[*person.Dossier, error](people), nil); err != nil {
		return "", err
	}
	return f.Name(), f.Close()
}

// rawInsert writes the parsed rows into the people table itself, with all
// its indexes and keys, as plain multi-row INSERT statements of 500 rows in
// one transaction, which it then rolls back: the cost of the same rows
// written by hand, without validation, sealing, hashing or facets.
func rawInsert(ctx context.Context, e *Env, orgs []org.Org, ds []person.Dossier) (time.Duration, error) {
	paths := make(map[string]string, len(orgs))
	for _, o := range orgs {
		paths[o.ID] = o.Path
	}
	cols := []string{"jurisdiction_id", "id", "org_id", "org_path", "name", "gender", "birth_date", "ethnicity",
		"political_status", "work_start_date", "id_number_sealed", "id_number_hash", "id_tail_hash4", "id_tail_hash6",
		"version", "created_at", "updated_at"}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	now := time.Now().UnixMicro()
	start := time.Now()
	err := e.App.DB.WriteUnaudited(ctx, func(tx *store.Tx) error {
		for lo := 0; lo < len(ds); lo += 500 {
			part := ds[lo:min(lo+500, len(ds))]
			rows := make([]string, len(part))
			args := make([]any, 0, len(part)*len(cols))
			for i, d := range part {
				p := d.Person
				rows[i] = row
				args = append(args, orgs[0].JurisdictionID, store.NewID(), p.OrgID, paths[p.OrgID], p.Name, p.Gender,
					p.BirthDate, p.Ethnicity, p.PoliticalStatus, p.WorkStartDate, p.IDNumber, p.IDNumber, p.IDNumber[14:],
					p.IDNumber[12:], 1, now, now)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO people (`+strings.Join(cols, ", ")+`) VALUES `+strings.Join(rows, ","), args...); err != nil {
				return err
			}
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		return 0, err
	}
	return time.Since(start), nil
}

// errRollback ends the raw insert's transaction without keeping its rows.
var errRollback = errors.New("roll back the baseline's rows")

// resetPeakRSS resets the kernel's record of this process's peak resident
// memory, so that the next reading covers what follows.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns the peak resident memory since the last reset, in MB.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
