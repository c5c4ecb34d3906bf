package signals

import (
	"fmt"
	"math"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/conflictevent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/marketreport"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/period"
)

// The rules that read facts of their own rather than a scorecard: 7 the
// market reports, 8 the channels' ages, 9 the conflict cases.

// pairs reads two int columns of table, where column in is among ids
// (every row when ids is nil).
func (e *evaluation) pairs(table, a, b, in string, ids []int, row func(a, b int)) error {
	t := entsql.Table(table)
	sel := entsql.Dialect(e.s.dialect).Select(t.C(a), t.C(b)).From(t)
	if ids != nil {
		sel.Where(entsql.InInts(t.C(in), ids...))
	}
	query, args := sel.Query()
	rows, err := e.s.client.QueryContext(e.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var x, y int
	for rows.Next() {
		if err := rows.Scan(&x, &y); err != nil {
			return err
		}
		row(x, y)
	}
	return rows.Err()
}

// scoped is ids, or nil (every row) when the evaluation covers everything.
func (e *evaluation) scoped(ids []int) []int {
	if e.every {
		return nil
	}
	if ids == nil {
		return []int{}
	}
	return ids
}

// pricePressure is rule 7: a market report observed in the month in any
// territory the dealer is assigned to, priced ≥ discount (basis points)
// under the product's list price.
func (e *evaluation) pricePressure(ps []period.Period, discount int64) ([]*result, error) {
	if len(e.priced) == 0 {
		return nil, nil
	}
	territories := map[int][]int{}
	seen := map[int]bool{}
	var tids []int
	err := e.pairs(dealer.TerritoriesTable, dealer.TerritoriesPrimaryKey[0], dealer.TerritoriesPrimaryKey[1],
		dealer.TerritoriesPrimaryKey[0], e.scoped(e.priced), func(d, t int) {
			territories[d] = append(territories[d], t)
			if !seen[t] {
				seen[t] = true
				tids = append(tids, t)
			}
		})
	if err != nil {
		return nil, err
	}
	q := e.s.client.MarketReport.Query().Where(
		marketreport.ObservedOnGTE(ps[0].Start()), marketreport.ObservedOnLT(ps[len(ps)-1].End()))
	if !e.every {
		q = q.Where(marketreport.TerritoryIDIn(tids...))
	}
	reports, err := q.Select(marketreport.FieldTerritoryID, marketreport.FieldProductID,
		marketreport.FieldObservedPrice, marketreport.FieldObservedOn).All(e.ctx)
	if err != nil {
		return nil, err
	}
	var pids []int
	for _, r := range reports {
		pids = append(pids, r.ProductID)
	}
	products, err := e.s.client.Product.Query().Where(product.IDIn(pids...)).
		Select(product.FieldID, product.FieldListPrice).All(e.ctx)
	if err != nil {
		return nil, err
	}
	list := map[int]int64{}
	for _, p := range products {
		list[p.ID] = p.ListPrice
	}
	type at struct {
		territory int
		month     period.Period
	}
	gap := map[at]int64{} // the largest, in basis points
	for _, r := range reports {
		lp := list[r.ProductID]
		if lp <= 0 {
			continue
		}
		g := int64(math.Round(float64(lp-r.ObservedPrice) / float64(lp) * 10000))
		k := at{r.TerritoryID, period.MonthOf(r.ObservedOn)}
		if v, ok := gap[k]; !ok || g > v {
			gap[k] = g
		}
	}
	var out []*result
	for _, id := range e.priced {
		for _, p := range ps {
			r := &result{rule: 7, kind: DealerSubject, id: id, period: p, ev: Evidence{Kpi: kpiNames[7]}}
			out = append(out, r)
			var largest int64
			found := false
			for _, t := range territories[id] {
				if g, ok := gap[at{t, p}]; ok && (!found || g > largest) {
					largest, found = g, true
				}
			}
			if !found {
				r.because = fmt.Sprintf("no market report in the dealer's territories for %s any more", p)
				continue
			}
			r.ev.Current, r.ev.Threshold = *fl(largest, 10000), *fl(discount, 10000)
			r.fires = largest >= discount
			r.because = fmt.Sprintf("the largest price gap %s is no longer ≥ %s", ratioText(largest), ratioText(discount))
		}
	}
	return out, nil
}

// allDealersJoined are every dealer's channel and join date.
func (e *evaluation) allDealersJoined() ([]*ent.Dealer, error) {
	if e.every {
		out := make([]*ent.Dealer, 0, len(e.dealer))
		for _, d := range e.dealer {
			out = append(out, d)
		}
		return out, nil
	}
	return e.s.client.Dealer.Query().Select(dealer.FieldChannelID, dealer.FieldJoinedOn).All(e.ctx)
}

// conflicts is rule 9: at each month's end, the cases each dealer is a
// party to that are open then, by their status history.
func (e *evaluation) conflicts(ps []period.Period, cases int64) ([]*result, error) {
	if len(e.dealers) == 0 {
		return nil, nil
	}
	last := e.s.midnight(ps[len(ps)-1].End())
	q := e.s.client.ConflictCase.Query().Where(conflictcase.OpenedAtLT(last))
	if !e.every {
		q = q.Where(conflictcase.HasPartiesWith(dealer.IDIn(e.dealers...)))
	}
	cs, err := q.Select(conflictcase.FieldSeverity, conflictcase.FieldOpenedAt).All(e.ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int]*ent.ConflictCase, len(cs))
	ids := make([]int, len(cs))
	for i, c := range cs {
		byID[c.ID], ids[i] = c, c.ID
	}
	parties := map[int][]int{} // case → dealers
	err = e.pairs("conflict_case_parties", "conflict_case_id", "dealer_id", "dealer_id", e.scoped(e.dealers), func(c, d int) {
		if byID[c] != nil {
			parties[c] = append(parties[c], d)
		}
	})
	if err != nil {
		return nil, err
	}
	eq := e.s.client.ConflictEvent.Query().Where(conflictevent.ToNotNil(), conflictevent.AtLT(last))
	if e.every {
		eq = eq.Where(conflictevent.HasCaseWith(conflictcase.OpenedAtLT(last)))
	} else {
		eq = eq.Where(conflictevent.CaseIDIn(ids...))
	}
	evs, err := eq.Order(ent.Asc(conflictevent.FieldAt), ent.Asc(conflictevent.FieldID)).
		Select(conflictevent.FieldCaseID, conflictevent.FieldTo, conflictevent.FieldAt).All(e.ctx)
	if err != nil {
		return nil, err
	}
	history := map[int][]*ent.ConflictEvent{}
	for _, ev := range evs {
		history[ev.CaseID] = append(history[ev.CaseID], ev)
	}
	var out []*result
	for _, p := range ps {
		end := e.s.midnight(p.End())
		open, high := map[int]int64{}, map[int]bool{}
		for id, c := range byID {
			if !c.OpenedAt.Before(end) {
				continue
			}
			st := casestatus.Open
			for _, ev := range history[id] {
				if !ev.At.Before(end) {
					break
				}
				st = *ev.To
			}
			if st != casestatus.Open && st != casestatus.Investigating {
				continue
			}
			for _, d := range parties[id] {
				open[d]++
				if c.Severity == conflictcase.SeverityHIGH {
					high[d] = true
				}
			}
		}
		for _, id := range e.dealers {
			r := &result{rule: 9, kind: DealerSubject, id: id, period: p, ev: Evidence{Kpi: kpiNames[9]}}
			out = append(out, r)
			n := open[id]
			r.ev.Current, r.ev.Threshold = float64(n), float64(cases)
			switch {
			case n >= cases:
				r.fires = true
			case high[id]:
				r.fires, r.ev.Threshold = true, 1
			}
			r.because = fmt.Sprintf("%d cases open at the month's end, none HIGH, is no longer ≥ %d or a HIGH one", n, cases)
		}
	}
	return out, nil
}
