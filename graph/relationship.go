package graph

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/serviceticket"
)

// ticketPayload answers a ticket mutation: the ticket reloaded with what
// the client selected (see loaded), and its thread when asked for, so no
// field loads through the shared transaction.
func (r *mutationResolver) ticketPayload(ctx context.Context, t *ent.ServiceTicket, err error) (*ent.ServiceTicket, error) {
	if err != nil {
		return nil, err
	}
	q := ent.FromContext(ctx).ServiceTicket.Query().Where(serviceticket.ID(t.ID))
	if selects(ctx, "thread") {
		q.WithReplies()
	}
	return loaded[*ent.ServiceTicket](ctx, q)
}
