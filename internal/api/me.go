package api

import (
	"net/http"
	"slices"

	"zugong/internal/access"
	"zugong/internal/fault"
)

// meJSON is the caller: who they are and what they may do where.
type meJSON struct {
	ID          string     `json:"id"`
	Login       string     `json:"login"`
	Name        string     `json:"name"`
	HomeOrgID   string     `json:"home_org_id"`
	Roles       []roleJSON `json:"roles"`
	Permissions []string   `json:"permissions"`
}

// roleJSON is one role held over the subtree of ScopeOrgID.
type roleJSON struct {
	Role        string   `json:"role"`
	ScopeOrgID  string   `json:"scope_org_id"`
	Permissions []string `json:"permissions"`
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) error {
	p := access.From(r.Context())
	if p == nil {
		return fault.New(fault.Unauthorized, "error.unauthorized")
	}
	out := meJSON{ID: p.UserID, Login: p.Login, Name: p.Name, HomeOrgID: p.HomeOrgID, Roles: []roleJSON{}, Permissions: []string{}}
	for _, g := range p.Grants {
		out.Roles = append(out.Roles, roleJSON{Role: string(g.Role), ScopeOrgID: g.ScopeOrgID, Permissions: permissionNames(g.Role.Permissions())})
	}
	for _, perm := range access.Permissions {
		if p.Has(perm) {
			out.Permissions = append(out.Permissions, string(perm))
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func permissionNames(perms []access.Permission) []string {
	out := make([]string, len(perms))
	for i, p := range perms {
		out[i] = string(p)
	}
	slices.Sort(out)
	return out
}
