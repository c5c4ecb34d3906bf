package timeline_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/channelpolicy"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
	"github.com/dealerline/dealerline/timeline"
)

// A policy is on the timeline of every dealer it is addressed to as it was
// published, amended and withdrawn, and as the dealer acknowledged it; for
// those who may read it.
func TestTimeline_Policies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		c := w.client
		at := func(m int) time.Time { return w.start.Add(time.Duration(m) * time.Minute) }
		chA := c.Channel.Query().Where(channel.Code("A")).OnlyX(ctx)
		chB := c.Channel.Query().Where(channel.Code("B")).OnlyX(ctx)
		policy := func(title string, published int, edit func(*ent.ChannelPolicyCreate)) *ent.ChannelPolicy {
			create := c.ChannelPolicy.Create().SetKind(channelpolicy.KindPRICING).SetTitle(title).SetBody("b").
				SetEffectiveFrom(w.start).SetPublishedAt(at(published)).SetVersionPublishedAt(at(published)).SetPublishedByName("Admin")
			edit(create)
			p := create.SaveX(ctx)
			c.PolicyVersion.Create().SetPolicyID(p.ID).SetVersion(1).SetTitle(title).SetBody("b").SetEffectiveFrom(w.start).
				SetAudience(map[string]any{}).SetMaterial(false).SetPublishedAt(at(published)).SetPublishedByName("Admin").ExecX(ctx)
			return p
		}
		toA := policy("to A", 20, func(p *ent.ChannelPolicyCreate) { p.AddChannels(chA) })
		c.PolicyVersion.Create().SetPolicyID(toA.ID).SetVersion(2).SetTitle("to A").SetBody("b2").SetEffectiveFrom(w.start).
			SetAudience(map[string]any{}).SetMaterial(true).SetPublishedAt(at(21)).SetPublishedByName("Admin").ExecX(ctx)
		c.PolicyAcknowledgement.Create().SetPolicyID(toA.ID).SetVersion(2).SetUserID(w.viewers["user of D"].UserID).
			SetUserName("User of D").SetDealerID(w.d.ID).SetAcknowledgedAt(at(22)).ExecX(ctx)
		c.ChannelPolicy.UpdateOne(toA).SetVersion(2).SetStatus(channelpolicy.StatusWITHDRAWN).SetWithdrawnAt(at(23)).ExecX(ctx)
		policy("to B", 24, func(p *ent.ChannelPolicyCreate) { p.AddChannels(chB) })
		toS := policy("to S by name", 25, func(p *ent.ChannelPolicyCreate) { p.AddDealers(w.s) })

		names := map[int]string{toA.ID: "to A", toS.ID: "to S by name"}
		describe := func(es []timeline.Entry) []string {
			var out []string
			for _, e := range es {
				p, ok := e.Subject.(*ent.ChannelPolicy)
				if !ok {
					t.Fatalf("a policy entry about %T", e.Subject)
				}
				out = append(out, fmt.Sprintf("%s %s %s", e.Kind, e.Action, names[p.ID]))
			}
			return out
		}
		ask := timeline.Query{First: 50, Kinds: []timeline.Kind{timeline.Policy}}
		toD := []string{"POLICY WITHDRAWN to A", "POLICY ACKNOWLEDGED to A", "POLICY AMENDED to A", "POLICY PUBLISHED to A"}
		for _, tc := range []struct {
			viewer string
			d      *ent.Dealer
			want   []string
		}{
			{"admin", w.d, toD},
			{"manager A", w.d, toD},
			{"user of D", w.d, toD},
			// Addressed to channel A alone: not a policy manager B reads.
			{"manager B", w.d, nil},
			// A distributor does not read what is addressed to its sub-dealer.
			{"user of D", w.s, nil},
			{"user of S", w.s, []string{"POLICY PUBLISHED to S by name", "POLICY WITHDRAWN to A", "POLICY AMENDED to A", "POLICY PUBLISHED to A"}},
		} {
			p := w.page(t, tc.viewer, tc.d, ask)
			if got := describe(p.Entries); !slices.Equal(got, tc.want) || p.Total != len(tc.want) {
				t.Errorf("%s on %s: %q (total %d); want %q", tc.viewer, tc.d.Code, got, p.Total, tc.want)
			}
		}
	})
}
