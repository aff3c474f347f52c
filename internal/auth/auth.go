// Package auth holds accounts, sign-in, second factors, sessions and API
// tokens: the password policy, argon2id hashing bounded so a login flood
// cannot starve the server, lock-out that an attacker cannot turn against
// others, TOTP with single-use codes, and the services the HTTP adapters and
// the command line use.
package auth

import (
	"context"
	"time"

	"zugong/internal/access"
)

// Client is where a request comes from, for throttling and the audit trail.
type Client struct {
	IP        string
	UserAgent string
}

// Session is a signed-in browser session. Only a hash of its token is stored.
type Session struct {
	TokenHash  string
	UserID     string
	CSRFToken  string
	MFAPassed  bool
	IP         string
	UserAgent  string
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// SignInResult tells the caller what the account must do next.
type SignInResult struct {
	// Token is the raw session token for the cookie; it is never stored.
	Token   string
	Session *Session
	// NeedSecondFactor: the account has TOTP; ask for a code.
	NeedSecondFactor bool
	// NeedEnrolment: a role requires TOTP and the account has none yet.
	NeedEnrolment bool
	// MustChangePassword: an administrator reset the password.
	MustChangePassword bool
}

// Enrolment is a TOTP secret offered to the user, not yet confirmed.
type Enrolment struct {
	Secret string // base32, for typing into an authenticator app
	URI    string // otpauth:// URI, for a QR code
}

// Service signs people in and turns session cookies and bearer tokens into
// principals.
type Service interface {
	// SignIn checks a password. Failures are reported with one generic
	// error whatever the cause, and throttled per account and address.
	SignIn(ctx context.Context, login, password string, c Client) (*SignInResult, error)
	// VerifySecondFactor accepts a TOTP code (each time step once) or an
	// unused recovery code for the session and marks it as passed.
	VerifySecondFactor(ctx context.Context, token, code string, c Client) error
	// BeginEnrolment offers a new TOTP secret to the principal in ctx.
	BeginEnrolment(ctx context.Context) (*Enrolment, error)
	// ConfirmEnrolment checks a code against the offered secret, turns TOTP
	// on, marks the current session as passed and returns recovery codes.
	ConfirmEnrolment(ctx context.Context, token, code string) ([]string, error)
	// Authenticate returns the principal of a session token, ending the
	// session when it has been idle too long.
	Authenticate(ctx context.Context, token string, c Client) (*access.Principal, *Session, error)
	// AuthenticateToken returns the principal of an API bearer token.
	AuthenticateToken(ctx context.Context, token string, c Client) (*access.Principal, error)
	SignOut(ctx context.Context, token string) error
	// ChangePassword changes the principal's own password.
	ChangePassword(ctx context.Context, oldPassword, newPassword string) error
}

// UserStatus is whether an account may sign in.
type UserStatus string

// The statuses.
const (
	Enabled  UserStatus = "active"
	Disabled UserStatus = "disabled"
)

// User is an account as administrators see it.
type User struct {
	ID                 string
	Login              string
	Name               string
	HomeOrgID          string
	HomeOrgName        string
	JurisdictionID     string
	PhoneMasked        string
	MustChangePassword bool
	TOTPEnabled        bool
	Status             UserStatus
	Locale             string
	Version            int
	CreatedAt          time.Time
	UpdatedAt          time.Time
	Grants             []GrantRecord
}

// GrantRecord is one stored grant of a role over a subtree.
type GrantRecord struct {
	ID           string
	UserID       string
	Role         access.Role
	ScopeOrgID   string
	ScopeOrgName string
	GrantedBy    string
	GrantedAt    time.Time
}

// NewUser is the input for creating an account.
type NewUser struct {
	Login     string
	Name      string
	HomeOrgID string
	Phone     string
	Password  string
	Locale    string
}

// UserFilter selects accounts for a listing.
type UserFilter struct {
	Query  string
	Role   access.Role
	Status UserStatus
	Sort   string // "login", "name", "created_at"
	Desc   bool
	Offset int
	Limit  int
}

// UserPage is one page of accounts.
type UserPage struct {
	Items []User
	Total int
}

// Token is an API token as its owner sees it.
type Token struct {
	ID        string
	UserID    string
	Name      string
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt time.Time
}

// Users administers accounts, roles and tokens on behalf of the principal in
// ctx. Account management needs user.manage, grants need role.grant, both
// within the principal's scope; each change is audited.
type Users interface {
	List(ctx context.Context, f UserFilter) (*UserPage, error)
	Get(ctx context.Context, id string) (*User, error)
	Create(ctx context.Context, u NewUser) (*User, error)
	// ResetPassword sets a new password that must be changed at next sign-in.
	ResetPassword(ctx context.Context, id, password string) error
	SetStatus(ctx context.Context, id string, s UserStatus) error
	// Grant gives role over the subtree of scopeOrgID; the three
	// administrator roles never combine, and nobody grants to themselves.
	Grant(ctx context.Context, userID string, role access.Role, scopeOrgID string) (*GrantRecord, error)
	Revoke(ctx context.Context, grantID string) error
	// RevealPhone returns the unmasked phone number; the reveal is audited.
	RevealPhone(ctx context.Context, id string) (string, error)
	// CreateToken makes an API token for the principal itself and returns
	// the raw token once.
	CreateToken(ctx context.Context, name string, ttl time.Duration) (string, *Token, error)
	ListTokens(ctx context.Context) ([]Token, error)
	RevokeToken(ctx context.Context, id string) error
}
