package access

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// WholeRows returns ctx without the GraphQL field being resolved, for
// loading a row by its id with ent's Noder: inside a field, Noder loads
// only the columns that field's selection names (the mutation's result, not
// the row looked up), and the row's other columns would read as zero
// values. Everything else of ctx stays: the viewer, the transaction, the
// deadline.
func WholeRows(ctx context.Context) context.Context { return wholeRows{ctx} }

type wholeRows struct{ context.Context }

func (c wholeRows) Value(key any) any {
	v := c.Context.Value(key)
	if _, ok := v.(*graphql.FieldContext); ok {
		return nil
	}
	return v
}
