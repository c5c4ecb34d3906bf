package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// factsWorld is what decides who sees the demo's facts, read by an
// administrator: the dealers, the managers' channels and, per dealer and
// per channel, how many facts there are.
type factsWorld struct {
	dealers []struct {
		ID, Code, ChannelID string
		ParentID, OwnerID   *string
	}
	users map[string]struct {
		ID       string
		DealerID string
		Channels map[string]bool
	}
	channels []string
	// root → dealer or channel id → totalCount
	counts map[string]map[string]int
}

// The dealer facts' lists, each with its dealerID argument.
var dealerFactRoots = []string{"inventoryReports", "distributionSurveys", "satisfactionScores"}

func loadFactsWorld(t *testing.T, admin client) factsWorld {
	t.Helper()
	var raw struct {
		Dealers struct {
			Edges []struct {
				Node struct {
					ID, Code, ChannelID string
					ParentID, OwnerID   *string
				}
			}
		}
		Users struct {
			Edges []struct {
				Node struct {
					ID, Email       string
					Dealer          *struct{ ID string }
					ManagedChannels []struct{ ID string }
				}
			}
		}
		Channels struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	admin.mustQuery(t, `{ dealers(first: 100) { edges { node { id code channelID parentID ownerID } } } }`, nil, &raw)
	admin.mustQuery(t, `{ users(first: 100) { edges { node { id email dealer { id } managedChannels { id } } } }
		channels(first: 100) { edges { node { id } } } }`, nil, &raw)
	w := factsWorld{users: map[string]struct {
		ID       string
		DealerID string
		Channels map[string]bool
	}{}, counts: map[string]map[string]int{}}
	for _, e := range raw.Dealers.Edges {
		w.dealers = append(w.dealers, e.Node)
	}
	for _, e := range raw.Users.Edges {
		u := e.Node
		chs := map[string]bool{}
		for _, c := range u.ManagedChannels {
			chs[c.ID] = true
		}
		dealerID := ""
		if u.Dealer != nil {
			dealerID = u.Dealer.ID
		}
		w.users[u.Email] = struct {
			ID       string
			DealerID string
			Channels map[string]bool
		}{u.ID, dealerID, chs}
	}
	for _, e := range raw.Channels.Edges {
		w.channels = append(w.channels, e.Node.ID)
	}
	for _, root := range dealerFactRoots {
		w.counts[root] = counts(t, admin, root, "dealerID", w.dealerIDs())
	}
	w.counts["channelCosts"] = counts(t, admin, "channelCosts", "channelID", w.channels)
	w.counts["channelCostsByDealer"] = counts(t, admin, "channelCosts", "dealerID", w.dealerIDs())
	return w
}

func (w factsWorld) dealerIDs() []string {
	ids := make([]string, len(w.dealers))
	for i, d := range w.dealers {
		ids[i] = d.ID
	}
	return ids
}

// counts is root(arg: id) { totalCount } for each id, in queries within
// the alias limit.
func counts(t *testing.T, c client, root, arg string, ids []string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for start := 0; start < len(ids); start += 20 {
		var aliases []string
		part := ids[start:min(start+20, len(ids))]
		for i, id := range part {
			aliases = append(aliases, fmt.Sprintf("a%d: %s(%s: %q, first: 1) { totalCount }", i, root, arg, id))
		}
		var got map[string]struct{ TotalCount int }
		c.mustQuery(t, "{ "+strings.Join(aliases, " ")+" }", nil, &got)
		for i, id := range part {
			out[id] = got[fmt.Sprintf("a%d", i)].TotalCount
		}
	}
	return out
}

// sees is the dealers email may see, from DESIGN §4, independently of the
// rules under test.
func (w factsWorld) sees(email string) set {
	u := w.users[email]
	s := set{}
	for _, d := range w.dealers {
		switch {
		case email == "admin@demo.test",
			len(u.Channels) > 0 && (u.Channels[d.ChannelID] || (d.OwnerID != nil && *d.OwnerID == u.ID)),
			u.DealerID != "" && (d.ID == u.DealerID || (d.ParentID != nil && *d.ParentID == u.DealerID)):
			s[d.ID] = true
		}
	}
	return s
}

// TestVisibilityFacts: the facts are seen with their dealer, channel costs
// with their channel and never by dealer users; every write takes only ids
// the writer may see, and a foreign id answers exactly as a missing one.
func TestVisibilityFacts(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		w := loadFactsWorld(t, admin)
		for _, root := range append(dealerFactRoots, "channelCosts") {
			total := 0
			for _, n := range w.counts[root] {
				total += n
			}
			if total == 0 {
				t.Fatalf("the demo has no %s", root)
			}
		}
		for _, email := range []string{"admin@demo.test", "manager@demo.test", "keys@demo.test", "north@demo.test", "capital@demo.test"} {
			t.Run(strings.TrimSuffix(email, "@demo.test"), func(t *testing.T) {
				c := signIn(t, m, email)
				checkFactReads(t, c, w, email)
			})
		}
		checkFactWrites(t, m, w)
	})
}

