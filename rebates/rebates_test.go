package rebates_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/auditentry"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/ent/shipmentline"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/rebates"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

var quarter = period.MustParse("2025-Q1")

// world is a channel with two dealers, three products (two of them
// tools) with prices, an administrator, and the services on one clock.
type world struct {
	t        *testing.T
	client   *ent.Client
	admin    *auth.Viewer
	channel  int
	dealers  []int
	products []int // 0 and 1 are Tools, 2 is Paint
	loc      *time.Location
	now      time.Time
	orders   *ordering.Service
	books    *accounts.Service
	rebates  *rebates.Service
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := db.Client
	admin := c.User.Create().SetEmail("admin@test").SetName("Admin").SetPasswordHash("x").SetRole(user.RoleADMIN).SaveX(ctx)
	ch := c.Channel.Create().SetCode("RETAIL").SetName("Retail").SaveX(ctx)
	w := &world{t: t, client: c, admin: &auth.Viewer{UserID: admin.ID, Name: admin.Name, Role: user.RoleADMIN}, channel: ch.ID,
		loc: time.FixedZone("UTC+8", 8*3600), now: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)}
	for i, cents := range []int64{12345, 999, 700001} {
		cat := "Tools"
		if i == 2 {
			cat = "Paint"
		}
		p := c.Product.Create().SetSku(fmt.Sprintf("SKU-%d", i)).SetName(fmt.Sprintf("Product %d", i)).
			SetCategory(cat).SetUnitCost(cents / 2).SetListPrice(cents * 2).SetOnHand(100_000).SaveX(ctx)
		c.Price.Create().SetProductID(p.ID).SetTier(2).SetAmount(cents).
			SetValidFrom(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).SaveX(ctx)
		w.products = append(w.products, p.ID)
	}
	for i := range 2 {
		d := c.Dealer.Create().SetCode(fmt.Sprintf("D-%d", i)).SetName(fmt.Sprintf("Dealer %d", i)).SetTier(2).
			SetCreditLimit(1 << 50).SetPaymentTermsDays(30).SetJoinedOn(w.now).SetChannelID(ch.ID).SaveX(ctx)
		w.dealers = append(w.dealers, d.ID)
	}
	clock := func() time.Time { return w.now }
	w.orders = ordering.NewService(c, 10000, w.loc).WithClock(clock)
	w.books = accounts.NewService(c, w.loc).WithClock(clock)
	w.rebates = rebates.NewService(c, w.loc).WithClock(clock)
	return w
}

func (w *world) sys() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

// try runs fn as the administrator in a transaction of its own, as a
// request would: committed when it succeeds, rolled back when it fails.
func (w *world) try(fn func(ctx context.Context) error) error {
	ctx, tx, err := w.client.OpenTx(auth.NewContext(context.Background(), w.admin))
	if err != nil {
		w.t.Fatal(err)
	}
	if err := fn(ctx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			w.t.Fatal(rerr)
		}
		if apperr.CodeOf(err) == apperr.Internal {
			w.t.Fatalf("internal error: %v", err)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		w.t.Fatal(err)
	}
	return nil
}

func (w *world) do(fn func(ctx context.Context) error) {
	w.t.Helper()
	if err := w.try(fn); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) program(in rebates.ProgramInput) *ent.RebateProgram {
	var p *ent.RebateProgram
	w.do(func(ctx context.Context) (err error) {
		p, err = w.rebates.Create(ctx, in)
		return err
	})
	return p
}

func (w *world) settle(p *ent.RebateProgram) *rebates.Settlement {
	w.t.Helper()
	var st *rebates.Settlement
	w.do(func(ctx context.Context) (err error) {
		st, err = w.rebates.Settle(ctx, p.ID, quarter)
		return err
	})
	return st
}

// credited is what the program's REBATE notes for the quarter credit each
// dealer.
func (w *world) credited(p *ent.RebateProgram) map[int]int64 {
	notes := w.client.CreditNote.Query().
		Where(creditnote.KindEQ(creditnote.KindREBATE), creditnote.RebateProgramID(p.ID), creditnote.RebatePeriod(quarter)).
		AllX(w.sys())
	out := map[int]int64{}
	for _, n := range notes {
		out[n.DealerID] += n.Amount
	}
	return out
}

