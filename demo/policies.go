package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/ent/channelpolicy"
)

// policyVersionSpec is one published version of a demo policy.
type policyVersionSpec struct {
	title, body string
	daysAgo     int  // published
	material    bool // asked the audience to acknowledge again
	ackedBy     []string
}

type policySpec struct {
	kind          channelpolicy.Kind
	publisher     string // email
	effectiveFrom int    // days from today (negative: past)
	effectiveTo   *int
	all           bool
	channels      []string
	tiers         []int
	territories   []string
	dealers       []string // named
	versions      []policyVersionSpec
	withdrawn     int    // days ago, 0 for an active policy
	note          string // why it was withdrawn
}

func days(n int) *int { return &n }

// policies are the manufacturer's rules as they stand: one of each kind,
// one amended materially (north and south have still to acknowledge it
// again), one amended only to correct it, one withdrawn, and a new one
// nobody has acknowledged yet.
var policies = []policySpec{
	{
		kind: channelpolicy.KindPRICING, publisher: "admin@demo.test", effectiveFrom: -30, all: true,
		versions: []policyVersionSpec{
			{
				title:   "Minimum advertised price for cordless tools",
				body:    "Cordless drills and angle grinders are advertised at no less than 90 % of the list price.\n\nThe rule applies to shop windows, websites and marketplaces alike.\n\nBreaches are handled as conflict cases.",
				daysAgo: 40, ackedBy: []string{"north@demo.test", "south@demo.test", "east@demo.test"},
			},
			{
				title:   "Minimum advertised price for cordless tools",
				body:    "Cordless drills, angle grinders and impact drivers are advertised at no less than 92 % of the list price.\n\nThe rule applies to shop windows, websites and marketplaces alike.\n\nBreaches are handled as conflict cases.",
				daysAgo: 6, material: true, ackedBy: []string{"east@demo.test"},
			},
		},
	},
	{
		kind: channelpolicy.KindREBATE, publisher: "admin@demo.test", effectiveFrom: -20, tiers: []int{1},
		versions: []policyVersionSpec{
			{
				title:   "Quarterly volume rebate for distributors",
				body:    "Distributors earn a rebate on the quarter's net purchases:\n\n- 2 % above 500,000\n- 3 % above 1,000,000\n\nThe rebate is paid as a credit note within 30 days of the quarter's end.",
				daysAgo: 20, ackedBy: []string{"north@demo.test"},
			},
			{
				title:   "Quarterly volume rebate for distributors",
				body:    "Distributors earn a rebate on the quarter's net purchases:\n\n- 2 % above 500,000\n- 3 % above 1,000,000\n\nThe rebate is paid as a credit note within 30 days of the end of the quarter.",
				daysAgo: 10,
			},
		},
	},
	{
		kind: channelpolicy.KindPROMOTION, publisher: "manager@demo.test", effectiveFrom: 0, effectiveTo: days(30), channels: []string{"RETAIL"},
		versions: []policyVersionSpec{{
			title:   "Retail spring promotion rules",
			body:    "During the spring promotion Retail dealers may sell the cordless drill kit at the promotion price.\n\nThe promotion price is not advertised outside your territories.",
			daysAgo: 4,
		}},
	},
	{
		kind: channelpolicy.KindTERRITORY, publisher: "admin@demo.test", effectiveFrom: -15,
		tiers: []int{2}, territories: []string{"SC-PRD"}, dealers: []string{"D-WH-01"},
		versions: []policyVersionSpec{{
			title:   "Territory protection in the Pearl River Delta",
			body:    "Dealers serve customers in their own territories. A sale to a customer in another dealer's territory is reported to your channel manager before delivery.",
			daysAgo: 15, ackedBy: []string{"south@demo.test"},
		}},
	},
	{
		kind: channelpolicy.KindCREDIT, publisher: "keys@demo.test", effectiveFrom: -25, channels: []string{"KEY"},
		versions: []policyVersionSpec{{
			title:   "Payment terms for key accounts",
			body:    "Key accounts pay within 60 days of the invoice date.",
			daysAgo: 25, ackedBy: []string{"east@demo.test"},
		}},
		withdrawn: 2, note: "Replaced by the credit limits agreed in each account's contract.",
	},
	{
		kind: channelpolicy.KindGENERAL, publisher: "admin@demo.test", effectiveFrom: -50, all: true,
		versions: []policyVersionSpec{{
			title:   "Returns of damaged goods",
			body:    "Goods damaged in transit are reported within 3 days of delivery, with photographs. The manufacturer collects them and credits the order.",
			daysAgo: 50, ackedBy: []string{"north@demo.test", "south@demo.test", "east@demo.test", "capital@demo.test"},
		}},
	},
}

