package demo_test

import (
	"context"
	"testing"

	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent/channelcost"
	"github.com/dealerline/dealerline/ent/distributionsurvey"
	"github.com/dealerline/dealerline/ent/inventoryline"
	"github.com/dealerline/dealerline/ent/inventoryreport"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/satisfactionscore"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store/storetest"
)

// The facts cover the twelve months before today and this month so far,
// nothing after today, with the gaps the README names.
func TestLoad_Facts(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := loaded(t, storetest.Open(t))
	const months = 13
	ds := c.Dealer.Query().AllX(ctx)
	for _, d := range ds {
		n := c.InventoryReport.Query().Where(inventoryreport.DealerID(d.ID)).CountX(ctx)
		if want := map[bool]int{true: 0, false: months}[d.Code == demo.NoStockCounts]; n != want {
			t.Errorf("%s: %d stock counts; want %d", d.Code, n, want)
		}
		scores := c.SatisfactionScore.Query().Where(satisfactionscore.DealerID(d.ID)).CountX(ctx)
		if (scores == 0) != (d.Code == demo.NoScores) {
			t.Errorf("%s: %d scores", d.Code, scores)
		}
		if s := c.DistributionSurvey.Query().Where(distributionsurvey.DealerID(d.ID)).CountX(ctx); s == 0 || s == months {
			t.Errorf("%s: %d surveys; want some months, not all", d.Code, s)
		}
	}
	if c.InventoryLine.Query().Where(inventoryline.Stock(0)).CountX(ctx) == 0 {
		t.Error("no line is out of stock")
	}
	if c.DistributionSurvey.Query().Where(distributionsurvey.InteractionIDNotNil()).CountX(ctx) == 0 {
		t.Error("no survey was made on a visit")
	}
	for _, kind := range []string{"inventory", "surveys", "scores", "costs"} {
		var after int
		switch kind {
		case "inventory":
			after = c.InventoryReport.Query().Where(inventoryreport.ReportedOnGT(today)).CountX(ctx)
		case "surveys":
			after = c.DistributionSurvey.Query().Where(distributionsurvey.SurveyedOnGT(today)).CountX(ctx)
		case "scores":
			after = c.SatisfactionScore.Query().Where(satisfactionscore.ScoredOnGT(today)).CountX(ctx)
		case "costs":
			after = c.ChannelCost.Query().Where(channelcost.IncurredOnGT(today)).CountX(ctx)
		}
		if after > 0 {
			t.Errorf("%d %s dated after today", after, kind)
		}
	}
	// Costs every channel month but one; some for a dealer of the channel.
	this := period.MonthOf(today)
	for _, ch := range c.Channel.Query().AllX(ctx) {
		m := this
		for range 12 {
			m = m.Previous()
			n := c.ChannelCost.Query().Where(channelcost.ChannelID(ch.ID), channelcost.IncurredOnGTE(m.Start()), channelcost.IncurredOnLT(m.End())).CountX(ctx)
			skipped := ch.Code == demo.CostFreeChannel && m == periodBack(this, demo.CostFreeMonthsAgo)
			if (n == 0) != skipped {
				t.Errorf("%s %s: %d costs", ch.Code, m, n)
			}
		}
	}
	attributed := c.ChannelCost.Query().Where(channelcost.DealerIDNotNil()).AllX(ctx)
	for _, cc := range attributed {
		d := c.Dealer.GetX(ctx, *cc.DealerID)
		if d.ChannelID != cc.ChannelID {
			t.Errorf("a cost of channel %d is attributed to %s of channel %d", cc.ChannelID, d.Code, d.ChannelID)
		}
	}
	if len(attributed) == 0 {
		t.Error("no cost is attributed to a dealer")
	}
	if n, want := c.MarketShare.Query().CountX(ctx), c.Territory.Query().CountX(ctx)*months; n != want {
		t.Errorf("%d market shares; want %d", n, want)
	}
}

func periodBack(p period.Period, n int) period.Period {
	for range n {
		p = p.Previous()
	}
	return p
}
