// Package audience is who a policy, promotion or rebate program is for, as
// its publisher gives it, and the one rule for who may address whom:
// administrators anyone, a channel manager the dealers of its own channels.
package audience

import (
	"context"
	"slices"

	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/territory"
)

// Audience is every dealer (All, and nothing else), or the dealers
// matching every dimension given of channels, tiers and territories, plus
// the dealers named.
type Audience struct {
	All          bool
	ChannelIDs   []int
	Tiers        []int
	TerritoryIDs []int
	DealerIDs    []int
}

// Dimensions reports whether a names channels, tiers or territories.
func (a Audience) Dimensions() bool {
	return len(a.ChannelIDs) > 0 || len(a.Tiers) > 0 || len(a.TerritoryIDs) > 0
}

// Includes reports whether dealer dealerID of channel, tier and
// territories is in the audience: Dealers, in memory.
func (a Audience) Includes(dealerID, channelID, tier int, territoryIDs []int) bool {
	if a.All || slices.Contains(a.DealerIDs, dealerID) {
		return true
	}
	if !a.Dimensions() {
		return false
	}
	return (len(a.ChannelIDs) == 0 || slices.Contains(a.ChannelIDs, channelID)) &&
		(len(a.Tiers) == 0 || slices.Contains(a.Tiers, tier)) &&
		(len(a.TerritoryIDs) == 0 || slices.ContainsFunc(territoryIDs, func(t int) bool { return slices.Contains(a.TerritoryIDs, t) }))
}

// Dealers is the set of dealers in the audience.
func (a Audience) Dealers() predicate.Dealer {
	if a.All {
		return func(*sql.Selector) {}
	}
	var or []predicate.Dealer
	if a.Dimensions() {
		var and []predicate.Dealer
		if len(a.ChannelIDs) > 0 {
			and = append(and, dealer.ChannelIDIn(a.ChannelIDs...))
		}
		if len(a.Tiers) > 0 {
			and = append(and, dealer.TierIn(a.Tiers...))
		}
		if len(a.TerritoryIDs) > 0 {
			and = append(and, dealer.HasTerritoriesWith(territory.IDIn(a.TerritoryIDs...)))
		}
		or = append(or, dealer.And(and...))
	}
	if len(a.DealerIDs) > 0 {
		or = append(or, dealer.IDIn(a.DealerIDs...))
	}
	if len(or) == 0 {
		return dealer.IDIn()
	}
	return dealer.Or(or...)
}

// Snapshot is the audience as versions and audit entries record it.
func (a Audience) Snapshot() map[string]any {
	ids := func(s []int) []int {
		if s == nil {
			return []int{}
		}
		return s
	}
	return map[string]any{
		"all": a.All, "channelIDs": ids(a.ChannelIDs), "tiers": ids(a.Tiers),
		"territoryIDs": ids(a.TerritoryIDs), "dealerIDs": ids(a.DealerIDs),
	}
}

// Normalize sorts the ids and drops repeats.
func (a *Audience) Normalize() {
	a.ChannelIDs, a.Tiers, a.TerritoryIDs, a.DealerIDs = Distinct(a.ChannelIDs), Distinct(a.Tiers), Distinct(a.TerritoryIDs), Distinct(a.DealerIDs)
}

// Check validates a as v gives it for what ("policy", "promotion", …) and
// resolves its ids through v's privacy, so a foreign channel, territory or
// dealer answers as a missing one. Errors name the field "audience…".
func (a *Audience) Check(ctx context.Context, db *ent.Client, v *auth.Viewer, what string) error {
	a.Normalize()
	others := len(a.ChannelIDs) > 0 || len(a.Tiers) > 0 || len(a.TerritoryIDs) > 0 || len(a.DealerIDs) > 0
	switch {
	case a.All && others:
		return apperr.Invalid("audience", "every dealer (all) names no channel, tier, territory or dealer besides")
	case !a.All && !others:
		return apperr.Invalid("audience", "say who the %s is for: all, or channels, tiers, territories or dealers", what)
	}
	for _, t := range a.Tiers {
		if t != 1 && t != 2 {
			return apperr.Invalid("audience.tiers", "tier %d does not exist: 1 is distributors, 2 dealers", t)
		}
	}
	// A manager's own channels are checked before any id is looked up, so
	// a missing channel answers as another's does.
	if err := MayAddress(v, *a, what); err != nil {
		return err
	}
	if n, err := db.Channel.Query().Where(channel.IDIn(a.ChannelIDs...)).Count(ctx); err != nil {
		return err
	} else if n != len(a.ChannelIDs) {
		return apperr.Missing("audience.channelIDs", "no such channel")
	}
	if n, err := db.Territory.Query().Where(territory.IDIn(a.TerritoryIDs...)).Count(ctx); err != nil {
		return err
	} else if n != len(a.TerritoryIDs) {
		return apperr.Missing("audience.territoryIDs", "no such territory")
	}
	// Through the viewer's rules: a manager sees (and may write) its own
	// dealers only.
	if n, err := db.Dealer.Query().Where(dealer.IDIn(a.DealerIDs...)).Count(ctx); err != nil {
		return err
	} else if n != len(a.DealerIDs) {
		return apperr.Missing("audience.dealerIDs", "no such dealer")
	}
	return nil
}

// MayAddress refuses a manager an audience outside its channels: every
// channel named its own; with none named, dealers named one by one only
// (each one it may write, which Check verifies by resolving them through
// its rules). Administrators address anyone; dealer users no one.
func MayAddress(v *auth.Viewer, a Audience, what string) error {
	if v.IsAdmin() {
		return nil
	}
	if !v.IsManager() {
		return apperr.Errorf(apperr.Forbidden, "only the manufacturer publishes a %s", what)
	}
	forbidden := func(format string, args ...any) error {
		e := apperr.Errorf(apperr.Forbidden, format, args...)
		e.Field = "audience"
		return e
	}
	if a.All {
		return forbidden("a channel manager publishes to the dealers of its own channels, not to every dealer")
	}
	for _, c := range a.ChannelIDs {
		if !v.Manages(c) {
			return forbidden("you do not manage channel %d: publish to your own channels only", c)
		}
	}
	if len(a.ChannelIDs) == 0 && (len(a.Tiers) > 0 || len(a.TerritoryIDs) > 0) {
		return forbidden("a channel manager names its channels, or its dealers one by one: tiers and territories alone reach other channels")
	}
	return nil
}

// Distinct is ids sorted, without repeats; nil when empty.
func Distinct(ids []int) []int {
	if len(ids) == 0 {
		return nil
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
