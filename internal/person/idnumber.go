package person

import (
	"errors"

	"zugong/internal/civil"
)

// IDNumber is a citizen identity number (GB 11643-1999): six digits of the
// registering place (GB/T 2260), eight of the birth date, three of sequence
// whose last is odd for men and even for women, and an ISO 7064 MOD 11-2
// check character (0–9 or X).
type IDNumber struct {
	Place     string
	BirthDate civil.Date
	// Gender is "1" (male) or "2" (female), from the sequence's parity.
	Gender string
}

// The ways an ID number can be wrong.
var (
	ErrIDLength = errors.New("an ID number has 18 characters")
	ErrIDChars  = errors.New("an ID number is 17 digits and a digit or X")
	ErrIDBirth  = errors.New("the ID number's birth date is not a date")
	ErrIDCheck  = errors.New("the ID number's check character is wrong")
)

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// IDCheckChar returns the check character of the first 17 digits.
func IDCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// ParseIDNumber checks an ID number and reads its parts. A lower-case x is
// accepted as the check character.
func ParseIDNumber(s string) (IDNumber, error) {
	if len(s) != 18 {
		return IDNumber{}, ErrIDLength
	}
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return IDNumber{}, ErrIDChars
		}
	}
	last := s[17]
	if last == 'x' {
		last = 'X'
	}
	if (last < '0' || last > '9') && last != 'X' {
		return IDNumber{}, ErrIDChars
	}
	birth, err := civil.Parse(s[6:10] + "-" + s[10:12] + "-" + s[12:14])
	if err != nil || birth.Year < 1900 {
		return IDNumber{}, ErrIDBirth
	}
	if IDCheckChar(s) != last {
		return IDNumber{}, ErrIDCheck
	}
	gender := "2"
	if (s[16]-'0')%2 == 1 {
		gender = "1"
	}
	return IDNumber{Place: s[:6], BirthDate: birth, Gender: gender}, nil
}

// NormalizeIDNumber upper-cases the check character, the stored form.
func NormalizeIDNumber(s string) string {
	if len(s) == 18 && s[17] == 'x' {
		return s[:17] + "X"
	}
	return s
}
