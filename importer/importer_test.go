package importer_test

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/inventoryline"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/marketreport"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/importer"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

var shanghai = time.FixedZone("CST", 8*3600)

func config() importer.Config { return importer.Config{Location: shanghai} }

func example(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../examples/history.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// snapshot counts the rows an import writes, to tell that a second import
// changed nothing.
func snapshot(t *testing.T, ctx context.Context, c *ent.Client) map[string]int {
	t.Helper()
	counts := map[string]func() (int, error){
		"orders":      func() (int, error) { return c.Order.Query().Count(ctx) },
		"orderEvents": func() (int, error) { return c.OrderEvent.Query().Count(ctx) },
		"shipments":   func() (int, error) { return c.Shipment.Query().Count(ctx) },
		"tracking":    func() (int, error) { return c.DeliveryEvent.Query().Count(ctx) },
		"invoices":    func() (int, error) { return c.Invoice.Query().Count(ctx) },
		"payments":    func() (int, error) { return c.Payment.Query().Count(ctx) },
		"credits":     func() (int, error) { return c.CreditNote.Query().Count(ctx) },
		"allocations": func() (int, error) { return c.Allocation.Query().Count(ctx) },
		"users":       func() (int, error) { return c.User.Query().Count(ctx) },
		"facts":       func() (int, error) { return c.InventoryLine.Query().Count(ctx) },
		"tickets":     func() (int, error) { return c.ServiceTicket.Query().Count(ctx) },
		"cases":       func() (int, error) { return c.ConflictCase.Query().Count(ctx) },
		"reports":     func() (int, error) { return c.MarketReport.Query().Count(ctx) },
	}
	out := map[string]int{}
	for k, f := range counts {
		n, err := f()
		if err != nil {
			t.Fatal(err)
		}
		out[k] = n
	}
	return out
}

func TestImportExample(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sys := access.Bypass(ctx)
		res, err := importer.Import(ctx, db.Client, config(), nil, example(t), importer.Progress{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Records() != 31 || len(res.Unchanged) != 0 {
			t.Fatalf("first import: created %v, unchanged %v", res.Created, res.Unchanged)
		}

		o, err := db.Client.Order.Query().Where(order.Number("SO-H-0001")).Only(sys)
		if err != nil {
			t.Fatal(err)
		}
		// 20 × 730.00 + 10 × 290.00 less 5%.
		if o.Status != status.Delivered || o.Total != 1_735_500 || o.CreditHold {
			t.Errorf("SO-H-0001: %s, total %d, hold %v", o.Status, o.Total, o.CreditHold)
		}
		if !o.PlacedAt.Equal(time.Date(2026, 6, 30, 16, 30, 0, 0, time.UTC)) {
			t.Errorf("placed at %s", o.PlacedAt)
		}
		delivered, err := db.Client.OrderEvent.Query().Where(orderevent.OrderID(o.ID), orderevent.ToEQ(status.Delivered)).Only(sys)
		if err != nil || !delivered.At.Equal(time.Date(2026, 7, 3, 16, 20, 0, 0, shanghai)) {
			t.Errorf("delivered event: %v %v", delivered, err)
		}
		inv, err := db.Client.Invoice.Query().Where(invoice.Number("INV-H-0001")).Only(sys)
		if err != nil {
			t.Fatal(err)
		}
		// Issued the day it went in transit, due after the dealer's 30
		// days; 10,000 + 5,000 paid and 580 credited, oldest first.
		if got := inv.IssuedOn.Format(time.DateOnly); got != "2026-07-02" || inv.DueOn.Format(time.DateOnly) != "2026-08-01" {
			t.Errorf("invoice issued %s, due %s", got, inv.DueOn.Format(time.DateOnly))
		}
		if inv.Amount != 1_735_500 || inv.Balance != 1_735_500-1_000_000-500_000-58_000 {
			t.Errorf("invoice amount %d, balance %d", inv.Amount, inv.Balance)
		}
		cancelled, err := db.Client.Order.Query().Where(order.Number("SO-H-0002")).Only(sys)
		if err != nil || cancelled.Status != status.Cancelled {
			t.Errorf("SO-H-0002: %v %v", cancelled, err)
		}

		partly, err := db.Client.Order.Query().Where(order.Number("SO-H-0003")).Only(sys)
		if err != nil || partly.Status != status.PartiallyDelivered {
			t.Errorf("SO-H-0003: %v %v", partly, err)
		}
		// In transit at 00:30 on 1 August in Shanghai (31 July in UTC):
		// invoiced on 1 August, due after the distributor's 60 days.
		second, err := db.Client.Invoice.Query().Where(invoice.HasShipmentWith(shipment.Ref("SHP-H-0003"))).Only(sys)
		if err != nil || second.IssuedOn.Format(time.DateOnly) != "2026-08-01" || second.DueOn.Format(time.DateOnly) != "2026-09-30" || second.Amount != 1_300_000 {
			t.Errorf("the second shipment's invoice: %+v %v", second, err)
		}
		stock, err := db.Client.InventoryLine.Query().Where(inventoryline.HasProductWith(product.Sku("DRL-18V"))).Only(sys)
		if err != nil || stock.Stock != 6 || stock.UnitCost != 42_000 {
			t.Errorf("inventory line: %+v %v", stock, err)
		}
		report, err := db.Client.MarketReport.Query().Where(marketreport.Ref("MKT-1")).WithDealer().Only(sys)
		if err != nil || report.Edges.Dealer.Code != "D-SH-01" || report.ReportedByName != "Zhao Min" {
			t.Errorf("market report: %+v %v", report, err)
		}
		cc, err := db.Client.ConflictCase.Query().Where(conflictcase.Ref("CASE-1")).Only(sys)
		if err != nil || cc.DueOn.Format(time.DateOnly) != "2026-07-26" || cc.Status != casestatus.Resolved || cc.Number == "" {
			t.Errorf("conflict case: %+v %v", cc, err)
		}
		for ref, want := range map[string]serviceticket.Status{"TICKET-1": serviceticket.StatusCLOSED, "TICKET-2": serviceticket.StatusOPEN} {
			tk, err := db.Client.ServiceTicket.Query().Where(serviceticket.Ref(ref)).Only(sys)
			if err != nil || tk.Status != want || tk.Number == "" {
				t.Errorf("%s: %+v %v", ref, tk, err)
			}
		}

		before := snapshot(t, sys, db.Client)
		again, err := importer.Import(ctx, db.Client, config(), nil, example(t), importer.Progress{})
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Created) != 0 || again.Records() != 31 {
			t.Errorf("second import: created %v, unchanged %v", again.Created, again.Unchanged)
		}
		after := snapshot(t, sys, db.Client)
		for k, n := range before {
			if after[k] != n {
				t.Errorf("second import changed %s: %d → %d", k, n, after[k])
			}
		}
	})
}

