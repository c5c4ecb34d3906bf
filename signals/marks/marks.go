package marks

import (
	"context"
	"time"

	"entgo.io/ent"

	"github.com/dealerline/dealerline/access"
	gen "github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/allocation"
	"github.com/dealerline/dealerline/ent/channelcost"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/distributionsurvey"
	"github.com/dealerline/dealerline/ent/inventoryreport"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/marketreport"
	"github.com/dealerline/dealerline/ent/marketshare"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/ent/quota"
	"github.com/dealerline/dealerline/ent/satisfactionscore"
	"github.com/dealerline/dealerline/period"
)

// The marks: a SignalCheck for each change of a fact a rule reads, written
// by a schema hook in the writer's transaction, whoever the writer is (a
// service, the history import, the file import, the demo loader), so that
// a committed fact is never left unevaluated and a rolled-back one leaves
// no mark. A mark is one small insert; the hooks read old rows only where
// the subject or date is not in the mutation (updates, deletes).
//
// Shipments, tickets and the like are read by no rule: no marks.

// mark is one SignalCheck to write.
type mark struct {
	dealer, channel, territory *int
	every                      bool
	since                      *time.Time // a business date; nil: every open period
}

func dealerMark(id int, since *time.Time) mark    { return mark{dealer: &id, since: since} }
func channelMark(id int, since *time.Time) mark   { return mark{channel: &id, since: since} }
func territoryMark(id int, since *time.Time) mark { return mark{territory: &id, since: since} }
func monthStart(p period.Period) *time.Time       { d := p.Start(); return &d }

// day is business date t (held as midnight UTC).
func markDay(t time.Time) *time.Time { d := markDate(t); return &d }

func markDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// earlierOf is the earlier of a (nil: none) and b.
func earlierOf(a *time.Time, b time.Time) *time.Time {
	if a == nil || b.Before(*a) {
		return &b
	}
	return a
}

// instantDay is the earliest business date instant t can fall on: the
// hooks do not know the business time zone, and no zone is more than a day
// from UTC, so the day before t's UTC date is safe (a mark only widens an
// evaluation).
func instantDay(t time.Time) *time.Time { d := markDate(t.UTC()).AddDate(0, 0, -1); return &d }

// Every writes a mark that has every subject's open periods evaluated
// again, through db (the writer's transaction): a rule's thresholds
// changed, or a loader wrote facts below the hooks.
func Every(ctx context.Context, db *gen.Client) error {
	return writeMarks(ctx, db, []mark{{every: true}})
}

func writeMarks(ctx context.Context, db *gen.Client, ms []mark) error {
	if len(ms) == 0 {
		return nil
	}
	bs := make([]*gen.SignalCheckCreate, len(ms))
	for i, m := range ms {
		bs[i] = db.SignalCheck.Create().SetNillableDealerID(m.dealer).SetNillableChannelID(m.channel).
			SetNillableTerritoryID(m.territory).SetEvery(m.every).SetNillableSince(m.since)
	}
	return db.SignalCheck.CreateBulk(bs...).Exec(access.Bypass(ctx))
}

// Hook is the hook that marks the subjects of a change of a fact a rule
// reads; ent/schema registers it on each such type.
func Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			sys := access.Bypass(ctx)
			// Before the change: the rows an update or delete touches.
			before, err := marksBefore(sys, mu)
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, mu)
			if err != nil {
				return v, err
			}
			after, err := marksAfter(sys, mu, v)
			if err != nil {
				return v, err
			}
			return v, writeMarks(sys, clientOf(mu), append(before, after...))
		})
	}
}

func clientOf(mu ent.Mutation) *gen.Client {
	return mu.(interface{ Client() *gen.Client }).Client()
}

// ids are the rows an update or delete touches (none for a create).
func touchedIDs(ctx context.Context, mu ent.Mutation) ([]int, error) {
	if mu.Op().Is(ent.OpCreate) {
		return nil, nil
	}
	return mu.(interface {
		IDs(context.Context) ([]int, error)
	}).IDs(ctx)
}

