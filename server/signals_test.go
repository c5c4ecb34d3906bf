package server_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/auditentry"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/server"
)

// seeded are signals written directly (the evaluation raises them in
// production): of a Retail dealer, of the Key accounts channel, of a
// territory only Key and E-commerce dealers trade in, of one where Retail
// dealers trade too, a resolved one and a withdrawn one.
type seeded struct {
	retailDealer, keyChannel, yrd, bth, resolved, withdrawn int
	retail, key, capital, south                             int
	territoryYRD, territoryBTH                              int
}

func seedSignals(t *testing.T, m *server.Main) seeded {
	t.Helper()
	ctx := access.Bypass(context.Background())
	wait, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	// The evaluation of the demo data has run; only these signals stand.
	if err := m.SignalsIdle(wait); err != nil {
		t.Fatal(err)
	}
	c := m.Client()
	c.ChannelSignal.Delete().ExecX(ctx)
	var s seeded
	s.retail = c.Channel.Query().Where(channel.Code("RETAIL")).OnlyIDX(ctx)
	s.key = c.Channel.Query().Where(channel.Code("KEY")).OnlyIDX(ctx)
	s.capital = c.Dealer.Query().Where(dealer.Code("D-BJ-01")).OnlyIDX(ctx)
	s.south = c.Dealer.Query().Where(dealer.Code("D-GZ-01")).OnlyIDX(ctx)
	hz := c.Dealer.Query().Where(dealer.Code("D-HZ-01")).OnlyIDX(ctx)
	s.territoryYRD = c.Territory.Query().Where(territory.Code("EC-YRD")).OnlyIDX(ctx)
	s.territoryBTH = c.Territory.Query().Where(territory.Code("NC-BTH")).OnlyIDX(ctx)
	raised := time.Date(2026, 4, 2, 1, 0, 0, 0, time.UTC)
	n := 0
	add := func(rule int, subject string, set func(*ent.ChannelSignalCreate)) int {
		n++
		q := c.ChannelSignal.Create().SetRule(rule).SetSubject(subject).SetPeriod(period.MustParse("2026-03")).
			SetKpi("DISTRIBUTION_RATE").SetPrevious(0.5).SetCurrent(0.3).SetThreshold(0.4).
			SetRaisedAt(raised.Add(time.Duration(n) * time.Hour))
		set(q)
		return q.SaveX(ctx).ID
	}
	s.retailDealer = add(3, fmt.Sprint("dealer:", s.capital), func(q *ent.ChannelSignalCreate) { q.SetDealerID(s.capital) })
	s.keyChannel = add(4, fmt.Sprint("channel:", s.key), func(q *ent.ChannelSignalCreate) { q.SetChannelID(s.key) })
	s.yrd = add(1, fmt.Sprint("territory:", s.territoryYRD), func(q *ent.ChannelSignalCreate) { q.SetTerritoryID(s.territoryYRD) })
	s.bth = add(1, fmt.Sprint("territory:", s.territoryBTH), func(q *ent.ChannelSignalCreate) { q.SetTerritoryID(s.territoryBTH) })
	s.resolved = add(3, fmt.Sprint("dealer:", s.south), func(q *ent.ChannelSignalCreate) {
		q.SetDealerID(s.south).SetStatus(channelsignal.StatusRESOLVED).SetResolvedAt(raised).SetResolvedByName("Liu Yang").SetResolutionNote("visited")
	})
	s.withdrawn = add(10, fmt.Sprint("dealer:", hz), func(q *ent.ChannelSignalCreate) {
		q.SetDealerID(hz).SetStatus(channelsignal.StatusWITHDRAWN).SetWithdrawnAt(raised).SetWithdrawnReason("CSAT 4.10 is no longer 0.50 under 4.70")
	})
	return s
}

func id(i int) string { return strconv.Itoa(i) }

type signalNode struct {
	ID, Status, RuleName, SubjectKind string
	Rule                              int
	Period                            string
	Evidence                          struct {
		Kpi                string
		Previous           *float64
		Current, Threshold float64
	}
	WithdrawnReason, ResolutionNote *string
	Dealer                          *struct{ Code string }
	Channel                         *struct{ Code string }
	Territory                       *struct{ Code string }
}

