// Package timeline is one dealer's history, newest first, across the tables
// that record it: orders and their status changes, deliveries, the account,
// announcements, policies, service tickets, returns, the conflict cases it
// is a party to, the changes of its status and (for the manufacturer's staff)
// interactions and follow-ups.
//
// A page is one statement: a UNION ALL with a branch per source, each
// ordered and limited by its (dealer, time) index, so its cost follows the
// page size and not the dealer's history; the total is one more. Entries
// are ordered by (at, id) — ids are unique across tables — so a cursor is a
// place in that order, and entries written meanwhile never shift a page.
// The subjects are then loaded through the viewer's privacy rules, one
// statement per kind on the page.
package timeline

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/announcement"
	"github.com/dealerline/dealerline/ent/channelpolicy"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/conflictevent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/dealerstatuschange"
	"github.com/dealerline/dealerline/ent/deliveryevent"
	"github.com/dealerline/dealerline/ent/followup"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/invoicedispute"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/ent/policyacknowledgement"
	"github.com/dealerline/dealerline/ent/policyversion"
	"github.com/dealerline/dealerline/ent/salesreturn"
	"github.com/dealerline/dealerline/ent/salesreturnevent"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/ent/ticketreply"
	"github.com/dealerline/dealerline/ent/user"
)

// Kind is what an entry records (GraphQL's TimelineKind).
type Kind string

// The kinds of entries.
const (
	OrderPlaced  Kind = "ORDER_PLACED"
	OrderStatus  Kind = "ORDER_STATUS"
	Shipment     Kind = "SHIPMENT"
	Invoice      Kind = "INVOICE"
	Payment      Kind = "PAYMENT"
	CreditNote   Kind = "CREDIT_NOTE"
	Announcement Kind = "ANNOUNCEMENT"
	Ticket       Kind = "TICKET"
	Interaction  Kind = "INTERACTION"
	FollowUp     Kind = "FOLLOW_UP"
	Policy       Kind = "POLICY"
	ConflictCase Kind = "CONFLICT_CASE"
	Return       Kind = "RETURN"
	Dispute      Kind = "DISPUTE"
	DealerStatus Kind = "DEALER_STATUS"
)

// Actions of the kinds that have several (the others: the order status
// reached, the shipment status, the interaction's kind).
const (
	Published = "PUBLISHED"
	Read      = "READ"
	Opened    = "OPENED"
	Replied   = "REPLIED"
	Done      = "DONE"
	// A policy's: Published, and these.
	Amended      = "AMENDED"
	Withdrawn    = "WITHDRAWN"
	Acknowledged = "ACKNOWLEDGED"
)

// Page sizes.
const (
	DefaultFirst = 50
	MaxFirst     = 100
)

// Entry is one thing that happened with the dealer.
type Entry struct {
	// ID is the id of the row that records it (unique across tables): an
	// order, an order event, a read receipt, a reply.
	ID     int
	Kind   Kind
	At     time.Time
	Action string // "" for none
	// Subject is what the entry is about, loaded through the viewer's
	// privacy: the order, the event, the announcement read, the ticket.
	Subject ent.Noder
}

// Cursor is the place of an entry in the timeline's order.
type Cursor struct {
	At time.Time
	ID int
}

// Cursor returns the place of e, to page on from.
func (e Entry) Cursor() Cursor { return Cursor{At: e.At, ID: e.ID} }

// Relay is c as the API's other cursors are (entgql's), so the same
// argument checks accept it.
func (c Cursor) Relay() *entgql.Cursor[int] {
	return &entgql.Cursor[int]{ID: c.ID, Value: c.At.UTC().Format(time.RFC3339Nano)}
}

// String is c as the text an edge's cursor is.
func (c Cursor) String() string {
	var b bytes.Buffer
	c.Relay().MarshalGQL(&b)
	return strings.Trim(b.String(), `"`)
}

// ParseCursor decodes a cursor String gave out; any other text is
// INVALID_INPUT on after.
func ParseCursor(s string) (*Cursor, error) {
	var c entgql.Cursor[int]
	bad := apperr.Invalid("after", "after is not a cursor of this timeline; pass an edge's cursor or pageInfo's endCursor")
	if err := c.UnmarshalGQL(s); err != nil {
		return nil, bad
	}
	v, ok := c.Value.(string)
	if !ok {
		return nil, bad
	}
	at, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return nil, bad
	}
	return &Cursor{At: at.UTC(), ID: c.ID}, nil
}

