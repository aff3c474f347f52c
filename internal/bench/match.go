package bench

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"zugong/internal/match"
	"zugong/internal/match/matchtest"
)

// runTalentMatch ranks the top 20 talents for 200 generated projects among
// a province's talents: 1,000,000 (50,000 with --quick), spread over
// Henan's county-level divisions with realistic Chinese skill names. The
// same queries run on zugong's index, on bleve's index of the same terms
// held in memory (each talent's skill terms in one whitespace-analysed
// field, the filters in keyword fields), and through exhaustive scoring of
// every talent. It reports the p99 latency against bleve's and against
// exhaustive scoring, the heap each index holds, the build times, and the
// share of exhaustive scoring's top 20 the index returns. It needs no
// database.
func runTalentMatch(ctx context.Context, e *Env) ([]Result, error) {
	n := 1_000_000
	if e.Opts.Quick {
		n = 50_000
	}
	start := heapNow()
	set := matchtest.Generate(matchtest.Spec{Talents: n, Projects: 200, Regions: matchtest.Counties("410000"), Seed: 42})
	queries := make([]match.Query, len(set.Projects))
	for i := range set.Projects {
		queries[i] = match.ForProject(&set.Projects[i])
	}
	before := heapNow()
	buildStart := time.Now()
	ix := match.Build(set.Talents)
	ourBuild := time.Since(buildStart)
	ourHeap := heapNow() - before
	buildStart = time.Now()
	bl, err := buildBleve(ctx, set.Talents, max(n/10, 50_000))
	if err != nil {
		return nil, fmt.Errorf("bleve index: %w", err)
	}
	defer bl.Close()
	bleveBuild := time.Since(buildStart)
	// bleve holds on to some of what it was given, so its heap is what is
	// left once the talents are dropped, less zugong's index and the start.
	set.Talents = nil
	bleveHeap := heapNow() - start - ourHeap

	recall := 0.0
	for i := range queries {
		recall += foundShare(hitIDs(ix.Search(&queries[i], 20)), hitIDs(ix.Exhaustive(&queries[i], 20)))
	}
	recall /= float64(len(queries))
	requests := make([]*bleve.SearchRequest, len(queries))
	for i := range queries {
		requests[i] = bleve.NewSearchRequestOptions(bleveQuery(&queries[i]), 20, 0, false)
	}
	ours, theirs, exhaustive, err := timeMatching(ctx, e.Dur, ix, bl, queries, requests)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("talent-match-%dk", n/1000)
	return []Result{
		{Name: name + "-p99", Value: ms(ours), Unit: "ms", Baseline: ms(theirs),
			Note: fmt.Sprintf("bleve (scorch, in memory) p99 on the same terms, filters and corpus, top 20 of %d queries; target ratio ≤ 2", len(queries))},
		{Name: name + "-vs-exhaustive-p99", Value: ms(ours), Unit: "ms", Baseline: ms(exhaustive),
			Note: "exhaustive scoring of every talent that passes the filters, p99; target ratio ≤ 0.05 (20× faster)"},
		{Name: name + "-index-heap", Value: mebibytes(ourHeap), Unit: "MB", Baseline: mebibytes(bleveHeap),
			Note: fmt.Sprintf("bleve's in-memory index of the same terms; the index estimates itself at %.1f MB", float64(ix.MemoryBytes())/(1<<20))},
		{Name: name + "-build", Value: ourBuild.Seconds(), Unit: "s", Baseline: bleveBuild.Seconds(),
			Note: "bleve's build of the same corpus"},
		{Name: name + "-recall-at-20", Value: recall, Unit: "share", Baseline: 1,
			Note: "share of exhaustive scoring's top 20 the index returns; 1 is exact"},
	}, nil
}

// timeMatching runs every query on the index three times and
// exhaustively once, query by query so that both meet the same load, for
// d and at least two rounds after one to warm up; then, after a
// collection, every query on bleve for d and at least one round after one
// to warm up. bleve runs apart because its searches leave much garbage,
// whose collection would otherwise run during the others' queries. It
// returns the p99 latency of each.
func timeMatching(ctx context.Context, d time.Duration, ix *match.Index, bl bleve.Index, qs []match.Query, rs []*bleve.SearchRequest) (ours, theirs, exhaustive time.Duration, err error) {
	var o, t, x []time.Duration
	err = rounds(ctx, d, 3, len(qs), func(i int, warm bool) error {
		for range 3 {
			timed(&o, warm, func() { ix.Search(&qs[i], 20) })
		}
		timed(&x, warm, func() { ix.Exhaustive(&qs[i], 20) })
		return nil
	})
	if err != nil {
		return 0, 0, 0, err
	}
	runtime.GC()
	err = rounds(ctx, d, 2, len(rs), func(i int, warm bool) error {
		var err error
		timed(&t, warm, func() { _, err = bl.SearchInContext(ctx, rs[i]) })
		return err
	})
	if err != nil {
		return 0, 0, 0, fmt.Errorf("bleve search: %w", err)
	}
	for _, s := range [][]time.Duration{o, t, x} {
		slices.Sort(s)
	}
	return percentile(o, 99), percentile(t, 99), percentile(x, 99), nil
}

