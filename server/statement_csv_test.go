package server_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/server"
)

// TestAccountStatementCSV: the statement as CSV, exact for a small
// account (an invoice, a payment whose reference a spreadsheet would run
// as a formula, a credit note whose reason needs quoting), for whoever may
// read the statement and refused like it to others.
func TestAccountStatementCSV(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		acct := newAccount(t, m, admin, "D-CSV", 30)
		o := placeConfirmed(t, acct.dealer, manager, 2)
		s := createShipment(t, manager, o.ID, o.Lines[0].ID, 2)
		s = deliveryEvent(t, manager, s.ID, "IN_TRANSIT", "Shanghai hub")
		inv := *s.Invoice
		manager.mustQuery(t, `mutation($d: ID!, $at: Time!) { recordPayment(input: {dealerID: $d, amount: "10.00", receivedAt: $at, reference: "=BANK-1"}) { id } }`,
			map[string]any{"d": acct.dealerID, "at": time.Now().Format(time.RFC3339)}, &struct{}{})
		var cn struct{ IssueCreditNote struct{ Number string } }
		manager.mustQuery(t, `mutation($d: ID!) { issueCreditNote(input: {dealerID: $d, amount: "5.00", reason: "Damaged, \"one box\""}) { number } }`,
			map[string]any{"d": acct.dealerID}, &cn)

		today := mustDate(t, inv.IssuedOn)
		from := today.AddDate(0, 0, -1)
		amount := mustMoney(t, inv.Amount)
		want := "\ufeffdate,kind,reference,order number,shipment number,reason,due date,debit,credit,balance\n" +
			fmt.Sprintf("%s,OPENING_BALANCE,,,,,,,,0.00\n", from.Format(time.DateOnly)) +
			fmt.Sprintf("%s,INVOICE,%s,%s,%s,,%s,%s,,%s\n", inv.IssuedOn, inv.Number, o.Number, s.Number, inv.DueOn, inv.Amount, inv.Amount) +
			fmt.Sprintf("%s,PAYMENT,'=BANK-1,,,,,,10.00,%s\n", inv.IssuedOn, money.Format(amount-1000)) +
			fmt.Sprintf("%s,CREDIT_NOTE,%s,,,\"Damaged, \"\"one box\"\"\",,,5.00,%s\n", inv.IssuedOn, cn.IssueCreditNote.Number, money.Format(amount-1500)) +
			fmt.Sprintf("%s,CLOSING_BALANCE,,,,,,,,%s\n", inv.IssuedOn, money.Format(amount-1500))

		q := `query($d: ID!, $from: Date!, $to: Date!) { accountStatementCSV(dealerID: $d, from: $from, to: $to) }`
		vars := map[string]any{"d": acct.dealerID, "from": from.Format(time.DateOnly), "to": inv.IssuedOn}
		for _, c := range []client{acct.dealer, manager, admin} {
			var got struct{ AccountStatementCSV string }
			c.mustQuery(t, q, vars, &got)
			if got.AccountStatementCSV != want {
				t.Errorf("CSV:\n%q\nwant\n%q", got.AccountStatementCSV, want)
			}
		}
		// Refused as the statement is: another dealer's user, another
		// channel's manager, a period that ends before it starts.
		for _, c := range []client{signIn(t, m, "south@demo.test"), signIn(t, m, "keys@demo.test")} {
			r := c.query(t, q, vars)
			st := c.query(t, statementQuery, vars)
			if r.code() == "" || r.code() != st.code() || string(r.Data) != "null" {
				t.Errorf("a foreign dealer's CSV: %s %+v, its statement %+v", r.Data, r.Errors, st.Errors)
			}
		}
		refusedInput(t, manager.query(t, q, map[string]any{"d": acct.dealerID, "from": inv.IssuedOn, "to": from.Format(time.DateOnly)}), "to")
	})
}
