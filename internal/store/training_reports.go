package store

import (
	"context"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/training"
)

const reportColumns = `jurisdiction_id, id, person_id, kind, title, provider, start_on, end_on, hours, days, evidence, counts, status,
	unit_reviewer, unit_reviewed_on, dept_reviewer, dept_reviewed_on, reject_reason, version`

func scanReport(s scanner, extra ...any) (*training.SelfReport, error) {
	var r training.SelfReport
	var kind, status string
	var hours int64
	dest := append([]any{&r.JurisdictionID, &r.ID, &r.PersonID, &kind, &r.Title, &r.Provider, &r.Start, &r.End, &hours, &r.Days,
		&r.Evidence, &r.CountsTowardQuota, &status, &r.UnitReviewer, &r.UnitReviewedOn, &r.DeptReviewer, &r.DeptReviewedOn,
		&r.RejectReason, &r.Version}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, normalize(err)
	}
	r.Kind, r.Status, r.Hours = training.ReportKind(kind), training.ReportStatus(status), training.Hours(hours)
	return &r, nil
}

// SubmitReport implements training.Service: a self-report entered for a
// cadre in scope, awaiting the unit's review.
func (s *TrainingService) SubmitReport(ctx context.Context, in *training.SelfReport) (*training.SelfReport, error) {
	p, err := access.Require(ctx, access.TrainingManage)
	if err != nil {
		return nil, err
	}
	r := *in
	r.Status, r.UnitReviewer, r.DeptReviewer, r.RejectReason = training.Submitted, "", "", ""
	if err := r.Validate(s.today()); err != nil {
		return nil, err
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		t, err := s.trainee(ctx, tx, p, r.PersonID, "")
		if err != nil {
			return err
		}
		if err := access.Check(p, access.TrainingManage, t.path); err != nil {
			return err
		}
		r.JurisdictionID, r.ID, r.Version = t.jurisdiction, NewID(), 1
		now := tx.Now().UnixMicro()
		if _, err := tx.Exec(ctx, `INSERT INTO training_reports (`+reportColumns+`, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, r.JurisdictionID, r.ID, r.PersonID, string(r.Kind), r.Title,
			r.Provider, r.Start, r.End, int64(r.Hours), r.Days, r.Evidence, r.CountsTowardQuota, string(r.Status), "", "", "", "", "",
			r.Version, now, now); err != nil {
			return err
		}
		return tx.Audit(ctx, trainingAudit(p, t.jurisdiction, "training.report.submit", "training_reports", r.ID,
			map[string]any{"person": r.PersonID, "title": r.Title, "hours": r.Hours.String()}))
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// ReviewReport implements training.Service. The unit's review needs
// training.review.unit, the department's training.review.dept, both over the
// person's organisation; the two levels must be different people.
func (s *TrainingService) ReviewReport(ctx context.Context, id string, dept bool, rv training.Review) error {
	perm := access.TrainingUnitReview
	if dept {
		perm = access.TrainingDeptReview
	}
	p, err := access.Require(ctx, perm)
	if err != nil {
		return err
	}
	if !ValidID(id) {
		return fault.New(fault.NotFound, "error.not_found")
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		var path, unitReviewerID string
		r, err := scanReport(tx.QueryRow(ctx, `SELECT `+prefixed("r.", reportColumns)+`, p.org_path, r.unit_reviewer_id
			FROM training_reports r JOIN people p ON p.jurisdiction_id = r.jurisdiction_id AND p.id = r.person_id
			WHERE r.id = ?`, id), &path, &unitReviewerID)
		if err != nil {
			return err
		}
		if err := access.Check(p, perm, path); err != nil {
			return err
		}
		if rv.Reviewer == "" {
			rv.Reviewer = p.Name
		}
		if rv.Reviewer == "" {
			rv.Reviewer = p.Login
		}
		var credit training.Credit
		if dept {
			if unitReviewerID == p.UserID && !p.Operator {
				return fault.New(fault.Conflict, "training.same_reviewer")
			}
			credit, err = training.ReviewByDepartment(r, rv)
		} else {
			err = training.ReviewByUnit(r, rv)
			unitReviewerID = p.UserID
		}
		if err != nil {
			return err
		}
		if err := tx.ExecOne(ctx, `UPDATE training_reports SET status = ?, counts = ?, unit_reviewer = ?, unit_reviewer_id = ?,
			unit_reviewed_on = ?, dept_reviewer = ?, dept_reviewed_on = ?, reject_reason = ?, version = version + 1, updated_at = ?
			WHERE jurisdiction_id = ? AND id = ? AND version = ?`, string(r.Status), r.CountsTowardQuota, r.UnitReviewer,
			unitReviewerID, r.UnitReviewedOn, r.DeptReviewer, r.DeptReviewedOn, r.RejectReason, tx.Now().UnixMicro(),
			r.JurisdictionID, r.ID, r.Version); err != nil {
			return err
		}
		if r.Status == training.Approved {
			if err := insertCredit(ctx, tx, r.JurisdictionID, credit); err != nil {
				return err
			}
		}
		level := "unit"
		if dept {
			level = "department"
		}
		return tx.Audit(ctx, trainingAudit(p, r.JurisdictionID, "training.report.review", "training_reports", r.ID,
			map[string]any{"level": level, "status": r.Status, "person": r.PersonID}))
	})
}

// Report implements training.Service.
func (s *TrainingService) Report(ctx context.Context, id string) (*training.SelfReport, error) {
	p, err := access.Require(ctx, access.TrainingRead)
	if err != nil {
		return nil, err
	}
	if !ValidID(id) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	var path string
	r, err := scanReport(s.db.QueryRow(ctx, `SELECT `+prefixed("r.", reportColumns)+`, p.org_path
		FROM training_reports r JOIN people p ON p.jurisdiction_id = r.jurisdiction_id AND p.id = r.person_id
		WHERE r.id = ?`, id), &path)
	if err != nil {
		return nil, err
	}
	if err := access.Check(p, access.TrainingRead, path); err != nil {
		return nil, err
	}
	return r, nil
}

// ListReports implements training.Service.
func (s *TrainingService) ListReports(ctx context.Context, f training.ReportFilter) ([]training.ListedReport, error) {
	p, err := access.Require(ctx, access.TrainingRead)
	if err != nil {
		return nil, err
	}
	scopes, err := s.scopes(ctx, p, access.TrainingRead, f.Under)
	if err != nil {
		return nil, err
	}
	where, args := scopeCondition("p.org_path", scopes)
	conds := []string{where}
	if f.Status != "" {
		conds = append(conds, "r.status = ?")
		args = append(args, string(f.Status))
	}
	if f.PersonID != "" {
		conds = append(conds, "r.person_id = ?")
		args = append(args, f.PersonID)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	args = append(args, limit, max(f.Offset, 0))
	rows, err := s.db.Query(ctx, `SELECT `+prefixed("r.", reportColumns)+`, p.name, o.name
		FROM training_reports r JOIN people p ON p.jurisdiction_id = r.jurisdiction_id AND p.id = r.person_id
		JOIN orgs o ON o.jurisdiction_id = p.jurisdiction_id AND o.id = p.org_id
		WHERE `+strings.Join(conds, " AND ")+` ORDER BY r.end_on DESC, r.id LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []training.ListedReport
	for rows.Next() {
		var l training.ListedReport
		r, err := scanReport(rows, &l.Name, &l.OrgName)
		if err != nil {
			return nil, err
		}
		l.SelfReport = *r
		out = append(out, l)
	}
	return out, rows.Err()
}

// PersonTraining implements training.Service.
func (s *TrainingService) PersonTraining(ctx context.Context, personID string, year int) (*training.PersonRecord, error) {
	p, err := access.Require(ctx, access.TrainingRead)
	if err != nil {
		return nil, err
	}
	if !ValidID(personID) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	var j, path, rank string
	if err := s.db.QueryRow(ctx, `SELECT jurisdiction_id, org_path, post_rank FROM people WHERE id = ?`, personID).Scan(&j, &path, &rank); err != nil {
		return nil, normalize(err)
	}
	if err := access.Check(p, access.TrainingRead, path); err != nil {
		return nil, err
	}
	today := s.today()
	if year == 0 {
		year = today.Year
	}
	rec := &training.PersonRecord{Year: year}
	rows, err := s.db.Query(ctx, `SELECT `+prefixed("e.", enrolmentColumns)+`, t.title, t.start_on, t.end_on, t.mode, COALESCE(c.hours, 0)
		FROM training_enrolments e JOIN training_programmes t ON t.jurisdiction_id = e.jurisdiction_id AND t.id = e.programme_id
		LEFT JOIN training_credits c ON c.jurisdiction_id = e.jurisdiction_id AND c.source = 'programme' AND c.source_id = e.id
		WHERE e.jurisdiction_id = ? AND e.person_id = ? ORDER BY t.start_on DESC, e.id`, j, personID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var pe training.PersonEnrolment
		var mode string
		var credit int64
		e, err := scanEnrolment(rows, &pe.Title, &pe.Start, &pe.End, &mode, &credit)
		if err != nil {
			rows.Close()
			return nil, err
		}
		pe.Enrolment, pe.Mode, pe.Credit = *e, training.Mode(mode), training.Hours(credit)
		rec.Enrolments = append(rec.Enrolments, pe)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	reports, err := s.db.Query(ctx, `SELECT `+reportColumns+` FROM training_reports WHERE jurisdiction_id = ? AND person_id = ?
		ORDER BY end_on DESC, id`, j, personID)
	if err != nil {
		return nil, err
	}
	for reports.Next() {
		r, err := scanReport(reports)
		if err != nil {
			reports.Close()
			return nil, err
		}
		rec.Reports = append(rec.Reports, *r)
	}
	reports.Close()
	if err := reports.Err(); err != nil {
		return nil, err
	}
	rec.Compliance, err = s.assessOne(ctx, j, personID, rank, year, today)
	return rec, err
}

// assessOne assesses one person from their credits.
func (s *TrainingService) assessOne(ctx context.Context, jurisdiction, personID, rank string, year int, today civil.Date) (training.Compliance, error) {
	policies, err := s.policies(ctx)
	if err != nil {
		return training.Compliance{}, err
	}
	policy, ok := policies[jurisdiction]
	if !ok {
		policy = training.DefaultPolicy()
	}
	subject := training.Subject{PersonID: personID, Rank: rank}
	var since string
	if training.LevelOf(rank) == training.LevelCounty {
		if err := s.db.QueryRow(ctx, `SELECT COALESCE(MIN(appointed_on), '') FROM cadre_posts WHERE jurisdiction_id = ? AND person_id = ?
			AND appointed_on <> '' AND post_rank IN (`+placeholders(len(training.CountyRanks))+`)`,
			append([]any{jurisdiction, personID}, stringsAsAny(training.CountyRanks)...)...).Scan(&since); err != nil {
			return training.Compliance{}, err
		}
		if subject.CountySince, err = civil.Parse(since); err != nil {
			return training.Compliance{}, err
		}
	}
	rows, err := s.db.Query(ctx, `SELECT earned_on, hours, online, days, counts FROM training_credits
		WHERE jurisdiction_id = ? AND person_id = ?`, jurisdiction, personID)
	if err != nil {
		return training.Compliance{}, err
	}
	defer rows.Close()
	var t training.Tally
	for rows.Next() {
		var c training.Credit
		var h, o int64
		if err := rows.Scan(&c.On, &h, &o, &c.Days, &c.Counts); err != nil {
			return training.Compliance{}, err
		}
		c.Hours, c.Online = training.Hours(h), training.Hours(o)
		t.AddCredit(c, today)
	}
	if err := rows.Err(); err != nil {
		return training.Compliance{}, err
	}
	return policy.Assess(subject, t, year, today), nil
}

func stringsAsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
