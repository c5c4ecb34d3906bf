package schema

import (
	"context"
	"time"

	"entgo.io/ent"

	"github.com/dealerline/dealerline/apperr"
	gen "github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/hook"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/price"
)

// noOverlappingPrices refuses a price whose validity period overlaps another
// price of the same product, tier and channel, so "the price on a day" is
// never ambiguous. It runs in the mutation's transaction.
func noOverlappingPrices() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.PriceFunc(func(ctx context.Context, m *gen.PriceMutation) (ent.Value, error) {
			if err := checkPriceOverlap(ctx, m); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

func checkPriceOverlap(ctx context.Context, m *gen.PriceMutation) error {
	var old *gen.Price
	if id, ok := m.ID(); ok && m.Op().Is(ent.OpUpdateOne) {
		p, err := m.Client().Price.Get(ctx, id)
		if err != nil {
			return err
		}
		old = p
	}
	productID, ok := m.ProductID()
	if !ok && old != nil {
		productID = old.ProductID
	}
	tier, ok := m.Tier()
	if !ok && old != nil {
		tier = old.Tier
	}
	from, ok := m.ValidFrom()
	if !ok && old != nil {
		from = old.ValidFrom
	}
	var to *time.Time
	var channelID *int
	if old != nil {
		to, channelID = old.ValidTo, old.ChannelID
	}
	if v, ok := m.ValidTo(); ok {
		to = &v
	} else if m.ValidToCleared() {
		to = nil
	}
	if v, ok := m.ChannelID(); ok {
		channelID = &v
	} else if m.ChannelCleared() {
		channelID = nil
	}
	if to != nil && !to.After(from) {
		return apperr.Invalid("validTo", "validTo must be after validFrom")
	}

	where := []predicate.Price{
		price.ProductID(productID),
		price.Tier(tier),
		// Another period overlaps when it starts before this one ends and
		// ends after this one starts (periods are half-open).
		price.Or(price.ValidToIsNil(), price.ValidToGT(from)),
	}
	if to != nil {
		where = append(where, price.ValidFromLT(*to))
	}
	if channelID != nil {
		where = append(where, price.ChannelID(*channelID))
	} else {
		where = append(where, price.ChannelIDIsNil())
	}
	if old != nil {
		where = append(where, price.IDNEQ(old.ID))
	}
	n, err := m.Client().Price.Query().Where(where...).Count(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return apperr.Errorf(apperr.Conflict, "another price of this product, tier and channel is valid from %s", from.Format(time.DateOnly))
	}
	return nil
}
