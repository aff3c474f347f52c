package match

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"zugong/internal/person"
	"zugong/internal/talent"
)

// levels is the number of skill levels, 1–5.
const levels = person.MaxSkillLevel

// Index holds a set of talents for matching. It is immutable once built
// and safe for concurrent use; a changed talent pool is matched by building
// a new one (a county's pool builds in milliseconds).
//
// Talents are numbered (their doc numbers) in order of region code, so
// that the talents of a region are one range of numbers. Each talent's
// skills are kept as (name, level) pairs over a vocabulary of distinct
// names, and for every (name, level) there is a posting list of the
// talents that have it, as ascending doc numbers. Beside each posting sits
// a copy of its talent's skills, which doubles the memory (about 80 bytes
// a talent in all) and makes the search read memory in order.
type Index struct {
	// ids holds the talents' IDs end to end: doc d's is
	// ids[idOff[d]:idOff[d+1]].
	ids   string
	idOff []uint32
	// region holds each doc's region code as a number, ascending; 0 for a
	// talent without a valid code.
	region   []uint32
	category map[person.TalentCategory]bitset
	avail    map[person.Availability]bitset
	forms    map[talent.Form]bitset
	// slots holds each doc's skills in a block of four, one cache line:
	// name<<3 | level in the talent's order, then 0. A doc with more than
	// four keeps them in more instead, its block holding overflow | where
	// they start, and how many.
	slots []uint32
	more  []uint32
	vocab vocab
	// post holds the posting lists end to end: list l = name*levels +
	// level-1 is post[postOff[l]:postOff[l+1]].
	post    []uint32
	postOff []uint32
	// postSlots holds, for every posting, a copy of its doc's block of
	// skills, so that reading a list reads the skills it scores in the
	// same order, with no jump to another part of memory per doc.
	postSlots []uint32
	pool      sync.Pool
}

// Build indexes talents.
func Build(ts []Talent) *Index {
	order := make([]int, len(ts))
	codes := make([]uint32, len(ts))
	for i := range ts {
		order[i] = i
		codes[i] = regionCode(ts[i].Region)
	}
	sort.Slice(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if codes[i] != codes[j] {
			return codes[i] < codes[j]
		}
		return ts[i].ID < ts[j].ID
	})
	ix := &Index{
		category: map[person.TalentCategory]bitset{},
		avail:    map[person.Availability]bitset{},
		forms:    map[talent.Form]bitset{},
		vocab:    vocab{termID: map[string]uint32{}},
	}
	ix.addDocs(ts, order, codes)
	ix.buildPostings()
	return ix
}

// addDocs lays out the talents' IDs, regions, filters and skills in doc
// order, sizing every array exactly.
func (ix *Index) addDocs(ts []Talent, order []int, codes []uint32) {
	n := len(ts)
	idLen := 0
	for i := range ts {
		idLen += len(ts[i].ID)
	}
	var ids strings.Builder
	ids.Grow(idLen)
	ix.idOff = make([]uint32, n+1)
	ix.region = make([]uint32, n)
	ix.slots = make([]uint32, n*slotsPerDoc)
	nameID := map[string]uint32{}
	for doc, i := range order {
		t := &ts[i]
		d := uint32(doc)
		ids.WriteString(t.ID)
		ix.idOff[doc+1] = uint32(ids.Len())
		ix.region[doc] = codes[i]
		member(ix.category, t.Category, n).set(d)
		member(ix.avail, t.Availability, n).set(d)
		for _, f := range t.Forms {
			member(ix.forms, f, n).set(d)
		}
		packed := make([]uint32, len(t.Skills))
		for j, s := range t.Skills {
			id, ok := nameID[s.Name]
			if !ok {
				id = ix.vocab.add(s.Name)
				nameID[s.Name] = id
			}
			packed[j] = id<<3 | uint32(clampLevel(s.Level))
		}
		ix.place(d, packed)
	}
	ix.ids = ids.String()
}

// slotsPerDoc is the size of a doc's block of skills; overflow marks a
// block whose skills are in more. Packed skills stay clear of the mark
// while names number fewer than 2^28.
const (
	slotsPerDoc = 4
	overflow    = 1 << 31
)

// place stores doc's packed skills.
func (ix *Index) place(doc uint32, packed []uint32) {
	block := ix.slots[int(doc)*slotsPerDoc:][:slotsPerDoc]
	if len(packed) <= slotsPerDoc {
		copy(block, packed)
		return
	}
	block[0], block[1] = overflow|uint32(len(ix.more)), uint32(len(packed))
	ix.more = append(ix.more, packed...)
}

