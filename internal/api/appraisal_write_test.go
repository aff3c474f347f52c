package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"zugong/internal/access"
	"zugong/internal/app"
	"zugong/internal/app/apptest"
	"zugong/internal/appraisal"
	"zugong/internal/auth"
	"zugong/internal/civil"
	"zugong/internal/i18n"
)

type evidenceRecordJSON struct {
	ID         string  `json:"id"`
	PersonID   string  `json:"person_id"`
	Kind       string  `json:"kind"`
	Date       *string `json:"date"`
	Amount     string  `json:"amount"`
	Progress   string  `json:"progress"`
	Completed  bool    `json:"completed"`
	DocumentNo string  `json:"document_no"`
	Reviewer   string  `json:"reviewer"`
	SignedOn   *string `json:"signed_on"`
	EnteredBy  string  `json:"entered_by"`
}

type schemeJSON struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	OrgID   string `json:"org_id"`
	Name    string `json:"name"`
	Period  struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"period"`
	Indicators []struct {
		Code    string `json:"code"`
		Weight  string `json:"weight"`
		Method  string `json:"method"`
		Measure string `json:"measure"`
	} `json:"indicators"`
	Deductions []struct {
		Code string `json:"code"`
		Per  string `json:"per"`
		Cap  string `json:"cap"`
	} `json:"deductions"`
	Vetoes []struct {
		Code     string `json:"code"`
		GradeCap string `json:"grade_cap"`
	} `json:"vetoes"`
}

// accountClient creates an account with a second factor, signs it in and
// calls the API with a token of it: the roles' accounts of apptest are one
// per role, and a sign-off needs a second user.
func accountClient(t *testing.T, env *apptest.Env, spec app.AccountSpec) *client {
	t.Helper()
	ctx := context.Background()
	spec.SecondFactor = true
	accs, err := env.App.CreateAccounts(ctx, []app.AccountSpec{spec})
	if err != nil {
		t.Fatal(err)
	}
	acc := accs[0]
	cl := auth.Client{IP: "127.0.0.1", UserAgent: "apitest"}
	res, err := env.App.Auth.SignIn(ctx, acc.Login, acc.Password, cl)
	if err != nil {
		t.Fatalf("sign in %s: %v", acc.Login, err)
	}
	code, err := auth.Code(acc.TOTPSecret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := env.App.Auth.VerifySecondFactor(ctx, res.Token, code, cl); err != nil {
		t.Fatalf("second factor of %s: %v", acc.Login, err)
	}
	p, _, err := env.App.Auth.Authenticate(ctx, res.Token, cl)
	if err != nil {
		t.Fatal(err)
	}
	raw, _, err := env.App.Users.CreateToken(access.With(ctx, p), "apitest", 0)
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, base: env.Server.URL, token: raw}
}

// casesScheme ranks cadres by the cases they closed in 2025.
func casesScheme(name string) *appraisal.Scheme {
	return &appraisal.Scheme{Name: name, Group: appraisal.GroupTownshipDeputies,
		Period: appraisal.Period{From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-12-31")},
		Indicators: []appraisal.Indicator{{Code: "D1", Name: "办结案件", Orientation: appraisal.OrientDevelopment, Weight: appraisal.FullMarks,
			Direction: appraisal.HigherBetter, Method: appraisal.Ranked, Measure: appraisal.MeasureCasesClosed}},
		Deductions: []appraisal.Item{{Code: "X1", Name: "问责", Kind: appraisal.KindAccountability, Per: 1_50, Cap: 3_00}},
		Vetoes:     []appraisal.Veto{{Code: "V1", Name: "处分", Kind: appraisal.KindSanction, Cap: "basic"}}}
}

func caseClosed(personID, doc string) map[string]any {
	return map[string]any{"person_id": personID, "kind": "case_closed", "date": "2025-06-01", "document_no": doc}
}

func TestAppraisalWriteAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		zh := func(key string, args ...any) string { return i18n.MustLoad().T(i18n.ZhHans, key, args...) }
		op := access.With(context.Background(), access.Operator("test"))
		s := env.App.Appraisal
		sc, err := s.SaveScheme(op, env.Tree.County.ID, casesScheme("2025年度实绩考核"))
		if err != nil {
			t.Fatal(err)
		}
		wang, liu := cadreIn(t, env, env.Tree.VillageA.ID, "王建国", 41), cadreIn(t, env, env.Tree.VillageA.ID, "刘芳", 43)
		// Liu has closed one case, signed off already.
		if err := s.SeedAppraisal(op, sc.ID, nil, []appraisal.Evidence{{PersonID: liu, Kind: appraisal.KindCaseClosed,
			Date: civil.MustParse("2025-05-01"), DocumentNo: "正考〔2025〕1号",
			SignOff: appraisal.SignOff{Reviewer: "审核人", On: civil.MustParse("2025-05-03")}}}); err != nil {
			t.Fatal(err)
		}
		clerk := newClient(t, env, access.CountyStaff)
		reviewer := accountClient(t, env, app.AccountSpec{Login: "county.reviewer", Name: "审核干部", Role: access.CountyStaff,
			Scope: *env.Tree.County})
		base := "/api/v1/appraisal/schemes/" + sc.ID

		var got schemeJSON
		clerk.json("GET", base, nil, http.StatusOK, &got)
		if got.ID != sc.ID || got.Version != 1 || got.OrgID != env.Tree.County.ID || got.Period.From != "2025-01-01" ||
			len(got.Indicators) != 1 || got.Indicators[0].Weight != "100.00" || got.Indicators[0].Method != "rank" ||
			got.Indicators[0].Measure != "cases_closed" || len(got.Deductions) != 1 || got.Deductions[0].Per != "1.50" ||
			got.Deductions[0].Cap != "3.00" || len(got.Vetoes) != 1 || got.Vetoes[0].GradeCap != "basic" {
			t.Errorf("scheme: got %+v, want version 1 of the county with its weights and items as decimals", got)
		}

		f := clerk.fail("POST", base+"/members", map[string]any{"group": "副职", "person_ids": wang}, http.StatusUnprocessableEntity, "invalid")
		if f.Error.Fields["person_ids"] != zh("api.field.type.array") {
			t.Errorf("person_ids as a string: fields %v, want person_ids must be a list", f.Error.Fields)
		}
		clerk.fail("POST", base+"/members", map[string]any{"group": "副职", "person_ids": []string{wang}, "scheme": sc.ID},
			http.StatusBadRequest, "malformed")
		f = clerk.fail("POST", base+"/members", map[string]any{"group": "副职", "person_ids": []string{wang, "x"}},
			http.StatusUnprocessableEntity, "invalid")
		if f.Error.Fields["person_ids"] != zh("error.not_found") {
			t.Errorf("an unknown person: fields %v, want person_ids not found", f.Error.Fields)
		}
		if n := count(t, env, "appraisal_members"); n != 0 {
			t.Fatalf("refused member lists wrote %d members, want none", n)
		}
		clerk.json("POST", base+"/members", map[string]any{"group": "副职", "person_ids": []string{wang, liu}}, http.StatusNoContent, nil)
		if n := count(t, env, "appraisal_members"); n != 2 {
			t.Fatalf("members: got %d, want 2", n)
		}

		var done struct {
			Ranked int `json:"ranked"`
		}
		clerk.json("POST", base+"/recompute", nil, http.StatusOK, &done)
		var rk rankingJSON
		clerk.json("GET", base+"/ranking", nil, http.StatusOK, &rk)
		if done.Ranked != 2 || rk.Total != 2 || rk.Items[0].PersonName != "刘芳" || rk.Items[0].Total != "100.00" {
			t.Fatalf("first ranking: %d ranked, %+v; want 刘芳 first with 100.00", done.Ranked, rk.Items)
		}

		evidenceBefore := count(t, env, "appraisal_evidence")
		for _, bad := range []struct {
			name   string
			body   map[string]any
			status int
			field  string
			msg    string
		}{
			{"amount as a number", map[string]any{"amount": 12.5}, http.StatusUnprocessableEntity, "amount", zh("api.field.type.string")},
			{"three decimals", map[string]any{"amount": "12.345"}, http.StatusUnprocessableEntity, "amount", zh("api.field.decimal")},
			{"not a number", map[string]any{"score": "九十"}, http.StatusUnprocessableEntity, "score", zh("api.field.decimal")},
			{"negative", map[string]any{"in_place": "-1"}, http.StatusUnprocessableEntity, "in_place", zh("appraisal.negative")},
			{"bad date", map[string]any{"date": "2025-13-01"}, http.StatusUnprocessableEntity, "date", zh("field.date")},
			{"app activity", map[string]any{"kind": "login_days"}, http.StatusUnprocessableEntity, "kind", zh("appraisal.evidence.kind_unknown")},
			{"no proof", map[string]any{"document_no": ""}, http.StatusUnprocessableEntity, "document_no", zh("appraisal.evidence.proof_required")},
			{"someone unknown", map[string]any{"person_id": "nobody"}, http.StatusUnprocessableEntity, "person_id", zh("error.not_found")},
			{"a sign-off smuggled in", map[string]any{"reviewer": "自己"}, http.StatusBadRequest, "reviewer", zh("api.field.unknown")},
		} {
			body := caseClosed(wang, "正考〔2025〕8号")
			for k, v := range bad.body {
				body[k] = v
			}
			code := "invalid"
			if bad.status == http.StatusBadRequest {
				code = "malformed"
			}
			f := clerk.fail("POST", "/api/v1/appraisal/evidence", body, bad.status, code)
			if f.Error.Fields[bad.field] != bad.msg {
				t.Errorf("%s: fields %v, want %s: %q", bad.name, f.Error.Fields, bad.field, bad.msg)
			}
		}
		huge := caseClosed(wang, "正考〔2025〕8号")
		huge["attachment"] = strings.Repeat("扫", 1<<19)
		clerk.fail("POST", "/api/v1/appraisal/evidence", huge, http.StatusRequestEntityTooLarge, "too_large")
		if n := count(t, env, "appraisal_evidence"); n != evidenceBefore {
			t.Fatalf("refused bodies wrote %d records, want none", n-evidenceBefore)
		}

		project := caseClosed(wang, "正发〔2025〕5号")
		project["kind"], project["amount"], project["progress"], project["completed"] = "project", "1250.5", "80", false
		var p evidenceRecordJSON
		clerk.json("POST", "/api/v1/appraisal/evidence", project, http.StatusCreated, &p)
		if p.Kind != "project" || p.Amount != "1250.50" || p.Progress != "80.00" || p.Completed {
			t.Errorf("project record: got %+v, want 1250.50 万元 at 80.00 %%", p)
		}
		var ids []string
		for _, doc := range []string{"正考〔2025〕8号", "正考〔2025〕9号"} {
			var e evidenceRecordJSON
			clerk.json("POST", "/api/v1/appraisal/evidence", caseClosed(wang, doc), http.StatusCreated, &e)
			if e.ID == "" || e.PersonID != wang || e.DocumentNo != doc || e.EnteredBy != env.Accounts[access.CountyStaff].ID ||
				e.Reviewer != "" || e.SignedOn != nil || e.Date == nil || *e.Date != "2025-06-01" {
				t.Errorf("entered record: got %+v, want it as sent, entered by county.staff, not signed off", e)
			}
			ids = append(ids, e.ID)
		}

		sign := "/api/v1/appraisal/evidence/" + ids[0] + "/sign"
		f = clerk.fail("POST", sign, map[string]any{"on": "2025-06-03"}, http.StatusConflict, "conflict")
		if f.Error.Message != zh("appraisal.evidence.own_entry") {
			t.Errorf("signing one's own entry: %q, want %q", f.Error.Message, zh("appraisal.evidence.own_entry"))
		}
		f = reviewer.fail("POST", sign, map[string]any{"on": 20250603}, http.StatusUnprocessableEntity, "invalid")
		if f.Error.Fields["on"] != zh("api.field.type.string") {
			t.Errorf("on as a number: fields %v, want on must be a string", f.Error.Fields)
		}
		reviewer.fail("POST", sign, map[string]any{"on": "2025-06-03", "reviewer": "别人"}, http.StatusBadRequest, "malformed")
		f = reviewer.fail("POST", sign, map[string]any{}, http.StatusUnprocessableEntity, "invalid")
		if f.Error.Fields["on"] != zh("field.required") {
			t.Errorf("no day: fields %v, want on required", f.Error.Fields)
		}
		f = reviewer.fail("POST", sign, map[string]any{"on": "2025-05-30"}, http.StatusUnprocessableEntity, "invalid")
		if f.Error.Fields["on"] != zh("appraisal.evidence.signed_before_date") {
			t.Errorf("a day before the record's: fields %v, want on before the date", f.Error.Fields)
		}
		var signedCount int
		if err := env.DB.QueryRow(t.Context(), `SELECT COUNT(*) FROM appraisal_evidence WHERE signed_at > 0`).Scan(&signedCount); err != nil {
			t.Fatal(err)
		}
		if signedCount != 1 {
			t.Fatalf("refused sign-offs: %d records signed, want only the seeded one", signedCount)
		}
		for _, id := range ids {
			var e evidenceRecordJSON
			reviewer.json("POST", "/api/v1/appraisal/evidence/"+id+"/sign", map[string]any{"on": "2025-06-03"}, http.StatusOK, &e)
			if e.ID != id || e.Reviewer != "审核干部" || e.SignedOn == nil || *e.SignedOn != "2025-06-03" {
				t.Errorf("signed record: got %+v, want signed by 审核干部 on 2025-06-03", e)
			}
		}
		reviewer.fail("POST", sign, map[string]any{"on": "2025-06-04"}, http.StatusConflict, "conflict")

		clerk.json("POST", base+"/recompute", nil, http.StatusOK, &done)
		clerk.json("GET", base+"/ranking", nil, http.StatusOK, &rk)
		if done.Ranked != 2 || rk.Items[0].PersonName != "王建国" || rk.Items[0].Total != "100.00" || rk.Items[1].Total != "0.00" {
			t.Errorf("ranking after the sign-offs: %+v, want 王建国 first with 100.00", rk.Items)
		}
	})
}

func TestAppraisalWriteScope(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		op := access.With(context.Background(), access.Operator("test"))
		s := env.App.Appraisal
		sc, err := s.SaveScheme(op, env.Tree.TownB.ID, casesScheme("乙镇实绩考核"))
		if err != nil {
			t.Fatal(err)
		}
		li := cadreIn(t, env, env.Tree.VillageB.ID, "李卫东", 45)
		county := newClient(t, env, access.CountyStaff)
		county.json("POST", "/api/v1/appraisal/schemes/"+sc.ID+"/members", map[string]any{"group": "副职", "person_ids": []string{li}},
			http.StatusNoContent, nil)
		var e evidenceRecordJSON
		county.json("POST", "/api/v1/appraisal/evidence", caseClosed(li, "乙考〔2025〕9号"), http.StatusCreated, &e)
		members, evidence := count(t, env, "appraisal_members"), count(t, env, "appraisal_evidence")

		// Township A's staff may manage appraisals, but only in township A:
		// township B's scheme and record are not found, whatever the body.
		townA := accountClient(t, env, app.AccountSpec{Login: "towna.staff", Name: "甲镇干部", Role: access.CountyStaff,
			Scope: *env.Tree.TownA})
		hostile := map[string]any{"group": 1, "person_ids": "x", "on": false, "unknown": true}
		scheme := "/api/v1/appraisal/schemes/" + sc.ID
		townA.fail("GET", scheme, nil, http.StatusNotFound, "not_found")
		townA.fail("GET", scheme+"/ranking", nil, http.StatusNotFound, "not_found")
		townA.fail("POST", scheme+"/recompute", nil, http.StatusNotFound, "not_found")
		townA.fail("POST", scheme+"/members", hostile, http.StatusNotFound, "not_found")
		townA.fail("POST", "/api/v1/appraisal/evidence/"+e.ID+"/sign", hostile, http.StatusNotFound, "not_found")
		f := townA.fail("POST", "/api/v1/appraisal/evidence", caseClosed(li, "甲考〔2025〕1号"), http.StatusUnprocessableEntity, "invalid")
		if len(f.Error.Fields) != 1 || f.Error.Fields["person_id"] == "" {
			t.Errorf("evidence for township B's cadre: fields %v, want person_id alone", f.Error.Fields)
		}
		// The township organiser reads appraisals and manages none.
		organiser := newClient(t, env, access.TownshipOrganiser)
		organiser.fail("GET", scheme, nil, http.StatusNotFound, "not_found")
		organiser.fail("POST", "/api/v1/appraisal/evidence/"+e.ID+"/sign", map[string]any{"on": "2025-06-03"}, http.StatusForbidden, "forbidden")
		if m, n := count(t, env, "appraisal_members"), count(t, env, "appraisal_evidence"); m != members || n != evidence {
			t.Errorf("township A wrote into township B: members %d → %d, evidence %d → %d", members, m, evidence, n)
		}
		var signed int
		if err := env.DB.QueryRow(t.Context(), `SELECT COUNT(*) FROM appraisal_evidence WHERE signed_at > 0`).Scan(&signed); err != nil {
			t.Fatal(err)
		}
		if signed != 0 {
			t.Errorf("township B's record was signed off from township A")
		}
	})
}
