package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

// testRedis returns TEST_REDIS_URL, skipping without it unless services
// are required.
func testRedis(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("TEST_REDIS_URL")
	if u == "" {
		if storetest.RequireServices() {
			tb.Fatal("TEST_REDIS_URL is not set and DEALERLINE_REQUIRE_SERVICES=1")
		}
		tb.Skip("TEST_REDIS_URL is not set")
	}
	return u
}

// redisPrefix is a key prefix of the test's own on a shared Redis; its keys
// are deleted when the test ends.
func redisPrefix(tb testing.TB, redisURL string) string {
	prefix := fmt.Sprintf("dealerline-test-%d-%d", os.Getpid(), time.Now().UnixNano())
	tb.Cleanup(func() {
		opts, err := redis.ParseURL(redisURL)
		if err != nil {
			return
		}
		rdb := redis.NewClient(opts)
		defer rdb.Close()
		rdb.Del(context.Background(), prefix+":events")
	})
	return prefix
}

// startInstance starts one instance of a cluster on databaseURL and
// redisURL, quiet, on a free loopback port.
func startInstance(tb testing.TB, databaseURL, redisURL, prefix string) *server.Main {
	tb.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = tb.TempDir()
	cfg.DatabaseURL, cfg.RedisURL, cfg.RedisPrefix = databaseURL, redisURL, prefix
	m := server.NewMain(cfg)
	m.Out = io.Discard
	m.Log = slog.New(slog.DiscardHandler)
	if os.Getenv("DEALERLINE_TEST_LOG") != "" {
		m.Log = slog.New(slog.NewTextHandler(os.Stderr, nil)).With("instance", fmt.Sprintf("%p", m))
	}
	if err := m.Run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	closeOnCleanup(tb, m)
	return m
}

