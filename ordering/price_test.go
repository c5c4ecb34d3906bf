package ordering

import (
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent"
)

func TestPriceOn(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	retail, ecom := 1, 2
	until := day("2026-03-01")
	oldTier2 := &ent.Price{ID: 1, Tier: 2, Amount: 900, ValidFrom: day("2025-01-01"), ValidTo: &until}
	tier2 := &ent.Price{ID: 2, Tier: 2, Amount: 1000, ValidFrom: day("2026-03-01")}
	tier1 := &ent.Price{ID: 3, Tier: 1, Amount: 800, ValidFrom: day("2025-01-01")}
	ecom2 := &ent.Price{ID: 4, Tier: 2, Amount: 950, ValidFrom: day("2026-06-01"), ChannelID: &ecom}
	all := []*ent.Price{ecom2, oldTier2, tier2, tier1}
	for _, tc := range []struct {
		name          string
		tier, channel int
		day           string
		want          *ent.Price
	}{
		{"TierPriceBeforeItEnds", 2, retail, "2026-02-28", oldTier2},
		{"ValidToIsExclusive", 2, retail, "2026-03-01", tier2},
		{"OtherTier", 1, retail, "2026-03-01", tier1},
		{"ChannelPriceWins", 2, ecom, "2026-06-01", ecom2},
		{"ChannelPriceNotYetValid", 2, ecom, "2026-05-31", tier2},
		{"OtherChannelIgnored", 2, retail, "2026-07-01", tier2},
		{"NothingValidYet", 2, retail, "2024-12-31", nil},
		{"NoTierPrice", 3, retail, "2026-07-01", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := PriceOn(all, tc.tier, tc.channel, day(tc.day)); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestHoldsCredit(t *testing.T) {
	for _, tc := range []struct {
		exposure, total, limit int64
		want                   bool
	}{{0, 100, 100, false}, {1, 100, 100, true}, {50, 50, 100, false}, {0, 0, 0, false}} {
		if got := HoldsCredit(tc.exposure, tc.total, tc.limit); got != tc.want {
			t.Errorf("HoldsCredit(%d, %d, %d) = %v, want %v", tc.exposure, tc.total, tc.limit, got, tc.want)
		}
	}
}
