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

// outsideTransaction are the mutations that run without the request's
// transaction: they wait on other services (a push service may take its
// full timeout), and a transaction held open meanwhile would block other
// writers (on SQLite, every one), and they write only rows of their own,
// each committed as it happens.
var outsideTransaction = map[string]bool{
	"sendTestPush": true,
}

// OutsideTransaction reports whether op is a mutation made only of fields
// that run outside a transaction: entgql.Transactioner's SkipTxFunc.
func OutsideTransaction(op *ast.OperationDefinition) bool {
	if op == nil || op.Operation != ast.Mutation || len(op.SelectionSet) == 0 {
		return false
	}
	for _, sel := range op.SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok || !outsideTransaction[f.Name] {
			return false
		}
	}
	return true
}
