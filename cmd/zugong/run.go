package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"zugong/internal/app"
	"zugong/internal/config"
)

// command is one subcommand of zugong.
type command struct {
	summary string
	run     func(ctx context.Context, env *cmdEnv, args []string) error
}

// cmdEnv is what every command gets: the configuration from the environment
// (flags are parsed by each command), the output streams and a logger.
type cmdEnv struct {
	cfg    config.Config
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

func commands() map[string]command {
	return map[string]command{
		"serve":   {"start the web server (--demo seeds an empty database)", runServe},
		"migrate": {"apply the embedded database migrations", runMigrate},
		"demo":    {"seed the demo county and print its accounts", runDemo},
		"org":     {"create the root of a new installation's tree (create-root)", runOrg},
		"person":  {"import or export dossiers: LRMX, LRM, Excel, zip", runPerson},
		"check":   {"run the data-quality audit of people (check people)", runCheck},
		"user":    {"manage accounts: create, reset-password, grant", runUser},
		"audit":   {"verify the audit chains or export the trail", runAudit},
		"bench":   {"run the benchmark workloads and print value, baseline and ratio", runBench},
		"version": {"print the version", runVersion},
	}
}

// run is the whole program; main and the tests call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return err
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return nil
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		usage(stderr)
		return fmt.Errorf("unknown command %q", args[0])
	}
	env := &cmdEnv{cfg: cfg, getenv: getenv, stdout: stdout, stderr: stderr}
	return cmd.run(ctx, env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "zugong — the work platform of a county Party Organization Department")
	fmt.Fprintln(w, "\nUsage: zugong COMMAND [flags]\n\nCommands:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --db (env ZUGONG_DB, default ./zugong.db); run zugong COMMAND -h for its flags.")
}

// parse parses a command's flags after registering the shared ones, and
// finishes the configuration. Positional arguments are returned.
func (env *cmdEnv) parse(name string, args []string, extra func(fs *flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet("zugong "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	env.cfg.Register(fs)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, errHelp
		}
		return nil, err
	}
	if err := env.cfg.Finish(); err != nil {
		return nil, err
	}
	env.log = newLogger(env.cfg.LogFormat, env.stderr)
	return fs.Args(), nil
}

var errHelp = errors.New("help requested")

func newLogger(format string, w io.Writer) *slog.Logger {
	if strings.EqualFold(format, "json") {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// open opens the configured database and builds the services.
func (env *cmdEnv) open(ctx context.Context) (*app.App, error) {
	return app.Open(ctx, env.cfg, env.log)
}
