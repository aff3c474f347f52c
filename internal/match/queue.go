package match

import "slices"

// queue is one requirement's posting lists in falling order of points.
type queue struct {
	lists []list
	next  int
}

// list is one (name, level) posting list for one requirement, cut to
// post[from:to] by the region's doc range.
type list struct {
	impact   float64
	from, to uint32
}

// queues gathers, per requirement, the lists of the names that share a
// term with it, cut to the docs in [lo, hi), leaving out the empty ones.
func (ix *Index) queues(p *plan, lo, hi uint32) []queue {
	n := len(p.reqs)
	qs := make([]queue, n)
	for i := range qs {
		qs[i].lists = make([]list, 0, len(p.slotName)*levels)
	}
	for slot, name := range p.slotName {
		for l := range levels {
			from, to := ix.cut(int(name)*levels+l, lo, hi)
			if from == to {
				continue
			}
			for i := range n {
				if p.shared[slot*n+i] > 0 {
					qs[i].lists = append(qs[i].lists, list{impact: p.impact[p.at(slot, l+1, i)], from: from, to: to})
				}
			}
		}
	}
	for i := range qs {
		slices.SortStableFunc(qs[i].lists, func(a, b list) int {
			switch {
			case a.impact > b.impact:
				return -1
			case a.impact < b.impact:
				return 1
			}
			return 0
		})
	}
	return qs
}

// cut returns the part post[from:to] of posting list l whose docs are in
// [lo, hi).
func (ix *Index) cut(l int, lo, hi uint32) (from, to uint32) {
	start, end := ix.postOff[l], ix.postOff[l+1]
	docs := ix.post[start:end]
	if len(docs) == 0 || (docs[0] >= lo && docs[len(docs)-1] < hi) {
		return start, end
	}
	a, _ := slices.BinarySearch(docs, lo)
	b, _ := slices.BinarySearch(docs[a:], hi)
	return start + uint32(a), start + uint32(a+b)
}

// threshold is the most a talent met in none of the lists read so far can
// score: per requirement, the points of its next list. It is summed in the
// requirements' order, as scores are, so that rounding cannot put a
// talent's score above it.
func threshold(qs []queue) float64 {
	t := 0.0
	for _, q := range qs {
		if q.next < len(q.lists) {
			t += q.lists[q.next].impact
		}
	}
	return t
}

// nextGroup chooses which lists to read next. Of each requirement, the
// next lists of equal points form a group; reading a group lowers the
// threshold to the following group's points. A requirement's groups often
// fall little at first and then much (from the levels at or above the
// least asked to those below it), so each requirement is rated by the
// best fall per posting read over any number of its coming groups, and
// the first group of the best rated is read. This lets the search stop
// soonest. It returns the requirement and the end of its first group, or
// -1 when every list has been read.
func nextGroup(qs []queue) (int, int) {
	best, bestEnd, bestRate := -1, 0, -1.0
	for i, q := range qs {
		if q.next >= len(q.lists) {
			continue
		}
		top := q.lists[q.next].impact
		firstEnd, cost := -1, 1.0
		for end := q.next; end < len(q.lists); {
			group := q.lists[end].impact
			for end < len(q.lists) && q.lists[end].impact == group {
				cost += float64(q.lists[end].to - q.lists[end].from)
				end++
			}
			if firstEnd < 0 {
				firstEnd = end
			}
			after := 0.0
			if end < len(q.lists) {
				after = q.lists[end].impact
			}
			if rate := (top - after) / cost; rate > bestRate {
				best, bestEnd, bestRate = i, firstEnd, rate
			}
		}
	}
	return best, bestEnd
}
