package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TOTP as authenticator apps implement it (RFC 6238): HMAC-SHA1 over the
// 30-second step since the Unix epoch, truncated to six digits (RFC 4226).
// SHA-1 is what every app supports; HMAC-SHA1 remains sound as a PRF.
const (
	TOTPDigits = 6
	TOTPStep   = 30 * time.Second
	// TOTPSkew is how many steps either side of now a code is accepted, for
	// phones whose clocks drift.
	TOTPSkew = 1
	// Issuer names zugong in authenticator apps.
	Issuer = "zugong"
	// secretBytes is the key length RFC 4226 recommends (160 bits).
	secretBytes = 20
)

var secretEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewSecret returns a fresh TOTP secret: 20 random bytes in base32 without
// padding, the form authenticator apps accept.
func NewSecret() (string, error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("totp secret: %w", err)
	}
	return secretEncoding.EncodeToString(b), nil
}

// decodeSecret accepts a secret as people copy it: any case, with spaces.
func decodeSecret(secret string) ([]byte, error) {
	s := strings.ToUpper(strings.ReplaceAll(strings.TrimRight(secret, "="), " ", ""))
	key, err := secretEncoding.DecodeString(s)
	if err != nil || len(key) == 0 {
		return nil, fmt.Errorf("totp: malformed secret")
	}
	return key, nil
}

// StepOf returns the TOTP time step that contains t.
func StepOf(t time.Time) int64 { return t.Unix() / int64(TOTPStep/time.Second) }

// hotp is RFC 4226's HOTP value of key at counter, with digits digits.
func hotp(key []byte, counter uint64, digits int) string {
	m := hmac.New(sha1.New, key)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// Code returns the TOTP code of secret at t.
func Code(secret string, t time.Time) (string, error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return "", err
	}
	return hotp(key, uint64(StepOf(t)), TOTPDigits), nil
}

// Verify checks code against secret at t, accepting the steps within
// TOTPSkew of t that come after lastStep. It returns the step that matched;
// the caller stores it as the new lastStep, so that each code is accepted
// once (RFC 6238 §5.2) even by a second request racing the first.
func Verify(secret, code string, t time.Time, lastStep int64) (int64, bool) {
	code = strings.TrimSpace(code)
	if len(code) != TOTPDigits || strings.Trim(code, "0123456789") != "" {
		return 0, false
	}
	key, err := decodeSecret(secret)
	if err != nil {
		return 0, false
	}
	now := StepOf(t)
	matched := int64(-1)
	// Every candidate is computed and compared, so the time taken does not
	// depend on which step (if any) matched.
	for s := now - TOTPSkew; s <= now+TOTPSkew; s++ {
		if s < 0 {
			continue
		}
		ok := subtle.ConstantTimeCompare([]byte(hotp(key, uint64(s), TOTPDigits)), []byte(code)) == 1
		if ok && s > lastStep && matched < 0 {
			matched = s
		}
	}
	if matched < 0 {
		return 0, false
	}
	return matched, true
}

// URI returns the otpauth:// URI for a QR code, labelled issuer:account
// (Google Authenticator's key URI format).
func URI(issuer, account, secret string) string {
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", fmt.Sprint(TOTPDigits))
	q.Set("period", fmt.Sprint(int(TOTPStep/time.Second)))
	return "otpauth://totp/" + label + "?" + q.Encode()
}

// Recovery codes stand in for the authenticator once each. Their alphabet
// leaves out characters people confuse when reading them off paper (0/o,
// 1/l/i), and they print as three groups of four.
const (
	RecoveryCodeCount = 10
	recoveryAlphabet  = "abcdefghjkmnpqrstuvwxyz23456789"
	recoveryGroups    = 3
	recoveryGroupLen  = 4
)

// NewRecoveryCodes returns RecoveryCodeCount fresh codes like
// "abcd-efgh-jkmn" (about 59 bits each).
func NewRecoveryCodes() ([]string, error) {
	codes := make([]string, RecoveryCodeCount)
	for i := range codes {
		c, err := randomString(recoveryAlphabet, recoveryGroups*recoveryGroupLen)
		if err != nil {
			return nil, err
		}
		codes[i] = formatRecoveryCode(c)
	}
	return codes, nil
}

func formatRecoveryCode(raw string) string {
	var b strings.Builder
	for i, r := range raw {
		if i > 0 && i%recoveryGroupLen == 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NormalizeRecoveryCode returns code in the canonical form its hash was
// made from, or "" when it cannot be a recovery code. People type codes in
// capitals, with spaces or without the dashes.
func NormalizeRecoveryCode(code string) string {
	var raw strings.Builder
	for _, r := range strings.ToLower(code) {
		switch {
		case r == '-' || r == ' ':
			continue
		case strings.ContainsRune(recoveryAlphabet, r):
			raw.WriteRune(r)
		default:
			return ""
		}
	}
	if raw.Len() != recoveryGroups*recoveryGroupLen {
		return ""
	}
	return formatRecoveryCode(raw.String())
}

// randomString returns n characters drawn uniformly from alphabet (at most
// 256 characters), rejecting bytes that would bias the draw.
func randomString(alphabet string, n int) (string, error) {
	limit := 256 - 256%len(alphabet)
	out := make([]byte, 0, n)
	buf := make([]byte, 2*n)
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			return "", fmt.Errorf("random string: %w", err)
		}
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, alphabet[int(b)%len(alphabet)])
			}
		}
	}
	return string(out), nil
}
