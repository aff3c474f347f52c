package app

import (
	"context"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/auth"
	"zugong/internal/demo"
	"zugong/internal/fault"
	"zugong/internal/org"
)

// DemoPassword is the password of every demo account. It meets the password
// policy; the demo is for trying zugong out, never for real records.
const DemoPassword = "Zugong-Demo-2026"

// AccountSpec describes one account to create: a role over a scope.
type AccountSpec struct {
	Login string
	Name  string
	Role  access.Role
	Scope org.Org
	// SecondFactor provisions a TOTP key even where the role does not
	// require one (API tokens need a session that passed a second factor).
	SecondFactor bool
}

// Account is a created account with the credentials to sign in with.
type Account struct {
	AccountSpec
	ID       string
	Password string
	// TOTPSecret is set for roles that must use a second factor.
	TOTPSecret string
}

// DemoAccounts returns one account per role, scoped the way a county would
// scope them: the administrators and county-wide roles over the root, the
// township organiser over a township, the branch secretary over a branch,
// and the individual roles (cadre, talent, enterprise) at their township.
func DemoAccounts(root, county, township, branch org.Org) []AccountSpec {
	return []AccountSpec{
		{Login: "sysadmin", Name: "系统管理员", Role: access.SystemAdmin, Scope: root},
		{Login: "secadmin", Name: "安全管理员", Role: access.SecurityAdmin, Scope: root},
		{Login: "auditor", Name: "审计管理员", Role: access.AuditAdmin, Scope: root},
		{Login: "county.staff", Name: "组织部干部", Role: access.CountyStaff, Scope: county},
		{Login: "town.organiser", Name: "乡镇组织委员", Role: access.TownshipOrganiser, Scope: township},
		{Login: "branch.secretary", Name: "支部书记", Role: access.BranchSecretary, Scope: branch},
		{Login: "leader", Name: "县领导", Role: access.Leader, Scope: county},
		{Login: "supervisor", Name: "监督员", Role: access.Supervisor, Scope: county},
		{Login: "cadre", Name: "干部", Role: access.Cadre, Scope: township},
		{Login: "talent", Name: "人才", Role: access.Talent, Scope: township},
		{Login: "enterprise", Name: "企业联络员", Role: access.Enterprise, Scope: township},
	}
}

// CreateAccounts creates the accounts as the server's operator, grants
// each its role and provisions a TOTP key where the role requires one.
func (a *App) CreateAccounts(ctx context.Context, specs []AccountSpec) ([]Account, error) {
	ctx = access.With(ctx, access.Operator("demo"))
	out := make([]Account, 0, len(specs))
	for _, s := range specs {
		u, err := a.Users.Create(ctx, auth.NewUser{Login: s.Login, Name: s.Name, HomeOrgID: s.Scope.ID, Password: DemoPassword})
		if err != nil {
			return nil, fmt.Errorf("create account %s: %w", s.Login, err)
		}
		if _, err := a.Users.Grant(ctx, u.ID, s.Role, s.Scope.ID); err != nil {
			return nil, fmt.Errorf("grant %s to %s: %w", s.Role, s.Login, err)
		}
		acc := Account{AccountSpec: s, ID: u.ID, Password: DemoPassword}
		if s.Role.RequiresMFA() || s.SecondFactor {
			secret, err := auth.NewSecret()
			if err != nil {
				return nil, err
			}
			if err := a.Users.ProvisionTOTP(ctx, u.ID, secret); err != nil {
				return nil, fmt.Errorf("second factor of %s: %w", s.Login, err)
			}
			acc.TOTPSecret = secret
		}
		out = append(out, acc)
	}
	return out, nil
}

// ErrNotEmpty is returned when the demo would be seeded over existing data.
var ErrNotEmpty = fault.New(fault.Conflict, "error.demo.not_empty")

// DemoResult is what seeding the demo made.
type DemoResult struct {
	Summary  demo.Summary
	Accounts []Account
	// People counts the dossiers seeded; Flaws where inconsistencies were
	// planted for the data-quality audit.
	People int
	Flaws  map[demo.Flaw]int
}

// SeedDemo seeds the demo tree of scale into an empty database, creates one
// account per role, and fills the registry of each county with people.
func (a *App) SeedDemo(ctx context.Context, scale demo.Scale, people demo.PeopleSpec) (*DemoResult, error) {
	var n int
	if err := a.DB.QueryRow(ctx, `SELECT COUNT(*) FROM orgs`).Scan(&n); err != nil {
		return nil, fmt.Errorf("count organisations: %w", err)
	}
	if n > 0 {
		return nil, ErrNotEmpty
	}
	orgs := demo.Generate(scale, 1)
	if err := a.DB.SeedOrgs(ctx, access.Operator("demo"), orgs); err != nil {
		return nil, err
	}
	sum := demo.Summarize(orgs)
	accounts, err := a.CreateAccounts(ctx, DemoAccounts(sum.Root, sum.County, sum.Township, sum.Branch))
	if err != nil {
		return nil, err
	}
	res := &DemoResult{Summary: sum, Accounts: accounts, Flaws: map[demo.Flaw]int{}}
	gens, err := a.SeedPeople(ctx, orgs, people)
	if err != nil {
		return nil, err
	}
	if err := a.SeedDevelopment(ctx, orgs); err != nil {
		return nil, err
	}
	if err := a.seedSelections(ctx, sum.County, orgs); err != nil {
		return nil, err
	}
	if err := a.seedAppraisal(ctx, orgs); err != nil {
		return nil, err
	}
	if err := a.seedTalent(ctx, orgs, talentAccount(accounts)); err != nil {
		return nil, err
	}
	for _, gen := range gens {
		res.People += len(gen.Dossiers)
		for f, idx := range gen.Flaws {
			res.Flaws[f] += len(idx)
		}
	}
	return res, nil
}

// SeedPeople generates the people of each county of orgs from spec and
// imports them county by county, in batches, as the operator. It returns
// what it generated, county by county.
func (a *App) SeedPeople(ctx context.Context, orgs []org.Org, spec demo.PeopleSpec) ([]demo.People, error) {
	if spec.PartyMembers+spec.Cadres+spec.Talents == 0 {
		return nil, nil
	}
	ctx = access.With(ctx, access.Operator("demo"))
	var out []demo.People
	for i, county := range orgs {
		if county.Kind != org.County {
			continue
		}
		var tree []org.Org
		for _, o := range orgs {
			if o.JurisdictionID == county.ID {
				tree = append(tree, o)
			}
		}
		gen := demo.GeneratePeople(tree, spec, uint64(i+1))
		const batch = 5000
		for start := 0; start < len(gen.Dossiers); start += batch {
			part := gen.Dossiers[start:min(start+batch, len(gen.Dossiers))]
			if _, err := a.People.Import(ctx, county.ID, part); err != nil {
				return nil, fmt.Errorf("seed the people of %s: %w", county.Name, err)
			}
		}
		out = append(out, gen)
	}
	return out, a.DB.RefreshStatistics(ctx)
}

// talentAccount is the demo account of the talent role, if any.
func talentAccount(accounts []Account) *Account {
	for i := range accounts {
		if accounts[i].Role == access.Talent {
			return &accounts[i]
		}
	}
	return nil
}
