package server_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// world is every row the visibility rules decide on, read by an
// administrator, who sees everything.
type world struct {
	Dealers []struct {
		ID, Code, ChannelID string
		ParentID, OwnerID   *string
		Tier                int
		Contacts            []struct{ ID string }
		Territories         []struct{ ID string }
	}
	Users []struct {
		ID, Email, Role string
		Dealer          *struct{ ID string }
		ManagedChannels []struct{ ID string }
	}
	Products []struct {
		ID     string
		Active bool
		Prices []struct {
			ID        string
			Tier      int
			ChannelID *string
		}
	}
	Channels    []struct{ ID string }
	Territories []struct{ ID string }
	// Rows seen with their dealer (seedAccounts and seedRelationship make
	// some of each).
	Shipments, Invoices, Payments, CreditNotes []dealerRow
	ServiceTickets, Interactions               []dealerRow
	MarketReports                              []dealerRow
	// Conflict cases have several dealers: seen by their parties.
	ConflictCases []worldCase
	// Policies with their audience, versions and acknowledgements.
	Policies []policyRow
	// Promotions with their audience and announcement.
	Promotions []promotionRow
	// Rebate programs with their audience.
	RebatePrograms []rebateRow
}

// worldCase is a conflict case with what decides who sees it and its
// parts.
type worldCase struct {
	ID               string
	ReporterDealerID *string
	Parties          []struct{ ID string }
	EvidenceOrders   []struct{ ID string }
	Comments         []struct {
		ID       string
		Internal bool
	}
	History []struct{ Internal bool }
}

// dealerRow is a row that belongs to one dealer.
type dealerRow struct{ ID, DealerID string }

// dealerRoots are the root lists of rows seen with their dealer, with the
// where-input each takes.
var dealerRoots = []struct {
	root, input string
	// Internal rows are the manufacturer's notes: dealer users see none.
	internal bool
	// A dealer lists them in an edge of its own.
	dealerEdge bool
}{
	{root: "shipments", input: "ShipmentWhereInput", dealerEdge: true},
	{root: "invoices", input: "InvoiceWhereInput", dealerEdge: true},
	{root: "payments", input: "PaymentWhereInput", dealerEdge: true},
	{root: "creditNotes", input: "CreditNoteWhereInput", dealerEdge: true},
	// No where-input: the filters check finds no edge predicate to try.
	{root: "serviceTickets", input: "ServiceTicketWhereInput"},
	{root: "interactions", input: "InteractionWhereInput", internal: true},
	{root: "marketReports", input: "MarketReportWhereInput"},
}

func (w world) dealerRows(root string) []dealerRow {
	switch root {
	case "shipments":
		return w.Shipments
	case "invoices":
		return w.Invoices
	case "payments":
		return w.Payments
	case "serviceTickets":
		return w.ServiceTickets
	case "interactions":
		return w.Interactions
	case "marketReports":
		return w.MarketReports
	}
	return w.CreditNotes
}

func loadWorld(t *testing.T, admin client) world {
	t.Helper()
	var raw struct {
		Dealers struct {
			Edges []struct{ Node json.RawMessage }
		}
		Users struct {
			Edges []struct{ Node json.RawMessage }
		}
		Products struct {
			Edges []struct{ Node json.RawMessage }
		}
		Channels struct {
			Edges []struct{ Node json.RawMessage }
		}
		Territories struct {
			Edges []struct{ Node json.RawMessage }
		}
	}
	// One query per root: together they are over the complexity limit.
	for _, q := range []string{
		`{ dealers(first: 100) { edges { node { id code channelID parentID ownerID tier contacts { id } territories { id } } } } }`,
		`{ users(first: 100) { edges { node { id email role dealer { id } managedChannels { id } } } } }`,
		`{ products(first: 100) { edges { node { id active prices { id tier channelID } } } } }`,
		`{ channels(first: 100) { edges { node { id } } } territories(first: 100) { edges { node { id } } } }`,
	} {
		admin.mustQuery(t, q, nil, &raw)
	}
	var w world
	unpack := func(edges []struct{ Node json.RawMessage }, out any) {
		nodes := make([]json.RawMessage, len(edges))
		for i, e := range edges {
			nodes[i] = e.Node
		}
		b, _ := json.Marshal(nodes)
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatal(err)
		}
	}
	unpack(raw.Dealers.Edges, &w.Dealers)
	unpack(raw.Users.Edges, &w.Users)
	unpack(raw.Products.Edges, &w.Products)
	unpack(raw.Channels.Edges, &w.Channels)
	unpack(raw.Territories.Edges, &w.Territories)
	for _, r := range dealerRoots {
		rows := allDealerRows(t, admin, r.root)
		switch r.root {
		case "shipments":
			w.Shipments = rows
		case "invoices":
			w.Invoices = rows
		case "payments":
			w.Payments = rows
		case "creditNotes":
			w.CreditNotes = rows
		case "serviceTickets":
			w.ServiceTickets = rows
		case "interactions":
			w.Interactions = rows
		case "marketReports":
			w.MarketReports = rows
		}
	}
	var cases struct {
		ConflictCases struct {
			TotalCount int
			Edges      []struct{ Node worldCase }
		}
	}
	admin.mustQuery(t, `{ conflictCases(first: 50) { totalCount edges { node { id reporterDealerID parties { id } evidenceOrders { id }
		comments { id internal } history { internal } } } } }`, nil, &cases)
	for _, e := range cases.ConflictCases.Edges {
		w.ConflictCases = append(w.ConflictCases, e.Node)
	}
	if len(w.ConflictCases) != cases.ConflictCases.TotalCount {
		t.Fatalf("the world has more than 50 conflict cases")
	}
	w.Policies = allPolicies(t, admin)
	w.Promotions = allPromotions(t, admin)
	w.RebatePrograms = allRebatePrograms(t, admin)
	if len(w.Dealers) != 30 || len(w.Products) != 40 {
		t.Fatalf("world has %d dealers and %d products, want the demo's 30 and 40", len(w.Dealers), len(w.Products))
	}
	return w
}

