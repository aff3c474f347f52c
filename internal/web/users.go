package web

import (
	"net/http"
	"net/url"
	"slices"

	"zugong/internal/access"
	"zugong/internal/auth"
	"zugong/internal/fault"
	"zugong/internal/i18n"
)

var userSizes = []int{20, 50, 100}

var userSortKeys = []string{"login", "name", "created_at"}

var userStatuses = []auth.UserStatus{auth.Enabled, auth.Disabled}

// UsersView lists accounts.
type UsersView struct {
	Page
	Filter    Form
	Rows      []auth.User
	Pager     Pager
	Sort      map[string]SortLink
	Roles     []access.Role
	Statuses  []auth.UserStatus
	CanManage bool
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, size := pageParams(q, userSizes)
	f := auth.UserFilter{Query: q.Get("q"), Sort: q.Get("sort"), Desc: q.Get("dir") == "desc", Offset: (page - 1) * size, Limit: size}
	if role := access.Role(q.Get("role")); role.Valid() {
		f.Role = role
	}
	for _, st := range userStatuses {
		if string(st) == q.Get("status") {
			f.Status = st
		}
	}
	sortKey := f.Sort
	if !slices.Contains(userSortKeys, sortKey) {
		sortKey, f.Sort, f.Desc = "login", "login", false
	}
	res, err := s.users.List(r.Context(), f)
	if err != nil {
		return err
	}
	lq := newListQuery("/users", q)
	v := &UsersView{Page: s.page(w, r, "page.users"), Filter: formOf(q), Rows: res.Items,
		Pager: newPager(lq, page, size, res.Total, userSizes), Sort: sortLinks(lq, userSortKeys, sortKey, f.Desc),
		Roles: access.Roles, Statuses: userStatuses, CanManage: access.From(r.Context()).Has(access.UserManage)}
	return s.render(w, http.StatusOK, pageUsers, v)
}

// UserNewView creates an account.
type UserNewView struct {
	Page
	Form          Form
	LocaleOptions []LocaleLink
	Others        []fault.FieldError
}

var userNewFields = []string{"login", "name", "home_org_id", "phone", "password", "password_confirm", "locale"}

func (s *Server) renderUserNew(w http.ResponseWriter, r *http.Request, status int, f Form) error {
	v := &UserNewView{Page: s.page(w, r, "page.user_new"), Form: f, Others: f.Others(userNewFields...)}
	for _, l := range i18n.Locales {
		v.LocaleOptions = append(v.LocaleOptions, LocaleLink{Locale: l, Label: localeLabels[l]})
	}
	return s.render(w, status, pageUserNew, v)
}

func (s *Server) userNewForm(w http.ResponseWriter, r *http.Request) error {
	f := formOf(url.Values{"home_org_id": {r.URL.Query().Get("home_org_id")}, "locale": {string(i18n.Default)}})
	return s.renderUserNew(w, r, http.StatusOK, f)
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	nu := auth.NewUser{Login: f.Get("login"), Name: f.Get("name"), HomeOrgID: f.Get("home_org_id"), Phone: f.Get("phone"),
		Password: f.Raw("password"), Locale: f.Get("locale")}
	confirm := f.Raw("password_confirm")
	f.Forget("password", "password_confirm")
	// The service checks every field at once; the form checks only what
	// the service cannot see.
	if nu.Password != confirm {
		f.Add("password_confirm", "account.password.mismatch")
	}
	if _, ok := i18n.Parse(nu.Locale); !ok && nu.Locale != "" {
		f.Add("locale", "field.invalid_choice")
	}
	if !f.OK() {
		return s.renderUserNew(w, r, http.StatusUnprocessableEntity, f)
	}
	u, err := s.users.Create(r.Context(), nu)
	if err != nil {
		if fault.CodeOf(err) == fault.NotFound {
			// The user itself does not exist yet: what is missing is the
			// home organisation.
			f.Add("home_org_id", "error.not_found")
		} else if !f.Absorb(err) {
			return err
		}
		return s.renderUserNew(w, r, f.Status(err), f)
	}
	s.setFlash(w, "flash.user_created")
	return redirect(w, r, "/users/"+url.PathEscape(u.ID))
}

