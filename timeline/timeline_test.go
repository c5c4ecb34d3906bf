package timeline_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
	"github.com/dealerline/dealerline/timeline"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// world: distributor D (channel A, territory T1) with sub-dealer S, one
// entry of each kind in D's history a minute apart, and rows that must not
// show (the placing event, a shipment being prepared, an announcement to
// another channel, a follow-up not done, S's order).
type world struct {
	svc     *timeline.Service
	client  *ent.Client
	start   time.Time
	d, s    *ent.Dealer
	viewers map[string]*auth.Viewer
	// want is D's entries, newest first, as "KIND ACTION subject".
	want []string
	name map[int]string // subject id → name in want
	// internal is the entries of want about internal staff notes.
	internal []string
}

func build(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := access.Bypass(context.Background())
	c := db.Client
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return start.Add(time.Duration(m) * time.Minute) }
	w := &world{svc: timeline.NewService(c, db.Dialect), client: c, start: start, viewers: map[string]*auth.Viewer{}, name: map[int]string{}}

	admin := c.User.Create().SetEmail("admin@x.test").SetName("Admin").SetRole(user.RoleADMIN).SaveX(ctx)
	mgrA := c.User.Create().SetEmail("a@x.test").SetName("Manager A").SetRole(user.RoleCHANNEL_MANAGER).SaveX(ctx)
	mgrB := c.User.Create().SetEmail("b@x.test").SetName("Manager B").SetRole(user.RoleCHANNEL_MANAGER).SaveX(ctx)
	chA := c.Channel.Create().SetCode("A").SetName("Retail").AddManagers(mgrA).SaveX(ctx)
	chB := c.Channel.Create().SetCode("B").SetName("Key accounts").AddManagers(mgrB).SaveX(ctx)
	t1 := c.Territory.Create().SetCode("T1").SetName("North").SaveX(ctx)
	w.d = c.Dealer.Create().SetCode("D").SetName("Distributor").SetTier(1).SetJoinedOn(start).SetChannel(chA).AddTerritories(t1).SaveX(ctx)
	w.s = c.Dealer.Create().SetCode("S").SetName("Sub-dealer").SetTier(2).SetJoinedOn(start).SetChannel(chA).SetParent(w.d).AddTerritories(t1).SaveX(ctx)
	du := c.User.Create().SetEmail("d@x.test").SetName("User of D").SetRole(user.RoleDEALER).SetDealer(w.d).SaveX(ctx)
	su := c.User.Create().SetEmail("s@x.test").SetName("User of S").SetRole(user.RoleDEALER).SetDealer(w.s).SaveX(ctx)
	w.viewers["admin"] = &auth.Viewer{UserID: admin.ID, Role: user.RoleADMIN}
	w.viewers["manager A"] = &auth.Viewer{UserID: mgrA.ID, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{chA.ID}}
	w.viewers["manager B"] = &auth.Viewer{UserID: mgrB.ID, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{chB.ID}}
	w.viewers["user of D"] = &auth.Viewer{UserID: du.ID, Role: user.RoleDEALER, DealerID: w.d.ID, DealerTier: 1, DealerChannelID: chA.ID, DealerTerritoryIDs: []int{t1.ID}}
	w.viewers["user of S"] = &auth.Viewer{UserID: su.ID, Role: user.RoleDEALER, DealerID: w.s.ID, DealerTier: 2, DealerChannelID: chA.ID, DealerTerritoryIDs: []int{t1.ID}}

	entry := func(kind, action, name string, id int) {
		w.want = append([]string{kind + " " + action + " " + name}, w.want...)
		w.name[id] = name
	}
	o := c.Order.Create().SetDealer(w.d).SetPlacedAt(at(1)).SetTotal(100).SaveX(ctx)
	entry("ORDER_PLACED", "", "order", o.ID)
	c.OrderEvent.Create().SetOrderID(o.ID).SetTo(status.Submitted).SetActorName("User of D").SetAt(at(1)).SaveX(ctx)
	ev := c.OrderEvent.Create().SetOrderID(o.ID).SetFrom(status.Submitted).SetTo(status.Confirmed).SetActorName("Manager A").SetAt(at(2)).SaveX(ctx)
	entry("ORDER_STATUS", "CONFIRMED", "confirmed", ev.ID)
	sh := c.Shipment.Create().SetOrderID(o.ID).SetDealerID(w.d.ID).SetCarrier("SF").SaveX(ctx)
	c.DeliveryEvent.Create().SetShipmentID(sh.ID).SetDealerID(w.d.ID).SetStatus("PREPARING").SetOccurredAt(at(3)).SetActorName("Manager A").SaveX(ctx)
	de := c.DeliveryEvent.Create().SetShipmentID(sh.ID).SetDealerID(w.d.ID).SetStatus("IN_TRANSIT").SetOccurredAt(at(4)).SetActorName("Manager A").SaveX(ctx)
	entry("SHIPMENT", "IN_TRANSIT", "in transit", de.ID)
	inv := c.Invoice.Create().SetDealerID(w.d.ID).SetOrderID(o.ID).SetShipmentID(sh.ID).SetIssuedOn(start).SetDueOn(start).
		SetAmount(100).SetBalance(100).SetCreatedAt(at(5)).SaveX(ctx)
	entry("INVOICE", "", "invoice", inv.ID)
	p := c.Payment.Create().SetDealerID(w.d.ID).SetAmount(50).SetReceivedAt(at(6)).SetReceivedOn(start).SetReference("R1").SetUnallocated(50).SaveX(ctx)
	entry("PAYMENT", "", "payment", p.ID)
	cn := c.CreditNote.Create().SetDealerID(w.d.ID).SetAmount(10).SetReason("Rebate").SetIssuedAt(at(7)).SetIssuedOn(start).SetUnallocated(10).SaveX(ctx)
	entry("CREDIT_NOTE", "", "credit note", cn.ID)
	news := c.Announcement.Create().SetTitle("News").SetBody("For channel A").SetPublishedAt(at(8)).SetPublishedByName("Admin").AddChannels(chA).SaveX(ctx)
	entry("ANNOUNCEMENT", "PUBLISHED", "news", news.ID)
	c.Announcement.Create().SetTitle("Other").SetBody("For channel B").SetPublishedAt(at(8)).SetPublishedByName("Admin").AddChannels(chB).SaveX(ctx)
	rd := c.AnnouncementRead.Create().SetAnnouncementID(news.ID).SetUserID(du.ID).SetDealerID(w.d.ID).SetReadAt(at(9)).SaveX(ctx)
	w.want = append([]string{"ANNOUNCEMENT READ news"}, w.want...)
	_ = rd
	tk := c.ServiceTicket.Create().SetDealerID(w.d.ID).SetSubject("Late").SetBody("Where is it?").SetOpenedAt(at(10)).
		SetOpenedByName("User of D").SetLastActivityAt(at(11)).SaveX(ctx)
	entry("TICKET", "OPENED", "ticket", tk.ID)
	re := c.TicketReply.Create().SetTicketID(tk.ID).SetDealerID(w.d.ID).SetAuthorName("Manager A").SetFromStaff(true).
		SetBody("On its way").SetAt(at(11)).SaveX(ctx)
	entry("TICKET", "REPLIED", "reply", re.ID)
	in := c.Interaction.Create().SetDealerID(w.d.ID).SetKind("VISIT").SetOccurredAt(at(12)).SetSubject("Visit").SetAuthorName("Manager A").SaveX(ctx)
	entry("INTERACTION", "VISIT", "interaction", in.ID)
	fu := c.FollowUp.Create().SetInteractionID(in.ID).SetDealerID(w.d.ID).SetDueOn(start).SetText("Call back").
		SetAssigneeName("Manager A").SetDoneAt(at(13)).SaveX(ctx)
	entry("FOLLOW_UP", "DONE", "follow-up", fu.ID)
	in2 := c.Interaction.Create().SetDealerID(w.d.ID).SetKind("CALL").SetOccurredAt(at(0)).SetSubject("Call").SetAuthorName("Manager A").SaveX(ctx)
	w.want = append(w.want, "INTERACTION CALL call")
	w.name[in2.ID] = "call"
	c.FollowUp.Create().SetInteractionID(in2.ID).SetDealerID(w.d.ID).SetDueOn(start).SetText("Open").SetAssigneeName("Manager A").SaveX(ctx)
	// A conflict between D and its sub-dealer, with an internal note.
	cc := c.ConflictCase.Create().SetSeverity("LOW").SetSummary("Breach").SetOpenedByName("User of D").SetOpenedAt(at(14)).
		SetDueOn(start).SetLastActivityAt(at(16)).AddParties(w.d, w.s).SaveX(ctx)
	ce := c.ConflictEvent.Create().SetCaseID(cc.ID).SetAction("OPENED").SetTo(casestatus.Open).SetActorName("User of D").SetAt(at(14)).SaveX(ctx)
	entry("CONFLICT_CASE", "OPENED", "case opened", ce.ID)
	ce = c.ConflictEvent.Create().SetCaseID(cc.ID).SetAction("COMMENTED").SetNote("Staff only").SetInternal(true).SetActorName("Manager A").SetAt(at(15)).SaveX(ctx)
	entry("CONFLICT_CASE", "COMMENTED", "internal note", ce.ID)
	w.internal = append(w.internal, "CONFLICT_CASE COMMENTED internal note")
	ce = c.ConflictEvent.Create().SetCaseID(cc.ID).SetAction("STATUS_CHANGED").SetFrom(casestatus.Open).SetTo(casestatus.Investigating).
		SetActorName("Manager A").SetAt(at(16)).SaveX(ctx)
	entry("CONFLICT_CASE", "STATUS_CHANGED", "investigating", ce.ID)
	c.Order.Create().SetDealer(w.s).SetPlacedAt(at(5)).SetTotal(1).SaveX(ctx)
	return w
}

