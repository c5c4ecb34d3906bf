// Package funds runs marketing-development (co-op) funds: staff open a
// fund of one program and period for an audience of dealers, each of which
// gets a budget — a fixed amount or a share of its net invoiced sales of
// the period; a dealer claims marketing spend against its budget with
// proof; staff approve a claim in full or in part, which pays it at once
// by a credit note of kind MARKETING_FUND through package accounts, or
// reject it saying why.
//
// What is left of a budget is the budget less what was approved less what
// is claimed and not yet decided: a claim never takes more than is left.
// Every claim and decision first bumps its budget's row, so two at once on
// one budget are decided one after the other, each counting the other.
package funds

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/fundbudget"
	"github.com/dealerline/dealerline/ent/fundclaim"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/marketingfund"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of what one request carries.
const (
	MaxDescription = 2000
	MaxAttachments = 10
	MaxAttachment  = 500
)

// Service opens funds and takes and decides claims.
type Service struct {
	client   *ent.Client
	accounts *accounts.Service
	location *time.Location
	now      func() time.Time
}

// NewService returns a Service over client paying claims through acc, in
// the business time zone location.
func NewService(client *ent.Client, acc *accounts.Service, location *time.Location) *Service {
	return &Service{client: client, accounts: acc, location: location, now: time.Now}
}

// WithClock returns a copy of s that takes the time from now: for the demo
// data and tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	c.accounts = s.accounts.WithClock(now)
	return &c
}

// FundInput opens a fund.
type FundInput struct {
	Name        string
	Description string
	Period      period.Period
	Kind        marketingfund.BudgetKind
	// Per dealer, for AMOUNT.
	Amount *int64
	// Of net invoiced sales, for SHARE_OF_NET_INVOICED: 1 to 10000.
	BasisPoints *int
	Audience    audience.Audience
}

// Open opens a fund of a program and period and gives each dealer of its
// audience, as it is now, a budget. Staff open funds for audiences they
// may address (audience.Check).
func (s *Service) Open(ctx context.Context, in FundInput) (*ent.MarketingFund, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "the manufacturer opens marketing funds")
	}
	if in.Name, err = apperr.Text("name", in.Name, true, 200); err != nil {
		return nil, err
	}
	if in.Description, err = apperr.Lines("description", in.Description, false, 10000); err != nil {
		return nil, err
	}
	if in.Period.IsZero() {
		return nil, apperr.Invalid("period", "name the fund's period, e.g. 2026-Q3")
	}
	switch in.Kind {
	case marketingfund.BudgetKindAMOUNT:
		if in.Amount == nil || *in.Amount <= 0 || *in.Amount > money.Max {
			return nil, apperr.Invalid("budgetAmount", "a budget of an amount is more than 0 and at most %s", money.Format(money.Max))
		}
		if in.BasisPoints != nil {
			return nil, apperr.Invalid("budgetBasisPoints", "a budget of an amount has no share")
		}
	case marketingfund.BudgetKindSHARE_OF_NET_INVOICED:
		if in.BasisPoints == nil || *in.BasisPoints < 1 || *in.BasisPoints > 10000 {
			return nil, apperr.Invalid("budgetBasisPoints", "a share is 1 to 10000 basis points (0.01 %% to 100 %%)")
		}
		if in.Amount != nil {
			return nil, apperr.Invalid("budgetAmount", "a budget of a share has no amount")
		}
	default:
		return nil, apperr.Invalid("budgetKind", "%q is not a kind of budget", in.Kind)
	}
	db := tx.Client(ctx, s.client)
	if err := in.Audience.Check(ctx, db, v, "marketing fund"); err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	if n, err := db.MarketingFund.Query().Where(marketingfund.Name(in.Name), marketingfund.PeriodEQ(in.Period)).Count(sys); err != nil {
		return nil, err
	} else if n > 0 {
		e := apperr.Errorf(apperr.Conflict, "there is a fund %q for %s already", in.Name, in.Period)
		e.Field = "name"
		return nil, e
	}
	// The dealers of the audience the viewer sees (a manager: its own).
	dealers, err := db.Dealer.Query().Where(in.Audience.Dealers()).IDs(ctx)
	if err != nil {
		return nil, err
	}
	if len(dealers) == 0 {
		return nil, apperr.Invalid("audience", "no dealer is in this audience")
	}
	now := s.now()
	f, err := db.MarketingFund.Create().
		SetName(in.Name).
		SetDescription(in.Description).
		SetPeriod(in.Period).
		SetBudgetKind(in.Kind).
		SetNillableBudgetAmount(in.Amount).
		SetNillableBudgetBasisPoints(in.BasisPoints).
		SetPublishedAt(now).
		SetPublishedByID(v.UserID).
		SetPublishedByName(v.Name).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	creates := make([]*ent.FundBudgetCreate, len(dealers))
	for i, id := range dealers {
		creates[i] = db.FundBudget.Create().SetFundID(f.ID).SetDealerID(id)
	}
	if err := db.FundBudget.CreateBulk(creates...).Exec(sys); err != nil {
		return nil, err
	}
	return f, audit.Record(ctx, db, "marketing_fund.open", "MarketingFund", f.ID, map[string]any{
		"name": f.Name, "period": f.Period.String(), "kind": f.BudgetKind, "amount": in.Amount,
		"basisPoints": in.BasisPoints, "audience": in.Audience.Snapshot(), "dealers": len(dealers),
	})
}

