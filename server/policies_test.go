package server_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// The demo's policies (demo/policies.go), newest version first.
const (
	promoRules   = "Retail spring promotion rules"               // channel Retail, by manager@, nobody acknowledged
	minPrice     = "Minimum advertised price for cordless tools" // every dealer, amended materially
	rebate       = "Quarterly volume rebate for distributors"    // tier 1, amended, not materially
	prdTerritory = "Territory protection in the Pearl River Delta"
	keyCredit    = "Payment terms for key accounts" // channel Key accounts, withdrawn
	returns      = "Returns of damaged goods"       // every dealer, acknowledged by north and south
)

type policyNode struct {
	ID, Title, Status    string
	Version              int
	NeedsAcknowledgement bool
	AcknowledgedAt       *string
	AcknowledgedCount    *int
	PendingDealers       *struct {
		TotalCount int
		Edges      []struct{ Node struct{ Code string } }
	}
	Acknowledgements []struct {
		UserName string
		Version  int
	}
	Audience struct {
		All         bool
		Tiers       []int
		Channels    []struct{ Code string }
		Territories []struct{ Code string }
		Dealers     []struct{ Code string }
	}
}

const policyFields = `id title status version needsAcknowledgement acknowledgedAt acknowledgedCount
	pendingDealers(first: 50) { totalCount edges { node { code } } } acknowledgements { userName version }
	audience { all tiers channels { code } territories { code } dealers { code } }`

func policiesOf(t *testing.T, c client, args string) (titles []string, byTitle map[string]policyNode) {
	t.Helper()
	var got struct {
		Policies struct {
			TotalCount int
			Edges      []struct{ Node policyNode }
		}
	}
	if args != "" {
		args = "(" + args + ")"
	}
	c.mustQuery(t, fmt.Sprintf(`{ policies%s { totalCount edges { node { %s } } } }`, args, policyFields), nil, &got)
	byTitle = map[string]policyNode{}
	for _, e := range got.Policies.Edges {
		titles = append(titles, e.Node.Title)
		byTitle[e.Node.Title] = e.Node
	}
	if got.Policies.TotalCount != len(titles) {
		t.Errorf("policies%s: totalCount %d for %d policies", args, got.Policies.TotalCount, len(titles))
	}
	return titles, byTitle
}

