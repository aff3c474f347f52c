package demo_test

import (
	"fmt"
	"reflect"
	"testing"

	"zugong/internal/appraisal"
	"zugong/internal/demo"
)

func TestGenerateAppraisal(t *testing.T) {
	cadres := make([]demo.AppraisalCadre, 300)
	for i := range cadres {
		cadres[i] = demo.AppraisalCadre{PersonID: fmt.Sprintf("p%03d", i), Rank: []string{"正科级", "副科级", "一级科员"}[i%3]}
	}
	a, b := demo.GenerateAppraisal(cadres, 7), demo.GenerateAppraisal(cadres, 7)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same cadres and seed gave two different appraisals")
	}
	if len(a.Members) != len(cadres) {
		t.Fatalf("got %d members, want %d", len(a.Members), len(cadres))
	}
	// The store assigns the scheme's ID; with one the scheme is valid.
	sc := a.Scheme
	sc.ID = "s"
	if err := sc.Validate(); err != nil {
		t.Fatalf("the demo scheme is invalid: %v", err)
	}
	unsigned := 0
	for i, e := range a.Evidence {
		e.ID = fmt.Sprintf("e%d", i)
		if err := e.Validate(); err != nil {
			t.Fatalf("record %d is invalid: %v", i, err)
		}
		if !e.Counts() {
			unsigned++
		}
	}
	if unsigned == 0 || unsigned*4 > len(a.Evidence) {
		t.Errorf("%d of %d records unsigned, want about one in ten", unsigned, len(a.Evidence))
	}
	groups := map[string]int{}
	for _, m := range a.Members {
		groups[m.Group]++
	}
	if len(groups) != 3 {
		t.Errorf("got groups %v, want the three rank groups", groups)
	}
	subjects := make([]appraisal.Subject, 0, len(cadres))
	byPerson := map[string][]appraisal.Evidence{}
	for i, e := range a.Evidence {
		e.ID = fmt.Sprintf("e%d", i)
		byPerson[e.PersonID] = append(byPerson[e.PersonID], e)
	}
	for _, c := range cadres {
		sub, err := sc.Measure(c.PersonID, byPerson[c.PersonID])
		if err != nil {
			t.Fatal(err)
		}
		subjects = append(subjects, sub)
	}
	rk, err := sc.ScoreGroup(subjects)
	if err != nil {
		t.Fatal(err)
	}
	if rk.Results[0].Total == rk.Results[len(rk.Results)-1].Total {
		t.Error("every cadre scored the same: the demo evidence does not tell them apart")
	}
}
