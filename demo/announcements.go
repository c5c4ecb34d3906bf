package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/ent/announcement"
)

type announcementSpec struct {
	title, body string
	category    announcement.Category // NEWS when empty
	pinned      bool
	daysAgo     int
	publisher   string // email
	channels    []string
	tiers       []int
	territories []string
	readBy      []string // emails of dealer users who have read it
}

// announcements are news as the manufacturer told it in the last weeks:
// one pinned for everyone, one per channel, tier and territory audience.
var announcements = []announcementSpec{
	{
		title: "New price list from the 1st of next month",
		body: "The price list for the coming quarter takes effect on the 1st of next month. " +
			"Tier prices for cordless drills and angle grinders drop by 3 %; accessories are unchanged. " +
			"Orders placed before then are invoiced at today's prices.",
		pinned: true, daysAgo: 12, publisher: "admin@demo.test",
		readBy: []string{"south@demo.test"},
	},
	{
		title: "Retail counter displays: order by the 20th",
		body: "Retail dealers can order the new counter display for the cordless range free of charge " +
			"with any order of 20 units or more placed by the 20th. Ask your channel manager for the layout guide.",
		category: announcement.CategoryPROMOTION,
		daysAgo:  8, publisher: "manager@demo.test", channels: []string{"RETAIL"},
	},
	{
		title: "Distributor quarterly business review",
		body: "Distributors: the quarterly business review takes place online on the last Thursday of the month. " +
			"Please bring your sub-dealers' sell-out figures and inventory by product category.",
		category: announcement.CategoryMARKET,
		daysAgo:  5, publisher: "admin@demo.test", tiers: []int{1},
		readBy: []string{"north@demo.test"},
	},
	{
		title: "Yangtze River Delta warehouse stocktake",
		body: "The Kunshan warehouse closes for stocktaking next Friday and Saturday. " +
			"Orders confirmed in those two days ship on Monday.",
		category: announcement.CategoryOPERATIONS,
		daysAgo:  3, publisher: "admin@demo.test", territories: []string{"EC-YRD"},
	},
	{
		title: "Brushless impact drivers now in the catalogue",
		body: "Two brushless impact drivers join the catalogue this week, with tier and E-commerce prices. " +
			"Demonstration units are available through your channel manager.",
		daysAgo: 1, publisher: "admin@demo.test",
	},
}

func (l *loader) loadAnnouncements(ctx context.Context) error {
	names := map[string]string{}
	for _, u := range append(append([]userSpec{}, staff...), dealerUsers...) {
		names[u.email] = u.name
	}
	for _, s := range announcements {
		// Mid-morning, business days ago: the same on every run.
		y, m, d := l.today.AddDate(0, 0, -s.daysAgo).Date()
		at := time.Date(y, m, d, 9, 30, 0, 0, l.loc)
		c := l.c.Announcement.Create().
			SetTitle(s.title).
			SetBody(s.body).
			SetPinned(s.pinned).
			SetNillableCategory(category(s.category)).
			SetPublishedAt(at).
			SetPublishedByID(l.userIDs[s.publisher]).
			SetPublishedByName(names[s.publisher]).
			SetReadCount(len(s.readBy))
		for _, code := range s.channels {
			c.AddChannelIDs(l.channelIDs[code])
		}
		for _, code := range s.territories {
			c.AddTerritoryIDs(l.territoryIDs[code])
		}
		if len(s.tiers) > 0 {
			c.SetTiers(s.tiers)
		}
		a, err := c.Save(ctx)
		if err != nil {
			return err
		}
		for _, email := range s.readBy {
			var dealerCode string
			for _, u := range dealerUsers {
				if u.email == email {
					dealerCode = u.dealer
				}
			}
			err := l.c.AnnouncementRead.Create().
				SetAnnouncementID(a.ID).
				SetUserID(l.userIDs[email]).
				SetDealerID(l.dealerIDs[dealerCode]).
				SetReadAt(at.Add(26 * time.Hour)).
				Exec(ctx)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func category(c announcement.Category) *announcement.Category {
	if c == "" {
		return nil
	}
	return &c
}
