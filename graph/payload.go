package graph

import (
	"cmp"
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// collectable is an ent query that can eager-load what the client selected.
type collectable[Q any, T any] interface {
	CollectFields(ctx context.Context, satisfies ...string) (Q, error)
	Only(ctx context.Context) (T, error)
}

// loaded runs q with every edge the client selected eager-loaded. Mutation
// payloads go through it: gqlgen resolves a payload's fields concurrently,
// and under the request transaction they would share one *sql.Tx, which is
// not safe for concurrent use.
func loaded[T any, Q collectable[Q, T]](ctx context.Context, q Q) (T, error) {
	q, err := q.CollectFields(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	return q.Only(ctx)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// inCreationOrder sorts an edge's rows by id, the order they were made in:
// ent eager-loads edges in no particular order.
func inCreationOrder[T any](rows []T, err error, id func(T) int) ([]T, error) {
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rows, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return rows, nil
}

// selects reports whether the query asks, under the field being resolved,
// for the field at path (e.g. "edges", "node", "price"): a list resolver
// loads with its rows what a field resolver would otherwise load per row.
func selects(ctx context.Context, path ...string) bool {
	oc := graphql.GetOperationContext(ctx)
	set := graphql.GetFieldContext(ctx).Field.Selections
	for i, name := range path {
		var next ast.SelectionSet
		found := false
		for _, f := range graphql.CollectFields(oc, set, nil) {
			if f.Name == name {
				next, found = append(next, f.Selections...), true
			}
		}
		if !found {
			return false
		}
		if i == len(path)-1 {
			return true
		}
		set = next
	}
	return false
}
