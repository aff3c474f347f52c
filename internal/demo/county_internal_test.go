package demo

import (
	"slices"
	"testing"

	"zugong/internal/org"
)

// TestCityCountyKeepsItsSeed checks that a county of a city is the county
// County generates from the derived seed: its tree does not depend on the
// other counties.
func TestCityCountyKeepsItsSeed(t *testing.T) {
	city := City(9, Zhumadian)
	var inCity []string
	county := jurisdictionOf(city, DefaultCounty.Code)
	for _, o := range city {
		if o.JurisdictionID == county {
			inCity = append(inCity, o.Name+"|"+string(o.Kind)+"|"+o.DivisionCode+"|"+o.FoundedOn.String())
		}
	}
	var alone []string
	for _, o := range County(countySeed(9, DefaultCounty.Code), DefaultCounty) {
		alone = append(alone, o.Name+"|"+string(o.Kind)+"|"+o.DivisionCode+"|"+o.FoundedOn.String())
	}
	if len(inCity) == 0 || !slices.Equal(inCity, alone) {
		t.Fatalf("正阳县 in the city has %d organisations, alone %d, or they differ", len(inCity), len(alone))
	}
	if countySeed(9, "411724") == countySeed(9, "411725") || countySeed(9, "411724") == countySeed(10, "411724") {
		t.Fatal("derived seeds collide")
	}
}

func jurisdictionOf(orgs []org.Org, code string) string {
	for _, o := range orgs {
		if o.DivisionCode == code {
			return o.ID
		}
	}
	return ""
}
