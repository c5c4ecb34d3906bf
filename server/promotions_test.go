package server_test

import (
	"slices"
	"testing"
	"time"

	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/server"
)

// The demo's promotions (demo/promotions.go).
const (
	accessoriesDeal = "Accessories volume deal"      // every dealer, Accessories from 10 units, 10 %
	drillWeeks      = "Retail brushless drill weeks" // channel Retail, DR-1801 and DR-1802, 15 %
)

type catalogueRow struct {
	ID, Sku, Category string
	Price             *string
	PromotedPrice     *string
	Promotions        []struct {
		Name        string
		MinQuantity *int
	}
}

func catalogueOf(t *testing.T, c client) map[string]catalogueRow {
	t.Helper()
	var got struct {
		Products struct{ Edges []struct{ Node catalogueRow } }
	}
	c.mustQuery(t, `{ products(first: 100) { edges { node { id sku category price promotedPrice promotions { name minQuantity } } } } }`, nil, &got)
	out := map[string]catalogueRow{}
	for _, e := range got.Products.Edges {
		out[e.Node.Sku] = e.Node
	}
	return out
}

type appliedRow struct {
	Name                string
	DiscountBasisPoints int
	Promotion           *struct{ ID, Name string }
}

type quoteResult struct {
	GrossTotal, Discount, Total, Exposure, CreditLimit string
	WouldHold                                          bool
	Lines                                              []struct {
		Product             struct{ Sku string }
		Quantity            int
		UnitPrice, Amount   string
		DiscountBasisPoints int
		AppliedPromotions   []appliedRow
	}
}

const quoteQ = `query($in: PlaceOrderInput!) { quoteOrder(input: $in) { grossTotal discount total exposure creditLimit wouldHold
	lines { product { sku } quantity unitPrice amount discountBasisPoints appliedPromotions { name discountBasisPoints promotion { id name } } } } }`

const placePromotedQ = `mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { id total creditHold
	lines { sku quantity unitPrice amount discountBasisPoints promotionName promotion { name }
		appliedPromotions { name discountBasisPoints promotion { id name } } } } }`

