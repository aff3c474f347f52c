package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/org"
)

// client calls the API of a running app as one account.
type client struct {
	t     *testing.T
	base  string
	token string
}

func newClient(t *testing.T, env *apptest.Env, role access.Role) *client {
	t.Helper()
	return &client{t: t, base: env.Server.URL, token: env.Token(t, role)}
}

// call sends a request. body is nil (none), a string (sent as JSON text), an
// io.Reader (sent chunked, with no length) or a value to encode.
func (c *client) call(method, path string, body any, header ...string) (*http.Response, []byte) {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case io.Reader:
		rd = struct{ io.Reader }{b} // hides the length: the body goes chunked
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(enc)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, out
}

// json sends a request, checks the status and decodes the response into out.
func (c *client) json(method, path string, body any, want int, out any) {
	c.t.Helper()
	resp, b := c.call(method, path, body)
	if resp.StatusCode != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, b)
	}
	if out == nil {
		return
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		c.t.Fatalf("%s %s: Content-Type %q", method, path, ct)
	}
	if err := json.Unmarshal(b, out); err != nil {
		c.t.Fatalf("%s %s: decode %s: %v", method, path, b, err)
	}
}

// apiError is the error shape.
type apiError struct {
	Error struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		Fields    map[string]string `json:"fields"`
		RequestID string            `json:"request_id"`
	} `json:"error"`
}

// fail sends a request that must fail with status and code; it returns the
// error after checking its shape.
func (c *client) fail(method, path string, body any, status int, code string, header ...string) apiError {
	c.t.Helper()
	resp, b := c.call(method, path, body, header...)
	if resp.StatusCode != status {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, status, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		c.t.Fatalf("%s %s: error Content-Type %q", method, path, ct)
	}
	var e apiError
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		c.t.Fatalf("%s %s: error body %s is not the error shape: %v", method, path, b, err)
	}
	if e.Error.Code != code {
		c.t.Fatalf("%s %s: code %q, want %q: %s", method, path, e.Error.Code, code, b)
	}
	if e.Error.Message == "" || strings.HasPrefix(e.Error.Message, "[") {
		c.t.Fatalf("%s %s: message %q is empty or a missing key", method, path, e.Error.Message)
	}
	if e.Error.RequestID == "" || e.Error.RequestID != resp.Header.Get("X-Request-Id") {
		c.t.Fatalf("%s %s: request_id %q, X-Request-Id %q", method, path, e.Error.RequestID, resp.Header.Get("X-Request-Id"))
	}
	return e
}

type orgJSON struct {
	ID        string  `json:"id"`
	ParentID  string  `json:"parent_id"`
	Name      string  `json:"name"`
	ShortName string  `json:"short_name"`
	Kind      string  `json:"kind"`
	Status    string  `json:"status"`
	FoundedOn *string `json:"founded_on"`
	CreatedAt string  `json:"created_at"`
}

type eventJSON struct {
	ID          string          `json:"id"`
	OrgID       string          `json:"org_id"`
	Kind        string          `json:"kind"`
	EffectiveOn string          `json:"effective_on"`
	DocumentNo  string          `json:"document_no"`
	Detail      json.RawMessage `json:"detail"`
	RecordedAt  string          `json:"recorded_at"`
}

type page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// walk follows next_cursor from path (which has a query) and returns every item.
func walk[T any](c *client, path string) (items []T, pages int) {
	c.t.Helper()
	cursor := ""
	for {
		p := path
		if cursor != "" {
			p += "&cursor=" + url.QueryEscape(cursor)
		}
		var pg page[T]
		c.json("GET", p, nil, http.StatusOK, &pg)
		items = append(items, pg.Items...)
		pages++
		if pg.NextCursor == "" {
			return items, pages
		}
		if pages > 1000 {
			c.t.Fatalf("%s: more than 1000 pages", path)
		}
		cursor = pg.NextCursor
	}
}

