package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/realtime"
)

// sockets accepts websocket connections for gqlgen's transport with
// gorilla/websocket and keeps track of them: http.Server.Shutdown ignores
// hijacked connections, so Main.Close closes them itself, with 1001.
//
// Idle memory is kept small: gorilla reads through a small buffer (a larger
// message is read through it in parts), and writes through buffers from one
// pool, held only while a message is written.
// BenchmarkWebsocket_IdleMemory measures it.
type sockets struct {
	upgrader     websocket.Upgrader
	initTimeout  time.Duration
	writeTimeout time.Duration
	pingInterval time.Duration
	sendBuffer   int
	origins      []string // allowed besides the same origin
	trusted      []netip.Prefix
	perClient    *perClient // open sockets by client address
	log          *slog.Logger

	mu       sync.Mutex
	open     map[*socket]struct{}
	closing  bool
	handlers sync.WaitGroup // websocket requests being served
}

var _ transport.WebsocketImplementation = (*sockets)(nil)

func newSockets(cfg WebsocketConfig, origins []string, trusted []netip.Prefix, log *slog.Logger) *sockets {
	s := &sockets{
		initTimeout:  cfg.InitTimeout,
		writeTimeout: cfg.WriteTimeout,
		pingInterval: cfg.PingInterval,
		sendBuffer:   cfg.SendBuffer,
		origins:      origins,
		trusted:      trusted,
		perClient:    newPerClient(cfg.MaxPerClient),
		log:          log,
		open:         map[*socket]struct{}{},
	}
	s.upgrader = websocket.Upgrader{
		HandshakeTimeout: 10 * time.Second,
		ReadBufferSize:   512,
		WriteBufferSize:  4096,
		WriteBufferPool:  &sync.Pool{},
		CheckOrigin:      s.originAllowed,
		// Refusals are answered by guard, in the API's shape.
		Error: func(http.ResponseWriter, *http.Request, int, error) {},
	}
	return s
}

// guard admits websocket upgrades to next: from an allowed origin (a page
// of another site must not use the visitor's browser to open a socket),
// not while shutting down, and not over the client address's share. It
// counts them, so Close can wait for them.
//
// It upgrades the connection itself and serves it to next from a goroutine
// of its own: net/http's goroutine for the request then ends, and with it
// what it holds for the life of the connection (its read and write
// buffers, the response, a deep stack), about half of an idle socket's
// cost.
func (s *sockets) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !websocket.IsWebSocketUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		if !s.originAllowed(r) {
			writeError(w, http.StatusForbidden, apperr.Errorf(apperr.Forbidden,
				"websocket connections from %s are not allowed: only from this site or the configured allowed origins", r.Header.Get("Origin")))
			return
		}
		client := auth.ClientAddr(r, s.trusted)
		if !s.perClient.acquire(client) {
			writeError(w, http.StatusTooManyRequests, apperr.Errorf(apperr.RateLimited,
				"too many websockets from this address: at most %d at once", s.perClient.max))
			return
		}
		s.mu.Lock()
		closing := s.closing
		if !closing {
			s.handlers.Add(1)
		}
		s.mu.Unlock()
		if closing {
			s.perClient.release(client)
			writeError(w, http.StatusServiceUnavailable, apperr.Errorf(apperr.Internal, "the server is shutting down: connect again"))
			return
		}
		if !speaksOurs(r) {
			s.handlers.Done()
			writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput,
				"websocket subprotocol %q is not spoken here: ask for graphql-transport-ws (or the legacy graphql-ws)", r.Header.Get("Sec-WebSocket-Protocol")))
			return
		}
		c, err := s.upgrade(w, r)
		if err != nil {
			s.handlers.Done()
			s.perClient.release(client)
			if !errors.Is(err, errHijacked) {
				writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput, "unable to upgrade to a websocket: %v", err))
			}
			return
		}
		slot := &socketSlot{socket: c}
		// The request's context ends with net/http's goroutine; the
		// connection's ends when gqlgen closes it.
		r = r.WithContext(context.WithValue(context.WithoutCancel(r.Context()), socketKey{}, slot))
		go func() {
			defer s.handlers.Done()
			defer s.perClient.release(client)
			rw := &upgradedResponse{}
			next.ServeHTTP(rw, r)
			switch {
			case !slot.accepted:
				// Refused before gqlgen took it (the token in the header
				// could not be checked): the answer is a close code now.
				c.closeWith(realtime.CloseTryAgain, "could not serve the connection; try again")
			default:
				// gqlgen is done with it. It has closed the connection,
				// except after a connection_init it could not read (a payload
				// that is not an object), where it returns and leaves the
				// socket open: close it (a no-op after gqlgen's own close).
				c.closeWith(realtime.CloseBadRequest, "connection_init payload must be an object")
			}
			c.Close()
		}()
	})
}