// basis is dealer d's basis for p in the quarter, counted by hand from the
// rows: each invoice's shipment lines of covered products, less the
// CORRECTION and RETURN notes for a covered product or none.
func (w *world) basis(p *ent.RebateProgram, d int) int64 {
	ctx := w.sys()
	covers := map[int]bool{}
	products := w.client.RebateProgram.QueryProducts(p).IDsX(ctx)
	all := len(products) == 0 && len(p.Categories) == 0
	for _, id := range products {
		covers[id] = true
	}
	for _, pr := range w.client.Product.Query().AllX(ctx) {
		for _, c := range p.Categories {
			if pr.Category == c {
				covers[pr.ID] = true
			}
		}
	}
	var b int64
	for _, inv := range w.client.Invoice.Query().Where(invoice.DealerID(d)).AllX(ctx) {
		if !quarter.Contains(inv.IssuedOn) {
			continue
		}
		var lines int64
		for _, l := range w.client.ShipmentLine.Query().Where(shipmentline.ShipmentID(inv.ShipmentID)).WithOrderLine().AllX(ctx) {
			lines += l.Amount
			if all || covers[l.Edges.OrderLine.ProductID] {
				b += l.Amount
			}
		}
		if lines != inv.Amount {
			w.t.Errorf("invoice %s: %d, its shipment lines %d", inv.Number, inv.Amount, lines)
		}
	}
	for _, cn := range w.client.CreditNote.Query().Where(creditnote.DealerID(d)).AllX(ctx) {
		if !quarter.Contains(cn.IssuedOn) || (cn.Kind != creditnote.KindCORRECTION && cn.Kind != creditnote.KindRETURN) {
			continue
		}
		if all || cn.ProductID == nil || covers[*cn.ProductID] {
			b -= cn.Amount
		}
	}
	return b
}

// history is a random quarter of orders, partial shipments, invoices,
// cancellations and credit notes of every kind for both dealers.
type history struct {
	*world
	rng *rand.Rand
}

func (h *history) step() {
	d := h.dealers[h.rng.IntN(len(h.dealers))]
	switch n := h.rng.IntN(100); {
	case n < 20:
		var lines []ordering.Line
		for _, i := range h.rng.Perm(len(h.products))[:1+h.rng.IntN(len(h.products))] {
			lines = append(lines, ordering.Line{ProductID: h.products[i], Quantity: 1 + h.rng.IntN(9)})
		}
		h.do(func(ctx context.Context) error {
			o, err := h.orders.Place(ctx, ordering.PlaceInput{DealerID: &d, Lines: lines})
			if err != nil {
				return err
			}
			to := status.Confirmed
			if h.rng.IntN(6) == 0 {
				to = status.Cancelled
			}
			_, err = h.orders.Transition(ctx, o.ID, to, "", nil)
			return err
		})
	case n < 50:
		h.ship(d)
	case n < 88:
		h.inTransit(d, nil)
	default:
		h.credit(d)
	}
}

func (h *history) ship(d int) {
	open := h.client.Order.Query().
		Where(order.DealerID(d), order.StatusIn(status.Confirmed, status.InFulfillment, status.Shipped, status.PartiallyDelivered)).
		WithLines().Order(order.ByID()).AllX(h.sys())
	if len(open) == 0 {
		return
	}
	o := open[h.rng.IntN(len(open))]
	var lines []ordering.ShipmentLine
	for _, l := range o.Edges.Lines {
		if left := l.Quantity - l.ShippedQuantity; left > 0 && h.rng.IntN(3) > 0 {
			lines = append(lines, ordering.ShipmentLine{OrderLineID: l.ID, Quantity: 1 + h.rng.IntN(left)})
		}
	}
	if len(lines) == 0 {
		return
	}
	h.do(func(ctx context.Context) error {
		_, err := h.orders.CreateShipment(ctx, ordering.ShipmentInput{OrderID: o.ID, Lines: lines, Carrier: "SF"})
		return err
	})
}

// inTransit sends a shipment on its way, which invoices it; at when given
// (a late report of an earlier date), else now.
func (h *history) inTransit(d int, at func(sh *ent.Shipment) time.Time) bool {
	preparing := h.client.Shipment.Query().
		Where(shipment.DealerID(d), shipment.StatusEQ(status.ShipmentPreparing)).
		Order(shipment.ByID()).AllX(h.sys())
	if len(preparing) == 0 {
		return false
	}
	sh := preparing[h.rng.IntN(len(preparing))]
	when := h.now
	if at != nil {
		when = at(sh)
	}
	h.do(func(ctx context.Context) error {
		_, err := h.orders.RecordDeliveryEvent(ctx, ordering.DeliveryInput{ShipmentID: sh.ID, Status: status.ShipmentInTransit, OccurredAt: &when})
		return err
	})
	return true
}

