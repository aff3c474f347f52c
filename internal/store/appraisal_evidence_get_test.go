package store_test

import (
	"testing"

	"zugong/internal/appraisal"
	"zugong/internal/fault"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

func TestAppraisalEvidenceRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, _ := buildTree(t, db)
		s := db.Appraisal()
		clerk, reviewer := staffAs("clerk", tr.county), staffAs("reviewer", tr.county)
		li := cadre(t, clerk, db, tr.villageB, "李四", "19810101", "013", "副科级")
		in := record(li, appraisal.KindDeal, "2025-04-01")
		in.Amount, in.InPlace = 1250_50, 300_00
		added, err := s.AddEvidence(clerk, &in)
		if err != nil {
			t.Fatal(err)
		}

		got, err := s.Evidence(staffAs("town-b-staff", tr.townB), added.ID)
		if err != nil {
			t.Fatalf("reading a record in scope: %v", err)
		}
		if got.PersonID != li || got.Kind != appraisal.KindDeal || got.Amount != 1250_50 || got.InPlace != 300_00 ||
			got.DocumentNo != in.DocumentNo || got.SignOff.Done() {
			t.Errorf("record as read: got %+v, want the deal as entered, not signed off", got)
		}
		if _, err := s.SignEvidence(reviewer, added.ID, date("2025-04-03")); err != nil {
			t.Fatal(err)
		}
		if got, err = s.Evidence(organiserOf(tr.townB), added.ID); err != nil || got.SignOff.Reviewer != "reviewer" ||
			got.SignOff.On != date("2025-04-03") {
			t.Errorf("record after sign-off: got %+v, %v; want signed by reviewer on 2025-04-03", got, err)
		}

		for name, id := range map[string]string{"out of scope": added.ID, "unknown": store.NewID(), "malformed": "x'--"} {
			if _, err := s.Evidence(staffAs("town-a-staff", tr.townA), id); !fault.Is(err, fault.NotFound) {
				t.Errorf("%s record: got %v, want not found", name, err)
			}
		}
	})
}
