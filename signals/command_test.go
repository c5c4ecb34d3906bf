package signals_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/signals"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// TestEvaluate runs the daily evaluation over the demo, loaded today: it
// raises signals the first time, and nothing changes the second.
func TestEvaluate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now().UTC()
		if err := demo.Load(ctx, db.Client, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		first, err := signals.NewService(db.Client, db.Dialect, time.UTC).EvaluateAll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if first.Raised == 0 || first.Open != first.Raised || first.Withdrawn != 0 {
			t.Errorf("first run: %+v; want signals raised, all open", first)
		}
		if len(first.Months) != 4 || first.Months[3].String() != now.Format("2006-01") {
			t.Errorf("open months %v", first.Months)
		}
		again, err := signals.NewService(db.Client, db.Dialect, time.UTC).EvaluateAll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if again.Raised != 0 || again.Withdrawn != 0 || again.Open != first.Open {
			t.Errorf("second run: %+v after %+v; want no change", again, first)
		}
		var out bytes.Buffer
		again.Print(&out)
		if !strings.Contains(out.String(), "0 raised, 0 withdrawn") {
			t.Errorf("printed %q", out.String())
		}
	})
}

// TestEvaluateCommand opens the embedded database as the server does and
// refuses bad arguments before touching it.
func TestEvaluateCommand(t *testing.T) {
	dir := t.TempDir()
	env := func(k string) string {
		if k == "DEALERLINE_DATA" {
			return dir
		}
		return ""
	}
	var out bytes.Buffer
	if err := signals.EvaluateCommand(context.Background(), nil, env, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "0 raised, 0 withdrawn, 0 open") {
		t.Errorf("an empty database: %q", out.String())
	}
	for _, args := range [][]string{{"--timezone", "Mars/Olympus"}, {"extra"}, {"--nope"}} {
		if err := signals.EvaluateCommand(context.Background(), args, env, &out); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
