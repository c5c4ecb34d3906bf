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
func DiffLines(from, to string) []Line {
	dmp := diffmatchpatch.New()
	// Every line ends in a newline, so the last compares like the others.
	a, b, lines := dmp.DiffLinesToChars(terminated(from), terminated(to))
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	var out []Line
	for _, d := range diffs {
		op := "SAME"
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = "ADDED"
		case diffmatchpatch.DiffDelete:
			op = "REMOVED"
		}
		text := strings.TrimSuffix(d.Text, "\n")
		for _, l := range strings.Split(text, "\n") {
			out = append(out, Line{Op: op, Text: l})
		}
	}
	return out
}

func terminated(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// SameAudience reports whether two versions' audience snapshots say the
// same.
func SameAudience(a, b map[string]any) bool {
	ja, _ := json.Marshal(a) // maps marshal with sorted keys
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}
