package accounts

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/spreadsheet"
)

// The statement as CSV, like the other exports: UTF-8 with a byte order
// mark (so that spreadsheet programs read Chinese right), a header row,
// money written plain with a dot ("125000.00"), dates as YYYY-MM-DD, an
// empty cell for nothing, and codes rather than words (the kind), which
// the reader's spreadsheet or the portal puts in its language.

// StatementHeader is the first row of a statement CSV.
var StatementHeader = []string{"date", "kind", "reference", "order number", "shipment number", "reason", "due date", "debit", "credit", "balance"}

// The kinds of the first and last rows, besides the lines' LineKind.
const (
	OpeningBalance = "OPENING_BALANCE"
	ClosingBalance = "CLOSING_BALANCE"
	// What is open under disputes at the end, when anything is: owed but
	// not counted as overdue.
	Disputed = "DISPUTED"
)

// StatementCSV is Statement as CSV: the opening balance at from, a row per
// line with the balance after it, and the closing balance at to.
func (s *Service) StatementCSV(ctx context.Context, dealerID int, from, to time.Time) (string, error) {
	st, err := s.Statement(ctx, dealerID, from, to)
	if err != nil {
		return "", err
	}
	return WriteStatementCSV(st), nil
}

// WriteStatementCSV writes st as CSV.
func WriteStatementCSV(st *Statement) string {
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	opt := func(s *string) string {
		if s == nil {
			return ""
		}
		return spreadsheet.Text(*s)
	}
	amount := func(v int64) string {
		if v == 0 {
			return ""
		}
		return money.Format(v)
	}
	rows := [][]string{StatementHeader, {day(st.From), OpeningBalance, "", "", "", "", "", "", "", money.Format(st.OpeningBalance)}}
	for _, l := range st.Lines {
		due := ""
		if l.DueOn != nil {
			due = day(*l.DueOn)
		}
		rows = append(rows, []string{
			day(l.Date), string(l.Kind), spreadsheet.Text(l.Reference), opt(l.OrderNumber), opt(l.ShipmentNumber), opt(l.Reason), due,
			amount(l.Debit), amount(l.Credit), money.Format(l.Balance),
		})
	}
	rows = append(rows, []string{day(st.To), ClosingBalance, "", "", "", "", "", "", "", money.Format(st.ClosingBalance)})
	if st.Ageing != nil && st.Ageing.Disputed > 0 {
		rows = append(rows, []string{day(st.To), Disputed, "", "", "", "", "", "", "", money.Format(st.Ageing.Disputed)})
	}
	return spreadsheet.CSV(rows)
}
