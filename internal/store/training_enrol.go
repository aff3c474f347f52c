package store

import (
	"context"
	"encoding/json"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/training"
)

// attendance is stored as one character per session: P present, L leave,
// A absent, - not recorded.
var presenceChars = map[training.Presence]byte{training.Present: 'P', training.Leave: 'L', training.Absent: 'A', "": '-'}

func encodeAttendance(a []training.Presence) string {
	b := make([]byte, len(a))
	for i, p := range a {
		b[i] = presenceChars[p]
	}
	return string(b)
}

func decodeAttendance(s string) []training.Presence {
	out := make([]training.Presence, len(s))
	for i := 0; i < len(s); i++ {
		for p, c := range presenceChars {
			if c == s[i] {
				out[i] = p
			}
		}
	}
	return out
}

const enrolmentColumns = `jurisdiction_id, id, programme_id, person_id, status, attendance, online_done, result, certificate, completed_on, version`

func scanEnrolment(s scanner, extra ...any) (*training.Enrolment, error) {
	var e training.Enrolment
	var status, att string
	var online int64
	dest := append([]any{&e.JurisdictionID, &e.ID, &e.ProgrammeID, &e.PersonID, &status, &att, &online, &e.Result,
		&e.Certificate, &e.CompletedOn, &e.Version}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, normalize(err)
	}
	e.Status, e.Attendance, e.OnlineDone = training.EnrolStatus(status), decodeAttendance(att), training.Hours(online)
	return &e, nil
}