var kinds = []creditnote.Kind{creditnote.KindCORRECTION, creditnote.KindRETURN, creditnote.KindMARKETING_FUND}

func (h *history) credit(d int) {
	in := accounts.CreditNoteInput{DealerID: d, Amount: 1 + h.rng.Int64N(40000), Reason: "adjustment", Kind: kinds[h.rng.IntN(len(kinds))]}
	if in.Kind != creditnote.KindMARKETING_FUND && h.rng.IntN(2) == 0 {
		in.ProductID = &h.products[h.rng.IntN(len(h.products))]
	}
	h.do(func(ctx context.Context) error {
		_, err := h.books.IssueCreditNote(ctx, in)
		return err
	})
}

func randomProgram(rng *rand.Rand, w *world) rebates.ProgramInput {
	in := rebates.ProgramInput{
		Name: "Volume", Audience: audience.Audience{ChannelIDs: []int{w.channel}},
		PeriodKind: period.Quarter, FirstPeriod: quarter, TierMode: incentive.Retroactive,
	}
	if rng.IntN(2) == 0 {
		in.TierMode = incentive.Incremental
	}
	switch rng.IntN(3) {
	case 0:
		in.Categories = []string{"Tools"}
	case 1:
		in.ProductIDs = []int{w.products[2]}
	}
	th := rng.Int64N(200000)
	for range 1 + rng.IntN(4) {
		in.Tiers = append(in.Tiers, incentive.Tier{Threshold: th, RateBasisPoints: rng.IntN(1500)})
		th += 1 + rng.Int64N(3000000)
	}
	return in
}

// Over random histories: settling credits max(earned − credited, 0) per
// dealer, so after every run the program's notes for the period add up,
// per dealer, to the most any run so far found earned (late corrections
// lowering the basis are carried, never taken back); a run straight after
// another issues nothing; and when no run comes before the last late fact,
// the notes add up to what the final basis earns. The basis the service
// works out is the one counted by hand from the rows.
func TestSettle_RandomHistories(t *testing.T) {
	var credits, shortfalls int
	defer func() {
		if !t.Failed() && (credits == 0 || shortfalls == 0) {
			t.Errorf("%d credit notes and %d shortfalls over all histories: they test too little", credits, shortfalls)
		}
	}()
	for seed := range uint64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				w := newWorld(t, db)
				ctx := w.sys()
				h := &history{world: w, rng: rand.New(rand.NewPCG(seed, 18))}
				p := w.program(randomProgram(h.rng, w))
				closing := quarter.End().Add(-8 * time.Hour) // UTC+8: the quarter's last business minutes
				for w.now.Before(closing.Add(-72 * time.Hour)) {
					h.step()
					w.now = w.now.Add(time.Duration(h.rng.IntN(30*60)) * time.Minute)
				}
				// A shipment or two left preparing, to be reported late.
				for _, d := range w.dealers {
					h.ship(d)
				}

				// Open: refused, nothing written.
				err := w.try(func(ctx context.Context) error {
					_, err := w.rebates.Settle(ctx, p.ID, quarter)
					return err
				})
				if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput || e.Field != "period" {
					t.Fatalf("settling an open quarter: %v, want INVALID_INPUT on period", err)
				}
				if n := w.client.CreditNote.Query().Where(creditnote.KindEQ(creditnote.KindREBATE)).CountX(ctx); n != 0 {
					t.Fatalf("a refused settlement wrote %d credit notes", n)
				}
				if got := w.client.RebateProgram.GetX(ctx, p.ID).Settlements; got != 0 {
					t.Fatalf("a refused settlement raised the counter to %d", got)
				}

				after := quarter.End().Add(48 * time.Hour)
				w.now = after
				best := map[int]int64{} // the most any run found earned, per dealer
				ranSinceLate := false
				for i := range 8 {
					switch n := h.rng.IntN(3); {
					case n == 0 || i == 7:
						st := w.settle(p)
						for _, l := range st.Lines {
							want := w.basis(p, l.Dealer.ID)
							if l.Basis != want {
								t.Fatalf("run %d, %s: basis %d, counted by hand %d", i, l.Dealer.Code, l.Basis, want)
							}
							if e := incentive.Earned(want, p.Tiers, p.TierMode); l.Earned != e {
								t.Fatalf("run %d, %s: earned %d, want %d", i, l.Dealer.Code, l.Earned, e)
							}
							best[l.Dealer.ID] = max(best[l.Dealer.ID], l.Earned)
							if l.CreditNote != nil {
								credits++
							}
							if l.Shortfall > 0 {
								shortfalls++
							}
						}
						for d, sum := range w.credited(p) {
							if sum != best[d] {
								t.Fatalf("run %d: dealer %d credited %d in all, the most earned at a run %d", i, d, sum, best[d])
							}
						}
						// Again at once: nothing more.
						again := w.settle(p)
						if again.TotalToCredit != 0 {
							t.Fatalf("run %d settled again: %d more", i, again.TotalToCredit)
						}
						for _, l := range again.Lines {
							if l.CreditNote != nil {
								t.Fatalf("run %d settled again: a note for %s", i, l.Dealer.Code)
							}
						}
						ranSinceLate = true
					case n == 1:
						// A late correction, dated in the quarter.
						w.now = quarter.Start().Add(time.Duration(h.rng.IntN(80*24)) * time.Hour)
						h.credit(w.dealers[h.rng.IntN(len(w.dealers))])
						w.now = after
						ranSinceLate = false
					default:
						// A shipment reported late as gone in the quarter:
						// invoiced then.
						if h.inTransit(w.dealers[h.rng.IntN(len(w.dealers))], func(sh *ent.Shipment) time.Time {
							return sh.CreatedAt.Add(time.Minute)
						}) {
							ranSinceLate = false
						}
					}
				}
				if !ranSinceLate {
					t.Fatal("the last step is a run")
				}
				// The final run's earned is on the final basis; with every
				// late fact before it, each dealer holds max(earned then, …).
				for _, d := range w.dealers {
					final := incentive.Earned(w.basis(p, d), p.Tiers, p.TierMode)
					if got := w.credited(p)[d]; got != max(final, best[d]) || got < final {
						t.Fatalf("dealer %d: credited %d, final earned %d, most earned %d", d, got, final, best[d])
					}
				}
			})
		})
	}
}