// A dealer's catalogue shows the promotions it would receive; quoteOrder
// prices a cart exactly as placeOrder then does, and writes nothing; the
// placed lines keep the promotions they received.
func TestPromotions_PricedAtPlacing(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		south := signIn(t, m, "south@demo.test")
		cat := catalogueOf(t, south)
		drill, acc, other := cat["DR-1801"], cat["AC-0110"], cat["SW-1801"]
		if len(drill.Promotions) != 1 || drill.Promotions[0].Name != drillWeeks || drill.PromotedPrice == nil {
			t.Fatalf("south's DR-1801: %+v; want the drill weeks and a promoted price", drill)
		}
		if p := minor(t, *drill.Price); minor(t, *drill.PromotedPrice) != (p*8500+5000)/10000 {
			t.Errorf("DR-1801 promoted price %s for price %s; want 15 %% off", *drill.PromotedPrice, *drill.Price)
		}
		// From 10 units: listed, but one unit gets nothing.
		if len(acc.Promotions) != 1 || acc.Promotions[0].Name != accessoriesDeal || *acc.Promotions[0].MinQuantity != 10 || acc.PromotedPrice != nil {
			t.Errorf("south's AC-0110: %+v; want the accessories deal from 10, no promoted price", acc)
		}
		if len(other.Promotions) != 0 || other.PromotedPrice != nil {
			t.Errorf("south's SW-1801: %+v; want no promotion", other)
		}
		// Another channel: the accessories deal only; staff: none.
		toolmall := catalogueOf(t, signIn(t, m, "toolmall@demo.test"))
		if len(toolmall["DR-1801"].Promotions) != 0 || len(toolmall["AC-0110"].Promotions) != 1 {
			t.Errorf("toolmall: DR-1801 %+v, AC-0110 %+v", toolmall["DR-1801"], toolmall["AC-0110"])
		}
		for _, p := range catalogueOf(t, signIn(t, m, "manager@demo.test")) {
			if len(p.Promotions) != 0 || p.PromotedPrice != nil {
				t.Fatalf("staff see promotions on %s: %+v", p.Sku, p)
			}
		}

		line := func(p catalogueRow, q int) map[string]any { return map[string]any{"productID": p.ID, "quantity": q} }
		in := map[string]any{"lines": []any{line(drill, 3), line(acc, 10), line(cat["AC-0132"], 9), line(other, 1)}}
		var orders0 struct{ Orders struct{ TotalCount int } }
		south.mustQuery(t, `{ orders { totalCount } }`, nil, &orders0)
		var q struct{ QuoteOrder quoteResult }
		south.mustQuery(t, quoteQ, map[string]any{"in": in}, &q)
		var orders1 struct{ Orders struct{ TotalCount int } }
		south.mustQuery(t, `{ orders { totalCount } }`, nil, &orders1)
		if orders1 != orders0 {
			t.Errorf("quoteOrder placed an order: %d → %d", orders0.Orders.TotalCount, orders1.Orders.TotalCount)
		}
		quote := q.QuoteOrder
		wantBP := []int{1500, 1000, 0, 0}
		var gross, total int64
		for i, l := range quote.Lines {
			if l.DiscountBasisPoints != wantBP[i] {
				t.Errorf("quote line %d (%s): %d bp; want %d", i, l.Product.Sku, l.DiscountBasisPoints, wantBP[i])
			}
			price := minor(t, l.UnitPrice)
			gross += price * int64(l.Quantity)
			if want := (price*int64(l.Quantity)*int64(10000-wantBP[i]) + 5000) / 10000; minor(t, l.Amount) != want {
				t.Errorf("quote line %d amount %s; want %d minor units", i, l.Amount, want)
			}
			total += minor(t, l.Amount)
		}
		if minor(t, quote.GrossTotal) != gross || minor(t, quote.Total) != total || minor(t, quote.Discount) != gross-total {
			t.Errorf("quote totals %+v; want gross %d total %d", quote, gross, total)
		}
		if a := quote.Lines[0].AppliedPromotions; len(a) != 1 || a[0].Name != drillWeeks || a[0].Promotion == nil || a[0].Promotion.Name != drillWeeks {
			t.Errorf("quote line 0 applied %+v", a)
		}
		if a := quote.Lines[3].AppliedPromotions; a == nil || len(a) != 0 {
			t.Errorf("quote line 3 applied %+v; want an empty list", a)
		}

		var placed struct {
			PlaceOrder struct {
				ID, Total  string
				CreditHold bool
				Lines      []struct {
					Sku, UnitPrice, Amount string
					DiscountBasisPoints    int
					PromotionName          *string
					Promotion              *struct{ Name string }
					AppliedPromotions      []appliedRow
				}
			}
		}
		south.mustQuery(t, placePromotedQ, map[string]any{"in": in}, &placed)
		o := placed.PlaceOrder
		if o.Total != quote.Total || o.CreditHold != quote.WouldHold || len(o.Lines) != len(quote.Lines) {
			t.Fatalf("placed %+v; quoted %+v", o, quote)
		}
		for i, l := range o.Lines {
			ql := quote.Lines[i]
			if l.Amount != ql.Amount || l.UnitPrice != ql.UnitPrice || l.DiscountBasisPoints != ql.DiscountBasisPoints || len(l.AppliedPromotions) != len(ql.AppliedPromotions) {
				t.Errorf("placed line %d %+v; quoted %+v", i, l, ql)
			}
		}
		if l := o.Lines[0]; l.PromotionName == nil || *l.PromotionName != drillWeeks || l.Promotion == nil || l.Promotion.Name != drillWeeks {
			t.Errorf("placed DR-1801 line: %+v", l)
		}
		if l := o.Lines[3]; l.PromotionName != nil || l.Promotion != nil || l.AppliedPromotions == nil || len(l.AppliedPromotions) != 0 {
			t.Errorf("placed SW-1801 line: %+v; want no promotion, an empty list", l)
		}

		// A manager quotes for a dealer of its own as placeOrder would price it.
		var mq struct{ QuoteOrder quoteResult }
		var southID struct {
			Me struct{ Dealer struct{ ID string } }
		}
		south.mustQuery(t, `{ me { dealer { id } } }`, nil, &southID)
		signIn(t, m, "manager@demo.test").mustQuery(t, quoteQ, map[string]any{"in": map[string]any{
			"dealerID": southID.Me.Dealer.ID, "lines": in["lines"]}}, &mq)
		if mq.QuoteOrder.Total != quote.Total {
			t.Errorf("the manager's quote %s; south's %s", mq.QuoteOrder.Total, quote.Total)
		}

		// The same checks as placeOrder, the same errors.
		for _, bad := range []map[string]any{
			{"lines": []any{}},
			{"lines": []any{line(drill, 0)}},
			{"lines": []any{line(drill, 1), line(drill, 2)}},
			{"lines": []any{line(drill, 1)}, "requestedDeliveryDate": "2000-01-01"},
			{"lines": []any{line(drill, 1)}, "idempotencyKey": " "},
			{"lines": []any{map[string]any{"productID": "8589999999", "quantity": 1}}},
		} {
			rq, rp := south.query(t, quoteQ, map[string]any{"in": bad}), south.query(t, placeOrder, map[string]any{"in": bad})
			if rq.code() == "" || rq.code() != rp.code() || field(rq) != field(rp) {
				t.Errorf("%v: quoteOrder %+v, placeOrder %+v; want the same error", bad, rq.Errors, rp.Errors)
			}
		}
	})
}

