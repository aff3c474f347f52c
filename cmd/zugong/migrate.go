package main

import (
	"context"
	"fmt"
)

func runMigrate(ctx context.Context, env *cmdEnv, args []string) error {
	if _, err := env.parse("migrate", args, nil); err != nil {
		return helpIsNoError(err)
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	fmt.Fprintf(env.stdout, "database %s is at the current schema\n", a.DB.Dialect())
	return nil
}
