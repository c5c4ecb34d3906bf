package notify_test

import (
	"context"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/event"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/notification"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/notify"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// world: channels A (manager mgrA) and B (manager mgrB); distributor D and
// its sub-dealer S in channel A, dealer U in channel B; a user at D and U,
// two at S; an administrator; an order of S and one of U.
type world struct {
	db      *store.DB
	users   map[string]*ent.User
	dealers map[string]*ent.Dealer
	orders  map[string]*ent.Order
	chA     *ent.Channel
	seq     int64
	// notifier handles the events; nil for the inbox alone (notify.Handle).
	notifier *notify.Notifier
}

func build(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := access.Bypass(context.Background())
	c := db.Client
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	w := &world{db: db, users: map[string]*ent.User{}, dealers: map[string]*ent.Dealer{}, orders: map[string]*ent.Order{}}
	mk := func(name string, role user.Role, d *ent.Dealer) *ent.User {
		uc := c.User.Create().SetEmail(name + "@x.test").SetName(name).SetRole(role)
		if d != nil {
			uc.SetDealer(d)
		}
		u := uc.SaveX(ctx)
		w.users[name] = u
		return u
	}
	mk("admin", user.RoleADMIN, nil)
	mgrA := mk("mgrA", user.RoleCHANNEL_MANAGER, nil)
	mgrB := mk("mgrB", user.RoleCHANNEL_MANAGER, nil)
	w.chA = c.Channel.Create().SetCode("A").SetName("Retail").AddManagers(mgrA).SaveX(ctx)
	chB := c.Channel.Create().SetCode("B").SetName("Key accounts").AddManagers(mgrB).SaveX(ctx)
	t1 := c.Territory.Create().SetCode("T1").SetName("North").SaveX(ctx)
	d := c.Dealer.Create().SetCode("D").SetName("Distributor").SetTier(1).SetJoinedOn(day).SetChannel(w.chA).AddTerritories(t1).SaveX(ctx)
	s := c.Dealer.Create().SetCode("S").SetName("Sub-dealer").SetTier(2).SetJoinedOn(day).SetChannel(w.chA).SetParent(d).AddTerritories(t1).SaveX(ctx)
	u := c.Dealer.Create().SetCode("U").SetName("Unrelated").SetTier(2).SetJoinedOn(day).SetChannel(chB).AddTerritories(t1).SaveX(ctx)
	w.dealers["D"], w.dealers["S"], w.dealers["U"] = d, s, u
	mk("userD", user.RoleDEALER, d)
	mk("userS", user.RoleDEALER, s)
	mk("userS2", user.RoleDEALER, s)
	mk("userU", user.RoleDEALER, u)
	w.orders["S"] = c.Order.Create().SetDealer(s).SetNumber("SO-1").SetPlacedAt(day).SetTotal(0).SaveX(ctx)
	w.orders["U"] = c.Order.Create().SetDealer(u).SetNumber("SO-2").SetPlacedAt(day).SetTotal(0).SaveX(ctx)
	return w
}

// handle hands events to the handler in one transaction, numbered after
// the last, as the reader does.
func (w *world) handle(t *testing.T, events ...realtime.Event) []*realtime.Event {
	t.Helper()
	var numbered []*realtime.Event
	for _, e := range events {
		w.seq++
		e.Seq = w.seq
		if e.At.IsZero() {
			e.At = time.Date(2026, 2, 1, 9, 0, 0, int(w.seq), time.UTC)
		}
		numbered = append(numbered, &e)
	}
	w.rehandle(t, numbered)
	return numbered
}

func (w *world) rehandle(t *testing.T, events []*realtime.Event) {
	t.Helper()
	ctx := access.Bypass(context.Background())
	tx, err := w.db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	handle := notify.Handle
	if w.notifier != nil {
		handle = w.notifier.Handle
	}
	if err := handle(ctx, tx, events); err != nil {
		tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// got is who has a notification of kind, by user name, sorted.
func (w *world) got(t *testing.T, kind notify.Kind) []string {
	t.Helper()
	ctx := access.Bypass(context.Background())
	rows, err := w.db.Client.Notification.Query().Where(notification.KindEQ(kind)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows {
		for name, u := range w.users {
			if u.ID == r.UserID {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names
}

func (w *world) orderEvent(o *ent.Order, from *status.Status, to status.Status, actor string, hold bool) realtime.Event {
	o.CreditHold = hold
	d := w.dealers["S"]
	if o.DealerID == w.dealers["U"].ID {
		d = w.dealers["U"]
	}
	a := w.users[actor]
	return realtime.OrderStatusChangedEvent(o, d, &ent.OrderEvent{From: from, To: to, ActorID: &a.ID, ActorName: a.Name, At: time.Now()})
}

func want(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

func TestHandle_OrdersToTheUsersWhoSeeThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		submitted := status.Submitted
		events := w.handle(t,
			w.orderEvent(w.orders["S"], nil, status.Submitted, "userS", false),
			w.orderEvent(w.orders["S"], &submitted, status.Confirmed, "mgrA", false),
		)
		// Staff who see S (admin, A's manager), not the placer, not B's
		// manager, no dealer user.
		want(t, "ORDER_PLACED", w.got(t, notify.OrderPlaced), "admin", "mgrA")
		// S's users and its distributor's; never U's; not the manager who
		// confirmed it.
		want(t, "ORDER_CONFIRMED", w.got(t, notify.OrderConfirmed), "userD", "userS", "userS2")

		// Handled again: nothing twice.
		w.rehandle(t, events)
		want(t, "ORDER_PLACED again", w.got(t, notify.OrderPlaced), "admin", "mgrA")
		want(t, "ORDER_CONFIRMED again", w.got(t, notify.OrderConfirmed), "userD", "userS", "userS2")

		// U's order: U's user and B's manager, nobody of A.
		w.handle(t,
			w.orderEvent(w.orders["U"], nil, status.Submitted, "userU", true),
		)
		want(t, "ORDER_ON_CREDIT_HOLD", w.got(t, notify.OrderOnCreditHold), "admin", "mgrB")
		// Each notification is announced to its recipient alone.
		ctx := access.Bypass(context.Background())
		added, err := db.Client.Event.Query().Where(event.Kind(string(realtime.NotificationAdded))).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n, err := db.Client.Notification.Query().Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(added) != n {
			t.Errorf("%d NOTIFICATION_ADDED events for %d notifications", len(added), n)
		}
		for _, e := range added {
			row, err := db.Client.Notification.Get(ctx, e.SubjectID)
			if err != nil || e.UserID == nil || *e.UserID != row.UserID || e.DealerID != nil {
				t.Errorf("NOTIFICATION_ADDED %d is addressed to %v, its notification to %d (%v)", e.ID, e.UserID, row.UserID, err)
			}
		}
	})
}

func TestHandle_CreditHoldBothSidesAndRelease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		placed := w.orderEvent(w.orders["S"], nil, status.Submitted, "userS", true)
		submitted := status.Submitted
		released := w.orderEvent(w.orders["S"], &submitted, status.Submitted, "mgrA", false)
		released.Kind = realtime.CreditHoldReleased
		w.handle(t, placed, released)
		want(t, "ORDER_ON_CREDIT_HOLD", w.got(t, notify.OrderOnCreditHold), "admin", "mgrA", "userD", "userS2")
		want(t, "no ORDER_PLACED besides", w.got(t, notify.OrderPlaced))
		want(t, "CREDIT_HOLD_RELEASED", w.got(t, notify.CreditHoldReleased), "userD", "userS", "userS2")
	})
}

func TestHandle_AnnouncementsAndTheInboxSetting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		admin := w.users["admin"]
		// userS2 wants no announcements in the inbox.
		db.Client.NotificationSetting.Create().SetUserID(w.users["userS2"].ID).SetKind("ANNOUNCEMENT").
			SetInbox(false).SetEmail("OFF").SetPush(false).ExecX(ctx)
		a := db.Client.Announcement.Create().SetTitle("Spring prices").SetBody("…").SetPublishedAt(time.Now()).
			SetPublishedBy(admin).SetPublishedByName(admin.Name).AddChannels(w.chA).SaveX(ctx)
		w.handle(t, realtime.AnnouncementPublishedEvent(
			realtime.Announcement{AnnouncementID: a.ID, Title: a.Title, PublishedAt: a.PublishedAt},
			realtime.DealerReach{Channels: []int{w.chA.ID}}, admin.ID))
		want(t, "ANNOUNCEMENT", w.got(t, notify.Announcement), "userD", "userS")

		n, err := db.Client.Notification.Query().Where(notification.UserID(w.users["userS"].ID)).Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		title, _ := notify.Render(n.Kind, n.Params, "zh-CN")
		if title != "Spring prices" || notify.Link(n) != "/announcements" {
			t.Errorf("rendered %q linking %q", title, notify.Link(n))
		}
	})
}

