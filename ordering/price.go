package ordering

import (
	"time"

	"github.com/dealerline/dealerline/ent"
)

// PriceOn is the price a dealer of tier in channelID pays on day (a
// business date) out of prices: the channel's price valid that day when
// there is one, else the tier price. It is nil when none is valid. This is
// the one pricing rule: placing an order, the catalogue's Product.price and
// the generated history all use it.
func PriceOn(prices []*ent.Price, tier, channelID int, day time.Time) *ent.Price {
	var chosen *ent.Price
	for _, p := range prices {
		if p.Tier != tier || p.ValidFrom.After(day) || (p.ValidTo != nil && !p.ValidTo.After(day)) {
			continue
		}
		switch {
		case p.ChannelID != nil && *p.ChannelID == channelID:
			return p
		case p.ChannelID == nil:
			chosen = p
		}
	}
	return chosen
}

// HoldsCredit is the credit-hold rule: an order goes on hold when the
// dealer's exposure with the order's total would pass its credit limit.
func HoldsCredit(exposure, total, creditLimit int64) bool {
	return exposure+total > creditLimit
}
