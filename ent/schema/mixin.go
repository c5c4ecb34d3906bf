package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

// TimeMixin records when a row was created and last changed. The server
// sets both; clients can order by them but never write them.
type TimeMixin struct{ mixin.Schema }

func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").
			Immutable().
			Default(time.Now).
			Annotations(
				entgql.OrderField("CREATED_AT"),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
			),
		field.Time("updated_at").
			Default(time.Now).
			UpdateDefault(time.Now).
			Annotations(
				entgql.OrderField("UPDATED_AT"),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
			),
	}
}

// moneyType marks an amount in minor units of the installation's currency
// (DESIGN.md §4): exact integers in the database, a decimal string in GraphQL.
var moneyType = entgql.Type("Money")

// dateType marks a business date (no time of day), YYYY-MM-DD in GraphQL.
var dateType = entgql.Type("Date")

// dateColumn stores business dates as SQL dates.
var dateColumn = map[string]string{"postgres": "date", "sqlite3": "date"}

// tenantEdge marks an edge into data that belongs to one dealer or one
// manager's dealers. Its generated where-input predicate would be an SQL
// sub-select that skips the target's privacy rules, so it is not generated.
func tenantEdge() entgql.Annotation {
	return entgql.Skip(entgql.SkipWhereInput)
}
