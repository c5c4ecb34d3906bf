package appraisal_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// The business time zone is 8 hours ahead of UTC, so that a business
// month starts on the previous UTC day.
var loc = time.FixedZone("UTC+8", 8*3600)

// at is a time in the business time zone.
func at(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }

// day is a business date.
func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

// fixture is the hand-made data set: channel Retail with A (a
// distributor), B (A's sub-dealer) and C (no reports, surveys, invoices
// or quota); channel Web with W; channel Empty with no dealer. Territory
// T1 holds A and B, T2 C.
type fixture struct {
	client                  *ent.Client
	a, b, c, w              *ent.Dealer
	retail, web, empty      *ent.Channel
	t1, t2                  *ent.Territory
	managerOfWeb, dealerOfA *auth.Viewer
}

func build(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := db.Client
	f := &fixture{client: c}
	f.retail = c.Channel.Create().SetCode("RETAIL").SetName("Retail").SaveX(ctx)
	f.web = c.Channel.Create().SetCode("WEB").SetName("Web").SaveX(ctx)
	f.empty = c.Channel.Create().SetCode("EMPTY").SetName("Empty").SaveX(ctx)
	f.t1 = c.Territory.Create().SetCode("T1").SetName("North").SetRegion("N").SaveX(ctx)
	f.t2 = c.Territory.Create().SetCode("T2").SetName("South").SetRegion("S").SaveX(ctx)
	dealer := func(code string, tier int, ch *ent.Channel, parent *ent.Dealer, ter *ent.Territory) *ent.Dealer {
		q := c.Dealer.Create().SetCode(code).SetName("Dealer " + code).SetTier(tier).SetChannelID(ch.ID).
			SetCreditLimit(1 << 40).SetPaymentTermsDays(30).SetJoinedOn(day(1, 1))
		if parent != nil {
			q.SetParentID(parent.ID)
		}
		if ter != nil {
			q.AddTerritoryIDs(ter.ID)
		}
		return q.SaveX(ctx)
	}
	f.a = dealer("A", 1, f.retail, nil, f.t1)
	f.b = dealer("B", 2, f.retail, f.a, f.t1)
	f.c = dealer("C", 2, f.retail, nil, f.t2)
	f.w = dealer("W", 2, f.web, nil, nil)
	mgr := c.User.Create().SetEmail("m@test").SetName("M").SetPasswordHash("x").SetRole(user.RoleCHANNEL_MANAGER).SaveX(ctx)
	f.managerOfWeb = &auth.Viewer{UserID: mgr.ID, Name: "M", Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{f.web.ID}}
	du := c.User.Create().SetEmail("a@test").SetName("A user").SetPasswordHash("x").SetRole(user.RoleDEALER).SetDealerID(f.a.ID).SaveX(ctx)
	f.dealerOfA = &auth.Viewer{UserID: du.ID, Name: "A user", Role: user.RoleDEALER, DealerID: f.a.ID, DealerTier: 1, DealerChannelID: f.retail.ID}

	// Orders: one line each (quantity, unit price, unit cost, delivered),
	// and their CONFIRMED / DELIVERED … events.
	type ev struct {
		to status.Status
		at time.Time
	}
	n := 0
	order := func(d *ent.Dealer, placed time.Time, st status.Status, qty int, price, cost int64, delivered int, evs ...ev) *ent.Order {
		n++
		o := c.Order.Create().SetNumber(fmt.Sprintf("SO-%d", n)).SetDealerID(d.ID).SetStatus(st).
			SetPlacedAt(placed).SetTotal(int64(qty) * price).SaveX(ctx)
		c.OrderLine.Create().SetOrderID(o.ID).SetPosition(1).SetSku("P1").SetProductName("P1").SetQuantity(qty).
			SetUnitPrice(price).SetUnitCost(cost).SetAmount(int64(qty) * price).
			SetShippedQuantity(delivered).SetDeliveredQuantity(delivered).SaveX(ctx)
		c.OrderEvent.Create().SetOrderID(o.ID).SetDealerID(d.ID).SetTo(status.Submitted).SetActorName("x").SetAt(placed).SaveX(ctx)
		for _, e := range evs {
			c.OrderEvent.Create().SetOrderID(o.ID).SetDealerID(d.ID).SetTo(e.to).SetActorName("x").SetAt(e.at).SaveX(ctx)
		}
		return o
	}
	D, C, P, X := status.Delivered, status.Confirmed, status.PartiallyDelivered, status.Cancelled
	// o1: placed 00:30 on 1 March in the business zone (28 Feb in UTC):
	// March. Confirmed 2 Mar 10:00, delivered 5 Mar 22:00: 3.5 days.
	o1 := order(f.a, at(3, 1, 0, 30), D, 10, 10000, 6000, 10, ev{C, at(3, 2, 10, 0)}, ev{D, at(3, 5, 22, 0)})
	// o2: placed in February, closed short at 4 of 5; delivered across the
	// month end, 1 Mar 12:00 from 25 Feb 12:00: 4 days, in March.
	o2 := order(f.a, at(2, 20, 10, 0), D, 5, 20000, 10000, 4, ev{C, at(2, 25, 12, 0)}, ev{D, at(3, 1, 12, 0)})
	// o3: cancelled later (in April): out of every period.
	order(f.a, at(3, 10, 9, 0), X, 100, 10000, 5000, 0, ev{C, at(3, 11, 9, 0)}, ev{X, at(4, 2, 9, 0)})
	// o4: 23:30 on 31 March: March.
	order(f.a, at(3, 31, 23, 30), C, 1, 50000, 30000, 0, ev{C, at(3, 31, 23, 45)})
	// o5: 00:10 on 1 April (31 Mar in UTC): April.
	order(f.a, at(4, 1, 0, 10), status.Submitted, 2, 10000, 5000, 0)
	// o6: January, delivered in 2 days.
	o6 := order(f.a, at(1, 15, 10, 0), D, 3, 10000, 7000, 3, ev{C, at(1, 16, 10, 0)}, ev{D, at(1, 18, 10, 0)})
	// b1: partially delivered in March, DELIVERED 02:00 on 1 April in the
	// business zone (31 Mar in UTC): delivered in April, 16 days 14 h.
	b1 := order(f.b, at(3, 15, 10, 0), D, 4, 25000, 15000, 4, ev{C, at(3, 15, 12, 0)}, ev{P, at(3, 17, 9, 0)}, ev{D, at(4, 1, 2, 0)})
	// b2: rejected.
	order(f.b, at(2, 10, 10, 0), status.Rejected, 1, 10000, 5000, 0, ev{status.Rejected, at(2, 10, 11, 0)})
	// b3: delivered in 1 day.
	b3 := order(f.b, at(3, 20, 10, 0), D, 2, 30000, 12000, 2, ev{C, at(3, 20, 10, 0)}, ev{D, at(3, 21, 10, 0)})
	order(f.c, at(3, 5, 10, 0), status.Shipped, 10, 10000, 8000, 0, ev{C, at(3, 5, 11, 0)})
	order(f.w, at(3, 3, 10, 0), C, 1, 40000, 20000, 0, ev{C, at(3, 3, 11, 0)})

	// Quotas: A has none in April; B only March; C none at all.
	for _, q := range []struct {
		d      *ent.Dealer
		month  string
		amount int64
	}{{f.a, "2026-01", 100000}, {f.a, "2026-02", 100000}, {f.a, "2026-03", 200000}, {f.a, "2026-05", 50000},
		{f.b, "2026-03", 100000}, {f.w, "2026-03", 80000}} {
		c.Quota.Create().SetDealerID(q.d.ID).SetMonth(period.MustParse(q.month)).SetAmount(q.amount).SaveX(ctx)
	}

	// Surveys: A's latest in March is 25 Mar (15/20), in the year 1 Jun.
	for _, s := range []struct {
		d                 *ent.Dealer
		on                time.Time
		visited, carrying int
	}{{f.a, day(3, 5), 10, 4}, {f.a, day(3, 25), 20, 15}, {f.a, day(1, 10), 10, 9}, {f.a, day(6, 1), 8, 2}, {f.b, day(3, 31), 5, 5}} {
		c.DistributionSurvey.Create().SetDealerID(s.d.ID).SetSurveyedOn(s.on).SetOutletsVisited(s.visited).SetOutletsCarrying(s.carrying).SaveX(ctx)
	}

	// Inventory reports: (stock, unit cost) per line.
	p1 := c.Product.Create().SetSku("P1").SetName("P1").SetCategory("X").SetUnitCost(6000).SetListPrice(10000).SaveX(ctx)
	p2 := c.Product.Create().SetSku("P2").SetName("P2").SetCategory("X").SetUnitCost(10000).SetListPrice(20000).SaveX(ctx)
	report := func(d *ent.Dealer, on time.Time, s1, s2 int) {
		r := c.InventoryReport.Create().SetDealerID(d.ID).SetReportedOn(on).SaveX(ctx)
		c.InventoryLine.Create().SetReportID(r.ID).SetDealerID(d.ID).SetProductID(p1.ID).SetSku(p1.Sku).SetProductName(p1.Name).SetStock(s1).SetUnitCost(6000).SaveX(ctx)
		c.InventoryLine.Create().SetReportID(r.ID).SetDealerID(d.ID).SetProductID(p2.ID).SetSku(p2.Sku).SetProductName(p2.Name).SetStock(s2).SetUnitCost(10000).SaveX(ctx)
	}
	report(f.a, day(3, 10), 10, 0) // 60000, one line out of stock
	report(f.a, day(3, 31), 5, 2)  // 50000
	report(f.a, day(2, 15), 20, 0) // 120000, one out of stock
	report(f.b, day(3, 20), 0, 3)  // 30000, one out of stock

	// Invoices with their allocations (payment or credit note, date, amount).
	type alloc struct {
		on     time.Time
		amount int64
		credit bool
	}
	refs := 0
	invoice := func(d *ent.Dealer, o *ent.Order, issued, due time.Time, amount int64, paidOff *time.Time, allocs ...alloc) {
		sh := c.Shipment.Create().SetOrderID(o.ID).SetDealerID(d.ID).SetCarrier("X").SaveX(ctx)
		bal := amount
		for _, a := range allocs {
			bal -= a.amount
		}
		q := c.Invoice.Create().SetNumber(fmt.Sprintf("INV-%d", sh.ID)).SetDealerID(d.ID).SetOrderID(o.ID).SetShipmentID(sh.ID).
			SetIssuedOn(issued).SetDueOn(due).SetAmount(amount).SetBalance(bal)
		if paidOff != nil {
			q.SetPaidOffOn(*paidOff)
		}
		inv := q.SaveX(ctx)
		for _, a := range allocs {
			refs++
			aq := c.Allocation.Create().SetDealerID(d.ID).SetInvoiceID(inv.ID).SetAmount(a.amount).SetAppliedOn(a.on)
			if a.credit {
				cn := c.CreditNote.Create().SetNumber(fmt.Sprintf("CN-%d", refs)).SetDealerID(d.ID).SetAmount(a.amount).
					SetReason("x").SetKind(creditnote.KindCORRECTION).SetIssuedAt(a.on).SetIssuedOn(a.on).SetUnallocated(0).SaveX(ctx)
				aq.SetCreditNoteID(cn.ID)
			} else {
				p := c.Payment.Create().SetDealerID(d.ID).SetAmount(a.amount).SetReceivedAt(a.on).SetReceivedOn(a.on).
					SetReference(fmt.Sprintf("R-%d", refs)).SetUnallocated(0).SaveX(ctx)
				aq.SetPaymentID(p.ID)
			}
			aq.SaveX(ctx)
		}
	}
	ptr := func(t time.Time) *time.Time { return &t }
	// inv1: part payments, paid off by a credit note on 3 Mar: 44 days.
	invoice(f.a, o6, day(1, 18), day(2, 17), 30000, ptr(day(3, 3)), alloc{day(2, 1), 10000, false}, alloc{day(3, 3), 20000, true})
	// inv2: due on 31 March, the month's last day, 60000 still owed then;
	// paid off on 10 April: 38 days.
	invoice(f.a, o1, day(3, 3), day(3, 31), 100000, ptr(day(4, 10)), alloc{day(3, 20), 40000, false}, alloc{day(4, 10), 60000, false})
	// inv3: due 30 April, never paid.
	invoice(f.a, o2, day(2, 27), day(4, 30), 80000, nil)
	// inv4: paid in 5 days.
	invoice(f.b, b3, day(3, 20), day(4, 19), 60000, ptr(day(3, 25)), alloc{day(3, 25), 60000, false})
	// inv5: due 30 March, 70000 owed.
	invoice(f.b, b1, day(3, 16), day(3, 30), 100000, nil, alloc{day(3, 30), 30000, false})

	// Tickets: opened, hours to the first response (-1: unanswered).
	for _, tk := range []struct {
		d      *ent.Dealer
		opened time.Time
		hours  int
	}{{f.a, at(3, 2, 9, 0), 2}, {f.a, at(3, 3, 9, 0), 6}, {f.a, at(3, 4, 0, 30), -1}, {f.a, at(3, 1, 0, 20), 1},
		{f.a, at(1, 5, 10, 0), 10}, {f.b, at(3, 10, 10, 0), 3}} {
		q := c.ServiceTicket.Create().SetNumber("ST").SetDealerID(tk.d.ID).SetSubject("s").SetBody("b").
			SetOpenedAt(tk.opened).SetOpenedByName("x").SetLastActivityAt(tk.opened)
		if tk.hours >= 0 {
			q.SetFirstResponseAt(tk.opened.Add(time.Duration(tk.hours) * time.Hour))
		}
		q.SaveX(ctx)
	}

	// Satisfaction scores.
	for _, s := range []struct {
		d     *ent.Dealer
		on    time.Time
		score int
	}{{f.a, day(3, 1), 5}, {f.a, day(3, 31), 4}, {f.a, day(2, 10), 3}, {f.a, day(7, 1), 1}, {f.b, day(3, 15), 2}} {
		c.SatisfactionScore.Create().SetDealerID(s.d.ID).SetScoredOn(s.on).SetScore(s.score).SaveX(ctx)
	}

	// Channel costs: A's in March, the channel's own in March, B's in
	// February.
	c.ChannelCost.Create().SetChannelID(f.retail.ID).SetDealerID(f.a.ID).SetIncurredOn(day(3, 10)).SetCategory("Marketing").SetAmount(15000).SaveX(ctx)
	c.ChannelCost.Create().SetChannelID(f.retail.ID).SetIncurredOn(day(3, 20)).SetCategory("Training").SetAmount(25000).SaveX(ctx)
	c.ChannelCost.Create().SetChannelID(f.retail.ID).SetDealerID(f.b.ID).SetIncurredOn(day(2, 1)).SetCategory("Support").SetAmount(8000).SaveX(ctx)

	// Market shares of T1: January and March (none in February).
	c.MarketShare.Create().SetTerritoryID(f.t1.ID).SetMonth(period.MustParse("2026-01")).SetShare(0.2).SaveX(ctx)
	c.MarketShare.Create().SetTerritoryID(f.t1.ID).SetMonth(period.MustParse("2026-03")).SetShare(0.3).SaveX(ctx)
	return f
}

