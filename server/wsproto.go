package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/graph"
	"github.com/dealerline/dealerline/realtime"
)

// wsTransport serves GraphQL over the websockets sockets.guard upgraded,
// in graphql-transport-ws (what the npm graphql-ws client speaks) and the
// legacy graphql-ws, over gqlgen's executor.
//
// It is gqlgen's transport.Websocket made to cost little while idle: one
// reader goroutine per connection, started shallow; no goroutine watching
// the connection's context (closing it cancels it); keep-alives from a
// timer; and no goroutine per subscription: a subscription's events are
// taken from its channel only when the hub says one waits (graph.Driver),
// by a goroutine that ends once they are sent.
type wsTransport struct {
	sockets *sockets
	signIn  wsSignIn
	log     *slog.Logger
}

// wsSignIn signs a connection in with its connection_init payload, and
// returns the connection's context. Its error is a *closeError.
type wsSignIn func(ctx context.Context, c *socket, payload transport.InitPayload) (context.Context, error)

// closeError refuses a connection_init: the message is the client's
// connection_error (legacy graphql-ws), code and reason the close frame's.
type closeError struct {
	code   int
	reason string
	err    error
}

func (e *closeError) Error() string { return e.err.Error() }
func (e *closeError) Unwrap() error { return e.err }

// readLimit bounds one message from a client, as gqlgen's default.
const readLimit = 1 << 20

var _ graphql.Transport = (*wsTransport)(nil)

func (t *wsTransport) Supports(r *http.Request) bool { return r.Header.Get("Upgrade") != "" }

// Do takes the socket guard upgraded and serves it from a goroutine of its
// own, so that the request's deep stack is not the connection's.
func (t *wsTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	slot, ok := r.Context().Value(socketKey{}).(*socketSlot)
	if !ok || slot.accepted {
		writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput, "the websocket was not upgraded by the server"))
		return
	}
	slot.accepted = true
	c := slot.socket
	c.exec = exec
	c.signIn = t.signIn
	c.log = t.log
	c.ctx = r.Context()
	c.ws.SetReadLimit(readLimit)
	go c.serve()
}

// socket is one websocket connection: its reader, its operations, and its
// writes, one message at a time. closeWith may come from anywhere.
type socket struct {
	ws           *websocket.Conn
	br           *bufio.Reader   // gorilla's reader
	raw          syscall.RawConn // the TCP connection's, when it has one
	set          *sockets
	client       string // its address's share of sockets.perClient
	headerSecret string // the Authorization header of the upgrade, if any
	legacy       bool   // graphql-ws, not graphql-transport-ws

	exec   graphql.GraphExecutor
	signIn wsSignIn
	log    *slog.Logger
	// ctx is the connection's: the request's until signed in, then the
	// viewer's, cancelled when the connection closes. Set by the reader
	// before any operation starts.
	ctx    context.Context
	cancel context.CancelFunc

	closing    atomic.Bool // a close frame is sent or on its way: no more writes
	closeOnce  sync.Once
	forgetOnce sync.Once

	wmu sync.Mutex // one message written at a time

	mu        sync.Mutex
	ops       map[string]*wsOp // running, by the client's id
	onClose   []func()
	closed    bool
	keepAlive *time.Timer // nil until signed in
	pongSeen  bool        // since the last ping
}

// wsMessage is a message of either protocol.
type wsMessage struct {
	Payload json.RawMessage `json:"payload,omitempty"`
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
}

var (
	errInvalidMessage = errors.New("websocket: a message that is not a JSON object of the protocol")
	errStop           = errors.New("websocket: closed")
)

// serve reads the connection until it ends, then forgets it.
func (c *socket) serve() {
	defer c.set.served(c)
	if !c.init() {
		c.drain()
		return
	}
	for {
		msg, err := c.next()
		switch {
		case errors.Is(err, errInvalidMessage):
			c.protocolError("invalid message")
			continue
		case err != nil:
			c.readFailed(err)
			c.drain()
			return
		case c.closing.Load():
			continue // until the client answers the close, or the deadline
		}
		c.handle(msg)
	}
}

