package facts

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/marketshare"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/period"
)

// ShareInput is the manufacturer's share of a territory's market in a
// month.
type ShareInput struct {
	TerritoryID int
	Month       period.Period
	Share       float64
}

// SetMarketShares sets market shares, all or nothing (administrators): a
// month set again replaces its share.
func (s *Service) SetMarketShares(ctx context.Context, in []ShareInput) ([]*ent.MarketShare, error) {
	if _, err := requireAdmin(ctx, "market shares"); err != nil {
		return nil, err
	}
	switch {
	case len(in) == 0:
		return nil, apperr.Invalid("input", "give at least one market share")
	case len(in) > MaxShares:
		return nil, apperr.Invalid("input", "at most %d market shares at once", MaxShares)
	}
	seen := map[[2]string]bool{}
	ids := make([]int, 0, len(in))
	for i, m := range in {
		switch {
		case m.Month.Kind() != period.Month:
			return nil, apperr.Invalid(fmt.Sprintf("input[%d].month", i), "a market share is of a month, like 2026-07, not %q", m.Month)
		case math.IsNaN(m.Share) || m.Share < 0 || m.Share > 1:
			return nil, apperr.Invalid(fmt.Sprintf("input[%d].share", i), "a share is from 0 to 1 (0.25 is 25 %%)")
		}
		key := [2]string{fmt.Sprint(m.TerritoryID), m.Month.String()}
		if seen[key] {
			return nil, apperr.Invalid(fmt.Sprintf("input[%d].month", i), "the same territory and month (%s) are given twice", m.Month)
		}
		seen[key] = true
		ids = append(ids, m.TerritoryID)
	}
	db := s.db(ctx)
	ts, err := db.Territory.Query().Where(territory.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	codes := map[int]string{}
	for _, t := range ts {
		codes[t.ID] = t.Code
	}
	months := make([]period.Period, 0, len(in))
	for i, m := range in {
		if codes[m.TerritoryID] == "" {
			return nil, apperr.Missing(fmt.Sprintf("input[%d].territoryID", i), "no such territory")
		}
		months = append(months, m.Month)
	}
	sys := access.Bypass(ctx)
	existing, err := db.MarketShare.Query().Where(marketshare.TerritoryIDIn(ids...), marketshare.MonthIn(months...)).All(sys)
	if err != nil {
		return nil, err
	}
	have := map[[2]string]*ent.MarketShare{}
	for _, m := range existing {
		have[[2]string{fmt.Sprint(m.TerritoryID), m.Month.String()}] = m
	}
	out := make([]*ent.MarketShare, 0, len(in))
	changes := map[int]map[string]any{} // territory → month → share
	for _, m := range in {
		old := have[[2]string{fmt.Sprint(m.TerritoryID), m.Month.String()}]
		var row *ent.MarketShare
		switch {
		case old == nil:
			row, err = db.MarketShare.Create().SetTerritoryID(m.TerritoryID).SetMonth(m.Month).SetShare(m.Share).Save(sys)
		case old.Share != m.Share:
			row, err = db.MarketShare.UpdateOne(old).SetShare(m.Share).Save(sys)
		default:
			out = append(out, old)
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, row)
		if changes[m.TerritoryID] == nil {
			changes[m.TerritoryID] = map[string]any{}
		}
		changes[m.TerritoryID][m.Month.String()] = m.Share
	}
	territories := make([]int, 0, len(changes))
	for id := range changes {
		territories = append(territories, id)
	}
	sort.Ints(territories)
	for _, id := range territories {
		if err := audit.Record(ctx, db, "marketShare.set", "Territory", id, map[string]any{"territory": codes[id], "months": changes[id]}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// MarketShares are the shares of the months from … to (any periods: from's
// first month to to's last), of one territory when given, by territory
// code and then month. Every signed-in user reads them.
func (s *Service) MarketShares(ctx context.Context, territoryID *int, from, to period.Period) ([]*ent.MarketShare, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	first, last := period.MonthOf(from.Start()), period.MonthOf(to.Last())
	if first.Compare(last) > 0 {
		return nil, apperr.Invalid("from", "from (%s) is after to (%s)", from, to)
	}
	if n := (last.Year()-first.Year())*12 + int(last.Start().Month()) - int(first.Start().Month()) + 1; n > MaxSpan {
		return nil, apperr.Invalid("to", "a read covers at most %d months, this one %d", MaxSpan, n)
	}
	q := s.client.MarketShare.Query().Where(marketshare.MonthGTE(first), marketshare.MonthLTE(last))
	if territoryID != nil {
		q.Where(marketshare.TerritoryID(*territoryID))
	}
	return q.Order(marketshare.ByTerritoryField(territory.FieldCode), marketshare.ByMonth(), marketshare.ByID()).All(ctx)
}