var errHijacked = errors.New("websocket: the connection was taken over")

// upgrade upgrades r to a websocket speaking one of gqlgen's subprotocols.
func (s *sockets) upgrade(w http.ResponseWriter, r *http.Request) (*socket, error) {
	hijacked := false
	up := s.upgrader
	up.Subprotocols = subprotocols
	ws, err := up.Upgrade(hijackWatch{w, &hijacked}, r, nil)
	if err != nil {
		if hijacked {
			return nil, errHijacked
		}
		return nil, err
	}
	if tcp, ok := ws.NetConn().(interface{ SetWriteBuffer(int) error }); ok && s.sendBuffer > 0 { // a TCP connection
		tcp.SetWriteBuffer(s.sendBuffer)
	}
	c := &socket{ws: ws, set: s, headerSecret: auth.BearerToken(r.Header.Get("Authorization"))}
	// A client that never sends connection_init is closed with 4408.
	ws.SetReadDeadline(time.Now().Add(s.initTimeout))
	s.mu.Lock()
	closing := s.closing
	s.open[c] = struct{}{}
	s.mu.Unlock()
	if closing {
		c.closeWith(realtime.CloseGoingAway, "server shutting down")
	}
	return c, nil
}

// subprotocols are those of gqlgen's transport.Websocket.
var subprotocols = []string{"graphql-ws", "graphql-transport-ws"}

// speaksOurs reports whether r asks for one of our subprotocols, or for
// none (gqlgen then speaks graphql-ws). Upgrading a request for others
// would leave the client speaking a protocol the server does not.
func speaksOurs(r *http.Request) bool {
	asked := websocket.Subprotocols(r)
	if len(asked) == 0 {
		return true
	}
	for _, p := range asked {
		if slices.Contains(subprotocols, p) {
			return true
		}
	}
	return false
}

// hijackWatch notes whether the upgrade took the connection over, after
// which nothing can be written to w.
type hijackWatch struct {
	http.ResponseWriter
	hijacked *bool
}

func (h hijackWatch) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	*h.hijacked = true
	return http.NewResponseController(h.ResponseWriter).Hijack()
}

// upgradedResponse stands for the response of an upgraded request: what
// is written to it goes nowhere.
type upgradedResponse struct{ header http.Header }

func (u *upgradedResponse) Header() http.Header {
	if u.header == nil {
		u.header = http.Header{}
	}
	return u.header
}
func (u *upgradedResponse) Write(p []byte) (int, error) { return len(p), nil }
func (u *upgradedResponse) WriteHeader(int)             {}

// originAllowed: no Origin (not a browser), the same host as the request
// (as gorilla's default check), or an origin of the allow-list.
func (s *sockets) originAllowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	for _, o := range s.origins {
		if strings.EqualFold(o, origin) {
			return true
		}
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// Accept hands gqlgen the websocket that guard upgraded.
func (s *sockets) Accept(w http.ResponseWriter, r *http.Request, opts transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	slot, ok := r.Context().Value(socketKey{}).(*socketSlot)
	if !ok || slot.accepted {
		return nil, errors.New("not upgraded by sockets.guard")
	}
	slot.accepted = true
	return slot.socket, nil
}

// refuseNew turns new websockets away, and makes gqlgen's own closes 1001.
func (s *sockets) refuseNew() {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
}

// shutDown closes the open sockets with 1001 and waits for their handlers
// to end, or for ctx.
func (s *sockets) shutDown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	open := make([]*socket, 0, len(s.open))
	for c := range s.open {
		open = append(open, c)
	}
	s.mu.Unlock()
	for _, c := range open {
		go c.closeWith(realtime.CloseGoingAway, "server shutting down")
	}
	done := make(chan struct{})
	go func() { s.handlers.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return errors.New("websockets did not close in time")
	}
}

func (s *sockets) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

type socketKey struct{}

// socketSlot carries the socket from guard to Accept and to the
// connection's InitFunc, through the request context they share.
type socketSlot struct {
	socket   *socket
	accepted bool // by gqlgen
}

func socketFrom(ctx context.Context) *socket {
	if slot, ok := ctx.Value(socketKey{}).(*socketSlot); ok {
		return slot.socket
	}
	return nil
}

