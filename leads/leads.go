// Package leads hands prospective customers staff found to dealers, one
// dealer at a time: staff create a lead and offer it to a dealer by hand
// or by rule — the territory's trading dealers in turn (ROUND_ROBIN), or
// the one with the best quota completion last quarter (BEST_COMPLETION).
// The dealer accepts it, when it becomes an approved deal registration
// (package deals), or declines it; one not answered by its deadline is
// taken back by the expiry pass (Expire). Either way it goes to the next
// dealer by its rule, never to one that had it before; with none left it
// waits, unassigned, for staff. The dealer reports the outcome, which
// closes its deal. Each offer is a LeadOffer: the history the turn, the
// exclusions and each dealer's lead conversion are read from.
package leads

import (
	"context"
	"slices"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/deals"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/dealregistration"
	"github.com/dealerline/dealerline/ent/lead"
	"github.com/dealerline/dealerline/ent/leadoffer"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of what one request carries.
const (
	MaxName = 200
	MaxCity = 100
	MaxNeed = 4000
	MaxNote = 2000
	// DefaultAnswerWithin is how long a dealer has to accept or decline.
	DefaultAnswerWithin = 48 * time.Hour
)

// Service creates, assigns and answers leads.
type Service struct {
	client    *ent.Client
	deals     *deals.Service
	appraisal *appraisal.Service
	location  *time.Location
	postgres  bool
	now       func() time.Time
	// AnswerWithin is how long a dealer has to answer an offer.
	AnswerWithin time.Duration
}

// NewService returns a Service over client (of the dialect named); an
// accepted lead becomes a registration through d, and BEST_COMPLETION
// reads completion through a.
func NewService(client *ent.Client, dialectName string, location *time.Location, d *deals.Service, a *appraisal.Service) *Service {
	return &Service{client: client, deals: d, appraisal: a, location: location,
		postgres: dialectName == dialect.Postgres, now: time.Now, AnswerWithin: DefaultAnswerWithin}
}

// WithClock returns a copy of s that takes the time from now: for the demo
// data and tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	c.deals = s.deals.WithClock(now)
	return &c
}

// CreateInput is a lead as staff found it.
type CreateInput struct {
	CustomerName string
	City         string
	TerritoryID  int
	Need         string
	Source       lead.Source
}

func staff(v *auth.Viewer) bool { return v.IsAdmin() || v.IsManager() }

// Create records a lead, UNASSIGNED (staff).
func (s *Service) Create(ctx context.Context, in CreateInput) (*ent.Lead, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !staff(v) {
		return nil, apperr.Errorf(apperr.Forbidden, "the manufacturer's staff create leads")
	}
	if in.CustomerName, err = apperr.Text("customerName", in.CustomerName, true, MaxName); err != nil {
		return nil, err
	}
	if in.City, err = apperr.Text("city", in.City, false, MaxCity); err != nil {
		return nil, err
	}
	if in.Need, err = apperr.Lines("need", in.Need, true, MaxNeed); err != nil {
		return nil, err
	}
	if lead.SourceValidator(in.Source) != nil {
		return nil, apperr.Invalid("source", "%q is not a source of leads", in.Source)
	}
	db := tx.Client(ctx, s.client)
	if _, err := db.Territory.Get(ctx, in.TerritoryID); ent.IsNotFound(err) {
		return nil, apperr.Missing("territoryID", "no such territory")
	} else if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	now := s.now()
	l, err := db.Lead.Create().
		SetCustomerName(in.CustomerName).
		SetCity(in.City).
		SetTerritoryID(in.TerritoryID).
		SetNeed(in.Need).
		SetSource(in.Source).
		SetCreatedByName(v.Name).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if l, err = l.Update().SetNumber(accounts.DocumentNumber("LD", l.ID)).Save(sys); err != nil {
		return nil, err
	}
	return l, audit.Record(ctx, db, "lead.create", "Lead", l.ID, map[string]any{"number": l.Number, "territoryID": in.TerritoryID, "source": in.Source})
}

