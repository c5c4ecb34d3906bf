// Package clip shortens text to a length in characters, for quoting a bad
// value in a message or keeping a stored text within its column.
package clip

import "unicode/utf8"

// To returns s when it has at most n characters (runes), else its first
// n-1 followed by "…", so the result never exceeds n and a cut is never
// mistaken for the whole text. It never splits a character.
func To(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
