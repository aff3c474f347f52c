package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/auth"
	"zugong/internal/fault"
	"zugong/internal/vault"
)

// AuthConfig configures the AuthService. Zero fields take the defaults
// named beside them.
type AuthConfig struct {
	// IdleTimeout ends a session unused this long (15 minutes).
	IdleTimeout time.Duration
	// AbsoluteTimeout ends a session this long after sign-in (12 hours).
	AbsoluteTimeout time.Duration
	// Hasher hashes passwords (auth.DefaultHasher(), shared by the process).
	Hasher *auth.Hasher
	// Lock is the lock-out policy per (login, address) pair
	// (auth.DefaultLockPolicy).
	Lock auth.LockPolicy
	// IPPerMinute, IPBurst and IPMaxKeys configure the per-address bucket
	// for sign-in and second-factor attempts (30 a minute, burst 30, 10 000
	// addresses).
	IPPerMinute, IPBurst, IPMaxKeys int
	// Issuer labels TOTP entries in authenticator apps (auth.Issuer).
	Issuer string
	// CacheTTL is how long a resolved principal is reused (5 seconds).
	CacheTTL time.Duration
	// PasswordMaxAge is how long a password lasts before its owner must
	// change it (90 days, 等保 2.0's periodic change).
	PasswordMaxAge time.Duration
}

// DefaultPasswordMaxAge is how long a password lasts unless configured.
const DefaultPasswordMaxAge = 90 * 24 * time.Hour

// mustChange reports whether a password set at changedAt must be changed.
func (s *AuthService) mustChange(flagged bool, changedAt int64, now time.Time) bool {
	return flagged || now.Sub(fromMicros(changedAt)) > s.cfg.PasswordMaxAge
}

// AuthService implements auth.Service on the database: sign-in, second
// factors, sessions and API tokens. Make one per process with DB.Auth and
// share it: it holds the per-address limiter and the principal cache.
type AuthService struct {
	db      *DB
	cfg     AuthConfig
	limiter *auth.Limiter
	cache   *principalCache
}

var _ auth.Service = (*AuthService)(nil)

// Auth returns the authentication service configured by cfg.
func (db *DB) Auth(cfg AuthConfig) *AuthService {
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 15 * time.Minute
	}
	if cfg.AbsoluteTimeout <= 0 {
		cfg.AbsoluteTimeout = 12 * time.Hour
	}
	if cfg.PasswordMaxAge <= 0 {
		cfg.PasswordMaxAge = DefaultPasswordMaxAge
	}
	if cfg.Hasher == nil {
		cfg.Hasher = auth.DefaultHasher()
	}
	if cfg.Lock == (auth.LockPolicy{}) {
		cfg.Lock = auth.DefaultLockPolicy
	}
	if cfg.Issuer == "" {
		cfg.Issuer = auth.Issuer
	}
	if cfg.CacheTTL <= 0 {
		cfg.CacheTTL = 5 * time.Second
	}
	return &AuthService{
		db:      db,
		cfg:     cfg,
		limiter: auth.NewLimiter(cfg.IPPerMinute, cfg.IPBurst, cfg.IPMaxKeys),
		cache:   &principalCache{entries: map[string]cachedPrincipal{}, max: 20000},
	}
}

// The errors of this file. Sign-in failures share one error whatever the
// cause, so that the response does not tell which logins exist.
var (
	errSignInFailed   = fault.New(fault.Unauthorized, "error.signin.failed")
	errSignInLocked   = fault.New(fault.TooMany, "error.signin.locked")
	errTooMany        = fault.New(fault.TooMany, "error.too_many_requests")
	errSessionExpired = fault.New(fault.Unauthorized, "error.session.expired")
	errUnauthorized   = fault.New(fault.Unauthorized, "error.unauthorized")
	errMFAInvalid     = fault.New(fault.Invalid, "error.mfa.invalid")
)

// APITokenPrefix starts every API token, so that a leaked token is easy to
// recognise (and to scan for) as zugong's.
const APITokenPrefix = "zgt_"

// The principal cache.
//
// Every authenticated request needs the principal behind its cookie or
// token: a session row, the user, and the user's grants joined with their
// organisations. Reading that on every request would cost more than a small
// list page itself, so resolved principals are kept in memory for CacheTTL
// (a few seconds), keyed by token hash.
//
// Staleness is bounded two ways. Every change that alters what a principal
// may do — sign-out, grant, revoke, password reset, status change, MFA
// passed or enrolled, token revoked — bumps authGeneration after it
// commits, and an entry made under an older generation is never used: the
// change takes effect on this process's next request. The generation is
// read before the rows are, so an entry built from rows read before a
// change is already stale when stored. Other server processes see such a
// change within CacheTTL. Idle and absolute timeouts are checked on every
// hit, and a hit is only used while the session's stored last-seen time is
// fresh, so the cache never keeps a session alive.
var authGeneration atomic.Uint64