// Assign offers lead id (UNASSIGNED, or OFFERED: the offer is withdrawn)
// to a dealer (staff): to dealerID, one the viewer sees, by hand; or to
// the dealer rule picks among the territory's trading dealers that have not
// had it.
func (s *Service) Assign(ctx context.Context, id int, dealerID *int, rule lead.Rule) (*ent.Lead, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !staff(v) {
		return nil, apperr.Errorf(apperr.Forbidden, "the manufacturer's staff assign leads")
	}
	if lead.RuleValidator(rule) != nil {
		return nil, apperr.Invalid("rule", "%q is not a way to assign a lead", rule)
	}
	switch {
	case rule == lead.RuleMANUAL && dealerID == nil:
		return nil, apperr.Invalid("dealerID", "name the dealer to offer the lead to")
	case rule != lead.RuleMANUAL && dealerID != nil:
		return nil, apperr.Invalid("dealerID", "a lead assigned by rule goes to the dealer the rule picks: leave dealerID unset")
	}
	db := tx.Client(ctx, s.client)
	l, err := s.read(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if l.Status != lead.StatusUNASSIGNED && l.Status != lead.StatusOFFERED {
		e := apperr.Errorf(apperr.InvalidTransition, "lead %s is %s: it is no longer assigned", l.Number, l.Status)
		e.Field = "id"
		return nil, e
	}
	var to int
	if dealerID != nil {
		d, err := db.Dealer.Get(ctx, *dealerID)
		if ent.IsNotFound(err) {
			return nil, apperr.Missing("dealerID", "no such dealer")
		} else if err != nil {
			return nil, err
		}
		to = d.ID
	} else {
		next, err := s.pick(ctx, db, l, rule)
		if err != nil {
			return nil, err
		}
		if next == 0 {
			return nil, apperr.Invalid("rule", "no trading dealer of the lead's territory that you work with is left that has not had it: assign it by hand")
		}
		to = next
	}
	if l.Status == lead.StatusOFFERED {
		if err := s.answer(ctx, db, l, leadoffer.AnswerWITHDRAWN, "taken back by "+v.Name); err != nil {
			return nil, err
		}
	}
	l, err = s.offer(ctx, db, l, to, rule)
	if err != nil {
		return nil, err
	}
	return l, audit.Record(ctx, db, "lead.assign", "Lead", l.ID, map[string]any{"number": l.Number, "dealerID": to, "rule": rule})
}

// read is lead id as the viewer may see it: a foreign one answers like a
// missing one. It locks the row (the version bump) for the transaction.
func (s *Service) read(ctx context.Context, db *ent.Client, id int) (*ent.Lead, error) {
	l, err := db.Lead.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such lead")
	}
	if err != nil {
		return nil, err
	}
	locked, err := db.Lead.UpdateOne(l).Where(lead.Version(l.Version)).AddVersion(1).Save(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.Conflict, "lead %s was changed at the same time: reload it", l.Number)
	}
	return locked, err
}

// offer hands l to dealer to, by rule, from now.
func (s *Service) offer(ctx context.Context, db *ent.Client, l *ent.Lead, to int, rule lead.Rule) (*ent.Lead, error) {
	sys := access.Bypass(ctx)
	now := s.now()
	due := now.Add(s.AnswerWithin)
	if err := db.LeadOffer.Create().SetLeadID(l.ID).SetDealerID(to).SetTerritoryID(l.TerritoryID).
		SetRule(leadoffer.Rule(rule)).SetOfferedAt(now).SetAnswerDueAt(due).Exec(sys); err != nil {
		return nil, err
	}
	return db.Lead.UpdateOne(l).SetStatus(lead.StatusOFFERED).SetDealerID(to).SetRule(rule).
		SetOfferedAt(now).SetAnswerDueAt(due).SetUpdatedAt(now).Save(sys)
}

