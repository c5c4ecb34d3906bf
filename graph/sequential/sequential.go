// Package sequential marshals GraphQL lists on the caller's goroutine.
//
// gqlgen marshals every element of every list of objects in a goroutine of
// its own (graphql.MarshalSliceConcurrently). Here the elements' edges are
// eager-loaded by entgql's field collection and nothing waits on a batch
// window, so a goroutine per element buys no parallelism: it costs its
// start, the growth of a fresh stack through the deep marshalling calls and
// the collector's scans of those stacks — a third of the CPU of a 50-order
// page. `go generate` points the generated code here instead
// (graph/sequential/rewrite).
package sequential

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalSlice has graphql.MarshalSliceConcurrently's signature and results:
// each element gets its own field context carrying its index (errors name
// their path from it), and a panic in one element becomes that element's
// null and an error, unless panics are left to the caller. The worker limit
// is moot when one goroutine does the work.
func MarshalSlice(
	ctx context.Context,
	length int,
	_ int64,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	if length == 0 {
		return ret
	}
	// One allocation for the list's field contexts and indices instead of two
	// per element; each element's context still holds its own.
	fcs := make([]graphql.FieldContext, length)
	indices := make([]int, length)
	for i := range length {
		indices[i] = i
		fcs[i].Index = &indices[i]
		childCtx := graphql.WithFieldContext(ctx, &fcs[i])
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		ret[i] = marshalRecovering(childCtx, i, marshalElement)
	}
	return ret
}

func marshalRecovering(ctx context.Context, i int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (ret graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			ret = graphql.Null
		}
	}()
	return marshalElement(ctx, i)
}

// NewDeferredGroup is graphql.NewDeferredGroup for operations that may defer
// a field, and an empty group for the rest. gqlgen makes a group for every
// object it marshals — its path, a field set and a map, about a tenth of the
// CPU of a 50-order page — though only a fragment under @defer ever puts a
// field in it. An empty group is what the generated code sees anyway when
// nothing is deferred: no field of it is deferred, so none is added to it,
// and its Defers are empty, so none is processed. An operation whose text
// does not mention "defer" cannot defer anything; one whose text is unknown
// gets gqlgen's group.
func NewDeferredGroup(ctx context.Context) graphql.DeferredGroup {
	if graphql.HasOperationContext(ctx) {
		// Most operations carry no directive at all: one '@' scan settles them.
		q := graphql.GetOperationContext(ctx).RawQuery
		if q != "" && (strings.IndexByte(q, '@') < 0 || !strings.Contains(q, "defer")) {
			return graphql.DeferredGroup{}
		}
	}
	return graphql.NewDeferredGroup(ctx)
}