// invalidatePrincipals makes every cached principal stale. Call it after the
// write that changed them has committed.
func invalidatePrincipals() { authGeneration.Add(1) }

type cachedPrincipal struct {
	principal *access.Principal
	session   *auth.Session // nil for API tokens
	gen       uint64
	until     time.Time
}

type principalCache struct {
	mu      sync.RWMutex
	entries map[string]cachedPrincipal
	max     int
}

func (c *principalCache) get(key string, now time.Time) (cachedPrincipal, bool) {
	c.mu.RLock()
	e, ok := c.entries[key]
	c.mu.RUnlock()
	if !ok || e.gen != authGeneration.Load() || !now.Before(e.until) {
		return cachedPrincipal{}, false
	}
	return e, true
}

func (c *principalCache) put(key string, e cachedPrincipal, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		gen := authGeneration.Load()
		for k, old := range c.entries {
			if old.gen != gen || !now.Before(old.until) {
				delete(c.entries, k)
			}
		}
		if len(c.entries) >= c.max {
			clear(c.entries)
		}
	}
	c.entries[key] = e
}

func (c *principalCache) drop(key string) {
	c.mu.Lock()
	delete(c.entries, key)
	c.mu.Unlock()
}

// forRequest returns a copy of a cached principal for one request: callers
// may set fields (the gate sets IP), and cached values are shared.
func (e cachedPrincipal) forRequest(ip string) *access.Principal {
	p := *e.principal
	p.Grants = slices.Clone(p.Grants)
	p.IP = ip
	return &p
}

func (e cachedPrincipal) sessionCopy() *auth.Session {
	if e.session == nil {
		return nil
	}
	s := *e.session
	return &s
}

// tokenHash is the stored form of a session or API token.
func (s *AuthService) tokenHash(token string) string {
	return vault.MACHex(s.db.vault, vault.TokenHash, []byte(token))
}

// touchEvery is how stale a session's stored last-seen time may get before
// a request writes it again. Reads do not write on every request; in
// exchange a session may time out up to this much early.
func (s *AuthService) touchEvery() time.Duration {
	return min(time.Minute, s.cfg.IdleTimeout/4)
}

// sessionUser is a session with what authentication needs of its user.
type sessionUser struct {
	auth.Session
	endedAt      int64
	login        string
	name         string
	homeOrgID    string
	jurisdiction string
	status       auth.UserStatus
	totpEnabled  bool
	totpSealed   string
	totpLast     int64
	mustChange   bool
	pwChangedAt  int64
}

func (s *AuthService) loadSession(ctx context.Context, hash string) (*sessionUser, error) {
	var su sessionUser
	var created, seen int64
	var status string
	err := s.db.QueryRow(ctx, `SELECT s.token_hash, s.user_id, s.csrf_token, s.mfa_passed, s.ip, s.user_agent, s.created_at,
		s.last_seen_at, s.ended_at, u.login, u.display_name, u.home_org_id, u.jurisdiction_id, u.status, u.totp_enabled,
		u.totp_secret_sealed, u.totp_last_step, u.must_change_password, u.password_changed_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, hash).Scan(
		&su.TokenHash, &su.UserID, &su.CSRFToken, &su.MFAPassed, &su.IP, &su.UserAgent, &created, &seen, &su.endedAt,
		&su.login, &su.name, &su.homeOrgID, &su.jurisdiction, &status, &su.totpEnabled, &su.totpSealed, &su.totpLast,
		&su.mustChange, &su.pwChangedAt)
	if err != nil {
		return nil, normalize(err)
	}
	su.CreatedAt, su.LastSeenAt = fromMicros(created), fromMicros(seen)
	su.status = auth.UserStatus(status)
	return &su, nil
}

// live reports whether a loaded session may still be used at now.
func (s *AuthService) live(su *sessionUser, now time.Time) bool {
	return su.endedAt == 0 && su.status == auth.Enabled &&
		now.Sub(su.LastSeenAt) < s.cfg.IdleTimeout && now.Sub(su.CreatedAt) < s.cfg.AbsoluteTimeout
}

// liveSession loads the session of token and ends it if it has expired.
func (s *AuthService) liveSession(ctx context.Context, token string) (*sessionUser, error) {
	if token == "" {
		return nil, errUnauthorized
	}
	return s.liveSessionByHash(ctx, s.tokenHash(token))
}

func (s *AuthService) liveSessionByHash(ctx context.Context, hash string) (*sessionUser, error) {
	su, err := s.loadSession(ctx, hash)
	if fault.Is(err, fault.NotFound) {
		return nil, errSessionExpired
	}
	if err != nil {
		return nil, err
	}
	now := s.db.Now()
	if !s.live(su, now) {
		if su.endedAt == 0 {
			if err := s.endSession(ctx, hash, now); err != nil {
				return nil, err
			}
		}
		return nil, errSessionExpired
	}
	return su, nil
}

// endSession marks a session ended. Expiry is bookkeeping, not an action:
// the sign-in that started the session is audited.
func (s *AuthService) endSession(ctx context.Context, hash string, now time.Time) error {
	s.cache.drop("s:" + hash)
	return s.db.WriteUnaudited(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at = 0`, now.UnixMicro(), hash)
		return err
	})
}