// awaitInput waits until the connection has input to read. An idle
// connection's reader waits here rather than deep in gorilla: its stack
// then shrinks to the least a goroutine has. Errors (a deadline passed,
// the connection closed) are left to the read that follows.
//
//go:noinline
func (c *socket) awaitInput() {
	if c.raw == nil || c.br == nil || c.br.Buffered() > 0 {
		return
	}
	c.raw.Read(hasInput)
}

// drain reads until the client answers the close frame sent, or the
// deadline closeWith set.
func (c *socket) drain() {
	for c.closing.Load() {
		if _, _, err := c.ws.NextReader(); err != nil {
			return
		}
	}
}

func (c *socket) readFailed(err error) {
	var ce *websocket.CloseError
	if c.closing.Load() || errors.As(err, &ce) || errors.Is(err, net.ErrClosed) || errors.Is(err, io.ErrUnexpectedEOF) {
		return
	}
	// A pong that did not come in time, or the connection broke.
	c.log.Debug("websocket", "err", err)
}

// next reads one message. A message that is not UTF-8 text closes the
// connection with 1007: encoding/json would replace its bytes, reading
// other text than was sent.
func (c *socket) next() (wsMessage, error) {
	var msg wsMessage
	c.awaitInput()
	_, r, err := c.ws.NextReader()
	if err != nil {
		return msg, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return msg, err
	}
	if !utf8.Valid(data) {
		c.closeWith(realtime.CloseInvalidText, "messages must be UTF-8 text")
		return msg, errStop
	}
	var m struct {
		Payload json.RawMessage `json:"payload"`
		ID      *string         `json:"id"`
		Type    *string         `json:"type"`
	}
	if json.Unmarshal(data, &m) != nil || m.Type == nil {
		return msg, errInvalidMessage
	}
	msg.Type, msg.Payload = *m.Type, m.Payload
	if m.ID != nil {
		msg.ID = *m.ID
	}
	return msg, nil
}

// init reads connection_init and signs the connection in; false when it
// is closed instead.
func (c *socket) init() bool {
	for {
		msg, err := c.next()
		var ne net.Error
		switch {
		case errors.As(err, &ne) && ne.Timeout():
			c.closeWith(realtime.CloseInitTimeout, "connection initialisation timeout")
			return false
		case errors.Is(err, errInvalidMessage):
			c.protocolError("invalid message")
			return false
		case err != nil:
			c.readFailed(err)
			return false
		}
		switch {
		case msg.Type == "connection_init":
			return c.signInWith(msg.Payload)
		case msg.Type == "ping" && !c.legacy: // allowed at any time
			c.writeMessage(wsMessage{Type: "pong", Payload: msg.Payload})
		case msg.Type == "connection_terminate" && c.legacy:
			c.closeWith(websocket.CloseNormalClosure, "terminated")
			return false
		case msg.Type == "subscribe" && !c.legacy:
			c.closeWith(4401, "Unauthorized")
			return false
		default:
			c.protocolError("unexpected message " + msg.Type)
			return false
		}
	}
}

func (c *socket) signInWith(raw json.RawMessage) bool {
	c.ws.SetReadDeadline(time.Time{})
	var payload transport.InitPayload
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &payload); err != nil {
			c.closeWith(realtime.CloseBadRequest, "connection_init payload must be an object")
			return false
		}
	}
	// Signing in reads the database, deep in the driver: from a goroutine
	// of its own, that depth does not stay as the reader's stack.
	var (
		ctx  context.Context
		err  error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		ctx, err = c.signIn(c.ctx, c, payload)
	}()
	<-done
	if err != nil {
		ce, ok := err.(*closeError)
		if !ok {
			ce = &closeError{code: realtime.CloseTryAgain, reason: "could not check the token; try again", err: err}
		}
		c.connectionError(ce.Error())
		c.closeWith(ce.code, ce.reason)
		return false
	}
	c.mu.Lock()
	c.ctx, c.cancel = context.WithCancel(ctx)
	closed := c.closed
	c.mu.Unlock()
	if closed {
		c.cancel()
	}
	c.writeMessage(wsMessage{Type: "connection_ack"})
	if c.legacy {
		c.write(keepAliveMessage)
	}
	c.startKeepAlive()
	return true
}

