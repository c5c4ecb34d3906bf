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

func TestMain(m *testing.M) { storetest.Main(m) }

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

var sys = privacy.DecisionContext(context.Background(), privacy.Allow)

// world is a channel with two dealers (A in territory T), a product and a
// staff user.
type world struct {
	c       *ent.Client
	ch, ch2 *ent.Channel
	a, b    *ent.Dealer
	t       *ent.Territory
	p       *ent.Product
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	c := db.Client
	w := &world{c: c}
	w.ch = c.Channel.Create().SetCode("RETAIL").SetName("Retail").SaveX(sys)
	w.ch2 = c.Channel.Create().SetCode("WEB").SetName("Web").SaveX(sys)
	w.t = c.Territory.Create().SetCode("T").SetName("North").SetRegion("N").SaveX(sys)
	w.a = c.Dealer.Create().SetCode("A").SetName("A").SetTier(1).SetChannelID(w.ch.ID).SetCreditLimit(1 << 40).
		SetPaymentTermsDays(30).SetJoinedOn(day(1, 1)).AddTerritoryIDs(w.t.ID).SaveX(sys)
	w.b = c.Dealer.Create().SetCode("B").SetName("B").SetTier(1).SetChannelID(w.ch.ID).SetCreditLimit(1 << 40).
		SetPaymentTermsDays(30).SetJoinedOn(day(1, 1)).SaveX(sys)
	w.p = c.Product.Create().SetSku("P1").SetName("P1").SetCategory("X").SetUnitCost(6000).SetListPrice(10000).SaveX(sys)
	return w
}

// want is a mark as the test expects it: kind "dealer", "channel",
// "territory" or "every", its id and since (zero: nil).
type want struct {
	kind  string
	id    int
	since time.Time
}

func (w want) String() string {
	s := "nil"
	if !w.since.IsZero() {
		s = w.since.Format(time.DateOnly)
	}
	return fmt.Sprintf("%s:%d since %s", w.kind, w.id, s)
}

