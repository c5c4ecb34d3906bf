// Package market is market information coming from the dealers: the
// street prices they see competitors charge for our products in their
// territories. A dealer user reports them; staff read their dealers'
// reports; a dealer its own, and every price seen in its territories
// without who saw it, next to the price it pays itself. They feed the
// price-pressure signal.
package market

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/marketreport"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/price"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of what people write, in characters.
const (
	MaxCompetitor = 200
	MaxNote       = 2000
	// MaxObservations is the most price observations one request lists.
	MaxObservations = 100
)

// Service records market reports and lists them.
type Service struct {
	client   *ent.Client
	location *time.Location // business time zone: observation dates
	now      func() time.Time
}

// NewService returns a Service over client; location is the business time
// zone.
func NewService(client *ent.Client, location *time.Location) *Service {
	return &Service{client: client, location: location, now: time.Now}
}

// WithClock returns a copy of s that takes the time from now: for loading
// history (the demo data) and for tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Today is the business date now.
func (s *Service) Today() time.Time { return accounts.BusinessDate(s.now(), s.location) }

// ReportInput is what a dealer user saw.
type ReportInput struct {
	TerritoryID   int
	ProductID     int
	Competitor    string
	ObservedPrice int64
	ObservedOn    time.Time // a business date
	Note          string
}

// Submit records what a dealer user saw in one of its dealer's
// territories.
//
// A territory that is not its dealer's is refused as invalid input, not as
// a missing one: territories are the catalogue every signed-in user reads,
// so pretending it does not exist would hide nothing and mislead.
func (s *Service) Submit(ctx context.Context, in ReportInput) (*ent.MarketReport, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "dealer users report what they see in their markets; staff read the reports")
	}
	if in.Competitor, err = apperr.Text("competitor", in.Competitor, true, MaxCompetitor); err != nil {
		return nil, err
	}
	if in.Note, err = apperr.Lines("note", in.Note, false, MaxNote); err != nil {
		return nil, err
	}
	if in.ObservedPrice <= 0 {
		return nil, apperr.Invalid("observedPrice", "the price seen must be more than zero")
	}
	if in.ObservedPrice > money.Max {
		return nil, apperr.Invalid("observedPrice", "the price seen is more than any amount accepted")
	}
	observed := date(in.ObservedOn)
	if observed.After(s.Today()) {
		return nil, apperr.Invalid("observedOn", "a price is reported once it has been seen: %s is after today", observed.Format(time.DateOnly))
	}
	db := tx.Client(ctx, s.client)
	sys := access.Bypass(ctx)
	t, err := db.Territory.Get(ctx, in.TerritoryID)
	if ent.IsNotFound(err) {
		return nil, notFound("territoryID", "no such territory")
	}
	if err != nil {
		return nil, err
	}
	// Against the database, not the signed-in viewer's copy: a territory
	// taken from the dealer a moment ago is no longer its own.
	own, err := db.Dealer.Query().Where(dealer.ID(v.DealerID), dealer.HasTerritoriesWith(territory.ID(t.ID))).Exist(sys)
	if err != nil {
		return nil, err
	}
	if !own {
		return nil, apperr.Invalid("territoryID", "%s is not one of your dealer's territories: report what you see where you sell", t.Name)
	}
	p, err := db.Product.Get(ctx, in.ProductID)
	if ent.IsNotFound(err) {
		return nil, notFound("productID", "no such product")
	}
	if err != nil {
		return nil, err
	}
	r, err := db.MarketReport.Create().
		SetDealerID(v.DealerID).
		SetTerritoryID(t.ID).
		SetProductID(p.ID).
		SetCompetitor(in.Competitor).
		SetObservedPrice(in.ObservedPrice).
		SetObservedOn(observed).
		SetNote(in.Note).
		SetReportedByID(v.UserID).
		SetReportedByName(v.Name).
		SetReportedAt(s.now()).
		Save(sys)
	if err != nil {
		return nil, err
	}
	return r, audit.Record(ctx, db, "market.report", "MarketReport", r.ID, map[string]any{
		"territory": t.Code, "product": p.Sku, "competitor": r.Competitor,
		"observedPrice": r.ObservedPrice, "observedOn": observed.Format(time.DateOnly),
	})
}

// Filter narrows reports and observations. From is included, To excluded
// (business dates).
type Filter struct {
	TerritoryID *int
	ProductID   *int
	DealerID    *int // reports only
	From, To    *time.Time
}

func (f Filter) check() error {
	if f.From != nil && f.To != nil && date(*f.To).Before(date(*f.From)) {
		return apperr.Invalid("to", "the period ends before it starts")
	}
	return nil
}

func (f Filter) predicates() []predicate.MarketReport {
	var ps []predicate.MarketReport
	if f.TerritoryID != nil {
		ps = append(ps, marketreport.TerritoryID(*f.TerritoryID))
	}
	if f.ProductID != nil {
		ps = append(ps, marketreport.ProductID(*f.ProductID))
	}
	if f.From != nil {
		ps = append(ps, marketreport.ObservedOnGTE(date(*f.From)))
	}
	if f.To != nil {
		ps = append(ps, marketreport.ObservedOnLT(date(*f.To)))
	}
	return ps
}

