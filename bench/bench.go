// Package bench measures a running Dealerline: `dealerline bench queries`
// times GraphQL queries at a number of concurrent clients, and
// `dealerline loadtest` opens many live subscribers and times events from
// commit to client. Both sign in with the tokens file of `dealerline seed`
// and read the server's own figures from its metrics (--metrics-addr).
// `dealerline bench endpoint` loads any GraphQL server, Dealerline or
// another over the same database, with one query, and reads CPU time from
// /proc instead.
package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Login is one line of the tokens file: a user and a bearer token.
type Login struct {
	Email    string
	Role     string // ADMIN, CHANNEL_MANAGER or DEALER
	DealerID string // the dealer's id, for DEALER users
	Token    string
}

// ReadTokens reads a tokens file written by `dealerline seed`.
func ReadTokens(path string) ([]Login, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) < 2 || !slices.Equal(rows[0], []string{"email", "role", "dealer_id", "token"}) {
		return nil, fmt.Errorf("%s is not a tokens file of `dealerline seed` (email,role,dealer_id,token)", path)
	}
	logins := make([]Login, 0, len(rows)-1)
	for _, r := range rows[1:] {
		logins = append(logins, Login{Email: r[0], Role: r[1], DealerID: r[2], Token: r[3]})
	}
	return logins, nil
}

// ofRole returns the logins of role, in file order.
func ofRole(logins []Login, role string) []Login {
	var out []Login
	for _, l := range logins {
		if l.Role == role {
			out = append(out, l)
		}
	}
	return out
}

// client speaks GraphQL over HTTP to one server.
type client struct {
	url  string // …/graphql
	http *http.Client
}

func newClient(base string, conns int) *client {
	return &client{url: strings.TrimRight(base, "/") + "/graphql", http: &http.Client{Transport: pooledTransport(conns), Timeout: time.Minute}}
}

// pooledTransport keeps a connection idle for each of conns clients, and
// as many again, so a closed loop never waits on a new connection.
func pooledTransport(conns int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = conns * 2
	t.MaxIdleConnsPerHost = conns * 2
	return t
}

type gqlError struct {
	Message    string
	Extensions struct{ Code string }
}

// do runs one operation as token and decodes its data into out (if not
// nil); GraphQL errors are errors.
func (c *client) do(ctx context.Context, token, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var got struct {
		Data   json.RawMessage
		Errors []gqlError
	}
	if err := json.NewDecoder(res.Body).Decode(&got); err != nil {
		return fmt.Errorf("%s: %w", res.Status, err)
	}
	if len(got.Errors) > 0 {
		return fmt.Errorf("%s: %s", got.Errors[0].Extensions.Code, got.Errors[0].Message)
	}
	if out != nil {
		return json.Unmarshal(got.Data, out)
	}
	return nil
}

// Metrics is a scrape of a server's Prometheus metrics: the value of each
// counter and gauge by name, summed over its label sets.
type Metrics map[string]float64

// Scrape reads the metrics at url (…/metrics).
func Scrape(ctx context.Context, url string) (Metrics, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return parseMetrics(res.Body)
}

func parseMetrics(r io.Reader) (Metrics, error) {
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(r)
	if err != nil {
		return nil, err
	}
	m := Metrics{}
	for name, f := range families {
		for _, s := range f.GetMetric() {
			switch {
			case s.Counter != nil:
				m[name] += s.Counter.GetValue()
			case s.Gauge != nil:
				m[name] += s.Gauge.GetValue()
			case s.Untyped != nil:
				m[name] += s.Untyped.GetValue()
			}
		}
	}
	return m, nil
}

// Memory is the Go memory the server holds: heap in use and goroutine
// stacks, the part that grows with connections.
func (m Metrics) Memory() float64 {
	return m["go_memstats_heap_inuse_bytes"] + m["go_memstats_stack_inuse_bytes"]
}

// Latencies collects durations and reads their percentiles.
type Latencies []time.Duration

// Percentile is the nearest-rank p-th percentile (0 < p ≤ 100).
func (l Latencies) Percentile(p float64) time.Duration {
	if len(l) == 0 {
		return 0
	}
	s := slices.Clone(l)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return s[max(rank, 1)-1]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

var errNoLogins = errors.New("the tokens file has no logins of that role")