// Authenticate implements auth.Service.
func (s *AuthService) Authenticate(ctx context.Context, token string, c auth.Client) (*access.Principal, *auth.Session, error) {
	if token == "" {
		return nil, nil, errUnauthorized
	}
	hash := s.tokenHash(token)
	now := s.db.Now()
	if e, ok := s.cache.get("s:"+hash, now); ok &&
		now.Sub(e.session.LastSeenAt) < s.touchEvery() && now.Sub(e.session.CreatedAt) < s.cfg.AbsoluteTimeout {
		return e.forRequest(c.IP), e.sessionCopy(), nil
	}
	gen := authGeneration.Load()
	su, err := s.liveSessionByHash(ctx, hash)
	if err != nil {
		return nil, nil, err
	}
	if now.Sub(su.LastSeenAt) >= s.touchEvery() {
		err := s.db.WriteUnaudited(ctx, func(tx *Tx) error {
			_, err := tx.Exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND ended_at = 0`, now.UnixMicro(), hash)
			return err
		})
		if err != nil {
			return nil, nil, fmt.Errorf("touch session: %w", err)
		}
		su.LastSeenAt = now
	}
	p, err := s.db.loadPrincipal(ctx, su.UserID, su.login, su.name, su.homeOrgID, su.jurisdiction, su.totpEnabled)
	if err != nil {
		return nil, nil, err
	}
	p.MFA = su.MFAPassed
	p.MustChangePassword = s.mustChange(su.mustChange, su.pwChangedAt, now)
	sess := su.Session
	e := cachedPrincipal{principal: p, session: &sess, gen: gen, until: now.Add(s.cfg.CacheTTL)}
	s.cache.put("s:"+hash, e, now)
	return e.forRequest(c.IP), e.sessionCopy(), nil
}

// loadPrincipal builds the principal of a user from the user's grants, each
// joined with its scope organisation for the path Check compares and the
// jurisdiction it belongs to.
func (db *DB) loadPrincipal(ctx context.Context, userID, login, name, homeOrgID, jurisdiction string, totp bool) (*access.Principal, error) {
	var personID string
	if err := db.QueryRow(ctx, `SELECT person_id FROM users WHERE id = ?`, userID).Scan(&personID); err != nil {
		return nil, fmt.Errorf("read the person of user %s: %w", userID, normalize(err))
	}
	rows, err := db.Query(ctx, `SELECT g.role, g.scope_org_id, o.path, o.jurisdiction_id FROM grants g
		JOIN orgs o ON o.id = g.scope_org_id WHERE g.user_id = ? ORDER BY g.granted_at, g.id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	p := &access.Principal{UserID: userID, Login: login, Name: name, HomeOrgID: homeOrgID, JurisdictionID: jurisdiction,
		PersonID: personID, MFARequired: totp}
	for rows.Next() {
		var g access.Grant
		var role string
		if err := rows.Scan(&role, &g.ScopeOrgID, &g.ScopePath, &g.JurisdictionID); err != nil {
			return nil, fmt.Errorf("scan grant: %w", err)
		}
		g.Role = access.Role(role)
		if g.Role.RequiresMFA() {
			p.MFARequired = true
		}
		p.Grants = append(p.Grants, g)
	}
	return p, rows.Err()
}

// AuthenticateToken implements auth.Service. Tokens are made by a session
// that passed its second factor, so their principal counts as passed.
func (s *AuthService) AuthenticateToken(ctx context.Context, token string, c auth.Client) (*access.Principal, error) {
	if !strings.HasPrefix(token, APITokenPrefix) || len(token) > 200 {
		return nil, errUnauthorized
	}
	hash := s.tokenHash(token)
	now := s.db.Now()
	if e, ok := s.cache.get("t:"+hash, now); ok {
		return e.forRequest(c.IP), nil
	}
	gen := authGeneration.Load()
	var userID, login, name, home, jurisdiction, status string
	var expires, revoked int64
	var totp bool
	err := s.db.QueryRow(ctx, `SELECT t.user_id, t.expires_at, t.revoked_at, u.login, u.display_name, u.home_org_id,
		u.jurisdiction_id, u.status, u.totp_enabled FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = ?`, hash).Scan(&userID, &expires, &revoked, &login, &name, &home, &jurisdiction, &status, &totp)
	if err = normalize(err); fault.Is(err, fault.NotFound) {
		return nil, errUnauthorized
	}
	if err != nil {
		return nil, err
	}
	expiresAt := fromMicros(expires)
	if revoked != 0 || !now.Before(expiresAt) || auth.UserStatus(status) != auth.Enabled {
		return nil, errUnauthorized
	}
	p, err := s.db.loadPrincipal(ctx, userID, login, name, home, jurisdiction, totp)
	if err != nil {
		return nil, err
	}
	p.MFA = true
	until := now.Add(s.cfg.CacheTTL)
	if expiresAt.Before(until) {
		until = expiresAt
	}
	e := cachedPrincipal{principal: p, gen: gen, until: until}
	s.cache.put("t:"+hash, e, now)
	return e.forRequest(c.IP), nil
}

// signInUser is what sign-in needs of an account.
type signInUser struct {
	id, login, jurisdiction, hash string
	status                        auth.UserStatus
	totp, mustChange              bool
	passwordChangedAt             int64
	roles                         []access.Role
}

func (s *AuthService) userForSignIn(ctx context.Context, login string) (*signInUser, error) {
	var u signInUser
	var status string
	err := s.db.QueryRow(ctx, `SELECT id, login, jurisdiction_id, password_hash, status, totp_enabled, must_change_password,
		password_changed_at FROM users WHERE login = ?`, login).Scan(&u.id, &u.login, &u.jurisdiction, &u.hash, &status, &u.totp,
		&u.mustChange, &u.passwordChangedAt)
	if err != nil {
		return nil, normalize(err)
	}
	u.status = auth.UserStatus(status)
	rows, err := s.db.Query(ctx, `SELECT role FROM grants WHERE user_id = ?`, u.id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		u.roles = append(u.roles, access.Role(r))
	}
	return &u, rows.Err()
}

// normalizeLogin is the form logins are stored and throttled in. Attempts
// with junk in the login field are cut short so they cannot bloat the
// failure table or the audit trail.
func normalizeLogin(login string) string {
	login = strings.ToLower(strings.TrimSpace(login))
	return truncateUTF8(login, 64)
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// SignIn implements auth.Service. The order matters: the per-address
// bucket first (cheap, in memory), then the pair's lock (one indexed read),
// and only then the password hash, which is what a flood would aim at.
// Attempts the bucket refuses are not audited: it exists to stop floods,
// and an audit write per refusal would let a flood through to the database.
// Every attempt past the bucket is audited, success or failure.
func (s *AuthService) SignIn(ctx context.Context, login, password string, c auth.Client) (*auth.SignInResult, error) {
	now := s.db.Now()
	if !s.limiter.Allow(c.IP, now) {
		return nil, errTooMany
	}
	login = normalizeLogin(login)
	pair, err := s.pairState(ctx, login, c.IP)
	if err != nil {
		return nil, err
	}
	u, err := s.userForSignIn(ctx, login)
	if err != nil && !fault.Is(err, fault.NotFound) {
		return nil, err
	}
	if s.cfg.Lock.Locked(pair, now) {
		if err := s.recordFailure(ctx, "auth.signin", login, c, u, "locked", false); err != nil {
			return nil, err
		}
		return nil, errSignInLocked
	}
	ok := false
	if u == nil {
		err = s.cfg.Hasher.VerifyDummy(ctx, password)
	} else {
		ok, err = s.cfg.Hasher.Verify(ctx, u.hash, password)
	}
	if err != nil {
		return nil, err
	}
	reason := ""
	switch {
	case u == nil:
		reason = "unknown_login"
	case !ok:
		reason = "wrong_password"
	case u.status != auth.Enabled:
		reason = "disabled"
	}
	if reason != "" {
		if err := s.recordFailure(ctx, "auth.signin", login, c, u, reason, true); err != nil {
			return nil, err
		}
		return nil, errSignInFailed
	}
	return s.startSession(ctx, u, c)
}

func (s *AuthService) startSession(ctx context.Context, u *signInUser, c auth.Client) (*auth.SignInResult, error) {
	needEnrol := false
	if !u.totp {
		for _, r := range u.roles {
			needEnrol = needEnrol || r.RequiresMFA()
		}
	}
	token, err := randomToken(32)
	if err != nil {
		return nil, err
	}
	csrf, err := randomToken(32)
	if err != nil {
		return nil, err
	}
	now := s.db.Now()
	sess := &auth.Session{TokenHash: s.tokenHash(token), UserID: u.id, CSRFToken: csrf, IP: truncateUTF8(c.IP, 64),
		UserAgent: truncateUTF8(c.UserAgent, 256), CreatedAt: now, LastSeenAt: now}
	next := "none"
	switch {
	case u.totp:
		next = "second_factor"
	case needEnrol:
		next = "enrolment"
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		// A password alone clears the pair only when no second factor is
		// asked for; otherwise the second factor's success clears it, so
		// an attacker holding the password cannot reset the count between
		// batches of guessed codes.
		if !u.totp {
			if err := clearFailures(ctx, tx, u.login, c.IP); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, mfa_passed, ip, user_agent, created_at,
			last_seen_at, ended_at) VALUES (?,?,?,?,?,?,?,?,0)`, sess.TokenHash, sess.UserID, sess.CSRFToken, false, sess.IP,
			sess.UserAgent, now.UnixMicro(), now.UnixMicro()); err != nil {
			return fmt.Errorf("insert session: %w", err)
		}
		return tx.Audit(ctx, audit.Event{JurisdictionID: u.jurisdiction, ActorID: u.id, ActorLogin: u.login, IP: c.IP,
			Action: "auth.signin", TargetKind: "users", TargetID: u.id, Outcome: audit.Success,
			Detail: authDetail(map[string]any{"next": next, "user_agent": sess.UserAgent})})
	})
	if err != nil {
		return nil, err
	}
	return &auth.SignInResult{Token: token, Session: sess, NeedSecondFactor: u.totp, NeedEnrolment: needEnrol,
		MustChangePassword: s.mustChange(u.mustChange, u.passwordChangedAt, now)}, nil
}

// pairState reads the failure record of (login, ip); a pair with none is
// the zero state.
func (s *AuthService) pairState(ctx context.Context, login, ip string) (auth.PairState, error) {
	var st auth.PairState
	var locked, last int64
	err := s.db.QueryRow(ctx, `SELECT failures, locked_until, last_at FROM login_failures WHERE login = ? AND ip = ?`,
		login, ip).Scan(&st.Failures, &locked, &last)
	if err != nil {
		if fault.Is(normalize(err), fault.NotFound) {
			return auth.PairState{}, nil
		}
		return st, err
	}
	st.LockedUntil, st.LastAt = fromMicros(locked), fromMicros(last)
	return st, nil
}

// recordFailure audits a failed sign-in or second-factor attempt and, when
// count is set, adds it to the pair's failures, in one transaction: the
// count and its audit event cannot part. (An attempt refused because the
// pair is locked is audited but not counted, so a lock does not extend
// itself while the attacker keeps knocking.) The event goes to the user's
// jurisdiction, or to the system chain for unknown logins.
func (s *AuthService) recordFailure(ctx context.Context, action, login string, c auth.Client, u *signInUser, reason string, count bool) error {
	e := audit.Event{JurisdictionID: audit.SystemJurisdiction, ActorLogin: login, IP: c.IP, Action: action,
		TargetKind: "users", Outcome: audit.Failure,
		Detail: authDetail(map[string]any{"reason": reason, "user_agent": truncateUTF8(c.UserAgent, 256)})}
	if u != nil {
		e.JurisdictionID, e.ActorID, e.TargetID = u.jurisdiction, u.id, u.id
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		if count {
			if err := s.countFailure(ctx, tx, login, c.IP); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, e)
	})
}

// countFailure applies auth.LockPolicy.Fail to the pair's stored state. The
// row is created first and then read locked, so that two failures racing on
// PostgreSQL both count.
func (s *AuthService) countFailure(ctx context.Context, tx *Tx, login, ip string) error {
	now := tx.Now()
	if _, err := tx.Exec(ctx, `INSERT INTO login_failures (login, ip, failures, locked_until, last_at) VALUES (?,?,0,0,?)
		ON CONFLICT (login, ip) DO NOTHING`, login, ip, now.UnixMicro()); err != nil {
		return fmt.Errorf("create failure record: %w", err)
	}
	var st auth.PairState
	var locked, last int64
	if err := tx.QueryRow(ctx, `SELECT failures, locked_until, last_at FROM login_failures WHERE login = ? AND ip = ?`+
		s.db.dialect.ForUpdate(), login, ip).Scan(&st.Failures, &locked, &last); err != nil {
		return fmt.Errorf("lock failure record: %w", normalize(err))
	}
	st.LockedUntil, st.LastAt = fromMicros(locked), fromMicros(last)
	st = s.cfg.Lock.Fail(st, now)
	_, err := tx.Exec(ctx, `UPDATE login_failures SET failures = ?, locked_until = ?, last_at = ? WHERE login = ? AND ip = ?`,
		st.Failures, microsOf(st.LockedUntil), st.LastAt.UnixMicro(), login, ip)
	return err
}

func clearFailures(ctx context.Context, tx *Tx, login, ip string) error {
	_, err := tx.Exec(ctx, `DELETE FROM login_failures WHERE login = ? AND ip = ?`, login, ip)
	return err
}

// VerifySecondFactor implements auth.Service. A six-digit code is checked
// as TOTP, anything else as a recovery code. Single use is enforced by the
// database, not by the check: the UPDATE only matches while the stored last
// step is older (or the recovery code unused), so two requests racing with
// one code cannot both pass.
func (s *AuthService) VerifySecondFactor(ctx context.Context, token, code string, c auth.Client) error {
	now := s.db.Now()
	if !s.limiter.Allow(c.IP, now) {
		return errTooMany
	}
	su, err := s.liveSession(ctx, token)
	if err != nil {
		return err
	}
	if su.MFAPassed {
		return nil
	}
	u := &signInUser{id: su.UserID, login: su.login, jurisdiction: su.jurisdiction}
	pair, err := s.pairState(ctx, su.login, c.IP)
	if err != nil {
		return err
	}
	if s.cfg.Lock.Locked(pair, now) {
		if err := s.recordFailure(ctx, "auth.mfa", su.login, c, u, "locked", false); err != nil {
			return err
		}
		return errSignInLocked
	}
	if !su.totpEnabled {
		return errMFAInvalid
	}
	err = s.consumeFactor(ctx, su, code, c, now)
	if errors.Is(err, errFactorRefused) {
		if err := s.recordFailure(ctx, "auth.mfa", su.login, c, u, "invalid_code", true); err != nil {
			return err
		}
		return errMFAInvalid
	}
	if err != nil {
		return err
	}
	invalidatePrincipals()
	return nil
}

// errFactorRefused is a wrong, reused or malformed code, inside this file.
var errFactorRefused = errors.New("second factor refused")

// consumeFactor spends code and marks the session passed, in one audited
// transaction. It returns errFactorRefused for a code that does not count.
func (s *AuthService) consumeFactor(ctx context.Context, su *sessionUser, code string, c auth.Client, now time.Time) error {
	code = strings.TrimSpace(code)
	method := "recovery_code"
	var step int64
	var recovery string
	if len(code) == auth.TOTPDigits {
		method = "totp"
		secret, err := s.db.vault.Open(su.totpSealed, []byte(totpAAD))
		if err != nil {
			return fmt.Errorf("open totp secret: %w", err)
		}
		var ok bool
		if step, ok = auth.Verify(string(secret), code, now, su.totpLast); !ok {
			return errFactorRefused
		}
	} else if recovery = auth.NormalizeRecoveryCode(code); recovery == "" {
		return errFactorRefused
	}
	return s.db.Write(ctx, func(tx *Tx) error {
		var err error
		if method == "totp" {
			err = tx.ExecOne(ctx, `UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, step, su.UserID, step)
		} else {
			err = tx.ExecOne(ctx, `UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at = 0`,
				now.UnixMicro(), su.UserID, s.recoveryHash(su.UserID, recovery))
		}
		if fault.Is(err, fault.NotFound) {
			return errFactorRefused
		}
		if err != nil {
			return err
		}
		if err := tx.ExecOne(ctx, `UPDATE sessions SET mfa_passed = ?, last_seen_at = ? WHERE token_hash = ? AND ended_at = 0`,
			true, now.UnixMicro(), su.TokenHash); err != nil {
			return err
		}
		if err := clearFailures(ctx, tx, su.login, c.IP); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Event{JurisdictionID: su.jurisdiction, ActorID: su.UserID, ActorLogin: su.login, IP: c.IP,
			Action: "auth.mfa", TargetKind: "users", TargetID: su.UserID, Outcome: audit.Success,
			Detail: authDetail(map[string]any{"method": method})})
	})
}

