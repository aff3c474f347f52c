package api

import (
	"net/http"
	"strconv"

	"zugong/internal/person"
)

// personSummaryJSON is a person in a listing; the ID number is masked.
type personSummaryJSON struct {
	ID              string   `json:"id"`
	OrgID           string   `json:"org_id"`
	OrgName         string   `json:"org_name"`
	Name            string   `json:"name"`
	Gender          string   `json:"gender"`
	BirthDate       *string  `json:"birth_date"`
	IDNumberMasked  string   `json:"id_number_masked"`
	PoliticalStatus string   `json:"political_status"`
	Facets          []string `json:"facets"`
	CurrentPost     string   `json:"current_post"`
	Rank            string   `json:"rank"`
}

func personSummaryView(s *person.Summary) personSummaryJSON {
	facets := make([]string, len(s.Facets))
	for i, f := range s.Facets {
		facets[i] = string(f)
	}
	return personSummaryJSON{ID: s.ID, OrgID: s.OrgID, OrgName: s.OrgName, Name: s.Name, Gender: s.Gender,
		BirthDate: date(s.BirthDate), IDNumberMasked: s.IDNumberMasked, PoliticalStatus: s.PoliticalStatus,
		Facets: facets, CurrentPost: s.CurrentPost, Rank: s.Rank}
}

func validFacet(s string) bool {
	switch person.Facet(s) {
	case person.FacetPartyMember, person.FacetCadre, person.FacetTalent:
		return true
	}
	return false
}

func validPeopleSort(s string) bool { return s == "name" || s == "birth_date" || s == "org" }

// listPeople searches the registry within the caller's scope: by name, by
// pinyin initials, by a whole ID number or its last 4 or 6 characters.
func (s *Server) listPeople(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := person.Filter{
		Under: p.str("under"),
		Query: p.str("q"),
		Facet: person.Facet(p.choice("facet", validFacet)),
		Rank:  p.str("rank"),
		Level: p.str("level"),
		Sort:  p.choice("sort", validPeopleSort),
		Desc:  p.boolean("desc"),
		Limit: p.limit(),
		// A search needs no count: the next cursor comes from Page.More.
		SkipTotal: true,
	}
	f.MinAge, f.MaxAge = p.age("min_age"), p.age("max_age")
	listing := listingKey("people", f.Under, f.Query, string(f.Facet), f.Rank, f.Level, f.Sort, strconv.FormatBool(f.Desc),
		strconv.Itoa(f.MinAge), strconv.Itoa(f.MaxAge))
	st := p.cursor(listing)
	f.Offset = st.Offset
	if err := p.err(); err != nil {
		return err
	}
	pg, err := s.people.List(r.Context(), f)
	if err != nil {
		return err
	}
	items := make([]personSummaryJSON, len(pg.Items))
	for i := range pg.Items {
		items[i] = personSummaryView(&pg.Items[i])
	}
	seen := st.Offset + len(items)
	if pg.More {
		seen++
	}
	return writeJSON(w, http.StatusOK, newPage(items, offsetCursor(st, len(items), seen)))
}

// getPerson returns a whole dossier, ID and phone numbers masked.
func (s *Server) getPerson(w http.ResponseWriter, r *http.Request) error {
	d, err := s.people.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, dossierView(d))
}

// revealIDNumber unmasks a person's ID number; the service audits it.
func (s *Server) revealIDNumber(w http.ResponseWriter, r *http.Request) error {
	id, err := s.people.RevealIDNumber(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		IDNumber string `json:"id_number"`
	}{id})
}

// dossierJSON is a dossier as the API shows it: the master record and each
// facet present, in snake_case; dates as YYYY-MM-DD or null.
type dossierJSON struct {
	ID                string        `json:"id"`
	OrgID             string        `json:"org_id"`
	Name              string        `json:"name"`
	Gender            string        `json:"gender"`
	BirthDate         *string       `json:"birth_date"`
	Ethnicity         string        `json:"ethnicity"`
	NativePlace       placeJSON     `json:"native_place"`
	Birthplace        placeJSON     `json:"birthplace"`
	IDNumberMasked    string        `json:"id_number_masked"`
	Health            string        `json:"health"`
	PoliticalStatus   string        `json:"political_status"`
	PartyJoinDate     *string       `json:"party_join_date"`
	WorkStartDate     *string       `json:"work_start_date"`
	FullTime          educationJSON `json:"full_time_education"`
	InService         educationJSON `json:"in_service_education"`
	ProfessionalTitle string        `json:"professional_title"`
	Specialties       string        `json:"specialties"`
	PhoneMasked       string        `json:"phone_masked"`
	HasPhoto          bool          `json:"has_photo"`
	Version           int           `json:"version"`
	Party             *partyJSON    `json:"party_member"`
	Cadre             *cadreJSON    `json:"cadre"`
	Talent            *talentJSON   `json:"talent"`
}

type placeJSON struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

type educationJSON struct {
	Level  string `json:"level"`
	Degree string `json:"degree"`
	School string `json:"school"`
	Major  string `json:"major"`
	Text   string `json:"text"`
}

