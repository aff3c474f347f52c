package lrmx

import (
	"strings"
	"unicode/utf8"
)

// style is the layout of a file: line break, indentation step, empty
// elements and photo wrapping. Canonical bytes are computed in the file's own style, so a file
// laid out consistently needs no per-element record.
type style struct {
	nl, ind string
	// selfClose is how an empty element ends when not "<X></X>": "/>" or " />".
	selfClose string
	pic       *wrap
}

const xmlDecl = `<?xml version="1.0" encoding="UTF-8"?>`

func (st style) head() string { return xmlDecl + st.nl + "<Person>" }
func (st style) tail() string { return st.nl + "</Person>" + st.nl }
func (st style) sep(level int) string {
	return st.nl + strings.Repeat(st.ind, level)
}

// textNL is the line break inside text; a file written on one line still
// needs one when its resume has several lines.
func (st style) textNL() string {
	if st.nl == "" {
		return "\r\n"
	}
	return st.nl
}

// element writes a simple element.
func (st style) element(name, text string) string {
	if text == "" && st.selfClose != "" {
		return "<" + name + st.selfClose
	}
	return "<" + name + ">" + escape(text, st.textNL()) + "</" + name + ">"
}

// photo writes ZhaoPian from its base64 text in the file's wrapping.
func (st style) photo(b64 string) string {
	if b64 == "" || st.pic == nil {
		return st.element(elPhoto, b64)
	}
	w := st.pic
	body := b64
	if w.Width > 0 {
		var b strings.Builder
		for i := 0; i < len(b64); i += w.Width {
			if i > 0 {
				b.WriteString(w.Sep)
			}
			b.WriteString(b64[i:min(i+w.Width, len(b64))])
		}
		body = b.String()
	}
	return "<" + elPhoto + ">" + w.Lead + body + w.Trail + "</" + elPhoto + ">"
}

// item writes one family member.
func (st style) item(row [5]string) string {
	var b strings.Builder
	b.WriteString("<" + elItem + ">")
	for i, name := range ItemElements {
		b.WriteString(st.sep(3))
		b.WriteString(st.element(name, row[i]))
	}
	b.WriteString(st.sep(2) + "</" + elItem + ">")
	return b.String()
}

// family writes JiaTingChengYuan around items already written.
func (st style) family(items []string) string {
	if len(items) == 0 {
		return st.element(elFamily, "")
	}
	var b strings.Builder
	b.WriteString("<" + elFamily + ">")
	for _, it := range items {
		b.WriteString(st.sep(2))
		b.WriteString(it)
	}
	b.WriteString(st.sep(1) + "</" + elFamily + ">")
	return b.String()
}

// escape writes text as XML character data: & < > escaped, line breaks as
// nl, characters XML cannot carry dropped.
func escape(s, nl string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString(nl)
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case r == '\n':
			b.WriteString(nl)
		case isXMLChar(r):
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

// isXMLChar reports whether XML 1.0 allows r in a document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// xmlText keeps only what XML can carry, with line breaks as \n: what a
// value reads back as after a trip through a file.
func xmlText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case isXMLChar(r):
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}
