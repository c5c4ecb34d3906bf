package graph

import (
	"cmp"
	"context"
	"slices"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/agreement"
	"github.com/dealerline/dealerline/ent/agreementversion"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealerstatuschange"
	"github.com/dealerline/dealerline/ent/territory"
)

// agreementPayload answers an agreement mutation: the agreement reloaded
// with what the client selected and its versions (history), so no field
// loads through the shared transaction.
func (r *mutationResolver) agreementPayload(ctx context.Context, a *ent.Agreement, err error) (*ent.Agreement, error) {
	if err != nil {
		return nil, err
	}
	return loaded[*ent.Agreement](ctx, ent.FromContext(ctx).Agreement.Query().Where(agreement.ID(a.ID)).WithVersions())
}

func (r *mutationResolver) statusChangePayload(ctx context.Context, c *ent.DealerStatusChange, err error) (*ent.DealerStatusChange, error) {
	if err != nil {
		return nil, err
	}
	return loaded[*ent.DealerStatusChange](ctx, ent.FromContext(ctx).DealerStatusChange.Query().Where(dealerstatuschange.ID(c.ID)))
}

// agreementHistory is a's versions in order: eager-loaded (payloads) or
// read through the viewer's rules.
func agreementHistory(ctx context.Context, a *ent.Agreement) ([]*ent.AgreementVersion, error) {
	rows, err := a.Edges.VersionsOrErr()
	if ent.IsNotLoaded(err) {
		rows, err = a.QueryVersions().Order(ent.Asc(agreementversion.FieldVersion)).All(ctx)
	}
	if err != nil {
		return nil, err
	}
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(x, y *ent.AgreementVersion) int { return cmp.Compare(x.Version, y.Version) })
	return rows, nil
}

// versionTerritories are the territories a version named (catalog rows:
// everyone signed in reads them).
func (r *Resolver) versionTerritories(ctx context.Context, v *ent.AgreementVersion) ([]*ent.Territory, error) {
	if len(v.TerritoryIds) == 0 {
		return []*ent.Territory{}, nil
	}
	return r.Client.Territory.Query().Where(territory.IDIn(v.TerritoryIds...)).Order(ent.Asc(territory.FieldName)).All(ctx)
}

func (r *Resolver) versionChannel(ctx context.Context, v *ent.AgreementVersion) (*ent.Channel, error) {
	if v.ChannelID == nil {
		return nil, nil
	}
	c, err := r.Client.Channel.Query().Where(channel.ID(*v.ChannelID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return c, err
}
