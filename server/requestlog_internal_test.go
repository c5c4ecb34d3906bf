package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// An error logged while serving a request carries the request's id.
func TestRequestLog_ErrorLinesCarryTheRequestID(t *testing.T) {
	var buf bytes.Buffer
	m := &Main{Config: Config{Production: true}, Log: slog.New(withRequestIDs{slog.NewJSONHandler(&buf, nil)})}
	h := m.logRequests(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.Log.ErrorContext(r.Context(), "internal error", "err", "boom")
		w.WriteHeader(http.StatusInternalServerError)
	}))
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{}`))
	req.Header.Set("X-Request-ID", "probe-2")
	h.ServeHTTP(httptest.NewRecorder(), req)

	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var line map[string]any
		json.Unmarshal([]byte(l), &line)
		lines = append(lines, line)
	}
	if len(lines) != 2 || lines[0]["level"] != "ERROR" || lines[0]["request_id"] != "probe-2" ||
		lines[1]["msg"] != "request" || lines[1]["request_id"] != "probe-2" || lines[1]["status"] != float64(500) {
		t.Errorf("lines = %v, want the error and the request line, both with request_id probe-2", lines)
	}
}
