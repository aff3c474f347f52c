package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/codes"
	"zugong/internal/i18n"
	"zugong/internal/quality"
)

// runCheck runs the data-quality audit (三龄两历一身份) over the people of a
// subtree and prints one line per finding: organisation, person, rule,
// values and why. It exits non-zero when anything is found.
func runCheck(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 || args[0] != "people" {
		return fmt.Errorf("check: want people")
	}
	var orgID string
	cfg := quality.DefaultConfig()
	if _, err := env.parse("check people", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&orgID, "org", "", "only people of this organisation's subtree")
		fs.IntVar(&cfg.MinPartyAge, "min-party-age", cfg.MinPartyAge, "youngest age at which one may join the party")
		fs.IntVar(&cfg.MinWorkAge, "min-work-age", cfg.MinWorkAge, "youngest age at which one may start work")
		fs.IntVar(&cfg.MaxResumeGapMonths, "max-resume-gap", cfg.MaxResumeGapMonths, "longest gap between resume lines, in months")
	}); err != nil {
		return helpIsNoError(err)
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx = access.With(ctx, access.Operator(osUser()))
	checker := quality.NewChecker(cfg, civil.Of(time.Now()))
	n := 0
	for d, err := range a.People.Dossiers(ctx, orgID) {
		if err != nil {
			return describe(a, err)
		}
		checker.Add(d)
		n++
	}
	findings := checker.Findings()
	names := map[string]string{}
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "单位\t姓名\t规则\t数值\t原因")
	for _, f := range findings {
		if _, ok := names[f.OrgID]; !ok {
			if o, err := a.Orgs.Get(ctx, f.OrgID); err == nil {
				names[f.OrgID] = o.Name
			}
		}
		rule, _ := quality.RuleByID(f.Rule)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", names[f.OrgID], f.PersonName, a.Catalog.T(i18n.Default, rule.NameKey()),
			values(a.Catalog, f.Values), a.Catalog.T(i18n.Default, f.Why, f.Args...))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "checked %d people, %d findings\n", n, len(findings))
	if len(findings) > 0 {
		return errFindings
	}
	return nil
}

var errFindings = fmt.Errorf("the data-quality audit found problems")

// values renders a finding's values as "name=value", code values as words.
func values(c *i18n.Catalog, vs []quality.Value) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		text := v.Text
		if t, ok := codes.Get(v.Table); ok && v.Table != "" {
			text = t.Label(v.Text, i18n.Default)
		}
		parts[i] = c.T(i18n.Default, v.Key) + "=" + text
	}
	return strings.Join(parts, "; ")
}