// Figures are a budget's sums now.
type Figures struct {
	// The dealer's budget: the fund's amount, or its share of NetInvoiced.
	Budget int64
	// Net invoiced sales of the fund's period so far (SHARE_OF_NET_INVOICED
	// only): invoices less CORRECTION and RETURN credit notes.
	NetInvoiced *int64
	// Approved (and paid) claims, and claims not yet decided.
	Approved, Pending int64
	// Budget − Approved − Pending, never below 0.
	Remaining int64
}

// figures are the sums of budget b of fund f, leaving out claim except
// (0: none). Read below privacy: the caller read b through the viewer.
func figures(ctx context.Context, db *ent.Client, f *ent.MarketingFund, b *ent.FundBudget, except int) (*Figures, error) {
	sys := access.Bypass(ctx)
	out := &Figures{}
	var c money.Checked
	if f.BudgetKind == marketingfund.BudgetKindAMOUNT {
		out.Budget = *f.BudgetAmount
	} else {
		net, err := NetInvoiced(sys, db, b.DealerID, f.Period)
		if err != nil {
			return nil, err
		}
		out.NetInvoiced = &net
		out.Budget = max(share(net, *f.BudgetBasisPoints), 0)
	}
	q := db.FundClaim.Query().Where(fundclaim.BudgetID(b.ID), fundclaim.StatusNEQ(fundclaim.StatusREJECTED))
	if except != 0 {
		q.Where(fundclaim.IDNEQ(except))
	}
	claims, err := q.All(sys)
	if err != nil {
		return nil, err
	}
	for _, cl := range claims {
		if cl.Status == fundclaim.StatusSUBMITTED {
			c.Add(&out.Pending, cl.Amount)
		} else if cl.ApprovedAmount != nil {
			c.Add(&out.Approved, *cl.ApprovedAmount)
		}
	}
	out.Remaining = out.Budget
	c.Sub(&out.Remaining, out.Approved)
	c.Sub(&out.Remaining, out.Pending)
	if c.Err != nil {
		return nil, c.Err
	}
	out.Remaining = max(out.Remaining, 0)
	return out, nil
}

// share is bp basis points of amount, rounded half-up.
func share(amount int64, bp int) int64 {
	if amount <= 0 {
		return 0
	}
	// amount ≤ money.Max and bp ≤ 10000 cannot overflow: money.Max is far
	// below MaxInt64 / 10000.
	return (amount*int64(bp) + 5000) / 10000
}

