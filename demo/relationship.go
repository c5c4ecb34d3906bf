package demo

import (
	"context"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/history"
)

// The relationship over the same year, made by history from each dealer's
// own stream: interactions with every dealer — in English and in Chinese,
// some with its contacts — logged by its channel's manager and now and
// then the administrator, follow-ups done, open and overdue, and the
// service requests of the dealers with their own users, answered in a
// thread. The stories the documented logins see are scripted on top:
// South Traders' complaint about slow after-sales service
// (ComplaintNote, with an overdue follow-up of manager@demo.test), North
// Distribution's open follow-up and its tickets waiting for staff and
// answered, South Traders' tickets answered and waiting again after an
// answer.

// ComplaintNote is in the notes of a call with South Traders: what a
// search for 售后 finds.
const ComplaintNote = "客户反映售后响应慢：上月送修的两台角磨机至今未返回，门店因此流失了一位老客户，希望有专人跟进维修进度。"

// interactionsPerYear is how often staff are in touch with a dealer, by
// kind: distributors every week or two, key accounts twice a month, shops
// and online sellers about monthly.
func interactionsPerYear(s dealerSpec) (lo, hi int) {
	switch {
	case s.tier == 1:
		return 30, 40
	case s.channel == "KEY":
		return 16, 24
	}
	return 10, 18
}

func (l *loader) loadRelationship(ctx context.Context) error {
	g, book := l.past, l.book
	g.Admin = l.person("admin@demo.test")
	var all []*history.Interaction
	var tickets []*history.Ticket
	for i, s := range dealers {
		d := book.dealers[s.code]
		d.Contacts = l.contacts[s.code]
		r := rand.New(rand.NewPCG(2026, 3000+uint64(i)))
		from, until := l.today.AddDate(-1, 0, 0), l.today
		if s.status == terminated && len(d.Orders) > 0 {
			// The last calls were about its last orders.
			until = history.NewClock(nil, l.loc).Date(d.Orders[len(d.Orders)-1].PlacedAt).AddDate(0, 0, 21)
		}
		lo, hi := interactionsPerYear(s)
		ins, tks := g.Relationship(d, r, from, until, lo+r.IntN(hi-lo+1), 6+r.IntN(5))
		all = append(all, ins...)
		tickets = append(tickets, tks...)
	}
	ins, tks := l.scripted(g, book)
	all = append(all, ins...)
	tickets = append(tickets, tks...)
	// Ids, and with them ticket numbers, in the order things happened.
	slices.SortStableFunc(all, func(a, b *history.Interaction) int { return a.At.Compare(b.At) })
	slices.SortStableFunc(tickets, func(a, b *history.Ticket) int { return a.Opened.Compare(b.Opened) })
	if err := l.writeInteractions(ctx, all); err != nil {
		return err
	}
	return l.writeTickets(ctx, tickets)
}

// person is a demo user as history names them.
func (l *loader) person(email string) history.Person {
	for _, u := range append(slices.Clone(staff), dealerUsers...) {
		if u.email == email {
			return history.Person{ID: l.userIDs[email], Name: u.name}
		}
	}
	panic("demo: no user " + email)
}

