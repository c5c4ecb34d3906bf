package schema

import (
	"entgo.io/ent"

	"github.com/dealerline/dealerline/signals"
)

// A change of a fact a signal rule reads marks its subject for evaluation,
// in the writer's transaction, whoever the writer is (package signals,
// Marks). Dealers and order events list the hook with their others
// (search_hooks.go, counted_hooks.go).
func (Order) Hooks() []ent.Hook              { return []ent.Hook{signals.Marks()} }
func (Quota) Hooks() []ent.Hook              { return []ent.Hook{signals.Marks()} }
func (Invoice) Hooks() []ent.Hook            { return []ent.Hook{signals.Marks()} }
func (Payment) Hooks() []ent.Hook            { return []ent.Hook{signals.Marks()} }
func (Allocation) Hooks() []ent.Hook         { return []ent.Hook{signals.Marks()} }
func (InventoryReport) Hooks() []ent.Hook    { return []ent.Hook{signals.Marks()} }
func (DistributionSurvey) Hooks() []ent.Hook { return []ent.Hook{signals.Marks()} }
func (SatisfactionScore) Hooks() []ent.Hook  { return []ent.Hook{signals.Marks()} }
func (ChannelCost) Hooks() []ent.Hook        { return []ent.Hook{signals.Marks()} }
func (MarketShare) Hooks() []ent.Hook        { return []ent.Hook{signals.Marks()} }
func (MarketReport) Hooks() []ent.Hook       { return []ent.Hook{signals.Marks()} }
func (ConflictCase) Hooks() []ent.Hook       { return []ent.Hook{signals.Marks()} }
func (Product) Hooks() []ent.Hook            { return []ent.Hook{signals.Marks()} }
