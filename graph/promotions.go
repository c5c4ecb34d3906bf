package graph

import (
	"context"
	"slices"
	"sync"

	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/promotion"
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/promotions"
)

func promotionInput(in PromotionInput) promotions.Input {
	out := promotions.Input{
		Name: in.Name, Description: deref(in.Description), ProductIDs: in.ProductIDs, Categories: in.Categories,
		DiscountBasisPoints: in.DiscountBasisPoints, MinQuantity: in.MinQuantity,
		ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, Stacks: deref(in.Stacks),
	}
	if a := in.Audience; a != nil {
		out.Audience = audience.Audience{All: deref(a.All), ChannelIDs: a.ChannelIDs, Tiers: a.Tiers, TerritoryIDs: a.TerritoryIDs, DealerIDs: a.DealerIDs}
	}
	return out
}

// promotionPayload is promotion p as a mutation returns it, through the
// viewer's rules with the edges the selection asks for.
func promotionPayload(ctx context.Context, p *ent.Promotion) (*ent.Promotion, error) {
	return loaded[*ent.Promotion](ctx, ent.FromContext(ctx).Promotion.Query().Where(promotion.ID(p.ID)))
}

type readablePromotionsKey struct{}

// readablePromotions are the promotions the viewer may read, loaded once
// per response for every order line that names one (a manufacturer's
// promotions are tens, not thousands), instead of one query per line.
type readablePromotions struct {
	once sync.Once
	byID map[int]*ent.Promotion
	err  error
}

func withReadablePromotions(ctx context.Context) context.Context {
	return context.WithValue(ctx, readablePromotionsKey{}, &readablePromotions{})
}

// appliedPromotion is promotion id through the viewer's rules; nil when it
// may not read it (any more).
func (r *Resolver) appliedPromotion(ctx context.Context, id int) (*ent.Promotion, error) {
	c, _ := ctx.Value(readablePromotionsKey{}).(*readablePromotions)
	if c == nil { // outside the handler: this one alone
		p, err := r.Client.Promotion.Get(ctx, id)
		if ent.IsNotFound(err) {
			return nil, nil
		}
		return p, err
	}
	c.once.Do(func() {
		rows, err := r.Client.Promotion.Query().All(ctx)
		c.byID, c.err = map[int]*ent.Promotion{}, err
		for _, p := range rows {
			c.byID[p.ID] = p
		}
	})
	return c.byID[id], c.err
}

// promotionAudience is p's audience as the viewer may see it: the named
// dealers through its rules.
func (r *Resolver) promotionAudience(ctx context.Context, p *ent.Promotion) (*Audience, error) {
	a := &Audience{All: p.AllDealers, Tiers: p.Tiers}
	if a.Tiers == nil {
		a.Tiers = []int{}
	}
	var err error
	if a.Channels, err = r.Client.Promotion.QueryChannels(p).All(ctx); err != nil {
		return nil, err
	}
	if a.Territories, err = r.Client.Promotion.QueryTerritories(p).All(ctx); err != nil {
		return nil, err
	}
	if a.Dealers, err = r.Client.Promotion.QueryDealers(p).All(ctx); err != nil {
		return nil, err
	}
	slices.SortFunc(a.Channels, func(x, y *ent.Channel) int { return x.ID - y.ID })
	slices.SortFunc(a.Territories, func(x, y *ent.Territory) int { return x.ID - y.ID })
	slices.SortFunc(a.Dealers, func(x, y *ent.Dealer) int { return x.ID - y.ID })
	return a, nil
}

func orderQuote(q *ordering.Quote) *OrderQuote {
	out := &OrderQuote{
		Dealer: q.Dealer, Lines: make([]*QuoteLine, len(q.Lines)),
		GrossTotal: q.Gross, Discount: q.Gross - q.Total, Total: q.Total,
		Exposure: q.Exposure, CreditLimit: q.CreditLimit, WouldHold: q.WouldHold,
	}
	for i, l := range q.Lines {
		applied := make([]*incentive.AppliedPromotion, len(l.Applied))
		for j := range l.Applied {
			applied[j] = &l.Applied[j]
		}
		out.Lines[i] = &QuoteLine{
			Product: l.Product, Quantity: l.Quantity, UnitPrice: l.UnitPrice,
			DiscountBasisPoints: l.DiscountBasisPoints, Amount: l.Amount, AppliedPromotions: applied,
		}
	}
	return out
}
