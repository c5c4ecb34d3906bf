package deals

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// englishSuffixes are the words of a company's legal form that end an
// English name ("Acme Trading Co., Ltd."): dropped, so that the same
// customer written with or without them is one customer.
var englishSuffixes = map[string]bool{
	"co": true, "company": true, "ltd": true, "limited": true, "inc": true, "incorporated": true,
	"corp": true, "corporation": true, "llc": true, "plc": true, "gmbh": true,
}

// chineseSuffixes end a Chinese company name; the longest first, so that
// 股份有限公司 goes whole rather than leaving 股份.
var chineseSuffixes = []string{"股份有限公司", "有限责任公司", "有限公司", "公司"}

// Normalise is the key a customer's name is matched on within a
// territory: width and case folded (NFKC, lower case), spaces and
// punctuation gone, and company suffixes such as 有限公司 or Co., Ltd.
// dropped from the end. A name that is nothing but a suffix keeps it
// (“Company” is still a name). Normalising a key gives the same key.
func Normalise(name string) string {
	key := normaliseOnce(name)
	// Dropping a suffix can bring another to the end (“ab公 司” joins to
	// “ab公司”): repeat until nothing changes. Each round only shortens.
	for range 8 {
		next := normaliseOnce(key)
		if next == key {
			break
		}
		key = next
	}
	return key
}

func normaliseOnce(name string) string {
	s := strings.ToLower(norm.NFKC.String(name))
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	all := strings.Join(words, "")
	for len(words) > 0 {
		last := words[len(words)-1]
		if englishSuffixes[last] {
			words = words[:len(words)-1]
			continue
		}
		trimmed := last
		for _, suffix := range chineseSuffixes {
			if t, ok := strings.CutSuffix(last, suffix); ok {
				trimmed = t
				break
			}
		}
		if trimmed == last {
			break
		}
		if trimmed == "" {
			words = words[:len(words)-1]
		} else {
			words[len(words)-1] = trimmed
		}
	}
	if len(words) == 0 {
		return all
	}
	return strings.Join(words, "")
}
