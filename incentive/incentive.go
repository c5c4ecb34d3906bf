// Package incentive holds the arithmetic of incentives, with no database:
// rebate tiers and what a basis earns under them, and the promotions an
// order line received. Packages promotions and rebates apply it; tests
// check it against tables worked by hand.
package incentive

import (
	"io"
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
