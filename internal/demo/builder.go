package demo

import (
	"math/rand/v2"
	"strconv"
	"time"

	"zugong/internal/civil"
	"zugong/internal/org"
	"zugong/internal/store"
)

// asOf is the day the generated history ends: no organisation is founded
// after it. It is fixed rather than read from the clock so that a seed gives
// the same tree on every day.
var asOf = civil.Date{Year: 2026, Month: time.November, Day: 27}

// AsOf returns the day the demo's records are generated as of.
func AsOf() civil.Date { return asOf }

// pcgStream is the second PCG word; the seed is the first.
const pcgStream = 0x7a75676f6e67 // "zugong"

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, pcgStream)) }

// builder appends organisations parents first and fills in what follows from
// the parent: ID, path, depth, jurisdiction, and the higher party
// organisation of a party organisation that sits under another.
type builder struct {
	rng  *rand.Rand
	orgs []org.Org
	// siblings holds the parent ID and name of every organisation added, so
	// that names stay unique among siblings.
	siblings map[scoped]struct{}
	// reserved holds names drawn with pick, per scope.
	reserved map[scoped]struct{}
}

// scoped is a name in a scope: a parent's ID, or a family of names such as
// a county's townships.
type scoped struct{ scope, name string }

func newBuilder(seed uint64, capacity int) *builder {
	return &builder{
		rng:      newRand(seed),
		orgs:     make([]org.Org, 0, capacity),
		siblings: make(map[scoped]struct{}, capacity),
		reserved: make(map[scoped]struct{}),
	}
}

// add appends o under the organisation at index parent (-1 for a root) and
// returns its index. A name already used by a sibling gets a number.
func (b *builder) add(parent int, o org.Org) int {
	o.ID = store.NewID()
	o.Status = org.Active
	o.Version = 1
	o.Path = "/" + o.ID + "/"
	if parent >= 0 {
		p := &b.orgs[parent]
		o.ParentID = p.ID
		o.Path = p.Path + o.ID + "/"
		o.Depth = p.Depth + 1
		o.JurisdictionID = p.JurisdictionID
		if o.Kind.Party() && p.Kind.Party() {
			o.PartyParentID = p.ID
		}
	}
	if o.Kind.Jurisdictional() {
		o.JurisdictionID = o.ID
	}
	o.Name = b.claim(b.siblings, o.ParentID, o.Name)
	b.orgs = append(b.orgs, o)
	return len(b.orgs) - 1
}

// claim registers name in scope, numbering it when it is taken.
func (b *builder) claim(set map[scoped]struct{}, scope, name string) string {
	cand := name
	for k := 2; ; k++ {
		key := scoped{scope, cand}
		if _, taken := set[key]; !taken {
			set[key] = struct{}{}
			return cand
		}
		cand = name + strconv.Itoa(k)
	}
}

// pick draws names from gen until one is free in scope, and reserves it.
func (b *builder) pick(scope string, gen func() string) string {
	for range 200 {
		name := gen()
		key := scoped{scope, name}
		if _, taken := b.reserved[key]; !taken {
			b.reserved[key] = struct{}{}
			return name
		}
	}
	return b.claim(b.reserved, scope, gen())
}

// id returns the ID of the organisation at index i, or "" for -1.
func (b *builder) id(i int) string {
	if i < 0 {
		return ""
	}
	return b.orgs[i].ID
}

func (b *builder) founded(i int) civil.Date { return b.orgs[i].FoundedOn }

// chance reports true with probability percent/100.
func (b *builder) chance(percent int) bool { return b.rng.IntN(100) < percent }

// span returns a number in [lo, hi].
func (b *builder) span(lo, hi int) int { return lo + b.rng.IntN(hi-lo+1) }

// of returns a random element of xs.
func of[T any](b *builder, xs []T) T { return xs[b.rng.IntN(len(xs))] }

// between returns a day in [lo, hi], never after asOf.
func (b *builder) between(lo, hi civil.Date) civil.Date {
	if hi.After(asOf) {
		hi = asOf
	}
	if !hi.After(lo) {
		return lo
	}
	days := int(hi.Time().Sub(lo.Time()) / (24 * time.Hour))
	return lo.AddDays(b.rng.IntN(days + 1))
}

// within returns a day in the years after the later of two dates.
func (b *builder) within(d, floor civil.Date, years int) civil.Date {
	lo := later(d, floor)
	return b.between(lo, lo.AddDays(365*years))
}

func later(a, b civil.Date) civil.Date {
	if a.Before(b) {
		return b
	}
	return a
}

func jan1(year int) civil.Date { return civil.Date{Year: year, Month: time.January, Day: 1} }

// shape is how a unit's party organisation is built (DOMAIN.md §3: a branch
// for up to 50 members, a general branch for 50–100, a committee above).
type shape int

const (
	single    shape = iota // one 党支部
	general                // a 党总支 with 2–4 branches
	committee              // a 党委 with 3–6 branches
)

// party describes the party organisation set up in a unit.
type party struct {
	shape shape
	// prefix starts every name: the unit's name, or "…机关" for an office.
	prefix string
	// labels name the branches of a committee after prefix; numbered
	// branches are used when empty.
	labels []string
	// higher is the index of the higher party organisation, or -1.
	higher int
	// floor is the earliest the party organisation may be founded, and
	// years how long after that (or after the unit) it was.
	floor civil.Date
	years int
}

// generalIf returns general with the given chance, else single.
func (b *builder) generalIf(percent int) shape {
	if b.chance(percent) {
		return general
	}
	return single
}

// setUp adds the party organisation p to the unit at index unit and returns
// the index of its top organisation. It takes the unit's sector.
func (b *builder) setUp(unit int, p party) int {
	u := b.orgs[unit]
	top := org.Org{Kind: org.Branch, Name: p.prefix + "党支部", Sector: u.Sector, PartyParentID: b.id(p.higher),
		FoundedOn: b.within(u.FoundedOn, p.floor, p.years)}
	n := 0
	switch p.shape {
	case general:
		top.Kind, top.Name, n = org.GeneralBranch, p.prefix+"党总支", b.span(2, 4)
	case committee:
		top.Kind, top.Name, n = org.PartyCommittee, p.prefix+"党委", b.span(3, 6)
	}
	i := b.add(unit, top)
	names := branchNames(p.prefix, p.labels, n)
	if p.shape == committee && len(p.labels) > 0 {
		names = branchNames(u.Name, p.labels, n)
	}
	for _, name := range names {
		b.add(i, org.Org{Kind: org.Branch, Name: name, Sector: u.Sector, FoundedOn: b.within(b.founded(i), b.founded(i), 1)})
	}
	return i
}

// branchNames names n branches: from labels when given, else numbered.
func branchNames(prefix string, labels []string, n int) []string {
	out := make([]string, 0, n)
	for i := range n {
		if len(labels) > 0 {
			if i >= len(labels) {
				break
			}
			out = append(out, prefix+labels[i])
			continue
		}
		out = append(out, prefix+"第"+numeral(i+1)+"党支部")
	}
	return out
}

// numeral writes 1–99 in Chinese numerals.
func numeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}
