package graph

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/deals"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealregistration"
	"github.com/dealerline/dealerline/ent/lead"
)

// dealPayload answers a registration mutation: reloaded with what the
// client selected (see loaded).
func (r *mutationResolver) dealPayload(ctx context.Context, x *ent.DealRegistration, err error) (*ent.DealRegistration, error) {
	if err != nil {
		return nil, err
	}
	return loaded[*ent.DealRegistration](ctx, ent.FromContext(ctx).DealRegistration.Query().Where(dealregistration.ID(x.ID)))
}

// leadPayload answers a lead mutation alike.
func (r *mutationResolver) leadPayload(ctx context.Context, x *ent.Lead, err error) (*ent.Lead, error) {
	if err != nil {
		return nil, err
	}
	return loaded[*ent.Lead](ctx, ent.FromContext(ctx).Lead.Query().Where(lead.ID(x.ID)))
}

// declinedPayload is the lead a dealer declined as it may still see it:
// none, once the lead went to another dealer.
func (r *mutationResolver) declinedPayload(ctx context.Context, x *ent.Lead, err error) (*ent.Lead, error) {
	if err != nil {
		return nil, err
	}
	l, err := r.leadPayload(ctx, x, nil)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return l, err
}

func registerInput(in RegisterDealInput) deals.RegisterInput {
	lines := make([]deals.LineInput, len(in.Lines))
	for i, l := range in.Lines {
		lines[i] = deals.LineInput{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	return deals.RegisterInput{
		CustomerName: in.CustomerName, City: deref(in.City), TerritoryID: in.TerritoryID,
		Lines: lines, ExpectedCloseOn: in.ExpectedCloseOn, Notes: deref(in.Notes),
	}
}

// leadConversion is a dealer scorecard's lead conversion over its period
// (the scorecard's dealer was read through the viewer's rules).
func (r *scorecardResolver) leadConversion(ctx context.Context, s *appraisal.Scorecard) (*LeadConversion, error) {
	if s.Dealer == nil {
		return nil, nil
	}
	loc := r.Location
	if loc == nil {
		loc = time.UTC
	}
	at := func(day time.Time) time.Time { return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc) }
	c, err := r.LeadService.ConversionOf(ctx, s.Dealer.ID, at(s.Period.Start()), at(s.Period.End()))
	if err != nil {
		return nil, err
	}
	return &LeadConversion{Offered: c.Offered, Accepted: c.Accepted, Won: c.Won, Rate: c.Rate()}, nil
}
