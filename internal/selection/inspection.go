package selection

import (
	"fmt"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// Inspection is the 考察 of one or more recommended candidates, announced
// in advance; it must be complete for every person inspected.
type Inspection struct {
	Record
	// NoticeDate is the day the inspection was announced (考察预告), on or
	// before the inspection's date.
	NoticeDate civil.Date
	Subjects   []Subject
}

// Subject is one person inspected (考察对象) and what was found.
type Subject struct {
	PersonID string
	// Findings is the inspection's written findings (考察材料): interviews,
	// democratic assessment, record of work.
	Findings string
	// Dossier is the special audit of the personnel dossier (档案审核).
	Dossier DossierAudit
	// PersonalMattersChecked records that the personal-matters report was
	// checked (个人有关事项报告查核).
	PersonalMattersChecked bool
	// DisciplineOpinion is the discipline inspection body's opinion
	// (纪检监察机关意见).
	DisciplineOpinion string
	// IntegritySigned records that the integrity conclusion (廉洁自律结论性
	// 意见) was signed, and IntegritySigner by whom.
	IntegritySigned bool
	IntegritySigner string
}

// DossierAudit is the result of the registry's data-quality check of the
// person's record, and how each finding was dealt with.
type DossierAudit struct {
	AuditedOn civil.Date
	Findings  []DossierFinding
}

// DossierFinding is one data-quality finding of the audit.
type DossierFinding struct {
	// Rule is the ID of the registry check that found it (quality rules).
	Rule string
	// Resolved records that the record was corrected or the finding
	// explained; Note says how.
	Resolved bool
	Note     string
}

// Stage returns StageInspection.
func (Inspection) Stage() Stage { return StageInspection }

// Unresolved counts the findings not yet resolved.
func (a DossierAudit) Unresolved() int {
	n := 0
	for _, f := range a.Findings {
		if !f.Resolved {
			n++
		}
	}
	return n
}

// applyInspection requires every piece of the inspection for every person
// inspected (fault.Fields), a recommendation still valid on the inspection's
// date, and no unresolved dossier finding: fault.Conflict
// "selection.dossier_unresolved" with the person and the number unresolved.
func (s *Selection) applyInspection(in Inspection, f fault.Fields) error {
	if requiredDate(&f, "notice_date", in.NoticeDate) && in.NoticeDate.After(in.Date) {
		f.Add("notice_date", "selection.notice_after_inspection")
	}
	if len(in.Subjects) == 0 {
		f.Add("subjects", "field.required")
	}
	seen := map[string]bool{}
	for i, sub := range in.Subjects {
		s.checkSubject(&f, fmt.Sprintf("subjects.%d.", i), sub, seen)
	}
	if err := f.Err(); err != nil {
		return err
	}
	if err := s.checkFresh(in.Date); err != nil {
		return err
	}
	for _, sub := range in.Subjects {
		if n := sub.Dossier.Unresolved(); n > 0 {
			return fault.New(fault.Conflict, "selection.dossier_unresolved", sub.PersonID, n)
		}
	}
	s.Inspection = &in
	return nil
}

func (s *Selection) checkSubject(f *fault.Fields, field string, sub Subject, seen map[string]bool) {
	if required(f, field+"person_id", sub.PersonID) {
		switch {
		case seen[sub.PersonID]:
			f.Add(field+"person_id", "selection.duplicate_candidate")
		case !s.nominated(sub.PersonID):
			f.Add(field+"person_id", "selection.not_nominated")
		}
		seen[sub.PersonID] = true
	}
	required(f, field+"findings", sub.Findings)
	requiredDate(f, field+"dossier.audited_on", sub.Dossier.AuditedOn)
	for j, df := range sub.Dossier.Findings {
		required(f, fmt.Sprintf("%sdossier.findings.%d.rule", field, j), df.Rule)
	}
	if !sub.PersonalMattersChecked {
		f.Add(field+"personal_matters_checked", "selection.personal_matters_unchecked")
	}
	required(f, field+"discipline_opinion", sub.DisciplineOpinion)
	if !sub.IntegritySigned {
		f.Add(field+"integrity_signed", "selection.integrity_unsigned")
	}
	required(f, field+"integrity_signer", sub.IntegritySigner)
}

// inspected reports whether id was inspected.
func (s *Selection) inspected(id string) bool {
	for _, sub := range s.Inspection.Subjects {
		if sub.PersonID == id {
			return true
		}
	}
	return false
}
