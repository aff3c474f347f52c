package web

import (
	"net/url"
	"slices"
	"strconv"
)

// listQuery is the query string of a listing page. Links to other pages,
// sort orders and page sizes keep every other parameter (the filters).
type listQuery struct {
	path string
	q    url.Values
}

func newListQuery(path string, q url.Values) listQuery {
	c := url.Values{}
	for k, v := range q {
		if k != "lang" && len(v) > 0 && v[0] != "" {
			c[k] = v
		}
	}
	return listQuery{path: path, q: c}
}

// with returns the listing's URL with the given key/value pairs set; an
// empty value removes the key.
func (l listQuery) with(kv ...string) string {
	c := url.Values{}
	for k, v := range l.q {
		c[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			c.Del(kv[i])
		} else {
			c.Set(kv[i], kv[i+1])
		}
	}
	if len(c) == 0 {
		return l.path
	}
	return l.path + "?" + c.Encode()
}

// Pager is the paging bar of a listing.
type Pager struct {
	Page, Pages, Size, Total int
	// From and To number the first and last row shown, from 1.
	From, To   int
	Links      []PageLink
	Prev, Next string
	Sizes      []SizeLink
}

// PageLink is one page number; Gap marks elided pages.
type PageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// SizeLink offers another page size.
type SizeLink struct {
	N       int
	URL     string
	Current bool
}

// pageParams reads page (from 1) and size; a size not offered falls back to
// the first one.
func pageParams(q url.Values, sizes []int) (page, size int) {
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	size, err = strconv.Atoi(q.Get("size"))
	if err != nil || !slices.Contains(sizes, size) {
		size = sizes[0]
	}
	return page, size
}

// newPager builds the paging bar for total rows. sizes may be nil when the
// size is fixed.
func newPager(l listQuery, page, size, total int, sizes []int) Pager {
	pages := max(1, (total+size-1)/size)
	p := Pager{Page: page, Pages: pages, Size: size, Total: total}
	if total > 0 && page <= pages {
		p.From = (page-1)*size + 1
		p.To = min(page*size, total)
	}
	num := func(n int) string { return l.with("page", pageValue(n)) }
	if page > 1 {
		p.Prev = num(min(page-1, pages))
	}
	if page < pages {
		p.Next = num(page + 1)
	}
	gap := false
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || (n >= page-2 && n <= page+2) {
			p.Links = append(p.Links, PageLink{N: n, URL: num(n), Current: n == page})
			gap = false
		} else if !gap {
			p.Links = append(p.Links, PageLink{Gap: true})
			gap = true
		}
	}
	if len(sizes) > 1 {
		for _, s := range sizes {
			p.Sizes = append(p.Sizes, SizeLink{N: s, URL: l.with("size", strconv.Itoa(s), "page", ""), Current: s == size})
		}
	}
	return p
}

func pageValue(n int) string {
	if n <= 1 {
		return ""
	}
	return strconv.Itoa(n)
}

// SortLink is a sortable column header: following it sorts by the column,
// or reverses the order when the column is already the sort key.
type SortLink struct {
	URL    string
	Active bool
	Desc   bool
}

// sortLinks returns the header links of keys for the current sort.
func sortLinks(l listQuery, keys []string, cur string, desc bool) map[string]SortLink {
	out := make(map[string]SortLink, len(keys))
	for _, k := range keys {
		dir := ""
		if k == cur && !desc {
			dir = "desc"
		}
		out[k] = SortLink{URL: l.with("sort", k, "dir", dir, "page", ""), Active: k == cur, Desc: k == cur && desc}
	}
	return out
}
