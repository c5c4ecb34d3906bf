package server_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/realtime/wsclient"
	"github.com/dealerline/dealerline/server"
)

func TestWebsocket_RefusesABadTokenWith4403(t *testing.T) {
	m := startServer(t)
	for _, proto := range []string{transportWS, legacyWS} {
		for name, payload := range map[string]any{
			"UnknownToken": map[string]string{"Authorization": "Bearer dlt_not-a-token"},
			"NoToken":      map[string]string{},
			"NoPayload":    nil,
		} {
			t.Run(proto+"/"+name, func(t *testing.T) {
				w := dial(t, m, proto, nil, nil)
				w.init(payload)
				if code := w.closed(5 * time.Second); code != realtime.CloseSignedOut {
					t.Errorf("closed with %d, want 4403", code)
				}
			})
		}
	}
}

// A connection_init whose payload is not an object is closed at once, not
// left open and unread.
func TestWebsocket_ClosesAnInitThatIsNotAnObject(t *testing.T) {
	m := startServer(t)
	for _, proto := range []string{transportWS, legacyWS} {
		for name, payload := range map[string]any{"String": "x", "Array": []int{1, 2}} {
			t.Run(proto+"/"+name, func(t *testing.T) {
				w := dial(t, m, proto, nil, nil)
				w.init(payload)
				if code := w.closed(5 * time.Second); code != realtime.CloseBadRequest {
					t.Errorf("closed with %d, want 4400", code)
				}
			})
		}
	}
}

func TestWebsocket_AcceptsTheTokenUnderEachKey(t *testing.T) {
	m := startServer(t)
	south := signIn(t, m, "south@demo.test")
	for _, payload := range []map[string]string{
		{"Authorization": "Bearer " + south.token},
		{"authorization": "Bearer " + south.token},
		{"token": south.token},
	} {
		w := dial(t, m, transportWS, nil, nil)
		w.init(payload)
		if msg := w.read(5 * time.Second); msg.Type != "connection_ack" {
			t.Errorf("init %v: %s %s", payload, msg.Type, msg.Payload)
		}
	}
	// A non-browser client may send the header on the upgrade instead.
	w := dial(t, m, transportWS, http.Header{"Authorization": {"Bearer " + south.token}}, nil)
	w.init(nil)
	if msg := w.read(5 * time.Second); msg.Type != "connection_ack" {
		t.Errorf("header token: %s %s", msg.Type, msg.Payload)
	}
}

func TestWebsocket_ClosesWith4408WithoutInit(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) { c.Websocket.InitTimeout = 300 * time.Millisecond })
	for _, proto := range []string{transportWS, legacyWS} {
		w := dial(t, m, proto, nil, nil)
		start := time.Now()
		if code := w.closed(5 * time.Second); code != realtime.CloseInitTimeout {
			t.Errorf("%s: closed with %d, want 4408", proto, code)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: closed after %v", proto, d)
		}
	}
}

func TestWebsocket_ClosesWith1001OnShutdown(t *testing.T) {
	m := startServerWith(t, "", func(*server.Config) {})
	south := signIn(t, m, "south@demo.test")
	conns := []*ws{connect(t, m, transportWS, south.token), connect(t, m, legacyWS, south.token)}
	conns[0].subscribe("1", statusChanged, nil)
	done := make(chan error)
	go func() { done <- m.Close() }()
	for _, w := range conns {
		if code := w.closed(5 * time.Second); code != realtime.CloseGoingAway {
			t.Errorf("%s: closed with %d, want 1001", w.Protocol, code)
		}
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
}

func TestWebsocket_PingPong(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) { c.Websocket.PingInterval = 200 * time.Millisecond })
	south := signIn(t, m, "south@demo.test")
	t.Run(transportWS, func(t *testing.T) {
		w := connect(t, m, transportWS, south.token)
		w.SetReadDeadline(time.Now().Add(2 * time.Second))
		var msg wsMessage
		if err := w.ReadJSON(&msg); err != nil || msg.Type != "ping" {
			t.Fatalf("want a ping: %+v %v", msg, err)
		}
		// A client that stops answering is cut off after two intervals.
		if _, err := w.tryRead(3 * time.Second); err == nil {
			t.Fatal("got a message")
		}
	})
	t.Run(legacyWS, func(t *testing.T) {
		w := connect(t, m, legacyWS, south.token)
		w.SetReadDeadline(time.Now().Add(2 * time.Second))
		for range 2 {
			var msg wsMessage
			if err := w.ReadJSON(&msg); err != nil || msg.Type != "ka" {
				t.Fatalf("want keep-alives: %+v %v", msg, err)
			}
		}
	})
}

