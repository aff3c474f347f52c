package match

import (
	"slices"
	"testing"
)

func TestQueryTerms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two characters are one bigram", "养殖", []string{"养殖"}},
		{"four characters are three bigrams", "水产养殖", []string{"水产", "产养", "养殖"}},
		{"one character stands alone", "焊", []string{"焊"}},
		{"spaces and punctuation split runs", "水产 养殖、电商", []string{"水产", "养殖", "电商"}},
		{"Latin words are lower-cased and split from Han", "Python数据分析", []string{"python", "数据", "据分", "分析"}},
		{"full-width Latin is folded", "ＰＳ设计", []string{"ps", "设计"}},
		{"repeats are dropped", "电商电商", []string{"电商", "商电"}},
		{"nothing to index", " ，。", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := QueryTerms(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("QueryTerms(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSkillTermsAddCharacters(t *testing.T) {
	got := SkillTerms("电焊")
	want := []string{"电焊", "电", "焊"}
	if !slices.Equal(got, want) {
		t.Errorf("SkillTerms(电焊) = %q, want %q", got, want)
	}
}
