package server_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

// hookReceiver is an ERP's endpoint: it records what it is sent and checks
// each signature as the Standard Webhooks spec has receivers do.
type hookReceiver struct {
	*httptest.Server
	mu     sync.Mutex
	secret string
	ids    []string
	bodies []string
	bad    []string
}

func newHookReceiver(t *testing.T) *hookReceiver {
	rc := &hookReceiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		id, ts := r.Header.Get("webhook-id"), r.Header.Get("webhook-timestamp")
		key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(rc.secret, "whsec_"))
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(id + "." + ts + "." + string(body)))
		if r.Header.Get("webhook-signature") != "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)) {
			rc.bad = append(rc.bad, id)
		}
		rc.ids = append(rc.ids, id)
		rc.bodies = append(rc.bodies, string(body))
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *hookReceiver) received() (ids, bodies, bad []string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.ids...), append([]string(nil), rc.bodies...), append([]string(nil), rc.bad...)
}

const createWebhook = `mutation($in: WebhookInput!) { createWebhook(input: $in) { secret webhook { id url eventKinds status } } }`

type createdWebhook struct {
	CreateWebhook struct {
		Secret  string
		Webhook struct {
			ID, URL, Status string
			EventKinds      []string
		}
	}
}

func allowPrivate(c *server.Config) { c.WebhookAllowPrivate = true }