// Without a late fact between runs, the notes add up to exactly what the
// final basis earns.
func TestSettle_NoRunBeforeTheLastLateFact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		h := &history{world: w, rng: rand.New(rand.NewPCG(5, 18))}
		p := w.program(rebates.ProgramInput{Name: "Tools", Audience: audience.Audience{All: true}, PeriodKind: period.Quarter,
			FirstPeriod: quarter, Categories: []string{"Tools"}, TierMode: incentive.Incremental,
			Tiers: []incentive.Tier{{Threshold: 0, RateBasisPoints: 100}, {Threshold: 100000, RateBasisPoints: 300}, {Threshold: 1000000, RateBasisPoints: 700}}})
		for range 60 {
			h.step()
			w.now = w.now.Add(20 * time.Hour)
		}
		w.now = quarter.Start().Add(50 * 24 * time.Hour)
		h.credit(w.dealers[0])
		w.now = quarter.End().Add(24 * time.Hour)
		st := w.settle(p)
		credited := w.credited(p)
		var total int64
		for _, d := range w.dealers {
			want := incentive.Earned(w.basis(p, d), p.Tiers, p.TierMode)
			if credited[d] != want {
				t.Errorf("dealer %d: credited %d, earned on the final basis %d", d, credited[d], want)
			}
			total += want
		}
		if total == 0 || st.TotalToCredit != total {
			n := w.client.Invoice.Query().CountX(w.sys())
			t.Logf("invoices %d, basis %d %d", n, w.basis(p, w.dealers[0]), w.basis(p, w.dealers[1]))
			t.Errorf("settled %d, want %d (and more than 0)", st.TotalToCredit, total)
		}
	})
}