// Each reads the policies addressed to it — those needing its
// acknowledgement first — and a policy not for it answers as a missing one.
func TestPolicies_WhoReadsWhat(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		for _, tt := range []struct {
			email string
			want  []string
		}{
			{"admin@demo.test", []string{promoRules, minPrice, rebate, prdTerritory, keyCredit, returns}},
			// Its own, and those naming no channel or one of its own.
			{"manager@demo.test", []string{promoRules, minPrice, rebate, prdTerritory, returns}},
			{"keys@demo.test", []string{minPrice, rebate, prdTerritory, keyCredit, returns}},
			// Tier 1 in Retail: the amended price rule and the promotion to acknowledge first.
			{"north@demo.test", []string{promoRules, minPrice, rebate, returns}},
			// Tier 2 in Retail, in the Pearl River Delta.
			{"south@demo.test", []string{promoRules, minPrice, prdTerritory, returns}},
		} {
			t.Run(tt.email, func(t *testing.T) {
				titles, _ := policiesOf(t, signIn(t, m, tt.email), "includeWithdrawn: true")
				if !slices.Equal(titles, tt.want) {
					t.Errorf("policies = %q; want %q", titles, tt.want)
				}
			})
		}

		admin, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test")
		titles, all := policiesOf(t, admin, "")
		if slices.Contains(titles, keyCredit) {
			t.Errorf("withdrawn policies listed by default: %q", titles)
		}
		if titles, _ := policiesOf(t, admin, "kind: REBATE"); !slices.Equal(titles, []string{rebate}) {
			t.Errorf("kind REBATE: %q", titles)
		}
		// The promotion ends 30 days from now.
		if titles, _ := policiesOf(t, admin, `effectiveOn: "2099-01-01"`); slices.Contains(titles, promoRules) || !slices.Contains(titles, returns) {
			t.Errorf("in force in 2099: %q", titles)
		}

		_, seen := policiesOf(t, south, "")
		if p := seen[minPrice]; !p.NeedsAcknowledgement || p.AcknowledgedAt != nil || p.AcknowledgedCount != nil || p.PendingDealers != nil || p.Acknowledgements != nil {
			t.Errorf("south's amended price rule: %+v; want to acknowledge again, no staff figures", p)
		}
		if p := seen[returns]; p.NeedsAcknowledgement || p.AcknowledgedAt == nil {
			t.Errorf("south's returns rule: %+v; want acknowledged", p)
		}
		if p := seen[prdTerritory]; len(p.Audience.Dealers) != 0 || len(p.Audience.Territories) != 1 || !slices.Equal(p.Audience.Tiers, []int{2}) {
			t.Errorf("south sees the audience %+v; want the territory and tier, not the named dealer it may not see", p.Audience)
		}
		if p := all[prdTerritory]; len(p.Audience.Dealers) != 1 || p.Audience.Dealers[0].Code != "D-WH-01" {
			t.Errorf("the admin sees the audience %+v", p.Audience)
		}
		// Every dealer; east acknowledged the amendment, north and south not.
		if p := all[minPrice]; p.AcknowledgedCount == nil || *p.AcknowledgedCount != 1 || p.PendingDealers.TotalCount != 29 {
			t.Errorf("the admin's price rule: acknowledged %v, pending %d; want 1 of 30", p.AcknowledgedCount, p.PendingDealers.TotalCount)
		}

		const nodeQ = `query($id: ID!) { node(id: $id) { id ... on ChannelPolicy { title } } }`
		foreign := south.query(t, nodeQ, map[string]any{"id": all[rebate].ID})
		missing := south.query(t, nodeQ, map[string]any{"id": fmt.Sprint(mustInt(t, all[rebate].ID) + 1000)})
		if string(foreign.Data) != string(missing.Data) || foreign.code() != missing.code() {
			t.Errorf("a foreign policy answers %s %v; a missing one %s %v", foreign.Data, foreign.Errors, missing.Data, missing.Errors)
		}
	})
}

const (
	publishPolicyQ = `mutation($in: PublishPolicyInput!) { publishPolicy(input: $in) { ` + policyFields + ` } }`
	amendPolicyQ   = `mutation($id: ID!, $in: PublishPolicyInput!, $m: Boolean!) { amendPolicy(id: $id, input: $in, material: $m) { ` + policyFields + ` } }`
	ackPolicyQ     = `mutation($id: ID!) { acknowledgePolicy(id: $id) { ` + policyFields + ` } }`
	policyQ        = `query($id: ID!) { node(id: $id) { ... on ChannelPolicy { ` + policyFields + ` } } }`
	policyEvents   = `subscription($after: String) { announcementPublished(after: $after) { cursor action announcement { title } policy { title version needsAcknowledgement } } }`
)

type policyEventMsg struct {
	AnnouncementPublished struct {
		Cursor, Action string
		Announcement   *struct{ Title string }
		Policy         *struct {
			Title                string
			Version              int
			NeedsAcknowledgement bool
		}
	}
}

func (w *ws) expectPolicyEvents(id string, n int) (got []string, last string) {
	w.tb.Helper()
	for range n {
		var e policyEventMsg
		w.next(id, 5*time.Second, &e)
		p := e.AnnouncementPublished
		switch {
		case p.Policy != nil:
			// The policy as it is when delivered: a later version may be out.
			got = append(got, p.Action+" "+p.Policy.Title)
		case p.Announcement != nil:
			got = append(got, fmt.Sprintf("%s %s", p.Action, p.Announcement.Title))
		}
		last = p.Cursor
	}
	return got, last
}

func policyInput(title, body string, audience map[string]any) map[string]any {
	return map[string]any{"kind": "PRICING", "title": title, "body": body, "effectiveFrom": "2026-01-01", "audience": audience}
}

