// Package returns lets a dealer send back goods it received: it asks for a
// return of delivered units of an order (requestReturn), staff approve or
// reject it, and once the goods arrive staff record what was received
// (receiveReturn), which credits the dealer through package accounts at
// the price it was invoiced. Every change is in the request's transaction,
// recorded in the return's history and as a RETURN_UPDATED event.
//
// What may be returned of an order line is what was delivered less what
// is on the line's returns not rejected: the quantity asked for while a
// return is requested or approved, the quantity that arrived once it is
// received.
package returns

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/salesreturn"
	"github.com/dealerline/dealerline/ent/salesreturnline"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/returns/returnstatus"
	"github.com/dealerline/dealerline/stock"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of what one request carries.
const (
	MaxLines = 200
	MaxNote  = 2000
)

// Service requests, decides and receives returns.
type Service struct {
	client   *ent.Client
	accounts *accounts.Service
	postgres bool // locks rows with SELECT … FOR UPDATE (SQLite's transactions hold the write lock)
	now      func() time.Time
}

// NewService returns a Service over client, whose database speaks
// dialectName; credit notes are issued through acc.
func NewService(client *ent.Client, dialectName string, acc *accounts.Service) *Service {
	return &Service{client: client, accounts: acc, postgres: dialectName == dialect.Postgres, now: time.Now}
}

// WithClock returns a copy of s that takes the time from now (and issues
// its credit notes at it): for the demo data and tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	c.accounts = s.accounts.WithClock(now)
	return &c
}

// LineInput is units of one order line to send back.
type LineInput struct {
	OrderLineID int
	Quantity    int
}

// RequestInput is a dealer's request to return goods of one order.
type RequestInput struct {
	OrderID int
	Lines   []LineInput
	Reason  salesreturn.Reason
	Note    string
}

// Request asks for a return of delivered units of one of the viewer's
// dealer's orders. Dealer users ask; never more of a line than was
// delivered less what its other returns not rejected hold.
func (s *Service) Request(ctx context.Context, in RequestInput) (*ent.SalesReturn, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "dealer users ask for returns of their dealer's orders; the manufacturer approves and receives them")
	}
	if in.Note, err = apperr.Lines("note", in.Note, false, MaxNote); err != nil {
		return nil, err
	}
	if salesreturn.ReasonValidator(in.Reason) != nil {
		return nil, apperr.Invalid("reason", "%q is not a reason for a return", in.Reason)
	}
	switch {
	case len(in.Lines) == 0:
		return nil, apperr.Invalid("lines", "name at least one line of the order to return")
	case len(in.Lines) > MaxLines:
		return nil, apperr.Invalid("lines", "at most %d lines per return", MaxLines)
	}
	seen := map[int]int{}
	for i, l := range in.Lines {
		if j, ok := seen[l.OrderLineID]; ok {
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].orderLineID", i), "this order line is already on line %d: put its whole quantity there", j+1)
		}
		seen[l.OrderLineID] = i
		if l.Quantity <= 0 {
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].quantity", i), "a quantity to return is at least 1")
		}
	}

	db := tx.Client(ctx, s.client)
	// Through the viewer's rules, and of its own dealer: a distributor
	// reads its sub-dealers' orders but they return their own goods.
	o, err := db.Order.Get(ctx, in.OrderID)
	if ent.IsNotFound(err) || (err == nil && o.DealerID != v.DealerID) {
		return nil, apperr.Missing("orderID", "your dealer has no such order")
	}
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	// The order's lines, locked: two requests for one order are decided
	// one after the other, each counting what the other asked for.
	q := db.OrderLine.Query().Where(orderline.OrderID(o.ID))
	if s.postgres {
		q.ForUpdate()
	}
	orderLines, err := q.All(sys)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.OrderLine{}
	for _, l := range orderLines {
		byID[l.ID] = l
	}
	held, err := Held(sys, db, orderLines, 0)
	if err != nil {
		return nil, err
	}
	for i, l := range in.Lines {
		ol, ok := byID[l.OrderLineID]
		if !ok {
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].orderLineID", i), "order %s has no such line", o.Number)
		}
		if free := ol.DeliveredQuantity - held[ol.ID]; l.Quantity > free {
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].quantity", i),
				"at most %d of %s may be returned: %d delivered, %d on other returns", max(free, 0), ol.Sku, ol.DeliveredQuantity, held[ol.ID])
		}
	}

	now := s.now()
	r, err := db.SalesReturn.Create().
		SetDealerID(o.DealerID).
		SetOrderID(o.ID).
		SetReason(in.Reason).
		SetNote(in.Note).
		SetRequestedAt(now).
		SetRequestedByID(v.UserID).
		SetRequestedByName(v.Name).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	// Numbered from the id, like orders: unique without a counter.
	if r, err = r.Update().SetNumber(accounts.DocumentNumber("RT", r.ID)).Save(sys); err != nil {
		return nil, err
	}
	creates := make([]*ent.SalesReturnLineCreate, len(in.Lines))
	details := make([]map[string]any, len(in.Lines))
	for i, l := range in.Lines {
		ol := byID[l.OrderLineID]
		creates[i] = db.SalesReturnLine.Create().
			SetReturnID(r.ID).SetDealerID(r.DealerID).SetOrderLineID(ol.ID).
			SetSku(ol.Sku).SetProductName(ol.ProductName).SetQuantity(l.Quantity)
		details[i] = map[string]any{"sku": ol.Sku, "quantity": l.Quantity}
	}
	if err := db.SalesReturnLine.CreateBulk(creates...).Exec(sys); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "return.request", "SalesReturn", r.ID, map[string]any{
		"number": r.Number, "order": o.Number, "reason": r.Reason, "lines": details,
	}); err != nil {
		return nil, err
	}
	return r, s.record(ctx, db, r, nil, v, in.Note, now)
}