// Two settlements of one program at once credit once.
func TestSettle_ConcurrentRunsCreditOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		h := &history{world: w, rng: rand.New(rand.NewPCG(9, 18))}
		p := w.program(rebates.ProgramInput{Name: "All", Audience: audience.Audience{All: true}, PeriodKind: period.Quarter,
			FirstPeriod: quarter, TierMode: incentive.Retroactive, Tiers: []incentive.Tier{{Threshold: 0, RateBasisPoints: 250}}})
		for range 60 {
			h.step()
			w.now = w.now.Add(20 * time.Hour)
		}
		w.now = quarter.End().Add(24 * time.Hour)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx, tx, err := w.client.OpenTx(auth.NewContext(context.Background(), w.admin))
				if err != nil {
					errs[i] = err
					return
				}
				if _, err := w.rebates.Settle(ctx, p.ID, quarter); err != nil {
					errs[i] = err
					tx.Rollback()
					return
				}
				errs[i] = tx.Commit()
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("settlement %d: %v", i, err)
			}
		}
		credited := w.credited(p)
		var total int64
		for _, d := range w.dealers {
			want := incentive.Earned(w.basis(p, d), p.Tiers, p.TierMode)
			if credited[d] != want {
				t.Errorf("dealer %d: credited %d, earned %d", d, credited[d], want)
			}
			total += want
		}
		if total == 0 {
			t.Error("nothing was earned: the test shows nothing")
		}
		if got := w.client.RebateProgram.GetX(w.sys(), p.ID).Settlements; got != len(errs) {
			t.Errorf("settlements counter %d, want %d", got, len(errs))
		}
		if n := w.client.AuditEntry.Query().Where(auditentry.Action("rebate.settle")).CountX(w.sys()); n != len(errs) {
			t.Errorf("%d settlements audited, want %d", n, len(errs))
		}
	})
}

func TestCreate_RefusesBadLaddersAndPeriods(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		base := func() rebates.ProgramInput {
			return rebates.ProgramInput{Name: "Volume", Audience: audience.Audience{All: true}, PeriodKind: period.Quarter,
				FirstPeriod: quarter, TierMode: incentive.Retroactive,
				Tiers: []incentive.Tier{{Threshold: 0, RateBasisPoints: 100}, {Threshold: 100000, RateBasisPoints: 200}, {Threshold: 500000, RateBasisPoints: 300}}}
		}
		last := period.MustParse("2024-Q4")
		month := period.MustParse("2025-02")
		for _, c := range []struct {
			name  string
			edit  func(*rebates.ProgramInput)
			field string
		}{
			{"equal thresholds", func(in *rebates.ProgramInput) { in.Tiers[2].Threshold = 100000 }, "tiers[2].threshold"},
			{"falling thresholds", func(in *rebates.ProgramInput) { in.Tiers[1].Threshold = 50000; in.Tiers[0].Threshold = 60000 }, "tiers[1].threshold"},
			{"negative threshold", func(in *rebates.ProgramInput) { in.Tiers[0].Threshold = -1 }, "tiers[0].threshold"},
			{"rate over 100 %", func(in *rebates.ProgramInput) { in.Tiers[1].RateBasisPoints = 10001 }, "tiers[1].rateBasisPoints"},
			{"negative rate", func(in *rebates.ProgramInput) { in.Tiers[0].RateBasisPoints = -5 }, "tiers[0].rateBasisPoints"},
			{"no tier", func(in *rebates.ProgramInput) { in.Tiers = nil }, "tiers"},
			{"first period of another kind", func(in *rebates.ProgramInput) { in.FirstPeriod = month }, "firstPeriod"},
			{"last period of another kind", func(in *rebates.ProgramInput) { in.LastPeriod = &month }, "lastPeriod"},
			{"last before first", func(in *rebates.ProgramInput) { in.LastPeriod = &last }, "lastPeriod"},
			{"no such category", func(in *rebates.ProgramInput) { in.Categories = []string{"Garden"} }, "categories"},
			{"no such product", func(in *rebates.ProgramInput) { in.ProductIDs = []int{w.products[0] + 1000} }, "productIDs"},
			{"no audience", func(in *rebates.ProgramInput) { in.Audience = audience.Audience{} }, "audience"},
		} {
			in := base()
			c.edit(&in)
			err := w.try(func(ctx context.Context) error {
				_, err := w.rebates.Create(ctx, in)
				return err
			})
			if e, ok := apperr.As(err); !ok || e.Field != c.field {
				t.Errorf("%s: %v, want an error on %s", c.name, err, c.field)
			}
		}
		if n := w.client.RebateProgram.Query().CountX(w.sys()); n != 0 {
			t.Errorf("refused programs wrote %d rows", n)
		}
		// A rate of exactly 100 % and a first threshold of 0 are fine.
		in := base()
		in.Tiers[2].RateBasisPoints = 10000
		w.program(in)
	})
}