// null marks a KPI that must be null.
var null = math.NaN()

// want is a scorecard's KPIs in appraisal.Kpis order (money in currency
// units), computed by hand from the fixture.
type want [17]float64

func check(t *testing.T, name string, sc *appraisal.Scorecard, w want) {
	t.Helper()
	for i, k := range appraisal.Kpis {
		got := sc.Value(k)
		switch {
		case math.IsNaN(w[i]):
			if got != nil {
				t.Errorf("%s %s = %v; want null", name, k, *got)
			}
		case got == nil:
			t.Errorf("%s %s = null; want %v", name, k, w[i])
		case math.Abs(*got-w[i]) > 1e-9:
			t.Errorf("%s %s = %v; want %v", name, k, *got, w[i])
		}
	}
	if len(sc.Explain) != len(appraisal.Kpis) {
		t.Errorf("%s explains %d KPIs", name, len(sc.Explain))
	}
}

// Days in the periods: March 31, Q1 90, 2026 365.
var expected = map[string]want{
	// NET_SALES, QUOTA, COGS, OVERDUE, COMPLETION, DISTRIBUTION, DELIVERY mean, p90,
	// AVG INVENTORY, DAYS OF INVENTORY, PAYMENT, OUT OF STOCK, MARGIN, RESPONSE,
	// SATISFACTION, COST RATIO, MARKET SHARE
	//
	// A, March: o1 1000 + o4 500; cogs 600 + 300; inv2 600 owed (due on
	// the last day); deliveries o1 3.5 d, o2 4 d; reports 600 and 500;
	// inv1 paid off in 44 days; tickets 1, 2, 6 h; scores 5, 4; cost 150.
	"A 2026-03": {1500, 2000, 900, 600, 0.75, 0.75, 3.75, 4, 550, 550 / (900.0 / 31), 44, 0.25, 0.4, 2, 4.5, 0.1, null},
	// A, Q1: + o2 800 (4 of 5 at 200), o6 300; cogs + 400 + 210; quota
	// 1000+1000+2000; deliveries 2, 3.5, 4; reports 600, 500, 1200;
	// tickets 1, 2, 6, 10 h; scores 5, 4, 3.
	"A 2026-Q1": {2600, 4000, 1510, 600, 0.65, 0.75, 9.5 / 3, 4, 2300.0 / 3, (2300.0 / 3) / (1510.0 / 90), 44, 2.0 / 6, 1090.0 / 2600, 2, 4, 150.0 / 2600, null},
	// A, 2026: + o5 200 (cogs 100), quota + May 500; latest survey 1 Jun
	// 2/8; inv1 44 and inv2 38 days; inv3 800 owed at the year's end;
	// scores + 1.
	"A 2026": {2800, 4500, 1610, 800, 2800.0 / 4500, 0.25, 9.5 / 3, 4, 2300.0 / 3, (2300.0 / 3) / (1610.0 / 365), 41, 2.0 / 6, 1190.0 / 2800, 2, 13.0 / 4, 150.0 / 2800, null},
	// B, March: b1 1000 + b3 600, cogs 600 + 240; inv5 700 owed; only b3
	// delivered (b1 on 1 April in the business zone); report 300 with a
	// line out of stock; inv4 5 days; ticket 3 h; score 2; no cost.
	"B 2026-03": {1600, 1000, 840, 700, 1.6, 1, 1, 1, 300, 300 / (840.0 / 31), 5, 0.5, 0.475, 3, 2, null, null},
	// B, Q1: + the February cost of 80.
	"B 2026-Q1": {1600, 1000, 840, 700, 1.6, 1, 1, 1, 300, 300 / (840.0 / 90), 5, 0.5, 0.475, 3, 2, 80.0 / 1600, null},
	// B, 2026: b1 delivered in 16 days 14 h.
	"B 2026": {1600, 1000, 840, 700, 1.6, 1, (1 + 16 + 14.0/24) / 2, 16 + 14.0/24, 300, 300 / (840.0 / 365), 5, 0.5, 0.475, 3, 2, 80.0 / 1600, null},
	// C: one shipped order of 1000 (cogs 800), nothing else.
	"C 2026-03": {1000, 0, 800, 0, null, null, null, null, null, null, null, null, 0.2, null, null, null, null},
	"C 2026":    {1000, 0, 800, 0, null, null, null, null, null, null, null, null, 0.2, null, null, null, null},
	// Retail, March: A + B + C pooled; surveys (15+5)/(20+5); deliveries
	// 3.5, 4, 1; inventory 550 + 300 (C none); invoices 44, 5; report
	// lines 2 of 6 out; tickets 1, 2, 3, 6; scores 5, 4, 2; costs A's 150
	// and the channel's 250.
	"Retail 2026-03": {4100, 3000, 2540, 1300, 4100.0 / 3000, 0.8, 8.5 / 3, 4, 850, 850 / (2540.0 / 31), 24.5, 2.0 / 6, 1560.0 / 4100, 2, 11.0 / 3, 400.0 / 4100, null},
	// Q1: deliveries 2, 3.5, 4, 1; lines 3 of 8 out; tickets 1, 2, 3, 6,
	// 10 (3rd of 5); scores 5, 4, 3, 2; costs + B's 80.
	"Retail 2026-Q1": {5200, 5000, 3150, 1300, 5200.0 / 5000, 0.8, 10.5 / 4, 4, 2300.0/3 + 300, (2300.0/3 + 300) / (3150.0 / 90), 24.5, 3.0 / 8, 2050.0 / 5200, 3, 3.5, 480.0 / 5200, null},
	// 2026: deliveries 1, 2, 3.5, 4, 16 d 14 h (p90: the 5th of 5);
	// surveys (2+5)/(8+5); invoices 44, 38, 5; owed 800 + 700.
	"Retail 2026": {5400, 5500, 3250, 1500, 5400.0 / 5500, 7.0 / 13, (10.5 + 16 + 14.0/24) / 5, 16 + 14.0/24, 2300.0/3 + 300, (2300.0/3 + 300) / (3250.0 / 365), 29, 3.0 / 8, 2150.0 / 5400, 3, 3, 480.0 / 5400, null},
	// T1 (A and B), March: like Retail without C and the channel's own
	// cost, with T1's March share.
	"T1 2026-03": {3100, 3000, 1740, 1300, 3100.0 / 3000, 0.8, 8.5 / 3, 4, 850, 850 / (1740.0 / 31), 24.5, 2.0 / 6, 1360.0 / 3100, 2, 11.0 / 3, 150.0 / 3100, 0.3},
	// Q1: January's and March's shares (no February row).
	"T1 2026-Q1": {4200, 5000, 2350, 1300, 4200.0 / 5000, 0.8, 10.5 / 4, 4, 2300.0/3 + 300, (2300.0/3 + 300) / (2350.0 / 90), 24.5, 3.0 / 8, 1850.0 / 4200, 3, 3.5, 230.0 / 4200, 0.25},
}

