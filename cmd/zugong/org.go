package main

import (
	"context"
	"flag"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/org"
)

// runOrg creates the top of a tree, which only the server's operator may:
// a fresh installation starts with its county (or a city above counties),
// and everything below is then recorded in the UI or the API.
func runOrg(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 || args[0] != "create-root" {
		return fmt.Errorf("org: want create-root")
	}
	var name, kind, division, founded string
	if _, err := env.parse("org create-root", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "name, e.g. 正阳县")
		fs.StringVar(&kind, "kind", string(org.County), "county or city")
		fs.StringVar(&division, "division", "", "GB/T 2260 division code, e.g. 411724")
		fs.StringVar(&founded, "founded", "1949-10-01", "founding date, YYYY-MM-DD")
	}); err != nil {
		return helpIsNoError(err)
	}
	day, err := civil.Parse(founded)
	if err != nil {
		return err
	}
	if k := org.Kind(kind); !k.Jurisdictional() {
		return fmt.Errorf("org create-root: --kind must be county or city, not %q", kind)
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx = access.With(ctx, access.Operator(osUser()))
	o, _, err := a.Orgs.Record(ctx, org.Change{Kind: org.Establish, EffectiveOn: day,
		Unit: org.NewUnit{Name: name, Kind: org.Kind(kind), Sector: org.SectorGovernment, DivisionCode: division}})
	if err != nil {
		return describe(a, err)
	}
	fmt.Fprintf(env.stdout, "created %s %s (%s)\n", o.Kind, o.Name, o.ID)
	return nil
}
