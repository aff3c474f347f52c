package vault

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
)

func newTestProvider(t *testing.T) *Software {
	t.Helper()
	s, err := NewSoftware(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSealOpen(t *testing.T) {
	s := newTestProvider(t)
	sealed, err := s.Seal([]byte("411724199001011234"), []byte("people.id_number"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Open(sealed, []byte("people.id_number"))
	if err != nil || string(got) != "411724199001011234" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if _, err := s.Open(sealed, []byte("users.phone")); !errors.Is(err, ErrOpen) {
		t.Fatalf("open with another aad: got %v, want ErrOpen", err)
	}
	tampered := sealed[:len(sealed)-2] + "AA"
	if _, err := s.Open(tampered, []byte("people.id_number")); !errors.Is(err, ErrOpen) {
		t.Fatalf("open tampered: got %v, want ErrOpen", err)
	}
	again, _ := s.Seal([]byte("411724199001011234"), []byte("people.id_number"))
	if again == sealed {
		t.Fatal("two seals of one value are equal; the nonce is not random")
	}
}

func TestMACSeparatesPurposes(t *testing.T) {
	s := newTestProvider(t)
	a := s.MAC(LookupHash, []byte("x"))
	b := s.MAC(AuditChain, []byte("x"))
	if bytes.Equal(a, b) {
		t.Fatal("lookup and audit keys are the same")
	}
	if len(a) != 32 {
		t.Fatalf("HMAC-SM3 length %d, want 32", len(a))
	}
}

func TestMask(t *testing.T) {
	tests := map[string]string{
		"411724199001011234": "4117**********1234",
		"13812345678":        "138****5678",
		"":                   "",
		"12345":              "****5",
	}
	for in, want := range tests {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k")
	k1, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("second load differs: %v", err)
	}
}
