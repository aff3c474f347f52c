package person

import (
	"strings"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// surnameInitials gives the reading of characters that, at the head of a
// name, are surnames read otherwise than their first dictionary reading
// (曾 is céng in the dictionary, Zēng as a surname). Only the initials that
// differ are listed.
var surnameInitials = map[rune]byte{
	'曾': 'z', // Zēng
	'单': 's', // Shàn
	'解': 'x', // Xiè
	'仇': 'q', // Qiú
	'区': 'o', // Ōu
	'查': 'z', // Zhā
	'乐': 'y', // Yuè
	'翟': 'z', // Zhái
	'覃': 'q', // Qín
	'召': 's', // Shào
	'尉': 'y', // 尉迟 Yùchí
	'万': 'm', // 万俟 Mòqí (万 alone is Wàn: see below)
}

// Initials returns the pinyin initials of a name (简拼), lower-case, as
// people type them to find someone: 张三 → "zs", 欧阳娜娜 → "oynn". Each Han
// character gives the first letter of its first reading, except a surname
// at the head of the name that reads otherwise (曾 → z). ASCII letters are
// kept lower-cased; anything else (the middle dot of 李·明, digits, spaces)
// is dropped.
func Initials(name string) string {
	var b strings.Builder
	args := pinyin.NewArgs()
	args.Style = pinyin.FirstLetter
	runes := []rune(strings.TrimSpace(name))
	for i, r := range runes {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r < 0x80:
		default:
			if i == 0 {
				if c, ok := headInitial(runes); ok {
					b.WriteByte(c)
					continue
				}
			}
			b.WriteString(initial(r, args))
		}
	}
	return b.String()
}

// tonedInitials maps the toned letters a reading can start with to their
// base letter.
var tonedInitials = map[rune]string{
	'ā': "a", 'á': "a", 'ǎ': "a", 'à': "a",
	'ō': "o", 'ó': "o", 'ǒ': "o", 'ò': "o",
	'ē': "e", 'é': "e", 'ě': "e", 'è': "e", 'ê': "e",
	'ń': "n", 'ň': "n", 'ǹ': "n", 'ḿ': "m",
}

// initial returns the first letter of r's first reading, or "" for a rune
// without one, straight from the dictionary: the library's own tone
// handling runs a regular expression per character, too slow for imports
// of many thousand names. Anything unforeseen still goes through it.
func initial(r rune, args pinyin.Args) string {
	if v, ok := pinyin.PinyinDict[int(r)]; ok && v != "" {
		if v[0] < utf8.RuneSelf {
			return v[:1]
		}
		first, _ := utf8.DecodeRuneInString(v)
		if base, ok := tonedInitials[first]; ok {
			return base
		}
	}
	if py := pinyin.SinglePinyin(r, args); len(py) > 0 && py[0] != "" {
		return strings.ToLower(py[0][:1])
	}
	return ""
}

// headInitial returns the surname reading of the name's first character, if
// it has one. 尉 reads Yù only in 尉迟, and 万 reads Mò only in 万俟.
func headInitial(runes []rune) (byte, bool) {
	c, ok := surnameInitials[runes[0]]
	if !ok {
		return 0, false
	}
	second := rune(0)
	if len(runes) > 1 {
		second = runes[1]
	}
	switch runes[0] {
	case '尉':
		return c, second == '迟'
	case '万':
		return c, second == '俟'
	}
	return c, true
}
