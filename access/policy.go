package access

import (
	"context"
	"slices"

	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/policyacknowledgement"
	"github.com/dealerline/dealerline/ent/policyversion"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/privacy"
)

// Policies is the set of policies v may read: all for an admin; for a
// manager, those it published and those whose audience may reach the
// dealers of its channels (one of its channels named, or no channel named);
// for a dealer user, those whose audience includes its dealer
// (PolicyAudienceIncludes).
//
// PolicyAudience.Reads is the same rule in memory, for the live fan-out; a
// test holds the two together.
func Policies(v *auth.Viewer) predicate.ChannelPolicy {
	return policyTables.readable(v)
}

// PolicyAudienceIncludes is the set of policies whose audience includes the
// dealer of id, channel, tier and territories: every dealer; or the
// dealers matching each of channels, tiers and territories given (at least
// one given); or the dealer named.
func PolicyAudienceIncludes(dealerID, channelID, tier int, territoryIDs []int) predicate.ChannelPolicy {
	return policyTables.includes(dealerID, channelID, tier, territoryIDs)
}

// PolicyAudience is who a policy is for: every dealer (All), or the dealers
// matching every dimension given of channels, tiers and territories (at
// least one given), or those named; and its publisher.
type PolicyAudience struct {
	All          bool
	ChannelIDs   []int
	Tiers        []int
	TerritoryIDs []int
	DealerIDs    []int
	PublishedBy  int
}

// Includes reports whether dealer dealerID of channel, tier and
// territories is in the audience: PolicyAudienceIncludes, in memory (the
// rule of audience.Audience).
func (a PolicyAudience) Includes(dealerID, channelID, tier int, territoryIDs []int) bool {
	return audience.Audience{All: a.All, ChannelIDs: a.ChannelIDs, Tiers: a.Tiers, TerritoryIDs: a.TerritoryIDs, DealerIDs: a.DealerIDs}.
		Includes(dealerID, channelID, tier, territoryIDs)
}

// Reads reports whether v may read a policy to a: Policies, in memory.
func (a PolicyAudience) Reads(v *auth.Viewer) bool {
	switch {
	case v.IsAdmin():
		return true
	case v.IsManager():
		return a.PublishedBy == v.UserID || len(a.ChannelIDs) == 0 ||
			slices.ContainsFunc(a.ChannelIDs, v.Manages)
	case v.IsDealer():
		return a.Includes(v.DealerID, v.DealerChannelID, v.DealerTier, v.DealerTerritoryIDs)
	}
	return false
}

// PolicyPolicy: see Policies. Only package policies writes, after its own
// checks.
func PolicyPolicy() ent.Policy { return readPolicy[*ent.ChannelPolicyQuery](Policies) }

// PolicyPartPolicy: versions are seen with their policy.
func PolicyPartPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.PolicyVersionQueryRuleFunc(func(ctx context.Context, q *ent.PolicyVersionQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if !v.IsAdmin() {
				q.Where(policyversion.HasPolicyWith(Policies(v)))
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// SeesAcknowledgements reports whether v may see who has acknowledged a
// policy: the manufacturer's staff. Dealer users see their own dealer's
// state only.
func SeesAcknowledgements(v *auth.Viewer) bool {
	return v.IsAdmin() || v.IsManager()
}

// PolicyAcknowledgementPolicy: acknowledgements are seen with their policy
// and their dealer — a dealer user only its own dealer's, not its
// sub-dealers' (a receipt would tell it of a policy addressed to them
// alone).
func PolicyAcknowledgementPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.PolicyAcknowledgementQueryRuleFunc(func(ctx context.Context, q *ent.PolicyAcknowledgementQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			switch {
			case v.IsAdmin():
			case v.IsDealer():
				q.Where(policyacknowledgement.DealerID(v.DealerID), policyacknowledgement.HasPolicyWith(Policies(v)))
			default:
				q.Where(policyacknowledgement.HasDealerWith(Dealers(v)), policyacknowledgement.HasPolicyWith(Policies(v)))
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}