func TestHandle_ConflictCaseToStaffWhoSeeIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		reporter := w.users["userS"]
		c := db.Client.ConflictCase.Create().SetNumber("CC-1").SetKind("OTHER").SetSeverity("HIGH").SetStatus("OPEN").
			SetSummary("Poaching").SetOpenedByID(reporter.ID).SetOpenedByName(reporter.Name).SetOpenedAt(time.Now()).
			SetDueOn(time.Now()).SetLastActivityAt(time.Now()).SetReporterDealerID(w.dealers["S"].ID).
			AddPartyIDs(w.dealers["S"].ID, w.dealers["U"].ID).SaveX(ctx)
		w.handle(t, realtime.ConflictCaseOpenedEvent(c, []int{w.dealers["S"].ID, w.dealers["U"].ID}, reporter.ID))
		want(t, "CONFLICT_CASE_OPENED", w.got(t, notify.ConflictCaseOpened), "admin", "mgrA", "mgrB")
	})
}

func TestHandle_AWebhookPausedToAdministratorsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		h := db.Client.Webhook.Create().SetURL("https://erp.example.com/hook").SetEventKinds([]string{"ORDER_STATUS_CHANGED"}).
			SetSecret("whsec_x").SaveX(ctx)
		w.handle(t, realtime.WebhookPausedEvent(h.ID, h.URL, "502 for a day", time.Now()))
		want(t, "WEBHOOK_PAUSED", w.got(t, notify.WebhookPaused), "admin")
	})
}

