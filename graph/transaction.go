package graph

import (
	"context"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Transactioner runs each mutation in one transaction, entgql's, and
// answers it once on every transport.
//
// A websocket asks an operation for responses until it answers nil, the
// end of the stream. entgql opens a transaction around every ask, and reads
// the answer without checking for nil: so after a mutation had committed
// and answered, the ask for the end opened a second transaction and
// panicked, and the client got an INTERNAL error for a mutation that had
// been made. A mutation has exactly one response, so after it the stream
// ends here, without asking (and without a transaction).
type Transactioner struct{ entgql.Transactioner }

var _ graphql.OperationInterceptor = Transactioner{}

func (Transactioner) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	responses := next(ctx)
	if op := graphql.GetOperationContext(ctx).Operation; op == nil || op.Operation != ast.Mutation {
		return responses
	}
	answered := false // asked in turn, by one transport goroutine
	return func(ctx context.Context) *graphql.Response {
		if answered {
			return nil
		}
		answered = true
		return responses(ctx)
	}
}
