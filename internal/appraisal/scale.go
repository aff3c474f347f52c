package appraisal

// scaleGroup scales every cadre's parts and total by FullMarks/best, so the
// best total becomes exactly 100.00, and keeps each cadre's parts adding up
// to their total by largest-remainder rounding: the total is the exact
// scaled total rounded half up; every part is first rounded down; the
// hundredths still missing go one each to the parts with the largest
// remainders, earlier lines first on equal remainders.
func scaleGroup(parts, totals []Points, k int, best Points) {
	rem := make([]int64, k)
	order := make([]int, k)
	for i := range totals {
		row := parts[i*k : (i+1)*k]
		total, _ := floorDiv(int64(totals[i])*int64(FullMarks)+int64(best)/2, int64(best))
		var floors int64
		for j, p := range row {
			q, r := floorDiv(int64(p)*int64(FullMarks), int64(best))
			row[j], rem[j] = Points(q), r
			floors += q
		}
		// 0 ≤ missing ≤ k, and never more than the parts with a remainder:
		// the remainders add up to less than one hundredth each.
		missing := int(total - floors)
		if missing > 0 {
			byRemainder(order, rem)
			for _, j := range order[:missing] {
				row[j]++
			}
		}
		totals[i] = Points(total)
	}
}

// byRemainder fills order with the line indices by descending remainder,
// earlier lines first on equal remainders. An insertion sort: a scheme has
// a dozen lines, and it is stable.
func byRemainder(order []int, rem []int64) {
	for j := range order {
		order[j] = j
		for m := j; m > 0 && rem[order[m]] > rem[order[m-1]]; m-- {
			order[m], order[m-1] = order[m-1], order[m]
		}
	}
}
