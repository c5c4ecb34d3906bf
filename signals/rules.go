// Package signals raises DESIGN §6's channel-change signals: ten rules
// over the appraisal KPIs, each with editable thresholds, evaluated when a
// fact they read changes and daily, raised once per (rule, subject,
// period), withdrawn when late facts remove the condition, resolved by a
// manager.
package signals

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/period"
)

// SubjectKind is what a signal is about.
type SubjectKind string

const (
	DealerSubject    SubjectKind = "DEALER"
	ChannelSubject   SubjectKind = "CHANNEL"
	TerritorySubject SubjectKind = "TERRITORY"
)

func (k SubjectKind) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(k))) }

func (k *SubjectKind) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || (s != string(DealerSubject) && s != string(ChannelSubject) && s != string(TerritorySubject)) {
		return fmt.Errorf("%v is not a SignalSubjectKind", v)
	}
	*k = SubjectKind(s)
	return nil
}

// Unit is what a threshold's value is written in; scale is how many of
// its stored integers make one.
type Unit string

const (
	Points   Unit = "POINTS"   // 0.01 of a ratio; stored in basis points
	Percent  Unit = "PERCENT"  // stored in basis points
	Ratio    Unit = "RATIO"    // a fraction; stored in basis points
	Score    Unit = "SCORE"    // a CSAT difference; stored in hundredths
	Days     Unit = "DAYS"     // whole days
	Count    Unit = "COUNT"    // whole
	Quarters Unit = "QUARTERS" // whole
)

func (u Unit) scale() int64 {
	switch u {
	case Points, Percent, Score:
		return 100
	case Ratio:
		return 10000
	}
	return 1
}

func (u Unit) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(u))) }

func (u *Unit) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%v is not a ThresholdUnit", v)
	}
	*u = Unit(s)
	return nil
}

// ThresholdDef is one threshold of a rule: its default and range, stored
// as integers at the unit's scale (basis points for POINTS, PERCENT and
// RATIO), so that comparisons are exact.
type ThresholdDef struct {
	Name              string
	Unit              Unit
	Default, Min, Max int64
}

// Float is stored value v in the threshold's unit.
func (d ThresholdDef) Float(v int64) float64 { return float64(v) / float64(d.Unit.scale()) }

// Parse is value, in the threshold's unit, stored: refused unless it is a
// whole number at the unit's precision and within range.
func (d ThresholdDef) Parse(value float64) (int64, error) {
	scaled := value * float64(d.Unit.scale())
	n := math.Round(scaled)
	if math.IsNaN(value) || math.IsInf(value, 0) || math.Abs(scaled-n) > 1e-6 {
		return 0, apperr.Invalid("thresholds", "%s is given to %s: at most %d decimal places", d.Name, strings.ToLower(string(d.Unit)), decimals(d.Unit.scale()))
	}
	if int64(n) < d.Min || int64(n) > d.Max {
		return 0, apperr.Invalid("thresholds", "%s must be from %s to %s %s", d.Name,
			trim(d.Float(d.Min)), trim(d.Float(d.Max)), strings.ToLower(string(d.Unit)))
	}
	return int64(n), nil
}

func decimals(scale int64) int {
	n := 0
	for ; scale > 1; scale /= 10 {
		n++
	}
	return n
}