// Query asks for a page of a timeline.
type Query struct {
	First int     // 1 to MaxFirst
	After *Cursor // nil for the newest
	Kinds []Kind  // nil or empty for every kind
}

// Page is a page of a timeline.
type Page struct {
	Entries []Entry
	HasNext bool
	Total   int // of the whole timeline, of the kinds asked
}

// Service reads timelines.
type Service struct {
	client  *ent.Client
	dialect string
}

// NewService returns a Service over client, whose database speaks dialect
// (dialect.SQLite or dialect.Postgres).
func NewService(client *ent.Client, dialectName string) *Service {
	return &Service{client: client, dialect: dialectName}
}

// Page returns a page of the timeline of d, which the caller loaded through
// the viewer's privacy rules (a dealer the viewer may not see has no
// timeline to ask for). Interactions and follow-ups are the
// manufacturer's internal records: a dealer user never gets them.
//
// Announcements are what reached the dealer's own users: published to an
// audience that includes it, and read by them. A distributor looking at a
// sub-dealer gets none of those: it may read neither the sub-dealer's
// announcements (their audience is not its own) nor its users' receipts.
// Staff get those they may read themselves.
func (s *Service) Page(ctx context.Context, d *ent.Dealer, q Query) (*Page, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if q.First < 1 || q.First > MaxFirst {
		return nil, apperr.Invalid("first", "first must be between 1 and %d", MaxFirst)
	}
	kinds := s.kinds(v, d, q.Kinds)
	if len(kinds) == 0 {
		return &Page{}, nil
	}
	var audience, policies func(*entsql.Selector)
	if slices.Contains(kinds, Announcement) || slices.Contains(kinds, Policy) {
		territories, err := s.client.Dealer.QueryTerritories(d).IDs(ctx)
		if err != nil {
			return nil, err
		}
		if slices.Contains(kinds, Announcement) {
			audience = s.audience(v, d, territories)
		}
		if slices.Contains(kinds, Policy) {
			policies = s.policies(v, d, territories)
		}
	}
	staff := v.IsAdmin() || v.IsManager()
	branches := sources(s.dialect, d.ID, kinds, audience, policies, staff)

	// The page, and first+1 to know whether there is more.
	page := &Page{}
	rows, err := s.page(ctx, branches, q.After, q.First+1)
	if err != nil {
		return nil, err
	}
	if len(rows) > q.First {
		rows, page.HasNext = rows[:q.First], true
	}
	if page.Total, err = s.count(ctx, branches); err != nil {
		return nil, err
	}
	if page.Entries, err = s.subjects(ctx, rows); err != nil {
		return nil, err
	}
	return page, nil
}

// kinds is which kinds of entries the viewer gets of d's timeline: those
// asked (all when none), less the internal ones for dealer users and the
// announcements, policies and conflict cases of another dealer (a
// distributor does not read its sub-dealers' disputes: access.ConflictCases).
func (s *Service) kinds(v *auth.Viewer, d *ent.Dealer, asked []Kind) []Kind {
	all := []Kind{OrderPlaced, OrderStatus, Shipment, Invoice, Payment, CreditNote, Announcement, Policy, Ticket, Return, Dispute, DealerStatus, Interaction, FollowUp, ConflictCase}
	staff := v.IsAdmin() || v.IsManager()
	var out []Kind
	for _, k := range all {
		switch {
		case len(asked) > 0 && !slices.Contains(asked, k):
		case (k == Interaction || k == FollowUp) && !staff:
		case (k == Announcement || k == Policy || k == ConflictCase) && !staff && v.DealerID != d.ID:
		default:
			out = append(out, k)
		}
	}
	return out
}

// audience is the predicate on announcements of those that reached d (the
// audience rule of access.Announcements, applied to d as a dealer user of
// d would be) and that v may read; territories are d's.
func (s *Service) audience(v *auth.Viewer, d *ent.Dealer, territories []int) func(*entsql.Selector) {
	as := &auth.Viewer{
		Role: user.RoleDEALER, DealerID: d.ID,
		DealerChannelID: d.ChannelID, DealerTier: d.Tier, DealerTerritoryIDs: territories,
	}
	reached, readable := access.Announcements(as), access.Announcements(v)
	return func(sel *entsql.Selector) { reached(sel); readable(sel) }
}

