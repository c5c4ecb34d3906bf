package server_test

import (
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// TestHostile_AmountsBeyondTheMaximum replays the probe that broke a
// statement for good: a payment of 92233720368547757.00 was accepted, and
// from then on the dealer's statement overflowed. Every money input is now
// at most money.Max (10,000,000,000.00): the probe's request and its kin
// are refused with the field at fault, change nothing, and the statement
// still answers.
func TestHostile_AmountsBeyondTheMaximum(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		acct := newAccount(t, m, admin, "D-HUGE", 30)
		o := placeConfirmed(t, acct.dealer, manager, 2)
		s := createShipment(t, manager, o.ID, o.Lines[0].ID, 2)
		inv := deliveryEvent(t, manager, s.ID, "IN_TRANSIT", "Shanghai hub").Invoice
		today := time.Now().UTC()
		from, to := today.AddDate(0, -1, 0), today.AddDate(0, 0, 1)
		before, _ := statement(t, manager, acct.dealerID, from, to)

		const probe = "92233720368547757.00"
		vars := map[string]any{"d": acct.dealerID, "inv": inv.ID, "at": today.Add(-time.Minute).Format(time.RFC3339)}
		for _, tc := range []struct {
			name, query, field string
		}{
			{"TheProbesPayment", `mutation($d: ID!, $at: Time!) { recordPayment(input: {dealerID: $d, amount: "` + probe + `", receivedAt: $at, reference: "PROBE"}) { id } }`, "amount"},
			{"JustOverTheMaximum", `mutation($d: ID!, $at: Time!) { recordPayment(input: {dealerID: $d, amount: "10000000000.01", receivedAt: $at, reference: "PROBE"}) { id } }`, "amount"},
			{"AsAWholeNumber", `mutation($d: ID!, $at: Time!) { recordPayment(input: {dealerID: $d, amount: 92233720368547757, receivedAt: $at, reference: "PROBE"}) { id } }`, "amount"},
			{"NegativeBeyond", `mutation($d: ID!, $at: Time!) { recordPayment(input: {dealerID: $d, amount: "-` + probe + `", receivedAt: $at, reference: "PROBE"}) { id } }`, "amount"},
			{"Allocation", `mutation($d: ID!, $at: Time!, $inv: ID!) { recordPayment(input: {dealerID: $d, amount: "1.00", receivedAt: $at, reference: "PROBE",
				allocations: [{invoiceID: $inv, amount: "` + probe + `"}]}) { id } }`, "allocations[0].amount"},
			{"CreditNote", `mutation($d: ID!) { issueCreditNote(input: {dealerID: $d, amount: "` + probe + `", reason: "probe"}) { id } }`, "amount"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				refused(t, admin, manager, "INVALID_INPUT", tc.field, tc.query, vars)
			})
		}
		t.Run("TheProbesPaymentInAVariable", func(t *testing.T) { // as apps send amounts
			refused(t, admin, manager, "INVALID_INPUT", "amount",
				`mutation($d: ID!, $at: Time!, $a: Money!) { recordPayment(input: {dealerID: $d, amount: $a, receivedAt: $at, reference: "PROBE"}) { id } }`,
				map[string]any{"d": acct.dealerID, "at": vars["at"], "a": probe})
		})

		// Prices, unit costs and credit limits: every sum of them stays in
		// range too.
		counts := func() (dealers, products int, dealer string) {
			var got struct {
				Dealers  struct{ TotalCount int }
				Products struct{ TotalCount int }
				Node     struct{ CreditLimit string }
			}
			admin.mustQuery(t, `query($d: ID!) { dealers { totalCount } products { totalCount } node(id: $d) { ... on Dealer { creditLimit } } }`,
				map[string]any{"d": acct.dealerID}, &got)
			return got.Dealers.TotalCount, got.Products.TotalCount, got.Node.CreditLimit
		}
		d0, p0, limit0 := counts()
		for _, tc := range []struct {
			name, query, field string
		}{
			{"CreditLimit", `mutation($d: ID!) { updateDealer(id: $d, input: {creditLimit: "` + probe + `"}) { id } }`, "creditLimit"},
			{"UnitCost", `mutation { createProduct(input: {sku: "HUGE", name: "Huge", unitCost: "` + probe + `", listPrice: "1.00"}) { id } }`, "unitCost"},
			{"ListPrice", `mutation { createProduct(input: {sku: "HUGE", name: "Huge", unitCost: "1.00", listPrice: "` + probe + `"}) { id } }`, "listPrice"},
			{"Price", `mutation($p: ID!) { createPrice(input: {tier: 2, amount: "` + probe + `", validFrom: "2031-01-01", productID: $p}) { id } }`, "amount"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := admin.query(t, tc.query, map[string]any{"d": acct.dealerID, "p": productOf(t, admin)})
				if got := r.code(); got != "INVALID_INPUT" {
					t.Fatalf("code = %q, want INVALID_INPUT (%+v)", got, r.Errors)
				}
				if got, _ := r.Errors[0].Extensions["field"].(string); got != tc.field {
					t.Errorf("field = %q, want %q (%s)", got, tc.field, r.Errors[0].Message)
				}
				if d, p, limit := counts(); d != d0 || p != p0 || limit != limit0 {
					t.Errorf("changed: dealers %d→%d, products %d→%d, credit limit %s→%s", d0, d, p0, p, limit0, limit)
				}
			})
		}

		// The statement still answers, the same for the dealer and the
		// manager, and as before the probe.
		for _, c := range []client{manager, acct.dealer, admin} {
			if after, _ := statement(t, c, acct.dealerID, from, to); after.ClosingBalance != before.ClosingBalance || after.Paid != before.Paid {
				t.Errorf("statement after the probe = %+v, want as before %+v", after, before)
			}
		}
		// The largest amount is accepted, and the statement adds it up.
		var paid struct{ RecordPayment struct{ Amount string } }
		manager.mustQuery(t, `mutation($d: ID!, $at: Time!) { recordPayment(input: {dealerID: $d, amount: "10000000000.00", receivedAt: $at, reference: "LARGEST"}) { amount } }`,
			vars, &paid)
		after, _ := statement(t, acct.dealer, acct.dealerID, from, to)
		if got, want := mustMoney(t, after.ClosingBalance), mustMoney(t, before.ClosingBalance)-10_000_000_000_00; got != want {
			t.Errorf("closing balance after the largest payment = %s, want %d minor units", after.ClosingBalance, want)
		}
	})
}
