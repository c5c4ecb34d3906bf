package relationship

import (
	"context"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/tx"
)

// Action is what happened to a ticket, and what may happen to it next.
type Action string

const (
	Opened   Action = "OPENED"
	Replied  Action = "REPLIED"
	Closed   Action = "CLOSED"
	Reopened Action = "REOPENED"
)

// TicketInput is a service request as a dealer user opens it.
type TicketInput struct {
	Subject  string
	Body     string
	Category *serviceticket.Category // OTHER when nil
	OrderID  *int                    // an order of the dealer it is about
}

// OpenTicket opens a service request for the viewer's dealer. Dealer users
// open them; staff answer.
func (s *Service) OpenTicket(ctx context.Context, in TicketInput) (*ent.ServiceTicket, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "dealer users open service requests for their dealer; the manufacturer answers them")
	}
	if in.Subject, err = apperr.Text("subject", in.Subject, true, MaxSubject); err != nil {
		return nil, err
	}
	if in.Body, err = apperr.Lines("body", in.Body, true, MaxTicketBody); err != nil {
		return nil, err
	}
	category := serviceticket.CategoryOTHER
	if in.Category != nil {
		if serviceticket.CategoryValidator(*in.Category) != nil {
			return nil, apperr.Invalid("category", "no such category: %q", *in.Category)
		}
		category = *in.Category
	}
	db := tx.Client(ctx, s.client)
	if in.OrderID != nil {
		// Through the viewer's rules, and of its own dealer: a distributor
		// reads its sub-dealers' orders but asks about its own.
		o, err := db.Order.Get(ctx, *in.OrderID)
		if ent.IsNotFound(err) || (err == nil && o.DealerID != v.DealerID) {
			return nil, apperr.Missing("orderID", "your dealer has no such order")
		}
		if err != nil {
			return nil, err
		}
	}
	sys := access.Bypass(ctx)
	d, err := db.Dealer.Get(sys, v.DealerID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	t, err := db.ServiceTicket.Create().
		SetDealerID(d.ID).
		SetNillableOrderID(in.OrderID).
		SetCategory(category).
		SetSubject(in.Subject).
		SetBody(in.Body).
		SetStatus(serviceticket.StatusOPEN).
		SetOpenedAt(now).
		SetOpenedByID(v.UserID).
		SetOpenedByName(v.Name).
		SetLastActivityAt(now).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	// Numbered from the id, like orders: unique without a counter.
	if t, err = t.Update().SetNumber(accounts.DocumentNumber("ST", t.ID)).Save(sys); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "ticket.open", "ServiceTicket", t.ID, map[string]any{
		"number": t.Number, "dealer": d.Code, "category": category, "subject": t.Subject, "orderID": in.OrderID,
	}); err != nil {
		return nil, err
	}
	return t, realtime.Record(ctx, db, realtime.TicketUpdatedEvent(t, d, string(Opened), 0, now))
}

