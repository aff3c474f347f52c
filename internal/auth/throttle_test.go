package auth

import (
	"fmt"
	"testing"
	"time"
)

func TestLockFor(t *testing.T) {
	p := DefaultLockPolicy
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{1, 0}, {4, 0},
		{5, 15 * time.Minute},
		{6, 30 * time.Minute},
		{7, time.Hour},
		{8, 2 * time.Hour},
		{9, 2 * time.Hour},
		{500, 2 * time.Hour},
	}
	for _, tc := range tests {
		if got := p.LockFor(tc.failures); got != tc.want {
			t.Errorf("LockFor(%d) = %v, want %v", tc.failures, got, tc.want)
		}
	}
}

func TestLockOutTiming(t *testing.T) {
	p := DefaultLockPolicy
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	now := t0
	var s PairState
	for i := 1; i <= 4; i++ {
		s = p.Fail(s, now)
		if p.Locked(s, now) {
			t.Fatalf("locked after %d failures, want open until 5", i)
		}
		now = now.Add(time.Second)
	}
	s = p.Fail(s, now)
	if !p.Locked(s, now) {
		t.Fatal("open after 5 failures, want locked")
	}
	if !p.Locked(s, now.Add(15*time.Minute-time.Second)) {
		t.Fatal("open before 15 minutes passed")
	}
	now = now.Add(15 * time.Minute)
	if p.Locked(s, now) {
		t.Fatal("still locked after 15 minutes")
	}
	// The next failure locks again, for twice as long.
	s = p.Fail(s, now)
	if !p.Locked(s, now.Add(30*time.Minute-time.Second)) || p.Locked(s, now.Add(30*time.Minute)) {
		t.Fatalf("second lock until %v, want %v", s.LockedUntil, now.Add(30*time.Minute))
	}
	// A day without failures forgets them.
	now = now.Add(25 * time.Hour)
	s = p.Fail(s, now)
	if s.Failures != 1 || p.Locked(s, now) {
		t.Fatalf("after a quiet day: %d failures, locked %v; want 1, open", s.Failures, p.Locked(s, now))
	}
}

func TestLimiter(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	l := NewLimiter(30, 30, 100)
	for i := range 30 {
		if !l.Allow("10.0.0.1", t0) {
			t.Fatalf("attempt %d refused within the burst", i+1)
		}
	}
	if l.Allow("10.0.0.1", t0) {
		t.Fatal("31st attempt in the same instant allowed")
	}
	if !l.Allow("10.0.0.2", t0) {
		t.Fatal("another address was refused")
	}
	// 30 per minute refills one token every two seconds.
	if l.Allow("10.0.0.1", t0.Add(time.Second)) {
		t.Fatal("allowed after one second, want a token only after two")
	}
	if !l.Allow("10.0.0.1", t0.Add(2*time.Second)) {
		t.Fatal("refused after two seconds")
	}
}

func TestLimiterBoundsItsMap(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	l := NewLimiter(30, 30, 64)
	l.Allow("victim", t0)
	for i := range 10000 {
		l.Allow(fmt.Sprintf("10.1.%d.%d", i/256, i%256), t0.Add(time.Duration(i)*time.Millisecond))
		if l.Len() > 64 {
			t.Fatalf("limiter tracks %d addresses, want at most 64", l.Len())
		}
	}
	// A drained bucket that was evicted would be a fresh start for an
	// attacker, so the most recently used addresses must survive.
	busy := "10.9.9.9"
	at := t0.Add(time.Hour)
	for range 30 {
		l.Allow(busy, at)
	}
	for i := range 40 {
		l.Allow(fmt.Sprintf("10.2.0.%d", i), at)
	}
	if l.Allow(busy, at) {
		t.Fatal("a drained, recently used bucket was evicted")
	}
}
