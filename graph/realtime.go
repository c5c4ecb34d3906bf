package graph

import (
	"context"
	"errors"

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
func subscribe[T any](ctx context.Context, events *realtime.Hub, kinds []realtime.Kind, orderID *int, after *string,
	load func(context.Context, *realtime.Event) (*T, error),
) (<-chan *T, error) {
	v := auth.FromContext(ctx)
	if v == nil {
		return nil, apperr.Errorf(apperr.Unauthenticated, "sign in first")
	}
	f := realtime.Filter{Keys: realtime.ViewerKeys(v), Kinds: kinds}
	if orderID != nil {
		f.OrderID = *orderID
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
	go func() {
		defer close(ch)
		defer sub.Close()
		for {
			e, err := sub.Next(ctx)
			if err == nil {
				var p *T
				if p, err = load(ctx, e); err == nil && p == nil {
					continue
				}
				if err == nil {
					select {
					case ch <- p:
						continue
					case <-ctx.Done():
						return
					}
				}
			}
			// Ended by the client, or dropped as too slow (the connection is
			// closed with 1013): nothing to say. Otherwise say why.
			if ctx.Err() == nil && !errors.Is(err, realtime.ErrTooSlow) {
				transport.AddSubscriptionError(ctx, subscriptionError(ctx, err))
			}
			return
		}
	}()
	return ch, nil
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