// handle answers one message of a signed-in connection.
func (c *socket) handle(msg wsMessage) {
	switch msg.Type {
	case map[bool]string{false: "subscribe", true: "start"}[c.legacy]:
		c.start(msg)
	case map[bool]string{false: "complete", true: "stop"}[c.legacy]:
		c.stop(msg.ID)
	case "connection_init":
		if !c.legacy {
			c.closeWith(4429, "Too many initialisation requests")
			return
		}
		c.protocolError("unexpected message connection_init")
	case "connection_terminate":
		if !c.legacy {
			c.protocolError("unexpected message connection_terminate")
			return
		}
		c.closeWith(websocket.CloseNormalClosure, "terminated")
	case "ping":
		if c.legacy {
			c.protocolError("unexpected message ping")
			return
		}
		c.writeMessage(wsMessage{Type: "pong", Payload: msg.Payload})
	case "pong":
		if c.legacy {
			c.protocolError("unexpected message pong")
			return
		}
		c.mu.Lock()
		c.pongSeen = true
		c.mu.Unlock()
		c.ws.SetReadDeadline(time.Time{})
	default:
		c.protocolError("unexpected message " + msg.Type)
	}
}

// protocolError closes a connection that sent what its protocol does not
// allow: graphql-transport-ws says 4400; the legacy graphql-ws is told
// with connection_error, then closed with 1002, as gqlgen did.
func (c *socket) protocolError(reason string) {
	if !c.legacy {
		c.closeWith(realtime.CloseBadRequest, reason)
		return
	}
	c.connectionError(reason)
	c.closeWith(websocket.CloseProtocolError, reason)
}

// connectionError tells a legacy graphql-ws client why it is closed;
// graphql-transport-ws has no such message (the close reason says it).
func (c *socket) connectionError(message string) {
	if !c.legacy {
		return
	}
	payload, _ := json.Marshal(&gqlerror.Error{Message: message})
	c.writeMessage(wsMessage{Type: "connection_error", Payload: payload})
}

// start runs the operation of a subscribe (or start) message.
func (c *socket) start(msg wsMessage) {
	if msg.ID == "" && !c.legacy {
		c.protocolError("subscribe needs an id")
		return
	}
	op := &wsOp{c: c, id: msg.ID}
	c.mu.Lock()
	if _, dup := c.ops[msg.ID]; dup {
		c.mu.Unlock()
		// Two under one id could not be told apart, nor stopped apart.
		c.closeWith(realtime.CloseDuplicateID, "Subscriber for "+msg.ID+" already exists")
		return
	}
	if c.ops == nil {
		c.ops = map[string]*wsOp{}
	}
	c.ops[msg.ID] = op
	op.ctx, op.cancel = context.WithCancel(c.ctx)
	c.mu.Unlock()
	go op.run(msg.Payload, graphql.Now())
}

// stop ends an operation at the client's request; it is not answered.
func (c *socket) stop(id string) {
	c.mu.Lock()
	op := c.ops[id]
	delete(c.ops, id)
	c.mu.Unlock()
	if op != nil {
		op.stop()
	}
}

// forget removes op from the operations running, so that its id may be
// used again.
func (c *socket) forget(op *wsOp) {
	c.mu.Lock()
	if c.ops[op.id] == op {
		delete(c.ops, op.id)
	}
	c.mu.Unlock()
}

// wsOp is one operation of a connection. A query or mutation runs from the
// goroutine that starts it; so does a subscription until it is set up. Its
// events are then sent by a goroutine that runs only while some wait.
type wsOp struct {
	c      *socket
	id     string
	ctx    context.Context
	cancel context.CancelFunc

	mu        sync.Mutex
	rc        *graphql.OperationContext
	responses graphql.ResponseHandler // nil until dispatched
	rctx      context.Context         // the responses'
	driven    bool                    // its events come with Ready
	pending   int                     // Readys not yet taken
	sending   bool                    // a goroutine takes them
	errs      []*gqlerror.Error       // Failed's
	stopped   bool                    // by the client
	ended     bool
}

