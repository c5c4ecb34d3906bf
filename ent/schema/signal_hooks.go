package schema

import (
	"entgo.io/ent"

	"github.com/dealerline/dealerline/signals/marks"
)

// A change of a fact a signal rule reads marks its subject for evaluation,
// in the writer's transaction, whoever the writer is (package signals,
// Marks). Dealers and order events list the hook with their others
// (search_hooks.go, counted_hooks.go).
func (Order) Hooks() []ent.Hook              { return []ent.Hook{marks.Hook()} }
func (Quota) Hooks() []ent.Hook              { return []ent.Hook{marks.Hook()} }
func (Invoice) Hooks() []ent.Hook            { return []ent.Hook{marks.Hook()} }
func (Payment) Hooks() []ent.Hook            { return []ent.Hook{marks.Hook()} }
func (Allocation) Hooks() []ent.Hook         { return []ent.Hook{marks.Hook()} }
func (InventoryReport) Hooks() []ent.Hook    { return []ent.Hook{marks.Hook()} }
func (DistributionSurvey) Hooks() []ent.Hook { return []ent.Hook{marks.Hook()} }
func (SatisfactionScore) Hooks() []ent.Hook  { return []ent.Hook{marks.Hook()} }
func (ChannelCost) Hooks() []ent.Hook        { return []ent.Hook{marks.Hook()} }
func (MarketShare) Hooks() []ent.Hook        { return []ent.Hook{marks.Hook()} }
func (MarketReport) Hooks() []ent.Hook       { return []ent.Hook{marks.Hook()} }
func (ConflictCase) Hooks() []ent.Hook       { return []ent.Hook{marks.Hook()} }
func (Product) Hooks() []ent.Hook            { return []ent.Hook{marks.Hook()} }
