package match

// topK keeps the k best candidates in a heap with the worst at the root.
type topK struct {
	k int
	h []candidate
}

type candidate struct {
	doc   uint32
	score float64
}

func (t *topK) full() bool       { return len(t.h) == t.k }
func (t *topK) worst() candidate { return t.h[0] }

// ranksBelow reports whether a ranks below b: a lower score, or an equal
// score and a later doc number.
func (t *topK) ranksBelow(a, b candidate) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}

// offer keeps doc if it ranks among the k best so far.
func (t *topK) offer(doc uint32, score float64) {
	c := candidate{doc, score}
	if len(t.h) < t.k {
		t.h = append(t.h, c)
		t.up(len(t.h) - 1)
		return
	}
	if score < t.h[0].score || !t.ranksBelow(t.h[0], c) {
		return
	}
	t.h[0] = c
	t.down(0)
}

func (t *topK) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !t.ranksBelow(t.h[i], t.h[parent]) {
			return
		}
		t.h[i], t.h[parent] = t.h[parent], t.h[i]
		i = parent
	}
}

func (t *topK) down(i int) {
	for {
		low := i
		if c := 2*i + 1; c < len(t.h) && t.ranksBelow(t.h[c], t.h[low]) {
			low = c
		}
		if c := 2*i + 2; c < len(t.h) && t.ranksBelow(t.h[c], t.h[low]) {
			low = c
		}
		if low == i {
			return
		}
		t.h[i], t.h[low] = t.h[low], t.h[i]
		i = low
	}
}
