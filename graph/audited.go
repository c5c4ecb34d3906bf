package graph

import (
	"context"

	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/ent"
)

// The catalogue's and dealers' master data have no domain package: their
// resolvers create and update through ent's generated inputs, and record
// the change in the audit trail through these, in the mutation's
// transaction.

// auditedCreate records the creation of row (of subjectType) by action.
func auditedCreate(ctx context.Context, c *ent.Client, action, subjectType string, id int, row any) error {
	return audit.Created(ctx, c, action, subjectType, id, row)
}

// auditedUpdate applies update to row id, recording its fields before and
// after; get reads the row through the viewer's rules (a row it may not
// see is NOT_FOUND, as before).
func auditedUpdate[T any](ctx context.Context, c *ent.Client, action, subjectType string, id int, get func(context.Context, int) (T, error), update func(context.Context) error) error {
	before, err := get(ctx, id)
	if err != nil {
		return err
	}
	if err := update(ctx); err != nil {
		return err
	}
	after, err := get(ctx, id)
	if err != nil {
		return err
	}
	return audit.Updated(ctx, c, action, subjectType, id, before, after)
}