// set is a set of ids.
type set map[string]bool

func (s set) sorted() []string { return slices.Sorted(maps.Keys(s)) }

func (s set) equal(o set) bool { return maps.Equal(s, o) }

func (s set) contains(o set) bool {
	for id := range o {
		if !s[id] {
			return false
		}
	}
	return true
}

// expected is what one user may see, worked out here from DESIGN.md §4
// independently of the rules under test.
type expected struct {
	dealers, users, contacts, products, prices, channels, territories set
	// The rows of dealerRoots, by root.
	dealerRows map[string]set
	// What a root lists without a dealerID, by root: for a dealer user,
	// its own dealer's rows of the roots with a dealer edge
	// (access.ListDealer); else dealerRows.
	listedRows map[string]set
	// Policies, their versions and their acknowledgements.
	policies, policyVersions, policyAcks set
	promotions                           set
	rebatePrograms                       set
}

func expect(w world, email string) expected {
	var me *struct {
		ID, Email, Role string
		Dealer          *struct{ ID string }
		ManagedChannels []struct{ ID string }
	}
	for i := range w.Users {
		if w.Users[i].Email == email {
			me = &w.Users[i]
		}
	}
	e := expected{dealers: set{}, users: set{}, contacts: set{}, products: set{}, prices: set{}, channels: set{}, territories: set{}}
	for _, c := range w.Channels {
		e.channels[c.ID] = true
	}
	for _, t := range w.Territories {
		e.territories[t.ID] = true
	}
	managed := set{}
	for _, c := range me.ManagedChannels {
		managed[c.ID] = true
	}
	var myDealer struct {
		id, channel string
		tier        int
	}
	if me.Dealer != nil {
		myDealer.id = me.Dealer.ID
	}
	for _, d := range w.Dealers {
		if d.ID == myDealer.id {
			myDealer.channel, myDealer.tier = d.ChannelID, d.Tier
		}
		var sees bool
		switch me.Role {
		case "ADMIN":
			sees = true
		case "CHANNEL_MANAGER":
			sees = managed[d.ChannelID] || (d.OwnerID != nil && *d.OwnerID == me.ID)
		case "DEALER":
			sees = d.ID == myDealer.id || (d.ParentID != nil && *d.ParentID == myDealer.id)
		}
		if sees {
			e.dealers[d.ID] = true
			for _, c := range d.Contacts {
				e.contacts[c.ID] = true
			}
		}
	}
	for _, u := range w.Users {
		switch me.Role {
		case "ADMIN":
			e.users[u.ID] = true
		case "CHANNEL_MANAGER":
			e.users[u.ID] = u.ID == me.ID || (u.Dealer != nil && e.dealers[u.Dealer.ID])
		case "DEALER":
			e.users[u.ID] = u.Dealer != nil && u.Dealer.ID == myDealer.id
		}
		if !e.users[u.ID] {
			delete(e.users, u.ID)
		}
	}
	e.dealerRows, e.listedRows = map[string]set{}, map[string]set{}
	for _, r := range dealerRoots {
		e.dealerRows[r.root], e.listedRows[r.root] = set{}, set{}
		if r.internal && me.Role == "DEALER" {
			continue
		}
		for _, row := range w.dealerRows(r.root) {
			if e.dealers[row.DealerID] {
				e.dealerRows[r.root][row.ID] = true
				if !r.dealerEdge || me.Role != "DEALER" || row.DealerID == myDealer.id {
					e.listedRows[r.root][row.ID] = true
				}
			}
		}
	}
	expectPolicies(w, me.ID, me.Role, managed, myDealer.id, &e)
	e.promotions = expectPromotions(w, email)
	e.rebatePrograms = expectRebatePrograms(w, me.ID, me.Role, managed, myDealer.id)
	for _, p := range w.Products {
		dealer := me.Role == "DEALER"
		if dealer && !p.Active {
			continue
		}
		e.products[p.ID] = true
		for _, pr := range p.Prices {
			if !dealer || (pr.Tier == myDealer.tier && (pr.ChannelID == nil || *pr.ChannelID == myDealer.channel)) {
				e.prices[pr.ID] = true
			}
		}
	}
	return e
}

// ids collects the ids of a connection's nodes.
type connection struct {
	TotalCount int
	Edges      []struct{ Node struct{ ID string } }
}

func (c connection) ids() set {
	s := set{}
	for _, e := range c.Edges {
		s[e.Node.ID] = true
	}
	return s
}

func idsOf(list []struct{ ID string }) set {
	s := set{}
	for _, x := range list {
		s[x.ID] = true
	}
	return s
}

var viewers = []string{"admin@demo.test", "manager@demo.test", "keys@demo.test", "north@demo.test", "south@demo.test", "capital@demo.test"}