var _ graph.Driver = (*wsOp)(nil)

func (op *wsOp) Driven() {
	op.mu.Lock()
	op.driven = true
	op.mu.Unlock()
}

func (op *wsOp) Ready() {
	op.mu.Lock()
	op.pending++
	start := op.responses != nil && !op.sending && !op.ended
	if start {
		op.sending = true
	}
	op.mu.Unlock()
	if start {
		go op.send()
	}
}

func (op *wsOp) Failed(err *gqlerror.Error) {
	op.mu.Lock()
	op.errs = append(op.errs, err)
	op.mu.Unlock()
}

func (op *wsOp) run(payload json.RawMessage, start time.Time) {
	c := op.c
	params := &graphql.RawParams{}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	if err := dec.Decode(params); err != nil {
		op.Failed(&gqlerror.Error{Message: "invalid json"})
		op.finish()
		return
	}
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	ctx := graphql.StartOperationTrace(op.ctx)
	rc, errs := c.exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := c.exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
		if errcode.GetErrorKind(errs) == errcode.KindProtocol {
			for _, e := range resp.Errors {
				op.Failed(e)
			}
		} else {
			c.sendResponse(op.id, &graphql.Response{Errors: errs})
		}
		op.finish()
		return
	}
	op.mu.Lock()
	op.rc = rc
	op.mu.Unlock()
	ctx = graph.WithDriver(graphql.WithOperationContext(ctx, rc), op)
	var responses graphql.ResponseHandler
	if !op.safely(func() { responses, ctx = c.exec.DispatchOperation(ctx, rc) }) {
		op.finish()
		return
	}
	op.mu.Lock()
	op.responses, op.rctx = responses, ctx
	driven := op.driven
	op.sending = true // by this goroutine, first
	op.mu.Unlock()
	if driven {
		op.send()
		return
	}
	// A query, a mutation, or a subscription refused as it started.
	for {
		var resp *graphql.Response
		if !op.safely(func() { resp = responses(ctx) }) || resp == nil {
			break
		}
		c.sendResponse(op.id, resp)
	}
	op.finish()
}

// send sends the events the hub said are waiting, then ends.
func (op *wsOp) send() {
	for {
		op.mu.Lock()
		if op.pending == 0 || op.ended {
			op.sending = false
			// A stop that came while this goroutine was sending left
			// the end to it.
			stopped := op.stopped && !op.ended
			op.mu.Unlock()
			if stopped {
				op.finish()
			}
			return
		}
		op.pending--
		op.mu.Unlock()
		var resp *graphql.Response
		if !op.safely(func() { resp = op.responses(op.rctx) }) || resp == nil {
			op.finish()
			return
		}
		op.c.sendResponse(op.id, resp)
	}
}

// safely runs f, turning a panic into the operation's error.
func (op *wsOp) safely(f func()) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			var err error = fmt.Errorf("internal error: %v", r)
			if op.rc != nil {
				err = op.rc.Recover(op.ctx, r)
			}
			var gqlErr *gqlerror.Error
			if !errors.As(err, &gqlErr) {
				gqlErr = &gqlerror.Error{Message: err.Error()}
			}
			op.Failed(gqlErr)
			ok = false
		}
	}()
	f()
	return true
}

// stop ends the operation at the client's request. One whose events are
// sent as they come is ended here unless a goroutine is sending them (that
// one sees its context end).
func (op *wsOp) stop() {
	op.mu.Lock()
	op.stopped = true
	idle := op.driven && op.responses != nil && !op.sending
	op.mu.Unlock()
	op.cancel()
	if idle {
		op.finish()
	}
}

