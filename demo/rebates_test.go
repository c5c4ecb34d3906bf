package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/rebateprogram"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/rebates"
	"github.com/dealerline/dealerline/store/storetest"
)

// The demo's rebate programs: the last closed quarter settled exactly (a
// preview now credits nothing more), and someone close to a next tier.
func TestRebates_SettledAndNearATier(t *testing.T) {
	db := storetest.Open(t)
	c := loaded(t, db)
	ctx := auth.NewContext(privacy.DecisionContext(context.Background(), privacy.Allow), &auth.Viewer{Role: user.RoleADMIN})
	svc := rebates.NewService(c, time.UTC).WithClock(func() time.Time { return today.Add(10 * time.Hour) })
	quarterly := c.RebateProgram.Query().Where(rebateprogram.PeriodKindEQ(period.Quarter)).OnlyX(ctx)
	settled := c.CreditNote.Query().Where(creditnote.RebateProgramID(quarterly.ID)).
		Unique(true).Select(creditnote.FieldRebatePeriod).StringsX(ctx)
	if len(settled) != 1 {
		t.Fatalf("settled periods %v, want one", settled)
	}
	last := period.MustParse(settled[0])
	if last.Compare(period.Of(period.Quarter, today).Previous()) > 0 {
		t.Fatalf("%s settled before it closed", last)
	}
	pv, err := svc.Preview(ctx, quarterly.ID, last)
	if err != nil {
		t.Fatal(err)
	}
	var credited int64
	for _, l := range pv.Lines {
		credited += l.AlreadyCredited
	}
	if pv.TotalToCredit != 0 || credited == 0 {
		t.Errorf("%s: %d credited, %d more to credit now", last, credited, pv.TotalToCredit)
	}
	near := false
	for _, p := range c.RebateProgram.Query().AllX(ctx) {
		for _, d := range c.Dealer.Query().AllX(ctx) {
			st, err := svc.Status(ctx, d, p.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			if st != nil && st.NextTier != nil && st.Basis > 0 && *st.DistanceToNextTier*5 < st.NextTier.Threshold {
				near = true
			}
		}
	}
	if !near {
		t.Error("no demo dealer is within a fifth of its next tier")
	}
}
