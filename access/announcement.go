package access

import (
	"context"
	"slices"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/announcement"
	"github.com/dealerline/dealerline/ent/announcementread"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/territory"
)

// Announcements is the set of announcements v may read: all for an admin;
// for a manager, those it published and those that may reach the dealers of
// the channels it manages (no channel given, or one of its channels); for a
// dealer user, those whose audience includes its dealer: the dealers
// matching every dimension given (none given: every dealer, unless dealers
// are named), plus the dealers named (a promotion's announcement).
//
// AnnouncementAudience.Reads is the same rule in memory, for the live
// fan-out; a test holds the two together.
func Announcements(v *auth.Viewer) predicate.Announcement {
	switch {
	case v.IsAdmin():
		return func(*sql.Selector) {}
	case v.IsManager():
		return managedBy(v, announcement.FieldID, announcement.FieldPublishedByID, link{announcement.ChannelsTable, announcement.ChannelsPrimaryKey})
	case v.IsDealer():
		return announcement.Or(
			announcement.HasDealersWith(dealer.ID(v.DealerID)),
			announcement.And(
				// Naming dealers alone addresses those only.
				announcement.Or(
					announcement.Not(announcement.HasDealers()),
					announcement.HasChannels(), announcement.TiersNotNil(), announcement.HasTerritories(),
				),
				announcement.Or(announcement.Not(announcement.HasChannels()), announcement.HasChannelsWith(channel.ID(v.DealerChannelID))),
				announcement.Or(announcement.TiersIsNil(), tiersContain(v.DealerTier)),
				announcement.Or(announcement.Not(announcement.HasTerritories()), announcement.HasTerritoriesWith(territory.IDIn(v.DealerTerritoryIDs...))),
			),
		)
	}
	return announcement.IDIn()
}

func tiersContain(tier int) predicate.Announcement {
	return func(s *sql.Selector) {
		s.Where(sqljson.ValueContains(s.C(announcement.FieldTiers), tier))
	}
}

// AnnouncementAudience is who an announcement is for: the dealers matching
// every dimension given (an empty one is every dealer; all empty, every
// dealer unless DealerIDs names some), plus the dealers named, and its
// publisher.
type AnnouncementAudience struct {
	ChannelIDs   []int
	Tiers        []int
	TerritoryIDs []int
	DealerIDs    []int
	PublishedBy  int
}

// Includes reports whether dealer dealerID of channel, tier and
// territories is in the audience.
func (a AnnouncementAudience) Includes(dealerID, channelID, tier int, territoryIDs []int) bool {
	if slices.Contains(a.DealerIDs, dealerID) {
		return true
	}
	if len(a.DealerIDs) > 0 && len(a.ChannelIDs) == 0 && len(a.Tiers) == 0 && len(a.TerritoryIDs) == 0 {
		return false
	}
	return (len(a.ChannelIDs) == 0 || slices.Contains(a.ChannelIDs, channelID)) &&
		(len(a.Tiers) == 0 || slices.Contains(a.Tiers, tier)) &&
		(len(a.TerritoryIDs) == 0 || slices.ContainsFunc(territoryIDs, func(t int) bool { return slices.Contains(a.TerritoryIDs, t) }))
}

// Reads reports whether v may read an announcement to a: Announcements, in
// memory.
func (a AnnouncementAudience) Reads(v *auth.Viewer) bool {
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

// AnnouncementPolicy: see Announcements. Only the announcing service
// publishes, after its own checks.
func AnnouncementPolicy() ent.Policy { return readPolicy[*ent.AnnouncementQuery](Announcements) }

// SeesReadCounts reports whether v may see how many have read an
// announcement: the manufacturer's staff. Dealers see their own receipts
// only.
func SeesReadCounts(v *auth.Viewer) bool {
	return v.IsAdmin() || v.IsManager()
}

// AnnouncementReadPolicy: everyone sees only their own read receipts (what
// Announcement.readAt shows); staff see how many through the count kept on
// the announcement.
func AnnouncementReadPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.AnnouncementReadQueryRuleFunc(func(ctx context.Context, q *ent.AnnouncementReadQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			q.Where(announcementread.UserID(v.UserID))
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}
