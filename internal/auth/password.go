package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"zugong/internal/fault"
)

// The password policy (等保 2.0 level 3: complexity). Length counts
// characters, not bytes.
const (
	MinPasswordLength = 12
	// MaxPasswordLength bounds what the hasher is fed; nobody types more.
	MaxPasswordLength = 128
	// MinPasswordClasses is how many of lower case, upper case, digit and
	// symbol a password must mix.
	MinPasswordClasses = 3
)

// commonPasswords are bases that every password-spraying list starts with.
// A password is refused when it is one of them, or one of them wrapped in
// digits and symbols with the usual letter substitutions ("P@ssw0rd2024!").
var commonPasswords = []string{
	"password", "passw0rd", "qwerty", "qwertyuiop", "asdfghjkl", "zxcvbnm", "admin", "administrator",
	"welcome", "letmein", "iloveyou", "monkey", "dragon", "master", "sunshine", "princess", "football",
	"baseball", "superman", "trustno", "changeme", "default", "secret", "root", "test", "guest", "user",
	"login", "abc", "abcd", "abcdef", "abcdefg", "qazwsx", "qweasd", "qweasdzxc", "woaini", "zhongguo",
	"china", "beijing", "shanghai", "huawei", "xiaomi", "tencent", "baidu", "zugong", "zuzhibu",
	"dangjian", "aaaaaa", "asdasd", "system", "sysadmin", "oracle", "mysql", "postgres",
	"1qaz2wsx", "1qaz2wsx3edc", "1qaz@wsx3edc", "1qaz!qaz", "1q2w3e4r5t6y", "1q2w3e4r", "q1w2e3r4t5y6",
	"123456789012", "123456789abc", "1234567890ab", "abc123456789", "aa123456789", "a123456789012",
	"qwer1234qwer", "admin1234567", "p@ssw0rd1234", "password1234", "password@123", "admin@123456",
	"zaq12wsxcde3", "1234qwerasdf", "qwerasdfzxcv",
}

var commonSet = func() map[string]bool {
	m := make(map[string]bool, len(commonPasswords))
	for _, p := range commonPasswords {
		m[p] = true
	}
	return m
}()

// leet undoes the substitutions people make to satisfy complexity rules.
var leet = strings.NewReplacer("@", "a", "4", "a", "3", "e", "0", "o", "$", "s", "5", "s", "1", "i", "!", "i", "7", "t", "|", "l")

// CheckPassword applies the password policy to a new password for login. It
// returns an Invalid error with the problem on field "password", or nil.
func CheckPassword(login, password string) error {
	var f fault.Fields
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		f.Add("password", "field.password.too_short", MinPasswordLength)
	case n > MaxPasswordLength:
		f.Add("password", "field.password.too_long", MaxPasswordLength)
	case passwordClasses(password) < MinPasswordClasses:
		f.Add("password", "field.password.classes", MinPasswordClasses)
	case containsLogin(login, password):
		f.Add("password", "field.password.contains_login")
	case isCommon(password):
		f.Add("password", "field.password.common")
	}
	return f.Err()
}

// passwordClasses counts the character classes in s: lower case, upper
// case, digits, and everything else (symbols, spaces, Chinese characters).
func passwordClasses(s string) int {
	var lower, upper, digit, other int
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	return lower + upper + digit + other
}

func containsLogin(login, password string) bool {
	login = strings.ToLower(strings.TrimSpace(login))
	if len(login) < 3 {
		return false
	}
	return strings.Contains(strings.ToLower(password), login)
}

// isCommon reports whether password is a common password, or a common base
// with digits and symbols around it and letters swapped for look-alikes.
func isCommon(password string) bool {
	p := strings.ToLower(password)
	if commonSet[p] {
		return true
	}
	core := strings.TrimFunc(p, func(r rune) bool { return !unicode.IsLetter(r) })
	if core == "" {
		// Only digits and symbols: "1234567890!@" and the like.
		return true
	}
	return commonSet[core] || commonSet[leet.Replace(core)]
}

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultParams are OWASP's recommended argon2id settings (19 MiB, two
// passes, one lane): about 20–40 ms per hash on a server core.
var DefaultParams = Params{Memory: 19456, Time: 2, Threads: 1}

