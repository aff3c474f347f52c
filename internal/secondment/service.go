package secondment

import (
	"context"

	"zugong/internal/civil"
)

// Service keeps secondments. Every method checks scope over the cadre's
// home unit; changes are validated here and audited.
type Service interface {
	// List returns the secondments in scope matching f, ending soonest first.
	List(ctx context.Context, f Filter) ([]Listed, error)
	// Count counts the secondments List would return without paging.
	Count(ctx context.Context, f Filter) (int, error)
	Get(ctx context.Context, id string) (*Listed, error)
	// ForPerson returns a person's secondments, earliest first.
	ForPerson(ctx context.Context, personID string) ([]Secondment, error)
	// Save creates a secondment (empty ID), with any history it carries, or
	// updates its base fields; it refuses one that overlaps another
	// full-time secondment of the person.
	Save(ctx context.Context, s *Secondment) (*Secondment, error)
	Extend(ctx context.Context, id string, to civil.Date, reason string, decided civil.Date) error
	ReturnEarly(ctx context.Context, id string, on civil.Date, reason string) error
	// Assess records the mid-term (final false) or end-of-term assessment.
	Assess(ctx context.Context, id string, final bool, a Assessment) error
}

// Filter selects secondments for a listing.
type Filter struct {
	// Under restricts to an organisation subtree (by the home unit).
	Under string
	Kind  Kind
	// Status filters by the status on Today.
	Status Status
	// ExpiringWithin, when positive, keeps the ongoing secondments that end
	// within that many days of Today.
	ExpiringWithin int
	Today          civil.Date
	Limit          int
	Offset         int
}

// Listed is a secondment with the names a listing shows.
type Listed struct {
	Secondment
	PersonName string
	HomeOrg    string
}
