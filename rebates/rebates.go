// Package rebates runs rebate programs: tiered rebates on a dealer's net
// invoiced sales of a calendar period, accrued live while the period runs
// and settled once it has closed with credit notes of kind REBATE.
//
// The basis of a program, dealer and period (NET_INVOICED) is what was
// invoiced in the period for the products the program covers, less the
// credit notes of kind CORRECTION or RETURN issued in it: one for a
// product lowers the basis of the programs covering that product only,
// one without a product every program's. REBATE and MARKETING_FUND notes
// never count. The arithmetic of tiers is package incentive's.
//
// Settling credits what the basis earns less what earlier settlements of
// the program and period credited, never less than 0: so a settlement
// run again issues nothing, and a late correction that lowers the basis
// after a settlement is carried as a shortfall, never taken back. After
// any run, the credit notes of a program, period and dealer add up to the
// most any run so far found earned.
package rebates

import (
	"context"
	"math/big"
	"slices"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/period"
)

// Service creates, ends, accrues and settles rebate programs.
type Service struct {
	client *ent.Client
	loc    *time.Location // business time zone: when a period closes
	now    func() time.Time
}

// NewService returns a Service for the business time zone loc.
func NewService(client *ent.Client, loc *time.Location) *Service {
	return &Service{client: client, loc: loc, now: time.Now}
}

// WithClock returns a copy of s that takes the time from now: for loading
// history (the demo data) and for tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Today is the business date now.
func (s *Service) Today() time.Time { return accounts.BusinessDate(s.now(), s.loc) }

func requireAdmin(ctx context.Context, what string) (*auth.Viewer, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() {
		return nil, apperr.Errorf(apperr.Forbidden, "only an administrator %s", what)
	}
	return v, nil
}

// AudienceOf is the audience of p, whose channels, territories and dealers
// are loaded (the ids only are read).
func AudienceOf(p *ent.RebateProgram) audience.Audience {
	a := audience.Audience{All: p.AllDealers, Tiers: p.DealerTiers}
	for _, c := range p.Edges.Channels {
		a.ChannelIDs = append(a.ChannelIDs, c.ID)
	}
	for _, t := range p.Edges.Territories {
		a.TerritoryIDs = append(a.TerritoryIDs, t.ID)
	}
	for _, d := range p.Edges.Dealers {
		a.DealerIDs = append(a.DealerIDs, d.ID)
	}
	return a
}

// Runs reports whether period q is one of p's: of its kind, from its first
// period to its last (when it has one).
func Runs(p *ent.RebateProgram, q period.Period) bool {
	return q.Kind() == p.PeriodKind && q.Compare(p.FirstPeriod) >= 0 &&
		(p.LastPeriod == nil || q.Compare(*p.LastPeriod) <= 0)
}

// CurrentPeriod is p's period running on business date today, nil when p
// does not run then.
func CurrentPeriod(p *ent.RebateProgram, today time.Time) *period.Period {
	q := period.Of(p.PeriodKind, today)
	if !Runs(p, q) {
		return nil
	}
	return &q
}

// checkPeriod refuses a period that is not one of p's.
func checkPeriod(p *ent.RebateProgram, q period.Period) error {
	if q.Kind() != p.PeriodKind {
		return apperr.Invalid("period", "%s runs by %s: %s is not one", p.Name, p.PeriodKind, q)
	}
	if !Runs(p, q) {
		last := "until ended"
		if p.LastPeriod != nil {
			last = "to " + p.LastPeriod.String()
		}
		return apperr.Invalid("period", "%s runs from %s %s: not in %s", p.Name, p.FirstPeriod, last, q)
	}
	return nil
}

// projected is basis carried to the end of q at its daily run-rate so far
// on business date today: basis ÷ days elapsed (today included) × days in
// q, half-up; the basis itself once q has closed or before it starts.
func projected(basis int64, q period.Period, today time.Time) int64 {
	if q.ClosedOn(today) || basis <= 0 {
		return basis
	}
	elapsed := int64(today.Sub(q.Start()).Hours()/24+0.5) + 1
	if elapsed <= 0 {
		return basis
	}
	n := new(big.Int).Mul(big.NewInt(basis), big.NewInt(int64(q.Days())))
	n.Add(n, big.NewInt(elapsed/2))
	n.Quo(n, big.NewInt(elapsed))
	if !n.IsInt64() {
		return basis // beyond any amount: the basis is the honest answer
	}
	return n.Int64()
}

// tierAt is the tier basis reaches, nil below the first.
func tierAt(basis int64, tiers []incentive.Tier) *incentive.Tier {
	if i := incentive.Reached(basis, tiers); i >= 0 {
		t := tiers[i]
		return &t
	}
	return nil
}

// Status is where a dealer stands in a program for a period.
type Status struct {
	Program             *ent.RebateProgram
	Dealer              *ent.Dealer
	Period              period.Period
	Closed              bool
	Invoiced, Corrected int64
	Basis               int64
	Tier                *incentive.Tier
	RateBasisPoints     int
	Accrued             int64
	NextTier            *incentive.Tier
	DistanceToNextTier  *int64
	ProjectedBasis      int64
	ProjectedTier       *incentive.Tier
	ProjectedAccrued    int64
	Settled             int64
	Shortfall           int64
}

func (s *Service) status(p *ent.RebateProgram, d *ent.Dealer, q period.Period, f figures) *Status {
	today := s.Today()
	st := &Status{
		Program: p, Dealer: d, Period: q, Closed: q.ClosedOn(today),
		Invoiced: f.invoiced, Corrected: f.corrected, Basis: f.basis(),
		Settled: f.credited,
	}
	st.Tier = tierAt(st.Basis, p.Tiers)
	if st.Tier != nil {
		st.RateBasisPoints = st.Tier.RateBasisPoints
	}
	st.Accrued = incentive.Earned(st.Basis, p.Tiers, p.TierMode)
	if next, d := incentive.NextTier(st.Basis, p.Tiers); next != nil {
		st.NextTier, st.DistanceToNextTier = next, &d
	}
	st.ProjectedBasis = projected(st.Basis, q, today)
	st.ProjectedTier = tierAt(st.ProjectedBasis, p.Tiers)
	st.ProjectedAccrued = incentive.Earned(st.ProjectedBasis, p.Tiers, p.TierMode)
	st.Shortfall = max(st.Settled-st.Accrued, 0)
	return st
}

// sortByCode orders settlement lines by dealer code.
func sortByCode(lines []*Line) {
	slices.SortFunc(lines, func(a, b *Line) int {
		switch {
		case a.Dealer.Code < b.Dealer.Code:
			return -1
		case a.Dealer.Code > b.Dealer.Code:
			return 1
		}
		return a.Dealer.ID - b.Dealer.ID
	})
}

// sys is ctx with the privacy rules bypassed, for the sums a rule has
// already allowed.
func sys(ctx context.Context) context.Context { return access.Bypass(ctx) }
