package policies

import (
	"reflect"
	"testing"
)

func TestDiffLines(t *testing.T) {
	got := DiffLines("a\nb\nc", "a\nB\nc\nd\n")
	want := []Line{{"SAME", "a"}, {"REMOVED", "b"}, {"ADDED", "B"}, {"SAME", "c"}, {"ADDED", "d"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DiffLines = %v; want %v", got, want)
	}
	if got := DiffLines("same", "same"); !reflect.DeepEqual(got, []Line{{"SAME", "same"}}) {
		t.Errorf("no change: %v", got)
	}
}
