package signals

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/conflictevent"
	"github.com/dealerline/dealerline/ent/event"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// The business time zone is 8 hours ahead of UTC, so that a business
// month starts on the previous UTC day.
var loc = time.FixedZone("UTC+8", 8*3600)

// today is 15 October 2026: October runs; July to September are the open
// ended months; 2026-Q3 the open quarter.
var today = time.Date(2026, 10, 15, 12, 0, 0, 0, loc)

// day is a business date in 2026.
func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

// at is an instant in the business time zone in 2026.
func at(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, loc) }

type fx struct {
	t   *testing.T
	ctx context.Context
	c   *ent.Client
	s   *Service
	n   int
}

func setup(t *testing.T, db *store.DB) *fx {
	s := NewService(db.Client, db.Dialect, loc)
	now := today
	s.now = func() time.Time { return now }
	return &fx{t: t, ctx: access.Bypass(context.Background()), c: db.Client, s: s}
}

// setNow moves the evaluation's clock.
func (f *fx) setNow(t time.Time) { f.s.now = func() time.Time { return t } }

func (f *fx) seq() int { f.n++; return f.n }

func (f *fx) channel() *ent.Channel {
	n := f.seq()
	return f.c.Channel.Create().SetCode(fmt.Sprintf("CH%d", n)).SetName(fmt.Sprintf("Channel %d", n)).SaveX(f.ctx)
}

func (f *fx) territory() *ent.Territory {
	n := f.seq()
	return f.c.Territory.Create().SetCode(fmt.Sprintf("T%d", n)).SetName(fmt.Sprintf("T %d", n)).SetRegion("R").SaveX(f.ctx)
}

// dealer joins ch on joined (payment terms 30 days).
func (f *fx) dealer(ch *ent.Channel, joined time.Time, ts ...*ent.Territory) *ent.Dealer {
	n := f.seq()
	q := f.c.Dealer.Create().SetCode(fmt.Sprintf("D%d", n)).SetName(fmt.Sprintf("Dealer %d", n)).SetTier(1).
		SetChannelID(ch.ID).SetCreditLimit(1 << 40).SetPaymentTermsDays(30).SetJoinedOn(joined)
	for _, t := range ts {
		q.AddTerritoryIDs(t.ID)
	}
	return q.SaveX(f.ctx)
}

// order is a confirmed order placed at noon on business date on, of one
// line worth amount that cost cost.
func (f *fx) order(d *ent.Dealer, on time.Time, amount, cost int64) *ent.Order {
	n := f.seq()
	placed := time.Date(on.Year(), on.Month(), on.Day(), 12, 0, 0, 0, loc)
	o := f.c.Order.Create().SetNumber(fmt.Sprintf("SO-%d", n)).SetDealerID(d.ID).SetStatus(status.Confirmed).
		SetPlacedAt(placed).SetTotal(amount).SaveX(f.ctx)
	f.c.OrderLine.Create().SetOrderID(o.ID).SetPosition(1).SetSku("P").SetProductName("P").SetQuantity(1).
		SetUnitPrice(amount).SetUnitCost(cost).SetAmount(amount).SaveX(f.ctx)
	f.c.OrderEvent.Create().SetOrderID(o.ID).SetDealerID(d.ID).SetTo(status.Submitted).SetActorName("x").SetAt(placed).SaveX(f.ctx)
	f.c.OrderEvent.Create().SetOrderID(o.ID).SetDealerID(d.ID).SetTo(status.Confirmed).SetActorName("x").SetAt(placed.Add(time.Hour)).SaveX(f.ctx)
	return o
}

func (f *fx) quota(d *ent.Dealer, month string, amount int64) {
	f.c.Quota.Create().SetDealerID(d.ID).SetMonth(period.MustParse(month)).SetAmount(amount).SaveX(f.ctx)
}

func (f *fx) survey(d *ent.Dealer, on time.Time, visited, carrying int) {
	f.c.DistributionSurvey.Create().SetDealerID(d.ID).SetSurveyedOn(on).SetOutletsVisited(visited).SetOutletsCarrying(carrying).SaveX(f.ctx)
}

func (f *fx) cost(d *ent.Dealer, on time.Time, amount int64) {
	f.c.ChannelCost.Create().SetChannelID(d.ChannelID).SetDealerID(d.ID).SetIncurredOn(on).SetCategory("Marketing").SetAmount(amount).SaveX(f.ctx)
}

// paidOff is an invoice of d issued on issued and paid off on paid.
func (f *fx) paidOff(d *ent.Dealer, issued, paid time.Time) {
	o := f.order(d, issued.AddDate(0, -6, 0), 1000, 500)
	sh := f.c.Shipment.Create().SetOrderID(o.ID).SetDealerID(d.ID).SetCarrier("X").SaveX(f.ctx)
	f.c.Invoice.Create().SetNumber(fmt.Sprintf("INV-%d", f.seq())).SetDealerID(d.ID).SetOrderID(o.ID).SetShipmentID(sh.ID).
		SetIssuedOn(issued).SetDueOn(issued.AddDate(0, 0, 30)).SetAmount(1000).SetBalance(0).SetPaidOffOn(paid).SaveX(f.ctx)
}

// stock is an inventory report of d on on: one line of stock units at
// unitCost.
func (f *fx) stock(d *ent.Dealer, on time.Time, stock int, unitCost int64) {
	r := f.c.InventoryReport.Create().SetDealerID(d.ID).SetReportedOn(on).SaveX(f.ctx)
	f.c.InventoryLine.Create().SetReportID(r.ID).SetDealerID(d.ID).SetSku("P").SetProductName("P").
		SetStock(stock).SetUnitCost(unitCost).SaveX(f.ctx)
}

