package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/conflictevent"
	"github.com/dealerline/dealerline/ent/order"
)

// conflictStep is one change in a demo case's life after it was opened.
type conflictStep struct {
	daysAgo  int
	by       string // email
	to       casestatus.Status
	comment  string // a comment instead of a move
	internal bool
	note     string // with a move
}

type conflictSpec struct {
	daysAgo   int
	by        string // email of who opened it: a dealer user reports for its dealer
	kind      conflictcase.Kind
	severity  conflictcase.Severity
	parties   []string // dealer codes besides the reporter's
	territory string
	summary   string
	evidence  string
	orders    bool // link the reporter's newest order as evidence
	steps     []conflictStep
}

// conflictCases are disputes of the last weeks in every state: one open
// and overdue, one under investigation with an internal note, one resolved
// between North Distribution and South Traders, one dismissed, and one of
// HIGH severity open since last month (the serious-conflict signal, rule 9,
// for both its dealers).
var conflictCases = []conflictSpec{
	{
		daysAgo: 4, by: "south@demo.test", kind: conflictcase.KindPRICE_UNDERCUT, severity: conflictcase.SeverityHIGH,
		parties: []string{"D-EC-01"}, territory: "SC-PRD",
		summary:  "ToolMall Online sells the 18V Brushless Drill Driver in the Pearl River Delta below our tier-2 price.",
		evidence: "Marketplace listing seen on three days running; screenshots kept at the shop.",
		steps: []conflictStep{
			{daysAgo: 3, by: "south@demo.test", comment: "The listing is still up today, same price."},
		},
	},
	{
		daysAgo: 9, by: "north@demo.test", kind: conflictcase.KindTERRITORY_BREACH, severity: conflictcase.SeverityMEDIUM,
		parties: []string{"D-EC-04"}, territory: "NC-BTH",
		summary:  "Handyman Hub delivers to building sites in Tianjin from its own van, outside online orders.",
		evidence: "Two of our sub-dealers' customers showed us Handyman Hub delivery notes.",
		orders:   true,
		steps: []conflictStep{
			{daysAgo: 8, by: "manager@demo.test", to: casestatus.Investigating, note: "Asking E-commerce for Handyman Hub's delivery records."},
			{daysAgo: 7, by: "manager@demo.test", comment: "Handyman Hub's agreement allows delivery of online orders only: we are checking theirs.", internal: false},
			{daysAgo: 6, by: "keys@demo.test", comment: "Handyman Hub confirmed two site deliveries; warning letter drafted, not sent yet.", internal: true},
		},
	},
	{
		daysAgo: 24, by: "north@demo.test", kind: conflictcase.KindCUSTOMER_POACHING, severity: conflictcase.SeverityLOW,
		parties: []string{SouthTraders}, territory: "NC-BTH",
		summary: "South Traders quoted a Beijing contractor we serve, at tier-2 prices plus freight.",
		steps: []conflictStep{
			{daysAgo: 23, by: "south@demo.test", comment: "The contractor called us for their Guangzhou project; we quoted for delivery there only."},
			{daysAgo: 21, by: "manager@demo.test", to: casestatus.Investigating},
			{daysAgo: 18, by: "manager@demo.test", to: casestatus.Resolved, note: "Quote was for the contractor's Guangzhou site: South Traders serves it there, North Distribution in Beijing. No breach."},
		},
	},
	{
		daysAgo: 35, by: "manager@demo.test", kind: conflictcase.KindOTHER, severity: conflictcase.SeverityMEDIUM,
		parties: []string{SouthTraders, "D-GZ-01"}, territory: "SC-PRD",
		summary: "South Traders and Pearl River Tool Centre both claim the Foshan hardware market as their own.",
		steps: []conflictStep{
			{daysAgo: 33, by: "admin@demo.test", comment: "Both dealers hold SC-PRD; no exclusivity was ever granted inside it.", internal: true},
			{daysAgo: 30, by: "manager@demo.test", to: casestatus.Dismissed, note: "The territory is shared by agreement; both dealers may sell in Foshan."},
		},
	},
	{
		// Opened 40 days ago: last month had ended with it open whatever
		// today's date.
		daysAgo: 40, by: "east@demo.test", kind: conflictcase.KindPRICE_UNDERCUT, severity: conflictcase.SeverityHIGH,
		parties: []string{"D-EC-05"}, territory: "EC-SD",
		summary:  "Garden & Tool Express offers the Jinan plant our tender items at 15 % under the framework price.",
		evidence: "The plant's purchasing office forwarded the offer.",
		steps: []conflictStep{
			{daysAgo: 37, by: "keys@demo.test", to: casestatus.Investigating, note: "Asking Garden & Tool Express where it buys the tender items."},
		},
	},
}

