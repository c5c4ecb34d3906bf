package accounts_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/allocation"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// world is a channel, two products with prices and an administrator, the
// least an account needs.
type world struct {
	client    *ent.Client
	admin     *auth.Viewer
	channelID int
	products  []int
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := db.Client
	admin := c.User.Create().SetEmail("admin@test").SetName("Admin").SetPasswordHash("x").SetRole(user.RoleADMIN).SaveX(ctx)
	ch := c.Channel.Create().SetCode("RETAIL").SetName("Retail").SaveX(ctx)
	w := &world{client: c, admin: &auth.Viewer{UserID: admin.ID, Name: admin.Name, Role: user.RoleADMIN}, channelID: ch.ID}
	// Prices with odd cents, so that amounts do not come out round.
	for i, cents := range []int64{12345, 999, 700001} {
		p := c.Product.Create().SetSku(fmt.Sprintf("SKU-%d", i)).SetName(fmt.Sprintf("Product %d", i)).
			SetCategory("Tools").SetUnitCost(cents / 2).SetListPrice(cents * 2).SetOnHand(100_000).SaveX(ctx)
		c.Price.Create().SetProductID(p.ID).SetTier(2).SetAmount(cents).
			SetValidFrom(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).SaveX(ctx)
		w.products = append(w.products, p.ID)
	}
	return w
}

// run is one random history of one dealer's account.
type run struct {
	*world
	t        *testing.T
	rng      *rand.Rand
	start    time.Time
	now      time.Time
	dealerID int
	orders   *ordering.Service
	books    *accounts.Service
	loc      *time.Location
	refs     int
	// What happened to the account, in the order it was recorded.
	facts []fact
}

// fact is an invoice issued, a payment recorded or a credit note issued.
type fact struct {
	shipmentID int       // an invoice: of this shipment,
	at         time.Time // in transit at
	payment    *accounts.PaymentInput
	credit     *ent.CreditNote
}

func (w *world) newRun(t *testing.T, seed uint64) *run {
	r := &run{world: w, t: t, rng: rand.New(rand.NewPCG(seed, 7)),
		now: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(seed) * time.Hour)}
	clock := func() time.Time { return r.now }
	loc := time.FixedZone("UTC+8", 8*3600) // business dates are not UTC dates
	r.loc = loc
	r.orders = ordering.NewService(w.client, 10000, loc).WithClock(clock)
	r.books = accounts.NewService(w.client, loc).WithClock(clock)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	d := w.client.Dealer.Create().SetCode(fmt.Sprintf("D-%d", seed)).SetName(fmt.Sprintf("Dealer %d", seed)).SetTier(2).
		SetCreditLimit(1 << 50).SetPaymentTermsDays(r.rng.IntN(4) * 30).SetJoinedOn(r.now).SetChannelID(w.channelID).SaveX(ctx)
	r.dealerID = d.ID
	r.start = r.now
	return r
}

// do runs fn as the administrator in a transaction of its own, as a
// request would: committed when it succeeds, rolled back when it fails.
func (r *run) do(fn func(ctx context.Context) error) error {
	ctx, tx, err := r.client.OpenTx(auth.NewContext(context.Background(), r.admin))
	if err != nil {
		r.t.Fatal(err)
	}
	if err := fn(ctx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			r.t.Fatal(rerr)
		}
		if apperr.CodeOf(err) == apperr.Internal {
			r.t.Fatalf("internal error: %v", err)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		r.t.Fatal(err)
	}
	return nil
}

func (r *run) sys() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

// step does one random thing to the account.
func (r *run) step() {
	r.now = r.now.Add(time.Duration(r.rng.IntN(4*24*60)) * time.Minute)
	switch n := r.rng.IntN(100); {
	case n < 15:
		r.placeOrder()
	case n < 45:
		r.ship()
	case n < 80:
		r.deliveryEvent()
	case n < 94:
		r.pay()
	default:
		r.credit()
	}
}

