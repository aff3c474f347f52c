package person

import "testing"

func TestInitials(t *testing.T) {
	tests := map[string]string{
		"张三":       "zs",
		"欧阳娜娜":     "oynn",
		"李·明":      "lm",
		"曾国藩":      "zgf",
		"单雄信":      "sxx",
		"长孙无忌":     "zswj",
		"万俟卨":      "mqx",
		"万里":       "wl",
		"阿依古丽 Ali": "aygl" + "ali",
		"王2":       "w",
		"  赵四  ":   "zs",
		"":         "",
		"Zhang":    "zhang",
	}
	for in, want := range tests {
		if got := Initials(in); got != want {
			t.Errorf("Initials(%q) = %q, want %q", in, got, want)
		}
	}
}
