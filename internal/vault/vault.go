// Package vault is zugong's one crypto provider: SM4 encryption of sensitive
// fields at rest and SM3 keyed hashes for look-ups and the audit chain
// (GB/T 39786 level 3). Software is the default; a certified device can take
// its place by implementing Provider.
package vault

import (
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// Purpose separates keys: a key derived for one purpose never serves another.
type Purpose string

// The purposes zugong derives keys for.
const (
	// FieldEncryption seals sensitive columns (ID numbers, phone numbers, TOTP secrets).
	FieldEncryption Purpose = "field-encryption"
	// LookupHash makes keyed hashes that let a sealed value be found by equality.
	LookupHash Purpose = "lookup-hash"
	// AuditChain keys the HMAC-SM3 that links audit records.
	AuditChain Purpose = "audit-chain"
	// TokenHash hashes session and API tokens before they are stored.
	TokenHash Purpose = "token-hash"
)

// Provider seals and opens field values and computes keyed hashes.
type Provider interface {
	// Seal encrypts plaintext; aad binds it to its place (table and column).
	Seal(plaintext, aad []byte) (string, error)
	// Open decrypts what Seal produced with the same aad.
	Open(sealed string, aad []byte) ([]byte, error)
	// MAC returns HMAC-SM3 of data under the key for purpose.
	MAC(purpose Purpose, data []byte) []byte
}

// sealPrefix marks the format version of sealed values, so that a later key
// rotation or device can tell which values it must re-seal.
const sealPrefix = "v1:"

// Software implements Provider with SM4-GCM and HMAC-SM3 from a master key.
type Software struct {
	aead cipher.AEAD
	macs map[Purpose][]byte
}

// NewSoftware derives the per-purpose keys from a 32-byte master key.
func NewSoftware(master []byte) (*Software, error) {
	if len(master) != 32 {
		return nil, fmt.Errorf("vault: master key must be 32 bytes, got %d", len(master))
	}
	block, err := sm4.NewCipher(derive(master, FieldEncryption, 16))
	if err != nil {
		return nil, fmt.Errorf("vault: sm4: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("vault: gcm: %w", err)
	}
	s := &Software{aead: aead, macs: map[Purpose][]byte{}}
	for _, p := range []Purpose{LookupHash, AuditChain, TokenHash} {
		s.macs[p] = derive(master, p, 32)
	}
	return s, nil
}

func derive(master []byte, p Purpose, n int) []byte {
	return sm3.Kdf(append(append([]byte{}, master...), []byte(p)...), n)
}

// Seal implements Provider.
func (s *Software) Seal(plaintext, aad []byte) (string, error) {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("vault: nonce: %w", err)
	}
	out := s.aead.Seal(nonce, nonce, plaintext, aad)
	return sealPrefix + base64.RawStdEncoding.EncodeToString(out), nil
}

// ErrOpen reports a sealed value that does not decrypt: wrong key, wrong
// place, or tampered.
var ErrOpen = errors.New("vault: sealed value does not open")

// Open implements Provider.
func (s *Software) Open(sealed string, aad []byte) ([]byte, error) {
	body, ok := strings.CutPrefix(sealed, sealPrefix)
	if !ok {
		return nil, ErrOpen
	}
	raw, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil || len(raw) < s.aead.NonceSize() {
		return nil, ErrOpen
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], aad)
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}

// MAC implements Provider.
func (s *Software) MAC(purpose Purpose, data []byte) []byte {
	key, ok := s.macs[purpose]
	if !ok {
		panic("vault: unknown purpose " + string(purpose))
	}
	m := hmac.New(sm3.New, key)
	m.Write(data)
	return m.Sum(nil)
}

// MACHex is MAC as lowercase hex, the form stored in the database.
func MACHex(p Provider, purpose Purpose, data []byte) string {
	return hex.EncodeToString(p.MAC(purpose, data))
}

// LoadOrCreateKey reads a hex master key from path, creating the file with a
// fresh random key (mode 0600) when it does not exist.
func LoadOrCreateKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		key, err := hex.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(key) != 32 {
			return nil, fmt.Errorf("vault: key file %s must hold 64 hex digits", path)
		}
		return key, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("vault: read key file: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("vault: new key: %w", err)
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("vault: write key file: %w", err)
	}
	return key, nil
}
