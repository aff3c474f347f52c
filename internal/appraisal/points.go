package appraisal

import (
	"math/bits"
	"strconv"
)

// Points is a score in hundredths of a point: 1250 is 12.50 points. Scores
// are integers so that the lines of an explanation add up to the total
// exactly, on every machine and in every language that re-adds them.
type Points int64

// Value is a measured quantity in hundredths of its indicator's unit: 1250
// is 12.50 万元, 12.50 % or 12.50 projects. A count of n records is n×100.
type Value int64

// FullMarks is the sum of a scheme's indicator weights: 100.00 points.
const FullMarks Points = 100_00

// One is one unit of a Value or one point of Points, in hundredths.
const One = 100

// String formats p with two decimals, as "12.50" or "-3.05".
func (p Points) String() string { return hundredths(int64(p)) }

// String formats v with two decimals, as "12.50".
func (v Value) String() string { return hundredths(int64(v)) }

func hundredths(n int64) string {
	sign := ""
	u := uint64(n)
	if n < 0 {
		sign, u = "-", uint64(-n)
	}
	frac := u % 100
	s := sign + strconv.FormatUint(u/100, 10) + "."
	if frac < 10 {
		s += "0"
	}
	return s + strconv.FormatUint(frac, 10)
}

// share returns whole×num/den rounded half up, for 0 ≤ num ≤ den and
// whole ≥ 0: the part of a weight earned by reaching num of den. The product
// is taken in 128 bits because measured values (yuan amounts in hundredths)
// may be large.
func share(whole Points, num, den int64) Points {
	if whole <= 0 || num <= 0 || den <= 0 {
		return 0
	}
	if num >= den {
		return whole
	}
	hi, lo := bits.Mul64(uint64(whole), uint64(num))
	lo, carry := bits.Add64(lo, uint64(den)/2, 0)
	hi += carry
	q, _ := bits.Div64(hi, lo, uint64(den))
	return Points(q)
}

// floorDiv divides rounding toward minus infinity, and returns the
// non-negative remainder: the split that largest-remainder rounding needs
// when some parts (deductions) are negative.
func floorDiv(a, b int64) (q, r int64) {
	q, r = a/b, a%b
	if r < 0 {
		q--
		r += b
	}
	return q, r
}