func (w *world) page(t *testing.T, viewer string, d *ent.Dealer, q timeline.Query) *timeline.Page {
	t.Helper()
	p, err := w.svc.Page(auth.NewContext(context.Background(), w.viewers[viewer]), d, q)
	if err != nil {
		t.Fatalf("%s: %v", viewer, err)
	}
	return p
}

func (w *world) describe(es []timeline.Entry) []string {
	var out []string
	for _, e := range es {
		var id int
		switch n := e.Subject.(type) {
		case *ent.Order:
			id = n.ID
		case *ent.OrderEvent:
			id = n.ID
		case *ent.DeliveryEvent:
			id = n.ID
		case *ent.Invoice:
			id = n.ID
		case *ent.Payment:
			id = n.ID
		case *ent.CreditNote:
			id = n.ID
		case *ent.Announcement:
			id = n.ID
		case *ent.ServiceTicket:
			id = n.ID
		case *ent.TicketReply:
			id = n.ID
		case *ent.Interaction:
			id = n.ID
		case *ent.FollowUp:
			id = n.ID
		case *ent.ConflictEvent:
			id = n.ID
		}
		out = append(out, fmt.Sprintf("%s %s %s", e.Kind, e.Action, w.name[id]))
	}
	return out
}

func without(entries []string, kinds ...string) []string {
	return slices.DeleteFunc(slices.Clone(entries), func(e string) bool {
		return slices.ContainsFunc(kinds, func(k string) bool { return len(e) > len(k) && e[:len(k)+1] == k+" " })
	})
}

