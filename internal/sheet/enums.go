package sheet

import (
	"sync"

	"zugong/internal/i18n"
	"zugong/internal/person"
)

// enumSet is a fixed set of values a cell picks from by label. The label of
// value v is the catalog text sheet.enum.<name>.<v>; a cell may hold the
// label in any locale, the value itself, or an alias (正式 for 正式党员).
type enumSet struct {
	name    string
	values  []string
	aliases map[string]string

	once   sync.Once
	lookup map[string]string
}

func (e *enumSet) label(loc i18n.Locale, v string) string {
	return catalog().T(loc, "sheet.enum."+e.name+"."+v)
}

// labels returns the labels in loc, in order: the template's drop-down.
func (e *enumSet) labels(loc i18n.Locale) []string {
	ls := make([]string, len(e.values))
	for i, v := range e.values {
		ls[i] = e.label(loc, v)
	}
	return ls
}

// parse returns the value a cell names.
func (e *enumSet) parse(s string) (string, bool) {
	e.once.Do(func() {
		e.lookup = map[string]string{}
		for _, v := range e.values {
			e.lookup[clean(v)] = v
			for _, loc := range i18n.Locales {
				e.lookup[clean(e.label(loc, v))] = v
			}
		}
		for a, v := range e.aliases {
			e.lookup[clean(a)] = v
		}
	})
	v, ok := e.lookup[clean(s)]
	return v, ok
}

var facetSet = &enumSet{name: "facet", values: []string{
	string(person.FacetPartyMember), string(person.FacetCadre), string(person.FacetTalent),
}}

var talentSet = &enumSet{name: "talent", values: func() []string {
	vs := make([]string, len(person.TalentCategories))
	for i, c := range person.TalentCategories {
		vs[i] = string(c)
	}
	return vs
}()}

var flowFormSet = &enumSet{name: "talent_form", values: func() []string {
	vs := make([]string, len(person.FlowForms))
	for i, f := range person.FlowForms {
		vs[i] = string(f)
	}
	return vs
}()}

var partyCategorySet = &enumSet{name: "party_category",
	values:  []string{string(person.FullMember), string(person.ProbationaryMember)},
	aliases: map[string]string{"正式": string(person.FullMember), "预备": string(person.ProbationaryMember)},
}

var standingSet = &enumSet{name: "standing", values: []string{
	string(person.StandingNormal), string(person.StandingReserved), string(person.StandingRestored),
	string(person.StandingSuspended), string(person.StandingExpelled),
}}

var lostReasonSet = &enumSet{name: "lost", values: []string{
	string(person.LostMigrantWork), string(person.LostUnitRestructed), string(person.LostGraduate),
	string(person.LostChangedJob), string(person.LostAbroad), string(person.LostMoved), string(person.LostOther),
}}

// enumSets lists every set, for the catalog test.
var enumSets = []*enumSet{facetSet, talentSet, partyCategorySet, standingSet, lostReasonSet}
