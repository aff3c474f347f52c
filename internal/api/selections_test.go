package api_test

import (
	"context"
	"net/http"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/selection"
)

type selectionJSON struct {
	ID    string `json:"id"`
	Post  string `json:"post"`
	Stage string `json:"stage"`
	Steps []struct {
		Stage      string `json:"stage"`
		RecordedBy string `json:"recorded_by"`
		Reference  string `json:"reference"`
	} `json:"steps"`
}

func TestSelectionsAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		op := access.With(context.Background(), access.Operator("test"))
		sel, err := env.App.Selections.Open(op, env.Tree.TownA.ID, "真阳镇镇长", selection.Motion{
			Record:   selection.Record{Date: civil.MustParse("2025-03-03"), Organ: env.Tree.County.ID, Reference: "正组〔2025〕2号"},
			WorkPlan: "选任方案", Posts: 1, Approved: 2, Occupied: 1})
		if err != nil {
			t.Fatal(err)
		}
		staff := newClient(t, env, access.CountyStaff)

		var list struct {
			Items []selectionJSON `json:"items"`
		}
		staff.json("GET", "/api/v1/selections?stage=motion", nil, http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].ID != sel.ID || list.Items[0].Stage != "motion" {
			t.Fatalf("selections at the motion: got %+v, want the one opened", list.Items)
		}
		staff.fail("GET", "/api/v1/selections?stage=elect", nil, http.StatusUnprocessableEntity, "invalid")

		e := staff.fail("POST", "/api/v1/selections/"+sel.ID+"/steps", map[string]any{"stage": "decision", "date": "2025-09-25",
			"organ": env.Tree.County.ID, "reference": "x", "due": 9, "present": 7}, http.StatusConflict, "conflict")
		if e.Error.Message == "" {
			t.Error("the refusal has no message")
		}
		staff.fail("POST", "/api/v1/selections/"+sel.ID+"/steps", map[string]any{"stage": "recommendation", "date": "2025-03-10",
			"organ": env.Tree.County.ID, "reference": "x", "participants": 0}, http.StatusUnprocessableEntity, "invalid")

		var got selectionJSON
		staff.json("GET", "/api/v1/selections/"+sel.ID, nil, http.StatusOK, &got)
		if got.Stage != "motion" || len(got.Steps) != 1 || got.Steps[0].RecordedBy != "operator:test" || got.Steps[0].Reference != "正组〔2025〕2号" {
			t.Errorf("selection after refusals: got %+v, want only the motion", got)
		}
		newClient(t, env, access.Leader).fail("POST", "/api/v1/selections/"+sel.ID+"/steps", map[string]any{"stage": "recommendation"},
			http.StatusForbidden, "forbidden")
		newClient(t, env, access.TownshipOrganiser).fail("GET", "/api/v1/selections/"+sel.ID, nil, http.StatusForbidden, "forbidden")
	})
}

func TestCalendarAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := newClient(t, env, access.Leader)
		var year struct {
			Year     int  `json:"year"`
			Uploaded bool `json:"uploaded"`
			Days     []struct {
				Date, Kind, Name string
			} `json:"days"`
		}
		c.json("GET", "/api/v1/calendar/2025", nil, http.StatusOK, &year)
		found := false
		for _, d := range year.Days {
			if d.Date == "2025-09-28" {
				found = d.Kind == "workday"
			}
		}
		if year.Year != 2025 || year.Uploaded || !found {
			t.Errorf("2025: got year %d, uploaded %v, make-up Sunday 09-28 %v; want the shipped schedule with it", year.Year, year.Uploaded, found)
		}
		c.fail("GET", "/api/v1/calendar/2031", nil, http.StatusNotFound, "not_found")
		c.fail("GET", "/api/v1/calendar/next", nil, http.StatusNotFound, "not_found")
	})
}