// NetInvoiced is a dealer's invoices issued in q less its CORRECTION and
// RETURN credit notes issued in it: the basis of a share of net invoiced
// sales, as rebate programs count it (over every product).
func NetInvoiced(ctx context.Context, db *ent.Client, dealerID int, q period.Period) (int64, error) {
	invoices, err := db.Invoice.Query().
		Where(invoice.DealerID(dealerID), invoice.IssuedOnGTE(q.Start()), invoice.IssuedOnLT(q.End())).
		All(ctx)
	if err != nil {
		return 0, err
	}
	credits, err := db.CreditNote.Query().
		Where(creditnote.DealerID(dealerID), creditnote.IssuedOnGTE(q.Start()), creditnote.IssuedOnLT(q.End()),
			creditnote.KindIn(creditnote.KindCORRECTION, creditnote.KindRETURN)).
		All(ctx)
	if err != nil {
		return 0, err
	}
	var c money.Checked
	var net int64
	for _, inv := range invoices {
		c.Add(&net, inv.Amount)
	}
	for _, cn := range credits {
		c.Sub(&net, cn.Amount)
	}
	return net, c.Err
}

// BudgetFigures is the figures of budget b, which the caller read through
// the viewer.
func (s *Service) BudgetFigures(ctx context.Context, b *ent.FundBudget) (*Figures, error) {
	db := tx.Client(ctx, s.client)
	f, err := db.MarketingFund.Get(access.Bypass(ctx), b.FundID)
	if err != nil {
		return nil, err
	}
	return figures(ctx, db, f, b, 0)
}

// ClaimInput is marketing spend claimed against a budget.
type ClaimInput struct {
	BudgetID    int
	Activity    string
	ActivityOn  time.Time
	Amount      int64
	Description string
	Attachments []string
}

// Claim claims spend against a budget of the viewer's dealer, never more
// than what is left of it. Dealer users claim.
func (s *Service) Claim(ctx context.Context, in ClaimInput) (*ent.FundClaim, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "dealer users claim their marketing spend; the manufacturer decides claims")
	}
	if in.Activity, err = apperr.Text("activity", in.Activity, true, 200); err != nil {
		return nil, err
	}
	if in.Description, err = apperr.Lines("description", in.Description, false, MaxDescription); err != nil {
		return nil, err
	}
	if len(in.Attachments) > MaxAttachments {
		return nil, apperr.Invalid("attachments", "at most %d attachments per claim", MaxAttachments)
	}
	for i, a := range in.Attachments {
		if in.Attachments[i], err = apperr.Text(fmt.Sprintf("attachments[%d]", i), a, true, MaxAttachment); err != nil {
			return nil, err
		}
	}
	if in.Amount <= 0 || in.Amount > money.Max {
		return nil, apperr.Invalid("amount", "a claim is for more than 0")
	}
	if in.ActivityOn.IsZero() {
		return nil, apperr.Invalid("activityOn", "give the date of the activity")
	}
	db := tx.Client(ctx, s.client)
	// Through the viewer's rules, and of its own dealer: a distributor
	// sees its sub-dealers' budgets but they claim their own spend.
	b, err := db.FundBudget.Get(ctx, in.BudgetID)
	if ent.IsNotFound(err) || (err == nil && b.DealerID != v.DealerID) {
		return nil, apperr.Missing("budgetID", "your dealer has no such budget")
	}
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	f, err := db.MarketingFund.Get(sys, b.FundID)
	if err != nil {
		return nil, err
	}
	day := accounts.BusinessDate(in.ActivityOn, time.UTC)
	today := accounts.BusinessDate(s.now(), s.location)
	switch {
	case !f.Period.Contains(day):
		return nil, apperr.Invalid("activityOn", "the fund %s is for activities of %s", f.Name, f.Period)
	case day.After(today):
		return nil, apperr.Invalid("activityOn", "claim an activity once it has happened")
	}
	if err := lock(ctx, db, b); err != nil {
		return nil, err
	}
	fig, err := figures(ctx, db, f, b, 0)
	if err != nil {
		return nil, err
	}
	if in.Amount > fig.Remaining {
		return nil, apperr.Invalid("amount", "%s is left of your budget in %s (%s approved, %s claimed and not yet decided): claim at most that",
			money.Format(fig.Remaining), f.Name, money.Format(fig.Approved), money.Format(fig.Pending))
	}
	now := s.now()
	c, err := db.FundClaim.Create().
		SetBudgetID(b.ID).
		SetFundID(f.ID).
		SetDealerID(b.DealerID).
		SetActivity(in.Activity).
		SetActivityOn(day).
		SetAmount(in.Amount).
		SetDescription(in.Description).
		SetAttachments(in.Attachments).
		SetSubmittedAt(now).
		SetSubmittedByID(v.UserID).
		SetSubmittedByName(v.Name).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if c, err = c.Update().SetNumber(accounts.DocumentNumber("MF", c.ID)).Save(sys); err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, db, "fund_claim.submit", "FundClaim", c.ID, map[string]any{
		"number": c.Number, "fund": f.Name, "period": f.Period.String(), "activity": c.Activity,
		"activityOn": day.Format(time.DateOnly), "amount": c.Amount, "attachments": len(in.Attachments),
	})
}