func field(r gqlResponse) any {
	if len(r.Errors) == 0 {
		return nil
	}
	return r.Errors[0].Extensions["field"]
}

// minor parses a Money amount ("1299.00") into minor units.
func minor(t *testing.T, s string) int64 {
	t.Helper()
	n, err := money.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const createPromotionQ = `mutation($in: PromotionInput!) { createPromotion(input: $in) { id name status current discountBasisPoints minQuantity
	categories stacks announcement { id title category } audience { all channels { code } dealers { code } } products { sku } } }`

func promotionIn(name string, audience map[string]any, kv ...any) map[string]any {
	today := time.Now().Format(time.DateOnly)
	in := map[string]any{"name": name, "audience": audience, "discountBasisPoints": 500,
		"validFrom": today, "validTo": time.Now().AddDate(0, 0, 7).Format(time.DateOnly)}
	for i := 0; i < len(kv); i += 2 {
		in[kv[i].(string)] = kv[i+1]
	}
	return in
}

type promotionSnapshot struct {
	Promotions    struct{ TotalCount int }
	Announcements struct{ TotalCount int }
	AuditEntries  struct{ TotalCount int }
}

func snapshotPromotions(t *testing.T, admin client) promotionSnapshot {
	var s promotionSnapshot
	admin.mustQuery(t, `{ promotions { totalCount } announcements { totalCount } auditEntries { totalCount } }`, nil, &s)
	return s
}

// A manager publishes promotions to its own channels' dealers only; bad
// input changes nothing; a withdrawn promotion is not changed.
func TestPromotions_WhoPublishesWhat(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		ids := audienceIDs(t, admin)
		dealers := dealerIDs(t, admin)
		before := snapshotPromotions(t, admin)
		for _, tt := range []struct {
			c            client
			name         string
			in           map[string]any
			code, field_ string
		}{
			{manager, "another's channel", promotionIn("x", map[string]any{"channelIDs": []string{ids.channel["KEY"]}}), "FORBIDDEN", "audience"},
			{manager, "every dealer", promotionIn("x", map[string]any{"all": true}), "FORBIDDEN", "audience"},
			{manager, "a tier alone", promotionIn("x", map[string]any{"tiers": []int{2}}), "FORBIDDEN", "audience"},
			{manager, "another's dealer", promotionIn("x", map[string]any{"dealerIDs": []string{dealers["D-EC-01"]}}), "NOT_FOUND", "audience.dealerIDs"},
			{manager, "a missing dealer", promotionIn("x", map[string]any{"dealerIDs": []string{"8589999999"}}), "NOT_FOUND", "audience.dealerIDs"},
			{signIn(t, m, "south@demo.test"), "a dealer", promotionIn("x", map[string]any{"all": true}), "FORBIDDEN", ""},
			{admin, "no discount", promotionIn("x", map[string]any{"all": true}, "discountBasisPoints", 0), "INVALID_INPUT", "discountBasisPoints"},
			{admin, "over 100 %", promotionIn("x", map[string]any{"all": true}, "discountBasisPoints", 10001), "INVALID_INPUT", "discountBasisPoints"},
			{admin, "no quantity", promotionIn("x", map[string]any{"all": true}, "minQuantity", 0), "INVALID_INPUT", "minQuantity"},
			{admin, "ends before it starts", promotionIn("x", map[string]any{"all": true}, "validTo", "2020-01-01"), "INVALID_INPUT", "validTo"},
			{admin, "no such category", promotionIn("x", map[string]any{"all": true}, "categories", []string{"Hats"}), "INVALID_INPUT", "categories"},
			{admin, "no such product", promotionIn("x", map[string]any{"all": true}, "productIDs", []string{"8589999999"}), "NOT_FOUND", "productIDs"},
			{admin, "no audience", promotionIn("x", map[string]any{}), "INVALID_INPUT", "audience"},
		} {
			r := tt.c.query(t, createPromotionQ, map[string]any{"in": tt.in})
			if r.code() != tt.code || (tt.field_ != "" && field(r) != tt.field_) {
				t.Errorf("%s: %+v; want %s on %q", tt.name, r.Errors, tt.code, tt.field_)
			}
		}
		if after := snapshotPromotions(t, admin); after != before {
			t.Errorf("refused promotions wrote: %+v → %+v", before, after)
		}

		var got struct {
			CreatePromotion struct {
				ID, Name, Status string
				Current          bool
				Categories       []string
				Announcement     *struct{ Title, Category string }
				Audience         struct{ Channels []struct{ Code string } }
			}
		}
		manager.mustQuery(t, createPromotionQ, map[string]any{"in": promotionIn("Retail grinders", map[string]any{"channelIDs": []string{ids.channel["RETAIL"]}},
			"categories", []string{"Grinders & Sanders", " Grinders & Sanders"}, "minQuantity", 5)}, &got)
		p := got.CreatePromotion
		if !p.Current || p.Status != "ACTIVE" || !slices.Equal(p.Categories, []string{"Grinders & Sanders"}) ||
			p.Announcement == nil || p.Announcement.Category != "PROMOTION" || p.Announcement.Title != "Retail grinders" {
			t.Errorf("created %+v", p)
		}
		// The key accounts manager neither reads it nor changes it.
		keys := signIn(t, m, "keys@demo.test")
		if r := keys.query(t, `mutation($id: ID!) { withdrawPromotion(id: $id) { id } }`, map[string]any{"id": p.ID}); r.code() != "NOT_FOUND" {
			t.Errorf("keys withdraws another's promotion: %+v", r.Errors)
		}
		upd := promotionIn("Retail grinders, longer", map[string]any{"channelIDs": []string{ids.channel["RETAIL"]}}, "discountBasisPoints", 700)
		var u struct {
			UpdatePromotion struct {
				Name                string
				DiscountBasisPoints int
				MinQuantity         *int
				Categories          []string
			}
		}
		manager.mustQuery(t, `mutation($id: ID!, $in: PromotionInput!) { updatePromotion(id: $id, input: $in) { name discountBasisPoints minQuantity categories } }`,
			map[string]any{"id": p.ID, "in": upd}, &u)
		if u.UpdatePromotion.DiscountBasisPoints != 700 || u.UpdatePromotion.MinQuantity != nil || len(u.UpdatePromotion.Categories) != 0 {
			t.Errorf("updated %+v", u.UpdatePromotion)
		}
		var w struct {
			WithdrawPromotion struct {
				Status  string
				Current bool
			}
		}
		manager.mustQuery(t, `mutation($id: ID!) { withdrawPromotion(id: $id) { status current } }`, map[string]any{"id": p.ID}, &w)
		if w.WithdrawPromotion.Status != "WITHDRAWN" || w.WithdrawPromotion.Current {
			t.Errorf("withdrawn %+v", w.WithdrawPromotion)
		}
		if r := manager.query(t, `mutation($id: ID!, $in: PromotionInput!) { updatePromotion(id: $id, input: $in) { id } }`,
			map[string]any{"id": p.ID, "in": upd}); r.code() != "INVALID_TRANSITION" {
			t.Errorf("updating a withdrawn promotion: %+v", r.Errors)
		}

		// promotions(activeOn:) lists the valid ones.
		var list struct {
			Promotions struct {
				Edges []struct{ Node struct{ Name string } }
			}
		}
		admin.mustQuery(t, `query($d: Date) { promotions(activeOn: $d) { edges { node { name } } } }`, map[string]any{"d": time.Now().Format(time.DateOnly)}, &list)
		var names []string
		for _, e := range list.Promotions.Edges {
			names = append(names, e.Node.Name)
		}
		if !slices.Equal(names, []string{accessoriesDeal, drillWeeks}) {
			t.Errorf("active today: %q", names)
		}
		admin.mustQuery(t, `{ promotions(activeOn: "2099-01-01") { edges { node { name } } } }`, nil, &list)
		if len(list.Promotions.Edges) != 0 {
			t.Errorf("active in 2099: %+v", list.Promotions.Edges)
		}
	})
}

