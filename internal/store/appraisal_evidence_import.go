package store

import (
	"context"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// evidenceLookupBatch is how many ID-number hashes one look-up query asks
// for.
const evidenceLookupBatch = 500

// ImportEvidence enters imported evidence records, each for the cadre its
// row names by ID number, and returns how many it wrote. The whole import
// is one transaction: any problem means nothing is written, and the error's
// fields name each one as "rows.N.field", N counting rows from 0. A person
// who is not registered and one outside the principal's AppraisalManage
// scope are the same problem ("not found"), so an import reveals nothing
// beyond the scope; a name that is not the registered one is refused.
// Imported records are unsigned, as entered ones are: each still needs
// another user's sign-off. One "appraisal.evidence.import" event per
// jurisdiction records the count.
func (s *AppraisalService) ImportEvidence(ctx context.Context, rows []appraisal.ImportRow) (int, error) {
	p, err := access.Require(ctx, access.AppraisalManage)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, nil
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		found, err := s.importees(ctx, tx, p, rows)
		if err != nil {
			return err
		}
		records, jurs, bad := importedEvidence(rows, found)
		if err := bad.Err(); err != nil {
			return err
		}
		now := tx.Now().UnixMicro()
		counts := map[string]int{}
		var order []string
		for i := range records {
			e, jur := &records[i], jurs[i]
			if _, err := tx.Exec(ctx, `INSERT INTO appraisal_evidence (jurisdiction_id, id, person_id, kind, class, on_date, amount,
				in_place, progress, completed, score, document_no, attachment, entered_by, created_at)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
				jur, e.ID, e.PersonID, string(e.Kind), e.Class, e.Date, int64(e.Amount), int64(e.InPlace), int64(e.Progress),
				e.Completed, int64(e.Score), e.DocumentNo, e.Attachment, p.UserID, now); err != nil {
				return fmt.Errorf("import evidence row %d: %w", i, err)
			}
			if counts[jur] == 0 {
				order = append(order, jur)
			}
			counts[jur]++
		}
		for _, jur := range order {
			if err := tx.Audit(ctx, appraisalAudit(p, jur, "appraisal.evidence.import", "appraisal_evidence", "",
				map[string]any{"count": counts[jur]})); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// importee is a registered person an import row may name.
type importee struct {
	id, jurisdiction, name string
}

// importees finds the people the rows name by the hashes of their ID
// numbers, and returns those within the principal's scope by normalised ID
// number.
func (s *AppraisalService) importees(ctx context.Context, tx *Tx, p *access.Principal, rows []appraisal.ImportRow) (map[string]importee, error) {
	out := map[string]importee{}
	var hashes []any
	byHash := map[string]string{}
	for _, r := range rows {
		id := person.NormalizeIDNumber(strings.TrimSpace(r.IDNumber))
		if id == "" {
			continue
		}
		h := idNumberHash(s.db.vault, id)
		if _, seen := byHash[h]; !seen {
			byHash[h] = id
			hashes = append(hashes, h)
		}
	}
	for start := 0; start < len(hashes); start += evidenceLookupBatch {
		chunk := hashes[start:min(start+evidenceLookupBatch, len(hashes))]
		q, err := tx.Query(ctx, `SELECT id, jurisdiction_id, org_path, name, id_number_hash FROM people
			WHERE id_number_hash IN (`+placeholders(len(chunk))+`)`, chunk...)
		if err != nil {
			return nil, fmt.Errorf("find imported people: %w", err)
		}
		for q.Next() {
			var in importee
			var path, hash string
			if err := q.Scan(&in.id, &in.jurisdiction, &path, &in.name, &hash); err != nil {
				q.Close()
				return nil, err
			}
			if access.Check(p, access.AppraisalManage, path) == nil {
				out[byHash[hash]] = in
			}
		}
		q.Close()
		if err := q.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// importedEvidence turns the rows into records for the people found, with
// each record's jurisdiction, and collects every row's problems.
func importedEvidence(rows []appraisal.ImportRow, found map[string]importee) ([]appraisal.Evidence, []string, fault.Fields) {
	var bad fault.Fields
	records := make([]appraisal.Evidence, len(rows))
	jurs := make([]string, len(rows))
	for i, r := range rows {
		e := r.Evidence
		e.ID, e.SignOff = NewID(), appraisal.SignOff{}
		e.DocumentNo, e.Attachment = strings.TrimSpace(e.DocumentNo), strings.TrimSpace(e.Attachment)
		in, ok := importee{}, false
		if id := person.NormalizeIDNumber(strings.TrimSpace(r.IDNumber)); id != "" {
			in, ok = found[id]
		}
		switch {
		case !ok:
			bad.Add(fault.RowField(i, "id_number"), "appraisal.import.person_unknown")
		case strings.TrimSpace(r.Name) != in.name:
			bad.Add(fault.RowField(i, "name"), "appraisal.import.name_mismatch", in.name)
		}
		e.PersonID = in.id
		if ok {
			if fe, isFault := fault.As(e.Validate()); isFault {
				for field, p := range fe.Fields {
					bad.Add(fault.RowField(i, field), p.Key, p.Args...)
				}
			}
		}
		records[i], jurs[i] = e, in.jurisdiction
	}
	return records, jurs, bad
}