func TestTimeline_OneOfEachKindNewestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		for _, c := range []struct {
			viewer string
			want   []string
		}{
			{"admin", w.want},
			{"manager A", w.want},
			// Interactions, follow-ups and conflict notes are internal.
			{"user of D", slices.DeleteFunc(without(w.want, "INTERACTION", "FOLLOW_UP"), func(e string) bool { return slices.Contains(w.internal, e) })},
		} {
			p := w.page(t, c.viewer, w.d, timeline.Query{First: 50})
			if got := w.describe(p.Entries); !slices.Equal(got, c.want) {
				t.Errorf("%s got\n%q\nwant\n%q", c.viewer, got, c.want)
			}
			if p.Total != len(c.want) || p.HasNext {
				t.Errorf("%s: total %d, more %v; want %d and no more", c.viewer, p.Total, p.HasNext, len(c.want))
			}
		}
	})
}

// A distributor sees its sub-dealer's timeline without announcements (it
// may read neither their audience nor the sub-dealer's receipts).
func TestTimeline_DistributorViewingSubDealer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		news := w.client.Announcement.Query().FirstX(ctx)
		w.client.AnnouncementRead.Create().SetAnnouncementID(news.ID).SetUserID(w.viewers["user of S"].UserID).
			SetDealerID(w.s.ID).SetReadAt(w.start.Add(time.Hour)).SaveX(ctx)
		p := w.page(t, "user of D", w.s, timeline.Query{First: 50})
		var kinds []timeline.Kind
		for _, e := range p.Entries {
			kinds = append(kinds, e.Kind)
		}
		if !slices.Equal(kinds, []timeline.Kind{timeline.OrderPlaced}) || p.Total != 1 {
			t.Errorf("the distributor sees %v (total %d) of its sub-dealer's timeline, want its order only", kinds, p.Total)
		}
		p = w.page(t, "user of S", w.s, timeline.Query{First: 50, Kinds: []timeline.Kind{timeline.Announcement}})
		if p.Total != 2 {
			t.Errorf("the sub-dealer's own user sees %d announcement entries, want 2 (published, read)", p.Total)
		}
	})
}