// sides returns the organiser's own township and the other one.
func sides(t *testing.T, env *apptest.Env, c *client) (mine, theirs *org.Org, village, otherVillage *org.Org) {
	t.Helper()
	var me struct {
		Roles []struct {
			Role       string `json:"role"`
			ScopeOrgID string `json:"scope_org_id"`
		} `json:"roles"`
	}
	c.json("GET", "/api/v1/me", nil, http.StatusOK, &me)
	tr := env.Tree
	for _, r := range me.Roles {
		switch {
		case r.Role == string(access.TownshipOrganiser) && r.ScopeOrgID == tr.TownA.ID:
			return tr.TownA, tr.TownB, tr.VillageA, tr.VillageB
		case r.Role == string(access.TownshipOrganiser) && r.ScopeOrgID == tr.TownB.ID:
			return tr.TownB, tr.TownA, tr.VillageB, tr.VillageA
		}
	}
	t.Fatalf("the township organiser's roles %+v cover neither test township", me.Roles)
	return nil, nil, nil, nil
}

func count(t *testing.T, env *apptest.Env, table string) int {
	t.Helper()
	var n int
	if err := env.DB.QueryRow(t.Context(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func establishBody(parent, name string, kind org.Kind) map[string]any {
	return map[string]any{"parent_id": parent, "name": name, "kind": kind, "effective_on": "2026-01-15", "document_no": "正组〔2026〕1号"}
}

// TestBadInputWritesNothing sends broken requests to the two write routes of
// the tree and checks each status and error, and that neither the tree nor
// the history changed.
func TestBadInputWritesNothing(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := newClient(t, env, access.TownshipOrganiser)
		mine, _, village, _ := sides(t, env, c)
		establish := func(name, date any, extra ...any) map[string]any {
			b := map[string]any{"parent_id": mine.ID, "name": name, "kind": "branch", "effective_on": date}
			for i := 0; i+1 < len(extra); i += 2 {
				b[extra[i].(string)] = extra[i+1]
			}
			return b
		}
		rename := func(name, date any, extra ...any) map[string]any {
			b := map[string]any{"kind": "rename", "new_name": name, "effective_on": date}
			for i := 0; i+1 < len(extra); i += 2 {
				b[extra[i].(string)] = extra[i+1]
			}
			return b
		}
		huge := strings.Repeat("名", 1<<20) // 3 MiB, over the 1 MiB default
		routes := []struct {
			label, path string
			body        func(name, date any, extra ...any) map[string]any
			nameField   string
		}{
			{"establish", "/api/v1/orgs", establish, "name"},
			{"rename", "/api/v1/orgs/" + village.ID + "/changes", rename, "new_name"},
		}
		for _, rt := range routes {
			encode := func(v any) string { b, _ := json.Marshal(v); return string(b) }
			tests := []struct {
				name        string
				body        any
				contentType string
				status      int
				code, field string
			}{
				{"malformed JSON", `{"kind":"rename","name":`, "", 400, "malformed", ""},
				{"empty body", ``, "", 400, "malformed", ""},
				{"two objects", `{} {}`, "", 400, "malformed", ""},
				{"array", `[]`, "", 400, "malformed", ""},
				{"form content type", encode(rt.body("新名称", "2026-01-15")), "application/x-www-form-urlencoded", 400, "malformed", ""},
				{"unknown field", rt.body("新名称", "2026-01-15", "colour", "red"), "", 400, "malformed", "colour"},
				{"wrong type", rt.body(12, "2026-01-15"), "", 422, "invalid", rt.nameField},
				{"wrong type date", rt.body("新名称", 20260115), "", 422, "invalid", "effective_on"},
				{"bad date", rt.body("新名称", "15/01/2026"), "", 422, "invalid", "effective_on"},
				{"domain rule", rt.body("", "2026-01-15"), "", 422, "invalid", rt.nameField},
				{"oversized", encode(rt.body(huge, "2026-01-15")), "", 413, "too_large", ""},
				{"oversized chunked", strings.NewReader(encode(rt.body(huge, "2026-01-15"))), "", 413, "too_large", ""},
			}
			orgs, events := count(t, env, "orgs"), count(t, env, "org_events")
			var history page[eventJSON]
			c.json("GET", "/api/v1/orgs/"+village.ID+"/events?limit=200", nil, http.StatusOK, &history)
			for _, tc := range tests {
				t.Run(rt.label+" "+tc.name, func(t *testing.T) {
					var header []string
					if tc.contentType != "" {
						header = []string{"Content-Type", tc.contentType}
					}
					e := c.fail("POST", rt.path, tc.body, tc.status, tc.code, header...)
					if tc.field != "" && e.Error.Fields[tc.field] == "" {
						t.Errorf("fields %v lack %q", e.Error.Fields, tc.field)
					}
					if got := count(t, env, "orgs"); got != orgs {
						t.Errorf("organisations: %d, want %d", got, orgs)
					}
					if got := count(t, env, "org_events"); got != events {
						t.Errorf("events: %d, want %d", got, events)
					}
					var after page[eventJSON]
					c.json("GET", "/api/v1/orgs/"+village.ID+"/events?limit=200", nil, http.StatusOK, &after)
					if len(after.Items) != len(history.Items) {
						t.Errorf("the village's history has %d events, want %d", len(after.Items), len(history.Items))
					}
				})
			}
		}
	})
}

// TestChangeFieldErrors: the field names of a change, parts included, reach
// the client as JSON names.
func TestChangeFieldErrors(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := newClient(t, env, access.TownshipOrganiser)
		_, _, village, _ := sides(t, env, c)
		path := "/api/v1/orgs/" + village.ID + "/changes"
		e := c.fail("POST", path, map[string]any{"kind": "split", "effective_on": "2026-01-15",
			"parts": []any{map[string]any{"name": "甲", "kind": "branch"}, map[string]any{"name": "", "kind": "nonsense"}}}, 422, "invalid")
		for _, f := range []string{"parts.1.name", "parts.1.kind"} {
			if e.Error.Fields[f] == "" {
				t.Errorf("fields %v lack %q", e.Error.Fields, f)
			}
		}
		e = c.fail("POST", path, map[string]any{"kind": "split", "effective_on": "2026-01-15",
			"parts": []any{map[string]any{"name": "甲", "kind": true}}}, 422, "invalid")
		if e.Error.Fields["parts.0.kind"] == "" {
			t.Errorf("fields %v lack parts.0.kind", e.Error.Fields)
		}
		e = c.fail("POST", path, map[string]any{"kind": "establish", "effective_on": "2026-01-15"}, 422, "invalid")
		if e.Error.Fields["kind"] == "" {
			t.Errorf("fields %v lack kind", e.Error.Fields)
		}
		e = c.fail("POST", path, map[string]any{"kind": "rename", "new_name": 5, "effective_on": "2026-01-15"}, 422, "invalid")
		if e.Error.Fields["new_name"] == "" {
			t.Errorf("fields %v lack new_name", e.Error.Fields)
		}
	})
}

