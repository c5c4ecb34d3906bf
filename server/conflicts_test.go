package server_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/server"
)

const caseFields = `id number kind severity status territoryID summary evidence dueOn resolutionNote resolvedAt overdue
	allowedTransitions reporterDealerID openedByName parties { id } evidenceOrders { id }
	comments { id body internal fromStaff authorName } history { action from to note internal actorName }`

type caseNode struct {
	ID, Number, Kind, Severity, Status, Summary, Evidence, DueOn, ResolutionNote, OpenedByName string
	TerritoryID, ResolvedAt, ReporterDealerID                                                  *string
	Overdue                                                                                    bool
	AllowedTransitions                                                                         []string
	Parties, EvidenceOrders                                                                    []struct{ ID string }
	Comments                                                                                   []struct {
		ID, Body, AuthorName string
		Internal, FromStaff  bool
	}
	History []struct {
		Action, Note, ActorName string
		From, To                *string
		Internal                bool
	}
}

func (c caseNode) partyIDs() []string {
	var ids []string
	for _, p := range c.Parties {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	return ids
}

func (c caseNode) actions() string {
	var a []string
	for _, h := range c.History {
		s := h.Action
		if h.To != nil {
			s += ":" + *h.To
		}
		if h.Internal {
			s += "(internal)"
		}
		a = append(a, s)
	}
	return strings.Join(a, " ")
}

func openCase(t *testing.T, c client, in map[string]any) caseNode {
	t.Helper()
	var got struct{ OpenConflictCase caseNode }
	c.mustQuery(t, `mutation($in: OpenConflictCaseInput!) { openConflictCase(input: $in) { `+caseFields+` } }`, map[string]any{"in": in}, &got)
	return got.OpenConflictCase
}

func caseAsSeen(t *testing.T, c client, id string) *caseNode {
	t.Helper()
	var got struct{ Node *caseNode }
	// A case the viewer may not see answers NOT_FOUND beside a null node.
	c.mustQueryAllowingErrors(t, `query($id: ID!) { node(id: $id) { ... on ConflictCase { `+caseFields+` } } }`, map[string]any{"id": id}, &got)
	return got.Node
}

func moveCase(t *testing.T, c client, id, to, note string) caseNode {
	t.Helper()
	var got struct{ MoveConflictCase caseNode }
	vars := map[string]any{"id": id, "to": to}
	if note != "" {
		vars["note"] = note
	}
	c.mustQuery(t, `mutation($id: ID!, $to: ConflictStatus!, $note: String) { moveConflictCase(id: $id, to: $to, note: $note) { `+caseFields+` } }`, vars, &got)
	return got.MoveConflictCase
}

func commentCase(t *testing.T, c client, id, body string, internal bool) caseNode {
	t.Helper()
	var got struct{ CommentOnConflictCase caseNode }
	c.mustQuery(t, `mutation($id: ID!, $b: String!, $i: Boolean) { commentOnConflictCase(id: $id, body: $b, internal: $i) { `+caseFields+` } }`,
		map[string]any{"id": id, "b": body, "i": internal}, &got)
	return got.CommentOnConflictCase
}

func caseIDs(t *testing.T, c client, args string) []string {
	t.Helper()
	var got struct{ ConflictCases connection }
	c.mustQuery(t, `{ conflictCases(first: 100`+args+`) { totalCount edges { node { id } } } }`, nil, &got)
	if got.ConflictCases.TotalCount != len(got.ConflictCases.Edges) {
		t.Fatalf("conflictCases(%s): totalCount %d for %d cases", args, got.ConflictCases.TotalCount, len(got.ConflictCases.Edges))
	}
	return connIDs(got.ConflictCases)
}

// TestConflicts_ReportedByDealerReachesManagersDesk: South Traders reports
// ToolMall Online undercutting it; the case is on the desks of both
// channels' managers; the parties follow it and comment; an internal note
// never reaches them; the evidence orders only the reporter and staff see;
// the manager investigates, resolves with a note and reopens; every
// change is on the history.
func TestConflicts_ReportedByDealerReachesManagersDesk(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager, keys := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "keys@demo.test")
		south, toolmall, north := signIn(t, m, "south@demo.test"), signIn(t, m, "toolmall@demo.test"), signIn(t, m, "north@demo.test")
		ids := openPolicyIDs(t, admin)
		rel := relationshipIDs(t, admin)
		southID, toolmallID := ids.dealers["D-SOUTH"], ids.dealers["D-EC-01"]

		c := openCase(t, south, map[string]any{
			"kind": "PRICE_UNDERCUT", "severity": "HIGH", "partyIDs": []string{toolmallID, southID},
			"territoryID": ids.territories["SC-PRD"], "summary": "ToolMall sells the drill under our price.",
			"evidence": "Listing seen three days running.", "evidenceOrderIDs": []string{rel.southOrder},
		})
		if !strings.HasPrefix(c.Number, "CC-") || c.Status != "OPEN" || c.Kind != "PRICE_UNDERCUT" || c.DueOn != businessDay(2) ||
			c.OpenedByName != "Huang Min" || c.ReporterDealerID == nil || *c.ReporterDealerID != southID || c.Overdue {
			t.Errorf("opened = %+v", c)
		}
		// A dealer sees only the parties it may read: its own dealer.
		if fmt.Sprint(c.partyIDs()) != fmt.Sprint([]string{southID}) || len(c.EvidenceOrders) != 1 || len(c.AllowedTransitions) != 0 || c.actions() != "OPENED:OPEN" {
			t.Errorf("south's view = parties %v evidence %v transitions %v history %s", c.partyIDs(), c.EvidenceOrders, c.AllowedTransitions, c.actions())
		}

		// On both managers' desks, with both parties and the evidence.
		// Each sees the parties and orders it may read: the Retail manager
		// South Traders and its order, the E-commerce manager ToolMall.
		both := []string{southID, toolmallID}
		slices.Sort(both)
		for _, tc := range []struct {
			name           string
			c              client
			parties        []string
			evidenceOrders int
		}{{"admin", admin, both, 1}, {"manager", manager, []string{southID}, 1}, {"keys", keys, []string{toolmallID}, 0}} {
			if !slices.Contains(caseIDs(t, tc.c, ""), c.ID) {
				t.Fatalf("the case is not on %s's desk", tc.name)
			}
			seen := caseAsSeen(t, tc.c, c.ID)
			if fmt.Sprint(seen.partyIDs()) != fmt.Sprint(tc.parties) || len(seen.EvidenceOrders) != tc.evidenceOrders ||
				fmt.Sprint(seen.AllowedTransitions) != "[INVESTIGATING RESOLVED DISMISSED]" {
				t.Errorf("%s's view = parties %v evidence %v transitions %v", tc.name, seen.partyIDs(), seen.EvidenceOrders, seen.AllowedTransitions)
			}
		}
		if !slices.Contains(caseIDs(t, manager, fmt.Sprintf(`, dealerID: %q, status: OPEN, severity: HIGH`, southID)), c.ID) {
			t.Errorf("the case is not among South Traders' open HIGH cases")
		}
		// The other party sees the case but not the reporter's evidence
		// orders; a dealer not party to it does not learn of it.
		other := caseAsSeen(t, toolmall, c.ID)
		if other == nil || len(other.EvidenceOrders) != 0 || other.Evidence != "Listing seen three days running." {
			t.Errorf("ToolMall's view = %+v", other)
		}
		if got := caseAsSeen(t, north, c.ID); got != nil || slices.Contains(caseIDs(t, north, ""), c.ID) {
			t.Errorf("North, not a party, sees the case")
		}

		// Comments: a party's, a staff reply, an internal note.
		commentCase(t, toolmall, c.ID, "Our marketplace price follows the E-commerce list.", false)
		commentCase(t, manager, c.ID, "We are looking into both price lists.", false)
		staffView := commentCase(t, manager, c.ID, "E-commerce price for DR-1801 is below Retail tier 2 by design.", true)
		if len(staffView.Comments) != 3 || !staffView.Comments[2].Internal || !strings.HasSuffix(staffView.actions(), "COMMENTED(internal)") {
			t.Errorf("staff see comments %+v history %s", staffView.Comments, staffView.actions())
		}
		for _, party := range []client{south, toolmall} {
			seen := caseAsSeen(t, party, c.ID)
			if len(seen.Comments) != 2 || strings.Contains(seen.actions(), "internal") || len(seen.History) != 3 {
				t.Errorf("a party sees comments %+v history %s", seen.Comments, seen.actions())
			}
			raw := party.query(t, `query($id: ID!) { node(id: $id) { ... on ConflictCase { comments { body } history { note } } } }`, map[string]any{"id": c.ID})
			if strings.Contains(string(raw.Data), "below Retail tier 2") {
				t.Errorf("the internal note reached a party: %s", raw.Data)
			}
		}

		// The manager investigates, resolves with a note, reopens.
		moved := moveCase(t, manager, c.ID, "INVESTIGATING", "")
		if moved.Status != "INVESTIGATING" || fmt.Sprint(moved.AllowedTransitions) != "[RESOLVED DISMISSED]" {
			t.Errorf("investigating = %s %v", moved.Status, moved.AllowedTransitions)
		}
		moved = moveCase(t, manager, c.ID, "RESOLVED", "ToolMall raises its marketplace price to the Retail tier-2 level.")
		if moved.Status != "RESOLVED" || moved.ResolvedAt == nil || moved.ResolutionNote == "" || moved.Overdue {
			t.Errorf("resolved = %+v", moved)
		}
		moved = moveCase(t, admin, c.ID, "OPEN", "The listing is back at the old price.")
		if moved.Status != "OPEN" || moved.ResolvedAt != nil || moved.ResolutionNote != "" {
			t.Errorf("reopened = %+v", moved)
		}
		if got, want := caseAsSeen(t, south, c.ID).actions(), "OPENED:OPEN COMMENTED COMMENTED STATUS_CHANGED:INVESTIGATING STATUS_CHANGED:RESOLVED REOPENED:OPEN"; got != want {
			t.Errorf("south's history = %s, want %s", got, want)
		}
	})
}