// Held is, by order line of lines, the units on returns not rejected (what
// arrived, for a received one), leaving out return except (0 for none).
func Held(ctx context.Context, db *ent.Client, lines []*ent.OrderLine, except int) (map[int]int, error) {
	ids := make([]int, len(lines))
	for i, l := range lines {
		ids[i] = l.ID
	}
	q := db.SalesReturnLine.Query().
		Where(salesreturnline.OrderLineIDIn(ids...),
			salesreturnline.HasSalesReturnWith(salesreturn.StatusNEQ(returnstatus.Rejected)))
	if except != 0 {
		q.Where(salesreturnline.ReturnIDNEQ(except))
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	held := map[int]int{}
	for _, r := range rows {
		if r.ReceivedQuantity != nil {
			held[r.OrderLineID] += *r.ReceivedQuantity
		} else {
			held[r.OrderLineID] += r.Quantity
		}
	}
	return held, nil
}

// Approve accepts a requested return: the dealer may send the goods.
func (s *Service) Approve(ctx context.Context, id int, expectedVersion *int, note string) (*ent.SalesReturn, error) {
	return s.decide(ctx, id, expectedVersion, returnstatus.Approved, note, false)
}

// Reject refuses a requested return, saying why: its units may be asked
// for again.
func (s *Service) Reject(ctx context.Context, id int, expectedVersion *int, note string) (*ent.SalesReturn, error) {
	return s.decide(ctx, id, expectedVersion, returnstatus.Rejected, note, true)
}

func (s *Service) decide(ctx context.Context, id int, expectedVersion *int, to returnstatus.Status, note string, noteRequired bool) (*ent.SalesReturn, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, noteRequired, MaxNote); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	r, err := s.movable(ctx, db, v, id, expectedVersion, to)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if r, err = s.bump(ctx, db, r, func(u *ent.SalesReturnUpdateOne) {
		u.SetStatus(to).SetDecidedAt(now)
	}, now); err != nil {
		return nil, err
	}
	verb := map[returnstatus.Status]string{returnstatus.Approved: "approve", returnstatus.Rejected: "reject"}[to]
	if err := audit.Record(ctx, db, "return."+verb, "SalesReturn", r.ID, map[string]any{"number": r.Number, "note": note}); err != nil {
		return nil, err
	}
	from := returnstatus.Requested
	return r, s.record(ctx, db, r, &from, v, note, now)
}

// ReceivedLine is how many units of a return line arrived.
type ReceivedLine struct {
	ReturnLineID int
	Quantity     int
}