func (r *run) placeOrder() {
	var lines []ordering.Line
	for _, i := range r.rng.Perm(len(r.products))[:1+r.rng.IntN(len(r.products))] {
		lines = append(lines, ordering.Line{ProductID: r.products[i], Quantity: 1 + r.rng.IntN(9)})
	}
	err := r.do(func(ctx context.Context) error {
		o, err := r.orders.Place(ctx, ordering.PlaceInput{DealerID: &r.dealerID, Lines: lines})
		if err != nil {
			return err
		}
		_, err = r.orders.Transition(ctx, o.ID, status.Confirmed, "", nil)
		return err
	})
	if err != nil {
		r.t.Fatalf("place and confirm: %v", err)
	}
}

func (r *run) ship() {
	open, err := r.client.Order.Query().
		Where(order.DealerID(r.dealerID), order.StatusIn(status.Confirmed, status.InFulfillment, status.Shipped, status.PartiallyDelivered)).
		WithLines().
		Order(order.ByID()).
		All(r.sys())
	if err != nil {
		r.t.Fatal(err)
	}
	if len(open) == 0 {
		return
	}
	o := open[r.rng.IntN(len(open))]
	var lines []ordering.ShipmentLine
	over := r.rng.IntN(10) == 0 // now and then, ask for too much
	for _, l := range o.Edges.Lines {
		left := l.Quantity - l.ShippedQuantity
		switch {
		case over:
			lines = append(lines, ordering.ShipmentLine{OrderLineID: l.ID, Quantity: left + 1})
		case left > 0 && r.rng.IntN(3) > 0:
			lines = append(lines, ordering.ShipmentLine{OrderLineID: l.ID, Quantity: 1 + r.rng.IntN(left)})
		}
	}
	if len(lines) == 0 {
		return
	}
	err = r.do(func(ctx context.Context) error {
		_, err := r.orders.CreateShipment(ctx, ordering.ShipmentInput{OrderID: o.ID, Lines: lines, Carrier: "SF"})
		return err
	})
	if over != (err != nil) {
		r.t.Fatalf("shipping %v of order %s (over: %v): %v", lines, o.Number, over, err)
	}
}

func (r *run) deliveryEvent() {
	moving, err := r.client.Shipment.Query().
		Where(shipment.DealerID(r.dealerID), shipment.StatusNEQ(status.ShipmentDelivered)).
		Order(shipment.ByID()).
		All(r.sys())
	if err != nil {
		r.t.Fatal(err)
	}
	if len(moving) == 0 {
		return
	}
	sh := moving[r.rng.IntN(len(moving))]
	next := []status.ShipmentStatus{status.ShipmentInTransit, status.ShipmentDelivered, status.ShipmentException}[r.rng.IntN(3)]
	at := r.now.Add(-time.Duration(r.rng.IntN(60)) * time.Minute)
	err = r.do(func(ctx context.Context) error {
		_, err := r.orders.RecordDeliveryEvent(ctx, ordering.DeliveryInput{ShipmentID: sh.ID, Status: next, OccurredAt: &at})
		return err
	})
	if status.CanMoveShipment(sh.Status, next) != (err == nil) {
		r.t.Fatalf("shipment %s %s → %s: %v", sh.Number, sh.Status, next, err)
	}
	if err == nil && sh.Status == status.ShipmentPreparing {
		r.facts = append(r.facts, fact{shipmentID: sh.ID, at: at})
	}
}

