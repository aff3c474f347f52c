package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/i18n"
	"zugong/internal/person"
	"zugong/internal/secondment"
)

type secondmentJSON struct {
	ID         string  `json:"id"`
	PersonID   string  `json:"person_id"`
	PersonName string  `json:"person_name"`
	Kind       string  `json:"kind"`
	HomeOrgID  string  `json:"home_org_id"`
	HomeUnit   string  `json:"home_unit"`
	HostUnit   string  `json:"host_unit"`
	Start      *string `json:"start"`
	End        *string `json:"end"`
	FullTime   bool    `json:"full_time"`
	Status     string  `json:"status"`
	Extensions []any   `json:"extensions"`
	Version    int     `json:"version"`
}

// cadreIn saves a person in org and returns the ID.
func cadreIn(t *testing.T, env *apptest.Env, orgID, name string, seq int) string {
	t.Helper()
	first := fmt.Sprintf("41172419800203%03d", seq)
	d := &person.Dossier{Person: person.Person{OrgID: orgID, Name: name, Gender: "1", BirthDate: civil.MustParse("1980-02-03"),
		IDNumber: first + string(person.IDCheckChar(first))}}
	saved, err := env.App.People.Save(env.Principal(t, access.CountyStaff), d)
	if err != nil {
		t.Fatalf("save %s: %v", name, err)
	}
	return saved.Person.ID
}

func TestSecondmentsAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := newClient(t, env, access.TownshipOrganiser)
		mine, _, village, otherVillage := sides(t, env, c)
		cadre := cadreIn(t, env, village.ID, "王建国", 11)
		other := cadreIn(t, env, otherVillage.ID, "李卫东", 21)
		zh := func(key string, args ...any) string { return i18n.MustLoad().T(i18n.ZhHans, key, args...) }
		body := map[string]any{"person_id": cadre, "kind": "first_secretary", "host_org_id": village.ID, "host_post": "驻村第一书记",
			"start": "2025-03-01", "end": "2027-02-28", "decision_doc": "正组〔2025〕8号"}

		var created secondmentJSON
		c.json("POST", "/api/v1/secondments", body, http.StatusCreated, &created)
		if created.PersonName != "王建国" || created.HomeOrgID != village.ID || created.HostUnit != village.Name ||
			!created.FullTime || created.Extensions == nil || created.Version != 1 || *created.End != "2027-02-28" {
			t.Errorf("created %+v", created)
		}
		var got secondmentJSON
		c.json("GET", "/api/v1/secondments/"+created.ID, nil, http.StatusOK, &got)
		if got.ID != created.ID || got.Kind != "first_secretary" {
			t.Errorf("read back %+v", got)
		}

		before := count(t, env, "secondments")
		cases := []struct {
			name   string
			change map[string]any
			status int
			field  string
			msg    string
		}{
			{"end before start", map[string]any{"start": "2028-03-01", "end": "2028-01-01"}, http.StatusUnprocessableEntity,
				"end", zh("secondment.end_not_after_start")},
			{"overlapping", map[string]any{"start": "2026-06-01", "end": "2027-05-31"}, http.StatusUnprocessableEntity,
				"start", zh("secondment.overlap", village.Name, "2025-03-01", "2027-02-28")},
			{"a person of the other township", map[string]any{"person_id": other, "start": "2028-01-01", "end": "2028-12-31"},
				http.StatusUnprocessableEntity, "person_id", zh("error.not_found")},
			{"a date that is not one", map[string]any{"start": "2028-02-30", "end": "2028-12-31", "host_post": ""},
				http.StatusUnprocessableEntity, "start", zh("field.date")},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				b := map[string]any{}
				for k, v := range body {
					b[k] = v
				}
				for k, v := range tc.change {
					b[k] = v
				}
				e := c.fail("POST", "/api/v1/secondments", b, tc.status, "invalid")
				if got := e.Error.Fields[tc.field]; got != tc.msg {
					t.Errorf("field %s: %q, want %q (all: %v)", tc.field, got, tc.msg, e.Error.Fields)
				}
				if n := count(t, env, "secondments"); n != before {
					t.Errorf("%d secondments, want %d", n, before)
				}
			})
		}
		c.fail("POST", "/api/v1/secondments", `{"person_id":"`+cadre+`","grade":"excellent"}`, http.StatusBadRequest, "malformed")

		county := newClient(t, env, access.CountyStaff)
		theirs := map[string]any{"person_id": other, "kind": "up", "host_unit": "驻马店市财政局", "host_post": "科员",
			"start": "2025-09-01", "end": "2026-08-31", "full_time": false}
		var foreign secondmentJSON
		county.json("POST", "/api/v1/secondments", theirs, http.StatusCreated, &foreign)
		c.fail("GET", "/api/v1/secondments/"+foreign.ID, nil, http.StatusNotFound, "not_found")
		c.fail("GET", "/api/v1/secondments?under="+otherVillage.ID, nil, http.StatusNotFound, "not_found")
		e := c.fail("GET", "/api/v1/secondments?kind=sideways&expiring=0", nil, http.StatusUnprocessableEntity, "invalid")
		if len(e.Error.Fields) != 2 {
			t.Errorf("bad filters: %v, want kind and expiring", e.Error.Fields)
		}

		items, _ := walk[secondmentJSON](c, "/api/v1/secondments?under="+mine.ID+"&limit=1")
		if len(items) != 1 || items[0].ID != created.ID {
			t.Errorf("the organiser lists %+v, want only the own township's secondment", items)
		}
		all, pages := walk[secondmentJSON](county, "/api/v1/secondments?limit=1")
		if len(all) != 2 || pages != 2 || all[0].ID != foreign.ID {
			t.Errorf("county staff: %d items in %d pages, want 2 in 2, ending soonest first", len(all), pages)
		}
	})
}

// TestOpenAPISecondmentEnums keeps the documented secondment enumerations
// equal to the domain's lists.
func TestOpenAPISecondmentEnums(t *testing.T) {
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Enum []string `json:"enum"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"SecondmentKind": names(secondment.Kinds), "SecondmentStatus": names(secondment.Statuses),
		"SecondmentGrade": names(secondment.Grades)}
	for schema, w := range want {
		if got := doc.Components.Schemas[schema].Enum; !slices.Equal(got, w) {
			t.Errorf("schema %s enum %q, want %q", schema, got, w)
		}
	}
}

func names[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}