// NewestObservedFirst is the order reports are listed in.
var NewestObservedFirst = &ent.MarketReportOrder{Field: ent.MarketReportOrderFieldObservedOn, Direction: entgql.OrderDirectionDesc}

// Reports are the reports the viewer may read (staff their dealers', a
// dealer user its own dealer's unless it names a sub-dealer: see
// access.ListDealer), narrowed by f; list them NewestObservedFirst.
func (s *Service) Reports(ctx context.Context, f Filter) (*ent.MarketReportQuery, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	q := s.client.MarketReport.Query().Where(f.predicates()...)
	if id := access.ListDealer(ctx, f.DealerID); id != nil {
		q.Where(marketreport.DealerID(*id))
	}
	return q, nil
}

// Observation is a price seen in a territory, without who saw it.
type Observation struct {
	Territory     *ent.Territory
	Product       *ent.Product
	Competitor    string
	ObservedPrice int64
	ObservedOn    time.Time
	// OurPrice is what the viewer's dealer paid for the product that day
	// (ordering.PriceOn); nil for staff and when it had no price.
	OurPrice *int64
}

// Observations are the prices seen, newest first, at most first: for a
// dealer user every dealer's reports in its own dealer's territories (a
// territoryID not its own lists nothing, as a territory without reports
// would); for staff their dealers' reports.
func (s *Service) Observations(ctx context.Context, f Filter, first int) ([]Observation, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	if first < 1 || first > MaxObservations {
		return nil, apperr.Invalid("first", "first is from 1 to %d", MaxObservations)
	}
	f.DealerID = nil
	ps := f.predicates()
	var reports []*ent.MarketReport
	if v.IsDealer() {
		// Below the rules, which show a dealer its own reports only: its
		// territories are checked here, and no reporter leaves this function.
		sys := access.Bypass(ctx)
		own, err := s.client.Territory.Query().Where(territory.HasDealersWith(dealer.ID(v.DealerID))).IDs(sys)
		if err != nil {
			return nil, err
		}
		if f.TerritoryID != nil && !slices.Contains(own, *f.TerritoryID) {
			return []Observation{}, nil
		}
		reports, err = s.client.MarketReport.Query().
			Where(append(ps, marketreport.TerritoryIDIn(own...), marketreport.HasProductWith(product.Active(true)))...).
			Order(ent.Desc(marketreport.FieldObservedOn), ent.Desc(marketreport.FieldID)).
			Limit(first).
			All(sys)
		if err != nil {
			return nil, err
		}
	} else {
		reports, err = s.client.MarketReport.Query().
			Where(ps...).
			Order(ent.Desc(marketreport.FieldObservedOn), ent.Desc(marketreport.FieldID)).
			Limit(first).
			All(ctx)
		if err != nil {
			return nil, err
		}
	}
	return s.observations(ctx, v, reports)
}

// observations turns reports into observations, loading their territories
// and products through the viewer's rules (one statement each) and, for a
// dealer user, its prices.
func (s *Service) observations(ctx context.Context, v *auth.Viewer, reports []*ent.MarketReport) ([]Observation, error) {
	out := []Observation{}
	if len(reports) == 0 {
		return out, nil
	}
	var tids, pids []int
	for _, r := range reports {
		tids = append(tids, r.TerritoryID)
		pids = append(pids, r.ProductID)
	}
	territories, err := s.client.Territory.Query().Where(territory.IDIn(distinct(tids)...)).All(ctx)
	if err != nil {
		return nil, err
	}
	products, err := s.client.Product.Query().Where(product.IDIn(distinct(pids)...)).All(ctx)
	if err != nil {
		return nil, err
	}
	prices := map[int][]*ent.Price{}
	if v.IsDealer() {
		ps, err := s.client.Price.Query().Where(
			price.ProductIDIn(distinct(pids)...),
			price.Tier(v.DealerTier),
			price.Or(price.ChannelIDIsNil(), price.ChannelID(v.DealerChannelID)),
		).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			prices[p.ProductID] = append(prices[p.ProductID], p)
		}
	}
	byT := map[int]*ent.Territory{}
	for _, t := range territories {
		byT[t.ID] = t
	}
	byP := map[int]*ent.Product{}
	for _, p := range products {
		byP[p.ID] = p
	}
	for _, r := range reports {
		t, p := byT[r.TerritoryID], byP[r.ProductID]
		if t == nil || p == nil {
			continue // not the viewer's to read
		}
		o := Observation{Territory: t, Product: p, Competitor: r.Competitor, ObservedPrice: r.ObservedPrice, ObservedOn: date(r.ObservedOn)}
		if v.IsDealer() {
			if pr := ordering.PriceOn(prices[p.ID], v.DealerTier, v.DealerChannelID, o.ObservedOn); pr != nil {
				o.OurPrice = &pr.Amount
			}
		}
		out = append(out, o)
	}
	return out, nil
}

// date normalises a business date to the midnight UTC it is held as.
func date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func notFound(field, format string, args ...any) error {
	return &apperr.Error{Code: apperr.NotFound, Message: fmt.Sprintf(format, args...), Field: field}
}

func distinct(ids []int) []int {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
