package bench_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/bench"
	"github.com/dealerline/dealerline/server"
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
