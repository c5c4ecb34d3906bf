package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/dealerline/dealerline/realtime/wsclient"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

const (
	transportWS = wsclient.TransportWS
	legacyWS    = wsclient.LegacyWS
)

// startServerWith is startServerOn with settings changed by set.
func startServerWith(tb testing.TB, databaseURL string, set func(*server.Config)) *server.Main {
	tb.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = tb.TempDir()
	cfg.DatabaseURL = databaseURL
	set(&cfg)
	m := server.NewMain(cfg)
	m.Out = io.Discard
	if err := m.Run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Error(err)
		}
	})
	return m
}

func forEachStoreWith(t *testing.T, set func(*server.Config), fn func(t *testing.T, m *server.Main)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, startServerWith(t, "", set)) })
	t.Run("postgres", func(t *testing.T) { fn(t, startServerWith(t, storetest.EmptyPostgres(t), set)) })
}

// ws is a websocket client of a test: a failure to talk is the test's.
type ws struct {
	*wsclient.Conn
	tb testing.TB
}

type wsMessage = wsclient.Message

func dial(tb testing.TB, m *server.Main, proto string, header http.Header, dialer *websocket.Dialer) *ws {
	tb.Helper()
	conn, resp, err := wsclient.Dial(context.Background(), dialer, m.URL(), proto, header)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		tb.Fatalf("dial: %v (status %d)", err, status)
	}
	tb.Cleanup(func() { conn.Close() })
	return &ws{Conn: conn, tb: tb}
}

func (w *ws) send(msg wsMessage) {
	w.tb.Helper()
	if err := w.Send(msg); err != nil {
		w.tb.Fatalf("send %s: %v", msg.Type, err)
	}
}

func (w *ws) init(payload any) {
	w.tb.Helper()
	if err := w.Init(payload); err != nil {
		w.tb.Fatalf("connection_init: %v", err)
	}
}

// connect opens a signed-in connection.
func connect(tb testing.TB, m *server.Main, proto, token string) *ws {
	tb.Helper()
	w := dial(tb, m, proto, nil, nil)
	if err := w.SignIn(token, time.Now().Add(5*time.Second)); err != nil {
		tb.Fatal(err)
	}
	return w
}

// read returns the next message other than keep-alives, answering pings.
func (w *ws) read(within time.Duration) wsMessage {
	w.tb.Helper()
	msg, err := w.tryRead(within)
	if err != nil {
		w.tb.Fatalf("read: %v", err)
	}
	return msg
}

func (w *ws) tryRead(within time.Duration) (wsMessage, error) {
	return w.Read(time.Now().Add(within))
}

func (w *ws) subscribe(id, query string, vars map[string]any) {
	w.tb.Helper()
	if err := w.Subscribe(id, query, vars); err != nil {
		w.tb.Fatalf("subscribe %s: %v", id, err)
	}
}

// next returns the data of subscription id's next event.
func (w *ws) next(id string, within time.Duration, out any) {
	w.tb.Helper()
	msg := w.read(within)
	var p struct {
		Data   json.RawMessage
		Errors []gqlError
	}
	json.Unmarshal(msg.Payload, &p)
	if msg.ID != id || (msg.Type != "next" && msg.Type != "data") || len(p.Errors) > 0 {
		w.tb.Fatalf("waiting for an event of %s: %s %s %s", id, msg.Type, msg.ID, msg.Payload)
	}
	if err := json.Unmarshal(p.Data, out); err != nil {
		w.tb.Fatal(err)
	}
}

// subscriptionError reads the error that ends subscription id.
func (w *ws) subscriptionError(id string) gqlError {
	w.tb.Helper()
	msg := w.read(5 * time.Second)
	for msg.Type == "complete" && msg.ID != id { // the end of an earlier one
		msg = w.read(5 * time.Second)
	}
	var errs []gqlError
	if msg.Type == "data" || msg.Type == "next" { // a resolver's error: a result with errors
		var p struct{ Errors []gqlError }
		json.Unmarshal(msg.Payload, &p)
		errs = p.Errors
	} else {
		json.Unmarshal(msg.Payload, &errs)
	}
	if msg.ID != id || len(errs) == 0 {
		w.tb.Fatalf("waiting for an error of %s: %s %s %s", id, msg.Type, msg.ID, msg.Payload)
	}
	return errs[0]
}

// closed reads until the server closes, and returns its close code.
func (w *ws) closed(within time.Duration) int {
	w.tb.Helper()
	for {
		_, err := w.tryRead(within)
		if err == nil {
			continue
		}
		if code := wsclient.CloseCode(err); code != 0 {
			return code
		}
		w.tb.Fatalf("waiting for the server to close: %v", err)
	}
}

func (c gqlError) code() string { s, _ := c.Extensions["code"].(string); return s }

const statusChanged = `subscription($order: ID, $after: String) {
	orderStatusChanged(orderID: $order, after: $after) { cursor from to actorName note order { id number status dealer { code } } } }`

type statusEvent struct {
	OrderStatusChanged struct {
		Cursor, To, ActorName string
		From, Note            *string
		Order                 struct {
			ID, Number, Status string
			Dealer             struct{ Code string }
		}
	}
}

