package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"strings"
	"unicode/utf8"

	"zugong/internal/person"
	"zugong/internal/vault"
)

// This file turns dossiers into rows and back. One personRecord carries
// everything a dossier writes: the people row, the rows of every facet table
// and the keyed hashes. Save and Import both write records through
// writePeople, in multi-row statements.

// The vault's additional data binds each sealed column to its place.
const (
	idNumberAAD    = "people.id_number"
	personPhoneAAD = "people.phone"
)

// The people columns, in the order personRecord.values gives them: keys,
// content (what the dossier says), the sealed and hashed secrets, state.
const (
	peopleKeyColumns     = `jurisdiction_id, id, org_id, org_path`
	peopleContentColumns = `name, name_initials, gender, birth_date, ethnicity, native_place_code, native_place_text,
	birthplace_code, birthplace_text, health, political_status, party_join_date, work_start_date,
	fulltime_level, fulltime_degree, fulltime_school, fulltime_major, fulltime_text,
	inservice_level, inservice_degree, inservice_school, inservice_major, inservice_text, education_level,
	professional_title, specialties, address, is_party_member, is_cadre, is_talent, current_post, post_rank`
	peopleSecretColumns = `id_number_sealed, id_number_hash, id_tail_hash4, id_tail_hash6, phone_sealed`
	peopleStateColumns  = `content_hash, version, created_at, updated_at`
	peopleColumns       = peopleKeyColumns + ", " + peopleContentColumns + ", " + peopleSecretColumns + ", " + peopleStateColumns
)

// peopleUpsert makes the people INSERT update the row of a person already
// stored (same jurisdiction and id): everything but the keys and created_at.
var peopleUpsert = func() string {
	var sets []string
	for _, c := range splitColumns(peopleColumns) {
		switch c {
		case "jurisdiction_id", "id", "created_at":
			continue
		}
		sets = append(sets, c+" = excluded."+c)
	}
	return " ON CONFLICT (jurisdiction_id, id) DO UPDATE SET " + strings.Join(sets, ", ")
}()

func splitColumns(cols string) []string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// The facet tables, in the order of personRecord.children. Each row is
// keyed by (jurisdiction_id, person_id), and by seq too where a dossier
// holds a list; the columns named here follow the keys.
const (
	tabPartyMember = iota
	tabPipeline
	tabTransfer
	tabCadre
	tabPost
	tabResume
	tabReward
	tabAssessment
	tabRelative
	tabTalent
	tabSkill
	tabPhoto
	tabExtras
	numChildTables
)

type childTable struct {
	name    string
	columns string
	ordered bool
	// facet is the flag of people that says whether the table can hold
	// rows of a person; "" for tables any person may have rows in.
	facet person.Facet
}

var childTables = [numChildTables]childTable{
	tabPartyMember: {"party_members", `branch_id, category, join_date, full_date, standing, party_post, lost_contact,
		lost_reason, lost_since, floating, floating_destination, floating_since`, false, person.FacetPartyMember},
	tabPipeline: {"party_pipeline", `stage, reached_on, introducers`, true, person.FacetPartyMember},
	tabTransfer: {"party_transfers", `from_branch_id, to_branch_id, transferred_on, note`, true, person.FacetPartyMember},
	tabCadre: {"cadres", `management, current_post_text, propose_appoint, propose_remove, propose_reason,
		reporting_unit, age_reckoned_on, filled_by, filled_on`, false, person.FacetCadre},
	tabPost: {"cadre_posts", `unit_id, unit_name, title, post_rank, is_leading, appointed_organ, appointed_on,
		appointed_doc, removed_organ, removed_on, removed_doc, probation_months, is_current, probation_confirmed_on`, true, person.FacetCadre},
	tabResume:     {"resume_lines", `from_date, to_date, line_text, full_time, in_service`, true, person.FacetCadre},
	tabReward:     {"rewards", `decided_on, kind, name, organ, document_no`, true, person.FacetCadre},
	tabAssessment: {"assessments", `year, grade`, true, person.FacetCadre},
	tabRelative:   {"relatives", `relation, name, birth_date, political_status, work_and_post, deceased`, true, person.FacetCadre},
	tabTalent:     {"talents", `category, titles, specialties, availability, forms, region`, false, person.FacetTalent},
	tabSkill:      {"talent_skills", `name, level`, true, person.FacetTalent},
	tabPhoto:      {"person_photos", `photo`, false, ""},
	tabExtras:     {"person_extras", `extras`, false, ""},
}

