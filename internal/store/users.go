package store

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/auth"
	"zugong/internal/fault"
	"zugong/internal/i18n"
	"zugong/internal/vault"
)

// UserService implements auth.Users on the database: accounts, grants and
// API tokens, administered on behalf of the principal in the context. An
// account belongs to the subtree of its home organisation: administrators
// see and change the accounts whose home lies in their scope.
type UserService struct {
	db     *DB
	hasher *auth.Hasher
}

var _ auth.Users = (*UserService)(nil)

// Users returns the account service. It hashes passwords with
// auth.DefaultHasher(), the process-wide hasher AuthService also uses by
// default, so both share one bound on concurrent hashing.
func (db *DB) Users() *UserService { return &UserService{db: db, hasher: auth.DefaultHasher()} }

// WithHasher returns a copy of s that hashes with h (tests use a cheap one).
func (s *UserService) WithHasher(h *auth.Hasher) *UserService {
	cp := *s
	cp.hasher = h
	return &cp
}

// The account rules.
var (
	loginPattern = regexp.MustCompile(`^[a-z0-9._-]{3,32}$`)
	// phonePattern is a mainland mobile number.
	phonePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
)

// MaxUserNameLength bounds display names, in characters.
const MaxUserNameLength = 50

// Token lifetimes.
const (
	DefaultTokenTTL = 90 * 24 * time.Hour
	MinTokenTTL     = time.Hour
	MaxTokenTTL     = 365 * 24 * time.Hour
)

var (
	errSelfRole   = fault.New(fault.Forbidden, "error.role.self")
	errSelfStatus = fault.New(fault.Conflict, "error.user.self_status")
)

// userRow is an account with what scope checks and reveals need.
type userRow struct {
	auth.User
	homePath    string
	phoneSealed string
}

const userSelect = `SELECT u.id, u.login, u.display_name, u.home_org_id, o.name, o.path, u.jurisdiction_id, u.phone_sealed,
	u.must_change_password, u.totp_enabled, u.status, u.locale, u.version, u.created_at, u.updated_at
	FROM users u JOIN orgs o ON o.id = u.home_org_id`

func (s *UserService) scanUser(sc scanner) (userRow, error) {
	var r userRow
	var status string
	var created, updated int64
	err := sc.Scan(&r.ID, &r.Login, &r.Name, &r.HomeOrgID, &r.HomeOrgName, &r.homePath, &r.JurisdictionID, &r.phoneSealed,
		&r.MustChangePassword, &r.TOTPEnabled, &status, &r.Locale, &r.Version, &created, &updated)
	if err != nil {
		return r, normalize(err)
	}
	r.Status = auth.UserStatus(status)
	r.CreatedAt, r.UpdatedAt = fromMicros(created), fromMicros(updated)
	if r.phoneSealed != "" {
		phone, err := s.db.vault.Open(r.phoneSealed, []byte(phoneAAD))
		if err != nil {
			return r, fmt.Errorf("open phone of user %s: %w", r.ID, err)
		}
		r.PhoneMasked = vault.Mask(string(phone))
	}
	return r, nil
}

