package signals_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/signalcheck"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func mday(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

var bypass = privacy.DecisionContext(context.Background(), privacy.Allow)

// markWorld is a channel with two dealers (A in territory T), a product and a
// staff user.
type markWorld struct {
	c       *ent.Client
	ch, ch2 *ent.Channel
	a, b    *ent.Dealer
	t       *ent.Territory
	p       *ent.Product
}

func newMarkWorld(t *testing.T, db *store.DB) *markWorld {
	t.Helper()
	c := db.Client
	w := &markWorld{c: c}
	w.ch = c.Channel.Create().SetCode("RETAIL").SetName("Retail").SaveX(bypass)
	w.ch2 = c.Channel.Create().SetCode("WEB").SetName("Web").SaveX(bypass)
	w.t = c.Territory.Create().SetCode("T").SetName("North").SetRegion("N").SaveX(bypass)
	w.a = c.Dealer.Create().SetCode("A").SetName("A").SetTier(1).SetChannelID(w.ch.ID).SetCreditLimit(1 << 40).
		SetPaymentTermsDays(30).SetJoinedOn(mday(1, 1)).AddTerritoryIDs(w.t.ID).SaveX(bypass)
	w.b = c.Dealer.Create().SetCode("B").SetName("B").SetTier(1).SetChannelID(w.ch.ID).SetCreditLimit(1 << 40).
		SetPaymentTermsDays(30).SetJoinedOn(mday(1, 1)).SaveX(bypass)
	w.p = c.Product.Create().SetSku("P1").SetName("P1").SetCategory("X").SetUnitCost(6000).SetListPrice(10000).SaveX(bypass)
	return w
}

// wantMark is a mark as the test expects it: kind "dealer", "channel",
// "territory" or "every", its id and since (zero: nil).
type wantMark struct {
	kind  string
	id    int
	since time.Time
}

func (w wantMark) String() string {
	s := "nil"
	if !w.since.IsZero() {
		s = w.since.Format(time.DateOnly)
	}
	return fmt.Sprintf("%s:%d since %s", w.kind, w.id, s)
}

func describeMark(m *ent.SignalCheck) wantMark {
	var w wantMark
	switch {
	case m.Every:
		w.kind = "every"
	case m.DealerID != nil:
		w.kind, w.id = "dealer", *m.DealerID
	case m.ChannelID != nil:
		w.kind, w.id = "channel", *m.ChannelID
	case m.TerritoryID != nil:
		w.kind, w.id = "territory", *m.TerritoryID
	}
	if m.Since != nil {
		y, mo, d := m.Since.Date()
		w.since = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	}
	return w
}

// takeMarks returns the marks written since the last call, as a set, and
// deletes them.
func takeMarks(t *testing.T, c *ent.Client) map[string]bool {
	t.Helper()
	ms := c.SignalCheck.Query().Order(signalcheck.ByID()).AllX(bypass)
	c.SignalCheck.Delete().ExecX(bypass)
	out := map[string]bool{}
	for _, m := range ms {
		out[describeMark(m).String()] = true
	}
	return out
}

func expectMarks(t *testing.T, what string, got map[string]bool, ws ...wantMark) {
	t.Helper()
	exp := map[string]bool{}
	for _, w := range ws {
		exp[w.String()] = true
	}
	if fmt.Sprint(got) != fmt.Sprint(exp) {
		t.Errorf("%s: marks %v, want %v", what, got, exp)
	}
}