// TestOrgCursorWalk pages through a subtree with small pages, in several
// orders, and checks that every organisation comes exactly once.
func TestOrgCursorWalk(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := newClient(t, env, access.TownshipOrganiser)
		mine, _, village, _ := sides(t, env, c)
		for i := range 7 {
			c.json("POST", "/api/v1/orgs", establishBody(village.ID, fmt.Sprintf("第%d党小组支部", i), org.Branch), http.StatusCreated, nil)
		}
		var want []string
		rows, err := env.DB.Query(t.Context(), "SELECT id FROM orgs WHERE path LIKE ?", mine.Path+"%")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			want = append(want, id)
		}
		rows.Close()
		slices.Sort(want)
		for _, order := range []string{"", "&sort=name", "&sort=name&desc=true", "&sort=kind", "&sort=founded_on&desc=1"} {
			t.Run("order"+order, func(t *testing.T) {
				items, pages := walk[orgJSON](c, "/api/v1/orgs?under="+mine.ID+"&limit=3"+order)
				var got []string
				for _, o := range items {
					got = append(got, o.ID)
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("walked %d organisations, want the %d of the subtree exactly once", len(got), len(want))
				}
				if wantPages := (len(want) + 2) / 3; pages != wantPages {
					t.Errorf("pages: %d, want %d", pages, wantPages)
				}
			})
		}
		var first page[orgJSON]
		c.json("GET", "/api/v1/orgs?under="+mine.ID+"&limit=3", nil, http.StatusOK, &first)
		e := c.fail("GET", "/api/v1/orgs?under="+mine.ID+"&limit=3&sort=name&cursor="+url.QueryEscape(first.NextCursor), nil, 422, "invalid")
		if e.Error.Fields["cursor"] == "" {
			t.Errorf("a cursor of another order: fields %v, want cursor", e.Error.Fields)
		}
		for _, bad := range []string{"limit=0", "limit=201", "kind=castle", "sort=height", "cursor=%21%21"} {
			e := c.fail("GET", "/api/v1/orgs?"+bad, nil, 422, "invalid")
			if name, _, _ := strings.Cut(bad, "="); e.Error.Fields[name] == "" {
				t.Errorf("?%s: fields %v", bad, e.Error.Fields)
			}
		}
	})
}

