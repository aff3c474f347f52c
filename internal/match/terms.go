package match

import (
	"slices"
	"unicode"
)

// Chinese is written without spaces, so a skill is indexed by its Han
// characters two at a time (bigrams): 水产养殖 gives 水产, 产养 and 养殖, and a
// requirement for 养殖 finds it through the bigram they share. Each Han
// character of a skill is also indexed alone, so that a requirement of one
// character (焊, 车) can match; a requirement of two or more characters is
// looked up by its bigrams only, so that 养殖 does not match 养老 through 养.
// Latin letters and digits form lower-case words: Python数据分析 gives
// python, 数据, 据分, 分析.

// QueryTerms returns the distinct terms a requirement is looked up by, in
// order of first appearance: the bigrams of each run of Han characters (the
// character itself for a run of one) and the lower-case words.
func QueryTerms(s string) []string { return terms(s, false) }

// SkillTerms returns the distinct terms a skill is indexed by: those of
// QueryTerms and, in addition, every Han character alone.
func SkillTerms(s string) []string { return terms(s, true) }

func terms(s string, unigrams bool) []string {
	var out []string
	add := func(t string) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	var run []rune // the current run of Han characters or of word characters
	han := false
	flush := func() {
		switch {
		case len(run) == 0:
		case !han:
			add(string(run))
		case len(run) == 1:
			add(string(run))
		default:
			for i := 0; i+1 < len(run); i++ {
				add(string(run[i : i+2]))
			}
			if unigrams {
				for _, r := range run {
					add(string(r))
				}
			}
		}
		run = run[:0]
	}
	for _, r := range s {
		r = fold(r)
		isHan := unicode.Is(unicode.Han, r)
		word := !isHan && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if !isHan && !word {
			flush()
			continue
		}
		if len(run) > 0 && isHan != han {
			flush()
		}
		han = isHan
		run = append(run, r)
	}
	flush()
	return out
}

// fold maps full-width Latin letters and digits to their ASCII forms, as
// Chinese input methods type them, and lower-cases letters.
func fold(r rune) rune {
	if r >= '！' && r <= '～' {
		r -= '！' - '!'
	}
	return unicode.ToLower(r)
}