// answer records the answer to l's open offer.
func (s *Service) answer(ctx context.Context, db *ent.Client, l *ent.Lead, a leadoffer.Answer, note string) error {
	_, err := db.LeadOffer.Update().
		Where(leadoffer.LeadID(l.ID), leadoffer.DealerID(*l.DealerID), leadoffer.AnswerIsNil()).
		SetAnswer(a).SetAnsweredAt(s.now()).SetNote(note).
		Save(access.Bypass(ctx))
	return err
}

// pick is the dealer rule offers l to next (0: none left): among the
// trading dealers of l's territory that have not had it, the one whose
// last offer of a lead in the territory is oldest (ROUND_ROBIN; never
// offered first, then by id), or the one with the best quota completion
// last quarter (BEST_COMPLETION; no quota last, ties in turn).
func (s *Service) pick(ctx context.Context, db *ent.Client, l *ent.Lead, rule lead.Rule) (int, error) {
	sys := access.Bypass(ctx)
	had, err := db.LeadOffer.Query().Where(leadoffer.LeadID(l.ID)).Select(leadoffer.FieldDealerID).Ints(sys)
	if err != nil {
		return 0, err
	}
	q := db.Dealer.Query().
		Where(dealer.HasTerritoriesWith(territory.ID(l.TerritoryID)),
			dealer.StatusIn(dealer.StatusACTIVE, dealer.StatusPROBATION),
			dealer.IDNotIn(had...))
	// Staff assigning by rule hand it to dealers they work with; a lead
	// passed on (declined, not answered) goes to any trader of the territory.
	if v := auth.FromContext(ctx); v != nil && staff(v) {
		q.Where(access.Dealers(v))
	}
	candidates, err := q.Order(ent.Asc(dealer.FieldID)).IDs(sys)
	if err != nil || len(candidates) == 0 {
		return 0, err
	}
	// In turn: when each last had a lead of this territory.
	last := map[int]time.Time{}
	offers, err := db.LeadOffer.Query().
		Where(leadoffer.TerritoryID(l.TerritoryID), leadoffer.DealerIDIn(candidates...)).
		All(sys)
	if err != nil {
		return 0, err
	}
	for _, o := range offers {
		if o.OfferedAt.After(last[o.DealerID]) {
			last[o.DealerID] = o.OfferedAt
		}
	}
	slices.SortStableFunc(candidates, func(a, b int) int { return last[a].Compare(last[b]) })
	if rule != lead.RuleBEST_COMPLETION {
		return candidates[0], nil
	}
	quarter := period.Of(period.Quarter, accounts.BusinessDate(s.now(), s.location)).Previous()
	cards, err := s.appraisal.Cards(sys, appraisal.Batch{Dealers: candidates}, quarter, appraisal.QuotaCompletion)
	if err != nil {
		return 0, err
	}
	best, bestValue := candidates[0], -1.0
	for _, id := range candidates {
		if c := cards.Dealers[id]; c != nil && c.QuotaCompletion != nil && *c.QuotaCompletion > bestValue {
			best, bestValue = id, *c.QuotaCompletion
		}
	}
	return best, nil
}

// held is lead id when the viewer's dealer holds it OFFERED (accept,
// decline) or ACCEPTED (outcome).
func (s *Service) held(ctx context.Context, db *ent.Client, id int, want lead.Status) (*auth.Viewer, *ent.Lead, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, nil, err
	}
	if !v.IsDealer() {
		return nil, nil, apperr.Errorf(apperr.Forbidden, "the dealer a lead is offered to answers it")
	}
	l, err := s.read(ctx, db, id)
	if err != nil {
		return nil, nil, err
	}
	if l.Status != want {
		e := apperr.Errorf(apperr.InvalidTransition, "lead %s is %s, not %s", l.Number, l.Status, want)
		e.Field = "id"
		return nil, nil, e
	}
	if want == lead.StatusOFFERED && !s.now().Before(*l.AnswerDueAt) {
		e := apperr.Errorf(apperr.InvalidTransition, "the time to answer lead %s ran out: it goes to another dealer", l.Number)
		e.Field = "id"
		return nil, nil, e
	}
	return v, l, nil
}