// load reads one account; outside every scope or not, a missing one is not
// found.
func (s *UserService) load(ctx context.Context, id string) (*userRow, error) {
	if !ValidID(id) {
		return nil, errBadID
	}
	r, err := s.scanUser(s.db.QueryRow(ctx, userSelect+` WHERE u.id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// loadIn reads the account p may exercise perm on.
func (s *UserService) loadIn(ctx context.Context, perm access.Permission, id string) (*access.Principal, *userRow, error) {
	p, err := access.Require(ctx, perm)
	if err != nil {
		return nil, nil, err
	}
	r, err := s.load(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if err := access.Check(p, perm, r.homePath); err != nil {
		return nil, nil, err
	}
	return p, r, nil
}

// grantsOf returns the grants of the given users, keyed by user.
func (s *UserService) grantsOf(ctx context.Context, ids []string) (map[string][]auth.GrantRecord, error) {
	out := map[string][]auth.GrantRecord{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.Query(ctx, `SELECT g.id, g.user_id, g.role, g.scope_org_id, o.name, g.granted_by, g.granted_at
		FROM grants g JOIN orgs o ON o.id = g.scope_org_id WHERE g.user_id IN (`+placeholders(len(ids))+`)
		ORDER BY g.granted_at, g.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var g auth.GrantRecord
		var role string
		var at int64
		if err := rows.Scan(&g.ID, &g.UserID, &role, &g.ScopeOrgID, &g.ScopeOrgName, &g.GrantedBy, &at); err != nil {
			return nil, fmt.Errorf("scan grant: %w", err)
		}
		g.Role, g.GrantedAt = access.Role(role), fromMicros(at)
		out[g.UserID] = append(out[g.UserID], g)
	}
	return out, rows.Err()
}

// userSorts maps auth.UserFilter.Sort to columns.
var userSorts = map[string]string{"": "u.login", "login": "u.login", "name": "u.display_name", "created_at": "u.created_at"}

// List implements auth.Users.
func (s *UserService) List(ctx context.Context, f auth.UserFilter) (*auth.UserPage, error) {
	p, err := access.Require(ctx, access.UserRead)
	if err != nil {
		return nil, err
	}
	var bad fault.Fields
	var conds []string
	var args []any
	if !p.Operator {
		c, a := scopeCondition("o.path", p.Scopes(access.UserRead))
		conds, args = append(conds, c), append(args, a...)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		conds = append(conds, `(u.login LIKE ? ESCAPE '\' OR u.display_name LIKE ? ESCAPE '\')`)
		args = append(args, "%"+escapeLike(strings.ToLower(q))+"%", "%"+escapeLike(q)+"%")
	}
	if f.Role != "" {
		if !f.Role.Valid() {
			bad.Add("role", "field.invalid_choice")
		}
		conds = append(conds, `EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id AND g.role = ?)`)
		args = append(args, string(f.Role))
	}
	if f.Status != "" {
		if f.Status != auth.Enabled && f.Status != auth.Disabled {
			bad.Add("status", "field.invalid_choice")
		}
		conds = append(conds, `u.status = ?`)
		args = append(args, string(f.Status))
	}
	col, ok := userSorts[f.Sort]
	if !ok {
		bad.Add("sort", "field.invalid_choice")
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	page := &auth.UserPage{}
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM users u JOIN orgs o ON o.id = u.home_org_id`+where, args...).Scan(&page.Total); err != nil {
		return nil, normalize(err)
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 200)
	rows, err := s.db.Query(ctx, userSelect+where+` ORDER BY `+col+dir+`, u.id`+dir+` LIMIT ? OFFSET ?`,
		append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		r, err := s.scanUser(rows)
		if err != nil {
			return nil, err
		}
		page.Items = append(page.Items, r.User)
		ids = append(ids, r.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	grants, err := s.grantsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range page.Items {
		page.Items[i].Grants = grants[page.Items[i].ID]
	}
	return page, nil
}

// Get implements auth.Users.
func (s *UserService) Get(ctx context.Context, id string) (*auth.User, error) {
	_, r, err := s.loadIn(ctx, access.UserRead, id)
	if err != nil {
		return nil, err
	}
	grants, err := s.grantsOf(ctx, []string{r.ID})
	if err != nil {
		return nil, err
	}
	r.Grants = grants[r.ID]
	return &r.User, nil
}

// validateNewUser normalises u in place and checks it.
func validateNewUser(u *auth.NewUser) fault.Fields {
	var f fault.Fields
	u.Login = strings.ToLower(strings.TrimSpace(u.Login))
	u.Name = strings.TrimSpace(u.Name)
	u.Phone = strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(u.Phone))
	if u.Locale == "" {
		u.Locale = string(i18n.Default)
	}
	switch {
	case u.Login == "":
		f.Add("login", "field.required")
	case !loginPattern.MatchString(u.Login):
		f.Add("login", "field.login")
	}
	switch n := utf8.RuneCountInString(u.Name); {
	case n == 0:
		f.Add("name", "field.required")
	case n > MaxUserNameLength:
		f.Add("name", "field.too_long", MaxUserNameLength)
	}
	if u.HomeOrgID == "" {
		f.Add("home_org_id", "field.required")
	}
	if u.Phone != "" && !phonePattern.MatchString(u.Phone) {
		f.Add("phone", "field.phone")
	}
	known := false
	for _, l := range i18n.Locales {
		known = known || string(l) == u.Locale
	}
	if !known {
		f.Add("locale", "field.invalid_choice")
	}
	if err := auth.CheckPassword(u.Login, u.Password); err != nil {
		if e, ok := fault.As(err); ok {
			for k, v := range e.Fields {
				f.Add(k, v.Key, v.Args...)
			}
		}
	}
	return f
}

// Create implements auth.Users. The account joins the jurisdiction of its
// home organisation, which must lie in the principal's user.manage scope.
func (s *UserService) Create(ctx context.Context, nu auth.NewUser) (*auth.User, error) {
	p, err := access.Require(ctx, access.UserManage)
	if err != nil {
		return nil, err
	}
	bad := validateNewUser(&nu)
	var homePath, homeName, jurisdiction string
	if nu.HomeOrgID != "" {
		err := s.db.QueryRow(ctx, `SELECT path, name, jurisdiction_id FROM orgs WHERE id = ?`, nu.HomeOrgID).Scan(&homePath, &homeName, &jurisdiction)
		// A home outside the scope reads like one that does not exist.
		if err != nil || access.Check(p, access.UserManage, homePath) != nil {
			if err != nil && !fault.Is(normalize(err), fault.NotFound) {
				return nil, normalize(err)
			}
			bad.Add("home_org_id", "field.invalid_choice")
		}
	}
	if bad["login"].Key == "" {
		var n int
		if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM users WHERE login = ?`, nu.Login).Scan(&n); err != nil {
			return nil, normalize(err)
		}
		if n > 0 {
			bad.Add("login", "field.login.taken")
		}
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	phone := ""
	if nu.Phone != "" {
		if phone, err = s.db.vault.Seal([]byte(nu.Phone), []byte(phoneAAD)); err != nil {
			return nil, err
		}
	}
	hash, err := s.hasher.Hash(ctx, nu.Password)
	if err != nil {
		return nil, err
	}
	now := s.db.Now()
	u := &auth.User{ID: NewID(), Login: nu.Login, Name: nu.Name, HomeOrgID: nu.HomeOrgID, HomeOrgName: homeName,
		JurisdictionID: jurisdiction, PhoneMasked: vault.Mask(nu.Phone), Status: auth.Enabled, Locale: nu.Locale,
		Version: 1, CreatedAt: now, UpdatedAt: now}
	err = s.db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO users (id, login, display_name, home_org_id, jurisdiction_id, phone_sealed,
			password_hash, password_changed_at, must_change_password, totp_enabled, status, locale, version, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, u.ID, u.Login, u.Name, u.HomeOrgID, u.JurisdictionID, phone, hash,
			now.UnixMicro(), false, false, string(u.Status), u.Locale, u.Version, now.UnixMicro(), now.UnixMicro()); err != nil {
			return err
		}
		return tx.Audit(ctx, userAudit(p, u.JurisdictionID, "user.create", "users", u.ID,
			map[string]any{"login": u.Login, "home_org_id": u.HomeOrgID}))
	})
	if fault.Is(err, fault.Conflict) {
		// Another administrator took the login in the meantime.
		var f fault.Fields
		f.Add("login", "field.login.taken")
		return nil, f.Err()
	}
	if err != nil {
		return nil, err
	}
	return u, nil
}

