package auth

import (
	"encoding/base32"
	"net/url"
	"strings"
	"testing"
	"time"
)

// rfcSecret is the SHA-1 seed of RFC 6238 Appendix B, "12345678901234567890".
var rfcSecret = base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("12345678901234567890"))

func TestTOTPVectors(t *testing.T) {
	// RFC 6238 Appendix B, SHA-1 column: eight digits; zugong shows the
	// last six (the same truncation modulo 10^6).
	tests := []struct {
		unix  int64
		eight string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, tc := range tests {
		at := time.Unix(tc.unix, 0)
		if got := hotp([]byte("12345678901234567890"), uint64(StepOf(at)), 8); got != tc.eight {
			t.Errorf("T=%d eight digits: got %s, want %s", tc.unix, got, tc.eight)
		}
		got, err := Code(rfcSecret, at)
		if err != nil {
			t.Fatal(err)
		}
		if want := tc.eight[2:]; got != want {
			t.Errorf("T=%d: got %s, want %s", tc.unix, got, want)
		}
	}
}

func TestTOTPVerify(t *testing.T) {
	now := time.Unix(1111111111, 0)
	step := StepOf(now)
	code := func(at time.Time) string {
		c, err := Code(rfcSecret, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name     string
		code     string
		lastStep int64
		want     int64
		ok       bool
	}{
		{"current step", code(now), 0, step, true},
		{"previous step within skew", code(now.Add(-TOTPStep)), 0, step - 1, true},
		{"next step within skew", code(now.Add(TOTPStep)), 0, step + 1, true},
		{"two steps old is refused", code(now.Add(-2 * TOTPStep)), 0, 0, false},
		{"reuse of the current step is refused", code(now), step, 0, false},
		{"a step before the last used is refused", code(now.Add(-TOTPStep)), step, 0, false},
		{"a later step after use is accepted", code(now.Add(TOTPStep)), step, step + 1, true},
		{"wrong code", "000000", 0, 0, false},
		{"letters", "abcdef", 0, 0, false},
		{"too short", code(now)[:5], 0, 0, false},
		{"surrounding spaces are ignored", " " + code(now) + " ", 0, step, true},
	}
	if code(now) == "000000" {
		t.Fatal("test vector collides with the wrong code")
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Verify(rfcSecret, tc.code, now, tc.lastStep)
			if ok != tc.ok || got != tc.want {
				t.Fatalf("Verify(%q, last %d) = %d, %v; want %d, %v", tc.code, tc.lastStep, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestNewSecret(t *testing.T) {
	s, err := NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 32 || strings.Contains(s, "=") {
		t.Fatalf("secret %q: want 32 base32 characters without padding", s)
	}
	key, err := decodeSecret(strings.ToLower(s[:4]) + " " + s[4:])
	if err != nil || len(key) != 20 {
		t.Fatalf("decode %q: %d bytes, %v; want 20", s, len(key), err)
	}
	if t2, _ := NewSecret(); t2 == s {
		t.Fatal("two secrets are equal")
	}
}

func TestURI(t *testing.T) {
	u, err := url.Parse(URI(Issuer, "zhang san", "ABC"))
	if err != nil {
		t.Fatal(err)
	}
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/zugong:zhang san" {
		t.Fatalf("URI %s: wrong scheme, type or label", u)
	}
	q := u.Query()
	if q.Get("secret") != "ABC" || q.Get("issuer") != "zugong" || q.Get("digits") != "6" || q.Get("period") != "30" {
		t.Fatalf("URI query %v", q)
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, err := NewRecoveryCodes()
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 10 {
		t.Fatalf("got %d codes, want 10", len(codes))
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if len(c) != 14 || c[4] != '-' || c[9] != '-' {
			t.Fatalf("code %q: want the form abcd-efgh-jkmn", c)
		}
		if strings.ContainsAny(c, "01ilo") {
			t.Fatalf("code %q holds an ambiguous character", c)
		}
		if NormalizeRecoveryCode(c) != c {
			t.Fatalf("code %q does not normalise to itself", c)
		}
		if seen[c] {
			t.Fatalf("code %q repeated", c)
		}
		seen[c] = true
	}
	tests := map[string]string{
		"ABCD-EFGH-JKMN":   "abcd-efgh-jkmn",
		"abcd efgh jkmn":   "abcd-efgh-jkmn",
		"abcdefghjkmn":     "abcd-efgh-jkmn",
		"abcd-efgh-jkm":    "",
		"abcd-efgh-jkm0":   "",
		"abcd-efgh-jkmn-p": "",
	}
	for in, want := range tests {
		if got := NormalizeRecoveryCode(in); got != want {
			t.Errorf("NormalizeRecoveryCode(%q) = %q, want %q", in, got, want)
		}
	}
}
