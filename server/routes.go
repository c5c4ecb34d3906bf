package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"time"
	"unicode/utf8"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/graph"
	"github.com/dealerline/dealerline/graph/limits"
	"github.com/dealerline/dealerline/server/graphiql"
)

func (m *Main) routes() http.Handler {
	signIn := m.services.Auth
	mux := http.NewServeMux()
	mux.Handle("/graphql", m.metrics.instrument(m.sockets.guard(m.limitBody(m.authenticate(signIn, m.graphql(signIn))))))
	if !m.Config.Production {
		mux.Handle("/graphiql/", http.StripPrefix("/graphiql", graphiql.Handler("Dealerline", "/graphql")))
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", m.ready)
	mux.Handle("/", m.portal())
	return mux
}

// graphql is the API: queries and mutations over HTTP, subscriptions (and
// the rest) over websockets, with the limits, the request transaction and
// the error presenter on every operation.
func (m *Main) graphql(signIn *auth.Service) http.Handler {
	srv := handler.New(graph.NewSchema(m.services))
	srv.AddTransport(transport.Websocket{
		Implementation: m.sockets,
		InitFunc:       m.websocketInit(signIn),
		// Pings and keep-alives (ws.PingInterval) are the socket's, from a
		// timer: gqlgen's take a goroutine per connection.
		ErrorFunc: func(ctx context.Context, err error) {
			m.Log.DebugContext(ctx, "websocket", "err", err)
		},
	})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})

	srv.SetQueryCache(m.limits.QueryCache(lru.New[*ast.QueryDocument](1000)))
	srv.Use(m.limits)
	srv.Use(limits.Arguments{})
	srv.Use(graph.SignInRequired{})
	srv.Use(graph.CursorAtStart{Events: m.hub})
	if !m.Config.Production {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(graph.ErrorCodes{Log: m.Log})
	srv.Use(graph.ReadReceipts{})
	srv.Use(entgql.Transactioner{TxOpener: m.db.Client})
	srv.SetErrorPresenter(graph.ErrorPresenter(m.Log))
	srv.SetRecoverFunc(graph.Recover(m.Log))
	return srv
}

// authenticate puts the viewer of a valid bearer token, and the client's
// address, in the request context. A refused token is recorded so the
// refusal can say why; the operation is refused by graph.SignInRequired.
func (m *Main) authenticate(signIn *auth.Service, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := auth.WithClientAddr(r.Context(), auth.ClientAddr(r, m.Config.TrustedProxies))
		ctx = auth.NewContext(ctx, nil)
		if secret := auth.BearerToken(r.Header.Get("Authorization")); secret != "" {
			v, err := signIn.Authenticate(ctx, secret)
			switch {
			case err == nil:
				auth.SignedIn(ctx, v)
			case apperr.CodeOf(err) == apperr.Unauthenticated:
				ctx = auth.WithCredentialError(ctx, err)
			default:
				m.Log.ErrorContext(ctx, "authenticate", "err", err)
				writeError(w, http.StatusServiceUnavailable, apperr.Errorf(apperr.Internal, "could not check the token; try again"))
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// limitBody refuses a request body over MaxBodyBytes, or not JSON in UTF-8, with
// INVALID_INPUT before anything parses it.
func (m *Main) limitBody(next http.Handler) http.Handler {
	limit := m.Config.MaxBodyBytes
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Method == http.MethodPost {
			body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
			if err != nil {
				writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput, "could not read the request body"))
				return
			}
			if int64(len(body)) > limit {
				writeError(w, http.StatusRequestEntityTooLarge,
					apperr.Errorf(apperr.InvalidInput, "request body is larger than the limit of %d bytes", limit))
				return
			}
			// gqlgen answers a body that is not JSON without a code.
			if !json.Valid(body) {
				writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput, "the request body is not valid JSON"))
				return
			}
			// encoding/json would replace bytes that are not UTF-8 with
			// U+FFFD, storing text other than what was sent.
			if !utf8.Valid(body) {
				writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput, "the request body is not valid UTF-8 text"))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

// writeError answers in the GraphQL response shape, for refusals made
// before GraphQL runs.
func writeError(w http.ResponseWriter, status int, e *apperr.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": e.Message, "extensions": map[string]any{"code": e.Code}}},
	})
}

// ready answers 200 while the database answers.
func (m *Main) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := m.db.SQL.PingContext(ctx); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, "ready\n")
}