// TestConflicts_Refused: every refusal of the conflict mutations, with its
// code and field, and nothing written.
func TestConflicts_Refused(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager, keys := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "keys@demo.test")
		south, north, toolmall := signIn(t, m, "south@demo.test"), signIn(t, m, "north@demo.test"), signIn(t, m, "toolmall@demo.test")
		ids := openPolicyIDs(t, admin)
		rel := relationshipIDs(t, admin)
		southID, toolmallID := ids.dealers["D-SOUTH"], ids.dealers["D-EC-01"]
		c := openCase(t, south, map[string]any{"severity": "LOW", "partyIDs": []string{toolmallID}, "summary": "Seed case."})

		open := `mutation($in: OpenConflictCaseInput!) { openConflictCase(input: $in) { id } }`
		input := func(change map[string]any) map[string]any {
			in := map[string]any{"severity": "MEDIUM", "partyIDs": []string{toolmallID}, "summary": "Price undercut."}
			for k, v := range change {
				in[k] = v
			}
			return map[string]any{"in": in}
		}
		move := `mutation($id: ID!, $to: ConflictStatus!, $note: String) { moveConflictCase(id: $id, to: $to, note: $note) { id } }`
		comment := `mutation($id: ID!, $b: String!, $i: Boolean) { commentOnConflictCase(id: $id, body: $b, internal: $i) { id } }`
		for _, tc := range []struct {
			name        string
			c           client
			q           string
			vars        map[string]any
			code, field string
		}{
			{"AgainstYourselfOnly", south, open, input(map[string]any{"partyIDs": []string{southID}}), "INVALID_INPUT", "partyIDs"},
			{"AgainstNobody", south, open, input(map[string]any{"partyIDs": []string{}}), "INVALID_INPUT", "partyIDs"},
			{"StaffAgainstNobody", manager, open, input(map[string]any{"partyIDs": []string{}}), "INVALID_INPUT", "partyIDs"},
			{"AgainstAMissingDealer", south, open, input(map[string]any{"partyIDs": []string{toolmallID, "8589999999"}}), "NOT_FOUND", "partyIDs[1]"},
			{"AgainstADealerNoLongerTrading", south, open, input(map[string]any{"partyIDs": []string{ids.dealers["D-QD-01"]}}), "NOT_FOUND", "partyIDs[0]"},
			{"StaffAgainstADealerTheyDoNotSee", keys, open, input(map[string]any{"partyIDs": []string{southID}}), "NOT_FOUND", "partyIDs[0]"},
			{"EvidenceYouCannotSee", south, open, input(map[string]any{"evidenceOrderIDs": []string{rel.northOrder}}), "NOT_FOUND", "evidenceOrderIDs[0]"},
			{"EvidenceMissing", south, open, input(map[string]any{"evidenceOrderIDs": []string{rel.southOrder, "999999"}}), "NOT_FOUND", "evidenceOrderIDs[1]"},
			{"TerritoryMissing", south, open, input(map[string]any{"territoryID": "999999"}), "NOT_FOUND", "territoryID"},
			{"NoSummary", south, open, input(map[string]any{"summary": " "}), "INVALID_INPUT", "summary"},
			{"SummaryTooLong", south, open, input(map[string]any{"summary": strings.Repeat("x", 2001)}), "INVALID_INPUT", "summary"},
			{"EvidenceTooLong", south, open, input(map[string]any{"evidence": strings.Repeat("x", 10001)}), "INVALID_INPUT", "evidence"},
			{"ResolveWithoutNote", manager, move, map[string]any{"id": c.ID, "to": "RESOLVED"}, "INVALID_INPUT", "note"},
			{"DismissWithBlankNote", manager, move, map[string]any{"id": c.ID, "to": "DISMISSED", "note": "  "}, "INVALID_INPUT", "note"},
			{"ReopenAnOpenCase", manager, move, map[string]any{"id": c.ID, "to": "OPEN"}, "INVALID_TRANSITION", "to"},
			{"DealerMoves", south, move, map[string]any{"id": c.ID, "to": "INVESTIGATING"}, "FORBIDDEN", ""},
			{"DealerMovesACaseNotItsOwn", north, move, map[string]any{"id": c.ID, "to": "INVESTIGATING"}, "FORBIDDEN", ""},
			{"StaffMovesACaseTheyDoNotSee", signIn(t, m, "keys@demo.test"), move, map[string]any{"id": caseOf(t, admin, southID, ids.dealers["D-GZ-01"]), "to": "INVESTIGATING"}, "NOT_FOUND", "id"},
			{"PartyWritesAnInternalNote", toolmall, comment, map[string]any{"id": c.ID, "b": "Note", "i": true}, "FORBIDDEN", ""},
			{"CommentOnACaseNotYours", north, comment, map[string]any{"id": c.ID, "b": "Hello"}, "NOT_FOUND", "id"},
			{"EmptyComment", south, comment, map[string]any{"id": c.ID, "b": ""}, "INVALID_INPUT", "body"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				refusedOpen(t, admin, tc.c, tc.code, tc.field, tc.q, tc.vars)
			})
		}
		moveCase(t, manager, c.ID, "DISMISSED", "Not a conflict.")
		refusedOpen(t, admin, manager, "INVALID_TRANSITION", "to", move, map[string]any{"id": c.ID, "to": "INVESTIGATING", "note": "again"})
	})
}

