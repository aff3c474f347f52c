// Package demo generates synthetic organisation trees: a county shaped like
// a real Henan county, a city of ten such counties, and large trees for load
// tests. The trees are ready for store.DB.SeedOrgs: parents first, with IDs,
// paths, depths and jurisdictions set. Generation is deterministic: the same
// seed gives the same names, kinds, codes, dates and shape; only the IDs are
// new each time.
package demo

import (
	"errors"
	"fmt"

	"zugong/internal/org"
)

// Scale is how much of the administrative tree a demo holds.
type Scale string

// The scales.
const (
	// ScaleCounty is DefaultCounty as the single root.
	ScaleCounty Scale = "county"
	// ScaleCity is Zhumadian: a city root with its ten counties, each a
	// jurisdiction of its own.
	ScaleCity Scale = "city"
)

// ErrScale is returned by ParseScale for a scale it does not know.
var ErrScale = errors.New("unknown demo scale")

// ParseScale reads a scale; the empty string is ScaleCounty.
func ParseScale(s string) (Scale, error) {
	switch Scale(s) {
	case "", ScaleCounty:
		return ScaleCounty, nil
	case ScaleCity:
		return ScaleCity, nil
	}
	return "", fmt.Errorf("%w %q (want %s or %s)", ErrScale, s, ScaleCounty, ScaleCity)
}

// Generate returns the tree of scale s from seed; any scale but ScaleCity
// gives the county.
func Generate(s Scale, seed uint64) []org.Org {
	if s == ScaleCity {
		return City(seed, Zhumadian)
	}
	return County(seed, DefaultCounty)
}

// Summary describes a generated tree and names the organisations the demo
// accounts are scoped to. An organisation the tree lacks is the zero Org.
type Summary struct {
	Root org.Org
	// County is DefaultCounty when the tree holds it, else its first county.
	County org.Org
	// Township is County's first township (its county town).
	Township org.Org
	// Branch is the first party branch of a village in Township.
	Branch org.Org
	Counts map[org.Kind]int
	Total  int
}

// Summarize describes orgs, a tree listed parents first.
func Summarize(orgs []org.Org) Summary {
	s := Summary{Counts: map[org.Kind]int{}, Total: len(orgs)}
	if len(orgs) == 0 {
		return s
	}
	s.Root = orgs[0]
	byID := make(map[string]*org.Org, len(orgs))
	for i := range orgs {
		o := &orgs[i]
		byID[o.ID] = o
		s.Counts[o.Kind]++
		if o.Kind == org.County && (s.County.ID == "" || o.DivisionCode == DefaultCounty.Code && s.County.DivisionCode != DefaultCounty.Code) {
			s.County = *o
		}
	}
	for i := range orgs {
		o := &orgs[i]
		switch {
		case s.Township.ID == "" && o.Kind == org.Township && o.ParentID == s.County.ID:
			s.Township = *o
		case s.Township.ID != "" && s.Branch.ID == "" && o.Kind == org.Branch:
			if v := byID[o.ParentID]; v != nil && v.Kind == org.Village && v.ParentID == s.Township.ID {
				s.Branch = *o
			}
		}
	}
	return s
}
