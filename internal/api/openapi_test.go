package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/org"
)

type openAPIDoc struct {
	Servers []struct {
		URL string `json:"url"`
	} `json:"servers"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Enum []string `json:"enum"`
		} `json:"schemas"`
	} `json:"components"`
}

type openAPIOperation struct {
	Permission string             `json:"x-permission"`
	Security   *[]json.RawMessage `json:"security"`
}

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != Prefix {
		t.Fatalf("openapi.json servers = %+v, want one server at %s", doc.Servers, Prefix)
	}
	return doc
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// routeKey is "METHOD /path" with every path parameter written {}.
func routeKey(method, path string) string {
	return strings.ToUpper(method) + " " + pathParam.ReplaceAllString(path, "{}")
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// TestOpenAPIMatchesRoutes keeps the hand-written document and the route
// table equal: the same (method, path) pairs, each with the permission the
// route declares, and security waived exactly on public routes.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	documented := map[string]openAPIOperation{}
	for path, item := range doc.Paths {
		for method, raw := range item {
			if !slices.Contains(httpMethods, method) {
				continue
			}
			var op openAPIOperation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			documented[routeKey(method, Prefix+path)] = op
		}
	}
	registered := map[string]access.Permission{}
	for _, rt := range newUnitServer(t).Router().Routes() {
		if rt.Path == fallbackPath {
			continue
		}
		registered[routeKey(rt.Method, rt.Path)] = rt.Permission
	}
	if len(registered) == 0 {
		t.Fatal("the router has no routes")
	}
	for key, perm := range registered {
		op, ok := documented[key]
		if !ok {
			t.Errorf("route %s is not in openapi.json", key)
			continue
		}
		if op.Permission != string(perm) {
			t.Errorf("%s: openapi.json x-permission %q, route declares %q", key, op.Permission, perm)
		}
		public := op.Security != nil && len(*op.Security) == 0
		if public != (perm == access.Public) {
			t.Errorf("%s: openapi.json waives security: %v, route permission %q", key, public, perm)
		}
	}
	for key := range documented {
		if _, ok := registered[key]; !ok {
			t.Errorf("openapi.json documents %s, which no route serves", key)
		}
	}
}

// TestOpenAPIReferencesResolve fails on a $ref to a component that does not exist.
func TestOpenAPIReferencesResolve(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if !resolves(doc, ref) {
					t.Errorf("unresolved $ref %q", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
}

func resolves(doc map[string]any, ref string) bool {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return false
	}
	var cur any = doc
	for _, part := range strings.Split(path, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[part]; !ok {
			return false
		}
	}
	return true
}

// TestOpenAPIEnumsMatchDomain keeps the documented enumerations equal to the
// domain's lists.
func TestOpenAPIEnumsMatchDomain(t *testing.T) {
	doc := loadOpenAPI(t)
	want := map[string][]string{
		"OrgKind":    strs(org.Kinds),
		"Sector":     append([]string{""}, strs(org.Sectors)...),
		"EventKind":  strs(org.EventKinds),
		"OrgStatus":  {string(org.Active), string(org.Dissolved), string(org.Merged)},
		"Role":       strs(access.Roles),
		"Permission": strs(access.Permissions),
	}
	for name, w := range want {
		got := doc.Components.Schemas[name].Enum
		sort.Strings(got)
		sort.Strings(w)
		if !slices.Equal(got, w) {
			t.Errorf("schema %s enum = %q, want %q", name, got, w)
		}
	}
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func TestOpenAPIServed(t *testing.T) {
	rec := httptest.NewRecorder()
	newUnitServer(t).Handler().ServeHTTP(rec, httptest.NewRequest("GET", Prefix+"/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET openapi.json: status %d, want 200", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Errorf("served document: openapi %q, err %v", doc.OpenAPI, err)
	}
}
