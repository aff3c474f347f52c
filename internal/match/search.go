package match

import "sort"

// Search returns the k best talents for q, each with its explanation:
// exactly what Exhaustive returns. Equal scores come in the index's order
// of talents, by region code and then ID.
//
// It reads the posting lists of the matching (name, level) pairs, each
// cut to the region's range of docs, one requirement's lists at a time in
// falling order of the points they earn, and scores in full every talent
// it meets that passes the filters. A talent not met yet can earn at most,
// per requirement, the points of that requirement's next list; once the
// k-th best score found exceeds the sum of those, no talent left can enter
// the results and the search stops (Fagin's threshold algorithm).
func (ix *Index) Search(q *Query, k int) []Hit {
	if k <= 0 || len(q.Skills) == 0 {
		return nil
	}
	sc := ix.scratch()
	defer ix.release(sc)
	p := ix.compile(q, sc)
	ix.matchByTerms(p, sc)
	lo, hi := ix.docRange(p.codeLo, p.codeHi)
	p.pend(sc, lo, hi)
	queues := ix.queues(p, lo, hi)
	top := topK{k: k}
	for {
		i, end := nextGroup(queues)
		t := threshold(queues)
		if i < 0 || (top.full() && top.worst().score > t) {
			break
		}
		for _, e := range queues[i].lists[queues[i].next:end] {
			ix.scan(p, sc, &top, e.from, e.to, e.impact, t)
		}
		queues[i].next = end
	}
	return ix.hits(p, sc, &top)
}

// scan scores the docs of post[from:to], a posting list whose points are
// impact, that are pending: that pass the filters and have not been met
// before. Its requirement's lists are read in falling order of points, so
// a doc met for the first time earns impact for it, and at most threshold
// t in all. Once the k best so far score t, a doc numbered after the worst
// of them cannot enter, nor can the rest of the list, whose docs ascend.
//
// With a single requirement, impact is the doc's score. Otherwise scan
// scores the copy of the doc's skills that sits beside the posting, read
// in the list's order rather than fetched from wherever the doc lies.
func (ix *Index) scan(p *plan, sc *scratch, top *topK, from, to uint32, impact, t float64) {
	for j := from; j < to; j++ {
		doc := ix.post[j]
		if top.full() && top.worst().score >= t && doc > top.worst().doc {
			return
		}
		if !sc.pending.has(doc) {
			continue
		}
		sc.pending.clear(doc)
		s := impact
		if len(p.reqs) > 1 {
			s = p.score(sc, ix.unpack(ix.postSlots[int(j)*slotsPerDoc:][:slotsPerDoc]))
		}
		top.offer(doc, s)
	}
}

// Exhaustive scores every talent that passes q's filters and returns the
// k best as Search does: the reference Search is held to, and the baseline
// it is measured against. It finds the matching names by comparing every
// name with every requirement, not through the term lists.
func (ix *Index) Exhaustive(q *Query, k int) []Hit {
	if k <= 0 || len(q.Skills) == 0 {
		return nil
	}
	sc := ix.scratch()
	defer ix.release(sc)
	p := ix.compile(q, sc)
	ix.matchAll(p, sc)
	top := topK{k: k}
	for doc := range uint32(ix.Len()) {
		if c := ix.region[doc]; c < p.codeLo || c >= p.codeHi || !p.admits(doc) {
			continue
		}
		if s := p.score(sc, ix.docSkills(doc)); s > 0 {
			top.offer(doc, s)
		}
	}
	return ix.hits(p, sc, &top)
}

// hits turns the best docs into results, best first.
func (ix *Index) hits(p *plan, sc *scratch, top *topK) []Hit {
	sort.Slice(top.h, func(a, b int) bool { return top.ranksBelow(top.h[b], top.h[a]) })
	out := make([]Hit, len(top.h))
	for i, c := range top.h {
		out[i] = Hit{ID: ix.id(c.doc), Score: c.score, Explanation: ix.explain(p, sc, c.doc)}
	}
	return out
}
