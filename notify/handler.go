package notify

import (
	"context"
	"strconv"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/agreement"
	"github.com/dealerline/dealerline/ent/announcement"
	"github.com/dealerline/dealerline/ent/channelpolicy"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/followup"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/notification"
	"github.com/dealerline/dealerline/ent/notificationsetting"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/salesreturn"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ent/webhook"
	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/rebates"
)

// ReaderName is the name of the outbox reader that makes notifications
// (feed.New's): keep it.
const ReaderName = "notifications"

// side is who of a subject's readers a notice is for.
type side uint8

const (
	dealers side = 1 << iota // dealer users
	staff                    // administrators and channel managers
)

// notice is what one event tells: a kind, for one side of its readers,
// about a subject (linked to), with the params of its texts.
type notice struct {
	kind    Kind
	side    side
	subject int
	params  map[string]string
	// sees reports whether a reader (through its own privacy rules, in
	// ctx) may read the subject.
	sees func(ctx context.Context, db *ent.Client) (bool, error)
	// onlyUser, when set, is the one user it may go to.
	onlyUser int
	// onlyDealer, when set, is the one dealer whose users it may go to
	// (not a distributor's, for its sub-dealer's rebate).
	onlyDealer int
}

// Handle is the reader's handler (feed.Handler) when nothing leaves the
// app: only the inbox.
func Handle(ctx context.Context, tx *ent.Tx, events []*realtime.Event) error {
	return (&Notifier{}).Handle(ctx, tx, events)
}

// Notifier tells people of what happens, on the channels each wants: the
// inbox, and — when the installation sends them — e-mail and web push,
// queued (package outbound) in the transaction that writes the inbox, once
// per event and user.
type Notifier struct {
	// Email composes e-mail; nil when the installation sends none.
	Email *mail.Composer
	// Push says whether the installation sends web push.
	Push bool
	// Locale is the installation's language, for users who chose none.
	Locale string
	// Rebates, when set, finds the rebate tiers an invoice makes its dealer
	// reach (REBATE_TIER_REACHED).
	Rebates *rebates.Service
}

