package web

import (
	"net/http"

	"zugong/internal/access"
	"zugong/internal/gate"
)

// routes is the route table of the HTML surface, each route with the
// permission it needs. The permission says who may call the route at all;
// the services then check each record against the principal's scope.
func (s *Server) routes(rt *gate.Router) {
	rt.Handle("GET /static/{hash}/{name}", access.Public, s.static)

	rt.Handle("GET /signin", access.Public, s.signInForm)
	rt.Handle("POST /signin", access.Public, s.signIn)
	rt.Handle("GET /signin/2fa", access.Pending, s.secondFactorForm)
	rt.Handle("POST /signin/2fa", access.Pending, s.secondFactor)
	rt.Handle("POST /signout", access.Pending, s.signOut)

	rt.Handle("GET /account/2fa", access.Pending, s.enrolForm)
	rt.Handle("POST /account/2fa", access.Pending, s.enrol)
	rt.Handle("GET /account/password", access.Pending, s.passwordForm)
	rt.Handle("POST /account/password", access.Pending, s.changePassword)
	rt.Handle("GET /account/tokens", access.Authenticated, s.tokens)
	rt.Handle("POST /account/tokens", access.Authenticated, s.createToken)
	rt.Handle("POST /account/tokens/{id}/revoke", access.Authenticated, s.revokeToken)

	rt.Handle("GET /{$}", access.Authenticated, s.home)

	rt.Handle("GET /orgs", access.OrgRead, s.orgList)
	rt.Handle("GET /orgs/{id}", access.OrgRead, s.orgDetail)
	rt.Handle("GET /orgs/{id}/change", access.OrgWrite, s.orgChangeForm)
	rt.Handle("POST /orgs/{id}/change", access.OrgWrite, s.orgChange)

	rt.Handle("GET /people", access.OrgRead, s.peopleList)
	rt.Handle("GET /people/forms", access.OrgRead, s.printForms)
	rt.Handle("GET /people/import", access.OrgWrite, s.importForm)
	rt.HandleUpload("POST /people/import", access.OrgWrite, s.importUpload)
	rt.HandleUpload("POST /people/import/problems", access.OrgWrite, s.importProblems)
	rt.Handle("GET /people/import/template", access.OrgWrite, s.importTemplate)
	// Exports and the data-quality audit read ID numbers in clear.
	rt.Handle("GET /people/export", access.SensitiveReveal, s.peopleExport)
	rt.Handle("GET /people/quality", access.SensitiveReveal, s.qualityReport)
	rt.Handle("GET /people/quality/export", access.SensitiveReveal, s.qualityExport)
	rt.Handle("GET /people/{id}", access.OrgRead, s.personDetail)
	rt.Handle("GET /people/{id}/photo", access.OrgRead, s.personPhoto)
	rt.Handle("POST /people/{id}/id-number", access.SensitiveReveal, s.personRevealID)
	rt.Handle("GET /people/{id}/form", access.OrgRead, s.printForm)

	rt.Handle("GET /users", access.UserRead, s.userList)
	rt.Handle("GET /users/new", access.UserManage, s.userNewForm)
	rt.Handle("POST /users", access.UserManage, s.userCreate)
	rt.Handle("GET /users/{id}", access.UserRead, s.userDetail)
	rt.Handle("POST /users/{id}/grants", access.RoleGrant, s.userGrant)
	rt.Handle("POST /users/{id}/grants/{gid}/revoke", access.RoleGrant, s.userRevoke)
	rt.Handle("POST /users/{id}/password", access.UserManage, s.userResetPassword)
	rt.Handle("POST /users/{id}/status", access.UserManage, s.userSetStatus)
	rt.Handle("POST /users/{id}/phone", access.SensitiveReveal, s.userRevealPhone)

	rt.Handle("GET /audit", access.AuditRead, s.auditList)
	rt.Handle("GET /audit/export", access.AuditRead, s.auditExport)

	// Everything else is a not-found page in the user's language.
	rt.Handle("GET /", access.Public, s.notFound)
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) error {
	s.assets.serve(w, r)
	return nil
}
