// Package ordering is how dealers' orders are placed and moved: prices and
// costs copied at placing, credit holds, the status machine, and one history
// both sides read. It decides who may do what with an order; every write
// runs in the request's transaction.
package ordering

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/price"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/ordering/counted"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store/tx"
)

// Service places and moves orders.
type Service struct {
	client      *ent.Client
	maxQuantity int
	location    *time.Location // business time zone: which prices are valid today
	now         func() time.Time
	// history records what happened before: goods shipped then left a
	// warehouse counted since, so stock is neither reserved nor taken.
	history bool
}

// NewService returns a Service; maxQuantity caps one line's quantity.
func NewService(client *ent.Client, maxQuantity int, location *time.Location) *Service {
	return &Service{client: client, maxQuantity: maxQuantity, location: location, now: time.Now}
}

// WithClock returns a copy of s that takes the time from now: for loading
// history (the demo data) and for tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// ForHistory returns a copy of s that records past orders and shipments
// (an import of history) without moving stock: today's count already
// reflects them.
func (s *Service) ForHistory() *Service {
	c := *s
	c.history = true
	return &c
}

// MaxNote is the length of the longest note on an order, its changes and its
// deliveries, in characters.
const MaxNote = 2000

// MaxPurchaseOrderReference is the length of the longest purchase-order
// reference, in characters.
const MaxPurchaseOrderReference = 64

// Line is one product and quantity asked for.
type Line struct {
	ProductID int `json:"productID"`
	Quantity  int `json:"quantity"`
}

// PlaceInput is an order as a dealer asks for it. Prices are never taken
// from the client.
type PlaceInput struct {
	DealerID              *int       `json:"dealerID"`
	Lines                 []Line     `json:"lines"`
	RequestedDeliveryDate *time.Time `json:"requestedDeliveryDate"`
	Note                  string     `json:"note"`
	// Omitted from the digest when not given, so that the digests of
	// orders placed before it existed still match their retries.
	PurchaseOrderReference *string `json:"purchaseOrderReference,omitempty"`
	IdempotencyKey         *string `json:"-"`
}

// Place places an order and returns it. The same idempotency key with the
// same input returns the first order, so a retrying app never makes two;
// with other input it is a CONFLICT.
func (s *Service) Place(ctx context.Context, in PlaceInput) (*ent.Order, error) {
	v, db, d, key, err := s.prepare(ctx, &in)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)

	var digest string
	if key != "" {
		in.DealerID = &d.ID
		digest = digestOf(in)
		prev, err := db.Order.Query().Where(order.DealerID(d.ID), order.IdempotencyKey(key)).Only(sys)
		switch {
		case err == nil && prev.RequestDigest == digest:
			return prev, nil
		case err == nil:
			return nil, apperr.Errorf(apperr.Conflict, "the idempotency key %q was already used for order %s, with different input", key, prev.Number)
		case !ent.IsNotFound(err):
			return nil, err
		}
	}

	priced, err := s.priceLines(sys, db, d, in.Lines)
	if err != nil {
		return nil, err
	}
	total := priced.Total
	cost, ok := counted.Cost(priced.Lines, func(l PricedLine) (int, int64) { return l.Quantity, l.Product.UnitCost })
	if !ok {
		return nil, apperr.Invalid("lines", "the goods of the order cost more than can be held")
	}
	exposure, err := Exposure(sys, db, d.ID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	create := db.Order.Create().
		SetDealerID(d.ID).
		SetStatus(status.Submitted).
		SetCreditHold(HoldsCredit(exposure, total, d.CreditLimit)).
		SetNillableRequestedDeliveryDate(in.RequestedDeliveryDate).
		SetNote(in.Note).
		SetNillablePurchaseOrderReference(in.PurchaseOrderReference).
		SetPlacedAt(now).
		SetPlacedByID(v.UserID).
		SetTotal(total).
		SetNetAmount(total).
		SetCostOfGoods(cost)
	if key != "" {
		create.SetIdempotencyKey(key).SetRequestDigest(digest)
	}
	o, err := create.Save(sys)
	if err != nil {
		return nil, err
	}
	// The number comes from the id, unique without a counter to contend on:
	// ids of one type are a 2³²-wide range (ent's global ids).
	o, err = o.Update().SetNumber(accounts.DocumentNumber("SO", o.ID)).Save(sys)
	if err != nil {
		return nil, err
	}
	if err := createLines(sys, db, o.ID, priced.Lines); err != nil {
		return nil, err
	}
	if err := s.record(ctx, db, o, d, nil, status.Submitted, "", orderevent.KindSTATUS_CHANGED); err != nil {
		return nil, err
	}
	return o, audit.Record(ctx, db, "order.place", "Order", o.ID, map[string]any{
		"number": o.Number, "dealer": d.Code, "total": total, "discount": priced.Gross - total, "creditHold": o.CreditHold, "lines": len(priced.Lines),
	})
}