func (e statusEvent) String() string {
	s := e.OrderStatusChanged
	return fmt.Sprintf("%s %s→%s", s.Order.Number, deref(s.From), s.To)
}

func deref(s *string) string {
	if s == nil {
		return "·"
	}
	return *s
}

func move(t *testing.T, c client, order, to string) {
	t.Helper()
	var got struct{ TransitionOrder struct{ Status string } }
	c.mustQuery(t, `mutation($id: ID!, $to: OrderStatus!) { transitionOrder(id: $id, to: $to, note: "by the test") { status } }`,
		map[string]any{"id": order, "to": to}, &got)
}

// expectEvents reads n events of subscription id and returns them as
// "number from→to".
func (w *ws) expectEvents(id string, n int) ([]string, []statusEvent) {
	w.tb.Helper()
	var names []string
	var events []statusEvent
	for range n {
		var e statusEvent
		w.next(id, 5*time.Second, &e)
		names = append(names, e.String())
		events = append(events, e)
	}
	return names, events
}

func TestRealtime_EachSeesItsOwnOrdersInOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		cat := loadCatalogue(t, admin)

		southWS := connect(t, m, transportWS, south.token)
		southWS.subscribe("1", statusChanged, nil)
		northWS := connect(t, m, legacyWS, north.token) // the distributor, on the legacy protocol
		northWS.subscribe("a", statusChanged, nil)
		adminWS := connect(t, m, transportWS, admin.token)
		adminWS.subscribe("x", statusChanged, nil)
		time.Sleep(100 * time.Millisecond) // the subscriptions are registered

		own := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
		subs := place(t, admin, map[string]any{"dealerID": cat.sub, "lines": lines(cat.products[1], 1)})
		move(t, admin, own.ID, "CONFIRMED")
		move(t, admin, subs.ID, "CONFIRMED")
		move(t, admin, own.ID, "IN_FULFILLMENT")
		move(t, south, place(t, south, map[string]any{"lines": lines(cat.products[2], 1)}).ID, "CANCELLED")

		got, events := southWS.expectEvents("1", 5)
		want := []string{
			own.Number + " ·→SUBMITTED", own.Number + " SUBMITTED→CONFIRMED", own.Number + " CONFIRMED→IN_FULFILLMENT",
		}
		if strings.Join(got[:3], ", ") != strings.Join(want, ", ") || !strings.HasSuffix(got[4], "SUBMITTED→CANCELLED") {
			t.Errorf("south received %q; want %q, then its second order placed and cancelled, and nothing of others", got, want)
		}
		if e := events[1].OrderStatusChanged; e.ActorName != "Chen Jing" || deref(e.Note) != "by the test" || e.Order.Dealer.Code != "D-SOUTH" {
			t.Errorf("event %+v", e)
		}

		got, _ = northWS.expectEvents("a", 2)
		want = []string{subs.Number + " ·→SUBMITTED", subs.Number + " SUBMITTED→CONFIRMED"}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("north received %q; want %q", got, want)
		}
		if _, err := northWS.tryRead(300 * time.Millisecond); err == nil {
			t.Error("north received an event of another dealer")
		}

		// The admin sees all seven, each cursor after the one before.
		_, events = adminWS.expectEvents("x", 7)
		for i := 1; i < len(events); i++ {
			prev, _ := strconv.Atoi(events[i-1].OrderStatusChanged.Cursor)
			if cur, _ := strconv.Atoi(events[i].OrderStatusChanged.Cursor); cur <= prev {
				t.Errorf("cursor %d after %d", cur, prev)
			}
		}
	})
}

func TestRealtime_ResumesWithWhatWasMissed(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)

		// Read the data and the cursor together, then subscribe after it:
		// what happened in between is replayed.
		var before struct{ EventCursor string }
		south.mustQuery(t, `{ orders { totalCount } eventCursor }`, nil, &before)
		o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
		w := connect(t, m, transportWS, south.token)
		w.subscribe("1", statusChanged, map[string]any{"after": before.EventCursor})
		got, events := w.expectEvents("1", 1)
		if got[0] != o.Number+" ·→SUBMITTED" {
			t.Fatalf("after eventCursor: %q", got)
		}
		last := events[0].OrderStatusChanged.Cursor
		w.Close()

		// Missed while away.
		move(t, admin, o.ID, "CONFIRMED")
		move(t, admin, o.ID, "IN_FULFILLMENT")

		// Back with the last cursor: exactly what was missed, then live.
		w = connect(t, m, legacyWS, south.token)
		w.subscribe("1", statusChanged, map[string]any{"after": last})
		replayed, _ := w.expectEvents("1", 2)
		o2 := place(t, admin, map[string]any{"dealerID": cat.south, "lines": lines(cat.products[1], 1)})
		move(t, admin, o2.ID, "CONFIRMED")
		live, _ := w.expectEvents("1", 2)
		want := []string{
			o.Number + " SUBMITTED→CONFIRMED", o.Number + " CONFIRMED→IN_FULFILLMENT",
			o2.Number + " ·→SUBMITTED", o2.Number + " SUBMITTED→CONFIRMED",
		}
		if got := append(replayed, live...); strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("resumed with %q; want %q", got, want)
		}
		if _, err := w.tryRead(300 * time.Millisecond); err == nil {
			t.Error("received more than what was missed and what followed")
		}
	})
}
