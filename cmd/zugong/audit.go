package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"time"

	"zugong/internal/access"
	"zugong/internal/audit"
)

func runAudit(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("audit: want verify or export")
	}
	switch args[0] {
	case "verify":
		return auditVerify(ctx, env, args[1:])
	case "export":
		return auditExport(ctx, env, args[1:])
	}
	return fmt.Errorf("audit: unknown subcommand %q (want verify or export)", args[0])
}

// errTampered makes verify exit non-zero when any chain is broken.
var errTampered = fmt.Errorf("audit trail has been tampered with")

func auditVerify(ctx context.Context, env *cmdEnv, args []string) error {
	if _, err := env.parse("audit verify", args, nil); err != nil {
		return helpIsNoError(err)
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	v, err := a.DB.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	for _, f := range v.Findings {
		fmt.Fprintf(env.stdout, "BROKEN\tjurisdiction=%s\tseq=%d\t%s\n", f.JurisdictionID, f.Seq, f.Problem)
	}
	fmt.Fprintf(env.stdout, "checked %d events, %d findings\n", v.Checked, len(v.Findings))
	if len(v.Findings) > 0 {
		return errTampered
	}
	return nil
}

func auditExport(ctx context.Context, env *cmdEnv, args []string) error {
	var out, from, to, jurisdiction string
	if _, err := env.parse("audit export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "-", "output file (JSON Lines); - for standard output")
		fs.StringVar(&from, "from", "", "first day to export, YYYY-MM-DD (inclusive)")
		fs.StringVar(&to, "to", "", "last day to export, YYYY-MM-DD (inclusive)")
		fs.StringVar(&jurisdiction, "jurisdiction", "", "only this jurisdiction's chain")
	}); err != nil {
		return helpIsNoError(err)
	}
	q := audit.Query{JurisdictionID: jurisdiction, Oldest: true}
	var err error
	if q.From, err = parseDay(from, 0); err != nil {
		return err
	}
	if q.To, err = parseDay(to, 1); err != nil {
		return err
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	var w io.Writer = env.stdout
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	n := 0
	ctx = access.With(ctx, access.Operator(osUser()))
	if err := a.Audit.Export(ctx, q, func(e audit.Event) error {
		n++
		return enc.Encode(e.Record())
	}); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "exported %d events\n", n)
	return nil
}

// parseDay reads YYYY-MM-DD as midnight in China Standard Time, plus
// addDays days ("to" is inclusive, so it ends at the next midnight).
func parseDay(s string, addDays int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, chinaTime)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return t.AddDate(0, 0, addDays), nil
}

var chinaTime = time.FixedZone("CST", 8*3600)

func osUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}