// socket adapts a gorilla connection to gqlgen. gqlgen reads from one
// goroutine and serialises its writes; closeWith may come from anywhere.
type socket struct {
	ws           *websocket.Conn
	set          *sockets
	headerSecret string // the Authorization header of the upgrade, if any

	readOnce     bool            // the first message (connection_init) was read; reader only
	subscribed   map[string]bool // operation ids running, by the client's subscribe/start; under mu
	initTimedOut atomic.Bool     // it never came
	closing      atomic.Bool     // a close frame is sent or on its way: no more writes
	closeOnce    sync.Once
	forgetOnce   sync.Once

	wmu sync.Mutex // one message written at a time: gqlgen's and keep-alives

	mu        sync.Mutex
	onClose   []func()
	closed    bool
	keepAlive *time.Timer // nil until signed in
	pongSeen  bool        // since the last ping
}

var (
	_ transport.WebsocketConn          = (*socket)(nil)
	_ transport.WebsocketReadLimiter   = (*socket)(nil)
	_ transport.WebsocketReadDeadliner = (*socket)(nil)
)

func (c *socket) NextReader() (int, io.Reader, error) {
	t, r, err := c.ws.NextReader()
	if !c.readOnce {
		c.readOnce = true
		var ne net.Error
		if err == nil {
			c.ws.SetReadDeadline(time.Time{})
		} else if errors.As(err, &ne) && ne.Timeout() {
			c.initTimedOut.Store(true)
		}
	}
	if err != nil && (c.closing.Load() || websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway, websocket.CloseNoStatusReceived)) {
		return t, r, transport.ErrWebsocketClosed
	}
	if err != nil {
		return t, r, err
	}
	msg, err := io.ReadAll(r)
	if err != nil {
		return t, r, err
	}
	if !utf8.Valid(msg) {
		// encoding/json would replace the bytes, storing other text than
		// was sent; RFC 6455 closes such a message with 1007.
		c.closeWith(realtime.CloseInvalidText, "messages must be UTF-8 text")
		return t, nil, transport.ErrWebsocketClosed
	}
	if id, dup := c.track(msg, true); dup {
		// gqlgen would run the second beside the first under one id, and
		// stop neither when one ends; graphql-transport-ws says 4409.
		c.closeWith(realtime.CloseDuplicateID, "Subscriber for "+id+" already exists")
		return t, nil, transport.ErrWebsocketClosed
	}
	return t, bytes.NewReader(msg), nil
}

// track notes the operations a message starts and ends: from the client
// (in) subscribe or start starts one, complete or stop ends it; from the
// server, complete or error ends it. It reports a start whose id is running.
func (c *socket) track(msg []byte, in bool) (id string, duplicate bool) {
	var m struct{ Type, ID string }
	if json.Unmarshal(msg, &m) != nil || m.ID == "" {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case in && (m.Type == "subscribe" || m.Type == "start"):
		if c.subscribed[m.ID] {
			return m.ID, true
		}
		if c.subscribed == nil {
			c.subscribed = map[string]bool{}
		}
		c.subscribed[m.ID] = true
	case m.Type == "complete", m.Type == "error", in && m.Type == "stop":
		delete(c.subscribed, m.ID)
	}
	return m.ID, false
}

// WriteJSON writes one message within the write timeout. A client that
// does not take it in time is cut off.
func (c *socket) WriteJSON(v any) error {
	if c.closing.Load() {
		return transport.ErrWebsocketClosed
	}
	msg, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.track(msg, false)
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(c.set.writeTimeout))
	err = c.ws.WriteMessage(websocket.TextMessage, msg)
	if err != nil {
		c.ws.Close() // the stream is broken mid-message: nothing more can be sent
	}
	return err
}

var (
	pingMessage      = []byte(`{"type":"ping"}`)
	keepAliveMessage = []byte(`{"type":"ka"}`)
)

