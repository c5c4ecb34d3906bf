package quotas

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/clip"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
)

// Limits of a quota CSV: a file holds at most MaxRows rows (three years of
// months for over a hundred dealers) and MaxCSVBytes bytes, so that reading
// one is bounded work.
const (
	MaxRows     = 5000
	MaxCSVBytes = 512 << 10
	// MaxCode is the longest dealer code a row may name.
	MaxCode = 64
)

// The columns of a quota CSV, as its header names them and as its row
// problems name the field at fault.
const (
	ColDealerCode = "dealer code"
	ColMonth      = "month"
	ColAmount     = "amount"
	// ColRow names a problem with the row as a whole (its columns).
	ColRow = "row"
)

// Header is the first row of every quota CSV.
var Header = []string{ColDealerCode, ColMonth, ColAmount}

// Row is one quota of a CSV: a dealer, by code, and a month's amount.
type Row struct {
	Line       int
	DealerCode string
	Month      period.Period
	Amount     int64
}

// ParseCSV reads a quota CSV: a header row (dealer code, month, amount),
// then one quota a row. It returns the rows when every one is good, or
// every problem found (none of the rows then): a file is taken in whole
// or not at all. It never fails otherwise: the text comes from outside.
func ParseCSV(text string) ([]Row, []apperr.RowProblem) {
	rows, problems := parse(text)
	if len(problems) > 0 {
		return nil, problems
	}
	return rows, nil
}

// parse is ParseCSV returning the good rows beside the problems, so that
// an import can report the unknown dealers of the good rows too.
func parse(text string) ([]Row, []apperr.RowProblem) {
	if len(text) > MaxCSVBytes {
		return nil, []apperr.RowProblem{{Line: 1, Field: ColRow, Message: fmt.Sprintf("the file is larger than %d KiB: split it", MaxCSVBytes>>10)}}
	}
	if !utf8.ValidString(text) {
		return nil, []apperr.RowProblem{{Line: 1, Field: ColRow, Message: "the file is not UTF-8 text"}}
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff")))
	r.FieldsPerRecord = -1 // counted here, to say which row is short
	r.ReuseRecord = false
	var (
		rows     []Row
		problems []apperr.RowProblem
		header   = true
		seen     = map[string]int{} // dealer code and month → line
	)
	bad := func(line int, field, format string, args ...any) {
		problems = append(problems, apperr.RowProblem{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	for n := 0; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// The reader cannot be trusted past a broken quote: stop here.
			line := 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			bad(line, ColRow, "the row is not valid CSV (%v)", errors.Unwrap(err))
			break
		}
		line, _ := r.FieldPos(0)
		if header {
			header = false
			if !isHeader(rec) {
				bad(line, ColRow, "the first row must be the header: dealer code,month,amount")
			}
			continue
		}
		if n > MaxRows {
			bad(line, ColRow, "a file holds at most %d rows: split it", MaxRows)
			break
		}
		if len(rec) != 3 {
			bad(line, ColRow, "a row has 3 columns (dealer code, month, amount), this one %d", len(rec))
			continue
		}
		row, ok := Row{Line: line}, true
		code := strings.TrimSpace(rec[0])
		switch {
		case code == "":
			bad(line, ColDealerCode, "the dealer code is missing")
			ok = false
		case apperr.Line(code) != nil:
			bad(line, ColDealerCode, "the dealer code %v", apperr.Line(code))
			ok = false
		case utf8.RuneCountInString(code) > MaxCode:
			bad(line, ColDealerCode, "a dealer code has at most %d characters", MaxCode)
			ok = false
		}
		row.DealerCode = code
		m, err := period.Parse(strings.TrimSpace(rec[1]))
		switch {
		case err != nil || m.Kind() != period.Month:
			bad(line, ColMonth, "%q is not a month: write it like 2026-07", clip.To(rec[1], 40))
			ok = false
		}
		row.Month = m
		amount, err := money.Parse(strings.TrimSpace(rec[2]))
		switch {
		case err != nil:
			bad(line, ColAmount, "%q is not an amount: write it like 125000.00", clip.To(rec[2], 40))
			ok = false
		case amount < 0:
			bad(line, ColAmount, "a quota is 0 or more")
			ok = false
		case amount > money.Max:
			bad(line, ColAmount, "a quota is at most %s", money.Format(money.Max))
			ok = false
		}
		row.Amount = amount
		if !ok {
			continue
		}
		key := code + "\x00" + m.String()
		if first, dup := seen[key]; dup {
			bad(line, ColMonth, "%s %s is on line %d already", code, m, first)
			continue
		}
		seen[key] = line
		rows = append(rows, row)
	}
	if header { // nothing at all
		bad(1, ColRow, "the file is empty: it needs the header row dealer code,month,amount")
	}
	return rows, problems
}

func isHeader(rec []string) bool {
	if len(rec) != len(Header) {
		return false
	}
	for i, h := range Header {
		if !strings.EqualFold(strings.TrimSpace(rec[i]), h) {
			return false
		}
	}
	return true
}

// WriteCSV writes rows as a quota CSV with its header, amounts written
// like Money ("125000.00"), which ParseCSV reads back as the same rows.
func WriteCSV(rows []Row) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(Header)
	for _, r := range rows {
		w.Write([]string{r.DealerCode, r.Month.String(), money.Format(r.Amount)})
	}
	w.Flush()
	return b.String()
}
