package auth

import (
	"fmt"
	"testing"
	"time"
)

// SetClock sets the clock of s. It is exported to the external tests
// (package auth_test: service_test.go), which cannot live in package auth
// because the test database (storetest, demo) imports auth through the
// ent runtime and access.
func SetClock(s *Service, now func() time.Time) { s.now = now }

var t0 = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

// fail records n failed attempts of account from addr at now: begun and
// never succeeded.
func fail(th *Throttle, account, addr string, n int, now time.Time) {
	for range n {
		th.Begin(account, addr, now)
	}
}

func TestThrottle_UnseenKeysDoNotWait(t *testing.T) {
	th := NewThrottle()
	fail(th, "seen@example.test", "198.51.100.1", 1, t0)
	tests := []struct {
		name          string
		account, addr string
	}{
		{"both unseen", "new@example.test", "203.0.113.9"},
		{"empty keys", "", ""},
		{"seen account, unseen address", "seen@example.test", "203.0.113.9"},
		{"unseen account, seen address", "new@example.test", "198.51.100.1"},
		{"one failure is not enough", "seen@example.test", "198.51.100.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := th.Wait(tt.account, tt.addr, t0), time.Duration(0); got != want {
				t.Errorf("Wait(%q, %q) = %v, want %v", tt.account, tt.addr, got, want)
			}
		})
	}
}

func TestThrottle_RefusesAfterFiveFailures(t *testing.T) {
	const account, addr = "victim@example.test", "198.51.100.1"
	tests := []struct {
		name     string
		failures int
		at       time.Duration // after t0
		refused  bool
	}{
		{"four failures", 4, 0, false},
		{"five failures refuse the sixth", 5, 0, true},
		{"more failures are still refused", 9, 0, true},
		{"still refused after 59s", 5, 59 * time.Second, true},
		{"allowed again after a minute", 5, time.Minute, false},
		{"allowed after an hour", 5, time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := NewThrottle()
			fail(th, account, addr, tt.failures, t0)
			got := th.Wait(account, addr, t0.Add(tt.at))
			if refused := got > 0; refused != tt.refused {
				t.Errorf("after %d failures, Wait at +%v = %v; want refused = %v", tt.failures, tt.at, got, tt.refused)
			}
		})
	}
}

func TestThrottle_WaitSaysHowLong(t *testing.T) {
	const account, addr = "victim@example.test", "198.51.100.1"
	th := NewThrottle()
	fail(th, account, addr, 5, t0)
	tests := []struct {
		name string
		at   time.Duration
		want time.Duration
	}{
		{"right after", 0, time.Minute},
		{"half way", 30 * time.Second, 30 * time.Second},
		{"refilled", time.Minute, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := th.Wait(account, addr, t0.Add(tt.at))
			if d := got - tt.want; d < -time.Millisecond || d > time.Millisecond {
				t.Errorf("Wait at +%v = %v, want %v", tt.at, got, tt.want)
			}
		})
	}
}

func TestThrottle_OneRefillAllowsOneMoreFailure(t *testing.T) {
	const account, addr = "victim@example.test", "198.51.100.1"
	th := NewThrottle()
	fail(th, account, addr, 5, t0)
	later := t0.Add(time.Minute)
	if got, want := th.Wait(account, addr, later), time.Duration(0); got != want {
		t.Fatalf("Wait after a minute = %v, want %v", got, want)
	}
	fail(th, account, addr, 1, later)
	if got := th.Wait(account, addr, later); got <= 0 {
		t.Errorf("Wait after the refilled failure is spent = %v, want > 0", got)
	}
}

func TestThrottle_GuessesFromOneAddressLockOutOnlyThatAddress(t *testing.T) {
	const victim, guesser = "victim@example.test", "198.51.100.1"
	th := NewThrottle()
	fail(th, victim, guesser, 5, t0)
	tests := []struct {
		name          string
		account, addr string
		refused       bool
	}{
		{"same account, same address", victim, guesser, true},
		{"same account, another address", victim, "203.0.113.50", false},
		{"same account, IPv6 address", victim, "2001:db8::1", false},
		{"another account, same address", "other@example.test", guesser, false},
		{"another account, another address", "other@example.test", "203.0.113.50", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := th.Wait(tt.account, tt.addr, t0)
			if refused := got > 0; refused != tt.refused {
				t.Errorf("Wait(%q, %q) = %v, want refused = %v", tt.account, tt.addr, got, tt.refused)
			}
		})
	}
}

func TestThrottle_GuessesFromManyAddressesSpareKnownClients(t *testing.T) {
	const victim, home = "victim@example.test", "203.0.113.7"
	th := NewThrottle()
	_, succeeded := th.Begin(victim, home, t0)
	succeeded()
	// 100 failures spread over 20 addresses, 5 each: no pair or address
	// bucket is empty, the account's is.
	for i := range 20 {
		fail(th, victim, fmt.Sprintf("198.51.100.%d", i), 5, t0)
	}
	if got := th.Wait(victim, "192.0.2.1", t0); got <= 0 {
		t.Errorf("an unknown address after 100 failures: Wait = %v, want > 0", got)
	}
	if got := th.Wait(victim, home, t0); got != 0 {
		t.Errorf("the address the account signed in from: Wait = %v, want 0", got)
	}
	if got := th.Wait("other@example.test", "192.0.2.1", t0); got != 0 {
		t.Errorf("another account: Wait = %v, want 0", got)
	}
}

func TestThrottle_AddressBucketRefusesAfterTwenty(t *testing.T) {
	const addr = "198.51.100.1"
	tests := []struct {
		name     string
		failures int // spread over accounts, 4 each so no account is throttled
		at       time.Duration
		refused  bool
	}{
		{"19 failures from the address", 19, 0, false},
		{"20 failures spend the address", 20, 0, true},
		{"still refused after 9s", 20, 9 * time.Second, true},
		{"allowed again after 10s", 20, 10 * time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := NewThrottle()
			for i := range tt.failures {
				fail(th, fmt.Sprintf("user%d@example.test", i/4), addr, 1, t0)
			}
			fresh := "fresh@example.test"
			got := th.Wait(fresh, addr, t0.Add(tt.at))
			if refused := got > 0; refused != tt.refused {
				t.Errorf("after %d failures from %s, Wait(%q) at +%v = %v; want refused = %v",
					tt.failures, addr, fresh, tt.at, got, tt.refused)
			}
			// Another address is never held back by this one.
			if got := th.Wait(fresh, "203.0.113.50", t0.Add(tt.at)); got != 0 {
				t.Errorf("Wait(%q) from another address = %v, want 0", fresh, got)
			}
		})
	}
}

func TestThrottle_OtherAccountUnaffectedUntilAddressSpent(t *testing.T) {
	const addr = "198.51.100.1"
	th := NewThrottle()
	fail(th, "victim@example.test", addr, 5, t0)
	if got, want := th.Wait("other@example.test", addr, t0), time.Duration(0); got != want {
		t.Fatalf("other account after 5 failures of one account: Wait = %v, want %v", got, want)
	}
	// 15 more failures from the address (3 accounts × 5) spend its 20.
	for i := range 3 {
		fail(th, fmt.Sprintf("spray%d@example.test", i), addr, 5, t0)
	}
	if got := th.Wait("other@example.test", addr, t0); got <= 0 {
		t.Errorf("other account after 20 failures from its address: Wait = %v, want > 0", got)
	}
}
