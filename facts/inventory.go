package facts

import (
	"context"
	"fmt"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/inventoryreport"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/product"
)

// Line is one product's stock in a count.
type Line struct {
	ProductID int
	Stock     int
}

// InventoryInput is a stock count.
type InventoryInput struct {
	// The dealer counted; nil for a dealer user's own dealer.
	DealerID *int
	Date     time.Time // a business date
	Lines    []Line
}

// ReportInventory records a stock count: a dealer user for its own dealer
// (a distributor also for a sub-dealer), staff for the dealers they work
// on. Each line is valued at the product's unit cost of today, copied, so
// a later change of cost leaves past counts as they were.
func (s *Service) ReportInventory(ctx context.Context, in InventoryInput) (*ent.InventoryReport, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if in.DealerID == nil {
		if !v.IsDealer() {
			return nil, apperr.Invalid("dealerID", "name the dealer whose stock was counted")
		}
		in.DealerID = &v.DealerID
	}
	on, err := s.pastDate("date", in.Date)
	if err != nil {
		return nil, err
	}
	switch {
	case len(in.Lines) == 0:
		return nil, apperr.Invalid("lines", "a stock count lists at least one product")
	case len(in.Lines) > MaxLines:
		return nil, apperr.Invalid("lines", "a stock count lists at most %d products", MaxLines)
	}
	seen := map[int]bool{}
	ids := make([]int, 0, len(in.Lines))
	for i, l := range in.Lines {
		if seen[l.ProductID] {
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].productID", i), "each product is counted once: it is on an earlier line too")
		}
		if l.Stock < 0 {
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].stock", i), "stock is 0 or more")
		}
		seen[l.ProductID] = true
		ids = append(ids, l.ProductID)
	}
	db := s.db(ctx)
	d, err := dealerFor(ctx, db, "dealerID", *in.DealerID)
	if err != nil {
		return nil, err
	}
	// Through the viewer's privacy: a dealer user counts the products it
	// may order, not withdrawn ones.
	ps, err := db.Product.Query().Where(product.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Product{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	for i, l := range in.Lines {
		if byID[l.ProductID] == nil {
			return nil, apperr.Missing(fmt.Sprintf("lines[%d].productID", i), "no such product")
		}
	}
	sys := access.Bypass(ctx)
	r, err := db.InventoryReport.Create().
		SetDealerID(d.ID).
		SetReportedOn(on).
		SetRecordedByID(v.UserID).
		SetRecordedByName(v.Name).
		Save(sys)
	if err != nil {
		return nil, err
	}
	creates := make([]*ent.InventoryLineCreate, len(in.Lines))
	stock := map[string]int{}
	for i, l := range in.Lines {
		p := byID[l.ProductID]
		creates[i] = db.InventoryLine.Create().
			SetReportID(r.ID).
			SetDealerID(d.ID).
			SetProductID(p.ID).
			SetSku(p.Sku).
			SetProductName(p.Name).
			SetStock(l.Stock).
			SetUnitCost(p.UnitCost)
		stock[p.Sku] = l.Stock
	}
	if err := db.InventoryLine.CreateBulk(creates...).Exec(sys); err != nil {
		return nil, err
	}
	return r, audit.Record(ctx, db, "inventory.report", "InventoryReport", r.ID, map[string]any{
		"dealer": d.Code, "date": on.Format(time.DateOnly), "stock": stock,
	})
}

// NewestReportedFirst is the order stock counts are listed in.
var NewestReportedFirst = &ent.InventoryReportOrder{Field: ent.InventoryReportOrderFieldReportedOn, Direction: entgql.OrderDirectionDesc}

// InventoryReports are the stock counts the viewer may read (staff their
// dealers', a dealer user its own dealer's unless it names a sub-dealer:
// see access.ListDealer), narrowed by f; list them NewestReportedFirst.
func (s *Service) InventoryReports(ctx context.Context, f Filter) (*ent.InventoryReportQuery, error) {
	ps, err := narrowed[predicate.InventoryReport](ctx, f, access.ListDealer(ctx, f.DealerID), inventoryreport.FieldReportedOn)
	if err != nil {
		return nil, err
	}
	return s.client.InventoryReport.Query().Where(ps...), nil
}
