package auth

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"zugong/internal/fault"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name     string
		login    string
		password string
		want     string // catalog key on field "password", "" for accepted
	}{
		{"long mixed passphrase is accepted", "zhangsan", "Correct-Horse-7", ""},
		{"three classes without symbols is accepted", "zhangsan", "Lanzhou2026Hills", ""},
		{"chinese characters count as a class", "zhangsan", "组织部Moon7river", ""},
		{"eleven characters is too short", "zhangsan", "Ab1!efghijk", "field.password.too_short"},
		{"too long", "zhangsan", strings.Repeat("Ab1!", 33), "field.password.too_long"},
		{"two classes is refused", "zhangsan", "lowercase123456", "field.password.classes"},
		{"only letters is refused", "zhangsan", "OnlyLettersHere", "field.password.classes"},
		{"contains the login", "zhangsan", "Zhangsan#2026!", "field.password.contains_login"},
		{"contains the login in other case", "wangwu", "My-WANGWU-pass1", "field.password.contains_login"},
		{"common password with digits", "zhangsan", "Password1234", "field.password.common"},
		{"common password with substitutions", "zhangsan", "P@ssw0rd2024!", "field.password.common"},
		{"common base wrapped in symbols", "zhangsan", "!!Admin@123456", "field.password.common"},
		{"keyboard walk", "zhangsan", "1qaz@WSX3edc", "field.password.common"},
		{"short login is not matched inside", "ab", "Abacus-Grove-9", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckPassword(tc.login, tc.password)
			got := ""
			if err != nil {
				e, ok := fault.As(err)
				if !ok || e.Code != fault.Invalid {
					t.Fatalf("CheckPassword = %v, want an Invalid fault", err)
				}
				got = e.Fields["password"].Key
			}
			if got != tc.want {
				t.Fatalf("CheckPassword(%q, %q): got %q, want %q", tc.login, tc.password, got, tc.want)
			}
		})
	}
}

// cheap keeps the tests fast; the encoding carries the parameters, so
// verification does not depend on them.
var cheap = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashVerify(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(HasherConfig{Params: cheap})
	enc, err := h.Hash(ctx, "Correct-Horse-7")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("encoding %q lacks the PHC prefix", enc)
	}
	again, _ := h.Hash(ctx, "Correct-Horse-7")
	if again == enc {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	for _, tc := range []struct {
		password string
		want     bool
	}{{"Correct-Horse-7", true}, {"correct-horse-7", false}, {"", false}} {
		ok, err := h.Verify(ctx, enc, tc.password)
		if err != nil || ok != tc.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tc.password, ok, err, tc.want)
		}
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=9999999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=64,t=1,p=1$!!$!!"} {
		if _, err := h.Verify(ctx, bad, "x"); err == nil {
			t.Errorf("Verify accepted malformed hash %q", bad)
		}
	}
	if err := h.VerifyDummy(ctx, "anything"); err != nil {
		t.Fatalf("VerifyDummy: %v", err)
	}
}

func TestDefaultParamsEncoding(t *testing.T) {
	if testing.Short() {
		t.Skip("hashes with the production cost")
	}
	enc, err := NewHasher(HasherConfig{}).Hash(context.Background(), "x")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("default encoding %q, want m=19456,t=2,p=1", enc)
	}
}

func TestHasherBusyIsUnavailable(t *testing.T) {
	h := NewHasher(HasherConfig{Params: cheap, Slots: 1, Wait: 20 * time.Millisecond})
	ctx := context.Background()
	// Hold the only slot, as a long-running hash would.
	if err := h.acquire(ctx); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := h.Hash(ctx, "Correct-Horse-7")
	if fault.CodeOf(err) != fault.Unavailable {
		t.Fatalf("Hash with no free slot: got %v, want Unavailable", err)
	}
	if e, _ := fault.As(err); e.Key != "error.unavailable" {
		t.Fatalf("key %q, want error.unavailable", e.Key)
	}
	if waited := time.Since(start); waited < 20*time.Millisecond {
		t.Fatalf("gave up after %v, before the deadline", waited)
	}
	h.release()
	if _, err := h.Hash(ctx, "Correct-Horse-7"); err != nil {
		t.Fatalf("Hash after the slot was released: %v", err)
	}
}

func TestHasherBoundsConcurrency(t *testing.T) {
	h := NewHasher(HasherConfig{Params: cheap, Slots: 2, Wait: time.Minute})
	var mu sync.Mutex
	inFlight, peak := 0, 0
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if err := h.acquire(context.Background()); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			inFlight++
			peak = max(peak, inFlight)
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			inFlight--
			mu.Unlock()
			h.release()
		})
	}
	wg.Wait()
	if peak > 2 {
		t.Fatalf("%d hashes ran at once, want at most 2", peak)
	}
}

func TestHasherHonoursCancellation(t *testing.T) {
	h := NewHasher(HasherConfig{Params: cheap, Slots: 1, Wait: time.Minute})
	h.acquire(context.Background())
	defer h.release()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "x"); err != context.Canceled {
		t.Fatalf("Hash with cancelled context: got %v, want context.Canceled", err)
	}
}
