package facts

import (
	"context"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelcost"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/money"
)

// CostInput is money spent on a channel.
type CostInput struct {
	ChannelID int
	// One of the channel's dealers, when the cost was for it alone.
	DealerID *int
	Date     time.Time // a business date
	Category string
	Amount   int64
	Note     string
}

// RecordChannelCost records a cost of a channel (administrators). The
// date is when it was incurred; a cost may be booked ahead, so a later
// date is taken.
func (s *Service) RecordChannelCost(ctx context.Context, in CostInput) (*ent.ChannelCost, error) {
	v, err := requireAdmin(ctx, "channel costs")
	if err != nil {
		return nil, err
	}
	if in.Category, err = apperr.Text("category", in.Category, true, MaxCategory); err != nil {
		return nil, err
	}
	switch {
	case in.Amount <= 0:
		return nil, apperr.Invalid("amount", "a cost is more than zero")
	case in.Amount > money.Max:
		return nil, apperr.Invalid("amount", "a cost is at most %s", money.Format(money.Max))
	}
	if in.Note, err = note(in.Note); err != nil {
		return nil, err
	}
	on := date(in.Date)
	db := s.db(ctx)
	ch, err := db.Channel.Get(ctx, in.ChannelID)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("channelID", "no such channel")
	}
	if err != nil {
		return nil, err
	}
	create := db.ChannelCost.Create()
	details := map[string]any{
		"channel": ch.Code, "date": on.Format(time.DateOnly), "category": in.Category, "amount": money.Format(in.Amount),
	}
	if in.DealerID != nil {
		d, err := dealerFor(ctx, db, "dealerID", *in.DealerID)
		if err != nil {
			return nil, err
		}
		if d.ChannelID != ch.ID {
			return nil, apperr.Invalid("dealerID", "%s is not a dealer of %s", d.Name, ch.Name)
		}
		create.SetDealerID(d.ID)
		details["dealer"] = d.Code
	}
	c, err := create.
		SetChannelID(ch.ID).
		SetIncurredOn(on).
		SetCategory(in.Category).
		SetAmount(in.Amount).
		SetNote(in.Note).
		SetRecordedByID(v.UserID).
		SetRecordedByName(v.Name).
		Save(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, db, "channelCost.record", "ChannelCost", c.ID, details)
}

// NewestIncurredFirst is the order channel costs are listed in.
var NewestIncurredFirst = &ent.ChannelCostOrder{Field: ent.ChannelCostOrderFieldIncurredOn, Direction: entgql.OrderDirectionDesc}

// ChannelCosts are the costs the viewer may read (administrators all,
// managers their channels', dealer users none), narrowed by f; list them
// NewestIncurredFirst.
func (s *Service) ChannelCosts(ctx context.Context, f Filter) (*ent.ChannelCostQuery, error) {
	ps, err := narrowed[predicate.ChannelCost](ctx, f, f.DealerID, channelcost.FieldIncurredOn)
	if err != nil {
		return nil, err
	}
	if f.ChannelID != nil {
		ps = append(ps, channelcost.ChannelID(*f.ChannelID))
	}
	return s.client.ChannelCost.Query().Where(ps...), nil
}
