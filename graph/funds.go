package graph

import (
	"context"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/fundclaim"
	"github.com/dealerline/dealerline/funds"
)

// newestFund lists funds latest period first.
var newestFund = &ent.MarketingFundOrder{Field: ent.MarketingFundOrderFieldPeriod, Direction: entgql.OrderDirectionDesc}

func fundInput(in OpenMarketingFundInput) funds.FundInput {
	out := funds.FundInput{
		Name: in.Name, Description: deref(in.Description), Period: in.Period, Kind: in.BudgetKind,
		Amount: in.BudgetAmount, BasisPoints: in.BudgetBasisPoints,
	}
	if a := in.Audience; a != nil {
		out.Audience = audience.Audience{All: deref(a.All), ChannelIDs: a.ChannelIDs, Tiers: a.Tiers, TerritoryIDs: a.TerritoryIDs, DealerIDs: a.DealerIDs}
	}
	return out
}

// fundClaimPayload answers a claim mutation: the claim reloaded with what
// the client selected (see loaded).
func (r *mutationResolver) fundClaimPayload(ctx context.Context, x *ent.FundClaim, err error) (*ent.FundClaim, error) {
	if err != nil {
		return nil, err
	}
	return loaded[*ent.FundClaim](ctx, ent.FromContext(ctx).FundClaim.Query().Where(fundclaim.ID(x.ID)))
}
