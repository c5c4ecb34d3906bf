package graph

import (
	"context"
	"slices"

	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/rebates"
)

func rebateProgramInput(in RebateProgramInput) rebates.ProgramInput {
	out := rebates.ProgramInput{
		Name: in.Name, Description: deref(in.Description), PeriodKind: in.PeriodKind,
		FirstPeriod: in.FirstPeriod, LastPeriod: in.LastPeriod,
		ProductIDs: in.ProductIDs, Categories: in.Categories, TierMode: in.TierMode,
	}
	if a := in.Audience; a != nil {
		out.Audience = audience.Audience{All: deref(a.All), ChannelIDs: a.ChannelIDs, Tiers: a.Tiers, TerritoryIDs: a.TerritoryIDs, DealerIDs: a.DealerIDs}
	}
	for _, t := range in.Tiers {
		out.Tiers = append(out.Tiers, incentive.Tier{Threshold: t.Threshold, RateBasisPoints: t.RateBasisPoints})
	}
	return out
}

// rebateAudience is p's audience as the viewer may see it: the named
// dealers through its rules.
func rebateAudience(ctx context.Context, p *ent.RebateProgram) (*Audience, error) {
	a := &Audience{All: p.AllDealers, Tiers: p.DealerTiers}
	if a.Tiers == nil {
		a.Tiers = []int{}
	}
	var err error
	if a.Channels, err = p.QueryChannels().All(ctx); err != nil {
		return nil, err
	}
	if a.Territories, err = p.QueryTerritories().All(ctx); err != nil {
		return nil, err
	}
	if a.Dealers, err = p.QueryDealers().All(ctx); err != nil {
		return nil, err
	}
	slices.SortFunc(a.Channels, func(x, y *ent.Channel) int { return x.ID - y.ID })
	slices.SortFunc(a.Territories, func(x, y *ent.Territory) int { return x.ID - y.ID })
	slices.SortFunc(a.Dealers, func(x, y *ent.Dealer) int { return x.ID - y.ID })
	return a, nil
}

func rebateStatus(st *rebates.Status) *RebateStatus {
	return &RebateStatus{
		Program: st.Program, Dealer: st.Dealer, Period: st.Period, Closed: st.Closed,
		Invoiced: st.Invoiced, Corrected: st.Corrected, Basis: st.Basis,
		Tier: st.Tier, RateBasisPoints: st.RateBasisPoints, Accrued: st.Accrued,
		NextTier: st.NextTier, DistanceToNextTier: st.DistanceToNextTier,
		ProjectedBasis: st.ProjectedBasis, ProjectedTier: st.ProjectedTier, ProjectedAccrued: st.ProjectedAccrued,
		Settled: st.Settled, Shortfall: st.Shortfall,
	}
}

func rebateSettlement(st *rebates.Settlement) *RebateSettlement {
	out := &RebateSettlement{Program: st.Program, Period: st.Period, Settled: st.Settled, TotalToCredit: st.TotalToCredit,
		Lines: make([]*RebateSettlementLine, len(st.Lines))}
	for i, l := range st.Lines {
		out.Lines[i] = &RebateSettlementLine{
			Dealer: l.Dealer, Basis: l.Basis, Tier: l.Tier, Earned: l.Earned, AlreadyCredited: l.AlreadyCredited,
			ToCredit: l.ToCredit, Shortfall: l.Shortfall, CreditNote: l.CreditNote,
		}
	}
	return out
}
