// Package creditcode reads the unified social credit code (统一社会信用代码,
// GB 32100-2015) that every legal person and other organisation in China
// carries: 18 characters, namely the registration authority (1), the
// organisation category under that authority (1), the administrative
// division where it registered (6, GB/T 2260), the organisation code (9, GB
// 11714, with its own check character) and a mod-31 check character.
package creditcode

import (
	"errors"
	"strings"
)

// Length is the number of characters in a code.
const Length = 18

// Alphabet holds the 31 characters a code may use, in the order of their
// values 0–30: the digits and the capital letters except I, O, S, V and Z,
// which are too easily read as 1, 0, 5, U and 2.
const Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// weights are 3^i mod 31 for positions 1–17, as the standard tabulates them.
var weights = [Length - 1]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are GB 11714's weights for the organisation code's first
// eight characters.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// categories lists, per registration authority, the organisation
// categories GB 32100 assigns it (登记管理部门代码 → 机构类别代码).
var categories = map[byte]string{
	'1': "1239",   // 机构编制: 机关, 事业单位, 编办直管的群众团体, 其他
	'2': "19",     // 外交: 外国常驻新闻机构, 其他
	'3': "123459", // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
	'4': "19",     // 文化: 外国在华文化中心, 其他
	'5': "1239",   // 民政: 社会团体, 民办非企业单位, 基金会, 其他
	'6': "129",    // 旅游: 外国及港澳台旅游部门常驻代表机构, 其他
	'7': "129",    // 宗教: 宗教活动场所, 宗教院校, 其他
	'8': "19",     // 工会: 基层工会, 其他
	'9': "123",    // 工商: 企业, 个体工商户, 农民专业合作社
	'A': "19",     // 中央军委改革和编制办公室: 军队事业单位, 其他
	'N': "1239",   // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
	'Y': "1",      // 其他
}

// provinces lists the first two digits a division code may start with:
// the provinces of GB/T 2260, and 10 for registrations at national level.
var provinces = map[string]bool{
	"10": true, "11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true,
}

// The ways a code can be wrong, in the order Parse looks for them.
var (
	ErrLength    = errors.New("a unified social credit code has 18 characters")
	ErrChars     = errors.New("a unified social credit code uses digits and capital letters other than I, O, S, V and Z")
	ErrAuthority = errors.New("the registration authority code is not one GB 32100 assigns")
	ErrCategory  = errors.New("the organisation category is not one its registration authority has")
	ErrDivision  = errors.New("the administrative division code is not six digits of a province")
	ErrOrgCheck  = errors.New("the organisation code's check character is wrong")
	ErrCheck     = errors.New("the check character is wrong")
)

// The codes of market regulation (工商, now 市场监管) and its categories,
// under which the economic entities talents found are registered.
const (
	AuthorityMarket     byte = '9'
	CategoryEnterprise  byte = '1' // 企业
	CategoryIndividual  byte = '2' // 个体工商户
	CategoryCooperative byte = '3' // 农民专业合作社
)

// Code is a valid unified social credit code, read into its parts.
type Code struct {
	// Authority is the registration authority: '9' for market regulation
	// (工商), '5' for civil affairs (民政), '1' for establishment (机构编制)…
	Authority byte
	// Category is the organisation category under the authority: under '9',
	// '1' is an enterprise, '2' an individual business and '3' a farmers'
	// specialised cooperative.
	Category byte
	// Division is the six-digit GB/T 2260 code where it registered.
	Division string
	// OrgCode is the nine-character organisation code (GB 11714).
	OrgCode string
	// Check is the code's own check character.
	Check byte
}

// String returns the code in its 18-character form.
func (c Code) String() string {
	return string([]byte{c.Authority, c.Category}) + c.Division + c.OrgCode + string(c.Check)
}

// Normalize trims spaces and upper-cases s, the form in which codes are
// stored and compared: people type them in lower case and paste them with
// spaces around.
func Normalize(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// Validate reports the first thing wrong with s, or nil when it is a valid
// code in its normal form.
func Validate(s string) error {
	_, err := Parse(s)
	return err
}

// Parse checks s and reads its parts. It expects the normal form (see
// Normalize): lower-case letters are refused.
func Parse(s string) (Code, error) {
	if len(s) != Length {
		return Code{}, ErrLength
	}
	for i := 0; i < Length; i++ {
		if value(s[i]) < 0 {
			return Code{}, ErrChars
		}
	}
	cats, ok := categories[s[0]]
	if !ok {
		return Code{}, ErrAuthority
	}
	if strings.IndexByte(cats, s[1]) < 0 {
		return Code{}, ErrCategory
	}
	division := s[2:8]
	for i := 0; i < len(division); i++ {
		if division[i] < '0' || division[i] > '9' {
			return Code{}, ErrDivision
		}
	}
	if !provinces[division[:2]] {
		return Code{}, ErrDivision
	}
	if OrgCheckChar(s[8:16]) != s[16] {
		return Code{}, ErrOrgCheck
	}
	if CheckChar(s) != s[17] {
		return Code{}, ErrCheck
	}
	return Code{Authority: s[0], Category: s[1], Division: division, OrgCode: s[8:17], Check: s[17]}, nil
}

// CheckChar returns the check character for the first 17 characters of s
// (GB 32100 §5: 31 minus the weighted sum mod 31). It returns 0 when s is
// shorter than 17 characters or holds a character outside Alphabet.
func CheckChar(s string) byte {
	if len(s) < Length-1 {
		return 0
	}
	sum := 0
	for i := 0; i < Length-1; i++ {
		v := value(s[i])
		if v < 0 {
			return 0
		}
		sum += v * weights[i]
	}
	return Alphabet[(31-sum%31)%31]
}

// OrgCheckChar returns the GB 11714 check character for an organisation
// code's first eight characters: 11 minus the weighted sum mod 11, written
// 'X' for 10 and '0' for 11. Letters count 10 for A up to 35 for Z. It
// returns 0 when s is shorter than eight characters or holds anything but
// digits and capital letters.
func OrgCheckChar(s string) byte {
	if len(s) < len(orgWeights) {
		return 0
	}
	sum := 0
	for i, w := range orgWeights {
		c := s[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		default:
			return 0
		}
		sum += v * w
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// value returns the value of c in Alphabet, or -1 when c is not in it.
func value(c byte) int { return strings.IndexByte(Alphabet, c) }
