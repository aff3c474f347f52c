package api_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"reflect"
	"slices"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/creditcode"
	"zugong/internal/i18n"
	"zugong/internal/person"
	"zugong/internal/talent"
)

type figuresJSON struct {
	From           *string   `json:"from"`
	To             *string   `json:"to"`
	Talents        int       `json:"talents"`
	TakingPart     int       `json:"taking_part"`
	Entities       int       `json:"entities"`
	PersonTimes    int       `json:"person_times"`
	Services       int       `json:"services"`
	Engagements    int       `json:"engagements"`
	Capital        int64     `json:"capital"`
	ByCategory     []barJSON `json:"by_category"`
	ByForm         []barJSON `json:"by_form"`
	ByFactor       []barJSON `json:"by_factor"`
	EntitiesByType []barJSON `json:"entities_by_type"`
}

type barJSON struct {
	Key string `json:"key"`
	N   int    `json:"n"`
}

type talentProjectJSON struct {
	ID       string `json:"id"`
	OrgID    string `json:"org_id"`
	Title    string `json:"title"`
	Status   string `json:"status"`
	Openings int    `json:"openings"`
	Skills   []struct {
		Skill    string `json:"skill"`
		MinLevel int    `json:"min_level"`
		Weight   int    `json:"weight"`
	} `json:"skills"`
	Deadline *string `json:"deadline"`
	Filled   int     `json:"filled"`
	Pending  int     `json:"pending"`
	Version  int     `json:"version"`
}

type talentMatchJSON struct {
	Talent struct {
		PersonID string `json:"person_id"`
		Name     string `json:"name"`
	} `json:"talent"`
	Score float64 `json:"score"`
	Parts []struct {
		Requirement string  `json:"requirement"`
		MinLevel    int     `json:"min_level"`
		Weight      int     `json:"weight"`
		Skill       string  `json:"skill"`
		Level       int     `json:"level"`
		Share       float64 `json:"share"`
		Factor      float64 `json:"factor"`
		Points      float64 `json:"points"`
	} `json:"parts"`
}

// talentIn saves a talent in orgID and returns the person ID.
func talentIn(t *testing.T, env *apptest.Env, orgID, name string, seq int, tl person.Talent) string {
	t.Helper()
	first := fmt.Sprintf("41172419850607%03d", seq)
	d := &person.Dossier{Person: person.Person{OrgID: orgID, Name: name, Gender: "1", BirthDate: civil.MustParse("1985-06-07"),
		IDNumber: first + string(person.IDCheckChar(first))}, Talent: &tl}
	saved, err := env.App.People.Save(env.Principal(t, access.CountyStaff), d)
	if err != nil {
		t.Fatalf("save %s: %v", name, err)
	}
	return saved.Person.ID
}

// creditCode completes a credit code from its first 16 characters.
func creditCode(first16 string) string {
	s := first16 + string(creditcode.OrgCheckChar(first16[8:]))
	return s + string(creditcode.CheckChar(s))
}

// talentSeed is the records the talent tests read: 甲 and 丙 in township
// A, 乙 in township B.
type talentSeed struct {
	jia, yi, bing string
	entity        string
}

