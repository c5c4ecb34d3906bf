package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SnippetLen is about how many characters a snippet has.
const SnippetLen = 160

// Snippet is the plain text a hit shows: title and body on one line, cut to
// about SnippetLen characters around the first term of the query found in
// it, with the ranges of every query term found, in characters of the
// snippet. Terms are found as the index found them: the text's tokens
// (Tokens) equal to a term, or starting with the last.
func Snippet(title, body string, terms []string) (string, []Range) {
	text := strings.Join(strings.Fields(title), " ")
	if b := strings.Join(strings.Fields(body), " "); b != "" {
		text += " · " + b
	}
	toks := Tokens(text)
	found := func(t Token) (int, bool) { return matchLen(t, terms) }

	runes := []rune(text)
	start, end := 0, len(runes)
	if len(runes) > SnippetLen {
		first := slices.IndexFunc(toks, func(t Token) bool { _, ok := found(t); return ok })
		if first >= 0 {
			// Some context before the match, and the rest after it.
			start = max(0, toks[first].Start-SnippetLen/4)
		}
		end = min(len(runes), start+SnippetLen)
		start = max(0, end-SnippetLen)
		start, end = wordEdges(runes, start, end)
	}
	var sb strings.Builder
	lead := 0
	if start > 0 {
		sb.WriteString("…")
		lead = 1
	}
	sb.WriteString(string(runes[start:end]))
	if end < len(runes) {
		sb.WriteString("…")
	}

	var marks []Range
	for _, t := range toks {
		n, ok := found(t)
		if !ok || t.Start < start || t.Start+t.Len > end {
			continue
		}
		r := Range{Start: t.Start - start + lead, Len: n}
		// Overlapping pairs of one Chinese phrase make one range.
		if k := len(marks) - 1; k >= 0 && r.Start <= marks[k].Start+marks[k].Len {
			marks[k].Len = max(marks[k].Len, r.Start+r.Len-marks[k].Start)
			continue
		}
		marks = append(marks, r)
	}
	return sb.String(), marks
}

// matchLen reports whether token t is one of terms (or starts with the
// last, a prefix) and how many of its characters to mark: all of a word,
// the characters typed of a Chinese pair.
func matchLen(t Token, terms []string) (int, bool) {
	if len(terms) == 0 {
		return 0, false
	}
	if slices.Contains(terms, t.Term) {
		return t.Len, true
	}
	last := terms[len(terms)-1]
	if !strings.HasPrefix(t.Term, last) {
		return 0, false
	}
	if r, _ := utf8.DecodeRuneInString(t.Term); isCJK(r) {
		return min(t.Len, utf8.RuneCountInString(last)), true
	}
	return t.Len, true
}

// wordEdges moves a cut that falls inside a word of an alphabetic script
// to the word's edge, within a few characters.
func wordEdges(runes []rune, start, end int) (int, int) {
	inWord := func(i int) bool {
		return i > 0 && i < len(runes) && isWordRune(runes[i-1]) && isWordRune(runes[i])
	}
	for k := 0; k < 12 && inWord(start) && start < end; k++ {
		start++
	}
	for k := 0; k < 12 && inWord(end) && end > start; k++ {
		end--
	}
	return start, end
}

func isWordRune(r rune) bool {
	return !isCJK(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