func (r *run) pay() {
	open, err := r.client.Invoice.Query().
		Where(invoice.DealerID(r.dealerID), invoice.BalanceGT(0)).
		Order(invoice.ByID()).
		All(r.sys())
	if err != nil {
		r.t.Fatal(err)
	}
	var owed int64
	for _, inv := range open {
		owed += inv.Balance
	}
	if owed == 0 && r.rng.IntN(4) > 0 {
		return // now and then, a prepayment
	}
	amount := 1 + r.rng.Int64N(owed+10000)
	in := accounts.PaymentInput{
		DealerID: r.dealerID, Amount: amount, Reference: fmt.Sprintf("BANK-%d", r.refs),
		// Received up to a week before it is recorded.
		ReceivedAt: r.now.Add(-time.Duration(r.rng.IntN(7*24)) * time.Hour),
	}
	r.refs++
	wantRefused := false
	if len(open) > 0 && r.rng.IntN(2) == 0 {
		left := amount
		for _, i := range r.rng.Perm(len(open)) {
			inv := open[i]
			if left == 0 {
				break
			}
			a := 1 + r.rng.Int64N(min(left, inv.Balance))
			if r.rng.IntN(15) == 0 {
				a = inv.Balance + 1 // above the open balance
				wantRefused = true
			}
			in.Allocations = append(in.Allocations, accounts.Allocation{InvoiceID: inv.ID, Amount: a})
			left -= min(a, left)
		}
		if r.rng.IntN(15) == 0 {
			in.Amount-- // allocations above the payment
			wantRefused = wantRefused || left == 0
		}
	}
	err = r.do(func(ctx context.Context) error {
		_, err := r.books.RecordPayment(ctx, in)
		return err
	})
	if wantRefused != (err != nil) {
		r.t.Fatalf("payment %+v: refused %v, want %v", in, err, wantRefused)
	}
	if err == nil {
		r.facts = append(r.facts, fact{payment: &in})
	}
}

func (r *run) credit() {
	var cn *ent.CreditNote
	err := r.do(func(ctx context.Context) (err error) {
		cn, err = r.books.IssueCreditNote(ctx, accounts.CreditNoteInput{DealerID: r.dealerID, Amount: 1 + r.rng.Int64N(20000), Reason: "rebate"})
		return err
	})
	if err != nil {
		r.t.Fatal(err)
	}
	r.facts = append(r.facts, fact{credit: cn})
}

// ledger is the account read straight from its rows.
type ledger struct {
	invoices    []*ent.Invoice
	payments    []*ent.Payment
	credits     []*ent.CreditNote
	allocations []*ent.Allocation
}

func (r *run) ledger() ledger {
	ctx := r.sys()
	var l ledger
	var err error
	if l.invoices, err = r.client.Invoice.Query().Where(invoice.DealerID(r.dealerID)).WithAllocations().All(ctx); err != nil {
		r.t.Fatal(err)
	}
	if l.payments, err = r.client.Payment.Query().Where(payment.DealerID(r.dealerID)).WithAllocations().All(ctx); err != nil {
		r.t.Fatal(err)
	}
	if l.credits, err = r.client.CreditNote.Query().Where(creditnote.DealerID(r.dealerID)).WithAllocations().Order(creditnote.ByID()).All(ctx); err != nil {
		r.t.Fatal(err)
	}
	if l.allocations, err = r.client.Allocation.Query().Where(allocation.DealerID(r.dealerID)).All(ctx); err != nil {
		r.t.Fatal(err)
	}
	return l
}

// balance is invoices − payments − credit notes dated up to day, or before
// it when before is set: what the statement must say, counted by hand.
func (l ledger) balance(day time.Time, before bool) int64 {
	in := func(t time.Time) bool {
		if before {
			return t.Before(day)
		}
		return !t.After(day)
	}
	var b int64
	for _, inv := range l.invoices {
		if in(inv.IssuedOn) {
			b += inv.Amount
		}
	}
	for _, p := range l.payments {
		if in(p.ReceivedOn) {
			b -= p.Amount
		}
	}
	for _, c := range l.credits {
		if in(c.IssuedOn) {
			b -= c.Amount
		}
	}
	return b
}