func dealerIDs(t *testing.T, admin client) map[string]string {
	t.Helper()
	var got struct {
		Dealers struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
	}
	admin.mustQuery(t, `{ dealers(first: 100) { edges { node { id code } } } }`, nil, &got)
	out := map[string]string{}
	for _, e := range got.Dealers.Edges {
		out[e.Node.Code] = e.Node.ID
	}
	return out
}

// A promotion naming one dealer reaches that dealer alone, live: its
// announcement is heard by it, not by its distributor or another dealer.
func TestPromotions_AnnouncedToTheAudienceOnly(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		capital, north, south := signIn(t, m, "capital@demo.test"), signIn(t, m, "north@demo.test"), signIn(t, m, "south@demo.test")
		dealers := dealerIDs(t, admin)
		sockets := map[string]*ws{}
		for name, c := range map[string]client{"capital": capital, "north": north, "south": south} {
			sockets[name] = connect(t, m, transportWS, c.token)
			sockets[name].subscribe("a", announcementPublished, nil)
		}
		time.Sleep(100 * time.Millisecond) // the subscriptions are registered

		var got struct{ CreatePromotion struct{ ID string } }
		admin.mustQuery(t, createPromotionQ, map[string]any{"in": promotionIn("Capital showroom deal", map[string]any{"dealerIDs": []string{dealers["D-BJ-01"]}})}, &got)
		admin.mustQuery(t, createPromotionQ, map[string]any{"in": promotionIn("Everyone's deal", map[string]any{"all": true})}, &got)

		if titles, _ := sockets["capital"].expectAnnouncements("a", 2); !slices.Equal(titles, []string{"Capital showroom deal", "Everyone's deal"}) {
			t.Errorf("capital heard %q", titles)
		}
		for _, name := range []string{"north", "south"} {
			if titles, _ := sockets[name].expectAnnouncements("a", 1); !slices.Equal(titles, []string{"Everyone's deal"}) {
				t.Errorf("%s heard %q", name, titles)
			}
			sockets[name].quiet(200 * time.Millisecond)
		}
		// And reads it in the list accordingly.
		for name, c := range map[string]client{"capital": capital, "north": north} {
			titles, _, _ := announcementsOf(t, c)
			if has := slices.Contains(titles, "Capital showroom deal"); has != (name == "capital") {
				t.Errorf("%s lists %q", name, titles)
			}
		}
	})
}