// keyColumns returns the full column list of t for an INSERT.
func (t childTable) keyColumns() string {
	if t.ordered {
		return "jurisdiction_id, person_id, seq, " + t.columns
	}
	return "jurisdiction_id, person_id, " + t.columns
}

// personRecord is a dossier ready to write.
type personRecord struct {
	jurisdictionID, id, orgID, orgPath string
	// content holds the people columns of peopleContentColumns.
	content []any
	// children holds each facet table's rows, without their keys.
	children [numChildTables][][]any
	// idNumber and phone are the clear values, normalised.
	idNumber, phone              string
	idSealed, phoneSealed        string
	idHash, tailHash4, tailHash6 string
	isParty, isCadre, isTalent   bool
	contentHash                  string
	version                      int
	createdAt, updatedAt         int64
	// old is the stored person an update replaces; nil for a new person.
	old *storedPerson
}

// storedPerson is what writing needs to know of a person already stored.
type storedPerson struct {
	jurisdictionID, id, orgID, orgPath string
	idHash                             string
	isParty, isCadre, isTalent         bool
	contentHash                        string
	version                            int
	createdAt                          int64
}

// storedPersonColumns is what storedPerson scans, from people.
const storedPersonColumns = `jurisdiction_id, id, org_id, org_path, id_number_hash, is_party_member, is_cadre,
	is_talent, content_hash, version, created_at`

func scanStoredPerson(s scanner) (*storedPerson, error) {
	var sp storedPerson
	err := s.Scan(&sp.jurisdictionID, &sp.id, &sp.orgID, &sp.orgPath, &sp.idHash, &sp.isParty, &sp.isCadre,
		&sp.isTalent, &sp.contentHash, &sp.version, &sp.createdAt)
	if err != nil {
		return nil, normalize(err)
	}
	return &sp, nil
}

// has reports whether the stored person may have rows in t.
func (sp *storedPerson) has(t childTable) bool {
	switch t.facet {
	case person.FacetPartyMember:
		return sp.isParty
	case person.FacetCadre:
		return sp.isCadre
	case person.FacetTalent:
		return sp.isTalent
	}
	return true
}

// values returns the people row in the order of peopleColumns.
func (r *personRecord) values() []any {
	out := make([]any, 0, 45)
	out = append(out, r.jurisdictionID, r.id, r.orgID, r.orgPath)
	out = append(out, r.content...)
	out = append(out, r.idSealed, r.idHash, r.tailHash4, r.tailHash6, r.phoneSealed)
	return append(out, r.contentHash, r.version, r.createdAt, r.updatedAt)
}

// idNumberHash is the keyed hash that finds a normalised ID number.
func idNumberHash(v vault.Provider, id string) string {
	return vault.MACHex(v, vault.LookupHash, []byte(id))
}

// idTailHash is the keyed hash of the last n characters of an ID number.
// The purpose string keeps it apart from the whole number's hash; 16 hex
// digits are plenty for at most 11⁶ distinct tails and keep the index small.
func idTailHash(v vault.Provider, tail string) string {
	return vault.MACHex(v, vault.LookupHash, []byte(fmt.Sprintf("people.id_tail%d:%s", len(tail), tail)))[:16]
}

// lastRunes returns the last n characters of s, or s when it is shorter.
func lastRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[len(r)-n:])
}

