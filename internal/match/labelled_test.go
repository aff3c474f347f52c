package match_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"zugong/internal/match"
	"zugong/internal/match/matchtest"
	"zugong/internal/person"
)

var update = flag.Bool("update", false, "rewrite testdata/labelled.json from the generator")

const labelledPath = "testdata/labelled.json"

// labelledSpec makes the labelled set: a city of ten counties (Zhumadian),
// 2,400 talents at random and 60 projects with 6–12 talents planted each.
func labelledSpec() matchtest.Spec {
	return matchtest.Spec{Talents: 2400, Projects: 60, Planted: 12, Regions: matchtest.Counties("411700"), Seed: 2026}
}

// encodeSet writes a set one record per line, so that a change to the
// generator shows in a diff as the records it changed.
func encodeSet(set *matchtest.Set) []byte {
	var b bytes.Buffer
	line := func(v any, last bool) {
		j, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		b.Write(j)
		if !last {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("{\"Talents\": [\n")
	for i := range set.Talents {
		line(set.Talents[i], i == len(set.Talents)-1)
	}
	b.WriteString("],\n\"Projects\": [\n")
	for i := range set.Projects {
		line(set.Projects[i], i == len(set.Projects)-1)
	}
	b.WriteString("],\n\"Relevant\":\n")
	line(set.Relevant, true)
	b.WriteString("}\n")
	return b.Bytes()
}

// readLabelled reads the labelled set, first rewriting it with -update. It
// fails when the file is not what the generator makes, so that the two
// cannot drift apart.
func readLabelled(t *testing.T) matchtest.Set {
	t.Helper()
	set := matchtest.Generate(labelledSpec())
	matchtest.Label(&set)
	want := encodeSet(&set)
	if *update {
		if err := os.MkdirAll(filepath.Dir(labelledPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(labelledPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(labelledPath)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/match -run Labelled -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what the generator makes: run go test ./internal/match -run Labelled -update", labelledPath)
	}
	var read matchtest.Set
	if err := json.Unmarshal(got, &read); err != nil {
		t.Fatal(err)
	}
	return read
}

// TestLabelled checks matching on the labelled set: the top 20 of the
// index are those of exhaustive scoring, they hold at least 95% of the
// talents known to be relevant (all of them when there are 20 or fewer),
// and the explanation of each relevant talent names, for every required
// skill, the skill of theirs that meets it.
func TestLabelled(t *testing.T) {
	set := readLabelled(t)
	ix := match.Build(set.Talents)
	byID := map[string]*match.Talent{}
	for i := range set.Talents {
		byID[set.Talents[i].ID] = &set.Talents[i]
	}
	var recall, exhaustive float64
	for _, p := range set.Projects {
		q := match.ForProject(&p)
		hits := ix.Search(&q, 20)
		want := ix.Exhaustive(&q, 20)
		exhaustive += overlap(hits, ids(want), len(want))
		relevant := set.Relevant[p.ID]
		if len(relevant) == 0 {
			t.Fatalf("project %s has no relevant talent: the generator plants some", p.ID)
		}
		recall += overlap(hits, relevant, min(20, len(relevant)))
		for _, h := range hits {
			if slices.Contains(relevant, h.ID) {
				checkExplanation(t, p.ID, h, byID[h.ID])
			}
		}
	}
	n := float64(len(set.Projects))
	t.Logf("recall@20: %.3f against the labels, %.3f against exhaustive scoring, over %d projects", recall/n, exhaustive/n, len(set.Projects))
	if recall/n < 0.95 {
		t.Errorf("got recall@20 %.3f against the labels, want at least 0.95", recall/n)
	}
	if exhaustive/n != 1 {
		t.Errorf("got recall@20 %.3f against exhaustive scoring, want 1", exhaustive/n)
	}
}

// overlap returns the share of want found among hits, out of n.
func overlap(hits []match.Hit, want []string, n int) float64 {
	if n == 0 {
		return 1
	}
	found := 0
	for _, h := range hits {
		if slices.Contains(want, h.ID) {
			found++
		}
	}
	return float64(found) / float64(n)
}

// checkExplanation checks that a relevant talent's explanation meets every
// requirement with a skill the talent has, whose name holds the
// requirement, at the level the talent has it.
func checkExplanation(t *testing.T, project string, h match.Hit, tal *match.Talent) {
	t.Helper()
	if len(h.Explanation.Missing()) > 0 {
		t.Errorf("project %s, talent %s: got missing %+v, want every requirement met", project, h.ID, h.Explanation.Missing())
	}
	for _, part := range h.Explanation.Matched() {
		i := slices.IndexFunc(tal.Skills, func(s person.Skill) bool { return s.Name == part.Skill && s.Level == part.Level })
		if i < 0 || !strings.Contains(part.Skill, part.Requirement) {
			t.Errorf("project %s, talent %s: got %s met by %s at level %d, want a skill of the talent holding it",
				project, h.ID, part.Requirement, part.Skill, part.Level)
		}
	}
}