// createLines writes an order's priced lines, numbered in the order given,
// with the price, cost and product details copied as they are now.
func createLines(ctx context.Context, db *ent.Client, orderID int, priced []PricedLine) error {
	lines := make([]*ent.OrderLineCreate, len(priced))
	for i, l := range priced {
		lines[i] = db.OrderLine.Create().
			SetOrderID(orderID).
			SetProductID(l.Product.ID).
			SetPosition(i + 1).
			SetSku(l.Product.Sku).
			SetProductName(l.Product.Name).
			SetQuantity(l.Quantity).
			SetUnitPrice(l.UnitPrice).
			SetUnitCost(l.Product.UnitCost).
			SetDiscountBasisPoints(l.DiscountBasisPoints).
			SetAmount(l.Amount)
		if len(l.Applied) > 0 {
			lines[i].SetPromotionID(l.Applied[0].PromotionID).
				SetPromotionName(l.Applied[0].Name).
				SetAppliedPromotions(l.Applied)
		}
	}
	return db.OrderLine.CreateBulk(lines...).Exec(ctx)
}

// prepare checks an order as Place and Quote both take it: the dealer, the
// lines, the date, the note and the idempotency key (trimmed; "" for none).
func (s *Service) prepare(ctx context.Context, in *PlaceInput) (*auth.Viewer, *ent.Client, *ent.Dealer, string, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, nil, nil, "", err
	}
	db := tx.Client(ctx, s.client)
	d, err := s.orderingDealer(ctx, db, v, in.DealerID)
	if err != nil {
		return nil, nil, nil, "", err
	}
	if err := s.checkLines(in.Lines); err != nil {
		return nil, nil, nil, "", err
	}
	if in.RequestedDeliveryDate != nil && in.RequestedDeliveryDate.Before(BusinessDate(s.now(), s.location)) {
		return nil, nil, nil, "", apperr.Invalid("requestedDeliveryDate", "the requested delivery date is in the past")
	}
	if in.Note, err = apperr.Lines("note", in.Note, false, MaxNote); err != nil {
		return nil, nil, nil, "", err
	}
	if in.PurchaseOrderReference != nil {
		ref, err := apperr.Text("purchaseOrderReference", *in.PurchaseOrderReference, false, MaxPurchaseOrderReference)
		if err != nil {
			return nil, nil, nil, "", err
		}
		in.PurchaseOrderReference = &ref
		if ref == "" { // blank is none
			in.PurchaseOrderReference = nil
		}
	}
	var key string
	if in.IdempotencyKey != nil {
		key = strings.TrimSpace(*in.IdempotencyKey)
		if key == "" || utf8.RuneCountInString(key) > 200 {
			return nil, nil, nil, "", apperr.Invalid("idempotencyKey", "an idempotency key has 1 to 200 characters")
		}
	}
	return v, db, d, key, nil
}

// Quote is an order priced exactly as Place would price it now, with the
// credit check, checked as Place checks it; nothing is written.
type Quote struct {
	Priced
	Exposure    int64
	CreditLimit int64
	WouldHold   bool
}

// Quote prices in as Place would now, without placing it.
func (s *Service) Quote(ctx context.Context, in PlaceInput) (*Quote, error) {
	_, db, d, _, err := s.prepare(ctx, &in)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	priced, err := s.priceLines(sys, db, d, in.Lines)
	if err != nil {
		return nil, err
	}
	exposure, err := Exposure(sys, db, d.ID)
	if err != nil {
		return nil, err
	}
	return &Quote{
		Priced: *priced, Exposure: exposure, CreditLimit: d.CreditLimit,
		WouldHold: HoldsCredit(exposure, priced.Total, d.CreditLimit),
	}, nil
}

// orderingDealer is the dealer an order is placed for: a dealer user's own
// (never its sub-dealers': they order for themselves), or the one a manager
// or admin names among those it sees. It must be ACTIVE or on PROBATION:
// a SUSPENDED or TERMINATED one is FORBIDDEN on dealerID.
func (s *Service) orderingDealer(ctx context.Context, db *ent.Client, v *auth.Viewer, id *int) (*ent.Dealer, error) {
	switch {
	case v.IsDealer():
		if id != nil && *id != v.DealerID {
			return nil, apperr.Errorf(apperr.Forbidden, "you can order only for your own dealer")
		}
		id = &v.DealerID
	case id == nil:
		return nil, apperr.Invalid("dealerID", "name the dealer to order for")
	}
	d, err := db.Dealer.Get(ctx, *id)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("dealerID", "no such dealer")
	}
	if err != nil {
		return nil, err
	}
	if d.Status != dealer.StatusACTIVE && d.Status != dealer.StatusPROBATION {
		// Not bad input: the dealer may not order now. Its orders,
		// account and history stay readable.
		e := apperr.Errorf(apperr.Forbidden, "%s is %s: it places no new orders until its status is ACTIVE or PROBATION again", d.Name, d.Status)
		e.Field = "dealerID"
		return nil, e
	}
	return d, nil
}