// UserView shows one account with the forms that change it. Each form is
// shown only to a principal holding its permission.
type UserView struct {
	Page
	User *auth.User
	// Phone is the unmasked number, after a reveal.
	Phone        string
	CanGrant     bool
	CanManage    bool
	CanReveal    bool
	GrantForm    Form
	PasswordForm Form
	Roles        []access.Role
}

func (s *Server) userView(w http.ResponseWriter, r *http.Request) (*UserView, error) {
	u, err := s.users.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	p := access.From(r.Context())
	pg := s.page(w, r, "page.user")
	pg.Subject = u.Name
	return &UserView{Page: pg, User: u, CanGrant: p.Has(access.RoleGrant), CanManage: p.Has(access.UserManage),
		CanReveal: p.Has(access.SensitiveReveal), GrantForm: formOf(url.Values{}), PasswordForm: formOf(url.Values{}),
		Roles: access.Roles}, nil
}

func (s *Server) userDetail(w http.ResponseWriter, r *http.Request) error {
	v, err := s.userView(w, r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, pageUser, v)
}

func (s *Server) userGrant(w http.ResponseWriter, r *http.Request) error {
	v, err := s.userView(w, r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	role, scope := access.Role(f.Get("role")), f.Get("scope_org_id")
	if !role.Valid() {
		f.Add("role", "field.invalid_choice")
	}
	if scope == "" {
		f.Add("scope_org_id", "field.required")
	}
	var gerr error
	if f.OK() {
		if _, gerr = s.users.Grant(r.Context(), v.User.ID, role, scope); gerr != nil {
			if fault.CodeOf(gerr) == fault.NotFound {
				f.Add("scope_org_id", "error.not_found")
			} else if !f.Absorb(gerr) {
				return gerr
			}
		}
	}
	if !f.OK() {
		v.GrantForm = f
		return s.render(w, f.Status(gerr), pageUser, v)
	}
	s.setFlash(w, "flash.role_granted")
	return redirect(w, r, "/users/"+url.PathEscape(v.User.ID))
}

func (s *Server) userRevoke(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.users.Revoke(r.Context(), r.PathValue("gid")); err != nil {
		return err
	}
	s.setFlash(w, "flash.role_revoked")
	return redirect(w, r, "/users/"+url.PathEscape(id))
}

func (s *Server) userResetPassword(w http.ResponseWriter, r *http.Request) error {
	v, err := s.userView(w, r)
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	pw, confirm := f.Raw("password"), f.Raw("password_confirm")
	f.Forget("password", "password_confirm")
	if pw == "" {
		f.Add("password", "field.required")
	} else if pw != confirm {
		f.Add("password_confirm", "account.password.mismatch")
	}
	var perr error
	if f.OK() {
		if perr = s.users.ResetPassword(r.Context(), v.User.ID, pw); perr != nil && !f.Absorb(perr) {
			return perr
		}
	}
	if !f.OK() {
		v.PasswordForm = f
		return s.render(w, f.Status(perr), pageUser, v)
	}
	s.setFlash(w, "flash.password_reset")
	return redirect(w, r, "/users/"+url.PathEscape(v.User.ID))
}

func (s *Server) userSetStatus(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	st := auth.UserStatus(f.Get("status"))
	if st != auth.Enabled && st != auth.Disabled {
		var fe fault.Fields
		fe.Add("status", "field.invalid_choice")
		return fe.Err()
	}
	id := r.PathValue("id")
	if err := s.users.SetStatus(r.Context(), id, st); err != nil {
		return err
	}
	s.setFlash(w, "flash.status_changed")
	return redirect(w, r, "/users/"+url.PathEscape(id))
}

// userRevealPhone shows the unmasked phone number on the detail page. It is
// rendered, never redirected, so the number is in no URL or cookie; the
// service audits the reveal.
func (s *Server) userRevealPhone(w http.ResponseWriter, r *http.Request) error {
	v, err := s.userView(w, r)
	if err != nil {
		return err
	}
	phone, err := s.users.RevealPhone(r.Context(), v.User.ID)
	if err != nil {
		return err
	}
	v.Phone = phone
	return s.render(w, http.StatusOK, pageUser, v)
}
