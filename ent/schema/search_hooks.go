package schema

import (
	"entgo.io/ent"

	"github.com/dealerline/dealerline/search"
	"github.com/dealerline/dealerline/signals/marks"
)

// The searchable types keep their search index entries in step, in the
// writer's transaction, whoever the writer is (package search).

func (Dealer) Hooks() []ent.Hook        { return []ent.Hook{search.IndexDealers(), marks.Hook()} }
func (Contact) Hooks() []ent.Hook       { return []ent.Hook{search.IndexContacts()} }
func (Interaction) Hooks() []ent.Hook   { return []ent.Hook{search.IndexInteractions()} }
func (ServiceTicket) Hooks() []ent.Hook { return []ent.Hook{search.IndexTickets()} }
func (TicketReply) Hooks() []ent.Hook   { return []ent.Hook{search.IndexTicketReplies()} }
