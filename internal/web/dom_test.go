package web

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// A small HTML reader for tests: encoding/xml in its lenient mode (HTML
// void elements closed, HTML entities known, attributes without values
// allowed) builds a tree, and Find matches simple CSS selectors against it.
// The pages zugong renders are regular enough for this; no module is added.

type Node struct {
	tag      string
	attrs    map[string]string
	children []*Node
	parent   *Node
	text     strings.Builder
}

// ParseHTML parses a page or fails the test.
func ParseHTML(t testing.TB, src string) *Node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(src))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &Node{tag: "#root", attrs: map[string]string{}}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parse HTML: %v\n%s", err, src)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &Node{tag: strings.ToLower(tk.Name.Local), attrs: map[string]string{}, parent: cur}
			for _, a := range tk.Attr {
				name := strings.ToLower(a.Name.Local)
				if a.Name.Space != "" {
					name = strings.ToLower(a.Name.Space) + ":" + name
				}
				n.attrs[name] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			for n := cur; n != nil && n != root; n = n.parent {
				if n.tag == strings.ToLower(tk.Name.Local) {
					cur = n.parent
					break
				}
			}
		case xml.CharData:
			for n := cur; n != nil; n = n.parent {
				n.text.Write(tk)
			}
		}
	}
	return root
}

// Text returns the element's text, spaces collapsed.
func (n *Node) Text() string { return strings.Join(strings.Fields(n.text.String()), " ") }

// Attr returns an attribute's value.
func (n *Node) Attr(name string) string { return n.attrs[name] }

// HasAttr reports whether the attribute is present.
func (n *Node) HasAttr(name string) bool { _, ok := n.attrs[name]; return ok }

// simple is one compound selector: tag, #id, .class and attribute tests.
type simple struct {
	tag     string
	id      string
	classes []string
	attrs   []attrSel
}

// attrSel is [name], [name=v], [name*=v], [name^=v], [name$=v] or [name~=v].
type attrSel struct{ name, op, val string }

func (a attrSel) match(n *Node) bool {
	v, ok := n.attrs[a.name]
	switch {
	case !ok:
		return false
	case a.op == "":
		return true
	case a.op == "*=":
		return strings.Contains(v, a.val)
	case a.op == "^=":
		return strings.HasPrefix(v, a.val)
	case a.op == "$=":
		return strings.HasSuffix(v, a.val)
	case a.op == "~=":
		for _, f := range strings.Fields(v) {
			if f == a.val {
				return true
			}
		}
		return false
	}
	return v == a.val
}

func parseSimple(s string) simple {
	var sel simple
	for len(s) > 0 {
		switch s[0] {
		case '#', '.':
			end := strings.IndexAny(s[1:], "#.[")
			if end < 0 {
				end = len(s) - 1
			}
			if s[0] == '#' {
				sel.id = s[1 : end+1]
			} else {
				sel.classes = append(sel.classes, s[1:end+1])
			}
			s = s[end+1:]
		case '[':
			end := strings.IndexByte(s, ']')
			body := s[1:end]
			name, val, ok := strings.Cut(body, "=")
			op := "="
			if !ok {
				op = ""
			} else if n := len(name); n > 0 && strings.ContainsRune("*^$~", rune(name[n-1])) {
				name, op = name[:n-1], name[n-1:]+"="
			}
			sel.attrs = append(sel.attrs, attrSel{name: name, op: op, val: strings.Trim(val, `"'`)})
			s = s[end+1:]
		default:
			end := strings.IndexAny(s, "#.[")
			if end < 0 {
				end = len(s)
			}
			sel.tag = s[:end]
			s = s[end:]
		}
	}
	return sel
}

func (sel simple) match(n *Node) bool {
	if sel.tag != "" && sel.tag != "*" && n.tag != sel.tag {
		return false
	}
	if sel.id != "" && n.attrs["id"] != sel.id {
		return false
	}
	classes := strings.Fields(n.attrs["class"])
	for _, c := range sel.classes {
		found := false
		for _, have := range classes {
			found = found || have == c
		}
		if !found {
			return false
		}
	}
	for _, a := range sel.attrs {
		if !a.match(n) {
			return false
		}
	}
	return true
}

// Find returns every element matching a selector of compound selectors
// separated by spaces (descendant combinator), in document order.
func (n *Node) Find(selector string) []*Node {
	parts := strings.Fields(selector)
	sels := make([]simple, len(parts))
	for i, p := range parts {
		sels[i] = parseSimple(p)
	}
	var out []*Node
	var walk func(*Node)
	walk = func(x *Node) {
		for _, c := range x.children {
			if matchChain(c, sels) {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// matchChain reports whether x matches the last selector and its ancestors
// match the ones before it, in order.
func matchChain(x *Node, sels []simple) bool {
	if !sels[len(sels)-1].match(x) {
		return false
	}
	i := len(sels) - 2
	for a := x.parent; a != nil && i >= 0; a = a.parent {
		if sels[i].match(a) {
			i--
		}
	}
	return i < 0
}

// One returns the single element matching selector, or fails the test.
func (n *Node) One(t testing.TB, selector string) *Node {
	t.Helper()
	found := n.Find(selector)
	if len(found) != 1 {
		t.Fatalf("selector %q: got %d elements, want 1", selector, len(found))
	}
	return found[0]
}

func TestDOMHelper(t *testing.T) {
	doc := ParseHTML(t, `<!DOCTYPE html><html lang="en"><body><form id="f"><input name="a" value="x&amp;y" required>
<div class="field invalid"><p class="field-error">bad</p></div><br></form><p>after</p></body></html>`)
	if got := doc.One(t, "html").Attr("lang"); got != "en" {
		t.Errorf("lang = %q, want en", got)
	}
	if got := doc.One(t, "form#f input[name=a]").Attr("value"); got != "x&y" {
		t.Errorf("value = %q, want x&y", got)
	}
	if !doc.One(t, "input[required]").HasAttr("required") {
		t.Error("attribute without value not kept")
	}
	if got := doc.One(t, ".field.invalid .field-error").Text(); got != "bad" {
		t.Errorf("text = %q, want bad", got)
	}
	if n := len(doc.Find("form p")); n != 1 {
		t.Errorf("form p: %d, want 1 (the void <input> and <br> must not swallow the rest)", n)
	}
	if n := len(doc.Find("#nothing")); n != 0 {
		t.Errorf("#nothing matched %d", n)
	}
}
