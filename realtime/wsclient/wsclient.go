// Package wsclient is a client of Dealerline's live API: GraphQL
// subscriptions over a websocket, in the graphql-transport-ws protocol that
// the portal's graphql-ws client speaks, or in the legacy graphql-ws one.
// The load tool, the memory benchmark and the server's tests use it. A Conn
// is one socket and holds nothing else (no goroutine, no reconnection), so
// thousands of idle ones cost little; it is read from one goroutine at a
// time.
package wsclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// The two subprotocols.
const (
	TransportWS = "graphql-transport-ws" // what the npm graphql-ws client speaks
	LegacyWS    = "graphql-ws"           // subscriptions-transport-ws, Apollo's older one
)

// writeTimeout bounds each message sent.
const writeTimeout = 10 * time.Second

// Message is one message of either protocol.
type Message struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// Conn is one websocket to a server, speaking Protocol.
type Conn struct {
	*websocket.Conn
	Protocol string
}

// address is the websocket address of the server at base (http://host:port).
func address(base string) string {
	return "ws" + strings.TrimPrefix(strings.TrimRight(base, "/"), "http") + "/graphql"
}

// Dial opens a websocket to the server at base in protocol, with the
// dialer's settings (nil for the defaults). The response is returned too,
// to read a refused upgrade's status.
func Dial(ctx context.Context, dialer *websocket.Dialer, base, protocol string, header http.Header) (*Conn, *http.Response, error) {
	d := websocket.Dialer{HandshakeTimeout: 30 * time.Second}
	if dialer != nil {
		d = *dialer
	}
	d.Subprotocols = []string{protocol}
	conn, res, err := d.DialContext(ctx, address(base), header)
	if err != nil {
		return nil, res, err
	}
	if conn.Subprotocol() != protocol {
		conn.Close()
		return nil, res, fmt.Errorf("the server speaks %q, not %q", conn.Subprotocol(), protocol)
	}
	return &Conn{Conn: conn, Protocol: protocol}, res, nil
}

// Connect opens a graphql-transport-ws connection to the server at base
// and signs it in with token.
func Connect(ctx context.Context, dialer *websocket.Dialer, base, token string) (*Conn, error) {
	c, _, err := Dial(ctx, dialer, base, TransportWS, nil)
	if err != nil {
		return nil, err
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(time.Minute)
	}
	if err := c.SignIn(token, deadline); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Send sends m.
func (c *Conn) Send(m Message) error {
	c.SetWriteDeadline(time.Now().Add(writeTimeout))
	return c.WriteJSON(m)
}

// Init sends connection_init with payload (nil for none).
func (c *Conn) Init(payload any) error {
	m := Message{Type: "connection_init"}
	if payload != nil {
		p, err := json.Marshal(payload)
		if err != nil {
			return err
		}
		m.Payload = p
	}
	return c.Send(m)
}

// SignIn sends connection_init with token, as the portal does, and waits
// until deadline for the server's connection_ack.
func (c *Conn) SignIn(token string, deadline time.Time) error {
	if err := c.Init(map[string]string{"Authorization": "Bearer " + token}); err != nil {
		return err
	}
	m, err := c.Read(deadline)
	if err != nil {
		return err
	}
	if m.Type != "connection_ack" {
		return fmt.Errorf("after connection_init: %s %s", m.Type, m.Payload)
	}
	return nil
}

// Subscribe starts subscription id: query with vars (nil for none).
func (c *Conn) Subscribe(id, query string, vars map[string]any) error {
	p, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	t := "subscribe"
	if c.Protocol == LegacyWS {
		t = "start"
	}
	return c.Send(Message{Type: t, ID: id, Payload: p})
}

// Stop ends subscription id.
func (c *Conn) Stop(id string) error {
	t := "complete"
	if c.Protocol == LegacyWS {
		t = "stop"
	}
	return c.Send(Message{Type: t, ID: id})
}

// Read returns the next message other than keep-alives and pongs,
// answering the server's pings, waiting until deadline (zero: for ever).
// A result is "next" in graphql-transport-ws and "data" in graphql-ws.
func (c *Conn) Read(deadline time.Time) (Message, error) {
	for {
		c.SetReadDeadline(deadline)
		var m Message
		if err := c.ReadJSON(&m); err != nil {
			return m, err
		}
		switch m.Type {
		case "ka", "pong":
			continue
		case "ping":
			if err := c.Send(Message{Type: "pong"}); err != nil {
				return m, err
			}
			continue
		}
		return m, nil
	}
}

// CloseCode is the close code of a read that failed because the server
// closed the connection, or 0.
func CloseCode(err error) int {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return 0
}
