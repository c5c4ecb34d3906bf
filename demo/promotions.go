package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/ent/announcement"
)

type promotionSpec struct {
	name, description string
	publisher         string // email
	daysAgo           int    // published
	from, to          int    // valid, days from today
	discountBP        int
	minQuantity       int // 0 for any
	all               bool
	channels          []string
	skus              []string
	categories        []string
}

// promotions run today: one for every dealer on a category from a
// quantity, one for the Retail channel on two named drills.
var promotions = []promotionSpec{
	{
		name:        "Accessories volume deal",
		description: "10 % off every accessory when a line is for 10 units or more.",
		publisher:   "admin@demo.test", daysAgo: 2, from: -2, to: 28,
		discountBP: 1000, minQuantity: 10, all: true, categories: []string{"Accessories"},
	},
	{
		name:        "Retail brushless drill weeks",
		description: "15 % off the 18V brushless drill driver and impact driver for Retail dealers.",
		publisher:   "manager@demo.test", daysAgo: 4, from: -4, to: 10,
		discountBP: 1500, channels: []string{"RETAIL"}, skus: []string{"DR-1801", "DR-1802"},
	},
}

// loadPromotions writes the promotions and the announcements (category
// PROMOTION) that told their audiences, as package promotions does.
func (l *loader) loadPromotions(ctx context.Context) error {
	names := map[string]string{}
	for _, u := range staff {
		names[u.email] = u.name
	}
	for _, s := range promotions {
		y, m, d := l.today.AddDate(0, 0, -s.daysAgo).Date()
		at := time.Date(y, m, d, 11, 0, 0, 0, l.loc)
		a := l.c.Announcement.Create().
			SetTitle(s.name).
			SetBody(s.description).
			SetCategory(announcement.CategoryPROMOTION).
			SetPublishedAt(at).
			SetPublishedByID(l.userIDs[s.publisher]).
			SetPublishedByName(names[s.publisher])
		p := l.c.Promotion.Create().
			SetName(s.name).
			SetDescription(s.description).
			SetDiscountBasisPoints(s.discountBP).
			SetValidFrom(l.today.AddDate(0, 0, s.from)).
			SetValidTo(l.today.AddDate(0, 0, s.to)).
			SetAllDealers(s.all).
			SetPublishedAt(at).
			SetPublishedByID(l.userIDs[s.publisher]).
			SetPublishedByName(names[s.publisher])
		if s.minQuantity > 0 {
			p.SetMinQuantity(s.minQuantity)
		}
		if len(s.categories) > 0 {
			p.SetCategories(s.categories)
		}
		for _, code := range s.channels {
			a.AddChannelIDs(l.channelIDs[code])
			p.AddChannelIDs(l.channelIDs[code])
		}
		for _, sku := range s.skus {
			p.AddProductIDs(l.productIDs[sku])
		}
		ann, err := a.Save(ctx)
		if err != nil {
			return err
		}
		if err := p.SetAnnouncementID(ann.ID).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
