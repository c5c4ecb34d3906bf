// Package stock keeps what the single warehouse holds per product: units
// on hand, the part of them confirmed orders hold (reserved), and what a
// dealer is told about availability. Every change is a check-and-set
// UPDATE in the caller's transaction, so on both stores, whatever runs at
// the same time, 0 ≤ reserved ≤ on hand.
package stock

import (
	"context"
	"fmt"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/product"
)

// MaxOnHand is the most units of one product the warehouse may hold.
const MaxOnHand = 100_000_000

// Limited is the number of free units at or below which a product is
// shown as LIMITED rather than IN_STOCK.
const Limited = 10

// maxTries bounds the check-and-set loop: each failed try means another
// transaction changed the row and committed, so a busy product rarely
// needs more than a few.
const maxTries = 50

// State is what a dealer is told about a product's availability.
type State string

const (
	StateInStock   State = "IN_STOCK"
	StateLimited   State = "LIMITED"
	StateBackorder State = "BACKORDER"
)

// Availability is a product's availability as one viewer may see it.
// Available is the number of free units, nil when the viewer is not told
// quantities; LeadTimeDays is set for BACKORDER.
type Availability struct {
	State        State
	Available    *int
	LeadTimeDays *int
}

// Of is p's availability; quantities tells whether the viewer may see the
// number of free units (staff always, dealers when the installation shows
// stock quantities).
func Of(p *ent.Product, quantities bool) Availability {
	free := p.OnHand - p.Reserved
	a := Availability{State: StateInStock}
	switch {
	case free <= 0:
		free = 0
		a.State = StateBackorder
		lead := p.LeadTimeDays
		a.LeadTimeDays = &lead
	case free <= Limited:
		a.State = StateLimited
	}
	if quantities {
		a.Available = &free
	}
	return a
}

// adjust applies change to product id's (on hand, reserved) as read, with
// an UPDATE that holds only while the row still has those values: a
// concurrent change makes it match nothing, and it is read and tried
// again. change returns the new values, or an error that stops it.
func adjust(ctx context.Context, db *ent.Client, id int, change func(onHand, reserved int) (int, int, error)) error {
	sys := access.Bypass(ctx)
	for range maxTries {
		p, err := db.Product.Query().Where(product.ID(id)).Select(product.FieldOnHand, product.FieldReserved).Only(sys)
		if err != nil {
			return err
		}
		onHand, reserved, err := change(p.OnHand, p.Reserved)
		if err != nil {
			return err
		}
		if onHand == p.OnHand && reserved == p.Reserved {
			return nil
		}
		if reserved < 0 || reserved > onHand {
			return fmt.Errorf("stock of product %d would become %d reserved of %d on hand", id, reserved, onHand)
		}
		n, err := db.Product.Update().
			Where(product.ID(id), product.OnHand(p.OnHand), product.Reserved(p.Reserved)).
			SetOnHand(onHand).
			SetReserved(reserved).
			Save(sys)
		if err != nil {
			return err
		}
		if n == 1 {
			return nil
		}
	}
	return apperr.Errorf(apperr.Conflict, "the stock of this product is changing too fast: try again")
}

// Reserve reserves up to want units of product id for a confirmed order,
// as many as are free, and returns how many it reserved: the rest is
// backordered.
func Reserve(ctx context.Context, db *ent.Client, id, want int) (int, error) {
	if want <= 0 {
		return 0, nil
	}
	// The usual case in one statement: enough is free.
	n, err := db.Product.Update().
		Where(product.ID(id), freeAtLeast(want)).
		AddReserved(want).
		Save(access.Bypass(ctx))
	if err != nil || n == 1 {
		return want, err
	}
	var got int
	err = adjust(ctx, db, id, func(onHand, reserved int) (int, int, error) {
		got = min(want, max(0, onHand-reserved))
		return onHand, reserved + got, nil
	})
	return got, err
}

// freeAtLeast holds for products with at least n units not reserved.
func freeAtLeast(n int) func(*entsql.Selector) {
	return func(s *entsql.Selector) {
		s.Where(entsql.P(func(b *entsql.Builder) {
			b.Ident(s.C(product.FieldOnHand)).WriteString(" - ").Ident(s.C(product.FieldReserved)).WriteOp(entsql.OpGTE).Arg(n)
		}))
	}
}

// Release gives back n reserved units of product id (an order cancelled
// or closed short). A reservation never goes below zero: rows from before
// reservations were kept may hold less than their orders.
func Release(ctx context.Context, db *ent.Client, id, n int) error {
	if n <= 0 {
		return nil
	}
	return adjust(ctx, db, id, func(onHand, reserved int) (int, int, error) {
		return onHand, max(0, reserved-n), nil
	})
}

// Ship takes n units of product id out of the warehouse, reserved of them
// from the order's reservation and the rest from free stock; field names
// the quantity in the caller's input when free stock cannot cover the
// rest (INVALID_INPUT).
func Ship(ctx context.Context, db *ent.Client, id, n, reserved int, field, sku string) error {
	if n <= 0 {
		return nil
	}
	return adjust(ctx, db, id, func(onHand, held int) (int, int, error) {
		fromReserved := min(reserved, held)
		if free := onHand - held; n-fromReserved > free {
			return 0, 0, apperr.Invalid(field, "%s: %d of these units wait for stock and only %d are free in the warehouse", sku, n-fromReserved, max(0, free))
		}
		return onHand - n, held - fromReserved, nil
	})
}

// Receive puts n units of product id back on hand (goods returned by a
// dealer and received).
func Receive(ctx context.Context, db *ent.Client, id, n int) error {
	if n <= 0 {
		return nil
	}
	return adjust(ctx, db, id, func(onHand, reserved int) (int, int, error) {
		if onHand+n > MaxOnHand {
			return 0, 0, apperr.Invalid("lines", "more than %d units on hand", MaxOnHand)
		}
		return onHand + n, reserved, nil
	})
}

// SetOnHand sets product id's units on hand, never below what confirmed
// orders hold. The product is read through the viewer's client, so a
// product the viewer may not see answers NOT_FOUND, and written under its
// rules (administrators write products).
func SetOnHand(ctx context.Context, db *ent.Client, id, onHand int) (*ent.Product, error) {
	if onHand < 0 || onHand > MaxOnHand {
		return nil, apperr.Invalid("onHand", "units on hand must be between 0 and %d", MaxOnHand)
	}
	p, err := db.Product.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.NotFound, "no such product")
	}
	if err != nil {
		return nil, err
	}
	// Checked and set in one statement: a reservation made meanwhile is
	// never left above the new count.
	n, err := db.Product.Update().
		Where(product.ID(id), product.ReservedLTE(onHand)).
		SetOnHand(onHand).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		if p, err = db.Product.Get(ctx, id); err != nil {
			return nil, err
		}
		return nil, apperr.Invalid("onHand", "%s: %d units are reserved for confirmed orders; on hand cannot be less", p.Sku, p.Reserved)
	}
	if p.OnHand != onHand {
		if err := audit.Record(ctx, db, "stock.set", "Product", id, map[string]any{
			"sku": p.Sku, "onHand": map[string]int{"before": p.OnHand, "after": onHand},
		}); err != nil {
			return nil, err
		}
	}
	return db.Product.Get(ctx, id)
}