func checkFactReads(t *testing.T, c client, w factsWorld, email string) {
	t.Helper()
	sees := w.sees(email)
	me := w.users[email]
	for _, root := range dealerFactRoots {
		// By dealer: all of a visible dealer's, none of another's.
		got := counts(t, c, root, "dealerID", w.dealerIDs())
		listed := 0
		for _, d := range w.dealers {
			want := 0
			if sees[d.ID] {
				want = w.counts[root][d.ID]
			}
			if got[d.ID] != want {
				t.Errorf("%s(dealerID: %s) = %d; want %d", root, d.Code, got[d.ID], want)
			}
			if me.DealerID == "" || d.ID == me.DealerID {
				listed += want
			}
		}
		// Without a dealer: staff all they see, a dealer user its own.
		var list map[string]struct {
			TotalCount int
			Edges      []struct{ Node struct{ DealerID, ID string } }
		}
		c.mustQuery(t, fmt.Sprintf(`{ l: %s(first: 100) { totalCount edges { node { id dealerID } } } }`, root), nil, &list)
		if list["l"].TotalCount != listed {
			t.Errorf("%s lists %d; want %d", root, list["l"].TotalCount, listed)
		}
		for _, e := range list["l"].Edges {
			if !sees[e.Node.DealerID] {
				t.Errorf("%s lists a row of dealer %s", root, e.Node.DealerID)
			}
		}
	}
	// Channel costs: administrators all, managers their channels', dealer
	// users none — by list, channel and dealer.
	byChannel := counts(t, c, "channelCosts", "channelID", w.channels)
	total := 0
	for _, ch := range w.channels {
		want := 0
		if email == "admin@demo.test" || me.Channels[ch] {
			want = w.counts["channelCosts"][ch]
		}
		total += want
		if byChannel[ch] != want {
			t.Errorf("channelCosts(channelID: %s) = %d; want %d", ch, byChannel[ch], want)
		}
	}
	var all struct{ ChannelCosts struct{ TotalCount int } }
	c.mustQuery(t, `{ channelCosts(first: 1) { totalCount } }`, nil, &all)
	if all.ChannelCosts.TotalCount != total {
		t.Errorf("channelCosts lists %d; want %d", all.ChannelCosts.TotalCount, total)
	}
	if me.DealerID != "" {
		for id, n := range counts(t, c, "channelCosts", "dealerID", w.dealerIDs()) {
			if n != 0 {
				t.Errorf("a dealer user reads %d channel costs of dealer %s", n, id)
			}
		}
	}
	// Market shares: everyone reads them all.
	var shares struct{ MarketShares []struct{ ID string } }
	c.mustQuery(t, `query($f: Period!, $t: Period!) { marketShares(from: $f, to: $t) { id } }`,
		map[string]any{"f": time.Now().AddDate(-2, 0, 0).Format("2006"), "t": time.Now().AddDate(1, 0, 0).Format("2006")}, &shares)
	if len(shares.MarketShares) == 0 {
		t.Error("no market shares")
	}
}

// refusal is the answer to a refused write: code, field and message.
func refusal(t *testing.T, r gqlResponse) string {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Fatalf("not refused: %s", r.Data)
	}
	return fmt.Sprintf("%s %v %s", r.code(), r.Errors[0].Extensions["field"], r.Errors[0].Message)
}