func trim(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Def is one rule of DESIGN §6.
type Def struct {
	Number int
	// Name is the rule's English name (the portal words it by number).
	Name     string
	Subjects []SubjectKind
	// Kind is the period it is evaluated per: months, quarters for rule 8.
	Kind period.Kind
	// WholePeriods: the rule compares whole periods (sums that grow
	// through the month: sales, costs, cost of goods, cases open at the
	// month's end), so a period is evaluated once it has ended. The others
	// read facts that stand on their own (a survey, a report, a share,
	// scores, invoices paid off), so the running month raises them as soon
	// as the facts say so.
	WholePeriods bool
	Thresholds   []ThresholdDef
	// condition words the rule with thresholds th, in English.
	condition func(th map[string]int64) string
}

// Threshold is t's definition, or false.
func (d *Def) Threshold(name string) (ThresholdDef, bool) {
	for _, t := range d.Thresholds {
		if t.Name == name {
			return t, true
		}
	}
	return ThresholdDef{}, false
}

// Condition words the rule with thresholds th (stored values).
func (d *Def) Condition(th map[string]int64) string { return d.condition(th) }

// Defaults are the rule's thresholds as DESIGN §6 gives them.
func (d *Def) Defaults() map[string]int64 {
	out := make(map[string]int64, len(d.Thresholds))
	for _, t := range d.Thresholds {
		out[t.Name] = t.Default
	}
	return out
}

// OpenMonths is how many ended months stay open: evaluated again when late
// facts arrive and by the daily run, besides the running month. A signal
// of an older period stays as it is. Rule 8's open quarter is the last
// ended one.
const OpenMonths = 3

func pts(v int64) string { return strconv.FormatFloat(float64(v)/100, 'f', 2, 64) }

var both = []SubjectKind{DealerSubject, ChannelSubject}

// Rules are the ten rules of DESIGN §6, by number.
var Rules = []*Def{
	{Number: 1, Name: "market share falling", Subjects: []SubjectKind{TerritorySubject}, Kind: period.Month,
		Thresholds: []ThresholdDef{{Name: "drop", Unit: Points, Default: 200, Min: 1, Max: 10000}},
		condition: func(th map[string]int64) string {
			return fmt.Sprintf("market share down ≥ %s points vs the previous month", pts(th["drop"]))
		}},
	{Number: 2, Name: "performance declining", Subjects: both, Kind: period.Month, WholePeriods: true,
		condition: func(map[string]int64) string {
			return "quota completion c(p) < c(p−1) < c(p−2)"
		}},
	{Number: 3, Name: "low terminal distribution rate", Subjects: both, Kind: period.Month,
		Thresholds: []ThresholdDef{{Name: "rate", Unit: Ratio, Default: 4000, Min: 1, Max: 10000}},
		condition: func(th map[string]int64) string {
			return fmt.Sprintf("distribution rate < %s", strconv.FormatFloat(float64(th["rate"])/10000, 'f', 2, 64))
		}},
	{Number: 4, Name: "rising channel cost", Subjects: both, Kind: period.Month, WholePeriods: true,
		Thresholds: []ThresholdDef{{Name: "rise", Unit: Points, Default: 300, Min: 1, Max: 10000}},
		condition: func(th map[string]int64) string {
			return fmt.Sprintf("channel cost ratio up ≥ %s points vs the previous month", pts(th["rise"]))
		}},
	{Number: 5, Name: "payment cycle too long", Subjects: []SubjectKind{DealerSubject}, Kind: period.Month,
		Thresholds: []ThresholdDef{{Name: "graceDays", Unit: Days, Default: 15, Min: 0, Max: 365}},
		condition: func(th map[string]int64) string {
			return fmt.Sprintf("payment period > payment terms + %d days", th["graceDays"])
		}},
	{Number: 6, Name: "channel inventory high", Subjects: both, Kind: period.Month, WholePeriods: true,
		Thresholds: []ThresholdDef{{Name: "days", Unit: Days, Default: 60, Min: 1, Max: 3650}},
		condition: func(th map[string]int64) string {
			return fmt.Sprintf("days of inventory > %d", th["days"])
		}},
	{Number: 7, Name: "price pressure", Subjects: []SubjectKind{DealerSubject}, Kind: period.Month,
		Thresholds: []ThresholdDef{{Name: "discount", Unit: Percent, Default: 1000, Min: 1, Max: 10000}},
		condition: func(th map[string]int64) string {
			return fmt.Sprintf("a market report in the dealer's territory ≥ %s %% under the list price", trim(float64(th["discount"])/100))
		}},
	{Number: 8, Name: "a new channel surging", Subjects: []SubjectKind{ChannelSubject}, Kind: period.Quarter, WholePeriods: true,
		Thresholds: []ThresholdDef{
			{Name: "ageQuarters", Unit: Quarters, Default: 4, Min: 1, Max: 40},
			{Name: "growth", Unit: Percent, Default: 3000, Min: 1, Max: 100000},
			{Name: "othersGrowth", Unit: Percent, Default: 500, Min: 0, Max: 100000},
		},
		condition: func(th map[string]int64) string {
			return fmt.Sprintf("a channel younger than %d quarters grows net sales ≥ %s %% while each other grows < %s %%",
				th["ageQuarters"], trim(float64(th["growth"])/100), trim(float64(th["othersGrowth"])/100))
		}},
	{Number: 9, Name: "serious conflict", Subjects: []SubjectKind{DealerSubject}, Kind: period.Month, WholePeriods: true,
		Thresholds: []ThresholdDef{{Name: "cases", Unit: Count, Default: 3, Min: 1, Max: 1000}},
		condition: func(th map[string]int64) string {
			return fmt.Sprintf("at the month's end an open HIGH conflict case, or ≥ %d open cases, for the dealer", th["cases"])
		}},
	{Number: 10, Name: "end-user satisfaction falling", Subjects: both, Kind: period.Month,
		Thresholds: []ThresholdDef{{Name: "drop", Unit: Score, Default: 50, Min: 1, Max: 400}},
		condition: func(th map[string]int64) string {
			return fmt.Sprintf("CSAT down ≥ %s vs the previous month", pts(th["drop"]))
		}},
}

// Rule is the definition of rule n, or nil.
func Rule(n int) *Def {
	if n < 1 || n > len(Rules) {
		return nil
	}
	return Rules[n-1]
}
