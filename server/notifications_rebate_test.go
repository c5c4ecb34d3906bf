package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// TestNotifications_RebateTierReached: an invoice that takes a dealer's
// invoiced sales of the month past a tier of its program tells that
// dealer's users once (not its distributor's); a second invoice in the
// same tier tells nothing more.
func TestNotifications_RebateTierReached(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		cat := loadCatalogue(t, admin)

		name := fmt.Sprintf("Tier news %d", time.Now().UnixNano())
		var created struct{ CreateRebateProgram struct{ ID string } }
		admin.mustQuery(t, `mutation($in: RebateProgramInput!) { createRebateProgram(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"name": name, "audience": map[string]any{"dealerIDs": []string{cat.south}}, "periodKind": "MONTH",
			"firstPeriod": time.Now().Format("2006-01"), "tierMode": "RETROACTIVE",
			"tiers": []map[string]any{{"threshold": "0.01", "rateBasisPoints": 150}, {"threshold": "99999999.00", "rateBasisPoints": 500}},
		}}, &created)

		tierNews := func(c client) []string {
			var bodies []string
			for _, e := range inbox(t, c, map[string]any{"first": 100}).Notifications.Edges {
				if e.Node.Kind == "REBATE_TIER_REACHED" && strings.Contains(e.Node.Body, name) {
					bodies = append(bodies, e.Node.Title+" / "+e.Node.Body)
				}
			}
			return bodies
		}
		invoice := func() {
			t.Helper()
			o := placeConfirmed(t, south, manager, 1)
			sh := createShipment(t, manager, o.ID, o.Lines[0].ID, 1)
			sh = deliveryEvent(t, manager, sh.ID, "IN_TRANSIT", "Shanghai")
			if sh.Invoice == nil {
				t.Fatal("no invoice for the shipment in transit")
			}
			awaitNotification(t, south, "INVOICE_ISSUED", "/statement")
			// The tier is told in the transaction that tells the invoice.
			deadline := time.Now().Add(20 * time.Second)
			for !hasInvoiceNotice(t, south, sh.Invoice.Number) {
				if time.Now().After(deadline) {
					t.Fatalf("no notification of invoice %s", sh.Invoice.Number)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}

		invoice()
		got := tierNews(south)
		if len(got) != 1 || !strings.Contains(got[0], "1.5 %") {
			t.Fatalf("south was told %q, want the 1.5 %% tier once", got)
		}
		invoice()
		if got := tierNews(south); len(got) != 1 {
			t.Errorf("after a second invoice in the same tier south was told %q", got)
		}
		if got := tierNews(north); len(got) != 0 {
			t.Errorf("the distributor was told of its sub-dealer's tier: %q", got)
		}
	})
}

// hasInvoiceNotice reports whether c has been told of invoice number.
func hasInvoiceNotice(t *testing.T, c client, number string) bool {
	t.Helper()
	for _, e := range inbox(t, c, map[string]any{"first": 100}).Notifications.Edges {
		if e.Node.Kind == "INVOICE_ISSUED" && strings.Contains(e.Node.Title+e.Node.Body, number) {
			return true
		}
	}
	return false
}
