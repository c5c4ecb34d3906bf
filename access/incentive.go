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
	"github.com/dealerline/dealerline/ent/rebateprogram"
)

// adminsOnlyRead: administrators read every row, others none.
func adminsOnlyRead() privacy.QueryRule {
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		v, err := viewer(ctx)
		if err != nil {
			return err
		}
		if !v.IsAdmin() {
			wf, ok := f.(interface{ WhereP(...func(*sql.Selector)) })
			if !ok {
				return privacy.Denyf("%T cannot be filtered", f)
			}
			wf.WhereP(func(s *sql.Selector) { s.Where(sql.False()) })
		}
		return privacy.Allow
	})
}

// PromotionPolicy: administrators only, until the audience rule is written.
func PromotionPolicy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{adminsOnlyRead()}, Mutation: systemWrites()}
}

// RebatePrograms is the set of rebate programs v may read: all for an
// admin; for a manager, those it published and those whose audience may
// reach the dealers of its channels (one of its channels named, or no
// channel named); for a dealer user, those whose audience includes its
// dealer or, for a distributor, one of its sub-dealers, whose standing it
// follows. The same audience rule as Policies (PolicyAudienceIncludes).
func RebatePrograms(v *auth.Viewer) predicate.RebateProgram {
	switch {
	case v.IsAdmin():
		return func(*sql.Selector) {}
	case v.IsManager():
		return rebateprogram.Or(
			rebateprogram.PublishedByID(v.UserID),
			rebateprogram.Not(rebateprogram.HasChannels()),
			rebateprogram.HasChannelsWith(channel.IDIn(v.ManagedChannelIDs...)),
		)
	case v.IsDealer():
		return rebateprogram.Or(rebateprogram.AllDealers(true), rebateAudienceReaches(v.DealerID))
	}
	return rebateprogram.IDIn()
}

// rebateAudienceReaches: programs whose audience names, or matches by
// every dimension given, the dealer of id or one of its sub-dealers — one
// correlated EXISTS over those dealers.
func rebateAudienceReaches(id int) predicate.RebateProgram {
	return func(s *sql.Selector) {
		prog := s.C(rebateprogram.FieldID)
		d := sql.Table(dealer.Table).As("rp_reach")
		link := func(table string) *sql.SelectTable { return sql.Table(table).As("rp_" + table) }
		named := link(rebateprogram.DealersTable)
		chans := link(rebateprogram.ChannelsTable)
		terrs := link(rebateprogram.TerritoriesTable)
		dterr := sql.Table(dealer.TerritoriesTable).As("rp_dealer_territories")
		hasChannels := sql.Select(chans.C(rebateprogram.ChannelsPrimaryKey[0])).From(chans).
			Where(sql.ColumnsEQ(chans.C(rebateprogram.ChannelsPrimaryKey[0]), prog))
		hasTerritories := sql.Select(terrs.C(rebateprogram.TerritoriesPrimaryKey[0])).From(terrs).
			Where(sql.ColumnsEQ(terrs.C(rebateprogram.TerritoriesPrimaryKey[0]), prog))
		tiers := s.C(rebateprogram.FieldDealerTiers)
		matches := sql.And(
			sql.Or(sql.Exists(hasChannels), sql.NotNull(tiers), sql.Exists(hasTerritories)),
			sql.Or(
				sql.NotExists(hasChannels),
				sql.Exists(sql.Select(chans.C(rebateprogram.ChannelsPrimaryKey[1])).From(chans).Where(sql.And(
					sql.ColumnsEQ(chans.C(rebateprogram.ChannelsPrimaryKey[0]), prog),
					sql.ColumnsEQ(chans.C(rebateprogram.ChannelsPrimaryKey[1]), d.C(dealer.FieldChannelID)),
				))),
			),
			// Tiers are 1 or 2: the JSON holds the dealer's tier.
			sql.Or(
				sql.IsNull(tiers),
				sql.And(sql.EQ(d.C(dealer.FieldTier), 1), sqljson.ValueContains(tiers, 1)),
				sql.And(sql.EQ(d.C(dealer.FieldTier), 2), sqljson.ValueContains(tiers, 2)),
			),
			sql.Or(
				sql.NotExists(hasTerritories),
				sql.Exists(sql.Select(terrs.C(rebateprogram.TerritoriesPrimaryKey[1])).From(terrs).
					Join(dterr).On(dterr.C(dealer.TerritoriesPrimaryKey[1]), terrs.C(rebateprogram.TerritoriesPrimaryKey[1])).
					Where(sql.And(
						sql.ColumnsEQ(terrs.C(rebateprogram.TerritoriesPrimaryKey[0]), prog),
						sql.ColumnsEQ(dterr.C(dealer.TerritoriesPrimaryKey[0]), d.C(dealer.FieldID)),
					))),
			),
		)
		isNamed := sql.Exists(sql.Select(named.C(rebateprogram.DealersPrimaryKey[1])).From(named).Where(sql.And(
			sql.ColumnsEQ(named.C(rebateprogram.DealersPrimaryKey[0]), prog),
			sql.ColumnsEQ(named.C(rebateprogram.DealersPrimaryKey[1]), d.C(dealer.FieldID)),
		)))
		s.Where(sql.Exists(sql.Select(d.C(dealer.FieldID)).From(d).Where(sql.And(
			sql.Or(sql.EQ(d.C(dealer.FieldID), id), sql.EQ(d.C(dealer.FieldParentID), id)),
			sql.Or(isNamed, matches),
		))))
	}
}

// RebateProgramPolicy: see RebatePrograms. Only package rebates writes,
// after its own checks.
func RebateProgramPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.RebateProgramQueryRuleFunc(func(ctx context.Context, q *ent.RebateProgramQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if !v.IsAdmin() {
				q.Where(RebatePrograms(v))
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}