// lock bumps b's row: in PostgreSQL the update holds the row until commit,
// so a second claim or decision on b waits and then reads the first's; in
// SQLite the transaction holds the write lock already.
func lock(ctx context.Context, db *ent.Client, b *ent.FundBudget) error {
	return db.FundBudget.UpdateOneID(b.ID).AddClaims(1).Exec(access.Bypass(ctx))
}

// Approve approves a submitted claim, for its amount or (amount given)
// less, saying why when less, and pays what was approved by a credit note
// of kind MARKETING_FUND.
func (s *Service) Approve(ctx context.Context, id int, expectedVersion *int, amount *int64, note string) (*ent.FundClaim, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	c, err := s.decidable(ctx, db, v, id, expectedVersion)
	if err != nil {
		return nil, err
	}
	approved := c.Amount
	if amount != nil {
		approved = *amount
	}
	if approved <= 0 || approved > c.Amount {
		return nil, apperr.Invalid("amount", "approve more than 0 and at most the %s claimed; reject a claim to pay nothing", money.Format(c.Amount))
	}
	partial := approved < c.Amount
	if note, err = apperr.Lines("note", note, partial, MaxDescription); err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	b, err := db.FundBudget.Get(sys, c.BudgetID)
	if err != nil {
		return nil, err
	}
	f, err := db.MarketingFund.Get(sys, c.FundID)
	if err != nil {
		return nil, err
	}
	if err := lock(ctx, db, b); err != nil {
		return nil, err
	}
	// A share of net invoiced sales shrinks when sales are corrected:
	// never pay past the budget.
	fig, err := figures(ctx, db, f, b, c.ID)
	if err != nil {
		return nil, err
	}
	if approved > fig.Remaining {
		return nil, apperr.Invalid("amount", "%s is left of the budget of %s in %s: approve at most that", money.Format(fig.Remaining), c.Number, f.Name)
	}
	now := s.now()
	cn, err := s.accounts.WithClock(func() time.Time { return now }).IssueCreditNote(ctx, accounts.CreditNoteInput{
		DealerID: c.DealerID,
		Amount:   approved,
		Reason:   creditReason(f, c, approved),
		Kind:     creditnote.KindMARKETING_FUND,
	})
	if err != nil {
		return nil, err
	}
	status := fundclaim.StatusAPPROVED
	if partial {
		status = fundclaim.StatusPARTIALLY_APPROVED
	}
	if c, err = bump(ctx, db, c, func(u *ent.FundClaimUpdateOne) {
		u.SetStatus(status).SetApprovedAmount(approved).SetDecisionNote(note).
			SetDecidedAt(now).SetDecidedByName(v.Name).SetCreditNoteID(cn.ID)
	}, now); err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, db, "fund_claim.approve", "FundClaim", c.ID, map[string]any{
		"number": c.Number, "approved": approved, "claimed": c.Amount, "creditNote": cn.Number, "note": note,
	})
}

// Reject refuses a submitted claim, saying why: its amount is free again.
func (s *Service) Reject(ctx context.Context, id int, expectedVersion *int, note string) (*ent.FundClaim, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	c, err := s.decidable(ctx, db, v, id, expectedVersion)
	if err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, true, MaxDescription); err != nil {
		return nil, err
	}
	now := s.now()
	if c, err = bump(ctx, db, c, func(u *ent.FundClaimUpdateOne) {
		u.SetStatus(fundclaim.StatusREJECTED).SetDecisionNote(note).SetDecidedAt(now).SetDecidedByName(v.Name)
	}, now); err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, db, "fund_claim.reject", "FundClaim", c.ID, map[string]any{"number": c.Number, "note": note})
}

