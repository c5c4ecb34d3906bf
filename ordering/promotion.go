package ordering

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/promotion"
	"github.com/dealerline/dealerline/incentive"
)

// Offer is a promotion as pricing applies it: valid on the day priced and
// addressed to the dealer priced.
type Offer struct {
	ID          int
	Name        string
	BasisPoints int
	// 0 for any quantity.
	MinQuantity int
	Stacks      bool
	PublishedAt time.Time
	// Neither: every product.
	ProductIDs []int
	Categories []string
	// The row, read as the system (for a dealer, one it may read: its
	// audience includes it); nil in tests of the rule.
	Promotion *ent.Promotion
}

// Covers reports whether o applies to a product of id and category: named,
// or of a category named, or every product when it names neither.
func (o Offer) Covers(productID int, category string) bool {
	if len(o.ProductIDs) == 0 && len(o.Categories) == 0 {
		return true
	}
	return slices.Contains(o.ProductIDs, productID) || slices.Contains(o.Categories, category)
}

// better orders offers best first: the largest discount; of equal ones the
// earliest published, then the lowest id (a stable choice the dealer can
// be told of).
func better(a, b Offer) int {
	return cmp.Or(
		cmp.Compare(b.BasisPoints, a.BasisPoints),
		a.PublishedAt.Compare(b.PublishedAt),
		cmp.Compare(a.ID, b.ID),
	)
}

// Apply is the promotions rule for one line: of offers (valid on the day,
// for the dealer), those covering the product from their minimum quantity
// on; the best one that does not stack, plus every one that does, added,
// the discount capped at 10000 bp (100 %). applied lists them best first;
// none is (0, nil).
func Apply(offers []Offer, productID int, category string, quantity int) (discountBP int, applied []incentive.AppliedPromotion) {
	var chosen []Offer
	var best *Offer
	for i, o := range offers {
		if !o.Covers(productID, category) || quantity < o.MinQuantity {
			continue
		}
		switch {
		case o.Stacks:
			chosen = append(chosen, o)
		case best == nil || better(o, *best) < 0:
			best = &offers[i]
		}
	}
	if best != nil {
		chosen = append(chosen, *best)
	}
	slices.SortFunc(chosen, better)
	for _, o := range chosen {
		discountBP += o.BasisPoints
		applied = append(applied, incentive.AppliedPromotion{PromotionID: o.ID, Name: o.Name, DiscountBasisPoints: o.BasisPoints})
	}
	return min(discountBP, 10000), applied
}

// Covering is the offers covering a product, best first, whatever the
// quantity: what Product.promotions lists.
func Covering(offers []Offer, productID int, category string) []Offer {
	var out []Offer
	for _, o := range offers {
		if o.Covers(productID, category) {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, better)
	return out
}

// Valid is the set of promotions valid on business date day: active, day
// in validFrom–validTo (both included).
func Valid(day time.Time) predicate.Promotion {
	return promotion.And(promotion.StatusEQ(promotion.StatusACTIVE), promotion.ValidFromLTE(day), promotion.ValidToGTE(day))
}

// OffersOn are the promotions valid on day whose audience includes the
// dealer of id, channel, tier and territories, read as the system: what
// the dealer is offered whatever the reader may see.
func OffersOn(ctx context.Context, db *ent.Client, dealerID, channelID, tier int, territoryIDs []int, day time.Time) ([]Offer, error) {
	q := db.Promotion.Query().
		Where(Valid(day), access.PromotionAudienceIncludes(dealerID, channelID, tier, territoryIDs)).
		WithProducts(func(pq *ent.ProductQuery) { pq.Select(product.FieldID) })
	rows, err := q.All(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	offers := make([]Offer, len(rows))
	for i, p := range rows {
		o := Offer{ID: p.ID, Name: p.Name, BasisPoints: p.DiscountBasisPoints, Stacks: p.Stacks, PublishedAt: p.PublishedAt, Categories: p.Categories, Promotion: p}
		if p.MinQuantity != nil {
			o.MinQuantity = *p.MinQuantity
		}
		for _, pr := range p.Edges.Products {
			o.ProductIDs = append(o.ProductIDs, pr.ID)
		}
		offers[i] = o
	}
	return offers, nil
}

// dealerOffers are the offers to dealer d on day; its territories are read
// as the system.
func dealerOffers(ctx context.Context, db *ent.Client, d *ent.Dealer, day time.Time) ([]Offer, error) {
	territories, err := db.Dealer.QueryTerritories(d).IDs(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return OffersOn(ctx, db, d.ID, d.ChannelID, d.Tier, territories, day)
}

type offersKey struct{}

// todaysOffers is the viewer's dealer's offers today, loaded once per
// response (WithOffersCache) for every product of a catalogue page.
type todaysOffers struct {
	once   sync.Once
	offers []Offer
	err    error
}

// WithOffersCache gives a response one load of the viewer's offers, shared
// by every product it prices.
func WithOffersCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, offersKey{}, &todaysOffers{})
}

// OffersToday are the promotions valid today for the viewer's dealer;
// none for staff.
func (s *Service) OffersToday(ctx context.Context) ([]Offer, error) {
	v := auth.FromContext(ctx)
	if !v.IsDealer() {
		return nil, nil
	}
	load := func() ([]Offer, error) {
		// Not through the request's transaction: see PriceToday.
		return OffersOn(ctx, s.client, v.DealerID, v.DealerChannelID, v.DealerTier, v.DealerTerritoryIDs, s.Today())
	}
	c, _ := ctx.Value(offersKey{}).(*todaysOffers)
	if c == nil {
		return load()
	}
	c.once.Do(func() { c.offers, c.err = load() })
	return c.offers, c.err
}

// PromotedPriceToday is PriceToday less what one unit would receive from
// the viewer's promotions today; nil when none would or there is no price.
func (s *Service) PromotedPriceToday(ctx context.Context, p *ent.Product) (*int64, error) {
	price, err := s.PriceToday(ctx, p)
	if err != nil || price == nil {
		return nil, err
	}
	offers, err := s.OffersToday(ctx)
	if err != nil {
		return nil, err
	}
	bp, _ := Apply(offers, p.ID, p.Category, 1)
	if bp == 0 {
		return nil, nil
	}
	amount, _ := LineAmount(1, *price, bp)
	return &amount, nil
}
