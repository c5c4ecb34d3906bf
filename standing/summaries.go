package standing

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/contrib/entgql"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/quotas"
	"github.com/dealerline/dealerline/store/tx"
)

const (
	// DefaultPage and MaxPage bound a page of the list.
	DefaultPage = 20
	MaxPage     = 100
	// manyDealers is where listing the dealers' ids in every statement
	// costs more than summing every dealer's figures and keeping theirs.
	manyDealers = 1000
)

// Summaries lists the dealers the viewer may see with their figures:
// filtered, sorted (ties by code) and paged after the cursor after. The
// figures of all the matching dealers are computed together, in a fixed
// number of grouped statements, since sorting by them needs them all.
func (s *Service) Summaries(ctx context.Context, f *Filter, o *Order, first *int, after *string) (*Page, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	n := DefaultPage
	if first != nil {
		n = *first
	}
	if n < 0 || n > MaxPage {
		return nil, apperr.Invalid("first", "first must be between 0 and %d", MaxPage)
	}
	if o == nil {
		o = &Order{Field: ByCode, Direction: entgql.OrderDirectionAsc}
	}
	if !slices.Contains([]Field{ByCode, ByName, BySalesThisMonth, BySalesThisYear, ByOpenOrders, ByOverdue, ByBalance, ByLastOrderAt}, o.Field) {
		return nil, apperr.Invalid("orderBy.field", "%q is not a field to sort by", o.Field)
	}
	var resume *cursor
	if after != nil {
		c, err := decodeCursor(*after, o)
		if err != nil {
			return nil, err
		}
		resume = c
	}

	db := tx.Client(ctx, s.client)
	// The dealers as the viewer sees them: its privacy decides which.
	dealers, err := db.Dealer.Query().Where(f.predicates()...).All(ctx)
	if err != nil {
		return nil, err
	}
	all, err := s.figures(ctx, db, dealers)
	if err != nil {
		return nil, err
	}
	if f != nil && f.OverdueOnly != nil && *f.OverdueOnly {
		all = slices.DeleteFunc(all, func(x *Summary) bool { return x.Overdue <= 0 })
	}
	desc := o.Direction == entgql.OrderDirectionDesc
	slices.SortFunc(all, func(a, b *Summary) int { return compare(keyOf(a, o.Field), keyOf(b, o.Field), desc) })

	start := 0
	if resume != nil {
		start, _ = slices.BinarySearchFunc(all, resume.key, func(x *Summary, k key) int {
			if c := compare(keyOf(x, o.Field), k, desc); c != 0 {
				return c
			}
			return -1 // the one the cursor names sorts before what follows it
		})
	}
	end := min(start+n, len(all))
	page := &Page{Summaries: all[start:end], HasNextPage: end < len(all), TotalCount: len(all)}
	for i, x := range page.Summaries {
		c := encodeCursor(o, x)
		page.Cursors = append(page.Cursors, cursorString(c))
		if i == 0 {
			page.StartCursor = c
		}
		page.EndCursor = c
	}
	return page, nil
}

// predicates are the filter's conditions on dealers.
func (f *Filter) predicates() []predicate.Dealer {
	var p []predicate.Dealer
	if f == nil {
		return p
	}
	if f.Search != nil {
		if q := strings.TrimSpace(*f.Search); q != "" {
			p = append(p, dealer.Or(dealer.CodeContainsFold(q), dealer.NameContainsFold(q)))
		}
	}
	if f.ChannelID != nil {
		p = append(p, dealer.ChannelID(*f.ChannelID))
	}
	if f.TerritoryID != nil {
		p = append(p, dealer.HasTerritoriesWith(territory.ID(*f.TerritoryID)))
	}
	if f.Tier != nil {
		p = append(p, dealer.Tier(*f.Tier))
	}
	if f.Status != nil {
		p = append(p, dealer.StatusEQ(*f.Status))
	}
	return p
}

// figures computes the summaries of dealers, read below the privacy
// rules: the dealers are the ones the viewer sees.
func (s *Service) figures(ctx context.Context, db *ent.Client, dealers []*ent.Dealer) ([]*Summary, error) {
	out := make([]*Summary, len(dealers))
	if len(dealers) == 0 {
		return out, nil
	}
	ids := make([]int, len(dealers))
	for i, d := range dealers {
		ids[i] = d.ID
	}
	which := accounts.DealersIn(ids...)
	if len(ids) > manyDealers {
		which = accounts.AllDealers()
	}
	sys := access.Bypass(ctx)
	today := s.Today()
	exposures, err := accounts.Exposures(sys, db, which)
	if err != nil {
		return nil, err
	}
	positions, err := accounts.Positions(sys, db, which, today)
	if err != nil {
		return nil, err
	}
	counts, err := openCounts(sys, db, which)
	if err != nil {
		return nil, err
	}
	open, held := map[int]int{}, map[int]int{}
	for _, c := range counts {
		open[c.DealerID] += c.Count
		if c.CreditHold {
			held[c.DealerID] += c.Count
		}
	}
	month, err := quotas.SalesOf(sys, db, s.location, predicate.Order(which), period.MonthOf(today))
	if err != nil {
		return nil, err
	}
	year, err := quotas.SalesOf(sys, db, s.location, predicate.Order(which), period.Of(period.Year, today))
	if err != nil {
		return nil, err
	}
	last, err := lastOrders(sys, db, which)
	if err != nil {
		return nil, err
	}
	for i, d := range dealers {
		p := accounts.PositionOf(positions, d.ID, today)
		out[i] = &Summary{
			Dealer:         d,
			SalesThisMonth: month[d.ID].Net,
			SalesThisYear:  year[d.ID].Net,
			OpenOrders:     open[d.ID],
			HeldOrders:     held[d.ID],
			Balance:        p.Balance,
			Overdue:        p.Ageing.Overdue,
			CreditExposure: exposures[d.ID],
			LastOrderAt:    last[d.ID],
		}
	}
	return out, nil
}

