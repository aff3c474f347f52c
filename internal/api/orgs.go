package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
)

// orgJSON is an organisation as the API shows it.
type orgJSON struct {
	ID             string  `json:"id"`
	JurisdictionID string  `json:"jurisdiction_id"`
	ParentID       string  `json:"parent_id"`
	PartyParentID  string  `json:"party_parent_id"`
	Depth          int     `json:"depth"`
	Name           string  `json:"name"`
	ShortName      string  `json:"short_name"`
	Kind           string  `json:"kind"`
	Sector         string  `json:"sector"`
	DivisionCode   string  `json:"division_code"`
	FoundedOn      *string `json:"founded_on"`
	DissolvedOn    *string `json:"dissolved_on"`
	Status         string  `json:"status"`
	Version        int     `json:"version"`
	CreatedAt      string  `json:"created_at"`
	UpdatedAt      string  `json:"updated_at"`
}

func orgView(o *org.Org) orgJSON {
	return orgJSON{
		ID: o.ID, JurisdictionID: o.JurisdictionID, ParentID: o.ParentID, PartyParentID: o.PartyParentID,
		Depth: o.Depth, Name: o.Name, ShortName: o.ShortName, Kind: string(o.Kind), Sector: string(o.Sector),
		DivisionCode: o.DivisionCode, FoundedOn: date(o.FoundedOn), DissolvedOn: date(o.DissolvedOn),
		Status: string(o.Status), Version: o.Version, CreatedAt: instant(o.CreatedAt), UpdatedAt: instant(o.UpdatedAt),
	}
}

func orgViews(os []org.Org) []orgJSON {
	out := make([]orgJSON, len(os))
	for i := range os {
		out[i] = orgView(&os[i])
	}
	return out
}

// eventJSON is a recorded change of the tree.
type eventJSON struct {
	ID          string          `json:"id"`
	OrgID       string          `json:"org_id"`
	Kind        string          `json:"kind"`
	EffectiveOn *string         `json:"effective_on"`
	DocumentNo  string          `json:"document_no"`
	Note        string          `json:"note"`
	Detail      json.RawMessage `json:"detail"`
	RecordedBy  string          `json:"recorded_by"`
	RecordedAt  string          `json:"recorded_at"`
}

func eventView(e *org.Event) eventJSON {
	return eventJSON{
		ID: e.ID, OrgID: e.OrgID, Kind: string(e.Kind), EffectiveOn: date(e.EffectiveOn), DocumentNo: e.DocumentNo,
		Note: e.Note, Detail: rawDetail(e.Detail), RecordedBy: e.RecordedBy, RecordedAt: instant(e.RecordedAt),
	}
}

func validStatus(s string) bool {
	switch org.Status(s) {
	case org.Active, org.Dissolved, org.Merged:
		return true
	}
	return false
}

// listOrgs lists the organisations the caller may read, filtered and sorted,
// one keyset page at a time.
func (s *Server) listOrgs(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := org.Filter{
		Under:    p.str("under"),
		ParentID: p.str("parent"),
		Query:    p.str("q"),
		Kind:     org.Kind(p.choice("kind", func(v string) bool { return org.Kind(v).Valid() })),
		Status:   org.Status(p.choice("status", validStatus)),
		Sort:     org.SortKey(p.choice("sort", func(v string) bool { return org.SortKey(v).Valid() })),
		Desc:     p.boolean("desc"),
		Limit:    p.limit(),
		// Cursor clients need no count.
		SkipTotal: true,
	}
	listing := listingKey("orgs", f.Under, f.ParentID, f.Query, string(f.Kind), string(f.Status), string(f.Sort),
		strconv.FormatBool(f.Desc))
	f.Cursor = p.cursor(listing).After
	if err := p.err(); err != nil {
		return err
	}
	// An unknown parent is a 404, as an unknown ?under= is (the service
	// checks that one), rather than an empty page.
	if f.ParentID != "" {
		if _, err := s.orgs.Get(r.Context(), f.ParentID); err != nil {
			return err
		}
	}
	pg, err := s.orgs.List(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newPage(orgViews(pg.Items), keysetCursor(listing, pg.NextCursor)))
}

func (s *Server) getOrg(w http.ResponseWriter, r *http.Request) error {
	o, err := s.orgs.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, orgView(o))
}

// orgAncestors returns the visible chain from the root down to the parent.
// The chain is as long as the tree is deep, so it comes whole, in the
// listing envelope without a next cursor.
func (s *Server) orgAncestors(w http.ResponseWriter, r *http.Request) error {
	chain, err := s.orgs.Ancestors(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newPage(orgViews(chain), ""))
}

