package sequential_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dealerline/dealerline/graph/sequential"
)

func TestMarshalSlice_EachElementHasItsIndexAndAPanicIsItsOwnNull(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: nil}})
	var seen []int
	ret := sequential.MarshalSlice(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		fc := graphql.GetFieldContext(ctx)
		seen = append(seen, *fc.Index)
		if i == 1 {
			panic("broken element")
		}
		return graphql.MarshalInt(i * 10)
	})
	var b bytes.Buffer
	ret.MarshalGQL(&b)
	if got := b.String(); got != "[0,null,20]" {
		t.Errorf("marshalled %s, want [0,null,20]", got)
	}
	if len(seen) != 3 || seen[0] != 0 || seen[1] != 1 || seen[2] != 2 {
		t.Errorf("element contexts carried indices %v", seen)
	}
	errs := graphql.GetErrors(ctx)
	if len(errs) != 1 {
		t.Fatalf("errors %v, want the one panic", errs)
	}
	if p := errs[0].Path.String(); p != "[1]" {
		t.Errorf("the panic's error names path %q, want the element's index 1", p)
	}
}

func TestMarshalSlice_Empty(t *testing.T) {
	ret := sequential.MarshalSlice(context.Background(), 0, 0, false, func(context.Context, int) graphql.Marshaler {
		t.Fatal("called for no element")
		return nil
	})
	if len(ret) != 0 {
		t.Errorf("%d elements for an empty list", len(ret))
	}
}

func TestNewDeferredGroup_OnlyAnOperationThatMayDeferGetsAGroupToDeferInto(t *testing.T) {
	for query, wantGroup := range map[string]bool{
		`{ orders(first: 50) { edges { node { id } } } }`:                             false,
		`{ orders(first: 50) { edges { node { id ... @defer { lines { id } } } } } }`: true,
		``: true, // text unknown: gqlgen's own group
	} {
		ctx := graphql.WithOperationContext(context.Background(), &graphql.OperationContext{RawQuery: query})
		g := sequential.NewDeferredGroup(ctx)
		if got := g.FieldSet != nil && g.Defers != nil; got != wantGroup {
			t.Errorf("%q: a group to defer into is %v, want %v", query, got, wantGroup)
		}
	}
}
