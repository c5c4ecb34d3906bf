package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/dealerline/dealerline/realtime/wsclient"
	"github.com/dealerline/dealerline/server"
)

// BenchmarkWebsocket_IdleMemory measures what idle websockets cost the
// server: heap and goroutine stacks per signed-in connection, and per
// subscriber (signed in, with one subscription). The server runs in a child
// process, so the client side is not counted. Not part of CI:
//
//	go test ./server -run '^$' -bench IdleMemory -benchtime 1x
//
// DEALERLINE_MEMORY_SOCKETS sets how many sockets (1000 by default; up to
// about 28,000 from 127.0.0.1); DEALERLINE_MEMORY_PROFILE names a directory
// for the server's heap and goroutine profiles, taken with the subscriptions
// live.
func BenchmarkWebsocket_IdleMemory(b *testing.B) {
	sockets := 1000
	if s := os.Getenv("DEALERLINE_MEMORY_SOCKETS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("DEALERLINE_MEMORY_SOCKETS=%q", s)
		}
		sockets = n
	}
	// Both processes hold one descriptor per socket; the child inherits this.
	if err := raiseOpenFiles(uint64(sockets) + 500); err != nil {
		b.Fatalf("open-file limit for %d sockets: %v", sockets, err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryServerProcess$", "-test.v=false")
	cmd.Env = append(os.Environ(), "DEALERLINE_MEMORY_SERVER=1")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	out := bufio.NewScanner(stdout)
	var url string
	for out.Scan() {
		if _, err := fmt.Sscanf(out.Text(), "serving %s", &url); err == nil {
			break
		}
	}
	type stat struct{ mem, stack, goroutines float64 }
	stats := func(profile string) (s stat) {
		fmt.Fprintln(stdin, "stats", profile)
		for out.Scan() {
			if _, err := fmt.Sscanf(out.Text(), "stats %g %g %g", &s.mem, &s.stack, &s.goroutines); err == nil {
				return s
			}
		}
		b.Fatal("no stats")
		return
	}
	profile := func(name string) string {
		if dir := os.Getenv("DEALERLINE_MEMORY_PROFILE"); dir != "" {
			return filepath.Join(dir, name)
		}
		return "-"
	}

	token := signInAt(b, url, "south@demo.test")
	s0 := stats(profile("before"))
	dialer := &websocket.Dialer{ReadBufferSize: 512, WriteBufferSize: 512}
	conns := make([]*wsclient.Conn, sockets)
	b.Cleanup(func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	})
	// Dialled from a few goroutines: thousands of sign-ins one after
	// another take minutes.
	if err := parallel(sockets, func(i int) (err error) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conns[i], err = wsclient.Connect(ctx, dialer, url, token)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	s1 := stats(profile("idle"))
	if err := parallel(sockets, func(i int) error {
		return conns[i].Subscribe("1", `subscription { orderStatusChanged { cursor } }`, nil)
	}); err != nil {
		b.Fatal(err)
	}
	time.Sleep(time.Second + time.Duration(sockets)*50*time.Microsecond)
	s2 := stats(profile("subscribed"))
	n := float64(sockets)
	b.ReportMetric((s1.mem-s0.mem)/n, "B/socket")
	b.ReportMetric((s1.stack-s0.stack)/n, "stackB/socket")
	b.ReportMetric((s1.goroutines-s0.goroutines)/n, "goroutines/socket")
	b.ReportMetric((s2.mem-s0.mem)/n, "B/subscriber")
	b.ReportMetric((s2.stack-s0.stack)/n, "stackB/subscriber")
	b.ReportMetric((s2.goroutines-s0.goroutines)/n, "goroutines/subscriber")
}

// raiseOpenFiles raises the limit on open files, hard and soft, to at
// least n.
func raiseOpenFiles(n uint64) error {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return err
	}
	if lim.Cur >= n {
		return nil
	}
	hard := lim.Max
	lim.Cur = n
	lim.Max = max(lim.Max, n)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return fmt.Errorf("%w (the hard limit is %d: run with fewer sockets, or where it may be raised)", err, hard)
	}
	return nil
}

// parallel runs f(0) … f(n-1) on a few goroutines, and returns the first
// error.
func parallel(n int, f func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  = make(chan int)
	)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

func signInAt(tb testing.TB, url, email string) string {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($e: String!) { login(email: $e, password: "demo") { token } }`,
		"variables": map[string]string{"e": email},
	})
	resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Data struct{ Login struct{ Token string } }
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || got.Data.Login.Token == "" {
		tb.Fatalf("sign in: %v", err)
	}
	return got.Data.Login.Token
}

// TestMemoryServerProcess is the server of BenchmarkWebsocket_IdleMemory.
// It answers each line "stats <profile prefix or ->" with
// "stats <heap+stacks in use> <stacks in use> <goroutines>".
func TestMemoryServerProcess(t *testing.T) {
	if os.Getenv("DEALERLINE_MEMORY_SERVER") != "1" {
		t.Skip("the child process of BenchmarkWebsocket_IdleMemory")
	}
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	// The client does not answer pings; a run at 20,000 sockets outlasts
	// the usual pong deadline. The ping timers are still there.
	cfg.Websocket.PingInterval = time.Hour
	cfg.Websocket.MaxPerClient = 0 // every socket is from 127.0.0.1
	m := server.NewMain(cfg)
	m.Out = io.Discard
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	fmt.Println("serving", m.URL())
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		// Each collection halves the stacks that use under a quarter of
		// theirs: a few, for the size a long-idle goroutine settles at.
		for range 5 {
			runtime.GC()
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if prefix, ok := strings.CutPrefix(in.Text(), "stats "); ok && prefix != "-" {
			writeProfile(t, "heap", prefix+".heap.pprof")
			writeProfile(t, "goroutine", prefix+".goroutine.pprof")
		}
		fmt.Println("stats", ms.HeapInuse+ms.StackInuse, ms.StackInuse, runtime.NumGoroutine())
	}
	m.Close()
}

func writeProfile(t *testing.T, name, path string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		t.Fatal(err)
	}
}
