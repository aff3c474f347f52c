package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/vault"
)

// PeopleService implements person.Service: the people registry on SQL.
//
// Permissions: reading a dossier or listing people needs access.OrgRead over
// the person's organisation; saving and importing need access.OrgWrite over
// the organisations written to (and, for a move, the one left); revealing an
// ID number needs access.SensitiveReveal. ID and phone numbers are sealed at
// rest and leave the service masked, except through RevealIDNumber, which is
// audited.
type PeopleService struct {
	db    *DB
	today func() civil.Date
	// listing admits listings to the reader pool in arrival order.
	listing fifoGate
}

// People returns the people registry service.
func (db *DB) People() *PeopleService {
	return &PeopleService{db: db, today: db.Today,
		listing: newFIFOGate(db.read.Stats().MaxOpenConnections)}
}

var _ person.Service = (*PeopleService)(nil)

// personRow is a people row as stored, secrets sealed.
type personRow struct {
	person.Person
	orgPath, idSealed, phoneSealed string
	stored                         storedPerson
}

func scanPersonRow(s scanner) (*personRow, error) {
	var r personRow
	p := &r.Person
	var skip string
	var created, updated int64
	err := s.Scan(&p.JurisdictionID, &p.ID, &p.OrgID, &r.orgPath,
		&p.Name, &skip, &p.Gender, &p.BirthDate, &p.Ethnicity, &p.NativePlace.Code, &p.NativePlace.Text,
		&p.Birthplace.Code, &p.Birthplace.Text, &p.Health, &p.PoliticalStatus, &p.PartyJoinDate, &p.WorkStartDate,
		&p.FullTime.Level, &p.FullTime.Degree, &p.FullTime.School, &p.FullTime.Major, &p.FullTime.Text,
		&p.InService.Level, &p.InService.Degree, &p.InService.School, &p.InService.Major, &p.InService.Text, &skip,
		&p.ProfessionalTitle, &p.Specialties, &p.Address, &r.stored.isParty, &r.stored.isCadre, &r.stored.isTalent,
		&skip, &skip,
		&r.idSealed, &r.stored.idHash, &skip, &skip, &r.phoneSealed,
		&r.stored.contentHash, &p.Version, &created, &updated)
	if err != nil {
		return nil, normalize(err)
	}
	p.CreatedAt, p.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	sp := &r.stored
	sp.jurisdictionID, sp.id, sp.orgID, sp.orgPath = p.JurisdictionID, p.ID, p.OrgID, r.orgPath
	sp.version, sp.createdAt = p.Version, created
	return &r, nil
}

// open returns the clear ID and phone numbers of r.
func (s *PeopleService) open(r *personRow) (idNumber, phone string, err error) {
	if r.idSealed != "" {
		b, err := s.db.vault.Open(r.idSealed, []byte(idNumberAAD))
		if err != nil {
			return "", "", fmt.Errorf("open ID number of person %s: %w", r.ID, err)
		}
		idNumber = string(b)
	}
	if r.phoneSealed != "" {
		b, err := s.db.vault.Open(r.phoneSealed, []byte(personPhoneAAD))
		if err != nil {
			return "", "", fmt.Errorf("open phone of person %s: %w", r.ID, err)
		}
		phone = string(b)
	}
	return idNumber, phone, nil
}

// load reads one person's row by id, without a scope check.
func (s *PeopleService) load(ctx context.Context, q rowQuerier, id string) (*personRow, error) {
	if !ValidID(id) {
		return nil, errBadID
	}
	return scanPersonRow(q(ctx, `SELECT `+peopleColumns+` FROM people WHERE id = ?`, id))
}

// loadIn reads one person and checks that the principal in ctx holds perm
// over the person's organisation.
func (s *PeopleService) loadIn(ctx context.Context, perm access.Permission, id string) (*access.Principal, *personRow, error) {
	p, err := access.Require(ctx, perm)
	if err != nil {
		return nil, nil, err
	}
	r, err := s.load(ctx, s.db.QueryRow, id)
	if err != nil {
		return nil, nil, err
	}
	if err := access.Check(p, perm, r.orgPath); err != nil {
		return nil, nil, err
	}
	return p, r, nil
}

// Get implements person.Service: the whole dossier, with the ID and phone
// numbers masked.
func (s *PeopleService) Get(ctx context.Context, id string) (*person.Dossier, error) {
	_, r, err := s.loadIn(ctx, access.OrgRead, id)
	if err != nil {
		return nil, err
	}
	d, err := s.dossier(ctx, s.db.Query, r)
	if err != nil {
		return nil, err
	}
	d.Person.IDNumber, d.Person.Phone = vault.Mask(d.Person.IDNumber), vault.Mask(d.Person.Phone)
	return d, nil
}