func seedTalents(t *testing.T, env *apptest.Env) talentSeed {
	t.Helper()
	tr := env.Tree
	var s talentSeed
	s.jia = talentIn(t, env, tr.VillageA.ID, "张养殖", 31, person.Talent{Category: person.TalentRural, Availability: person.Available,
		Skills: []person.Skill{{Name: "生猪养殖", Level: 4}, {Name: "农村电商", Level: 2}}, Region: "411724",
		Forms: []person.FlowForm{person.FlowPartTime, person.FlowEquity}})
	s.yi = talentIn(t, env, tr.VillageB.ID, "李律师", 33, person.Talent{Category: person.TalentProfessional, Availability: person.Available,
		Skills: []person.Skill{{Name: "法律咨询", Level: 3}}, Region: "411724", Forms: []person.FlowForm{person.FlowAdvisor}})
	s.bing = talentIn(t, env, tr.VillageA.ID, "王会计", 35, person.Talent{Category: person.TalentProfessional, Availability: person.Available,
		Skills: []person.Skill{{Name: "会计", Level: 3}}, Region: "411724", Forms: []person.FlowForm{person.FlowPartTime}})

	ctx := env.Principal(t, access.CountyStaff)
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	e, err := env.App.Talent.SaveEntity(ctx, &talent.Entity{OrgID: tr.VillageA.ID, Name: "张庄生猪养殖专业合作社", Type: talent.Cooperative,
		CreditCode: creditCode("9341172412345678"), RegisteredCapital: 2000000, Founded: civil.MustParse("2025-03-01"), Jobs: 12,
		Founders: []string{s.jia}})
	must("save entity", err)
	s.entity = e.ID
	_, err = env.App.Talent.SaveEngagement(ctx, &talent.Engagement{TalentID: s.jia, EntityID: e.ID, Form: talent.Equity,
		Factors: []talent.Factor{{Kind: talent.Capital, Amount: 500000}, {Kind: talent.Technology}},
		Start:   civil.MustParse("2025-04-01"), Status: talent.Active})
	must("save engagement", err)
	_, err = env.App.Talent.SaveService(ctx, &talent.Service{TalentID: s.jia, Date: civil.MustParse("2025-06-01"),
		Kind: talent.TechnicalGuidance, Beneficiaries: 120, Evidence: "签到表 2025-06-01"})
	must("save service of 甲", err)
	_, err = env.App.Talent.SaveService(ctx, &talent.Service{TalentID: s.yi, Date: civil.MustParse("2025-07-15"),
		Kind: talent.Legal, Beneficiaries: 30, Evidence: "汝司〔2025〕3号"})
	must("save service of 乙", err)
	// 丙's service falls in 2026: no figure of 2025 counts it.
	_, err = env.App.Talent.SaveService(ctx, &talent.Service{TalentID: s.bing, Date: civil.MustParse("2026-02-01"),
		Kind: talent.Teaching, Beneficiaries: 45, Evidence: "培训通知"})
	must("save service of 丙", err)
	return s
}

// bars returns a chart with every code of keys, at 0 but for those in n.
func bars[T ~string](keys []T, n map[T]int) []barJSON {
	out := make([]barJSON, len(keys))
	for i, k := range keys {
		out[i] = barJSON{Key: string(k), N: n[k]}
	}
	return out
}

func TestTalentFigures(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		seedTalents(t, env)
		county := newClient(t, env, access.CountyStaff)
		var got figuresJSON
		county.json("GET", "/api/v1/talent/figures?from=2025-01-01&to=2025-12-31", nil, http.StatusOK, &got)
		from, to := "2025-01-01", "2025-12-31"
		want := figuresJSON{From: &from, To: &to, Talents: 3, TakingPart: 2, Entities: 1, PersonTimes: 150, Services: 2,
			Engagements: 1, Capital: 500000,
			ByCategory:     bars(person.TalentCategories, map[person.TalentCategory]int{person.TalentRural: 1, person.TalentProfessional: 1}),
			ByForm:         bars(talent.Forms, map[talent.Form]int{talent.Equity: 1}),
			ByFactor:       bars(talent.FactorKinds, map[talent.FactorKind]int{talent.Capital: 1, talent.Technology: 1}),
			EntitiesByType: bars(talent.EntityTypes, map[talent.EntityType]int{talent.Cooperative: 1})}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("county figures:\n got %+v\nwant %+v", got, want)
		}

		organiser := newClient(t, env, access.TownshipOrganiser)
		mine, theirs, _, _ := sides(t, env, organiser)
		if mine.ID != env.Tree.TownA.ID {
			t.Fatalf("the organiser's township is %s, want township A", mine.Name)
		}
		var own figuresJSON
		organiser.json("GET", "/api/v1/talent/figures?from=2025-01-01&to=2025-12-31", nil, http.StatusOK, &own)
		if own.Talents != 2 || own.TakingPart != 1 || own.PersonTimes != 120 || own.Services != 1 || own.Entities != 1 {
			t.Errorf("township A's figures %+v, want 2 talents, 1 taking part, 120 person-times in 1 service, 1 entity", own)
		}
		organiser.fail("GET", "/api/v1/talent/figures?under="+theirs.ID, nil, http.StatusNotFound, "not_found")
		e := organiser.fail("GET", "/api/v1/talent/figures?from=2025-12-31&to=2025-01-01", nil, http.StatusUnprocessableEntity, "invalid")
		if _, ok := e.Error.Fields["to"]; !ok || len(e.Error.Fields) != 1 {
			t.Errorf("to before from: fields %v, want to", e.Error.Fields)
		}
	})
}

