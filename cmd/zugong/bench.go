package main

import (
	"context"
	"flag"
	"os"
	"runtime/pprof"

	"zugong/internal/bench"
)

func runBench(ctx context.Context, env *cmdEnv, args []string) error {
	var quick bool
	var cpuProfile string
	names, err := env.parse("bench", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&quick, "quick", false, "short runs for CI smoke tests (under a minute)")
		fs.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	})
	if err != nil {
		return helpIsNoError(err)
	}
	tuneRuntime()
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return bench.Run(ctx, bench.Options{DSN: env.cfg.DB, Quick: quick}, names, env.stdout)
}
