package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// A long text is cut around the first match, and the highlights still
// point at the terms in the cut text.
func TestSnippet_CutsAroundTheMatch(t *testing.T) {
	body := strings.Repeat("filler words here ", 30) + "客户反映售后响应慢 and the pump is broken. " + strings.Repeat("more text ", 30)
	s, marks := Snippet("Visit", body, []string{"售后", "pump"})
	if n := utf8.RuneCountInString(s); n > SnippetLen+2 {
		t.Errorf("snippet of %d characters: %q", n, s)
	}
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("a cut snippet shows where it was cut: %q", s)
	}
	runes := []rune(s)
	var got []string
	for _, m := range marks {
		got = append(got, string(runes[m.Start:m.Start+m.Len]))
	}
	if strings.Join(got, ",") != "售后,pump" {
		t.Errorf("highlights %v in %q", got, s)
	}
}

func TestSnippet_ShortTextWhole(t *testing.T) {
	s, marks := Snippet("North Trading", "D-NORTH", []string{"d", "nor"})
	if s != "North Trading · D-NORTH" {
		t.Errorf("snippet %q", s)
	}
	want := []Range{{0, 5}, {16, 1}, {18, 5}}
	if len(marks) != len(want) {
		t.Fatalf("highlights %v, want %v", marks, want)
	}
	for i := range want {
		if marks[i] != want[i] {
			t.Errorf("highlights %v, want %v", marks, want)
		}
	}
}
