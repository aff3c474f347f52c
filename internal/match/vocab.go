package match

import "slices"

// vocab holds the distinct skill names of an index and the terms that
// lead to them. Matching a requirement to skills happens here, once per
// distinct name, rather than once per talent: a county's thousands of
// talents share a few hundred skill names.
type vocab struct {
	names []string
	// nameTerms holds each name's term IDs, ascending.
	nameTerms [][]uint32
	termID    map[string]uint32
	// termNames holds, per term, the IDs of the names that have it,
	// ascending.
	termNames [][]uint32
}

// add indexes a new name and returns its ID.
func (v *vocab) add(name string) uint32 {
	id := uint32(len(v.names))
	v.names = append(v.names, name)
	var ts []uint32
	for _, t := range SkillTerms(name) {
		tid, ok := v.termID[t]
		if !ok {
			tid = uint32(len(v.termNames))
			v.termID[t] = tid
			v.termNames = append(v.termNames, nil)
		}
		ts = append(ts, tid)
		v.termNames[tid] = append(v.termNames[tid], id)
	}
	slices.Sort(ts)
	v.nameTerms = append(v.nameTerms, ts)
	return id
}

// lookup returns the IDs of the terms the index knows among a
// requirement's terms, ascending, and the number of its terms in all.
func (v *vocab) lookup(requirement string) (known []uint32, total int) {
	ts := QueryTerms(requirement)
	for _, t := range ts {
		if id, ok := v.termID[t]; ok {
			known = append(known, id)
		}
	}
	slices.Sort(known)
	return known, len(ts)
}

// shared counts the terms two ascending lists have in common.
func shared(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// bytes estimates the memory the vocabulary holds.
func (v *vocab) bytes() int64 {
	n := int64(len(v.names)) * (16 + 24)
	for i, name := range v.names {
		n += int64(len(name)) + 4*int64(len(v.nameTerms[i]))
	}
	for t := range v.termID {
		n += int64(len(t)) + 16 + 4 // the key, its header and the value
	}
	for _, names := range v.termNames {
		n += 24 + 4*int64(len(names))
	}
	return n
}