// The aad strings bind sealed values to their columns.
const (
	totpAAD  = "users.totp_secret"
	phoneAAD = "users.phone"
)

// recoveryHash is the stored form of a recovery code, bound to its user.
// Codes carry about 59 random bits, so a keyed hash suffices; no password
// hash is needed.
func (s *AuthService) recoveryHash(userID, code string) string {
	return vault.MACHex(s.db.vault, vault.TokenHash, []byte("recovery:"+userID+":"+code))
}

// BeginEnrolment implements auth.Service. The offered secret is stored
// sealed but not yet in force, so storing it is bookkeeping; turning TOTP
// on in ConfirmEnrolment is the audited action.
func (s *AuthService) BeginEnrolment(ctx context.Context) (*auth.Enrolment, error) {
	p := access.From(ctx)
	if p == nil || p.Operator {
		return nil, errUnauthorized
	}
	var enabled bool
	if err := s.db.QueryRow(ctx, `SELECT totp_enabled FROM users WHERE id = ?`, p.UserID).Scan(&enabled); err != nil {
		return nil, normalize(err)
	}
	if enabled {
		return nil, fault.New(fault.Conflict, "error.mfa.enrolled")
	}
	secret, err := auth.NewSecret()
	if err != nil {
		return nil, err
	}
	sealed, err := s.db.vault.Seal([]byte(secret), []byte(totpAAD))
	if err != nil {
		return nil, err
	}
	err = s.db.WriteUnaudited(ctx, func(tx *Tx) error {
		return tx.ExecOne(ctx, `UPDATE users SET totp_secret_sealed = ?, totp_last_step = 0 WHERE id = ? AND totp_enabled = ?`,
			sealed, p.UserID, false)
	})
	if err != nil {
		return nil, err
	}
	return &auth.Enrolment{Secret: secret, URI: auth.URI(s.cfg.Issuer, p.Login, secret)}, nil
}

