package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Traces are OpenTelemetry spans, exported over OTLP/HTTP when an endpoint
// is set (OTEL_EXPORTER_OTLP_ENDPOINT; the exporter's other OTEL_EXPORTER_OTLP_*
// settings apply): one per HTTP request, one per GraphQL operation (per
// event sent, for a subscription), one per SQL statement of a request, and
// one per batch of events the relay publishes. Off, nothing is started: no
// provider, no middleware, and the store's check of its context finds no
// span.
const tracerName = "github.com/dealerline/dealerline/server"

// startTracing sets up the tracer provider when traces are wanted, as the
// global one the store and the relay use.
func (m *Main) startTracing(ctx context.Context) error {
	exporter := m.TraceExporter
	if exporter == nil {
		if !m.Config.Tracing || m.Config.TracesEndpoint == "" {
			return nil
		}
		var err error
		if exporter, err = otlptracehttp.New(ctx, otlptracehttp.WithEndpointURL(m.Config.TracesEndpoint)); err != nil {
			return fmt.Errorf("OTEL_EXPORTER_OTLP_ENDPOINT: %w", err)
		}
	}
	res, err := resource.Merge(resource.Default(), resource.NewSchemaless(attribute.String("service.name", "dealerline")))
	if err != nil {
		return err
	}
	m.tracing = sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter), sdktrace.WithResource(res))
	m.globalTracing = otel.GetTracerProvider()
	otel.SetTracerProvider(m.tracing)
	return nil
}

// stopTracing exports the spans still buffered.
func (m *Main) stopTracing(ctx context.Context) error {
	if m.tracing == nil {
		return nil
	}
	otel.SetTracerProvider(m.globalTracing)
	err := m.tracing.Shutdown(ctx)
	m.tracing = nil
	return err
}

// traceRequests makes a span of each HTTP request, continuing the trace of
// a W3C traceparent header.
func (m *Main) traceRequests(next http.Handler) http.Handler {
	if m.tracing == nil {
		return next
	}
	tracer := m.tracing.Tracer(tracerName)
	propagator := propagation.TraceContext{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := propagator.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		ctx, span := tracer.Start(ctx, r.Method+" "+route(r.URL.Path), trace.WithSpanKind(trace.SpanKindServer),
			trace.WithAttributes(attribute.String("http.request.method", r.Method), attribute.String("url.path", r.URL.Path)))
		defer span.End()
		r = r.WithContext(ctx)
		if isWebsocket(r) {
			next.ServeHTTP(w, r) // hijacked: the span lasts as long as the connection
			return
		}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		span.SetAttributes(attribute.Int("http.response.status_code", sw.status))
		if sw.status >= http.StatusInternalServerError {
			span.SetStatus(codes.Error, http.StatusText(sw.status))
		}
	})
}

// route names a request's span by what serves it, not by every deep link.
func route(path string) string {
	switch {
	case path == "/graphql", path == "/healthz", path == "/readyz":
		return path
	case strings.HasPrefix(path, "/graphiql/"):
		return "/graphiql/"
	}
	return "portal"
}

// traceOperations makes a span of each GraphQL response: an operation's,
// or an event's of a subscription. The SQL statements its resolvers send
// are its children.
type traceOperations struct{ tracer trace.Tracer }

var (
	_ graphql.HandlerExtension    = traceOperations{}
	_ graphql.ResponseInterceptor = traceOperations{}
)

func (traceOperations) ExtensionName() string                   { return "TraceOperations" }
func (traceOperations) Validate(graphql.ExecutableSchema) error { return nil }

func (t traceOperations) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	name := "graphql"
	if graphql.HasOperationContext(ctx) {
		name = operationName(graphql.GetOperationContext(ctx))
	}
	ctx, span := t.tracer.Start(ctx, name)
	defer span.End()
	resp := next(ctx)
	if resp != nil && len(resp.Errors) > 0 {
		code, _ := resp.Errors[0].Extensions["code"].(string)
		span.SetStatus(codes.Error, code)
	}
	return resp
}
