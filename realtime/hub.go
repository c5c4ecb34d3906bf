package realtime

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/event"
	"github.com/dealerline/dealerline/ent/predicate"
)

// Websocket close codes, RFC 6455's and graphql-transport-ws's: what the
// hub and the server's transport close connections with, and what clients
// act on.
const (
	// CloseGoingAway (1001): the server is shutting down; reconnect
	// elsewhere or later.
	CloseGoingAway = 1001
	// CloseInvalidText (1007): a message that is not UTF-8 text.
	CloseInvalidText = 1007
	// CloseInternal (1011): the server could not take the connection.
	CloseInternal = 1011
	// CloseTryAgain (1013, Try Again Later): the subscriber fell behind, or
	// the server could not serve it; the client reconnects and resumes from
	// its last cursor.
	CloseTryAgain = 1013
	// CloseBadRequest (4400): a message the protocol does not allow, such
	// as a connection_init whose payload is not an object.
	CloseBadRequest = 4400
	// CloseSignedOut (4403, Forbidden): the token was refused, revoked or
	// has expired; the portal treats it as signed out.
	CloseSignedOut = 4403
	// CloseInitTimeout (4408): no connection_init came in time.
	CloseInitTimeout = 4408
	// CloseDuplicateID (4409): a subscribe reused the id of a running
	// operation.
	CloseDuplicateID = 4409
)

// ErrTooSlow ends a subscription whose queue overflowed: it has missed an
// event, and must resume from its last cursor.
var ErrTooSlow = errors.New("realtime: the subscriber fell behind and was dropped")

// Limits bound what one connection may hold.
type Limits struct {
	// QueueLen is how many events may wait for one subscription before it
	// is dropped as too slow.
	QueueLen int
	// MaxSubscriptions is how many subscriptions one connection may have.
	MaxSubscriptions int
}

// DefaultLimits are the limits of a server.
func DefaultLimits() Limits { return Limits{QueueLen: 128, MaxSubscriptions: 20} }

// Hub fans published events out to the subscribers allowed to see them, and
// closes the connections of revoked tokens.
//
// Matching is in memory: subscriptions are indexed by their audience keys,
// and an event looks up its own few keys, so an event costs no query
// however many sockets hear it. Delivery never blocks: each subscription has
// a bounded queue, and one that overflows is dropped (its connection closed
// with 1013) rather than delaying anyone else.
type Hub struct {
	client *ent.Client
	limits Limits
	log    *slog.Logger

	last atomic.Int64 // highest delivery number published

	// OnRevoked, when set, hears of every revoked token once its
	// revocation has committed (on every instance of a cluster): the
	// server forgets the viewers it cached for it. Set it before events
	// flow.
	OnRevoked func(tokenID int)

	// OnPublished, when set, hears the delivery number of the last event
	// of every batch published (on every instance): readers of the outbox
	// (package feed) wake on it. It runs under the hub's lock and must not
	// block. Set it before events flow.
	OnPublished func(lastSeq int64)

	// For the server's metrics.
	openConns, openSubs atomic.Int64
	queued              atomic.Int64

	mu    sync.Mutex
	subs  map[Key]map[*Subscription]struct{}
	conns map[int]map[*Conn]struct{} // by token id
}

// NewHub returns a hub whose last published event is lastSeq (Prepare's),
// replaying from the outbox of client.
func NewHub(client *ent.Client, lastSeq int64, limits Limits, log *slog.Logger) *Hub {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Hub{
		client: client,
		limits: limits,
		log:    log,
		subs:   map[Key]map[*Subscription]struct{}{},
		conns:  map[int]map[*Conn]struct{}{},
	}
	h.last.Store(lastSeq)
	return h
}

// Cursor is the cursor of the last event published: read it before reading
// data, and subscribe after it, and nothing committed after the read is
// missed.
func (h *Hub) Cursor() string { return FormatCursor(h.last.Load()) }