type partyJSON struct {
	BranchID         string  `json:"branch_id"`
	Category         string  `json:"category"`
	JoinDate         *string `json:"join_date"`
	FullDate         *string `json:"full_date"`
	Standing         string  `json:"standing"`
	LostContactSince *string `json:"lost_contact_since"`
	LostContactWhy   string  `json:"lost_contact_reason"`
	FloatingTo       string  `json:"floating_destination"`
}

type cadreJSON struct {
	Management  string           `json:"management_category"`
	CurrentPost string           `json:"current_post"`
	Posts       []postJSON       `json:"posts"`
	Resume      []resumeJSON     `json:"resume"`
	Assessments []assessmentJSON `json:"assessments"`
	Family      []relativeJSON   `json:"family"`
}

type postJSON struct {
	UnitName      string  `json:"unit_name"`
	Title         string  `json:"title"`
	Rank          string  `json:"rank"`
	Leading       bool    `json:"leading"`
	AppointedOn   *string `json:"appointed_on"`
	DocumentNo    string  `json:"document_no"`
	ProbationEnds *string `json:"probation_ends"`
	Confirmed     *string `json:"probation_confirmed"`
	Current       bool    `json:"current"`
}

type resumeJSON struct {
	From      *string `json:"from"`
	To        *string `json:"to"`
	Text      string  `json:"text"`
	InService bool    `json:"in_service"`
}

type assessmentJSON struct {
	Year  int    `json:"year"`
	Grade string `json:"grade"`
}

type relativeJSON struct {
	Relation        string  `json:"relation"`
	Name            string  `json:"name"`
	BirthDate       *string `json:"birth_date"`
	PoliticalStatus string  `json:"political_status"`
	WorkAndPost     string  `json:"work_and_post"`
	Deceased        bool    `json:"deceased"`
}

type talentJSON struct {
	Category     string      `json:"category"`
	Titles       []string    `json:"titles"`
	Skills       []skillJSON `json:"skills"`
	Availability string      `json:"availability"`
}

type skillJSON struct {
	Name  string `json:"name"`
	Level int    `json:"level"`
}

func educationView(e person.Education) educationJSON {
	return educationJSON{Level: e.Level, Degree: e.Degree, School: e.School, Major: e.Major, Text: e.Text}
}

func dossierView(d *person.Dossier) dossierJSON {
	p := &d.Person
	out := dossierJSON{
		ID: p.ID, OrgID: p.OrgID, Name: p.Name, Gender: p.Gender, BirthDate: date(p.BirthDate), Ethnicity: p.Ethnicity,
		NativePlace: placeJSON(p.NativePlace), Birthplace: placeJSON(p.Birthplace), IDNumberMasked: p.IDNumber,
		Health: p.Health, PoliticalStatus: p.PoliticalStatus, PartyJoinDate: date(p.PartyJoinDate),
		WorkStartDate: date(p.WorkStartDate), FullTime: educationView(p.FullTime), InService: educationView(p.InService),
		ProfessionalTitle: p.ProfessionalTitle, Specialties: p.Specialties, PhoneMasked: p.Phone,
		HasPhoto: len(d.Photo) > 0, Version: p.Version,
	}
	if m := d.Party; m != nil {
		pj := &partyJSON{BranchID: m.BranchID, Category: string(m.Category), JoinDate: date(m.JoinDate),
			FullDate: date(m.FullDate), Standing: string(m.Standing)}
		if m.LostContact != nil {
			pj.LostContactSince, pj.LostContactWhy = date(m.LostContact.Since), string(m.LostContact.Reason)
		}
		if m.Floating != nil {
			pj.FloatingTo = m.Floating.Destination
		}
		out.Party = pj
	}
	if c := d.Cadre; c != nil {
		cj := &cadreJSON{Management: string(c.Management), CurrentPost: c.CurrentPostText}
		for _, po := range c.Posts {
			cj.Posts = append(cj.Posts, postJSON{UnitName: po.UnitName, Title: po.Title, Rank: po.Rank, Leading: po.Leading,
				AppointedOn: date(po.Appointed.Date), DocumentNo: po.Appointed.DocumentNo, ProbationEnds: date(po.ProbationEnds()),
				Confirmed: date(po.ProbationConfirmed), Current: po.Current})
		}
		for _, l := range c.Resume {
			cj.Resume = append(cj.Resume, resumeJSON{From: date(l.From), To: date(l.To), Text: l.Text, InService: l.InService})
		}
		for _, a := range c.Assessments {
			cj.Assessments = append(cj.Assessments, assessmentJSON{Year: a.Year, Grade: string(a.Grade)})
		}
		for _, rel := range c.Family {
			cj.Family = append(cj.Family, relativeJSON{Relation: rel.Relation, Name: rel.Name, BirthDate: date(rel.BirthDate),
				PoliticalStatus: rel.PoliticalStatus, WorkAndPost: rel.WorkAndPost, Deceased: rel.Deceased})
		}
		out.Cadre = cj
	}
	if t := d.Talent; t != nil {
		tj := &talentJSON{Category: string(t.Category), Titles: t.Titles, Availability: string(t.Availability)}
		for _, sk := range t.Skills {
			tj.Skills = append(tj.Skills, skillJSON(sk))
		}
		out.Talent = tj
	}
	return out
}

// age reads a non-negative age parameter; 0 means none.
func (p *params) age(name string) int {
	v := p.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 150 {
		p.fields.Add(name, "field.invalid_choice")
		return 0
	}
	return n
}