// Limits on parameters read back from a stored hash, so a corrupted or
// planted hash cannot make one verification allocate gigabytes.
const (
	maxMemory = 1 << 20 // 1 GiB
	maxTime   = 16
	saltLen   = 16
	keyLen    = 32
)

// HasherConfig configures a Hasher. The zero value gives the defaults.
type HasherConfig struct {
	// Params are the cost parameters of new hashes (DefaultParams when zero).
	Params Params
	// Slots is how many hashes may run at once (runtime.NumCPU() when zero).
	Slots int
	// Wait is how long a caller waits for a slot before the hasher reports
	// itself unavailable (3 s when zero).
	Wait time.Duration
}

// Hasher hashes and verifies passwords with argon2id. Each hash takes about
// 19 MiB and tens of milliseconds of one core, so a flood of sign-in
// attempts could exhaust memory and CPU: a semaphore lets at most Slots
// hashes run at once, and a caller that cannot get a slot within Wait gets
// an Unavailable error instead of queueing without end.
type Hasher struct {
	params Params
	slots  chan struct{}
	wait   time.Duration
	dummy  string
}

// NewHasher returns a hasher configured by cfg.
func NewHasher(cfg HasherConfig) *Hasher {
	if cfg.Params == (Params{}) {
		cfg.Params = DefaultParams
	}
	if cfg.Slots <= 0 {
		cfg.Slots = runtime.NumCPU()
	}
	if cfg.Wait <= 0 {
		cfg.Wait = 3 * time.Second
	}
	// The dummy needs no real key: verifying against it costs one argon2id
	// run with the same parameters, and no password matches zeros.
	dummy := encodeHash(cfg.Params, make([]byte, saltLen), make([]byte, keyLen))
	return &Hasher{params: cfg.Params, slots: make(chan struct{}, cfg.Slots), wait: cfg.Wait, dummy: dummy}
}

var defaultHasher = sync.OnceValue(func() *Hasher { return NewHasher(HasherConfig{}) })

// DefaultHasher returns the process-wide hasher with the default settings.
// Services that hash share it, so that together they stay within one
// semaphore.
func DefaultHasher() *Hasher { return defaultHasher() }

// errBusy is returned when no hashing slot frees up in time.
func errBusy() error { return fault.New(fault.Unavailable, "error.unavailable") }

// acquire takes a slot, waiting at most h.wait.
func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-t.C:
		return errBusy()
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// Hash returns the PHC-style encoding of an argon2id hash of password with a
// fresh salt: $argon2id$v=19$m=19456,t=2,p=1$salt$hash.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	key := argon2.IDKey([]byte(password), salt, h.params.Time, h.params.Memory, h.params.Threads, keyLen)
	return encodeHash(h.params, salt, key), nil
}

// Verify reports whether password matches encoded, comparing in constant
// time. A malformed encoding is an error, not a mismatch.
func (h *Hasher) Verify(ctx context.Context, encoded, password string) (bool, error) {
	p, salt, want, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// VerifyDummy spends the time of one verification without a stored hash,
// so that a sign-in for an unknown login takes as long as one for a known
// login and timing does not reveal which logins exist.
func (h *Hasher) VerifyDummy(ctx context.Context, password string) error {
	_, err := h.Verify(ctx, h.dummy, password)
	return err
}

var b64 = base64.RawStdEncoding

func encodeHash(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// ErrHashFormat reports a stored password hash zugong cannot read.
var ErrHashFormat = errors.New("auth: malformed password hash")

func decodeHash(s string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, ErrHashFormat
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, ErrHashFormat
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, ErrHashFormat
	}
	if p.Memory == 0 || p.Memory > maxMemory || p.Time == 0 || p.Time > maxTime || p.Threads == 0 {
		return p, nil, nil, ErrHashFormat
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, ErrHashFormat
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, ErrHashFormat
	}
	return p, salt, key, nil
}
