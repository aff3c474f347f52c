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

	rt.Handle("GET /people/{id}/training", access.TrainingRead, s.personTraining)

	rt.Handle("GET /training", access.TrainingRead, s.trainingHome)
	rt.Handle("POST /training/policy", access.TrainingDeptReview, s.trainingPolicy)
	rt.Handle("GET /training/compliance", access.TrainingRead, s.trainingCompliance)
	rt.Handle("GET /training/compliance/export", access.TrainingRead, s.trainingComplianceExport)
	rt.Handle("GET /training/programmes", access.TrainingRead, s.trainingProgrammes)
	rt.Handle("GET /training/programmes/new", access.TrainingManage, s.programmeNewForm)
	rt.Handle("POST /training/programmes", access.TrainingManage, s.programmeCreate)
	rt.Handle("GET /training/programmes/{id}", access.TrainingRead, s.programmeDetail)
	rt.Handle("GET /training/programmes/{id}/edit", access.TrainingManage, s.programmeEditForm)
	rt.Handle("POST /training/programmes/{id}", access.TrainingManage, s.programmeUpdate)
	rt.Handle("POST /training/programmes/{id}/enrol", access.TrainingManage, s.programmeEnrol)
	rt.Handle("POST /training/programmes/{id}/attendance", access.TrainingManage, s.programmeAttendance)
	rt.Handle("POST /training/enrolments/{id}/close", access.TrainingManage, s.enrolmentClose)
	rt.Handle("POST /training/enrolments/{id}/withdraw", access.TrainingManage, s.enrolmentWithdraw)
	rt.Handle("GET /training/reports", access.TrainingRead, s.trainingReports)
	rt.Handle("POST /training/reports", access.TrainingManage, s.reportSubmit)
	// Each review checks its own level (unit or department) in the service.
	rt.Handle("POST /training/reports/{id}/review", access.TrainingUnitReview, s.reportReview)

	rt.Handle("GET /secondments", access.SecondmentRead, s.secondmentList)
	rt.Handle("GET /secondments/export", access.SecondmentRead, s.secondmentExport)
	rt.Handle("GET /secondments/new", access.SecondmentManage, s.secondmentNewForm)
	rt.Handle("POST /secondments", access.SecondmentManage, s.secondmentCreate)
	rt.Handle("GET /secondments/{id}", access.SecondmentRead, s.secondmentDetail)
	rt.Handle("POST /secondments/{id}/extend", access.SecondmentManage, s.secondmentExtend)
	rt.Handle("POST /secondments/{id}/return", access.SecondmentManage, s.secondmentReturn)
	rt.Handle("POST /secondments/{id}/assess", access.SecondmentManage, s.secondmentAssess)

	rt.Handle("GET /selections", access.SelectionRead, s.selectionList)
	rt.Handle("GET /selections/new", access.SelectionManage, s.selectionNewForm)
	rt.Handle("POST /selections", access.SelectionManage, s.selectionCreate)
	rt.Handle("GET /selections/{id}", access.SelectionRead, s.selectionDetail)
	rt.Handle("GET /selections/{id}/notice", access.SelectionRead, s.selectionNotice)
	// A candidate's 任免审批表 and LRMX with the selection's proposal; the
	// dossier read checks the person is in the reader's scope too.
	rt.Handle("GET /selections/{id}/candidates/{pid}/form", access.SelectionRead, s.selectionForm)
	rt.Handle("GET /selections/{id}/candidates/{pid}/lrmx", access.SelectionRead, s.selectionLRMX)
	// One handler for every step: the form names its stage, the domain
	// refuses one out of order.
	rt.Handle("POST /selections/{id}/steps", access.SelectionManage, s.selectionStep)
	rt.Handle("POST /selections/{id}/objections", access.SelectionManage, s.selectionObject)
	rt.Handle("POST /selections/{id}/resolutions", access.SelectionManage, s.selectionResolve)
	// The calendar is a public notice: anyone signed in may read it.
	rt.Handle("GET /calendar", access.Authenticated, s.calendarPage)
	rt.HandleUpload("POST /calendar", access.CalendarManage, s.calendarUpload)

	rt.Handle("GET /appraisal", access.AppraisalRead, s.appraisalSchemes)
	rt.Handle("GET /appraisal/settings", access.AppraisalRead, s.appraisalSettings)
	rt.Handle("POST /appraisal/settings", access.AppraisalManage, s.appraisalSettingsSave)
	rt.Handle("GET /appraisal/{id}", access.AppraisalRead, s.appraisalRanking)
	rt.Handle("POST /appraisal/{id}/recompute", access.AppraisalManage, s.appraisalRecompute)
	rt.Handle("POST /appraisal/{id}/members", access.AppraisalManage, s.appraisalMembers)
	rt.Handle("GET /appraisal/{id}/whatif", access.AppraisalRead, s.appraisalWhatIf)
	rt.Handle("GET /appraisal/{id}/lists", access.AppraisalRead, s.appraisalLists)
	rt.Handle("GET /appraisal/{id}/people/{pid}", access.AppraisalRead, s.appraisalPerson)
	rt.Handle("POST /appraisal/{id}/people/{pid}/evidence", access.AppraisalManage, s.appraisalEvidenceAdd)
	rt.Handle("POST /appraisal/{id}/people/{pid}/evidence/{eid}/sign", access.AppraisalManage, s.appraisalEvidenceSign)

	s.talentRoutes(rt)
	s.marketRoutes(rt)
	s.stepdownRoutes(rt)
	s.schemeEditorRoutes(rt)
	s.evidenceImportRoutes(rt)

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
