// Package org models the organisation tree: administrative units and party
// organisations, their kinds and sectors, and the events that change them.
// Nothing is deleted: a change is an Event kept as history, and a dissolved
// or merged organisation stays with its status and date.
package org

import (
	"context"
	"strings"
	"time"

	"zugong/internal/civil"
)

// Kind is the kind of an organisation.
type Kind string

// Administrative units.
const (
	City        Kind = "city"
	County      Kind = "county"
	Township    Kind = "township"
	Subdistrict Kind = "subdistrict"
	Village     Kind = "village"
	Community   Kind = "community"
	Office      Kind = "office"
	Institution Kind = "institution"
	StateOwned  Kind = "state_enterprise"
	Private     Kind = "private_enterprise"
	Social      Kind = "social_org"
	School      Kind = "school"
)

// Party organisations.
const (
	PartyCommittee Kind = "party_committee"
	GeneralBranch  Kind = "general_branch"
	Branch         Kind = "branch"
	JointBranch    Kind = "joint_branch"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{City, County, Township, Subdistrict, Village, Community, Office, Institution, StateOwned, Private, Social, School, PartyCommittee, GeneralBranch, Branch, JointBranch}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// PublicSector reports whether people working in an organisation of kind
// k are public employees (公职人员): the Party and state organs of the
// levels of government, their offices, and public institutions and
// schools. Villages and communities govern themselves; enterprises and
// social organisations are outside the public sector.
func (k Kind) PublicSector() bool {
	switch k {
	case City, County, Township, Subdistrict, Office, Institution, School:
		return true
	}
	return false
}

// Party reports whether k is a party organisation.
func (k Kind) Party() bool {
	return k == PartyCommittee || k == GeneralBranch || k == Branch || k == JointBranch
}

// Jurisdictional reports whether an organisation of kind k owns its records
// (is a jurisdiction): counties, and cities above them.
func (k Kind) Jurisdictional() bool { return k == County || k == City }

// allowedParents says under which kinds each kind may sit. Party
// organisations sit under the unit they are set up in or under a higher
// party organisation; administrative units follow the administrative tree.
var allowedParents = map[Kind][]Kind{
	City:           {},
	County:         {City},
	Township:       {County},
	Subdistrict:    {County},
	Village:        {Township},
	Community:      {Township, Subdistrict},
	Office:         {County, Township, Subdistrict, Office},
	Institution:    {County, Township, Subdistrict, Office},
	StateOwned:     {County, Township, Office},
	Private:        {County, Township, Subdistrict},
	Social:         {County, Township, Subdistrict, Community},
	School:         {County, Township, Office},
	PartyCommittee: {City, County, Township, Subdistrict, Office, Institution, StateOwned, Private, School, PartyCommittee},
	GeneralBranch:  {Township, Subdistrict, Village, Community, Office, Institution, StateOwned, Private, Social, School, PartyCommittee},
	Branch:         {Township, Subdistrict, Village, Community, Office, Institution, StateOwned, Private, Social, School, PartyCommittee, GeneralBranch},
	JointBranch:    {Township, Subdistrict, Village, Community, Office, Private, Social, PartyCommittee, GeneralBranch},
}

// CanSitUnder reports whether an organisation of kind k may have a parent of
// kind parent. Only a city may be a root.
func (k Kind) CanSitUnder(parent Kind) bool {
	for _, p := range allowedParents[k] {
		if p == parent {
			return true
		}
	}
	return false
}

// Sector is the survey sector of DOMAIN.md §3.
type Sector string

// The sectors.
const (
	SectorNone        Sector = ""
	SectorStateOwned  Sector = "state_enterprise"
	SectorNonPublic   Sector = "non_public"
	SectorRural       Sector = "rural"
	SectorGovernment  Sector = "government"
	SectorSchool      Sector = "school"
	SectorInstitution Sector = "institution"
	SectorCommunity   Sector = "community"
	SectorSocial      Sector = "social_org"
	SectorOther       Sector = "other"
)

// Sectors lists every sector in display order (without the empty one).
var Sectors = []Sector{SectorStateOwned, SectorNonPublic, SectorRural, SectorGovernment, SectorSchool, SectorInstitution, SectorCommunity, SectorSocial, SectorOther}

// Valid reports whether s is a known sector or empty.
func (s Sector) Valid() bool {
	if s == SectorNone {
		return true
	}
	for _, x := range Sectors {
		if x == s {
			return true
		}
	}
	return false
}

// Status is whether an organisation still exists.
type Status string

// The statuses.
const (
	Active    Status = "active"
	Dissolved Status = "dissolved"
	Merged    Status = "merged"
)

// Org is one organisation.
type Org struct {
	JurisdictionID string
	ID             string
	ParentID       string
	// PartyParentID is the higher party organisation of a party
	// organisation, when it differs from the unit it sits under.
	PartyParentID string
	// Path is the materialised path of IDs from the root, "/a/b/c/": a
	// subtree is every path with this prefix.
	Path         string
	Depth        int
	Name         string
	ShortName    string
	Kind         Kind
	Sector       Sector
	DivisionCode string
	FoundedOn    civil.Date
	DissolvedOn  civil.Date
	Status       Status
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// ChildPath returns the path of a child with id under o.
func (o *Org) ChildPath(id string) string { return o.Path + id + "/" }

// PathIDs returns the IDs along a path, root first.
func PathIDs(path string) []string {
	return strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
}

// Filter selects organisations for a listing.
type Filter struct {
	// Under restricts to the subtree of this organisation (itself included).
	Under string
	// ParentID restricts to direct children.
	ParentID string
	// Query matches name, short name or division code.
	Query  string
	Kind   Kind
	Status Status
	Sort   SortKey
	Desc   bool
	// Offset paging for screens; Cursor paging for the API. Cursor wins.
	Offset int
	Cursor string
	Limit  int
	// SkipTotal leaves Page.Total at -1: cursor clients need no count, and
	// counting a large subtree costs more than the page itself.
	SkipTotal bool
}

// SortKey is a column a listing may be sorted by.
type SortKey string

// The sort keys.
const (
	SortName     SortKey = "name"
	SortKind     SortKey = "kind"
	SortFounded  SortKey = "founded_on"
	SortDivision SortKey = "division_code"
	SortPath     SortKey = "path"
)

// Valid reports whether k is a known sort key.
func (k SortKey) Valid() bool {
	switch k {
	case SortName, SortKind, SortFounded, SortDivision, SortPath:
		return true
	}
	return false
}

// Page is one page of a listing.
type Page struct {
	Items []Org
	// Total counts all matches, for page numbers; -1 when not counted.
	Total      int
	NextCursor string
}

// MaxLimit caps a page size.
const MaxLimit = 200

// Service reads and changes the tree on behalf of the principal in ctx. Every
// method checks the principal's scope; records outside it are not found.
type Service interface {
	Get(ctx context.Context, id string) (*Org, error)
	// Ancestors returns the chain from the visible root down to the parent.
	Ancestors(ctx context.Context, id string) ([]Org, error)
	List(ctx context.Context, f Filter) (*Page, error)
	History(ctx context.Context, id string) ([]Event, error)
	// Record applies a change and keeps it as an event. For Establish the
	// new organisation is returned; otherwise the changed one.
	Record(ctx context.Context, c Change) (*Org, *Event, error)
}
