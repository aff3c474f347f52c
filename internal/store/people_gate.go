package store

import "context"

// fifoGate admits at most its capacity of callers at a time and lets the
// others in by order of arrival. database/sql hands a freed connection to a
// random waiter, so when more searches arrive than the pool has
// connections, an unlucky one can wait for dozens of others that came after
// it: the tail of the latency, not its mean, grows with the load. Waiting
// at a gate as wide as the pool keeps the pool's own queue empty, and a
// channel serves its blocked senders first come, first served.
type fifoGate chan struct{}

// newFIFOGate returns a gate for n callers at a time; n ≤ 0 means no limit.
func newFIFOGate(n int) fifoGate {
	if n <= 0 {
		return nil
	}
	return make(fifoGate, n)
}

// enter waits for a place, or for ctx to end, and returns ctx's error
// once it has. A nil gate admits everyone.
func (g fifoGate) enter(ctx context.Context) error {
	if g == nil {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case g <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave gives the place back.
func (g fifoGate) leave() {
	if g != nil {
		<-g
	}
}
