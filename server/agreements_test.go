package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

// testClock is a clock a test moves.
type testClock struct{ at atomic.Pointer[time.Time] }

func newTestClock(at time.Time) *testClock {
	c := &testClock{}
	c.set(at)
	return c
}

func (c *testClock) Now() time.Time   { return *c.at.Load() }
func (c *testClock) set(at time.Time) { c.at.Store(&at) }
func (c *testClock) addDays(n int)    { c.set(c.Now().AddDate(0, 0, n)) }

// startServerAt is startServerOn whose agreements and status changes read
// the time from clock.
func startServerAt(tb testing.TB, databaseURL string, clock *testClock) *server.Main {
	tb.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = tb.TempDir()
	cfg.DatabaseURL = databaseURL
	m := server.NewMain(cfg)
	m.Out = io.Discard
	m.Clock = clock.Now
	if err := m.Run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Error(err)
		}
	})
	return m
}

// forEachStoreAt is forEachStore with a clock starting at `at`.
func forEachStoreAt(t *testing.T, at time.Time, fn func(t *testing.T, m *server.Main, clock *testClock)) {
	t.Run("sqlite", func(t *testing.T) {
		clock := newTestClock(at)
		fn(t, startServerAt(t, "", clock), clock)
	})
	t.Run("postgres", func(t *testing.T) {
		clock := newTestClock(at)
		fn(t, startServerAt(t, storetest.EmptyPostgres(t), clock), clock)
	})
}

const agreementFields = `id number kind status startsOn endsOn autoRenew renewalNoticeDays terms version
	noticeFrom endingSoon allowedActions terminationReason dealer { id code } channel { id }
	territories { id } history { version change terms note authorName endsOn territories { id } }`

type agreementResult struct {
	ID, Number, Kind, Status, StartsOn, EndsOn, Terms, NoticeFrom string
	AutoRenew, EndingSoon                                         bool
	RenewalNoticeDays, Version                                    int
	AllowedActions                                                []string
	TerminationReason                                             *string
	Dealer                                                        struct{ ID, Code string }
	Channel                                                       *struct{ ID string }
	Territories                                                   []struct{ ID string }
	History                                                       []struct {
		Version                                 int
		Change, Terms, Note, AuthorName, EndsOn string
		Territories                             []struct{ ID string }
	}
}

func createAgreement(c client, t *testing.T, in map[string]any) gqlResponse {
	t.Helper()
	return c.query(t, `mutation($in: CreateAgreementInput!) { createAgreement(input: $in) { `+agreementFields+` } }`,
		map[string]any{"in": in})
}

func mustAgreement(t *testing.T, r gqlResponse, field string) agreementResult {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", field, r.Errors)
	}
	var got map[string]agreementResult
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	return got[field]
}

func refusedWith(t *testing.T, r gqlResponse, code, field string) {
	t.Helper()
	if r.code() != code {
		t.Fatalf("code = %q (%+v); want %s", r.code(), r.Errors, code)
	}
	if got, _ := r.Errors[0].Extensions["field"].(string); got != field {
		t.Fatalf("field = %q (%s); want %q", got, r.Errors[0].Message, field)
	}
}

// writeCounts is what a refused write must leave as it was.
func writeCounts(t *testing.T, admin client) string {
	t.Helper()
	var got struct {
		Agreements   struct{ TotalCount int }
		AuditEntries struct{ TotalCount int }
	}
	admin.mustQuery(t, `{ agreements { totalCount } auditEntries { totalCount } }`, nil, &got)
	return fmt.Sprintf("%+v", got)
}

