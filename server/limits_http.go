package server

import (
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/gorilla/websocket"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"golang.org/x/time/rate"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
)

// perClient counts what each client holds open at once, refusing more than
// max (0: no limit). An address is forgotten when it holds nothing, so the
// map is no larger than what is open.
type perClient struct {
	max  int
	mu   sync.Mutex
	held map[string]int
}

func newPerClient(max int) *perClient {
	return &perClient{max: max, held: map[string]int{}}
}

// acquire takes one for addr, or reports that it holds its most.
func (p *perClient) acquire(addr string) bool {
	if p.max <= 0 {
		return true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.held[addr] >= p.max {
		return false
	}
	p.held[addr]++
	return true
}

func (p *perClient) release(addr string) {
	if p.max <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.held[addr]--; p.held[addr] <= 0 {
		delete(p.held, addr)
	}
}

// clientListener refuses a TCP peer more than its share of open
// connections, before a byte of its requests is read: a client trickling
// bodies over many connections holds at most that many. A connection stops
// counting once upgraded to a websocket (connState), as sockets caps those
// by client address. Trusted proxies are not counted: their connections
// carry many clients, whose requests are limited by address after
// X-Forwarded-For.
type clientListener struct {
	net.Listener
	open    *perClient
	trusted []netip.Prefix
}

func (l *clientListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		tcp, ok := c.(*net.TCPConn)
		if !ok {
			return c, nil
		}
		addr := tcp.RemoteAddr().(*net.TCPAddr).AddrPort().Addr().Unmap()
		if auth.TrustedProxy(addr, l.trusted) {
			return c, nil
		}
		peer := addr.String()
		if l.open.acquire(peer) {
			return &clientConn{TCPConn: tcp, release: func() { l.open.release(peer) }}, nil
		}
		refuseConn(c, l.open.max)
	}
}

// refuseConn answers a connection over the cap with 429 and closes it. The
// answer fits the socket's empty send buffer, so it does not hold up the
// accept loop.
func refuseConn(c net.Conn, max int) {
	body := fmt.Sprintf(`{"errors":[{"message":"too many connections from this address: at most %d at once","extensions":{"code":%q}}]}`+"\n",
		max, apperr.RateLimited)
	c.SetWriteDeadline(time.Now().Add(time.Second))
	io.WriteString(c, "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nConnection: close\r\n"+
		"Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body)
	c.Close()
}

// clientConn gives its place back when it closes or becomes a websocket.
// It is still a TCP connection to what asks (sendfile, the websocket's
// send buffer).
type clientConn struct {
	*net.TCPConn
	once    sync.Once
	release func()
}

func (c *clientConn) Close() error {
	c.once.Do(c.release)
	return c.TCPConn.Close()
}

// connState is the http.Server hook that lets a websocket's connection go
// from the count of connections.
func connState(c net.Conn, state http.ConnState) {
	if cc, ok := c.(*clientConn); ok && state == http.StateHijacked {
		cc.once.Do(cc.release)
	}
}

// requestRate is a token bucket per key (a signed-in token, or a client
// address): RequestRate a second after a burst of RequestBurst. Buckets of
// the most recently seen keys are kept, so memory stays bounded.
//
// golang.org/x/time/rate is the standard token bucket, already what the
// sign-in throttle uses.
type requestRate struct {
	every   rate.Limit
	burst   int
	mu      sync.Mutex
	buckets *lru.Cache[string, *rate.Limiter]
}

// newRequestRate returns the rate of cfg, nil when it is off.
func newRequestRate(cfg HTTPConfig) *requestRate {
	if cfg.RequestRate <= 0 {
		return nil
	}
	buckets, _ := lru.New[string, *rate.Limiter](100_000)
	return &requestRate{every: rate.Limit(cfg.RequestRate), burst: cfg.RequestBurst, buckets: buckets}
}

// wait spends one from key's bucket: 0 when there was one, else how long
// until there is (in whole seconds, at least 1).
func (q *requestRate) wait(key string, now time.Time) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	l, ok := q.buckets.Get(key)
	if !ok {
		l = rate.NewLimiter(q.every, q.burst)
		q.buckets.Add(key, l)
	}
	if l.AllowN(now, 1) {
		return 0
	}
	d := (1 - l.TokensAt(now)) / float64(q.every)
	return max(1, int(math.Ceil(d)))
}

// rateKey is whose bucket a request spends from: the signed-in token's, or
// the client address's for a request without one (a token refused counts
// against the address, so made-up tokens get no buckets of their own).
func rateKey(ctx context.Context) string {
	if v := auth.FromContext(ctx); v != nil {
		return "token " + strconv.Itoa(v.TokenID)
	}
	return "address " + auth.ClientAddrFrom(ctx)
}

// limitRate spends one from the request's bucket per HTTP request, refused
// with 429 RATE_LIMITED and Retry-After. A websocket upgrade is capped by
// sockets instead, and each operation sent over it by the same buckets
// (websocketRate).
func (m *Main) limitRate(next http.Handler) http.Handler {
	if m.rate == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if websocket.IsWebSocketUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		if secs := m.rate.wait(rateKey(r.Context()), time.Now()); secs > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			writeError(w, http.StatusTooManyRequests, apperr.Errorf(apperr.RateLimited, "too many requests: try again in %d seconds", secs))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// websocketRate spends from the same buckets for each operation sent over
// a websocket (a subscription started, a query or mutation), refusing it
// with RATE_LIMITED and extensions.retryAfter in seconds; the socket stays
// open.
type websocketRate struct{ rate *requestRate }

var _ graphql.OperationParameterMutator = websocketRate{}

func (websocketRate) ExtensionName() string                   { return "WebsocketRate" }
func (websocketRate) Validate(graphql.ExecutableSchema) error { return nil }

func (x websocketRate) MutateOperationParameters(ctx context.Context, _ *graphql.RawParams) *gqlerror.Error {
	if _, ok := ctx.Value(socketKey{}).(*socketSlot); !ok {
		return nil // HTTP: limitRate has counted it
	}
	secs := x.rate.wait(rateKey(ctx), time.Now())
	if secs == 0 {
		return nil
	}
	err := apperr.Errorf(apperr.RateLimited, "too many requests: try again in %d seconds", secs)
	return &gqlerror.Error{Message: err.Message, Err: err, Extensions: map[string]any{"retryAfter": secs}}
}