// marksBefore marks what an update or delete changes, from the rows as
// they are.
func marksBefore(ctx context.Context, mu ent.Mutation) ([]mark, error) {
	if mu.Op().Is(ent.OpCreate) {
		return nil, nil
	}
	c := clientOf(mu)
	var ms []mark
	switch m := mu.(type) {
	case *gen.QuotaMutation:
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.Quota.Query().Where(quota.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, dealerMark(r.DealerID, monthStart(r.Month)))
		}
		return ms, err
	case *gen.InvoiceMutation:
		// The payment period reads when an invoice was paid off.
		if _, set := m.PaidOffOn(); !set && !m.PaidOffOnCleared() && !m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
			return nil, nil
		}
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.Invoice.Query().Where(invoice.IDIn(is...)).All(ctx)
		for _, r := range rows {
			since := (*time.Time)(nil)
			if r.PaidOffOn != nil {
				since = markDay(*r.PaidOffOn)
			}
			if d, set := m.PaidOffOn(); set {
				since = earlierOf(since, markDate(d))
			}
			if since != nil {
				ms = append(ms, dealerMark(r.DealerID, since))
			}
		}
		return ms, err
	case *gen.PaymentMutation:
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.Payment.Query().Where(payment.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, dealerMark(r.DealerID, markDay(r.ReceivedOn)))
		}
		return ms, err
	case *gen.AllocationMutation:
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.Allocation.Query().Where(allocation.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, dealerMark(r.DealerID, markDay(r.AppliedOn)))
		}
		return ms, err
	case *gen.InventoryReportMutation:
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.InventoryReport.Query().Where(inventoryreport.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, dealerMark(r.DealerID, markDay(r.ReportedOn)))
		}
		return ms, err
	case *gen.DistributionSurveyMutation:
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.DistributionSurvey.Query().Where(distributionsurvey.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, dealerMark(r.DealerID, markDay(r.SurveyedOn)))
		}
		return ms, err
	case *gen.SatisfactionScoreMutation:
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.SatisfactionScore.Query().Where(satisfactionscore.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, dealerMark(r.DealerID, markDay(r.ScoredOn)))
		}
		return ms, err
	case *gen.ChannelCostMutation:
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.ChannelCost.Query().Where(channelcost.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, costMark(r.ChannelID, r.DealerID, r.IncurredOn))
		}
		return ms, err
	case *gen.MarketShareMutation:
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.MarketShare.Query().Where(marketshare.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, territoryMark(r.TerritoryID, monthStart(r.Month)))
		}
		return ms, err
	case *gen.MarketReportMutation:
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.MarketReport.Query().Where(marketreport.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, territoryMark(r.TerritoryID, markDay(r.ObservedOn)))
		}
		return ms, err
	case *gen.ConflictCaseMutation:
		// A change of a case's status or parties moves the counts of open
		// cases of each party from the month it was opened.
		_, status := m.Status()
		parties := len(m.PartiesIDs()) > 0 || len(m.RemovedPartiesIDs()) > 0 || m.PartiesCleared()
		if !status && !parties && !m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
			return nil, nil
		}
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.ConflictCase.Query().Where(conflictcase.IDIn(is...)).WithParties().All(ctx)
		for _, r := range rows {
			for _, d := range r.Edges.Parties {
				ms = append(ms, dealerMark(d.ID, instantDay(r.OpenedAt)))
			}
		}
		return ms, err
	case *gen.DealerMutation:
		// What rules read of a dealer itself: its payment terms, channel,
		// territories and joining date; its channel's evaluation too when
		// it moves to another.
		if m.Op().Is(ent.OpDelete | ent.OpDeleteOne) {
			return nil, nil
		}
		_, terms := m.PaymentTermsDays()
		_, channel := m.ChannelID()
		_, joined := m.JoinedOn()
		territories := len(m.TerritoriesIDs()) > 0 || len(m.RemovedTerritoriesIDs()) > 0 || m.TerritoriesCleared()
		if !terms && !channel && !joined && !territories {
			return nil, nil
		}
		is, err := touchedIDs(ctx, m)
		if err != nil || len(is) == 0 {
			return nil, err
		}
		rows, err := c.Dealer.Query().Where(dealer.IDIn(is...)).All(ctx)
		for _, r := range rows {
			ms = append(ms, dealerMark(r.ID, nil))
			if to, set := m.ChannelID(); set && to != r.ChannelID {
				ms = append(ms, channelMark(r.ChannelID, nil))
			}
		}
		return ms, err
	case *gen.ProductMutation:
		// A list price is what market reports are compared with.
		if _, set := m.ListPrice(); set {
			return []mark{{every: true}}, nil
		}
		if _, added := m.AddedListPrice(); added {
			return []mark{{every: true}}, nil
		}
	}
	return nil, nil
}