// Handle is the reader's handler (feed.Handler): it writes the
// notifications events make, for each one an event NOTIFICATION_ADDED to
// its recipient, and the e-mail and pushes they are to be sent, through tx.
func (nf *Notifier) Handle(ctx context.Context, tx *ent.Tx, events []*realtime.Event) error {
	b := &batch{db: tx.Client(), out: nf}
	b.scope(events)
	for _, e := range events {
		if err := b.handle(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// reader is a user who may be told.
type reader struct {
	user   *ent.User
	viewer *auth.Viewer
	keys   []realtime.Key
}

// batch is the state of one call of Handle: the users who may hear its
// events, loaded once.
type batch struct {
	db       *ent.Client
	out      *Notifier
	readers  []reader
	loaded   bool
	settings map[int]map[Kind]Channels
	// Which dealers' users may hear the batch: those named by its events'
	// audiences, or every dealer's when one reaches many (everyDealer).
	dealers     []int
	everyDealer bool
}

// scope notes whose users may hear events: staff always; dealer users of
// the dealers the events name, or of every dealer when one is addressed to
// many (an announcement, a policy).
func (b *batch) scope(events []*realtime.Event) {
	for _, e := range events {
		a := e.Audience
		if a.Dealers != nil {
			b.everyDealer = true
		}
		for _, id := range []int{a.DealerID, a.ParentDealerID} {
			if id != 0 {
				b.dealers = append(b.dealers, id)
			}
		}
	}
}

// load reads the users in scope with what makes them viewers (dealer,
// territories, managed channels) in a few statements, however many.
func (b *batch) load(ctx context.Context) error {
	if b.loaded {
		return nil
	}
	q := b.db.User.Query().Where(user.Active(true))
	if !b.everyDealer {
		q.Where(user.Or(user.RoleNEQ(user.RoleDEALER), user.DealerIDIn(b.dealers...)))
	}
	users, err := q.
		WithDealer(func(q *ent.DealerQuery) { q.WithTerritories() }).
		WithManagedChannels().
		Order(ent.Asc(user.FieldID)).
		All(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		v, err := auth.ViewerOf(ctx, u)
		if err != nil {
			continue // a dealer user without a dealer cannot sign in either
		}
		b.readers = append(b.readers, reader{user: u, viewer: v, keys: realtime.ViewerKeys(v)})
	}
	b.loaded = true
	return nil
}

func (b *batch) handle(ctx context.Context, e *realtime.Event) error {
	notices, actor, err := b.notices(ctx, e)
	if err != nil || len(notices) == 0 {
		return err
	}
	if err := b.load(ctx); err != nil {
		return err
	}
	for _, n := range notices {
		for _, r := range b.readers {
			v := r.viewer
			switch {
			case v.UserID == actor, n.onlyUser != 0 && v.UserID != n.onlyUser:
				continue
			case n.onlyDealer != 0 && v.DealerID != n.onlyDealer:
				continue
			case v.IsDealer() && n.side&dealers == 0, !v.IsDealer() && n.side&staff == 0:
				continue
			case !Applies(v, n.kind), !realtime.Heard(r.keys, e):
				continue
			}
			// The subject, read as the user would read it.
			seen, err := n.sees(auth.NewContext(context.Background(), v), b.db)
			if err != nil {
				return err
			}
			if !seen {
				continue
			}
			if err := b.add(ctx, r.user, e, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// add tells u of notice n of event e on the channels u wants for its
// kind: in the inbox (unless it is there already), and queued to be
// e-mailed or pushed.
func (b *batch) add(ctx context.Context, u *ent.User, e *realtime.Event, n notice) error {
	ch, err := b.channels(ctx, u.ID, n.kind)
	if err != nil {
		return err
	}
	if err := b.send(ctx, u, e, n, ch); err != nil {
		return err
	}
	if !ch.Inbox {
		return nil
	}
	userID := u.ID
	there, err := b.db.Notification.Query().
		Where(notification.UserID(userID), notification.Seq(e.Seq), notification.KindEQ(n.kind)).
		Exist(ctx)
	if err != nil || there {
		return err
	}
	c := b.db.Notification.Create().
		SetUserID(userID).
		SetKind(n.kind).
		SetSeq(e.Seq).
		SetParams(n.params).
		SetCreatedAt(e.At)
	if n.subject != 0 {
		c.SetSubjectID(n.subject)
	}
	row, err := c.Save(ctx)
	if err != nil {
		return err
	}
	return realtime.Record(ctx, b.db, realtime.NotificationAddedEvent(row.ID, userID, e.At))
}

// channels is how user wants kind k.
func (b *batch) channels(ctx context.Context, userID int, k Kind) (Channels, error) {
	if b.settings == nil {
		b.settings = map[int]map[Kind]Channels{}
	}
	byKind, ok := b.settings[userID]
	if !ok {
		var err error
		if byKind, err = settingsOf(ctx, b.db, userID); err != nil {
			return Channels{}, err
		}
		b.settings[userID] = byKind
	}
	return channelsOf(byKind, k), nil
}

// settingsOf is the channels user chose, by kind, where they differ from
// the defaults.
func settingsOf(ctx context.Context, db *ent.Client, userID int) (map[Kind]Channels, error) {
	rows, err := db.NotificationSetting.Query().Where(notificationsetting.UserID(userID)).All(ctx)
	if err != nil {
		return nil, err
	}
	byKind := map[Kind]Channels{}
	for _, r := range rows {
		byKind[Kind(r.Kind)] = Channels{Inbox: r.Inbox, Email: string(r.Email), Push: r.Push}
	}
	return byKind, nil
}

// channelsOf is kind k's channels among chosen, else its default.
func channelsOf(chosen map[Kind]Channels, k Kind) Channels {
	if c, ok := chosen[k]; ok {
		return c
	}
	return Default(k)
}

// notices are what event e tells, and the user whose action it was (0 for
// none), who is told nothing of it.
func (b *batch) notices(ctx context.Context, e *realtime.Event) ([]notice, int, error) {
	switch e.Kind {
	case realtime.OrderStatusChanged, realtime.CreditHoldReleased:
		return b.orderNotices(ctx, e)
	case realtime.DeliveryUpdated:
		p, err := realtime.DecodeDelivery(e)
		if err != nil || p.Status != status.ShipmentException {
			return nil, 0, err
		}
		return []notice{{
			kind: ShipmentException, side: dealers, subject: p.OrderID,
			params: map[string]string{"number": p.Number, "location": p.Location, "note": p.Note},
			sees:   orderSeen(p.OrderID),
		}}, 0, nil
	case realtime.AnnouncementPublished:
		p, err := realtime.DecodeAnnouncement(e)
		if err != nil {
			return nil, 0, err
		}
		return []notice{{
			kind: Announcement, side: dealers, subject: p.AnnouncementID,
			params: map[string]string{"title": p.Title},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.Announcement.Query().Where(announcement.ID(p.AnnouncementID)).Exist(ctx)
			},
		}}, e.Audience.UserID, nil
	case realtime.PolicyChanged:
		return b.policyNotices(ctx, e)
	case realtime.TicketUpdated:
		return b.ticketNotices(ctx, e)
	case realtime.ReturnUpdated:
		p, err := realtime.DecodeReturn(e)
		if err != nil {
			return nil, 0, err
		}
		return []notice{{
			kind: ReturnUpdated, side: dealers, subject: p.ReturnID,
			params: map[string]string{"number": p.Number, "status": string(p.To), "actor": p.ActorName, "note": p.Note},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.SalesReturn.Query().Where(salesreturn.ID(p.ReturnID)).Exist(ctx)
			},
		}}, p.ActorID, nil
	case realtime.SignalChanged:
		p, err := realtime.DecodeSignal(e)
		if err != nil || p.Status != string(channelsignal.StatusOPEN) {
			return nil, 0, err
		}
		s, err := b.db.ChannelSignal.Get(ctx, p.SignalID)
		if err != nil {
			return nil, 0, err
		}
		return []notice{{
			kind: SignalRaised, side: staff, subject: s.ID,
			params: map[string]string{"rule": strconv.Itoa(s.Rule), "subject": s.Subject, "period": s.Period.String()},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.ChannelSignal.Query().Where(channelsignal.ID(s.ID)).Exist(ctx)
			},
		}}, 0, nil
	case realtime.ConflictCaseOpened:
		p, err := realtime.DecodeConflictCase(e)
		if err != nil {
			return nil, 0, err
		}
		c, err := b.db.ConflictCase.Get(ctx, p.CaseID)
		if err != nil {
			return nil, 0, err
		}
		return []notice{{
			kind: ConflictCaseOpened, side: staff, subject: c.ID,
			params: map[string]string{"number": c.Number, "severity": p.Severity, "actor": c.OpenedByName},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.ConflictCase.Query().Where(conflictcase.ID(c.ID)).Exist(ctx)
			},
		}}, p.ActorID, nil
	case realtime.WebhookPaused:
		p, err := realtime.DecodeWebhookPause(e)
		if err != nil {
			return nil, 0, err
		}
		return []notice{{
			kind: WebhookPaused, side: staff, subject: p.WebhookID,
			params: map[string]string{"url": p.URL, "reason": p.Reason},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.Webhook.Query().Where(webhook.ID(p.WebhookID)).Exist(ctx)
			},
		}}, 0, nil
	case realtime.InvoiceIssued:
		p, err := realtime.DecodeInvoice(e)
		if err != nil {
			return nil, 0, err
		}
		ns := []notice{{
			kind: InvoiceIssued, side: dealers, subject: p.InvoiceID,
			params: map[string]string{"number": p.Number, "amount": p.Amount, "due": p.DueOn},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.Invoice.Query().Where(invoice.ID(p.InvoiceID)).Exist(ctx)
			},
		}}
		tiers, err := b.tiersReached(ctx, p.DealerID)
		return append(ns, tiers...), 0, err
	case realtime.InvoiceOverdue:
		p, err := realtime.DecodeReminder(e)
		if err != nil {
			return nil, 0, err
		}
		return []notice{{
			kind: InvoiceOverdue, side: dealers, subject: p.ID,
			params: map[string]string{"number": p.Number, "due": p.DueOn},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.Invoice.Query().Where(invoice.ID(p.ID)).Exist(ctx)
			},
		}}, 0, nil
	case realtime.AgreementEnding:
		p, err := realtime.DecodeAgreementNotice(e)
		if err != nil {
			return nil, 0, err
		}
		renewal, renewalZh := "Renew, amend or let it end.", "请续签、修订或任其到期。"
		if p.AutoRenew {
			renewal, renewalZh = "It renews automatically unless terminated.", "除非终止，将自动续签。"
		}
		return []notice{{
			kind: AgreementEnding, side: staff, subject: p.AgreementID,
			params: map[string]string{"number": p.Number, "kind": p.Kind, "dealer": p.DealerName, "endsOn": p.EndsOn,
				"renewal": renewal, "renewalZh": renewalZh},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.Agreement.Query().Where(agreement.ID(p.AgreementID)).Exist(ctx)
			},
		}}, 0, nil
	case realtime.FollowUpDue:
		p, err := realtime.DecodeReminder(e)
		if err != nil || e.Audience.UserID == 0 {
			return nil, 0, err
		}
		d, err := b.db.Dealer.Get(ctx, p.DealerID)
		if err != nil {
			return nil, 0, err
		}
		return []notice{{
			kind: FollowUpDue, side: staff, subject: p.DealerID, onlyUser: e.Audience.UserID,
			params: map[string]string{"dealer": d.Name, "due": p.DueOn, "text": p.Text},
			sees: func(ctx context.Context, db *ent.Client) (bool, error) {
				return db.FollowUp.Query().Where(followup.ID(p.ID)).Exist(ctx)
			},
		}}, 0, nil
	}
	return nil, 0, nil
}