func TestVisibility(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		seedAccounts(t, admin, loadWorld(t, admin))
		seedRelationship(t, admin, loadWorld(t, admin))
		seedOpenPolicy(t, admin, loadWorld(t, admin))
		seedPolicies(t, m, admin, loadWorld(t, admin))
		seedPromotions(t, m, admin, loadWorld(t, admin))
		seedRebates(t, admin, loadWorld(t, admin))
		w := loadWorld(t, admin)
		for _, email := range viewers {
			t.Run(strings.TrimSuffix(email, "@demo.test"), func(t *testing.T) {
				c := signIn(t, m, email)
				want := expect(w, email)
				checkLists(t, c, want)
				checkFilters(t, c, want)
				checkNodes(t, c, w, want)
				checkEdges(t, c, w, want)
				checkDealerRows(t, c, w, want)
				checkConflictCases(t, c, w, want)
				checkPolicies(t, c, w, want)
				checkQuotas(t, admin, c, w, want)
				checkAppraisal(t, admin, c, w, email, want)
				checkPromotions(t, c, w, want)
				checkRebatePrograms(t, c, w, want)
			})
		}
	})
}

// checkLists: every root connection lists exactly the visible rows, and
// totalCount agrees.
func checkLists(t *testing.T, c client, want expected) {
	t.Helper()
	var got struct {
		Dealers, Users, Products, Channels, Territories connection
	}
	c.mustQuery(t, `{
		dealers(first: 100) { totalCount edges { node { id } } }
		users(first: 100) { totalCount edges { node { id } } }
		products(first: 100) { totalCount edges { node { id } } }
		channels(first: 100) { totalCount edges { node { id } } }
		territories(first: 100) { totalCount edges { node { id } } } }`, nil, &got)
	for _, tc := range []struct {
		name string
		got  connection
		want set
	}{
		{"dealers", got.Dealers, want.dealers},
		{"users", got.Users, want.users},
		{"products", got.Products, want.products},
		{"channels", got.Channels, want.channels},
		{"territories", got.Territories, want.territories},
	} {
		if !tc.got.ids().equal(tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got.ids().sorted(), tc.want.sorted())
		}
		if tc.got.TotalCount != len(tc.want) {
			t.Errorf("%s totalCount = %d, want %d", tc.name, tc.got.TotalCount, len(tc.want))
		}
	}
}

// checkFilters runs every edge predicate the schema offers on every root
// connection — read from the schema itself, so a new one is covered — and
// checks nothing outside the visible set comes back: hasX true and false
// split the visible set exactly, hasXWith stays inside it.
func checkFilters(t *testing.T, c client, want expected) {
	t.Helper()
	roots := map[string]struct {
		input string
		want  set
	}{
		"dealers":     {"DealerWhereInput", want.dealers},
		"users":       {"UserWhereInput", want.users},
		"products":    {"ProductWhereInput", want.products},
		"channels":    {"ChannelWhereInput", want.channels},
		"territories": {"TerritoryWhereInput", want.territories},
	}
	for _, r := range dealerRoots {
		roots[r.root] = struct {
			input string
			want  set
		}{r.input, want.listedRows[r.root]}
	}
	for _, root := range slices.Sorted(maps.Keys(roots)) {
		r := roots[root]
		var schema struct {
			Type struct{ InputFields []struct{ Name string } } `json:"__type"`
		}
		c.mustQuery(t, `query($n: String!) { __type(name: $n) { inputFields { name } } }`, map[string]any{"n": r.input}, &schema)
		for _, f := range schema.Type.InputFields {
			if !strings.HasPrefix(f.Name, "has") {
				continue
			}
			run := func(where string) set {
				var got map[string]connection
				c.mustQuery(t, fmt.Sprintf(`{ %s(first: 100, where: %s) { totalCount edges { node { id } } } }`, root, where), nil, &got)
				ids := got[root].ids()
				if !r.want.contains(ids) {
					t.Errorf("%s(where: %s) reveals %v", root, where, ids.sorted())
				}
				if got[root].TotalCount != len(ids) {
					t.Errorf("%s(where: %s) totalCount %d for %d rows", root, where, got[root].TotalCount, len(ids))
				}
				return ids
			}
			if strings.HasSuffix(f.Name, "With") {
				run(fmt.Sprintf(`{%s: [{idNEQ: "0"}]}`, f.Name))
				continue
			}
			yes, no := run(fmt.Sprintf("{%s: true}", f.Name)), run(fmt.Sprintf("{%s: false}", f.Name))
			maps.Copy(yes, no)
			if !yes.equal(r.want) {
				t.Errorf("%s: %s true and false together = %v, want %v", root, f.Name, yes.sorted(), r.want.sorted())
			}
		}
	}
}

