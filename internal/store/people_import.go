package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
)

// importBatch is how many dossiers one round of statements writes.
const importBatch = 500

// analyzeAfter is the number of people written by one import above which
// the planner's statistics are refreshed.
const analyzeAfter = 10000

// Import implements person.Service. The whole import is one transaction:
// any invalid dossier means nothing is written, and the error's fields name
// each problem as "rows.N.field", N counting dossiers from 0. A dossier
// whose ID number is registered updates that person (Person.ID is ignored);
// when its content is what is stored it is counted unchanged and not
// written. A new person goes to Person.OrgID when the dossier names one,
// else to orgID; an updated person stays where they are unless the dossier
// names an organisation. Every organisation written to must be within the
// principal's OrgWrite scope. One "person.import" event per jurisdiction
// records the counts.
//
// The work is done in batches: dossiers are validated, sealed and hashed in
// parallel, each batch finds its registered people with one query and is
// written with one multi-row statement per table.
func (s *PeopleService) Import(ctx context.Context, orgID string, ds []person.Dossier) (*person.ImportResult, error) {
	p, err := access.Require(ctx, access.OrgWrite)
	if err != nil {
		return nil, err
	}
	target, err := s.db.Orgs().load(ctx, s.db.QueryRow, orgID)
	if err != nil {
		return nil, err
	}
	if err := access.Check(p, access.OrgWrite, target.Path); err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return &person.ImportResult{}, nil
	}
	orgs, err := s.checkImport(ctx, p, target, ds)
	if err != nil {
		return nil, err
	}
	var result person.ImportResult
	err = s.db.Write(ctx, func(tx *Tx) error {
		im := &importer{s: s, tx: tx, p: p, target: target, orgs: orgs, counts: map[string]*person.ImportResult{}}
		im.counts[target.JurisdictionID] = &person.ImportResult{}
		if s.db.dialect == Postgres {
			// The import reads only by key, pages it has just read or
			// written: priced at four sequential reads, the index probes
			// of a batch's look-up lose to scanning a table of up to
			// tens of thousands of rows.
			if _, err := tx.Exec(ctx, "SET LOCAL random_page_cost = 1.1"); err != nil {
				return err
			}
		}
		stale, err := im.outgrows(ctx, len(ds))
		if err != nil {
			return err
		}
		for start := 0; start < len(ds); start += importBatch {
			if err := im.batch(ctx, ds[start:min(start+importBatch, len(ds))], start); err != nil {
				return err
			}
			if stale && len(im.bad) == 0 {
				// The rows written so far show the planner what the table
				// holds; ANALYZE inside the transaction counts them.
				if _, err := tx.Exec(ctx, "ANALYZE people ("+peoplePlannedColumns+")"); err != nil {
					return fmt.Errorf("analyze people: %w", err)
				}
				stale = false
			}
		}
		if err := im.bad.Err(); err != nil {
			return err
		}
		result = person.ImportResult{}
		for j, c := range im.counts {
			result.Created += c.Created
			result.Updated += c.Updated
			result.Unchanged += c.Unchanged
			if err := tx.Audit(ctx, personAudit(p, j, "person.import", "", map[string]any{"org_id": target.ID,
				"created": c.Created, "updated": c.Updated, "unchanged": c.Unchanged})); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if result.Created+result.Updated >= analyzeAfter {
		if err := s.db.analyze(ctx, peopleTables()...); err != nil {
			return nil, err
		}
	}
	return &result, nil
}

// peoplePlannedColumns are the columns of people that queries filter,
// join, group or sort on.
const peoplePlannedColumns = `jurisdiction_id, id, org_id, org_path, name, name_initials, gender, birth_date,
	political_status, education_level, is_party_member, is_cadre, is_talent, post_rank,
	id_number_hash, id_tail_hash4, id_tail_hash6`

// outgrows reports whether writing n people may more than double the
// people table as PostgreSQL's planner last counted it. Such an import must
// refresh the statistics once its first batch is written: planned on the
// figures of a near-empty table, the look-ups by ID-number hash scan the
// whole table, and the foreign-key checks of every facet row find their
// person through the jurisdiction's path index instead of the primary key,
// so that each batch costs more than the one before. Once the table has
// statistics, the planner scales them to its growing size by itself.
func (im *importer) outgrows(ctx context.Context, n int) (bool, error) {
	if im.tx.db.dialect != Postgres {
		return false, nil
	}
	var counted float64
	if err := im.tx.QueryRow(ctx, `SELECT reltuples FROM pg_class WHERE oid = to_regclass('people')`).Scan(&counted); err != nil {
		return false, fmt.Errorf("count people for the planner: %w", err)
	}
	return n > importBatch && counted < float64(n), nil
}

// peopleTables names people and its facet tables for ANALYZE. Of people it
// names only the columns that queries filter, join or sort on: sampling
// takes the same rows either way, but the sealed values, hashes and texts
// nobody searches made up most of the work of sorting each column's
// sample, and the planner never looks at their figures.
func peopleTables() []string {
	out := []string{"people (" + peoplePlannedColumns + ")", "person_identities"}
	for _, t := range childTables {
		out = append(out, t.name)
	}
	return out
}

// checkImport validates every dossier, finds ID numbers given twice and
// checks the organisations the dossiers name, before anything is written.
// It returns those organisations by ID.
func (s *PeopleService) checkImport(ctx context.Context, p *access.Principal, target *org.Org, ds []person.Dossier) (map[string]*org.Org, error) {
	errs := make([]error, len(ds))
	today := s.today()
	parallel(len(ds), func(i int) {
		d := ds[i]
		if d.Person.OrgID == "" {
			d.Person.OrgID = target.ID
		}
		errs[i] = validateDossier(&d, today)
	})
	var bad fault.Fields
	for i, err := range errs {
		if err == nil {
			continue
		}
		fe, ok := fault.As(err)
		if !ok || len(fe.Fields) == 0 {
			return nil, fmt.Errorf("import row %d: %w", i, err)
		}
		for field, problem := range fe.Fields {
			bad.Add(fault.RowField(i, field), problem.Key, problem.Args...)
		}
	}
	seen := make(map[string]int, len(ds))
	named := map[string][]int{}
	for i := range ds {
		pp := &ds[i].Person
		if id := person.NormalizeIDNumber(strings.TrimSpace(pp.IDNumber)); id != "" {
			if first, ok := seen[id]; ok {
				bad.Add(fault.RowField(i, "id_number"), "error.person.id_number_repeated", first+1)
			} else {
				seen[id] = i
			}
		}
		if pp.OrgID != "" && pp.OrgID != target.ID {
			named[pp.OrgID] = append(named[pp.OrgID], i)
		}
	}
	orgs, err := s.loadOrgs(ctx, named)
	if err != nil {
		return nil, err
	}
	orgs[target.ID] = target
	for id, rows := range named {
		o := orgs[id]
		if o == nil || access.Check(p, access.OrgWrite, o.Path) != nil {
			for _, i := range rows {
				bad.Add(fault.RowField(i, "org_id"), "error.not_found")
			}
		}
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	return orgs, nil
}

// loadOrgs reads the organisations with the given IDs; IDs that name none
// are left out.
func (s *PeopleService) loadOrgs(ctx context.Context, ids map[string][]int) (map[string]*org.Org, error) {
	out := map[string]*org.Org{}
	var args []any
	for id := range ids {
		if ValidID(id) {
			args = append(args, id)
		}
	}
	for start := 0; start < len(args); start += importBatch {
		part := args[start:min(start+importBatch, len(args))]
		rows, err := s.db.Query(ctx, `SELECT `+orgColumns+` FROM orgs WHERE id IN (`+placeholders(len(part))+`)`, part...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			o, err := scanOrg(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[o.ID] = &o
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// importer writes one import inside its transaction.
type importer struct {
	s      *PeopleService
	tx     *Tx
	p      *access.Principal
	target *org.Org
	orgs   map[string]*org.Org
	counts map[string]*person.ImportResult
	// bad collects the problems found while writing; once there is one,
	// the remaining batches are checked but not written.
	bad fault.Fields
}

// batch prepares, classifies and writes ds, the dossiers from index first.
func (im *importer) batch(ctx context.Context, ds []person.Dossier, first int) error {
	stored, err := im.mergeRegistered(ctx, ds)
	if err != nil {
		return err
	}
	recs := make([]*personRecord, len(ds))
	errs := make([]error, len(ds))
	parallel(len(ds), func(i int) { recs[i], errs[i] = prepare(im.s.db.vault, &ds[i]) })
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := im.lockChanged(ctx, ds, recs, stored); err != nil {
		return err
	}
	now := im.tx.Now().UnixMicro()
	var write []*personRecord
	for i, r := range recs {
		var named *org.Org
		if id := ds[i].Person.OrgID; id != "" {
			named = im.orgs[id]
		}
		if im.classify(first+i, r, named, stored[r.idHash], now) {
			write = append(write, r)
		}
	}
	if len(im.bad) > 0 {
		return nil
	}
	return writePeople(ctx, im.tx, write)
}

// mergeRegistered finds the people of ds already registered, by ID-number
// hash with one query, and lays each dossier of such a person over the
// stored dossier (person.Merge), so that an import keeps what its file does
// not carry; only these people are read in full. It returns them by
// ID-number hash.
func (im *importer) mergeRegistered(ctx context.Context, ds []person.Dossier) (map[string]*storedPerson, error) {
	out := map[string]*storedPerson{}
	byHash := map[string]int{}
	var hashes []any
	for i := range ds {
		if id := person.NormalizeIDNumber(strings.TrimSpace(ds[i].Person.IDNumber)); id != "" {
			h := idNumberHash(im.s.db.vault, id)
			byHash[h] = i
			hashes = append(hashes, h)
		}
	}
	if len(hashes) == 0 {
		return out, nil
	}
	rows, err := im.lookUp(ctx, `SELECT `+peopleColumns+` FROM people WHERE id_number_hash IN (`+placeholders(len(hashes))+`)`, hashes...)
	if err != nil {
		return nil, fmt.Errorf("find registered people: %w", err)
	}
	var stored []*personRow
	for rows.Next() {
		r, err := scanPersonRow(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		stored = append(stored, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, r := range stored {
		out[r.stored.idHash] = &r.stored
		i, ok := byHash[r.stored.idHash]
		if !ok {
			continue
		}
		old, err := im.s.dossier(ctx, im.tx.Query, r)
		if err != nil {
			return nil, err
		}
		ds[i] = person.Merge(*old, ds[i])
	}
	return out, nil
}

// classify decides what becomes of record r, row number row of the
// import: a new person, an update of old, or nothing (unchanged, or a
// problem noted in im.bad). It sets r's keys and state and reports whether
// r is to be written.
func (im *importer) classify(row int, r *personRecord, named *org.Org, old *storedPerson, now int64) bool {
	o, field, problem := im.place(named, old)
	if problem != "" {
		im.bad.Add(fault.RowField(row, field), problem)
		return false
	}
	r.updatedAt = now
	if old == nil {
		r.jurisdictionID, r.id, r.orgID, r.orgPath = o.JurisdictionID, NewID(), o.ID, o.Path
		r.version, r.createdAt = 1, now
		im.count(r.jurisdictionID).Created++
		return true
	}
	r.old = old
	r.jurisdictionID, r.id, r.version, r.createdAt = old.jurisdictionID, old.id, old.version+1, old.createdAt
	r.orgID, r.orgPath = old.orgID, old.orgPath
	if o != nil {
		r.orgID, r.orgPath = o.ID, o.Path
	}
	if r.contentHash == old.contentHash && r.orgID == old.orgID {
		im.count(r.jurisdictionID).Unchanged++
		return false
	}
	im.count(r.jurisdictionID).Updated++
	return true
}

// place decides where a dossier goes: the organisation it names, else for
// a registered person (old) their own, else the import's target. It returns
// the organisation to write to, nil for a registered person who stays
// where they are, or the field and catalog key of the problem that keeps
// the dossier from being written.
func (im *importer) place(named *org.Org, old *storedPerson) (o *org.Org, field, problem string) {
	if old == nil {
		o := named
		if o == nil {
			o = im.target
		}
		if o.Status != org.Active {
			return nil, "org_id", "error.org.inactive"
		}
		return o, "", ""
	}
	// A person registered beyond the principal's reach is not theirs to
	// update, and the number is not theirs to register again.
	if access.Check(im.p, access.OrgWrite, old.orgPath) != nil {
		return nil, "id_number", "error.person.id_number_taken"
	}
	if named == nil || named.ID == old.orgID {
		return nil, "", ""
	}
	if named.JurisdictionID != old.jurisdictionID {
		return nil, "org_id", "error.person.cross_jurisdiction"
	}
	if named.Status != org.Active {
		return nil, "org_id", "error.org.inactive"
	}
	return named, "", ""
}

func (im *importer) count(jurisdiction string) *person.ImportResult {
	c := im.counts[jurisdiction]
	if c == nil {
		c = &person.ImportResult{}
		im.counts[jurisdiction] = c
	}
	return c
}

// lockChanged locks, on PostgreSQL, the stored people (by ID-number hash,
// as mergeRegistered found them) whose records recs change in content or
// organisation, by full key with one statement per jurisdiction, and puts
// them into stored as read under the lock; the rows the batch leaves alone
// are not locked. SQLite's write transaction already excludes every other
// writer.
func (im *importer) lockChanged(ctx context.Context, ds []person.Dossier, recs []*personRecord, stored map[string]*storedPerson) error {
	if im.tx.db.dialect != Postgres || len(stored) == 0 {
		return nil
	}
	byID := make(map[string]*storedPerson, len(stored))
	for _, sp := range stored {
		byID[sp.id] = sp
	}
	byJurisdiction := map[string][]any{}
	for i, r := range recs {
		sp := stored[r.idHash]
		if r.idHash == "" || sp == nil {
			continue
		}
		if org := ds[i].Person.OrgID; r.contentHash != sp.contentHash || (org != "" && org != sp.orgID) {
			byJurisdiction[sp.jurisdictionID] = append(byJurisdiction[sp.jurisdictionID], sp.id)
		}
	}
	for j, ids := range byJurisdiction {
		locked, err := im.scanStored(ctx, `SELECT `+storedPersonColumns+` FROM people WHERE jurisdiction_id = ? AND id IN (`+
			placeholders(len(ids))+`) FOR UPDATE`, append([]any{j}, ids...)...)
		if err != nil {
			return err
		}
		for _, sp := range locked {
			// The person's ID number may have changed since the plain read.
			if prev := byID[sp.id]; prev != nil && prev.idHash != sp.idHash {
				delete(stored, prev.idHash)
			}
			if sp.idHash != "" {
				stored[sp.idHash] = sp
			}
		}
	}
	return nil
}

func (im *importer) scanStored(ctx context.Context, query string, args ...any) ([]*storedPerson, error) {
	rows, err := im.lookUp(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("find registered people: %w", err)
	}
	defer rows.Close()
	var out []*storedPerson
	for rows.Next() {
		sp, err := scanStoredPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// lookUp runs one of the import's look-ups of stored people. PostgreSQL
// must plan these with their values each time, because the table grows
// while the import runs: a plan cached while it held a few hundred rows
// scans all of them, and goes on doing so once it holds a hundred
// thousand. Like DB.QueryPlanned, the look-up goes by the simple protocol;
// the plans of the foreign-key checks stay cached, which spares the server
// planning a query for every facet row it writes.
func (im *importer) lookUp(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if im.tx.db.dialect == Postgres {
		args = append([]any{pgx.QueryExecModeSimpleProtocol}, args...)
	}
	return im.tx.Query(ctx, query, args...)
}

// parallel runs fn(0) … fn(n-1) on as many goroutines as there are
// processors, each taking a contiguous share.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+31)/32)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	share := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*share, min((w+1)*share, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
