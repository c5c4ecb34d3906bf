package stock

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseCSV_Separators(t *testing.T) {
	for name, text := range map[string]string{
		"comma with header":       "SKU,On hand,Lead time days\nDRL-18V,40,21\nSAW-7, 0 ,\n",
		"tab from a spreadsheet":  "DRL-18V\t40\t21\r\nSAW-7\t0.0\t\t\r\n",
		"semicolon, Chinese head": "货号;库存;交货天数\nDRL-18V;40;21\nSAW-7;0\n",
		"bom and blank lines":     "\ufeff\nDRL-18V,40,21\n\n\"SAW-7\",\"0\"\n",
	} {
		rows, problems := ParseCSV(text)
		if len(problems) > 0 || len(rows) != 2 {
			t.Errorf("%s: %+v %+v", name, rows, problems)
			continue
		}
		if r := rows[0]; r.SKU != "DRL-18V" || r.OnHand != 40 || r.LeadTimeDays == nil || *r.LeadTimeDays != 21 {
			t.Errorf("%s: first row %+v", name, r)
		}
		if r := rows[1]; r.SKU != "SAW-7" || r.OnHand != 0 || r.LeadTimeDays != nil {
			t.Errorf("%s: second row %+v", name, r)
		}
	}
}

// Every bad row is named with its line and column, and none of the rows
// is returned: a file is taken whole or not at all.
func TestParseCSV_EveryProblem(t *testing.T) {
	text := strings.Join([]string{
		"sku,on hand,lead time days",
		"A-1,10",        // 2: good
		"A-2,-3",        // 3: negative
		"A-3,1.5",       // 4: a fraction
		",7",            // 5: no SKU
		"A-4,5,400",     // 6: lead time too long
		"a-1,9",         // 7: the same SKU again
		"A-5",           // 8: no count
		"A-6,1,2,3",     // 9: too many columns
		"A-7,100000001", // 10: over the warehouse's most
		"A-8,1\u0007",   // 11: a control character
		"A-9,3,7",       // 12: good
	}, "\n")
	rows, problems := ParseCSV(text)
	if rows != nil {
		t.Errorf("rows of a bad file: %+v", rows)
	}
	want := map[int]string{3: ColOnHand, 4: ColOnHand, 5: ColSKU, 6: ColLeadTime, 7: ColSKU, 8: ColRow, 9: ColRow, 10: ColOnHand, 11: ColOnHand}
	got := map[int]string{}
	for _, p := range problems {
		got[p.Line] = p.Field
		if p.Message == "" {
			t.Errorf("line %d: no message", p.Line)
		}
	}
	for line, field := range want {
		if got[line] != field {
			t.Errorf("line %d: field %q, want %q (%+v)", line, got[line], field, problems)
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems on lines %v, want %v", got, want)
	}
}

func TestParseCSV_Limits(t *testing.T) {
	if _, p := ParseCSV(""); len(p) != 1 || p[0].Field != ColRow {
		t.Errorf("empty file: %+v", p)
	}
	if _, p := ParseCSV("sku,on hand\n"); len(p) != 1 {
		t.Errorf("header only: %+v", p)
	}
	if _, p := ParseCSV("A,1\n\xff\n"); len(p) != 1 || !strings.Contains(p[0].Message, "UTF-8") {
		t.Errorf("not UTF-8: %+v", p)
	}
	if _, p := ParseCSV(strings.Repeat("x", MaxCSVBytes+1)); len(p) != 1 {
		t.Errorf("too large: %+v", p)
	}
	var b strings.Builder
	for i := range MaxRows + 1 {
		b.WriteString("S-")
		b.WriteString(strings.Repeat("x", i%5))
		b.WriteString(",1\n")
	}
	if _, p := ParseCSV(b.String()); len(p) == 0 {
		t.Error("a file over the row limit was taken")
	}
	if _, p := ParseCSV("A,\"1\nB,2\n"); len(p) != 1 || p[0].Field != ColRow {
		t.Errorf("broken quote: %+v", p)
	}
}

// FuzzStockCSV: whatever the text, the reader neither panics nor returns
// both rows and problems, and every row it returns is within the limits
// the warehouse keeps.
func FuzzStockCSV(f *testing.F) {
	for _, s := range []string{
		"SKU,On hand,Lead time days\nDRL-18V,40,21\n",
		"DRL-18V\t40\t21\r\nSAW-7\t0.0\n",
		"货号;库存\nA;1\n",
		"A,\"1\nB,2",
		"\ufeffa,1\nA,2\n",
		",,,\n\n,1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rows, problems := ParseCSV(text)
		if len(rows) > 0 && len(problems) > 0 {
			t.Fatalf("rows and problems both: %v %v", rows, problems)
		}
		if len(rows) == 0 && len(problems) == 0 {
			t.Fatalf("neither rows nor problems for %q", text)
		}
		seen := map[string]bool{}
		for _, r := range rows {
			key := strings.ToUpper(r.SKU)
			if r.SKU == "" || utf8.RuneCountInString(r.SKU) > MaxSKU || seen[key] {
				t.Fatalf("bad SKU %q", r.SKU)
			}
			seen[key] = true
			if r.OnHand < 0 || r.OnHand > MaxOnHand {
				t.Fatalf("on hand %d", r.OnHand)
			}
			if r.LeadTimeDays != nil && (*r.LeadTimeDays < 0 || *r.LeadTimeDays > MaxLeadTimeDays) {
				t.Fatalf("lead time %d", *r.LeadTimeDays)
			}
		}
		for _, p := range problems {
			if p.Line < 1 || p.Message == "" || !utf8.ValidString(p.Message) {
				t.Fatalf("problem %+v", p)
			}
		}
	})
}
