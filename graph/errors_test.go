package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// TestErrorPresenter_Logs: an unknown error is logged as an internal error;
// one that only says the client went away is not.
func TestErrorPresenter_Logs(t *testing.T) {
	var logged bytes.Buffer
	present := ErrorPresenter(slog.New(slog.NewTextHandler(&logged, nil)), true)

	e := present(context.Background(), errors.New("pq: connection reset"))
	if e.Extensions["code"] != "INTERNAL" || strings.Contains(e.Message, "pq") || !strings.Contains(logged.String(), "internal error") {
		t.Errorf("an unknown error: %+v, logged %q", e, logged.String())
	}

	logged.Reset()
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	e = present(gone, fmt.Errorf("order.lines: %w", context.Canceled))
	if e.Extensions["code"] != "INTERNAL" || logged.Len() != 0 {
		t.Errorf("a request the client left: %+v, logged %q", e, logged.String())
	}

	// A cancellation while the request itself is live is the server's.
	logged.Reset()
	present(context.Background(), context.Canceled)
	if !strings.Contains(logged.String(), "internal error") {
		t.Errorf("a cancellation of the server's own: logged %q", logged.String())
	}
}
