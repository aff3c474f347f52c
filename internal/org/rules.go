package org

import (
	"zugong/internal/civil"
	"zugong/internal/fault"
)

// The rules that depend on the stored tree. The store loads the records a
// change touches and asks these functions before it writes anything.

// CheckPlacement reports whether a unit of kind k may be placed under parent.
func CheckPlacement(k Kind, parent *Org) error {
	if parent.Status != Active {
		return fault.New(fault.Conflict, "error.org.parent_inactive")
	}
	if !k.CanSitUnder(parent.Kind) {
		return fault.New(fault.Invalid, "error.org.kind_placement")
	}
	return nil
}

// CheckMove reports whether o may move under target: both active, target
// outside o's own subtree, in the same jurisdiction (moving a record to
// another county is a transfer, not an update), and kinds compatible.
func CheckMove(o, target *Org) error {
	if o.Status != Active {
		return fault.New(fault.Conflict, "error.org.inactive")
	}
	if len(target.Path) >= len(o.Path) && target.Path[:len(o.Path)] == o.Path {
		return fault.New(fault.Invalid, "error.org.move_into_self")
	}
	if o.JurisdictionID != target.JurisdictionID || o.Kind.Jurisdictional() {
		return fault.New(fault.Conflict, "error.org.cross_jurisdiction")
	}
	return CheckPlacement(o.Kind, target)
}

// CheckMerge reports whether o may be absorbed into target: same family of
// kinds (party into party, unit into unit), and each of o's active children
// must be able to sit under target.
func CheckMerge(o, target *Org, children []Org) error {
	if o.Status != Active || target.Status != Active {
		return fault.New(fault.Conflict, "error.org.inactive")
	}
	if o.Kind.Party() != target.Kind.Party() {
		return fault.New(fault.Invalid, "error.org.merge_family")
	}
	if len(target.Path) >= len(o.Path) && target.Path[:len(o.Path)] == o.Path {
		return fault.New(fault.Invalid, "error.org.move_into_self")
	}
	if o.JurisdictionID != target.JurisdictionID || o.Kind.Jurisdictional() {
		return fault.New(fault.Conflict, "error.org.cross_jurisdiction")
	}
	for _, c := range children {
		if !c.Kind.CanSitUnder(target.Kind) {
			return fault.New(fault.Invalid, "error.org.kind_placement")
		}
	}
	return nil
}

// CheckDissolve reports whether o may be dissolved: it must be active and
// have no active children left (move or dissolve them first).
func CheckDissolve(o *Org, activeChildren int) error {
	if o.Status != Active {
		return fault.New(fault.Conflict, "error.org.inactive")
	}
	if activeChildren > 0 {
		return fault.New(fault.Conflict, "error.org.has_children")
	}
	if o.ParentID == "" {
		return fault.New(fault.Conflict, "error.org.root")
	}
	return nil
}

// CheckEffective reports whether a change effective on day may apply to o:
// not before the organisation was founded.
func CheckEffective(o *Org, day civil.Date) error {
	if !o.FoundedOn.IsZero() && day.Before(o.FoundedOn) {
		var f fault.Fields
		f.Add("effective_on", "field.before_founding")
		return f.Err()
	}
	return nil
}