// finish ends the operation, once: its id is free again, and the client
// is told how it ended, unless it stopped it or the connection is closing.
func (op *wsOp) finish() {
	op.mu.Lock()
	if op.ended {
		op.mu.Unlock()
		return
	}
	op.ended = true
	errs, stopped := op.errs, op.stopped
	op.mu.Unlock()
	op.cancel()
	op.c.forget(op)
	switch {
	case stopped || op.c.closing.Load():
	case len(errs) > 0:
		payload, _ := json.Marshal(errs)
		op.c.writeMessage(wsMessage{Type: "error", ID: op.id, Payload: payload})
	default:
		op.c.writeMessage(wsMessage{Type: "complete", ID: op.id})
	}
}

// sendResponse sends one result of operation id.
func (c *socket) sendResponse(id string, resp *graphql.Response) {
	payload, err := json.Marshal(resp)
	if err != nil {
		c.log.Error("websocket: encoding a result", "err", err)
		return
	}
	c.writeMessage(wsMessage{Type: map[bool]string{false: "next", true: "data"}[c.legacy], ID: id, Payload: payload})
}

func (c *socket) writeMessage(m wsMessage) error {
	msg, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return c.write(msg)
}

var (
	pingMessage      = []byte(`{"type":"ping"}`)
	keepAliveMessage = []byte(`{"type":"ka"}`)
)

// startKeepAlive pings a signed-in connection every ping interval from a
// timer rather than a goroutine: graphql-transport-ws pings, and a client
// that has not answered within two intervals is cut off (the read deadline
// ends the reader); the legacy graphql-ws gets its one-way keep-alive.
func (c *socket) startKeepAlive() {
	every := c.set.pingInterval
	if every <= 0 {
		return
	}
	ping := !c.legacy
	msg := keepAliveMessage
	if ping {
		msg = pingMessage
		c.ws.SetReadDeadline(time.Now().Add(2 * every))
	}
	var tick func()
	tick = func() {
		if c.closing.Load() {
			return
		}
		if c.write(msg) != nil {
			return
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.closed {
			return
		}
		if ping {
			if c.pongSeen {
				c.ws.SetReadDeadline(time.Now().Add(2 * every))
			}
			c.pongSeen = false
		}
		c.keepAlive.Reset(every)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.keepAlive = time.AfterFunc(every, tick)
	}
}

// write writes one message within the write timeout. A client that does
// not take it in time is cut off.
func (c *socket) write(msg []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closing.Load() {
		return errStop
	}
	c.ws.SetWriteDeadline(time.Now().Add(c.set.writeTimeout))
	err := c.ws.WriteMessage(websocket.TextMessage, msg)
	if err != nil {
		c.ws.Close() // the stream is broken mid-message: nothing more can be sent
	}
	return err
}

// closeWith sends a close frame, once, after any message being written, and
// gives the client a moment to answer before the connection is dropped.
func (c *socket) closeWith(code int, reason string) {
	c.closeOnce.Do(func() {
		c.closing.Store(true)
		if len(reason) > 123 { // the most a close frame holds
			reason = reason[:123]
		}
		deadline := time.Now().Add(c.set.writeTimeout)
		if err := c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), deadline); err != nil {
			c.ws.Close()
			return
		}
		c.ws.SetReadDeadline(time.Now().Add(2 * time.Second))
	})
}

// kick closes the connection from outside (the hub: a revoked token, a
// subscriber too slow); it does not wait.
func (c *socket) kick(code int, reason string) { go c.closeWith(code, reason) }

// Close drops the connection, ends its operations and forgets it.
func (c *socket) Close() error {
	c.forgetOnce.Do(func() {
		c.closing.Store(true)
		c.set.mu.Lock()
		delete(c.set.open, c)
		c.set.mu.Unlock()
		c.mu.Lock()
		hooks := c.onClose
		c.onClose = nil
		c.closed = true
		c.ops = nil
		if c.keepAlive != nil {
			c.keepAlive.Stop()
		}
		cancel := c.cancel
		c.mu.Unlock()
		if cancel != nil {
			cancel() // ends the operations, and their subscriptions
		}
		for _, f := range hooks {
			f()
		}
	})
	return c.ws.Close()
}

// whenClosed runs f when the connection closes.
func (c *socket) whenClosed(f func()) {
	c.mu.Lock()
	c.onClose = append(c.onClose, f)
	c.mu.Unlock()
}
