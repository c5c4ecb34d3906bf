package server

import (
	"bufio"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/realtime"
)

// sockets accepts websocket connections for wsTransport with
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
		// 0: gorilla reads through the reader Hijack returns (see
		// hijackWatch), of readBufferSize.
		ReadBufferSize:  0,
		WriteBufferSize: 4096,
		WriteBufferPool: &sync.Pool{},
		CheckOrigin:     s.originAllowed,
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
// It upgrades the connection itself and hands it to next, whose transport
// (wsTransport) serves it from a goroutine of its own: net/http's goroutine
// for the request then ends, and with it what it holds for the life of the
// connection (its read and write buffers, the response, a deep stack).
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
		c.client = client
		slot := &socketSlot{socket: c}
		// The request's context ends with this handler; the connection's
		// ends when it closes.
		r = r.WithContext(context.WithValue(context.WithoutCancel(r.Context()), socketKey{}, slot))
		next.ServeHTTP(&upgradedResponse{}, r)
		if !slot.accepted {
			// Refused before the transport took it (the token in the
			// header could not be checked): the answer is a close code.
			c.closeWith(realtime.CloseTryAgain, "could not serve the connection; try again")
			s.served(c)
		}
	})
}

// served forgets a connection that has ended.
func (s *sockets) served(c *socket) {
	c.Close()
	s.perClient.release(c.client)
	s.handlers.Done()
}

var errHijacked = errors.New("websocket: the connection was taken over")

// upgrade upgrades r to a websocket speaking one of our subprotocols.
func (s *sockets) upgrade(w http.ResponseWriter, r *http.Request) (*socket, error) {
	hw := &hijackWatch{ResponseWriter: w}
	up := s.upgrader
	up.Subprotocols = subprotocols
	ws, err := up.Upgrade(hw, r, nil)
	if err != nil {
		if hw.hijacked {
			return nil, errHijacked
		}
		return nil, err
	}
	if tcp, ok := ws.NetConn().(interface{ SetWriteBuffer(int) error }); ok && s.sendBuffer > 0 { // a TCP connection
		tcp.SetWriteBuffer(s.sendBuffer)
	}
	c := &socket{ws: ws, br: hw.reader, set: s, headerSecret: auth.BearerToken(r.Header.Get("Authorization")),
		legacy: ws.Subprotocol() != "graphql-transport-ws"}
	if sc, ok := ws.NetConn().(syscall.Conn); ok {
		c.raw, _ = sc.SyscallConn()
	}
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

// subprotocols are those wsTransport speaks.
var subprotocols = []string{"graphql-ws", "graphql-transport-ws"}

// speaksOurs reports whether r asks for one of our subprotocols, or for
// none (then graphql-ws is spoken, as gqlgen did). Upgrading a request for others
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

// readBufferSize is what gorilla reads a connection through; a larger
// message is read through it in parts.
const readBufferSize = 512

// hijackWatch notes whether the upgrade took the connection over, after
// which nothing can be written to w. It hands gorilla a small reader of its
// own, whose Buffered tells the connection's reader whether a message
// waits there or it may wait for the socket (socket.awaitInput).
type hijackWatch struct {
	http.ResponseWriter
	hijacked bool
	reader   *bufio.Reader
}

func (h *hijackWatch) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h.hijacked = true
	conn, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err != nil || brw.Reader.Buffered() > 0 { // the latter refused by gorilla
		return conn, brw, err
	}
	h.reader = bufio.NewReaderSize(conn, readBufferSize)
	return conn, bufio.NewReadWriter(h.reader, brw.Writer), nil
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

// refuseNew turns new websockets away.
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

type socketKey struct{}

// socketSlot carries the socket from guard to wsTransport, through the
// request context; its operations' contexts carry it too (websocketRate
// tells them from HTTP requests by it).
type socketSlot struct {
	socket   *socket
	accepted bool // by wsTransport
}

// websocketTransport serves GraphQL over websockets, signing each in with
// the bearer token of its connection_init payload.
func (m *Main) websocketTransport(signIn *auth.Service) *wsTransport {
	return &wsTransport{sockets: m.sockets, signIn: m.websocketSignIn(signIn), log: m.Log}
}

// websocketSignIn signs a connection in with the bearer token of its
// connection_init payload ({"Authorization": "Bearer <token>"}; the keys
// authorization and token are accepted too), or else of its upgrade
// request's Authorization header. A refused token closes it with 4403.
func (m *Main) websocketSignIn(signIn *auth.Service) wsSignIn {
	return func(ctx context.Context, sock *socket, payload transport.InitPayload) (context.Context, error) {
		secret := initSecret(payload)
		if secret == "" {
			secret = sock.headerSecret
		}
		refuse := func(err error) (context.Context, error) {
			if apperr.CodeOf(err) == apperr.Unauthenticated {
				e, _ := apperr.As(err)
				return nil, &closeError{code: realtime.CloseSignedOut, reason: "Forbidden: " + e.Message, err: err}
			}
			m.Log.ErrorContext(ctx, "websocket sign-in", "err", err)
			return nil, &closeError{code: realtime.CloseTryAgain, reason: "could not check the token; try again", err: err}
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
		return realtime.NewConnContext(ctx, conn), nil
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