// The format's documentation shows the example as it is tested.
func TestDocumentedExample(t *testing.T) {
	doc := mustRead(t, "../docs/IMPORT.md")
	if !strings.Contains(string(doc), "```json\n"+string(example(t))+"```") {
		t.Error("docs/IMPORT.md does not show examples/history.ndjson as it is")
	}
}

func refused(t *testing.T, err error) []importer.Problem {
	t.Helper()
	var r *importer.Refused
	if !errors.As(err, &r) {
		t.Fatalf("want the file refused, got %v", err)
	}
	return r.Problems
}

func has(ps []importer.Problem, line int, field, code string) bool {
	for _, p := range ps {
		if p.Line == line && p.Field == field && p.Code == code {
			return true
		}
	}
	return false
}

func TestBadLinesWriteNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		file := strings.Join([]string{
			`{"kind":"channel","code":"RETAIL","name":"Retail"}`,
			`{"kind":"product","sku":"X-1","name":"X","category":"C","unitCost":"12.345","listPrice":"20"}`,
			`{"kind":"dealer","code":"D-1","name":"One","tier":2,"channel":"NOPE","territories":[],"status":"ACTIVE","creditLimit":"1000","paymentTermsDays":30,"joinedOn":"2024-01-01"}`,
			`not json`,
			`{"kind":"order","number":"SO-1","dealer":"D-1","placedAt":"2026-07-01 10:00","lines":[]}`,
		}, "\n")
		_, err := importer.Import(ctx, db.Client, config(), nil, []byte(file), importer.Progress{})
		ps := refused(t, err)
		for _, want := range []struct {
			line        int
			field, code string
		}{{2, "unitCost", importer.Invalid}, {4, "", importer.Invalid}, {5, "placedAt", importer.Invalid}, {5, "lines", importer.Invalid}} {
			if !has(ps, want.line, want.field, want.code) {
				t.Errorf("no %s on line %d field %q in %v", want.code, want.line, want.field, ps)
			}
		}
		// Lines that read well but refer to what is not there are reported
		// when applied, every one of them.
		file = strings.Join([]string{
			`{"kind":"channel","code":"RETAIL","name":"Retail"}`,
			`{"kind":"dealer","code":"D-1","name":"One","tier":2,"channel":"NOPE","territories":[],"status":"ACTIVE","creditLimit":"1000","paymentTermsDays":30,"joinedOn":"2024-01-01"}`,
			`{"kind":"quota","dealer":"D-2","month":"2026-07","amount":"10"}`,
		}, "\n")
		_, err = importer.Import(ctx, db.Client, config(), nil, []byte(file), importer.Progress{})
		ps = refused(t, err)
		if !has(ps, 2, "channel", importer.NotFound) || !has(ps, 3, "dealer", importer.NotFound) {
			t.Errorf("problems: %v", ps)
		}
		if n, err := db.Client.Channel.Query().Count(access.Bypass(ctx)); err != nil || n != 0 {
			t.Errorf("a refused file wrote %d channels (%v)", n, err)
		}
	})
}

func TestChangedContentIsAConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := importer.Import(ctx, db.Client, config(), nil, example(t), importer.Progress{}); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, access.Bypass(ctx), db.Client)
		changed := strings.Replace(string(example(t)), `"quantity":20,"unitPrice":"730.00"`, `"quantity":21,"unitPrice":"730.00"`, 1)
		changed = strings.Replace(changed, `"score":4`, `"score":5`, 1)
		_, err := importer.Import(ctx, db.Client, config(), nil, []byte(changed), importer.Progress{})
		ps := refused(t, err)
		if !has(ps, 14, "lines[0].quantity", importer.Conflict) || !has(ps, 27, "score", importer.Conflict) || len(ps) != 2 {
			t.Errorf("problems: %v", ps)
		}
		after := snapshot(t, access.Bypass(ctx), db.Client)
		for k, n := range before {
			if after[k] != n {
				t.Errorf("a refused file changed %s: %d → %d", k, n, after[k])
			}
		}
	})
}

func TestAcceptsOnlyExplicitMoves(t *testing.T) {
	_, ps := importer.DecodeLine(1, []byte(`{"kind":"order","number":"SO-1","dealer":"D","placedAt":"2026-07-01T10:00:00Z","lines":[{"sku":"A","quantity":1,"unitPrice":"1","unitCost":"1"}],"events":[{"to":"DELIVERED","at":"2026-07-02T10:00:00Z"}]}`))
	if !has(ps, 1, "events[0].to", importer.Invalid) {
		t.Errorf("problems: %v", ps)
	}
	_, ps = importer.DecodeLine(3, []byte(`{"kind":"marketReport","ref":"M","territory":"T","sku":"A","date":"2026-07-01","observedPrice":"1","competitor":"C"}`))
	if !has(ps, 3, "dealer", importer.Invalid) {
		t.Errorf("a market report without a dealer: %v", ps)
	}
	future := time.Now().Add(time.Hour).Format(time.RFC3339)
	_, ps = importer.DecodeLine(4, []byte(`{"kind":"payment","reference":"R","dealer":"D","receivedAt":"`+future+`","amount":"1"}`))
	if !has(ps, 4, "receivedAt", importer.Invalid) {
		t.Errorf("a payment received in the future: %v", ps)
	}
	_, ps = importer.DecodeLine(2, []byte(`{"kind":"channel","code":"A","name":"B","colour":"red"}`))
	if !has(ps, 2, "colour", importer.Invalid) {
		t.Errorf("an unknown field: %v", ps)
	}
}

