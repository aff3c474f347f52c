package match_test

import (
	"reflect"
	"testing"

	"zugong/internal/match"
	"zugong/internal/match/matchtest"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// TestSearchEqualsExhaustive holds the index to the two references, on
// every generated project's query and on the same queries without filters:
// Search, Exhaustive and Rank (which scores the talents from their text)
// must return the same hits, scores and explanations.
func TestSearchEqualsExhaustive(t *testing.T) {
	set := matchtest.Generate(matchtest.Spec{Talents: 2000, Projects: 80, Planted: 6, Regions: matchtest.Counties("410000"), Seed: 11})
	ix := match.Build(set.Talents)
	if ix.Len() != len(set.Talents) {
		t.Fatalf("got %d talents indexed, want %d", ix.Len(), len(set.Talents))
	}
	for _, p := range set.Projects {
		filtered := match.ForProject(&p)
		open := match.Query{Skills: p.Skills}
		nearby := match.Query{Skills: p.Skills, Region: filtered.Region[:2], Availability: []person.Availability{person.Available}}
		for _, q := range []match.Query{filtered, open, nearby} {
			ranked := match.Rank(&q, set.Talents, 200)
			for _, k := range []int{1, 20, 200} {
				want := ranked[:min(k, len(ranked))]
				if got := ix.Exhaustive(&q, k); !reflect.DeepEqual(got, want) {
					t.Fatalf("project %s, k=%d: Exhaustive differs from Rank:\n got %v\nwant %v", p.ID, k, ids(got), ids(want))
				}
				if got := ix.Search(&q, k); !reflect.DeepEqual(got, want) {
					t.Fatalf("project %s, k=%d: Search differs from Rank:\n got %v\nwant %v", p.ID, k, ids(got), ids(want))
				}
			}
		}
	}
}

func TestSearchEdges(t *testing.T) {
	set := matchtest.Generate(matchtest.Spec{Talents: 500, Projects: 1, Regions: matchtest.Counties("410000"), Seed: 3})
	ix := match.Build(set.Talents)
	tests := []struct {
		name string
		q    match.Query
		k    int
	}{
		{"no skills finds nothing", match.Query{}, 20},
		{"k of 0 finds nothing", match.Query{Skills: set.Projects[0].Skills}, 0},
		{"an unknown skill finds nothing", match.Query{Skills: []talent.Requirement{{Skill: "航天测控", MinLevel: 1}}}, 20},
		{"an invalid region finds nothing", match.Query{Skills: set.Projects[0].Skills, Region: "4x"}, 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ix.Search(&tc.q, tc.k); len(got) != 0 {
				t.Errorf("got %v, want no hits", ids(got))
			}
		})
	}
}

func ids(hs []match.Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}