// checkNodes: node(id:) and nodes(ids:) give every visible row, and a row
// that is not visible answers exactly as an id that does not exist.
func checkNodes(t *testing.T, c client, w world, want expected) {
	t.Helper()
	const missing = "8589999999" // in the dealers' id range, never used
	missingResp := c.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": missing})
	all := map[string]set{"dealer": want.dealers, "user": want.users, "contact": want.contacts, "product": want.products, "price": want.prices}
	var every []string
	for _, d := range w.Dealers {
		every = append(every, d.ID)
		for _, ct := range d.Contacts {
			every = append(every, ct.ID)
		}
	}
	for _, u := range w.Users {
		every = append(every, u.ID)
	}
	for _, p := range w.Products {
		every = append(every, p.ID)
		for _, pr := range p.Prices {
			every = append(every, pr.ID)
		}
	}
	for _, r := range dealerRoots {
		all[r.root] = want.dealerRows[r.root]
		// A sample: the demo has hundreds of each.
		for i, row := range w.dealerRows(r.root) {
			if i%15 == 0 {
				every = append(every, row.ID)
			}
		}
	}
	visible := func(id string) bool {
		for _, s := range all {
			if s[id] {
				return true
			}
		}
		return false
	}
	for _, id := range every {
		r := c.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
		if visible(id) {
			if len(r.Errors) > 0 || !strings.Contains(string(r.Data), id) {
				t.Errorf("node(%s) = %s %+v, want the row", id, r.Data, r.Errors)
			}
			continue
		}
		if string(r.Data) != string(missingResp.Data) || fmt.Sprint(r.Errors) != fmt.Sprint(missingResp.Errors) {
			t.Errorf("node(%s), not visible, = %s %+v; a missing id gives %s %+v", id, r.Data, r.Errors, missingResp.Data, missingResp.Errors)
		}
	}

	var got struct{ Nodes []*struct{ ID string } }
	r := c.query(t, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": every})
	_ = json.Unmarshal(r.Data, &got)
	seen := set{}
	for _, n := range got.Nodes {
		if n != nil {
			seen[n.ID] = true
		}
	}
	for _, id := range every {
		if seen[id] != visible(id) {
			t.Errorf("nodes: id %s returned %v, visible %v", id, seen[id], visible(id))
		}
	}
}

// checkEdges walks every edge both ways and checks it shows exactly the
// visible rows at its end; a to-one edge to a row the viewer may not read is
// null.
func checkEdges(t *testing.T, c client, w world, want expected) {
	t.Helper()
	var got struct {
		Channels struct {
			Edges []struct {
				Node struct {
					ID       string
					Dealers  connection
					Managers []struct{ ID string }
				}
			}
		}
		Territories struct {
			Edges []struct{ Node struct{ Dealers connection } }
		}
		Dealers struct {
			Edges []struct {
				Node struct {
					ID         string
					Parent     *struct{ ID string }
					Owner      *struct{ ID string }
					SubDealers []struct{ ID string }
					Users      []struct{ ID string }
					Contacts   []struct {
						ID     string
						Dealer struct{ ID string }
					}
				}
			}
		}
		Users struct {
			Edges []struct {
				Node struct {
					Dealer          *struct{ ID string }
					ManagedChannels []struct{ ID string }
					OwnedDealers    []struct{ ID string }
				}
			}
		}
		Products struct {
			Edges []struct {
				Node struct {
					ID     string
					Prices []struct {
						ID      string
						Product struct{ ID string }
					}
				}
			}
		}
	}
	for _, q := range []string{
		`{ channels(first: 10) { edges { node { id managers { id } dealers(first: 100) { totalCount edges { node { id } } } } } } }`,
		`{ territories(first: 10) { edges { node { dealers(first: 100) { totalCount edges { node { id } } } } } } }`,
		`{ dealers(first: 100) { edges { node { id parent { id } owner { id } subDealers { id } users { id } contacts { id dealer { id } } } } } }`,
		`{ users(first: 100) { edges { node { dealer { id } managedChannels { id } ownedDealers { id } } } } }`,
		`{ products(first: 100) { edges { node { id prices { id product { id } } } } } }`,
	} {
		c.mustQuery(t, q, nil, &got)
	}

	byID := map[string]int{}
	for i, d := range w.Dealers {
		byID[d.ID] = i
	}
	for _, e := range got.Channels.Edges {
		ch := e.Node
		wantHere := set{}
		for _, d := range w.Dealers {
			if d.ChannelID == ch.ID && want.dealers[d.ID] {
				wantHere[d.ID] = true
			}
		}
		if !ch.Dealers.ids().equal(wantHere) || ch.Dealers.TotalCount != len(wantHere) {
			t.Errorf("channel %s dealers = %v (total %d), want %v", ch.ID, ch.Dealers.ids().sorted(), ch.Dealers.TotalCount, wantHere.sorted())
		}
		if !want.users.contains(idsOf(ch.Managers)) {
			t.Errorf("channel %s managers reveal %v", ch.ID, idsOf(ch.Managers).sorted())
		}
	}
	for _, e := range got.Territories.Edges {
		if d := e.Node.Dealers; !want.dealers.contains(d.ids()) || d.TotalCount != len(d.ids()) {
			t.Errorf("territory dealers reveal %v (total %d)", d.ids().sorted(), d.TotalCount)
		}
	}
	for _, e := range got.Dealers.Edges {
		d, full := e.Node, w.Dealers[byID[e.Node.ID]]
		wantParent := full.ParentID != nil && want.dealers[*full.ParentID]
		if (d.Parent != nil) != wantParent {
			t.Errorf("dealer %s parent = %v, want visible %v", full.Code, d.Parent, wantParent)
		}
		wantOwner := full.OwnerID != nil && want.users[*full.OwnerID]
		if (d.Owner != nil) != wantOwner {
			t.Errorf("dealer %s owner = %v, want visible %v", full.Code, d.Owner, wantOwner)
		}
		subs := set{}
		for _, x := range w.Dealers {
			if x.ParentID != nil && *x.ParentID == d.ID && want.dealers[x.ID] {
				subs[x.ID] = true
			}
		}
		if !idsOf(d.SubDealers).equal(subs) {
			t.Errorf("dealer %s subDealers = %v, want %v", full.Code, idsOf(d.SubDealers).sorted(), subs.sorted())
		}
		users := set{}
		for _, u := range w.Users {
			if u.Dealer != nil && u.Dealer.ID == d.ID && want.users[u.ID] {
				users[u.ID] = true
			}
		}
		if !idsOf(d.Users).equal(users) {
			t.Errorf("dealer %s users = %v, want %v", full.Code, idsOf(d.Users).sorted(), users.sorted())
		}
		if len(d.Contacts) != len(full.Contacts) {
			t.Errorf("dealer %s has %d contacts, want %d", full.Code, len(d.Contacts), len(full.Contacts))
		}
		for _, ct := range d.Contacts {
			if ct.Dealer.ID != d.ID {
				t.Errorf("contact %s points back at %s, want %s", ct.ID, ct.Dealer.ID, d.ID)
			}
		}
	}
	for _, e := range got.Users.Edges {
		u := e.Node
		if u.Dealer != nil && !want.dealers[u.Dealer.ID] {
			t.Errorf("user.dealer reveals %s", u.Dealer.ID)
		}
		if !want.dealers.contains(idsOf(u.OwnedDealers)) {
			t.Errorf("user.ownedDealers reveals %v", idsOf(u.OwnedDealers).sorted())
		}
	}
	prices := set{}
	for _, e := range got.Products.Edges {
		for _, pr := range e.Node.Prices {
			prices[pr.ID] = true
			if pr.Product.ID != e.Node.ID {
				t.Errorf("price %s points back at %s, want %s", pr.ID, pr.Product.ID, e.Node.ID)
			}
		}
	}
	if !prices.equal(want.prices) {
		t.Errorf("prices = %v, want %v", prices.sorted(), want.prices.sorted())
	}
}

// TestVisibility_Orders: orders, their lines and history are seen with
// their dealer, by every path; a to-one edge to a row the viewer may not
// read (the manager who placed an order, a retired product) is null.
func TestVisibility_Orders(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		w := loadWorld(t, admin)
		all := allOrders(t, admin, "")
		if len(all) < 300 {
			t.Fatalf("%d demo orders, want a year of them", len(all))
		}
		ids := make([]string, 0, len(all))
		for id := range all {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, email := range viewers {
			t.Run(strings.TrimSuffix(email, "@demo.test"), func(t *testing.T) {
				c := signIn(t, m, email)
				want := expect(w, email)
				var me struct {
					Me struct {
						Role   string
						Dealer *struct{ ID string }
					}
				}
				c.mustQuery(t, `{ me { role dealer { id } } }`, nil, &me)

				visible, own := set{}, set{}
				for id, o := range all {
					if want.dealers[o.DealerID] {
						visible[id] = true
					}
					if me.Me.Dealer != nil && o.DealerID == me.Me.Dealer.ID {
						own[id] = true
					}
				}
				// The list: a dealer user's own dealer's orders by default,
				// everything the viewer sees for staff.
				listed := allOrders(t, c, "")
				wantListed := visible
				if me.Me.Dealer != nil {
					wantListed = own
				}
				if got := setOf(listed); !got.equal(wantListed) {
					t.Errorf("orders lists %d, want %d", len(got), len(wantListed))
				}
				// Every visible dealer's orders, by dealerID and by the edge.
				byDealer := set{}
				for d := range want.dealers {
					maps.Copy(byDealer, setOf(allOrders(t, c, d)))
				}
				if !byDealer.equal(visible) {
					t.Errorf("orders by dealer: %d, want %d", len(byDealer), len(visible))
				}
				// nodes(ids:) of every order: the visible ones and nulls.
				var got struct{ Nodes []*struct{ ID string } }
				for chunk := range slices.Chunk(ids, 100) {
					c.mustQueryAllowingErrors(t, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": chunk}, &got)
					for i, n := range got.Nodes {
						if (n != nil) != visible[chunk[i]] {
							t.Errorf("nodes: order %s returned %v, visible %v", chunk[i], n != nil, visible[chunk[i]])
						}
					}
				}
				// Edges: who placed and who acted are null when not readable;
				// lines and history come with the order.
				for _, o := range listed {
					full := all[o.ID]
					if len(o.Lines) != len(full.Lines) || len(o.History) != len(full.History) {
						t.Errorf("order %s: %d lines and %d events, want %d and %d", o.ID, len(o.Lines), len(o.History), len(full.Lines), len(full.History))
					}
					if (o.PlacedBy != nil) != (full.PlacedBy != nil && want.users[full.PlacedBy.ID]) {
						t.Errorf("order %s placedBy = %v, want visible only if the viewer reads that user", o.ID, o.PlacedBy)
					}
					for i, e := range o.History {
						if e.ActorName != full.History[i].ActorName {
							t.Errorf("order %s event %d actorName %q, want %q", o.ID, i, e.ActorName, full.History[i].ActorName)
						}
						if fa := full.History[i].Actor; (e.Actor != nil) != (fa != nil && want.users[fa.ID]) {
							t.Errorf("order %s event %d actor %v", o.ID, i, e.Actor)
						}
					}
					for i, l := range o.Lines {
						if fp := full.Lines[i].Product; (l.Product != nil) != (fp != nil && want.products[fp.ID]) {
							t.Errorf("order %s line %d product %v", o.ID, i, l.Product)
						}
					}
				}
			})
		}
	})
}

type orderView struct {
	ID, DealerID string
	PlacedBy     *struct{ ID string }
	Lines        []struct{ Product *struct{ ID string } }
	History      []struct {
		ActorName string
		Actor     *struct{ ID string }
	}
}

// allOrders pages through the orders c lists (of dealerID, when given).
func allOrders(t *testing.T, c client, dealerID string) map[string]orderView {
	t.Helper()
	out := map[string]orderView{}
	vars := map[string]any{}
	if dealerID != "" {
		vars["d"] = dealerID
	}
	for {
		var got struct {
			Orders struct {
				Edges    []struct{ Node orderView }
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		c.mustQuery(t, `query($d: ID, $after: Cursor) { orders(dealerID: $d, first: 100, after: $after) {
			edges { node { id dealerID placedBy { id } lines { product { id } } history { actorName actor { id } } } }
			pageInfo { hasNextPage endCursor } } }`, vars, &got)
		for _, e := range got.Orders.Edges {
			out[e.Node.ID] = e.Node
		}
		if !got.Orders.PageInfo.HasNextPage {
			return out
		}
		vars["after"] = got.Orders.PageInfo.EndCursor
	}
}

func setOf(m map[string]orderView) set {
	s := set{}
	for id := range m {
		s[id] = true
	}
	return s
}

// seedAccounts gives dealers of every kind — a distributor, one of its
// sub-dealers, a Retail dealer, dealers of the other channels — an order
// with a shipment in transit and its invoice, a payment and a credit note.
func seedAccounts(t *testing.T, admin client, w world) {
	t.Helper()
	var product struct {
		Products struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	admin.mustQuery(t, `{ products(first: 1, where: {active: true}, orderBy: {field: SKU}) { edges { node { id } } } }`, nil, &product)
	seeded := map[string]bool{} // dealer kinds seeded
	for _, d := range w.Dealers {
		kind := d.ChannelID
		switch {
		case d.Code == "D-NORTH" || d.Code == "D-SOUTH":
			kind = d.Code
		case d.ParentID != nil:
			kind = "sub of " + *d.ParentID
		}
		if seeded[kind] {
			continue
		}
		seeded[kind] = true
		o := seedOrder(t, admin, d.ID, product.Products.Edges[0].Node.ID)
		var sh struct {
			RecordDeliveryEvent struct{ Invoice struct{ ID, Amount string } }
		}
		admin.mustQuery(t, `mutation($s: ID!) { recordDeliveryEvent(input: {shipmentID: $s, status: IN_TRANSIT}) { invoice { id amount } } }`,
			map[string]any{"s": o.shipmentID}, &sh)
		admin.mustQuery(t, `mutation($d: ID!, $ref: String!, $at: Time!) { recordPayment(input: {dealerID: $d, amount: "1.00", receivedAt: $at, reference: $ref}) { id } }`,
			map[string]any{"d": d.ID, "ref": "SEED-" + d.Code, "at": time.Now().Format(time.RFC3339)}, &struct{}{})
		admin.mustQuery(t, `mutation($d: ID!) { issueCreditNote(input: {dealerID: $d, amount: "2.00", reason: "rebate"}) { id } }`,
			map[string]any{"d": d.ID}, &struct{}{})
	}
}

// seedRelationship gives dealers of every kind an interaction with a
// follow-up, logged by the administrator, and has the dealer users open a
// service ticket each (a distributor, its sub-dealer, a Retail dealer, a
// Key accounts distributor, an online seller).
func seedRelationship(t *testing.T, admin client, w world) {
	t.Helper()
	seeded := map[string]bool{}
	for _, d := range w.Dealers {
		kind := d.ChannelID
		switch {
		case d.Code == "D-NORTH" || d.Code == "D-SOUTH":
			kind = d.Code
		case d.ParentID != nil:
			kind = "sub of " + *d.ParentID
		}
		if seeded[kind] {
			continue
		}
		seeded[kind] = true
		admin.mustQuery(t, `mutation($d: ID!, $at: Time!, $due: Date!) { logInteraction(input: {dealerID: $d, kind: VISIT, occurredAt: $at,
			subject: "Seed visit", followUp: {dueOn: $due, text: "Seed follow-up"}}) { id } }`,
			map[string]any{"d": d.ID, "at": time.Now().Add(-time.Hour).UTC().Format(time.RFC3339), "due": time.Now().UTC().Format(time.DateOnly)}, &struct{}{})
	}
	for _, email := range []string{"north@demo.test", "capital@demo.test", "south@demo.test", "east@demo.test", "toolmall@demo.test"} {
		signIn(t, admin.m, email).mustQuery(t, `mutation { openServiceTicket(input: {subject: "Seed request", body: "Seed"}) { id } }`, nil, &struct{}{})
	}
}

type seededOrder struct{ orderID, lineID, shipmentID string }

// seedOrder places an order of one unit of product for a dealer as the
// administrator, confirms it and prepares its shipment.
func seedOrder(t *testing.T, admin client, dealerID, product string) seededOrder {
	t.Helper()
	var placed struct {
		PlaceOrder struct {
			ID         string
			CreditHold bool
			Lines      []struct{ ID string }
		}
	}
	admin.mustQuery(t, `mutation($d: ID!, $p: ID!) { placeOrder(input: {dealerID: $d, lines: [{productID: $p, quantity: 1}]}) { id creditHold lines { id } } }`,
		map[string]any{"d": dealerID, "p": product}, &placed)
	o := placed.PlaceOrder
	if o.CreditHold {
		admin.mustQuery(t, `mutation($id: ID!) { releaseCreditHold(orderID: $id, note: "seed") { id } }`, map[string]any{"id": o.ID}, &struct{}{})
	}
	admin.mustQuery(t, `mutation($id: ID!) { transitionOrder(id: $id, to: CONFIRMED) { id } }`, map[string]any{"id": o.ID}, &struct{}{})
	var sh struct{ CreateShipment struct{ ID string } }
	admin.mustQuery(t, `mutation($o: ID!, $l: ID!) { createShipment(input: {orderID: $o, lines: [{orderLineID: $l, quantity: 1}], carrier: "SF"}) { id } }`,
		map[string]any{"o": o.ID, "l": o.Lines[0].ID}, &sh)
	return seededOrder{orderID: o.ID, lineID: o.Lines[0].ID, shipmentID: sh.CreateShipment.ID}
}

// checkDealerRows: shipments, invoices, payments, credit notes and service
// tickets are seen with their dealer — in each dealer's list, through the
// dealer's edges and on the order — interactions too, by staff only, and a
// dealer's statement is there exactly when the dealer is. Lists are
// checked by their totalCount and first page: the demo has hundreds of
// rows.
func checkDealerRows(t *testing.T, c client, w world, want expected) {
	t.Helper()
	var me struct {
		Me struct{ Dealer *struct{ ID string } }
	}
	c.mustQuery(t, `{ me { dealer { id } } }`, nil, &me)
	internal := map[string]bool{}
	for _, r := range dealerRoots {
		internal[r.root] = r.internal
	}
	of := func(root, dealerID string) set {
		s := set{}
		if internal[root] && me.Me.Dealer != nil {
			return s
		}
		for _, row := range w.dealerRows(root) {
			if row.DealerID == dealerID && want.dealers[dealerID] {
				s[row.ID] = true
			}
		}
		return s
	}
	check := func(what string, got connection, want set) {
		t.Helper()
		if got.TotalCount != len(want) || !want.contains(got.ids()) {
			t.Errorf("%s = %d rows, first page %v; want %d rows, all visible", what, got.TotalCount, got.ids().sorted(), len(want))
		}
	}
	for _, r := range dealerRoots {
		// A dealer user's default list is its own dealer's rows; staff's
		// all they see.
		var own map[string]connection
		c.mustQuery(t, fmt.Sprintf(`{ %s(first: 100) { totalCount edges { node { id } } } }`, r.root), nil, &own)
		wantOwn := want.dealerRows[r.root]
		if me.Me.Dealer != nil {
			wantOwn = of(r.root, me.Me.Dealer.ID)
		}
		check(r.root, own[r.root], wantOwn)

		// Each dealer's list: its rows when the dealer is visible, else none.
		var q strings.Builder
		q.WriteString("{")
		for i, d := range w.Dealers {
			fmt.Fprintf(&q, ` d%d: %s(dealerID: %q, first: 20) { totalCount edges { node { id } } }`, i, r.root, d.ID)
		}
		q.WriteString(" }")
		var lists map[string]connection
		c.mustQuery(t, q.String(), nil, &lists)
		for i, d := range w.Dealers {
			check(fmt.Sprintf("%s(dealerID: %s)", r.root, d.Code), lists[fmt.Sprintf("d%d", i)], of(r.root, d.ID))
		}

		if !r.dealerEdge {
			continue
		}
		// Through the dealer's edge.
		var edges struct {
			Dealers struct {
				Edges []struct{ Node map[string]json.RawMessage }
			}
		}
		c.mustQuery(t, fmt.Sprintf(`{ dealers(first: 100) { edges { node { id %s(first: 10) { totalCount edges { node { id } } } } } } }`, r.root), nil, &edges)
		for _, e := range edges.Dealers.Edges {
			var id string
			var got connection
			if json.Unmarshal(e.Node["id"], &id) != nil || json.Unmarshal(e.Node[r.root], &got) != nil {
				t.Fatalf("dealer %s: %s", e.Node["id"], e.Node[r.root])
			}
			check(fmt.Sprintf("dealer %s %s", id, r.root), got, of(r.root, id))
		}
	}

	// Statements: seeded dealers, one the viewer may see and one it may not.
	missing := c.query(t, statementQuery, map[string]any{"d": "8589999999", "from": "2020-01-01", "to": "2030-12-31"})
	if missing.code() != "NOT_FOUND" {
		t.Errorf("statement of a missing dealer: %q, want NOT_FOUND", missing.code())
	}
	for _, d := range w.Dealers {
		has := false
		for _, row := range w.Invoices {
			has = has || row.DealerID == d.ID
		}
		if !has {
			continue
		}
		r := c.query(t, statementQuery, map[string]any{"d": d.ID, "from": "2020-01-01", "to": "2030-12-31"})
		if !want.dealers[d.ID] {
			if string(r.Data) != string(missing.Data) || fmt.Sprint(r.Errors) != fmt.Sprint(missing.Errors) {
				t.Errorf("statement of %s, not visible, = %s %+v; a missing dealer gives %s %+v", d.Code, r.Data, r.Errors, missing.Data, missing.Errors)
			}
			continue
		}
		var st struct {
			AccountStatement struct {
				Dealer struct{ Code string }
				Lines  []struct{ Kind string }
			}
		}
		documents := 0
		for _, root := range []string{"invoices", "payments", "creditNotes"} {
			documents += len(of(root, d.ID))
		}
		if len(r.Errors) > 0 || json.Unmarshal(r.Data, &st) != nil || st.AccountStatement.Dealer.Code != d.Code || len(st.AccountStatement.Lines) != documents {
			t.Errorf("statement of %s = %.300s %+v, want its %d invoices, payments and credit notes", d.Code, r.Data, r.Errors, documents)
		}
	}
}

// allDealerRows pages through a root list of rows seen with their dealer.
func allDealerRows(t *testing.T, c client, root string) []dealerRow {
	t.Helper()
	var rows []dealerRow
	vars := map[string]any{}
	for {
		var got map[string]struct {
			Edges    []struct{ Node dealerRow }
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
		c.mustQuery(t, fmt.Sprintf(`query($after: Cursor) { %s(first: 100, after: $after) { edges { node { id dealerID } } pageInfo { hasNextPage endCursor } } }`, root), vars, &got)
		for _, e := range got[root].Edges {
			rows = append(rows, e.Node)
		}
		if !got[root].PageInfo.HasNextPage {
			return rows
		}
		vars["after"] = got[root].PageInfo.EndCursor
	}
}

// seedOpenPolicy adds to the demo's reports and cases a report and a case
// of a sub-dealer, so that its distributor is shown to see the report and
// not the case, and an internal note on it.
func seedOpenPolicy(t *testing.T, admin client, w world) {
	t.Helper()
	codes := map[string]string{}
	for _, d := range w.Dealers {
		codes[d.Code] = d.ID
	}
	var territories struct {
		Territories struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
	}
	admin.mustQuery(t, `{ territories(first: 20) { edges { node { id code } } } }`, nil, &territories)
	var bth string
	for _, e := range territories.Territories.Edges {
		if e.Node.Code == "NC-BTH" {
			bth = e.Node.ID
		}
	}
	capital := signIn(t, admin.m, "capital@demo.test")
	capital.mustQuery(t, `mutation($t: ID!, $p: ID!, $on: Date!) { submitMarketReport(input: {territoryID: $t, productID: $p,
		competitor: "Seed competitor", observedPrice: "100.00", observedOn: $on}) { id } }`,
		map[string]any{"t": bth, "p": w.Products[0].ID, "on": time.Now().UTC().Format(time.DateOnly)}, &struct{}{})
	var opened struct{ OpenConflictCase struct{ ID string } }
	capital.mustQuery(t, `mutation($p: ID!) { openConflictCase(input: {severity: LOW, partyIDs: [$p], summary: "Seed case"}) { id } }`,
		map[string]any{"p": codes["D-EC-04"]}, &opened)
	admin.mustQuery(t, `mutation($id: ID!) { commentOnConflictCase(id: $id, body: "Seed internal note", internal: true) { id } }`,
		map[string]any{"id": opened.OpenConflictCase.ID}, &struct{}{})
}

// checkConflictCases: a case is seen by the users of its parties' dealers
// (not a distributor's for its sub-dealer's case) and by the staff who see
// one of its parties; one not seen answers exactly like a missing id, and
// so do its comments. Parties see no internal note or event, and the
// evidence orders only when they reported the case.
func checkConflictCases(t *testing.T, c client, w world, want expected) {
	t.Helper()
	var me struct {
		Me struct {
			Role   string
			Dealer *struct{ ID string }
		}
	}
	c.mustQuery(t, `{ me { role dealer { id } } }`, nil, &me)
	dealer := me.Me.Dealer != nil
	sees := set{}
	for _, cs := range w.ConflictCases {
		for _, p := range cs.Parties {
			switch {
			case me.Me.Role == "ADMIN", !dealer && want.dealers[p.ID], dealer && p.ID == me.Me.Dealer.ID:
				sees[cs.ID] = true
			}
		}
	}
	var list struct{ ConflictCases connection }
	c.mustQuery(t, `{ conflictCases(first: 100) { totalCount edges { node { id } } } }`, nil, &list)
	if !list.ConflictCases.ids().equal(sees) || list.ConflictCases.TotalCount != len(sees) {
		t.Errorf("conflictCases = %v (totalCount %d), want %v", list.ConflictCases.ids().sorted(), list.ConflictCases.TotalCount, sees.sorted())
	}
	missing := c.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "8589999999"})
	asMissing := func(id, what string) {
		t.Helper()
		r := c.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
		if string(r.Data) != string(missing.Data) || fmt.Sprint(r.Errors) != fmt.Sprint(missing.Errors) {
			t.Errorf("%s %s, not visible, = %s %+v; a missing id gives %s %+v", what, id, r.Data, r.Errors, missing.Data, missing.Errors)
		}
	}
	for _, cs := range w.ConflictCases {
		if !sees[cs.ID] {
			asMissing(cs.ID, "conflict case")
			for _, cm := range cs.Comments {
				asMissing(cm.ID, "comment")
			}
			continue
		}
		var got struct{ Node worldCase }
		c.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on ConflictCase { id parties { id } evidenceOrders { id }
			comments { id internal } history { internal } } } }`, map[string]any{"id": cs.ID}, &got)
		for _, p := range got.Node.Parties {
			if !want.dealers[p.ID] {
				t.Errorf("case %s shows party %s, a dealer the viewer may not see", cs.ID, p.ID)
			}
		}
		reporter := cs.ReporterDealerID != nil && dealer && *cs.ReporterDealerID == me.Me.Dealer.ID
		if dealer && !reporter && len(got.Node.EvidenceOrders) > 0 {
			t.Errorf("case %s shows its evidence orders to a party that did not report it", cs.ID)
		}
		wantComments, wantHistory := 0, 0
		for _, cm := range cs.Comments {
			if dealer && cm.Internal {
				asMissing(cm.ID, "internal comment")
				continue
			}
			wantComments++
		}
		for _, h := range cs.History {
			if !dealer || !h.Internal {
				wantHistory++
			}
		}
		if len(got.Node.Comments) != wantComments || len(got.Node.History) != wantHistory {
			t.Errorf("case %s: %d comments and %d events, want %d and %d", cs.ID, len(got.Node.Comments), len(got.Node.History), wantComments, wantHistory)
		}
		for _, cm := range got.Node.Comments {
			if dealer && cm.Internal {
				t.Errorf("case %s shows a party an internal comment", cs.ID)
			}
		}
	}
}