// scripted are the interactions and tickets the documented logins find
// on their first look, at fixed days before today.
func (l *loader) scripted(g *history.Generator, book *orderBook) ([]*history.Interaction, []*history.Ticket) {
	manager, admin := l.person("manager@demo.test"), l.person("admin@demo.test")
	c := history.NewClock(nil, l.loc)
	// at is a time in office hours, on a weekday about daysAgo days ago:
	// the Friday before for a weekend.
	at := func(daysAgo int, hour, minute int) time.Time {
		date := l.today.AddDate(0, 0, -daysAgo)
		for date.Weekday() == time.Saturday || date.Weekday() == time.Sunday {
			date = date.AddDate(0, 0, -1)
		}
		return c.Day(date).Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
	}
	due := func(days int) time.Time { return l.today.AddDate(0, 0, days) }
	done := func(daysAgo int) *time.Time { t := at(daysAgo, 11, 20); return &t }
	with := func(code string, n int) []history.Contact { cs := l.contacts[code]; return cs[:min(n, len(cs))] }
	log := func(code string, kind interaction.Kind, when time.Time, author history.Person, subject, notes, outcome string,
		contacts []history.Contact, f *history.FollowUp) *history.Interaction {
		return &history.Interaction{Dealer: book.dealers[code], Kind: kind, At: when, Logged: when.Add(45 * time.Minute),
			Subject: subject, Notes: notes, Outcome: outcome, Author: author, Contacts: contacts, FollowUp: f}
	}
	ins := []*history.Interaction{
		log(SouthTraders, interaction.KindCALL, at(6, 10, 15), manager, "售后服务投诉", ComplaintNote,
			"已转售后部门加急处理，承诺三天内答复。", with(SouthTraders, 1),
			&history.FollowUp{Due: due(-3), Text: "确认售后部门已答复 South Traders 的维修进度。", Assignee: manager}),
		log(NorthDistribution, interaction.KindVISIT, at(5, 14, 0), manager, "Quarterly review at North Distribution",
			"Went through the quarter with the purchasing team: sell-out to the sub-dealers up 12%, and the 18V 5.0Ah battery ran short twice. "+
				"They want a larger allocation of batteries before the peak season.",
			"Allocation request to go to planning.", with(NorthDistribution, 2),
			&history.FollowUp{Due: due(4), Text: "Get planning's answer on North Distribution's battery allocation.", Assignee: manager}),
		log("D-BJ-01", interaction.KindTRAINING, at(20, 9, 30), manager, "Product training: brushless drills",
			"Trained five sales staff at Capital Hardware & Tools on the brushless drill drivers: features, common questions and how to demonstrate them.",
			"Staff passed the short quiz; certificates to be sent.", with("D-BJ-01", 1),
			&history.FollowUp{Due: due(-14), Text: "Send the training certificates.", Assignee: manager, Done: done(15), DoneBy: manager.Name}),
		log("D-EAST", interaction.KindMEETING, at(40, 15, 0), admin, "框架协议续签",
			"与东海岸供应的采购和财务负责人讨论明年框架协议：价格维持，付款期限六十天不变，新增园林工具系列。",
			"双方同意按现有条款续签。", with("D-EAST", 2),
			&history.FollowUp{Due: due(-33), Text: "发送框架协议草案。", Assignee: admin, Done: done(35), DoneBy: admin.Name}),
		log(heldDealer, interaction.KindCALL, at(9, 16, 10), admin, "Credit hold on the project order",
			"Called the finance manager about the order waiting on credit hold: the project's deposit arrives next week, and they ask us to hold the goods until then.",
			"Hold kept until the deposit is in.", with(heldDealer, 1),
			&history.FollowUp{Due: due(-2), Text: "Release the credit hold once the deposit is in.", Assignee: admin}),
		log("D-EC-01", interaction.KindEMAIL, at(2, 11, 0), admin, "Marketplace price complaint",
			"ToolMall Online reports another seller undercutting the E-commerce price of the 18V Brushless Drill Driver by 15%. Screenshots received.",
			"Asked the channel team to check the seller's source.", nil,
			&history.FollowUp{Due: due(7), Text: "Find out where the undercutting seller buys the drill drivers.", Assignee: admin}),
	}
	topic := func(subject string) history.TicketTopic {
		i := slices.IndexFunc(history.TicketTopics, func(t history.TicketTopic) bool { return t.Subject == subject })
		return history.TicketTopics[i]
	}
	north, south := book.dealers[NorthDistribution], book.dealers[SouthTraders]
	r := rand.New(rand.NewPCG(2026, 2998))
	tks := []*history.Ticket{
		g.Ticket(north, r, g.Cutoff.Add(-3*time.Hour), topic("Batteries stop charging"), history.Waiting),
		g.Ticket(north, r, at(2, 10, 0), topic("物流延误，货物未按时到达"), history.Answered),
		g.Ticket(south, r, at(4, 9, 40), topic("Invoice price does not match the order"), history.Pending),
		g.Ticket(south, r, at(9, 11, 5), topic("对账单未显示付款"), history.Answered),
		g.Ticket(south, r, at(20, 15, 30), topic("售后维修进度查询"), history.Settled),
	}
	return ins, tks
}