// lastOrders is when each dealer of which placed its latest order: the
// orders whose (dealer, placed_at) is among the dealers' latest, found in
// one grouped pass. (A subquery per order row, its dealer's latest, costs
// an index probe per order: half a minute at a million orders.) The times
// are read as the orders' own column, so each store's driver types them.
func lastOrders(ctx context.Context, db *ent.Client, which accounts.Which) (map[int]*time.Time, error) {
	latest, err := db.Order.Query().
		Where(predicate.Order(which), func(s *entsql.Selector) {
			t := entsql.Table(order.Table).As("latest")
			newest := entsql.Select(t.C(order.FieldDealerID), entsql.Max(t.C(order.FieldPlacedAt))).
				From(t).
				GroupBy(t.C(order.FieldDealerID))
			s.Where(entsql.P(func(b *entsql.Builder) {
				b.WriteString("(").WriteString(s.C(order.FieldDealerID)).Comma().WriteString(s.C(order.FieldPlacedAt)).
					WriteString(") IN ").Wrap(func(b *entsql.Builder) { b.Join(newest) })
			}))
		}).
		Select(order.FieldDealerID, order.FieldPlacedAt).
		All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int]*time.Time, len(latest))
	for _, o := range latest {
		at := o.PlacedAt
		out[o.DealerID] = &at
	}
	return out, nil
}

// key is what a summary sorts by: a number, a text, or a time that may be
// missing (a dealer without orders), and the dealer's code for ties.
type key struct {
	N    int64  `json:"n,omitempty"`
	S    string `json:"s,omitempty"`
	Null bool   `json:"z,omitempty"`
	Code string `json:"c"`
}

func keyOf(x *Summary, f Field) key {
	k := key{Code: x.Dealer.Code}
	switch f {
	case ByCode:
		k.S = x.Dealer.Code
	case ByName:
		k.S = x.Dealer.Name
	case BySalesThisMonth:
		k.N = x.SalesThisMonth
	case BySalesThisYear:
		k.N = x.SalesThisYear
	case ByOpenOrders:
		k.N = int64(x.OpenOrders)
	case ByOverdue:
		k.N = x.Overdue
	case ByBalance:
		k.N = x.Balance
	case ByLastOrderAt:
		if x.LastOrderAt == nil {
			k.Null = true
		} else {
			k.N = x.LastOrderAt.UnixNano()
		}
	}
	return k
}

// compare sorts by the field, in its direction (a dealer without orders
// before the others ascending, after them descending), then by code.
func compare(a, b key, desc bool) int {
	c := cmp.Or(cmp.Compare(b2i(!a.Null), b2i(!b.Null)), cmp.Compare(a.N, b.N), strings.Compare(a.S, b.S))
	if desc {
		c = -c
	}
	return cmp.Or(c, strings.Compare(a.Code, b.Code))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A cursor names the edge a page resumes after, as every cursor of this
// API does (entgql's): the dealer's id, and as its value its sort key
// under the order it was listed by, so that a page resumes at the right
// place even when dealers came or went, or their figures changed, in
// between.
type cursorValue struct {
	Field Field                 `json:"f"`
	Dir   entgql.OrderDirection `json:"d"`
	Key   key                   `json:"k"`
}

type cursor struct{ key key }

func encodeCursor(o *Order, x *Summary) *entgql.Cursor[int] {
	b, _ := json.Marshal(cursorValue{Field: o.Field, Dir: o.Direction, Key: keyOf(x, o.Field)})
	return &entgql.Cursor[int]{ID: x.Dealer.ID, Value: string(b)}
}

// cursorString is c as a client passes it back.
func cursorString(c *entgql.Cursor[int]) string {
	var b strings.Builder
	c.MarshalGQL(&b)
	s, _ := strconv.Unquote(b.String())
	return s
}

func decodeCursor(s string, o *Order) (*cursor, error) {
	bad := apperr.Invalid("after", "after is not a cursor of this list: pass an edge's cursor, with the same orderBy")
	var c entgql.Cursor[int]
	if c.UnmarshalGQL(s) != nil {
		return nil, bad
	}
	v, ok := c.Value.(string)
	var cv cursorValue
	if !ok || json.Unmarshal([]byte(v), &cv) != nil || cv.Field != o.Field || cv.Dir != o.Direction {
		return nil, bad
	}
	return &cursor{key: cv.Key}, nil
}
