package notify_test

import (
	"context"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent/notificationsetting"
	"github.com/dealerline/dealerline/ent/outboundmessage"
	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/notify"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// queued is what is waiting to leave the app, as "channel to: subject",
// sorted (a push names its user instead of an address).
func (w *world) queued(t *testing.T) []string {
	t.Helper()
	rows, err := w.db.Client.OutboundMessage.Query().All(access.Bypass(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range rows {
		to := m.To
		if m.Channel == outboundmessage.ChannelPUSH {
			for name, u := range w.users {
				if m.UserID != nil && u.ID == *m.UserID {
					to = name
				}
			}
		}
		out = append(out, string(m.Channel)+" "+to+": "+m.Subject)
	}
	sort.Strings(out)
	return out
}

func TestNotifier_QueuesEmailAndPushOncePerEventAndUserInTheirLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		w.notifier = &notify.Notifier{Email: &mail.Composer{PublicURL: "https://dealers.example.com"}, Push: true, Locale: "zh-CN"}
		w.users["userS"] = w.users["userS"].Update().SetLocale("en").SaveX(ctx)
		// userD and userS allowed a browser each; userS2 none.
		for _, name := range []string{"userD", "userS"} {
			db.Client.PushSubscription.Create().SetUserID(w.users[name].ID).SetEndpoint("https://push.example.com/" + name).
				SetP256dh("key").SetAuth("auth").SaveX(ctx)
		}
		// userS2 wants rejections in the inbox only.
		db.Client.NotificationSetting.Create().SetUserID(w.users["userS2"].ID).SetKind(notificationsetting.Kind(notify.OrderRejected)).
			SetInbox(true).SetEmail(notificationsetting.EmailOFF).SetPush(false).SaveX(ctx)

		submitted := status.Submitted
		events := w.handle(t, w.orderEvent(w.orders["S"], &submitted, status.Rejected, "mgrA", false))
		wantQueued := []string{
			"EMAIL userD@x.test: 订单 SO-1 被拒绝",
			"EMAIL userS@x.test: Order SO-1 rejected",
			"PUSH userD: 订单 SO-1 被拒绝",
			"PUSH userS: Order SO-1 rejected",
		}
		want(t, "queued for a rejection", w.queued(t), wantQueued...)
		w.rehandle(t, events)
		want(t, "queued after handling it again", w.queued(t), wantQueued...)

		// A confirmation is for the digest: nothing leaves at once.
		w.handle(t, w.orderEvent(w.orders["S"], &submitted, status.Confirmed, "mgrA", false))
		want(t, "queued after a confirmation", w.queued(t), wantQueued...)

		m, err := db.Client.OutboundMessage.Query().
			Where(outboundmessage.To("userS@x.test")).Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if m.Link != "" || m.HTML == "" || m.UserID == nil || *m.UserID != w.users["userS"].ID {
			t.Errorf("e-mail %+v", m)
		}
		push, err := db.Client.OutboundMessage.Query().
			Where(outboundmessage.ChannelEQ(outboundmessage.ChannelPUSH), outboundmessage.UserID(w.users["userS"].ID)).Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := "/orders/" + strconv.Itoa(w.orders["S"].ID); push.Link != want || push.Text == "" {
			t.Errorf("push %+v: want a body and the link %s", push, want)
		}
	})
}

func TestDigest_OncePerUserAndDayAtTheirHour(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		submitted := status.Submitted
		// Confirmed on 1 February at 09:00 (UTC, the business time zone
		// here): a digest kind for S's users and D's.
		confirmed := w.orderEvent(w.orders["S"], &submitted, status.Confirmed, "mgrA", false)
		confirmed.At = time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
		w.handle(t, confirmed)
		w.users["userD"] = w.users["userD"].Update().SetDigestHour(7).SaveX(ctx)
		email := &mail.Composer{PublicURL: "https://dealers.example.com"}
		d := notify.NewDigest(db.Client, email, "en", time.UTC, nil)

		at8 := time.Date(2026, 2, 2, 8, 0, 0, 0, time.UTC)
		for range 2 {
			if _, err := d.Pass(ctx, at8); err != nil {
				t.Fatal(err)
			}
		}
		want(t, "digests at 08:00", w.queued(t),
			"EMAIL userS2@x.test: Order SO-1 confirmed",
			"EMAIL userS@x.test: Order SO-1 confirmed")
		// At 07:00 the next day the window has passed for userD.
		if _, err := d.Pass(ctx, time.Date(2026, 2, 3, 7, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if n := len(w.queued(t)); n != 2 {
			t.Errorf("%d digests, want still 2: the 3 February digest has nothing of the day before", n)
		}
		// A digest lists what the user turned to the digest only.
		db.Client.NotificationSetting.Create().SetUserID(w.users["userD"].ID).SetKind(notificationsetting.Kind(notify.OrderConfirmed)).
			SetInbox(true).SetEmail(notificationsetting.EmailIMMEDIATE).SetPush(false).SaveX(ctx)
		if n, err := d.Pass(ctx, time.Date(2026, 2, 2, 7, 0, 0, 0, time.UTC)); err != nil || n != 0 {
			t.Errorf("userD's digest: %d queued, %v; want none (confirmations are e-mailed at once)", n, err)
		}
	})
}