func (l *loader) loadPolicies(ctx context.Context) error {
	names := map[string]string{}
	for _, u := range append(append([]userSpec{}, staff...), dealerUsers...) {
		names[u.email] = u.name
	}
	dealerOf := map[string]string{}
	for _, u := range dealerUsers {
		dealerOf[u.email] = u.dealer
	}
	at := func(daysAgo int) time.Time {
		y, m, d := l.today.AddDate(0, 0, -daysAgo).Date()
		return time.Date(y, m, d, 10, 0, 0, 0, l.loc)
	}
	for _, s := range policies {
		first, current := s.versions[0], s.versions[len(s.versions)-1]
		from := l.today.AddDate(0, 0, s.effectiveFrom)
		var to *time.Time
		if s.effectiveTo != nil {
			t := l.today.AddDate(0, 0, *s.effectiveTo)
			to = &t
		}
		ackVersion := 1
		for i, v := range s.versions {
			if v.material {
				ackVersion = i + 1
			}
		}
		c := l.c.ChannelPolicy.Create().
			SetKind(s.kind).
			SetTitle(current.title).
			SetBody(current.body).
			SetEffectiveFrom(from).
			SetNillableEffectiveTo(to).
			SetVersion(len(s.versions)).
			SetAcknowledgeVersion(ackVersion).
			SetAllDealers(s.all).
			SetPublishedAt(at(first.daysAgo)).
			SetVersionPublishedAt(at(current.daysAgo)).
			SetPublishedByID(l.userIDs[s.publisher]).
			SetPublishedByName(names[s.publisher])
		if len(s.tiers) > 0 {
			c.SetTiers(s.tiers)
		}
		audience := map[string]any{"all": s.all, "channelIDs": []int{}, "tiers": []int{}, "territoryIDs": []int{}, "dealerIDs": []int{}}
		var ids []int
		for _, code := range s.channels {
			c.AddChannelIDs(l.channelIDs[code])
			ids = append(ids, l.channelIDs[code])
		}
		if ids != nil {
			audience["channelIDs"] = ids
		}
		ids = nil
		for _, code := range s.territories {
			c.AddTerritoryIDs(l.territoryIDs[code])
			ids = append(ids, l.territoryIDs[code])
		}
		if ids != nil {
			audience["territoryIDs"] = ids
		}
		ids = nil
		for _, code := range s.dealers {
			c.AddDealerIDs(l.dealerIDs[code])
			ids = append(ids, l.dealerIDs[code])
		}
		if ids != nil {
			audience["dealerIDs"] = ids
		}
		if s.tiers != nil {
			audience["tiers"] = s.tiers
		}
		if s.withdrawn > 0 {
			c.SetStatus(channelpolicy.StatusWITHDRAWN).SetWithdrawnAt(at(s.withdrawn)).SetWithdrawalNote(s.note)
		}
		p, err := c.Save(ctx)
		if err != nil {
			return err
		}
		for i, v := range s.versions {
			err := l.c.PolicyVersion.Create().
				SetPolicyID(p.ID).
				SetVersion(i + 1).
				SetTitle(v.title).
				SetBody(v.body).
				SetEffectiveFrom(from).
				SetNillableEffectiveTo(to).
				SetAudience(audience).
				SetMaterial(v.material).
				SetPublishedAt(at(v.daysAgo)).
				SetPublishedByName(names[s.publisher]).
				Exec(ctx)
			if err != nil {
				return err
			}
			for _, email := range v.ackedBy {
				err := l.c.PolicyAcknowledgement.Create().
					SetPolicyID(p.ID).
					SetVersion(i + 1).
					SetUserID(l.userIDs[email]).
					SetUserName(names[email]).
					SetDealerID(l.dealerIDs[dealerOf[email]]).
					SetAcknowledgedAt(at(v.daysAgo).Add(26 * time.Hour)).
					Exec(ctx)
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}
