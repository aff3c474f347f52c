package store_test

import (
	"testing"

	"zugong/internal/appraisal"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

// importRow is an imported case-closed record for the person with the
// given ID number and name.
func importRow(id, name, day, doc string) appraisal.ImportRow {
	return appraisal.ImportRow{IDNumber: id, Name: name,
		Evidence: appraisal.Evidence{Kind: appraisal.KindCaseClosed, Date: date(day), DocumentNo: doc}}
}

func TestImportEvidenceWritesUnsignedRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, _ := buildTree(t, db)
		s := db.Appraisal()
		clerk, reviewer := staffAs("clerk", tr.county), staffAs("reviewer", tr.county)
		zhang := cadre(t, clerk, db, tr.villageA, "张三", "19800101", "011", "副科级")
		li := cadre(t, clerk, db, tr.villageB, "李四", "19810101", "013", "副科级")
		assessment := importRow(idNumber("411724", "19810101", "013"), "李四", "2025-12-20", "")
		assessment.Evidence.Kind, assessment.Evidence.Class, assessment.Evidence.Score = appraisal.KindAssessment, "de", 9235
		assessment.Evidence.Attachment = "测评表扫描件-7"
		rows := []appraisal.ImportRow{
			importRow(idNumber("411724", "19800101", "011"), "张三", "2025-04-01", "正考〔2025〕21号"),
			importRow(idNumber("411724", "19800101", "011"), " 张三 ", "2025-05-01", "正考〔2025〕22号"),
			assessment,
		}
		n, err := s.ImportEvidence(clerk, rows)
		if err != nil || n != 3 {
			t.Fatalf("import: got %d, %v; want 3 records", n, err)
		}
		got, err := s.PersonEvidence(reviewer, zhang)
		if err != nil || len(got) != 2 {
			t.Fatalf("张三's evidence: got %d, %v; want 2", len(got), err)
		}
		for _, e := range got {
			if e.Counts() || e.SignOff.Reviewer != "" || e.PersonID != zhang {
				t.Errorf("imported record %s: signed %v by %q for %s, want unsigned for 张三", e.DocumentNo, e.Counts(), e.SignOff.Reviewer, e.PersonID)
			}
		}
		lis, err := s.PersonEvidence(reviewer, li)
		if err != nil || len(lis) != 1 {
			t.Fatalf("李四's evidence: got %d, %v; want 1", len(lis), err)
		}
		if e := lis[0]; e.Kind != appraisal.KindAssessment || e.Class != "de" || e.Score != 9235 || e.Attachment != "测评表扫描件-7" {
			t.Errorf("the assessment result: got %+v", e)
		}
		if ev := events(t, db, "appraisal.evidence.import"); len(ev) != 1 || ev[0].Detail != `{"count":3}` || ev[0].ActorID != "clerk" {
			t.Errorf("audit: got %+v, want one import event of 3 records by the clerk", ev)
		}

		// The importer may not sign off their own records; another user may.
		if _, err := s.SignEvidence(clerk, got[0].ID, date("2025-06-01")); err == nil {
			t.Error("the importer signed off their own imported record")
		}
		if _, err := s.SignEvidence(reviewer, got[0].ID, date("2025-06-01")); err != nil {
			t.Errorf("a reviewer's sign-off of an imported record: %v", err)
		}
	})
}

func TestImportEvidenceAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, _ := buildTree(t, db)
		s := db.Appraisal()
		clerk := staffAs("clerk", tr.county)
		cadre(t, clerk, db, tr.villageA, "张三", "19800101", "011", "副科级")
		cadre(t, clerk, db, tr.villageB, "李四", "19810101", "013", "副科级")
		zhangID, liID := idNumber("411724", "19800101", "011"), idNumber("411724", "19810101", "013")
		townClerk := staffAs("town-clerk", tr.townA) // sees 张三 in 张庄村, not 李四 in 李寨村

		for _, c := range []struct {
			name string
			rows []appraisal.ImportRow
			want map[string]string
		}{
			{"a person outside the scope", []appraisal.ImportRow{
				importRow(zhangID, "张三", "2025-04-01", "正考〔2025〕21号"),
				importRow(liID, "李四", "2025-04-01", "正考〔2025〕22号"),
			}, map[string]string{"rows.1.id_number": "appraisal.import.person_unknown"}},
			{"an unknown ID number", []appraisal.ImportRow{
				importRow(zhangID, "张三", "2025-04-01", "正考〔2025〕21号"),
				importRow(idNumber("411724", "19900101", "017"), "赵六", "2025-04-01", "正考〔2025〕23号"),
			}, map[string]string{"rows.1.id_number": "appraisal.import.person_unknown"}},
			{"a name that is not the registered one", []appraisal.ImportRow{
				importRow(zhangID, "张山", "2025-04-01", "正考〔2025〕21号"),
			}, map[string]string{"rows.0.name": "appraisal.import.name_mismatch"}},
			{"a record without proof", []appraisal.ImportRow{
				importRow(zhangID, "张三", "2025-04-01", "正考〔2025〕21号"),
				importRow(zhangID, "张三", "2025-04-02", ""),
			}, map[string]string{"rows.1.document_no": "appraisal.evidence.proof_required"}},
		} {
			_, err := s.ImportEvidence(townClerk, c.rows)
			wantFields(t, c.name, err, c.want)
			if n := count(t, db, "appraisal_evidence"); n != 0 {
				t.Fatalf("%s: %d records written, want none", c.name, n)
			}
		}
		if ev := events(t, db, "appraisal.evidence.import"); len(ev) != 0 {
			t.Errorf("audit: got %d import events for failed imports, want none", len(ev))
		}
		if _, err := s.ImportEvidence(organiserOf(tr.townA), []appraisal.ImportRow{importRow(zhangID, "张三", "2025-04-01", "x")}); err == nil {
			t.Error("an organiser, who may only read appraisals, imported evidence")
		}
	})
}