// ResetPassword implements auth.Users. The account must change the password
// at its next sign-in; its sessions end, and its failed sign-ins are
// forgotten, so a reset is also how a locked-out user gets back in.
func (s *UserService) ResetPassword(ctx context.Context, id, password string) error {
	p, r, err := s.loadIn(ctx, access.UserManage, id)
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(r.Login, password); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	now := s.db.Now().UnixMicro()
	err = s.db.Write(ctx, func(tx *Tx) error {
		if err := tx.ExecOne(ctx, `UPDATE users SET password_hash = ?, password_changed_at = ?, must_change_password = ?,
			version = version + 1, updated_at = ? WHERE id = ?`, hash, now, true, now, r.ID); err != nil {
			return err
		}
		if err := endUserSessions(ctx, tx, r.ID, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM login_failures WHERE login = ?`, r.Login); err != nil {
			return err
		}
		return tx.Audit(ctx, userAudit(p, r.JurisdictionID, "user.password_reset", "users", r.ID, map[string]any{"login": r.Login}))
	})
	if err != nil {
		return err
	}
	invalidatePrincipals()
	return nil
}

func endUserSessions(ctx context.Context, tx *Tx, userID string, now int64) error {
	_, err := tx.Exec(ctx, `UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at = 0`, now, userID)
	return err
}

// SetStatus implements auth.Users. Disabling an account ends its sessions;
// its API tokens are refused while it is disabled. Nobody changes their own
// status, so an administrator cannot lock the last door behind them.
func (s *UserService) SetStatus(ctx context.Context, id string, st auth.UserStatus) error {
	if st != auth.Enabled && st != auth.Disabled {
		var f fault.Fields
		f.Add("status", "field.invalid_choice")
		return f.Err()
	}
	p, r, err := s.loadIn(ctx, access.UserManage, id)
	if err != nil {
		return err
	}
	if p.UserID == r.ID {
		return errSelfStatus
	}
	if r.Status == st {
		return nil
	}
	now := s.db.Now().UnixMicro()
	err = s.db.Write(ctx, func(tx *Tx) error {
		if err := tx.ExecOne(ctx, `UPDATE users SET status = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			string(st), now, r.ID); err != nil {
			return err
		}
		if st == auth.Disabled {
			if err := endUserSessions(ctx, tx, r.ID, now); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, userAudit(p, r.JurisdictionID, "user.status", "users", r.ID,
			map[string]any{"login": r.Login, "from": string(r.Status), "to": string(st)}))
	})
	if err != nil {
		return err
	}
	invalidatePrincipals()
	return nil
}