// ConfirmEnrolment implements auth.Service.
func (s *AuthService) ConfirmEnrolment(ctx context.Context, token, code string) ([]string, error) {
	p := access.From(ctx)
	if p == nil || p.Operator {
		return nil, errUnauthorized
	}
	su, err := s.liveSession(ctx, token)
	if err != nil {
		return nil, err
	}
	if su.UserID != p.UserID {
		return nil, errUnauthorized
	}
	if su.totpEnabled {
		return nil, fault.New(fault.Conflict, "error.mfa.enrolled")
	}
	if su.totpSealed == "" {
		return nil, fault.New(fault.Conflict, "error.mfa.no_enrolment")
	}
	c := auth.Client{IP: p.IP}
	u := &signInUser{id: su.UserID, login: su.login, jurisdiction: su.jurisdiction}
	now := s.db.Now()
	pair, err := s.pairState(ctx, su.login, c.IP)
	if err != nil {
		return nil, err
	}
	if s.cfg.Lock.Locked(pair, now) {
		return nil, errSignInLocked
	}
	secret, err := s.db.vault.Open(su.totpSealed, []byte(totpAAD))
	if err != nil {
		return nil, fmt.Errorf("open totp secret: %w", err)
	}
	step, ok := auth.Verify(string(secret), code, now, su.totpLast)
	if !ok {
		if err := s.recordFailure(ctx, "auth.mfa_enrol", su.login, c, u, "invalid_code", true); err != nil {
			return nil, err
		}
		return nil, errMFAInvalid
	}
	codes, err := auth.NewRecoveryCodes()
	if err != nil {
		return nil, err
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		if err := tx.ExecOne(ctx, `UPDATE users SET totp_enabled = ?, totp_last_step = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND totp_enabled = ? AND totp_secret_sealed = ?`, true, step, now.UnixMicro(), su.UserID, false, su.totpSealed); err != nil {
			return fault.Wrap(fault.Conflict, "error.conflict", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, su.UserID); err != nil {
			return err
		}
		rows := make([]string, len(codes))
		args := make([]any, 0, 3*len(codes))
		for i, rc := range codes {
			rows[i] = "(?, ?, 0)"
			args = append(args, su.UserID, s.recoveryHash(su.UserID, rc))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO recovery_codes (user_id, code_hash, used_at) VALUES `+strings.Join(rows, ", "), args...); err != nil {
			return fmt.Errorf("store recovery codes: %w", err)
		}
		if err := tx.ExecOne(ctx, `UPDATE sessions SET mfa_passed = ? WHERE token_hash = ?`, true, su.TokenHash); err != nil {
			return err
		}
		if err := clearFailures(ctx, tx, su.login, c.IP); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Event{JurisdictionID: su.jurisdiction, ActorID: su.UserID, ActorLogin: su.login, IP: c.IP,
			Action: "auth.mfa_enrol", TargetKind: "users", TargetID: su.UserID, Outcome: audit.Success,
			Detail: authDetail(map[string]any{"recovery_codes": len(codes)})})
	})
	if err != nil {
		return nil, err
	}
	invalidatePrincipals()
	return codes, nil
}

// SignOut implements auth.Service. Signing out twice, or with an unknown
// token, does nothing.
func (s *AuthService) SignOut(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	hash := s.tokenHash(token)
	su, err := s.loadSession(ctx, hash)
	if fault.Is(err, fault.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if su.endedAt != 0 {
		return nil
	}
	ip := su.IP
	if p := access.From(ctx); p != nil && p.IP != "" {
		ip = p.IP
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at = 0`, tx.Now().UnixMicro(), hash); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Event{JurisdictionID: su.jurisdiction, ActorID: su.UserID, ActorLogin: su.login, IP: ip,
			Action: "auth.signout", TargetKind: "users", TargetID: su.UserID})
	})
	if err != nil {
		return err
	}
	s.cache.drop("s:" + hash)
	invalidatePrincipals()
	return nil
}

