package api

import (
	"net/http"

	"zugong/internal/access"
	"zugong/internal/auth"
	"zugong/internal/fault"
)

// userJSON is an account as administrators see it; the phone number is
// masked (POST /users/{id}/phone/reveal unmasks it, audited).
type userJSON struct {
	ID                 string      `json:"id"`
	Login              string      `json:"login"`
	Name               string      `json:"name"`
	HomeOrgID          string      `json:"home_org_id"`
	HomeOrgName        string      `json:"home_org_name"`
	PhoneMasked        string      `json:"phone_masked"`
	MustChangePassword bool        `json:"must_change_password"`
	TOTPEnabled        bool        `json:"totp_enabled"`
	Status             string      `json:"status"`
	Locale             string      `json:"locale"`
	Version            int         `json:"version"`
	CreatedAt          string      `json:"created_at"`
	UpdatedAt          string      `json:"updated_at"`
	Grants             []grantJSON `json:"grants"`
}

type grantJSON struct {
	ID           string `json:"id"`
	UserID       string `json:"user_id"`
	Role         string `json:"role"`
	ScopeOrgID   string `json:"scope_org_id"`
	ScopeOrgName string `json:"scope_org_name"`
	GrantedBy    string `json:"granted_by"`
	GrantedAt    string `json:"granted_at"`
}

func userView(u *auth.User) userJSON {
	out := userJSON{
		ID: u.ID, Login: u.Login, Name: u.Name, HomeOrgID: u.HomeOrgID, HomeOrgName: u.HomeOrgName,
		PhoneMasked: u.PhoneMasked, MustChangePassword: u.MustChangePassword, TOTPEnabled: u.TOTPEnabled,
		Status: string(u.Status), Locale: u.Locale, Version: u.Version, CreatedAt: instant(u.CreatedAt),
		UpdatedAt: instant(u.UpdatedAt), Grants: make([]grantJSON, len(u.Grants)),
	}
	for i := range u.Grants {
		out.Grants[i] = grantView(&u.Grants[i])
	}
	return out
}

func grantView(g *auth.GrantRecord) grantJSON {
	return grantJSON{ID: g.ID, UserID: g.UserID, Role: string(g.Role), ScopeOrgID: g.ScopeOrgID,
		ScopeOrgName: g.ScopeOrgName, GrantedBy: g.GrantedBy, GrantedAt: instant(g.GrantedAt)}
}

func validUserStatus(s string) bool {
	return auth.UserStatus(s) == auth.Enabled || auth.UserStatus(s) == auth.Disabled
}

// listUsers lists the accounts the caller may read.
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := auth.UserFilter{
		Query:  p.str("q"),
		Role:   access.Role(p.choice("role", func(v string) bool { return access.Role(v).Valid() })),
		Status: auth.UserStatus(p.choice("status", validUserStatus)),
		Limit:  p.limit(),
	}
	listing := listingKey("users", f.Query, string(f.Role), string(f.Status))
	st := p.cursor(listing)
	f.Offset = st.Offset
	if err := p.err(); err != nil {
		return err
	}
	pg, err := s.users.List(r.Context(), f)
	if err != nil {
		return err
	}
	items := make([]userJSON, len(pg.Items))
	for i := range pg.Items {
		items[i] = userView(&pg.Items[i])
	}
	return writeJSON(w, http.StatusOK, newPage(items, offsetCursor(st, len(items), pg.Total)))
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) error {
	u, err := s.users.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userView(u))
}

type createUserRequest struct {
	Login     string `json:"login"`
	Name      string `json:"name"`
	HomeOrgID string `json:"home_org_id"`
	Phone     string `json:"phone"`
	Password  string `json:"password"`
	Locale    string `json:"locale"`
}

// createUser opens an account; its password must be changed at first sign-in
// if the service says so.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	var req createUserRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	u, err := s.users.Create(r.Context(), auth.NewUser{Login: req.Login, Name: req.Name, HomeOrgID: req.HomeOrgID,
		Phone: req.Phone, Password: req.Password, Locale: req.Locale})
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/users/"+u.ID)
	return writeJSON(w, http.StatusCreated, userView(u))
}

type grantRequest struct {
	Role       string `json:"role"`
	ScopeOrgID string `json:"scope_org_id"`
}

// grantRole gives a role over a subtree; the service enforces the separation
// of the three administrators and refuses grants to oneself.
func (s *Server) grantRole(w http.ResponseWriter, r *http.Request) error {
	var req grantRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	// The role is an enumeration the API reads, like ?kind=: refuse an
	// unknown one here rather than rely on every service to.
	if !access.Role(req.Role).Valid() {
		var f fault.Fields
		f.Add("role", "field.invalid_choice")
		return f.Err()
	}
	g, err := s.users.Grant(r.Context(), r.PathValue("id"), access.Role(req.Role), req.ScopeOrgID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, grantView(g))
}

func (s *Server) revokeGrant(w http.ResponseWriter, r *http.Request) error {
	if err := s.users.Revoke(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// revealPhone unmasks an account's phone number; the service audits it. The
// request has no body.
func (s *Server) revealPhone(w http.ResponseWriter, r *http.Request) error {
	phone, err := s.users.RevealPhone(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Phone string `json:"phone"`
	}{phone})
}