// TestAgreements_Lifecycle: staff create an agreement of a dealer they
// see, amend it (version 2, the first kept) and renew it; an overlapping
// one of the same kind is CONFLICT on startsOn and writes nothing; the
// dealer reads its own and another dealer's user nothing; one in its
// notice period is listed as ending and raises AGREEMENT_ENDING once;
// termination needs a reason and is final.
func TestAgreements_Lifecycle(t *testing.T) {
	forEachStoreAt(t, time.Date(2030, 3, 10, 9, 0, 0, 0, time.UTC), func(t *testing.T, m *server.Main, clock *testClock) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		cat := loadCatalogue(t, admin)
		var terr struct {
			Territories struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		admin.mustQuery(t, `{ territories(first: 2) { edges { node { id } } } }`, nil, &terr)
		t1, t2 := terr.Territories.Edges[0].Node.ID, terr.Territories.Edges[1].Node.ID

		a := mustAgreement(t, createAgreement(manager, t, map[string]any{
			"dealerID": cat.south, "kind": "SERVICE", "startsOn": "2030-01-01", "endsOn": "2030-03-31",
			"renewalNoticeDays": 30, "territoryIDs": []string{t1}, "terms": "# Service\nFour visits a year.",
		}), "createAgreement")
		if a.Status != "ACTIVE" || a.Version != 1 || a.Number == "" || !a.EndingSoon || a.NoticeFrom != "2030-03-01" ||
			len(a.History) != 1 || a.History[0].Change != "CREATED" || len(a.Territories) != 1 {
			t.Fatalf("created = %+v", a)
		}
		if fmt.Sprint(a.AllowedActions) != "[AMEND RENEW TERMINATE]" {
			t.Errorf("allowedActions = %v", a.AllowedActions)
		}

		// Overlapping one of the same kind: refused, nothing written.
		before := writeCounts(t, admin)
		refusedWith(t, createAgreement(manager, t, map[string]any{
			"dealerID": cat.south, "kind": "SERVICE", "startsOn": "2030-03-31", "endsOn": "2030-12-31",
		}), "CONFLICT", "startsOn")
		refusedWith(t, createAgreement(manager, t, map[string]any{
			"dealerID": cat.south, "kind": "SERVICE", "startsOn": "2030-05-01", "endsOn": "2030-04-01",
		}), "INVALID_INPUT", "endsOn")
		refusedWith(t, createAgreement(manager, t, map[string]any{
			"dealerID": cat.foreign, "kind": "SERVICE", "startsOn": "2030-01-01", "endsOn": "2030-12-31",
		}), "NOT_FOUND", "dealerID")
		refusedWith(t, createAgreement(manager, t, map[string]any{
			"dealerID": cat.south, "kind": "DEALER", "startsOn": "2030-01-01", "endsOn": "2030-12-31", "territoryIDs": []string{cat.south},
		}), "NOT_FOUND", "territoryIDs[0]")
		if r := createAgreement(south, t, map[string]any{
			"dealerID": cat.south, "kind": "DEALER", "startsOn": "2030-01-01", "endsOn": "2030-12-31",
		}); r.code() != "FORBIDDEN" {
			t.Errorf("a dealer user creating: %+v", r.Errors)
		}
		if after := writeCounts(t, admin); after != before {
			t.Errorf("refused writes changed %s to %s", before, after)
		}
		// Another kind over the same days is fine.
		other := mustAgreement(t, createAgreement(manager, t, map[string]any{
			"dealerID": cat.south, "kind": "DEALER", "startsOn": "2030-01-01", "endsOn": "2030-03-11", "renewalNoticeDays": 0,
		}), "createAgreement")

		// Amend: a new version, the first kept.
		am := mustAgreement(t, manager.query(t, `mutation($id: ID!, $in: AmendAgreementInput!) {
			amendAgreement(id: $id, input: $in, note: "Six visits", expectedVersion: 1) { `+agreementFields+` } }`,
			map[string]any{"id": a.ID, "in": map[string]any{"terms": "# Service\nSix visits a year.", "territoryIDs": []string{t1, t2}}}),
			"amendAgreement")
		if am.Version != 2 || len(am.History) != 2 || am.History[0].Terms != "# Service\nFour visits a year." ||
			am.History[1].Change != "AMENDED" || am.History[1].Note != "Six visits" || len(am.Territories) != 2 || len(am.History[0].Territories) != 1 {
			t.Fatalf("amended = %+v", am)
		}
		refusedWith(t, manager.query(t, `mutation($id: ID!) { amendAgreement(id: $id, input: {terms: "x"}, expectedVersion: 1) { id } }`,
			map[string]any{"id": a.ID}), "CONFLICT", "")

		// The dealer reads its own; another dealer's user answers as missing.
		var mine struct {
			Agreements struct {
				Edges []struct {
					Node struct {
						ID     string
						Dealer struct{ ID string }
					}
				}
			}
		}
		south.mustQuery(t, `{ agreements(first: 100) { edges { node { id dealer { id } } } } }`, nil, &mine)
		seen := set{}
		for _, e := range mine.Agreements.Edges {
			if e.Node.Dealer.ID != cat.south {
				t.Errorf("south reads agreement %s of dealer %s", e.Node.ID, e.Node.Dealer.ID)
			}
			seen[e.Node.ID] = true
		}
		if !seen[a.ID] || !seen[other.ID] {
			t.Errorf("south reads %v; want its own %s and %s among them", seen.sorted(), a.ID, other.ID)
		}
		var node struct{ Node *struct{ ID string } }
		north.mustQueryAllowingErrors(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": a.ID}, &node)
		if node.Node != nil {
			t.Error("north reads south's agreement")
		}
		refusedWith(t, north.query(t, `mutation($id: ID!) { terminateAgreement(id: $id, reason: "x") { id } }`, map[string]any{"id": a.ID}),
			"FORBIDDEN", "")
		refusedWith(t, admin.query(t, `mutation($id: ID!) { terminateAgreement(id: $id, reason: "x") { id } }`, map[string]any{"id": cat.south}),
			"NOT_FOUND", "id")

		// Ending soon: listed, and told once.
		var ending struct{ AgreementsEnding []struct{ ID string } }
		manager.mustQuery(t, `{ agreementsEnding(withinDays: 30) { id } }`, nil, &ending)
		if len(ending.AgreementsEnding) != 2 || ending.AgreementsEnding[0].ID != other.ID || ending.AgreementsEnding[1].ID != a.ID {
			t.Errorf("agreementsEnding = %+v; want %s then %s", ending.AgreementsEnding, other.ID, a.ID)
		}
		refusedWith(t, manager.query(t, `{ agreementsEnding(withinDays: -1) { id } }`, nil), "INVALID_INPUT", "withinDays")
		clock.addDays(1)
		done, err := m.RunAgreementsDaily(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if done.Noticed < 1 {
			t.Errorf("daily run = %+v; want a notice", done)
		}
		awaitNotification(t, manager, "AGREEMENT_ENDING", "/agreements/"+a.ID)
		clock.addDays(1)
		if done, err = m.RunAgreementsDaily(context.Background()); err != nil {
			t.Fatal(err)
		}
		if done.Noticed != 0 || done.Expired != 1 {
			t.Errorf("the next day's run = %+v; want no notice again, and the DEALER agreement expired", done)
		}
		n := 0
		for _, e := range inbox(t, manager, map[string]any{"first": 100}).Notifications.Edges {
			if e.Node.Kind == "AGREEMENT_ENDING" && e.Node.Link == "/agreements/"+a.ID {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d AGREEMENT_ENDING notices of %s; want 1", n, a.Number)
		}

		// Renew: a new version, out of its notice period.
		rn := mustAgreement(t, manager.query(t, `mutation($id: ID!) { renewAgreement(id: $id, endsOn: "2030-12-31", note: "Another term") { `+agreementFields+` } }`,
			map[string]any{"id": a.ID}), "renewAgreement")
		if rn.Version != 3 || rn.EndsOn != "2030-12-31" || rn.EndingSoon || rn.History[2].Change != "RENEWED" {
			t.Errorf("renewed = %+v", rn)
		}
		// The expired one renews back to ACTIVE.
		ex := mustAgreement(t, manager.query(t, `mutation($id: ID!) { renewAgreement(id: $id) { `+agreementFields+` } }`,
			map[string]any{"id": other.ID}), "renewAgreement")
		if ex.Status != "ACTIVE" || ex.EndsOn != "2030-05-20" {
			t.Errorf("expired one renewed = %+v; want ACTIVE to 2030-05-20", ex)
		}

		// Terminate: with a reason, once.
		refusedWith(t, manager.query(t, `mutation($id: ID!) { terminateAgreement(id: $id, reason: " ") { id } }`, map[string]any{"id": a.ID}),
			"INVALID_INPUT", "reason")
		tm := mustAgreement(t, manager.query(t, `mutation($id: ID!) { terminateAgreement(id: $id, reason: "Dealer closed its workshop") { `+agreementFields+` } }`,
			map[string]any{"id": a.ID}), "terminateAgreement")
		if tm.Status != "TERMINATED" || tm.TerminationReason == nil || len(tm.AllowedActions) != 0 {
			t.Errorf("terminated = %+v", tm)
		}
		refusedWith(t, manager.query(t, `mutation($id: ID!) { terminateAgreement(id: $id, reason: "again") { id } }`, map[string]any{"id": a.ID}),
			"INVALID_TRANSITION", "id")
		// Its days are free for a new one of its kind.
		mustAgreement(t, createAgreement(manager, t, map[string]any{
			"dealerID": cat.south, "kind": "SERVICE", "startsOn": "2030-04-01", "endsOn": "2030-12-31", "draft": true,
		}), "createAgreement")
	})
}

// TestDealerStatus_ScheduledThenApplied: a change effective tomorrow is
// SCHEDULED and applied by the daily run on its date; a SUSPENDED dealer
// places no orders (FORBIDDEN on dealerID) and still reads its orders; the
// change is on its timeline and in the audit trail; TERMINATED applies at
// once when effective today and signs its users out for good. Bad input
// and foreign dealers are refused and write nothing.
func TestDealerStatus_ScheduledThenApplied(t *testing.T) {
	forEachStoreAt(t, time.Date(2030, 3, 10, 9, 0, 0, 0, time.UTC), func(t *testing.T, m *server.Main, clock *testClock) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		south := signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)
		const change = `mutation($d: ID!, $to: DealerStatus!, $r: String!, $on: Date!) {
			changeDealerStatus(dealerID: $d, to: $to, reason: $r, effectiveOn: $on) { id state from to reason effectiveOn appliedAt dealer { status } } }`
		type changeResult struct {
			ChangeDealerStatus struct {
				ID, State, From, To, Reason, EffectiveOn string
				AppliedAt                                *string
				Dealer                                   struct{ Status string }
			}
		}

		before := writeCounts(t, admin)
		refusedWith(t, manager.query(t, change, map[string]any{"d": cat.south, "to": "SUSPENDED", "r": "Overdue", "on": "2030-03-09"}), "INVALID_INPUT", "effectiveOn")
		refusedWith(t, manager.query(t, change, map[string]any{"d": cat.south, "to": "SUSPENDED", "r": "", "on": "2030-03-11"}), "INVALID_INPUT", "reason")
		refusedWith(t, manager.query(t, change, map[string]any{"d": cat.foreign, "to": "SUSPENDED", "r": "Overdue", "on": "2030-03-11"}), "NOT_FOUND", "dealerID")
		refusedWith(t, manager.query(t, change, map[string]any{"d": cat.south, "to": "ACTIVE", "r": "Fine", "on": "2030-03-10"}), "INVALID_INPUT", "to")
		if r := south.query(t, change, map[string]any{"d": cat.south, "to": "SUSPENDED", "r": "x", "on": "2030-03-11"}); r.code() != "FORBIDDEN" {
			t.Errorf("a dealer user changing status: %+v", r.Errors)
		}
		if after := writeCounts(t, admin); after != before {
			t.Errorf("refused changes changed %s to %s", before, after)
		}

		var sch changeResult
		manager.mustQuery(t, change, map[string]any{"d": cat.south, "to": "SUSPENDED", "r": "Invoices 60 days overdue", "on": "2030-03-11"}, &sch)
		if c := sch.ChangeDealerStatus; c.State != "SCHEDULED" || c.From != "ACTIVE" || c.To != "SUSPENDED" || c.Dealer.Status != "ACTIVE" || c.AppliedAt != nil {
			t.Fatalf("scheduled = %+v", c)
		}
		place(t, south, map[string]any{"lines": lines(cat.products[0], 1)}) // still ACTIVE today

		clock.addDays(1)
		done, err := m.RunAgreementsDaily(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if done.Applied != 1 {
			t.Errorf("daily run = %+v; want the change applied", done)
		}
		var d struct {
			Node struct {
				Status        string
				StatusChanges []struct{ ID, State, To string }
				Timeline      struct {
					Edges []struct {
						Node struct {
							Kind, Action string
							Subject      struct{ ID string }
						}
					}
				}
			}
		}
		manager.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Dealer { status statusChanges { id state to }
			timeline(first: 5, kinds: [DEALER_STATUS]) { edges { node { kind action subject { id } } } } } } }`, map[string]any{"id": cat.south}, &d)
		if d.Node.Status != "SUSPENDED" || len(d.Node.StatusChanges) != 1 || d.Node.StatusChanges[0].State != "APPLIED" {
			t.Fatalf("dealer after the run = %+v", d.Node)
		}
		if tl := d.Node.Timeline.Edges; len(tl) != 1 || tl[0].Node.Action != "SUSPENDED" || tl[0].Node.Subject.ID != sch.ChangeDealerStatus.ID {
			t.Errorf("timeline = %+v", tl)
		}
		var audit struct {
			AuditEntries struct {
				Edges []struct{ Node struct{ Action string } }
			}
		}
		admin.mustQuery(t, `{ auditEntries(first: 10, orderBy: {field: AT, direction: DESC}) { edges { node { action } } } }`, nil, &audit)
		actions := map[string]bool{}
		for _, e := range audit.AuditEntries.Edges {
			actions[e.Node.Action] = true
		}
		if !actions["dealer.status.change"] || !actions["dealer.status.apply"] {
			t.Errorf("audit actions = %v", actions)
		}

		// SUSPENDED: no new orders, everything readable.
		r := south.query(t, placeOrder, map[string]any{"in": map[string]any{"lines": lines(cat.products[0], 1)}})
		refusedWith(t, r, "FORBIDDEN", "dealerID")
		var orders struct{ Orders struct{ TotalCount int } }
		south.mustQuery(t, `{ orders { totalCount } }`, nil, &orders)
		if orders.Orders.TotalCount == 0 {
			t.Error("a suspended dealer reads no orders")
		}

		// TERMINATED today: at once, and its users are signed out.
		var term changeResult
		manager.mustQuery(t, change, map[string]any{"d": cat.south, "to": "TERMINATED", "r": "Contract ended", "on": "2030-03-11"}, &term)
		if c := term.ChangeDealerStatus; c.State != "APPLIED" || c.Dealer.Status != "TERMINATED" || c.From != "SUSPENDED" {
			t.Fatalf("terminated = %+v", c)
		}
		if r := south.query(t, `{ me { id } }`, nil); r.code() != "UNAUTHENTICATED" {
			t.Errorf("a terminated dealer's session still works: %+v", r)
		}
		if r := (client{m: m}).query(t, `mutation { login(email: "south@demo.test", password: "demo") { token } }`, nil); len(r.Errors) == 0 {
			t.Error("a terminated dealer's user signs in")
		}
		refusedWith(t, manager.query(t, change, map[string]any{"d": cat.south, "to": "ACTIVE", "r": "Back", "on": "2030-03-12"}), "INVALID_TRANSITION", "to")
	})
}