func (l *loader) loadConflictCases(ctx context.Context) error {
	type person struct {
		name   string
		dealer string
	}
	people := map[string]person{}
	for _, u := range append(append([]userSpec{}, staff...), dealerUsers...) {
		people[u.email] = person{u.name, u.dealer}
	}
	due := conflicts.DefaultDueDays()
	at := func(daysAgo, hour int) time.Time {
		y, m, d := l.today.AddDate(0, 0, -daysAgo).Date()
		return time.Date(y, m, d, hour, 0, 0, 0, l.loc)
	}
	for _, s := range conflictCases {
		by := people[s.by]
		opened := at(s.daysAgo, 10)
		c := l.c.ConflictCase.Create().
			SetKind(s.kind).
			SetSeverity(s.severity).
			SetStatus(casestatus.Open).
			SetTerritoryID(l.territoryIDs[s.territory]).
			SetSummary(s.summary).
			SetEvidence(s.evidence).
			SetOpenedByID(l.userIDs[s.by]).
			SetOpenedByName(by.name).
			SetOpenedAt(opened).
			SetDueOn(l.today.AddDate(0, 0, due[s.severity]-s.daysAgo)).
			SetLastActivityAt(opened).
			SetCreatedAt(opened).
			SetUpdatedAt(opened)
		for _, code := range s.parties {
			c.AddPartyIDs(l.dealerIDs[code])
		}
		if by.dealer != "" {
			c.SetReporterDealerID(l.dealerIDs[by.dealer]).AddPartyIDs(l.dealerIDs[by.dealer])
			if s.orders {
				o, err := l.c.Order.Query().Where(order.DealerID(l.dealerIDs[by.dealer])).Order(ent.Desc(order.FieldID)).First(ctx)
				if err != nil {
					return err
				}
				c.AddEvidenceOrderIDs(o.ID)
			}
		}
		cc, err := c.Save(ctx)
		if err != nil {
			return err
		}
		u := cc.Update().SetNumber(accounts.DocumentNumber("CC", cc.ID))
		events := []*ent.ConflictEventCreate{
			l.c.ConflictEvent.Create().SetCaseID(cc.ID).SetAction(conflictevent.ActionOPENED).
				SetTo(casestatus.Open).SetActorName(by.name).SetAt(opened),
		}
		status, last := casestatus.Open, opened
		for i, st := range s.steps {
			who := people[st.by]
			when := at(st.daysAgo, 11+i%6)
			last = when
			e := l.c.ConflictEvent.Create().SetCaseID(cc.ID).SetActorName(who.name).SetAt(when)
			if st.comment != "" {
				err := l.c.ConflictComment.Create().
					SetCaseID(cc.ID).
					SetAuthorID(l.userIDs[st.by]).
					SetAuthorName(who.name).
					SetFromStaff(who.dealer == "").
					SetInternal(st.internal).
					SetBody(st.comment).
					SetAt(when).
					Exec(ctx)
				if err != nil {
					return err
				}
				events = append(events, e.SetAction(conflictevent.ActionCOMMENTED).SetNote(st.comment).SetInternal(st.internal))
				continue
			}
			events = append(events, e.SetAction(conflictevent.ActionSTATUS_CHANGED).SetFrom(status).SetTo(st.to).SetNote(st.note))
			status = st.to
			if status.Closed() {
				u.SetResolutionNote(st.note).SetResolvedAt(when)
			}
		}
		if err := u.SetStatus(status).SetLastActivityAt(last).SetUpdatedAt(last).Exec(ctx); err != nil {
			return err
		}
		if err := l.c.ConflictEvent.CreateBulk(events...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