func checkFactWrites(t *testing.T, m *server.Main, w factsWorld) {
	t.Helper()
	var ids struct {
		Products struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	admin := signIn(t, m, "admin@demo.test")
	admin.mustQuery(t, `{ products(first: 2, where: {active: true}) { edges { node { id } } } }`, nil, &ids)
	p := ids.Products.Edges[0].Node.ID
	code := map[string]string{}
	for _, d := range w.dealers {
		code[d.Code] = d.ID
	}
	north, capital, south, eastDealer := code["D-NORTH"], code["D-BJ-01"], code["D-SOUTH"], code["D-EAST"]
	const missingDealer = "8589999999"
	var day struct{ Settings struct{ Today string } }
	admin.mustQuery(t, `{ settings { today } }`, nil, &day)
	today := day.Settings.Today

	const report = `mutation($in: ReportInventoryInput!) { reportInventory(input: $in) { id dealerID recordedByName lines { stock unitCost } } }`
	inventory := func(dealerID any) map[string]any {
		in := map[string]any{"date": today, "lines": []map[string]any{{"productID": p, "stock": 0}}}
		if dealerID != nil {
			in["dealerID"] = dealerID
		}
		return map[string]any{"in": in}
	}
	const survey = `mutation($in: RecordDistributionSurveyInput!) { recordDistributionSurvey(input: $in) { id dealerID } }`
	surveyOf := func(dealerID string) map[string]any {
		return map[string]any{"in": map[string]any{"dealerID": dealerID, "date": today, "outletsVisited": 10, "outletsCarrying": 4}}
	}
	const score = `mutation($in: RecordSatisfactionScoreInput!) { recordSatisfactionScore(input: $in) { id } }`
	scoreOf := func(dealerID string) map[string]any {
		return map[string]any{"in": map[string]any{"dealerID": dealerID, "date": today, "score": 4}}
	}
	const cost = `mutation($in: RecordChannelCostInput!) { recordChannelCost(input: $in) { id } }`
	costOf := func(channelID string) map[string]any {
		return map[string]any{"in": map[string]any{"channelID": channelID, "date": today, "category": "Marketing", "amount": "10.00"}}
	}
	const shares = `mutation($in: [MarketShareInput!]!) { setMarketShares(input: $in) { id } }`
	var territories struct {
		Territories struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	admin.mustQuery(t, `{ territories(first: 1) { edges { node { id } } } }`, nil, &territories)
	shareOf := map[string]any{"in": []map[string]any{{"territoryID": territories.Territories.Edges[0].Node.ID, "month": time.Now().Format("2006-01"), "share": 0.2}}}

	northUser, capitalUser := signIn(t, m, "north@demo.test"), signIn(t, m, "capital@demo.test")
	manager, keys := signIn(t, m, "manager@demo.test"), signIn(t, m, "keys@demo.test")

	// Allowed: a dealer user for itself, a distributor for a sub-dealer,
	// a manager for its dealers; the list then shows it.
	for _, tc := range []struct {
		name   string
		c      client
		q      string
		vars   map[string]any
		dealer string
	}{
		{"north for itself", northUser, report, inventory(nil), north},
		{"north for its sub-dealer", northUser, report, inventory(capital), capital},
		{"capital for itself", capitalUser, report, inventory(nil), capital},
		{"manager for south", manager, report, inventory(south), south},
		{"manager surveys south", manager, survey, surveyOf(south), south},
		{"keys surveys east", keys, survey, surveyOf(eastDealer), eastDealer},
	} {
		r := tc.c.query(t, tc.q, tc.vars)
		if len(r.Errors) > 0 {
			t.Errorf("%s: %+v", tc.name, r.Errors)
			continue
		}
		var got map[string]struct{ ID, DealerID string }
		if err := json.Unmarshal(r.Data, &got); err != nil {
			t.Fatal(err)
		}
		for _, row := range got {
			if row.DealerID != tc.dealer {
				t.Errorf("%s: recorded for %s; want %s", tc.name, row.DealerID, tc.dealer)
			}
		}
	}
	if err := admin.query(t, score, scoreOf(south)); len(err.Errors) > 0 {
		t.Errorf("admin scores south: %+v", err.Errors)
	}
	if r := admin.query(t, cost, costOf(w.channels[0])); len(r.Errors) > 0 {
		t.Errorf("admin records a cost: %+v", r.Errors)
	}
	if r := admin.query(t, shares, shareOf); len(r.Errors) > 0 {
		t.Errorf("admin sets market shares: %+v", r.Errors)
	}

	// Foreign answers exactly as missing.
	for _, tc := range []struct {
		name             string
		c                client
		q                string
		foreign, missing map[string]any
	}{
		{"capital reports for north", capitalUser, report, inventory(north), inventory(missingDealer)},
		{"north reports for south", northUser, report, inventory(south), inventory(missingDealer)},
		{"manager reports for east", manager, report, inventory(eastDealer), inventory(missingDealer)},
		{"keys reports for south", keys, report, inventory(south), inventory(missingDealer)},
		{"manager surveys east", manager, survey, surveyOf(eastDealer), surveyOf(missingDealer)},
		{"keys scores north", keys, score, scoreOf(north), scoreOf(missingDealer)},
	} {
		foreign, missing := refusal(t, tc.c.query(t, tc.q, tc.foreign)), refusal(t, tc.c.query(t, tc.q, tc.missing))
		if foreign != missing || !strings.HasPrefix(foreign, "NOT_FOUND dealerID") {
			t.Errorf("%s: foreign %q, missing %q; want the same NOT_FOUND of dealerID", tc.name, foreign, missing)
		}
	}
	// Staff only, administrators only.
	for _, tc := range []struct {
		name string
		c    client
		q    string
		vars map[string]any
	}{
		{"north surveys", northUser, survey, surveyOf(north)},
		{"capital scores", capitalUser, score, scoreOf(capital)},
		{"manager records a cost", manager, cost, costOf(w.channels[0])},
		{"north records a cost", northUser, cost, costOf(w.channels[0])},
		{"manager sets market shares", manager, shares, shareOf},
	} {
		if got := tc.c.query(t, tc.q, tc.vars).code(); got != "FORBIDDEN" {
			t.Errorf("%s: %q; want FORBIDDEN", tc.name, got)
		}
	}
	// What north reported for itself is in its list, with the cost copied
	// and who counted; capital does not see north's.
	var mine struct {
		InventoryReports struct {
			Edges []struct {
				Node struct {
					ReportedOn, RecordedByName string
					Lines                      []struct{ UnitCost string }
				}
			}
		}
	}
	northUser.mustQuery(t, `query($d: Date!) { inventoryReports(from: $d, first: 10) { edges { node { reportedOn recordedByName lines { unitCost } } } } }`,
		map[string]any{"d": today}, &mine)
	found := false
	for _, e := range mine.InventoryReports.Edges {
		found = found || (e.Node.ReportedOn == today && e.Node.RecordedByName == "Zhao Lei" && len(e.Node.Lines) == 1 && e.Node.Lines[0].UnitCost != "0.00")
	}
	if !found {
		t.Errorf("north's reports of today: %+v; want the one it made", mine)
	}
	// A product withdrawn since: north still reads what it counted, by the
	// SKU and name copied on the line; the product itself reads as null.
	var product struct{ Node struct{ Sku, Name string } }
	admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Product { sku name } } }`, map[string]any{"id": p}, &product)
	setActive := func(active bool) {
		var updated any
		admin.mustQuery(t, `mutation($id: ID!, $a: Boolean!) { updateProduct(id: $id, input: {active: $a}) { id } }`,
			map[string]any{"id": p, "a": active}, &updated)
	}
	setActive(false)
	withdrawn := northUser.query(t, `query($d: Date!) { inventoryReports(from: $d, first: 10) { edges { node { lines { sku productName product { id } } } } } }`,
		map[string]any{"d": today})
	setActive(true)
	if len(withdrawn.Errors) > 0 {
		t.Fatalf("north's reports after the product was withdrawn: %v", withdrawn.Errors)
	}
	var named struct {
		InventoryReports struct {
			Edges []struct {
				Node struct {
					Lines []struct {
						Sku, ProductName string
						Product          *struct{ ID string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(withdrawn.Data, &named); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, e := range named.InventoryReports.Edges {
		for _, l := range e.Node.Lines {
			if l.Sku != product.Node.Sku {
				continue
			}
			seen++
			if l.ProductName != product.Node.Name || l.Product != nil {
				t.Errorf("a line of the withdrawn product: %+v; want its name %q and no product", l, product.Node.Name)
			}
		}
	}
	if seen == 0 {
		t.Errorf("north reads no line of %s after it was withdrawn: %s", product.Node.Sku, withdrawn.Data)
	}
	var theirs map[string]struct{ TotalCount int }
	capitalUser.mustQuery(t, `query($d: ID!) { l: inventoryReports(dealerID: $d, first: 1) { totalCount } }`, map[string]any{"d": north}, &theirs)
	if theirs["l"].TotalCount != 0 {
		t.Errorf("capital reads %d of north's reports", theirs["l"].TotalCount)
	}
	// By node: a cost and another dealer's count are as missing to a
	// dealer user as an id of nothing.
	var foreign struct {
		ChannelCosts, InventoryReports struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	admin.mustQuery(t, `query($d: ID!) { channelCosts(first: 1) { edges { node { id } } } inventoryReports(dealerID: $d, first: 1) { edges { node { id } } } }`,
		map[string]any{"d": south}, &foreign)
	for _, id := range []string{foreign.ChannelCosts.Edges[0].Node.ID, foreign.InventoryReports.Edges[0].Node.ID} {
		var n struct{ Node *struct{ ID string } }
		northUser.mustQueryAllowingErrors(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}, &n)
		if n.Node != nil {
			t.Errorf("north reads node %s", id)
		}
	}
}
