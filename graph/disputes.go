package graph

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/invoicedispute"
)

// disputePayload answers a dispute mutation: the dispute reloaded with what
// the client selected (see loaded).
func (r *mutationResolver) disputePayload(ctx context.Context, x *ent.InvoiceDispute, err error) (*ent.InvoiceDispute, error) {
	if err != nil {
		return nil, err
	}
	return loaded[*ent.InvoiceDispute](ctx, ent.FromContext(ctx).InvoiceDispute.Query().Where(invoicedispute.ID(x.ID)))
}
