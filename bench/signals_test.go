package bench_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/bench"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// TestSignals takes a few samples over the demo: each survey raises a
// signal that reaches the administrator and the manager subscribed, and a
// later one withdraws it; the figures are read from the run.
func TestSignals(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		var out bytes.Buffer
		const samples = 3
		r, err := bench.Signals(context.Background(), bench.SignalConfig{
			URL: m.URL(), Logins: demoTokens(t, m), Subscribers: 3, Samples: samples,
			Withdraw: true, Timeout: 15 * time.Second, Out: &out,
		})
		if err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		bench.PrintSignalResult(&out, r)
		t.Log("\n" + out.String())
		if r.Subscribers != 3 {
			t.Errorf("%d subscribers, want 3", r.Subscribers)
		}
		for name, x := range map[string]bench.SignalTimes{"raised": r.Raise, "withdrawn": r.Withdraw} {
			if len(x.First) != samples || len(x.All) != samples || x.Missed != 0 {
				t.Errorf("%s: %d first, %d all, %d missed; want %d samples heard", name, len(x.First), len(x.All), x.Missed, samples)
			}
			for i := range x.First {
				if x.First[i] > x.All[i] || x.All[i] >= 15*time.Second {
					t.Errorf("%s sample %d: first %v, all %v", name, i, x.First[i], x.All[i])
				}
			}
		}
		for _, want := range []string{"raised    → first subscriber", "withdrawn → every subscriber", "p99"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("the figures lack %q:\n%s", want, out.String())
			}
		}
	})
}

// TestSignals_NoStaff: subscribers must be staff.
func TestSignals_NoStaff(t *testing.T) {
	_, err := bench.Signals(context.Background(), bench.SignalConfig{
		URL: "http://127.0.0.1:1", Logins: []bench.Login{{Email: "d@x", Role: "DEALER", Token: "t"}}, Out: &bytes.Buffer{},
	})
	if err == nil || !strings.Contains(err.Error(), "ADMIN or CHANNEL_MANAGER") {
		t.Fatalf("err = %v", err)
	}
}

// TestEvaluate runs the daily evaluation over the demo, loaded today: it
// raises signals the first time, and nothing changes the second.
func TestEvaluate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now().UTC()
		if err := demo.Load(ctx, db.Client, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		first, err := bench.Evaluate(ctx, db.Client, db.Dialect, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if first.Raised == 0 || first.Open != first.Raised || first.Withdrawn != 0 {
			t.Errorf("first run: %+v; want signals raised, all open", first)
		}
		if len(first.Months) != 4 || first.Months[3].String() != now.Format("2006-01") {
			t.Errorf("open months %v", first.Months)
		}
		again, err := bench.Evaluate(ctx, db.Client, db.Dialect, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if again.Raised != 0 || again.Withdrawn != 0 || again.Open != first.Open {
			t.Errorf("second run: %+v after %+v; want no change", again, first)
		}
		var out bytes.Buffer
		bench.PrintEvaluation(&out, again)
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
	if err := bench.EvaluateCommand(context.Background(), nil, env, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "0 raised, 0 withdrawn, 0 open") {
		t.Errorf("an empty database: %q", out.String())
	}
	for _, args := range [][]string{{"--timezone", "Mars/Olympus"}, {"extra"}, {"--nope"}} {
		if err := bench.EvaluateCommand(context.Background(), args, env, &out); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
