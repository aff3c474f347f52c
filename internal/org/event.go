package org

import (
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// EventKind is a kind of change to the tree.
type EventKind string

// The changes of DOMAIN.md: 成立, 更名, 合并, 拆分, 撤销, 隶属变更.
const (
	Establish EventKind = "establish"
	Rename    EventKind = "rename"
	Merge     EventKind = "merge"
	Split     EventKind = "split"
	Dissolve  EventKind = "dissolve"
	Reparent  EventKind = "reparent"
)

// EventKinds lists the kinds in display order.
var EventKinds = []EventKind{Establish, Rename, Merge, Split, Dissolve, Reparent}

// Valid reports whether k is a known event kind.
func (k EventKind) Valid() bool {
	for _, x := range EventKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Event is one recorded change.
type Event struct {
	JurisdictionID string
	ID             string
	OrgID          string
	Kind           EventKind
	EffectiveOn    civil.Date
	DocumentNo     string
	Note           string
	// Detail is JSON: what the change was (old and new name, old and new
	// parent, merged-into and split-off organisations).
	Detail     string
	RecordedBy string
	RecordedAt time.Time
}

// NewUnit describes an organisation to establish, or one split off.
type NewUnit struct {
	Name         string
	ShortName    string
	Kind         Kind
	Sector       Sector
	DivisionCode string
}

// Change is a request to change the tree. Which fields matter depends on Kind:
//   - Establish: ParentID and Unit. A city or county without ParentID is a
//     new root, which only the server's operator may create.
//   - Rename: OrgID, NewName, NewShortName.
//   - Merge: OrgID is absorbed into TargetID; its children move there.
//   - Split: OrgID is divided into Parts; Dissolve it too when KeepOriginal is false.
//   - Dissolve: OrgID (it must have no active children).
//   - Reparent: OrgID moves under TargetID.
type Change struct {
	Kind         EventKind
	OrgID        string
	ParentID     string
	TargetID     string
	Unit         NewUnit
	NewName      string
	NewShortName string
	Parts        []NewUnit
	KeepOriginal bool
	EffectiveOn  civil.Date
	DocumentNo   string
	Note         string
}

// Limits on free text.
const (
	MaxNameLen     = 100
	MaxShortLen    = 30
	MaxDocumentLen = 60
	MaxNoteLen     = 500
)

// divisionCode accepts GB/T 2260 county-level codes (6 digits) and the
// statistical codes below them: township 9 digits, village 12 digits.
var divisionCode = regexp.MustCompile(`^[1-8][0-9]{5}([0-9]{3}([0-9]{3})?)?$`)

// ValidDivisionCode reports whether code has the shape of a GB/T 2260 code or
// its township/village extension, with a plausible province prefix.
func ValidDivisionCode(code string) bool {
	if !divisionCode.MatchString(code) {
		return false
	}
	province := code[:2]
	return province >= "11" && province <= "82"
}

// Validate checks the input of a change on its own; the service checks what
// depends on the stored tree (parent kinds, cycles, status).
func (c Change) Validate(today civil.Date) error {
	var f fault.Fields
	if !c.Kind.Valid() {
		f.Add("kind", "field.invalid_choice")
	}
	if c.EffectiveOn.IsZero() {
		f.Add("effective_on", "field.required")
	} else if c.EffectiveOn.After(today.AddDays(366)) {
		f.Add("effective_on", "field.date_too_far")
	}
	checkLen(&f, "document_no", c.DocumentNo, MaxDocumentLen)
	checkLen(&f, "note", c.Note, MaxNoteLen)
	switch c.Kind {
	case Establish:
		if c.ParentID == "" && !c.Unit.Kind.Jurisdictional() {
			f.Add("parent_id", "field.required")
		}
		c.Unit.validate(&f, "")
	case Rename:
		requireOrg(&f, c.OrgID)
		if c.NewName == "" {
			f.Add("new_name", "field.required")
		}
		checkLen(&f, "new_name", c.NewName, MaxNameLen)
		checkLen(&f, "new_short_name", c.NewShortName, MaxShortLen)
	case Merge, Reparent:
		requireOrg(&f, c.OrgID)
		if c.TargetID == "" {
			f.Add("target_id", "field.required")
		} else if c.TargetID == c.OrgID {
			f.Add("target_id", "field.target_is_self")
		}
	case Split:
		requireOrg(&f, c.OrgID)
		if len(c.Parts) < 2 && !(c.KeepOriginal && len(c.Parts) == 1) {
			f.Add("parts", "field.split_parts")
		}
		for i, p := range c.Parts {
			p.validate(&f, partPrefix(i))
		}
	case Dissolve:
		requireOrg(&f, c.OrgID)
	}
	return f.Err()
}

func partPrefix(i int) string { return "parts." + strconv.Itoa(i) + "." }

func (u NewUnit) validate(f *fault.Fields, prefix string) {
	if u.Name == "" {
		f.Add(prefix+"name", "field.required")
	}
	checkLen(f, prefix+"name", u.Name, MaxNameLen)
	checkLen(f, prefix+"short_name", u.ShortName, MaxShortLen)
	if !u.Kind.Valid() {
		f.Add(prefix+"kind", "field.invalid_choice")
	}
	if !u.Sector.Valid() {
		f.Add(prefix+"sector", "field.invalid_choice")
	}
	if u.DivisionCode != "" && !ValidDivisionCode(u.DivisionCode) {
		f.Add(prefix+"division_code", "field.division_code")
	}
}

func requireOrg(f *fault.Fields, id string) {
	if id == "" {
		f.Add("org_id", "field.required")
	}
}

func checkLen(f *fault.Fields, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		f.Add(field, "field.too_long", max)
	}
}
