package schema

import (
	"entgo.io/ent"

	"github.com/dealerline/dealerline/ordering/counted"
	"github.com/dealerline/dealerline/signals/marks"
)

// An order's history keeps the figures the order carries for appraisal
// in step, in the writer's transaction, whoever the writer is (package
// ordering/counted).
func (OrderEvent) Hooks() []ent.Hook { return []ent.Hook{counted.Events(), marks.Hook()} }
