package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"

	"zugong/internal/app"
	"zugong/internal/demo"
)

func runDemo(ctx context.Context, env *cmdEnv, args []string) error {
	var scale string
	var members int
	if _, err := env.parse("demo", args, func(fs *flag.FlagSet) {
		fs.StringVar(&scale, "scale", "county", "county, or city (10 counties under a city, for load tests)")
		peopleFlag(fs, &members)
	}); err != nil {
		return helpIsNoError(err)
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	return seedDemo(ctx, env, a, scale, members)
}

// peopleFlag declares --people: the party members of each demo county;
// cadres and talents follow in the demo's proportions.
func peopleFlag(fs *flag.FlagSet, members *int) {
	fs.IntVar(members, "people", demo.DefaultPeople.PartyMembers,
		"party members per demo county (cadres and talents follow in proportion; 0 for none)")
}

// peopleSpec scales the default demo population to members party members.
func peopleSpec(members int) demo.PeopleSpec {
	d := demo.DefaultPeople
	return demo.PeopleSpec{PartyMembers: members, Cadres: members * d.Cadres / d.PartyMembers,
		Talents: members * d.Talents / d.PartyMembers, FlawEvery: d.FlawEvery}
}

// seedDemoIfEmpty seeds the demo unless the database already holds data,
// in which case it says so and leaves the data alone.
func seedDemoIfEmpty(ctx context.Context, env *cmdEnv, a *app.App, scale string, members int) error {
	err := seedDemo(ctx, env, a, scale, members)
	if errors.Is(err, app.ErrNotEmpty) {
		fmt.Fprintln(env.stdout, "the database already holds data; the demo was not seeded again (its accounts are unchanged)")
		return nil
	}
	return err
}

func seedDemo(ctx context.Context, env *cmdEnv, a *app.App, scale string, members int) error {
	s, err := demo.ParseScale(scale)
	if err != nil {
		return err
	}
	res, err := a.SeedDemo(ctx, s, peopleSpec(members))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "seeded %s: %d organisations under %s, %d people\n", s, res.Summary.Total, res.Summary.Root.Name, res.People)
	if len(res.Flaws) > 0 {
		fmt.Fprint(env.stdout, "planted for the data-quality audit (zugong check people):")
		for _, f := range []demo.Flaw{demo.FlawPartyBefore18, demo.FlawWorkBefore16, demo.FlawResumeGap, demo.FlawResumeOverlap,
			demo.FlawFullMemberDate, demo.FlawProbationExpiry} {
			fmt.Fprintf(env.stdout, " %s %d", f, res.Flaws[f])
		}
		fmt.Fprintln(env.stdout)
	}
	fmt.Fprintln(env.stdout)
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LOGIN\tPASSWORD\tROLE\tSCOPE\tTOTP KEY")
	for _, acc := range res.Accounts {
		totp := "-"
		if acc.TOTPSecret != "" {
			totp = acc.TOTPSecret
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", acc.Login, acc.Password, acc.Role, acc.Scope.Name, totp)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "\nAccounts with a TOTP key must enter a code from an authenticator app holding that key.")
	return nil
}