// RevealIDNumber implements person.Service. The reveal is audited before
// the number is returned: if the event cannot be written, nothing is
// revealed.
func (s *PeopleService) RevealIDNumber(ctx context.Context, id string) (string, error) {
	p, r, err := s.loadIn(ctx, access.SensitiveReveal, id)
	if err != nil {
		return "", err
	}
	idNumber, _, err := s.open(r)
	if err != nil {
		return "", err
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, personAudit(p, r.JurisdictionID, "sensitive.reveal", r.ID,
			map[string]any{"field": "id_number", "name": r.Name}))
	})
	if err != nil {
		return "", err
	}
	return idNumber, nil
}

// personAudit is an audit event of an action p took on people.
func personAudit(p *access.Principal, jurisdiction, action, id string, detail map[string]any) audit.Event {
	b, _ := json.Marshal(detail)
	return audit.Event{JurisdictionID: jurisdiction, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
		Action: action, TargetKind: "people", TargetID: id, Detail: string(b)}
}

type rowsQuerier func(ctx context.Context, query string, args ...any) (*sql.Rows, error)

// dossier reads the facets, photo and extras of r, with the clear ID and
// phone numbers.
func (s *PeopleService) dossier(ctx context.Context, q rowsQuerier, r *personRow) (*person.Dossier, error) {
	d := &person.Dossier{Person: r.Person}
	var err error
	if d.Person.IDNumber, d.Person.Phone, err = s.open(r); err != nil {
		return nil, err
	}
	ld := facetLoader{ctx: ctx, q: q, j: r.JurisdictionID, id: r.ID}
	if r.stored.isParty {
		d.Party = ld.party()
	}
	if r.stored.isCadre {
		d.Cadre = ld.cadre()
	}
	if r.stored.isTalent {
		d.Talent = ld.talent()
	}
	ld.each(tabPhoto, func(s scanner) error { return s.Scan(&d.Photo) })
	ld.each(tabExtras, func(s scanner) error { return s.Scan(&d.Extras) })
	if ld.err != nil {
		return nil, ld.err
	}
	return d, nil
}

// facetLoader reads one person's facet rows, keeping the first error.
type facetLoader struct {
	ctx   context.Context
	q     rowsQuerier
	j, id string
	err   error
}

// each calls fn on every row of table t of the person, in order.
func (l *facetLoader) each(t int, fn func(scanner) error) {
	if l.err != nil {
		return
	}
	ct := childTables[t]
	query := `SELECT ` + ct.columns + ` FROM ` + ct.name + ` WHERE jurisdiction_id = ? AND person_id = ?`
	if ct.ordered {
		query += ` ORDER BY seq`
	}
	rows, err := l.q(l.ctx, query, l.j, l.id)
	if err != nil {
		l.err = fmt.Errorf("read %s: %w", ct.name, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			l.err = fmt.Errorf("read %s: %w", ct.name, err)
			return
		}
	}
	if err := rows.Err(); err != nil {
		l.err = fmt.Errorf("read %s: %w", ct.name, err)
	}
}

func (l *facetLoader) party() *person.PartyMember {
	pm := &person.PartyMember{}
	l.each(tabPartyMember, func(s scanner) error {
		var category, standing, reason string
		var lost, floating bool
		lc, fl := &person.LostContact{}, &person.Floating{}
		if err := s.Scan(&pm.BranchID, &category, &pm.JoinDate, &pm.FullDate, &standing, &pm.PartyPost, &lost,
			&reason, &lc.Since, &floating, &fl.Destination, &fl.Since); err != nil {
			return err
		}
		pm.Category, pm.Standing, lc.Reason = person.PartyCategory(category), person.PartyStanding(standing), person.LostContactReason(reason)
		if lost {
			pm.LostContact = lc
		}
		if floating {
			pm.Floating = fl
		}
		return nil
	})
	l.each(tabPipeline, func(s scanner) error {
		var step person.PipelineStep
		var stage, intro string
		if err := s.Scan(&stage, &step.Date, &intro); err != nil {
			return err
		}
		step.Stage = person.PipelineStage(stage)
		if err := decodeList(intro, &step.Introducers); err != nil {
			return err
		}
		pm.Pipeline = append(pm.Pipeline, step)
		return nil
	})
	l.each(tabTransfer, func(s scanner) error {
		var t person.Transfer
		if err := s.Scan(&t.FromBranchID, &t.ToBranchID, &t.Date, &t.Note); err != nil {
			return err
		}
		pm.Transfers = append(pm.Transfers, t)
		return nil
	})
	return pm
}