func TestScorecards(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := build(t, db)
		s := appraisal.NewService(f.client, db.Dialect, loc)
		admin := auth.NewContext(context.Background(), &auth.Viewer{UserID: 1, Role: user.RoleADMIN})
		subjects := map[string]appraisal.Subject{
			"A": {DealerID: &f.a.ID}, "B": {DealerID: &f.b.ID}, "C": {DealerID: &f.c.ID},
			"Retail": {ChannelID: &f.retail.ID}, "T1": {TerritoryID: &f.t1.ID},
		}
		for name, w := range expected {
			subj, per, _ := strings.Cut(name, " ")
			sc, err := s.Scorecard(admin, subjects[subj], period.MustParse(per))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			check(t, name, sc, w)
		}
		// The explanation gives the figures behind a ratio.
		sc, _ := s.Scorecard(admin, subjects["A"], period.MustParse("2026-03"))
		for _, e := range sc.Explain {
			if e.Kpi == appraisal.QuotaCompletion && (*e.Numerator != 1500 || *e.Denominator != 2000) ||
				e.Kpi == appraisal.ServiceResponseMedianHours && (*e.Numerator != 2 || *e.Denominator != 3) ||
				e.Kpi == appraisal.PaymentPeriodDays && (*e.Numerator != 44 || *e.Denominator != 1) {
				t.Errorf("%s explained as %v / %v", e.Kpi, *e.Numerator, *e.Denominator)
			}
		}
		// A dealer user sees its own scorecard without the manufacturer's
		// costs, and its sub-dealer's.
		asA := auth.NewContext(context.Background(), f.dealerOfA)
		own, err := s.Scorecard(asA, subjects["A"], period.MustParse("2026-03"))
		if err != nil || own.ChannelCostRatio != nil || *own.NetSales != 150000 {
			t.Errorf("A's own scorecard: %+v, %v", own, err)
		}
		if _, err := s.Scorecard(asA, subjects["B"], period.MustParse("2026-03")); err != nil {
			t.Errorf("A reads its sub-dealer's scorecard: %v", err)
		}
		// A foreign dealer answers as a missing one.
		missing := 1 << 30
		_, e1 := s.Scorecard(asA, subjects["C"], period.MustParse("2026-03"))
		_, e2 := s.Scorecard(asA, appraisal.Subject{DealerID: &missing}, period.MustParse("2026-03"))
		if apperr.CodeOf(e1) != apperr.NotFound || e1.Error() != e2.Error() {
			t.Errorf("foreign dealer: %v; missing: %v", e1, e2)
		}
		if _, err := s.Scorecard(asA, subjects["Retail"], period.MustParse("2026-03")); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a dealer reads a channel's scorecard: %v", err)
		}
	})
}

