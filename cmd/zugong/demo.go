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
	if _, err := env.parse("demo", args, func(fs *flag.FlagSet) {
		fs.StringVar(&scale, "scale", "county", "county, or city (10 counties under a city, for load tests)")
	}); err != nil {
		return helpIsNoError(err)
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	return seedDemo(ctx, env, a, scale)
}

// seedDemoIfEmpty seeds the demo unless the database already holds data,
// in which case it says so and leaves the data alone.
func seedDemoIfEmpty(ctx context.Context, env *cmdEnv, a *app.App, scale string) error {
	err := seedDemo(ctx, env, a, scale)
	if errors.Is(err, app.ErrNotEmpty) {
		fmt.Fprintln(env.stdout, "the database already holds data; the demo was not seeded again (its accounts are unchanged)")
		return nil
	}
	return err
}

func seedDemo(ctx context.Context, env *cmdEnv, a *app.App, scale string) error {
	s, err := demo.ParseScale(scale)
	if err != nil {
		return err
	}
	res, err := a.SeedDemo(ctx, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "seeded %s: %d organisations under %s\n\n", s, res.Summary.Total, res.Summary.Root.Name)
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
