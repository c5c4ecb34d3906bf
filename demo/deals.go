package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/deals"
	"github.com/dealerline/dealerline/ent/lead"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/leads"
)

// loadDeals tells deal registration and leads through their services, as
// the people would have: South Traders registered the Guangzhou Metro
// project three weeks ago and the administrator approved it for 90 days,
// so it is protected now; it registered the Foshan Ceramics Park last week,
// waiting on the registration desk; it accepted a lead for the Huadu Auto
// Plant, now a protected registration too; a lead for the Panyu Logistics
// Hub waits in its inbox; and one for a Zhuhai marina waits, unassigned, on
// the lead board.
func (l *loader) loadDeals(ctx context.Context) error {
	viewer := func(email string, role user.Role, dealerCode string) (*auth.Viewer, error) {
		u, err := l.c.User.Get(ctx, l.userIDs[email])
		if err != nil {
			return nil, err
		}
		v := &auth.Viewer{UserID: u.ID, Name: u.Name, Role: role}
		if dealerCode != "" {
			v.DealerID = l.dealerIDs[dealerCode]
		}
		return v, nil
	}
	admin, err := viewer("admin@demo.test", user.RoleADMIN, "")
	if err != nil {
		return err
	}
	south, err := viewer("south@demo.test", user.RoleDEALER, SouthTraders)
	if err != nil {
		return err
	}
	asAdmin, asSouth := auth.NewContext(ctx, admin), auth.NewContext(ctx, south)
	cases := conflicts.NewService(l.c, l.loc, nil)
	dealsAt := func(daysAgo int) *deals.Service {
		return deals.NewService(l.c, "", l.loc, cases).WithClock(func() time.Time { return l.officeTime(l.today.AddDate(0, 0, -daysAgo)) })
	}
	leadsAt := func(daysAgo int) *leads.Service {
		return leads.NewService(l.c, "", l.loc, dealsAt(daysAgo), appraisal.NewService(l.c, "", l.loc)).
			WithClock(func() time.Time { return l.officeTime(l.today.AddDate(0, 0, -daysAgo)) })
	}
	prd, drill, saw := l.territoryIDs["SC-PRD"], l.productIDs["DR-1801"], l.productIDs["SW-1801"]

	metro, err := dealsAt(21).Register(asSouth, deals.RegisterInput{
		CustomerName: "Guangzhou Metro Line 22 Co., Ltd.", City: "Guangzhou", TerritoryID: prd,
		Lines:           []deals.LineInput{{ProductID: drill, Quantity: 60}, {ProductID: saw, Quantity: 12}},
		ExpectedCloseOn: l.today.AddDate(0, 2, 0),
		Notes:           "Station fit-out contractor; tools for 12 stations, delivered by line section.",
	})
	if err != nil {
		return err
	}
	if _, err := dealsAt(20).Approve(asAdmin, metro.ID, nil, "First to register; the contractor confirmed South Traders quotes.", nil); err != nil {
		return err
	}
	if _, err := dealsAt(6).Register(asSouth, deals.RegisterInput{
		CustomerName: "Foshan Ceramics Park", City: "Foshan", TerritoryID: prd,
		Lines:           []deals.LineInput{{ProductID: drill, Quantity: 25}},
		ExpectedCloseOn: l.today.AddDate(0, 1, 0),
	}); err != nil {
		return err
	}

	for _, s := range []struct {
		customer, city, need string
		source               lead.Source
		daysAgo              int
		toSouth, accept      bool
	}{
		{"Huadu Auto Plant", "Guangzhou", "Maintenance tools for a new assembly hall: drills, grinders and batteries.", lead.SourceTRADE_SHOW, 9, true, true},
		{"Panyu Logistics Hub", "Guangzhou", "Cordless tools for 40 warehouse technicians.", lead.SourceWEBSITE, 0, true, false},
		{"Zhuhai Marina Fit-out", "Zhuhai", "Stainless fixings and saws for a marina refit.", lead.SourceREFERRAL, 1, false, false},
	} {
		svc := leadsAt(s.daysAgo)
		ld, err := svc.Create(asAdmin, leads.CreateInput{CustomerName: s.customer, City: s.city, TerritoryID: prd, Need: s.need, Source: s.source})
		if err != nil {
			return err
		}
		if !s.toSouth {
			continue
		}
		if _, err := svc.Assign(asAdmin, ld.ID, &south.DealerID, lead.RuleMANUAL); err != nil {
			return err
		}
		if s.accept {
			if _, err := leadsAt(s.daysAgo-1).Accept(asSouth, ld.ID, nil); err != nil {
				return err
			}
		}
	}
	return nil
}
