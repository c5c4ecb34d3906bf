package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const notificationsQ = `query($unread: Boolean, $first: Int, $after: Cursor) {
	notifications(unreadOnly: $unread, first: $first, after: $after) {
		totalCount unreadCount pageInfo { hasNextPage endCursor }
		edges { node { id kind title body link readAt createdAt } } } }`

type notificationsPage struct {
	Notifications struct {
		TotalCount, UnreadCount int
		PageInfo                struct {
			HasNextPage bool
			EndCursor   *string
		}
		Edges []struct {
			Node struct {
				ID, Kind, Title, Body, Link, CreatedAt string
				ReadAt                                 *string
			}
		}
	}
}

func inbox(t *testing.T, c client, vars map[string]any) notificationsPage {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	if _, ok := vars["first"]; !ok {
		vars["first"] = 20
	}
	var got notificationsPage
	c.mustQuery(t, notificationsQ, vars, &got)
	return got
}

// awaitNotification waits until c's inbox holds a notification of kind
// linking to link, which the reader of the outbox writes after the change
// commits.
func awaitNotification(t *testing.T, c client, kind, link string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		for _, e := range inbox(t, c, map[string]any{"first": 100}).Notifications.Edges {
			if e.Node.Kind == kind && e.Node.Link == link {
				return e.Node.ID
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s notification linking to %s", kind, link)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestNotifications_InboxAndSettings: a dealer user is told its order was
// confirmed; the inbox pages newest first with its counts; marking read
// takes ids of its own (another's is NOT_FOUND) or all, one of the two;
// settings round-trip, refuse a kind of the other role and a language
// there is none of, and the texts follow the language.
func TestNotifications_InboxAndSettings(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		cat := loadCatalogue(t, admin)

		o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
		move(t, admin, o.ID, "CONFIRMED")
		id := awaitNotification(t, south, "ORDER_CONFIRMED", "/orders/"+o.ID)
		// The admin confirmed it: told nothing of its own action, but of
		// the order placed.
		awaitNotification(t, admin, "ORDER_PLACED", "/orders/"+o.ID)
		for _, e := range inbox(t, admin, map[string]any{"first": 100}).Notifications.Edges {
			if e.Node.Kind == "ORDER_CONFIRMED" {
				t.Errorf("the admin was told of its own confirmation: %+v", e.Node)
			}
		}

		all := inbox(t, south, map[string]any{"first": 100}).Notifications
		if all.TotalCount < 1 || all.UnreadCount < 1 || all.Edges[0].Node.ID != id {
			t.Fatalf("south's inbox: %+v; want the confirmation first and unread", all)
		}
		if n := all.Edges[0].Node; !strings.Contains(n.Title, o.Number) || n.Body == "" {
			t.Errorf("title %q body %q", n.Title, n.Body)
		}
		for i := 1; i < len(all.Edges); i++ {
			if all.Edges[i].Node.CreatedAt > all.Edges[i-1].Node.CreatedAt {
				t.Errorf("not newest first: %s after %s", all.Edges[i].Node.CreatedAt, all.Edges[i-1].Node.CreatedAt)
			}
		}
		// Paging one by one walks the same list.
		var walked []string
		var after any
		for range all.TotalCount + 1 {
			p := inbox(t, south, map[string]any{"first": 1, "after": after}).Notifications
			for _, e := range p.Edges {
				walked = append(walked, e.Node.ID)
			}
			if !p.PageInfo.HasNextPage {
				break
			}
			after = *p.PageInfo.EndCursor
		}
		if len(walked) != all.TotalCount {
			t.Errorf("paged %d of %d", len(walked), all.TotalCount)
		}

		// Someone else's id answers as a missing one, and changes nothing.
		r := north.query(t, `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) { unreadCount } }`, map[string]any{"ids": []string{id}})
		if r.code() != "NOT_FOUND" {
			t.Errorf("north marking south's notification: %s %+v", r.code(), r.Errors)
		}
		for _, vars := range []map[string]any{{}, {"ids": []string{id}, "all": true}} {
			r := south.query(t, `mutation($ids: [ID!], $all: Boolean) { markNotificationsRead(ids: $ids, all: $all) { unreadCount } }`, vars)
			if r.code() != "INVALID_INPUT" {
				t.Errorf("markNotificationsRead(%v): %s, want INVALID_INPUT", vars, r.code())
			}
		}
		if got := inbox(t, south, nil).Notifications.UnreadCount; got != all.UnreadCount {
			t.Errorf("unread %d after refused marks, want %d", got, all.UnreadCount)
		}
		var marked struct {
			MarkNotificationsRead struct {
				UnreadCount   int
				Notifications []struct {
					ID     string
					ReadAt *string
				}
			}
		}
		south.mustQuery(t, `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) { unreadCount notifications { id readAt } } }`,
			map[string]any{"ids": []string{id}}, &marked)
		if mr := marked.MarkNotificationsRead; mr.UnreadCount != all.UnreadCount-1 || len(mr.Notifications) != 1 || mr.Notifications[0].ReadAt == nil {
			t.Errorf("marked one: %+v", mr)
		}
		for _, e := range inbox(t, south, map[string]any{"unread": true, "first": 100}).Notifications.Edges {
			if e.Node.ID == id {
				t.Error("unreadOnly lists the one marked read")
			}
		}
		south.mustQuery(t, `mutation { markNotificationsRead(all: true) { unreadCount } }`, nil, &marked)
		if marked.MarkNotificationsRead.UnreadCount != 0 {
			t.Errorf("after marking all: %d unread", marked.MarkNotificationsRead.UnreadCount)
		}

		// Settings.
		type settings struct {
			Locale        *string
			DefaultLocale string
			DigestHour    int
			Kinds         []struct {
				Kind, Email         string
				Inbox, Push, Custom bool
			}
		}
		const settingsFields = `locale defaultLocale digestHour kinds { kind inbox email push custom }`
		var got struct{ NotificationSettings settings }
		south.mustQuery(t, `{ notificationSettings { `+settingsFields+` } }`, nil, &got)
		if s := got.NotificationSettings; s.Locale != nil || s.DefaultLocale != "en" || s.DigestHour != 8 || len(s.Kinds) != 14 {
			t.Errorf("south's defaults: %+v", s)
		}
		var upd struct{ UpdateNotificationSettings settings }
		south.mustQuery(t, `mutation($in: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $in) { `+settingsFields+` } }`,
			map[string]any{"in": map[string]any{"locale": "zh-CN", "digestHour": 18,
				"kinds": []map[string]any{{"kind": "ORDER_SHIPPED", "inbox": false, "email": "IMMEDIATE", "push": true}}}}, &upd)
		south.mustQuery(t, `{ notificationSettings { `+settingsFields+` } }`, nil, &got)
		s := got.NotificationSettings
		if s.Locale == nil || *s.Locale != "zh-CN" || s.DigestHour != 18 {
			t.Errorf("after the update: %+v", s)
		}
		for _, k := range s.Kinds {
			if k.Kind == "ORDER_SHIPPED" && (k.Inbox || k.Email != "IMMEDIATE" || !k.Push || !k.Custom) {
				t.Errorf("ORDER_SHIPPED after the update: %+v", k)
			}
		}
		var me struct{ Me struct{ Locale *string } }
		south.mustQuery(t, `{ me { locale } }`, nil, &me)
		if me.Me.Locale == nil || *me.Me.Locale != "zh-CN" {
			t.Errorf("User.locale: %v", me.Me.Locale)
		}
		if n := inbox(t, south, map[string]any{"first": 100}).Notifications.Edges; !strings.Contains(n[len(n)-1].Node.Title+n[0].Node.Title, "订单") {
			t.Errorf("titles in Chinese: %q", n[0].Node.Title)
		}
		for _, in := range []map[string]any{
			{"locale": "fr"},
			{"digestHour": 24},
			{"kinds": []map[string]any{{"kind": "SIGNAL_RAISED", "inbox": true, "email": "OFF", "push": false}}},
		} {
			r := south.query(t, `mutation($in: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $in) { digestHour } }`, map[string]any{"in": in})
			if r.code() != "INVALID_INPUT" {
				t.Errorf("updateNotificationSettings(%v): %s, want INVALID_INPUT", in, r.code())
			}
		}
		south.mustQuery(t, `{ notificationSettings { `+settingsFields+` } }`, nil, &got)
		if got.NotificationSettings.DigestHour != 18 {
			t.Errorf("a refused update changed the digest hour: %d", got.NotificationSettings.DigestHour)
		}
	})
}

// TestNotifications_Live: notificationAdded over a real websocket brings a
// dealer user its own notifications as they are made, with the unread
// count, and nobody else's.
func TestNotifications_Live(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		cat := loadCatalogue(t, admin)

		const sub = `subscription { notificationAdded { cursor unreadCount notification { id kind link title } } }`
		southWS := connect(t, m, transportWS, south.token)
		southWS.subscribe("1", sub, nil)
		northWS := connect(t, m, transportWS, north.token)
		northWS.subscribe("n", sub, nil)
		time.Sleep(100 * time.Millisecond) // the subscriptions are registered

		before := inbox(t, south, nil).Notifications.UnreadCount
		o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
		move(t, admin, o.ID, "CONFIRMED")
		var got struct {
			NotificationAdded struct {
				Cursor       string
				UnreadCount  int
				Notification struct{ ID, Kind, Link, Title string }
			}
		}
		southWS.next("1", 20*time.Second, &got)
		if n := got.NotificationAdded; n.Notification.Kind != "ORDER_CONFIRMED" || n.Notification.Link != "/orders/"+o.ID ||
			n.UnreadCount != before+1 || n.Cursor == "" {
			t.Errorf("south heard %+v (unread was %d)", n, before)
		}
		if msg, err := northWS.tryRead(500 * time.Millisecond); err == nil {
			t.Errorf("north heard south's notification: %s", msg.Payload)
		}
	})
}
