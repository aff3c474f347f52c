package api

import (
	"context"
	"log/slog"
	"testing"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/auth"
	"zugong/internal/fault"
	"zugong/internal/i18n"
	"zugong/internal/org"
	"zugong/internal/person"
)

// The stubs let tests that touch no service build a Server with New. Their
// methods are the embedded nil interfaces: calling one panics, so a test
// that reaches a service by mistake fails loudly.
type (
	stubOrgs   struct{ org.Service }
	stubUsers  struct{ auth.Users }
	stubAudit  struct{ audit.Reader }
	stubPeople struct{ person.Service }
)

// oneToken accepts the bearer token "t" as a county staff member of no
// organisation in particular, and refuses every other credential.
type oneToken struct{}

func (oneToken) Authenticate(context.Context, string, auth.Client) (*access.Principal, *auth.Session, error) {
	return nil, nil, errUnauthorized
}

func (oneToken) AuthenticateToken(_ context.Context, token string, _ auth.Client) (*access.Principal, error) {
	if token != "t" {
		return nil, errUnauthorized
	}
	return &access.Principal{UserID: "u", Login: "u", MFA: true,
		Grants: []access.Grant{{Role: access.CountyStaff, ScopePath: "/c/"}}}, nil
}

// newUnitServer builds a Server with no database behind it.
func newUnitServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Deps{Orgs: stubOrgs{}, Auth: oneToken{}, Users: stubUsers{}, Audit: stubAudit{}, People: stubPeople{}, Catalog: i18n.MustLoad(), MaxBody: 1 << 10,
		Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var errUnauthorized = fault.New(fault.Unauthorized, "error.unauthorized")
