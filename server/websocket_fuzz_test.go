package server_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// closeCodes are the codes the server closes a socket with: gqlgen's for
// the protocols (normal, protocol error, a message too big), and
// Dealerline's (shutdown, try again, signed out, no connection_init).
var closeCodes = map[int]bool{1000: true, 1001: true, 1002: true, 1007: true, 1009: true, 1013: true,
	4400: true, 4401: true, 4403: true, 4408: true, 4409: true, 4429: true}

// messageTypes are the messages the server sends, in either protocol.
var messageTypes = map[string]bool{"connection_ack": true, "ping": true, "pong": true, "next": true, "error": true,
	"complete": true, "ka": true, "data": true, "connection_error": true}

// FuzzWebsocketMessages opens a socket and sends two arbitrary messages,
// as any client may, then reads what the server answers until a ping sent
// after them comes back (the server has read them) or it closes the
// socket. "$TOKEN" in a message stands for a signed-in dealer's token, so
// that signed-in sockets are explored too. Whatever is sent: the server
// stays up; everything it sends is a JSON message of the protocols; it
// acknowledges a socket only when a message carried the token; and it
// closes with a code it documents, never 1011 (an internal error).
func FuzzWebsocketMessages(f *testing.F) {
	subscribe := func(query string) string {
		b, _ := json.Marshal(map[string]any{"type": "subscribe", "id": "1", "payload": map[string]any{"query": query}})
		return string(b)
	}
	initWith := func(payload string) string { return `{"type":"connection_init","payload":` + payload + `}` }
	for _, s := range [][2]string{
		{initWith(`{"Authorization":"Bearer $TOKEN"}`), subscribe(`subscription { orderStatusChanged { cursor to } }`)},
		{initWith(`{"authorization":"bearer   $TOKEN  "}`), `{"type":"ping"}`},
		{initWith(`{"token":"$TOKEN"}`), subscribe(`subscription { orderStatusChanged(after: "-1") { cursor } }`)},
		{initWith(`{"token":"Bearer $TOKEN"}`), subscribe(`subscription { orderStatusChanged(after: "99999999999999999999") { cursor } }`)},
		{initWith(`{"Authorization":"Bearer dlt_not-a-token"}`), subscribe(`subscription { announcementPublished { cursor } }`)},
		{initWith(`{"Authorization":["Bearer $TOKEN"]}`), ""},
		{initWith(`{"Authorization":"Bearer $TOKEN\u0000"}`), ""},
		{initWith(`{"Authorization":"Bearer \u202e$TOKEN"}`), ""},
		{initWith("{\"token\":\"\xff\xfe$TOKEN\"}"), ""},
		{initWith(`null`), ""}, {initWith(`{}`), ""}, {initWith(`"x"`), ""}, {initWith(`[1,2]`), ""},
		{`{"type":"subscribe","id":"1","payload":{"query":"{ __typename }"}}`, ""}, // before connection_init
		{initWith(`{"token":"$TOKEN"}`), subscribe(`{ ` + strings.Repeat("__typename ", 2000) + `}`)},
		{initWith(`{"token":"$TOKEN"}`), subscribe(`subscription { orderStatusChanged ` + strings.Repeat("@aa", 1000) + ` { cursor } }`)},
		{initWith(`{"token":"$TOKEN"}`), subscribe(`mutation { recordPayment(input: {dealerID: "1", amount: "92233720368547757.00", receivedAt: "2026-01-01T00:00:00Z", reference: "P"}) { id } }`)},
		{subscribe(`subscription { orderStatusChanged { cursor } }`), subscribe(`subscription { orderStatusChanged { cursor } }`)},
		{`{"type":"start","id":"1","payload":{"query":"subscription { orderStatusChanged { cursor } }"}}`, `{"type":"stop","id":"1"}`},
		{`{"type":"connection_terminate"}`, ""},
		{`{"type":5}`, `[]`}, {`null`, `{}`}, {"", ""}, {"\x00", "\xff"}, {`{"type":"connection_init","payload":{"token":"$TOKEN"}}` + "\x00", ""},
	} {
		f.Add(false, []byte(s[0]), []byte(s[1]))
		f.Add(true, []byte(s[0]), []byte(s[1]))
	}

	m := startServer(f)
	token := []byte(signIn(f, m, "south@demo.test").token)
	f.Fuzz(func(t *testing.T, legacy bool, first, second []byte) {
		proto := transportWS
		if legacy {
			proto = legacyWS
		}
		w := dial(t, m, proto, nil, nil)
		sent := [][]byte{bytes.ReplaceAll(first, []byte("$TOKEN"), token), bytes.ReplaceAll(second, []byte("$TOKEN"), token)}
		signedIn := bytes.Contains(sent[0], token) || bytes.Contains(sent[1], token)
		for _, msg := range sent {
			w.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if err := w.WriteMessage(websocket.TextMessage, msg); err != nil {
				break // closed already: the reads below say why
			}
		}
		read := false
		w.SetPongHandler(func(string) error {
			read = true
			return w.SetReadDeadline(time.Now())
		})
		w.WriteControl(websocket.PingMessage, []byte("fuzz"), time.Now().Add(10*time.Second))
		w.SetReadDeadline(time.Now().Add(10 * time.Second))
		for {
			_, data, err := w.ReadMessage()
			if err != nil {
				var ce *websocket.CloseError
				switch {
				case errors.As(err, &ce):
					if !closeCodes[ce.Code] {
						t.Fatalf("closed with %d %q after %q, %q", ce.Code, ce.Text, sent[0], sent[1])
					}
				case read:
				default:
					t.Fatalf("no answer to a ping sent after %q, %q: %v", sent[0], sent[1], err)
				}
				break
			}
			var msg struct{ Type string }
			if err := json.Unmarshal(data, &msg); err != nil || !messageTypes[msg.Type] {
				t.Fatalf("the server sent %q (%v)", data, err)
			}
			if msg.Type == "connection_ack" && !signedIn {
				t.Fatalf("acknowledged a socket without the token: %q, %q", sent[0], sent[1])
			}
		}
		resp, err := http.Get(m.URL() + "/healthz")
		if err != nil {
			t.Fatalf("the server is down after %q, %q: %v", sent[0], sent[1], err)
		}
		resp.Body.Close()
	})
}
