package app_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/appraisal"
	"zugong/internal/auth"
	"zugong/internal/civil"
	"zugong/internal/gate"
	"zugong/internal/person"
	"zugong/internal/secondment"
	"zugong/internal/selection"
	"zugong/internal/store"
	"zugong/internal/talent"
	"zugong/internal/training"
)

// other is the record of township B that township A's organiser tries to
// reach through every route.
type other struct {
	orgID, userID, userLogin, grantID, tokenID, personID string
	programmeID, enrolmentID, reportID                   string
	secondmentID                                         string
	selectionID                                          string
	appraisalID, evidenceID                              string
	talentID, projectID, applicationID, serviceID        string
	names                                                []string
}

// TestEveryRouteKeepsTownshipsApart walks every route of the web UI, the API
// and the probes as the organiser of township A, aiming each at township B's
// records, and proves that none of them is shown or changed: parameterised
// routes answer 403 or 404, listings never mention township B, and township
// B's rows are unchanged afterwards. A route whose path parameter the walk
// does not know fails the test, so a new route must be considered here.
func TestEveryRouteKeepsTownshipsApart(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		o := seedOther(t, env)
		before := fingerprint(t, env, o)
		web := env.Client(t, access.TownshipOrganiser)
		token := env.Token(t, access.TownshipOrganiser)

		type walk struct {
			surface string
			route   gate.Route
		}
		var walks []walk
		for _, r := range env.Surfaces.Web.Routes() {
			walks = append(walks, walk{"web", r})
		}
		for _, r := range env.Surfaces.API.Routes() {
			walks = append(walks, walk{"api", r})
		}
		for _, r := range env.Surfaces.Ops.Routes() {
			walks = append(walks, walk{"ops", r})
		}
		// Signing out ends the session the walk uses: do it last.
		sort.SliceStable(walks, func(i, j int) bool {
			return !strings.HasPrefix(walks[i].route.Path, "/signout") && strings.HasPrefix(walks[j].route.Path, "/signout")
		})
		for _, w := range walks {
			path, targeted := substitute(t, w.route.Path, o)
			name := w.surface + " " + w.route.Method + " " + w.route.Path
			var status int
			var body string
			if w.surface == "api" {
				status, body = apiCall(t, env, token, w.route.Method, path, o)
			} else {
				resp := send(t, web, w.route.Method, path, o)
				status, body = resp.StatusCode, apptest.Body(t, resp)
			}
			if targeted && status != http.StatusForbidden && status != http.StatusNotFound {
				t.Errorf("%s aimed at township B: status %d, want 403 or 404", name, status)
			}
			carried := path
			if w.route.Method == http.MethodPost {
				carried += "?" + hostileForm(o).Encode()
			}
			for _, n := range o.names {
				// An id the request itself carries may be echoed back (in
				// links of the error page, or in a refused form that keeps
				// what was typed); that tells nothing.
				if strings.Contains(body, n) && !strings.Contains(carried, n) {
					t.Errorf("%s: the response mentions township B's %q", name, n)
				}
			}
		}
		if after := fingerprint(t, env, o); after != before {
			t.Errorf("township B's records changed during the walk:\nbefore %s\nafter  %s", before, after)
		}
	})
}