func (l *facetLoader) cadre() *person.Cadre {
	c := &person.Cadre{}
	l.each(tabCadre, func(s scanner) error {
		var mgmt string
		pr := &c.Proposal
		if err := s.Scan(&mgmt, &c.CurrentPostText, &pr.Appoint, &pr.Remove, &pr.Reason, &pr.ReportingUnit,
			&pr.AgeReckonedOn, &pr.FilledBy, &pr.FilledOn); err != nil {
			return err
		}
		c.Management = person.ManagementCategory(mgmt)
		return nil
	})
	l.each(tabPost, func(s scanner) error {
		var p person.Post
		if err := s.Scan(&p.UnitID, &p.UnitName, &p.Title, &p.Rank, &p.Leading, &p.Appointed.Organ,
			&p.Appointed.Date, &p.Appointed.DocumentNo, &p.Removed.Organ, &p.Removed.Date, &p.Removed.DocumentNo,
			&p.ProbationMonths, &p.Current, &p.ProbationConfirmed); err != nil {
			return err
		}
		c.Posts = append(c.Posts, p)
		return nil
	})
	l.each(tabResume, func(s scanner) error {
		var r person.ResumeLine
		if err := s.Scan(&r.From, &r.To, &r.Text, &r.FullTime, &r.InService); err != nil {
			return err
		}
		c.Resume = append(c.Resume, r)
		return nil
	})
	l.each(tabReward, func(s scanner) error {
		var w person.Reward
		if err := s.Scan(&w.Date, &w.Kind, &w.Name, &w.Organ, &w.DocumentNo); err != nil {
			return err
		}
		c.Rewards = append(c.Rewards, w)
		return nil
	})
	l.each(tabAssessment, func(s scanner) error {
		var a person.Assessment
		var grade string
		if err := s.Scan(&a.Year, &grade); err != nil {
			return err
		}
		a.Grade = person.AssessmentGrade(grade)
		c.Assessments = append(c.Assessments, a)
		return nil
	})
	l.each(tabRelative, func(s scanner) error {
		var f person.Relative
		if err := s.Scan(&f.Relation, &f.Name, &f.BirthDate, &f.PoliticalStatus, &f.WorkAndPost, &f.Deceased); err != nil {
			return err
		}
		c.Family = append(c.Family, f)
		return nil
	})
	return c
}

func (l *facetLoader) talent() *person.Talent {
	t := &person.Talent{}
	l.each(tabTalent, func(s scanner) error {
		var category, titles, availability, forms string
		if err := s.Scan(&category, &titles, &t.Specialties, &availability, &forms, &t.Region); err != nil {
			return err
		}
		t.Category, t.Availability = person.TalentCategory(category), person.Availability(availability)
		var fs []string
		if err := decodeList(forms, &fs); err != nil {
			return err
		}
		for _, f := range fs {
			t.Forms = append(t.Forms, person.FlowForm(f))
		}
		return decodeList(titles, &t.Titles)
	})
	l.each(tabSkill, func(s scanner) error {
		var k person.Skill
		if err := s.Scan(&k.Name, &k.Level); err != nil {
			return err
		}
		t.Skills = append(t.Skills, k)
		return nil
	})
	return t
}

// decodeList reads a JSON array of strings; "[]" gives nil.
func decodeList(s string, out *[]string) error {
	if s == "" || s == "[]" {
		*out = nil
		return nil
	}
	if err := json.Unmarshal([]byte(s), out); err != nil {
		return fmt.Errorf("decode list: %w", err)
	}
	return nil
}

// Save implements person.Service. A dossier without Person.ID is created
// in Person.OrgID; one with an ID replaces that person's stored dossier
// (when Person.Version is set it must match the stored version, so that an
// edit made on a stale copy is refused). A masked ID or phone number, as Get
// returns it, stands for the stored value unchanged. The person's
// jurisdiction is that of the organisation; moving a person to another
// jurisdiction is refused.
func (s *PeopleService) Save(ctx context.Context, d *person.Dossier) (*person.Dossier, error) {
	p, err := access.Require(ctx, access.OrgWrite)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	var saved *person.Dossier
	err = s.db.Write(ctx, func(tx *Tx) error {
		var err error
		saved, err = s.save(ctx, tx, p, *d, orgWriter(p))
		return err
	})
	if err != nil && !errors.Is(err, errUnchanged) {
		return nil, err
	}
	return saved, nil
}

