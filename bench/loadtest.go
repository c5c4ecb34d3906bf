package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/time/rate"

	"github.com/dealerline/dealerline/realtime/wsclient"
)

// LoadConfig says what Load runs.
type LoadConfig struct {
	URLs        []string // the instances; subscribers are spread over them, changes go through the first
	MetricsURLs []string // their metrics, in the same order
	Logins      []Login
	Subscribers int           // websockets, each signed in as another dealer while there are dealers
	Rate        float64       // order changes a second
	Duration    time.Duration // of the order changes
	Writers     int           // concurrent requests making changes
	// Announcements are published to every dealer, one after another,
	// after the order changes; 0 for none.
	Announcements int
	Out           io.Writer
}

// LoadResult is what Load measured.
type LoadResult struct {
	Subscribers int
	// Server memory (Go heap in use + stacks, from its metrics) per
	// subscriber, and goroutines per subscriber, summed over instances.
	MemoryPerSubscriber     float64
	RSSPerSubscriber        float64
	GoroutinesPerSubscriber float64
	Connect                 time.Duration // to open and subscribe them all

	Orders    Delivery
	Announces Delivery
}

// Delivery is how one kind of event reached the subscribers.
type Delivery struct {
	Events     int     // changes made
	PerSecond  float64 // changes a second achieved
	Expected   int     // deliveries due: each event to each subscriber allowed to see it
	Delivered  int
	Lost       int
	Duplicated int
	Unexpected int // received by a subscriber not due it
	P50, P99   time.Duration
	Errors     int // failed changes
	FirstError string
}

// received is what one subscriber got: the key of each event, counted.
type received struct {
	mu   sync.Mutex
	seen map[string]int
}

type subscriber struct {
	login Login
	conn  *wsclient.Conn
	got   received
}

// sink collects latencies from all subscribers.
type sink struct {
	mu  sync.Mutex
	lat map[string]Latencies // by event kind
}

func (s *sink) add(kind string, d time.Duration) {
	s.mu.Lock()
	s.lat[kind] = append(s.lat[kind], d)
	s.mu.Unlock()
}

// Load opens the subscribers, measures their memory on the servers, makes
// order changes at the rate asked and publishes announcements, and checks
// that every subscriber got exactly what it was due, once.
func Load(ctx context.Context, cfg LoadConfig) (*LoadResult, error) {
	dealers := ofRole(cfg.Logins, "DEALER")
	admins := ofRole(cfg.Logins, "ADMIN")
	if len(dealers) == 0 || len(admins) == 0 {
		return nil, fmt.Errorf("%w: the load needs DEALER and ADMIN logins", errNoLogins)
	}
	admin := admins[0]
	api := newClient(cfg.URLs[0], cfg.Writers)
	res := &LoadResult{Subscribers: cfg.Subscribers}

	parents, mayOrder, err := dealerParents(ctx, api, admin.Token)
	if err != nil {
		return nil, err
	}
	before, err := scrapeAll(ctx, cfg.MetricsURLs)
	if err != nil {
		return nil, err
	}

	fmt.Fprintf(cfg.Out, "opening %d subscribers over %d instance(s)…\n", cfg.Subscribers, len(cfg.URLs))
	lat := &sink{lat: map[string]Latencies{}}
	subs := make([]*subscriber, cfg.Subscribers)
	started := time.Now()
	if err := openAll(ctx, cfg, dealers, subs, lat); err != nil {
		return nil, err
	}
	defer func() {
		for _, s := range subs {
			if s != nil && s.conn != nil {
				s.conn.Close()
			}
		}
	}()
	// Subscriptions start after the acknowledgement: wait for the servers
	// to count them all.
	var after []Metrics
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if after, err = scrapeAll(ctx, cfg.MetricsURLs); err != nil {
			return nil, err
		}
		if n := sum(after, "dealerline_subscriptions"); n >= float64(len(subscriptions(cfg))*cfg.Subscribers) || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	res.Connect = time.Since(started)
	n := float64(cfg.Subscribers)
	var mem, rss, gor float64
	for i := range after {
		mem += after[i].Memory() - before[i].Memory()
		rss += after[i]["process_resident_memory_bytes"] - before[i]["process_resident_memory_bytes"]
		gor += after[i]["go_goroutines"] - before[i]["go_goroutines"]
	}
	res.MemoryPerSubscriber, res.RSSPerSubscriber, res.GoroutinesPerSubscriber = mem/n, rss/n, gor/n
	fmt.Fprintf(cfg.Out, "  %d subscribed in %v: %.1f KB heap+stacks, %.1f KB RSS, %.2f goroutines per subscriber\n",
		cfg.Subscribers, res.Connect.Round(time.Millisecond), res.MemoryPerSubscriber/1024, res.RSSPerSubscriber/1024, res.GoroutinesPerSubscriber)

	// Who is due what: an order's events go to its dealer's subscribers and
	// its parent distributor's.
	byDealer := map[string][]*subscriber{}
	for _, s := range subs {
		byDealer[s.login.DealerID] = append(byDealer[s.login.DealerID], s)
	}
	var subscribed []string // whose orders change: subscribed dealers that may order
	for d := range byDealer {
		if mayOrder[d] {
			subscribed = append(subscribed, d)
		}
	}

	fmt.Fprintf(cfg.Out, "changing orders at %.0f/s for %v…\n", cfg.Rate, cfg.Duration)
	changes, err := driveOrders(ctx, api, admin.Token, subscribed, cfg)
	if err != nil {
		return nil, err
	}
	due := map[*subscriber][]string{}
	for _, c := range changes.keys {
		for _, s := range byDealer[c.dealer] {
			due[s] = append(due[s], c.key)
		}
		for _, s := range byDealer[parents[c.dealer]] {
			due[s] = append(due[s], c.key)
		}
	}
	res.Orders = changes.Delivery
	settle(subs, due, &res.Orders, "order", 10*time.Second)
	res.Orders.P50, res.Orders.P99 = lat.lat["order"].Percentile(50), lat.lat["order"].Percentile(99)

	if cfg.Announcements > 0 {
		fmt.Fprintf(cfg.Out, "publishing %d announcements to every dealer…\n", cfg.Announcements)
		ann, err := publish(ctx, api, admin.Token, cfg.Announcements)
		if err != nil {
			return nil, err
		}
		var keys []string
		for _, c := range ann.keys {
			keys = append(keys, c.key)
		}
		due := map[*subscriber][]string{}
		for _, s := range subs {
			due[s] = keys
		}
		res.Announces = ann.Delivery
		settle(subs, due, &res.Announces, "announcement", 20*time.Second)
		res.Announces.P50, res.Announces.P99 = lat.lat["announcement"].Percentile(50), lat.lat["announcement"].Percentile(99)
	}
	return res, nil
}