// seedOther makes an account in township B with a grant, and finds a token
// of another user, so that every kind of path parameter has a foreign target.
func seedOther(t *testing.T, env *apptest.Env) other {
	t.Helper()
	op := access.With(context.Background(), access.Operator("test"))
	u, err := env.App.Users.Create(op, auth.NewUser{Login: "townb.staff", Name: "乙镇干部", HomeOrgID: env.Tree.TownB.ID, Password: "Other-Town-2026!"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := env.App.Users.Grant(op, u.ID, access.TownshipOrganiser, env.Tree.TownB.ID)
	if err != nil {
		t.Fatal(err)
	}
	env.Token(t, access.CountyStaff)
	tokens, err := env.App.Users.ListTokens(env.Principal(t, access.CountyStaff))
	if err != nil || len(tokens) == 0 {
		t.Fatalf("county staff tokens: %v, %v", tokens, err)
	}
	d, err := env.App.People.Save(op, &person.Dossier{Person: person.Person{OrgID: env.Tree.VillageB.ID, Name: "乙村党员",
		Gender: "1", BirthDate: civil.MustParse("1970-05-06"), IDNumber: "411724197005061231"},
		Cadre: &person.Cadre{Posts: []person.Post{{UnitName: "乙村", Title: "驻村干部", Rank: "副科级", Current: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	pr, err := env.App.Training.SaveProgramme(op, &training.Programme{OrgID: env.Tree.TownB.ID, Title: "乙镇培训班",
		Mode: training.Centralised, Kind: training.KindInService, Start: civil.MustParse("2026-03-02"), End: civil.MustParse("2026-03-02"),
		Sessions: []training.Session{{Date: civil.MustParse("2026-03-02"), Hours: training.HoursOf(7)}}, CountsTowardQuota: true})
	if err != nil {
		t.Fatal(err)
	}
	enrolment, err := env.App.Training.Enrol(op, pr.ID, d.Person.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	report, err := env.App.Training.SubmitReport(op, &training.SelfReport{PersonID: d.Person.ID, Kind: training.Network,
		Title: "乙镇网络培训", Start: civil.MustParse("2026-03-01"), End: civil.MustParse("2026-03-05"), Hours: training.HoursOf(10), Evidence: "证书"})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := env.App.Secondments.Save(op, &secondment.Secondment{PersonID: d.Person.ID, Kind: secondment.Up,
		HostUnit: "驻马店市乙局", HostPost: "乙镇上挂科员", Start: civil.MustParse("2026-03-01"), End: civil.MustParse("2027-02-28"), FullTime: true})
	if err != nil {
		t.Fatal(err)
	}
	sel, err := env.App.Selections.Open(op, env.Tree.TownB.ID, "汝南埠镇党委副书记", selection.Motion{
		Record:   selection.Record{Date: civil.MustParse("2026-03-02"), Organ: env.Tree.County.ID, Reference: "正组〔2026〕3号"},
		WorkPlan: "乙镇选任工作方案", Posts: 1, Approved: 2, Occupied: 1})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := env.App.Appraisal.SaveScheme(op, env.Tree.TownB.ID, &appraisal.Scheme{Name: "乙镇实绩考核", Group: "township_deputies",
		Period: appraisal.Period{From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-12-31")},
		Indicators: []appraisal.Indicator{{Code: "D1", Name: "乙镇办结案件", Orientation: appraisal.OrientDevelopment, Weight: appraisal.FullMarks,
			Direction: appraisal.HigherBetter, Method: appraisal.Ranked, Measure: appraisal.MeasureCasesClosed}}})
	if err != nil {
		t.Fatal(err)
	}
	ev := []appraisal.Evidence{{PersonID: d.Person.ID, Kind: appraisal.KindCaseClosed, Date: civil.MustParse("2025-05-01"),
		DocumentNo: "乙考〔2025〕9号", SignOff: appraisal.SignOff{Reviewer: "乙镇审核人", On: civil.MustParse("2025-05-03")}}}
	if err := env.App.Appraisal.SeedAppraisal(op, sc.ID, []store.AppraisalMember{{PersonID: d.Person.ID, Group: "乙镇副职"}}, ev); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Appraisal.Recompute(op, sc.ID); err != nil {
		t.Fatal(err)
	}
	tw := seedOtherTalent(t, env, op)
	return other{talentID: tw.talentID, projectID: tw.projectID, applicationID: tw.applicationID, serviceID: tw.serviceID,
		appraisalID: sc.ID, evidenceID: ev[0].ID, orgID: env.Tree.VillageB.ID, userID: u.ID, userLogin: u.Login, grantID: g.ID, tokenID: tokens[0].ID,
		selectionID: sel.ID, personID: d.Person.ID, secondmentID: sec.ID, programmeID: pr.ID, enrolmentID: enrolment.ID, reportID: report.ID, names: []string{sc.ID, sc.Name, ev[0].DocumentNo, sel.ID, sel.Post, sec.ID, sec.HostUnit, sec.HostPost, pr.ID, pr.Title, enrolment.ID, report.ID, report.Title, env.Tree.TownB.Name, env.Tree.VillageB.Name, env.Tree.VillageB.ID,
			env.Tree.TownB.ID, u.Login, u.ID, d.Person.ID, d.Person.Name, "5061231", tw.talentID, tw.talentName,
			tw.projectID, tw.projectTitle, tw.applicationID, tw.serviceID, tw.entityName}}
}

// otherTalent is township B's talent work: a talent, a project of the
// township with the talent invited, an engagement, an entity and a service.
type otherTalent struct {
	talentID, talentName, projectID, projectTitle, applicationID, serviceID, entityName string
}

func seedOtherTalent(t *testing.T, env *apptest.Env, op context.Context) otherTalent {
	t.Helper()
	d, err := env.App.People.Save(op, &person.Dossier{Person: person.Person{OrgID: env.Tree.VillageB.ID, Name: "乙村能人",
		Gender: "2", BirthDate: civil.MustParse("1982-07-08"), IDNumber: "411724198207081243"},
		Talent: &person.Talent{Category: person.TalentRural, Skills: []person.Skill{{Name: "乙村水产养殖", Level: 4}},
			Availability: person.Available, Forms: []person.FlowForm{person.FlowPartTime}, Region: "411724"}})
	if err != nil {
		t.Fatal(err)
	}
	tw := otherTalent{talentID: d.Person.ID, talentName: d.Person.Name, entityName: "乙村鱼跃合作社"}
	s := env.App.Talent
	p, err := s.SaveProject(op, &talent.Project{OrgID: env.Tree.TownB.ID,
		Owner: talent.Owner{Kind: talent.OwnerOrganisation, ID: env.Tree.TownB.ID, Name: "乙镇人民政府"},
		Title: "乙镇鱼塘项目", Description: "乙镇鱼塘改造", Skills: []talent.Requirement{{Skill: "养殖", MinLevel: 2, Weight: 2}},
		Forms: []talent.Form{talent.PartTime}, Region: "411724", Start: civil.MustParse("2026-01-01"),
		End: civil.MustParse("2030-12-31"), Openings: 3, Deadline: civil.MustParse("2030-06-30"), Visibility: talent.Public})
	if err != nil {
		t.Fatal(err)
	}
	tw.projectID, tw.projectTitle = p.ID, p.Title
	a, err := s.Propose(op, &talent.Application{ProjectID: p.ID, TalentID: d.Person.ID, Kind: talent.Invite,
		Form: talent.PartTime, Factors: []talent.Factor{{Kind: talent.Technology}}})
	if err != nil {
		t.Fatal(err)
	}
	tw.applicationID = a.ID
	if _, err := s.SaveEngagement(op, &talent.Engagement{TalentID: d.Person.ID, ProjectID: p.ID, Form: talent.PartTime,
		Factors: []talent.Factor{{Kind: talent.Information}}, Start: civil.MustParse("2026-02-01"), Status: talent.Active}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEntity(op, &talent.Entity{OrgID: env.Tree.VillageB.ID, Name: tw.entityName, Type: talent.Cooperative,
		CreditCode: "93411724MA0000007E", Founded: civil.MustParse("2026-03-01"), Founders: []string{d.Person.ID}}); err != nil {
		t.Fatal(err)
	}
	sv, err := s.SaveService(op, &talent.Service{TalentID: d.Person.ID, Date: civil.MustParse("2026-04-01"),
		Kind: talent.TechnicalGuidance, Beneficiaries: 12, Evidence: "乙村签到表"})
	if err != nil {
		t.Fatal(err)
	}
	tw.serviceID = sv.ID
	return tw
}

// substitute fills a route's path parameters with township B's records and
// reports whether the route targets one.
func substitute(t *testing.T, path string, o other) (string, bool) {
	t.Helper()
	path = strings.TrimSuffix(path, "{$}")
	if !strings.Contains(path, "{") {
		// Listings and batch pages take records by query: aim those too.
		return path + "?under=" + o.orgID + "&id=" + o.personID, false
	}
	var id string
	switch {
	case strings.HasPrefix(path, "/static/"):
		return "/static/0/none.css", false
	case strings.HasPrefix(path, "/orgs/"), strings.HasPrefix(path, "/api/v1/orgs/"):
		id = o.orgID
	case strings.HasPrefix(path, "/people/"), strings.HasPrefix(path, "/api/v1/people/"):
		id = o.personID
	case strings.HasPrefix(path, "/secondments/"), strings.HasPrefix(path, "/api/v1/secondments/"):
		id = o.secondmentID
	case strings.HasPrefix(path, "/users/"), strings.HasPrefix(path, "/api/v1/users/"):
		id = o.userID
	case strings.HasPrefix(path, "/api/v1/grants/"):
		id = o.grantID
	case strings.HasPrefix(path, "/account/tokens/"):
		id = o.tokenID
	case strings.HasPrefix(path, "/training/programmes/"), strings.HasPrefix(path, "/api/v1/training/programmes/"):
		id = o.programmeID
	case strings.HasPrefix(path, "/training/enrolments/"), strings.HasPrefix(path, "/api/v1/training/enrolments/"):
		id = o.enrolmentID
	case strings.HasPrefix(path, "/training/reports/"), strings.HasPrefix(path, "/api/v1/training/reports/"):
		id = o.reportID
	case strings.HasPrefix(path, "/selections/"), strings.HasPrefix(path, "/api/v1/selections/"):
		id = o.selectionID
	case strings.HasPrefix(path, "/appraisal/"), strings.HasPrefix(path, "/api/v1/appraisal/schemes/"):
		id = o.appraisalID
	case strings.HasPrefix(path, "/api/v1/appraisal/evidence/"):
		id = o.evidenceID
	case strings.HasPrefix(path, "/talent/pool/"), strings.HasPrefix(path, "/api/v1/talent/pool/"):
		id = o.talentID
	case strings.HasPrefix(path, "/talent/projects/"), strings.HasPrefix(path, "/api/v1/talent/projects/"),
		strings.HasPrefix(path, "/me/market/"):
		id = o.projectID
	case strings.HasPrefix(path, "/talent/applications/"), strings.HasPrefix(path, "/api/v1/talent/applications/"),
		strings.HasPrefix(path, "/me/applications/"):
		id = o.applicationID
	case strings.HasPrefix(path, "/talent/services/"):
		id = o.serviceID
	case strings.HasPrefix(path, "/api/v1/calendar/"):
		// The calendar is national: no township owns a year.
		return strings.Replace(path, "{year}", "2025", 1), false
	default:
		t.Fatalf("the walk does not know what to put in %s: add the route to substitute", path)
	}
	out := strings.NewReplacer("{id}", id, "{gid}", o.grantID, "{pid}", o.personID, "{eid}", o.evidenceID).Replace(path)
	if strings.Contains(out, "{") {
		t.Fatalf("the walk does not know a parameter of %s", path)
	}
	return out, true
}

// hostileForm is what every POST carries: each field that names a record
// names township B's.
func hostileForm(o other) url.Values {
	return url.Values{
		"kind": {"rename"}, "new_name": {"改名"}, "name": {"新组织"}, "effective_on": {"2026-01-15"},
		"parent_id": {o.orgID}, "target_id": {o.orgID}, "org_id": {o.orgID}, "home_org_id": {o.orgID},
		"scope_org_id": {o.orgID}, "role": {"leader"}, "status": {"disabled"}, "login": {"intruder"},
		"password": {"Intruder-Pass-2026"}, "new_password": {"Intruder-Pass-2026"}, "code": {"000000"},
		"person": {o.personID}, "programme": {o.programmeID}, "org": {o.orgID}, "session": {"1"},
		"presence." + o.enrolmentID: {"absent"}, "level": {"unit"}, "decision": {"approve"},
		"home_org": {o.orgID}, "host_org": {o.orgID},
		"talent_id": {o.talentID}, "project_id": {o.projectID}, "founders": {o.talentID},
	}
}

func send(t *testing.T, c *apptest.Client, method, path string, o other) *http.Response {
	t.Helper()
	switch method {
	case http.MethodGet:
		return c.Get(path)
	case http.MethodPost:
		return c.PostForm(path, hostileForm(o))
	}
	t.Fatalf("the walk does not send %s", method)
	return nil
}

func apiCall(t *testing.T, env *apptest.Env, token, method, path string, o other) (int, string) {
	t.Helper()
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader(`{"kind":"rename","new_name":"改名","name":"新组织","effective_on":"2026-01-15","parent_id":"` +
			o.orgID + `","target_id":"` + o.orgID + `","role":"leader","scope_org_id":"` + o.orgID + `"}`)
	}
	req, err := http.NewRequest(method, env.Server.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, apptest.Body(t, resp)
}

// fingerprint summarises township B's rows: organisations, the account and
// its grants. Any change shows as a different string.
func fingerprint(t *testing.T, env *apptest.Env, o other) string {
	t.Helper()
	ctx := context.Background()
	var orgs, versions int
	lo, hi := env.Tree.TownB.Path, env.Tree.TownB.Path[:len(env.Tree.TownB.Path)-1]+"0"
	if err := env.DB.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(version), 0) FROM orgs WHERE path >= ? AND path < ?`, lo, hi).Scan(&orgs, &versions); err != nil {
		t.Fatal(err)
	}
	var userVersion, grants int
	var status string
	if err := env.DB.QueryRow(ctx, `SELECT version, status FROM users WHERE id = ?`, o.userID).Scan(&userVersion, &status); err != nil {
		t.Fatal(err)
	}
	if err := env.DB.QueryRow(ctx, `SELECT COUNT(*) FROM grants WHERE user_id = ?`, o.userID).Scan(&grants); err != nil {
		t.Fatal(err)
	}
	var revoked int64
	if err := env.DB.QueryRow(ctx, `SELECT revoked_at FROM api_tokens WHERE id = ?`, o.tokenID).Scan(&revoked); err != nil {
		t.Fatal(err)
	}
	var personVersion int
	if err := env.DB.QueryRow(ctx, `SELECT version FROM people WHERE id = ?`, o.personID).Scan(&personVersion); err != nil {
		t.Fatal(err)
	}
	var training string
	if err := env.DB.QueryRow(ctx, `SELECT (SELECT version FROM training_programmes WHERE id = ?) || ':' ||
		(SELECT version FROM training_enrolments WHERE id = ?) || ':' || (SELECT version FROM training_reports WHERE id = ?) || ':' ||
		(SELECT COUNT(*) FROM training_credits WHERE person_id = ?) || ':' || (SELECT COUNT(*) FROM training_enrolments WHERE person_id = ?)`,
		o.programmeID, o.enrolmentID, o.reportID, o.personID, o.personID).Scan(&training); err != nil {
		t.Fatal(err)
	}
	var secondments string
	if err := env.DB.QueryRow(ctx, `SELECT COUNT(*) || ':' || COALESCE(SUM(version), 0) FROM secondments WHERE home_org_path >= ? AND home_org_path < ?`,
		lo, hi).Scan(&secondments); err != nil {
		t.Fatal(err)
	}
	var selections string
	if err := env.DB.QueryRow(ctx, `SELECT (SELECT version FROM selections WHERE id = ?) || ':' ||
		(SELECT COUNT(*) FROM selection_steps WHERE selection_id = ?)`, o.selectionID, o.selectionID).Scan(&selections); err != nil {
		t.Fatal(err)
	}
	var appraisals string
	if err := env.DB.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM appraisal_schemes WHERE id = ?) || ':' ||
		(SELECT COUNT(*) FROM appraisal_members WHERE scheme_id = ?) || ':' || (SELECT COUNT(*) FROM appraisal_evidence WHERE person_id = ?) || ':' ||
		(SELECT COUNT(*) FROM appraisal_evidence WHERE person_id = ? AND signed_at > 0) || ':' ||
		(SELECT COALESCE(SUM(published_at), 0) FROM appraisal_results WHERE scheme_id = ?)`,
		o.appraisalID, o.appraisalID, o.personID, o.personID, o.appraisalID).Scan(&appraisals); err != nil {
		t.Fatal(err)
	}
	var talentWork string
	if err := env.DB.QueryRow(ctx, `SELECT (SELECT version FROM people WHERE id = ?) || ':' ||
		(SELECT version FROM talent_projects WHERE id = ?) || ':' || (SELECT version FROM talent_applications WHERE id = ?) || ':' ||
		(SELECT version FROM talent_services WHERE id = ?) || ':' ||
		(SELECT COUNT(*) || '.' || COALESCE(SUM(version), 0) FROM talent_engagements WHERE person_id = ?) || ':' ||
		(SELECT COUNT(*) FROM talent_entity_founders WHERE person_id = ?) || ':' ||
		(SELECT COUNT(*) FROM talent_applications WHERE project_id = ?)`,
		o.talentID, o.projectID, o.applicationID, o.serviceID, o.talentID, o.talentID, o.projectID).Scan(&talentWork); err != nil {
		t.Fatal(err)
	}
	return strings.Join([]string{talentWork, appraisals, strconv.Itoa(orgs), strconv.Itoa(versions), strconv.Itoa(userVersion), status, strconv.Itoa(grants), strconv.Itoa(int(revoked)), strconv.Itoa(personVersion), training, secondments, selections}, "/")
}
