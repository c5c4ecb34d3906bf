// Package tx finds the transaction a request runs in. It imports only the
// generated client, so every domain package (auth included, which the
// privacy rules are built on) can use it.
package tx

import (
	"context"

	"github.com/dealerline/dealerline/ent"
)

// Client is the request's transactional client when there is one (GraphQL
// mutations run in one, see entgql.Transactioner), else c: a service's
// writes then commit or roll back with the rest of the request.
func Client(ctx context.Context, c *ent.Client) *ent.Client {
	if t := ent.FromContext(ctx); t != nil {
		return t
	}
	return c
}
