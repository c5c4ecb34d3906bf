package access

import (
	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/territory"
)

// ChannelSignals is the set of channel-change signals v may see: all for
// an admin; for a manager those of the dealers it sees, of the channels
// it manages, and of a territory one of its dealers is assigned to;
// dealer users none (signals are the manufacturer's internal warnings).
func ChannelSignals(v *auth.Viewer) predicate.ChannelSignal {
	switch {
	case v.IsAdmin():
		return func(*sql.Selector) {}
	case v.IsManager():
		return channelsignal.Or(
			channelsignal.HasDealerWith(Dealers(v)),
			channelsignal.ChannelIDIn(v.ManagedChannelIDs...),
			channelsignal.HasTerritoryWith(territory.HasDealersWith(Dealers(v))),
		)
	}
	return channelsignal.IDIn()
}

// ChannelSignalPolicy: see ChannelSignals. Only package signals writes
// signals.
func ChannelSignalPolicy() ent.Policy {
	return readPolicy[*ent.ChannelSignalQuery](ChannelSignals)
}