func TestWebhooks_AnOrderConfirmedReachesTheERP(t *testing.T) {
	forEachStoreWith(t, allowPrivate, func(t *testing.T, m *server.Main) {
		admin, south, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test"), signIn(t, m, "manager@demo.test")
		rc := newHookReceiver(t)
		var created createdWebhook
		admin.mustQuery(t, createWebhook, map[string]any{"in": map[string]any{
			"url": rc.URL + "/dealerline", "eventKinds": []string{"ORDER_STATUS_CHANGED", "INVOICE_ISSUED"}, "description": "ERP",
		}}, &created)
		rc.mu.Lock()
		rc.secret = created.CreateWebhook.Secret
		rc.mu.Unlock()
		hook := created.CreateWebhook.Webhook
		if !strings.HasPrefix(rc.secret, "whsec_") || hook.Status != "ACTIVE" || len(hook.EventKinds) != 2 {
			t.Fatalf("created %+v", created)
		}

		cat := loadCatalogue(t, admin)
		o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
		var moved struct{ TransitionOrder orderState }
		admin.mustQuery(t, transition, map[string]any{"id": o.ID, "to": "CONFIRMED", "v": o.Version}, &moved)

		const log = `query($id: ID!) { node(id: $id) { ... on Webhook { pendingDeliveries lastDelivery { status }
			deliveries(first: 10) { totalCount edges { node { id status responseCode attempts eventKind eventCursor messageID lastAttemptAt deliveredAt } } } } } }`
		type delivery struct {
			ID, Status, EventKind, EventCursor, MessageID string
			ResponseCode, Attempts                        int
			DeliveredAt                                   *string
		}
		var got struct {
			Node struct {
				PendingDeliveries int
				Deliveries        struct {
					TotalCount int
					Edges      []struct{ Node delivery }
				}
			}
		}
		// Both delivered: the count and the list are read one after the
		// other, so a delivery made between them is looked for in both.
		delivered := func() bool {
			if got.Node.Deliveries.TotalCount != 2 || got.Node.PendingDeliveries != 0 {
				return false
			}
			for _, e := range got.Node.Deliveries.Edges {
				if e.Node.Status == "PENDING" {
					return false
				}
			}
			return true
		}
		deadline := time.Now().Add(time.Minute)
		for {
			admin.mustQuery(t, log, map[string]any{"id": hook.ID}, &got)
			if delivered() {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("deliveries: %+v", got)
			}
			time.Sleep(50 * time.Millisecond)
		}
		for _, e := range got.Node.Deliveries.Edges {
			if d := e.Node; d.Status != "SUCCEEDED" || d.ResponseCode != 200 || d.Attempts != 1 || d.EventKind != "ORDER_STATUS_CHANGED" || d.DeliveredAt == nil {
				t.Errorf("delivery %+v", d)
			}
		}
		ids, bodies, bad := rc.received()
		if len(ids) != 2 || len(bad) != 0 {
			t.Fatalf("received %v, bad signatures %v", ids, bad)
		}
		var confirmed struct {
			Type string
			Data struct {
				Number string
				To     string
			}
		}
		if err := json.Unmarshal([]byte(bodies[1]), &confirmed); err != nil || confirmed.Type != "order.status_changed" || confirmed.Data.Number != o.Number || confirmed.Data.To != "CONFIRMED" {
			t.Errorf("body %s: %+v, %v", bodies[1], confirmed, err)
		}

		// Redeliver the newest (the log is newest first): same webhook-id.
		newest := got.Node.Deliveries.Edges[0].Node
		var again struct {
			RedeliverWebhook struct{ MessageID, Status string }
		}
		admin.mustQuery(t, `mutation($id: ID!) { redeliverWebhook(deliveryID: $id) { messageID status } }`, map[string]any{"id": newest.ID}, &again)
		if again.RedeliverWebhook.MessageID != newest.MessageID || again.RedeliverWebhook.Status != "PENDING" {
			t.Errorf("redelivery %+v of %+v", again, newest)
		}
		waitFor(t, time.Minute, "the redelivery", func() bool { ids, _, _ := rc.received(); return len(ids) == 3 })
		if ids, _, _ := rc.received(); ids[2] != newest.MessageID {
			t.Errorf("redelivered %s, want %s", ids[2], newest.MessageID)
		}
		var replay struct{ ReplayWebhook int }
		oldest := got.Node.Deliveries.Edges[1].Node
		admin.mustQuery(t, `mutation($id: ID!, $after: String!) { replayWebhook(id: $id, after: $after) }`, map[string]any{"id": hook.ID, "after": oldest.EventCursor}, &replay)
		if replay.ReplayWebhook != 1 {
			t.Errorf("replay after the placing: %d queued, want the confirmation", replay.ReplayWebhook)
		}
		if r := admin.query(t, `mutation($id: ID!) { replayWebhook(id: $id, after: "99999999") }`, map[string]any{"id": hook.ID}); r.code() != "CURSOR_EXPIRED" {
			t.Errorf("replay from an unknown cursor: %q", r.code())
		}

		// Bad input changes nothing; others may not; a foreign id is NOT_FOUND.
		for _, in := range []map[string]any{
			{"url": "http://", "eventKinds": []string{"DEALER_CHANGED"}},
			{"url": rc.URL, "eventKinds": []string{}},
			{"url": rc.URL, "eventKinds": []string{"DEALER_CHANGED"}, "description": strings.Repeat("x", 501)},
		} {
			if r := admin.query(t, createWebhook, map[string]any{"in": in}); r.code() != "INVALID_INPUT" {
				t.Errorf("create %v: %q", in, r.code())
			}
		}
		var list struct{ Webhooks struct{ TotalCount int } }
		admin.mustQuery(t, `{ webhooks(first: 10) { totalCount } }`, nil, &list)
		if list.Webhooks.TotalCount != 1 {
			t.Errorf("%d webhooks after refused creates", list.Webhooks.TotalCount)
		}
		for name, c := range map[string]client{"dealer": south, "manager": manager} {
			if r := c.query(t, `{ webhooks { totalCount } }`, nil); r.code() != "FORBIDDEN" {
				t.Errorf("%s lists webhooks: %q", name, r.code())
			}
			if r := c.query(t, createWebhook, map[string]any{"in": map[string]any{"url": rc.URL, "eventKinds": []string{"DEALER_CHANGED"}}}); r.code() != "FORBIDDEN" {
				t.Errorf("%s creates a webhook: %q", name, r.code())
			}
			var node struct{ Node *struct{ ID string } }
			c.mustQueryAllowingErrors(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": hook.ID}, &node)
			if node.Node != nil {
				t.Errorf("%s reads the webhook by id", name)
			}
		}
		for _, id := range []string{o.ID, "999999999"} {
			if r := admin.query(t, `mutation($id: ID!) { pauseWebhook(id: $id) { id } }`, map[string]any{"id": id}); r.code() != "NOT_FOUND" {
				t.Errorf("pause %s: %q", id, r.code())
			}
		}
		var paused struct {
			PauseWebhook struct{ Status, PausedReason string }
		}
		admin.mustQuery(t, `mutation($id: ID!) { pauseWebhook(id: $id) { status pausedReason } }`, map[string]any{"id": hook.ID}, &paused)
		if paused.PauseWebhook.Status != "PAUSED" || paused.PauseWebhook.PausedReason == "" {
			t.Errorf("paused: %+v", paused)
		}
	})
}

// startHookInstance is startInstance with webhooks allowed to reach the
// test's loopback receiver.
func startHookInstance(tb testing.TB, databaseURL, redisURL, prefix string) *server.Main {
	tb.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = tb.TempDir()
	cfg.DatabaseURL, cfg.RedisURL, cfg.RedisPrefix = databaseURL, redisURL, prefix
	cfg.WebhookAllowPrivate = true
	m := server.NewMain(cfg)
	m.Out = io.Discard
	m.Log = slog.New(slog.DiscardHandler)
	if err := m.Run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	closeOnCleanup(tb, m)
	return m
}

func TestCluster_EachWebhookEventIsDeliveredOnce(t *testing.T) {
	redisURL := testRedis(t)
	dbURL := storetest.EmptyPostgres(t)
	prefix := redisPrefix(t, redisURL)
	one := startHookInstance(t, dbURL, redisURL, prefix)
	two := startHookInstance(t, dbURL, redisURL, prefix)
	admin := signIn(t, one, "admin@demo.test")
	rc := newHookReceiver(t)
	var created createdWebhook
	admin.mustQuery(t, createWebhook, map[string]any{"in": map[string]any{"url": rc.URL, "eventKinds": []string{"ORDER_STATUS_CHANGED"}}}, &created)
	rc.mu.Lock()
	rc.secret = created.CreateWebhook.Secret
	rc.mu.Unlock()
	cat := loadCatalogue(t, admin)

	const n = 20
	numbers := map[string]bool{}
	for i := range n {
		writer := on([]*server.Main{one, two}[i%2], admin)
		o := place(t, writer, map[string]any{"dealerID": cat.south, "lines": lines(cat.products[i%3], 1)})
		numbers[o.Number] = true
	}
	waitFor(t, time.Minute, "every order's event at the receiver", func() bool { ids, _, _ := rc.received(); return len(ids) >= n })
	// Both instances keep running a while: a second sender or reader
	// would send some again.
	time.Sleep(3 * time.Second)
	ids, bodies, bad := rc.received()
	if len(ids) != n || len(bad) != 0 {
		t.Fatalf("received %d deliveries (%d badly signed), want %d", len(ids), len(bad), n)
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			t.Errorf("%s received twice", id)
		}
		seen[id] = true
		var b struct{ Data struct{ Number string } }
		if err := json.Unmarshal([]byte(bodies[i]), &b); err != nil || !numbers[b.Data.Number] {
			t.Errorf("body %s", bodies[i])
		}
		delete(numbers, b.Data.Number)
	}
	if len(numbers) != 0 {
		t.Errorf("orders not delivered: %v", numbers)
	}
}
