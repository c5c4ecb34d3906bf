package deals

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestNormalise(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"case and spaces", "Acme Trading", "  acme   TRADING "},
		{"English suffixes", "Acme Trading Co., Ltd.", "acme trading"},
		{"Limited and Inc", "Acme Trading Limited", "ACME TRADING INC."},
		{"Chinese suffix", "上海明华贸易有限公司", "上海明华贸易"},
		{"Chinese suffix after a space", "上海明华贸易 有限公司", "上海 明华 贸易"},
		{"joint-stock company", "明华股份有限公司", "明华公司"},
		{"full width", "ＡＣＭＥ　Ｔｒａｄｉｎｇ", "acme trading"},
		{"punctuation", "Acme-Trading (Shanghai)", "acme trading shanghai"},
		{"suffix brought to the end", "明华公 司", "明华"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := Normalise(tc.a), Normalise(tc.b); got != want {
				t.Errorf("Normalise(%q) = %q, Normalise(%q) = %q: want them equal", tc.a, got, tc.b, want)
			}
		})
	}
	for _, tc := range []struct{ a, b string }{
		{"Acme Trading", "Acme Traders"},
		{"明华贸易", "明华物流"},
		{"Acme Group", "Acme"},
	} {
		if Normalise(tc.a) == Normalise(tc.b) {
			t.Errorf("Normalise(%q) = Normalise(%q) = %q: want them apart", tc.a, tc.b, Normalise(tc.a))
		}
	}
	if got := Normalise("Company"); got != "company" {
		t.Errorf(`Normalise("Company") = %q, want "company": a name that is only a suffix keeps it`, got)
	}
	if got := Normalise(" ,. "); got != "" {
		t.Errorf(`Normalise(" ,. ") = %q, want ""`, got)
	}
}

// FuzzNormalise checks the key's invariants on any text: normalising a key
// gives it back, it has no spaces, punctuation or upper case, and it is
// empty only for a name with no letter or digit.
func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"Acme Trading Co., Ltd.", "上海明华贸易有限公司", "ＡＣＭＥ", "ab公 司", "Ltd", "", "ǅ", "ﬁ co"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if !utf8.ValidString(name) {
			return
		}
		key := Normalise(name)
		if again := Normalise(key); again != key {
			t.Fatalf("Normalise(%q) = %q, but Normalise(%q) = %q", name, key, key, again)
		}
		if strings.ContainsFunc(key, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
			t.Fatalf("Normalise(%q) = %q: has a space or punctuation", name, key)
		}
		if key == "" && strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			t.Fatalf("Normalise(%q) is empty, but the name has letters or digits", name)
		}
	})
}
