package auth

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
)

// viewerCache holds the viewers of recently used tokens by secret hash, for
// a short time: a page of the portal is several requests with one token,
// and each would otherwise cost the token, its user and the dealer or the
// managed channels.
type viewerCache struct {
	lru *expirable.LRU[string, *cachedViewer]

	mu      sync.Mutex
	byToken map[int]string // token id → secret hash, to forget a revoked token
}

type cachedViewer struct {
	viewer   *Viewer
	lastUsed atomic.Int64 // unix nanoseconds of the last use written
}

func newViewerCache(ttl time.Duration, size int) *viewerCache {
	c := &viewerCache{byToken: map[int]string{}}
	c.lru = expirable.NewLRU(size, func(hash string, e *cachedViewer) {
		c.mu.Lock()
		if c.byToken[e.viewer.TokenID] == hash {
			delete(c.byToken, e.viewer.TokenID)
		}
		c.mu.Unlock()
	}, ttl)
	return c
}

func (c *viewerCache) get(hash []byte) *cachedViewer {
	e, _ := c.lru.Get(string(hash))
	return e
}

func (c *viewerCache) put(hash []byte, v *Viewer, lastUsed, now time.Time) {
	e := &cachedViewer{viewer: v}
	e.lastUsed.Store(lastUsed.UnixNano())
	c.mu.Lock()
	c.byToken[v.TokenID] = string(hash)
	c.mu.Unlock()
	c.lru.Add(string(hash), e)
}

func (c *viewerCache) remove(hash []byte) { c.lru.Remove(string(hash)) }

func (c *viewerCache) forget(tokenID int) {
	c.mu.Lock()
	hash, ok := c.byToken[tokenID]
	c.mu.Unlock()
	if ok {
		c.lru.Remove(hash)
	}
}

// used reports whether the use at now is the first in a minute, and so is
// to be written; of concurrent requests, one writes.
func (e *cachedViewer) used(now time.Time) bool {
	last := e.lastUsed.Load()
	if now.UnixNano()-last <= int64(time.Minute) {
		return false
	}
	return e.lastUsed.CompareAndSwap(last, now.UnixNano())
}
