package graph

import (
	"context"
	"runtime"
	"sync"
	"weak"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/standing"
)

// standings keeps each dealer's standing for the response that asks for
// it, so that a page asking for its exposure, available credit, balance,
// ageing and open orders at once computes them once. Entries go with the
// operation they were computed for.
var standings = struct {
	sync.Mutex
	m map[standingKey]*standingEntry
}{m: map[standingKey]*standingEntry{}}

type standingKey struct {
	op     weak.Pointer[graphql.OperationContext]
	dealer int
}

type standingEntry struct {
	once sync.Once
	st   *standing.Standing
	err  error
}

// standingOf is d's standing, computed once per operation.
func (r *Resolver) standingOf(ctx context.Context, d *ent.Dealer) (*standing.Standing, error) {
	if !graphql.HasOperationContext(ctx) {
		return r.Standing.Of(ctx, d)
	}
	op := graphql.GetOperationContext(ctx)
	key := standingKey{op: weak.Make(op), dealer: d.ID}
	standings.Lock()
	e := standings.m[key]
	if e == nil {
		e = &standingEntry{}
		standings.m[key] = e
		runtime.AddCleanup(op, func(k standingKey) {
			standings.Lock()
			delete(standings.m, k)
			standings.Unlock()
		}, key)
	}
	standings.Unlock()
	e.once.Do(func() { e.st, e.err = r.Standing.Of(ctx, d) })
	return e.st, e.err
}