// check tests the invariants of the account and of statements over random
// periods.
func (r *run) check() {
	t := r.t
	l := r.ledger()
	// Every row agrees with its allocations.
	for _, inv := range l.invoices {
		open := inv.Amount
		for _, a := range inv.Edges.Allocations {
			open -= a.Amount
			if a.AppliedOn.Before(inv.IssuedOn) {
				t.Errorf("allocation to %s counts from %s, before the invoice was issued", inv.Number, a.AppliedOn)
			}
		}
		if open != inv.Balance || open < 0 {
			t.Errorf("invoice %s: balance %d, amount less allocations %d", inv.Number, inv.Balance, open)
		}
		if (inv.Balance == 0) != (inv.PaidOffOn != nil) {
			t.Errorf("invoice %s: balance %d, paid off on %v", inv.Number, inv.Balance, inv.PaidOffOn)
		}
	}
	for _, p := range l.payments {
		left := p.Amount
		for _, a := range p.Edges.Allocations {
			left -= a.Amount
		}
		if left != p.Unallocated || left < 0 {
			t.Errorf("payment %s: unallocated %d, amount less allocations %d", p.Reference, p.Unallocated, left)
		}
	}
	for _, c := range l.credits {
		left := c.Amount
		for _, a := range c.Edges.Allocations {
			left -= a.Amount
		}
		if left != c.Unallocated || left < 0 {
			t.Errorf("credit note %s: unallocated %d, amount less allocations %d", c.Number, c.Unallocated, left)
		}
	}
	// Shipped never exceeds ordered; a fully shipped order is invoiced in
	// full, to the cent.
	orders, err := r.client.Order.Query().Where(order.DealerID(r.dealerID)).WithLines().WithInvoices().All(r.sys())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orders {
		full := true
		for _, ln := range o.Edges.Lines {
			if ln.ShippedQuantity > ln.Quantity || ln.DeliveredQuantity > ln.ShippedQuantity {
				t.Errorf("order %s line %d: %d ordered, %d shipped, %d delivered", o.Number, ln.Position, ln.Quantity, ln.ShippedQuantity, ln.DeliveredQuantity)
			}
			full = full && ln.ShippedQuantity == ln.Quantity
		}
		var invoiced int64
		for _, inv := range o.Edges.Invoices {
			invoiced += inv.Amount
		}
		shipping, err := r.client.Shipment.Query().Where(shipment.OrderID(o.ID), shipment.StatusEQ(status.ShipmentPreparing)).Exist(r.sys())
		if err != nil {
			t.Fatal(err)
		}
		if full && !shipping && invoiced != o.Total {
			t.Errorf("order %s is shipped in full: invoiced %d, total %d", o.Number, invoiced, o.Total)
		}
		delivered := o.Status == status.Delivered
		allDelivered := true
		for _, ln := range o.Edges.Lines {
			allDelivered = allDelivered && ln.DeliveredQuantity == ln.Quantity
		}
		if delivered != allDelivered {
			t.Errorf("order %s is %s; every line delivered: %v", o.Number, o.Status, allDelivered)
		}
	}
	if n, err := r.client.OrderLine.Query().Where(orderline.HasOrderWith(order.DealerID(r.dealerID))).Count(r.sys()); err != nil || n == 0 {
		t.Fatalf("no order lines (%v): the run did nothing", err)
	}

	r.checkHistory(l)

	// Statements over random periods.
	first, last := r.start.AddDate(0, 0, -10), r.now.AddDate(0, 4, 0)
	span := int(last.Sub(first).Hours()/24) + 1
	var periods [][2]time.Time
	for range 4 {
		from := dateOf(first.AddDate(0, 0, r.rng.IntN(span)))
		periods = append(periods, [2]time.Time{from, from.AddDate(0, 0, r.rng.IntN(span))})
	}
	// And at the edges of the ageing buckets of an invoice.
	if len(l.invoices) > 0 {
		due := dateOf(l.invoices[r.rng.IntN(len(l.invoices))].DueOn)
		for _, days := range []int{-1, 0, 1, 30, 31, 60, 61, 90, 91} {
			periods = append(periods, [2]time.Time{r.start, due.AddDate(0, 0, days)})
		}
	}
	for _, p := range periods {
		from, to := dateOf(p[0]), p[1]
		if to.Before(from) {
			from = to
		}
		var st *accounts.Statement
		err := r.do(func(ctx context.Context) (err error) {
			st, err = r.books.Statement(ctx, r.dealerID, from, to)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		r.checkStatement(l, st)
	}
}

func (r *run) checkStatement(l ledger, st *accounts.Statement) {
	t := r.t
	from, to := st.From, st.To
	if got, want := st.OpeningBalance, l.balance(from, true); got != want {
		t.Errorf("%s..%s: opening %d, want %d", from.Format(time.DateOnly), to.Format(time.DateOnly), got, want)
	}
	if got, want := st.ClosingBalance, l.balance(to, false); got != want {
		t.Errorf("%s..%s: closing %d, want invoices − payments − credits = %d", from.Format(time.DateOnly), to.Format(time.DateOnly), got, want)
	}
	balance := st.OpeningBalance
	for i, line := range st.Lines {
		balance += line.Debit - line.Credit
		if line.Balance != balance {
			t.Errorf("line %d: balance %d, want %d", i, line.Balance, balance)
		}
		if line.Date.Before(from) || line.Date.After(to) || i > 0 && line.Date.Before(st.Lines[i-1].Date) {
			t.Errorf("line %d dated %s: out of the period or out of order", i, line.Date)
		}
	}
	if balance != st.ClosingBalance || st.OpeningBalance+st.Invoiced-st.Paid-st.Credited != st.ClosingBalance {
		t.Errorf("lines end at %d; opening %d + %d − %d − %d; closing %d", balance, st.OpeningBalance, st.Invoiced, st.Paid, st.Credited, st.ClosingBalance)
	}
	// Ageing, worked out from the allocations counting by `to`.
	var want accounts.Ageing
	var applied int64
	for _, a := range l.allocations {
		if !a.AppliedOn.After(to) {
			applied += a.Amount
		}
	}
	for _, inv := range l.invoices {
		if inv.IssuedOn.After(to) {
			continue
		}
		open := inv.Amount
		for _, a := range inv.Edges.Allocations {
			if !a.AppliedOn.After(to) {
				open -= a.Amount
			}
		}
		days := int(to.Sub(dateOf(inv.DueOn)).Hours() / 24)
		switch {
		case open == 0:
		case days <= 0:
			want.NotYetDue += open
		case days <= 30:
			want.Overdue1To30 += open
		case days <= 60:
			want.Overdue31To60 += open
		case days <= 90:
			want.Overdue61To90 += open
		default:
			want.OverdueOver90 += open
		}
	}
	want.Overdue = want.Overdue1To30 + want.Overdue31To60 + want.Overdue61To90 + want.OverdueOver90
	want.At = to
	if got := *st.Ageing; !got.At.Equal(want.At) || got.NotYetDue != want.NotYetDue || got.Overdue != want.Overdue ||
		got.Overdue1To30 != want.Overdue1To30 || got.Overdue31To60 != want.Overdue31To60 ||
		got.Overdue61To90 != want.Overdue61To90 || got.OverdueOver90 != want.OverdueOver90 {
		t.Errorf("ageing at %s = %+v, want %+v", to.Format(time.DateOnly), got, want)
	}
	unapplied := -applied
	for _, p := range l.payments {
		if !p.ReceivedOn.After(to) {
			unapplied += p.Amount
		}
	}
	for _, c := range l.credits {
		if !c.IssuedOn.After(to) {
			unapplied += c.Amount
		}
	}
	if st.UnappliedCredit != unapplied || unapplied < 0 {
		t.Errorf("unapplied credit %d, want %d", st.UnappliedCredit, unapplied)
	}
	// What is open less what is unapplied is what the dealer owes.
	if st.Ageing.NotYetDue+st.Ageing.Overdue+st.Ageing.Disputed-st.UnappliedCredit != st.ClosingBalance {
		t.Errorf("open %d + overdue %d − unapplied %d ≠ closing %d", st.Ageing.NotYetDue, st.Ageing.Overdue, st.UnappliedCredit, st.ClosingBalance)
	}
}

// checkHistory replays what happened through accounts.History, which
// loads the past in memory: it must come to the same balances, paid-off
// dates and unallocated amounts as the service did row by row.
func (r *run) checkHistory(l ledger) {
	t := r.t
	ctx := r.sys()
	d := r.client.Dealer.GetX(ctx, r.dealerID)
	h := accounts.NewHistory(r.loc)
	invoices := map[int]*ent.Invoice{} // service's id → history's
	payments := map[string]*ent.Payment{}
	var credits []*ent.CreditNote
	for _, f := range r.facts {
		switch {
		case f.payment != nil:
			var shares []accounts.Share
			for _, a := range f.payment.Allocations {
				shares = append(shares, accounts.Share{Invoice: invoices[a.InvoiceID], Amount: a.Amount})
			}
			p, err := h.Payment(f.payment.DealerID, f.payment.Amount, f.payment.ReceivedAt, f.payment.Reference, shares...)
			if err != nil {
				t.Fatalf("history refused %+v: %v", f.payment, err)
			}
			payments[p.Reference] = p
		case f.credit != nil:
			credits = append(credits, h.CreditNote(r.dealerID, f.credit.Kind, f.credit.ProductID, f.credit.Amount, f.credit.Reason, f.credit.IssuedAt))
		default:
			inv := r.client.Invoice.Query().Where(invoice.ShipmentID(f.shipmentID)).OnlyX(ctx)
			sh := r.client.Shipment.GetX(ctx, f.shipmentID)
			invoices[inv.ID] = h.Invoice(sh, inv.Amount, d.PaymentTermsDays, f.at)
		}
	}
	same := func(a, b *time.Time) bool { return a == nil && b == nil || a != nil && b != nil && a.Equal(*b) }
	for _, inv := range l.invoices {
		got := invoices[inv.ID]
		if got == nil || got.Balance != inv.Balance || !same(got.PaidOffOn, inv.PaidOffOn) ||
			!got.IssuedOn.Equal(inv.IssuedOn) || !got.DueOn.Equal(inv.DueOn) {
			t.Errorf("history's %+v differs from the service's %+v", got, inv)
		}
	}
	for _, p := range l.payments {
		if got := payments[p.Reference]; got == nil || got.Unallocated != p.Unallocated || !got.ReceivedOn.Equal(p.ReceivedOn) {
			t.Errorf("history's payment %+v differs from the service's %+v", got, p)
		}
	}
	for i, c := range l.credits {
		if got := credits[i]; got.Unallocated != c.Unallocated || !got.IssuedOn.Equal(c.IssuedOn) {
			t.Errorf("history's credit note %+v differs from the service's %+v", got, c)
		}
	}
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// TestStatement_ClosingIsInvoicesLessPaymentsAndCredits runs random
// histories of shipments, invoices, payments (some backdated, some with
// allocations, some refused) and credit notes, and checks every statement
// against the rows it is drawn from.
func TestStatement_ClosingIsInvoicesLessPaymentsAndCredits(t *testing.T) {
	seeds, steps := 24, 60
	if testing.Short() {
		seeds = 6
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		for seed := range seeds {
			t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
				r := w.newRun(t, uint64(seed))
				for range steps {
					r.step()
				}
				r.check()
			})
		}
	})
}