func TestMarks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newMarkWorld(t, db)
		c := w.c
		takeMarks(t, c) // the dealers' own
		a, b := w.a.ID, w.b.ID
		dealer := func(id int, since time.Time) wantMark { return wantMark{"dealer", id, since} }

		// Orders: placed 10:00 UTC on 15 March; the hook knows no zone, so
		// from the day before.
		placed := time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)
		o := c.Order.Create().SetNumber("SO-1").SetDealerID(a).SetStatus(status.Submitted).SetPlacedAt(placed).SetTotal(100).SaveX(bypass)
		expectMarks(t, "an order placed", takeMarks(t, c), dealer(a, mday(3, 14)))
		c.OrderEvent.Create().SetOrderID(o.ID).SetDealerID(a).SetTo(status.Cancelled).SetActorName("x").SetAt(placed.AddDate(0, 1, 0)).SaveX(bypass)
		expectMarks(t, "an order cancelled a month later: its placed date", takeMarks(t, c), dealer(a, mday(3, 14)))
		c.OrderEvent.Create().SetOrderID(o.ID).SetDealerID(a).SetKind(orderevent.KindCREDIT_HOLD_RELEASED).SetTo(status.Submitted).SetActorName("x").SetAt(placed).ExecX(bypass)
		expectMarks(t, "a credit hold released", takeMarks(t, c))

		// Quotas.
		q := c.Quota.Create().SetDealerID(a).SetMonth(period.MustParse("2026-04")).SetAmount(10).SaveX(bypass)
		expectMarks(t, "a quota", takeMarks(t, c), dealer(a, mday(4, 1)))
		c.Quota.UpdateOne(q).SetAmount(20).ExecX(bypass)
		expectMarks(t, "a quota changed", takeMarks(t, c), dealer(a, mday(4, 1)))
		c.Quota.DeleteOne(q).ExecX(bypass)
		expectMarks(t, "a quota deleted", takeMarks(t, c), dealer(a, mday(4, 1)))

		// Invoices, payments, allocations.
		sh := c.Shipment.Create().SetOrderID(o.ID).SetDealerID(a).SetCarrier("X").SaveX(bypass)
		expectMarks(t, "a shipment", takeMarks(t, c))
		inv := c.Invoice.Create().SetNumber("INV-1").SetDealerID(a).SetOrderID(o.ID).SetShipmentID(sh.ID).
			SetIssuedOn(mday(3, 16)).SetDueOn(mday(4, 15)).SetAmount(100).SetBalance(100).SaveX(bypass)
		expectMarks(t, "an invoice issued", takeMarks(t, c))
		p := c.Payment.Create().SetDealerID(a).SetAmount(100).SetReceivedAt(placed).SetReceivedOn(mday(4, 20)).
			SetReference("R-1").SetUnallocated(0).SaveX(bypass)
		expectMarks(t, "a payment", takeMarks(t, c), dealer(a, mday(4, 20)))
		c.Allocation.Create().SetDealerID(a).SetInvoiceID(inv.ID).SetPaymentID(p.ID).SetAmount(100).SetAppliedOn(mday(4, 20)).ExecX(bypass)
		expectMarks(t, "an allocation", takeMarks(t, c), dealer(a, mday(4, 20)))
		c.Invoice.UpdateOne(inv).SetBalance(0).SetPaidOffOn(mday(4, 20)).ExecX(bypass)
		expectMarks(t, "an invoice paid off", takeMarks(t, c), dealer(a, mday(4, 20)))
		c.Invoice.UpdateOne(inv).SetBalance(10).ClearPaidOffOn().ExecX(bypass)
		expectMarks(t, "an invoice no longer paid off", takeMarks(t, c), dealer(a, mday(4, 20)))

		// The appraisal facts.
		c.InventoryReport.Create().SetDealerID(a).SetReportedOn(mday(3, 31)).ExecX(bypass)
		expectMarks(t, "an inventory report", takeMarks(t, c), dealer(a, mday(3, 31)))
		c.DistributionSurvey.Create().SetDealerID(b).SetSurveyedOn(mday(3, 5)).SetOutletsVisited(4).SetOutletsCarrying(1).ExecX(bypass)
		expectMarks(t, "a survey", takeMarks(t, c), dealer(b, mday(3, 5)))
		c.SatisfactionScore.Create().SetDealerID(b).SetScoredOn(mday(2, 5)).SetScore(3).ExecX(bypass)
		expectMarks(t, "a score", takeMarks(t, c), dealer(b, mday(2, 5)))
		c.ChannelCost.Create().SetChannelID(w.ch.ID).SetDealerID(a).SetIncurredOn(mday(3, 10)).SetCategory("M").SetAmount(5).ExecX(bypass)
		expectMarks(t, "a dealer's cost", takeMarks(t, c), dealer(a, mday(3, 10)))
		c.ChannelCost.Create().SetChannelID(w.ch.ID).SetIncurredOn(mday(3, 11)).SetCategory("M").SetAmount(5).ExecX(bypass)
		expectMarks(t, "a channel's cost", takeMarks(t, c), wantMark{"channel", w.ch.ID, mday(3, 11)})
		c.MarketShare.Create().SetTerritoryID(w.t.ID).SetMonth(period.MustParse("2026-03")).SetShare(0.2).ExecX(bypass)
		expectMarks(t, "a market share", takeMarks(t, c), wantMark{"territory", w.t.ID, mday(3, 1)})
		c.MarketReport.Create().SetDealerID(a).SetTerritoryID(w.t.ID).SetProductID(w.p.ID).SetCompetitor("Z").
			SetObservedPrice(8000).SetObservedOn(mday(3, 12)).SetReportedByName("x").SetReportedAt(placed).ExecX(bypass)
		expectMarks(t, "a market report", takeMarks(t, c), wantMark{"territory", w.t.ID, mday(3, 12)})

		// Conflict cases: each party, from the day before it was opened.
		opened := time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
		cc := c.ConflictCase.Create().SetSeverity(conflictcase.SeverityHIGH).SetSummary("s").SetOpenedByName("x").
			SetOpenedAt(opened).SetDueOn(mday(2, 20)).SetLastActivityAt(opened).AddPartyIDs(a, b).SaveX(bypass)
		expectMarks(t, "a case opened", takeMarks(t, c), dealer(a, mday(2, 9)), dealer(b, mday(2, 9)))
		c.ConflictCase.UpdateOne(cc).SetLastActivityAt(opened.Add(time.Hour)).ExecX(bypass)
		expectMarks(t, "a case's activity", takeMarks(t, c))
		c.ConflictCase.UpdateOne(cc).SetStatus(casestatus.Resolved).ExecX(bypass)
		expectMarks(t, "a case resolved", takeMarks(t, c), dealer(a, mday(2, 9)), dealer(b, mday(2, 9)))

		// Dealers: what the rules read of them, every open period.
		c.Dealer.UpdateOne(w.a).SetPaymentTermsDays(45).ExecX(bypass)
		expectMarks(t, "payment terms", takeMarks(t, c), dealer(a, time.Time{}))
		c.Dealer.UpdateOne(w.b).SetChannelID(w.ch2.ID).ExecX(bypass)
		expectMarks(t, "a dealer moved to another channel", takeMarks(t, c), dealer(b, time.Time{}), wantMark{"channel", w.ch.ID, time.Time{}})
		c.Dealer.UpdateOne(w.b).AddTerritoryIDs(w.t.ID).ExecX(bypass)
		expectMarks(t, "a territory assigned", takeMarks(t, c), dealer(b, time.Time{}))
		c.Dealer.UpdateOne(w.b).SetName("B2").ExecX(bypass)
		expectMarks(t, "a dealer renamed", takeMarks(t, c))

		// A list price: every subject.
		c.Product.UpdateOne(w.p).SetListPrice(12000).ExecX(bypass)
		expectMarks(t, "a list price", takeMarks(t, c), wantMark{kind: "every"})
		c.Product.UpdateOne(w.p).SetName("P one").ExecX(bypass)
		expectMarks(t, "a product renamed", takeMarks(t, c))

		// Tickets are read by no rule.
		c.ServiceTicket.Create().SetNumber("ST").SetDealerID(a).SetSubject("s").SetBody("b").
			SetOpenedAt(placed).SetOpenedByName("x").SetLastActivityAt(placed).ExecX(bypass)
		expectMarks(t, "a ticket", takeMarks(t, c))

		// In the writer's transaction: a rollback leaves no mark.
		tx, err := c.Tx(bypass)
		if err != nil {
			t.Fatal(err)
		}
		tx.SatisfactionScore.Create().SetDealerID(a).SetScoredOn(mday(3, 6)).SetScore(2).ExecX(bypass)
		if n := tx.SignalCheck.Query().CountX(bypass); n != 1 {
			t.Errorf("in the transaction: %d marks, want 1", n)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		expectMarks(t, "a score rolled back", takeMarks(t, c))
	})
}
