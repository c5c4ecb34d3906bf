package clip_test

import (
	"testing"
	"unicode/utf8"

	"github.com/dealerline/dealerline/clip"
)

func TestTo(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"abcd", 3, "ab…"},
		{"华南贸易有限公司", 4, "华南贸…"},
		{"abc", 0, ""},
		{"ab", 1, "…"},
	} {
		if got := clip.To(c.in, c.n); got != c.want {
			t.Errorf("To(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

func FuzzTo(f *testing.F) {
	f.Add("华南\xff贸易", 3)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 || n > 1000 {
			return
		}
		got := clip.To(s, n)
		if utf8.RuneCountInString(got) > n {
			t.Fatalf("To(%q, %d) = %q: longer than %d", s, n, got, n)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("To(%q, %d) = %q: split a character", s, n, got)
		}
	})
}