// Exposure moves a shipment's value from the order to its invoice, drops
// by what is paid, and keeps unpaid invoices of delivered orders.
func TestExposure_InvoicesReplaceOrderValue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newWorld(t, db).newRun(t, 99)
		exposure := func() int64 {
			t.Helper()
			e, err := accounts.Exposure(r.sys(), r.client, r.dealerID)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		var o *ent.Order
		must(r.do(func(ctx context.Context) (err error) {
			if o, err = r.orders.Place(ctx, ordering.PlaceInput{DealerID: &r.dealerID, Lines: []ordering.Line{{ProductID: r.products[0], Quantity: 4}}}); err != nil {
				return err
			}
			_, err = r.orders.Transition(ctx, o.ID, status.Confirmed, "", nil)
			return err
		}))
		// An order cancelled does not count.
		must(r.do(func(ctx context.Context) error {
			c, err := r.orders.Place(ctx, ordering.PlaceInput{DealerID: &r.dealerID, Lines: []ordering.Line{{ProductID: r.products[1], Quantity: 3}}})
			if err != nil {
				return err
			}
			_, err = r.orders.Transition(ctx, c.ID, status.Cancelled, "", nil)
			return err
		}))
		if got := exposure(); got != o.Total {
			t.Fatalf("exposure of a confirmed order = %d, want its total %d", got, o.Total)
		}
		line := r.client.OrderLine.Query().Where(orderline.OrderID(o.ID)).OnlyX(r.sys())
		ship := func(q int) *ent.Shipment {
			var sh *ent.Shipment
			must(r.do(func(ctx context.Context) (err error) {
				if sh, err = r.orders.CreateShipment(ctx, ordering.ShipmentInput{OrderID: o.ID, Carrier: "SF", Lines: []ordering.ShipmentLine{{OrderLineID: line.ID, Quantity: q}}}); err != nil {
					return err
				}
				_, err = r.orders.RecordDeliveryEvent(ctx, ordering.DeliveryInput{ShipmentID: sh.ID, Status: status.ShipmentInTransit})
				return err
			}))
			return sh
		}
		first := ship(1)
		if got := exposure(); got != o.Total {
			t.Errorf("exposure after invoicing part = %d, want still %d", got, o.Total)
		}
		pay := func(amount int64) {
			r.now = r.now.Add(time.Hour)
			must(r.do(func(ctx context.Context) error {
				r.refs++
				_, err := r.books.RecordPayment(ctx, accounts.PaymentInput{DealerID: r.dealerID, Amount: amount, ReceivedAt: r.now, Reference: fmt.Sprint("P", r.refs)})
				return err
			}))
		}
		pay(1000)
		if got := exposure(); got != o.Total-1000 {
			t.Errorf("exposure after paying 10.00 = %d, want %d", got, o.Total-1000)
		}
		second := ship(3)
		for _, sh := range []*ent.Shipment{first, second} {
			must(r.do(func(ctx context.Context) error {
				_, err := r.orders.RecordDeliveryEvent(ctx, ordering.DeliveryInput{ShipmentID: sh.ID, Status: status.ShipmentDelivered})
				return err
			}))
		}
		if s := r.client.Order.GetX(r.sys(), o.ID).Status; s != status.Delivered {
			t.Fatalf("order is %s, want DELIVERED", s)
		}
		if got := exposure(); got != o.Total-1000 {
			t.Errorf("exposure of a delivered order's unpaid invoices = %d, want %d", got, o.Total-1000)
		}
		pay(o.Total - 1000)
		if got := exposure(); got != 0 {
			t.Errorf("exposure when all is paid = %d, want 0", got)
		}
	})
}