// docSkills returns doc's packed skills.
func (ix *Index) docSkills(doc uint32) []uint32 {
	return ix.unpack(ix.slots[int(doc)*slotsPerDoc:][:slotsPerDoc])
}

// unpack returns the packed skills a block holds or points to.
func (ix *Index) unpack(block []uint32) []uint32 {
	if block[0]&overflow != 0 {
		at := block[0] &^ overflow
		return ix.more[at : at+block[1]]
	}
	n := 0
	for n < slotsPerDoc && block[n] != 0 {
		n++
	}
	return block[:n]
}

// member returns the bitset of value v, making it when v is new.
func member[K comparable](sets map[K]bitset, v K, n int) bitset {
	b, ok := sets[v]
	if !ok {
		b = newBitset(n)
		sets[v] = b
	}
	return b
}

// buildPostings makes one posting list per (name, level): a count, then a
// fill, so that the lists sit end to end in one exactly sized array. A
// talent with the same skill twice is listed once.
func (ix *Index) buildPostings() {
	lists := len(ix.vocab.names) * levels
	ix.postOff = make([]uint32, lists+1)
	last := make([]uint32, lists) // per list, the last doc+1 counted or filled
	for doc := range uint32(ix.Len()) {
		for _, sk := range ix.docSkills(doc) {
			if l := listOf(sk); last[l] != doc+1 {
				last[l] = doc + 1
				ix.postOff[l+1]++
			}
		}
	}
	for l := range lists {
		ix.postOff[l+1] += ix.postOff[l]
	}
	ix.post = make([]uint32, ix.postOff[lists])
	ix.postSlots = make([]uint32, len(ix.post)*slotsPerDoc)
	fill := slices.Clone(ix.postOff[:lists])
	clear(last)
	for doc := range uint32(ix.Len()) {
		block := ix.slots[int(doc)*slotsPerDoc:][:slotsPerDoc]
		for _, sk := range ix.docSkills(doc) {
			if l := listOf(sk); last[l] != doc+1 {
				last[l] = doc + 1
				ix.post[fill[l]] = doc
				copy(ix.postSlots[int(fill[l])*slotsPerDoc:], block)
				fill[l]++
			}
		}
	}
}

// listOf returns the posting list of a packed skill.
func listOf(sk uint32) int { return int(sk>>3)*levels + int(sk&7) - 1 }

// id returns doc's talent ID.
func (ix *Index) id(doc uint32) string { return ix.ids[ix.idOff[doc]:ix.idOff[doc+1]] }

// Len returns the number of talents.
func (ix *Index) Len() int { return len(ix.idOff) - 1 }

// MemoryBytes estimates the memory the index holds, in bytes.
func (ix *Index) MemoryBytes() int64 {
	n := int64(len(ix.ids)) + 4*int64(len(ix.idOff)+len(ix.region)+len(ix.slots)+len(ix.more)+len(ix.post)+len(ix.postOff)+len(ix.postSlots))
	for _, sets := range []int{len(ix.category), len(ix.avail), len(ix.forms)} {
		n += int64(sets) * 8 * int64((ix.Len()+63)/64)
	}
	return n + ix.vocab.bytes()
}

// regionCode reads a six-digit region code as a number, or 0.
func regionCode(s string) uint32 {
	if !isRegion(s) {
		return 0
	}
	var c uint32
	for i := 0; i < len(s); i++ {
		c = c*10 + uint32(s[i]-'0')
	}
	return c
}

// regionRange returns the codes [lo, hi) that begin with prefix; an empty
// prefix covers every code and an invalid one none.
func regionRange(prefix string) (lo, hi uint32) {
	if prefix == "" {
		return 0, 1_000_000
	}
	if !validPrefix(prefix) {
		return 0, 0
	}
	scale := uint32(1)
	for range 6 - len(prefix) {
		scale *= 10
	}
	var p uint32
	for i := 0; i < len(prefix); i++ {
		p = p*10 + uint32(prefix[i]-'0')
	}
	return p * scale, (p + 1) * scale
}

// docRange returns the docs [lo, hi) whose region codes are in [clo, chi).
func (ix *Index) docRange(clo, chi uint32) (lo, hi uint32) {
	l, _ := slices.BinarySearch(ix.region, clo)
	h, _ := slices.BinarySearch(ix.region, chi)
	return uint32(l), uint32(h)
}
