package graph

import (
	"cmp"
	"context"
	"reflect"
	"slices"
	"sync"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelpolicy"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/policyacknowledgement"
	"github.com/dealerline/dealerline/policies"
)

// policyState is what a policy's fields show besides its row, as the
// viewer may see it: its audience (channels, territories, and the named
// dealers the viewer sees), the acknowledgements the viewer sees (a dealer
// user: its own dealer's), and, for staff, the dealers that made them.
type policyState struct {
	p          *ent.ChannelPolicy
	acks       []*ent.PolicyAcknowledgement
	ackDealers map[int]*ent.Dealer
}

type policyStatesKey struct{}

// policyStates are the policy states loaded in one response: for all the
// policies of the list a policy is in at once, not one per row.
type policyStates struct {
	mu     sync.Mutex
	loaded map[int]*policyState
}

func newPolicyStates() *policyStates { return &policyStates{loaded: map[int]*policyState{}} }

// policyState is p's state, loaded together with the other policies of
// its list.
func (r *Resolver) policyState(ctx context.Context, p *ent.ChannelPolicy) (*policyState, error) {
	states, _ := ctx.Value(policyStatesKey{}).(*policyStates)
	if states == nil { // outside the handler: this one alone
		states = newPolicyStates()
	}
	states.mu.Lock()
	defer states.mu.Unlock()
	if st, ok := states.loaded[p.ID]; ok {
		return st, nil
	}
	v := auth.FromContext(ctx)
	db := ent.FromContext(ctx)
	if db == nil {
		db = r.Client
	}
	ids := policySiblings(ctx, p)
	rows, err := db.ChannelPolicy.Query().Where(channelpolicy.IDIn(ids...)).
		WithChannels().WithTerritories().WithDealers().All(ctx)
	if err != nil {
		return nil, err
	}
	acksQ := db.PolicyAcknowledgement.Query().Where(policyacknowledgement.PolicyIDIn(ids...))
	if v.IsDealer() {
		acksQ.Where(policyacknowledgement.DealerID(v.DealerID)) // not its sub-dealers'
	}
	acks, err := acksQ.All(ctx)
	if err != nil {
		return nil, err
	}
	byPolicy := map[int][]*ent.PolicyAcknowledgement{}
	var dealerIDs []int
	for _, a := range acks {
		byPolicy[a.PolicyID] = append(byPolicy[a.PolicyID], a)
		dealerIDs = append(dealerIDs, a.DealerID)
	}
	ackDealers := map[int]*ent.Dealer{}
	if access.SeesAcknowledgements(v) && len(dealerIDs) > 0 {
		ds, err := db.Dealer.Query().Where(dealer.IDIn(distinctInts(dealerIDs)...)).WithTerritories().All(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			ackDealers[d.ID] = d
		}
	}
	for _, row := range rows {
		states.loaded[row.ID] = &policyState{p: row, acks: byPolicy[row.ID], ackDealers: ackDealers}
	}
	st, ok := states.loaded[p.ID]
	if !ok { // not there for the viewer any more: its own row, and nothing else
		st = &policyState{p: p, ackDealers: ackDealers}
		states.loaded[p.ID] = st
	}
	return st, nil
}

// policySiblings are the ids of the policies in the nearest list p is
// resolved in (a connection's edges, nodes(ids:)), p's own among them.
func policySiblings(ctx context.Context, p *ent.ChannelPolicy) []int {
	ids := []int{p.ID}
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		list := reflect.ValueOf(fc.Result)
		if list.Kind() != reflect.Slice {
			continue
		}
		for i := range list.Len() {
			switch s := list.Index(i).Interface().(type) {
			case *ent.ChannelPolicy:
				if s != nil && s.ID != p.ID {
					ids = append(ids, s.ID)
				}
			case *ent.ChannelPolicyEdge:
				if s != nil && s.Node != nil && s.Node.ID != p.ID {
					ids = append(ids, s.Node.ID)
				}
			}
		}
		break
	}
	return ids
}

// acknowledgedAt is when the viewer's dealer first acknowledged the
// version of p that needs it (or a later one), from its loaded receipts.
func (st *policyState) acknowledgedAt(p *ent.ChannelPolicy) *time.Time {
	var at *time.Time
	for _, a := range st.acks {
		if a.Version >= p.AcknowledgeVersion && (at == nil || a.AcknowledgedAt.Before(*at)) {
			at = &a.AcknowledgedAt
		}
	}
	return at
}

// acknowledgedCount is how many dealers of p's audience the viewer sees
// have acknowledged the version that needs it.
func (st *policyState) acknowledgedCount(p *ent.ChannelPolicy) int {
	audience := policies.AudienceOf(st.p)
	seen := map[int]bool{}
	for _, a := range st.acks {
		d := st.ackDealers[a.DealerID]
		if a.Version < p.AcknowledgeVersion || d == nil || seen[d.ID] {
			continue
		}
		var territories []int
		for _, t := range d.Edges.Territories {
			territories = append(territories, t.ID)
		}
		if audience.Includes(d.ID, d.ChannelID, d.Tier, territories) {
			seen[d.ID] = true
		}
	}
	return len(seen)
}

