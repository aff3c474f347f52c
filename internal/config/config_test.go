package config

import (
	"flag"
	"testing"
	"time"
)

func TestFlagsOverrideEnvironment(t *testing.T) {
	env := map[string]string{"ZUGONG_DB": "/srv/z.db", "ZUGONG_ADDR": "0.0.0.0:9000", "ZUGONG_IDLE_TIMEOUT": "30m"}
	c, err := FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.Register(fs)
	if err := fs.Parse([]string{"--addr", "127.0.0.1:7000"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Finish(); err != nil {
		t.Fatal(err)
	}
	if c.DB != "/srv/z.db" || c.Addr != "127.0.0.1:7000" || c.IdleTimeout != 30*time.Minute || c.KeyFile != "/srv/z.db.key" {
		t.Fatalf("config %+v", c)
	}
}

func TestDefaultsAndBadValues(t *testing.T) {
	c, err := FromEnv(func(string) string { return "" })
	if err != nil || c.DB != "./zugong.db" || c.Addr != "127.0.0.1:8080" {
		t.Fatalf("defaults %+v, %v", c, err)
	}
	if _, err := FromEnv(func(k string) string { return map[string]string{"ZUGONG_IDLE_TIMEOUT": "soon"}[k] }); err == nil {
		t.Fatal("bad ZUGONG_IDLE_TIMEOUT accepted")
	}
	c.LogFormat = "xml"
	if err := c.Finish(); err == nil {
		t.Fatal("log format xml accepted")
	}
}

func TestWarningDays(t *testing.T) {
	env := map[string]string{"ZUGONG_SECONDMENT_WARN_DAYS": "45"}
	c, err := FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.Register(fs)
	if err := fs.Parse([]string{"--probation-warn-days", "60"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Finish(); err != nil || c.SecondmentWarnDays != 45 || c.ProbationWarnDays != 60 {
		t.Fatalf("warning days %d and %d, %v; want 45 and 60", c.SecondmentWarnDays, c.ProbationWarnDays, err)
	}
	if _, err := FromEnv(func(k string) string { return map[string]string{"ZUGONG_PROBATION_WARN_DAYS": "a month"}[k] }); err == nil {
		t.Error("ZUGONG_PROBATION_WARN_DAYS of words accepted")
	}
	c.ProbationWarnDays = 0
	if err := c.Finish(); err == nil {
		t.Error("a probation warning of 0 days accepted")
	}
}
