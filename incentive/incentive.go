// Package incentive holds the arithmetic of incentives, with no database:
// rebate tiers and what a basis earns under them, and the promotions an
// order line received. Packages promotions and rebates apply it; tests
// check it against tables worked by hand.
package incentive

import (
	"io"
	"math/big"
	"strconv"

	"github.com/dealerline/dealerline/apperr"
)

// Tier is a step of a rebate program: from Threshold (minor units of the
// basis) the rate is RateBasisPoints (1 bp = 0.01 %).
type Tier struct {
	Threshold       int64 `json:"threshold"`
	RateBasisPoints int   `json:"rateBasisPoints"`
}

// TierMode is how a program's tiers apply to the basis.
type TierMode string

const (
	// Retroactive: the rate of the highest tier reached on the whole basis.
	Retroactive TierMode = "RETROACTIVE"
	// Incremental: each band of the basis at its own tier's rate.
	Incremental TierMode = "INCREMENTAL"
)

// Values lists the modes, for ent's enum column.
func (TierMode) Values() []string { return []string{string(Retroactive), string(Incremental)} }

func (m TierMode) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(m))) }

func (m *TierMode) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	if s != string(Retroactive) && s != string(Incremental) {
		return apperr.Errorf(apperr.InvalidInput, "%v is not a tier mode: RETROACTIVE or INCREMENTAL", v)
	}
	*m = TierMode(s)
	return nil
}

// AppliedPromotion is a promotion as an order line received it: its id,
// its name then, and the discount it gave.
type AppliedPromotion struct {
	PromotionID         int    `json:"promotionID"`
	Name                string `json:"name"`
	DiscountBasisPoints int    `json:"discountBasisPoints"`
}

// Reached is the index of the highest tier whose threshold basis reaches,
// or -1 below the first. tiers are rising.
func Reached(basis int64, tiers []Tier) int {
	r := -1
	for i, t := range tiers {
		if basis >= t.Threshold {
			r = i
		}
	}
	return r
}

// Earned is what basis earns under tiers (thresholds strictly rising) in
// mode: RETROACTIVE, the reached tier's rate on the whole basis;
// INCREMENTAL, each band [tᵢ, tᵢ₊₁) at tier i's rate. Below the first
// threshold nothing. The numerators are summed exactly and rounded half-up
// once, so the result does not depend on how the basis is split.
func Earned(basis int64, tiers []Tier, mode TierMode) int64 {
	r := Reached(basis, tiers)
	if r < 0 || basis <= 0 {
		return 0
	}
	num := new(big.Int)
	switch mode {
	case Incremental:
		for i := 0; i <= r; i++ {
			upper := basis
			if i < r {
				upper = tiers[i+1].Threshold
			}
			band := new(big.Int).Sub(big.NewInt(upper), big.NewInt(max(tiers[i].Threshold, 0)))
			num.Add(num, band.Mul(band, big.NewInt(int64(tiers[i].RateBasisPoints))))
		}
	default:
		num.Mul(big.NewInt(basis), big.NewInt(int64(tiers[r].RateBasisPoints)))
	}
	// Half-up: (num + 5000) / 10000, num ≥ 0. At most basis (rates ≤ 100 %).
	num.Add(num, big.NewInt(5000))
	num.Quo(num, big.NewInt(10000))
	return num.Int64()
}

// NextTier is the tier after the one basis reaches and how much more basis
// reaches it; nil at the top.
func NextTier(basis int64, tiers []Tier) (*Tier, int64) {
	r := Reached(basis, tiers)
	if r+1 >= len(tiers) {
		return nil, 0
	}
	t := tiers[r+1]
	return &t, t.Threshold - basis
}
