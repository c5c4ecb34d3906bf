package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/rebates"
)

// loadRebates starts two rebate programs over the history — a quarterly
// retroactive one for every dealer, running since four quarters ago, and
// an incremental one this year on power tools for the distributors — and
// settles the last closed quarter of the first as an administrator would
// have, a few days after it closed, through the service.
func (l *loader) loadRebates(ctx context.Context) error {
	admin := &auth.Viewer{UserID: l.userIDs["admin@demo.test"], Name: "Avery Admin", Role: user.RoleADMIN}
	if u, err := l.c.User.Get(ctx, admin.UserID); err == nil {
		admin.Name = u.Name
	} else {
		return err
	}
	ctx = auth.NewContext(ctx, admin)
	thisQuarter := period.Of(period.Quarter, l.today)
	// Started a week before its first quarter; the last quarter settled on
	// the fifth day after it closed, before today (so the one before when
	// that day has not come).
	started := l.officeTime(thisQuarter.Previous().Previous().Previous().Previous().Start().AddDate(0, 0, -7))
	last := thisQuarter.Previous()
	if !last.End().AddDate(0, 0, 4).Before(l.today) {
		last = last.Previous()
	}
	settled := l.officeTime(last.End().AddDate(0, 0, 4))
	svc := rebates.NewService(l.c, l.loc).WithClock(func() time.Time { return started })
	quarterly, err := svc.Create(ctx, rebates.ProgramInput{
		Name: "Quarterly volume rebate",
		Description: "Every quarter, a rebate on everything invoiced less corrections and returns, " +
			"at the rate of the highest tier reached — on the whole amount.",
		Audience:    audience.Audience{All: true},
		PeriodKind:  period.Quarter,
		FirstPeriod: thisQuarter.Previous().Previous().Previous().Previous(),
		TierMode:    incentive.Retroactive,
		Tiers: []incentive.Tier{
			{Threshold: 5_000_000, RateBasisPoints: 100},
			{Threshold: 20_000_000, RateBasisPoints: 200},
			{Threshold: 50_000_000, RateBasisPoints: 300},
		},
	})
	if err != nil {
		return err
	}
	year := period.Of(period.Year, l.today)
	yearly := rebates.NewService(l.c, l.loc).WithClock(func() time.Time { return l.officeTime(year.Start().AddDate(0, 0, -10)) })
	if _, err := yearly.Create(ctx, rebates.ProgramInput{
		Name: "Distributor power-tool growth",
		Description: "For distributors, on drills, saws and grinders invoiced in the year: " +
			"each band of the year's sales at its own rate.",
		Audience:    audience.Audience{Tiers: []int{1}},
		PeriodKind:  period.Year,
		FirstPeriod: year,
		Categories:  []string{"Drills & Drivers", "Saws", "Grinders & Sanders"},
		TierMode:    incentive.Incremental,
		Tiers: []incentive.Tier{
			{Threshold: 0, RateBasisPoints: 50},
			{Threshold: 20_000_000, RateBasisPoints: 150},
			{Threshold: 60_000_000, RateBasisPoints: 300},
		},
	}); err != nil {
		return err
	}
	_, err = rebates.NewService(l.c, l.loc).WithClock(func() time.Time { return settled }).Settle(ctx, quarterly.ID, last)
	return err
}

// officeTime is 10:00 of business date day in the business time zone; on
// the day the demo is loaded, no later than the moment it is loaded (before
// 10:00, "today at 10:00" would come after everything people then do: a
// lead offered then would be its territory's latest offer all morning).
func (l *loader) officeTime(day time.Time) time.Time {
	y, m, d := day.Date()
	t := time.Date(y, m, d, 10, 0, 0, 0, l.loc)
	if day.Equal(l.today) && !l.loadedAt.IsZero() && t.After(l.loadedAt) {
		return l.loadedAt
	}
	return t
}