// TestTownshipScope: a township organiser can neither see nor change the
// other township, and learns nothing of it but "not found".
func TestTownshipScope(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := newClient(t, env, access.TownshipOrganiser)
		mine, theirs, _, otherVillage := sides(t, env, c)
		for _, id := range []string{theirs.ID, otherVillage.ID} {
			c.fail("GET", "/api/v1/orgs/"+id, nil, 404, "not_found")
			c.fail("GET", "/api/v1/orgs/"+id+"/ancestors", nil, 404, "not_found")
			c.fail("GET", "/api/v1/orgs/"+id+"/events", nil, 404, "not_found")
			c.fail("GET", "/api/v1/orgs?under="+id, nil, 404, "not_found")
			c.fail("GET", "/api/v1/orgs?parent="+id, nil, 404, "not_found")
			c.fail("POST", "/api/v1/orgs/"+id+"/changes", map[string]any{"kind": "rename", "new_name": "改名", "effective_on": "2026-01-15"}, 404, "not_found")
			c.fail("POST", "/api/v1/orgs/"+id+"/changes", map[string]any{"kind": "rename", "new_name": ""}, 404, "not_found")
			c.fail("POST", "/api/v1/orgs", establishBody(id, "越权支部", org.Branch), 404, "not_found")
		}
		// Reparenting my village under their township is refused without
		// revealing their township.
		var myVillage page[orgJSON]
		c.json("GET", "/api/v1/orgs?parent="+mine.ID+"&kind=village&limit=1", nil, http.StatusOK, &myVillage)
		if len(myVillage.Items) == 1 {
			c.fail("POST", "/api/v1/orgs/"+myVillage.Items[0].ID+"/changes", map[string]any{"kind": "reparent", "target_id": theirs.ID, "effective_on": "2026-01-15"}, 404, "not_found")
		}
		var name string
		if err := env.DB.QueryRow(t.Context(), "SELECT name FROM orgs WHERE id = ?", theirs.ID).Scan(&name); err != nil || name != theirs.Name {
			t.Fatalf("their township is now %q (%v), want %q", name, err, theirs.Name)
		}
		items, _ := walk[orgJSON](c, "/api/v1/orgs?limit=200")
		if len(items) == 0 {
			t.Fatal("the organiser sees nothing of their own township")
		}
		theirPath := theirs.Path
		for _, o := range items {
			var path string
			if err := env.DB.QueryRow(t.Context(), "SELECT path FROM orgs WHERE id = ?", o.ID).Scan(&path); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(path, theirPath) || !strings.HasPrefix(path, mine.Path) {
				t.Fatalf("the listing shows %s (%s) outside the organiser's township", o.Name, path)
			}
		}
		var found page[orgJSON]
		c.json("GET", "/api/v1/orgs?q="+url.QueryEscape(theirs.Name), nil, http.StatusOK, &found)
		for _, o := range found.Items {
			if o.ID == theirs.ID {
				t.Fatal("a search by name finds the other township")
			}
		}
	})
}

