package person

import (
	"reflect"
	"slices"

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
	if stored.Cadre != nil && incoming.Cadre != nil && len(incoming.Cadre.Posts) > 0 {
		out.Cadre.Posts = mergePosts(stored.Cadre.Posts, incoming.Cadre.Posts)
	}
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

// mergePosts lays each incoming post over the stored post of the same title
// (and unit, when the file names one), so that a file listing only the
// current post and rank keeps the appointment decision, probation and the
// other posts; a post the file names that is not stored is added.
func mergePosts(stored, incoming []Post) []Post {
	out := append([]Post(nil), stored...)
	for _, in := range incoming {
		i := slices.IndexFunc(out, func(p Post) bool { return samePost(p, in) })
		if i < 0 {
			out = append(out, in)
			continue
		}
		// The stored post names it; the file adds what it knows.
		in.Title, in.UnitName, in.UnitID = out[i].Title, out[i].UnitName, out[i].UnitID
		overlay(reflect.ValueOf(&out[i]).Elem(), reflect.ValueOf(in))
	}
	return out
}

// samePost reports whether a post from a file is the stored post p: the
// same title in the same unit, or the title written with its unit as forms
// write 现任职务 ("真阳镇副镇长").
func samePost(p, in Post) bool {
	if in.UnitName == "" || in.UnitName == p.UnitName {
		if in.Title == p.Title {
			return true
		}
	}
	return in.UnitName == "" && in.Title == p.UnitName+p.Title
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
