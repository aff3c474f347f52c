package access

import "zugong/internal/fault"

// Role is a named set of permissions, granted over an organisation subtree.
type Role string

// The roles of DOMAIN.md §1. The three administrators (三员) are separate
// roles that no account may combine.
const (
	SystemAdmin       Role = "sysadmin"
	SecurityAdmin     Role = "secadmin"
	AuditAdmin        Role = "auditadmin"
	CountyStaff       Role = "county_staff"
	TownshipOrganiser Role = "township_organiser"
	BranchSecretary   Role = "branch_secretary"
	Leader            Role = "leader"
	Cadre             Role = "cadre"
	Talent            Role = "talent"
	Enterprise        Role = "enterprise"
	Supervisor        Role = "supervisor"
)

// Roles lists every role in display order.
var Roles = []Role{SystemAdmin, SecurityAdmin, AuditAdmin, CountyStaff, TownshipOrganiser, BranchSecretary, Leader, Cadre, Talent, Enterprise, Supervisor}

var rolePermissions = map[Role][]Permission{
	SystemAdmin:   {OrgRead, UserRead, UserManage},
	SecurityAdmin: {OrgRead, UserRead, RoleGrant},
	AuditAdmin:    {AuditRead},
	CountyStaff: {OrgRead, OrgWrite, UserRead, SensitiveReveal,
		TrainingRead, TrainingManage, TrainingUnitReview, TrainingDeptReview, SecondmentRead, SecondmentManage,
		SelectionRead, SelectionManage, CalendarManage, AppraisalRead, AppraisalManage, TalentRead, TalentManage},
	TownshipOrganiser: {OrgRead, OrgWrite, SensitiveReveal,
		TrainingRead, TrainingManage, TrainingUnitReview, SecondmentRead, SecondmentManage, AppraisalRead,
		TalentRead, TalentManage},
	BranchSecretary: {OrgRead},
	Leader:          {OrgRead, TrainingRead, SecondmentRead, SelectionRead, AppraisalRead, TalentRead},
	Supervisor:      {OrgRead},
	Cadre:           {},
	Talent:          {TalentSelf},
	Enterprise:      {},
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	_, ok := rolePermissions[r]
	return ok
}

// Allows reports whether r carries perm.
func (r Role) Allows(perm Permission) bool {
	for _, p := range rolePermissions[r] {
		if p == perm {
			return true
		}
	}
	return false
}

// Permissions returns the permissions r carries.
func (r Role) Permissions() []Permission { return rolePermissions[r] }

// Administrative reports whether r is one of the three administrators.
func (r Role) Administrative() bool {
	return r == SystemAdmin || r == SecurityAdmin || r == AuditAdmin
}

// RequiresMFA reports whether holding r makes a second factor mandatory:
// the three administrators and the county staff who keep personal dossiers.
func (r Role) RequiresMFA() bool { return r.Administrative() || r == CountyStaff }

// CheckCombination enforces the separation of the three administrators: an
// account holds at most one of them, and the audit administrator holds no
// other role at all, so it can read the trail and change nothing else.
func CheckCombination(roles []Role) error {
	admins := map[Role]bool{}
	for _, r := range roles {
		if r.Administrative() {
			admins[r] = true
		}
	}
	if len(admins) > 1 {
		return fault.New(fault.Conflict, "error.role.admin_combined")
	}
	if admins[AuditAdmin] {
		for _, r := range roles {
			if r != AuditAdmin {
				return fault.New(fault.Conflict, "error.role.audit_alone")
			}
		}
	}
	return nil
}