// ChangePassword implements auth.Service. A wrong current password counts
// against the (login, address) pair like a failed sign-in.
func (s *AuthService) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	p := access.From(ctx)
	if p == nil || p.Operator {
		return errUnauthorized
	}
	u, err := s.userForSignIn(ctx, p.Login)
	if err != nil {
		return err
	}
	c := auth.Client{IP: p.IP}
	now := s.db.Now()
	pair, err := s.pairState(ctx, u.login, c.IP)
	if err != nil {
		return err
	}
	if s.cfg.Lock.Locked(pair, now) {
		return errSignInLocked
	}
	ok, err := s.cfg.Hasher.Verify(ctx, u.hash, oldPassword)
	if err != nil {
		return err
	}
	if !ok {
		if err := s.recordFailure(ctx, "auth.password_change", u.login, c, u, "wrong_password", true); err != nil {
			return err
		}
		var f fault.Fields
		f.Add("old_password", "field.password.wrong")
		return f.Err()
	}
	if err := auth.CheckPassword(u.login, newPassword); err != nil {
		return err
	}
	if newPassword == oldPassword {
		var f fault.Fields
		f.Add("password", "field.password.same")
		return f.Err()
	}
	hash, err := s.cfg.Hasher.Hash(ctx, newPassword)
	if err != nil {
		return err
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		if err := tx.ExecOne(ctx, `UPDATE users SET password_hash = ?, password_changed_at = ?, must_change_password = ?,
			version = version + 1, updated_at = ? WHERE id = ?`, hash, now.UnixMicro(), false, now.UnixMicro(), u.id); err != nil {
			return err
		}
		if err := clearFailures(ctx, tx, u.login, c.IP); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Event{JurisdictionID: u.jurisdiction, ActorID: u.id, ActorLogin: u.login, IP: c.IP,
			Action: "auth.password_change", TargetKind: "users", TargetID: u.id})
	})
	if err != nil {
		return err
	}
	invalidatePrincipals()
	return nil
}

// randomToken returns n random bytes in base64url without padding.
func randomToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// authDetail encodes an audit detail object.
func authDetail(m map[string]any) string {
	b, err := json.Marshal(m)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// fromMicros turns a stored instant into a time; 0 is the zero time.
func fromMicros(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// microsOf is the stored form of t; the zero time is 0.
func microsOf(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}