// Receive records the goods of an approved return as they arrived — a
// line not named: none of it — and credits the dealer for them: a credit
// note of kind RETURN per line received, at the line's invoiced price
// (its unit price less its discount), issued by package accounts so that
// it is allocated and shown on the statement like any other.
func (s *Service) Receive(ctx context.Context, id int, expectedVersion *int, lines []ReceivedLine, note string) (*ent.SalesReturn, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, false, MaxNote); err != nil {
		return nil, err
	}
	if len(lines) > MaxLines {
		return nil, apperr.Invalid("lines", "at most %d lines per return", MaxLines)
	}
	db := tx.Client(ctx, s.client)
	r, err := s.movable(ctx, db, v, id, expectedVersion, returnstatus.Received)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	rlines, err := db.SalesReturnLine.Query().
		Where(salesreturnline.ReturnID(r.ID)).
		WithOrderLine().
		Order(ent.Asc(salesreturnline.FieldID)).
		All(sys)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.SalesReturnLine{}
	for _, l := range rlines {
		byID[l.ID] = l
	}
	received := map[int]int{}
	for i, l := range lines {
		rl, ok := byID[l.ReturnLineID]
		switch {
		case !ok:
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].returnLineID", i), "return %s has no such line", r.Number)
		case func() bool { _, dup := received[rl.ID]; return dup }():
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].returnLineID", i), "this return line is named twice")
		case l.Quantity < 0 || l.Quantity > rl.Quantity:
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].quantity", i), "between 0 and the %d approved of %s", rl.Quantity, rl.Sku)
		}
		received[rl.ID] = l.Quantity
	}

	now := s.now()
	var credited int64
	var details []map[string]any
	for _, rl := range rlines {
		q := received[rl.ID]
		u := db.SalesReturnLine.UpdateOne(rl).SetReceivedQuantity(q)
		ol := rl.Edges.OrderLine
		amount, ok := ordering.LineAmount(q, ol.UnitPrice, ol.DiscountBasisPoints)
		if !ok || amount > money.Max {
			return nil, apperr.Invalid("lines", "the credit for %s is more than an amount can be", rl.Sku)
		}
		if amount > 0 {
			cn, err := s.accounts.WithClock(func() time.Time { return now }).IssueCreditNote(ctx, accounts.CreditNoteInput{
				DealerID:  r.DealerID,
				Amount:    amount,
				Reason:    creditReason(r, rl, q, ol),
				Kind:      creditnote.KindRETURN,
				ProductID: productOf(ol),
			})
			if err != nil {
				return nil, err
			}
			u.SetCreditNoteID(cn.ID)
			credited += amount
		}
		if err := u.Exec(sys); err != nil {
			return nil, err
		}
		// Received goods go back on hand.
		if id := productOf(ol); id != nil {
			if err := stock.Receive(ctx, db, *id, q); err != nil {
				return nil, err
			}
		}
		details = append(details, map[string]any{"sku": rl.Sku, "approved": rl.Quantity, "received": q, "credit": amount})
	}
	if r, err = s.bump(ctx, db, r, func(u *ent.SalesReturnUpdateOne) {
		u.SetStatus(returnstatus.Received).SetReceivedAt(now).SetCreditedAmount(credited)
	}, now); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "return.receive", "SalesReturn", r.ID, map[string]any{
		"number": r.Number, "lines": details, "credited": credited, "note": note,
	}); err != nil {
		return nil, err
	}
	from := returnstatus.Approved
	return r, s.record(ctx, db, r, &from, v, note, now)
}

// productOf is the product of an order line, nil when it has none.
func productOf(ol *ent.OrderLine) *int {
	if ol.ProductID == 0 {
		return nil
	}
	id := ol.ProductID
	return &id
}

// creditReason is what a return's credit note says it is for.
func creditReason(r *ent.SalesReturn, rl *ent.SalesReturnLine, q int, ol *ent.OrderLine) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Return %s: %d × %s %s at %s", r.Number, q, rl.Sku, rl.ProductName, money.Format(ol.UnitPrice))
	if ol.DiscountBasisPoints > 0 {
		fmt.Fprintf(&b, " less %s%%", money.Format(int64(ol.DiscountBasisPoints)))
	}
	return b.String()
}

// movable is return id, read as the viewer may (a foreign one answers as a
// missing one), when v may move it to `to`: staff who see its dealer, at
// the version expected, from a status the machine allows.
func (s *Service) movable(ctx context.Context, db *ent.Client, v *auth.Viewer, id int, expectedVersion *int, to returnstatus.Status) (*ent.SalesReturn, error) {
	r, err := db.SalesReturn.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such return")
	}
	if err != nil {
		return nil, err
	}
	if err := refusal(v, r, to); err != nil {
		return nil, err
	}
	if expectedVersion != nil && *expectedVersion != r.Version {
		return nil, apperr.Errorf(apperr.Conflict, "return %s changed since you read it (version %d, now %d): reload it", r.Number, *expectedVersion, r.Version)
	}
	return r, nil
}

