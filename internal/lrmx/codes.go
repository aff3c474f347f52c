package lrmx

import (
	_ "embed"
	"strings"
)

// codes.txt holds the code tables as data; see its header.
//
//go:embed codes.txt
var codesText string

type codeSet struct {
	byText map[string]string
	byCode map[string]string
}

var codeSets = loadCodes(codesText)

func loadCodes(text string) map[string]*codeSet {
	sets := map[string]*codeSet{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			panic("lrmx: malformed line in codes.txt: " + line)
		}
		s := sets[f[0]]
		if s == nil {
			s = &codeSet{byText: map[string]string{}, byCode: map[string]string{}}
			sets[f[0]] = s
		}
		s.byCode[f[1]] = f[2]
		for _, w := range f[2:] {
			s.byText[w] = f[1]
		}
	}
	return sets
}

// codeOf returns the code of a wording in set, or "".
func codeOf(set, text string) string {
	return codeSets[set].byText[text]
}

// textOf returns the wording of a code in set, or "".
func textOf(set, code string) string {
	return codeSets[set].byCode[code]
}

// ethnicityCode reads 民族: "汉族" and "汉" are both 01.
func ethnicityCode(text string) string {
	if c := codeOf("ethnicity", text); c != "" {
		return c
	}
	if text != "" && !strings.HasSuffix(text, "族") {
		return codeOf("ethnicity", text+"族")
	}
	return ""
}

// educationLevel returns the GB/T 4658 code of a 学历 wording, using the
// degree to tell doctoral from master's study when the form says only 研究生.
func educationLevel(level, degree string) string {
	if c := codeOf("education", level); c != "" {
		return c
	}
	if level == "研究生" || level == "研究生毕业" {
		switch {
		case strings.Contains(degree, "博士"):
			return "11"
		case strings.Contains(degree, "硕士"):
			return "14"
		}
	}
	return ""
}