// startKeepAlive pings a signed-in connection every ping interval, as
// gqlgen's PingPongInterval and KeepAlivePingInterval do, but from a timer
// rather than a goroutine per connection: graphql-transport-ws pings, and a
// client that has not answered within two intervals is cut off (the read
// deadline fails gqlgen's reader); the legacy graphql-ws gets its one-way
// keep-alive.
func (c *socket) startKeepAlive() {
	every := c.set.pingInterval
	if every <= 0 {
		return
	}
	ping := c.ws.Subprotocol() == "graphql-transport-ws"
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

// write writes one prepared message within the write timeout.
func (c *socket) write(msg []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closing.Load() {
		return transport.ErrWebsocketClosed
	}
	c.ws.SetWriteDeadline(time.Now().Add(c.set.writeTimeout))
	err := c.ws.WriteMessage(websocket.TextMessage, msg)
	if err != nil {
		c.ws.Close()
	}
	return err
}

// WriteClose is gqlgen closing the connection. Its init timeout (sent as
// 1002) becomes 4408, and its normal close (1000) during shutdown 1001.
func (c *socket) WriteClose(code int, reason string) error {
	switch {
	case c.initTimedOut.Load():
		code, reason = realtime.CloseInitTimeout, "connection initialisation timeout"
	case code == websocket.CloseNormalClosure && c.set.isClosing():
		code, reason = realtime.CloseGoingAway, "server shutting down"
	}
	c.closeWith(code, reason)
	return nil
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

// kick closes the connection from outside gqlgen (the hub: a revoked token,
// a subscriber too slow); it does not wait.
func (c *socket) kick(code int, reason string) { go c.closeWith(code, reason) }

// Close drops the connection and forgets it.
func (c *socket) Close() error {
	c.forgetOnce.Do(func() {
		c.set.mu.Lock()
		delete(c.set.open, c)
		c.set.mu.Unlock()
		c.mu.Lock()
		hooks := c.onClose
		c.onClose = nil
		c.closed = true
		if c.keepAlive != nil {
			c.keepAlive.Stop()
		}
		c.mu.Unlock()
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

func (c *socket) Subprotocol() string      { return c.ws.Subprotocol() }
func (c *socket) SetReadLimit(limit int64) { c.ws.SetReadLimit(limit) }

// SetReadDeadline is called by gqlgen only to clear the deadline when a
// pong arrives.
func (c *socket) SetReadDeadline(t time.Time) error {
	if t.IsZero() {
		c.mu.Lock()
		c.pongSeen = true
		c.mu.Unlock()
	}
	return c.ws.SetReadDeadline(t)
}

// websocketInit signs a connection in with the bearer token of its
// connection_init payload ({"Authorization": "Bearer <token>"}; the keys
// authorization and token are accepted too), or else of its upgrade
// request's Authorization header. A refused token closes it with 4403.
func (m *Main) websocketInit(signIn *auth.Service) transport.WebsocketInitFunc {
	init := m.websocketSignIn(signIn)
	return func(ctx context.Context, payload transport.InitPayload) (ctx2 context.Context, ack *transport.InitPayload, err error) {
		// Signing in reads the database, deep in the driver. In a goroutine
		// of its own, that depth does not stay as the stack of the
		// connection's reader, which lives as long as the connection.
		done := make(chan struct{})
		go func() {
			defer close(done)
			ctx2, ack, err = init(ctx, payload)
		}()
		<-done
		return ctx2, ack, err
	}
}

func (m *Main) websocketSignIn(signIn *auth.Service) transport.WebsocketInitFunc {
	return func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		sock := socketFrom(ctx)
		if sock == nil {
			return transport.WithWebsocketCloseCode(ctx, realtime.CloseInternal), nil, errors.New("websocket not accepted by the server")
		}
		secret := initSecret(payload)
		if secret == "" {
			secret = sock.headerSecret
		}
		refuse := func(err error) (context.Context, *transport.InitPayload, error) {
			if apperr.CodeOf(err) == apperr.Unauthenticated {
				e, _ := apperr.As(err)
				return transport.AppendCloseReason(transport.WithWebsocketCloseCode(ctx, realtime.CloseSignedOut), "Forbidden: "+e.Message), nil, err
			}
			m.Log.ErrorContext(ctx, "websocket sign-in", "err", err)
			return transport.AppendCloseReason(transport.WithWebsocketCloseCode(ctx, realtime.CloseTryAgain), "could not check the token; try again"), nil, err
		}
		if secret == "" {
			return refuse(apperr.Errorf(apperr.Unauthenticated, `sign in first: send {"Authorization": "Bearer <token>"} in connection_init`))
		}
		v, err := signIn.Authenticate(ctx, secret)
		if err != nil {
			return refuse(err)
		}
		conn := m.hub.Connect(v.TokenID, sock.kick)
		sock.whenClosed(conn.Close)
		// Checked again now that the connection is registered: a revocation
		// committed before this check is seen here, one after it is
		// published to conn and closes it.
		if _, err := signIn.Recheck(ctx, secret); err != nil {
			return refuse(err)
		}
		if exp := v.TokenExpiresAt; exp != nil {
			expire := time.AfterFunc(time.Until(*exp), func() {
				sock.kick(realtime.CloseSignedOut, "Forbidden: the session expired: sign in again")
			})
			sock.whenClosed(func() { expire.Stop() })
		}
		ctx = auth.NewContext(ctx, v)
		ctx = realtime.NewConnContext(ctx, conn)
		sock.startKeepAlive()
		return ctx, nil, nil
	}
}

// initSecret is the bearer token of a connection_init payload.
func initSecret(p transport.InitPayload) string {
	if h := p.Authorization(); h != "" {
		return auth.BearerToken(h)
	}
	tok := strings.TrimSpace(p.GetString("token"))
	if b := auth.BearerToken(tok); b != "" {
		return b
	}
	return tok
}
