package server

import (
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the instance's Prometheus figures: the Go runtime and the
// process (memory per connection is read from them), SQL statements sent,
// GraphQL requests and their latency, and the websockets and subscriptions
// open. They are served on their own listener (--metrics-addr), with the
// runtime's profiles under /debug/pprof/.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.HistogramVec
}

func newMetrics(m *Main) *metrics {
	reg := prometheus.NewRegistry()
	x := &metrics{
		reg: reg,
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "dealerline_graphql_request_duration_seconds",
			Help:    "GraphQL requests over HTTP (not websockets), by HTTP status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"code"}),
	}
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		x.requests,
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "dealerline_sql_statements_total",
			Help: "SQL statements sent to the database by the API.",
		}, func() float64 { return float64(m.db.Statements()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "dealerline_websocket_connections",
			Help: "Signed-in websocket connections open.",
		}, func() float64 { return float64(m.hub.Stats().Connections) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "dealerline_subscriptions",
			Help: "Live subscriptions open.",
		}, func() float64 { return float64(m.hub.Stats().Subscriptions) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "dealerline_events_queued_total",
			Help: "Events queued for subscribers (one per subscriber reached).",
		}, func() float64 { return float64(m.hub.Stats().Queued) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "dealerline_relay_leading",
			Help: "1 when this instance's relay numbers the cluster's events.",
		}, func() float64 {
			if m.RelayLeading() {
				return 1
			}
			return 0
		}),
	)
	return x
}

// instrument times the GraphQL requests made over HTTP; websocket upgrades
// last as long as the connection and are left out.
func (x *metrics) instrument(next http.Handler) http.Handler {
	timed := promhttp.InstrumentHandlerDuration(x.requests, next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			next.ServeHTTP(w, r)
			return
		}
		timed.ServeHTTP(w, r)
	})
}

func (x *metrics) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(x.reg, promhttp.HandlerOpts{}))
	// Profiles, for finding where time and memory go under load: on the
	// private listener only.
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	return mux
}

// serveMetrics starts the metrics listener when an address is set.
func (m *Main) serveMetrics() error {
	if m.Config.MetricsAddr == "" {
		return nil
	}
	l, err := net.Listen("tcp", m.Config.MetricsAddr)
	if err != nil {
		return fmt.Errorf("listen on %s for metrics: %w", m.Config.MetricsAddr, err)
	}
	m.metricsListener = l
	srv := &http.Server{Handler: m.metrics.handler()}
	go srv.Serve(l)
	return nil
}

// MetricsURL is the address of the metrics, empty when not served.
func (m *Main) MetricsURL() string {
	if m.metricsListener == nil {
		return ""
	}
	return "http://" + m.metricsListener.Addr().String() + "/metrics"
}
