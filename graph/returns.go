package graph

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/salesreturn"
	"github.com/dealerline/dealerline/returns"
)

// returnPayload answers a return mutation: the return reloaded with what
// the client selected (see loaded), so no field loads through the shared
// transaction.
func (r *mutationResolver) returnPayload(ctx context.Context, x *ent.SalesReturn, err error) (*ent.SalesReturn, error) {
	if err != nil {
		return nil, err
	}
	return loaded[*ent.SalesReturn](ctx, ent.FromContext(ctx).SalesReturn.Query().Where(salesreturn.ID(x.ID)))
}

func receivedLines(in []*ReceivedLineInput) []returns.ReceivedLine {
	out := make([]returns.ReceivedLine, len(in))
	for i, l := range in {
		out[i] = returns.ReceivedLine{ReturnLineID: l.ReturnLineID, Quantity: l.Quantity}
	}
	return out
}

func returnLines(in []*ReturnLineInput) []returns.LineInput {
	out := make([]returns.LineInput, len(in))
	for i, l := range in {
		out[i] = returns.LineInput{OrderLineID: l.OrderLineID, Quantity: l.Quantity}
	}
	return out
}
