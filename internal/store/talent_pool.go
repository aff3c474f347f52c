package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// profileColumns is a pool row as scanProfile reads it.
const profileColumns = `p.id, p.name, p.org_id, COALESCE(o.name, ''), p.version, p.is_cadre, COALESCE(o.kind, ''),
	t.category, t.titles, t.specialties, t.availability, t.forms, t.region`

const profileFrom = ` FROM people p
	JOIN talents t ON t.jurisdiction_id = p.jurisdiction_id AND t.person_id = p.id
	LEFT JOIN orgs o ON o.jurisdiction_id = p.jurisdiction_id AND o.id = p.org_id`

func scanProfile(sc scanner) (*talent.Profile, error) {
	var pr talent.Profile
	var kind, category, titles, availability, forms string
	var cadre bool
	if err := sc.Scan(&pr.PersonID, &pr.Name, &pr.OrgID, &pr.OrgName, &pr.Version, &cadre, &kind, &category, &titles,
		&pr.Talent.Specialties, &availability, &forms, &pr.Talent.Region); err != nil {
		return nil, normalize(err)
	}
	pr.PublicEmployee = publicEmployee(cadre, kind)
	pr.Talent.Category, pr.Talent.Availability = person.TalentCategory(category), person.Availability(availability)
	if err := decodeList(titles, &pr.Talent.Titles); err != nil {
		return nil, err
	}
	var fs []string
	if err := decodeList(forms, &fs); err != nil {
		return nil, err
	}
	for _, f := range fs {
		pr.Talent.Forms = append(pr.Talent.Forms, person.FlowForm(f))
	}
	return &pr, nil
}

// publicEmployee reports whether a person is a public employee (公职人员),
// whose leave of post needs the home unit's approval: a cadre, or anyone
// working in the public sector.
func publicEmployee(cadre bool, orgKind string) bool {
	return cadre || org.Kind(orgKind).PublicSector()
}

// isPublicEmployee reads whether a person is a public employee.
func isPublicEmployee(ctx context.Context, q rowQuerier, jurisdiction, personID string) (bool, error) {
	var cadre bool
	var kind string
	if err := q(ctx, `SELECT p.is_cadre, COALESCE(o.kind, '') FROM people p
		LEFT JOIN orgs o ON o.jurisdiction_id = p.jurisdiction_id AND o.id = p.org_id
		WHERE p.jurisdiction_id = ? AND p.id = ?`, jurisdiction, personID).Scan(&cadre, &kind); err != nil {
		return false, fmt.Errorf("read person %s: %w", personID, normalize(err))
	}
	return publicEmployee(cadre, kind), nil
}

// poolFilter turns f into the conditions of a pool listing.
func (s *TalentService) poolFilter(ctx context.Context, f talent.Filter) (string, []any, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return "", nil, err
	}
	if err := s.under(ctx, a, f.Under); err != nil {
		return "", nil, err
	}
	cond, args := a.personCond("p.id", "p.org_path")
	conds := []string{"p.is_talent = ?", cond}
	args = append([]any{true}, args...)
	if f.Category != "" {
		conds, args = append(conds, "t.category = ?"), append(args, string(f.Category))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + escapeLike(q) + "%"
		conds = append(conds, `(p.name LIKE ? ESCAPE '\' OR t.specialties LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM talent_skills k
			WHERE k.jurisdiction_id = p.jurisdiction_id AND k.person_id = p.id AND k.name LIKE ? ESCAPE '\'))`)
		args = append(args, like, like, like)
	}
	if f.TakingPart {
		c, as := takingPartCond(f)
		conds, args = append(conds, c), append(args, as...)
	}
	return strings.Join(conds, " AND "), args, nil
}

// takingPartCond is the condition that the talent p takes part in the
// filter's period: an engagement overlapping it or a verified service in
// it (talent.Figures.TakingPart).
func takingPartCond(f talent.Filter) (string, []any) {
	ec, eargs := periodCond(f, "e.start_on", "e.end_on")
	sc, sargs := periodCond(f, "v.served_on", "")
	return `(EXISTS (SELECT 1 FROM talent_engagements e WHERE e.jurisdiction_id = p.jurisdiction_id AND e.person_id = p.id AND ` + ec + `)
		OR EXISTS (SELECT 1 FROM talent_services v WHERE v.jurisdiction_id = p.jurisdiction_id AND v.person_id = p.id
		AND v.verified = ? AND ` + sc + `))`, append(append(eargs, true), sargs...)
}

