package access

import (
	"context"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelpolicy"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/promotion"
	"github.com/dealerline/dealerline/ent/rebateprogram"
)

// audienceTables is where an entity addressed to dealers (a policy, a
// promotion, a rebate program) keeps its audience, by ent's generated
// names: its id, the flag for every dealer, the tiers (a JSON array) and its
// publisher, and the link tables to the channels, territories and dealers
// it names. One rule of who is in an audience reads them all.
type audienceTables struct {
	id, all, tiers, publishedBy    string
	channels, territories, dealers link
	// subDealers: a distributor reads what reaches one of its sub-dealers,
	// whose standing it follows.
	subDealers bool
}

// link is a many-to-many table: its primary key is the entity's column,
// then the other's.
type link struct {
	table string
	pk    []string
}

var (
	policyTables = audienceTables{
		id: channelpolicy.FieldID, all: channelpolicy.FieldAllDealers, tiers: channelpolicy.FieldTiers,
		publishedBy: channelpolicy.FieldPublishedByID,
		channels:    link{channelpolicy.ChannelsTable, channelpolicy.ChannelsPrimaryKey},
		territories: link{channelpolicy.TerritoriesTable, channelpolicy.TerritoriesPrimaryKey},
		dealers:     link{channelpolicy.DealersTable, channelpolicy.DealersPrimaryKey},
	}
	promotionTables = audienceTables{
		id: promotion.FieldID, all: promotion.FieldAllDealers, tiers: promotion.FieldTiers,
		publishedBy: promotion.FieldPublishedByID,
		channels:    link{promotion.ChannelsTable, promotion.ChannelsPrimaryKey},
		territories: link{promotion.TerritoriesTable, promotion.TerritoriesPrimaryKey},
		dealers:     link{promotion.DealersTable, promotion.DealersPrimaryKey},
	}
	// A rebate program's tiers field is the reward's; its audience's is
	// dealer_tiers.
	rebateTables = audienceTables{
		id: rebateprogram.FieldID, all: rebateprogram.FieldAllDealers, tiers: rebateprogram.FieldDealerTiers,
		publishedBy: rebateprogram.FieldPublishedByID,
		channels:    link{rebateprogram.ChannelsTable, rebateprogram.ChannelsPrimaryKey},
		territories: link{rebateprogram.TerritoriesTable, rebateprogram.TerritoriesPrimaryKey},
		dealers:     link{rebateprogram.DealersTable, rebateprogram.DealersPrimaryKey},
		subDealers:  true,
	}
)

// rows selects the rows of l of the entity whose id is column id, and
// whose other column satisfies other (nil: any).
func (l link) rows(id string, other func(col string) *sql.Predicate) *sql.Selector {
	t := sql.Table(l.table).As("aud_" + l.table)
	where := sql.ColumnsEQ(t.C(l.pk[0]), id)
	if other != nil {
		where = sql.And(where, other(t.C(l.pk[1])))
	}
	return sql.Select(t.C(l.pk[1])).From(t).Where(where)
}

// member is a dealer as the audience rule tests it, each part a condition
// on a column: its id, its channel, one of its territories, and a JSON
// array of tiers that holds its tier.
type member struct {
	is, inChannel, inTerritory, tierIn func(col string) *sql.Predicate
}

// dealerOf is the dealer of the values given (a dealer user's own, as its
// viewer carries them).
func dealerOf(id, channelID, tier int, territoryIDs []int) member {
	return member{
		is:          func(col string) *sql.Predicate { return sql.EQ(col, id) },
		inChannel:   func(col string) *sql.Predicate { return sql.EQ(col, channelID) },
		inTerritory: func(col string) *sql.Predicate { return sql.InInts(col, territoryIDs...) },
		tierIn:      func(col string) *sql.Predicate { return sqljson.ValueContains(col, tier) },
	}
}

// dealerRow is the dealer of row d of the dealers table.
func dealerRow(d *sql.SelectTable) member {
	return member{
		is:        func(col string) *sql.Predicate { return sql.ColumnsEQ(col, d.C(dealer.FieldID)) },
		inChannel: func(col string) *sql.Predicate { return sql.ColumnsEQ(col, d.C(dealer.FieldChannelID)) },
		inTerritory: func(col string) *sql.Predicate {
			dt := sql.Table(dealer.TerritoriesTable).As("aud_dealer_territories")
			return sql.Exists(sql.Select(dt.C(dealer.TerritoriesPrimaryKey[1])).From(dt).Where(sql.And(
				sql.ColumnsEQ(dt.C(dealer.TerritoriesPrimaryKey[0]), d.C(dealer.FieldID)),
				sql.ColumnsEQ(dt.C(dealer.TerritoriesPrimaryKey[1]), col),
			)))
		},
		// Tiers are 1 or 2: the JSON holds the dealer's tier.
		tierIn: func(col string) *sql.Predicate {
			return sql.Or(
				sql.And(sql.EQ(d.C(dealer.FieldTier), 1), sqljson.ValueContains(col, 1)),
				sql.And(sql.EQ(d.C(dealer.FieldTier), 2), sqljson.ValueContains(col, 2)),
			)
		},
	}
}

