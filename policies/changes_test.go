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

func TestDiffLines_WholeLines(t *testing.T) {
	got := DiffLines("Band A: 100\nBand B: 200\nBand C: 300", "Band A: 100\nBand B: 250\nBand D: 400")
	want := []Line{{"SAME", "Band A: 100"}, {"REMOVED", "Band B: 200"}, {"REMOVED", "Band C: 300"}, {"ADDED", "Band B: 250"}, {"ADDED", "Band D: 400"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DiffLines = %v; want %v", got, want)
	}
}