const signalFields = `id status rule ruleName subjectKind period evidence { kpi previous current threshold }
	withdrawnReason resolutionNote dealer { code } channel { code } territory { code }`

type signalList struct {
	Signals struct {
		TotalCount int
		Edges      []struct{ Node signalNode }
		PageInfo   struct {
			HasNextPage bool
			EndCursor   *string
		}
	}
}

func listSignals(t *testing.T, c client, args string, vars map[string]any) (ids []string, total int) {
	t.Helper()
	var got signalList
	if _, ok := vars["first"]; !ok {
		vars = maps.Clone(vars)
		if vars == nil {
			vars = map[string]any{}
		}
		vars["first"] = 20
	}
	c.mustQuery(t, `query($status: SignalStatus, $rule: Int, $channel: ID, $dealer: ID, $territory: ID, $period: Period, $first: Int, $after: Cursor) {
		signals(status: $status, rule: $rule, channelID: $channel, dealerID: $dealer, territoryID: $territory, period: $period, first: $first, after: $after) {
			totalCount edges { node { `+signalFields+` } } pageInfo { hasNextPage endCursor } } }`, vars, &got)
	for _, e := range got.Signals.Edges {
		ids = append(ids, e.Node.ID)
	}
	return ids, got.Signals.TotalCount
}

func TestSignals_Rules(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		north := signIn(t, m, "north@demo.test")
		const rules = `{ signalRules { rule name condition subjects periodKind wholePeriods enabled updatedAt updatedByName
			thresholds { name value unit default min max } } }`
		type rule struct {
			Rule          int
			Name          string
			Condition     string
			Subjects      []string
			PeriodKind    string
			WholePeriods  bool
			Enabled       bool
			UpdatedAt     *string
			UpdatedByName *string
			Thresholds    []struct {
				Name              string
				Value             float64
				Unit              string
				Default, Min, Max float64
			}
		}
		var got struct{ SignalRules []rule }
		for _, c := range []client{admin, manager} {
			c.mustQuery(t, rules, nil, &got)
			if len(got.SignalRules) != 10 {
				t.Fatalf("%d rules", len(got.SignalRules))
			}
			r3 := got.SignalRules[2]
			if r3.Rule != 3 || r3.Name != "low terminal distribution rate" || r3.Condition != "distribution rate < 0.40" ||
				!r3.Enabled || r3.UpdatedAt != nil || len(r3.Thresholds) != 1 || r3.Thresholds[0].Value != 0.4 || r3.Thresholds[0].Unit != "RATIO" {
				t.Errorf("rule 3: %+v", r3)
			}
			if r8 := got.SignalRules[7]; r8.PeriodKind != "QUARTER" || !r8.WholePeriods || !slices.Equal(r8.Subjects, []string{"CHANNEL"}) {
				t.Errorf("rule 8: %+v", r8)
			}
		}
		if r := north.query(t, rules, nil); r.code() != "FORBIDDEN" {
			t.Errorf("a dealer user reads the rules: %+v", r.Errors)
		}

		const update = `mutation($rule: Int!, $input: SignalRuleInput!) { updateSignalRule(rule: $rule, input: $input) {
			rule enabled condition updatedByName thresholds { name value } } }`
		for _, c := range []struct {
			who         client
			rule        int
			input       map[string]any
			code, field string
		}{
			{manager, 3, map[string]any{"enabled": false}, "FORBIDDEN", ""},
			{north, 3, map[string]any{"enabled": false}, "FORBIDDEN", ""},
			{admin, 0, map[string]any{"enabled": false}, "NOT_FOUND", ""},
			{admin, 3, map[string]any{"enabled": false, "thresholds": []any{map[string]any{"name": "drop", "value": 2}}}, "INVALID_INPUT", "thresholds"},
			{admin, 3, map[string]any{"thresholds": []any{map[string]any{"name": "rate", "value": 1.5}}}, "INVALID_INPUT", "thresholds"},
			{admin, 1, map[string]any{"thresholds": []any{map[string]any{"name": "drop", "value": 2.001}}}, "INVALID_INPUT", "thresholds"},
		} {
			r := c.who.query(t, update, map[string]any{"rule": c.rule, "input": c.input})
			field := ""
			if len(r.Errors) > 0 {
				field, _ = r.Errors[0].Extensions["field"].(string)
			}
			if r.code() != c.code || field != c.field {
				t.Errorf("rule %d %v: %+v, want %s %q", c.rule, c.input, r.Errors, c.code, c.field)
			}
		}
		admin.mustQuery(t, rules, nil, &got)
		for _, r := range got.SignalRules {
			if !r.Enabled || r.UpdatedAt != nil {
				t.Errorf("a refused change changed rule %d", r.Rule)
			}
		}

		var changed struct {
			UpdateSignalRule struct {
				Rule          int
				Enabled       bool
				Condition     string
				UpdatedByName string
				Thresholds    []struct {
					Name  string
					Value float64
				}
			}
		}
		admin.mustQuery(t, update, map[string]any{"rule": 1, "input": map[string]any{"thresholds": []any{map[string]any{"name": "drop", "value": 2.5}}}}, &changed)
		u := changed.UpdateSignalRule
		if !u.Enabled || u.Condition != "market share down ≥ 2.50 points vs the previous month" || u.UpdatedByName != "Chen Jing" || u.Thresholds[0].Value != 2.5 {
			t.Errorf("rule 1 changed: %+v", u)
		}
		manager.mustQuery(t, rules, nil, &got)
		if r1 := got.SignalRules[0]; r1.Thresholds[0].Value != 2.5 || r1.UpdatedAt == nil || r1.UpdatedByName == nil {
			t.Errorf("rule 1 read back: %+v", r1)
		}
		entries := m.Client().AuditEntry.Query().Where(auditentry.Action("signalRule.update")).AllX(access.Bypass(context.Background()))
		if len(entries) != 1 || entries[0].ActorName != "Chen Jing" {
			t.Errorf("audit entries %+v", entries)
		}
	})
}