func TestTimeline_KindsFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		p := w.page(t, "admin", w.d, timeline.Query{First: 50, Kinds: []timeline.Kind{timeline.Ticket, timeline.OrderStatus}})
		want := []string{"TICKET REPLIED reply", "TICKET OPENED ticket", "ORDER_STATUS CONFIRMED confirmed"}
		if got := w.describe(p.Entries); !slices.Equal(got, want) || p.Total != 3 {
			t.Errorf("got %q (total %d), want %q", got, p.Total, want)
		}
		// A dealer user asking for internal kinds only gets nothing.
		p = w.page(t, "user of D", w.d, timeline.Query{First: 50, Kinds: []timeline.Kind{timeline.Interaction}})
		if len(p.Entries) != 0 || p.Total != 0 {
			t.Errorf("a dealer user asking for interactions got %d (total %d)", len(p.Entries), p.Total)
		}
	})
}

// Pages follow one another with no gap and no repeat, even with entries
// written between them — newer ones (which belong before the first page)
// and ones at the very time of the cursor.
func TestTimeline_PagesStableAcrossWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		var got []string
		q := timeline.Query{First: 4}
		for i := 0; ; i++ {
			p := w.page(t, "admin", w.d, q)
			got = append(got, w.describe(p.Entries)...)
			if !p.HasNext {
				break
			}
			if i > 10 {
				t.Fatal("paging does not end")
			}
			q.After = new(p.Entries[len(p.Entries)-1].Cursor())
			// Written meanwhile: a newer order (it belongs before the
			// first page), and a payment at the very time of the cursor
			// (it belongs before or after it by its id).
			w.client.Order.Create().SetDealer(w.d).SetPlacedAt(w.start.Add(time.Hour)).SetTotal(1).SaveX(ctx)
			w.client.Payment.Create().SetDealerID(w.d.ID).SetAmount(1).SetReceivedAt(q.After.At).SetReceivedOn(w.start).
				SetReference(fmt.Sprintf("LATE-%d", i)).SetUnallocated(1).SaveX(ctx)
			// Round trip through the text the API gives out.
			c, err := timeline.ParseCursor(q.After.String())
			if err != nil || !c.At.Equal(q.After.At) || c.ID != q.After.ID {
				t.Fatalf("cursor %v round trips as %v, %v", q.After, c, err)
			}
			q.After = c
		}
		if slices.Contains(got, "ORDER_PLACED  ") {
			t.Errorf("an order newer than the first page showed on a later one: %q", got)
		}
		got = slices.DeleteFunc(got, func(e string) bool { return e == "PAYMENT  " })
		if !slices.Equal(got, w.want) {
			t.Errorf("pages of 4 gave\n%q\nwant\n%q", got, w.want)
		}
	})
}

func TestTimeline_RefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := auth.NewContext(context.Background(), w.viewers["admin"])
		for _, first := range []int{0, -1, 101} {
			_, err := w.svc.Page(ctx, w.d, timeline.Query{First: first})
			if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput || e.Field != "first" {
				t.Errorf("first %d: %v, want INVALID_INPUT on first", first, err)
			}
		}
		for _, after := range []string{"nonsense", "gqFpzwAAAAAAAAAB"} {
			_, err := timeline.ParseCursor(after)
			if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput || e.Field != "after" {
				t.Errorf("after %q: %v, want INVALID_INPUT on after", after, err)
			}
		}
	})
}

// Staff get the announcements that reached the dealer and that they may
// read themselves: a manager who owns a dealer of another's channel does
// not get that channel's announcements.
func TestTimeline_StaffGetAnnouncementsTheyMayRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		chB := w.client.Channel.Query().Where(channel.Code("B")).OnlyX(ctx)
		owned := w.client.Dealer.Create().SetCode("W").SetName("Owned").SetTier(2).SetJoinedOn(w.start).SetChannel(chB).
			SetOwnerID(w.viewers["manager A"].UserID).SaveX(ctx)
		ask := timeline.Query{First: 50, Kinds: []timeline.Kind{timeline.Announcement}}
		if p := w.page(t, "admin", owned, ask); p.Total != 1 || len(p.Entries) != 1 {
			t.Errorf("the admin gets %d announcement entries (total %d), want channel B's", len(p.Entries), p.Total)
		}
		if p := w.page(t, "manager A", owned, ask); p.Total != 0 || len(p.Entries) != 0 {
			t.Errorf("manager A gets %d announcement entries (total %d) it may not read", len(p.Entries), p.Total)
		}
	})
}
