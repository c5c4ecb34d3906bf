package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dealerline/dealerline/auth"
)

// A request's log line: one per request, when it ends, with what it was
// for and never what it carried (no body, no variables, no token).
type requestLog struct {
	id string
	mu sync.Mutex // websocket operations run side by side
	// The GraphQL operation, set by logOperations; the last one of a
	// websocket connection.
	operation string
	viewer    int // the signed-in user's id, 0 for none
}

type requestLogKey struct{}

// maxRequestIDLen bounds an X-Request-ID taken from the client or proxy.
const maxRequestIDLen = 64

// logRequests gives each request an id, X-Request-ID (a sane one from the
// client or proxy is kept, so their logs and ours join up), answered in the
// same header and put on every log line the request writes, and logs the
// request once when it ends: at INFO in production, DEBUG otherwise (a
// developer's console shows errors, not every click). Health probes are not
// logged.
func (m *Main) logRequests(next http.Handler) http.Handler {
	level := slog.LevelDebug
	if m.Config.Production {
		level = slog.LevelInfo
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !saneRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-ID", id)
		rl := &requestLog{id: id}
		r = r.WithContext(context.WithValue(r.Context(), requestLogKey{}, rl))
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || !m.Log.Enabled(r.Context(), level) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		if isWebsocket(r) {
			next.ServeHTTP(w, r) // hijacked: no status to see
			sw.status = http.StatusSwitchingProtocols
		} else {
			next.ServeHTTP(sw, r)
		}
		rl.mu.Lock()
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Duration("duration", time.Since(start)),
		}
		if rl.operation != "" {
			attrs = append(attrs, slog.String("operation", rl.operation))
		}
		if rl.viewer != 0 {
			attrs = append(attrs, slog.Int("viewer", rl.viewer))
		}
		rl.mu.Unlock()
		m.Log.LogAttrs(r.Context(), level, "request", attrs...)
	})
}

// saneRequestID accepts an id of letters, digits and -._ up to
// maxRequestIDLen: anything else could forge log lines.
func saneRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for _, c := range id {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func isWebsocket(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logOperations records each operation's name and viewer on its request's
// log line.
type logOperations struct{}

var (
	_ graphql.HandlerExtension        = logOperations{}
	_ graphql.OperationContextMutator = logOperations{}
)

func (logOperations) ExtensionName() string                   { return "LogOperations" }
func (logOperations) Validate(graphql.ExecutableSchema) error { return nil }

func (logOperations) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	rl, _ := ctx.Value(requestLogKey{}).(*requestLog)
	if rl == nil {
		return nil
	}
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.operation = operationName(oc)
	if v := auth.FromContext(ctx); v != nil {
		rl.viewer = v.UserID
	}
	return nil
}

// operationName is "query Orders": the operation's type and name.
func operationName(oc *graphql.OperationContext) string {
	if oc.Operation == nil {
		return oc.OperationName
	}
	name := string(oc.Operation.Operation)
	if oc.Operation.Name != "" {
		name += " " + oc.Operation.Name
	}
	return name
}

// withRequestIDs puts the request id on every line logged in a request's
// context, errors included.
type withRequestIDs struct{ slog.Handler }

func (h withRequestIDs) Handle(ctx context.Context, r slog.Record) error {
	if rl, _ := ctx.Value(requestLogKey{}).(*requestLog); rl != nil {
		r.AddAttrs(slog.String("request_id", rl.id))
	}
	return h.Handler.Handle(ctx, r)
}

func (h withRequestIDs) WithAttrs(attrs []slog.Attr) slog.Handler {
	return withRequestIDs{h.Handler.WithAttrs(attrs)}
}

func (h withRequestIDs) WithGroup(name string) slog.Handler {
	return withRequestIDs{h.Handler.WithGroup(name)}
}
