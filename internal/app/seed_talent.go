package app

import (
	"context"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/demo"
	"zugong/internal/org"
	"zugong/internal/store"
	"zugong/internal/talent"
)

// seedTalent generates and writes, for the talents of each county of orgs,
// a year of talent work: the project market, engagements, entities and
// services. It then links the demo talent account to a talent of the
// account's township, so that the self-service pages have someone to
// serve: one who holds no public post, where the township has one.
func (a *App) seedTalent(ctx context.Context, orgs []org.Org, account *Account) error {
	op := access.Operator("demo")
	for i := range orgs {
		county := &orgs[i]
		if county.Kind != org.County {
			continue
		}
		var tree []org.Org
		for _, o := range orgs {
			if o.JurisdictionID == county.ID {
				tree = append(tree, o)
			}
		}
		talents, err := a.demoTalents(ctx, county)
		if err != nil {
			return err
		}
		if len(talents) == 0 {
			continue
		}
		w := demo.GenerateTalentWork(county, tree, talents, demo.AsOf(), uint64(i+1))
		if err := a.Talent.SeedTalent(ctx, op, county.ID, store.TalentSeed(w)); err != nil {
			return fmt.Errorf("seed the talent work of %s: %w", county.Name, err)
		}
	}
	if account == nil {
		return nil
	}
	opCtx := access.With(ctx, op)
	candidates, err := a.Talent.Talents(opCtx, talent.Filter{Under: account.Scope.ID, Limit: 100})
	if err != nil {
		return fmt.Errorf("find a talent for the account %s: %w", account.Login, err)
	}
	// A demo without people has no talent to link: the account then says
	// on its pages that it has no profile yet.
	if len(candidates) == 0 {
		return nil
	}
	chosen := candidates[0]
	for _, c := range candidates {
		if !c.PublicEmployee {
			chosen = c
			break
		}
	}
	return a.Users.LinkPerson(opCtx, account.ID, chosen.PersonID)
}

// demoTalents lists the talents of a county as registered, in the pool's
// order (by name).
func (a *App) demoTalents(ctx context.Context, county *org.Org) ([]demo.TalentRef, error) {
	opCtx := access.With(ctx, access.Operator("demo"))
	var out []demo.TalentRef
	const pageSize = 500
	for offset := 0; ; offset += pageSize {
		page, err := a.Talent.Talents(opCtx, talent.Filter{Under: county.ID, Limit: pageSize, Offset: offset})
		if err != nil {
			return nil, fmt.Errorf("list the demo talents: %w", err)
		}
		for _, p := range page {
			out = append(out, demo.TalentRef{PersonID: p.PersonID, OrgID: p.OrgID, Category: p.Talent.Category,
				Skills: p.Talent.Skills, Forms: p.Talent.Forms, PublicEmployee: p.PublicEmployee})
		}
		if len(page) < pageSize {
			return out, nil
		}
	}
}
