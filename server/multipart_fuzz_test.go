package server

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/dealerline/dealerline/graph"
)

// multipartSeed is a multipart upload by the spec, with its boundary.
func multipartSeed(ops, mapped string, files map[string]string) ([]byte, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if ops != "" {
		w.WriteField("operations", ops)
	}
	if mapped != "" {
		w.WriteField("map", mapped)
	}
	for name, content := range files {
		fw, _ := w.CreateFormFile(name, name+".png")
		io.WriteString(fw, content)
	}
	w.Close()
	return b.Bytes(), w.Boundary()
}

// FuzzMultipart sends arbitrary bodies and boundaries down the multipart
// path (limitBody, then gqlgen's multipart transport over the real schema,
// with no services behind it): it must never panic, and must answer either
// a GraphQL result or errors that each carry a code.
func FuzzMultipart(f *testing.F) {
	const upload = `mutation($p: ID!, $file: Upload!) { uploadAttachment(parentID: $p, file: $file) { id } }`
	ops, _ := json.Marshal(map[string]any{"query": upload, "variables": map[string]any{"p": "1", "file": nil}})
	for _, seed := range []struct {
		ops, mapped string
		files       map[string]string
	}{
		{string(ops), `{"0": ["variables.file"]}`, map[string]string{"0": "\x89PNG\r\n\x1a\n"}},
		{"", "", map[string]string{"0": "MZ\x90\x00"}},
		{string(ops), `{"0": "variables.file"}`, map[string]string{"0": "x"}},
		{string(ops), `{"0": ["variables.file"], "1": ["variables.file"]}`, map[string]string{"0": "x", "1": "y"}},
		{string(ops), `{"0": ["variables.nothing.0"]}`, map[string]string{"0": "x"}},
		{string(ops), `{"0": ["variables.file"]}`, nil},
		{`[` + string(ops) + `]`, `{}`, nil},
		{`{"query": "{ __typename }"}`, `{}`, nil},
	} {
		body, boundary := multipartSeed(seed.ops, seed.mapped, seed.files)
		f.Add(body, boundary)
	}
	f.Add([]byte("--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--x--"), "x")
	f.Add([]byte(""), "")

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := handler.New(graph.NewSchema(&graph.Resolver{}))
	transports := []graphql.Transport{transport.POST{}, transport.MultipartForm{MaxUploadSize: 1 << 20, MaxMemory: 1 << 16}}
	for _, t := range transports {
		srv.AddTransport(t)
	}
	srv.Use(graph.ErrorCodes{Log: log, MaxErrors: 10})
	srv.SetErrorPresenter(graph.ErrorPresenter(log, true))
	srv.SetRecoverFunc(graph.Recover(log))
	cfg := DefaultConfig()
	cfg.AttachmentMaxBytes = 64 << 10
	cfg.MaxBodyBytes = 64 << 10
	m := &Main{Config: cfg}
	h := m.limitBody(supported(transports, srv))

	f.Fuzz(func(t *testing.T, body []byte, boundary string) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=\""+boundary+"\"")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var resp struct {
			Data   json.RawMessage `json:"data"`
			Errors []struct {
				Message    string
				Extensions map[string]any
			} `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("status %d, not JSON: %q", rec.Code, rec.Body.String())
		}
		if len(resp.Errors) == 0 && (len(resp.Data) == 0 || string(resp.Data) == "null") {
			t.Fatalf("status %d: neither a result nor an error: %s", rec.Code, rec.Body.String())
		}
		for _, e := range resp.Errors {
			if code, _ := e.Extensions["code"].(string); code == "" {
				t.Fatalf("status %d: an error without a code: %s", rec.Code, rec.Body.String())
			}
		}
	})
}
