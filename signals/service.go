package signals

import (
	"time"

	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/period"
)

// Service evaluates the rules, keeps the signals' lifecycle and answers
// for rules and signals.
type Service struct {
	client    *ent.Client
	dialect   string
	loc       *time.Location // the business time zone: what places a fact in a period
	appraisal *appraisal.Service
	now       func() time.Time
}

// NewService returns a Service over client, whose database speaks
// dialectName; loc is the business time zone.
func NewService(client *ent.Client, dialectName string, loc *time.Location) *Service {
	if dialectName == "" {
		dialectName = dialect.SQLite
	}
	return &Service{
		client:    client,
		dialect:   dialectName,
		loc:       loc,
		appraisal: appraisal.NewService(client, dialectName, loc),
		now:       time.Now,
	}
}

// Setting is a rule as it runs: its definition with an administrator's
// setting, every threshold given (defaults filled in). It is GraphQL's
// SignalRule.
type Setting struct {
	Def           *Def
	Enabled       bool
	Values        map[string]int64
	UpdatedAt     *time.Time
	UpdatedByName *string
}

func (s *Setting) Rule() int               { return s.Def.Number }
func (s *Setting) Name() string            { return s.Def.Name }
func (s *Setting) Condition() string       { return s.Def.Condition(s.Values) }
func (s *Setting) Subjects() []SubjectKind { return s.Def.Subjects }
func (s *Setting) PeriodKind() period.Kind { return s.Def.Kind }
func (s *Setting) WholePeriods() bool      { return s.Def.WholePeriods }
func (s *Setting) Thresholds() []*Threshold {
	out := make([]*Threshold, len(s.Def.Thresholds))
	for i, t := range s.Def.Thresholds {
		out[i] = &Threshold{Name: t.Name, Unit: t.Unit, Value: t.Float(s.Values[t.Name]),
			Default: t.Float(t.Default), Min: t.Float(t.Min), Max: t.Float(t.Max)}
	}
	return out
}

// Threshold is GraphQL's SignalThreshold.
type Threshold struct {
	Name              string
	Value             float64
	Unit              Unit
	Default, Min, Max float64
}

// Evidence is GraphQL's SignalEvidence: what fired a signal.
type Evidence struct {
	Kpi       string
	Previous  *float64
	Current   float64
	Threshold float64
}

// Scope is what one evaluation covers: the subjects whose facts changed
// (a dealer's change covers its channel too), or every subject; the
// periods from Since's on (nil: every open period); the rules (nil: every
// enabled rule).
type Scope struct {
	Every       bool
	Dealers     []int
	Channels    []int
	Territories []int
	Since       *time.Time
	Rules       []int
}