func (l *loader) writeInteractions(ctx context.Context, all []*history.Interaction) error {
	for part := range slices.Chunk(all, batch) {
		b := make([]*ent.InteractionCreate, len(part))
		for j, in := range part {
			b[j] = l.c.Interaction.Create().
				SetDealerID(in.Dealer.ID).
				SetKind(in.Kind).
				SetOccurredAt(in.At).
				SetSubject(in.Subject).
				SetNotes(in.Notes).
				SetOutcome(in.Outcome).
				SetAuthorID(in.Author.ID).
				SetAuthorName(in.Author.Name).
				SetCreatedAt(in.Logged).
				SetUpdatedAt(in.Logged)
			for _, c := range in.Contacts {
				b[j].AddContactIDs(c.ID)
			}
		}
		saved, err := l.c.Interaction.CreateBulk(b...).Save(ctx)
		if err != nil {
			return err
		}
		for j, row := range saved {
			part[j].ID = row.ID
		}
	}
	var fs []*ent.FollowUpCreate
	for _, in := range all {
		f := in.FollowUp
		if f == nil {
			continue
		}
		updated := in.Logged
		if f.Done != nil {
			updated = *f.Done
		}
		fs = append(fs, l.c.FollowUp.Create().
			SetInteractionID(in.ID).
			SetDealerID(in.Dealer.ID).
			SetDueOn(f.Due).
			SetText(f.Text).
			SetAssigneeID(f.Assignee.ID).
			SetAssigneeName(f.Assignee.Name).
			SetNillableDoneAt(f.Done).
			SetDoneByName(f.DoneBy).
			SetCreatedAt(in.Logged).
			SetUpdatedAt(updated))
	}
	for part := range slices.Chunk(fs, batch) {
		if err := l.c.FollowUp.CreateBulk(part...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// writeTickets inserts the tickets in the order they were opened, numbers
// them from their ids, and adds their threads.
func (l *loader) writeTickets(ctx context.Context, all []*history.Ticket) error {
	for part := range slices.Chunk(all, batch) {
		b := make([]*ent.ServiceTicketCreate, len(part))
		for j, tk := range part {
			b[j] = l.c.ServiceTicket.Create().
				SetDealerID(tk.Dealer.ID).
				SetCategory(tk.Category).
				SetSubject(tk.Subject).
				SetBody(tk.Body).
				SetStatus(tk.Status()).
				SetOpenedAt(tk.Opened).
				SetOpenedByID(tk.OpenedBy.ID).
				SetOpenedByName(tk.OpenedBy.Name).
				SetNillableFirstResponseAt(tk.FirstResponse()).
				SetNillableClosedAt(tk.Closed).
				SetLastActivityAt(tk.LastActivity()).
				SetReplyCount(len(tk.Replies)).
				SetCreatedAt(tk.Opened).
				SetUpdatedAt(tk.LastActivity())
			if tk.Order != nil {
				b[j].SetOrderID(tk.Order.ID)
			}
		}
		saved, err := l.c.ServiceTicket.CreateBulk(b...).Save(ctx)
		if err != nil {
			return err
		}
		for j, row := range saved {
			part[j].ID = row.ID
		}
	}
	var replies []*ent.TicketReplyCreate
	for _, tk := range all {
		err := l.c.ServiceTicket.UpdateOneID(tk.ID).
			SetNumber(accounts.DocumentNumber("ST", tk.ID)).
			SetUpdatedAt(tk.LastActivity()).
			Exec(ctx)
		if err != nil {
			return err
		}
		for _, r := range tk.Replies {
			replies = append(replies, l.c.TicketReply.Create().
				SetTicketID(tk.ID).
				SetDealerID(tk.Dealer.ID).
				SetAuthorID(r.Author.ID).
				SetAuthorName(r.Author.Name).
				SetFromStaff(r.Staff).
				SetBody(r.Body).
				SetAt(r.At))
		}
	}
	for part := range slices.Chunk(replies, batch) {
		if err := l.c.TicketReply.CreateBulk(part...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