// policies is the predicate on policies of those addressed to d (the
// audience rule of access.Policies for d's users) and that v may read;
// territories are d's.
func (s *Service) policies(v *auth.Viewer, d *ent.Dealer, territories []int) func(*entsql.Selector) {
	reached := access.PolicyAudienceIncludes(d.ID, d.ChannelID, d.Tier, territories)
	readable := access.Policies(v)
	return func(sel *entsql.Selector) { reached(sel); readable(sel) }
}

// branch is one source of entries: rows of one table of one dealer, with
// their time, id, kind, action and subject.
type branch struct {
	kind    Kind
	from    string // the table(s), aliased t
	at, id  string // columns of t
	action  string // an SQL expression, or a quoted literal
	subject string // the subject's id
	// where adds the conditions that pick the dealer's rows.
	where func(b *entsql.Builder)
}

// sources is the branches of the kinds asked, for dealer id; audience and
// policies pick the announcements and policies that reached it; staff get
// the internal entries of a kind that has some (conflict notes).
func sources(dialectName string, id int, kinds []Kind, audience, policies func(*entsql.Selector), staff bool) []branch {
	dealerIs := func(col string) func(b *entsql.Builder) {
		return func(b *entsql.Builder) { b.WriteString(col + " = ").Arg(id) }
	}
	var out []branch
	add := func(k Kind, bs ...branch) {
		if slices.Contains(kinds, k) {
			for _, b := range bs {
				b.kind = k
				out = append(out, b)
			}
		}
	}
	add(OrderPlaced, branch{from: order.Table + " t", at: "t.placed_at", id: "t.id", action: "''", subject: "t.id",
		where: dealerIs("t.dealer_id")})
	add(OrderStatus, branch{
		from: orderevent.Table + " t",
		at:   "t.at", id: "t.id", action: `t."to"`, subject: "t.id",
		where: func(b *entsql.Builder) {
			dealerIs("t.dealer_id")(b)
			b.WriteString(` AND t."from" IS NOT NULL AND t.kind = 'STATUS_CHANGED'`)
		}})
	add(Shipment, branch{from: deliveryevent.Table + " t", at: "t.occurred_at", id: "t.id", action: "t.status", subject: "t.id",
		where: func(b *entsql.Builder) {
			dealerIs("t.dealer_id")(b)
			b.WriteString(" AND t.status IN ('IN_TRANSIT', 'DELIVERED')")
		}})
	add(Invoice, branch{from: invoice.Table + " t", at: "t.created_at", id: "t.id", action: "''", subject: "t.id",
		where: dealerIs("t.dealer_id")})
	add(Payment, branch{from: payment.Table + " t", at: "t.received_at", id: "t.id", action: "''", subject: "t.id",
		where: dealerIs("t.dealer_id")})
	add(CreditNote, branch{from: creditnote.Table + " t", at: "t.issued_at", id: "t.id", action: "''", subject: "t.id",
		where: dealerIs("t.dealer_id")})
	if audience != nil {
		// The audience as a sub-select of announcement ids: the rule's
		// predicates are written for a selector over announcements.
		reached := func(b *entsql.Builder) {
			// The dialect first: the predicates build their sub-selects
			// and JSON tests for it.
			sel := entsql.Dialect(dialectName).Select(announcement.FieldID).From(entsql.Table(announcement.Table))
			audience(sel)
			b.Join(sel)
		}
		add(Announcement,
			branch{from: announcement.Table + " t", at: "t.published_at", id: "t.id", action: "'" + Published + "'", subject: "t.id",
				where: func(b *entsql.Builder) {
					b.WriteString("t.id IN ")
					b.Wrap(reached)
				}},
			branch{from: "announcement_reads t", at: "t.read_at", id: "t.id", action: "'" + Read + "'", subject: "t.announcement_id",
				where: func(b *entsql.Builder) {
					dealerIs("t.dealer_id")(b)
					b.WriteString(" AND t.announcement_id IN ")
					b.Wrap(reached)
				}})
	}
	if policies != nil {
		reached := func(b *entsql.Builder) {
			sel := entsql.Dialect(dialectName).Select(channelpolicy.FieldID).From(entsql.Table(channelpolicy.Table))
			policies(sel)
			b.Join(sel)
		}
		add(Policy,
			// Every version published: the first, then the amendments.
			branch{from: policyversion.Table + " t", at: "t.published_at", id: "t.id",
				action: "CASE WHEN t.version = 1 THEN '" + Published + "' ELSE '" + Amended + "' END", subject: "t.policy_id",
				where: func(b *entsql.Builder) {
					b.WriteString("t.policy_id IN ")
					b.Wrap(reached)
				}},
			branch{from: channelpolicy.Table + " t", at: "t.withdrawn_at", id: "t.id", action: "'" + Withdrawn + "'", subject: "t.id",
				where: func(b *entsql.Builder) {
					b.WriteString("t.withdrawn_at IS NOT NULL AND t.id IN ")
					b.Wrap(reached)
				}},
			branch{from: policyacknowledgement.Table + " t", at: "t.acknowledged_at", id: "t.id", action: "'" + Acknowledged + "'", subject: "t.policy_id",
				where: func(b *entsql.Builder) {
					dealerIs("t.dealer_id")(b)
					b.WriteString(" AND t.policy_id IN ")
					b.Wrap(reached)
				}})
	}
	add(Ticket,
		branch{from: serviceticket.Table + " t", at: "t.opened_at", id: "t.id", action: "'" + Opened + "'", subject: "t.id",
			where: dealerIs("t.dealer_id")},
		branch{from: ticketreply.Table + " t", at: "t.at", id: "t.id", action: "'" + Replied + "'", subject: "t.id",
			where: dealerIs("t.dealer_id")})
	// Every move of its returns, the request included; the subject is the
	// return, the action the status it reached.
	add(Return, branch{from: salesreturnevent.Table + " t", at: "t.at", id: "t.id", action: `t."to"`, subject: "t.return_id",
		where: dealerIs("t.dealer_id")})
	// A dispute raised (action OPEN) and, once decided, its decision (the
	// status reached). The decision's entry id is the dispute's negated:
	// unique across the timeline, as the raise's is the dispute's own.
	add(Dispute,
		branch{from: invoicedispute.Table + " t", at: "t.raised_at", id: "t.id", action: "'OPEN'", subject: "t.id",
			where: dealerIs("t.dealer_id")},
		branch{from: invoicedispute.Table + " t", at: "t.resolved_at", id: "-t.id", action: "t.status", subject: "t.id",
			where: func(b *entsql.Builder) {
				dealerIs("t.dealer_id")(b)
				b.WriteString(" AND t.resolved_at IS NOT NULL")
			}})
	// Each change of its status asked for, when it was asked for; the
	// action is the status it sets (the subject says when, and whether it
	// is applied yet).
	add(DealerStatus, branch{from: dealerstatuschange.Table + " t", at: "t.requested_at", id: "t.id", action: "t.to_status", subject: "t.id",
		where: dealerIs("t.dealer_id")})
	add(Interaction, branch{from: interaction.Table + " t", at: "t.occurred_at", id: "t.id", action: "t.kind", subject: "t.id",
		where: dealerIs("t.dealer_id")})
	add(FollowUp, branch{from: followup.Table + " t", at: "t.done_at", id: "t.id", action: "'" + Done + "'", subject: "t.id",
		where: func(b *entsql.Builder) {
			dealerIs("t.dealer_id")(b)
			b.WriteString(" AND t.done_at IS NOT NULL")
		}})
	// Every change of the cases the dealer is a party to; the events of
	// internal staff notes for staff only.
	add(ConflictCase, branch{
		from: fmt.Sprintf("%s t JOIN %s p ON p.%s = t.case_id", conflictevent.Table, conflictcase.PartiesTable, conflictcase.PartiesPrimaryKey[0]),
		at:   "t.at", id: "t.id", action: "t.action", subject: "t.id",
		where: func(b *entsql.Builder) {
			dealerIs("p." + conflictcase.PartiesPrimaryKey[1])(b)
			if !staff {
				b.WriteString(" AND NOT t.internal")
			}
		}})
	return out
}

