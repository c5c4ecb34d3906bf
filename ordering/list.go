package ordering

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/price"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ordering/orderlist"
	"github.com/dealerline/dealerline/store/tx"
)

// ListLine is a line of a list that can be ordered: where it came from
// (its line number and text) and what it asks for.
type ListLine struct {
	Line     int
	Text     string
	Product  *ent.Product
	Quantity int
}

// ListReading is a purchase list read against the catalogue: the lines
// that can be ordered, priced as Quote prices them (nil when there are
// none), and those that cannot, each with why. Nothing is written.
type ListReading struct {
	Lines    []ListLine
	Problems []orderlist.Problem
	Quote    *Quote
}

// ReadList reads a pasted or uploaded list (see orderlist.Read) for the
// dealer Place would order for (dealerID as in PlaceInput) and prices what
// can be ordered of it. A list over the limits is INVALID_INPUT of field
// "text".
func (s *Service) ReadList(ctx context.Context, dealerID *int, text string) (*ListReading, error) {
	rows, problems, err := orderlist.Read(text, s.maxQuantity)
	var tooLong *orderlist.TooLong
	if errors.As(err, &tooLong) {
		return nil, apperr.Invalid("text", "a list has at most %d lines and %d KB: split it", orderlist.MaxLines, orderlist.MaxBytes>>10)
	}
	if err != nil {
		return nil, err
	}
	skus := make([]string, 0, 2*len(rows))
	for _, r := range rows {
		skus = append(skus, r.SKU, strings.ToUpper(r.SKU))
	}
	// Retired products too, below privacy, to tell a retired SKU from an
	// unknown one: products are the catalogue everyone reads.
	products, err := tx.Client(ctx, s.client).Product.Query().Where(product.SkuIn(skus...)).All(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	bySKU := map[string]*ent.Product{}
	for _, p := range products {
		bySKU[p.Sku] = p
	}
	wanted := make([]ListLine, 0, len(rows))
	for _, r := range rows {
		p := bySKU[r.SKU]
		if p == nil {
			p = bySKU[strings.ToUpper(r.SKU)]
		}
		switch {
		case p == nil:
			problems = append(problems, orderlist.Problem{Line: r.Line, Text: r.Text, Reason: orderlist.UnknownSKU})
		case !p.Active:
			problems = append(problems, orderlist.Problem{Line: r.Line, Text: r.Text, Reason: orderlist.InactiveProduct})
		default:
			wanted = append(wanted, ListLine{Line: r.Line, Text: r.Text, Product: p, Quantity: r.Quantity})
		}
	}
	return s.readLines(ctx, dealerID, wanted, problems)
}

// Reorder is an order's lines read as a new list for its dealer at
// today's prices (each line's number is its position): the products
// retired or without a price since are problems.
func (s *Service) Reorder(ctx context.Context, o *ent.Order) (*ListReading, error) {
	lines, err := tx.Client(ctx, s.client).OrderLine.Query().
		Where(orderline.OrderID(o.ID)).Order(ent.Asc(orderline.FieldPosition)).WithProduct().All(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	var wanted []ListLine
	var problems []orderlist.Problem
	for _, l := range lines {
		text := fmt.Sprintf("%s, %d", l.Sku, l.Quantity)
		switch p := l.Edges.Product; {
		case p == nil || !p.Active:
			problems = append(problems, orderlist.Problem{Line: l.Position, Text: text, Reason: orderlist.InactiveProduct})
		case l.Quantity > s.maxQuantity:
			problems = append(problems, orderlist.Problem{Line: l.Position, Text: text, Reason: orderlist.BadQuantity})
		default:
			wanted = append(wanted, ListLine{Line: l.Position, Text: text, Product: p, Quantity: l.Quantity})
		}
	}
	return s.readLines(ctx, &o.DealerID, wanted, problems)
}

// readLines prices the lines that have a price for the dealer today, as
// Quote would, and adds those that have none to the problems.
func (s *Service) readLines(ctx context.Context, dealerID *int, wanted []ListLine, problems []orderlist.Problem) (*ListReading, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	d, err := s.orderingDealer(ctx, db, v, dealerID)
	if err != nil {
		return nil, err
	}
	out := &ListReading{Lines: []ListLine{}}
	if len(wanted) > 0 {
		ids := make([]int, len(wanted))
		for i, l := range wanted {
			ids[i] = l.Product.ID
		}
		prices, err := db.Price.Query().Where(price.ProductIDIn(ids...)).Where(validPrices(d.Tier, d.ChannelID, s.Today())...).All(access.Bypass(ctx))
		if err != nil {
			return nil, err
		}
		priced := map[int]bool{}
		for _, p := range prices {
			priced[p.ProductID] = true
		}
		for _, l := range wanted {
			if priced[l.Product.ID] {
				out.Lines = append(out.Lines, l)
			} else {
				problems = append(problems, orderlist.Problem{Line: l.Line, Text: l.Text, Reason: orderlist.NoPrice})
			}
		}
	}
	// In the order of the text, as the dealer reads it.
	slices.SortStableFunc(problems, func(a, b orderlist.Problem) int { return a.Line - b.Line })
	out.Problems = problems
	if len(out.Lines) > 0 {
		in := PlaceInput{DealerID: &d.ID, Lines: make([]Line, len(out.Lines))}
		for i, l := range out.Lines {
			in.Lines[i] = Line{ProductID: l.Product.ID, Quantity: l.Quantity}
		}
		if out.Quote, err = s.Quote(ctx, in); err != nil {
			return nil, err
		}
	}
	return out, nil
}
