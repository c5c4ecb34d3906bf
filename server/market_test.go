package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/server"
)

// openIDs are the demo rows the market and conflict tests work on, by code.
type openIDs struct {
	territories, dealers, products map[string]string
	inactive                       string // a product dealer users cannot see
}

func openPolicyIDs(t *testing.T, admin client) openIDs {
	t.Helper()
	var got struct {
		Territories, Dealers struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
		Products struct {
			Edges []struct {
				Node struct {
					ID, Sku string
					Active  bool
				}
			}
		}
	}
	admin.mustQuery(t, `{ territories(first: 100) { edges { node { id code } } } dealers(first: 100) { edges { node { id code } } } }`, nil, &got)
	admin.mustQuery(t, `{ products(first: 100) { edges { node { id sku active } } } }`, nil, &got)
	ids := openIDs{territories: map[string]string{}, dealers: map[string]string{}, products: map[string]string{}}
	for _, e := range got.Territories.Edges {
		ids.territories[e.Node.Code] = e.Node.ID
	}
	for _, e := range got.Dealers.Edges {
		ids.dealers[e.Node.Code] = e.Node.ID
	}
	for _, e := range got.Products.Edges {
		ids.products[e.Node.Sku] = e.Node.ID
		if !e.Node.Active {
			ids.inactive = e.Node.ID
		}
	}
	return ids
}

// openSnapshot is everything market reports and conflict cases can change,
// as the administrator sees it.
func openSnapshot(t *testing.T, admin client) string {
	t.Helper()
	var parts []string
	for _, q := range []string{
		`{ marketReports(first: 100) { totalCount edges { node { id dealerID competitor observedPrice observedOn note } } } }`,
		`{ conflictCases(first: 40) { totalCount edges { node { id status resolutionNote dueOn lastActivityAt
			parties { id } evidenceOrders { id } comments { id body internal } history { action from to note internal } } } } }`,
		`{ auditEntries(first: 1, orderBy: {field: AT, direction: DESC}) { totalCount } }`,
	} {
		r := admin.query(t, q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("snapshot: %+v", r.Errors)
		}
		parts = append(parts, string(r.Data))
	}
	return strings.Join(parts, "\n")
}

// refusedOpen runs a mutation that must be refused with code and field, and
// checks that it changed nothing.
func refusedOpen(t *testing.T, admin, c client, code, field, query string, vars map[string]any) {
	t.Helper()
	before := openSnapshot(t, admin)
	r := c.query(t, query, vars)
	if got := r.code(); got != code {
		t.Fatalf("code = %q, want %q (%+v)", got, code, r.Errors)
	}
	if got, _ := r.Errors[0].Extensions["field"].(string); got != field {
		t.Errorf("field = %q, want %q (%s)", got, field, r.Errors[0].Message)
	}
	if after := openSnapshot(t, admin); after != before {
		t.Errorf("a refused change changed data:\nbefore %s\nafter  %s", before, after)
	}
}

const submitReportQ = `mutation($in: SubmitMarketReportInput!) { submitMarketReport(input: $in) {
	id dealerID territoryID productID competitor observedPrice observedOn note reportedByName dealer { code } } }`

type reportNode struct {
	ID, DealerID, TerritoryID, ProductID, Competitor, ObservedPrice, ObservedOn, Note, ReportedByName string
	Dealer                                                                                            struct{ Code string }
}

type observation struct {
	Territory     struct{ Code string }
	Product       struct{ Sku string }
	Competitor    string
	ObservedPrice string
	ObservedOn    string
	OurPrice      *string
}

const observationsQ = `query($t: ID, $p: ID) { priceObservations(territoryID: $t, productID: $p, first: 100) {
	territory { code } product { sku } competitor observedPrice observedOn ourPrice } }`

func observations(t *testing.T, c client, vars map[string]any) []observation {
	t.Helper()
	var got struct{ PriceObservations []observation }
	c.mustQuery(t, observationsQ, vars, &got)
	return got.PriceObservations
}