func TestWebsocket_ChecksTheOrigin(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) { c.AllowedOrigins = []string{"https://portal.example.com"} })
	south := signIn(t, m, "south@demo.test")
	host := strings.TrimPrefix(m.URL(), "http://")
	for _, tc := range []struct {
		origin string
		ok     bool
	}{
		{"", true},                           // not a browser
		{"http://" + host, true},             // this site
		{"https://portal.example.com", true}, // allowed
		{"https://evil.example", false},      // cross-site websocket hijacking
		{"https://portal.example.com.evil", false},
	} {
		h := http.Header{}
		if tc.origin != "" {
			h.Set("Origin", tc.origin)
		}
		c, resp, err := wsclient.Dial(context.Background(), nil, m.URL(), transportWS, h)
		if tc.ok != (err == nil) {
			t.Errorf("origin %q: err %v", tc.origin, err)
		}
		if err == nil {
			if err := c.SignIn(south.token, time.Now().Add(5*time.Second)); err != nil {
				t.Errorf("origin %q: %v", tc.origin, err)
			}
			c.Close()
		} else if resp == nil || resp.StatusCode != http.StatusForbidden {
			t.Errorf("origin %q: response %v, want 403", tc.origin, resp)
		}
	}
}

func TestWebsocket_RevokedTokensAreDisconnected(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		south := signIn(t, m, "south@demo.test")
		other := signIn(t, m, "south@demo.test") // a second session
		var api struct {
			CreateApiToken struct {
				Secret   string
				APIToken struct{ ID string } `json:"apiToken"`
			}
		}
		south.mustQuery(t, `mutation { createApiToken(name: "phone") { secret apiToken { id } } }`, nil, &api)

		loggedOut := connect(t, m, transportWS, south.token)
		revoked := connect(t, m, legacyWS, api.CreateApiToken.Secret)
		stays := connect(t, m, transportWS, other.token)

		other.mustQuery(t, `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, map[string]any{"id": api.CreateApiToken.APIToken.ID}, &struct{}{})
		if code := revoked.closed(5 * time.Second); code != realtime.CloseSignedOut {
			t.Errorf("revoked API token: closed with %d, want 4403", code)
		}
		south.mustQuery(t, `mutation { logout }`, nil, &struct{}{})
		if code := loggedOut.closed(5 * time.Second); code != realtime.CloseSignedOut {
			t.Errorf("logged out: closed with %d, want 4403", code)
		}
		// The other session is still connected, and still served.
		stays.subscribe("1", `subscription { orderStatusChanged { cursor } }`, nil)
		if _, err := stays.tryRead(300 * time.Millisecond); err != nil && !isTimeout(err) {
			t.Errorf("the other session's socket: %v", err)
		}
		// A revoked token cannot connect again.
		w := dial(t, m, transportWS, nil, nil)
		w.init(map[string]string{"Authorization": "Bearer " + south.token})
		if code := w.closed(5 * time.Second); code != realtime.CloseSignedOut {
			t.Errorf("reconnecting with a revoked token: %d, want 4403", code)
		}
	})
}

func TestWebsocket_ClosesWhenTheSessionExpires(t *testing.T) {
	// Long enough to sign in and connect on a busy machine; the socket must
	// then close by itself when the session ends, with no request made.
	m := startServerWith(t, "", func(c *server.Config) { c.SessionTTL = 6 * time.Second })
	south := signIn(t, m, "south@demo.test")
	w := connect(t, m, transportWS, south.token)
	if code := w.closed(20 * time.Second); code != realtime.CloseSignedOut {
		t.Errorf("closed with %d, want 4403", code)
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errorsAs(err, &ne) && ne.Timeout()
}

func TestWebsocket_CapsSubscriptionsAndRefusesExpiredCursors(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) { c.Websocket.MaxSubscriptions = 3 })
	south := signIn(t, m, "south@demo.test")
	for _, proto := range []string{transportWS, legacyWS} {
		t.Run(proto, func(t *testing.T) {
			w := connect(t, m, proto, south.token)
			for i := range 3 {
				w.subscribe(string(rune('a'+i)), statusChanged, nil)
			}
			time.Sleep(100 * time.Millisecond) // subscriptions start concurrently
			w.subscribe("d", statusChanged, nil)
			if e := w.subscriptionError("d"); e.code() != "RATE_LIMITED" {
				t.Errorf("fourth subscription: %+v", e)
			}
			w.send(wsMessage{Type: map[string]string{transportWS: "complete", legacyWS: "stop"}[proto], ID: "a"})
			time.Sleep(100 * time.Millisecond) // the stop is handled
			w.subscribe("e", statusChanged, map[string]any{"after": "99999"})
			if e := w.subscriptionError("e"); e.code() != "CURSOR_EXPIRED" {
				t.Errorf("unknown cursor: %+v", e)
			}
			w.subscribe("f", statusChanged, map[string]any{"after": "yesterday"})
			if e := w.subscriptionError("f"); e.code() != "INVALID_INPUT" {
				t.Errorf("malformed cursor: %+v", e)
			}
		})
	}
}

// A reader too slow to take its events is closed with 1013 (it resumes from
// its cursor), and a fast one keeps receiving them promptly meanwhile.
func TestWebsocket_ClosesASlowReaderWith1013(t *testing.T) {
	forEachStoreWith(t, func(c *server.Config) {
		c.Websocket.QueueLen = 4
		c.Websocket.WriteTimeout = 5 * time.Second
		c.Websocket.SendBuffer = 8 << 10
	}, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)

		// The slow reader's socket takes little into its buffers.
		small := &websocket.Dialer{NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
				return c.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
			}}
			return d.DialContext(ctx, network, addr)
		}}
		slow := dial(t, m, transportWS, nil, small)
		slow.init(map[string]string{"Authorization": "Bearer " + admin.token})
		if msg := slow.read(5 * time.Second); msg.Type != "connection_ack" {
			t.Fatal(msg.Type)
		}
		// A big selection, so that each event is large.
		slow.subscribe("1", `subscription { orderStatusChanged { cursor order { id number note lines { sku quantity unitPrice amount product { name sku } } } } }`, nil)
		fast := connect(t, m, transportWS, south.token)
		fast.subscribe("1", statusChanged, nil)
		time.Sleep(100 * time.Millisecond)

		note := strings.Repeat("Deliver to the back door, ring twice. ", 50)
		products := cat.products
		if len(products) > 20 {
			products = products[:20]
		}
		var ls []map[string]any
		for _, p := range products {
			ls = append(ls, map[string]any{"productID": p, "quantity": 1})
		}
		for i := range 16 {
			o := place(t, south, map[string]any{"lines": ls, "note": note})
			var e statusEvent
			start := time.Now()
			fast.next("1", 5*time.Second, &e)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("event %d reached the fast reader after %v", i, d)
			}
			if e.OrderStatusChanged.Order.Number != o.Number {
				t.Fatalf("fast reader got %s, want %s", e, o.Number)
			}
		}
		// Now the slow one reads: what fitted, then 1013.
		if code := slow.closed(10 * time.Second); code != realtime.CloseTryAgain {
			t.Errorf("slow reader closed with %d, want 1013", code)
		}
		// And the fast one goes on.
		o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
		var e statusEvent
		if fast.next("1", 5*time.Second, &e); e.OrderStatusChanged.Order.Number != o.Number {
			t.Errorf("fast reader got %s, want %s", e, o.Number)
		}
	})
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
