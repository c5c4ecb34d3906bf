package appraisal_test

import (
	"context"
	"math"
	"os"
	"testing"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/importer"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// card is a whole scorecard computed by hand: money in minor units, nil
// where DESIGN §6 says null.
type card struct {
	netSales, quota, cogs, overdue                      *int64
	completion, distribution, deliveryMean, deliveryP90 *float64
	avgInventory, daysOfInventory, paymentDays          *float64
	outOfStock, margin, responseHours, satisfaction     *float64
	costRatio, marketShare                              *float64
}

func i64(v int64) *int64     { return &v }
func f64(v float64) *float64 { return &v }

// checkCard compares every field of sc with w.
func checkCard(t *testing.T, name string, sc *appraisal.Scorecard, w card) {
	t.Helper()
	money := []struct {
		kpi       string
		got, want *int64
	}{
		{"netSales", sc.NetSales, w.netSales}, {"quota", sc.Quota, w.quota},
		{"costOfGoodsSold", sc.CostOfGoodsSold, w.cogs}, {"overdueAmount", sc.OverdueAmount, w.overdue},
	}
	for _, m := range money {
		if (m.got == nil) != (m.want == nil) || m.got != nil && *m.got != *m.want {
			t.Errorf("%s %s = %v; want %v", name, m.kpi, deref(m.got), deref(m.want))
		}
	}
	ratios := []struct {
		kpi       string
		got, want *float64
	}{
		{"quotaCompletion", sc.QuotaCompletion, w.completion},
		{"distributionRate", sc.DistributionRate, w.distribution},
		{"deliveryTimeMeanDays", sc.DeliveryTimeMeanDays, w.deliveryMean},
		{"deliveryTimeP90Days", sc.DeliveryTimeP90Days, w.deliveryP90},
		{"averageInventory", sc.AverageInventory, w.avgInventory},
		{"daysOfInventory", sc.DaysOfInventory, w.daysOfInventory},
		{"paymentPeriodDays", sc.PaymentPeriodDays, w.paymentDays},
		{"outOfStockRate", sc.OutOfStockRate, w.outOfStock},
		{"grossMargin", sc.GrossMargin, w.margin},
		{"serviceResponseMedianHours", sc.ServiceResponseMedianHours, w.responseHours},
		{"satisfaction", sc.Satisfaction, w.satisfaction},
		{"channelCostRatio", sc.ChannelCostRatio, w.costRatio},
		{"marketShare", sc.MarketShare, w.marketShare},
	}
	for _, r := range ratios {
		if (r.got == nil) != (r.want == nil) || r.got != nil && math.Abs(*r.got-*r.want) > 1e-9 {
			t.Errorf("%s %s = %v; want %v", name, r.kpi, deref(r.got), deref(r.want))
		}
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return "null"
	}
	return *p
}

// The traps file (testdata/traps.ndjson), imported in Asia/Shanghai:
// dealer D-A and its sub-dealer D-B in channel RETAIL. D-A's March order
// is placed at 00:30 on 1 March (28 February in UTC); its February order
// is delivered at 04:00 on 1 March (still February in UTC); INV-A-FEB
// (200.00, issued 27 Feb) is paid in two parts, off on 12 March;
// INV-A-MAR (1,000.00, issued 1 March) is due on 31 March, 400.00 paid in
// March and the rest on 15 April; SO-A-CXL is cancelled on 2 April; D-A
// has no quota for February; D-B has no inventory report and an order
// placed at 00:30 on 1 April (31 March in UTC); ticket TKT-A-3 is never
// answered. Products are valued at unit cost P1 60.00, P2 20.00.
var importedCards = map[string]card{
	"D-A 2026-03": {
		netSales:        i64(100000), // SO-A-MAR 10 × 100.00 (SO-A-CXL cancelled later)
		quota:           i64(200000), // March quota 2,000.00
		cogs:            i64(60000),  // 10 × 60.00
		overdue:         i64(60000),  // INV-A-MAR due 31 Mar: 1,000.00 − 400.00 (April's 600.00 is after the end)
		completion:      f64(0.5),    // 1,000 ÷ 2,000
		distribution:    f64(0.6),    // latest survey 25 Mar: 12 ÷ 20
		deliveryMean:    f64(3.125),  // (2.75 + 3.5) ÷ 2: 26 Feb 10:00→1 Mar 04:00 = 66 h; 1 Mar 09:00→4 Mar 21:00 = 84 h
		deliveryP90:     f64(3.5),    // ⌈0.9 × 2⌉ = 2nd of [2.75, 3.5]
		avgInventory:    f64(600),    // RPT-A-MAR: 10 × 60 + 0 × 20
		daysOfInventory: f64(31),     // 600 ÷ (600 ÷ 31 days)
		paymentDays:     f64(13),     // INV-A-FEB: 27 Feb → 12 Mar
		outOfStock:      f64(0.5),    // 1 of RPT-A-MAR's 2 lines at 0
		margin:          f64(0.4),    // (1,000 − 600) ÷ 1,000
		responseHours:   f64(2),      // [2, 6] h, ⌈2 ÷ 2⌉ = 1st; TKT-A-3 unanswered left out
		satisfaction:    f64(4.5),    // (4 + 5) ÷ 2
		costRatio:       f64(0.1),    // COST-A 100 ÷ 1,000
		marketShare:     nil,         // a territory's KPI only
	},
	"D-A 2026-Q1": {
		netSales:        i64(160000),             // 400 (Jan) + 200 (Feb) + 1,000 (Mar)
		quota:           i64(300000),             // 1,000 + 0 (no February quota) + 2,000
		cogs:            i64(94000),              // 240 + 100 + 600
		overdue:         i64(60000),              // as at March's end
		completion:      f64(1600.0 / 3000),      // 1,600 ÷ 3,000
		distribution:    f64(0.6),                // latest survey in Q1 is 25 Mar: 12 ÷ 20
		deliveryMean:    f64(3.125),              // no other delivery in Q1
		deliveryP90:     f64(3.5),                // 2nd of 2
		avgInventory:    f64(650),                // (700 + 600) ÷ 2; RPT-A-FEB 5 × 60 + 20 × 20 = 700
		daysOfInventory: f64(650 / (940.0 / 90)), // 650 ÷ (940 ÷ 90 days)
		paymentDays:     f64(13),                 // only INV-A-FEB paid off in Q1
		outOfStock:      f64(0.25),               // 1 of 4 lines at 0
		margin:          f64(660.0 / 1600),       // (1,600 − 940) ÷ 1,600
		responseHours:   f64(2),                  // [1, 2, 6] h: ⌈3 ÷ 2⌉ = 2nd
		satisfaction:    f64(11.0 / 3),           // (2 + 4 + 5) ÷ 3
		costRatio:       f64(100.0 / 1600),       // COST-A 100 ÷ 1,600
		marketShare:     nil,                     // a territory's KPI only
	},
	"RETAIL 2026-03": {
		netSales:        i64(150000),             // D-A 1,000 + D-B 500 (SO-B-APR is April in Shanghai)
		quota:           i64(300000),             // 2,000 + 1,000
		cogs:            i64(80000),              // 600 + 10 × 20
		overdue:         i64(60000),              // D-A's 600; D-B has no invoice
		completion:      f64(0.5),                // 1,500 ÷ 3,000
		distribution:    f64(0.6),                // only D-A surveyed in March: 12 ÷ 20
		deliveryMean:    f64(3.125),              // D-A's two; D-B delivered nothing
		deliveryP90:     f64(3.5),                // 2nd of 2
		avgInventory:    f64(600),                // Σ dealer averages: 600 + none for D-B
		daysOfInventory: f64(600 / (800.0 / 31)), // 600 ÷ (800 ÷ 31 days)
		paymentDays:     f64(13),                 // INV-A-FEB only
		outOfStock:      f64(0.5),                // 1 of 2 lines
		margin:          f64(700.0 / 1500),       // (1,500 − 800) ÷ 1,500
		responseHours:   f64(4),                  // [2, 4, 6] h: ⌈3 ÷ 2⌉ = 2nd
		satisfaction:    f64(4),                  // (4 + 5 + 3) ÷ 3
		costRatio:       f64(0.1),                // (COST-A 100 + COST-CH 50) ÷ 1,500
		marketShare:     nil,                     // a territory's KPI only
	},
	"RETAIL 2026-Q1": {
		netSales:        i64(210000),              // 1,600 + 500
		quota:           i64(400000),              // 3,000 + 1,000
		cogs:            i64(114000),              // 940 + 200
		overdue:         i64(60000),               // as at March's end
		completion:      f64(0.525),               // 2,100 ÷ 4,000
		distribution:    f64(0.64),                // (12 + 4) ÷ (20 + 5): each dealer's latest in Q1
		deliveryMean:    f64(3.125),               // D-A's two
		deliveryP90:     f64(3.5),                 // 2nd of 2
		avgInventory:    f64(650),                 // D-A's 650 + none for D-B
		daysOfInventory: f64(650 / (1140.0 / 90)), // 650 ÷ (1,140 ÷ 90 days)
		paymentDays:     f64(13),                  // INV-A-FEB only
		outOfStock:      f64(0.25),                // 1 of 4 lines
		margin:          f64(960.0 / 2100),        // (2,100 − 1,140) ÷ 2,100
		responseHours:   f64(2),                   // [1, 2, 4, 6] h: ⌈4 ÷ 2⌉ = 2nd
		satisfaction:    f64(3.5),                 // (2 + 4 + 5 + 3) ÷ 4
		costRatio:       f64(180.0 / 2100),        // (100 + 50 + COST-B 30) ÷ 2,100
		marketShare:     nil,                      // a territory's KPI only
	},
}

func TestImportedTrapsScorecards(t *testing.T) {
	file, err := os.ReadFile("testdata/traps.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := importer.Import(ctx, db.Client, importer.Config{Location: loc}, nil, file, importer.Progress{}); err != nil {
			t.Fatalf("import: %v", err)
		}
		sys := access.Bypass(ctx)
		a := db.Client.Dealer.Query().Where(dealer.Code("D-A")).OnlyIDX(sys)
		retail := db.Client.Channel.Query().Where(channel.Code("RETAIL")).OnlyIDX(sys)
		ec := db.Client.Territory.Query().Where(territory.Code("EC")).OnlyIDX(sys)
		admin := auth.NewContext(ctx, &auth.Viewer{UserID: 1, Role: user.RoleADMIN})
		s := appraisal.NewService(db.Client, db.Dialect, loc)
		subjects := map[string]appraisal.Subject{"D-A": {DealerID: &a}, "RETAIL": {ChannelID: &retail}}
		for _, name := range []string{"D-A 2026-03", "D-A 2026-Q1", "RETAIL 2026-03", "RETAIL 2026-Q1"} {
			subj, per := name[:len(name)-8], period.MustParse(name[len(name)-7:])
			sc, err := s.Scorecard(admin, subjects[subj], per)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkCard(t, name, sc, importedCards[name])
		}
		// The market share is a territory's: March's row, and the mean
		// over the quarter's months that have one (March alone).
		for _, per := range []string{"2026-03", "2026-Q1"} {
			sc, err := s.Scorecard(admin, appraisal.Subject{TerritoryID: &ec}, period.MustParse(per))
			if err != nil {
				t.Fatalf("EC %s: %v", per, err)
			}
			if sc.MarketShare == nil || *sc.MarketShare != 0.25 {
				t.Errorf("EC %s market share = %v; want 0.25", per, deref(sc.MarketShare))
			}
		}
	})
}
