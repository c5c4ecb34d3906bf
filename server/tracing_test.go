package server_test

import (
	"context"
	"io"
	"maps"
	"slices"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/dealerline/dealerline/server"
)

func TestTracing_ARequestMakesSpans(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	m := server.NewMain(cfg)
	m.Out = io.Discard
	spans := tracetest.NewInMemoryExporter()
	m.TraceExporter = spans
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()

	dealer := signIn(t, m, "south@demo.test")
	var got struct{ Me struct{ Name string } }
	dealer.mustQuery(t, `query Me { me { name dealer { name } } }`, nil, &got)
	// Spans are exported in batches, once ended: the request's ends just
	// after its answer is sent.
	var byName map[string][]tracetest.SpanStub
	for range 100 {
		otel.GetTracerProvider().(interface{ ForceFlush(context.Context) error }).ForceFlush(context.Background())
		byName = map[string][]tracetest.SpanStub{}
		for _, s := range spans.GetSpans() {
			byName[s.Name] = append(byName[s.Name], s)
		}
		if len(byName["POST /graphql"]) >= 2 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if len(byName["POST /graphql"]) < 2 || len(byName["query Me"]) != 1 || len(byName["mutation"]) != 1 || len(byName["sql"]) == 0 {
		t.Fatalf("spans %v, want POST /graphql for each request, one per operation, and sql", slices.Collect(maps.Keys(byName)))
	}
	op := byName["query Me"][0]
	var request trace.SpanContext
	for _, s := range byName["POST /graphql"] {
		if s.SpanContext.SpanID() == op.Parent.SpanID() {
			request = s.SpanContext
		}
	}
	if !request.IsValid() {
		t.Error("the operation's span is not a child of its request's")
	}
	var underOperation int
	for _, s := range byName["sql"] {
		if s.Parent.SpanID() == op.SpanContext.SpanID() {
			underOperation++
			for _, a := range s.Attributes {
				if a.Key == "db.query.text" && a.Value.AsString() == "" {
					t.Error("a statement's span without its SQL")
				}
			}
		}
	}
	if underOperation == 0 {
		t.Error("no SQL span under the operation's")
	}
}

// With no endpoint, nothing is traced: the global provider stays the no-op
// one, so neither the store nor the relay starts a span.
func TestTracing_OffWithoutAnEndpoint(t *testing.T) {
	cfg, err := server.ParseConfig(nil, func(string) string { return "" })
	if err != nil || cfg.TracesEndpoint != "" || !cfg.Tracing {
		t.Fatalf("config %v %q %v", err, cfg.TracesEndpoint, cfg.Tracing)
	}
	before := otel.GetTracerProvider()
	m := startServer(t)
	signIn(t, m, "south@demo.test")
	if otel.GetTracerProvider() != before {
		t.Error("tracing started without an endpoint")
	}
	_, span := otel.Tracer("test").Start(context.Background(), "probe")
	if span.IsRecording() {
		t.Error("the global tracer records")
	}

	env := map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/"}
	cfg, _ = server.ParseConfig([]string{"--tracing=false"}, func(k string) string { return env[k] })
	if cfg.TracesEndpoint != "http://collector:4318/v1/traces" || cfg.Tracing {
		t.Errorf("endpoint %q tracing %v", cfg.TracesEndpoint, cfg.Tracing)
	}
}