// An account whose rows add up beyond int64 (written below the services,
// which refuse amounts over money.Max) is refused as a CONFLICT by the
// statement and the exposure, never drawn up with a wrong number.
func TestStatement_OverflowIsRefusedNotWrapped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newWorld(t, db).newRun(t, 5)
		ctx := r.sys()
		day := dateOf(r.now)
		for i := range 2 {
			r.client.Payment.Create().SetDealerID(r.dealerID).SetAmount(math.MaxInt64 - 10).SetUnallocated(math.MaxInt64 - 10).
				SetReceivedAt(r.now).SetReceivedOn(day).SetReference(fmt.Sprint("HUGE-", i)).SaveX(ctx)
		}
		actx := auth.NewContext(context.Background(), r.admin)
		for _, from := range []time.Time{day, day.AddDate(0, 0, 1)} { // summed in memory, then in SQL
			_, err := r.books.Statement(actx, r.dealerID, from, from.AddDate(0, 1, 0))
			if got := apperr.CodeOf(err); got != apperr.Conflict {
				t.Errorf("statement from %s: %v (%s), want CONFLICT", from.Format(time.DateOnly), err, got)
			}
		}
		for range 2 {
			var o *ent.Order
			if err := r.do(func(ctx context.Context) (err error) {
				o, err = r.orders.Place(ctx, ordering.PlaceInput{DealerID: &r.dealerID, Lines: []ordering.Line{{ProductID: r.products[0], Quantity: 1}}})
				return err
			}); err != nil {
				t.Fatal(err)
			}
			r.client.Order.UpdateOneID(o.ID).SetTotal(math.MaxInt64 - 10).ExecX(ctx)
		}
		if _, err := accounts.Exposure(ctx, r.client, r.dealerID); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("exposure: %v, want CONFLICT", err)
		}
	})
}