func TestChannelComparison(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := build(t, db)
		s := appraisal.NewService(f.client, db.Dialect, loc)
		admin := auth.NewContext(context.Background(), &auth.Viewer{UserID: 1, Role: user.RoleADMIN})
		march := period.MustParse("2026-03")
		cards, err := s.ChannelComparison(admin, march)
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]*appraisal.ChannelScorecard{}
		for _, c := range cards {
			byName[c.Channel.Name] = c
		}
		if len(cards) != 3 {
			t.Fatalf("%d channels compared", len(cards))
		}
		// The pooled figures are the channel scorecard's.
		check(t, "Retail in the comparison", byName["Retail"].Scorecard, expected["Retail 2026-03"])
		// Web: W's order of 400 against a quota of 800, nothing else.
		check(t, "Web", byName["Web"].Scorecard, want{400, 800, 200, 0, 0.5, null, null, null, null, null, null, null, 0.5, null, null, null, null})
		rank := func(ch string, k appraisal.Kpi) string {
			for _, r := range byName[ch].Ranks {
				if r.Kpi == k {
					if r.Rank == nil {
						return "-"
					}
					return fmt.Sprint(*r.Rank)
				}
			}
			return "?"
		}
		for _, tc := range []struct {
			k    appraisal.Kpi
			want string // Retail, Web, Empty
		}{
			{appraisal.NetSales, "1 2 3"},
			{appraisal.QuotaCompletion, "1 2 -"},
			// Lower is better; Web and Empty owe nothing: both first.
			{appraisal.OverdueAmount, "3 1 1"},
			{appraisal.GrossMargin, "2 1 -"},
			{appraisal.DistributionRate, "1 - -"},
			{appraisal.ChannelCostRatio, "1 - -"},
		} {
			if got := rank("Retail", tc.k) + " " + rank("Web", tc.k) + " " + rank("Empty", tc.k); got != tc.want {
				t.Errorf("%s ranks %s; want %s", tc.k, got, tc.want)
			}
		}
		// A manager compares its channels only; a dealer user none.
		mine, err := s.ChannelComparison(auth.NewContext(context.Background(), f.managerOfWeb), march)
		if err != nil || len(mine) != 1 || mine[0].Channel.ID != f.web.ID {
			t.Errorf("the Web manager compares %v, %v", mine, err)
		}
		if _, err := s.ChannelComparison(auth.NewContext(context.Background(), f.dealerOfA), march); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a dealer compares channels: %v", err)
		}
		// CSV: a BOM, the header, a row per channel with each rank.
		text, err := s.ChannelComparisonCSV(admin, march)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		if !strings.HasPrefix(text, "\ufeffchannel code,channel name,net_sales,net_sales rank,quota,") || len(lines) != 4 {
			t.Errorf("comparison CSV:\n%s", text)
		}
		if !strings.HasPrefix(lines[3], "WEB,Web,400.00,2,800.00,2,200.00,2,0.00,1,0.5,2,,,") {
			t.Errorf("Web's row: %s", lines[3])
		}
	})
}

