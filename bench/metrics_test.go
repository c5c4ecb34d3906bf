package bench_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dealerline/dealerline/bench"
)

func TestScrape_SumsEachMetricOverItsLabels(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `# HELP dealerline_subscriptions Live subscriptions.
# TYPE dealerline_subscriptions gauge
dealerline_subscriptions 12
# TYPE requests_total counter
requests_total{operation="orders"} 3
requests_total{operation="dealers"} 4
# TYPE go_memstats_heap_inuse_bytes gauge
go_memstats_heap_inuse_bytes 1.5e+06
# TYPE go_memstats_stack_inuse_bytes gauge
go_memstats_stack_inuse_bytes 500000
# TYPE latency_seconds histogram
latency_seconds_bucket{le="+Inf"} 9
latency_seconds_sum 1.25
latency_seconds_count 9
`)
	}))
	defer srv.Close()
	m, err := bench.Scrape(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]float64{"dealerline_subscriptions": 12, "requests_total": 7} {
		if got := m[name]; got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if got, want := m.Memory(), 2e6; got != want {
		t.Errorf("Memory() = %v, want %v", got, want)
	}
}

func TestScrape_RefusesWhatIsNotTheTextFormat(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html>not metrics</html>\n")
	}))
	defer srv.Close()
	if _, err := bench.Scrape(context.Background(), srv.URL); err == nil {
		t.Error("Scrape of an HTML page: no error")
	}
}