// orgEvents pages through an organisation's history, newest first.
func (s *Server) orgEvents(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	p := newParams(r.URL)
	limit := p.limit()
	listing := listingKey("org-events", id)
	st := p.cursor(listing)
	if err := p.err(); err != nil {
		return err
	}
	events, err := s.orgs.History(r.Context(), id)
	if err != nil {
		return err
	}
	from := min(st.Offset, len(events))
	to := min(from+limit, len(events))
	items := make([]eventJSON, 0, to-from)
	for i := from; i < to; i++ {
		items = append(items, eventView(&events[i]))
	}
	return writeJSON(w, http.StatusOK, newPage(items, offsetCursor(st, len(items), len(events))))
}

// unitRequest is an organisation to establish or to split off.
type unitRequest struct {
	Name         string `json:"name"`
	ShortName    string `json:"short_name"`
	Kind         string `json:"kind"`
	Sector       string `json:"sector"`
	DivisionCode string `json:"division_code"`
}

func (u unitRequest) unit() org.NewUnit {
	return org.NewUnit{Name: u.Name, ShortName: u.ShortName, Kind: org.Kind(u.Kind), Sector: org.Sector(u.Sector),
		DivisionCode: u.DivisionCode}
}

// establishRequest repeats unitRequest's fields rather than embedding it:
// the decoder would name a mistyped field "unitRequest.name".
type establishRequest struct {
	ParentID     string `json:"parent_id"`
	Name         string `json:"name"`
	ShortName    string `json:"short_name"`
	Kind         string `json:"kind"`
	Sector       string `json:"sector"`
	DivisionCode string `json:"division_code"`
	EffectiveOn  string `json:"effective_on"`
	DocumentNo   string `json:"document_no"`
	Note         string `json:"note"`
}

// establishOrg sets up a new organisation under parent_id.
func (s *Server) establishOrg(w http.ResponseWriter, r *http.Request) error {
	var req establishRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	var f fault.Fields
	unit := unitRequest{Name: req.Name, ShortName: req.ShortName, Kind: req.Kind, Sector: req.Sector, DivisionCode: req.DivisionCode}
	c := org.Change{Kind: org.Establish, ParentID: req.ParentID, Unit: unit.unit(),
		EffectiveOn: parseDate(&f, "effective_on", req.EffectiveOn), DocumentNo: req.DocumentNo, Note: req.Note}
	if len(f) > 0 {
		mergeFields(&f, c.Validate(civil.Today(chinaTime)))
		return f.Err()
	}
	o, _, err := s.orgs.Record(r.Context(), c)
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/orgs/"+o.ID)
	return writeJSON(w, http.StatusCreated, orgView(o))
}

type changeRequest struct {
	Kind         string            `json:"kind"`
	NewName      string            `json:"new_name"`
	NewShortName string            `json:"new_short_name"`
	TargetID     string            `json:"target_id"`
	Parts        []json.RawMessage `json:"parts"`
	KeepOriginal bool              `json:"keep_original"`
	EffectiveOn  string            `json:"effective_on"`
	DocumentNo   string            `json:"document_no"`
	Note         string            `json:"note"`
}

// changeKinds are the changes POST /orgs/{id}/changes accepts; establishing
// is POST /orgs.
var changeKinds = map[org.EventKind]bool{org.Rename: true, org.Reparent: true, org.Merge: true, org.Split: true, org.Dissolve: true}

type changeResult struct {
	Org   orgJSON   `json:"org"`
	Event eventJSON `json:"event"`
}

// changeOrg records a change of an existing organisation.
func (s *Server) changeOrg(w http.ResponseWriter, r *http.Request) error {
	// Look the organisation up first, so that an unknown or out-of-scope id
	// is a 404 whatever the body holds.
	o, err := s.orgs.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var req changeRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	c, err := req.change(o.ID)
	if err != nil {
		return err
	}
	changed, event, err := s.orgs.Record(r.Context(), c)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, changeResult{Org: orgView(changed), Event: eventView(event)})
}

// change builds the domain change, decoding each part strictly so that a
// field error names its part ("parts.1.kind").
func (req changeRequest) change(orgID string) (org.Change, error) {
	var f fault.Fields
	c := org.Change{Kind: org.EventKind(req.Kind), OrgID: orgID, TargetID: req.TargetID, NewName: req.NewName,
		NewShortName: req.NewShortName, KeepOriginal: req.KeepOriginal, DocumentNo: req.DocumentNo, Note: req.Note}
	if !changeKinds[c.Kind] {
		f.Add("kind", "field.invalid_choice")
	}
	c.EffectiveOn = parseDate(&f, "effective_on", req.EffectiveOn)
	for i, raw := range req.Parts {
		var u unitRequest
		if err := decodeValue(raw, "parts."+strconv.Itoa(i), &u); err != nil && !mergeFields(&f, err) {
			return c, err
		}
		c.Parts = append(c.Parts, u.unit())
	}
	if len(f) > 0 {
		mergeFields(&f, c.Validate(civil.Today(chinaTime)))
	}
	return c, f.Err()
}