func describe(m *ent.SignalCheck) want {
	var w want
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

// taken returns the marks written since the last call, as a set, and
// deletes them.
func taken(t *testing.T, c *ent.Client) map[string]bool {
	t.Helper()
	ms := c.SignalCheck.Query().Order(signalcheck.ByID()).AllX(sys)
	c.SignalCheck.Delete().ExecX(sys)
	out := map[string]bool{}
	for _, m := range ms {
		out[describe(m).String()] = true
	}
	return out
}

func expect(t *testing.T, what string, got map[string]bool, ws ...want) {
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
		w := newWorld(t, db)
		c := w.c
		taken(t, c) // the dealers' own
		a, b := w.a.ID, w.b.ID
		dealer := func(id int, since time.Time) want { return want{"dealer", id, since} }

		// Orders: placed 10:00 UTC on 15 March; the hook knows no zone, so
		// from the day before.
		placed := time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)
		o := c.Order.Create().SetNumber("SO-1").SetDealerID(a).SetStatus(status.Submitted).SetPlacedAt(placed).SetTotal(100).SaveX(sys)
		expect(t, "an order placed", taken(t, c), dealer(a, day(3, 14)))
		c.OrderEvent.Create().SetOrderID(o.ID).SetDealerID(a).SetTo(status.Cancelled).SetActorName("x").SetAt(placed.AddDate(0, 1, 0)).SaveX(sys)
		expect(t, "an order cancelled a month later: its placed date", taken(t, c), dealer(a, day(3, 14)))
		c.OrderEvent.Create().SetOrderID(o.ID).SetDealerID(a).SetKind(orderevent.KindCREDIT_HOLD_RELEASED).SetTo(status.Submitted).SetActorName("x").SetAt(placed).ExecX(sys)
		expect(t, "a credit hold released", taken(t, c))

		// Quotas.
		q := c.Quota.Create().SetDealerID(a).SetMonth(period.MustParse("2026-04")).SetAmount(10).SaveX(sys)
		expect(t, "a quota", taken(t, c), dealer(a, day(4, 1)))
		c.Quota.UpdateOne(q).SetAmount(20).ExecX(sys)
		expect(t, "a quota changed", taken(t, c), dealer(a, day(4, 1)))
		c.Quota.DeleteOne(q).ExecX(sys)
		expect(t, "a quota deleted", taken(t, c), dealer(a, day(4, 1)))

		// Invoices, payments, allocations.
		sh := c.Shipment.Create().SetOrderID(o.ID).SetDealerID(a).SetCarrier("X").SaveX(sys)
		expect(t, "a shipment", taken(t, c))
		inv := c.Invoice.Create().SetNumber("INV-1").SetDealerID(a).SetOrderID(o.ID).SetShipmentID(sh.ID).
			SetIssuedOn(day(3, 16)).SetDueOn(day(4, 15)).SetAmount(100).SetBalance(100).SaveX(sys)
		expect(t, "an invoice issued", taken(t, c))
		p := c.Payment.Create().SetDealerID(a).SetAmount(100).SetReceivedAt(placed).SetReceivedOn(day(4, 20)).
			SetReference("R-1").SetUnallocated(0).SaveX(sys)
		expect(t, "a payment", taken(t, c), dealer(a, day(4, 20)))
		c.Allocation.Create().SetDealerID(a).SetInvoiceID(inv.ID).SetPaymentID(p.ID).SetAmount(100).SetAppliedOn(day(4, 20)).ExecX(sys)
		expect(t, "an allocation", taken(t, c), dealer(a, day(4, 20)))
		c.Invoice.UpdateOne(inv).SetBalance(0).SetPaidOffOn(day(4, 20)).ExecX(sys)
		expect(t, "an invoice paid off", taken(t, c), dealer(a, day(4, 20)))
		c.Invoice.UpdateOne(inv).SetBalance(10).ClearPaidOffOn().ExecX(sys)
		expect(t, "an invoice no longer paid off", taken(t, c), dealer(a, day(4, 20)))

		// The appraisal facts.
		c.InventoryReport.Create().SetDealerID(a).SetReportedOn(day(3, 31)).ExecX(sys)
		expect(t, "an inventory report", taken(t, c), dealer(a, day(3, 31)))
		c.DistributionSurvey.Create().SetDealerID(b).SetSurveyedOn(day(3, 5)).SetOutletsVisited(4).SetOutletsCarrying(1).ExecX(sys)
		expect(t, "a survey", taken(t, c), dealer(b, day(3, 5)))
		c.SatisfactionScore.Create().SetDealerID(b).SetScoredOn(day(2, 5)).SetScore(3).ExecX(sys)
		expect(t, "a score", taken(t, c), dealer(b, day(2, 5)))
		c.ChannelCost.Create().SetChannelID(w.ch.ID).SetDealerID(a).SetIncurredOn(day(3, 10)).SetCategory("M").SetAmount(5).ExecX(sys)
		expect(t, "a dealer's cost", taken(t, c), dealer(a, day(3, 10)))
		c.ChannelCost.Create().SetChannelID(w.ch.ID).SetIncurredOn(day(3, 11)).SetCategory("M").SetAmount(5).ExecX(sys)
		expect(t, "a channel's cost", taken(t, c), want{"channel", w.ch.ID, day(3, 11)})
		c.MarketShare.Create().SetTerritoryID(w.t.ID).SetMonth(period.MustParse("2026-03")).SetShare(0.2).ExecX(sys)
		expect(t, "a market share", taken(t, c), want{"territory", w.t.ID, day(3, 1)})
		c.MarketReport.Create().SetDealerID(a).SetTerritoryID(w.t.ID).SetProductID(w.p.ID).SetCompetitor("Z").
			SetObservedPrice(8000).SetObservedOn(day(3, 12)).SetReportedByName("x").SetReportedAt(placed).ExecX(sys)
		expect(t, "a market report", taken(t, c), want{"territory", w.t.ID, day(3, 12)})

		// Conflict cases: each party, from the day before it was opened.
		opened := time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
		cc := c.ConflictCase.Create().SetSeverity(conflictcase.SeverityHIGH).SetSummary("s").SetOpenedByName("x").
			SetOpenedAt(opened).SetDueOn(day(2, 20)).SetLastActivityAt(opened).AddPartyIDs(a, b).SaveX(sys)
		expect(t, "a case opened", taken(t, c), dealer(a, day(2, 9)), dealer(b, day(2, 9)))
		c.ConflictCase.UpdateOne(cc).SetLastActivityAt(opened.Add(time.Hour)).ExecX(sys)
		expect(t, "a case's activity", taken(t, c))
		c.ConflictCase.UpdateOne(cc).SetStatus(casestatus.Resolved).ExecX(sys)
		expect(t, "a case resolved", taken(t, c), dealer(a, day(2, 9)), dealer(b, day(2, 9)))

		// Dealers: what the rules read of them, every open period.
		c.Dealer.UpdateOne(w.a).SetPaymentTermsDays(45).ExecX(sys)
		expect(t, "payment terms", taken(t, c), dealer(a, time.Time{}))
		c.Dealer.UpdateOne(w.b).SetChannelID(w.ch2.ID).ExecX(sys)
		expect(t, "a dealer moved to another channel", taken(t, c), dealer(b, time.Time{}), want{"channel", w.ch.ID, time.Time{}})
		c.Dealer.UpdateOne(w.b).AddTerritoryIDs(w.t.ID).ExecX(sys)
		expect(t, "a territory assigned", taken(t, c), dealer(b, time.Time{}))
		c.Dealer.UpdateOne(w.b).SetName("B2").ExecX(sys)
		expect(t, "a dealer renamed", taken(t, c))

		// A list price: every subject.
		c.Product.UpdateOne(w.p).SetListPrice(12000).ExecX(sys)
		expect(t, "a list price", taken(t, c), want{kind: "every"})
		c.Product.UpdateOne(w.p).SetName("P one").ExecX(sys)
		expect(t, "a product renamed", taken(t, c))

		// Tickets are read by no rule.
		c.ServiceTicket.Create().SetNumber("ST").SetDealerID(a).SetSubject("s").SetBody("b").
			SetOpenedAt(placed).SetOpenedByName("x").SetLastActivityAt(placed).ExecX(sys)
		expect(t, "a ticket", taken(t, c))

		// In the writer's transaction: a rollback leaves no mark.
		tx, err := c.Tx(sys)
		if err != nil {
			t.Fatal(err)
		}
		tx.SatisfactionScore.Create().SetDealerID(a).SetScoredOn(day(3, 6)).SetScore(2).ExecX(sys)
		if n := tx.SignalCheck.Query().CountX(sys); n != 1 {
			t.Errorf("in the transaction: %d marks, want 1", n)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		expect(t, "a score rolled back", taken(t, c))
	})
}
