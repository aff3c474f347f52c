// Package person models the people registry: the master record every person
// has (the A01 set of the national cadre information structure) and the
// facets a person may carry — party member, cadre, talent — with the rules
// that keep them consistent. The storage, the LRMX/LRM and Excel formats and
// the screens all read and write these types.
package person

import (
	"context"
	"time"

	"zugong/internal/civil"
)

// Person is the master record (A01). Codes follow the national standards:
// gender GB/T 2261.1, ethnicity GB 3304, health GB/T 2261.3, political status
// GB 4762, places GB/T 2260. Code values are looked up in package codes.
type Person struct {
	JurisdictionID string
	ID             string
	// OrgID is the organisation the person belongs to: the unit they work
	// in, or for a party member without a unit, their branch.
	OrgID string
	Name  string
	// Gender is "1" (male) or "2" (female).
	Gender    string
	BirthDate civil.Date
	// Ethnicity is the two-digit GB 3304 code ("01" 汉族 … "56" 基诺族).
	Ethnicity string
	// NativePlace (籍贯) and Birthplace (出生地) are GB/T 2260 codes where
	// known, with the text as written on forms ("河南正阳").
	NativePlace     Place
	Birthplace      Place
	IDNumber        string
	Health          string
	PoliticalStatus string
	// PartyJoinDate is the date of joining the party as the dossier states
	// it; the party facet holds the authoritative dates.
	PartyJoinDate     civil.Date
	WorkStartDate     civil.Date
	FullTime          Education
	InService         Education
	ProfessionalTitle string
	Specialties       string
	Phone             string
	Address           string
	Version           int
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Place is a place by GB/T 2260 code and by the words used on forms.
type Place struct {
	Code string
	Text string
}

// Education is one education line of a kind (full-time or in-service).
type Education struct {
	// Level is the 学历 code (GB/T 4658: "11" 研究生 … "61" 初中); Degree the
	// 学位 code (GB/T 6864).
	Level  string
	Degree string
	School string
	Major  string
	// Text is the form's wording ("大学本科（工学学士）") when the codes do
	// not capture it.
	Text string
}

// Facet names a role a person plays in the registry.
type Facet string

// The facets.
const (
	FacetPartyMember Facet = "party_member"
	FacetCadre       Facet = "cadre"
	FacetTalent      Facet = "talent"
)

// Dossier is a person with every facet, as forms and files carry it.
type Dossier struct {
	Person Person
	Party  *PartyMember
	Cadre  *Cadre
	Talent *Talent
	// Photo is the portrait (JPEG), about 376×460.
	Photo []byte
	// Extras holds what an imported LRMX file carried that zugong does not
	// model (unknown elements, byte-order mark, line breaks), so that export
	// gives back what was imported. Its format belongs to package lrmx.
	Extras string
}

// Age returns the person's age in whole years on day.
func (p *Person) Age(day civil.Date) int {
	if p.BirthDate.IsZero() {
		return 0
	}
	age := day.Year - p.BirthDate.Year
	if day.Month < p.BirthDate.Month || day.Month == p.BirthDate.Month && day.Day < p.BirthDate.Day {
		age--
	}
	return age
}

// Filter selects people for a listing or search.
type Filter struct {
	// Under restricts to the subtree of this organisation.
	Under string
	// Query matches a name, its pinyin initials (简拼, e.g. "zs" for 张三),
	// a whole ID number, or the last 4–6 characters of one.
	Query  string
	Facet  Facet
	MinAge int
	MaxAge int
	Rank   string
	Level  string
	Sort   string // "name", "birth_date", "org"
	Desc   bool
	Offset int
	Limit  int
	// AgeOn is the day ages are counted on (today when zero).
	AgeOn civil.Date
	// SkipTotal leaves Page.Total at -1 and sets Page.More instead: a
	// search needs no count, and counting a broad match costs more than the
	// page itself.
	SkipTotal bool
}

// Summary is a person in a listing: no sensitive field in clear.
type Summary struct {
	JurisdictionID  string
	ID              string
	OrgID           string
	OrgName         string
	Name            string
	Gender          string
	BirthDate       civil.Date
	IDNumberMasked  string
	PoliticalStatus string
	Facets          []Facet
	CurrentPost     string
	Rank            string
}

// Page is one page of people.
type Page struct {
	Items []Summary
	// Total counts every match, or is -1 with Filter.SkipTotal.
	Total int
	// More reports that matches follow this page.
	More bool
}

// Service reads and changes the registry on behalf of the principal in
// ctx; every record is checked against the principal's scope.
type Service interface {
	Get(ctx context.Context, id string) (*Dossier, error)
	List(ctx context.Context, f Filter) (*Page, error)
	// Save creates or updates a dossier, validated as a whole.
	Save(ctx context.Context, d *Dossier) (*Dossier, error)
	// Import saves many dossiers in one transaction: all or nothing. A
	// dossier whose ID number is already registered in the jurisdiction
	// updates that person instead of adding another.
	Import(ctx context.Context, orgID string, ds []Dossier) (*ImportResult, error)
	// RevealIDNumber returns the unmasked ID number; the reveal is audited.
	RevealIDNumber(ctx context.Context, id string) (string, error)
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created   int
	Updated   int
	Unchanged int
}