// refusal is why v may not move r to `to`, nil when it may: the rule the
// mutations refuse with and AllowedActions offers.
func refusal(v *auth.Viewer, r *ent.SalesReturn, to returnstatus.Status) error {
	if v.IsDealer() {
		return apperr.Errorf(apperr.Forbidden, "the manufacturer approves, rejects and receives returns")
	}
	if !returnstatus.CanMove(r.Status, to) {
		e := apperr.Errorf(apperr.InvalidTransition, "return %s is %s: it cannot become %s", r.Number, r.Status, to)
		e.Field = "id"
		return e
	}
	return nil
}

// bump applies a change to r only if nobody changed it since it was read:
// the update matches its version, so it also takes the row lock that keeps
// two changes of one return from interleaving.
func (s *Service) bump(ctx context.Context, db *ent.Client, r *ent.SalesReturn, change func(*ent.SalesReturnUpdateOne), now time.Time) (*ent.SalesReturn, error) {
	u := db.SalesReturn.UpdateOne(r).Where(salesreturn.Version(r.Version)).AddVersion(1).SetUpdatedAt(now)
	change(u)
	updated, err := u.Save(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.Conflict, "return %s was changed at the same time: reload it", r.Number)
	}
	return updated, err
}

// record writes the history entry of r's move from `from` (nil: the
// request) to its status, and its RETURN_UPDATED event.
func (s *Service) record(ctx context.Context, db *ent.Client, r *ent.SalesReturn, from *returnstatus.Status, v *auth.Viewer, note string, at time.Time) error {
	sys := access.Bypass(ctx)
	h, err := db.SalesReturnEvent.Create().
		SetReturnID(r.ID).
		SetDealerID(r.DealerID).
		SetNillableFrom(from).
		SetTo(r.Status).
		SetActorID(v.UserID).
		SetActorName(v.Name).
		SetAt(at).
		SetNote(note).
		Save(sys)
	if err != nil {
		return err
	}
	d, err := db.Dealer.Get(sys, r.DealerID)
	if err != nil {
		return err
	}
	return realtime.Record(ctx, db, realtime.ReturnUpdatedEvent(r, d, h))
}

// Action is what may be done with a return next.
type Action string

const (
	Approve Action = "APPROVE"
	Reject  Action = "REJECT"
	Receive Action = "RECEIVE"
)

var actionTo = map[Action]returnstatus.Status{Approve: returnstatus.Approved, Reject: returnstatus.Rejected, Receive: returnstatus.Received}

// AllowedActions is what the viewer may do with r now.
func AllowedActions(ctx context.Context, r *ent.SalesReturn) []Action {
	allowed := []Action{}
	v := auth.FromContext(ctx)
	if v == nil {
		return allowed
	}
	for _, a := range []Action{Approve, Reject, Receive} {
		if refusal(v, r, actionTo[a]) == nil {
			allowed = append(allowed, a)
		}
	}
	return allowed
}

// Newest is the order returns are listed in.
var Newest = &ent.SalesReturnOrder{Field: ent.SalesReturnOrderFieldRequestedAt, Direction: entgql.OrderDirectionDesc}

// List is the returns the viewer may see, of dealerID when given (a
// dealer user's own dealer's when not: see access.ListDealer), of orderID
// when given, in one of statuses when any; list them Newest.
func (s *Service) List(ctx context.Context, dealerID, orderID *int, statuses []returnstatus.Status) *ent.SalesReturnQuery {
	q := s.client.SalesReturn.Query()
	if id := access.ListDealer(ctx, dealerID); id != nil && orderID == nil {
		q.Where(salesreturn.DealerID(*id))
	}
	if orderID != nil {
		q.Where(salesreturn.OrderID(*orderID))
	}
	if len(statuses) > 0 {
		q.Where(salesreturn.StatusIn(statuses...))
	}
	return q
}

// Returnable is how many units of each of lines may still be returned:
// delivered less what returns not rejected hold. Read below privacy: the
// caller read the lines through the viewer's.
func (s *Service) Returnable(ctx context.Context, lines []*ent.OrderLine) (map[int]int, error) {
	held, err := Held(access.Bypass(ctx), s.client, lines, 0)
	if err != nil {
		return nil, err
	}
	out := make(map[int]int, len(lines))
	for _, l := range lines {
		out[l.ID] = max(l.DeliveredQuantity-held[l.ID], 0)
	}
	return out, nil
}
