package graph

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/realtime"
)

// subscribe starts a subscription of the viewer to the events of kinds (of
// one order when orderID is set), resumed after the cursor after when given,
// and streams them as payloads made by load. load returns nil for an event
// the viewer cannot load (privacy still applies): it is skipped.
//
// No goroutine waits for events: the hub wakes a pump when one is queued,
// and the pump ends once the queue is empty, so an idle subscription costs
// no stack of its own.
func subscribe[T any](ctx context.Context, events *realtime.Hub, kinds []realtime.Kind, orderID *int, after *string,
	load func(context.Context, *realtime.Event) (*T, error),
) (<-chan *T, error) {
	f := realtime.Filter{Kinds: kinds}
	if orderID != nil {
		f.OrderID = *orderID
	}
	return subscribeTo(ctx, events, f, after, load)
}

// subscribeTo is subscribe with the events wanted given as a filter (of
// one ticket: SubjectID); the viewer's keys are added to it unless it
// names keys of its own (realtime.OwnKeys: what is addressed to the viewer
// by name).
func subscribeTo[T any](ctx context.Context, events *realtime.Hub, f realtime.Filter, after *string,
	load func(context.Context, *realtime.Event) (*T, error),
) (<-chan *T, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if f.Keys == nil {
		f.Keys = realtime.ViewerKeys(v)
	}
	sub, err := events.Subscribe(ctx, realtime.ConnFromContext(ctx), f, after)
	ch := make(chan *T)
	if err != nil && ctx.Err() != nil {
		close(ch) // the client left while it was starting: nobody to tell
		return ch, nil
	}
	if err != nil {
		return nil, err
	}
	p := &pump[T]{ctx: ctx, sub: sub, load: load, ch: ch}
	if d := driverFrom(ctx); d != nil {
		p.driver = d
		d.Driven()
	}
	sub.OnQueued(p.wake)
	context.AfterFunc(ctx, sub.Close) // the client stopped it, or left
	p.wake()                          // the replay, and anything queued already
	return ch, nil
}

// pump moves a subscription's events to its channel, from a goroutine that
// runs only while events are waiting.
type pump[T any] struct {
	ctx     context.Context
	sub     *realtime.Subscription
	load    func(context.Context, *realtime.Event) (*T, error)
	ch      chan *T
	driver  Driver      // nil under a transport that waits on ch itself
	running atomic.Bool // stays set once the subscription ended
}

// wake starts the pump unless it is running. It does not block.
func (p *pump[T]) wake() {
	if p.running.CompareAndSwap(false, true) {
		go p.run()
	}
}

func (p *pump[T]) run() {
	for !p.drain() {
		p.running.Store(false)
		// An event queued after drain looked, whose wake found the pump
		// still running, is taken now.
		if !p.sub.Pending() || !p.running.CompareAndSwap(false, true) {
			return
		}
	}
}

// drain sends the events waiting, in order; true once the subscription
// has ended (and ch is closed).
func (p *pump[T]) drain() bool {
	for {
		e, err := p.sub.TryNext(p.ctx)
		if e == nil && err == nil {
			return false
		}
		if err == nil {
			var v *T
			if v, err = p.load(p.ctx, e); err == nil && v == nil {
				continue
			}
			if err == nil {
				if p.driver != nil {
					p.driver.Ready()
				}
				select {
				case p.ch <- v:
					continue
				case <-p.ctx.Done():
					err = p.ctx.Err()
				}
			}
		}
		// Ended by the client, or dropped as too slow (the connection is
		// closed with 1013): nothing to say. Otherwise say why.
		failed := p.ctx.Err() == nil && !errors.Is(err, realtime.ErrTooSlow)
		switch {
		case failed && p.driver != nil:
			p.driver.Failed(subscriptionError(p.ctx, err))
		case failed:
			transport.AddSubscriptionError(p.ctx, subscriptionError(p.ctx, err))
		}
		p.sub.Close()
		if p.driver != nil {
			p.driver.Ready()
		}
		close(p.ch)
		return true
	}
}

// A Driver takes a subscription's events for a transport that keeps no
// goroutine waiting on each subscription's channel: it is told when a
// receive will be answered at once, and receives then.
type Driver interface {
	// Driven says the subscription's channel is fed by a pump that calls
	// Ready before each value it sends and before it closes the channel.
	Driven()
	// Ready: one receive from the channel now gets a value, or sees it
	// closed (or the subscription's context ended).
	Ready()
	// Failed is the error that ends the subscription, told before the
	// channel closes.
	Failed(*gqlerror.Error)
}

type driverKey struct{}

// WithDriver makes d the Driver of the subscriptions started under ctx.
func WithDriver(ctx context.Context, d Driver) context.Context {
	return context.WithValue(ctx, driverKey{}, d)
}

func driverFrom(ctx context.Context) Driver {
	d, _ := ctx.Value(driverKey{}).(Driver)
	return d
}

// subscriptionError presents an error that ends a running subscription,
// as ErrorPresenter presents the others.
func subscriptionError(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	code, message, field := classify(err, gqlErr)
	if code == apperr.Internal {
		message = "internal error: the subscription ended; subscribe again"
	}
	gqlErr.Message, gqlErr.Err = message, nil
	gqlErr.Extensions = map[string]any{"code": string(code)}
	if field != "" {
		gqlErr.Extensions["field"] = field
	}
	return gqlErr
}

// CursorAtStart notes the event cursor as each operation starts, and
// eventCursor answers with it: every event up to it had committed before
// the operation read anything, so a client that reads data and eventCursor
// together, then subscribes after it, misses nothing. (Read at the time the
// field resolves, it could pass an event whose change the data, read
// concurrently, does not show.)
type CursorAtStart struct{ Events *realtime.Hub }

var (
	_ graphql.HandlerExtension     = CursorAtStart{}
	_ graphql.OperationInterceptor = CursorAtStart{}
)

func (CursorAtStart) ExtensionName() string                   { return "CursorAtStart" }
func (CursorAtStart) Validate(graphql.ExecutableSchema) error { return nil }

type cursorKey struct{}

func (c CursorAtStart) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(context.WithValue(ctx, cursorKey{}, c.Events.Cursor()))
}

// cursorAtStart is the cursor CursorAtStart noted for ctx's operation.
func cursorAtStart(ctx context.Context) (string, bool) {
	c, ok := ctx.Value(cursorKey{}).(string)
	return c, ok
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
