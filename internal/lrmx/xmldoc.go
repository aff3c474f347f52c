package lrmx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"zugong/internal/fault"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// document is an LRMX file cut into the pieces a round trip needs: what
// precedes the Person element's children, each child with the whitespace
// before it and its exact bytes, and what follows.
type document struct {
	bom   bool
	body  string // the file without its byte-order mark
	head  string // everything through <Person …>
	empty bool   // the root was written <Person/>
	kids  []*node
	tail  string // the whitespace before </Person>, </Person>, and what follows
}

// node is an element, comment, processing instruction or stray text among
// the children of Person (level 1), of an element there (level 2) or one
// level below (level 3), which is as deep as the format goes.
type node struct {
	sep   string // the whitespace before it
	raw   string // its exact bytes
	name  string // the local name of an element, "" for anything else
	text  string // an element's own character data, decoded
	kids  []*node
	start int64
	// pending is whitespace seen inside the element since its last child.
	pending string
}

const maxLevel = 3

// parseDocument reads an LRMX file's structure. Errors are *fault.Error
// naming the file and, for XML errors, the line.
func parseDocument(file string, b []byte) (*document, error) {
	doc := &document{}
	if bytes.HasPrefix(b, utf8BOM) {
		doc.bom = true
		b = b[len(utf8BOM):]
	}
	if !utf8.Valid(b) {
		return nil, fault.New(fault.Invalid, "lrmx.utf8", file, lineAt(b, firstInvalidUTF8(b)))
	}
	s := string(b)
	doc.body = s
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf8") {
			return in, nil
		}
		return nil, &encodingError{label}
	}
	var (
		stack []*node // stack[0] is Person; deeper levels beyond maxLevel are nil
		prev  int64
	)
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, xmlError(file, dec, err, len(stack) > 0 || doc.head != "")
		}
		off := dec.InputOffset()
		span := s[prev:off]
		level := len(stack) // the level of a new child; 0 before the root
		var parent *node
		if level > 0 {
			parent = stack[level-1]
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if level == 0 {
				if t.Name.Local != "Person" {
					return nil, fault.New(fault.Invalid, "lrmx.root", file, t.Name.Local)
				}
				doc.head = s[:off]
				stack = append(stack, &node{name: "Person", start: off})
				break
			}
			var n *node
			if parent != nil && level <= maxLevel {
				n = &node{name: t.Name.Local, sep: parent.pending, start: prev}
				parent.pending = ""
				parent.kids = append(parent.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				doc.empty = prev == n.start && off == n.start
				doc.kids = n.kids
				doc.tail = n.pending + s[prev:]
				return doc, nil
			}
			if n != nil {
				n.raw = s[n.start:off]
			}
		case xml.CharData:
			switch {
			case level == 0:
				if strings.TrimSpace(span) != "" {
					return nil, fault.New(fault.Invalid, "lrmx.no_root", file)
				}
			case level == 1 && strings.TrimSpace(span) == "":
				parent.pending += span
			case level == 1:
				parent.kids = append(parent.kids, &node{sep: parent.pending, raw: span})
				parent.pending = ""
			case parent != nil:
				parent.text += string(t)
				if strings.TrimSpace(span) == "" {
					parent.pending += span
				} else {
					parent.pending = ""
				}
			}
		default: // comments, processing instructions, directives
			if level == 1 {
				parent.kids = append(parent.kids, &node{sep: parent.pending, raw: span})
				parent.pending = ""
			}
		}
		prev = off
	}
}

type encodingError struct{ label string }

func (e *encodingError) Error() string { return "unsupported encoding " + e.label }

func xmlError(file string, dec *xml.Decoder, err error, started bool) error {
	var enc *encodingError
	if errors.As(err, &enc) {
		return &fault.Error{Code: fault.Invalid, Key: "lrmx.encoding", Args: []any{file, enc.label}, Err: err}
	}
	if err == io.EOF && !started {
		return &fault.Error{Code: fault.Invalid, Key: "lrmx.no_root", Args: []any{file}, Err: err}
	}
	line, _ := dec.InputPos()
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		line = syn.Line
	}
	return &fault.Error{Code: fault.Invalid, Key: "lrmx.xml", Args: []any{file, line}, Err: err}
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func lineAt(b []byte, off int) int { return bytes.Count(b[:off], []byte{'\n'}) + 1 }