// policyPage is one page of policies: the viewer's, filtered, in the order
// policies lists them (needing the viewer's acknowledgement first, then the
// latest published first), which no column holds, so the order is made
// over the ids of all that match — a manufacturer's policies are tens, not
// thousands — and the page's rows are then loaded with their edges.
func (r *Resolver) policyPage(ctx context.Context, where []func(*ent.ChannelPolicyQuery), after *entgql.Cursor[int], first *int, before *entgql.Cursor[int], last *int) (*ent.ChannelPolicyConnection, error) {
	v := auth.FromContext(ctx)
	q := r.Client.ChannelPolicy.Query()
	for _, w := range where {
		w(q)
	}
	rows, err := q.Select(channelpolicy.FieldVersionPublishedAt, channelpolicy.FieldAcknowledgeVersion, channelpolicy.FieldStatus).All(ctx)
	if err != nil {
		return nil, err
	}
	needs := map[int]bool{}
	if v.IsDealer() && len(rows) > 0 {
		ids := make([]int, len(rows))
		for i, p := range rows {
			ids[i] = p.ID
		}
		acks, err := r.Client.PolicyAcknowledgement.Query().
			Where(policyacknowledgement.PolicyIDIn(ids...), policyacknowledgement.DealerID(v.DealerID)).
			Select(policyacknowledgement.FieldPolicyID, policyacknowledgement.FieldVersion).All(ctx)
		if err != nil {
			return nil, err
		}
		latest := map[int]int{}
		for _, a := range acks {
			latest[a.PolicyID] = max(latest[a.PolicyID], a.Version)
		}
		for _, p := range rows {
			needs[p.ID] = p.Status == channelpolicy.StatusACTIVE && latest[p.ID] < p.AcknowledgeVersion
		}
	}
	slices.SortFunc(rows, func(a, b *ent.ChannelPolicy) int {
		if needs[a.ID] != needs[b.ID] {
			if needs[a.ID] {
				return -1
			}
			return 1
		}
		if c := b.VersionPublishedAt.Compare(a.VersionPublishedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	order := make([]int, len(rows))
	for i, p := range rows {
		order[i] = p.ID
	}

	from, to := 0, len(order)
	if after != nil {
		i := slices.Index(order, after.ID)
		if i < 0 {
			return nil, apperr.Invalid("after", "no such policy in the list: start again from the beginning")
		}
		from = i + 1
	}
	if before != nil {
		i := slices.Index(order, before.ID)
		if i < 0 {
			return nil, apperr.Invalid("before", "no such policy in the list: start again from the end")
		}
		to = i
	}
	to = max(to, from)
	if first != nil && *first < 0 || last != nil && *last < 0 {
		return nil, apperr.Invalid("first", "first and last count policies: 0 or more")
	}
	conn := &ent.ChannelPolicyConnection{TotalCount: len(order)}
	if first != nil && to-from > *first {
		to, conn.PageInfo.HasNextPage = from+*first, true
	}
	if last != nil && to-from > *last {
		from, conn.PageInfo.HasPreviousPage = to-*last, true
	}
	page := order[from:to]
	if len(page) == 0 {
		conn.Edges = []*ent.ChannelPolicyEdge{}
		return conn, nil
	}
	// Paginate over the page's ids loads the rows with the edges the
	// selection asks for; the order is then the list's.
	n := len(page)
	loaded, err := r.Client.ChannelPolicy.Query().Where(channelpolicy.IDIn(page...)).Paginate(ctx, nil, &n, nil, nil)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.ChannelPolicy{}
	for _, e := range loaded.Edges {
		byID[e.Node.ID] = e.Node
	}
	for _, id := range page {
		if p := byID[id]; p != nil {
			conn.Edges = append(conn.Edges, &ent.ChannelPolicyEdge{Node: p, Cursor: entgql.Cursor[int]{ID: id}})
		}
	}
	if len(conn.Edges) > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[len(conn.Edges)-1].Cursor
	}
	return conn, nil
}

// policyInput is a publish input as package policies takes it.
func policyInput(in PublishPolicyInput) policies.Input {
	out := policies.Input{Kind: in.Kind, Title: in.Title, Body: in.Body, EffectiveFrom: in.EffectiveFrom, EffectiveTo: in.EffectiveTo}
	if a := in.Audience; a != nil {
		out.Audience = policies.Audience{All: deref(a.All), ChannelIDs: a.ChannelIDs, Tiers: a.Tiers, TerritoryIDs: a.TerritoryIDs, DealerIDs: a.DealerIDs}
	}
	return out
}

// policyPayload is policy p as a mutation returns it, through the viewer's
// rules with the edges the selection asks for.
func policyPayload(ctx context.Context, p *ent.ChannelPolicy) (*ent.ChannelPolicy, error) {
	return loaded[*ent.ChannelPolicy](ctx, ent.FromContext(ctx).ChannelPolicy.Query().Where(channelpolicy.ID(p.ID)))
}

func distinctInts(ids []int) []int {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func sameDate(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}