// TestEstablishRenameHistory establishes an organisation and renames it
// through the API, and reads both changes back from its history.
func TestEstablishRenameHistory(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := newClient(t, env, access.TownshipOrganiser)
		_, _, village, _ := sides(t, env, c)
		var created orgJSON
		resp, b := c.call("POST", "/api/v1/orgs", establishBody(village.ID, "青年党支部", org.Branch))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("establish: status %d: %s", resp.StatusCode, b)
		}
		if err := json.Unmarshal(b, &created); err != nil {
			t.Fatal(err)
		}
		if resp.Header.Get("Location") != "/api/v1/orgs/"+created.ID || created.ParentID != village.ID ||
			created.Status != "active" || created.FoundedOn == nil || *created.FoundedOn != "2026-01-15" {
			t.Fatalf("establish: got %+v, Location %q", created, resp.Header.Get("Location"))
		}
		if !strings.HasSuffix(created.CreatedAt, "Z") {
			t.Errorf("created_at %q is not RFC 3339 in UTC", created.CreatedAt)
		}
		var changed struct {
			Org   orgJSON   `json:"org"`
			Event eventJSON `json:"event"`
		}
		c.json("POST", "/api/v1/orgs/"+created.ID+"/changes", map[string]any{"kind": "rename", "new_name": "青年突击队党支部",
			"new_short_name": "青突支部", "effective_on": "2026-02-01", "document_no": "正组〔2026〕7号"}, http.StatusOK, &changed)
		if changed.Org.Name != "青年突击队党支部" || changed.Event.Kind != "rename" || changed.Event.EffectiveOn != "2026-02-01" {
			t.Fatalf("rename: got %+v", changed)
		}
		var got orgJSON
		c.json("GET", "/api/v1/orgs/"+created.ID, nil, http.StatusOK, &got)
		if got.Name != "青年突击队党支部" || got.ShortName != "青突支部" {
			t.Fatalf("after rename: %+v", got)
		}
		events, pages := walk[eventJSON](c, "/api/v1/orgs/"+created.ID+"/events?limit=1")
		if len(events) != 2 || pages != 2 {
			t.Fatalf("history: %d events in %d pages, want 2 in 2", len(events), pages)
		}
		if events[0].Kind != "rename" || events[1].Kind != "establish" || events[0].ID != changed.Event.ID {
			t.Fatalf("history: %+v, want the rename then the establishment", events)
		}
		if events[0].DocumentNo != "正组〔2026〕7号" || !json.Valid(events[0].Detail) || string(events[0].Detail) == "null" {
			t.Errorf("rename event: %+v", events[0])
		}
		var ancestors page[orgJSON]
		c.json("GET", "/api/v1/orgs/"+created.ID+"/ancestors", nil, http.StatusOK, &ancestors)
		if n := len(ancestors.Items); n == 0 || ancestors.Items[n-1].ID != village.ID || ancestors.NextCursor != "" {
			t.Errorf("ancestors: %+v, want a chain ending at the village", ancestors)
		}
	})
}