func TestSignals_ListAndResolve(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		s := seedSignals(t, m)
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test") // Retail
		keys := signIn(t, m, "keys@demo.test")       // Key accounts and E-commerce
		north := signIn(t, m, "north@demo.test")

		// Newest raised first, through each viewer's privacy.
		all := []string{id(s.withdrawn), id(s.resolved), id(s.bth), id(s.yrd), id(s.keyChannel), id(s.retailDealer)}
		for _, c := range []struct {
			name string
			who  client
			want []string
		}{
			{"admin", admin, all},
			{"Retail's manager", manager, []string{id(s.resolved), id(s.bth), id(s.retailDealer)}},
			{"Key accounts' manager", keys, []string{id(s.withdrawn), id(s.bth), id(s.yrd), id(s.keyChannel)}},
		} {
			got, total := listSignals(t, c.who, "", nil)
			if !slices.Equal(got, c.want) || total != len(c.want) {
				t.Errorf("%s: %v (total %d), want %v", c.name, got, total, c.want)
			}
		}
		if r := north.query(t, `{ signals { totalCount } }`, nil); r.code() != "FORBIDDEN" {
			t.Errorf("a dealer user lists signals: %+v", r.Errors)
		}

		// Filters; a foreign id narrows to nothing, as a missing one.
		for _, c := range []struct {
			name string
			who  client
			vars map[string]any
			want []string
		}{
			{"open", admin, map[string]any{"status": "OPEN"}, []string{id(s.bth), id(s.yrd), id(s.keyChannel), id(s.retailDealer)}},
			{"rule 3", admin, map[string]any{"rule": 3}, []string{id(s.resolved), id(s.retailDealer)}},
			{"channel Retail", admin, map[string]any{"channel": id(s.retail)}, []string{id(s.resolved), id(s.retailDealer)}},
			{"a dealer", manager, map[string]any{"dealer": id(s.capital)}, []string{id(s.retailDealer)}},
			{"a territory", keys, map[string]any{"territory": id(s.territoryYRD)}, []string{id(s.withdrawn), id(s.yrd)}},
			{"a period", admin, map[string]any{"period": "2026-02"}, nil},
			{"a foreign channel", manager, map[string]any{"channel": id(s.key)}, nil},
			{"a foreign dealer", keys, map[string]any{"dealer": id(s.capital)}, nil},
			{"a foreign territory", manager, map[string]any{"territory": id(s.territoryYRD)}, nil},
			{"a missing dealer", manager, map[string]any{"dealer": "999999"}, nil},
			{"a page", admin, map[string]any{"first": 2}, all[:2]},
		} {
			got, _ := listSignals(t, c.who, "", c.vars)
			if !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}

		// What a signal says.
		var one signalList
		admin.mustQuery(t, `{ signals { totalCount edges { node { `+signalFields+` } } } }`, nil, &one)
		nodes := map[string]signalNode{}
		for _, e := range one.Signals.Edges {
			nodes[e.Node.ID] = e.Node
		}
		if n := nodes[id(s.retailDealer)]; n.SubjectKind != "DEALER" || n.RuleName != "low terminal distribution rate" || n.Period != "2026-03" ||
			n.Evidence.Kpi != "DISTRIBUTION_RATE" || n.Evidence.Previous == nil || *n.Evidence.Previous != 0.5 || n.Evidence.Current != 0.3 ||
			n.Evidence.Threshold != 0.4 || n.WithdrawnReason != nil || n.ResolutionNote != nil || n.Dealer == nil || n.Dealer.Code != "D-BJ-01" {
			t.Errorf("the Retail dealer's signal: %+v", n)
		}
		if n := nodes[id(s.withdrawn)]; n.Status != "WITHDRAWN" || n.WithdrawnReason == nil || n.ResolutionNote != nil {
			t.Errorf("the withdrawn signal: %+v", n)
		}
		if n := nodes[id(s.resolved)]; n.ResolutionNote == nil || *n.ResolutionNote != "visited" || n.WithdrawnReason != nil {
			t.Errorf("the resolved signal: %+v", n)
		}
		if n := nodes[id(s.yrd)]; n.SubjectKind != "TERRITORY" || n.Territory == nil || n.Territory.Code != "EC-YRD" || n.Dealer != nil {
			t.Errorf("the territory's signal: %+v", n)
		}
		if n := nodes[id(s.keyChannel)]; n.SubjectKind != "CHANNEL" || n.Channel == nil || n.Channel.Code != "KEY" {
			t.Errorf("the channel's signal: %+v", n)
		}

		// Resolve.
		const resolve = `mutation($id: ID!, $note: String!) { resolveSignal(id: $id, note: $note) { id status resolutionNote } }`
		long := make([]byte, 2001)
		for i := range long {
			long[i] = 'x'
		}
		for _, c := range []struct {
			name string
			who  client
			id   int
			note string
			code string
		}{
			{"a dealer user", north, s.retailDealer, "done", "FORBIDDEN"},
			{"no note", manager, s.retailDealer, "  ", "INVALID_INPUT"},
			{"a note too long", manager, s.retailDealer, string(long), "INVALID_INPUT"},
			{"a foreign signal", manager, s.keyChannel, "done", "NOT_FOUND"},
			{"a foreign territory's", manager, s.yrd, "done", "NOT_FOUND"},
			{"a missing signal", manager, 999999, "done", "NOT_FOUND"},
			{"resolved already", manager, s.resolved, "again", "INVALID_TRANSITION"},
			{"withdrawn", admin, s.withdrawn, "done", "INVALID_TRANSITION"},
		} {
			if r := c.who.query(t, resolve, map[string]any{"id": id(c.id), "note": c.note}); r.code() != c.code {
				t.Errorf("%s: %+v, want %s", c.name, r.Errors, c.code)
			}
		}
		if got, _ := listSignals(t, admin, "", map[string]any{"status": "OPEN"}); len(got) != 4 {
			t.Errorf("after refusals, open: %v", got)
		}
		var done struct {
			ResolveSignal struct {
				ID, Status     string
				ResolutionNote *string
			}
		}
		manager.mustQuery(t, resolve, map[string]any{"id": id(s.retailDealer), "note": "Called the dealer: a survey is planned."}, &done)
		if r := done.ResolveSignal; r.Status != "RESOLVED" || r.ResolutionNote == nil || *r.ResolutionNote != "Called the dealer: a survey is planned." {
			t.Errorf("resolved: %+v", r)
		}
		if r := manager.query(t, resolve, map[string]any{"id": id(s.retailDealer), "note": "again"}); r.code() != "INVALID_TRANSITION" {
			t.Errorf("resolved twice: %+v", r.Errors)
		}
		sig := m.Client().ChannelSignal.GetX(access.Bypass(context.Background()), s.retailDealer)
		if sig.ResolvedByName != "Liu Yang" || sig.ResolvedAt == nil {
			t.Errorf("resolved by %q at %v", sig.ResolvedByName, sig.ResolvedAt)
		}
	})
}

