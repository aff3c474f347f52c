package main

import (
	"context"
	"flag"

	"zugong/internal/bench"
)

func runBench(ctx context.Context, env *cmdEnv, args []string) error {
	var quick bool
	names, err := env.parse("bench", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&quick, "quick", false, "short runs for CI smoke tests (under a minute)")
	})
	if err != nil {
		return helpIsNoError(err)
	}
	return bench.Run(ctx, bench.Options{DSN: env.cfg.DB, Quick: quick}, names, env.stdout)
}
