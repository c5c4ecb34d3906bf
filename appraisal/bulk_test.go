package appraisal_test

import (
	"context"
	"testing"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// A batch's scorecards are the scorecards one subject at a time: over
// every subject, or over a few (a channel pooling all its dealers, a
// dealer outside the channels named).
func TestCards_AsScorecards(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := build(t, db)
		s := appraisal.NewService(f.client, db.Dialect, loc)
		admin := auth.NewContext(context.Background(), &auth.Viewer{UserID: 1, Role: user.RoleADMIN})
		sys := access.Bypass(context.Background())
		kpis := []appraisal.Kpi{appraisal.QuotaCompletion, appraisal.DistributionRate, appraisal.DaysOfInventory,
			appraisal.PaymentPeriodDays, appraisal.Satisfaction, appraisal.ChannelCostRatio, appraisal.MarketShare}
		for _, p := range []string{"2026-03", "2026-Q1", "2026"} {
			per := period.MustParse(p)
			every, err := s.Cards(sys, appraisal.Batch{Every: true}, per, kpis...)
			if err != nil {
				t.Fatal(err)
			}
			few, err := s.Cards(sys, appraisal.Batch{Dealers: []int{f.a.ID, f.w.ID}, Channels: []int{f.retail.ID},
				Territories: []int{f.t1.ID}}, per, kpis...)
			if err != nil {
				t.Fatal(err)
			}
			if len(every.Dealers) != 4 || len(every.Channels) != 3 || len(every.Territories) != 2 ||
				len(few.Dealers) != 2 || len(few.Channels) != 1 || len(few.Territories) != 1 {
				t.Fatalf("%s: %d %d %d, %d %d %d", p, len(every.Dealers), len(every.Channels), len(every.Territories),
					len(few.Dealers), len(few.Channels), len(few.Territories))
			}
			same := func(name string, sub appraisal.Subject, got ...*appraisal.Scorecard) {
				t.Helper()
				want, err := s.Scorecard(admin, sub, per)
				if err != nil {
					t.Fatal(err)
				}
				for _, g := range got {
					for _, k := range kpis {
						w, v := want.Value(k), g.Value(k)
						// A territory's card is its market share alone.
						if (k == appraisal.MarketShare) != (sub.TerritoryID != nil) {
							continue
						}
						if (w == nil) != (v == nil) || w != nil && *w != *v {
							t.Errorf("%s %s %s: %v; want %v", name, p, k, orNull(v), orNull(w))
						}
					}
				}
			}
			same("A", appraisal.Subject{DealerID: &f.a.ID}, every.Dealers[f.a.ID], few.Dealers[f.a.ID])
			same("W", appraisal.Subject{DealerID: &f.w.ID}, every.Dealers[f.w.ID], few.Dealers[f.w.ID])
			same("Retail", appraisal.Subject{ChannelID: &f.retail.ID}, every.Channels[f.retail.ID], few.Channels[f.retail.ID])
			same("Empty", appraisal.Subject{ChannelID: &f.empty.ID}, every.Channels[f.empty.ID])
			same("T1", appraisal.Subject{TerritoryID: &f.t1.ID}, every.Territories[f.t1.ID], few.Territories[f.t1.ID])
		}
	})
}

func orNull(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
