// Package access decides who may do what where. A Principal holds the roles a
// user was granted, each over an organisation subtree; Check is the one place
// that compares a principal, a permission and the organisation a record belongs
// to. Services call Check before they return or change a scoped record, and the
// HTTP adapters refuse a route whose permission the principal holds nowhere.
package access

import (
	"context"
	"strings"

	"zugong/internal/fault"
)

// Permission names one kind of action.
type Permission string

// The permissions of the foundation. Later parts add theirs here.
const (
	// Authenticated is held by every signed-in user: own profile, 2FA, sign-out.
	Authenticated Permission = "self"
	OrgRead       Permission = "org.read"
	OrgWrite      Permission = "org.write"
	UserRead      Permission = "user.read"
	UserManage    Permission = "user.manage"
	RoleGrant     Permission = "role.grant"
	AuditRead     Permission = "audit.read"
	// SensitiveReveal lets a user unmask ID and phone numbers; each reveal is audited.
	SensitiveReveal Permission = "sensitive.reveal"
	// TrainingRead shows programmes, training records and quota compliance
	// of the people in scope; TrainingManage runs programmes (enrolment,
	// attendance, completion) and enters self-reported training.
	TrainingRead   Permission = "training.read"
	TrainingManage Permission = "training.manage"
	// TrainingUnitReview and TrainingDeptReview are the two levels that
	// approve self-reported training: the cadre's unit, then the
	// organisation department.
	TrainingUnitReview Permission = "training.review.unit"
	TrainingDeptReview Permission = "training.review.dept"
	// SecondmentRead and SecondmentManage cover secondments (挂职), scoped
	// by the cadre's home unit.
	SecondmentRead   Permission = "secondment.read"
	SecondmentManage Permission = "secondment.manage"
	// AppraisalRead shows appraisal schemes, rankings and explanations;
	// AppraisalManage saves schemes, enters and signs off evidence and
	// publishes rankings.
	AppraisalRead   Permission = "appraisal.read"
	AppraisalManage Permission = "appraisal.manage"
	// SelectionRead and SelectionManage cover the selection and appointment
	// workflow (选拔任用), scoped by the unit whose post is filled.
	SelectionRead   Permission = "selection.read"
	SelectionManage Permission = "selection.manage"
	// CalendarManage adds or replaces a year of the working-day calendar,
	// which is national and so held without regard to scope.
	CalendarManage Permission = "calendar.manage"
	// TalentRead shows the talent pool, the project market, engagements,
	// entities, services and their figures, scoped by the talent's home
	// organisation (entities and projects by their own); TalentManage
	// records them, invites talents and decides applications.
	TalentRead   Permission = "talent.read"
	TalentManage Permission = "talent.manage"
	// TalentSelf lets a talent keep their own profile, browse the projects
	// open to them, apply, answer invitations and report services. It
	// reaches only the person the account is linked to
	// (Principal.PersonID).
	TalentSelf Permission = "talent.self"
)

// Route-only permissions: they are never granted; the HTTP adapters use them
// to mark routes open to everyone, or to a session that has passed its
// password but not yet its second factor.
const (
	Public  Permission = "public"
	Pending Permission = "pending"
)

// Permissions lists every permission, for listings and route checks.
var Permissions = []Permission{Authenticated, OrgRead, OrgWrite, UserRead, UserManage, RoleGrant, AuditRead, SensitiveReveal,
	TrainingRead, TrainingManage, TrainingUnitReview, TrainingDeptReview, SecondmentRead, SecondmentManage,
	SelectionRead, SelectionManage, CalendarManage, AppraisalRead, AppraisalManage, TalentRead, TalentManage, TalentSelf}

// Grant is one role held over one organisation subtree. ScopePath is the
// materialised path of the scope organisation ("/id/id/").
type Grant struct {
	Role           Role
	ScopeOrgID     string
	ScopePath      string
	JurisdictionID string
}

// Principal is the signed-in user on whose behalf a request runs.
type Principal struct {
	UserID         string
	Login          string
	Name           string
	HomeOrgID      string
	JurisdictionID string
	// PersonID is the registry person the account belongs to, for the
	// self-service roles (a talent keeping their profile); empty for staff.
	PersonID string
	Grants   []Grant
	// MFA reports whether the session passed its second factor;
	// MFARequired whether the user must pass one (enrolled, or holding a
	// role that makes it mandatory).
	MFA         bool
	MFARequired bool
	// MustChangePassword: an administrator reset the password, or it is
	// older than the policy allows. Until it is changed the session may do
	// nothing but change it (or sign out).
	MustChangePassword bool
	// Operator marks the command-line operator of a server, who acts with
	// full scope. Only cmd/zugong creates such a principal; no HTTP route can.
	Operator bool
	IP       string
}

// Ready reports whether p may act: signed in and past any second factor
// the account requires.
func (p *Principal) Ready() bool { return p != nil && (p.MFA || !p.MFARequired) }

// Operator returns the principal of the server's command-line operator.
func Operator(login string) *Principal {
	return &Principal{UserID: "operator", Login: "operator:" + login, Name: login, Operator: true, MFA: true}
}

// Has reports whether p holds perm in at least one scope.
func (p *Principal) Has(perm Permission) bool {
	if p == nil {
		return false
	}
	if perm == Authenticated || p.Operator {
		return true
	}
	for _, g := range p.Grants {
		if g.Role.Allows(perm) {
			return true
		}
	}
	return false
}

// Scopes returns the subtree paths in which p holds perm. An empty result
// means p may see nothing of that kind.
func (p *Principal) Scopes(perm Permission) []string {
	if p == nil {
		return nil
	}
	var paths []string
	for _, g := range p.Grants {
		if g.Role.Allows(perm) {
			paths = append(paths, g.ScopePath)
		}
	}
	return Minimal(paths)
}

// Check is the single scope decision of zugong: p may exercise perm on a
// record of the organisation at path only if one of p's grants for perm
// covers that path. Records outside every scope are reported as not found,
// so that a user cannot learn that a record of another township exists.
func Check(p *Principal, perm Permission, path string) error {
	if p == nil {
		return fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if !p.Has(perm) {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	if p.Operator {
		return nil
	}
	for _, scope := range p.Scopes(perm) {
		if Covers(scope, path) {
			return nil
		}
	}
	return fault.New(fault.NotFound, "error.not_found")
}

// Covers reports whether the subtree rooted at scope contains path.
func Covers(scope, path string) bool {
	return scope != "" && strings.HasPrefix(path, scope)
}

// Minimal drops paths covered by another path in the list, so a query needs
// one range per disjoint subtree.
func Minimal(paths []string) []string {
	var out []string
	for i, p := range paths {
		covered := false
		for j, q := range paths {
			if i != j && Covers(q, p) && (q != p || j < i) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, p)
		}
	}
	return out
}

type principalKey struct{}

// With returns ctx carrying p.
func With(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// From returns the principal in ctx, or nil.
func From(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// Require returns the principal in ctx holding perm somewhere, or an error.
func Require(ctx context.Context, perm Permission) (*Principal, error) {
	p := From(ctx)
	if p == nil {
		return nil, fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if !p.Has(perm) {
		return nil, fault.New(fault.Forbidden, "error.forbidden")
	}
	return p, nil
}