// rounds calls run for queries 0 … n-1, round after round, for d and at
// least the given rounds; the first round only warms up.
func rounds(ctx context.Context, d time.Duration, least, n int, run func(i int, warm bool) error) error {
	deadline := time.Now().Add(d)
	for round := 0; round < least || time.Now().Before(deadline); round++ {
		for i := range n {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := run(i, round == 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// timed runs f and, unless it is warming up, adds its latency to into.
func timed(into *[]time.Duration, warm bool, f func()) {
	start := time.Now()
	f()
	if !warm {
		*into = append(*into, time.Since(start))
	}
}

// heapNow returns the bytes of the live heap, after a collection.
func heapNow() int64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func mebibytes(b int64) float64 { return float64(b) / (1 << 20) }

// buildBleve indexes the talents in bleve, in memory: their skill terms
// (match.SkillTerms, the terms zugong's index holds) in a text field split
// on whitespace only, and the filters in keyword fields. It uses scorch,
// bleve's current index, with no path, which keeps it in memory: the
// older index behind bleve.NewMemOnly (upsidedown on gtreap) took 80 s to
// index 50,000 talents here and answered at a p99 of 7 s, and would not
// finish at a million. Each batch becomes one segment that an in-memory scorch never
// merges, so batches are large: ten segments at a million talents.
func buildBleve(ctx context.Context, ts []match.Talent, batchSize int) (bleve.Index, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer("terms", map[string]any{"type": custom.Name, "tokenizer": whitespace.Name}); err != nil {
		return nil, err
	}
	field := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = analyzer, false, false, false, false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("skills", field("terms"))
	for _, name := range []string{"category", "availability", "forms", "region"} {
		doc.AddFieldMappingsAt(name, field(keyword.Name))
	}
	im.DefaultMapping = doc
	idx, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	b := idx.NewBatch()
	for i := range ts {
		t := &ts[i]
		var terms []string
		for _, s := range t.Skills {
			terms = append(terms, match.SkillTerms(s.Name)...)
		}
		forms := make([]string, len(t.Forms))
		for j, f := range t.Forms {
			forms[j] = string(f)
		}
		if err := b.Index(t.ID, map[string]any{
			"skills": strings.Join(terms, " "), "category": string(t.Category),
			"availability": string(t.Availability), "forms": forms, "region": t.Region,
		}); err != nil {
			idx.Close()
			return nil, err
		}
		if b.Size() == batchSize || i == len(ts)-1 {
			if err := idx.Batch(b); err != nil {
				idx.Close()
				return nil, err
			}
			b = idx.NewBatch()
		}
		if err := ctx.Err(); err != nil {
			idx.Close()
			return nil, err
		}
	}
	return idx, nil
}

// bleveQuery is q for bleve: any of the requirements' terms, and every
// filter q sets.
func bleveQuery(q *match.Query) query.Query {
	var terms []string
	for _, r := range q.Skills {
		for _, t := range match.QueryTerms(r.Skill) {
			if !slices.Contains(terms, t) {
				terms = append(terms, t)
			}
		}
	}
	parts := []query.Query{bleveAnyTerm("skills", terms)}
	for field, values := range map[string][]string{
		"category": stringsOf(q.Categories), "availability": stringsOf(q.Availability), "forms": stringsOf(q.Forms),
	} {
		if len(values) > 0 {
			parts = append(parts, bleveAnyTerm(field, values))
		}
	}
	if q.Region != "" {
		p := bleve.NewPrefixQuery(q.Region)
		p.SetField("region")
		parts = append(parts, p)
	}
	return bleve.NewConjunctionQuery(parts...)
}

func bleveAnyTerm(field string, values []string) query.Query {
	qs := make([]query.Query, len(values))
	for i, v := range values {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		qs[i] = t
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func hitIDs(hs []match.Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}

// foundShare returns the share of want found in got; 1 when want is empty.
func foundShare(got, want []string) float64 {
	if len(want) == 0 {
		return 1
	}
	found := 0
	for _, id := range got {
		if slices.Contains(want, id) {
			found++
		}
	}
	return float64(found) / float64(len(want))
}
