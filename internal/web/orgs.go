package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"zugong/internal/access"
	"zugong/internal/org"
)

// orgStatuses lists the statuses an organisation may have, for filters.
var orgStatuses = []org.Status{org.Active, org.Dissolved, org.Merged}

// orgSizes are the page sizes of organisation listings.
var orgSizes = []int{20, 50, 100}

var orgSortKeys = []string{string(org.SortName), string(org.SortKind), string(org.SortDivision), string(org.SortFounded), string(org.SortPath)}

// OrgsView lists the organisations the principal may see.
type OrgsView struct {
	Page
	Filter   Form
	Rows     []OrgRow
	Pager    Pager
	Sort     map[string]SortLink
	Kinds    []org.Kind
	Statuses []org.Status
	// Tree: the rows are in tree order, names indented by level.
	Tree bool
}

// OrgRow is one organisation of a listing.
type OrgRow struct {
	org.Org
	Indent int
}

func (s *Server) orgList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, size := pageParams(q, orgSizes)
	f := org.Filter{Query: q.Get("q"), Sort: org.SortKey(q.Get("sort")), Desc: q.Get("dir") == "desc",
		Offset: (page - 1) * size, Limit: size}
	if k := org.Kind(q.Get("kind")); k.Valid() {
		f.Kind = k
	}
	for _, st := range orgStatuses {
		if string(st) == q.Get("status") {
			f.Status = st
		}
	}
	if !f.Sort.Valid() {
		f.Sort, f.Desc = org.SortPath, false
	}
	res, err := s.orgs.List(r.Context(), f)
	if err != nil {
		return err
	}
	lq := newListQuery("/orgs", q)
	v := &OrgsView{Page: s.page(w, r, "page.orgs"), Filter: formOf(q), Pager: newPager(lq, page, size, res.Total, orgSizes),
		Sort: sortLinks(lq, orgSortKeys, string(f.Sort), f.Desc), Kinds: org.Kinds, Statuses: orgStatuses,
		Tree: f.Sort == org.SortPath && !f.Desc}
	top := topDepth(access.From(r.Context()))
	for _, o := range res.Items {
		row := OrgRow{Org: o}
		if v.Tree {
			row.Indent = min(max(o.Depth-top, 0), 8)
		}
		v.Rows = append(v.Rows, row)
	}
	return s.render(w, http.StatusOK, pageOrgs, v)
}

// topDepth is the depth of the highest organisation p may read, so that a
// township organiser's tree starts at the left margin too.
func topDepth(p *access.Principal) int {
	top := -1
	for _, sc := range p.Scopes(access.OrgRead) {
		d := len(org.PathIDs(sc)) - 1
		if top < 0 || d < top {
			top = d
		}
	}
	return max(top, 0)
}

// OrgView shows one organisation: where it sits, what it is, what is under
// it and what happened to it.
type OrgView struct {
	Page
	Org        *org.Org
	Ancestors  []org.Org
	Children   []org.Org
	ChildPager Pager
	History    []HistoryRow
	// CanWrite: the principal may record changes of this organisation.
	CanWrite bool
}

// HistoryRow is one event with what its detail says, in words.
type HistoryRow struct {
	org.Event
	Details []DetailItem
}

// DetailItem is one fact of an event's detail. Enum names the closed set
// Value belongs to, when it is a code; URL links to an organisation.
type DetailItem struct {
	Label string
	Value string
	Enum  string
	URL   string
}

func (s *Server) orgDetail(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id := r.PathValue("id")
	o, err := s.orgs.Get(ctx, id)
	if err != nil {
		return err
	}
	anc, err := s.orgs.Ancestors(ctx, id)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	page, size := pageParams(q, orgSizes)
	children, err := s.orgs.List(ctx, org.Filter{ParentID: o.ID, Sort: org.SortName, Offset: (page - 1) * size, Limit: size})
	if err != nil {
		return err
	}
	events, err := s.orgs.History(ctx, id)
	if err != nil {
		return err
	}
	p := s.page(w, r, "page.org")
	p.Subject = o.Name
	v := &OrgView{Page: p, Org: o, Ancestors: anc, Children: children.Items,
		ChildPager: newPager(newListQuery("/orgs/"+o.ID, q), page, size, children.Total, orgSizes),
		CanWrite:   access.Check(access.From(ctx), access.OrgWrite, o.Path) == nil}
	names := map[string]string{}
	for _, e := range events {
		v.History = append(v.History, HistoryRow{Event: e, Details: s.details(r, e.Detail, names)})
	}
	return s.render(w, http.StatusOK, pageOrg, v)
}

// detailFields are the facts of an event's detail shown in the history, in
// order, with whether the value names organisations.
var detailFields = []struct {
	key  string
	kind string // "", "org", "enum:<set>"
}{
	{"old_name", ""}, {"new_name", ""}, {"old_short_name", ""}, {"new_short_name", ""},
	{"name", ""}, {"kind", "enum:kind"},
	{"parent_id", "org"}, {"old_parent_id", "org"}, {"new_parent_id", "org"},
	{"merged_into", "org"}, {"merged_from", "org"}, {"split_from", "org"},
	{"parts", "org"}, {"moved_children", "org"}, {"kept_original", "enum:bool"},
}

// maxDetailOrgs caps how many organisations of one event are named.
const maxDetailOrgs = 20

// details turns an event's JSON detail into labelled facts. Organisations
// are named when the principal may see them; names caches lookups.
func (s *Server) details(r *http.Request, raw string, names map[string]string) []DetailItem {
	var m map[string]any
	if raw == "" || json.Unmarshal([]byte(raw), &m) != nil {
		return nil
	}
	var out []DetailItem
	for _, f := range detailFields {
		val, ok := m[f.key]
		if !ok {
			continue
		}
		label := "history." + f.key
		switch {
		case f.kind == "org":
			ids := idsOf(val)
			for i, id := range ids {
				if i == maxDetailOrgs {
					break
				}
				out = append(out, s.orgItem(r, label, id, names))
			}
		case len(f.kind) > 5 && f.kind[:5] == "enum:":
			out = append(out, DetailItem{Label: label, Value: fmt.Sprint(val), Enum: f.kind[5:]})
		default:
			if sv := fmt.Sprint(val); sv != "" {
				out = append(out, DetailItem{Label: label, Value: sv})
			}
		}
	}
	return out
}

func idsOf(v any) []string {
	switch x := v.(type) {
	case string:
		if x != "" {
			return []string{x}
		}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func (s *Server) orgItem(r *http.Request, label, id string, names map[string]string) DetailItem {
	name, ok := names[id]
	if !ok {
		if o, err := s.orgs.Get(r.Context(), id); err == nil {
			name = o.Name
		}
		names[id] = name
	}
	if name == "" {
		return DetailItem{Label: label, Value: id}
	}
	return DetailItem{Label: label, Value: name, URL: "/orgs/" + url.PathEscape(id)}
}