func reportIDs(t *testing.T, c client, vars map[string]any) []string {
	t.Helper()
	var got struct{ MarketReports connection }
	c.mustQuery(t, `query($t: ID, $p: ID, $d: ID, $from: Date, $to: Date) { marketReports(territoryID: $t, productID: $p, dealerID: $d, from: $from, to: $to, first: 100) {
		totalCount edges { node { id } } } }`, vars, &got)
	if got.MarketReports.TotalCount != len(got.MarketReports.Edges) {
		t.Fatalf("totalCount %d for %d reports", got.MarketReports.TotalCount, len(got.MarketReports.Edges))
	}
	return connIDs(got.MarketReports)
}

// TestMarket_ReportsAndObservations: a dealer user reports a street price
// in its territory; it lists it among its own, its dealer's managers among
// their dealers', other managers not at all; a dealer sharing the
// territory sees the price without who saw it, next to its own price; a
// dealer outside the territory sees nothing of it.
func TestMarket_ReportsAndObservations(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager, keys := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "keys@demo.test")
		south, north, toolmall := signIn(t, m, "south@demo.test"), signIn(t, m, "north@demo.test"), signIn(t, m, "toolmall@demo.test")
		ids := openPolicyIDs(t, admin)
		prd, drill := ids.territories["SC-PRD"], ids.products["DR-1801"]

		var got struct{ SubmitMarketReport reportNode }
		south.mustQuery(t, submitReportQ, map[string]any{"in": map[string]any{
			"territoryID": prd, "productID": drill, "competitor": "  Zhongshan Tools ", "observedPrice": "777.00",
			"observedOn": businessDay(0), "note": "Seen at the Foshan market.",
		}}, &got)
		r := got.SubmitMarketReport
		if r.Dealer.Code != "D-SOUTH" || r.DealerID != ids.dealers["D-SOUTH"] || r.TerritoryID != prd || r.ProductID != drill ||
			r.Competitor != "Zhongshan Tools" || r.ObservedPrice != "777.00" || r.ObservedOn != businessDay(0) || r.ReportedByName != "Huang Min" {
			t.Errorf("report = %+v", r)
		}

		// Newest observation first: today's leads.
		if own := reportIDs(t, south, nil); len(own) == 0 || own[0] != r.ID {
			t.Errorf("south's reports = %v, want %s first", own, r.ID)
		}
		if got := reportIDs(t, manager, map[string]any{"t": prd, "p": drill, "from": businessDay(0)}); fmt.Sprint(got) != fmt.Sprint([]string{r.ID}) {
			t.Errorf("manager's reports in SC-PRD for DR-1801 from today = %v, want [%s]", got, r.ID)
		}
		if got := reportIDs(t, manager, map[string]any{"t": prd, "to": businessDay(0)}); containsID(got, r.ID) {
			t.Errorf("a report observed today is listed before today: %v", got)
		}
		if got := reportIDs(t, keys, map[string]any{"d": ids.dealers["D-SOUTH"]}); len(got) != 0 {
			t.Errorf("a manager of other channels lists South Traders' reports: %v", got)
		}
		if got := reportIDs(t, north, map[string]any{"d": ids.dealers["D-SOUTH"]}); len(got) != 0 {
			t.Errorf("North lists South Traders' reports: %v", got)
		}

		// ToolMall sells in SC-PRD too: it sees the price, not who saw it,
		// next to what it pays itself today.
		var price struct {
			Node struct{ Price *string }
		}
		toolmall.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Product { price } } }`, map[string]any{"id": drill}, &price)
		obs := observations(t, toolmall, map[string]any{"t": prd, "p": drill})
		if len(obs) == 0 || obs[0].Competitor != "Zhongshan Tools" || obs[0].ObservedPrice != "777.00" || obs[0].Territory.Code != "SC-PRD" {
			t.Fatalf("ToolMall's observations = %+v, want the new report first", obs)
		}
		if price.Node.Price == nil || obs[0].OurPrice == nil || *obs[0].OurPrice != *price.Node.Price {
			t.Errorf("ourPrice = %v, want ToolMall's price today %v", obs[0].OurPrice, price.Node.Price)
		}
		r2 := toolmall.query(t, `{ priceObservations { reportedByName } }`, nil)
		if r2.code() != "GRAPHQL_VALIDATION_FAILED" && len(r2.Errors) == 0 {
			t.Errorf("an observation names its reporter: %s", r2.Data)
		}
		// North does not sell in SC-PRD: naming it lists nothing, as a
		// territory without reports would.
		if obs := observations(t, north, map[string]any{"t": prd}); len(obs) != 0 {
			t.Errorf("North sees SC-PRD observations: %+v", obs)
		}
		for _, o := range observations(t, north, nil) {
			if o.Territory.Code != "NC-BTH" && o.Territory.Code != "NE-LJ" {
				t.Errorf("North sees an observation in %s", o.Territory.Code)
			}
		}
		// Staff have no price of their own.
		for _, o := range observations(t, manager, map[string]any{"t": prd}) {
			if o.OurPrice != nil {
				t.Errorf("a manager's observation has ourPrice %s", *o.OurPrice)
			}
		}
		if obs := observations(t, keys, map[string]any{"t": prd, "p": drill}); len(obs) != 0 && obs[0].Competitor == "Zhongshan Tools" {
			t.Errorf("a manager of other channels sees South Traders' observation: %+v", obs[0])
		}
	})
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestMarket_RefusedReports: every refusal of submitMarketReport, with its
// code and field, and nothing written.
func TestMarket_RefusedReports(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "south@demo.test")
		ids := openPolicyIDs(t, admin)
		input := func(change map[string]any) map[string]any {
			in := map[string]any{"territoryID": ids.territories["SC-PRD"], "productID": ids.products["DR-1801"],
				"competitor": "Zhongshan Tools", "observedPrice": "777.00", "observedOn": businessDay(0)}
			for k, v := range change {
				in[k] = v
			}
			return map[string]any{"in": in}
		}
		q := `mutation($in: SubmitMarketReportInput!) { submitMarketReport(input: $in) { id } }`
		for _, tc := range []struct {
			name        string
			c           client
			change      map[string]any
			code, field string
		}{
			{"ByStaff", manager, nil, "FORBIDDEN", ""},
			{"ByAdmin", admin, nil, "FORBIDDEN", ""},
			{"TerritoryNotYours", south, map[string]any{"territoryID": ids.territories["NC-BTH"]}, "INVALID_INPUT", "territoryID"},
			{"TerritoryMissing", south, map[string]any{"territoryID": "999999"}, "NOT_FOUND", "territoryID"},
			{"ProductYouCannotSee", south, map[string]any{"productID": ids.inactive}, "NOT_FOUND", "productID"},
			{"ProductMissing", south, map[string]any{"productID": "999999"}, "NOT_FOUND", "productID"},
			{"NoCompetitor", south, map[string]any{"competitor": "  "}, "INVALID_INPUT", "competitor"},
			{"CompetitorTooLong", south, map[string]any{"competitor": strings.Repeat("x", 201)}, "INVALID_INPUT", "competitor"},
			{"CompetitorOfTwoLines", south, map[string]any{"competitor": "a\nb"}, "INVALID_INPUT", "competitor"},
			{"ZeroPrice", south, map[string]any{"observedPrice": "0.00"}, "INVALID_INPUT", "observedPrice"},
			{"NegativePrice", south, map[string]any{"observedPrice": "-5.00"}, "INVALID_INPUT", "observedPrice"},
			{"InTheFuture", south, map[string]any{"observedOn": businessDay(1)}, "INVALID_INPUT", "observedOn"},
			{"NoteTooLong", south, map[string]any{"note": strings.Repeat("x", 2001)}, "INVALID_INPUT", "note"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				refusedOpen(t, admin, tc.c, tc.code, tc.field, q, input(tc.change))
			})
		}
		r := south.query(t, `{ priceObservations(first: 0) { competitor } }`, nil)
		if r.code() != "INVALID_INPUT" {
			t.Errorf("priceObservations(first: 0): %q %+v, want INVALID_INPUT", r.code(), r.Errors)
		}
		r = manager.query(t, `query($f: Date, $to: Date) { marketReports(from: $f, to: $to) { totalCount } }`, map[string]any{"f": businessDay(0), "to": businessDay(-1)})
		if r.code() != "INVALID_INPUT" {
			t.Errorf("marketReports ending before it starts: %q, want INVALID_INPUT", r.code())
		}
	})
}
