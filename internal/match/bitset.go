package match

// bitset is a set of document numbers, one bit each.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i uint32)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) has(i uint32) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bitset) clear(i uint32)    { b[i>>6] &^= 1 << (i & 63) }

// anyHas reports whether any of the sets holds i.
func anyHas(sets []bitset, i uint32) bool {
	for _, s := range sets {
		if s.has(i) {
			return true
		}
	}
	return false
}