// REBATE credit notes come from settlements only; a product goes with a
// correction or a return only.
func TestIssueCreditNote_Kinds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		for _, c := range []struct {
			in    accounts.CreditNoteInput
			field string
		}{
			{accounts.CreditNoteInput{DealerID: w.dealers[0], Amount: 100, Reason: "x", Kind: creditnote.KindREBATE}, "kind"},
			{accounts.CreditNoteInput{DealerID: w.dealers[0], Amount: 100, Reason: "x", Kind: creditnote.KindMARKETING_FUND, ProductID: &w.products[0]}, "productID"},
			{accounts.CreditNoteInput{DealerID: w.dealers[0], Amount: 100, Reason: "x", ProductID: &w.dealers[1]}, "productID"},
		} {
			err := w.try(func(ctx context.Context) error {
				_, err := w.books.IssueCreditNote(ctx, c.in)
				return err
			})
			if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput || e.Field != c.field {
				t.Errorf("%+v: %v, want INVALID_INPUT on %s", c.in, err, c.field)
			}
		}
		var cn *ent.CreditNote
		w.do(func(ctx context.Context) (err error) {
			cn, err = w.books.IssueCreditNote(ctx, accounts.CreditNoteInput{DealerID: w.dealers[0], Amount: 100, Reason: "x", Kind: creditnote.KindRETURN, ProductID: &w.products[1]})
			return err
		})
		if cn.Kind != creditnote.KindRETURN || cn.ProductID == nil || *cn.ProductID != w.products[1] {
			t.Errorf("issued %v for product %v", cn.Kind, cn.ProductID)
		}
		w.do(func(ctx context.Context) (err error) {
			cn, err = w.books.IssueCreditNote(ctx, accounts.CreditNoteInput{DealerID: w.dealers[0], Amount: 100, Reason: "x"})
			return err
		})
		if cn.Kind != creditnote.KindCORRECTION {
			t.Errorf("the default kind is %s", cn.Kind)
		}
	})
}

// A program ends not before its first period nor before a period settled.
func TestEnd_NotBeforeASettledPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		h := &history{world: w, rng: rand.New(rand.NewPCG(3, 18))}
		p := w.program(rebates.ProgramInput{Name: "All", Audience: audience.Audience{All: true}, PeriodKind: period.Quarter,
			FirstPeriod: period.MustParse("2024-Q4"), TierMode: incentive.Retroactive, Tiers: []incentive.Tier{{Threshold: 0, RateBasisPoints: 100}}})
		for range 40 {
			h.step()
			w.now = w.now.Add(30 * time.Hour)
		}
		w.now = quarter.End().Add(24 * time.Hour)
		if st := w.settle(p); st.TotalToCredit == 0 {
			t.Fatal("nothing settled: the test shows nothing")
		}
		end := func(last string) error {
			return w.try(func(ctx context.Context) error {
				_, err := w.rebates.End(ctx, p.ID, period.MustParse(last))
				return err
			})
		}
		for _, last := range []string{"2024-Q4", "2024-Q3", "2025-03", "2025"} {
			if e, ok := apperr.As(end(last)); !ok || e.Field != "lastPeriod" {
				t.Errorf("ending in %s: %v, want an error on lastPeriod", last, e)
			}
		}
		if err := end("2025-Q1"); err != nil {
			t.Fatal(err)
		}
		got := w.client.RebateProgram.GetX(w.sys(), p.ID)
		if got.LastPeriod == nil || got.LastPeriod.String() != "2025-Q1" {
			t.Errorf("last period %v", got.LastPeriod)
		}
		// Its periods after the last are no longer its own.
		err := w.try(func(ctx context.Context) error {
			_, err := w.rebates.Preview(ctx, p.ID, period.MustParse("2025-Q2"))
			return err
		})
		if e, ok := apperr.As(err); !ok || e.Field != "period" {
			t.Errorf("preview after the end: %v", err)
		}
	})
}