func TestDaily_RemindsOncePerDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		today := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
		mgr := w.users["mgrA"]
		for i, due := range []time.Time{today, today.AddDate(0, 0, 1)} {
			in := db.Client.Interaction.Create().SetDealer(w.dealers["S"]).SetKind(interaction.KindCALL).
				SetOccurredAt(today.AddDate(0, 0, -3)).SetSubject("Call").SetAuthorID(mgr.ID).SetAuthorName(mgr.Name).SaveX(ctx)
			db.Client.FollowUp.Create().SetInteraction(in).SetDealerID(w.dealers["S"].ID).SetDueOn(due).
				SetText("Call back " + string(rune('A'+i))).SetAssigneeID(mgr.ID).SetAssigneeName(mgr.Name).ExecX(ctx)
		}
		now := time.Date(2026, 3, 10, 0, 1, 0, 0, time.UTC)
		daily := notify.NewDaily(db.Client, db.Dialect, time.UTC, nil).WithClock(func() time.Time { return now })
		if n, err := daily.Pass(ctx); err != nil || n != 1 {
			t.Fatalf("first pass: %d reminders, %v; want the follow-up due today", n, err)
		}
		if n, err := daily.Pass(ctx); err != nil || n != 0 {
			t.Fatalf("second pass the same day: %d reminders, %v; want none", n, err)
		}
		now = now.AddDate(0, 0, 1)
		if n, err := daily.Pass(ctx); err != nil || n != 1 {
			t.Fatalf("next day: %d reminders, %v; want the one due then", n, err)
		}
		rows, err := db.Client.Event.Query().Where(event.Kind(string(realtime.FollowUpDue))).Order(ent.Asc(event.FieldID)).All(ctx)
		if err != nil || len(rows) != 2 {
			t.Fatalf("%d FOLLOW_UP_DUE events, %v", len(rows), err)
		}
		// To the assignee alone.
		w.seq = 100
		var evs []realtime.Event
		for _, r := range rows {
			evs = append(evs, *realtime.FromRow(r))
		}
		w.handle(t, evs...)
		want(t, "FOLLOW_UP_DUE", w.got(t, notify.FollowUpDue), "mgrA", "mgrA")
	})
}

func TestService_InboxIsTheViewersOwn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		w.handle(t, w.orderEvent(w.orders["S"], nil, status.Submitted, "userS", true))
		svc := notify.NewService(db.Client, "en")
		as := func(name string) context.Context {
			u := w.users[name]
			v, err := auth.ViewerOf(access.Bypass(context.Background()), u)
			if err != nil {
				t.Fatal(err)
			}
			return auth.NewContext(context.Background(), v)
		}
		q, err := svc.Query(as("userS2"), false)
		if err != nil {
			t.Fatal(err)
		}
		mine := q.AllX(as("userS2"))
		if len(mine) != 1 {
			t.Fatalf("userS2 has %d notifications, want 1", len(mine))
		}
		// Someone else's id is NOT_FOUND, and nothing is marked.
		if _, err := svc.MarkRead(as("userD"), []int{mine[0].ID}, false); err == nil {
			t.Error("userD marked userS2's notification")
		}
		if _, err := svc.MarkRead(as("userS2"), nil, false); err == nil {
			t.Error("neither ids nor all: no error")
		}
		changed, err := svc.MarkRead(as("userS2"), nil, true)
		if err != nil || len(changed) != 1 {
			t.Fatalf("mark all: %d, %v", len(changed), err)
		}
		if n, err := svc.UnreadCount(as("userS2")); err != nil || n != 0 {
			t.Errorf("unread after marking all: %d, %v", n, err)
		}
		if n, err := svc.UnreadCount(as("userD")); err != nil || n != 1 {
			t.Errorf("userD's unread: %d, %v; want 1 (its own untouched)", n, err)
		}
		// Settings: a staff kind is refused to a dealer user.
		if _, err := svc.UpdateSettings(as("userS2"), notify.SettingsInput{Kinds: []notify.KindInput{{Kind: notify.SignalRaised, Inbox: true, Email: "OFF"}}}); err == nil {
			t.Error("a dealer user set SIGNAL_RAISED")
		}
		zh, hour := "zh-CN", 19
		st, err := svc.UpdateSettings(as("userS2"), notify.SettingsInput{Locale: &zh, DigestHour: &hour,
			Kinds: []notify.KindInput{{Kind: notify.OrderShipped, Inbox: false, Email: "OFF", Push: false}}})
		if err != nil {
			t.Fatal(err)
		}
		if st.Locale == nil || *st.Locale != "zh-CN" || st.DigestHour != 19 {
			t.Errorf("settings: %+v", st)
		}
		for _, k := range st.Kinds {
			if k.Kind == notify.OrderShipped && (k.Inbox || !k.Custom) {
				t.Errorf("ORDER_SHIPPED: %+v", k)
			}
		}
		bad := "fr"
		if _, err := svc.UpdateSettings(as("userS2"), notify.SettingsInput{Locale: &bad}); err == nil {
			t.Error("locale fr accepted")
		}
	})
}

