package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// checkQuotas: quotas are seen with their dealer — a dealer user its own
// dealer's (a distributor its sub-dealers' too), a manager its dealers' —
// in the list, by a dealer's id, by channel, as CSV and by node; a foreign
// quota answers as a missing one, and a dealer's quota progress is there
// exactly when the dealer is.
func checkQuotas(t *testing.T, admin, c client, w world, want expected) {
	t.Helper()
	// This month in the business time zone, as the server counts it.
	var now struct {
		Dealers struct {
			Edges []struct {
				Node struct{ QuotaProgress struct{ Period string } }
			}
		}
	}
	admin.mustQuery(t, `{ dealers(first: 1) { edges { node { quotaProgress { period } } } } }`, nil, &now)
	month := now.Dealers.Edges[0].Node.QuotaProgress.Period
	type quotaRow struct {
		ID, DealerID, Month, Amount string
		Dealer                      struct{ Code string }
	}
	const fields = `id dealerID month amount dealer { code }`
	var all struct{ Quotas []quotaRow }
	admin.mustQuery(t, `query($m: Period!) { quotas(from: $m, to: $m) { `+fields+` } }`, map[string]any{"m": month}, &all)
	if len(all.Quotas) != len(w.Dealers) {
		t.Fatalf("admin reads %d quotas of %s; want one for each of the %d dealers", len(all.Quotas), month, len(w.Dealers))
	}
	wantIDs, wantCSV := set{}, []string{"dealer code,month,amount"}
	for _, q := range all.Quotas {
		if want.dealers[q.DealerID] {
			wantIDs[q.ID] = true
			wantCSV = append(wantCSV, q.Dealer.Code+","+q.Month+","+q.Amount)
		}
	}
	var got struct {
		Quotas    []quotaRow
		QuotasCSV string
	}
	c.mustQuery(t, `query($m: Period!) { quotas(from: $m, to: $m) { `+fields+` } quotasCSV(from: $m, to: $m) }`, map[string]any{"m": month}, &got)
	gotIDs := set{}
	for _, q := range got.Quotas {
		gotIDs[q.ID] = true
	}
	if !gotIDs.equal(wantIDs) {
		t.Errorf("quotas = %v; want %v", gotIDs.sorted(), wantIDs.sorted())
	}
	if csv := strings.Join(wantCSV, "\n") + "\n"; got.QuotasCSV != csv {
		t.Errorf("quotasCSV = %q; want %q", got.QuotasCSV, csv)
	}
	// By dealer and by channel, in queries within the alias limit, and by
	// node.
	lists := map[string][]struct{ ID, DealerID string }{}
	aliases := []string{}
	for i, d := range w.Dealers {
		aliases = append(aliases, fmt.Sprintf("d%d: quotas(from: $m, to: $m, dealerID: %q) { id dealerID }", i, d.ID))
	}
	for i, ch := range w.Channels {
		aliases = append(aliases, fmt.Sprintf("c%d: quotas(from: $m, to: $m, channelID: %q) { id dealerID }", i, ch.ID))
	}
	for len(aliases) > 0 {
		n := min(len(aliases), 20)
		var part map[string][]struct{ ID, DealerID string }
		c.mustQuery(t, "query($m: Period!) { "+strings.Join(aliases[:n], " ")+" }", map[string]any{"m": month}, &part)
		for k, v := range part {
			lists[k] = v
		}
		aliases = aliases[n:]
	}
	inChannels := 0
	for i, d := range w.Dealers {
		if n := len(lists[fmt.Sprintf("d%d", i)]); n != map[bool]int{true: 1, false: 0}[want.dealers[d.ID]] {
			t.Errorf("quotas(dealerID: %s) = %d rows; visible: %v", d.Code, n, want.dealers[d.ID])
		}
	}
	for i := range w.Channels {
		for _, r := range lists[fmt.Sprintf("c%d", i)] {
			inChannels++
			if !want.dealers[r.DealerID] {
				t.Errorf("quotas(channelID:) shows the quota of dealer %s", r.DealerID)
			}
		}
	}
	if inChannels != len(wantIDs) {
		t.Errorf("quotas by channel: %d rows; want %d", inChannels, len(wantIDs))
	}
	for _, row := range all.Quotas {
		r := c.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": row.ID})
		var n struct{ Node *struct{ ID string } }
		if err := json.Unmarshal(r.Data, &n); err != nil {
			t.Fatal(err)
		}
		if visible := n.Node != nil; visible != wantIDs[row.ID] {
			t.Errorf("node(quota of %s) visible = %v; want %v", row.Dealer.Code, visible, wantIDs[row.ID])
		}
	}
	// A dealer's progress comes with the dealer.
	var progress struct {
		Dealers struct {
			Edges []struct {
				Node struct {
					ID            string
					QuotaProgress struct{ Period, Quota string }
				}
			}
		}
	}
	c.mustQuery(t, `{ dealers(first: 100) { edges { node { id quotaProgress { period quota } } } } }`, nil, &progress)
	if len(progress.Dealers.Edges) != len(want.dealers) {
		t.Errorf("quota progress of %d dealers; want %d", len(progress.Dealers.Edges), len(want.dealers))
	}
	for _, e := range progress.Dealers.Edges {
		if e.Node.QuotaProgress.Period != month || e.Node.QuotaProgress.Quota == "0.00" {
			t.Errorf("dealer %s: progress %+v; want this month's quota", e.Node.ID, e.Node.QuotaProgress)
		}
	}
}
