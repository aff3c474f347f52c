// Package config holds zugong's configuration: one typed struct filled from
// ZUGONG_* environment variables, then from command-line flags, which win.
package config

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is the configuration of every command.
type Config struct {
	// DB is a SQLite file path or a postgres:// URL.
	DB string
	// Addr is the listen address of serve.
	Addr string
	// KeyFile holds the 32-byte master key of the software crypto provider,
	// created on first use. Defaults to the SQLite file's name + ".key", or
	// ./zugong.key for PostgreSQL.
	KeyFile string
	// IdleTimeout ends a session left idle this long.
	IdleTimeout time.Duration
	// SecureCookies marks cookies Secure; set it when serving over TLS.
	SecureCookies bool
	// MaxBody is the largest request body accepted, in bytes; MaxUpload
	// the largest file upload (imports).
	MaxBody   int64
	MaxUpload int64
	// LogFormat is "text" or "json".
	LogFormat string
	// SecondmentWarnDays and ProbationWarnDays are how many days before a
	// secondment or a probation (试用期) ends it is flagged: local
	// settings, 30 days by common practice.
	SecondmentWarnDays int
	ProbationWarnDays  int
}

// Default returns the configuration with nothing set.
func Default() Config {
	return Config{
		DB:          "./zugong.db",
		Addr:        "127.0.0.1:8080",
		IdleTimeout: 15 * time.Minute,
		MaxBody:     1 << 20,
		MaxUpload:   64 << 20,
		LogFormat:   "text",

		SecondmentWarnDays: 30,
		ProbationWarnDays:  30,
	}
}

// Register declares the shared flags on fs, with defaults taken from c
// (already filled from the environment).
func (c *Config) Register(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "database: SQLite file path or postgres:// URL (env ZUGONG_DB)")
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (env ZUGONG_ADDR)")
	fs.StringVar(&c.KeyFile, "key-file", c.KeyFile, "master key file of the crypto provider (env ZUGONG_KEY_FILE)")
	fs.DurationVar(&c.IdleTimeout, "idle-timeout", c.IdleTimeout, "end sessions idle this long (env ZUGONG_IDLE_TIMEOUT)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "mark cookies Secure, for TLS deployments (env ZUGONG_SECURE_COOKIES)")
	fs.Int64Var(&c.MaxBody, "max-body", c.MaxBody, "largest request body in bytes (env ZUGONG_MAX_BODY)")
	fs.Int64Var(&c.MaxUpload, "max-upload", c.MaxUpload, "largest file upload in bytes (env ZUGONG_MAX_UPLOAD)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log format: text or json (env ZUGONG_LOG_FORMAT)")
	fs.IntVar(&c.SecondmentWarnDays, "secondment-warn-days", c.SecondmentWarnDays,
		"flag a secondment this many days before it ends (env ZUGONG_SECONDMENT_WARN_DAYS)")
	fs.IntVar(&c.ProbationWarnDays, "probation-warn-days", c.ProbationWarnDays,
		"flag a probation this many days before it ends (env ZUGONG_PROBATION_WARN_DAYS)")
}

// FromEnv returns the defaults overridden by ZUGONG_* variables.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Default()
	str := func(name string, dst *string) {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	str("ZUGONG_DB", &c.DB)
	str("ZUGONG_ADDR", &c.Addr)
	str("ZUGONG_KEY_FILE", &c.KeyFile)
	str("ZUGONG_LOG_FORMAT", &c.LogFormat)
	if v := getenv("ZUGONG_IDLE_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return c, fmt.Errorf("ZUGONG_IDLE_TIMEOUT: %w", err)
		}
		c.IdleTimeout = d
	}
	if v := getenv("ZUGONG_SECURE_COOKIES"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, fmt.Errorf("ZUGONG_SECURE_COOKIES: %w", err)
		}
		c.SecureCookies = b
	}
	for name, dst := range map[string]*int64{"ZUGONG_MAX_BODY": &c.MaxBody, "ZUGONG_MAX_UPLOAD": &c.MaxUpload} {
		if v := getenv(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return c, fmt.Errorf("%s: %w", name, err)
			}
			*dst = n
		}
	}
	for name, dst := range map[string]*int{"ZUGONG_SECONDMENT_WARN_DAYS": &c.SecondmentWarnDays,
		"ZUGONG_PROBATION_WARN_DAYS": &c.ProbationWarnDays} {
		if v := getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return c, fmt.Errorf("%s: %w", name, err)
			}
			*dst = n
		}
	}
	return c, nil
}

// Finish fills derived defaults and checks the values.
func (c *Config) Finish() error {
	if c.KeyFile == "" {
		if strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://") {
			c.KeyFile = "./zugong.key"
		} else {
			c.KeyFile = filepath.Clean(strings.TrimPrefix(c.DB, "file:")) + ".key"
		}
	}
	if c.IdleTimeout < time.Minute {
		return fmt.Errorf("idle timeout %s is shorter than a minute", c.IdleTimeout)
	}
	if c.MaxBody < 1024 {
		return fmt.Errorf("max body %d is smaller than 1 KiB", c.MaxBody)
	}
	if c.MaxUpload < c.MaxBody {
		return fmt.Errorf("max upload %d is smaller than max body %d", c.MaxUpload, c.MaxBody)
	}
	for name, days := range map[string]int{"secondment": c.SecondmentWarnDays, "probation": c.ProbationWarnDays} {
		if days < 1 || days > 365 {
			return fmt.Errorf("%s warning of %d days: want 1 to 365", name, days)
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("log format %q: want text or json", c.LogFormat)
	}
	return nil
}
