package policies

import (
	"encoding/json"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Line is one line of the difference between two bodies.
type Line struct {
	Op   string // ADDED, REMOVED or SAME
	Text string
}

// DiffLines is the difference between bodies from and to, line by line:
// the lines of from removed, those of to added, and those both keep.
// Each distinct line is one rune to the diff, so it compares whole lines.
func DiffLines(from, to string) []Line {
	var lines []string
	index := map[string]rune{}
	encode := func(s string) []rune {
		s = strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
		if s == "" {
			return nil
		}
		var rs []rune
		for _, l := range strings.Split(s, "\n") {
			r, ok := index[l]
			if !ok {
				// Private use planes: no surrogates, room for every line a
				// body can have.
				r = rune(0xF0000 + len(lines))
				index[l] = r
				lines = append(lines, l)
			}
			rs = append(rs, r)
		}
		return rs
	}
	a, b := encode(from), encode(to)
	var out []Line
	for _, d := range diffmatchpatch.New().DiffMainRunes(a, b, false) {
		op := "SAME"
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = "ADDED"
		case diffmatchpatch.DiffDelete:
			op = "REMOVED"
		}
		for _, r := range d.Text {
			out = append(out, Line{Op: op, Text: lines[r-0xF0000]})
		}
	}
	return out
}

// SameAudience reports whether two versions' audience snapshots say the
// same.
func SameAudience(a, b map[string]any) bool {
	ja, _ := json.Marshal(a) // maps marshal with sorted keys
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}
