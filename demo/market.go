package demo

import (
	"context"
	"time"
)

type marketReportSpec struct {
	daysAgo    int
	reporter   string // a dealer user's email; its dealer reports
	territory  string
	sku        string
	competitor string
	pct        int64 // the street price as a share of the list price
	note       string
}

// marketReports are street prices dealers saw in the last weeks, in five
// territories: a few percent under the list price, one at it, and one
// promotion in the Pearl River Delta two days ago 16 % under it (the
// price-pressure signal looks for 10 % and more: it raises that month for
// every dealer assigned to the territory).
var marketReports = []marketReportSpec{
	{2, "south@demo.test", "SC-PRD", "DR-1801", "Dongcheng Tools", 84, "Weekend promotion at the Tianhe tool market, three stalls."},
	{6, "south@demo.test", "SC-PRD", "GS-1801", "Dongcheng Tools", 93, "Bundled with a second battery."},
	{15, "south@demo.test", "SC-PRD", "DR-1801", "Ken Power", 98, ""},
	{3, "north@demo.test", "NC-BTH", "DR-1803", "Ken Power", 94, "Contractor price list handed out at a Fengtai building site."},
	{9, "north@demo.test", "NE-LJ", "SW-1801", "Dongcheng Tools", 100, "Shenyang hardware street; list price, no discount."},
	{20, "north@demo.test", "NC-BTH", "BC-1840", "Unbranded", 92, "Grey-import batteries sold online and at the Beijing tool market."},
	{4, "capital@demo.test", "NC-BTH", "DR-1801", "Dongcheng Tools", 95, "Same promotion as in the south, now in Beijing."},
	{5, "east@demo.test", "EC-YRD", "DR-2601", "Hitachi Koki", 97, ""},
	{12, "east@demo.test", "EC-SD", "GS-2200", "Ken Power", 93, "Tender price to a Jinan plant."},
	{1, "toolmall@demo.test", "EC-YRD", "SW-1802", "Dongcheng Tools", 96, "Marketplace flash sale, 24 hours."},
}

func (l *loader) loadMarketReports(ctx context.Context) error {
	users := map[string]userSpec{}
	for _, u := range dealerUsers {
		users[u.email] = u
	}
	for _, s := range marketReports {
		u := users[s.reporter]
		d, err := l.c.Dealer.Get(ctx, l.dealerIDs[u.dealer])
		if err != nil {
			return err
		}
		on := l.today.AddDate(0, 0, -s.daysAgo)
		p, err := l.c.Product.Get(ctx, l.productIDs[s.sku])
		if err != nil {
			return err
		}
		y, m, dd := on.Date()
		err = l.c.MarketReport.Create().
			SetDealerID(d.ID).
			SetTerritoryID(l.territoryIDs[s.territory]).
			SetProductID(l.productIDs[s.sku]).
			SetCompetitor(s.competitor).
			SetObservedPrice(share(p.ListPrice, s.pct)).
			SetObservedOn(on).
			SetNote(s.note).
			SetReportedByID(l.userIDs[s.reporter]).
			SetReportedByName(u.name).
			SetReportedAt(time.Date(y, m, dd, 17, 45, 0, 0, l.loc)).
			Exec(ctx)
		if err != nil {
			return err
		}
	}
	return nil
}
