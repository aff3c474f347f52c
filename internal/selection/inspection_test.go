package selection

import (
	"testing"

	"zugong/internal/civil"
)

func TestInspectionMissingPieces(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Inspection)
		want   map[string]string
	}{
		{"a complete inspection passes", func(*Inspection) {}, nil},
		{"no notice date", func(in *Inspection) { in.NoticeDate = civil.Date{} },
			map[string]string{"notice_date": "field.required"}},
		{"a notice after the inspection", func(in *Inspection) { in.NoticeDate = d("2025-04-02") },
			map[string]string{"notice_date": "selection.notice_after_inspection"}},
		{"nobody inspected", func(in *Inspection) { in.Subjects = nil },
			map[string]string{"subjects": "field.required"}},
		{"a person not recommended", func(in *Inspection) { in.Subjects[1].PersonID = "p9" },
			map[string]string{"subjects.1.person_id": "selection.not_nominated"}},
		{"a person inspected twice", func(in *Inspection) { in.Subjects[1].PersonID = "p1" },
			map[string]string{"subjects.1.person_id": "selection.duplicate_candidate"}},
		{"no findings", func(in *Inspection) { in.Subjects[0].Findings = "" },
			map[string]string{"subjects.0.findings": "field.required"}},
		{"no dossier audit", func(in *Inspection) { in.Subjects[0].Dossier.AuditedOn = civil.Date{} },
			map[string]string{"subjects.0.dossier.audited_on": "field.required"}},
		{"a dossier finding without its rule", func(in *Inspection) {
			in.Subjects[0].Dossier.Findings = []DossierFinding{{Resolved: true}}
		}, map[string]string{"subjects.0.dossier.findings.0.rule": "field.required"}},
		{"personal matters not checked", func(in *Inspection) { in.Subjects[0].PersonalMattersChecked = false },
			map[string]string{"subjects.0.personal_matters_checked": "selection.personal_matters_unchecked"}},
		{"no discipline opinion", func(in *Inspection) { in.Subjects[0].DisciplineOpinion = "" },
			map[string]string{"subjects.0.discipline_opinion": "field.required"}},
		{"integrity conclusion unsigned", func(in *Inspection) {
			in.Subjects[0].IntegritySigned, in.Subjects[0].IntegritySigner = false, ""
		}, map[string]string{
			"subjects.0.integrity_signed": "selection.integrity_unsigned",
			"subjects.0.integrity_signer": "field.required",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := stepAt(StageInspection).(Inspection)
			tt.change(&in)
			wantFields(t, upTo(t, StageRecommendation).Apply(in, calendar(t)), tt.want)
		})
	}
}

func TestInspectionDossierFindings(t *testing.T) {
	tests := []struct {
		name     string
		findings []DossierFinding
		blocked  int
	}{
		{"no findings pass", nil, 0},
		{"resolved findings pass", []DossierFinding{{Rule: "resume_gap", Resolved: true, Note: "补充了证明材料"}}, 0},
		{"an unresolved finding blocks", []DossierFinding{
			{Rule: "resume_gap", Resolved: true}, {Rule: "party_before_18"},
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := stepAt(StageInspection).(Inspection)
			in.Subjects[1].Dossier.Findings = tt.findings
			err := upTo(t, StageRecommendation).Apply(in, calendar(t))
			if tt.blocked == 0 {
				wantFields(t, err, nil)
				return
			}
			wantConflict(t, err, "selection.dossier_unresolved", "p2", tt.blocked)
		})
	}
}

func TestDeliberationNeedsConsultation(t *testing.T) {
	dl := stepAt(StageDeliberation).(Deliberation)
	dl.Consultation = ""
	wantFields(t, upTo(t, StageInspection).Apply(dl, calendar(t)),
		map[string]string{"consultation": "field.required"})
}
