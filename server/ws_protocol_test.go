package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/realtime"
)

// The npm graphql-ws client (what the portal and SPAs use) subscribes,
// hears an order placed through the API, completes its subscription and
// runs a query over the same socket. Needs node and graphql-ws installed in
// portal/ or examples/ (npm ci), or in DEALERLINE_NODE_MODULES_DIR.
func TestWebsocket_GraphQLWSClient(t *testing.T) {
	// CI installs both (.ci/run runs npm ci in portal/): there a missing one fails.
	missing := t.Skip
	if os.Getenv("DEALERLINE_REQUIRE_SERVICES") == "1" {
		missing = t.Fatal
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not installed")
	}
	modules := graphqlWSDir()
	if modules == "" {
		missing("graphql-ws is not installed: npm ci in portal/")
	}
	m := startServer(t)
	admin := signIn(t, m, "admin@demo.test")
	south := signIn(t, m, "south@demo.test")
	cat := loadCatalogue(t, admin)
	var cursor struct{ EventCursor string }
	south.mustQuery(t, `{ eventCursor }`, nil, &cursor)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	args := []string{filepath.Join("testdata", "ws-graphql-ws.mjs"), modules,
		"ws" + strings.TrimPrefix(m.URL(), "http") + "/graphql", south.token, cursor.EventCursor}
	if out, _ := exec.Command(node, "--experimental-websocket", "-e", "").CombinedOutput(); len(out) == 0 {
		args = append([]string{"--experimental-websocket"}, args...) // Node 20's WebSocket
	}
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := bufio.NewScanner(stdout)
	next := func() string {
		t.Helper()
		if !out.Scan() {
			cmd.Wait()
			t.Fatalf("the client stopped early: %v", out.Err())
		}
		return out.Text()
	}
	if l := next(); l != "connected" {
		t.Fatalf("client: %q, want connected", l)
	}
	placed := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})

	var event struct {
		Event struct {
			Cursor, To string
			Order      struct{ Number string }
		}
	}
	if err := json.Unmarshal([]byte(next()), &event); err != nil {
		t.Fatal(err)
	}
	if event.Event.Order.Number != placed.Number || event.Event.Cursor == "" {
		t.Errorf("event %+v, want order %s", event.Event, placed.Number)
	}
	var after struct{ Cursor string }
	if err := json.Unmarshal([]byte(next()), &after); err != nil || after.Cursor == "" {
		t.Errorf("query after complete: %+v %v", after, err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("client: %v", err)
	}
}

// graphqlWSDir is a directory whose node_modules holds graphql-ws, or "".
func graphqlWSDir() string {
	for _, dir := range []string{os.Getenv("DEALERLINE_NODE_MODULES_DIR"), "../portal", "../examples"} {
		if dir == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "node_modules", "graphql-ws", "package.json")); err == nil {
			abs, _ := filepath.Abs(dir)
			return abs
		}
	}
	return ""
}

// The legacy graphql-ws protocol, as Apollo's subscriptions-transport-ws
// speaks it: ka after the ack, start and data, stop without an answer and
// the id free again, a query's data then complete, connection_terminate.
func TestWebsocket_LegacyProtocol(t *testing.T) {
	m := startServer(t)
	admin := signIn(t, m, "admin@demo.test")
	south := signIn(t, m, "south@demo.test")
	cat := loadCatalogue(t, admin)

	w := dial(t, m, legacyWS, nil, nil)
	w.init(map[string]string{"Authorization": "Bearer " + south.token})
	for _, want := range []string{"connection_ack", "ka"} {
		w.SetReadDeadline(time.Now().Add(5 * time.Second))
		var msg wsMessage
		if err := w.ReadJSON(&msg); err != nil || msg.Type != want {
			t.Fatalf("after connection_init: %+v %v, want %s", msg, err, want)
		}
	}
	w.subscribe("1", statusChanged, nil)
	time.Sleep(100 * time.Millisecond) // the subscription starts
	placed := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
	var e statusEvent
	w.next("1", 5*time.Second, &e)
	if e.OrderStatusChanged.Order.Number != placed.Number {
		t.Errorf("event %s, want order %s", e, placed.Number)
	}

	// Stopped, it is not answered, and its id may start another.
	w.send(wsMessage{Type: "stop", ID: "1"})
	w.subscribe("1", `{ eventCursor }`, nil)
	if msg := w.read(5 * time.Second); msg.Type != "data" || msg.ID != "1" {
		t.Fatalf("query after stop: %s %s %s", msg.Type, msg.ID, msg.Payload)
	}
	if msg := w.read(5 * time.Second); msg.Type != "complete" || msg.ID != "1" {
		t.Fatalf("after the query's data: %s %s %s", msg.Type, msg.ID, msg.Payload)
	}

	// An unknown message is told with connection_error, then closed.
	w.send(wsMessage{Type: "subscribe", ID: "2"})
	if msg := w.read(5 * time.Second); msg.Type != "connection_error" {
		t.Errorf("unknown message answered %s %s", msg.Type, msg.Payload)
	}
	if code := w.closed(5 * time.Second); code != 1002 {
		t.Errorf("unknown message: closed with %d, want 1002", code)
	}

	w = connect(t, m, legacyWS, south.token)
	w.send(wsMessage{Type: "connection_terminate"})
	if code := w.closed(5 * time.Second); code != 1000 {
		t.Errorf("connection_terminate: closed with %d, want 1000", code)
	}
}

// graphql-transport-ws's rules for messages out of place: ping is answered
// at any time; subscribe before the ack is 4401, a second connection_init
// 4429, a message of no known type 4400.
func TestWebsocket_TransportProtocolErrors(t *testing.T) {
	m := startServer(t)
	south := signIn(t, m, "south@demo.test")

	w := dial(t, m, transportWS, nil, nil)
	w.send(wsMessage{Type: "ping", Payload: json.RawMessage(`{"n":1}`)})
	w.SetReadDeadline(time.Now().Add(5 * time.Second))
	var pong wsMessage
	if err := w.ReadJSON(&pong); err != nil || pong.Type != "pong" || string(pong.Payload) != `{"n":1}` {
		t.Errorf("ping before connection_init: %+v %v", pong, err)
	}
	w.subscribe("1", statusChanged, nil)
	if code := w.closed(5 * time.Second); code != 4401 {
		t.Errorf("subscribe before connection_init: closed with %d, want 4401", code)
	}

	w = connect(t, m, transportWS, south.token)
	w.init(map[string]string{"Authorization": "Bearer " + south.token})
	if code := w.closed(5 * time.Second); code != 4429 {
		t.Errorf("second connection_init: closed with %d, want 4429", code)
	}

	for name, msg := range map[string]string{
		"UnknownType": `{"type":"start","id":"1","payload":{"query":"{ eventCursor }"}}`,
		"NoType":      `{"id":"1"}`,
		"NotAnObject": `[1]`,
		"NoID":        `{"type":"subscribe","payload":{"query":"{ eventCursor }"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			w := connect(t, m, transportWS, south.token)
			if err := w.WriteMessage(1, []byte(msg)); err != nil {
				t.Fatal(err)
			}
			if code := w.closed(5 * time.Second); code != realtime.CloseBadRequest {
				t.Errorf("closed with %d, want 4400", code)
			}
		})
	}
}