// mayWrite decides whether a person in the organisation at path may be
// written (or placed there).
type mayWrite func(path string) error

// orgWriter lets p write where p holds access.OrgWrite.
func orgWriter(p *access.Principal) mayWrite {
	return func(path string) error { return access.Check(p, access.OrgWrite, path) }
}

// save writes c inside tx on behalf of p, where may allows it. It returns
// errUnchanged, with the dossier as stored, when c is what is stored
// already.
func (s *PeopleService) save(ctx context.Context, tx *Tx, p *access.Principal, c person.Dossier, may mayWrite) (*person.Dossier, error) {
	old, err := s.current(ctx, tx, &c, may)
	if err != nil {
		return nil, err
	}
	if err := validateDossier(&c, s.today()); err != nil {
		return nil, err
	}
	o, err := s.placeIn(ctx, tx, c.Person.OrgID, old, may)
	if err != nil {
		return nil, err
	}
	r, err := prepare(s.db.vault, &c)
	if err != nil {
		return nil, err
	}
	r.jurisdictionID, r.orgID, r.orgPath = o.JurisdictionID, o.ID, o.Path
	now := tx.Now().UnixMicro()
	r.id, r.version, r.createdAt, r.updatedAt = NewID(), 1, now, now
	action, detail := "person.create", map[string]any{"name": c.Person.Name, "org_id": r.orgID}
	if old != nil {
		r.old = &old.stored
		r.id, r.version, r.createdAt = old.ID, old.Version+1, old.stored.createdAt
		if r.contentHash == old.stored.contentHash && r.orgID == old.OrgID {
			saved := savedDossier(&c, r)
			saved.Person.Version, saved.Person.UpdatedAt = old.Version, old.UpdatedAt
			return saved, errUnchanged
		}
		action = "person.update"
		if old.OrgID != r.orgID {
			detail["old_org_id"] = old.OrgID
		}
	}
	if err := s.checkIdentity(ctx, tx, r); err != nil {
		return nil, err
	}
	if err := writePeople(ctx, tx, []*personRecord{r}); err != nil {
		return nil, err
	}
	detail["version"] = r.version
	return savedDossier(&c, r), tx.Audit(ctx, personAudit(p, r.jurisdictionID, action, r.id, detail))
}

// current locks the stored person c replaces, if any, and completes c
// from it: the stored ID and phone numbers where c holds them masked, and
// the organisation when c names none.
func (s *PeopleService) current(ctx context.Context, tx *Tx, c *person.Dossier, may mayWrite) (*personRow, error) {
	if c.Person.ID == "" {
		return nil, nil
	}
	old, err := s.lock(ctx, tx, c.Person.ID, may)
	if err != nil {
		return nil, err
	}
	if c.Person.Version != 0 && c.Person.Version != old.Version {
		return nil, fault.New(fault.Conflict, "error.conflict")
	}
	if err := s.unmask(old, &c.Person); err != nil {
		return nil, err
	}
	if c.Person.OrgID == "" {
		c.Person.OrgID = old.OrgID
	}
	return old, nil
}

// placeIn reads the organisation a saved person goes to and checks that
// may allows it and that the person may be placed there.
func (s *PeopleService) placeIn(ctx context.Context, tx *Tx, orgID string, old *personRow, may mayWrite) (*org.Org, error) {
	o, err := s.db.Orgs().load(ctx, tx.QueryRow, orgID)
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("org_id", "error.not_found")
		return nil, f.Err()
	}
	if err != nil {
		return nil, err
	}
	if err := may(o.Path); err != nil {
		return nil, err
	}
	return o, checkPlacement(o, old)
}

// errUnchanged ends a write that would change nothing: the transaction is
// rolled back and, as no action took place, nothing is audited.
var errUnchanged = errors.New("store: nothing to change")

// savedDossier returns what Save hands back: the dossier as written, with
// its keys and state, the ID and phone numbers masked.
func savedDossier(d *person.Dossier, r *personRecord) *person.Dossier {
	out := *d
	p := &out.Person
	p.JurisdictionID, p.ID, p.OrgID, p.Version = r.jurisdictionID, r.id, r.orgID, r.version
	p.CreatedAt, p.UpdatedAt = time.UnixMicro(r.createdAt).UTC(), time.UnixMicro(r.updatedAt).UTC()
	p.IDNumber, p.Phone = vault.Mask(r.idNumber), vault.Mask(r.phone)
	return &out
}