// A policy reaches its audience live and nobody else; acknowledging takes a
// dealer off the pending list; a material amendment asks again, a
// correction does not; the changes between versions are line by line.
func TestPolicies_PublishAcknowledgeAmendLive(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south, north, east := signIn(t, m, "south@demo.test"), signIn(t, m, "north@demo.test"), signIn(t, m, "east@demo.test")
		ids := audienceIDs(t, admin)
		var c struct{ EventCursor string }
		south.mustQuery(t, `{ eventCursor }`, nil, &c)
		var dealers struct {
			Dealers struct {
				Edges []struct{ Node struct{ ID, Code string } }
			}
		}
		admin.mustQuery(t, `{ dealers(first: 100) { edges { node { id code } } } }`, nil, &dealers)
		dealerID := map[string]string{}
		for _, e := range dealers.Dealers.Edges {
			dealerID[e.Node.Code] = e.Node.ID
		}

		southWS := connect(t, m, transportWS, south.token)
		southWS.subscribe("p", policyEvents, map[string]any{"after": c.EventCursor})
		northWS := connect(t, m, transportWS, north.token)
		northWS.subscribe("p", policyEvents, nil)
		eastWS := connect(t, m, legacyWS, east.token)
		eastWS.subscribe("p", policyEvents, nil)
		time.Sleep(100 * time.Millisecond) // the subscriptions are registered

		// Tier 2 of Retail (south, not north), and East Coast Supply by name.
		var pub struct{ PublishPolicy policyNode }
		admin.mustQuery(t, publishPolicyQ, map[string]any{"in": policyInput("Price bands", "Band A: 100\nBand B: 200\nBand C: 300",
			map[string]any{"channelIDs": []string{ids.channel["RETAIL"]}, "tiers": []int{2}, "dealerIDs": []string{dealerID["D-EAST"]}})}, &pub)
		p := pub.PublishPolicy
		if p.Version != 1 || p.Status != "ACTIVE" || *p.AcknowledgedCount != 0 || p.NeedsAcknowledgement {
			t.Errorf("published: %+v", p)
		}
		pending := p.PendingDealers.TotalCount
		if got, _ := southWS.expectPolicyEvents("p", 1); !slices.Equal(got, []string{"PUBLISHED Price bands"}) {
			t.Errorf("south heard %q", got)
		}
		if got, _ := eastWS.expectPolicyEvents("p", 1); !slices.Equal(got, []string{"PUBLISHED Price bands"}) {
			t.Errorf("east, named, heard %q", got)
		}

		// South acknowledges; again changes nothing.
		var ack, again struct{ AcknowledgePolicy policyNode }
		south.mustQuery(t, ackPolicyQ, map[string]any{"id": p.ID}, &ack)
		south.mustQuery(t, ackPolicyQ, map[string]any{"id": p.ID}, &again)
		if a := ack.AcknowledgePolicy; a.NeedsAcknowledgement || a.AcknowledgedAt == nil || *again.AcknowledgePolicy.AcknowledgedAt != *a.AcknowledgedAt {
			t.Errorf("acknowledged: %+v, again %+v", a, again.AcknowledgePolicy)
		}
		var now struct{ Node policyNode }
		admin.mustQuery(t, policyQ, map[string]any{"id": p.ID}, &now)
		if n := now.Node; *n.AcknowledgedCount != 1 || n.PendingDealers.TotalCount != pending-1 || len(n.Acknowledgements) != 1 ||
			slices.ContainsFunc(n.PendingDealers.Edges, func(e struct{ Node struct{ Code string } }) bool { return e.Node.Code == "D-SOUTH" }) {
			t.Errorf("after south acknowledged: count %v, pending %d (was %d), %+v", *n.AcknowledgedCount, n.PendingDealers.TotalCount, pending, n.Acknowledgements)
		}

		// A correction: nothing to acknowledge again.
		in := policyInput("Price bands", "Band A: 100\nBand B: 250\nBand C: 300", map[string]any{"channelIDs": []string{ids.channel["RETAIL"]}, "tiers": []int{2}, "dealerIDs": []string{dealerID["D-EAST"]}})
		admin.mustQuery(t, amendPolicyQ, map[string]any{"id": p.ID, "in": in, "m": false}, &struct{}{})
		south.mustQuery(t, policyQ, map[string]any{"id": p.ID}, &now)
		if now.Node.NeedsAcknowledgement || now.Node.Version != 2 {
			t.Errorf("after a correction south: %+v", now.Node)
		}
		// A material amendment: everyone again.
		in["body"] = "Band A: 100\nBand B: 250\nBand D: 400"
		admin.mustQuery(t, amendPolicyQ, map[string]any{"id": p.ID, "in": in, "m": true}, &struct{}{})
		south.mustQuery(t, policyQ, map[string]any{"id": p.ID}, &now)
		if !now.Node.NeedsAcknowledgement || now.Node.AcknowledgedAt != nil {
			t.Errorf("after a material amendment south: %+v", now.Node)
		}
		admin.mustQuery(t, policyQ, map[string]any{"id": p.ID}, &now)
		if *now.Node.AcknowledgedCount != 0 || now.Node.PendingDealers.TotalCount != pending {
			t.Errorf("after a material amendment: count %d, pending %d", *now.Node.AcknowledgedCount, now.Node.PendingDealers.TotalCount)
		}
		admin.mustQuery(t, `mutation($id: ID!) { remindPolicy(id: $id) { id } }`, map[string]any{"id": p.ID}, &struct{}{})
		admin.mustQuery(t, `mutation($id: ID!) { withdrawPolicy(id: $id, note: "Bands retired") { id } }`, map[string]any{"id": p.ID}, &struct{}{})

		want := []string{"AMENDED Price bands", "AMENDED Price bands", "REMINDED Price bands", "WITHDRAWN Price bands"}
		if got, _ := southWS.expectPolicyEvents("p", 4); !slices.Equal(got, want) {
			t.Errorf("south heard %q; want %q", got, want)
		}
		if got, _ := eastWS.expectPolicyEvents("p", 4); !slices.Equal(got, want) {
			t.Errorf("east heard %q; want %q", got, want)
		}
		// Resumed from before it all: the same, in order.
		resumed := connect(t, m, transportWS, south.token)
		resumed.subscribe("r", policyEvents, map[string]any{"after": c.EventCursor})
		if got, _ := resumed.expectPolicyEvents("r", 5); !slices.Equal(got, append([]string{"PUBLISHED Price bands"}, want...)) {
			t.Errorf("south resumed with %q", got)
		}
		northWS.quiet(300 * time.Millisecond)
		southWS.quiet(100 * time.Millisecond)

		var changes struct {
			Node struct {
				Versions []struct {
					Version  int
					Material bool
				}
				Changes struct {
					From, To                                        int
					TitleChanged, EffectiveChanged, AudienceChanged bool
					Lines                                           []struct{ Op, Text string }
				}
				Last struct{ From, To int } `json:"last"`
			}
		}
		admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on ChannelPolicy {
			versions { version material } changes(from: 1, to: 3) { from to titleChanged effectiveChanged audienceChanged lines { op text } }
			last: changes { from to } } } }`, map[string]any{"id": p.ID}, &changes)
		n := changes.Node
		if len(n.Versions) != 3 || !n.Versions[2].Material || n.Versions[1].Material || n.Last.From != 2 || n.Last.To != 3 {
			t.Errorf("versions %+v, default changes %+v", n.Versions, n.Last)
		}
		lines, _ := json.Marshal(n.Changes.Lines)
		if want := `[{"Op":"SAME","Text":"Band A: 100"},{"Op":"REMOVED","Text":"Band B: 200"},{"Op":"REMOVED","Text":"Band C: 300"},` +
			`{"Op":"ADDED","Text":"Band B: 250"},{"Op":"ADDED","Text":"Band D: 400"}]`; string(lines) != want || n.Changes.TitleChanged || n.Changes.AudienceChanged {
			t.Errorf("changes 1→3: %s %+v", lines, n.Changes)
		}
		for _, arg := range []string{"from", "to"} {
			r := admin.query(t, fmt.Sprintf(`query($id: ID!) { node(id: $id) { ... on ChannelPolicy { changes(%s: 9) { from } } } }`, arg), map[string]any{"id": p.ID})
			if r.code() != "INVALID_INPUT" || r.Errors[0].Extensions["field"] != arg {
				t.Errorf("changes(%s: 9): %+v", arg, r.Errors)
			}
		}
	})
}

// policySnapshot is what a refused policy write must leave as it was.
func policySnapshot(t *testing.T, admin client) string {
	t.Helper()
	var got struct {
		Policies struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Version, AcknowledgedCount int
					Status                     string
				}
			}
		}
		AuditEntries struct{ TotalCount int }
	}
	admin.mustQuery(t, `{ policies(includeWithdrawn: true) { totalCount edges { node { version acknowledgedCount status } } } auditEntries { totalCount } }`, nil, &got)
	return fmt.Sprintf("%+v", got)
}

// Bad input and writes beyond one's reach are refused with their code and
// field, and change nothing.
func TestPolicies_Refusals(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "south@demo.test")
		ids := audienceIDs(t, admin)
		_, all := policiesOf(t, admin, "includeWithdrawn: true")
		var dealers struct {
			Dealers struct {
				Edges []struct{ Node struct{ ID, Code string } }
			}
		}
		admin.mustQuery(t, `{ dealers(first: 100) { edges { node { id code } } } }`, nil, &dealers)
		dealerID := map[string]string{}
		for _, e := range dealers.Dealers.Edges {
			dealerID[e.Node.Code] = e.Node.ID
		}
		retail := ids.channel["RETAIL"]

		refuse := func(c client, code, field, q string, vars map[string]any) gqlResponse {
			t.Helper()
			before := policySnapshot(t, admin)
			r := c.query(t, q, vars)
			if got := r.code(); got != code {
				t.Fatalf("code = %q, want %q (%+v)", got, code, r.Errors)
			}
			if got, _ := r.Errors[0].Extensions["field"].(string); got != field {
				t.Errorf("field = %q, want %q (%s)", got, field, r.Errors[0].Message)
			}
			if after := policySnapshot(t, admin); after != before {
				t.Errorf("a refused write changed data: before %s, after %s", before, after)
			}
			return r
		}
		publish := func(c client, code, field string, in map[string]any) {
			t.Helper()
			refuse(c, code, field, publishPolicyQ, map[string]any{"in": in})
		}
		ok := func(kv ...any) map[string]any {
			in := policyInput("Rule", "Text", map[string]any{"channelIDs": []string{retail}})
			for i := 0; i < len(kv); i += 2 {
				in[kv[i].(string)] = kv[i+1]
			}
			return in
		}
		publish(south, "FORBIDDEN", "", ok())
		publish(admin, "INVALID_INPUT", "audience", ok("audience", map[string]any{"all": true, "tiers": []int{1}}))
		publish(admin, "INVALID_INPUT", "audience", ok("audience", map[string]any{}))
		publish(admin, "INVALID_INPUT", "audience.tiers", ok("audience", map[string]any{"tiers": []int{3}}))
		publish(admin, "INVALID_INPUT", "title", ok("title", " "))
		publish(admin, "INVALID_INPUT", "body", ok("body", strings.Repeat("x", 20001)))
		publish(admin, "INVALID_INPUT", "effectiveTo", ok("effectiveTo", "2025-12-31"))
		publish(admin, "NOT_FOUND", "audience.channelIDs", ok("audience", map[string]any{"channelIDs": []string{ids.territory["SC-PRD"]}}))
		publish(admin, "NOT_FOUND", "audience.territoryIDs", ok("audience", map[string]any{"territoryIDs": []string{retail}}))
		// Outside a manager's channels.
		publish(manager, "FORBIDDEN", "audience", ok("audience", map[string]any{"channelIDs": []string{ids.channel["KEY"]}}))
		publish(manager, "FORBIDDEN", "audience", ok("audience", map[string]any{"all": true}))
		publish(manager, "FORBIDDEN", "audience", ok("audience", map[string]any{"tiers": []int{2}}))
		publish(manager, "NOT_FOUND", "audience.dealerIDs", ok("audience", map[string]any{"dealerIDs": []string{dealerID["D-EAST"]}}))

		// Amending a withdrawn policy, or into another kind.
		refuse(admin, "INVALID_TRANSITION", "", amendPolicyQ, map[string]any{"id": all[keyCredit].ID, "in": ok("kind", "CREDIT"), "m": true})
		refuse(admin, "INVALID_INPUT", "input.kind", amendPolicyQ, map[string]any{"id": all[rebate].ID, "in": ok(), "m": true})
		// The manager reads the territory rule (no channel named) but may not publish to its audience.
		refuse(manager, "FORBIDDEN", "audience", `mutation($id: ID!) { remindPolicy(id: $id) { id } }`, map[string]any{"id": all[prdTerritory].ID})
		refuse(manager, "FORBIDDEN", "audience", amendPolicyQ, map[string]any{"id": all[prdTerritory].ID, "in": ok("kind", "TERRITORY"), "m": false})
		refuse(admin, "INVALID_INPUT", "note", `mutation($id: ID!) { withdrawPolicy(id: $id, note: " ") { id } }`, map[string]any{"id": all[rebate].ID})
		refuse(admin, "FORBIDDEN", "", ackPolicyQ, map[string]any{"id": all[rebate].ID})

		// Acknowledging a policy not addressed to you answers as a missing id.
		foreign := refuse(south, "NOT_FOUND", "id", ackPolicyQ, map[string]any{"id": all[rebate].ID})
		missing := refuse(south, "NOT_FOUND", "id", ackPolicyQ, map[string]any{"id": fmt.Sprint(mustInt(t, all[rebate].ID) + 1000)})
		if fmt.Sprint(foreign.Errors, string(foreign.Data)) != fmt.Sprint(missing.Errors, string(missing.Data)) {
			t.Errorf("a foreign policy answers %s %+v; a missing one %s %+v", foreign.Data, foreign.Errors, missing.Data, missing.Errors)
		}
	})
}

// A page of policies with their audience and acknowledgements costs the
// same statements whatever its size.
func TestPolicies_NoNPlusOne(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test")
		retail := audienceIDs(t, admin).channel["RETAIL"]
		// Acknowledged, so that every page has receipts to count.
		for i := range 6 {
			var got struct{ PublishPolicy struct{ ID string } }
			admin.mustQuery(t, publishPolicyQ, map[string]any{"in": policyInput(fmt.Sprint("Rule ", i), "b",
				map[string]any{"channelIDs": []string{retail}})}, &got)
			south.mustQuery(t, ackPolicyQ, map[string]any{"id": got.PublishPolicy.ID}, &struct{}{})
		}
		q := `query($n: Int) { policies(first: $n) { totalCount edges { node { title kind version publishedByName
			acknowledgedAt needsAcknowledgement acknowledgedCount acknowledgements { userName }
			audience { all tiers channels { code } territories { code } dealers { code } } } } } }`
		for _, c := range []client{admin, south} {
			count := func(n int) int64 {
				before := m.Statements()
				var got struct {
					Policies struct{ Edges []json.RawMessage }
				}
				c.mustQuery(t, q, map[string]any{"n": n}, &got)
				if len(got.Policies.Edges) < n {
					t.Fatalf("first %d gave %d policies", n, len(got.Policies.Edges))
				}
				return m.Statements() - before
			}
			count(1) // the token's last use is written at most once a minute: not in the figures
			if small, large := count(2), count(8); small != large {
				t.Errorf("policies(first: 2) took %d statements, (first: 8) %d: something loads per policy", small, large)
			} else {
				t.Logf("a page of policies: %d statements", small)
			}
		}
	})
}