// Talents implements talent.Records.
func (s *TalentService) Talents(ctx context.Context, f talent.Filter) ([]talent.Profile, error) {
	cond, args, err := s.poolFilter(ctx, f)
	if err != nil {
		return nil, err
	}
	limit, offset := pageOf(f)
	rows, err := s.db.Query(ctx, `SELECT p.jurisdiction_id, `+profileColumns+profileFrom+` WHERE `+cond+
		` ORDER BY p.name, p.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("list talents: %w", err)
	}
	defer rows.Close()
	var out []talent.Profile
	var keys [][2]string
	for rows.Next() {
		var jurisdiction string
		pr, err := scanProfile(withLead{rows, &jurisdiction})
		if err != nil {
			return nil, err
		}
		out = append(out, *pr)
		keys = append(keys, [2]string{jurisdiction, pr.PersonID})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, s.withSkills(ctx, out, keys)
}

// withLead scans one leading column into lead, then the rest as sc would.
type withLead struct {
	sc   scanner
	lead any
}

func (w withLead) Scan(dest ...any) error { return w.sc.Scan(append([]any{w.lead}, dest...)...) }

// withSkills reads the skills of the listed talents, keyed (jurisdiction,
// person), into them.
func (s *TalentService) withSkills(ctx context.Context, ps []talent.Profile, keys [][2]string) error {
	parents := map[string][]any{}
	index := map[string]*talent.Profile{}
	for i, k := range keys {
		parents[k[0]] = append(parents[k[0]], k[1])
		index[k[1]] = &ps[i]
	}
	err := eachChild(ctx, s.db.Query, parents, `SELECT person_id, name, level FROM talent_skills WHERE jurisdiction_id = ?
		AND person_id IN (%s) ORDER BY person_id, seq`, func(sc scanner) error {
		var id string
		var k person.Skill
		if err := sc.Scan(&id, &k.Name, &k.Level); err != nil {
			return err
		}
		pr := index[id]
		pr.Talent.Skills = append(pr.Talent.Skills, k)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read talent skills: %w", err)
	}
	return nil
}

// CountTalents implements talent.Records.
func (s *TalentService) CountTalents(ctx context.Context, f talent.Filter) (int, error) {
	return s.count(ctx, "talents", profileFrom, s.poolFilter, f)
}

// profile reads one talent within the actor's reach.
func (s *TalentService) profile(ctx context.Context, a *talentActor, personID string) (*talent.Profile, *personPlace, error) {
	pp, err := placeOf(ctx, s.db.QueryRow, personID)
	if err != nil {
		return nil, nil, err
	}
	if !pp.isTalent || !a.reaches(personID, pp.path) {
		return nil, nil, fault.New(fault.NotFound, "error.not_found")
	}
	pr, err := scanProfile(s.db.QueryRow(ctx, `SELECT `+profileColumns+profileFrom+` WHERE p.jurisdiction_id = ? AND p.id = ?`,
		pp.jurisdiction, personID))
	if err != nil {
		return nil, nil, err
	}
	out := []talent.Profile{*pr}
	if err := s.withSkills(ctx, out, [][2]string{{pp.jurisdiction, personID}}); err != nil {
		return nil, nil, err
	}
	return &out[0], pp, nil
}

// Profile implements talent.Records.
func (s *TalentService) Profile(ctx context.Context, personID string) (*talent.Dossier, error) {
	a, err := actor(ctx, access.TalentRead)
	if err != nil {
		return nil, err
	}
	pr, _, err := s.profile(ctx, a, personID)
	if err != nil {
		return nil, err
	}
	d := &talent.Dossier{Profile: *pr}
	f := talent.Filter{PersonID: personID, Limit: talentMaxLimit}
	if d.Engagements, err = s.Engagements(ctx, f); err != nil {
		return nil, err
	}
	if d.Entities, err = s.Entities(ctx, f); err != nil {
		return nil, err
	}
	if d.Services, err = s.Services(ctx, f); err != nil {
		return nil, err
	}
	return d, nil
}

// SaveProfile implements talent.Records: staff with access.TalentManage
// over the talent's organisation, or the talent themselves, replace the
// talent facet. The person's other facets stay as they are; the dossier is
// validated whole and saved as a new version.
func (s *TalentService) SaveProfile(ctx context.Context, personID string, t *person.Talent, version int) (*talent.Profile, error) {
	a, err := actor(ctx, access.TalentManage)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	pp, err := placeOf(ctx, s.db.QueryRow, personID)
	if err != nil {
		return nil, err
	}
	if !pp.isTalent || !a.reaches(personID, pp.path) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	people := s.db.People()
	// The reach was checked above; inside the transaction it is checked
	// again on the locked row.
	may := func(path string) error {
		if !a.reaches(personID, path) {
			return fault.New(fault.NotFound, "error.not_found")
		}
		return nil
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		old, err := people.lock(ctx, tx, personID, may)
		if err != nil {
			return err
		}
		if version != 0 && version != old.Version {
			return fault.New(fault.Conflict, "error.conflict")
		}
		d, err := people.dossier(ctx, tx.Query, old)
		if err != nil {
			return err
		}
		d.Talent = t
		_, err = people.save(ctx, tx, a.p, *d, may)
		return err
	})
	if err != nil && !errors.Is(err, errUnchanged) {
		return nil, prefixFields(err, "talent.")
	}
	pr, _, err := s.profile(ctx, a, personID)
	return pr, err
}

// prefixFields removes prefix from the field names of a fault.Fields
// error: the person's validator names the facet's fields "talent.…", a
// profile form names them without it.
func prefixFields(err error, prefix string) error {
	var fe *fault.Error
	if !errors.As(err, &fe) || len(fe.Fields) == 0 {
		return err
	}
	var f fault.Fields
	for name, x := range fe.Fields {
		f.Add(strings.TrimPrefix(name, prefix), x.Key, x.Args...)
	}
	return f.Err()
}
