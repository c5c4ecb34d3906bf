package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/realtime/wsclient"
	"github.com/dealerline/dealerline/server"
)

// rawConn is a TCP connection to m that speaks HTTP by hand, so a test can
// send part of a request and see what the server does with the rest.
func rawConn(t *testing.T, m *server.Main) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(m.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	// Only a safety net: each test expects the server to act well before.
	c.SetDeadline(time.Now().Add(20 * time.Second))
	return c
}

// readResponse reads one response from c and its error code, if any.
func readResponse(t *testing.T, c net.Conn, rd *bufio.Reader) (*http.Response, string) {
	t.Helper()
	resp, err := http.ReadResponse(rd, nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var r gqlResponse
	json.Unmarshal(body, &r)
	return resp, r.code()
}

// closedByServer reports whether the server closed c: a read ends with
// EOF rather than the test's own deadline.
func closedByServer(t *testing.T, rd *bufio.Reader) bool {
	t.Helper()
	_, err := rd.ReadByte()
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return false
	}
	return err != nil
}

// The probe trickled a body at a byte every 5 s and was still connected
// after 120 s: the read timeout now cuts it.
func TestHostile_Transport_SlowBodyIsCut(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) { c.HTTP.ReadTimeout = 200 * time.Millisecond })
	c := rawConn(t, m)
	io.WriteString(c, "POST /graphql HTTP/1.1\r\nHost: dealerline\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
	rd := bufio.NewReader(c)
	resp, code := readResponse(t, c, rd)
	if resp.StatusCode != http.StatusBadRequest || code != "INVALID_INPUT" {
		t.Errorf("slow body answered %d %q, want 400 INVALID_INPUT", resp.StatusCode, code)
	}
	if !closedByServer(t, rd) {
		t.Error("the connection of a slow body stayed open")
	}
}

// An idle keep-alive connection is closed after the idle timeout.
func TestHostile_Transport_IdleKeepAliveIsClosed(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) { c.HTTP.IdleTimeout = 200 * time.Millisecond })
	c := rawConn(t, m)
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: dealerline\r\n\r\n")
	rd := bufio.NewReader(c)
	if resp, _ := readResponse(t, c, rd); resp.StatusCode != http.StatusOK || resp.Close {
		t.Fatalf("GET /healthz = %d (close %v), want 200 kept alive", resp.StatusCode, resp.Close)
	}
	if !closedByServer(t, rd) {
		t.Error("an idle keep-alive connection stayed open")
	}
}

// The timeouts of HTTP requests do not cut websockets, which outlive them.
func TestHostile_Transport_TimeoutsSpareWebsockets(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) {
		// Long enough for the sign-in's password hash.
		c.HTTP.ReadTimeout, c.HTTP.WriteTimeout, c.HTTP.IdleTimeout = time.Second, time.Second, time.Second
	})
	w := connect(t, m, transportWS, signIn(t, m, "south@demo.test").token)
	time.Sleep(1500 * time.Millisecond) // past every HTTP timeout
	w.subscribe("1", `subscription { noSuchField }`, nil)
	// The answer, whatever it is, comes over the same connection.
	if msg := w.read(5 * time.Second); msg.ID != "1" || !strings.Contains(string(msg.Payload), "INVALID_INPUT") {
		t.Errorf("after the HTTP timeouts: %s %s %s, want the subscription refused", msg.Type, msg.ID, msg.Payload)
	}
}

// The probe held 1,500 connections from one client. Over the cap, a
// connection is answered 429 RATE_LIMITED and closed; one closed makes room;
// websockets do not count against it (they have their own cap).
func TestHostile_Transport_ConnectionsOverTheCapAreRefused(t *testing.T) {
	const most = 3
	m := startServerWith(t, "", func(c *server.Config) { c.HTTP.MaxConnsPerClient = most })
	token := signIn(t, m, "south@demo.test").token
	http.DefaultClient.CloseIdleConnections() // the sign-in's connection counts too
	for range most {
		connect(t, m, transportWS, token)
	}

	held := make([]net.Conn, most)
	for i := range held {
		held[i] = rawConn(t, m)
		io.WriteString(held[i], "POST /graphql HTTP/1.1\r\nHost: dealerline\r\nContent-Length: 100\r\n\r\n{") // a body that never comes
	}
	over := rawConn(t, m)
	rd := bufio.NewReader(over)
	if resp, code := readResponse(t, over, rd); resp.StatusCode != http.StatusTooManyRequests || code != "RATE_LIMITED" {
		t.Errorf("connection %d answered %d %q, want 429 RATE_LIMITED", most+1, resp.StatusCode, code)
	}
	if !closedByServer(t, rd) {
		t.Error("a refused connection stayed open")
	}

	held[0].Close()
	if !eventuallyServed(t, m) {
		t.Error("a connection closed made no room for another")
	}
}

