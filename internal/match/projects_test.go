package match_test

import (
	"reflect"
	"sort"
	"testing"

	"zugong/internal/match"
	"zugong/internal/match/matchtest"
)

// TestProjectsForTalent holds the project index to scoring every project
// for every talent of a generated set.
func TestProjectsForTalent(t *testing.T) {
	set := matchtest.Generate(matchtest.Spec{Talents: 300, Projects: 150, Planted: 4, Regions: matchtest.Counties("411700"), Seed: 5})
	px := match.BuildProjects(set.Projects)
	found := 0
	for i := range set.Talents {
		tal := &set.Talents[i]
		var want []match.Hit
		for j := range set.Projects {
			q := match.ForProject(&set.Projects[j])
			if e := match.Explain(&q, tal); match.Admits(&q, tal) && e.Score > 0 {
				want = append(want, match.Hit{ID: set.Projects[j].ID, Score: e.Score, Explanation: e})
			}
		}
		sort.SliceStable(want, func(a, b int) bool {
			if want[a].Score != want[b].Score {
				return want[a].Score > want[b].Score
			}
			return want[a].ID < want[b].ID
		})
		want = want[:min(10, len(want))]
		got := px.ForTalent(tal, 10)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("talent %s: got %v, want %v", tal.ID, ids(got), ids(want))
		}
		found += len(got)
	}
	if found == 0 {
		t.Fatal("got no project for any talent, want some: the test would prove nothing")
	}
}
