package server_test

import (
	"bufio"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// scrape reads the instance's metrics: name (with labels) → value.
func scrape(t *testing.T, m *server.Main) map[string]float64 {
	t.Helper()
	res, err := http.Get(m.MetricsURL())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %s", res.Status)
	}
	got := map[string]float64{}
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if v, err := strconv.ParseFloat(line[i+1:], 64); err == nil {
			got[line[:i]] = v
		}
	}
	return got
}

func TestMetrics(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) { c.MetricsAddr = "127.0.0.1:0" })
	before := scrape(t, m)
	for _, name := range []string{"go_memstats_heap_inuse_bytes", "go_goroutines", "process_resident_memory_bytes", "dealerline_websocket_connections"} {
		if _, ok := before[name]; !ok {
			t.Errorf("metric %s is missing", name)
		}
	}

	south := signIn(t, m, "south@demo.test")
	var orders any
	south.mustQuery(t, `{ orders(first: 5) { totalCount } }`, nil, &orders)
	w := connect(t, m, transportWS, south.token)
	w.subscribe("1", `subscription { orderStatusChanged { cursor } }`, nil)
	after := scrape(t, m)
	for deadline := time.Now().Add(5 * time.Second); after["dealerline_subscriptions"] == 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond) // the subscription starts after connection_ack
		after = scrape(t, m)
	}
	if d := after["dealerline_sql_statements_total"] - before["dealerline_sql_statements_total"]; d < 2 {
		t.Errorf("SQL statements grew by %v over a sign-in and a query", d)
	}
	if n := after[`dealerline_graphql_request_duration_seconds_count{code="200"}`]; n < 2 {
		t.Errorf("%v GraphQL requests timed, want the sign-in and the query", n)
	}
	if after["dealerline_websocket_connections"] != 1 || after["dealerline_subscriptions"] != 1 {
		t.Errorf("connections %v, subscriptions %v; want 1 and 1", after["dealerline_websocket_connections"], after["dealerline_subscriptions"])
	}
}
