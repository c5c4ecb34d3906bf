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
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/dealerline/dealerline/server"
)

// BenchmarkWebsocket_IdleMemory measures what idle websockets cost the
// server: heap and goroutine stacks per signed-in connection, without and
// with one subscription. The server runs in a child process, so the client
// side is not counted. Not part of CI:
//
//	go test ./server -run '^$' -bench IdleMemory -benchtime 1x
func BenchmarkWebsocket_IdleMemory(b *testing.B) {
	const sockets = 1000
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
	stats := func() (mem, goroutines float64) {
		fmt.Fprintln(stdin, "stats")
		for out.Scan() {
			if _, err := fmt.Sscanf(out.Text(), "stats %g %g", &mem, &goroutines); err == nil {
				return
			}
		}
		b.Fatal("no stats")
		return
	}

	token := signInAt(b, url, "south@demo.test")
	mem0, g0 := stats()
	dialer := &websocket.Dialer{ReadBufferSize: 512, WriteBufferSize: 512}
	conns := make([]*ws, sockets)
	for i := range conns {
		conns[i] = connectAt(b, url, dialer, token)
	}
	mem1, g1 := stats()
	for _, w := range conns {
		w.subscribe("1", `subscription { orderStatusChanged { cursor } }`, nil)
	}
	time.Sleep(time.Second)
	mem2, g2 := stats()
	b.ReportMetric((mem1-mem0)/sockets, "B/socket")
	b.ReportMetric((g1-g0)/sockets, "goroutines/socket")
	b.ReportMetric((mem2-mem0)/sockets, "B/socket+subscription")
	b.ReportMetric((g2-g0)/sockets, "goroutines/socket+subscription")
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

func connectAt(tb testing.TB, url string, dialer *websocket.Dialer, token string) *ws {
	tb.Helper()
	d := *dialer
	d.Subprotocols = []string{transportWS}
	conn, _, err := d.Dial("ws"+strings.TrimPrefix(url, "http")+"/graphql", nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close() })
	w := &ws{tb: tb, conn: conn, proto: transportWS}
	w.init(map[string]string{"Authorization": "Bearer " + token})
	if msg := w.read(5 * time.Second); msg.Type != "connection_ack" {
		tb.Fatalf("init: %s", msg.Type)
	}
	return w
}

// TestMemoryServerProcess is the server of BenchmarkWebsocket_IdleMemory.
func TestMemoryServerProcess(t *testing.T) {
	if os.Getenv("DEALERLINE_MEMORY_SERVER") != "1" {
		t.Skip("the child process of BenchmarkWebsocket_IdleMemory")
	}
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	m := server.NewMain(cfg)
	m.Out = io.Discard
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	fmt.Println("serving", m.URL())
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Println("stats", ms.HeapInuse+ms.StackInuse, runtime.NumGoroutine())

	}
	m.Close()
}
