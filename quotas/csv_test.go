package quotas_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/quotas"
)

const head = "dealer code,month,amount\n"

func TestParseCSV(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		rows       int
		problems   string // line:field of each problem
	}{
		{"good", head + "D-1,2026-07,125000.00\nD-1,2026-08,0\n\nD-2,2026-07,1.5\n", 3, ""},
		{"header only", head, 0, ""},
		{"header with BOM, CRLF and spaces", "\ufeff Dealer code , MONTH,amount\r\nD-1, 2026-07 , 3 \r\n", 1, ""},
		{"quoted", head + "\"D,1\",2026-07,\"1.00\"\n", 1, ""},
		{"empty file", "", 0, "1:row"},
		{"no header", "D-1,2026-07,1\nD-2,2026-07,1\n", 0, "1:row"},
		{"every bad row", head + "D-1,2026-07,1\n,2026-07,1\nD-2,2026-Q3,1\nD-3,2026,x\nD-4,2026-13,-5\nD-5,2026-07,1.234\nD-6,2026-07\nD-7,2026-07,1,extra\nD-1,2026-07,2\nD-8,2026-07,10000000000.01\n",
			0, "3:dealer code 4:month 5:month 5:amount 6:month 6:amount 7:amount 8:row 9:row 10:month 11:amount"},
		{"control character and bidi override", head + "D\x01X,2026-07,1\nD\u202eX,2026-07,1\n", 0, "2:dealer code 3:dealer code"},
		{"too long a code", head + strings.Repeat("X", quotas.MaxCode+1) + ",2026-07,1\n", 0, "2:dealer code"},
		{"broken quote", head + "D-1,2026-07,1\n\"D-2,2026-07,1\n", 0, "3:row"},
		{"not UTF-8", head + "D-\xff,2026-07,1\n", 0, "1:row"},
		{"multi-line quoted field names its first line", head + "\"D\n1\",2026-07,1\nD-2,2026-13,1\n", 0, "2:dealer code 4:month"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, problems := quotas.ParseCSV(tc.text)
			var got []string
			for _, p := range problems {
				got = append(got, fmt.Sprintf("%d:%s", p.Line, p.Field))
			}
			if strings.Join(got, " ") != tc.problems || len(rows) != tc.rows {
				t.Errorf("%d rows, problems %q; want %d rows, %q (%+v)", len(rows), got, tc.rows, tc.problems, problems)
			}
		})
	}
	rows, _ := quotas.ParseCSV(head + "D-1,2026-07,125000.5\n")
	if len(rows) != 1 || rows[0] != (quotas.Row{Line: 2, DealerCode: "D-1", Month: period.MustParse("2026-07"), Amount: 125000_50}) {
		t.Errorf("row %+v", rows)
	}
}

// A file is bounded: more than MaxRows rows, or more than MaxCSVBytes, is
// refused without reading on.
func TestParseCSV_Limits(t *testing.T) {
	var b strings.Builder
	b.WriteString(head)
	for i := 0; i <= quotas.MaxRows; i++ {
		fmt.Fprintf(&b, "D-%d,2026-07,1\n", i)
	}
	rows, problems := quotas.ParseCSV(b.String())
	if rows != nil || len(problems) != 1 || problems[0].Line != quotas.MaxRows+2 {
		t.Errorf("%d rows: %d rows, problems %+v", quotas.MaxRows+1, len(rows), problems)
	}
	_, problems = quotas.ParseCSV(head + strings.Repeat("x", quotas.MaxCSVBytes))
	if len(problems) != 1 || problems[0].Field != quotas.ColRow {
		t.Errorf("too large: %+v", problems)
	}
}

// Quota files come from outside: reading one never fails otherwise than
// with problems, each on a line of the file naming a column; the rows read
// are good quotas, each written back and read again as itself.
func FuzzQuotaCSV(f *testing.F) {
	for _, s := range []string{
		head + "D-NORTH,2026-07,125000.00\n",
		head + "D-1,2026-07,1\nD-1,2026-07,2\n",
		"\ufeffdealer code,month,amount\r\nD-1,2026-Q3,1\r\n",
		head + "\"D-1,2026-07,1\n",
		head + "D-1,2026-07,-0\n",
		head + "D-1,2026-07,92233720368547758.07\n",
		head + "D\u202e1,2026-07,1\n",
		head + "D\x001,2026-07,1\n",
		head + "\xff\xfe,2026-07,1\n",
		head + "=cmd|' /C calc'!A0,2026-07,1\n",
		head + "D-1,0000-07,1\n",
		head + "\"a\"\"b\",2026-12,0.01\n",
		"dealer code;month;amount\nD-1;2026-07;1\n",
		"",
		"\n\n\n",
	} {
		f.Add(s)
	}
	fields := map[string]bool{quotas.ColDealerCode: true, quotas.ColMonth: true, quotas.ColAmount: true, quotas.ColRow: true}
	f.Fuzz(func(t *testing.T, text string) {
		rows, problems := quotas.ParseCSV(text)
		if len(problems) > 0 {
			if rows != nil {
				t.Fatalf("rows and problems both: %d rows", len(rows))
			}
			lines := strings.Count(text, "\n") + 1
			for _, p := range problems {
				if p.Line < 1 || p.Line > lines || !fields[p.Field] || p.Message == "" || !utf8.ValidString(p.Message) {
					t.Fatalf("bad problem %+v (of %d lines)", p, lines)
				}
			}
			return
		}
		last := 1
		for _, r := range rows {
			if r.Line <= last || r.Month.Kind() != period.Month || r.Amount < 0 || r.Amount > money.Max ||
				r.DealerCode == "" || apperr.Line(r.DealerCode) != nil || strings.TrimSpace(r.DealerCode) != r.DealerCode {
				t.Fatalf("bad row %+v", r)
			}
			last = r.Line
		}
		again, problems := quotas.ParseCSV(quotas.WriteCSV(rows))
		if len(problems) > 0 || len(again) != len(rows) {
			t.Fatalf("written back: %d rows, problems %+v; want %d rows", len(again), problems, len(rows))
		}
		for i := range rows {
			a, b := rows[i], again[i]
			if a.DealerCode != b.DealerCode || a.Month != b.Month || a.Amount != b.Amount {
				t.Fatalf("row %d written back as %+v; was %+v", i, b, a)
			}
		}
	})
}
