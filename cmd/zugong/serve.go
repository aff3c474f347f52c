package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"
)

func runServe(ctx context.Context, env *cmdEnv, args []string) error {
	var demo bool
	var scale string
	var members int
	if _, err := env.parse("serve", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&demo, "demo", false, "seed the demo county into an empty database and print its accounts")
		fs.StringVar(&scale, "scale", "county", "demo size: county or city (10 counties)")
		peopleFlag(fs, &members)
	}); err != nil {
		return helpIsNoError(err)
	}
	tuneRuntime()
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	if demo {
		if err := seedDemoIfEmpty(ctx, env, a, scale, members); err != nil {
			return err
		}
	}
	handler, _, err := a.Handler()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", env.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	fmt.Fprintf(env.stdout, "zugong is serving on http://%s (database: %s)\n", ln.Addr(), a.DB.Dialect())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// helpIsNoError turns a -h request into a clean exit.
func helpIsNoError(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}