func creditReason(f *ent.MarketingFund, c *ent.FundClaim, approved int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Marketing fund %s %s, claim %s: %s", f.Name, f.Period, c.Number, c.Activity)
	if approved < c.Amount {
		fmt.Fprintf(&b, " (%s of %s claimed)", money.Format(approved), money.Format(c.Amount))
	}
	return b.String()
}

// decidable is claim id, read as the viewer may (a foreign one answers as
// a missing one), when v may decide it now.
func (s *Service) decidable(ctx context.Context, db *ent.Client, v *auth.Viewer, id int, expectedVersion *int) (*ent.FundClaim, error) {
	c, err := db.FundClaim.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such claim")
	}
	if err != nil {
		return nil, err
	}
	if err := refusal(v, c); err != nil {
		return nil, err
	}
	if expectedVersion != nil && *expectedVersion != c.Version {
		return nil, apperr.Errorf(apperr.Conflict, "claim %s changed since you read it (version %d, now %d): reload it", c.Number, *expectedVersion, c.Version)
	}
	return c, nil
}

// refusal is why v may not decide c, nil when it may.
func refusal(v *auth.Viewer, c *ent.FundClaim) error {
	if v.IsDealer() {
		return apperr.Errorf(apperr.Forbidden, "the manufacturer approves and rejects claims")
	}
	if c.Status != fundclaim.StatusSUBMITTED {
		e := apperr.Errorf(apperr.InvalidTransition, "claim %s is %s already", c.Number, c.Status)
		e.Field = "id"
		return e
	}
	return nil
}

// bump applies a change to c only if nobody changed it since it was read.
func bump(ctx context.Context, db *ent.Client, c *ent.FundClaim, change func(*ent.FundClaimUpdateOne), now time.Time) (*ent.FundClaim, error) {
	u := db.FundClaim.UpdateOne(c).Where(fundclaim.Version(c.Version)).AddVersion(1).SetUpdatedAt(now)
	change(u)
	updated, err := u.Save(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.Conflict, "claim %s was decided at the same time: reload it", c.Number)
	}
	return updated, err
}

// Action is what may be done with a claim next.
type Action string

const (
	Approve Action = "APPROVE"
	Reject  Action = "REJECT"
)

// AllowedActions is what the viewer may do with c now.
func AllowedActions(ctx context.Context, c *ent.FundClaim) []Action {
	v := auth.FromContext(ctx)
	if v == nil || refusal(v, c) != nil {
		return []Action{}
	}
	return []Action{Approve, Reject}
}

// Newest is the order claims are listed in.
var Newest = &ent.FundClaimOrder{Field: ent.FundClaimOrderFieldSubmittedAt, Direction: entgql.OrderDirectionDesc}

// Claims is the claims the viewer may see, of dealerID when given (a
// dealer user's own dealer's when not), of fundID when given, in one of
// statuses when any.
func (s *Service) Claims(ctx context.Context, dealerID, fundID *int, statuses []fundclaim.Status) *ent.FundClaimQuery {
	q := s.client.FundClaim.Query()
	if id := access.ListDealer(ctx, dealerID); id != nil {
		q.Where(fundclaim.DealerID(*id))
	}
	if fundID != nil {
		q.Where(fundclaim.FundID(*fundID))
	}
	if len(statuses) > 0 {
		q.Where(fundclaim.StatusIn(statuses...))
	}
	return q
}

// Budgets is the budgets the viewer may see, of dealerID when given (a
// dealer user's own dealer's when not), of fundID when given.
func (s *Service) Budgets(ctx context.Context, dealerID, fundID *int) *ent.FundBudgetQuery {
	q := s.client.FundBudget.Query()
	if id := access.ListDealer(ctx, dealerID); id != nil {
		q.Where(fundbudget.DealerID(*id))
	}
	if fundID != nil {
		q.Where(fundbudget.FundID(*fundID))
	}
	return q
}

// Funds is the funds the viewer may see, of period when given, newest
// period first.
func (s *Service) Funds(ctx context.Context, p *period.Period) *ent.MarketingFundQuery {
	q := s.client.MarketingFund.Query()
	if p != nil {
		q.Where(marketingfund.PeriodEQ(*p))
	}
	return q
}
