package auth

import (
	"math"
	"slices"
	"sync"
	"time"
)

// Lock-out (等保 2.0: "lock-out after failed logins"). Failures are counted
// per pair of login and client address, not per login: were they counted
// per login, anyone could lock a user out by guessing wrong from anywhere,
// and an attacker could lock out every administrator before an attack. With
// the address in the key, the user's own address stays open while an
// attacker's pair is locked; an attacker spreading guesses over many
// addresses meets the per-address bucket (Limiter) and the audit trail.

// LockPolicy decides when a (login, address) pair is locked.
type LockPolicy struct {
	// Threshold is the number of consecutive failures that locks the pair.
	Threshold int
	// Base is the first lock's duration; each further failure while the
	// count is at or above Threshold locks again for twice as long…
	Base time.Duration
	// …up to Max.
	Max time.Duration
	// Forget clears a count whose last failure is older than this, so that
	// an occasional typo over months never adds up to a lock.
	Forget time.Duration
}

// DefaultLockPolicy locks after 5 failures for 15 minutes, doubling to at
// most 2 hours, and forgets failures after a day.
var DefaultLockPolicy = LockPolicy{Threshold: 5, Base: 15 * time.Minute, Max: 2 * time.Hour, Forget: 24 * time.Hour}

// PairState is what is stored for one (login, address) pair.
type PairState struct {
	Failures    int
	LockedUntil time.Time
	LastAt      time.Time
}

// orDefault fills zero fields from DefaultLockPolicy.
func (p LockPolicy) orDefault() LockPolicy {
	d := DefaultLockPolicy
	if p.Threshold <= 0 {
		p.Threshold = d.Threshold
	}
	if p.Base <= 0 {
		p.Base = d.Base
	}
	if p.Max <= 0 {
		p.Max = d.Max
	}
	if p.Forget <= 0 {
		p.Forget = d.Forget
	}
	return p
}

// Locked reports whether the pair is locked at now.
func (p LockPolicy) Locked(s PairState, now time.Time) bool {
	return now.Before(s.LockedUntil)
}

// LockFor returns how long the pair is locked after its failures-th
// consecutive failure: nothing below the threshold, Base at it, doubling
// with each further failure, capped at Max.
func (p LockPolicy) LockFor(failures int) time.Duration {
	p = p.orDefault()
	if failures < p.Threshold {
		return 0
	}
	extra := failures - p.Threshold
	if extra > 30 || p.Base > time.Duration(math.MaxInt64>>uint(extra)) {
		return p.Max
	}
	return min(p.Base<<uint(extra), p.Max)
}

// Fail returns the pair's state after one more failure at now.
func (p LockPolicy) Fail(s PairState, now time.Time) PairState {
	p = p.orDefault()
	if s.Failures > 0 && now.Sub(s.LastAt) > p.Forget {
		s = PairState{}
	}
	s.Failures++
	s.LastAt = now
	if d := p.LockFor(s.Failures); d > 0 {
		s.LockedUntil = now.Add(d)
	}
	return s
}

// A success clears the pair: the caller deletes its state.

// Limiter is a token bucket per client address for sign-in attempts across
// all logins: Rate attempts per minute, in bursts of up to Burst. It lives
// in memory; its map holds at most MaxKeys addresses, so a flood from many
// addresses cannot grow it without bound.
type Limiter struct {
	mu      sync.Mutex
	perSec  float64
	burst   float64
	maxKeys int
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter returns a limiter allowing perMinute attempts per address per
// minute with bursts of burst, tracking at most maxKeys addresses. Zero
// values give 30 per minute, a burst of 30 and 10 000 addresses.
func NewLimiter(perMinute, burst, maxKeys int) *Limiter {
	if perMinute <= 0 {
		perMinute = 30
	}
	if burst <= 0 {
		burst = perMinute
	}
	if maxKeys <= 0 {
		maxKeys = 10000
	}
	return &Limiter{perSec: float64(perMinute) / 60, burst: float64(burst), maxKeys: maxKeys, buckets: map[string]*bucket{}}
}

// Allow takes one token from key's bucket at now and reports whether there
// was one.
func (l *Limiter) Allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.maxKeys {
			l.evict(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	if dt := now.Sub(b.at).Seconds(); dt > 0 {
		b.tokens = min(l.burst, b.tokens+dt*l.perSec)
		b.at = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// evict makes room: first it drops buckets that have refilled (forgetting
// them changes nothing), then, if that freed less than an eighth of the
// map, the least recently used ones down to seven eighths. Evicting in
// batches keeps the cost per new address constant on average.
func (l *Limiter) evict(now time.Time) {
	full := time.Duration(l.burst / l.perSec * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.at) >= full {
			delete(l.buckets, k)
		}
	}
	target := l.maxKeys - max(1, l.maxKeys/8)
	if len(l.buckets) <= target {
		return
	}
	type entry struct {
		key string
		at  time.Time
	}
	entries := make([]entry, 0, len(l.buckets))
	for k, b := range l.buckets {
		entries = append(entries, entry{k, b.at})
	}
	slices.SortFunc(entries, func(a, b entry) int { return a.at.Compare(b.at) })
	for _, e := range entries[:len(entries)-target] {
		delete(l.buckets, e.key)
	}
}

// Len returns the number of addresses tracked.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
