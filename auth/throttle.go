package auth

import (
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"
)

// Throttle slows password guessing without letting a guesser lock the
// owner out. Failed sign-ins spend from three buckets: one per account and
// client address (5, then one a minute: the guesser's), one per address
// (20, then one every 10 seconds), and a looser one per account over every
// address (100, then one a minute), which stops guessing spread over many
// addresses. The per-account bucket is not asked of a known client, an
// address the account has signed in from before, so wrong passwords sent
// from elsewhere never refuse the owner's own. When any bucket asked is
// empty, sign-in is refused until it refills. A success gives its charge
// back, so a guesser cannot refill the buckets with its own account.
// Buckets and known clients are kept for the most recently seen keys only,
// so memory stays bounded under a spray.
type Throttle struct {
	mu        sync.Mutex
	pairs     *lru.Cache[string, *rate.Limiter] // account and address
	addresses *lru.Cache[string, *rate.Limiter]
	accounts  *lru.Cache[string, *rate.Limiter]
	known     *lru.Cache[string, struct{}] // account and address that signed in
	pair      bucket
	address   bucket
	account   bucket
}

type bucket struct {
	burst int
	every time.Duration
}

// NewThrottle returns a Throttle with the buckets described on Throttle.
func NewThrottle() *Throttle {
	pairs, _ := lru.New[string, *rate.Limiter](100_000)
	addresses, _ := lru.New[string, *rate.Limiter](100_000)
	accounts, _ := lru.New[string, *rate.Limiter](100_000)
	known, _ := lru.New[string, struct{}](100_000)
	return &Throttle{
		pairs:     pairs,
		addresses: addresses,
		accounts:  accounts,
		known:     known,
		pair:      bucket{burst: 5, every: time.Minute},
		address:   bucket{burst: 20, every: 10 * time.Second},
		account:   bucket{burst: 100, every: time.Minute},
	}
}

// Wait returns how long an attempt of account from addr must wait; zero
// when it may try now.
func (t *Throttle) Wait(account, addr string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.waitFor(account, addr, now)
}

func (t *Throttle) waitFor(account, addr string, now time.Time) time.Duration {
	w := max(t.wait(t.pairs, t.pair, pairKey(account, addr), now), t.wait(t.addresses, t.address, addr, now))
	if !t.known.Contains(pairKey(account, addr)) {
		w = max(w, t.wait(t.accounts, t.account, account, now))
	}
	return w
}

// Begin starts an attempt: it is charged as a failure at once, so a burst
// of guesses sent together cannot all get past the check while the slow
// password hash runs. succeeded gives the charge back and makes addr a
// known client of account. When the caller must wait instead, wait > 0
// and succeeded is nil.
func (t *Throttle) Begin(account, addr string, now time.Time) (wait time.Duration, succeeded func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if w := t.waitFor(account, addr, now); w > 0 {
		return w, nil
	}
	key := pairKey(account, addr)
	charges := []*rate.Reservation{
		t.limiter(t.pairs, t.pair, key).ReserveN(now, 1),
		t.limiter(t.addresses, t.address, addr).ReserveN(now, 1),
		t.limiter(t.accounts, t.account, account).ReserveN(now, 1),
	}
	return 0, func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		for _, r := range charges {
			r.CancelAt(now)
		}
		t.known.Add(key, struct{}{})
	}
}

func pairKey(account, addr string) string { return account + "\x00" + addr }

func (t *Throttle) wait(c *lru.Cache[string, *rate.Limiter], b bucket, key string, now time.Time) time.Duration {
	l, ok := c.Get(key)
	if !ok || l.TokensAt(now) >= 1 {
		return 0
	}
	return time.Duration((1 - l.TokensAt(now)) * float64(b.every))
}

func (t *Throttle) limiter(c *lru.Cache[string, *rate.Limiter], b bucket, key string) *rate.Limiter {
	l, ok := c.Get(key)
	if !ok {
		l = rate.NewLimiter(rate.Every(b.every), b.burst)
		c.Add(key, l)
	}
	return l
}