// Enrol implements training.Service.
func (s *TrainingService) Enrol(ctx context.Context, programmeID, personID string, invite bool) (*training.Enrolment, error) {
	p, err := access.Require(ctx, access.TrainingManage)
	if err != nil {
		return nil, err
	}
	var out *training.Enrolment
	err = s.db.Write(ctx, func(tx *Tx) error {
		pr, err := s.loadProgramme(ctx, tx.QueryRow, tx.Query, programmeID)
		if err != nil {
			return err
		}
		if err := access.Check(p, access.TrainingManage, pr.orgPath); err != nil {
			return err
		}
		trainee, err := s.trainee(ctx, tx, p, personID, pr.JurisdictionID)
		if err != nil {
			return err
		}
		if err := s.checkTarget(ctx, tx, &pr.Programme, trainee.path); err != nil {
			return err
		}
		e, err := scanEnrolment(tx.QueryRow(ctx, `SELECT `+enrolmentColumns+` FROM training_enrolments
			WHERE jurisdiction_id = ? AND programme_id = ? AND person_id = ?`, pr.JurisdictionID, pr.ID, personID))
		switch {
		case fault.Is(err, fault.NotFound):
			e = &training.Enrolment{JurisdictionID: pr.JurisdictionID, ID: NewID(), PersonID: personID}
		case err != nil:
			return err
		case invite || e.Status != training.Invited:
			return fault.New(fault.Conflict, "training.already_enrolled")
		}
		action := "training.enrol"
		if invite {
			*e = training.Invite(&pr.Programme, personID)
			e.JurisdictionID, e.ID, action = pr.JurisdictionID, NewID(), "training.invite"
		} else {
			var taken int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM training_enrolments WHERE jurisdiction_id = ? AND programme_id = ?
				AND status IN ('enrolled', 'completed', 'failed')`, pr.JurisdictionID, pr.ID).Scan(&taken); err != nil {
				return err
			}
			if err := training.Enrol(&pr.Programme, e, training.LevelOf(trainee.rank), taken); err != nil {
				return err
			}
		}
		if err := s.putEnrolment(ctx, tx, e); err != nil {
			return err
		}
		out = e
		return tx.Audit(ctx, trainingAudit(p, pr.JurisdictionID, action, "training_enrolments", e.ID,
			map[string]any{"programme": pr.ID, "title": pr.Title, "person": personID, "name": trainee.name}))
	})
	return out, err
}

type traineeRow struct {
	jurisdiction, name, rank, path string
}

// trainee reads a person to enrol or report for: visible to p, a cadre, in
// the programme's jurisdiction.
func (s *TrainingService) trainee(ctx context.Context, tx *Tx, p *access.Principal, personID, jurisdiction string) (*traineeRow, error) {
	var t traineeRow
	var cadre bool
	if !ValidID(personID) {
		var f fault.Fields
		f.Add("person", "error.not_found")
		return nil, f.Err()
	}
	err := tx.QueryRow(ctx, `SELECT jurisdiction_id, name, post_rank, org_path, is_cadre FROM people WHERE id = ?`, personID).
		Scan(&t.jurisdiction, &t.name, &t.rank, &t.path, &cadre)
	if err := normalize(err); fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("person", "error.not_found")
		return nil, f.Err()
	} else if err != nil {
		return nil, err
	}
	if err := access.Check(p, access.TrainingRead, t.path); err != nil {
		var f fault.Fields
		f.Add("person", "error.not_found")
		return nil, f.Err()
	}
	var f fault.Fields
	if !cadre {
		f.Add("person", "training.not_cadre")
	} else if jurisdiction != "" && t.jurisdiction != jurisdiction {
		f.Add("person", "training.other_jurisdiction")
	}
	return &t, f.Err()
}

// checkTarget refuses a trainee outside the organisation subtree a
// programme is meant for.
func (s *TrainingService) checkTarget(ctx context.Context, tx *Tx, pr *training.Programme, personPath string) error {
	if pr.TargetOrgID == "" {
		return nil
	}
	target, err := s.db.Orgs().load(ctx, tx.QueryRow, pr.TargetOrgID)
	if err != nil {
		return err
	}
	if !access.Covers(target.Path, personPath) {
		return fault.New(fault.Conflict, "training.outside_target", target.Name)
	}
	return nil
}

// putEnrolment inserts a new enrolment (version 0) or updates it by version.
func (s *TrainingService) putEnrolment(ctx context.Context, tx *Tx, e *training.Enrolment) error {
	now := tx.Now().UnixMicro()
	if e.Version == 0 {
		e.Version = 1
		_, err := tx.Exec(ctx, `INSERT INTO training_enrolments (`+enrolmentColumns+`, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, e.JurisdictionID, e.ID, e.ProgrammeID, e.PersonID, string(e.Status),
			encodeAttendance(e.Attendance), int64(e.OnlineDone), e.Result, e.Certificate, e.CompletedOn, e.Version, now, now)
		return err
	}
	err := tx.ExecOne(ctx, `UPDATE training_enrolments SET status = ?, attendance = ?, online_done = ?, result = ?, certificate = ?,
		completed_on = ?, version = version + 1, updated_at = ? WHERE jurisdiction_id = ? AND id = ? AND version = ?`,
		string(e.Status), encodeAttendance(e.Attendance), int64(e.OnlineDone), e.Result, e.Certificate, e.CompletedOn, now,
		e.JurisdictionID, e.ID, e.Version)
	if fault.Is(err, fault.NotFound) {
		return fault.New(fault.Conflict, "error.conflict")
	}
	e.Version++
	return err
}

// enrolmentIn reads an enrolment and its programme in tx and checks p may
// manage the programme.
func (s *TrainingService) enrolmentIn(ctx context.Context, tx *Tx, p *access.Principal, id string) (*training.Enrolment, *programmeRow, error) {
	if !ValidID(id) {
		return nil, nil, fault.New(fault.NotFound, "error.not_found")
	}
	e, err := scanEnrolment(tx.QueryRow(ctx, `SELECT `+enrolmentColumns+` FROM training_enrolments WHERE id = ?`, id))
	if err != nil {
		return nil, nil, err
	}
	pr, err := s.loadProgramme(ctx, tx.QueryRow, tx.Query, e.ProgrammeID)
	if err != nil {
		return nil, nil, err
	}
	if err := access.Check(p, access.TrainingManage, pr.orgPath); err != nil {
		return nil, nil, err
	}
	return e, pr, nil
}

// Enrolment implements training.Service.
func (s *TrainingService) Enrolment(ctx context.Context, id string) (*training.Enrolment, error) {
	if _, err := access.Require(ctx, access.TrainingRead); err != nil {
		return nil, err
	}
	if !ValidID(id) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	e, err := scanEnrolment(s.db.QueryRow(ctx, `SELECT `+enrolmentColumns+` FROM training_enrolments WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	if _, _, err := s.programmeIn(ctx, access.TrainingRead, e.ProgrammeID); err != nil {
		return nil, err
	}
	return e, nil
}

// Withdraw implements training.Service.
func (s *TrainingService) Withdraw(ctx context.Context, id string) error {
	p, err := access.Require(ctx, access.TrainingManage)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		e, pr, err := s.enrolmentIn(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := training.Withdraw(e); err != nil {
			return err
		}
		if err := s.putEnrolment(ctx, tx, e); err != nil {
			return err
		}
		return tx.Audit(ctx, trainingAudit(p, e.JurisdictionID, "training.withdraw", "training_enrolments", e.ID,
			map[string]any{"programme": pr.ID, "person": e.PersonID}))
	})
}

// Mark implements training.Service.
func (s *TrainingService) Mark(ctx context.Context, programmeID string, session int, marks map[string]training.Presence) error {
	p, err := access.Require(ctx, access.TrainingManage)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		pr, err := s.loadProgramme(ctx, tx.QueryRow, tx.Query, programmeID)
		if err != nil {
			return err
		}
		if err := access.Check(p, access.TrainingManage, pr.orgPath); err != nil {
			return err
		}
		counts := map[training.Presence]int{}
		for id, presence := range marks {
			e, err := scanEnrolment(tx.QueryRow(ctx, `SELECT `+enrolmentColumns+` FROM training_enrolments
				WHERE jurisdiction_id = ? AND id = ? AND programme_id = ?`, pr.JurisdictionID, id, pr.ID))
			if err != nil {
				return err
			}
			if err := training.Mark(&pr.Programme, e, session, presence); err != nil {
				return err
			}
			if err := s.putEnrolment(ctx, tx, e); err != nil {
				return err
			}
			counts[presence]++
		}
		return tx.Audit(ctx, trainingAudit(p, pr.JurisdictionID, "training.attendance", "training_programmes", pr.ID,
			map[string]any{"session": session + 1, "present": counts[training.Present], "leave": counts[training.Leave],
				"absent": counts[training.Absent]}))
	})
}

// Close implements training.Service: the enrolment is completed or failed
// and a completion's credit is written in the same transaction.
func (s *TrainingService) Close(ctx context.Context, id string, c training.Closing) (*training.Enrolment, error) {
	p, err := access.Require(ctx, access.TrainingManage)
	if err != nil {
		return nil, err
	}
	var out *training.Enrolment
	err = s.db.Write(ctx, func(tx *Tx) error {
		e, pr, err := s.enrolmentIn(ctx, tx, p, id)
		if err != nil {
			return err
		}
		credit, err := training.Close(&pr.Programme, e, c.OnlineDone, c.Result, c.Certificate, c.On, s.today())
		if err != nil {
			return err
		}
		if err := s.putEnrolment(ctx, tx, e); err != nil {
			return err
		}
		if e.Status == training.Completed {
			if err := insertCredit(ctx, tx, e.JurisdictionID, credit); err != nil {
				return err
			}
		}
		out = e
		return tx.Audit(ctx, trainingAudit(p, e.JurisdictionID, "training.close", "training_enrolments", e.ID,
			map[string]any{"programme": pr.ID, "person": e.PersonID, "status": e.Status, "hours": credit.Hours.String()}))
	})
	return out, err
}

// insertCredit writes a credit and, when it counts toward the quota, adds
// it to the person's tally of its year.
func insertCredit(ctx context.Context, tx *Tx, jurisdiction string, c training.Credit) error {
	themes, err := json.Marshal(themesOrEmpty(c.Themes))
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO training_credits (jurisdiction_id, id, person_id, earned_on, source, source_id, hours,
		online, days, counts, mode, themes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, jurisdiction, NewID(), c.PersonID, c.On,
		string(c.Source), c.SourceID, int64(c.Hours), int64(c.Online), c.Days, c.Counts, string(c.Mode), string(themes))
	if err != nil {
		return fmt.Errorf("insert credit: %w", err)
	}
	if !c.Counts {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO training_tallies (jurisdiction_id, person_id, year, hours, online, days) VALUES (?,?,?,?,?,?)
		ON CONFLICT (jurisdiction_id, person_id, year) DO UPDATE SET hours = training_tallies.hours + excluded.hours,
		online = training_tallies.online + excluded.online, days = training_tallies.days + excluded.days`,
		jurisdiction, c.PersonID, c.On.Year, int64(c.Hours), int64(c.Online), c.Days); err != nil {
		return fmt.Errorf("add credit to the tally: %w", err)
	}
	return nil
}

// Roster implements training.Service.
func (s *TrainingService) Roster(ctx context.Context, programmeID string) ([]training.Trainee, error) {
	_, pr, err := s.programmeIn(ctx, access.TrainingRead, programmeID)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT `+prefixed("e.", enrolmentColumns)+`, p.name, o.name, p.post_rank, COALESCE(c.hours, 0)
		FROM training_enrolments e
		JOIN people p ON p.jurisdiction_id = e.jurisdiction_id AND p.id = e.person_id
		JOIN orgs o ON o.jurisdiction_id = p.jurisdiction_id AND o.id = p.org_id
		LEFT JOIN training_credits c ON c.jurisdiction_id = e.jurisdiction_id AND c.source = 'programme' AND c.source_id = e.id
		WHERE e.jurisdiction_id = ? AND e.programme_id = ? ORDER BY p.name, e.id`, pr.JurisdictionID, pr.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []training.Trainee
	for rows.Next() {
		var t training.Trainee
		var credit int64
		e, err := scanEnrolment(rows, &t.Name, &t.OrgName, &t.Rank, &credit)
		if err != nil {
			return nil, err
		}
		t.Enrolment, t.Credit = *e, training.Hours(credit)
		out = append(out, t)
	}
	return out, rows.Err()
}