// prepare turns a dossier into a record: content and facet rows, initials,
// the sealed ID and phone numbers with their hashes, and the content hash.
// It uses no database and is safe to run on many dossiers at once. Keys,
// version and times are set by the caller.
func prepare(v vault.Provider, d *person.Dossier) (*personRecord, error) {
	p := &d.Person
	r := &personRecord{
		idNumber: person.NormalizeIDNumber(strings.TrimSpace(p.IDNumber)),
		phone:    strings.TrimSpace(p.Phone),
		isParty:  d.Party != nil,
		isCadre:  d.Cadre != nil,
		isTalent: d.Talent != nil,
	}
	currentPost, rank := cadreSummary(d.Cadre)
	r.content = []any{
		p.Name, person.Initials(p.Name), p.Gender, p.BirthDate.String(), p.Ethnicity, p.NativePlace.Code,
		p.NativePlace.Text, p.Birthplace.Code, p.Birthplace.Text, p.Health, p.PoliticalStatus,
		p.PartyJoinDate.String(), p.WorkStartDate.String(),
		p.FullTime.Level, p.FullTime.Degree, p.FullTime.School, p.FullTime.Major, p.FullTime.Text,
		p.InService.Level, p.InService.Degree, p.InService.School, p.InService.Major, p.InService.Text,
		higherLevel(p.FullTime.Level, p.InService.Level),
		p.ProfessionalTitle, p.Specialties, p.Address, r.isParty, r.isCadre, r.isTalent, currentPost, rank,
	}
	var err error
	if r.children, err = facetRows(d); err != nil {
		return nil, err
	}
	if r.idNumber != "" {
		if r.idSealed, err = v.Seal([]byte(r.idNumber), []byte(idNumberAAD)); err != nil {
			return nil, fmt.Errorf("seal ID number: %w", err)
		}
		r.idHash = idNumberHash(v, r.idNumber)
		r.tailHash4 = idTailHash(v, lastRunes(r.idNumber, 4))
		r.tailHash6 = idTailHash(v, lastRunes(r.idNumber, 6))
	}
	if r.phone != "" {
		if r.phoneSealed, err = v.Seal([]byte(r.phone), []byte(personPhoneAAD)); err != nil {
			return nil, fmt.Errorf("seal phone: %w", err)
		}
	}
	r.contentHash = r.fingerprint(v)
	return r, nil
}