// TestUnknownIDs: ids that do not exist, and ids that are not ids, are 404
// in the error shape on every route that takes one.
func TestUnknownIDs(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		const ghost = "0190c5a0-1234-7000-8000-000000000000"
		staff := newClient(t, env, access.CountyStaff)
		for _, id := range []string{ghost, "not-an-id", "1%27%20OR%201%3D1"} {
			staff.fail("GET", "/api/v1/orgs/"+id, nil, 404, "not_found")
			staff.fail("GET", "/api/v1/orgs/"+id+"/ancestors", nil, 404, "not_found")
			staff.fail("GET", "/api/v1/orgs/"+id+"/events", nil, 404, "not_found")
			staff.fail("GET", "/api/v1/orgs?under="+url.QueryEscape(id), nil, 404, "not_found")
			staff.fail("GET", "/api/v1/orgs?parent="+url.QueryEscape(id), nil, 404, "not_found")
			staff.fail("POST", "/api/v1/orgs/"+id+"/changes", map[string]any{"kind": "dissolve", "effective_on": "2026-01-15"}, 404, "not_found")
			// Not found comes before anything the body could be blamed for.
			staff.fail("POST", "/api/v1/orgs/"+id+"/changes", map[string]any{"kind": "establish"}, 404, "not_found")
			staff.fail("POST", "/api/v1/orgs/"+id+"/changes", `{"kind":`, 404, "not_found")
			staff.fail("POST", "/api/v1/orgs", establishBody(id, "无主支部", org.Branch), 404, "not_found")
			staff.fail("GET", "/api/v1/users/"+id, nil, 404, "not_found")
			staff.fail("POST", "/api/v1/users/"+id+"/phone/reveal", nil, 404, "not_found")
		}
		sec := newClient(t, env, access.SecurityAdmin)
		sec.fail("DELETE", "/api/v1/grants/"+ghost, nil, 404, "not_found")
		sec.fail("POST", "/api/v1/users/"+ghost+"/grants", map[string]any{"role": "leader", "scope_org_id": env.Tree.County.ID}, 404, "not_found")
		staff.fail("GET", "/api/v1/no/such/thing", nil, 404, "not_found")
		e := staff.fail("GET", "/api/v1/orgs/"+ghost, nil, 404, "not_found", "Accept-Language", "en")
		if !strings.Contains(e.Error.Message, "No such record") {
			t.Errorf("English message %q", e.Error.Message)
		}
		anon := &client{t: t, base: env.Server.URL}
		anon.fail("GET", "/api/v1/orgs/"+ghost, nil, 401, "unauthorized")
		anon.fail("GET", "/api/v1/me", nil, 401, "unauthorized")
		(&client{t: t, base: env.Server.URL, token: "forged"}).fail("GET", "/api/v1/me", nil, 401, "unauthorized")
	})
}

type auditJSON struct {
	ID         string `json:"id"`
	Seq        int64  `json:"seq"`
	At         string `json:"at"`
	ActorLogin string `json:"actor_login"`
	Action     string `json:"action"`
	Outcome    string `json:"outcome"`
	Hash       string `json:"hash"`
}

// TestAuditList reads the trail as the audit administrator: pages cover
// each event once, filters apply, and others may not read it.
func TestAuditList(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		organiser := newClient(t, env, access.TownshipOrganiser)
		_, _, village, _ := sides(t, env, organiser)
		for i := range 3 {
			organiser.json("POST", "/api/v1/orgs", establishBody(village.ID, fmt.Sprintf("审计测试支部%d", i), org.Branch), http.StatusCreated, nil)
		}
		auditor := newClient(t, env, access.AuditAdmin)
		events, pages := walk[auditJSON](auditor, "/api/v1/audit?limit=5")
		if pages < 2 {
			t.Fatalf("%d events in %d pages; want several pages", len(events), pages)
		}
		seen := map[string]bool{}
		establishments := 0
		for _, e := range events {
			if seen[e.ID] {
				t.Fatalf("event %s listed twice", e.ID)
			}
			seen[e.ID] = true
			if e.Action == "org.establish" {
				establishments++
			}
			if !strings.HasSuffix(e.At, "Z") || e.Hash == "" {
				t.Fatalf("event %+v: at not UTC or no hash", e)
			}
		}
		var filtered page[auditJSON]
		auditor.json("GET", "/api/v1/audit?action=org.establish&outcome=success&limit=200", nil, http.StatusOK, &filtered)
		if len(filtered.Items) < 3 || len(filtered.Items) != establishments {
			t.Fatalf("action filter: %d events, want the %d establishments (at least 3)", len(filtered.Items), establishments)
		}
		for _, e := range filtered.Items {
			if e.Action != "org.establish" || e.Outcome != "success" {
				t.Fatalf("action filter let %+v through", e)
			}
		}
		var none page[auditJSON]
		auditor.json("GET", "/api/v1/audit?from=2000-01-01&to=2000-01-31", nil, http.StatusOK, &none)
		if len(none.Items) != 0 || none.NextCursor != "" {
			t.Errorf("a day range in 2000 shows %d events", len(none.Items))
		}
		for _, bad := range []string{"outcome=maybe", "from=yesterday", "from=2026-02-01&to=2026-01-01", "limit=500"} {
			auditor.fail("GET", "/api/v1/audit?"+bad, nil, 422, "invalid")
		}
		organiser.fail("GET", "/api/v1/audit", nil, 403, "forbidden")
	})
}