// row is an entry before its subject is loaded.
type row struct {
	id, subject int
	at          time.Time
	kind        Kind
	action      string
}

// page reads up to limit entries after the cursor:
//
//	SELECT id, at, kind, action, subject FROM (
//	  SELECT * FROM (SELECT t.id, t.placed_at AS at, 'ORDER_PLACED' AS kind, '' AS action, t.id AS subject
//	    FROM orders t WHERE t.dealer_id = $1 AND <after the cursor>
//	    ORDER BY t.placed_at DESC, t.id DESC LIMIT $n) AS b0
//	  UNION ALL SELECT * FROM (…) AS b1 …
//	) AS entries ORDER BY at DESC, id DESC LIMIT $n
//
// Each branch walks its (dealer, time) index backwards from the cursor and
// stops after limit rows, so the statement reads at most limit rows per
// branch whatever the dealer's history.
func (s *Service) page(ctx context.Context, branches []branch, after *Cursor, limit int) ([]row, error) {
	b := &entsql.Builder{}
	b.SetDialect(s.dialect)
	b.WriteString("SELECT id, at, kind, action, subject FROM (")
	for i, br := range branches {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		b.WriteString("SELECT * FROM (SELECT ")
		b.WriteString(fmt.Sprintf("%s AS id, %s AS at, '%s' AS kind, %s AS action, %s AS subject FROM %s WHERE ",
			br.id, br.at, br.kind, br.action, br.subject, br.from))
		br.where(b)
		if after != nil {
			// at <= c lets the index range start at the cursor; the rest
			// breaks ties by id.
			at := s.timeArg(after.At)
			b.WriteString(" AND " + br.at + " <= ").Arg(at)
			b.WriteString(" AND (" + br.at + " < ").Arg(at)
			b.WriteString(" OR " + br.id + " < ").Arg(after.ID)
			b.WriteString(")")
		}
		b.WriteString(fmt.Sprintf(" ORDER BY %s DESC, %s DESC LIMIT ", br.at, br.id)).Arg(limit)
		b.WriteString(fmt.Sprintf(") AS b%d", i))
	}
	b.WriteString(") AS entries ORDER BY at DESC, id DESC LIMIT ").Arg(limit)
	query, args := b.Query()
	rs, err := s.client.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("timeline page: %w", err)
	}
	defer rs.Close()
	var out []row
	for rs.Next() {
		var (
			r      row
			at     any
			kind   string
			action *string
		)
		if err := rs.Scan(&r.id, &at, &kind, &action, &r.subject); err != nil {
			return nil, fmt.Errorf("timeline page: %w", err)
		}
		if r.at, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("timeline page: %w", err)
		}
		r.kind = Kind(kind)
		if action != nil {
			r.action = *action
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

// count is how many entries the branches hold, in one statement:
//
//	SELECT (SELECT COUNT(*) FROM orders t WHERE t.dealer_id = $1) + (SELECT COUNT(*) …) + …
func (s *Service) count(ctx context.Context, branches []branch) (int, error) {
	b := &entsql.Builder{}
	b.SetDialect(s.dialect)
	b.WriteString("SELECT ")
	for i, br := range branches {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString("(SELECT COUNT(*) FROM " + br.from + " WHERE ")
		br.where(b)
		b.WriteString(")")
	}
	query, args := b.Query()
	rs, err := s.client.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("timeline count: %w", err)
	}
	defer rs.Close()
	var n int
	if rs.Next() {
		if err := rs.Scan(&n); err != nil {
			return 0, fmt.Errorf("timeline count: %w", err)
		}
	}
	return n, rs.Err()
}

