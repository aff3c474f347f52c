package vault

// Mask hides the middle of a sensitive value, keeping enough of both ends for
// a person to recognise it: 4101********1234 for an ID number, 138****5678
// for a phone number.
func Mask(s string) string {
	r := []rune(s)
	n := len(r)
	if n == 0 {
		return ""
	}
	keepHead, keepTail := 3, 4
	if n >= 15 {
		keepHead = 4
	}
	if n <= keepHead+keepTail {
		keepHead, keepTail = 0, min(n/3, 2)
	}
	for i := keepHead; i < n-keepTail; i++ {
		r[i] = '*'
	}
	return string(r)
}
