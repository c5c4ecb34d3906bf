package server

import (
	"bytes"
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/graph"
	"github.com/dealerline/dealerline/graph/limits"
	"github.com/dealerline/dealerline/server/graphiql"
)

func (m *Main) routes() http.Handler {
	signIn := m.services.Auth
	mux := http.NewServeMux()
	api, transports := m.graphql(signIn)
	mux.Handle("/graphql", m.metrics.instrument(m.sockets.guard(noStore(m.limitBody(m.authenticate(signIn, m.limitRate(supported(transports, api))))))))
	if !m.Config.Production {
		mux.Handle("/graphiql/", http.StripPrefix("/graphiql", graphiql.Handler("Dealerline", "/graphql")))
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", m.ready)
	attachment := m.metrics.instrument(m.authenticate(signIn, m.limitRate(http.HandlerFunc(m.serveAttachment))))
	mux.Handle("GET /attachments/{id}", attachment)
	mux.Handle("GET /attachments/{id}/thumbnail", attachment)
	mux.Handle("POST /import", m.metrics.instrument(noStore(m.authenticate(signIn, m.limitRate(http.HandlerFunc(m.importHistory))))))
	mux.Handle("/", m.portal())
	return m.traceRequests(m.logRequests(mux))
}

// graphql is the API: queries and mutations over HTTP, subscriptions (and
// the rest) over websockets, with the limits, the request transaction and
// the error presenter on every operation. It returns the transports too,
// so requests none of them takes are refused with a code.
func (m *Main) graphql(signIn *auth.Service) (http.Handler, []graphql.Transport) {
	srv := handler.New(graph.NewSchema(m.services))
	transports := []graphql.Transport{
		m.websocketTransport(signIn),
		transport.Options{},
		transport.GET{},
		transport.POST{},
		// File uploads (uploadAttachment), by the GraphQL multipart request
		// spec; limitBody has checked the request's shape and size.
		transport.MultipartForm{MaxUploadSize: m.multipartLimit(), MaxMemory: 1 << 20},
	}
	for _, t := range transports {
		srv.AddTransport(t)
	}

	// The limits bound the work of parsing and validation too: tokens,
	// then fields and directives counted before validation, then errors.
	srv.SetQueryCache(m.limits.QueryCache(lru.New[*ast.QueryDocument](1000)))
	srv.SetParserTokenLimit(m.Config.Limits.MaxTokens)
	srv.SetValidationRulesFn(m.limits.ValidationRules)
	srv.SetDisableSuggestion(m.Config.Production)
	srv.Use(logOperations{}) // before the refusals, so they are named too
	if m.rate != nil {
		srv.Use(websocketRate{m.rate})
	}
	srv.Use(m.limits)
	srv.Use(limits.Arguments{})
	srv.Use(graph.SignInRequired{})
	srv.Use(graph.CursorAtStart{Events: m.hub})
	if !m.Config.Production {
		srv.Use(extension.Introspection{})
	}
	srv.Use(newPersistedOperations(m.Config.APQCacheSize, m.allowed))
	if m.tracing != nil {
		srv.Use(traceOperations{m.tracing.Tracer(tracerName)})
	}
	srv.Use(graph.ErrorCodes{Log: m.Log, MaxErrors: m.Config.Limits.MaxErrors})
	srv.Use(graph.ReadReceipts{})
	srv.Use(graph.Transactioner{Transactioner: entgql.Transactioner{TxOpener: m.db.Client, SkipTxFunc: graph.OutsideTransaction}})
	srv.SetErrorPresenter(graph.ErrorPresenter(m.Log, m.Config.Production))
	srv.SetRecoverFunc(graph.Recover(m.Log))
	return srv, transports
}

// noStore keeps answers, login's token among them, out of every cache.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// supported refuses with a code what gqlgen would answer without one: a
// request no transport takes, and a GET it cannot read or that is not a
// query (GET must change nothing).
func supported(transports []graphql.Transport, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !slices.ContainsFunc(transports, func(t graphql.Transport) bool { return t.Supports(r) }) {
			writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput,
				"send a POST with Content-Type: application/json (multipart/form-data to upload a file), a GET with query parameters, or open a websocket"))
			return
		}
		if r.Method == http.MethodGet {
			if status, msg := getRefusal(r.URL.RawQuery); msg != "" {
				writeError(w, status, apperr.Errorf(apperr.InvalidInput, "%s", msg))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// getRefusal says why a GET's parameters are refused, or "" when they are
// not: variables and extensions must be JSON objects, and the operation a
// query (one that cannot be told is left to GraphQL). The limits have not
// run yet: the parse is bounded by the URL, which net/http bounds.
func getRefusal(rawQuery string) (status int, msg string) {
	params, err := url.ParseQuery(rawQuery)
	if err != nil {
		return http.StatusBadRequest, "the URL's query parameters cannot be read"
	}
	for _, vs := range params {
		for _, v := range vs {
			if !utf8.ValidString(v) { // as for a POST body: never replaced
				return http.StatusBadRequest, "the URL's query parameters are not valid UTF-8 text"
			}
		}
	}
	for _, name := range []string{"variables", "extensions"} {
		v := strings.TrimSpace(params.Get(name))
		if v != "" && (!json.Valid([]byte(v)) || v[0] != '{') {
			return http.StatusBadRequest, name + " must be a JSON object"
		}
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: params.Get("query")})
	if err != nil {
		return 0, ""
	}
	if op := doc.Operations.ForName(params.Get("operationName")); op != nil && op.Operation != ast.Query {
		return http.StatusNotAcceptable, "GET runs queries only: send mutations with POST"
	}
	return 0, ""
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

// limitBody refuses a request body over MaxBodyBytes, not JSON in UTF-8, or
// not one GraphQL request, with INVALID_INPUT before anything parses it.
// gqlgen would answer the others INTERNAL and put the body, passwords and
// all, in the error it logs.
func (m *Main) limitBody(next http.Handler) http.Handler {
	limit := m.Config.MaxBodyBytes
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Method == http.MethodPost && isMultipart(r) {
			m.limitMultipart(w, r, next)
			return
		}
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
			if msg := requestShape(body); msg != "" {
				writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput, "%s", msg))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

// requestShape says what is wrong with a JSON body that is not one GraphQL
// request ({"query": string, "operationName": string, "variables": object,
// "extensions": object, each optional or null), or "" when nothing is.
func requestShape(body []byte) string {
	var req map[string]json.RawMessage
	if json.Unmarshal(body, &req) != nil {
		return "the request body must be one JSON object: {\"query\": …, \"variables\": {…}}; batches are not supported"
	}
	for name, want := range map[string]byte{"query": '"', "operationName": '"', "variables": '{', "extensions": '{'} {
		v := bytes.TrimSpace(req[name])
		if len(v) == 0 || string(v) == "null" || v[0] == want {
			continue
		}
		if want == '"' {
			return name + " must be a string"
		}
		return name + " must be a JSON object"
	}
	return ""
}

// writeError answers in the GraphQL response shape, for refusals made
// before GraphQL runs.
func writeError(w http.ResponseWriter, status int, e *apperr.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	ext := map[string]any{"code": e.Code}
	if e.Field != "" {
		ext["field"] = e.Field
	}
	if e.Reason != "" {
		ext["reason"] = e.Reason
	}
	json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": e.Message, "extensions": ext}},
	})
}

// ready answers 200 while the database answers.
func (m *Main) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	err := m.db.SQL.PingContext(ctx)
	for errors.Is(err, driver.ErrBadConn) {
		// After an outage the pool still holds connections that died
		// with it; each attempt drops those it meets, until a live one
		// answers or the time is up.
		err = m.db.SQL.PingContext(ctx)
	}
	if err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, "ready\n")
}
