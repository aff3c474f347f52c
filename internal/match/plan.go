package match

// plan is a query compiled against an index: the filters as bitsets and a
// code range, and for every skill name that shares a term with some
// requirement, the points each of its levels earns per requirement.
type plan struct {
	q    *Query
	reqs []req
	// codeLo, codeHi bound the region codes admitted.
	codeLo, codeHi uint32
	cats, avail    dimension
	forms          dimension
	// slotName lists the names that share a term with a requirement; the
	// scratch maps a name back to its slot.
	slotName []uint32
	// shared[slot*len(reqs)+i] counts the terms name and requirement i
	// share; impact[p.at(slot, level, i)] is what the name at that level
	// earns for requirement i.
	shared []int
	impact []float64
}

// req is a requirement compiled: its known term IDs and term count.
type req struct {
	minLevel, weight int
	known            []uint32
	total            int
}

// dimension is one filter: when on, a doc must be in one of the sets.
type dimension struct {
	on   bool
	sets []bitset
}

func (d *dimension) admits(doc uint32) bool { return !d.on || anyHas(d.sets, doc) }

// and keeps in out, words of docs from word first on, the docs the
// dimension admits: those in any of its sets.
func (d *dimension) and(out []uint64, first int) {
	switch len(d.sets) {
	case 0:
		clear(out)
	case 1:
		for i, w := range d.sets[0][first:][:len(out)] {
			out[i] &= w
		}
	default:
		for i := range out {
			var v uint64
			for _, s := range d.sets {
				v |= s[first+i]
			}
			out[i] &= v
		}
	}
}

// pend marks as pending the docs in [lo, hi) that pass the filters, one
// word of 64 docs at a time; the bits of docs outside the range are never
// read.
func (p *plan) pend(sc *scratch, lo, hi uint32) {
	if lo >= hi {
		return
	}
	first := int(lo >> 6)
	out := sc.pending[first : int((hi-1)>>6)+1]
	for i := range out {
		out[i] = ^uint64(0)
	}
	for _, d := range []*dimension{&p.cats, &p.avail, &p.forms} {
		if d.on {
			d.and(out, first)
		}
	}
}

// compile prepares q; the caller then finds the names that match with
// matchByTerms or matchAll.
func (ix *Index) compile(q *Query, sc *scratch) *plan {
	p := &plan{q: q}
	for _, r := range q.Skills {
		known, total := ix.vocab.lookup(r.Skill)
		p.reqs = append(p.reqs, req{minLevel: minLevel(r), weight: weight(r), known: known, total: total})
	}
	p.codeLo, p.codeHi = regionRange(q.Region)
	p.cats = filterOn(ix.category, q.Categories)
	p.avail = filterOn(ix.avail, q.Availability)
	p.forms = filterOn(ix.forms, q.Forms)
	sc.begin(len(p.reqs))
	return p
}

func filterOn[K comparable](sets map[K]bitset, allowed []K) dimension {
	d := dimension{on: len(allowed) > 0}
	for _, v := range allowed {
		if b, ok := sets[v]; ok {
			d.sets = append(d.sets, b)
		}
	}
	return d
}

// matchByTerms finds the names that share a term with a requirement by
// way of the terms' name lists, as queries do.
func (ix *Index) matchByTerms(p *plan, sc *scratch) {
	for i, r := range p.reqs {
		for _, t := range r.known {
			for _, name := range ix.vocab.termNames[t] {
				p.shared[p.slotOf(sc, name)*len(p.reqs)+i]++
			}
		}
	}
	p.fillImpacts()
}

// matchAll compares every name with every requirement, for the exhaustive
// reference.
func (ix *Index) matchAll(p *plan, sc *scratch) {
	for name, terms := range ix.vocab.nameTerms {
		for i, r := range p.reqs {
			if n := shared(r.known, terms); n > 0 {
				p.shared[p.slotOf(sc, uint32(name))*len(p.reqs)+i] = n
			}
		}
	}
	p.fillImpacts()
}