func scrapeAll(ctx context.Context, urls []string) ([]Metrics, error) {
	out := make([]Metrics, len(urls))
	for i, u := range urls {
		m, err := Scrape(ctx, u)
		if err != nil {
			return nil, err
		}
		out[i] = m
	}
	return out, nil
}

func sum(ms []Metrics, name string) float64 {
	var t float64
	for _, m := range ms {
		t += m[name]
	}
	return t
}

// dealerParents maps each dealer's id to its parent distributor's ("" for
// none), read as an administrator, and says which dealers may order
// (ACTIVE or PROBATION).
func dealerParents(ctx context.Context, c *client, token string) (parents map[string]string, mayOrder map[string]bool, err error) {
	parents, mayOrder = map[string]string{}, map[string]bool{}
	var after *string
	for {
		var got struct {
			Dealers struct {
				Edges []struct {
					Node struct {
						ID     string
						Status string
						Parent *struct{ ID string }
					}
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		err := c.do(ctx, token, `query($after: Cursor) { dealers(first: 100, after: $after) {
			edges { node { id status parent { id } } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": after}, &got)
		if err != nil {
			return nil, nil, fmt.Errorf("dealers: %w", err)
		}
		for _, e := range got.Dealers.Edges {
			mayOrder[e.Node.ID] = e.Node.Status == "ACTIVE" || e.Node.Status == "PROBATION"
			if e.Node.Parent != nil {
				parents[e.Node.ID] = e.Node.Parent.ID
			} else {
				parents[e.Node.ID] = ""
			}
		}
		if !got.Dealers.PageInfo.HasNextPage {
			return parents, mayOrder, nil
		}
		after = &got.Dealers.PageInfo.EndCursor
	}
}

// subscriptions are what each subscriber subscribes to: its orders, and
// announcements when some are to be published.
func subscriptions(cfg LoadConfig) map[string]string {
	subs := map[string]string{"order": `subscription { orderStatusChanged { cursor to at order { id } } }`}
	if cfg.Announcements > 0 {
		subs["announcement"] = `subscription { announcementPublished { cursor at announcement { id } } }`
	}
	return subs
}

// openAll opens the subscribers, a few at a time.
func openAll(ctx context.Context, cfg LoadConfig, dealers []Login, subs []*subscriber, lat *sink) error {
	dialer := &websocket.Dialer{ReadBufferSize: 1024, WriteBufferSize: 1024, HandshakeTimeout: time.Minute}
	var (
		next   atomic.Int64
		failed atomic.Pointer[error]
		wg     sync.WaitGroup
	)
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for failed.Load() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(subs) {
					return
				}
				s := &subscriber{login: dealers[i%len(dealers)], got: received{seen: map[string]int{}}}
				base := cfg.URLs[i%len(cfg.URLs)]
				if err := s.open(ctx, dialer, base, subscriptions(cfg), lat); err != nil {
					err = fmt.Errorf("subscriber %d (%s): %w", i, s.login.Email, err)
					failed.Store(&err)
					return
				}
				subs[i] = s
			}
		}()
	}
	wg.Wait()
	if err := failed.Load(); err != nil {
		return *err
	}
	return nil
}

func (s *subscriber) open(ctx context.Context, dialer *websocket.Dialer, base string, queries map[string]string, lat *sink) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	conn, err := wsclient.Connect(ctx, dialer, base, s.login.Token)
	if err != nil {
		return err
	}
	s.conn = conn
	for id, q := range queries {
		if err := conn.Subscribe(id, q, nil); err != nil {
			return err
		}
	}
	go s.read(lat)
	return nil
}

// read takes the subscriber's messages until the connection ends; it
// answers pings, the only writes after subscribing.
func (s *subscriber) read(lat *sink) {
	for {
		m, err := s.conn.Read(time.Time{})
		if err != nil {
			return
		}
		now := time.Now()
		switch m.Type {
		case "next":
			var p struct {
				Data struct {
					OrderStatusChanged *struct {
						To    string
						At    time.Time
						Order struct{ ID string }
					}
					AnnouncementPublished *struct {
						At           time.Time
						Announcement struct{ ID string }
					}
				}
			}
			if json.Unmarshal(m.Payload, &p) != nil {
				continue
			}
			var key string
			switch {
			case p.Data.OrderStatusChanged != nil:
				e := p.Data.OrderStatusChanged
				key = e.Order.ID + "/" + e.To
				lat.add("order", now.Sub(e.At))
			case p.Data.AnnouncementPublished != nil:
				e := p.Data.AnnouncementPublished
				key = "a" + e.Announcement.ID
				lat.add("announcement", now.Sub(e.At))
			default:
				continue
			}
			s.got.mu.Lock()
			s.got.seen[key]++
			s.got.mu.Unlock()
		case "error", "complete":
			s.got.mu.Lock()
			s.got.seen["error: "+string(m.Payload)]++ // an unexpected delivery, with its reason
			s.got.mu.Unlock()
		}
	}
}

// settle waits until every subscriber has what it is due (or the wait
// runs out), then counts deliveries of kind: lost, duplicated, unexpected.
func settle(subs []*subscriber, due map[*subscriber][]string, d *Delivery, kind string, wait time.Duration) {
	isKind := func(key string) bool { return strings.HasPrefix(key, "a") == (kind == "announcement") }
	count := func() (expected, delivered, lost, dup, unexpected int) {
		for _, s := range subs {
			want := map[string]bool{}
			for _, k := range due[s] {
				want[k] = true
			}
			s.got.mu.Lock()
			for k, n := range s.got.seen {
				if !isKind(k) {
					continue
				}
				if !want[k] {
					unexpected += n
					continue
				}
				delivered++
				dup += n - 1
			}
			s.got.mu.Unlock()
			expected += len(want)
		}
		return expected, delivered, expected - delivered, dup, unexpected
	}
	deadline := time.Now().Add(wait)
	for {
		e, dl, l, dup, u := count()
		if l == 0 || time.Now().After(deadline) {
			d.Expected, d.Delivered, d.Lost, d.Duplicated, d.Unexpected = e, dl, l, dup, u
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// changes are the events made, by key (order/status), with their dealer.
type changes struct {
	Delivery
	keys []change
}

type change struct{ dealer, key string }

// driveOrders places, confirms and cancels orders of the subscribed
// dealers, one change after another per writer, at the rate asked in all:
// each change is one orderStatusChanged event.
func driveOrders(ctx context.Context, c *client, token string, dealers []string, cfg LoadConfig) (*changes, error) {
	var cat struct {
		Products struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	if err := c.do(ctx, token, `{ products(first: 5, where: {active: true}) { edges { node { id } } } }`, nil, &cat); err != nil {
		return nil, fmt.Errorf("products: %w", err)
	}
	if len(cat.Products.Edges) == 0 {
		return nil, fmt.Errorf("no active product to order")
	}
	product := cat.Products.Edges[0].Node.ID
	limit := rate.NewLimiter(rate.Limit(cfg.Rate), 1)
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	out := &changes{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var seq atomic.Int64
	started := time.Now()
	record := func(dealer, key string, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			out.Errors++
			if out.FirstError == "" {
				out.FirstError = err.Error()
			}
			return
		}
		out.Events++
		out.keys = append(out.keys, change{dealer, key})
	}
	for range cfg.Writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				dealer := dealers[int(seq.Add(1))%len(dealers)]
				if limit.Wait(ctx) != nil {
					return
				}
				var placed struct {
					PlaceOrder struct {
						ID         string
						Version    int
						CreditHold bool
					}
				}
				err := c.do(context.WithoutCancel(ctx), token, `mutation($d: ID!, $p: ID!) { placeOrder(input: {dealerID: $d, lines: [{productID: $p, quantity: 1}]}) { id version creditHold } }`,
					map[string]any{"d": dealer, "p": product}, &placed)
				o := placed.PlaceOrder
				record(dealer, o.ID+"/SUBMITTED", err)
				if err != nil {
					continue
				}
				steps := []string{"CONFIRMED", "CANCELLED"}
				if o.CreditHold {
					steps = []string{"CANCELLED"}
				}
				version := o.Version
				for _, to := range steps {
					if limit.Wait(ctx) != nil {
						return
					}
					var moved struct{ TransitionOrder struct{ Version int } }
					err := c.do(context.WithoutCancel(ctx), token, `mutation($id: ID!, $to: OrderStatus!, $v: Int) { transitionOrder(id: $id, to: $to, expectedVersion: $v) { version } }`,
						map[string]any{"id": o.ID, "to": to, "v": version}, &moved)
					record(dealer, o.ID+"/"+to, err)
					if err != nil {
						break
					}
					version = moved.TransitionOrder.Version
				}
			}
		}()
	}
	wg.Wait()
	out.PerSecond = float64(out.Events) / time.Since(started).Seconds()
	return out, nil
}

// publish publishes n announcements to every dealer, one a second.
func publish(ctx context.Context, c *client, token string, n int) (*changes, error) {
	out := &changes{}
	started := time.Now()
	for i := range n {
		var got struct{ PublishAnnouncement struct{ ID string } }
		err := c.do(ctx, token, `mutation($t: String!) { publishAnnouncement(input: {title: $t, body: "Load test"}) { id } }`,
			map[string]any{"t": fmt.Sprintf("Load test %d", i+1)}, &got)
		if err != nil {
			out.Errors++
			if out.FirstError == "" {
				out.FirstError = err.Error()
			}
			continue
		}
		out.Events++
		out.keys = append(out.keys, change{key: "a" + got.PublishAnnouncement.ID})
		time.Sleep(time.Second)
	}
	out.PerSecond = float64(out.Events) / time.Since(started).Seconds()
	return out, nil
}

// PrintLoadResult writes the figures.
func PrintLoadResult(w io.Writer, r *LoadResult) {
	fmt.Fprintf(w, "\nsubscribers            %d (opened in %v)\n", r.Subscribers, r.Connect.Round(time.Millisecond))
	fmt.Fprintf(w, "server memory          %.1f KB heap+stacks, %.1f KB RSS, %.2f goroutines per subscriber\n",
		r.MemoryPerSubscriber/1024, r.RSSPerSubscriber/1024, r.GoroutinesPerSubscriber)
	for _, x := range []struct {
		name string
		d    Delivery
	}{{"order changes", r.Orders}, {"announcements", r.Announces}} {
		if x.d.Events == 0 && x.d.Errors == 0 {
			continue
		}
		fmt.Fprintf(w, "%-22s %d made (%.1f/s), %d failed; deliveries %d of %d due: lost %d, duplicated %d, unexpected %d; latency p50 %s, p99 %s\n",
			x.name, x.d.Events, x.d.PerSecond, x.d.Errors, x.d.Delivered, x.d.Expected, x.d.Lost, x.d.Duplicated, x.d.Unexpected, ms(x.d.P50), ms(x.d.P99))
		if x.d.FirstError != "" {
			fmt.Fprintf(w, "  first error: %s\n", x.d.FirstError)
		}
	}
}