// Publish delivers numbered events, in delivery order, to the subscribers
// whose keys and filters they match. Events already published are skipped.
func (h *Hub) Publish(ctx context.Context, events []*Event) {
	ctx, span := otel.Tracer("github.com/dealerline/dealerline/realtime").Start(ctx, "publish events",
		trace.WithAttributes(attribute.Int("events", len(events))))
	defer span.End()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.OnPublished != nil {
		defer func() { h.OnPublished(h.last.Load()) }()
	}
	var keys [8]Key
	for _, e := range events {
		last := h.last.Load()
		if e.Seq <= last {
			continue
		}
		if e.Seq != last+1 {
			// Live subscribers would miss the events between: drop them
			// all; they resume from the outbox, which has everything.
			h.log.WarnContext(ctx, "events published out of order; subscribers will resume", "after", last, "got", e.Seq)
			for _, set := range h.subs {
				for s := range set {
					h.dropLocked(s)
				}
			}
		}
		h.last.Store(e.Seq)
		if e.Kind == TokenRevoked {
			if h.OnRevoked != nil {
				h.OnRevoked(e.SubjectID)
			}
			for c := range h.conns[e.SubjectID] {
				c.Kick(CloseSignedOut, "signed out: the token was revoked")
			}
		}
		if e.Kind.system() {
			continue
		}
		for _, k := range e.Audience.appendKeys(keys[:0]) {
			for s := range h.subs[k] {
				if e.Seq <= s.queued || !s.filter.matches(e) {
					continue // already queued through another key, or not asked for
				}
				if k.Kind.reach() && !e.Audience.Dealers.heardBy(s.filter.Keys) {
					continue // a dealer outside one of the other dimensions
				}
				s.queued = e.Seq
				if !s.push(e, h.limits.QueueLen) {
					h.dropLocked(s)
					continue
				}
				h.queued.Add(1)
			}
		}
	}
}

// dropLocked ends a subscription that cannot take more events, and closes
// its connection with 1013.
func (h *Hub) dropLocked(s *Subscription) {
	if s.isDropped {
		return
	}
	s.isDropped = true
	h.unindexLocked(s)
	close(s.dropped)
	if s.onQueued != nil {
		s.onQueued()
	}
	if s.conn != nil {
		s.conn.Kick(CloseTryAgain, "too slow: events were waiting; reconnect and resume from your last cursor")
	}
}

func (h *Hub) unindexLocked(s *Subscription) {
	for _, k := range s.filter.Keys {
		if set := h.subs[k]; set != nil {
			delete(set, s)
			if len(set) == 0 {
				delete(h.subs, k)
			}
		}
	}
}

// Conn is one client connection (a websocket), known to the hub so that it
// can be closed: when its token is revoked, or when it falls behind.
type Conn struct {
	hub     *Hub
	tokenID int
	kick    func(code int, reason string)
	once    sync.Once

	subs   int  // open subscriptions; hub.mu
	closed bool // hub.mu
}

// Connect registers a connection signed in with token tokenID. kick closes
// it with a websocket close code; it must not block (the hub calls it while
// delivering to everyone else). Close the Conn when the connection ends.
func (h *Hub) Connect(tokenID int, kick func(code int, reason string)) *Conn {
	c := &Conn{hub: h, tokenID: tokenID, kick: kick}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.conns[tokenID] == nil {
		h.conns[tokenID] = map[*Conn]struct{}{}
	}
	h.conns[tokenID][c] = struct{}{}
	h.openConns.Add(1)
	return c
}

// Kick closes the connection with code, once.
func (c *Conn) Kick(code int, reason string) {
	c.once.Do(func() { c.kick(code, reason) })
}

// Close forgets the connection.
func (c *Conn) Close() {
	h := c.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if !c.closed {
		h.openConns.Add(-1)
	}
	c.closed = true
	if set := h.conns[c.tokenID]; set != nil {
		delete(set, c)
		if len(set) == 0 {
			delete(h.conns, c.tokenID)
		}
	}
}

// Filter says which events a subscription wants.
type Filter struct {
	// Keys are the audience keys of the viewer (ViewerKeys): the
	// events it may see.
	Keys []Key
	// Kinds are the kinds of event wanted.
	Kinds []Kind
	// OrderID limits the subscription to one order's events; 0 for all.
	OrderID int
	// SubjectID limits it to the events about one record (a ticket); 0
	// for all.
	SubjectID int
}

func (f Filter) matches(e *Event) bool {
	return slices.Contains(f.Kinds, e.Kind) && (f.OrderID == 0 || e.OrderID == f.OrderID) &&
		(f.SubjectID == 0 || e.SubjectID == f.SubjectID)
}

// hears is Publish's decision for one subscription: the event is wanted,
// and its audience meets the subscriber's keys.
func (f Filter) hears(e *Event) bool {
	if !f.matches(e) {
		return false
	}
	for _, k := range e.Audience.keys() {
		if slices.Contains(f.Keys, k) && (!k.Kind.reach() || e.Audience.Dealers.heardBy(f.Keys)) {
			return true
		}
	}
	return false
}

