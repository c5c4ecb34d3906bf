// Package notify is the in-app inbox (DESIGN.md §5's outbox, read once per
// event by the reader "notifications" of package feed): who is told what,
// each user's choice of channels per kind, and the texts of each
// notification in the reader's language. E-mail and web push read the same
// kinds, settings and texts.
//
// Who is told is decided per user, from the events that user may see: the
// hub's audience keys of the event (realtime.Heard, with the user's
// realtime.ViewerKeys), then the subject loaded through the user's own
// privacy rules (package access). Nobody is told of their own action.
package notify

import (
	"slices"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent/notification"
)

// Kind is what a notification says happened.
type Kind = notification.Kind

// The kinds, as the schema lists them.
const (
	OrderConfirmed      = notification.KindORDER_CONFIRMED
	OrderRejected       = notification.KindORDER_REJECTED
	OrderShipped        = notification.KindORDER_SHIPPED
	OrderDelivered      = notification.KindORDER_DELIVERED
	OrderOnCreditHold   = notification.KindORDER_ON_CREDIT_HOLD
	CreditHoldReleased  = notification.KindCREDIT_HOLD_RELEASED
	ShipmentException   = notification.KindSHIPMENT_EXCEPTION
	InvoiceIssued       = notification.KindINVOICE_ISSUED
	InvoiceOverdue      = notification.KindINVOICE_OVERDUE
	PolicyToAcknowledge = notification.KindPOLICY_TO_ACKNOWLEDGE
	Announcement        = notification.KindANNOUNCEMENT
	TicketReply         = notification.KindTICKET_REPLY
	RebateTierReached   = notification.KindREBATE_TIER_REACHED
	ReturnUpdated       = notification.KindRETURN_UPDATED
	OrderPlaced         = notification.KindORDER_PLACED
	TicketOpened        = notification.KindTICKET_OPENED
	FollowUpDue         = notification.KindFOLLOW_UP_DUE
	ConflictCaseOpened  = notification.KindCONFLICT_CASE_OPENED
	SignalRaised        = notification.KindSIGNAL_RAISED
	WebhookPaused       = notification.KindWEBHOOK_PAUSED
	AgreementEnding     = notification.KindAGREEMENT_ENDING
)

// DealerKinds are the kinds a dealer user may be sent, in the order
// settings list them.
var DealerKinds = []Kind{
	OrderConfirmed, OrderRejected, OrderShipped, OrderDelivered, OrderOnCreditHold, CreditHoldReleased,
	ShipmentException, InvoiceIssued, InvoiceOverdue, PolicyToAcknowledge, Announcement, TicketReply,
	RebateTierReached, ReturnUpdated,
}

// StaffKinds are the kinds an administrator or channel manager may be sent.
var StaffKinds = []Kind{
	OrderPlaced, OrderOnCreditHold, TicketOpened, TicketReply, FollowUpDue, ConflictCaseOpened, SignalRaised,
	AgreementEnding,
}

// AdminKinds are the kinds an administrator may be sent besides StaffKinds.
var AdminKinds = []Kind{WebhookPaused}

// adminKinds is StaffKinds and AdminKinds.
var adminKinds = slices.Concat(StaffKinds, AdminKinds)

// KindsFor are the kinds v may be sent.
func KindsFor(v *auth.Viewer) []Kind {
	switch {
	case v.IsDealer():
		return DealerKinds
	case v.IsAdmin():
		return adminKinds
	}
	return StaffKinds
}

// Applies reports whether kind k is one v may be sent.
func Applies(v *auth.Viewer, k Kind) bool { return slices.Contains(KindsFor(v), k) }

// Email is when a kind is e-mailed.
type Email = string

const (
	EmailOff       Email = "OFF"
	EmailImmediate Email = "IMMEDIATE"
	EmailDigest    Email = "DIGEST"
)

// Channels is how a user wants one kind: in the inbox, by e-mail (off, as
// it happens, or in the daily digest), by push.
type Channels struct {
	Inbox bool
	Email Email
	Push  bool
}

// urgent kinds are e-mailed and pushed as they happen by default: they ask
// for something to be done soon.
var urgent = []Kind{
	OrderRejected, OrderOnCreditHold, ShipmentException, InvoiceOverdue, PolicyToAcknowledge,
	TicketReply, TicketOpened, ConflictCaseOpened, WebhookPaused,
}

// Default is how a kind is sent when its user has not said: always in the
// inbox; urgent kinds by e-mail at once and by push, the others in the
// daily digest and not pushed.
func Default(k Kind) Channels {
	if slices.Contains(urgent, k) {
		return Channels{Inbox: true, Email: EmailImmediate, Push: true}
	}
	return Channels{Inbox: true, Email: EmailDigest}
}
