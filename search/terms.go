// Package search finds dealers, contacts, interactions and tickets by the
// words in them, in English or Chinese, within what the viewer may see.
package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Terms returns the index terms of texts, separated by spaces: what the
// full-text index of either store holds for a record. Neither PostgreSQL's
// nor SQLite's tokeniser splits Chinese (which has no spaces between
// words), so the text is tokenised here, once, when it is written:
//   - letters and digits of alphabetic scripts make words, folded to lower
//     case after NFKC (full-width ＡＢＣ is abc);
//   - a run of Han, kana or Hangul characters becomes its overlapping pairs
//     of characters (客户反映 is 客户 户反 反映), so any phrase of two or more
//     characters is found as the pairs it is made of; a lone character is
//     its own term;
//   - everything else separates terms.
//
// Queries are tokenised the same way (Tokens), so both sides agree.
func Terms(texts ...string) string {
	var b strings.Builder
	for _, text := range texts {
		for _, t := range Tokens(text) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t.Term)
		}
	}
	return b.String()
}

// Token is one term of a text and where it is: Start and Len count
// characters (code points) of the text as given, before normalisation.
type Token struct {
	Term       string
	Start, Len int
}

// Tokens splits text into its terms (see Terms), with their places in
// text.
func Tokens(text string) []Token {
	var (
		out  []Token
		word []rune // the alphabetic word being read, normalised
		ws   int    // where it started in text
		we   int    // where it ends: past its last character
		cjk  []rune // the CJK run being read, normalised
		at   []int  // where each of its characters is in text
	)
	flushWord := func() {
		if len(word) > 0 {
			out = append(out, Token{Term: string(word), Start: ws, Len: we - ws})
			word = word[:0]
		}
	}
	flushCJK := func() {
		if len(cjk) == 1 {
			out = append(out, Token{Term: string(cjk), Start: at[0], Len: 1})
		}
		for i := 0; i+1 < len(cjk); i++ {
			out = append(out, Token{Term: string(cjk[i : i+2]), Start: at[i], Len: at[i+1] - at[i] + 1})
		}
		cjk, at = cjk[:0], at[:0]
	}
	i := 0
	for _, r := range text {
		// NFKC per character keeps places countable in the original text;
		// one character may become several (½ is 1⁄2).
		for _, n := range norm.NFKC.String(string(r)) {
			switch {
			case isCJK(n):
				flushWord()
				cjk, at = append(cjk, n), append(at, i)
			case unicode.IsLetter(n) || unicode.IsDigit(n) || unicode.Is(unicode.Mn, n):
				flushCJK()
				if len(word) == 0 {
					if unicode.Is(unicode.Mn, n) {
						continue // a mark with no letter to go on
					}
					ws = i
				}
				word, we = append(word, unicode.ToLower(n)), i+1
			default:
				flushWord()
				flushCJK()
			}
		}
		i++
	}
	flushWord()
	flushCJK()
	return out
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