// where is the filter as outbox predicates, for replay; false when the
// filter can match nothing.
func (f Filter) where() ([]predicate.Event, bool) {
	if len(f.Keys) == 0 || len(f.Kinds) == 0 {
		return nil, false
	}
	kinds := make([]string, len(f.Kinds))
	for i, k := range f.Kinds {
		kinds[i] = string(k)
	}
	ps := []predicate.Event{event.KindIn(kinds...)}
	if f.OrderID != 0 {
		ps = append(ps, event.OrderID(f.OrderID))
	}
	if f.SubjectID != 0 {
		ps = append(ps, event.SubjectID(f.SubjectID))
	}
	if slices.Contains(f.Keys, AllKey()) {
		return ps, true
	}
	var dealers, channels, owners []int
	var reached bool
	for _, k := range f.Keys {
		switch k.Kind {
		case KeyDealer:
			dealers = append(dealers, k.ID)
		case KeyChannel:
			channels = append(channels, k.ID)
		case KeyOwner:
			owners = append(owners, k.ID)
		}
		reached = reached || k.Kind == KeyUser || k.Kind == KeyManagers || k.Kind.reach()
	}
	var audience []predicate.Event
	if reached {
		// Events for many dealers are few (announcements): all are read,
		// and Filter.hears picks the subscriber's in memory.
		audience = append(audience, event.DealerReachNotNil())
	}
	if len(dealers) > 0 {
		audience = append(audience, event.DealerIDIn(dealers...), event.ParentDealerIDIn(dealers...))
	}
	if len(channels) > 0 {
		audience = append(audience, event.ChannelIDIn(channels...))
	}
	if len(owners) > 0 {
		audience = append(audience, event.OwnerIDIn(owners...))
	}
	if len(audience) == 0 {
		return nil, false
	}
	return append(ps, event.Or(audience...)), true
}

// Subscription is one subscriber's stream: first what it missed since its
// cursor, from the outbox, then live events. Next and TryNext are called
// from one goroutine at a time; Close when done.
//
// Its queue is a slice that grows as events wait and is let go once they
// are taken: most subscribers, idle most of the time, hold none.
type Subscription struct {
	hub    *Hub
	conn   *Conn
	filter Filter

	qmu       sync.Mutex
	queue     []*Event      // qmu
	ready     chan struct{} // signalled when an event is queued
	dropped   chan struct{} // closed when the hub dropped the subscription
	onQueued  func()        // hub.mu
	queued    int64         // highest delivery number queued; hub.mu
	isDropped bool          // hub.mu

	// Owned by the reader.
	last      int64 // highest delivery number returned
	scanned   int64 // highest delivery number the replay has read
	upTo      int64 // live delivery starts after this; replay runs up to it
	replaying bool
	page      []*Event
	closeOnce sync.Once
}

const replayPage = 200

// Subscribe starts a subscription of conn (nil outside a connection) to the
// events matching f: live from now, or, with after, everything after that
// cursor first. Live delivery is registered before the replay is read, and
// the replay stops where live delivery starts, so nothing falls between
// them and nothing is delivered twice.
func (h *Hub) Subscribe(ctx context.Context, conn *Conn, f Filter, after *string) (*Subscription, error) {
	var from int64
	if after != nil {
		n, err := ParseCursor(*after)
		if err != nil {
			return nil, err
		}
		from = n
	}
	s := &Subscription{
		hub:     h,
		conn:    conn,
		filter:  f,
		ready:   make(chan struct{}, 1),
		dropped: make(chan struct{}),
	}
	h.mu.Lock()
	if conn != nil {
		switch {
		case conn.closed:
			h.mu.Unlock()
			return nil, apperr.Errorf(apperr.Unauthenticated, "the connection is closing")
		case conn.subs >= h.limits.MaxSubscriptions:
			h.mu.Unlock()
			return nil, apperr.Errorf(apperr.RateLimited, "a connection may hold at most %d subscriptions: stop one first", h.limits.MaxSubscriptions)
		}
		conn.subs++
	}
	for _, k := range f.Keys {
		if h.subs[k] == nil {
			h.subs[k] = map[*Subscription]struct{}{}
		}
		h.subs[k][s] = struct{}{}
	}
	s.upTo = h.last.Load()
	s.queued = s.upTo
	h.mu.Unlock()
	h.openSubs.Add(1)

	s.last = s.upTo
	if after != nil {
		pruned, err := h.prunedThrough(ctx)
		if err != nil {
			s.Close()
			return nil, err
		}
		if from < pruned || from > s.upTo {
			s.Close()
			return nil, errCursorExpired
		}
		s.last = from
		s.scanned = from
		s.replaying = from < s.upTo
	}
	return s, nil
}

var errCursorExpired = apperr.Errorf(apperr.CursorExpired,
	"this cursor is older than the events kept, or unknown: refetch, then subscribe after eventCursor")

func (h *Hub) prunedThrough(ctx context.Context) (int64, error) {
	seq, err := h.client.EventSequence.Query().Only(access.Bypass(ctx))
	if err != nil {
		return 0, err
	}
	return seq.PrunedThrough, nil
}