// timeArg is t as the store compares it: SQLite compares times as text
// written in UTC (store.SQLiteDSN), so the argument is UTC too.
func (s *Service) timeArg(t time.Time) any {
	if s.dialect == dialect.SQLite {
		return t.UTC()
	}
	return t
}

// parseTime reads a time out of the UNION: PostgreSQL gives a time;
// SQLite, which has no declared type for a UNION's column, the text the
// driver wrote.
func parseTime(v any) (time.Time, error) {
	switch v := v.(type) {
	case time.Time:
		return v.UTC(), nil
	case string:
		return parseTimeText(v)
	case []byte:
		return parseTimeText(string(v))
	}
	return time.Time{}, fmt.Errorf("a time of type %T", v)
}

func parseTimeText(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("a time written as %q", s)
}

// subjects loads the subjects of rows through the viewer's privacy rules,
// one statement per kind of subject. A row whose subject the viewer may
// not read is left out; the SQL above picks only rows it may read, so that
// is a second check, not paging.
func (s *Service) subjects(ctx context.Context, rows []row) ([]Entry, error) {
	ids := map[string][]int{}
	for _, r := range rows {
		t := subjectType(r)
		ids[t] = append(ids[t], r.subject)
	}
	loaded := map[int]ent.Noder{}
	c := s.client
	for t, in := range ids {
		var err error
		switch t {
		case order.Table:
			err = load(ctx, c.Order.Query().Where(order.IDIn(in...)).All, func(n *ent.Order) int { return n.ID }, loaded)
		case orderevent.Table:
			err = load(ctx, c.OrderEvent.Query().Where(orderevent.IDIn(in...)).All, func(n *ent.OrderEvent) int { return n.ID }, loaded)
		case deliveryevent.Table:
			err = load(ctx, c.DeliveryEvent.Query().Where(deliveryevent.IDIn(in...)).All, func(n *ent.DeliveryEvent) int { return n.ID }, loaded)
		case invoice.Table:
			err = load(ctx, c.Invoice.Query().Where(invoice.IDIn(in...)).All, func(n *ent.Invoice) int { return n.ID }, loaded)
		case payment.Table:
			err = load(ctx, c.Payment.Query().Where(payment.IDIn(in...)).All, func(n *ent.Payment) int { return n.ID }, loaded)
		case creditnote.Table:
			err = load(ctx, c.CreditNote.Query().Where(creditnote.IDIn(in...)).All, func(n *ent.CreditNote) int { return n.ID }, loaded)
		case announcement.Table:
			// With the viewer's own receipts, which readAt shows.
			err = load(ctx, c.Announcement.Query().Where(announcement.IDIn(in...)).WithReads().All, func(n *ent.Announcement) int { return n.ID }, loaded)
		case channelpolicy.Table:
			err = load(ctx, c.ChannelPolicy.Query().Where(channelpolicy.IDIn(in...)).All, func(n *ent.ChannelPolicy) int { return n.ID }, loaded)
		case serviceticket.Table:
			err = load(ctx, c.ServiceTicket.Query().Where(serviceticket.IDIn(in...)).All, func(n *ent.ServiceTicket) int { return n.ID }, loaded)
		case ticketreply.Table:
			err = load(ctx, c.TicketReply.Query().Where(ticketreply.IDIn(in...)).All, func(n *ent.TicketReply) int { return n.ID }, loaded)
		case salesreturn.Table:
			err = load(ctx, c.SalesReturn.Query().Where(salesreturn.IDIn(in...)).All, func(n *ent.SalesReturn) int { return n.ID }, loaded)
		case invoicedispute.Table:
			err = load(ctx, c.InvoiceDispute.Query().Where(invoicedispute.IDIn(in...)).All, func(n *ent.InvoiceDispute) int { return n.ID }, loaded)
		case dealerstatuschange.Table:
			err = load(ctx, c.DealerStatusChange.Query().Where(dealerstatuschange.IDIn(in...)).All, func(n *ent.DealerStatusChange) int { return n.ID }, loaded)
		case interaction.Table:
			err = load(ctx, c.Interaction.Query().Where(interaction.IDIn(in...)).All, func(n *ent.Interaction) int { return n.ID }, loaded)
		case followup.Table:
			err = load(ctx, c.FollowUp.Query().Where(followup.IDIn(in...)).All, func(n *ent.FollowUp) int { return n.ID }, loaded)
		case conflictevent.Table:
			err = load(ctx, c.ConflictEvent.Query().Where(conflictevent.IDIn(in...)).All, func(n *ent.ConflictEvent) int { return n.ID }, loaded)
		}
		if err != nil {
			return nil, err
		}
	}
	out := make([]Entry, 0, len(rows))
	for _, r := range rows {
		if n, ok := loaded[r.subject]; ok {
			out = append(out, Entry{ID: r.id, Kind: r.kind, At: r.at, Action: r.action, Subject: n})
		}
	}
	return out, nil
}

func load[T ent.Noder](ctx context.Context, all func(context.Context) ([]T, error), id func(T) int, into map[int]ent.Noder) error {
	got, err := all(ctx)
	for _, n := range got {
		into[id(n)] = n
	}
	return err
}

// subjectType is the table of r's subject.
func subjectType(r row) string {
	switch r.kind {
	case OrderPlaced:
		return order.Table
	case OrderStatus:
		return orderevent.Table
	case Shipment:
		return deliveryevent.Table
	case Invoice:
		return invoice.Table
	case Payment:
		return payment.Table
	case CreditNote:
		return creditnote.Table
	case Announcement:
		return announcement.Table
	case Policy:
		return channelpolicy.Table
	case Ticket:
		if r.action == Replied {
			return ticketreply.Table
		}
		return serviceticket.Table
	case Return:
		return salesreturn.Table
	case Dispute:
		return invoicedispute.Table
	case DealerStatus:
		return dealerstatuschange.Table
	case Interaction:
		return interaction.Table
	case FollowUp:
		return followup.Table
	case ConflictCase:
		return conflictevent.Table
	}
	return ""
}