// slotOf returns name's slot, giving it one if it has none yet.
func (p *plan) slotOf(sc *scratch, name uint32) int {
	if sc.stamp[name] == sc.epoch {
		return int(sc.slot[name])
	}
	s := len(p.slotName)
	sc.stamp[name], sc.slot[name] = sc.epoch, uint32(s)
	p.slotName = append(p.slotName, name)
	p.shared = append(p.shared, make([]int, len(p.reqs))...)
	return s
}

func (p *plan) fillImpacts() {
	n := len(p.reqs)
	p.impact = make([]float64, len(p.shared)*levels)
	for k, shared := range p.shared {
		if shared == 0 {
			continue
		}
		slot, i := k/n, k%n
		r := p.reqs[i]
		for l := 1; l <= levels; l++ {
			_, _, p.impact[p.at(slot, l, i)] = points(r.weight, shared, r.total, l, r.minLevel)
		}
	}
}

// at returns where in impact a slot's name at a level earns for
// requirement i: the requirements of one name and level sit together, as
// scoring reads them.
func (p *plan) at(slot, level, i int) int { return (slot*levels+level-1)*len(p.reqs) + i }

// admits reports whether doc passes the filters other than region.
func (p *plan) admits(doc uint32) bool {
	return p.cats.admits(doc) && p.avail.admits(doc) && p.forms.admits(doc)
}

// score returns the score of a doc's packed skills: per requirement the
// most any skill earns, summed in the requirements' order, as Explain sums
// them.
func (p *plan) score(sc *scratch, skills []uint32) float64 {
	best := sc.best
	clear(best)
	n := len(p.reqs)
	for _, sk := range skills {
		name := sk >> 3
		if sc.stamp[name] != sc.epoch {
			continue
		}
		row := p.impact[p.at(int(sc.slot[name]), int(sk&7), 0):][:n]
		for i, v := range row {
			if v > best[i] {
				best[i] = v
			}
		}
	}
	s := 0.0
	for _, v := range best {
		s += v
	}
	return s
}

// explain builds doc's explanation from the plan, choosing for each
// requirement the first of the skills that earn the most, as Explain does.
func (ix *Index) explain(p *plan, sc *scratch, doc uint32) Explanation {
	var e Explanation
	n := len(p.reqs)
	for i, r := range p.reqs {
		part := Part{Requirement: p.q.Skills[i].Skill, MinLevel: r.minLevel, Weight: r.weight}
		for _, sk := range ix.docSkills(doc) {
			name := sk >> 3
			if sc.stamp[name] != sc.epoch {
				continue
			}
			k := int(sc.slot[name])*n + i
			if p.shared[k] == 0 {
				continue
			}
			level := int(sk & 7)
			share, factor, pts := points(r.weight, p.shared[k], r.total, level, r.minLevel)
			if pts > part.Points {
				part.Skill, part.Level, part.Share, part.Factor, part.Points = ix.vocab.names[name], level, share, factor, pts
			}
		}
		e.Parts = append(e.Parts, part)
		e.Score += part.Points
	}
	return e
}

// scratch is one query's working memory, reused through the index's pool.
type scratch struct {
	// stamp and slot map a name to its slot in the current plan: a name's
	// slot is valid when its stamp is the current epoch, which spares
	// clearing them between queries.
	stamp []uint32
	slot  []uint32
	epoch uint32
	// pending marks the docs of the region's range that pass the filters
	// and have not been scored yet.
	pending bitset
	best    []float64
}

func (ix *Index) scratch() *scratch {
	if sc, ok := ix.pool.Get().(*scratch); ok {
		return sc
	}
	names := len(ix.vocab.names)
	return &scratch{stamp: make([]uint32, names), slot: make([]uint32, names), pending: newBitset(ix.Len())}
}

func (ix *Index) release(sc *scratch) {
	ix.pool.Put(sc)
}

// begin starts a new query of n requirements.
func (sc *scratch) begin(n int) {
	sc.epoch++
	if sc.epoch == 0 { // wrapped: old stamps could look current
		clear(sc.stamp)
		sc.epoch = 1
	}
	if cap(sc.best) < n {
		sc.best = make([]float64, n)
	}
	sc.best = sc.best[:n]
}