func orderSeen(id int) func(context.Context, *ent.Client) (bool, error) {
	return func(ctx context.Context, db *ent.Client) (bool, error) {
		return db.Order.Query().Where(order.ID(id)).Exist(ctx)
	}
}

func (b *batch) orderNotices(ctx context.Context, e *realtime.Event) ([]notice, int, error) {
	p, err := realtime.DecodeOrderStatus(e)
	if err != nil {
		return nil, 0, err
	}
	d, err := b.db.Dealer.Get(ctx, e.Audience.DealerID)
	if err != nil {
		return nil, 0, err
	}
	params := map[string]string{"number": p.Number, "actor": p.ActorName, "note": p.Note, "dealer": d.Name}
	one := func(k Kind, s side) []notice {
		return []notice{{kind: k, side: s, subject: p.OrderID, params: params, sees: orderSeen(p.OrderID)}}
	}
	switch {
	case e.Kind == realtime.CreditHoldReleased:
		return one(CreditHoldReleased, dealers), p.ActorID, nil
	case p.From == nil && p.CreditHold:
		return one(OrderOnCreditHold, dealers|staff), p.ActorID, nil
	case p.From == nil:
		return one(OrderPlaced, staff), p.ActorID, nil
	}
	switch p.To {
	case status.Confirmed:
		return one(OrderConfirmed, dealers), p.ActorID, nil
	case status.Rejected:
		return one(OrderRejected, dealers), p.ActorID, nil
	case status.Shipped:
		return one(OrderShipped, dealers), p.ActorID, nil
	case status.Delivered:
		return one(OrderDelivered, dealers), p.ActorID, nil
	}
	return nil, 0, nil
}