// higherLevel returns the higher of two education levels: GB/T 4658 codes
// rank higher levels first ("11" 研究生 before "21" 大学本科).
func higherLevel(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

// cadreSummary returns the current post and its rank for listings: the
// form's 现任职务 when stated, otherwise the first current post.
func cadreSummary(c *person.Cadre) (post, rank string) {
	if c == nil {
		return "", ""
	}
	for _, p := range c.Posts {
		if p.Current {
			post, rank = p.UnitName+p.Title, p.Rank
			break
		}
	}
	if c.CurrentPostText != "" {
		post = c.CurrentPostText
	}
	return post, rank
}

// facetRows encodes the facets, photo and extras as table rows.
func facetRows(d *person.Dossier) ([numChildTables][][]any, error) {
	var t [numChildTables][][]any
	if pm := d.Party; pm != nil {
		var lost, floating bool
		var lostReason, lostSince, floatDest, floatSince string
		if pm.LostContact != nil {
			lost, lostReason, lostSince = true, string(pm.LostContact.Reason), pm.LostContact.Since.String()
		}
		if pm.Floating != nil {
			floating, floatDest, floatSince = true, pm.Floating.Destination, pm.Floating.Since.String()
		}
		t[tabPartyMember] = [][]any{{pm.BranchID, string(pm.Category), pm.JoinDate.String(), pm.FullDate.String(),
			string(pm.Standing), pm.PartyPost, lost, lostReason, lostSince, floating, floatDest, floatSince}}
		for _, s := range pm.Pipeline {
			intro, err := jsonList(s.Introducers)
			if err != nil {
				return t, err
			}
			t[tabPipeline] = append(t[tabPipeline], []any{string(s.Stage), s.Date.String(), intro})
		}
		for _, x := range pm.Transfers {
			t[tabTransfer] = append(t[tabTransfer], []any{x.FromBranchID, x.ToBranchID, x.Date.String(), x.Note})
		}
	}
	if c := d.Cadre; c != nil {
		pr := c.Proposal
		t[tabCadre] = [][]any{{string(c.Management), c.CurrentPostText, pr.Appoint, pr.Remove, pr.Reason,
			pr.ReportingUnit, pr.AgeReckonedOn.String(), pr.FilledBy, pr.FilledOn.String()}}
		for _, p := range c.Posts {
			t[tabPost] = append(t[tabPost], []any{p.UnitID, p.UnitName, p.Title, p.Rank, p.Leading,
				p.Appointed.Organ, p.Appointed.Date.String(), p.Appointed.DocumentNo,
				p.Removed.Organ, p.Removed.Date.String(), p.Removed.DocumentNo, p.ProbationMonths, p.Current,
				p.ProbationConfirmed.String()})
		}
		for _, l := range c.Resume {
			t[tabResume] = append(t[tabResume], []any{l.From.String(), l.To.String(), l.Text, l.FullTime, l.InService})
		}
		for _, w := range c.Rewards {
			t[tabReward] = append(t[tabReward], []any{w.Date.String(), w.Kind, w.Name, w.Organ, w.DocumentNo})
		}
		for _, a := range c.Assessments {
			t[tabAssessment] = append(t[tabAssessment], []any{a.Year, string(a.Grade)})
		}
		for _, f := range c.Family {
			t[tabRelative] = append(t[tabRelative], []any{f.Relation, f.Name, f.BirthDate.String(), f.PoliticalStatus,
				f.WorkAndPost, f.Deceased})
		}
	}
	if tl := d.Talent; tl != nil {
		titles, err := jsonList(tl.Titles)
		if err != nil {
			return t, err
		}
		forms := make([]string, len(tl.Forms))
		for i, f := range tl.Forms {
			forms[i] = string(f)
		}
		formList, err := jsonList(forms)
		if err != nil {
			return t, err
		}
		t[tabTalent] = [][]any{{string(tl.Category), titles, tl.Specialties, string(tl.Availability), formList, tl.Region}}
		for _, s := range tl.Skills {
			t[tabSkill] = append(t[tabSkill], []any{s.Name, s.Level})
		}
	}
	if len(d.Photo) > 0 {
		t[tabPhoto] = [][]any{{d.Photo}}
	}
	if d.Extras != "" {
		t[tabExtras] = [][]any{{d.Extras}}
	}
	return t, nil
}

// jsonList encodes a list of strings as a JSON array, "[]" when empty.
func jsonList(xs []string) (string, error) {
	if len(xs) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(xs)
	if err != nil {
		return "", fmt.Errorf("encode list: %w", err)
	}
	return string(b), nil
}

// fingerprint is a keyed hash of everything the record stores about the
// person except keys, version and times: two records with the same
// fingerprint store the same dossier. It hashes the row values rather than
// the dossier, so a nil list and an empty one, which store alike, agree.
func (r *personRecord) fingerprint(v vault.Provider) string {
	h := sha256.New()
	writeValues(h, r.content)
	writeValues(h, []any{r.idNumber, r.phone})
	for i, rows := range r.children {
		writeValues(h, []any{i, len(rows)})
		for _, row := range rows {
			writeValues(h, row)
		}
	}
	return vault.MACHex(v, vault.LookupHash, append([]byte("people.content:"), h.Sum(nil)...))
}

// writeValues feeds values to h, each tagged with its type and strings with
// their length, so that no two lists of values encode alike.
func writeValues(h hash.Hash, vals []any) {
	var buf [binary.MaxVarintLen64 + 1]byte
	for _, v := range vals {
		switch x := v.(type) {
		case string:
			buf[0] = 's'
			n := binary.PutUvarint(buf[1:], uint64(len(x)))
			h.Write(buf[:n+1])
			io.WriteString(h, x)
		case []byte:
			buf[0] = 'x'
			n := binary.PutUvarint(buf[1:], uint64(len(x)))
			h.Write(buf[:n+1])
			h.Write(x)
		case bool:
			buf[0] = 'f'
			if x {
				buf[0] = 't'
			}
			h.Write(buf[:1])
		case int:
			buf[0] = 'i'
			n := binary.PutVarint(buf[1:], int64(x))
			h.Write(buf[:n+1])
		default:
			panic(fmt.Sprintf("store: cannot fingerprint %T", v))
		}
	}
}

// maxParams bounds the parameters of one statement: SQLite allows 32766,
// PostgreSQL 65535.
const maxParams = 32000

// bulk collects rows for one table and inserts them in multi-row
// statements of as many rows as maxParams allows, or, on PostgreSQL and
// without a suffix (an upsert clause), with one COPY.
type bulk struct {
	table, columns, suffix string
	width                  int
	args                   []any
}

func newBulk(table, columns string) *bulk {
	return &bulk{table: table, columns: columns, width: len(splitColumns(columns))}
}

func (b *bulk) add(vals ...any) { b.args = append(b.args, vals...) }

func (b *bulk) flush(ctx context.Context, tx *Tx) error {
	if tx.db.dialect == Postgres && b.suffix == "" {
		err := copyRows(ctx, tx, b.table, splitColumns(b.columns), b.width, b.args)
		b.args = b.args[:0]
		return err
	}
	perStatement := maxParams / b.width * b.width
	row := "(" + placeholders(b.width) + ")"
	for start := 0; start < len(b.args); start += perStatement {
		end := min(start+perStatement, len(b.args))
		n := (end - start) / b.width
		q := "INSERT INTO " + b.table + " (" + b.columns + ") VALUES " + strings.Repeat(row+",", n-1) + row + b.suffix
		if _, err := tx.Exec(ctx, q, b.args[start:end]...); err != nil {
			return fmt.Errorf("insert into %s: %w", b.table, err)
		}
	}
	b.args = b.args[:0]
	return nil
}

// writePeople writes records in bulk: the facet rows of the people updated
// are deleted and written anew, new people rows are inserted and stored
// ones updated in place, and person_identities follows the ID numbers.
// Rows that only insert go by COPY on PostgreSQL (copyRows), by multi-row
// INSERT statements on SQLite.
func writePeople(ctx context.Context, tx *Tx, recs []*personRecord) error {
	if len(recs) == 0 {
		return nil
	}
	if err := deleteFacetRows(ctx, tx, recs); err != nil {
		return err
	}
	fresh := newBulk("people", peopleColumns)
	people := newBulk("people", peopleColumns)
	people.suffix = peopleUpsert
	idents := newBulk("person_identities", "id_number_hash, jurisdiction_id, person_id")
	var stale []any
	var kids [numChildTables]*bulk
	for i, t := range childTables {
		kids[i] = newBulk(t.name, t.keyColumns())
	}
	for _, r := range recs {
		if r.old == nil {
			fresh.add(r.values()...)
		} else {
			people.add(r.values()...)
		}
		oldHash := ""
		if r.old != nil {
			oldHash = r.old.idHash
		}
		if oldHash != r.idHash {
			if oldHash != "" {
				stale = append(stale, oldHash)
			}
			if r.idHash != "" {
				idents.add(r.idHash, r.jurisdictionID, r.id)
			}
		}
		for i, rows := range r.children {
			for seq, row := range rows {
				if childTables[i].ordered {
					kids[i].add(r.jurisdictionID, r.id, seq)
				} else {
					kids[i].add(r.jurisdictionID, r.id)
				}
				kids[i].add(row...)
			}
		}
	}
	if err := fresh.flush(ctx, tx); err != nil {
		return err
	}
	if err := people.flush(ctx, tx); err != nil {
		return err
	}
	for start := 0; start < len(stale); start += maxParams {
		part := stale[start:min(start+maxParams, len(stale))]
		if _, err := tx.Exec(ctx, `DELETE FROM person_identities WHERE id_number_hash IN (`+placeholders(len(part))+`)`, part...); err != nil {
			return fmt.Errorf("delete identities: %w", err)
		}
	}
	if err := idents.flush(ctx, tx); err != nil {
		return err
	}
	for _, k := range kids {
		if err := k.flush(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

// deleteFacetRows removes the facet rows of the people recs update, from
// the tables their stored flags say may hold any.
func deleteFacetRows(ctx context.Context, tx *Tx, recs []*personRecord) error {
	for _, t := range childTables {
		byJurisdiction := map[string][]any{}
		for _, r := range recs {
			if r.old != nil && r.old.has(t) {
				byJurisdiction[r.jurisdictionID] = append(byJurisdiction[r.jurisdictionID], r.id)
			}
		}
		for j, ids := range byJurisdiction {
			for start := 0; start < len(ids); start += maxParams - 1 {
				part := ids[start:min(start+maxParams-1, len(ids))]
				args := append([]any{j}, part...)
				if _, err := tx.Exec(ctx, `DELETE FROM `+t.name+` WHERE jurisdiction_id = ? AND person_id IN (`+
					placeholders(len(part))+`)`, args...); err != nil {
					return fmt.Errorf("delete from %s: %w", t.name, err)
				}
			}
		}
	}
	return nil
}
