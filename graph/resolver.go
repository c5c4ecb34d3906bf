// Package graph is the GraphQL edge: schema files, thin resolvers, and the
// one place errors become extensions.code.
package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ordering"
)

// Resolver holds the dependencies resolvers call; it holds no state.
type Resolver struct {
	client   *ent.Client
	auth     *auth.Service
	ordering *ordering.Service
}

// NewSchema builds the executable schema.
func NewSchema(client *ent.Client, auth *auth.Service, ordering *ordering.Service) graphql.ExecutableSchema {
	return NewExecutableSchema(Config{Resolvers: &Resolver{client: client, auth: auth, ordering: ordering}})
}
