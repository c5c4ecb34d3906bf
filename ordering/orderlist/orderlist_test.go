package orderlist

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRead(t *testing.T) {
	text := "\uFEFFSKU,Quantity\r\n" +
		"SKU-1, 5\r\n" +
		"\r\n" +
		"\"SKU-2\";\"12\"\n" +
		"SKU-3\t7\t(a description)\n" +
		"SKU-4\tseven\n" +
		"sku-1,2\n" +
		"   \t  \n" +
		"SKU-5\n" +
		",3\n" +
		"SKU-6 4.0\n" +
		"SKU-7,0\n" +
		"SKU-8,1001\n" +
		"SKU-9,1,000\n"
	rows, problems, err := Read(text, 1000)
	if err != nil {
		t.Fatal(err)
	}
	wantRows := []Row{
		{Line: 2, Text: "SKU-1, 5", SKU: "SKU-1", Quantity: 5},
		{Line: 4, Text: `"SKU-2";"12"`, SKU: "SKU-2", Quantity: 12},
		{Line: 5, Text: "SKU-3\t7\t(a description)", SKU: "SKU-3", Quantity: 7},
		{Line: 11, Text: "SKU-6 4.0", SKU: "SKU-6", Quantity: 4},
		{Line: 14, Text: "SKU-9,1,000", SKU: "SKU-9", Quantity: 1},
	}
	if !reflect.DeepEqual(rows, wantRows) {
		t.Errorf("rows = %+v\nwant %+v", rows, wantRows)
	}
	wantProblems := []Problem{
		{Line: 6, Text: "SKU-4\tseven", Reason: BadQuantity},
		{Line: 7, Text: "sku-1,2", Reason: DuplicateSKU},
		{Line: 9, Text: "SKU-5", Reason: BadQuantity},
		{Line: 10, Text: ",3", Reason: UnknownSKU},
		{Line: 12, Text: "SKU-7,0", Reason: BadQuantity},
		{Line: 13, Text: "SKU-8,1001", Reason: BadQuantity},
	}
	if !reflect.DeepEqual(problems, wantProblems) {
		t.Errorf("problems = %+v\nwant %+v", problems, wantProblems)
	}
}

func TestReadHeaderOnlyWhenNamed(t *testing.T) {
	// A first line with a bad quantity is a bad line, not a header.
	rows, problems, err := Read("SKU-1,x\nSKU-2,3", 10)
	if err != nil || len(rows) != 1 || len(problems) != 1 || problems[0].Line != 1 {
		t.Fatalf("rows %+v problems %+v err %v", rows, problems, err)
	}
	rows, problems, _ = Read("货号\t数量\nSKU-2\t3", 10)
	if len(rows) != 1 || len(problems) != 0 || rows[0].Line != 2 {
		t.Fatalf("a Chinese header: rows %+v problems %+v", rows, problems)
	}
}

func TestReadLimits(t *testing.T) {
	var tl *TooLong
	if _, _, err := Read(strings.Repeat("A,1\n", MaxLines+1), 10); !errors.As(err, &tl) {
		t.Errorf("%d lines: err = %v", MaxLines+1, err)
	}
	if _, _, err := Read(strings.Repeat("A,1\n", MaxLines)+"\n\n\n", 10); err != nil {
		t.Errorf("%d lines and blank ones: %v", MaxLines, err)
	}
	if _, _, err := Read(strings.Repeat("x", MaxBytes+1), 10); !errors.As(err, &tl) {
		t.Errorf("%d bytes: err = %v", MaxBytes+1, err)
	}
}

// FuzzRead: any text is read without panicking, within the limits, and
// every non-blank line but a header lands once in rows or problems, with
// valid quantities and text.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"SKU,Qty\nA-1,2\nB\t3\n", "\uFEFF\"A\";\"1\"\r\n\r\n", "a b c\n,,,\n\t\t", "\"unterminated,5\n", "A,1.000\nB,-1\nC,+2\nD,٣",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rows, problems, err := Read(text, 500)
		if err != nil {
			if rows != nil || problems != nil {
				t.Fatal("a refused list returned lines")
			}
			return
		}
		seen := map[int]bool{}
		nonBlank := 0
		for i, l := range strings.Split(strings.TrimPrefix(text, "\uFEFF"), "\n") {
			if len(split(strings.ToValidUTF8(strings.TrimRight(l, "\r"), "\uFFFD"))) > 0 {
				nonBlank++
				seen[i+1] = false
			}
		}
		mark := func(line int, text string) {
			was, ok := seen[line]
			if !ok || was {
				t.Fatalf("line %d reported twice or is blank", line)
			}
			seen[line] = true
			if !utf8.ValidString(text) || utf8.RuneCountInString(text) > maxText {
				t.Fatalf("line %d: text %q", line, text)
			}
		}
		for _, r := range rows {
			mark(r.Line, r.Text)
			if r.Quantity < 1 || r.Quantity > 500 || r.SKU == "" {
				t.Fatalf("row %+v", r)
			}
		}
		for _, p := range problems {
			mark(p.Line, p.Text)
		}
		if got := len(rows) + len(problems); got != nonBlank && got != nonBlank-1 {
			t.Fatalf("%d non-blank lines, %d read", nonBlank, got)
		}
	})
}