// Grant implements auth.Users. The principal needs role.grant over both the
// scope organisation and the account's home, so a township's security
// administrator can neither grant over another township nor reach an
// account there. Nobody grants to themselves, and the three administrator
// roles never combine (access.CheckCombination). The combination is checked
// inside the transaction with the account's row locked, so two
// administrators granting at once cannot together make a forbidden mix.
func (s *UserService) Grant(ctx context.Context, userID string, role access.Role, scopeOrgID string) (*auth.GrantRecord, error) {
	if !role.Valid() {
		var f fault.Fields
		f.Add("role", "field.invalid_choice")
		return nil, f.Err()
	}
	p, r, err := s.loadIn(ctx, access.RoleGrant, userID)
	if err != nil {
		return nil, err
	}
	if !ValidID(scopeOrgID) {
		return nil, errBadID
	}
	var scopePath string
	g := &auth.GrantRecord{ID: NewID(), UserID: r.ID, Role: role, ScopeOrgID: scopeOrgID, GrantedBy: p.Login, GrantedAt: s.db.Now()}
	if err := s.db.QueryRow(ctx, `SELECT path, name FROM orgs WHERE id = ?`, scopeOrgID).Scan(&scopePath, &g.ScopeOrgName); err != nil {
		return nil, normalize(err)
	}
	if err := access.Check(p, access.RoleGrant, scopePath); err != nil {
		return nil, err
	}
	if p.UserID == r.ID {
		return nil, errSelfRole
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		var locked string
		if err := tx.QueryRow(ctx, `SELECT id FROM users WHERE id = ?`+s.db.dialect.ForUpdate(), r.ID).Scan(&locked); err != nil {
			return normalize(err)
		}
		roles, err := rolesOf(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		if err := access.CheckCombination(append(roles, role)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO grants (id, user_id, role, scope_org_id, granted_by, granted_at) VALUES (?,?,?,?,?,?)`,
			g.ID, g.UserID, string(g.Role), g.ScopeOrgID, g.GrantedBy, g.GrantedAt.UnixMicro()); err != nil {
			return err
		}
		return tx.Audit(ctx, userAudit(p, r.JurisdictionID, "role.grant", "users", r.ID,
			map[string]any{"login": r.Login, "grant_id": g.ID, "role": string(role), "scope_org_id": scopeOrgID}))
	})
	if err != nil {
		return nil, err
	}
	invalidatePrincipals()
	return g, nil
}

func rolesOf(ctx context.Context, tx *Tx, userID string) ([]access.Role, error) {
	rows, err := tx.Query(ctx, `SELECT role FROM grants WHERE user_id = ?`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var roles []access.Role
	for rows.Next() {
		var role string
		if err := rows.Scan(&role); err != nil {
			return nil, err
		}
		roles = append(roles, access.Role(role))
	}
	return roles, rows.Err()
}

// Revoke implements auth.Users, with the scope rules of Grant.
func (s *UserService) Revoke(ctx context.Context, grantID string) error {
	p, err := access.Require(ctx, access.RoleGrant)
	if err != nil {
		return err
	}
	if !ValidID(grantID) {
		return errBadID
	}
	var userID, role, scopeOrgID, scopePath, homePath, login, jurisdiction string
	err = s.db.QueryRow(ctx, `SELECT g.user_id, g.role, g.scope_org_id, so.path, ho.path, u.login, u.jurisdiction_id
		FROM grants g JOIN users u ON u.id = g.user_id JOIN orgs so ON so.id = g.scope_org_id
		JOIN orgs ho ON ho.id = u.home_org_id WHERE g.id = ?`, grantID).Scan(
		&userID, &role, &scopeOrgID, &scopePath, &homePath, &login, &jurisdiction)
	if err != nil {
		return normalize(err)
	}
	if err := access.Check(p, access.RoleGrant, homePath); err != nil {
		return err
	}
	if err := access.Check(p, access.RoleGrant, scopePath); err != nil {
		return err
	}
	if p.UserID == userID {
		return errSelfRole
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		if err := tx.ExecOne(ctx, `DELETE FROM grants WHERE id = ?`, grantID); err != nil {
			return err
		}
		return tx.Audit(ctx, userAudit(p, jurisdiction, "role.revoke", "users", userID,
			map[string]any{"login": login, "grant_id": grantID, "role": role, "scope_org_id": scopeOrgID}))
	})
	if err != nil {
		return err
	}
	invalidatePrincipals()
	return nil
}

// RevealPhone implements auth.Users. The reveal is audited before the
// number is returned: if the audit event cannot be written, nothing is
// revealed.
func (s *UserService) RevealPhone(ctx context.Context, id string) (string, error) {
	p, r, err := s.loadIn(ctx, access.SensitiveReveal, id)
	if err != nil {
		return "", err
	}
	phone := ""
	if r.phoneSealed != "" {
		b, err := s.db.vault.Open(r.phoneSealed, []byte(phoneAAD))
		if err != nil {
			return "", fmt.Errorf("open phone of user %s: %w", r.ID, err)
		}
		phone = string(b)
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, userAudit(p, r.JurisdictionID, "sensitive.reveal", "users", r.ID,
			map[string]any{"field": "phone", "login": r.Login}))
	})
	if err != nil {
		return "", err
	}
	return phone, nil
}

// CreateToken implements auth.Users. Only a session that passed its second
// factor may make a token, because a token's principal counts as passed.
func (s *UserService) CreateToken(ctx context.Context, name string, ttl time.Duration) (string, *auth.Token, error) {
	p, err := tokenOwner(ctx)
	if err != nil {
		return "", nil, err
	}
	if !p.MFA {
		return "", nil, fault.New(fault.Forbidden, "error.token.mfa_required")
	}
	var bad fault.Fields
	name = strings.TrimSpace(name)
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		bad.Add("name", "field.required")
	case n > MaxUserNameLength:
		bad.Add("name", "field.too_long", MaxUserNameLength)
	}
	if ttl == 0 {
		ttl = DefaultTokenTTL
	}
	if ttl < MinTokenTTL || ttl > MaxTokenTTL {
		bad.Add("ttl", "field.token.ttl", int(MaxTokenTTL/(24*time.Hour)))
	}
	if err := bad.Err(); err != nil {
		return "", nil, err
	}
	secret, err := randomToken(32)
	if err != nil {
		return "", nil, err
	}
	raw := APITokenPrefix + secret
	now := s.db.Now()
	t := &auth.Token{ID: NewID(), UserID: p.UserID, Name: name, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	err = s.db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at, revoked_at)
			VALUES (?,?,?,?,?,?,0)`, t.ID, t.UserID, t.Name, vault.MACHex(s.db.vault, vault.TokenHash, []byte(raw)),
			now.UnixMicro(), t.ExpiresAt.UnixMicro()); err != nil {
			return err
		}
		return tx.Audit(ctx, userAudit(p, p.JurisdictionID, "token.create", "api_tokens", t.ID,
			map[string]any{"name": t.Name, "expires_at": t.ExpiresAt.Format(time.RFC3339)}))
	})
	if err != nil {
		return "", nil, err
	}
	return raw, t, nil
}

