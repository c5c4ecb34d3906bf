package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/dealerline/dealerline/server"
)

// readmeBlock is a ```graphql example of README.md.
type readmeBlock struct {
	line int    // of the opening fence
	as   string // the demo login it runs as
	text string
}

// asComment is the convention of README's examples: a first line
// "# as south@demo.test …" names the login; without it, admin@demo.test.
var asComment = regexp.MustCompile(`^#\s*as\s+([^\s@]+@[A-Za-z0-9.-]*[A-Za-z0-9])`)

func readmeBlocks(t *testing.T) []readmeBlock {
	t.Helper()
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var blocks []readmeBlock
	var cur *readmeBlock
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.TrimSpace(line) == "```graphql":
			cur = &readmeBlock{line: n, as: "admin@demo.test"}
		case cur != nil && strings.TrimSpace(line) == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			if cur.text == "" {
				if m := asComment.FindStringSubmatch(line); m != nil {
					cur.as = m[1]
				}
			}
			cur.text += line + "\n"
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return blocks
}

// TestReadme_ExamplesRun runs every GraphQL example of README.md, in the
// README's order, against a server started as `go run .` starts one (the
// embedded database, the demo data loaded today), each as the login it
// names; a subscription must be accepted over the websocket.
func TestReadme_ExamplesRun(t *testing.T) {
	blocks := readmeBlocks(t)
	if len(blocks) == 0 {
		t.Fatal("README.md has no ```graphql examples")
	}
	cfg, err := server.ParseConfig([]string{"--addr", "127.0.0.1:0", "--data", t.TempDir()}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	m := server.NewMain(cfg)
	m.Out = io.Discard
	m.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})

	for _, path := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(m.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
		}
	}

	tokens := map[string]string{}
	token := func(email string) string {
		if tokens[email] == "" {
			var got struct {
				Login struct{ Token string }
			}
			if errs := graphQL(t, m.URL(), "", `mutation($e: String!) { login(email: $e, password: "demo") { token } }`, "", map[string]any{"e": email}, &got); errs != "" {
				t.Fatalf("sign in as %s: %s", email, errs)
			}
			tokens[email] = got.Login.Token
		}
		return tokens[email]
	}
	for _, b := range blocks {
		doc, err := parser.ParseQuery(&ast.Source{Name: "README.md", Input: b.text})
		if err != nil {
			t.Errorf("README.md:%d: %v", b.line, err)
			continue
		}
		if len(doc.Operations) == 0 {
			t.Errorf("README.md:%d: no operation", b.line)
		}
		for _, op := range doc.Operations {
			if len(doc.Operations) > 1 && op.Name == "" {
				t.Errorf("README.md:%d: an example with several operations names each", b.line)
				continue
			}
			if op.Operation == ast.Subscription {
				if err := subscribe(m.URL(), token(b.as), b.text, op.Name); err != "" {
					t.Errorf("README.md:%d: subscription %s as %s: %s", b.line, op.Name, b.as, err)
				}
				continue
			}
			if errs := graphQL(t, m.URL(), token(b.as), b.text, op.Name, nil, nil); errs != "" {
				t.Errorf("README.md:%d: %s as %s: %s", b.line, cmpOr(op.Name, string(op.Operation)), b.as, errs)
			}
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// graphQL posts one operation and answers its errors as text, "" for none;
// data goes into out when given.
func graphQL(t *testing.T, url, token, query, operation string, vars map[string]any, out any) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "operationName": operation, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data   json.RawMessage   `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return "status " + resp.Status + ": " + err.Error()
	}
	if len(r.Errors) > 0 {
		var s []string
		for _, e := range r.Errors {
			s = append(s, string(e))
		}
		return strings.Join(s, "; ")
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			t.Fatal(err)
		}
	}
	return ""
}

// subscribe opens a graphql-transport-ws socket with token, subscribes
// with query and answers "" when the server acknowledges the connection
// and the subscription runs (no error or completion within a second).
func subscribe(url, token, query, operation string) string {
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: 5 * time.Second}
	conn, _, err := d.Dial("ws"+strings.TrimPrefix(url, "http")+"/graphql", nil)
	if err != nil {
		return err.Error()
	}
	defer conn.Close()
	send := func(v any) error { return conn.WriteJSON(v) }
	if err := send(map[string]any{"type": "connection_init", "payload": map[string]any{"Authorization": "Bearer " + token}}); err != nil {
		return err.Error()
	}
	var msg struct {
		Type    string          `json:"type"`
		Payload json.RawMessage `json:"payload"`
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if err := conn.ReadJSON(&msg); err != nil {
		return "connection_init: " + err.Error()
	}
	if msg.Type != "connection_ack" {
		return "connection_init answered " + msg.Type + " " + string(msg.Payload)
	}
	payload := map[string]any{"query": query}
	if operation != "" {
		payload["operationName"] = operation
	}
	if err := send(map[string]any{"id": "1", "type": "subscribe", "payload": payload}); err != nil {
		return err.Error()
	}
	conn.SetReadDeadline(time.Now().Add(time.Second))
	for {
		if err := conn.ReadJSON(&msg); err != nil {
			if ne, ok := err.(interface{ Timeout() bool }); ok && ne.Timeout() {
				return "" // running: nothing refused it
			}
			return err.Error()
		}
		switch msg.Type {
		case "error", "complete":
			return msg.Type + " " + string(msg.Payload)
		case "next":
			var r struct {
				Errors []json.RawMessage `json:"errors"`
			}
			if json.Unmarshal(msg.Payload, &r) == nil && len(r.Errors) > 0 {
				return "next " + string(msg.Payload)
			}
		}
	}
}
