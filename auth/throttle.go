package auth

import (
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"
)

// Throttle slows password guessing: failed sign-ins spend from a bucket per
// account and one per client address; when either is empty, sign-in is
// refused until it refills. A success leaves the buckets as they are, so a
// guesser cannot refill them with its own account. Buckets are kept for the
// most recently seen keys only, so memory stays bounded under a spray.
type Throttle struct {
	mu        sync.Mutex
	accounts  *lru.Cache[string, *rate.Limiter]
	addresses *lru.Cache[string, *rate.Limiter]
	account   bucket
	address   bucket
}

type bucket struct {
	burst int
	every time.Duration
}

// NewThrottle allows 5 failures per account then one per minute, and 20 per
// address then one every 10 seconds.
func NewThrottle() *Throttle {
	accounts, _ := lru.New[string, *rate.Limiter](100_000)
	addresses, _ := lru.New[string, *rate.Limiter](100_000)
	return &Throttle{
		accounts:  accounts,
		addresses: addresses,
		account:   bucket{burst: 5, every: time.Minute},
		address:   bucket{burst: 20, every: 10 * time.Second},
	}
}

// Wait returns how long the account and address must wait before the next
// attempt; zero when they may try now.
func (t *Throttle) Wait(account, addr string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return max(t.wait(t.accounts, t.account, account, now), t.wait(t.addresses, t.address, addr, now))
}

// Begin starts an attempt: it is charged as a failure at once, so a burst
// of guesses sent together cannot all get past the check while the slow
// password hash runs. succeeded gives the charge back. When the caller must
// wait instead, wait > 0 and succeeded is nil.
func (t *Throttle) Begin(account, addr string, now time.Time) (wait time.Duration, succeeded func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if w := max(t.wait(t.accounts, t.account, account, now), t.wait(t.addresses, t.address, addr, now)); w > 0 {
		return w, nil
	}
	ra := t.limiter(t.accounts, t.account, account).ReserveN(now, 1)
	rb := t.limiter(t.addresses, t.address, addr).ReserveN(now, 1)
	return 0, func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		ra.CancelAt(now)
		rb.CancelAt(now)
	}
}

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