// waitFor polls cond until it holds, for up to within; it returns how long
// that took, or fails.
func waitFor(tb testing.TB, within time.Duration, what string, cond func() bool) time.Duration {
	tb.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > within {
			tb.Fatalf("%s: not within %v", what, within)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}

// leaderFirst starts two instances on one database and Redis, the first
// leading the relay.
func leaderFirst(t *testing.T, databaseURL, redisURL, prefix string) (leader, follower *server.Main) {
	t.Helper()
	leader = startInstance(t, databaseURL, redisURL, prefix)
	waitFor(t, 5*time.Second, "the first instance leads the relay", leader.RelayLeading)
	follower = startInstance(t, databaseURL, redisURL, prefix)
	time.Sleep(200 * time.Millisecond)
	if follower.RelayLeading() {
		t.Fatal("both instances lead the relay")
	}
	return leader, follower
}

func on(m *server.Main, c client) client { return client{m: m, token: c.token} }

// cursorOf is the event's cursor as a number.
func cursorOf(t *testing.T, e statusEvent) int {
	t.Helper()
	n, err := strconv.Atoi(e.OrderStatusChanged.Cursor)
	if err != nil {
		t.Fatalf("cursor %q", e.OrderStatusChanged.Cursor)
	}
	return n
}

// checkStream checks events are consecutive cursors, each order's in the
// order they happened, and exactly the orders want (in placing order).
func checkStream(t *testing.T, name string, events []statusEvent, want []string) {
	t.Helper()
	// Increasing; not consecutive: the events of other kinds (the
	// notifications the orders make) are numbered in between. What no
	// gap means is checked below: every order, with its whole history.
	for i := 1; i < len(events); i++ {
		if prev, cur := cursorOf(t, events[i-1]), cursorOf(t, events[i]); cur <= prev {
			t.Errorf("%s: cursor %d after %d", name, cur, prev)
		}
	}
	history := map[string][]string{}
	var order []string
	for _, e := range events {
		n := e.OrderStatusChanged.Order.Number
		if history[n] == nil {
			order = append(order, n)
		}
		history[n] = append(history[n], e.OrderStatusChanged.To)
	}
	if !slices.Equal(order, want) {
		t.Errorf("%s heard orders %q, want %q", name, order, want)
	}
	for n, h := range history {
		if !slices.Equal(h, []string{"SUBMITTED", "CONFIRMED"}) {
			t.Errorf("%s: order %s went %q, want SUBMITTED, CONFIRMED", name, n, h)
		}
	}
}

// An event committed through one instance reaches a subscriber on the
// other through Redis, well within the outbox poll.
func TestCluster_EveryInstanceHearsEveryEventPromptly(t *testing.T) {
	redisURL := testRedis(t)
	dbURL := storetest.EmptyPostgres(t)
	leader, follower := leaderFirst(t, dbURL, redisURL, redisPrefix(t, redisURL))
	admin := signIn(t, leader, "admin@demo.test")
	cat := loadCatalogue(t, admin)

	listeners := map[string]*ws{
		"leader":   connect(t, leader, transportWS, admin.token),
		"follower": connect(t, follower, transportWS, admin.token),
	}
	for _, w := range listeners {
		w.subscribe("1", statusChanged, nil)
	}
	time.Sleep(100 * time.Millisecond)

	const n = 50
	// From the mutation's response (its commit) to hearing its event on
	// each instance; and the mutation's own time.
	latency := map[string][]time.Duration{}
	for i := range n {
		// Alternate the instance written through: the follower's
		// events travel to the leader to be numbered, and back.
		writer := on([]*server.Main{leader, follower}[i%2], admin)
		sent := time.Now()
		o := place(t, writer, map[string]any{"dealerID": cat.south, "lines": lines(cat.products[i%3], 1)})
		committed := time.Now() // the response follows the commit
		latency["mutation"] = append(latency["mutation"], committed.Sub(sent))
		for name, w := range listeners {
			var e statusEvent
			w.next("1", 5*time.Second, &e)
			latency[name] = append(latency[name], time.Since(committed))
			if got := e.OrderStatusChanged.Order.Number; got != o.Number {
				t.Fatalf("%s heard %s, want %s", name, got, o.Number)
			}
		}
	}
	for name, ds := range latency {
		slices.Sort(ds)
		p50, p99 := ds[len(ds)/2], ds[(len(ds)*99+99)/100-1]
		t.Logf("%s: p50 %v, p99 %v, max %v", name, p50, p99, ds[len(ds)-1])
		if name != "mutation" && p99 > 300*time.Millisecond {
			t.Errorf("%s: p99 %v, want under 300ms", name, p99)
		}
	}
}

// redisServer is a private redis-server for fault tests: the shared one is
// never stopped.
type redisServer struct {
	t    *testing.T
	port int
	cmd  *exec.Cmd
}

func startRedisServer(t *testing.T) *redisServer {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if storetest.RequireServices() {
			t.Fatal("redis-server is not installed")
		}
		t.Skip("redis-server is not installed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	r := &redisServer{t: t, port: port}
	r.start()
	t.Cleanup(r.kill)
	return r
}

func (r *redisServer) url() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", r.port) }

func (r *redisServer) start() {
	r.t.Helper()
	r.cmd = exec.Command("redis-server", "--port", strconv.Itoa(r.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no")
	if err := r.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	waitFor(r.t, 5*time.Second, "redis-server answers", func() bool {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", r.port))
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

func (r *redisServer) kill() {
	if r.cmd != nil && r.cmd.Process != nil {
		r.cmd.Process.Kill()
		r.cmd.Wait()
		r.cmd = nil
	}
}

// Redis killed mid-stream, and started again empty: mutations go on, and
// every subscriber hears every event once, in order.
func TestCluster_RedisOutageDelaysButLosesNothing(t *testing.T) {
	dbURL := storetest.EmptyPostgres(t)
	rs := startRedisServer(t)
	leader, follower := leaderFirst(t, dbURL, rs.url(), "outage")
	admin := signIn(t, leader, "admin@demo.test")
	cat := loadCatalogue(t, admin)
	listeners := map[string]*ws{
		"leader":   connect(t, leader, transportWS, admin.token),
		"follower": connect(t, follower, legacyWS, admin.token),
	}
	for _, w := range listeners {
		w.subscribe("1", statusChanged, nil)
	}
	time.Sleep(100 * time.Millisecond)

	var placed []string
	write := func(k int) {
		for i := range k {
			writer := on([]*server.Main{leader, follower}[i%2], admin)
			o := place(t, writer, map[string]any{"dealerID": cat.south, "lines": lines(cat.products[i%3], 1)})
			move(t, writer, o.ID, "CONFIRMED")
			placed = append(placed, o.Number)
		}
	}
	write(5)
	rs.kill()
	write(5) // Redis down: mutations go on
	time.Sleep(500 * time.Millisecond)
	rs.start() // empty: the stream is gone
	write(5)

	// Back to prompt delivery through the restarted Redis.
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	write(1)
	for name, w := range listeners {
		_, events := w.expectEvents("1", 2*len(placed))
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s: after Redis came back, an event took %v", name, took)
		}
		checkStream(t, name, events, placed)
	}
	for name, w := range listeners {
		// Last: a read that times out leaves the socket unusable.
		if msg, err := w.tryRead(1500 * time.Millisecond); err == nil {
			t.Errorf("%s heard more: %s %s", name, msg.Type, msg.Payload)
		}
	}
}

// The leading relay's database connection is cut (as when its process
// dies): the other instance takes the relay lock within seconds and relays
// what was committed meanwhile, in order.
func TestCluster_AnotherInstanceTakesOverTheRelay(t *testing.T) {
	redisURL := testRedis(t)
	dbURL := storetest.EmptyPostgres(t)
	proxy := storetest.NewProxy(t, dbURL)
	leader := startInstance(t, proxy.URL, redisURL, redisPrefix(t, redisURL))
	waitFor(t, 5*time.Second, "the first instance leads the relay", leader.RelayLeading)
	follower := startInstance(t, dbURL, redisURL, leader.Config.RedisPrefix)
	admin := signIn(t, follower, "admin@demo.test")
	cat := loadCatalogue(t, admin)
	w := connect(t, follower, transportWS, admin.token)
	w.subscribe("1", statusChanged, nil)
	time.Sleep(100 * time.Millisecond)
	if follower.RelayLeading() {
		t.Fatal("both instances lead the relay")
	}

	cut := time.Now()
	proxy.Cut() // the leader's connections, the relay lock's among them, drop
	var placed []string
	for i := range 4 { // committed with no relay running
		o := place(t, admin, map[string]any{"dealerID": cat.south, "lines": lines(cat.products[i%3], 1)})
		move(t, admin, o.ID, "CONFIRMED")
		placed = append(placed, o.Number)
	}
	_, events := w.expectEvents("1", 2*len(placed))
	delivered := time.Since(cut)
	if !follower.RelayLeading() {
		t.Error("the follower relayed without leading")
	}
	t.Logf("relay taken over and the events committed meanwhile delivered %v after the cut", delivered)
	if delivered > 5*time.Second {
		t.Errorf("delivery resumed %v after the leader died, want within 5s", delivered)
	}
	checkStream(t, "follower", events, placed)
	if leader.RelayLeading() {
		t.Error("the cut-off instance still believes it leads")
	}
}

// A token revoked through one instance closes its sockets on the other.
func TestCluster_RevocationClosesSocketsOnEveryInstance(t *testing.T) {
	redisURL := testRedis(t)
	dbURL := storetest.EmptyPostgres(t)
	leader, follower := leaderFirst(t, dbURL, redisURL, redisPrefix(t, redisURL))
	south := signIn(t, follower, "south@demo.test")
	onLeader := connect(t, leader, transportWS, south.token)
	onFollower := connect(t, follower, legacyWS, south.token)
	start := time.Now()
	south.mustQuery(t, `mutation { logout }`, nil, &struct{}{})
	for name, w := range map[string]*ws{"leader": onLeader, "follower": onFollower} {
		if code := w.closed(5 * time.Second); code != realtime.CloseSignedOut {
			t.Errorf("%s: closed with %d, want 4403", name, code)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s: closed %v after the logout", name, took)
		}
	}
}

// Many writers on both instances at once: transactions commit in another
// order than they took their ids, and still no event is skipped or heard
// twice, on either instance.
func TestCluster_ConcurrentWritersSkipNothing(t *testing.T) {
	redisURL := testRedis(t)
	dbURL := storetest.EmptyPostgres(t)
	leader, follower := leaderFirst(t, dbURL, redisURL, redisPrefix(t, redisURL))
	admin := signIn(t, leader, "admin@demo.test")
	cat := loadCatalogue(t, admin)
	listeners := map[string]*ws{
		"leader":   connect(t, leader, transportWS, admin.token),
		"follower": connect(t, follower, transportWS, admin.token),
	}
	for _, w := range listeners {
		w.subscribe("1", statusChanged, nil)
	}
	time.Sleep(100 * time.Millisecond)

	const writers, each = 8, 6
	var (
		mu     sync.Mutex
		placed = map[string]bool{}
		wg     sync.WaitGroup
	)
	for g := range writers {
		wg.Go(func() {
			writer := on([]*server.Main{leader, follower}[g%2], admin)
			for i := range each {
				o := place(t, writer, map[string]any{"dealerID": cat.south, "lines": lines(cat.products[(g+i)%3], 1)})
				move(t, writer, o.ID, "CONFIRMED")
				mu.Lock()
				placed[o.Number] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for name, w := range listeners {
		_, events := w.expectEvents("1", 2*writers*each)
		var order []string
		seen := map[string]bool{}
		for _, e := range events {
			if n := e.OrderStatusChanged.Order.Number; !seen[n] {
				seen[n] = true
				order = append(order, n)
			}
		}
		if len(order) != len(placed) {
			t.Errorf("%s heard %d orders, want %d", name, len(order), len(placed))
		}
		checkStream(t, name, events, order)
		if msg, err := w.tryRead(500 * time.Millisecond); err == nil {
			t.Errorf("%s heard more: %s %s", name, msg.Type, msg.Payload)
		}
	}
}