// A dealer's standing worked by hand: 1 % from 0, 3 % from 10 000.00 on
// Paint, retroactive.
func TestStatus_HandWorked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.program(rebates.ProgramInput{Name: "Paint", Audience: audience.Audience{DealerIDs: []int{w.dealers[0]}}, PeriodKind: period.Quarter,
			FirstPeriod: quarter, Categories: []string{"Paint"}, TierMode: incentive.Retroactive,
			Tiers: []incentive.Tier{{Threshold: 0, RateBasisPoints: 100}, {Threshold: 1000000, RateBasisPoints: 300}}})
		d := w.dealers[0]
		w.now = time.Date(2025, 1, 10, 2, 0, 0, 0, time.UTC)
		w.do(func(ctx context.Context) error {
			o, err := w.orders.Place(ctx, ordering.PlaceInput{DealerID: &d, Lines: []ordering.Line{{ProductID: w.products[2], Quantity: 3}, {ProductID: w.products[0], Quantity: 2}}})
			if err != nil {
				return err
			}
			if _, err = w.orders.Transition(ctx, o.ID, status.Confirmed, "", nil); err != nil {
				return err
			}
			lines, err := ent.FromContext(ctx).OrderLine.Query().Where(orderline.OrderID(o.ID)).All(ctx)
			if err != nil {
				return err
			}
			var ship []ordering.ShipmentLine
			for _, l := range lines {
				ship = append(ship, ordering.ShipmentLine{OrderLineID: l.ID})
			}
			// 1 of the 3 Paint, both of the 2 others.
			ship[0].Quantity, ship[1].Quantity = 1, 2
			if lines[0].ProductID != w.products[2] {
				ship[0].Quantity, ship[1].Quantity = 2, 1
			}
			sh, err := w.orders.CreateShipment(ctx, ordering.ShipmentInput{OrderID: o.ID, Carrier: "SF", Lines: ship})
			if err != nil {
				return err
			}
			_, err = w.orders.RecordDeliveryEvent(ctx, ordering.DeliveryInput{ShipmentID: sh.ID, Status: status.ShipmentInTransit})
			return err
		})
		w.now = time.Date(2025, 1, 20, 2, 0, 0, 0, time.UTC)
		for _, in := range []accounts.CreditNoteInput{
			{DealerID: d, Amount: 50000, Reason: "drill", Kind: creditnote.KindCORRECTION, ProductID: &w.products[0]}, // not Paint
			{DealerID: d, Amount: 1, Reason: "all", Kind: creditnote.KindRETURN},                                      // every program's
			{DealerID: d, Amount: 999, Reason: "fund", Kind: creditnote.KindMARKETING_FUND},                           // never counts
		} {
			w.do(func(ctx context.Context) error {
				_, err := w.books.IssueCreditNote(ctx, in)
				return err
			})
		}
		w.now = time.Date(2025, 1, 31, 2, 0, 0, 0, time.UTC) // 31 January, 31 days of Q1's 90
		dealer := w.client.Dealer.GetX(w.sys(), d)
		var st *rebates.Status
		w.do(func(ctx context.Context) (err error) {
			st, err = w.rebates.Status(ctx, dealer, p.ID, nil)
			return err
		})
		// 700 001 invoiced for Paint, 1 returned: 700 000 at 1 % = 7 000;
		// 300 000 to 3 %. Projected 700 000 × 90 ÷ 31 = 2 032 258.06 →
		// 2 032 258, at 3 % = 60 967.74 → 60 968.
		if st == nil || st.Period != quarter || st.Closed || st.Invoiced != 700001 || st.Corrected != 1 || st.Basis != 700000 ||
			st.Tier == nil || st.RateBasisPoints != 100 || st.Accrued != 7000 ||
			st.NextTier == nil || st.NextTier.Threshold != 1000000 || *st.DistanceToNextTier != 300000 ||
			st.ProjectedBasis != 2032258 || st.ProjectedTier == nil || st.ProjectedTier.RateBasisPoints != 300 || st.ProjectedAccrued != 60968 ||
			st.Settled != 0 || st.Shortfall != 0 {
			t.Fatalf("status %+v", st)
		}
		// The other dealer is not in the audience: no status.
		other := w.client.Dealer.GetX(w.sys(), w.dealers[1])
		w.do(func(ctx context.Context) (err error) {
			st, err = w.rebates.Status(ctx, other, p.ID, nil)
			return err
		})
		if st != nil {
			t.Errorf("a dealer outside the audience has a status: %+v", st)
		}
	})
}