func TestScorecardsCSVAndTrend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := build(t, db)
		s := appraisal.NewService(f.client, db.Dialect, loc)
		admin := auth.NewContext(context.Background(), &auth.Viewer{UserID: 1, Role: user.RoleADMIN})
		text, err := s.ScorecardsCSV(admin, f.retail.ID, period.MustParse("2026-03"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		// C: every null an empty cell; gross margin 0.2.
		if len(lines) != 4 || !strings.HasPrefix(lines[0], "\ufeffdealer code,dealer name,net_sales,") ||
			lines[3] != "C,Dealer C,1000.00,0.00,800.00,0.00,,,,,,,,,0.2,,,," {
			t.Errorf("scorecards CSV:\n%s", text)
		}
		// A dealer user's rows are its own dealer and sub-dealer, with no
		// costs.
		asA := auth.NewContext(context.Background(), f.dealerOfA)
		text, err = s.ScorecardsCSV(asA, f.retail.ID, period.MustParse("2026-03"))
		if err != nil || strings.Count(text, "\n") != 3 || strings.Contains(text, "\nC,") {
			t.Errorf("A's CSV: %q, %v", text, err)
		}

		// Completion month by month: January 30/1000, February 800/1000,
		// March 1500/2000, April (no quota) null.
		pts, err := s.Trend(admin, appraisal.Subject{DealerID: &f.a.ID}, appraisal.QuotaCompletion,
			period.MustParse("2026-01"), period.MustParse("2026-04"))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range pts {
			if p.Value == nil {
				got = append(got, p.Period.String()+":-")
			} else {
				got = append(got, fmt.Sprintf("%s:%g", p.Period, *p.Value))
			}
		}
		if strings.Join(got, " ") != "2026-01:0.3 2026-02:0.8 2026-03:0.75 2026-04:-" {
			t.Errorf("trend %v", got)
		}
		// A trend reads only what its KPI needs, and finds what the
		// scorecard finds.
		for name, sub := range map[string]appraisal.Subject{"Retail": {ChannelID: &f.retail.ID}, "T1": {TerritoryID: &f.t1.ID}} {
			for _, per := range []string{"2026-03", "2026-Q1"} {
				w, p := expected[name+" "+per], period.MustParse(per)
				for i, k := range appraisal.Kpis {
					pts, err := s.Trend(admin, sub, k, p, p)
					if err != nil || len(pts) != 1 {
						t.Fatalf("trend of %s %s: %v", name, k, err)
					}
					v := pts[0].Value
					if math.IsNaN(w[i]) != (v == nil) || v != nil && math.Abs(*v-w[i]) > 1e-9 {
						t.Errorf("trend of %s %s in %s: %v; want %v", name, k, per, v, w[i])
					}
				}
			}
		}
		for _, tc := range []struct{ from, to string }{{"2026-01", "2026-Q1"}, {"2026-03", "2026-01"}, {"2020-01", "2026-01"}} {
			_, err := s.Trend(admin, appraisal.Subject{DealerID: &f.a.ID}, appraisal.NetSales, period.MustParse(tc.from), period.MustParse(tc.to))
			if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput || e.Field != "to" {
				t.Errorf("trend %s..%s: %v", tc.from, tc.to, err)
			}
		}
	})
}