// lock reads a person for update and checks may allows changing them.
func (s *PeopleService) lock(ctx context.Context, tx *Tx, id string, may mayWrite) (*personRow, error) {
	r, err := s.load(ctx, tx.QueryRow, id)
	if err != nil {
		return nil, err
	}
	if err := may(r.orgPath); err != nil {
		return nil, err
	}
	if tx.db.dialect != Postgres {
		return r, nil
	}
	// The row is locked by its full key once a plain read has found the
	// jurisdiction (docs/scaleout.md), then read again as locked.
	if _, err := tx.Exec(ctx, `SELECT 1 FROM people WHERE jurisdiction_id = ? AND id = ? FOR UPDATE`, r.JurisdictionID, r.ID); err != nil {
		return nil, err
	}
	r, err = scanPersonRow(tx.QueryRow(ctx, `SELECT `+peopleColumns+` FROM people WHERE jurisdiction_id = ? AND id = ?`,
		r.JurisdictionID, r.ID))
	if err != nil {
		return nil, err
	}
	return r, may(r.orgPath)
}

// unmask puts the stored ID and phone numbers back where the dossier holds
// them masked, as Get returned them.
func (s *PeopleService) unmask(old *personRow, p *person.Person) error {
	if !strings.Contains(p.IDNumber, "*") && !strings.Contains(p.Phone, "*") {
		return nil
	}
	idNumber, phone, err := s.open(old)
	if err != nil {
		return err
	}
	if strings.Contains(p.IDNumber, "*") && p.IDNumber == vault.Mask(idNumber) {
		p.IDNumber = idNumber
	}
	if strings.Contains(p.Phone, "*") && p.Phone == vault.Mask(phone) {
		p.Phone = phone
	}
	return nil
}

// checkPlacement refuses to place a person in an organisation that is no
// longer active (unless they are already there) or, for a person already
// stored, in another jurisdiction: a move between counties is a copy and a
// closing record, never a change of jurisdiction (docs/scaleout.md).
func checkPlacement(o *org.Org, old *personRow) error {
	if old != nil && old.JurisdictionID != o.JurisdictionID {
		return fault.New(fault.Conflict, "error.person.cross_jurisdiction")
	}
	if o.Status != org.Active && (old == nil || old.OrgID != o.ID) {
		return fault.New(fault.Conflict, "error.org.inactive")
	}
	return nil
}

// checkIdentity refuses an ID number registered to another person anywhere
// in the country. person_identities' key makes the same refusal in a race;
// this check names it.
func (s *PeopleService) checkIdentity(ctx context.Context, tx *Tx, r *personRecord) error {
	if r.idHash == "" || (r.old != nil && r.old.idHash == r.idHash) {
		return nil
	}
	var owner string
	err := tx.QueryRow(ctx, `SELECT person_id FROM person_identities WHERE id_number_hash = ?`, r.idHash).Scan(&owner)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("look up ID number: %w", err)
	}
	if owner != r.id {
		return fault.New(fault.Conflict, "error.person.id_number_taken")
	}
	return nil
}

// validateDossier checks a dossier before it is written: the rules of
// person.Validate, and an organisation to write it to.
func validateDossier(d *person.Dossier, today civil.Date) error {
	err := person.Validate(d, today)
	if d.Person.OrgID != "" {
		return err
	}
	var f fault.Fields
	if err != nil {
		fe, ok := fault.As(err)
		if !ok || len(fe.Fields) == 0 {
			return err
		}
		f = fe.Fields
	}
	f.Add("org_id", "field.required")
	return f.Err()
}

// repathPeople rewrites org_path of the people in the subtree that moved
// from oldPath to newPath within a jurisdiction. people.org_path is a copy
// of the organisation's path, so an organisation move (OrgService's
// changer.move) must call this in its own transaction: one range UPDATE
// over the people_by_path index.
func repathPeople(ctx context.Context, tx *Tx, jurisdiction, oldPath, newPath string) error {
	lo, hi := subtreeRange(oldPath)
	if _, err := tx.Exec(ctx, `UPDATE people SET org_path = CAST(? AS TEXT) || substr(org_path, CAST(? AS INTEGER))
		WHERE jurisdiction_id = ? AND org_path >= ? AND org_path < ?`,
		newPath, len(oldPath)+1, jurisdiction, lo, hi); err != nil {
		return fmt.Errorf("move people's paths: %w", err)
	}
	return nil
}