// Accept takes an OFFERED lead for the viewer's dealer: it becomes an
// approved deal registration, expected to close on expectedCloseOn (in 90
// days when nil).
func (s *Service) Accept(ctx context.Context, id int, expectedCloseOn *time.Time) (*ent.Lead, error) {
	db := tx.Client(ctx, s.client)
	today := accounts.BusinessDate(s.now(), s.location)
	closeOn := today.AddDate(0, 0, deals.DefaultProtectionDays)
	if expectedCloseOn != nil {
		if expectedCloseOn.Before(today) {
			return nil, apperr.Invalid("expectedCloseOn", "the expected close date is today or later")
		}
		closeOn = *expectedCloseOn
	}
	v, l, err := s.held(ctx, db, id, lead.StatusOFFERED)
	if err != nil {
		return nil, err
	}
	if err := s.answer(ctx, db, l, leadoffer.AnswerACCEPTED, ""); err != nil {
		return nil, err
	}
	r, err := s.deals.FromLead(ctx, db, v, l, closeOn)
	if err != nil {
		return nil, err
	}
	l, err = db.Lead.UpdateOne(l).SetStatus(lead.StatusACCEPTED).SetDealID(r.ID).ClearAnswerDueAt().SetUpdatedAt(s.now()).Save(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return l, audit.Record(ctx, db, "lead.accept", "Lead", l.ID, map[string]any{"number": l.Number, "deal": r.Number})
}

// Decline turns an OFFERED lead down, saying why: it goes to the next
// dealer.
func (s *Service) Decline(ctx context.Context, id int, reason string) (*ent.Lead, error) {
	var err error
	if reason, err = apperr.Lines("reason", reason, true, MaxNote); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	_, l, err := s.held(ctx, db, id, lead.StatusOFFERED)
	if err != nil {
		return nil, err
	}
	declined := *l.DealerID
	if err := s.answer(ctx, db, l, leadoffer.AnswerDECLINED, reason); err != nil {
		return nil, err
	}
	if l, err = s.passOn(ctx, db, l); err != nil {
		return nil, err
	}
	return l, audit.Record(ctx, db, "lead.decline", "Lead", l.ID, map[string]any{"number": l.Number, "dealerID": declined, "reason": reason})
}

// passOn offers l to the next dealer by its rule (a lead assigned by hand
// goes on in turn), or leaves it unassigned when none is left.
func (s *Service) passOn(ctx context.Context, db *ent.Client, l *ent.Lead) (*ent.Lead, error) {
	rule := lead.RuleROUND_ROBIN
	if l.Rule != nil && *l.Rule != lead.RuleMANUAL {
		rule = *l.Rule
	}
	next, err := s.pick(auth.NewContext(ctx, nil), db, l, rule)
	if err != nil {
		return nil, err
	}
	if next == 0 {
		return db.Lead.UpdateOne(l).SetStatus(lead.StatusUNASSIGNED).ClearDealerID().ClearAnswerDueAt().
			ClearOfferedAt().SetUpdatedAt(s.now()).Save(access.Bypass(ctx))
	}
	return s.offer(ctx, db, l, next, rule)
}

// Outcome reports how an ACCEPTED lead ended, closing its registration:
// WON with the orders that fulfilled it, or LOST.
func (s *Service) Outcome(ctx context.Context, id int, outcome lead.Status, orderIDs []int, note string) (*ent.Lead, error) {
	if outcome != lead.StatusWON && outcome != lead.StatusLOST {
		return nil, apperr.Invalid("outcome", "an outcome is WON or LOST")
	}
	db := tx.Client(ctx, s.client)
	_, l, err := s.held(ctx, db, id, lead.StatusACCEPTED)
	if err != nil {
		return nil, err
	}
	if _, err := s.deals.Close(ctx, *l.DealID, dealregistration.Status(outcome), orderIDs, note, nil); err != nil {
		return nil, err
	}
	l, err = db.Lead.UpdateOne(l).SetStatus(outcome).SetOutcomeNote(note).SetUpdatedAt(s.now()).Save(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return l, audit.Record(ctx, db, "lead.outcome", "Lead", l.ID, map[string]any{"number": l.Number, "outcome": outcome})
}

// Newest is the order leads are listed in.
var Newest = &ent.LeadOrder{Field: ent.LeadOrderFieldCreatedAt, Direction: entgql.OrderDirectionDesc}

// List is the leads the viewer may see, of dealerID when given, in one of
// statuses when any; list them Newest.
func (s *Service) List(ctx context.Context, dealerID *int, statuses []lead.Status) *ent.LeadQuery {
	q := s.client.Lead.Query()
	if dealerID != nil {
		q.Where(lead.DealerID(*dealerID))
	}
	if len(statuses) > 0 {
		q.Where(lead.StatusIn(statuses...))
	}
	return q
}

// Action is what may be done with a lead next.
type Action string

const (
	AssignAction  Action = "ASSIGN"
	AcceptAction  Action = "ACCEPT"
	DeclineAction Action = "DECLINE"
	WinAction     Action = "WIN"
	LoseAction    Action = "LOSE"
)

// AllowedActions is what the viewer may do with l now.
func (s *Service) AllowedActions(ctx context.Context, l *ent.Lead) []Action {
	out := []Action{}
	v := auth.FromContext(ctx)
	switch {
	case v == nil:
	case staff(v):
		if l.Status == lead.StatusUNASSIGNED || l.Status == lead.StatusOFFERED {
			out = append(out, AssignAction)
		}
	case v.IsDealer() && l.DealerID != nil && *l.DealerID == v.DealerID:
		switch l.Status {
		case lead.StatusOFFERED:
			if s.now().Before(*l.AnswerDueAt) {
				out = append(out, AcceptAction, DeclineAction)
			}
		case lead.StatusACCEPTED:
			out = append(out, WinAction, LoseAction)
		}
	}
	return out
}

// Conversion is a dealer's leads over a period: offered to it, accepted by
// it, and won.
type Conversion struct {
	Offered, Accepted, Won int
}

// Rate is won ÷ offered; nil with none offered.
func (c Conversion) Rate() *float64 {
	if c.Offered == 0 {
		return nil
	}
	r := float64(c.Won) / float64(c.Offered)
	return &r
}

// ConversionOf is dealerID's leads offered in [from, to): every lead
// counted once however often it was offered. The caller read the dealer
// through the viewer's rules.
func (s *Service) ConversionOf(ctx context.Context, dealerID int, from, to time.Time) (Conversion, error) {
	sys := access.Bypass(ctx)
	offers, err := s.client.LeadOffer.Query().
		Where(leadoffer.DealerID(dealerID), leadoffer.OfferedAtGTE(from), leadoffer.OfferedAtLT(to)).
		All(sys)
	if err != nil {
		return Conversion{}, err
	}
	var c Conversion
	leads := map[int]bool{}
	accepted := []int{}
	for _, o := range offers {
		if !leads[o.LeadID] {
			leads[o.LeadID] = true
			c.Offered++
		}
		if o.Answer != nil && *o.Answer == leadoffer.AnswerACCEPTED {
			c.Accepted++
			accepted = append(accepted, o.LeadID)
		}
	}
	if len(accepted) > 0 {
		if c.Won, err = s.client.Lead.Query().Where(lead.IDIn(accepted...), lead.StatusEQ(lead.StatusWON), lead.DealerID(dealerID)).Count(sys); err != nil {
			return Conversion{}, err
		}
	}
	return c, nil
}