// projectBody is a valid project of orgID.
func projectBody(orgID, title string) map[string]any {
	return map[string]any{"org_id": orgID, "owner": map[string]any{"kind": "organisation", "id": orgID, "name": "张庄村村委会"},
		"title": title, "description": "扩建生猪养殖场并开设网店",
		"skills": []map[string]any{{"skill": "生猪养殖", "min_level": 3, "weight": 3}, {"skill": "农村电商", "min_level": 3, "weight": 1}},
		"forms":  []string{"part_time", "equity"}, "region": "411724", "start": "2026-12-01", "end": "2028-12-31",
		"openings": 2, "deadline": "2028-06-30", "visibility": "internal"}
}

func TestTalentProjectsAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		seed := seedTalents(t, env)
		zh := func(key string, args ...any) string { return i18n.MustLoad().T(i18n.ZhHans, key, args...) }
		organiser := newClient(t, env, access.TownshipOrganiser)
		county := newClient(t, env, access.CountyStaff)
		_, _, village, otherVillage := sides(t, env, organiser)

		var created talentProjectJSON
		organiser.json("POST", "/api/v1/talent/projects", projectBody(village.ID, "张庄生猪养殖扩建"), http.StatusCreated, &created)
		if created.OrgID != village.ID || created.Status != "open" || len(created.Skills) != 2 || created.Skills[0].Weight != 3 ||
			*created.Deadline != "2028-06-30" || created.Version != 1 {
			t.Errorf("created %+v", created)
		}
		var got talentProjectJSON
		organiser.json("GET", "/api/v1/talent/projects/"+created.ID, nil, http.StatusOK, &got)
		if got.ID != created.ID || got.Title != "张庄生猪养殖扩建" {
			t.Errorf("read back %+v", got)
		}

		before := count(t, env, "talent_projects")
		cases := []struct {
			name   string
			change map[string]any
			field  string
			msg    string
		}{
			{"a level that is not a number", map[string]any{"skills": []map[string]any{{"skill": "养殖", "min_level": "high", "weight": 2}}},
				"skills.0.min_level", zh("api.field.type.integer")},
			{"a weight out of range", map[string]any{"skills": []map[string]any{{"skill": "养殖", "min_level": 3, "weight": 2},
				{"skill": "电商", "min_level": 2, "weight": 5}}}, "skills.1.weight", zh("talent.project.weight", talent.MinWeight, talent.MaxWeight)},
			{"a deadline after the end", map[string]any{"deadline": "2029-01-01"}, "deadline", zh("talent.project.deadline_after_end")},
			{"a date that is not one", map[string]any{"start": "2027-02-30"}, "start", zh("field.date")},
			{"openings as text", map[string]any{"openings": "two"}, "openings", zh("api.field.type.integer")},
			{"an organisation of the other township", map[string]any{"org_id": otherVillage.ID}, "org_id", zh("error.not_found")},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				b := projectBody(village.ID, "坏项目")
				for k, v := range tc.change {
					b[k] = v
				}
				e := organiser.fail("POST", "/api/v1/talent/projects", b, http.StatusUnprocessableEntity, "invalid")
				if got := e.Error.Fields[tc.field]; got != tc.msg {
					t.Errorf("field %s: %q, want %q (all: %v)", tc.field, got, tc.msg, e.Error.Fields)
				}
				if n := count(t, env, "talent_projects"); n != before {
					t.Errorf("%d projects, want %d", n, before)
				}
			})
		}
		for name, body := range map[string]any{
			"an unknown field":            `{"org_id":"` + village.ID + `","budget":100}`,
			"an unknown field of a skill": map[string]any{"skills": []map[string]any{{"skill": "养殖", "level": 3}}},
		} {
			t.Run(name, func(t *testing.T) {
				e := organiser.fail("POST", "/api/v1/talent/projects", body, http.StatusBadRequest, "malformed")
				if len(e.Error.Fields) != 1 {
					t.Errorf("fields %v, want the unknown one", e.Error.Fields)
				}
				if n := count(t, env, "talent_projects"); n != before {
					t.Errorf("%d projects, want %d", n, before)
				}
			})
		}

		var matches struct {
			Items []talentMatchJSON `json:"items"`
		}
		organiser.json("GET", "/api/v1/talent/projects/"+created.ID+"/matches?k=5", nil, http.StatusOK, &matches)
		if len(matches.Items) != 1 || matches.Items[0].Talent.PersonID != seed.jia {
			t.Fatalf("matches %+v, want only 张养殖", matches.Items)
		}
		m := matches.Items[0]
		sum := 0.0
		for _, p := range m.Parts {
			sum += p.Points
		}
		if len(m.Parts) != 2 || m.Score <= 0 || math.Abs(sum-m.Score) > 1e-9 {
			t.Errorf("match of 张养殖: score %v, parts %+v summing to %v", m.Score, m.Parts, sum)
		}
		if p := m.Parts[0]; p.Requirement != "生猪养殖" || p.Skill != "生猪养殖" || p.Level != 4 || p.MinLevel != 3 || p.Weight != 3 {
			t.Errorf("first part %+v, want 生猪养殖 at level 4 for 生猪养殖 (3, weight 3)", p)
		}
		organiser.fail("GET", "/api/v1/talent/projects/"+created.ID+"/matches?k=0", nil, http.StatusUnprocessableEntity, "invalid")

		var theirs talentProjectJSON
		county.json("POST", "/api/v1/talent/projects", projectBody(otherVillage.ID, "李寨法律服务站"), http.StatusCreated, &theirs)
		organiser.fail("GET", "/api/v1/talent/projects/"+theirs.ID, nil, http.StatusNotFound, "not_found")
		organiser.fail("GET", "/api/v1/talent/projects/"+theirs.ID+"/matches", nil, http.StatusNotFound, "not_found")
		// Not found comes before the body is read, even a body that is wrong.
		organiser.fail("POST", "/api/v1/talent/projects/"+theirs.ID+"/applications", `{"nonsense":true}`, http.StatusNotFound, "not_found")
		organiser.fail("GET", "/api/v1/talent/projects?under="+otherVillage.ID, nil, http.StatusNotFound, "not_found")
		items, pages := walk[talentProjectJSON](organiser, "/api/v1/talent/projects?limit=1")
		if len(items) != 1 || pages != 1 || items[0].ID != created.ID {
			t.Errorf("the organiser lists %+v, want only township A's project", items)
		}
		all, pages := walk[talentProjectJSON](county, "/api/v1/talent/projects?status=open&limit=1")
		if len(all) != 2 || pages != 2 {
			t.Errorf("county staff: %d open projects in %d pages, want 2 in 2", len(all), pages)
		}
	})
}

func TestTalentInvitationAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		seed := seedTalents(t, env)
		organiser := newClient(t, env, access.TownshipOrganiser)
		_, _, village, otherVillage := sides(t, env, organiser)
		var pr talentProjectJSON
		organiser.json("POST", "/api/v1/talent/projects", projectBody(village.ID, "张庄生猪养殖扩建"), http.StatusCreated, &pr)

		before := count(t, env, "talent_applications")
		e := organiser.fail("POST", "/api/v1/talent/projects/"+pr.ID+"/applications", map[string]any{"talent_id": seed.jia,
			"form": "advisor", "factors": []map[string]any{{"kind": "capital", "amount": "much"}}}, http.StatusUnprocessableEntity, "invalid")
		if _, ok := e.Error.Fields["factors.0.amount"]; !ok {
			t.Errorf("fields %v, want factors.0.amount", e.Error.Fields)
		}
		if _, ok := e.Error.Fields["form"]; !ok {
			t.Errorf("fields %v, want form (the project does not allow advisors)", e.Error.Fields)
		}
		if n := count(t, env, "talent_applications"); n != before {
			t.Errorf("%d applications, want %d", n, before)
		}

		var inv struct {
			ID        string `json:"id"`
			ProjectID string `json:"project_id"`
			TalentID  string `json:"talent_id"`
			Kind      string `json:"kind"`
			Status    string `json:"status"`
			Factors   []struct {
				Kind   string `json:"kind"`
				Amount int64  `json:"amount"`
			} `json:"factors"`
		}
		organiser.json("POST", "/api/v1/talent/projects/"+pr.ID+"/applications", map[string]any{"talent_id": seed.jia,
			"form": "equity", "factors": []map[string]any{{"kind": "capital", "amount": 300000}}, "message": "诚邀入股"},
			http.StatusCreated, &inv)
		if inv.ProjectID != pr.ID || inv.TalentID != seed.jia || inv.Kind != "invite" || inv.Status != "pending" ||
			len(inv.Factors) != 1 || inv.Factors[0].Amount != 300000 {
			t.Errorf("invitation %+v", inv)
		}
		organiser.fail("POST", "/api/v1/talent/applications/"+inv.ID+"/accept", `{"approval":{"approver":"张三","signed":true}}`,
			http.StatusBadRequest, "malformed")
		var eng struct {
			TalentID   string  `json:"talent_id"`
			TalentName string  `json:"talent_name"`
			ProjectID  string  `json:"project_id"`
			Target     string  `json:"target"`
			Form       string  `json:"form"`
			Start      *string `json:"start"`
			End        *string `json:"end"`
			Status     string  `json:"status"`
		}
		// The organiser answers for the talent of their township.
		organiser.json("POST", "/api/v1/talent/applications/"+inv.ID+"/accept", nil, http.StatusOK, &eng)
		if eng.TalentID != seed.jia || eng.TalentName != "张养殖" || eng.ProjectID != pr.ID || eng.Target != "张庄生猪养殖扩建" ||
			eng.Form != "equity" || eng.Status != "active" || *eng.Start != "2026-12-01" || *eng.End != "2028-12-31" {
			t.Errorf("engagement of the accepted invitation %+v", eng)
		}
		organiser.fail("POST", "/api/v1/talent/applications/"+inv.ID+"/accept", nil, http.StatusConflict, "conflict")
		var filled talentProjectJSON
		organiser.json("GET", "/api/v1/talent/projects/"+pr.ID, nil, http.StatusOK, &filled)
		if filled.Filled != 1 || filled.Pending != 0 {
			t.Errorf("project after acceptance: %d filled, %d pending, want 1 and 0", filled.Filled, filled.Pending)
		}

		var second struct {
			ID string `json:"id"`
		}
		organiser.json("POST", "/api/v1/talent/projects/"+pr.ID+"/applications", map[string]any{"talent_id": seed.bing,
			"form": "part_time", "factors": []map[string]any{{"kind": "information"}}}, http.StatusCreated, &second)
		organiser.json("POST", "/api/v1/talent/applications/"+second.ID+"/decline", nil, http.StatusNoContent, nil)
		organiser.fail("POST", "/api/v1/talent/applications/"+second.ID+"/decline", nil, http.StatusConflict, "conflict")

		county := newClient(t, env, access.CountyStaff)
		var theirs talentProjectJSON
		county.json("POST", "/api/v1/talent/projects", projectBody(otherVillage.ID, "李寨法律服务站"), http.StatusCreated, &theirs)
		var foreign struct {
			ID string `json:"id"`
		}
		county.json("POST", "/api/v1/talent/projects/"+theirs.ID+"/applications", map[string]any{"talent_id": seed.yi,
			"form": "part_time", "factors": []map[string]any{{"kind": "technology"}}}, http.StatusCreated, &foreign)
		organiser.fail("POST", "/api/v1/talent/applications/"+foreign.ID+"/accept", `{"approval":{"approver":"李四","date":"2026-11-01"}}`,
			http.StatusNotFound, "not_found")
		organiser.fail("POST", "/api/v1/talent/applications/"+foreign.ID+"/decline", nil, http.StatusNotFound, "not_found")
	})
}

func TestTalentRecordsAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		seed := seedTalents(t, env)
		organiser := newClient(t, env, access.TownshipOrganiser)
		county := newClient(t, env, access.CountyStaff)
		_, _, village, otherVillage := sides(t, env, organiser)

		pool, _ := walk[struct {
			PersonID string `json:"person_id"`
			Name     string `json:"name"`
		}](organiser, "/api/v1/talent/pool?limit=1")
		if len(pool) != 2 {
			t.Errorf("the organiser's pool %+v, want township A's two talents", pool)
		}
		taking, _ := walk[struct {
			PersonID string `json:"person_id"`
		}](county, "/api/v1/talent/pool?taking_part=true&from=2025-01-01&to=2025-12-31")
		var ids []string
		for _, x := range taking {
			ids = append(ids, x.PersonID)
		}
		if want := []string{seed.jia, seed.yi}; len(ids) != 2 || !slices.Contains(ids, want[0]) || !slices.Contains(ids, want[1]) {
			t.Errorf("taking part in 2025: %v, want 张养殖 and 李律师 %v", ids, want)
		}
		var dossier struct {
			PersonID    string `json:"person_id"`
			Engagements []struct {
				EntityID string `json:"entity_id"`
				Target   string `json:"target"`
				Factors  []struct {
					Kind   string `json:"kind"`
					Amount int64  `json:"amount"`
				} `json:"factors"`
			} `json:"engagements"`
			Entities []struct {
				ID string `json:"id"`
			} `json:"entities"`
			Services []struct {
				Beneficiaries int  `json:"beneficiaries"`
				Verified      bool `json:"verified"`
			} `json:"services"`
		}
		organiser.json("GET", "/api/v1/talent/pool/"+seed.jia, nil, http.StatusOK, &dossier)
		if len(dossier.Engagements) != 1 || dossier.Engagements[0].Target != "张庄生猪养殖专业合作社" ||
			len(dossier.Engagements[0].Factors) != 2 || len(dossier.Entities) != 1 || len(dossier.Services) != 1 ||
			!dossier.Services[0].Verified || dossier.Services[0].Beneficiaries != 120 {
			t.Errorf("dossier of 张养殖 %+v", dossier)
		}
		organiser.fail("GET", "/api/v1/talent/pool/"+seed.yi, nil, http.StatusNotFound, "not_found")

		var svc struct {
			ID         string `json:"id"`
			TalentName string `json:"talent_name"`
			Verified   bool   `json:"verified"`
		}
		organiser.json("POST", "/api/v1/talent/services", map[string]any{"talent_id": seed.bing, "date": "2026-03-02",
			"kind": "teaching", "beneficiaries": 60, "evidence": "签到表"}, http.StatusCreated, &svc)
		if svc.TalentName != "王会计" || !svc.Verified {
			t.Errorf("service %+v, want 王会计's, verified", svc)
		}
		before := count(t, env, "talent_services")
		e := organiser.fail("POST", "/api/v1/talent/services", map[string]any{"talent_id": seed.yi, "date": "2026-03-02",
			"kind": "legal", "beneficiaries": 10, "evidence": "x"}, http.StatusUnprocessableEntity, "invalid")
		if _, ok := e.Error.Fields["talent_id"]; !ok {
			t.Errorf("a talent of township B: fields %v, want talent_id", e.Error.Fields)
		}
		organiser.fail("POST", "/api/v1/talent/services", map[string]any{"talent_id": seed.bing, "date": "2026-03-02",
			"kind": "teaching", "beneficiaries": 60, "evidence": "签到表", "verified": true}, http.StatusBadRequest, "malformed")
		if n := count(t, env, "talent_services"); n != before {
			t.Errorf("%d services, want %d", n, before)
		}
		services, _ := walk[struct {
			ID string `json:"id"`
		}](organiser, "/api/v1/talent/services?kind=teaching&status=verified&limit=1")
		if len(services) != 2 {
			t.Errorf("township A's verified teaching: %+v, want 2", services)
		}

		var eng struct {
			TalentName string `json:"talent_name"`
			Target     string `json:"target"`
			Status     string `json:"status"`
		}
		organiser.json("POST", "/api/v1/talent/engagements", map[string]any{"talent_id": seed.bing, "entity_id": seed.entity,
			"form": "part_time", "factors": []map[string]any{{"kind": "information"}}, "start": "2026-01-01"}, http.StatusCreated, &eng)
		if eng.TalentName != "王会计" || eng.Target != "张庄生猪养殖专业合作社" || eng.Status != "active" {
			t.Errorf("engagement %+v", eng)
		}
		engs, _ := walk[struct {
			TalentID string `json:"talent_id"`
		}](organiser, "/api/v1/talent/engagements?entity_id="+seed.entity+"&factor=information")
		if len(engs) != 1 || engs[0].TalentID != seed.bing {
			t.Errorf("engagements bringing information: %+v, want 王会计's", engs)
		}

		var ent struct {
			OrgName      string   `json:"org_name"`
			FounderNames []string `json:"founder_names"`
			Founded      *string  `json:"founded"`
		}
		organiser.json("POST", "/api/v1/talent/entities", map[string]any{"org_id": village.ID, "name": "张庄电商服务部",
			"type": "individual_business", "credit_code": creditCode("9241172487654321"), "founded": "2026-05-01",
			"founders": []string{seed.jia, seed.bing}}, http.StatusCreated, &ent)
		if ent.OrgName != village.Name || len(ent.FounderNames) != 2 || *ent.Founded != "2026-05-01" {
			t.Errorf("entity %+v", ent)
		}
		organiser.fail("POST", "/api/v1/talent/entities", map[string]any{"org_id": otherVillage.ID, "name": "李寨合作社",
			"type": "cooperative", "credit_code": creditCode("9341172411112222"), "founded": "2026-05-01", "founders": []string{seed.jia}},
			http.StatusUnprocessableEntity, "invalid")
		ents, _ := walk[struct {
			Name string `json:"name"`
		}](organiser, "/api/v1/talent/entities?kind=individual_business&from=2026-01-01")
		if len(ents) != 1 || ents[0].Name != "张庄电商服务部" {
			t.Errorf("individual businesses founded since 2026: %+v", ents)
		}
		organiser.fail("GET", "/api/v1/talent/entities?kind=bank&from=tomorrow", nil, http.StatusUnprocessableEntity, "invalid")
	})
}

// TestOpenAPITalentEnums keeps the documented talent enumerations equal to
// the domain's lists.
func TestOpenAPITalentEnums(t *testing.T) {
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
	want := map[string][]string{"TalentCategory": names(person.TalentCategories), "TalentForm": names(talent.Forms),
		"FactorKind": names(talent.FactorKinds), "EngagementStatus": names(talent.EngagementStatuses),
		"EntityType": names(talent.EntityTypes), "ServiceKind": names(talent.ServiceKinds),
		"ProjectVisibility": names(talent.Visibilities), "OwnerKind": names(talent.OwnerKinds),
		"ProjectStatus":   names([]talent.ProjectStatus{talent.ProjectOpen, talent.ProjectClosed}),
		"ApplicationKind": names(talent.ApplicationKinds), "ApplicationStatus": names(talent.ApplicationStatuses)}
	for schema, w := range want {
		if got := doc.Components.Schemas[schema].Enum; !slices.Equal(got, w) {
			t.Errorf("schema %s enum %q, want %q", schema, got, w)
		}
	}
}