func TestHandle_TicketsPoliciesDeliveriesSignals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		now := time.Now()
		s, mgrA, admin := w.dealers["S"], w.users["mgrA"], w.users["admin"]

		// A ticket of S opened by its user: the staff who see S; a staff
		// reply: S's users and its distributor's, not the staff.
		userS := w.users["userS"]
		tk := db.Client.ServiceTicket.Create().SetNumber("ST-1").SetDealerID(s.ID).SetSubject("Broken pump").SetBody("…").
			SetOpenedAt(now).SetOpenedByID(userS.ID).SetOpenedByName(userS.Name).SetLastActivityAt(now).SaveX(ctx)
		reply := db.Client.TicketReply.Create().SetTicketID(tk.ID).SetDealerID(s.ID).SetAuthorID(mgrA.ID).SetAuthorName(mgrA.Name).
			SetFromStaff(true).SetBody("On its way").SetAt(now).SaveX(ctx)
		w.handle(t,
			realtime.TicketUpdatedEvent(tk, s, "OPENED", 0, now),
			realtime.TicketUpdatedEvent(tk, s, "REPLIED", reply.ID, now),
		)
		want(t, "TICKET_OPENED", w.got(t, notify.TicketOpened), "admin", "mgrA")
		want(t, "TICKET_REPLY", w.got(t, notify.TicketReply), "userD", "userS", "userS2")

		// A policy to every dealer of channel A, published: its dealer users.
		pol := db.Client.ChannelPolicy.Create().SetKind("GENERAL").SetTitle("Returns").SetBody("…").SetEffectiveFrom(now).
			SetPublishedAt(now).SetVersionPublishedAt(now).SetPublishedByID(admin.ID).SetPublishedByName(admin.Name).
			AddChannels(w.chA).SaveX(ctx)
		w.handle(t, realtime.PolicyChangedEvent(realtime.Policy{PolicyID: pol.ID, Action: "PUBLISHED", Version: 1, At: now},
			realtime.DealerReach{Channels: []int{w.chA.ID}}, admin.ID))
		want(t, "POLICY_TO_ACKNOWLEDGE", w.got(t, notify.PolicyToAcknowledge), "userD", "userS", "userS2")

		// A delivery exception on S's order: its dealer users; a delivery
		// in transit tells nobody.
		sh := &ent.Shipment{ID: 1, Number: "SH-1", OrderID: w.orders["S"].ID}
		w.handle(t,
			realtime.DeliveryUpdatedEvent(sh, s, &ent.DeliveryEvent{Status: status.ShipmentInTransit, OccurredAt: now}, now),
			realtime.DeliveryUpdatedEvent(sh, s, &ent.DeliveryEvent{Status: status.ShipmentException, Location: "Wuhan", OccurredAt: now}, now),
		)
		want(t, "SHIPMENT_EXCEPTION", w.got(t, notify.ShipmentException), "userD", "userS", "userS2")

		// A signal raised for S: staff who may read it; never dealer users.
		sig := db.Client.ChannelSignal.Create().SetRule(5).SetDealerID(s.ID).SetSubject(s.Name).SetPeriod(period.MonthOf(now)).
			SetKpi("paymentPeriod").SetCurrent(50).SetThreshold(45).SetRaisedAt(now).SaveX(ctx)
		w.handle(t, realtime.SignalChangedEvent(sig, s, now))
		want(t, "SIGNAL_RAISED", w.got(t, notify.SignalRaised), "admin", "mgrA")
	})
}