// caseOf is the id of a demo case between exactly the dealers given.
func caseOf(t *testing.T, admin client, dealerIDs ...string) string {
	t.Helper()
	var got struct {
		ConflictCases struct {
			Edges []struct{ Node caseNode }
		}
	}
	admin.mustQuery(t, `{ conflictCases(first: 50) { edges { node { id parties { id } } } } }`, nil, &got)
	slices.Sort(dealerIDs)
	for _, e := range got.ConflictCases.Edges {
		if fmt.Sprint(e.Node.partyIDs()) == fmt.Sprint(dealerIDs) {
			return e.Node.ID
		}
	}
	t.Fatalf("no demo case between %v", dealerIDs)
	return ""
}

// TestConflicts_DeskOrder: cases not settled come first, by due date — so
// the overdue lead — then settled ones; the overdue filter agrees with
// each case's overdue; paging by one gives the same order in both
// directions.
func TestConflicts_DeskOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		ids := openPolicyIDs(t, admin)
		for _, sev := range []string{"LOW", "HIGH", "MEDIUM"} {
			openCase(t, admin, map[string]any{"severity": sev, "partyIDs": []string{ids.dealers["D-WH-01"]}, "summary": "Desk order " + sev})
		}
		type row struct {
			ID, Status, DueOn string
			Overdue           bool
		}
		var got struct {
			ConflictCases struct {
				Edges []struct {
					Node   row
					Cursor string
				}
			}
		}
		admin.mustQuery(t, `{ conflictCases(first: 100) { edges { cursor node { id status dueOn overdue } } } }`, nil, &got)
		var all []row
		for _, e := range got.ConflictCases.Edges {
			all = append(all, e.Node)
		}
		if len(all) < 7 {
			t.Fatalf("%d cases, want the demo's 4 and 3 more", len(all))
		}
		settled := func(r row) bool { return r.Status == "RESOLVED" || r.Status == "DISMISSED" }
		overdue := 0
		for i, r := range all {
			if r.Overdue {
				overdue++
				if i > 0 && !all[i-1].Overdue {
					t.Errorf("overdue case %s after one not overdue", r.ID)
				}
			}
			if i == 0 {
				continue
			}
			p := all[i-1]
			if settled(p) && !settled(r) || (settled(p) == settled(r) && p.DueOn > r.DueOn) {
				t.Errorf("%+v listed after %+v", r, p)
			}
		}
		if overdue == 0 {
			t.Errorf("the demo has an overdue case; none is")
		}
		if n := len(caseIDs(t, admin, ", overdue: true")); n != overdue {
			t.Errorf("overdue: true lists %d cases, %d are overdue", n, overdue)
		}
		if n := len(caseIDs(t, admin, ", overdue: false")); n != len(all)-overdue {
			t.Errorf("overdue: false lists %d cases, want %d", n, len(all)-overdue)
		}
		// One at a time, forward and back.
		var forward, backward []string
		after, before := "", ""
		for range len(all) + 1 {
			var page struct {
				ConflictCases struct {
					Edges    []struct{ Node row }
					PageInfo struct {
						HasNextPage bool
						EndCursor   *string
					}
				}
			}
			vars := map[string]any{}
			if after != "" {
				vars["a"] = after
			}
			admin.mustQuery(t, `query($a: Cursor) { conflictCases(first: 1, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, vars, &page)
			for _, e := range page.ConflictCases.Edges {
				forward = append(forward, e.Node.ID)
			}
			if !page.ConflictCases.PageInfo.HasNextPage {
				break
			}
			after = *page.ConflictCases.PageInfo.EndCursor
		}
		for range len(all) + 1 {
			var page struct {
				ConflictCases struct {
					Edges    []struct{ Node row }
					PageInfo struct {
						HasPreviousPage bool
						StartCursor     *string
					}
				}
			}
			vars := map[string]any{}
			if before != "" {
				vars["b"] = before
			}
			admin.mustQuery(t, `query($b: Cursor) { conflictCases(last: 1, before: $b) { edges { node { id } } pageInfo { hasPreviousPage startCursor } } }`, vars, &page)
			for _, e := range page.ConflictCases.Edges {
				backward = append([]string{e.Node.ID}, backward...)
			}
			if !page.ConflictCases.PageInfo.HasPreviousPage {
				break
			}
			before = *page.ConflictCases.PageInfo.StartCursor
		}
		var want []string
		for _, r := range all {
			want = append(want, r.ID)
		}
		if fmt.Sprint(forward) != fmt.Sprint(want) || fmt.Sprint(backward) != fmt.Sprint(want) {
			t.Errorf("paged forward %v, backward %v; want %v", forward, backward, want)
		}
	})
}

// TestConflicts_NoNPlusOne: the statements a page of cases costs do not
// grow with its size: parties, evidence, comments and history are
// eager-loaded, overdue and allowedTransitions read off the rows.
func TestConflicts_NoNPlusOne(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		ids := openPolicyIDs(t, admin)
		rel := relationshipIDs(t, admin)
		for i := range 8 {
			c := openCase(t, manager, map[string]any{"severity": "LOW", "partyIDs": []string{ids.dealers["D-SOUTH"], ids.dealers["D-GZ-01"]},
				"summary": fmt.Sprint("Case ", i), "evidenceOrderIDs": []string{rel.southOrder}})
			commentCase(t, manager, c.ID, "Looking into it.", i%2 == 0)
		}
		q := `query($n: Int) { conflictCases(first: $n) { totalCount edges { node { ` + caseFields + ` } } } }`
		count := func(n int) int64 {
			before := m.Statements()
			var got struct {
				ConflictCases struct{ Edges []json.RawMessage }
			}
			manager.mustQuery(t, q, map[string]any{"n": n}, &got)
			if len(got.ConflictCases.Edges) < n {
				t.Fatalf("first %d gave %d cases", n, len(got.ConflictCases.Edges))
			}
			return m.Statements() - before
		}
		count(1)
		small, large := count(2), count(10)
		if small != large {
			t.Errorf("conflictCases(first: 2) took %d statements, (first: 10) %d: something loads per case", small, large)
		}
		// The page, totalCount, parties, evidence orders, comments, history.
		if large > 6 {
			t.Errorf("a page of cases took %d statements, want at most 6", large)
		}
		t.Logf("%d statements for a page of cases with parties, evidence, comments and history", large)
	})
}

// TestConflicts_Counterparties: a dealer user, who reads no other dealer,
// finds the dealers it may name: those trading in its territories, by name
// or code, and one from elsewhere by its exact code only.
func TestConflicts_Counterparties(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, south, north := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test"), signIn(t, m, "north@demo.test")
		ids := openPolicyIDs(t, admin)
		codes := func(c client, vars map[string]any) string {
			t.Helper()
			var got struct {
				ConflictCounterparties []struct{ ID, Code, Name string }
			}
			c.mustQuery(t, `query($t: ID, $s: String) { conflictCounterparties(territoryID: $t, search: $s) { id code name } }`, vars, &got)
			var out []string
			for _, d := range got.ConflictCounterparties {
				if d.ID != ids.dealers[d.Code] {
					t.Errorf("%s has id %s, want %s", d.Code, d.ID, ids.dealers[d.Code])
				}
				out = append(out, d.Code)
			}
			slices.Sort(out)
			return strings.Join(out, " ")
		}
		prd := ids.territories["SC-PRD"]
		// Ordered by name in the answer; sorted here. Not South Traders itself.
		if got, want := codes(south, nil), "D-EC-01 D-EC-03 D-GZ-01 D-KA-02"; got != want {
			t.Errorf("south's counterparties = %s, want %s", got, want)
		}
		if got, want := codes(south, map[string]any{"t": prd, "s": "pearl"}), "D-GZ-01"; got != want {
			t.Errorf("south's counterparties named pearl = %s, want %s", got, want)
		}
		if got := codes(north, map[string]any{"t": prd}); got != "" {
			t.Errorf("north's counterparties in a territory not its own = %s, want none", got)
		}
		if got := codes(south, map[string]any{"s": "Handyman"}); got != "" {
			t.Errorf("south finds a dealer from elsewhere by name: %s", got)
		}
		if got := codes(south, map[string]any{"s": "d-ec-04"}); got != "D-EC-04" {
			t.Errorf("south's counterparty by exact code = %q, want D-EC-04", got)
		}
		if got := codes(south, map[string]any{"s": "D-QD-01"}); got != "" {
			t.Errorf("south finds a terminated dealer: %s", got)
		}
		// What it finds, it can name.
		openCase(t, south, map[string]any{"severity": "LOW", "partyIDs": []string{ids.dealers["D-EC-04"]}, "summary": "Found by code."})
	})
}

// TestConflicts_OnThePartiesTimelines: every change of a case is on each
// party's timeline; its internal notes on staff's view of it only.
func TestConflicts_OnThePartiesTimelines(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager, south, toolmall := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "south@demo.test"), signIn(t, m, "toolmall@demo.test")
		ids := openPolicyIDs(t, admin)
		southID, toolmallID := ids.dealers["D-SOUTH"], ids.dealers["D-EC-01"]
		c := openCase(t, south, map[string]any{"severity": "MEDIUM", "partyIDs": []string{toolmallID}, "summary": "Timeline case."})
		commentCase(t, manager, c.ID, "Internal timeline note.", true)
		moveCase(t, manager, c.ID, "INVESTIGATING", "")
		// The conflict entries of dealer's timeline, as viewer sees them.
		entries := func(viewer client, dealer string) string {
			t.Helper()
			var got timelinePage
			viewer.mustQuery(t, timelineQuery, map[string]any{"id": dealer, "n": 20, "kinds": []string{"CONFLICT_CASE"}}, &got)
			var out []string
			for _, e := range got.Node.Timeline.Edges {
				if e.Node.Subject.Typename != "ConflictEvent" || e.Node.Action == nil {
					t.Errorf("entry %+v", e.Node)
					continue
				}
				out = append(out, *e.Node.Action)
			}
			return strings.Join(out, " ")
		}
		// Newest first; the demo's cases come after this one's.
		for _, tc := range []struct {
			name   string
			viewer client
			dealer string
			want   string
		}{
			{"south, own", south, southID, "STATUS_CHANGED OPENED"},
			{"toolmall, own", toolmall, toolmallID, "STATUS_CHANGED OPENED"},
			{"admin, south", admin, southID, "STATUS_CHANGED COMMENTED OPENED"},
			{"manager, south", manager, southID, "STATUS_CHANGED COMMENTED OPENED"},
		} {
			if got := entries(tc.viewer, tc.dealer); !strings.HasPrefix(got, tc.want+" ") && got != tc.want {
				t.Errorf("%s: timeline %q, want it to begin %q", tc.name, got, tc.want)
			}
		}
	})
}
