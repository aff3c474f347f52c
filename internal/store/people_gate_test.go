package store

import (
	"context"
	"errors"
	"testing"
)

func TestFIFOGate(t *testing.T) {
	ctx := context.Background()
	ended, cancel := context.WithCancel(ctx)
	cancel()
	t.Run("a full gate turns away a caller whose context has ended", func(t *testing.T) {
		g := newFIFOGate(2)
		for i := range 2 {
			if err := g.enter(ctx); err != nil {
				t.Fatalf("caller %d: got %v, want nil", i, err)
			}
		}
		if err := g.enter(ended); !errors.Is(err, context.Canceled) {
			t.Fatalf("third caller: got %v, want %v", err, context.Canceled)
		}
	})
	t.Run("a waiting caller enters when a place comes free", func(t *testing.T) {
		g := newFIFOGate(1)
		if err := g.enter(ctx); err != nil {
			t.Fatalf("first caller: got %v, want nil", err)
		}
		entered := make(chan error)
		go func() { entered <- g.enter(ctx) }()
		g.leave()
		if err := <-entered; err != nil {
			t.Fatalf("waiting caller: got %v, want nil", err)
		}
	})
	t.Run("a gate without places admits everyone", func(t *testing.T) {
		g := newFIFOGate(0)
		for i := range 3 {
			if err := g.enter(ended); err != nil {
				t.Fatalf("caller %d: got %v, want nil", i, err)
			}
		}
	})
}