func (s *Service) checkLines(lines []Line) error {
	if len(lines) == 0 {
		return apperr.Invalid("lines", "an order needs at least one line")
	}
	seen := map[int]int{}
	for i, l := range lines {
		if l.Quantity <= 0 || l.Quantity > s.maxQuantity {
			return apperr.Invalid(fmt.Sprintf("lines[%d].quantity", i), "the quantity must be between 1 and %d", s.maxQuantity)
		}
		if j, ok := seen[l.ProductID]; ok {
			return apperr.Invalid(fmt.Sprintf("lines[%d].productID", i), "this product is already on line %d: put the whole quantity on one line", j+1)
		}
		seen[l.ProductID] = i
	}
	return nil
}

// PricedLine is a line as Place writes it.
type PricedLine struct {
	Product             *ent.Product
	Quantity            int
	UnitPrice           int64
	DiscountBasisPoints int
	Amount              int64
	// Best first; the first is the line's promotion.
	Applied []incentive.AppliedPromotion
}

// Priced is an order's lines priced: Gross before promotions, Total after.
type Priced struct {
	Dealer *ent.Dealer
	Lines  []PricedLine
	Gross  int64
	Total  int64
}

// priceLines is the one pricing of an order, for Place and Quote alike:
// each product's price valid today (the dealer's channel price, else its
// tier price), less the promotions valid today for the dealer that the
// line receives (Apply), rounded half-up per line.
func (s *Service) priceLines(ctx context.Context, db *ent.Client, d *ent.Dealer, lines []Line) (*Priced, error) {
	ids := make([]int, len(lines))
	for i, l := range lines {
		ids[i] = l.ProductID
	}
	products, err := db.Product.Query().Where(product.IDIn(ids...), product.Active(true)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Product{}
	for _, p := range products {
		byID[p.ID] = p
	}
	today := s.Today()
	prices, err := db.Price.Query().
		Where(price.ProductIDIn(ids...)).
		Where(validPrices(d.Tier, d.ChannelID, today)...).
		All(ctx)
	if err != nil {
		return nil, err
	}
	byProduct := map[int][]*ent.Price{}
	for _, p := range prices {
		byProduct[p.ProductID] = append(byProduct[p.ProductID], p)
	}
	offers, err := dealerOffers(ctx, db, d, today)
	if err != nil {
		return nil, err
	}

	out := &Priced{Dealer: d, Lines: make([]PricedLine, len(lines))}
	for i, l := range lines {
		field := fmt.Sprintf("lines[%d].productID", i)
		p, ok := byID[l.ProductID]
		if !ok {
			return nil, apperr.Invalid(field, "unknown or retired product")
		}
		pr := PriceOn(byProduct[l.ProductID], d.Tier, d.ChannelID, today)
		if pr == nil {
			return nil, apperr.Invalid(field, "%s has no price for tier-%d dealers today", p.Sku, d.Tier)
		}
		bp, applied := Apply(offers, p.ID, p.Category, l.Quantity)
		gross, ok := LineAmount(l.Quantity, pr.Amount, 0)
		amount, _ := LineAmount(l.Quantity, pr.Amount, bp) // no more than gross
		if !ok || out.Gross > money.Max-gross {
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].quantity", i), "the order comes to more than %s, the largest amount", money.Format(money.Max))
		}
		out.Gross += gross
		out.Total += amount
		out.Lines[i] = PricedLine{Product: p, Quantity: l.Quantity, UnitPrice: pr.Amount, DiscountBasisPoints: bp, Amount: amount, Applied: applied}
	}
	return out, nil
}

// LineAmount is quantity × unit price less a discount in basis points,
// rounded half-up; ok is false on overflow.
func LineAmount(quantity int, unitPrice int64, discountBP int) (amount int64, ok bool) {
	q := int64(quantity)
	if unitPrice != 0 && q > math.MaxInt64/unitPrice/10000 {
		return 0, false
	}
	gross := q * unitPrice * int64(10000-discountBP)
	return (gross + 5000) / 10000, true
}

// BusinessDate is the date of t in the business time zone, as the midnight
// UTC that business dates are stored as.
func BusinessDate(t time.Time, loc *time.Location) time.Time {
	return accounts.BusinessDate(t, loc)
}

// digestOf fingerprints what an order asks for, to tell a retry of it from
// another order under the same idempotency key.
func digestOf(in PlaceInput) string {
	b, _ := json.Marshal(in)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Exposure is what a dealer owes or has committed to owe, which its credit
// limit caps: see accounts.Exposure.
func Exposure(ctx context.Context, db *ent.Client, dealerID int) (int64, error) {
	return accounts.Exposure(ctx, db, dealerID)
}