// TestMeAndAccounts covers the caller's profile and the account routes.
func TestMeAndAccounts(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		organiser := newClient(t, env, access.TownshipOrganiser)
		mine, _, _, _ := sides(t, env, organiser)
		var me struct {
			ID          string   `json:"id"`
			Login       string   `json:"login"`
			Permissions []string `json:"permissions"`
		}
		organiser.json("GET", "/api/v1/me", nil, http.StatusOK, &me)
		if me.ID == "" || me.Login == "" || !slices.Contains(me.Permissions, string(access.OrgWrite)) || slices.Contains(me.Permissions, string(access.AuditRead)) {
			t.Fatalf("me: %+v", me)
		}
		organiser.fail("GET", "/api/v1/users", nil, 403, "forbidden")

		sys := newClient(t, env, access.SystemAdmin)
		type userJSON struct {
			ID          string `json:"id"`
			Login       string `json:"login"`
			PhoneMasked string `json:"phone_masked"`
			Grants      []struct {
				ID   string `json:"id"`
				Role string `json:"role"`
			} `json:"grants"`
		}
		var created userJSON
		sys.json("POST", "/api/v1/users", map[string]any{"login": "api.newcomer", "name": "新同志", "home_org_id": mine.ID,
			"phone": "13800138000", "password": "Zg-api-test-passw0rd!"}, http.StatusCreated, &created)
		if created.ID == "" || created.Login != "api.newcomer" || strings.Contains(created.PhoneMasked, "13800138000") {
			t.Fatalf("created: %+v", created)
		}
		sys.fail("POST", "/api/v1/users", map[string]any{"login": "api.other", "password": true}, 422, "invalid")
		sys.fail("POST", "/api/v1/users", map[string]any{"login": "api.other", "role": "sysadmin"}, 400, "malformed")
		users, _ := walk[userJSON](sys, "/api/v1/users?limit=2")
		ids := map[string]bool{}
		for _, u := range users {
			if ids[u.ID] {
				t.Fatalf("user %s listed twice", u.Login)
			}
			ids[u.ID] = true
		}
		if !ids[created.ID] {
			t.Fatal("the new account is not listed")
		}
		sys.fail("GET", "/api/v1/users?role=emperor", nil, 422, "invalid")

		sec := newClient(t, env, access.SecurityAdmin)
		var grant struct {
			ID   string `json:"id"`
			Role string `json:"role"`
		}
		sec.json("POST", "/api/v1/users/"+created.ID+"/grants", map[string]any{"role": "branch_secretary", "scope_org_id": mine.ID}, http.StatusCreated, &grant)
		if grant.ID == "" || grant.Role != "branch_secretary" {
			t.Fatalf("grant: %+v", grant)
		}
		sec.fail("POST", "/api/v1/users/"+created.ID+"/grants", map[string]any{"role": "emperor", "scope_org_id": mine.ID}, 422, "invalid")
		var got userJSON
		sec.json("GET", "/api/v1/users/"+created.ID, nil, http.StatusOK, &got)
		if len(got.Grants) != 1 || got.Grants[0].ID != grant.ID {
			t.Fatalf("grants after granting: %+v", got.Grants)
		}
		resp, b := sec.call("DELETE", "/api/v1/grants/"+grant.ID, nil)
		if resp.StatusCode != http.StatusNoContent || len(b) != 0 {
			t.Fatalf("revoke: status %d, body %q", resp.StatusCode, b)
		}
		sec.fail("DELETE", "/api/v1/grants/"+grant.ID, nil, 404, "not_found")

		var phone struct {
			Phone string `json:"phone"`
		}
		organiser.json("POST", "/api/v1/users/"+created.ID+"/phone/reveal", nil, http.StatusOK, &phone)
		if phone.Phone != "13800138000" {
			t.Fatalf("revealed phone %q", phone.Phone)
		}
	})
}