// push queues e, unless limit events are already waiting. hub.mu.
func (s *Subscription) push(e *Event, limit int) bool {
	s.qmu.Lock()
	if len(s.queue) >= limit {
		s.qmu.Unlock()
		return false
	}
	s.queue = append(s.queue, e)
	s.qmu.Unlock()
	select {
	case s.ready <- struct{}{}:
	default:
	}
	if s.onQueued != nil {
		s.onQueued()
	}
	return true
}

// OnQueued has f called whenever an event is queued for the subscription,
// or it is dropped, so that a reader need not wait in Next: f is called
// while the hub delivers to everyone else, so it must not block. Events
// queued before it was set are there for TryNext.
func (s *Subscription) OnQueued(f func()) {
	s.hub.mu.Lock()
	s.onQueued = f
	s.hub.mu.Unlock()
}

// Pending reports whether TryNext has something to return: an event queued,
// or the end of a dropped subscription.
func (s *Subscription) Pending() bool {
	select {
	case <-s.dropped:
		return true
	default:
	}
	s.qmu.Lock()
	defer s.qmu.Unlock()
	return len(s.queue) > 0
}

// Next returns the next event, waiting for one. It fails with ctx's error
// when ctx ends, ErrTooSlow when the subscription was dropped, and
// CURSOR_EXPIRED when the events being replayed were pruned meanwhile.
func (s *Subscription) Next(ctx context.Context) (*Event, error) {
	for {
		e, err := s.TryNext(ctx)
		if e != nil || err != nil {
			return e, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-s.dropped:
			return nil, ErrTooSlow
		case <-s.ready:
		}
	}
}

// TryNext is Next without the wait for a live event: nil, nil when none
// is queued. (The replay still reads the outbox.)
func (s *Subscription) TryNext(ctx context.Context) (*Event, error) {
	for s.replaying {
		if len(s.page) == 0 {
			if err := s.fetch(ctx); err != nil {
				return nil, err
			}
			if len(s.page) == 0 {
				s.replaying = false
				break
			}
		}
		e := s.page[0]
		s.page = s.page[1:]
		s.last = e.Seq
		return e, nil
	}
	s.page = nil
	select {
	case <-s.dropped:
		return nil, ErrTooSlow
	default:
	}
	for {
		s.qmu.Lock()
		if len(s.queue) == 0 {
			s.qmu.Unlock()
			return nil, nil
		}
		e := s.queue[0]
		s.queue[0] = nil
		s.queue = s.queue[1:]
		if len(s.queue) == 0 {
			s.queue = nil // let the backing array go
		}
		s.qmu.Unlock()
		if e.Seq > s.last {
			s.last = e.Seq
			return e, nil
		}
	}
}

// fetch reads the next page of the replay: none when it is over.
func (s *Subscription) fetch(ctx context.Context) error {
	where, any := s.filter.where()
	if !any {
		return nil
	}
	for {
		rows, err := s.hub.client.Event.Query().
			Where(event.SeqGT(s.scanned), event.SeqLTE(s.upTo)).
			Where(where...).
			Order(ent.Asc(event.FieldSeq)).
			Limit(replayPage).
			All(access.Bypass(ctx))
		if err != nil {
			return err
		}
		// Read after the page: had pruning removed events the page should
		// hold, this sees it.
		pruned, err := s.hub.prunedThrough(ctx)
		if err != nil {
			return err
		}
		if pruned > s.scanned {
			return errCursorExpired
		}
		if len(rows) == 0 {
			return nil
		}
		for _, row := range rows {
			e := FromRow(row)
			s.scanned = e.Seq
			if s.filter.hears(e) {
				s.page = append(s.page, e)
			}
		}
		if len(s.page) > 0 {
			return nil
		}
	}
}

// Close ends the subscription.
func (s *Subscription) Close() {
	s.closeOnce.Do(func() {
		h := s.hub
		h.mu.Lock()
		defer h.mu.Unlock()
		h.unindexLocked(s)
		if s.conn != nil {
			s.conn.subs--
		}
		h.openSubs.Add(-1)
	})
}

// Stats are the hub's figures for monitoring.
type Stats struct {
	Connections   int64 // open connections
	Subscriptions int64 // open subscriptions
	Queued        int64 // events queued for subscribers, since the start
}

// Stats reads the hub's figures.
func (h *Hub) Stats() Stats {
	return Stats{Connections: h.openConns.Load(), Subscriptions: h.openSubs.Load(), Queued: h.queued.Load()}
}

type connKey struct{}

// NewConnContext returns ctx carrying the connection c, for the
// subscriptions made over it.
func NewConnContext(ctx context.Context, c *Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// ConnFromContext returns the connection of ctx, or nil.
func ConnFromContext(ctx context.Context) *Conn {
	c, _ := ctx.Value(connKey{}).(*Conn)
	return c
}