// Reply adds to a ticket's thread. A reply from staff answers it
// (ANSWERED, and the first one is its first response); one from the
// dealer puts it back to OPEN, waiting for staff. A closed ticket takes no
// reply from either side: reopen it first.
func (s *Service) Reply(ctx context.Context, id int, body string) (*ent.ServiceTicket, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if body, err = apperr.Lines("body", body, true, MaxTicketBody); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	t, err := s.lockTicket(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := ticketRefusal(v, t, Replied); err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	now := s.now()
	r, err := db.TicketReply.Create().
		SetTicketID(t.ID).
		SetDealerID(t.DealerID).
		SetAuthorID(v.UserID).
		SetAuthorName(v.Name).
		SetFromStaff(!v.IsDealer()).
		SetBody(body).
		SetAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	u := db.ServiceTicket.UpdateOne(t).SetLastActivityAt(now).AddReplyCount(1).SetUpdatedAt(now)
	if v.IsDealer() {
		u.SetStatus(serviceticket.StatusOPEN)
	} else {
		u.SetStatus(serviceticket.StatusANSWERED)
		if t.FirstResponseAt == nil {
			u.SetFirstResponseAt(now)
		}
	}
	if t, err = u.Save(sys); err != nil {
		return nil, err
	}
	return s.changed(ctx, db, t, Replied, r.ID, now, map[string]any{"number": t.Number, "replyID": r.ID, "fromStaff": r.FromStaff})
}

// Close closes a ticket: the dealer's users or staff, once it is settled.
func (s *Service) Close(ctx context.Context, id int) (*ent.ServiceTicket, error) {
	return s.move(ctx, id, Closed, func(u *ent.ServiceTicketUpdateOne, now time.Time) {
		u.SetStatus(serviceticket.StatusCLOSED).SetClosedAt(now)
	})
}

// Reopen opens a closed ticket again, waiting for staff (OPEN).
func (s *Service) Reopen(ctx context.Context, id int) (*ent.ServiceTicket, error) {
	return s.move(ctx, id, Reopened, func(u *ent.ServiceTicketUpdateOne, _ time.Time) {
		u.SetStatus(serviceticket.StatusOPEN).ClearClosedAt()
	})
}

// move closes or reopens ticket id, as change says, if the viewer may.
func (s *Service) move(ctx context.Context, id int, a Action, change func(*ent.ServiceTicketUpdateOne, time.Time)) (*ent.ServiceTicket, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	t, err := s.lockTicket(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := ticketRefusal(v, t, a); err != nil {
		return nil, err
	}
	now := s.now()
	from := t.Status
	u := db.ServiceTicket.UpdateOne(t).SetLastActivityAt(now).SetUpdatedAt(now)
	change(u, now)
	if t, err = u.Save(access.Bypass(ctx)); err != nil {
		return nil, err
	}
	return s.changed(ctx, db, t, a, 0, now, map[string]any{"number": t.Number, "from": from, "to": t.Status})
}

// changed records the audit entry and the live event of action a on t.
func (s *Service) changed(ctx context.Context, db *ent.Client, t *ent.ServiceTicket, a Action, replyID int, at time.Time, details map[string]any) (*ent.ServiceTicket, error) {
	if err := audit.Record(ctx, db, "ticket."+actionVerb[a], "ServiceTicket", t.ID, details); err != nil {
		return nil, err
	}
	d, err := db.Dealer.Get(access.Bypass(ctx), t.DealerID)
	if err != nil {
		return nil, err
	}
	return t, realtime.Record(ctx, db, realtime.TicketUpdatedEvent(t, d, string(a), replyID, at))
}

var actionVerb = map[Action]string{Opened: "open", Replied: "reply", Closed: "close", Reopened: "reopen"}

// lockTicket reads ticket id as the viewer may (a foreign one is not
// there, like a missing one), then locks its row for the transaction and
// reads it afresh: two changes of one ticket run one after the other, each
// deciding on what the other left, and their events are numbered in the
// order they happened. (SQLite's transactions hold the write lock from
// their start.)
func (s *Service) lockTicket(ctx context.Context, db *ent.Client, id int) (*ent.ServiceTicket, error) {
	if _, err := db.ServiceTicket.Get(ctx, id); ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such ticket")
	} else if err != nil {
		return nil, err
	}
	return db.ServiceTicket.UpdateOneID(id).AddReplyCount(0).Save(access.Bypass(ctx))
}

// ticketRefusal is why v may not do a to ticket t, nil when it may. Staff
// who see the ticket and its own dealer's users act on it (a distributor
// reads its sub-dealers' tickets but leaves them to them); nobody replies
// to a closed ticket, closes it again, or reopens an open one.
func ticketRefusal(v *auth.Viewer, t *ent.ServiceTicket, a Action) error {
	if v.IsDealer() && t.DealerID != v.DealerID {
		return apperr.Errorf(apperr.Forbidden, "ticket %s is another dealer's: its own users and the manufacturer answer it", t.Number)
	}
	closed := t.Status == serviceticket.StatusCLOSED
	switch {
	case a == Replied && closed:
		return invalidMove("ticket %s is closed: reopen it to reply", t.Number)
	case a == Closed && closed:
		return invalidMove("ticket %s is closed already", t.Number)
	case a == Reopened && !closed:
		return invalidMove("ticket %s is %s, not closed: there is nothing to reopen", t.Number, t.Status)
	}
	return nil
}

func invalidMove(format string, args ...any) error {
	e := apperr.Errorf(apperr.InvalidTransition, format, args...)
	e.Field = "id"
	return e
}

// AllowedActions is what the viewer may do with t now: the rule the
// mutations refuse with, so a client offers only what the server accepts.
func AllowedActions(ctx context.Context, t *ent.ServiceTicket) []Action {
	allowed := []Action{}
	v := auth.FromContext(ctx)
	if v == nil {
		return allowed
	}
	for _, a := range []Action{Replied, Closed, Reopened} {
		if ticketRefusal(v, t, a) == nil {
			allowed = append(allowed, a)
		}
	}
	return allowed
}

// MostRecentlyActive is the order tickets are listed in.
var MostRecentlyActive = &ent.ServiceTicketOrder{Field: ent.ServiceTicketOrderFieldLastActivityAt, Direction: entgql.OrderDirectionDesc}

// Tickets are the tickets the viewer may see, of dealerID when given (a
// dealer user's own dealer's when not: see access.ListDealer), in status
// when given; list them MostRecentlyActive.
func (s *Service) Tickets(ctx context.Context, dealerID *int, status *serviceticket.Status) *ent.ServiceTicketQuery {
	q := s.client.ServiceTicket.Query()
	if id := access.ListDealer(ctx, dealerID); id != nil {
		q.Where(serviceticket.DealerID(*id))
	}
	if status != nil {
		q.Where(serviceticket.StatusEQ(*status))
	}
	return q
}
