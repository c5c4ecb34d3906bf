package rebates

import (
	"context"
	stdsql "database/sql"
	"math"
	"strconv"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/rebateprogram"
	"github.com/dealerline/dealerline/ent/shipmentline"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
)

// figures are a dealer's sums for a program and period.
type figures struct {
	invoiced  int64 // invoiced in the period, covered products only
	corrected int64 // CORRECTION and RETURN notes issued in it that count
	credited  int64 // REBATE notes of this program and period
}

func (f figures) basis() int64 {
	b := f.invoiced
	var c money.Checked
	c.Sub(&b, f.corrected)
	if c.Err != nil {
		return 0
	}
	return b
}

// covered is the products p covers: nil for every product.
func covered(ctx context.Context, db *ent.Client, p *ent.RebateProgram) (predicate.Product, error) {
	ids, err := db.RebateProgram.QueryProducts(p).IDs(sys(ctx))
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 && len(p.Categories) == 0 {
		return nil, nil
	}
	return product.Or(product.IDIn(ids...), product.CategoryIn(p.Categories...)), nil
}

// sums are the figures of dealers (all of them with a figure when nil)
// for p and period q: three grouped aggregates, whatever the number of
// invoices. The caller has checked that the viewer may read them.
func sums(ctx context.Context, db *ent.Client, p *ent.RebateProgram, q period.Period, dealerIDs []int) (map[int]*figures, error) {
	ctx = sys(ctx)
	out := map[int]*figures{}
	if dealerIDs != nil && len(dealerIDs) == 0 {
		return out, nil
	}
	get := func(id int) *figures {
		if out[id] == nil {
			out[id] = &figures{}
		}
		return out[id]
	}
	cover, err := covered(ctx, db, p)
	if err != nil {
		return nil, err
	}
	start, end := q.Start(), q.End()
	// Sums are read as text: PostgreSQL's SUM of bigints is a numeric that
	// may not fit in int64 (SQLite's fails with "integer overflow").
	type row struct {
		DealerID int               `json:"dealer_id"`
		Sum      stdsql.NullString `json:"sum"`
	}
	var bad error
	scan := func(rows []row, into func(*figures, int64)) {
		for _, r := range rows {
			if !r.Sum.Valid {
				continue
			}
			v, err := strconv.ParseInt(r.Sum.String, 10, 64)
			if err != nil {
				bad = errOverflow
			}
			into(get(r.DealerID), v)
		}
	}

	// Invoiced: the shipment lines of the invoices issued in the period.
	// A line's amount is what its quantity adds to its order line's amount
	// (ordering.LineAmount at the order's price and discount) and an
	// invoice is the sum of its shipment's lines, so without a product
	// limit this is the invoices' amounts.
	lines := []predicate.ShipmentLine{func(s *sql.Selector) {
		t := sql.Table(invoice.Table)
		where := []*sql.Predicate{sql.GTE(t.C(invoice.FieldIssuedOn), start), sql.LT(t.C(invoice.FieldIssuedOn), end)}
		if dealerIDs != nil {
			where = append(where, sql.InInts(t.C(invoice.FieldDealerID), dealerIDs...))
		}
		s.Where(sql.In(s.C(shipmentline.FieldShipmentID), sql.Select(t.C(invoice.FieldShipmentID)).From(t).Where(sql.And(where...))))
	}}
	if dealerIDs != nil {
		lines = append(lines, shipmentline.DealerIDIn(dealerIDs...))
	}
	if cover != nil {
		lines = append(lines, shipmentline.HasOrderLineWith(orderline.HasProductWith(cover)))
	}
	var inv []row
	if err := db.ShipmentLine.Query().Where(lines...).
		GroupBy(shipmentline.FieldDealerID).
		Aggregate(ent.As(ent.Sum(shipmentline.FieldAmount), "sum")).
		Scan(ctx, &inv); err != nil {
		return nil, overflow(err)
	}
	scan(inv, func(f *figures, v int64) { f.invoiced = v })

	// Corrected: CORRECTION and RETURN notes of the period, for a covered
	// product or for none.
	notes := []predicate.CreditNote{
		creditnote.KindIn(creditnote.KindCORRECTION, creditnote.KindRETURN),
		creditnote.IssuedOnGTE(start), creditnote.IssuedOnLT(end),
	}
	if dealerIDs != nil {
		notes = append(notes, creditnote.DealerIDIn(dealerIDs...))
	}
	if cover != nil {
		notes = append(notes, creditnote.Or(creditnote.ProductIDIsNil(), creditnote.HasProductWith(cover)))
	}
	var cor []row
	if err := db.CreditNote.Query().Where(notes...).
		GroupBy(creditnote.FieldDealerID).
		Aggregate(ent.As(ent.Sum(creditnote.FieldAmount), "sum")).
		Scan(ctx, &cor); err != nil {
		return nil, overflow(err)
	}
	scan(cor, func(f *figures, v int64) { f.corrected = v })

	// Credited: the program's REBATE notes for the period.
	credited := []predicate.CreditNote{
		creditnote.KindEQ(creditnote.KindREBATE),
		creditnote.RebateProgramID(p.ID),
		creditnote.RebatePeriod(q),
	}
	if dealerIDs != nil {
		credited = append(credited, creditnote.DealerIDIn(dealerIDs...))
	}
	var cred []row
	if err := db.CreditNote.Query().Where(credited...).
		GroupBy(creditnote.FieldDealerID).
		Aggregate(ent.As(ent.Sum(creditnote.FieldAmount), "sum")).
		Scan(ctx, &cred); err != nil {
		return nil, overflow(err)
	}
	scan(cred, func(f *figures, v int64) { f.credited = v })
	return out, bad
}

// withAudience loads p's audience edges (ids), past the viewer's rules:
// the caller has read p through them.
func withAudience(ctx context.Context, db *ent.Client, id int) (*ent.RebateProgram, error) {
	return db.RebateProgram.Query().Where(rebateprogram.ID(id)).
		WithChannels().WithTerritories().WithDealers().
		Only(sys(ctx))
}

// errOverflow refuses sums beyond int64: a clear refusal, never a wrong
// number.
var errOverflow = apperr.Errorf(apperr.Conflict, "the amounts add up to more than %s, more than can be held", money.Format(math.MaxInt64))

func overflow(err error) error {
	if strings.Contains(err.Error(), "integer overflow") {
		return errOverflow
	}
	return err
}
