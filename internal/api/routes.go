package api

import (
	"net/http"
	"strings"

	"zugong/internal/access"
	"zugong/internal/fault"
	"zugong/internal/gate"
)

// routes registers every route of the API with the permission it needs. The
// services then check each record against the principal's scopes, so a
// permission here means "may do this somewhere", never "may do this here".
// openapi.json documents exactly these routes (TestOpenAPIMatchesRoutes).
func (s *Server) routes(rt *gate.Router) {
	rt.Handle("GET /api/v1/openapi.json", access.Public, s.openAPIDoc)
	rt.Handle("GET /api/v1/me", access.Authenticated, s.me)

	rt.Handle("GET /api/v1/orgs", access.OrgRead, s.listOrgs)
	rt.Handle("POST /api/v1/orgs", access.OrgWrite, s.establishOrg)
	rt.Handle("GET /api/v1/orgs/{id}", access.OrgRead, s.getOrg)
	rt.Handle("GET /api/v1/orgs/{id}/ancestors", access.OrgRead, s.orgAncestors)
	rt.Handle("GET /api/v1/orgs/{id}/events", access.OrgRead, s.orgEvents)
	rt.Handle("POST /api/v1/orgs/{id}/changes", access.OrgWrite, s.changeOrg)

	rt.Handle("GET /api/v1/users", access.UserRead, s.listUsers)
	rt.Handle("POST /api/v1/users", access.UserManage, s.createUser)
	rt.Handle("GET /api/v1/users/{id}", access.UserRead, s.getUser)
	rt.Handle("POST /api/v1/users/{id}/grants", access.RoleGrant, s.grantRole)
	rt.Handle("DELETE /api/v1/grants/{id}", access.RoleGrant, s.revokeGrant)
	rt.Handle("POST /api/v1/users/{id}/phone/reveal", access.SensitiveReveal, s.revealPhone)

	rt.Handle("GET /api/v1/people", access.OrgRead, s.listPeople)
	rt.Handle("GET /api/v1/people/{id}", access.OrgRead, s.getPerson)
	rt.Handle("POST /api/v1/people/{id}/id-number/reveal", access.SensitiveReveal, s.revealIDNumber)

	rt.Handle("GET /api/v1/training/programmes", access.TrainingRead, s.listProgrammes)
	rt.Handle("POST /api/v1/training/programmes", access.TrainingManage, s.createProgramme)
	rt.Handle("GET /api/v1/training/programmes/{id}", access.TrainingRead, s.getProgramme)
	rt.Handle("POST /api/v1/training/programmes/{id}/enrolments", access.TrainingManage, s.enrol)
	rt.Handle("POST /api/v1/training/programmes/{id}/attendance", access.TrainingManage, s.markAttendance)
	rt.Handle("POST /api/v1/training/enrolments/{id}/close", access.TrainingManage, s.closeEnrolment)
	rt.Handle("GET /api/v1/training/compliance", access.TrainingRead, s.trainingCompliance)
	rt.Handle("POST /api/v1/training/reports", access.TrainingManage, s.submitReport)
	// The service checks the level asked for (unit or department).
	rt.Handle("POST /api/v1/training/reports/{id}/review", access.TrainingUnitReview, s.reviewReport)
	rt.Handle("GET /api/v1/people/{id}/training", access.TrainingRead, s.personTraining)

	rt.Handle("GET /api/v1/secondments", access.SecondmentRead, s.listSecondments)
	rt.Handle("POST /api/v1/secondments", access.SecondmentManage, s.createSecondment)
	rt.Handle("GET /api/v1/secondments/{id}", access.SecondmentRead, s.getSecondment)

	rt.Handle("GET /api/v1/selections", access.SelectionRead, s.listSelections)
	rt.Handle("GET /api/v1/selections/{id}", access.SelectionRead, s.getSelection)
	rt.Handle("POST /api/v1/selections/{id}/steps", access.SelectionManage, s.recordSelectionStep)
	// The working-day calendar is a public notice: anyone signed in may read it.
	rt.Handle("GET /api/v1/calendar/{year}", access.Authenticated, s.calendarYear)

	s.talentRoutes(rt)

	rt.Handle("GET /api/v1/appraisal/schemes/{id}", access.AppraisalRead, s.getAppraisalScheme)
	rt.Handle("GET /api/v1/appraisal/schemes/{id}/ranking", access.AppraisalRead, s.appraisalRanking)
	rt.Handle("GET /api/v1/appraisal/schemes/{id}/people/{pid}/explanation", access.AppraisalRead, s.appraisalExplanation)
	rt.Handle("POST /api/v1/appraisal/schemes/{id}/recompute", access.AppraisalManage, s.recomputeAppraisal)
	rt.Handle("POST /api/v1/appraisal/schemes/{id}/members", access.AppraisalManage, s.addAppraisalMembers)
	rt.Handle("POST /api/v1/appraisal/evidence", access.AppraisalManage, s.addAppraisalEvidence)
	rt.Handle("POST /api/v1/appraisal/evidence/{id}/sign", access.AppraisalManage, s.signAppraisalEvidence)

	rt.Handle("GET /api/v1/audit", access.AuditRead, s.listAudit)

	// Fallbacks, not endpoints: every other path under /api/ answers
	// in the API's error shape (404, or 405 with Allow) instead of the
	// mux's plain-text page. They are the only routes on fallbackPath.
	s.endpoints = rt.Routes()
	for _, m := range fallbackMethods {
		rt.Handle(m+" "+fallbackPath, access.Public, s.noRoute)
	}
}

// fallbackPath matches every path under /api/ (where the application mounts
// this router) that no endpoint matches.
const fallbackPath = "/api/"

var fallbackMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

// methodError reports a known path asked with a method it does not accept.
type methodError struct{ allow []string }

func (e *methodError) Error() string {
	return "method not allowed; allow " + strings.Join(e.allow, ", ")
}

// noRoute answers a request no endpoint matched.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) error {
	if allow := s.allowed(r.URL.Path); len(allow) > 0 {
		return &fault.Error{Code: fault.NotFound, Key: "api.method_not_allowed", Args: []any{r.Method}, Err: &methodError{allow: allow}}
	}
	return fault.New(fault.NotFound, "api.route.not_found")
}

// allowed lists the methods the endpoints accept on path.
func (s *Server) allowed(path string) []string {
	var out []string
	for _, rt := range s.endpoints {
		if pathMatches(rt.Path, path) {
			out = append(out, rt.Method)
			if rt.Method == http.MethodGet {
				out = append(out, http.MethodHead)
			}
		}
	}
	return out
}

// pathMatches reports whether path fits pattern, where a "{name}" segment
// matches any one non-empty segment.
func pathMatches(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i, p := range ps {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if xs[i] == "" {
				return false
			}
		} else if p != xs[i] {
			return false
		}
	}
	return true
}
