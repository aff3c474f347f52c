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