// policyNotices: a policy newly asking to be acknowledged — published, or
// amended materially — or a reminder to acknowledge it.
func (b *batch) policyNotices(ctx context.Context, e *realtime.Event) ([]notice, int, error) {
	p, err := realtime.DecodePolicy(e)
	if err != nil {
		return nil, 0, err
	}
	pol, err := b.db.ChannelPolicy.Get(ctx, p.PolicyID)
	if err != nil {
		return nil, 0, err
	}
	switch {
	case p.Action == "PUBLISHED", p.Action == "REMINDED":
	case p.Action == "AMENDED" && pol.AcknowledgeVersion == p.Version:
	default:
		return nil, 0, nil
	}
	return []notice{{
		kind: PolicyToAcknowledge, side: dealers, subject: pol.ID,
		params: map[string]string{"title": pol.Title, "version": strconv.Itoa(p.Version)},
		sees: func(ctx context.Context, db *ent.Client) (bool, error) {
			return db.ChannelPolicy.Query().Where(channelpolicy.ID(pol.ID)).Exist(ctx)
		},
	}}, e.Audience.UserID, nil
}

// ticketNotices: a ticket opened is for the staff; a reply for the other
// side of its author.
func (b *batch) ticketNotices(ctx context.Context, e *realtime.Event) ([]notice, int, error) {
	p, err := realtime.DecodeTicket(e)
	if err != nil {
		return nil, 0, err
	}
	t, err := b.db.ServiceTicket.Get(ctx, p.TicketID)
	if err != nil {
		return nil, 0, err
	}
	d, err := b.db.Dealer.Get(ctx, t.DealerID)
	if err != nil {
		return nil, 0, err
	}
	params := map[string]string{"number": t.Number, "subject": t.Subject, "dealer": d.Name}
	sees := func(ctx context.Context, db *ent.Client) (bool, error) {
		return db.ServiceTicket.Query().Where(serviceticket.ID(t.ID)).Exist(ctx)
	}
	switch p.Action {
	case "OPENED":
		actor := 0
		if t.OpenedByID != nil {
			actor = *t.OpenedByID
		}
		params["actor"] = t.OpenedByName
		return []notice{{kind: TicketOpened, side: staff, subject: t.ID, params: params, sees: sees}}, actor, nil
	case "REPLIED":
		r, err := b.db.TicketReply.Get(ctx, p.ReplyID)
		if err != nil {
			return nil, 0, err
		}
		actor := 0
		if r.AuthorID != nil {
			actor = *r.AuthorID
		}
		params["actor"] = r.AuthorName
		to := staff
		if r.FromStaff {
			to = dealers
		}
		return []notice{{kind: TicketReply, side: to, subject: t.ID, params: params, sees: sees}}, actor, nil
	}
	return nil, 0, nil
}
