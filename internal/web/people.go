package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"zugong/internal/civil"
	"zugong/internal/codes"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
)

// The pages of the people registry.
const (
	pagePeople = "people"
	pagePerson = "person"
)

// peopleSizes are the page sizes of the people listing.
var peopleSizes = []int{20, 50, 100}

// peopleSortKeys are the columns the listing sorts by (person.Filter.Sort).
var peopleSortKeys = []string{"name", "birth_date", "org"}

// maxAge bounds the age filter: anything above is a typing slip.
const maxAge = 150

// facetKeys names each facet; the listing offers them in this order.
var facetKeys = map[person.Facet]string{
	person.FacetPartyMember: "people.facet.party_member",
	person.FacetCadre:       "people.facet.cadre",
	person.FacetTalent:      "people.facet.talent",
}

var peopleFacets = []person.Facet{person.FacetPartyMember, person.FacetCadre, person.FacetTalent}

// Choice is one option of a select: its value, and the catalog key or the
// words that label it. Sub marks an option detailing the one before.
type Choice struct {
	Value string
	Key   string
	Text  string
	Sub   bool
}

// PeopleView is the search and listing of the people registry.
type PeopleView struct {
	Page
	Filter Form
	Rows   []PersonRow
	Pager  Pager
	Sort   map[string]SortLink
	Facets []Choice
	// Levels are the education levels (GB/T 4658): each stage, then the
	// levels of that stage.
	Levels []Choice
	// Under is the organisation whose subtree the listing is limited to;
	// UnderClear is the listing without that limit.
	Under      *org.Org
	UnderClear string
	// PrintMax is how many forms one batch prints.
	PrintMax int
}

// PersonRow is one person of the listing, codes in words.
type PersonRow struct {
	person.Summary
	GenderText    string
	PoliticalText string
	Age           int
	FacetKeys     []string
}

// peopleFilter reads the search form of the listing. Problems go into the
// returned form, beside their fields.
func peopleFilter(q url.Values, today civil.Date) (person.Filter, Form) {
	f := formOf(q)
	pf := person.Filter{Query: f.Get("q"), Under: f.Get("under"), Rank: f.Get("rank"), Level: f.Get("level"),
		Sort: f.Get("sort"), Desc: f.Get("dir") == "desc", AgeOn: today}
	if fc := person.Facet(f.Get("facet")); fc != "" {
		if _, ok := facetKeys[fc]; ok {
			pf.Facet = fc
		} else {
			f.Add("facet", "field.invalid_choice")
		}
	}
	age := func(field string) int {
		v := f.Get(field)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxAge {
			f.Add(field, "people.field.age", maxAge)
			return 0
		}
		return n
	}
	pf.MinAge, pf.MaxAge = age("age_from"), age("age_to")
	if pf.MinAge > 0 && pf.MaxAge > 0 && pf.MinAge > pf.MaxAge {
		f.Add("age_to", "people.field.age_range")
	}
	if !slices.Contains(peopleSortKeys, pf.Sort) {
		pf.Sort, pf.Desc = "name", false
	}
	return pf, f
}

func (s *Server) peopleList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, size := pageParams(q, peopleSizes)
	pf, f := peopleFilter(q, civil.Today(shanghai))
	lq := newListQuery("/people", q)
	v := &PeopleView{Page: s.page(w, r, "people.title"), Filter: f, Sort: sortLinks(lq, peopleSortKeys, pf.Sort, pf.Desc),
		PrintMax: maxPrintBatch}
	for _, fc := range peopleFacets {
		v.Facets = append(v.Facets, Choice{Value: string(fc), Key: facetKeys[fc]})
	}
	for _, e := range codes.MustGet(codes.EducationLevel).Entries() {
		v.Levels = append(v.Levels, Choice{Value: e.Code, Text: e.Label(v.Locale), Sub: e.Parent != ""})
	}
	if pf.Under != "" {
		o, err := s.orgs.Get(ctx, pf.Under)
		switch {
		case err == nil:
			v.Under, v.UnderClear = o, lq.with("under", "", "page", "")
		case fault.CodeOf(err) == fault.NotFound:
			f.Add("under", "error.not_found")
		default:
			return err
		}
	}
	v.Filter = f
	if !f.OK() {
		v.Pager = newPager(lq, 1, size, 0, nil)
		return s.render(w, http.StatusUnprocessableEntity, pagePeople, v)
	}
	pf.Offset, pf.Limit = (page-1)*size, size
	res, err := s.people.List(ctx, pf)
	if err != nil {
		return err
	}
	v.Pager = newPager(lq, page, size, res.Total, peopleSizes)
	for _, p := range res.Items {
		row := PersonRow{Summary: p, GenderText: codeLabel(codes.Gender, p.Gender, v.Locale),
			PoliticalText: codeLabel(codes.PoliticalStatus, p.PoliticalStatus, v.Locale), Age: age(p.BirthDate, pf.AgeOn)}
		for _, fc := range p.Facets {
			if k, ok := facetKeys[fc]; ok {
				row.FacetKeys = append(row.FacetKeys, k)
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return s.render(w, http.StatusOK, pagePeople, v)
}

// age is the age in whole years on day of someone born on birth, 0 when
// the birth date is unknown.
func age(birth, day civil.Date) int {
	p := person.Person{BirthDate: birth}
	return max(p.Age(day), 0)
}
