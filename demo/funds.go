package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/disputes"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/fundbudget"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/marketingfund"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/funds"
	"github.com/dealerline/dealerline/period"
)

// fundClaimSpecs are South Traders' claims on the quarter's co-op fund:
// two approved and paid, half its budget, and one waiting on the claims
// desk.
var fundClaimSpecs = []struct {
	activity, description string
	amount                int64
	day                   int // of the quarter, at most today
	approve               bool
}{
	{"Spring catalogue in the local newspaper", "Half-page advertisement, two issues.", 600000, 3, true},
	{"Shop window posters", "Printing and installation in three shops.", 400000, 10, true},
	{"Regional hardware fair", "Booth rent for the three fair days.", 150000, 20, false},
}

// loadFunds opens this quarter's co-op advertising fund for the Retail
// channel, has South Traders claim on it (half of its budget approved and
// paid by MARKETING_FUND credit notes, one claim waiting), and has South
// Traders dispute part of its oldest open invoice, still open: all through
// the services, as the people would have.
func (l *loader) loadFunds(ctx context.Context) error {
	viewer := func(email string, role user.Role, dealerCode string) (context.Context, error) {
		u, err := l.c.User.Get(ctx, l.userIDs[email])
		if err != nil {
			return nil, err
		}
		v := &auth.Viewer{UserID: u.ID, Name: u.Name, Role: role}
		if dealerCode != "" {
			d, err := l.c.Dealer.Get(ctx, l.dealerIDs[dealerCode])
			if err != nil {
				return nil, err
			}
			v.DealerID, v.DealerChannelID, v.DealerTier = d.ID, d.ChannelID, d.Tier
		}
		return auth.NewContext(ctx, v), nil
	}
	admin, err := viewer("admin@demo.test", user.RoleADMIN, "")
	if err != nil {
		return err
	}
	south, err := viewer("south@demo.test", user.RoleDEALER, SouthTraders)
	if err != nil {
		return err
	}
	acc := accounts.NewService(l.c, l.loc)
	// Everything happened before today: the quarter of yesterday, its days
	// up to yesterday.
	yesterday := l.today.AddDate(0, 0, -1)
	quarter := period.Of(period.Quarter, yesterday)
	dayOf := func(n int) time.Time {
		d := quarter.Start().AddDate(0, 0, n)
		if d.After(yesterday) {
			d = yesterday
		}
		return d
	}
	budget := int64(2000000)
	f, err := funds.NewService(l.c, acc, l.loc).WithClock(func() time.Time { return l.officeTime(quarter.Start()) }).
		Open(admin, funds.FundInput{
			Name:        "Co-op advertising",
			Description: "Half of what you spend advertising our tools locally, up to your budget: claim with the invoice or a photograph.",
			Period:      quarter,
			Kind:        marketingfund.BudgetKindAMOUNT,
			Amount:      &budget,
			Audience:    audience.Audience{ChannelIDs: []int{l.channelIDs["RETAIL"]}},
		})
	if err != nil {
		return err
	}
	b, err := l.c.FundBudget.Query().
		Where(fundbudget.FundID(f.ID), fundbudget.DealerID(l.dealerIDs[SouthTraders])).
		Only(ctx)
	if err != nil {
		return err
	}
	for _, c := range fundClaimSpecs {
		day := dayOf(c.day)
		claimed, err := funds.NewService(l.c, acc, l.loc).WithClock(func() time.Time { return l.officeTime(day) }).
			Claim(south, funds.ClaimInput{
				BudgetID: b.ID, Activity: c.activity, ActivityOn: day, Amount: c.amount, Description: c.description,
				Attachments: []string{"https://files.southtraders.example/marketing/" + day.Format(time.DateOnly) + ".pdf"},
			})
		if err != nil {
			return err
		}
		if !c.approve {
			continue
		}
		decided := l.officeTime(dayOf(c.day + 2)).Add(4 * time.Hour)
		if _, err := funds.NewService(l.c, acc, l.loc).WithClock(func() time.Time { return decided }).
			Approve(admin, claimed.ID, nil, nil, ""); err != nil {
			return err
		}
	}

	// The oldest open invoice, part of it disputed yesterday.
	inv, err := l.c.Invoice.Query().
		Where(invoice.DealerID(l.dealerIDs[SouthTraders]), invoice.BalanceGT(0)).
		Order(ent.Asc(invoice.FieldDueOn), ent.Asc(invoice.FieldID)).
		First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	raised := l.officeTime(yesterday)
	_, err = disputes.NewService(l.c, acc).WithClock(func() time.Time { return raised }).
		Raise(south, disputes.RaiseInput{
			InvoiceID: inv.ID,
			Amount:    min(inv.Balance, 25000),
			Reason:    "Two drills were invoiced at the list price, not our tier price.",
		})
	return err
}
