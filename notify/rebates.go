package notify

import (
	"context"
	"strconv"
	"strings"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/rebateprogram"
	"github.com/dealerline/dealerline/money"
)

// tiersReached are the notices of the rebate tiers an invoice to dealer
// dealerID made it reach (each tier once per program and period, marked by
// package rebates in the reader's transaction), for that dealer's own users
// who may read the program.
func (b *batch) tiersReached(ctx context.Context, dealerID int) ([]notice, error) {
	if b.out.Rebates == nil || dealerID == 0 {
		return nil, nil
	}
	reached, err := b.out.Rebates.TiersReached(ctx, b.db, dealerID)
	if err != nil {
		return nil, err
	}
	var out []notice
	for _, st := range reached {
		programID := st.Program.ID
		out = append(out, notice{
			kind: RebateTierReached, side: dealers, subject: programID, onlyDealer: dealerID,
			params: map[string]string{
				"title":     st.Program.Name,
				"rate":      percent(st.Tier.RateBasisPoints),
				"threshold": money.Format(st.Tier.Threshold),
				"period":    st.Period.String(),
			},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.RebateProgram.Query().Where(rebateprogram.ID(programID)).Exist(ctx)
			},
		})
	}
	return out, nil
}

// percent writes basis points as a percentage: 250 is "2.5 %".
func percent(bp int) string {
	s := strconv.FormatFloat(float64(bp)/100, 'f', 2, 64)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".") + " %"
}
