package person

import (
	"reflect"

	"zugong/internal/civil"
)

// Merge lays incoming over stored, for imports of people already
// registered: whatever incoming leaves empty keeps its stored value, so a
// file that carries part of a record never erases the rest (an LRMX file
// has no party-member facet and no phone number; a party-member sheet has
// no resume). A facet incoming carries replaces the stored facet whole;
// the identity and version are stored's. Facets merge the same way, field
// by field: a list the file carries (resume lines, family) replaces the
// stored list, one it leaves empty (posts, absent from LRMX) is kept.
func Merge(stored, incoming Dossier) Dossier {
	out := stored
	overlay(reflect.ValueOf(&out.Person).Elem(), reflect.ValueOf(incoming.Person))
	out.Person.JurisdictionID, out.Person.ID = stored.Person.JurisdictionID, stored.Person.ID
	out.Person.Version, out.Person.CreatedAt, out.Person.UpdatedAt = stored.Person.Version, stored.Person.CreatedAt, stored.Person.UpdatedAt
	out.Party = mergeFacet(stored.Party, incoming.Party)
	out.Cadre = mergeFacet(stored.Cadre, incoming.Cadre)
	out.Talent = mergeFacet(stored.Talent, incoming.Talent)
	if len(incoming.Photo) > 0 {
		out.Photo = incoming.Photo
	}
	if incoming.Extras != "" {
		out.Extras = incoming.Extras
	}
	return out
}

// mergeFacet overlays incoming on a copy of stored; either may be nil.
func mergeFacet[T any](stored, incoming *T) *T {
	switch {
	case incoming == nil:
		return stored
	case stored == nil:
		return incoming
	}
	out := *stored
	overlay(reflect.ValueOf(&out).Elem(), reflect.ValueOf(*incoming))
	return &out
}

var dateType = reflect.TypeOf(civil.Date{})

// overlay copies each non-zero field of src into dst, field by field
// inside nested structs (places, education), whole for dates.
func overlay(dst, src reflect.Value) {
	for i := 0; i < src.NumField(); i++ {
		s, d := src.Field(i), dst.Field(i)
		if s.Kind() == reflect.Struct && s.Type() != dateType && s.Type().NumField() > 0 && s.Type().Field(0).IsExported() {
			overlay(d, s)
			continue
		}
		if s.Kind() == reflect.Slice && s.Len() == 0 {
			continue
		}
		if !s.IsZero() {
			d.Set(s)
		}
	}
}
