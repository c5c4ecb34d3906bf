package seed

import (
	mrand "math/rand/v2"
	"time"

	"github.com/dealerline/dealerline/period"
)

// The appraisal facts at scale (DESIGN §6). Per dealer, from a stream of
// its own, over the months of its window: a stock count of a handful of
// products on one day of each month, a distribution survey in two months
// of three, one or two customer scores a month, and now and then a
// training cost for it. Per channel a marketing cost and per territory a
// market share, every month of the data set.

const (
	countLines  = 5 // products per stock count
	costMonthly = 25_000_00
)

// months are the months from the one from is in up to the one before end
// (end excluded), each with the business date day of it, moved back to
// the day before end when it falls after.
func months(from, end time.Time, day int) []time.Time {
	var out []time.Time
	last := end.AddDate(0, 0, -1)
	for m := period.MonthOf(from); !m.Start().After(last); m = m.Next() {
		d := m.Start().AddDate(0, 0, day-1)
		if d.Before(from) {
			d = from
		}
		if d.After(last) {
			d = last
		}
		out = append(out, d)
	}
	return out
}

// factRows adds a dealer's stock counts, surveys, scores and costs.
func (g *gen) factRows(d *dealerInfo, from time.Time, b *batch) {
	t := g.t
	r := g.rng(2<<32 + uint64(d.index))
	manager := d.channel.manager
	for _, on := range months(from, d.end, 20+r.IntN(8)) {
		at := g.past.Day(on).UTC()
		report := t.inventoryReports.id()
		b.add(t.inventoryReports, report, at, at, d.id, on, d.user.ID, d.user.Name)
		for _, k := range r.Perm(len(g.active))[:min(countLines, len(g.active))] {
			p := g.active[k]
			stock := r.IntN(80)
			if r.IntN(7) == 0 {
				stock = 0
			}
			b.add(t.inventoryLines, t.inventoryLines.id(), report, d.id, p.ID, p.SKU, p.Name, stock, p.Cost)
		}
	}
	rate := 30 + r.IntN(60) // the dealer's usual share of outlets carrying, in percent
	for _, on := range months(from, d.end, 5+r.IntN(20)) {
		if r.IntN(3) == 0 {
			continue
		}
		at := g.past.Day(on).UTC()
		visited := 5 + r.IntN(40)
		carrying := min(visited, visited*max(0, rate-10+r.IntN(21))/100)
		b.add(t.surveys, t.surveys.id(), at, at, d.id, on, visited, carrying, "", manager.ID, manager.Name)
	}
	mood := 2 + r.IntN(3) // the dealer's usual score less one
	for _, on := range months(from, d.end, 1+r.IntN(14)) {
		for k := range 1 + r.IntN(2) {
			day := on.AddDate(0, 0, 7*k)
			if !day.Before(d.end) {
				break
			}
			at := g.past.Day(day).UTC()
			b.add(t.scores, t.scores.id(), at, at, d.id, day, min(5, mood+r.IntN(2)), "", manager.ID, manager.Name)
		}
	}
	for _, on := range months(from, d.end, 10+r.IntN(15)) {
		if r.IntN(6) != 0 {
			continue
		}
		at := g.past.Day(on).UTC()
		b.add(t.costs, t.costs.id(), at, at, d.channel.id, d.id, on, "Training", int64(1_000+r.IntN(4_000))*100, "", g.admin.ID, g.admin.Name)
	}
}

// channelFactRows adds each channel's monthly marketing cost and each
// territory's monthly market share over the data set's window.
func (g *gen) channelFactRows(r *mrand.Rand, b *batch) {
	t := g.t
	end := g.today.AddDate(0, 0, 1)
	for _, c := range g.channels {
		for _, on := range months(g.start, end, 5) {
			at := g.past.Day(on).UTC()
			amount := int64(costMonthly) * int64(80+r.IntN(41)) / 100
			b.add(t.costs, t.costs.id(), at, at, c.id, nil, on, "Marketing", amount, "", g.admin.ID, g.admin.Name)
		}
	}
	for _, tr := range g.terrs {
		share := 0.05 + r.Float64()*0.3
		for _, on := range months(g.start, end, 1) {
			share = min(1, max(0, share+(r.Float64()-0.5)*0.02))
			b.add(t.shares, t.shares.id(), g.now, g.now, tr.id, period.MonthOf(on).String(), float64(int(share*1000))/1000)
		}
	}
}
