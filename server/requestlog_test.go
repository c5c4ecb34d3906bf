package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/dealerline/dealerline/server"
)

// syncBuffer is a log destination written by the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines are the JSON log lines written so far.
func (b *syncBuffer) lines(t *testing.T) []map[string]any {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		var line map[string]any
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		out = append(out, line)
	}
	return out
}

// startLoggedServer is a production server logging JSON to the buffer.
func startLoggedServer(t *testing.T) (*server.Main, *syncBuffer) {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	cfg.Production = true
	demo := true
	cfg.Demo = &demo
	m := server.NewMain(cfg)
	m.Out = io.Discard
	logs := &syncBuffer{}
	m.Log = slog.New(slog.NewJSONHandler(logs, nil))
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m, logs
}

func postWithID(t *testing.T, m *server.Main, requestID string, body string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, m.URL()+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if requestID != "" {
		req.Header.Set("X-Request-ID", requestID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// requestLines are the "request" lines with the request id.
func requestLines(t *testing.T, logs *syncBuffer, id string) []map[string]any {
	var out []map[string]any
	for _, l := range logs.lines(t) {
		if l["request_id"] == id {
			out = append(out, l)
		}
	}
	return out
}

func TestRequestLog_LoginHoldsNoPasswordNorVariables(t *testing.T) {
	m, logs := startLoggedServer(t)
	const password = "demo"
	body := `{"query": "mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
		"variables": {"e": "south@demo.test", "p": "` + password + `"}}`
	resp := postWithID(t, m, "probe-1", body)
	if got := resp.Header.Get("X-Request-ID"); got != "probe-1" {
		t.Errorf("X-Request-ID = %q, want the client's probe-1", got)
	}
	lines := requestLines(t, logs, "probe-1")
	if len(lines) != 1 {
		t.Fatalf("%d lines for the request, want 1: %v", len(lines), lines)
	}
	l := lines[0]
	if l["msg"] != "request" || l["level"] != "INFO" || l["operation"] != "mutation Login" || l["status"] != float64(200) || l["duration"] == nil {
		t.Errorf("line = %v, want an INFO request line with the operation, status and duration", l)
	}
	raw, _ := json.Marshal(l)
	for _, secret := range []string{`"` + password + `"`, "south@demo.test", "variables", "token"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the line holds %s: %s", secret, raw)
		}
	}

	// Signed in: the viewer's id; a request id that could forge log lines
	// is replaced.
	dealer := signIn(t, m, "south@demo.test")
	req, _ := http.NewRequest(http.MethodPost, m.URL()+"/graphql", strings.NewReader(`{"query": "query Me { me { id } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+dealer.token)
	req.Header.Set("X-Request-ID", "a\" level=ERROR")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	id := resp.Header.Get("X-Request-ID")
	if id == "" || strings.Contains(id, " ") {
		t.Fatalf("X-Request-ID = %q, want a fresh id", id)
	}
	lines = requestLines(t, logs, id)
	if len(lines) != 1 || lines[0]["operation"] != "query Me" || lines[0]["viewer"] == nil {
		t.Errorf("lines = %v, want one naming the operation and the viewer", lines)
	}
}
