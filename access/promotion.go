package access

import (
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/predicate"
)

// Promotions is the set of promotions v may read: all for an admin; for a
// manager, those it published and those whose audience may reach the
// dealers of its channels (one of its channels named, or no channel
// named); for a dealer user, those whose audience includes its dealer
// (PromotionAudienceIncludes). The rule of Policies, for promotions.
func Promotions(v *auth.Viewer) predicate.Promotion {
	return promotionTables.readable(v)
}

// PromotionAudienceIncludes is the set of promotions whose audience
// includes the dealer of id, channel, tier and territories: every dealer;
// or the dealers matching each of channels, tiers and territories given (at
// least one given); or the dealer named. audience.Audience.Includes is the
// same rule in memory, which pricing applies.
func PromotionAudienceIncludes(dealerID, channelID, tier int, territoryIDs []int) predicate.Promotion {
	return promotionTables.includes(dealerID, channelID, tier, territoryIDs)
}

// PromotionPolicy: see Promotions. Only package promotions writes, after
// its own checks.
func PromotionPolicy() ent.Policy { return readPolicy[*ent.PromotionQuery](Promotions) }
