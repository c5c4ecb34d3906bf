package ordering

import (
	"context"
	"fmt"
	"slices"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ordering/status"
)

// MaxConfirm is the most orders one ConfirmMany confirms.
const MaxConfirm = 100

// Versioned is an order as it was read: its id and version.
type Versioned struct {
	ID              int
	ExpectedVersion int
}

// Confirmed is what became of one order of ConfirmMany: the order
// confirmed, or why it was refused (an *apperr.Error).
type Confirmed struct {
	ID    int
	Order *ent.Order
	Err   *apperr.Error
}

// ConfirmMany confirms each order as Transition(id, CONFIRMED, note,
// expectedVersion) would, each in a savepoint of its own inside the
// request's transaction: a refused order rolls back its own writes (its
// history, audit entry and outbox event) and leaves the others confirmed.
// Results are in the order asked. Asking for more than MaxConfirm orders,
// or for one order twice, refuses them all.
func (s *Service) ConfirmMany(ctx context.Context, orders []Versioned, note string) ([]Confirmed, error) {
	if len(orders) > MaxConfirm {
		return nil, apperr.Invalid("orders", "confirm at most %d orders at once", MaxConfirm)
	}
	seen := map[int]int{}
	for i, o := range orders {
		if j, ok := seen[o.ID]; ok {
			return nil, apperr.Invalid("orders", "orders[%d] is the same order as orders[%d]", i, j)
		}
		seen[o.ID] = i
	}
	if _, err := apperr.Lines("note", note, false, MaxNote); err != nil {
		return nil, err
	}
	t := ent.TxFromContext(ctx)
	if t == nil {
		// Outside a request's transaction (a command, a test): one of its own.
		var err error
		if t, err = s.client.Tx(ctx); err != nil {
			return nil, err
		}
		out, err := s.ConfirmMany(ent.NewContext(ent.NewTxContext(ctx, t), t.Client()), orders, note)
		if err != nil {
			return nil, rollback(t, err)
		}
		return out, t.Commit()
	}
	db := t.Client()
	if err := lockProducts(ctx, db, orders); err != nil {
		return nil, err
	}
	out := make([]Confirmed, len(orders))
	for i, o := range orders {
		out[i].ID = o.ID
		if _, err := db.ExecContext(ctx, "SAVEPOINT confirm_order"); err != nil {
			return nil, err
		}
		version := o.ExpectedVersion
		confirmed, err := s.Transition(ctx, o.ID, status.Confirmed, note, &version)
		if err != nil {
			refusal, ok := apperr.As(err)
			switch {
			case ok:
			case ent.IsNotFound(err):
				// A foreign order answers exactly like a missing one.
				refusal = apperr.Errorf(apperr.NotFound, "not found")
			default:
				return nil, fmt.Errorf("confirming order %d: %w", o.ID, err)
			}
			if _, err := db.ExecContext(ctx, "ROLLBACK TO SAVEPOINT confirm_order"); err != nil {
				return nil, err
			}
			out[i].Err = refusal
		} else {
			out[i].Order = confirmed
		}
		if _, err := db.ExecContext(ctx, "RELEASE SAVEPOINT confirm_order"); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// lockProducts takes the row locks of the products the orders' lines
// reserve, in product order, before any is confirmed: two batches naming
// the same products in another order of orders then queue instead of
// deadlocking (each order alone locks its products in product order).
func lockProducts(ctx context.Context, db *ent.Client, orders []Versioned) error {
	sys := access.Bypass(ctx)
	ids := make([]int, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	products, err := db.OrderLine.Query().
		Where(orderline.OrderIDIn(ids...), orderline.ProductIDNotNil()).
		Order(orderline.ByProductID()).
		Unique(true).
		Select(orderline.FieldProductID).
		Ints(sys)
	if err != nil {
		return err
	}
	for _, id := range slices.Compact(products) {
		// A no-op write: it holds the row until the transaction ends.
		if err := db.Product.Update().Where(product.ID(id)).AddOnHand(0).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}

func rollback(t *ent.Tx, err error) error {
	if rerr := t.Rollback(); rerr != nil {
		return fmt.Errorf("%w (and rolling back: %v)", err, rerr)
	}
	return err
}