// marksAfter marks what a create adds, from the mutation itself, and the
// orders' status changes.
func marksAfter(ctx context.Context, mu ent.Mutation, v ent.Value) ([]mark, error) {
	if !mu.Op().Is(ent.OpCreate) {
		return nil, nil
	}
	switch m := mu.(type) {
	case *gen.OrderMutation:
		d, _ := m.DealerID()
		at, _ := m.PlacedAt()
		return []mark{dealerMark(d, instantDay(at))}, nil
	case *gen.OrderEventMutation:
		// A status change (confirmed, delivered, cancelled, closed short)
		// moves the order's sales in the month it was placed.
		if k, _ := m.Kind(); k != orderevent.KindSTATUS_CHANGED {
			return nil, nil
		}
		id, _ := m.OrderID()
		o, err := clientOf(m).Order.Query().Where(order.ID(id)).Select(order.FieldDealerID, order.FieldPlacedAt).Only(ctx)
		if err != nil {
			return nil, err
		}
		return []mark{dealerMark(o.DealerID, instantDay(o.PlacedAt))}, nil
	case *gen.QuotaMutation:
		d, _ := m.DealerID()
		p, _ := m.Month()
		return []mark{dealerMark(d, monthStart(p))}, nil
	case *gen.InvoiceMutation:
		if paid, ok := m.PaidOffOn(); ok {
			d, _ := m.DealerID()
			return []mark{dealerMark(d, markDay(paid))}, nil
		}
	case *gen.PaymentMutation:
		d, _ := m.DealerID()
		on, _ := m.ReceivedOn()
		return []mark{dealerMark(d, markDay(on))}, nil
	case *gen.AllocationMutation:
		d, _ := m.DealerID()
		on, _ := m.AppliedOn()
		return []mark{dealerMark(d, markDay(on))}, nil
	case *gen.InventoryReportMutation:
		d, _ := m.DealerID()
		on, _ := m.ReportedOn()
		return []mark{dealerMark(d, markDay(on))}, nil
	case *gen.DistributionSurveyMutation:
		d, _ := m.DealerID()
		on, _ := m.SurveyedOn()
		return []mark{dealerMark(d, markDay(on))}, nil
	case *gen.SatisfactionScoreMutation:
		d, _ := m.DealerID()
		on, _ := m.ScoredOn()
		return []mark{dealerMark(d, markDay(on))}, nil
	case *gen.ChannelCostMutation:
		ch, _ := m.ChannelID()
		on, _ := m.IncurredOn()
		var d *int
		if id, ok := m.DealerID(); ok {
			d = &id
		}
		return []mark{costMark(ch, d, on)}, nil
	case *gen.MarketShareMutation:
		t, _ := m.TerritoryID()
		p, _ := m.Month()
		return []mark{territoryMark(t, monthStart(p))}, nil
	case *gen.MarketReportMutation:
		t, _ := m.TerritoryID()
		on, _ := m.ObservedOn()
		return []mark{territoryMark(t, markDay(on))}, nil
	case *gen.ConflictCaseMutation:
		at, _ := m.OpenedAt()
		var ms []mark
		for _, d := range m.PartiesIDs() {
			ms = append(ms, dealerMark(d, instantDay(at)))
		}
		return ms, nil
	case *gen.DealerMutation:
		if d, ok := v.(*gen.Dealer); ok {
			return []mark{dealerMark(d.ID, nil)}, nil
		}
	}
	return nil, nil
}

// costMark marks a channel cost's dealer when it is attributed to one,
// else its channel.
func costMark(channel int, dealer *int, on time.Time) mark {
	if dealer != nil {
		return dealerMark(*dealer, markDay(on))
	}
	return channelMark(channel, markDay(on))
}
