package search

import (
	"context"
	"slices"

	"entgo.io/ent"

	"github.com/dealerline/dealerline/access"
	gen "github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/contact"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/hook"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/serviceticket"
)

// The hooks keep the index in step with the records it covers, in the
// writer's transaction: registered in the ent schema, they run for every
// writer — the domain services, the generated create and update
// mutations, the demo loader — without any of them remembering to.

// IndexDealers indexes dealers by code and name.
func IndexDealers() ent.Hook {
	return indexer(indexed[*gen.Dealer, *gen.DealerMutation]{
		fields: []string{dealer.FieldCode, dealer.FieldName},
		entry:  func(d *gen.Dealer) Entry { return DealerEntry(d.ID, d.Code, d.Name) },
		reload: func(ctx context.Context, c *gen.Client, ids []int) ([]*gen.Dealer, error) {
			return c.Dealer.Query().Where(dealer.IDIn(ids...)).All(ctx)
		},
	})
}

// IndexContacts indexes contacts by name, title, e-mail and phone.
func IndexContacts() ent.Hook {
	return indexer(indexed[*gen.Contact, *gen.ContactMutation]{
		fields: []string{contact.FieldName, contact.FieldTitle, contact.FieldEmail, contact.FieldPhone},
		entry: func(c *gen.Contact) Entry {
			return ContactEntry(c.ID, c.DealerID, c.Name, c.Title, c.Email, c.Phone)
		},
		reload: func(ctx context.Context, c *gen.Client, ids []int) ([]*gen.Contact, error) {
			return c.Contact.Query().Where(contact.IDIn(ids...)).All(ctx)
		},
	})
}

// IndexInteractions indexes interactions by subject, notes and outcome.
func IndexInteractions() ent.Hook {
	return indexer(indexed[*gen.Interaction, *gen.InteractionMutation]{
		fields: []string{interaction.FieldSubject, interaction.FieldNotes, interaction.FieldOutcome},
		entry: func(i *gen.Interaction) Entry {
			return InteractionEntry(i.ID, i.DealerID, i.Subject, i.Notes, i.Outcome)
		},
		reload: func(ctx context.Context, c *gen.Client, ids []int) ([]*gen.Interaction, error) {
			return c.Interaction.Query().Where(interaction.IDIn(ids...)).All(ctx)
		},
	})
}

// IndexTickets indexes a ticket by its subject and body when it is opened
// (neither changes later); IndexTicketReplies adds its replies.
func IndexTickets() ent.Hook {
	return indexer(indexed[*gen.ServiceTicket, *gen.ServiceTicketMutation]{
		fields: []string{serviceticket.FieldSubject, serviceticket.FieldBody},
		entry: func(t *gen.ServiceTicket) Entry {
			return TicketEntry(t.ID, t.DealerID, t.Subject, t.Body)
		},
		reload: func(ctx context.Context, c *gen.Client, ids []int) ([]*gen.ServiceTicket, error) {
			return c.ServiceTicket.Query().Where(serviceticket.IDIn(ids...)).All(ctx)
		},
	})
}

// IndexTicketReplies appends each reply's body to its ticket's entry.
func IndexTicketReplies() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TicketReplyFunc(func(ctx context.Context, m *gen.TicketReplyMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			r, ok := v.(*gen.TicketReply)
			if !ok {
				return v, nil
			}
			return v, appendReply(ctx, m.Client(), r.TicketID, r.Body)
		})
	}, ent.OpCreate)
}

// indexed is how one type is indexed: the fields its entry is made of, the
// entry of a row, and how to load rows that a bulk update changed.
type indexed[T any, M interface {
	ent.Mutation
	IDs(context.Context) ([]int, error)
	Client() *gen.Client
}] struct {
	fields []string
	entry  func(T) Entry
	reload func(context.Context, *gen.Client, []int) ([]T, error)
}

// indexer is the hook of one type: a row created, or updated in one of the
// indexed fields, is (re)indexed from the row as written; a row deleted
// leaves the index. A write that leaves the indexed fields alone (a
// dealer's credit limit, a ticket's status) costs nothing.
func indexer[T any, M interface {
	ent.Mutation
	IDs(context.Context) ([]int, error)
	Client() *gen.Client
}](x indexed[T, M]) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			m, ok := mu.(M)
			if !ok {
				return next.Mutate(ctx, mu)
			}
			op := m.Op()
			touched := slices.ContainsFunc(m.Fields(), func(f string) bool { return slices.Contains(x.fields, f) })
			var ids []int
			if op.Is(ent.OpDelete|ent.OpDeleteOne) || (op.Is(ent.OpUpdate|ent.OpUpdateOne) && touched) {
				// The rows the predicates pick, before the write changes
				// them; the write's own policy has already narrowed them.
				var err error
				if ids, err = m.IDs(access.Bypass(ctx)); err != nil {
					return nil, err
				}
			}
			v, err := next.Mutate(ctx, mu)
			if err != nil {
				return v, err
			}
			c := m.Client()
			switch {
			case op.Is(ent.OpDelete | ent.OpDeleteOne):
				return v, remove(ctx, c, ids)
			case op.Is(ent.OpCreate):
				row, ok := v.(T)
				if !ok {
					return v, nil
				}
				return v, put(ctx, c, x.entry(row))
			case op.Is(ent.OpUpdate|ent.OpUpdateOne) && touched && len(ids) > 0:
				// Read back: an update may have selected only some fields
				// of the row it returns.
				rows, err := x.reload(access.Bypass(ctx), c, ids)
				if err != nil {
					return v, err
				}
				entries := make([]Entry, len(rows))
				for i, r := range rows {
					entries[i] = x.entry(r)
				}
				return v, put(ctx, c, entries...)
			}
			return v, nil
		})
	}
}