const signalRaised = `subscription($after: String) { signalRaised(after: $after) { cursor status at signal { id status rule } } }`

type signalEvent struct {
	SignalRaised struct {
		Cursor, Status string
		Signal         struct{ ID, Status string }
	}
}

func TestSignals_Subscription(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		s := seedSignals(t, m)
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test") // Retail
		keys := signIn(t, m, "keys@demo.test")       // Key accounts and E-commerce
		north := signIn(t, m, "north@demo.test")

		w := connect(t, m, transportWS, north.token)
		w.subscribe("1", signalRaised, nil)
		if e := w.subscriptionError("1"); e.code() != "FORBIDDEN" {
			t.Errorf("a dealer user subscribes: %+v", e)
		}

		var before struct{ EventCursor string }
		admin.mustQuery(t, `{ eventCursor }`, nil, &before)
		mw := connect(t, m, transportWS, manager.token)
		mw.subscribe("1", signalRaised, map[string]any{"after": before.EventCursor})
		kw := connect(t, m, transportWS, keys.token)
		kw.subscribe("1", signalRaised, map[string]any{"after": before.EventCursor})

		const resolve = `mutation($id: ID!, $note: String!) { resolveSignal(id: $id, note: $note) { id } }`
		var ok struct{ ResolveSignal struct{ ID string } }
		// Key accounts' channel and a territory only its dealers trade in,
		// then a Retail dealer's.
		admin.mustQuery(t, resolve, map[string]any{"id": id(s.keyChannel), "note": "n"}, &ok)
		admin.mustQuery(t, resolve, map[string]any{"id": id(s.yrd), "note": "n"}, &ok)
		admin.mustQuery(t, resolve, map[string]any{"id": id(s.retailDealer), "note": "n"}, &ok)

		var e signalEvent
		var keysCursors []string
		for _, want := range []int{s.keyChannel, s.yrd} {
			kw.next("1", 5*time.Second, &e)
			if e.SignalRaised.Signal.ID != id(want) || e.SignalRaised.Status != "RESOLVED" || e.SignalRaised.Signal.Status != "RESOLVED" {
				t.Errorf("Key accounts' manager got %+v, want %d RESOLVED", e.SignalRaised, want)
			}
			keysCursors = append(keysCursors, e.SignalRaised.Cursor)
		}
		// Retail's manager gets its dealer's, and neither of the others.
		mw.next("1", 5*time.Second, &e)
		if e.SignalRaised.Signal.ID != id(s.retailDealer) || e.SignalRaised.Status != "RESOLVED" {
			t.Errorf("Retail's manager got %+v first, want only %d", e.SignalRaised, s.retailDealer)
		}
		if _, err := kw.tryRead(300 * time.Millisecond); err == nil {
			t.Error("Key accounts' manager got the Retail dealer's signal")
		}

		// Replayed after a cursor.
		kw2 := connect(t, m, legacyWS, keys.token)
		kw2.subscribe("1", signalRaised, map[string]any{"after": keysCursors[0]})
		kw2.next("1", 5*time.Second, &e)
		if e.SignalRaised.Signal.ID != id(s.yrd) || e.SignalRaised.Cursor != keysCursors[1] {
			t.Errorf("replayed %+v, want the territory's signal at %s", e.SignalRaised, keysCursors[1])
		}
		if _, err := kw2.tryRead(300 * time.Millisecond); err == nil {
			t.Error("replayed more than what followed the cursor")
		}
	})
}