// namesOrMatches is whether the audience of the row of s names dealer m,
// or matches it by each of channels, tiers and territories given (at least
// one given). With every dealer (t.all), the audience rule.
func (t audienceTables) namesOrMatches(s *sql.Selector, m member) *sql.Predicate {
	id, tiers := s.C(t.id), s.C(t.tiers)
	has := func(l link) *sql.Predicate { return sql.Exists(l.rows(id, nil)) }
	return sql.Or(
		sql.Exists(t.dealers.rows(id, m.is)),
		sql.And(
			sql.Or(has(t.channels), sql.NotNull(tiers), has(t.territories)),
			sql.Or(sql.Not(has(t.channels)), sql.Exists(t.channels.rows(id, m.inChannel))),
			sql.Or(sql.IsNull(tiers), m.tierIn(tiers)),
			sql.Or(sql.Not(has(t.territories)), sql.Exists(t.territories.rows(id, m.inTerritory))),
		),
	)
}

// includes is the set of rows whose audience includes the dealer of id,
// channel, tier and territories: every dealer; or the dealers matching
// each of channels, tiers and territories given (at least one given); or
// the dealers named.
func (t audienceTables) includes(dealerID, channelID, tier int, territoryIDs []int) func(*sql.Selector) {
	return func(s *sql.Selector) {
		s.Where(sql.Or(sql.EQ(s.C(t.all), true), t.namesOrMatches(s, dealerOf(dealerID, channelID, tier, territoryIDs))))
	}
}

// reaches is the set of rows whose audience includes the dealer of id or
// one of its sub-dealers: one correlated EXISTS over those dealers.
func (t audienceTables) reaches(dealerID int) func(*sql.Selector) {
	return func(s *sql.Selector) {
		d := sql.Table(dealer.Table).As("aud_reached")
		s.Where(sql.Or(
			sql.EQ(s.C(t.all), true),
			sql.Exists(sql.Select(d.C(dealer.FieldID)).From(d).Where(sql.And(
				sql.Or(sql.EQ(d.C(dealer.FieldID), dealerID), sql.EQ(d.C(dealer.FieldParentID), dealerID)),
				t.namesOrMatches(s, dealerRow(d)),
			))),
		))
	}
}

// managedBy is the set of rows a manager reads: those it published, and
// those whose audience may reach the dealers of its channels (one of its
// channels named, or no channel named).
func managedBy(v *auth.Viewer, id, publishedBy string, channels link) func(*sql.Selector) {
	return func(s *sql.Selector) {
		s.Where(sql.Or(
			sql.EQ(s.C(publishedBy), v.UserID),
			sql.NotExists(channels.rows(s.C(id), nil)),
			sql.Exists(channels.rows(s.C(id), func(col string) *sql.Predicate { return sql.InInts(col, v.ManagedChannelIDs...) })),
		))
	}
}

// readable is the set of rows v may read: all for an admin; for a manager,
// managedBy; for a dealer user, those whose audience includes its dealer
// (includes) or, with subDealers, one of its sub-dealers (reaches).
func (t audienceTables) readable(v *auth.Viewer) func(*sql.Selector) {
	switch {
	case v.IsAdmin():
		return func(*sql.Selector) {}
	case v.IsManager():
		return managedBy(v, t.id, t.publishedBy, t.channels)
	case v.IsDealer() && t.subDealers:
		return t.reaches(v.DealerID)
	case v.IsDealer():
		return t.includes(v.DealerID, v.DealerChannelID, v.DealerTier, v.DealerTerritoryIDs)
	}
	return func(s *sql.Selector) { s.Where(sql.False()) }
}

// readPolicy is the privacy policy of an entity whose queries are Q and
// whose rows a viewer may read are rule's (readRule). Only the entity's own
// service writes, after its own checks.
func readPolicy[Q interface{ Where(...P) Q }, P ~func(*sql.Selector)](rule func(*auth.Viewer) P) ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{readRule[Q](rule)},
		Mutation: systemWrites(),
	}
}

// readRule limits a query Q to the rows rule lets its viewer read;
// administrators read every row.
func readRule[Q interface{ Where(...P) Q }, P ~func(*sql.Selector)](rule func(*auth.Viewer) P) privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
		typed, ok := q.(Q)
		if !ok {
			return privacy.Denyf("access: unexpected query type %T", q)
		}
		v, err := viewer(ctx)
		if err != nil {
			return err
		}
		if !v.IsAdmin() {
			typed.Where(rule(v))
		}
		return privacy.Allow
	})
}
