package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/period"
)

// The channel-change signals (DESIGN §6): ten rules, each with editable
// thresholds, evaluated when a fact they read changes and on a daily
// schedule; a signal is raised once per (rule, subject, period). Package
// signals writes all three.

// SignalRule is an administrator's setting of one rule: whether it is
// enabled and its thresholds. A rule without a row runs on the defaults
// package signals lists.
type SignalRule struct{ ent.Schema }

func (SignalRule) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (SignalRule) Fields() []ent.Field {
	return []ent.Field{
		field.Int("rule").Range(1, 10).Immutable(),
		field.Bool("enabled").Default(true),
		// Threshold name → value as an integer in the threshold's unit
		// scale (basis points, hundredths of a score, days, a count):
		// compared as integers, so "exactly 2.0 points" is exact.
		field.JSON("thresholds", map[string]int64{}).Optional(),
		field.Int("updated_by_id").Optional().Nillable(),
		field.String("updated_by_name").Default(""),
	}
}

func (SignalRule) Indexes() []ent.Index {
	return []ent.Index{index.Fields("rule").Unique()}
}

func (SignalRule) Policy() ent.Policy { return access.SystemOnlyPolicy() }

func (SignalRule) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// ChannelSignal is one rule firing for one subject (a dealer, a channel or
// a territory) in one period: OPEN until a manager resolves it, or
// WITHDRAWN when a re-evaluation of its period finds the condition no
// longer holds (late facts arrived). A withdrawn signal whose condition
// holds again is raised again, the same row; a resolved one stays so.
type ChannelSignal struct{ ent.Schema }

func (ChannelSignal) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (ChannelSignal) Fields() []ent.Field {
	return []ent.Field{
		field.Int("rule").Range(1, 10).Immutable(),
		// Exactly one of the three subjects is set.
		field.Int("dealer_id").Optional().Nillable().Immutable(),
		field.Int("channel_id").Optional().Nillable().Immutable(),
		field.Int("territory_id").Optional().Nillable().Immutable(),
		// "dealer:12", "channel:3", "territory:5": the subject as one
		// column, so that (rule, subject, period) is unique on both stores
		// (a unique index treats NULLs as distinct).
		field.String("subject").NotEmpty().Immutable().Annotations(entgql.Skip()),
		// The period evaluated: "2026-07", or "2026-Q3" for rule 8.
		field.String("period").GoType(period.Period{}).Immutable().Annotations(periodType),
		field.Enum("status").
			Values("OPEN", "RESOLVED", "WITHDRAWN").
			Default("OPEN").
			Annotations(entgql.Type("SignalStatus")),
		// The evidence, as of the latest raise (GraphQL: evidence).
		field.String("kpi").NotEmpty().Annotations(entgql.Skip()),
		field.Float("previous").Optional().Nillable().Annotations(entgql.Skip()),
		field.Float("current").Annotations(entgql.Skip()),
		field.Float("threshold").Annotations(entgql.Skip()),
		field.Time("raised_at").
			Default(time.Now).
			Annotations(entgql.OrderField("RAISED_AT")),
		field.Time("resolved_at").Optional().Nillable(),
		field.Int("resolved_by_id").Optional().Nillable(),
		field.String("resolved_by_name").Default(""),
		field.Text("resolution_note").Default("").MaxRuneLen(2000).Annotations(entgql.Skip()),
		field.Time("withdrawn_at").Optional().Nillable(),
		// Why it was withdrawn, e.g. "distribution rate 0.420 is no
		// longer under 0.400".
		field.Text("withdrawn_reason").Default("").Annotations(entgql.Skip()),
	}
}

func (ChannelSignal) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).Field("dealer_id").Unique().Immutable(),
		edge.To("channel", Channel.Type).Field("channel_id").Unique().Immutable(),
		edge.To("territory", Territory.Type).Field("territory_id").Unique().Immutable(),
		edge.To("resolved_by", User.Type).Field("resolved_by_id").Unique().Annotations(tenantEdge()),
	}
}

func (ChannelSignal) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("rule", "subject", "period").Unique(),
		index.Fields("status", "raised_at"),
		index.Fields("raised_at"),
		index.Fields("dealer_id"),
		index.Fields("channel_id"),
		index.Fields("territory_id"),
	}
}

func (ChannelSignal) Policy() ent.Policy { return access.ChannelSignalPolicy() }

func (ChannelSignal) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// SignalCheck marks subjects whose facts changed, written in the writer's
// transaction so that a committed fact is never left unevaluated: the
// evaluator reads the marks, evaluates each subject once however many
// marks it has (a burst of writes costs one evaluation), and deletes the
// marks it read.
type SignalCheck struct{ ent.Schema }

func (SignalCheck) Fields() []ent.Field {
	return []ent.Field{
		// What changed: a dealer's facts, a channel's (a cost not
		// attributed to a dealer), a territory's (a market share or
		// report), or everything (a rule's thresholds, a list price).
		field.Int("dealer_id").Optional().Nillable().Immutable(),
		field.Int("channel_id").Optional().Nillable().Immutable(),
		field.Int("territory_id").Optional().Nillable().Immutable(),
		field.Bool("every").Default(false).Immutable(),
		// The earliest business date the change touches; null: every
		// open period.
		field.Time("since").Optional().Nillable().Immutable().SchemaType(dateColumn),
		field.Time("created_at").Default(time.Now).Immutable(),
	}
}

func (SignalCheck) Policy() ent.Policy { return access.SystemOnlyPolicy() }

func (SignalCheck) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