func (f *fx) scores(d *ent.Dealer, on time.Time, scores ...int) {
	bulk := make([]*ent.SatisfactionScoreCreate, len(scores))
	for i, s := range scores {
		bulk[i] = f.c.SatisfactionScore.Create().SetDealerID(d.ID).SetScoredOn(on).SetScore(s)
	}
	f.c.SatisfactionScore.CreateBulk(bulk...).SaveX(f.ctx)
}

func (f *fx) share(t *ent.Territory, month string, share float64) {
	f.c.MarketShare.Create().SetTerritoryID(t.ID).SetMonth(period.MustParse(month)).SetShare(share).SaveX(f.ctx)
}

func (f *fx) product(listPrice int64) *ent.Product {
	n := f.seq()
	return f.c.Product.Create().SetSku(fmt.Sprintf("P%d", n)).SetName("P").SetCategory("X").SetUnitCost(listPrice / 2).SetListPrice(listPrice).SaveX(f.ctx)
}

func (f *fx) report(by *ent.Dealer, t *ent.Territory, p *ent.Product, price int64, on time.Time) {
	f.c.MarketReport.Create().SetDealerID(by.ID).SetTerritoryID(t.ID).SetProductID(p.ID).SetCompetitor("Rival").
		SetObservedPrice(price).SetObservedOn(on).SetReportedByName("x").SetReportedAt(on).SaveX(f.ctx)
}

// moved is a status move of a conflict case at at.
type moved struct {
	to casestatus.Status
	at time.Time
}

func (f *fx) conflict(sev conflictcase.Severity, opened time.Time, parties []*ent.Dealer, moves ...moved) *ent.ConflictCase {
	q := f.c.ConflictCase.Create().SetNumber(fmt.Sprintf("CC-%d", f.seq())).SetSeverity(sev).SetSummary("s").
		SetOpenedByName("x").SetOpenedAt(opened).SetDueOn(day(12, 31)).SetLastActivityAt(opened)
	for _, d := range parties {
		q.AddPartyIDs(d.ID)
	}
	c := q.SaveX(f.ctx)
	f.c.ConflictEvent.Create().SetCaseID(c.ID).SetAction(conflictevent.ActionOPENED).SetTo(casestatus.Open).
		SetActorName("x").SetAt(opened).SaveX(f.ctx)
	from := casestatus.Open
	for _, m := range moves {
		f.c.ConflictEvent.Create().SetCaseID(c.ID).SetAction(conflictevent.ActionSTATUS_CHANGED).
			SetFrom(from).SetTo(m.to).SetActorName("x").SetAt(m.at).SaveX(f.ctx)
		from = m.to
	}
	f.c.ConflictCase.UpdateOne(c).SetStatus(from).ExecX(f.ctx)
	return c
}

func (f *fx) eval(sc Scope) {
	f.t.Helper()
	if err := f.s.Evaluate(context.Background(), sc); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fx) every() { f.t.Helper(); f.eval(Scope{Every: true}) }

// open are the OPEN signals of rule n as "subject period".
func (f *fx) open(n int) []string {
	return f.signals(n, channelsignal.StatusOPEN)
}

func (f *fx) signals(n int, st channelsignal.Status) []string {
	f.t.Helper()
	rows := f.c.ChannelSignal.Query().Where(channelsignal.Rule(n), channelsignal.StatusEQ(st)).AllX(f.ctx)
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Subject + " " + r.Period.String()
	}
	slices.Sort(out)
	return out
}

func (f *fx) signal(n int, subject, p string) *ent.ChannelSignal {
	f.t.Helper()
	return f.c.ChannelSignal.Query().Where(channelsignal.Rule(n), channelsignal.Subject(subject),
		channelsignal.PeriodEQ(period.MustParse(p))).OnlyX(f.ctx)
}

// events are the SIGNAL_CHANGED events of signal id, as the statuses they
// announced.
func (f *fx) events(id int) []string {
	f.t.Helper()
	evs := f.c.Event.Query().Where(event.Kind(string(realtime.SignalChanged)), event.SubjectID(id)).
		Order(ent.Asc(event.FieldID)).AllX(f.ctx)
	out := make([]string, len(evs))
	for i, e := range evs {
		p, err := realtime.DecodeSignal(&realtime.Event{Payload: e.Payload})
		if err != nil {
			f.t.Fatal(err)
		}
		out[i] = p.Status
	}
	return out
}

func (f *fx) want(n int, want ...string) {
	f.t.Helper()
	slices.Sort(want)
	if got := f.open(n); !slices.Equal(got, want) {
		f.t.Errorf("rule %d: open signals %q; want %q", n, got, want)
	}
}

func dk(d *ent.Dealer) string              { return fmt.Sprintf("dealer:%d", d.ID) }
func ck(c *ent.Channel) string             { return fmt.Sprintf("channel:%d", c.ID) }
func tk(t *ent.Territory) string           { return fmt.Sprintf("territory:%d", t.ID) }
func long() time.Time                      { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) }
func sub(key, p string) string             { return key + " " + p }
func dsub(d *ent.Dealer, p string) string  { return sub(dk(d), p) }
func csub(c *ent.Channel, p string) string { return sub(ck(c), p) }
