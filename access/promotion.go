package access

import (
	"context"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/promotion"
	"github.com/dealerline/dealerline/ent/territory"
)

// Promotions is the set of promotions v may read: all for an admin; for a
// manager, those it published and those whose audience may reach the
// dealers of its channels (one of its channels named, or no channel
// named); for a dealer user, those whose audience includes its dealer
// (PromotionAudienceIncludes). The rule of Policies, for promotions.
func Promotions(v *auth.Viewer) predicate.Promotion {
	switch {
	case v.IsAdmin():
		return func(*sql.Selector) {}
	case v.IsManager():
		return promotion.Or(
			promotion.PublishedByID(v.UserID),
			promotion.Not(promotion.HasChannels()),
			promotion.HasChannelsWith(channel.IDIn(v.ManagedChannelIDs...)),
		)
	case v.IsDealer():
		return PromotionAudienceIncludes(v.DealerID, v.DealerChannelID, v.DealerTier, v.DealerTerritoryIDs)
	}
	return promotion.IDIn()
}

// PromotionAudienceIncludes is the set of promotions whose audience
// includes the dealer of id, channel, tier and territories: every dealer;
// or the dealers matching each of channels, tiers and territories given (at
// least one given); or the dealer named. audience.Audience.Includes is the
// same rule in memory, which pricing applies.
func PromotionAudienceIncludes(dealerID, channelID, tier int, territoryIDs []int) predicate.Promotion {
	return promotion.Or(
		promotion.AllDealers(true),
		promotion.And(
			promotion.Or(promotion.HasChannels(), promotion.TiersNotNil(), promotion.HasTerritories()),
			promotion.Or(promotion.Not(promotion.HasChannels()), promotion.HasChannelsWith(channel.ID(channelID))),
			promotion.Or(promotion.TiersIsNil(), promotionTiersContain(tier)),
			promotion.Or(promotion.Not(promotion.HasTerritories()), promotion.HasTerritoriesWith(territory.IDIn(territoryIDs...))),
		),
		promotion.HasDealersWith(dealer.ID(dealerID)),
	)
}

func promotionTiersContain(tier int) predicate.Promotion {
	return func(s *sql.Selector) {
		s.Where(sqljson.ValueContains(s.C(promotion.FieldTiers), tier))
	}
}

// PromotionPolicy: see Promotions. Only package promotions writes, after
// its own checks.
func PromotionPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.PromotionQueryRuleFunc(func(ctx context.Context, q *ent.PromotionQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if !v.IsAdmin() {
				q.Where(Promotions(v))
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}