// eventuallyServed reports whether GET /healthz on a new connection is
// answered 200 within a few tries: a closed connection is counted out when
// the server notices.
func eventuallyServed(t *testing.T, m *server.Main) bool {
	t.Helper()
	for range 100 {
		c := rawConn(t, m)
		io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: dealerline\r\nConnection: close\r\n\r\n")
		resp, _ := readResponse(t, c, bufio.NewReader(c))
		c.Close()
		if resp.StatusCode == http.StatusOK {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// The probe opened 300 signed-in websockets from one address. Over the cap
// the upgrade is refused with 429 RATE_LIMITED; one closed makes room.
func TestHostile_Transport_WebsocketsOverTheCapAreRefused(t *testing.T) {
	const most = 3
	forEachStoreWith(t, func(c *server.Config) { c.Websocket.MaxPerClient = most }, func(t *testing.T, m *server.Main) {
		token := signIn(t, m, "south@demo.test").token
		open := make([]*ws, most)
		for i := range open {
			open[i] = connect(t, m, transportWS, token)
		}
		if status, code := refusedUpgrade(t, m, nil); status != http.StatusTooManyRequests || code != "RATE_LIMITED" {
			t.Errorf("websocket %d answered %d %q, want 429 RATE_LIMITED", most+1, status, code)
		}
		open[0].Close()
		for i := 0; ; i++ {
			status, _ := refusedUpgrade(t, m, nil)
			if status == http.StatusSwitchingProtocols {
				break
			}
			if i == 100 {
				t.Fatal("a websocket closed made no room for another")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

// refusedUpgrade tries a websocket to m and returns the status of the
// answer (101 when it was accepted, then closed) and the refusal's code.
func refusedUpgrade(t *testing.T, m *server.Main, header http.Header) (int, string) {
	t.Helper()
	conn, resp, err := wsclient.Dial(context.Background(), nil, m.URL(), transportWS, header)
	if err == nil {
		conn.Close()
		return http.StatusSwitchingProtocols, ""
	}
	if resp == nil {
		t.Fatalf("dial: %v", err)
	}
	var r gqlResponse
	json.NewDecoder(resp.Body).Decode(&r)
	return resp.StatusCode, r.code()
}

// Over the request rate a token is refused with 429 RATE_LIMITED and
// Retry-After, and its refused mutation changes nothing; other tokens, and
// requests not signed in (counted by address), have buckets of their own.
func TestHostile_Transport_RequestsOverTheRateAreRefused(t *testing.T) {
	const burst = 4
	forEachStoreWith(t, func(c *server.Config) {
		c.HTTP.RequestRate, c.HTTP.RequestBurst = 0.001, burst // no refill within the test
	}, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		other := signIn(t, m, "admin@demo.test") // another token of its own
		channels := func(c client) int {
			var got struct{ Channels struct{ TotalCount int } }
			c.mustQuery(t, `{ channels { totalCount } }`, nil, &got)
			return got.Channels.TotalCount
		}
		before := channels(admin)
		for range burst - 1 {
			channels(admin)
		}
		resp, code := sendAs(t, m, admin.token, nil, `mutation { createChannel(input: {code: "RL", name: "Rate limited"}) { id } }`)
		if resp.StatusCode != http.StatusTooManyRequests || code != "RATE_LIMITED" {
			t.Fatalf("request %d answered %d %q, want 429 RATE_LIMITED", burst+1, resp.StatusCode, code)
		}
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || s < 1 {
			t.Errorf("Retry-After %q, want whole seconds", resp.Header.Get("Retry-After"))
		}
		// Another token still has its burst: it sees the refused
		// mutation made nothing.
		if got := channels(other); got != before {
			t.Errorf("%d channels after the refused mutation, want %d", got, before)
		}

		// Not signed in: by address. Two sign-ins spent two.
		for i := range burst - 2 {
			if resp, code := sendAs(t, m, "", nil, `{ __typename }`); resp.StatusCode != http.StatusOK {
				t.Fatalf("anonymous request %d answered %d %q", i+3, resp.StatusCode, code)
			}
		}
		if resp, code := sendAs(t, m, "", nil, `{ __typename }`); resp.StatusCode != http.StatusTooManyRequests || code != "RATE_LIMITED" {
			t.Errorf("anonymous request %d answered %d %q, want 429 RATE_LIMITED", burst+1, resp.StatusCode, code)
		}
		// A made-up token is counted by address too.
		if resp, code := sendAs(t, m, "dlt_made-up", nil, `{ __typename }`); resp.StatusCode != http.StatusTooManyRequests || code != "RATE_LIMITED" {
			t.Errorf("a made-up token answered %d %q, want 429 RATE_LIMITED", resp.StatusCode, code)
		}
	})
}

// sendAs posts query to m with token and extra headers and returns the
// response and its error code.
func sendAs(t *testing.T, m *server.Main, token string, header http.Header, query string) (*http.Response, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, m.URL()+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, r := send(t, req)
	return resp, r.code()
}

// Behind a trusted proxy, the client of X-Forwarded-For is the one counted
// by the request rate and the websocket cap, and the proxy's own
// connections are not capped; from anyone else the header is ignored.
func TestHostile_Transport_TrustedProxyForwardedForIsCounted(t *testing.T) {
	set := func(c *server.Config) {
		c.HTTP.RequestRate, c.HTTP.RequestBurst = 0.001, 2
		c.HTTP.MaxConnsPerClient = 1
		c.Websocket.MaxPerClient = 1
	}
	from := func(client string) http.Header { return http.Header{"X-Forwarded-For": {client}} }

	t.Run("Trusted", func(t *testing.T) {
		m := startServerWith(t, "", func(c *server.Config) {
			set(c)
			c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		})
		// Two connections of the proxy held at once.
		for range 2 {
			c := rawConn(t, m)
			io.WriteString(c, "POST /graphql HTTP/1.1\r\nHost: dealerline\r\nContent-Length: 100\r\n\r\n{")
		}
		for range 2 {
			if resp, code := sendAs(t, m, "", from("203.0.113.7"), `{ __typename }`); resp.StatusCode != http.StatusOK {
				t.Fatalf("client A within its burst: %d %q", resp.StatusCode, code)
			}
		}
		if resp, code := sendAs(t, m, "", from("203.0.113.7"), `{ __typename }`); resp.StatusCode != http.StatusTooManyRequests || code != "RATE_LIMITED" {
			t.Errorf("client A over its rate: %d %q, want 429 RATE_LIMITED", resp.StatusCode, code)
		}
		if resp, code := sendAs(t, m, "", from("203.0.113.8"), `{ __typename }`); resp.StatusCode != http.StatusOK {
			t.Errorf("client B behind the same proxy: %d %q, want 200", resp.StatusCode, code)
		}

		a, _, err := wsclient.Dial(context.Background(), nil, m.URL(), transportWS, from("203.0.113.7"))
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		if status, code := refusedUpgrade(t, m, from("203.0.113.7")); status != http.StatusTooManyRequests || code != "RATE_LIMITED" {
			t.Errorf("client A's second websocket: %d %q, want 429 RATE_LIMITED", status, code)
		}
		if status, code := refusedUpgrade(t, m, from("203.0.113.8")); status != http.StatusSwitchingProtocols {
			t.Errorf("client B's websocket: %d %q, want accepted", status, code)
		}
	})
	t.Run("Untrusted", func(t *testing.T) {
		m := startServerWith(t, "", set)
		for _, client := range []string{"203.0.113.7", "203.0.113.8"} {
			if resp, code := sendAs(t, m, "", from(client), `{ __typename }`); resp.StatusCode != http.StatusOK {
				t.Fatalf("within the burst: %d %q", resp.StatusCode, code)
			}
		}
		if resp, code := sendAs(t, m, "", from("203.0.113.9"), `{ __typename }`); resp.StatusCode != http.StatusTooManyRequests || code != "RATE_LIMITED" {
			t.Errorf("a forged X-Forwarded-For escaped the rate: %d %q, want 429 RATE_LIMITED", resp.StatusCode, code)
		}
	})
}

// Operations sent over an open websocket spend from the token's bucket too:
// one over the rate is refused RATE_LIMITED, and the socket stays open.
func TestHostile_Transport_WebsocketOperationsOverTheRateAreRefused(t *testing.T) {
	const burst = 4
	m := startServerWith(t, "", func(c *server.Config) {
		c.HTTP.RequestRate, c.HTTP.RequestBurst = 0.001, burst // no refill within the test
	})
	south := signIn(t, m, "south@demo.test") // spends one of the address's, not the token's
	w := connect(t, m, transportWS, south.token)
	for i := range burst {
		id := strconv.Itoa(i)
		w.subscribe(id, `{ me { email } }`, nil)
		var got struct{ Me struct{ Email string } }
		w.next(id, 5*time.Second, &got)
		if got.Me.Email != "south@demo.test" {
			t.Fatalf("operation %d answered %+v", i+1, got)
		}
		if msg := w.read(5 * time.Second); msg.Type != "complete" || msg.ID != id {
			t.Fatalf("after operation %d: %s %s", i+1, msg.Type, msg.ID)
		}
	}
	w.subscribe("over", `{ me { email } }`, nil)
	e := w.subscriptionError("over")
	if e.code() != "RATE_LIMITED" {
		t.Fatalf("operation %d: %+v, want RATE_LIMITED", burst+1, e)
	}
	if s, ok := e.Extensions["retryAfter"].(float64); !ok || s < 1 {
		t.Errorf("retryAfter %v, want whole seconds", e.Extensions["retryAfter"])
	}
	// The socket is still open: the next operation is answered, refused
	// again.
	w.subscribe("again", `{ me { email } }`, nil)
	if e := w.subscriptionError("again"); e.code() != "RATE_LIMITED" {
		t.Fatalf("the next operation: %+v, want RATE_LIMITED", e)
	}
}