// tokenOwner is the principal whose own tokens are managed: a signed-in
// account, not the command-line operator, who has none.
func tokenOwner(ctx context.Context) (*access.Principal, error) {
	p := access.From(ctx)
	if p == nil {
		return nil, errUnauthorized
	}
	if p.Operator {
		return nil, fault.New(fault.Forbidden, "error.forbidden")
	}
	return p, nil
}

// ListTokens implements auth.Users: the principal's own tokens, newest first.
func (s *UserService) ListTokens(ctx context.Context) ([]auth.Token, error) {
	p, err := tokenOwner(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT id, user_id, name, created_at, expires_at, revoked_at FROM api_tokens
		WHERE user_id = ? ORDER BY created_at DESC, id DESC`, p.UserID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auth.Token
	for rows.Next() {
		var t auth.Token
		var created, expires, revoked int64
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &created, &expires, &revoked); err != nil {
			return nil, fmt.Errorf("scan token: %w", err)
		}
		t.CreatedAt, t.ExpiresAt, t.RevokedAt = fromMicros(created), fromMicros(expires), fromMicros(revoked)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken implements auth.Users for one of the principal's own tokens.
// Another user's token, or one already revoked, is not found.
func (s *UserService) RevokeToken(ctx context.Context, id string) error {
	p, err := tokenOwner(ctx)
	if err != nil {
		return err
	}
	if !ValidID(id) {
		return errBadID
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		if err := tx.ExecOne(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at = 0`,
			tx.Now().UnixMicro(), id, p.UserID); err != nil {
			return err
		}
		return tx.Audit(ctx, userAudit(p, p.JurisdictionID, "token.revoke", "api_tokens", id, nil))
	})
	if err != nil {
		return err
	}
	invalidatePrincipals()
	return nil
}

// userAudit is an audit event of an action p took.
func userAudit(p *access.Principal, jurisdiction, action, kind, id string, detail map[string]any) audit.Event {
	e := audit.Event{JurisdictionID: jurisdiction, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
		Action: action, TargetKind: kind, TargetID: id}
	if detail != nil {
		e.Detail = authDetail(detail)
	}
	return e
}
