package search

import (
	"slices"
	"testing"
)

func TestTerms(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Late DELIVERY, again!", "late delivery again"},
		{"D-NORTH", "d north"},
		{"客户反映售后响应慢", "客户 户反 反映 映售 售后 后响 响应 应慢"},
		{"售后", "售后"},
		{"慢", "慢"},
		{"Visit 北京 store 2", "visit 北京 store 2"},
		{"ＡＢＣ１２３", "abc123"},
		{"Café déjà vu", "café déjà vu"},
		{"", ""},
	} {
		if got := Terms(c.in); got != c.want {
			t.Errorf("Terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Terms("a", "b"); got != "a b" {
		t.Errorf("Terms of two texts = %q", got)
	}
}

// Every phrase of two or more Chinese characters in a text is found as
// terms the text holds.
func TestTerms_PhraseIsContained(t *testing.T) {
	text := slices.Collect(func(yield func(string) bool) {
		for _, tok := range Tokens("客户反映售后响应慢") {
			if !yield(tok.Term) {
				return
			}
		}
	})
	for _, q := range []string{"售后", "售后响应", "客户反映", "响应慢"} {
		for _, tok := range Tokens(q) {
			if !slices.Contains(text, tok.Term) {
				t.Errorf("%q: term %q not in the text's terms", q, tok.Term)
			}
		}
	}
}

func TestTokens_PlacesInCharacters(t *testing.T) {
	got := Tokens("说 Hello，售后!")
	want := []Token{{"说", 0, 1}, {"hello", 2, 5}, {"售后", 8, 2}}
	if !slices.Equal(got, want) {
		t.Errorf("Tokens = %v, want %v", got, want)
	}
}

// Search queries come from anyone: tokenising never fails, and every token
// lies within its text.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"客户反映售后响应慢", "D-NORTH late", "ＡＢＣ", "e\u0301", "\xff\xfe", "a\u202eb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := len([]rune(s))
		for _, tok := range Tokens(s) {
			if tok.Term == "" || tok.Start < 0 || tok.Len < 1 || tok.Start+tok.Len > n {
				t.Fatalf("Tokens(%q): bad token %+v in %d characters", s, tok, n)
			}
		}
	})
}