// FuzzImportLine: whatever a line holds, decoding it never panics, and a
// line it accepts has a kind and no problems, a refused one problems on
// its own line only.
func FuzzImportLine(f *testing.F) {
	for _, line := range strings.Split(string(mustRead(f, "../examples/history.ndjson")), "\n") {
		f.Add([]byte(line))
	}
	f.Add([]byte(`{"kind":"order","lines":[{"quantity":-1}],"events":[{"to":"X"}]}`))
	f.Add([]byte(`{"kind":"price","amount":12}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		rec, ps := importer.DecodeLine(7, raw)
		for _, p := range ps {
			if p.Line != 7 || p.Code == "" || p.Message == "" {
				t.Fatalf("problem %+v", p)
			}
		}
		if len(ps) == 0 && rec.Kind == "" {
			t.Fatalf("accepted %q without a kind", raw)
		}
	})
}

func mustRead(tb testing.TB, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestCommand runs `dealerline import` on a fresh database of each kind:
// the example imports, twice; a bad file prints its problems as JSON, one
// a line, and fails.
func TestCommand(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			env := map[string]string{"DEALERLINE_DATA": t.TempDir()}
			if kind == "postgres" {
				env["DATABASE_URL"] = storetest.EmptyPostgres(t)
			}
			getenv := func(k string) string { return env[k] }
			ctx := context.Background()
			for round := range 2 {
				var out, errs strings.Builder
				if err := importer.Command(ctx, []string{"--timezone", "Asia/Shanghai", "../examples/history.ndjson"}, getenv, &out, &errs); err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
				want := "order                         3          0"
				if round == 1 {
					want = "order                         0          3"
				}
				if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "Imported 31 records.") {
					t.Errorf("round %d:\n%s", round, out.String())
				}
			}
			bad := t.TempDir() + "/bad.ndjson"
			if err := os.WriteFile(bad, []byte(`{"kind":"quota","dealer":"D-SH-01","month":"2026-13","amount":"1"}`+"\n"+`{"kind":"quota","dealer":"D-NOPE","month":"2026-07","amount":"1"}`+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			err := importer.Command(ctx, []string{bad}, getenv, &out, io.Discard)
			if err == nil || !strings.Contains(err.Error(), "nothing was written") {
				t.Fatalf("bad file: %v", err)
			}
			if got := out.String(); got != `{"line":1,"field":"month","code":"INVALID_INPUT","message":"is a month YYYY-MM"}`+"\n" {
				t.Errorf("printed %q", got)
			}
		})
	}
}

// A stock record sets a product's count and lead time, changes nothing the
// second time, and never counts below what confirmed orders reserve.
func TestStockRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sys := access.Bypass(ctx)
		file := strings.Join([]string{
			`{"kind":"product","sku":"X-1","name":"X","category":"C","unitCost":"12.00","listPrice":"20.00"}`,
			`{"kind":"stock","sku":"X-1","onHand":40,"leadTimeDays":21}`,
		}, "\n")
		res, err := importer.Import(ctx, db.Client, config(), nil, []byte(file), importer.Progress{})
		if err != nil {
			t.Fatal(err)
		}
		p := db.Client.Product.Query().Where(product.Sku("X-1")).OnlyX(sys)
		if p.OnHand != 40 || p.LeadTimeDays != 21 || p.Reserved != 0 || res.Created["stock"] != 1 {
			t.Fatalf("after the import: %d on hand, %d days, %d reserved; result %+v", p.OnHand, p.LeadTimeDays, p.Reserved, res)
		}
		res, err = importer.Import(ctx, db.Client, config(), nil, []byte(file), importer.Progress{})
		if err != nil || res.Unchanged["stock"] != 1 || res.Created["stock"] != 0 {
			t.Fatalf("the second import: %+v %v", res, err)
		}

		db.Client.Product.UpdateOneID(p.ID).SetReserved(30).ExecX(sys)
		below := strings.Join([]string{
			`{"kind":"stock","sku":"X-1","onHand":29,"leadTimeDays":7}`,
			`{"kind":"stock","sku":"NOPE","onHand":1}`,
			`{"kind":"stock","sku":"X-1","onHand":-1}`,
		}, "\n")
		_, err = importer.Import(ctx, db.Client, config(), nil, []byte(below), importer.Progress{})
		ps := refused(t, err)
		if !has(ps, 3, "onHand", importer.Invalid) {
			t.Errorf("a negative count: %v", ps)
		}
		_, err = importer.Import(ctx, db.Client, config(), nil, []byte(strings.Join(strings.Split(below, "\n")[:2], "\n")), importer.Progress{})
		ps = refused(t, err)
		if !has(ps, 1, "onHand", importer.Invalid) || !has(ps, 2, "sku", importer.NotFound) {
			t.Errorf("a count below the reservations, an unknown SKU: %v", ps)
		}
		p = db.Client.Product.GetX(sys, p.ID)
		if p.OnHand != 40 || p.LeadTimeDays != 21 {
			t.Errorf("a refused file changed the product: %d on hand, %d days", p.OnHand, p.LeadTimeDays)
		}
	})
}
