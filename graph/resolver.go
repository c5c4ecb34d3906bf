// Package graph is the GraphQL edge: schema files, thin resolvers, and the
// one place errors become extensions.code.
package graph

import (
	"time"

	"github.com/dealerline/dealerline/agreements"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/announcing"
	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/deals"
	"github.com/dealerline/dealerline/disputes"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/facts"
	"github.com/dealerline/dealerline/funds"
	"github.com/dealerline/dealerline/leads"
	"github.com/dealerline/dealerline/market"
	"github.com/dealerline/dealerline/notify"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/outbound"
	"github.com/dealerline/dealerline/policies"
	"github.com/dealerline/dealerline/promotions"
	"github.com/dealerline/dealerline/push"
	"github.com/dealerline/dealerline/quotas"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/rebates"
	"github.com/dealerline/dealerline/relationship"
	"github.com/dealerline/dealerline/returns"
	"github.com/dealerline/dealerline/search"
	"github.com/dealerline/dealerline/signals"
	"github.com/dealerline/dealerline/standing"
	"github.com/dealerline/dealerline/timeline"
	"github.com/dealerline/dealerline/users"
	"github.com/dealerline/dealerline/webhooks"
)

// Resolver holds the dependencies resolvers call; it holds no state.
type Resolver struct {
	Client *ent.Client
	// Deliveries is the client subscription payloads are loaded through
	// (Client when nil): a pool of its own, so events reach subscribers
	// without queueing for connections behind writers waiting on commit.
	Deliveries *ent.Client
	Auth       *auth.Service
	Ordering   *ordering.Service
	Accounts   *accounts.Service
	// Announcing publishes announcements and loads them for subscribers.
	Announcing *announcing.Service
	// Policies publishes policies and keeps their acknowledgements.
	Policies *policies.Service
	// Quotas sets quotas and measures sales against them.
	Quotas *quotas.Service
	// Promotions publishes, changes and withdraws promotions.
	Promotions *promotions.Service
	// Relationship logs interactions and follow-ups and runs service
	// tickets.
	Relationship *relationship.Service
	// Market records what dealers see in their markets.
	Market *market.Service
	// Conflicts opens, moves and comments on conflict cases.
	Conflicts *conflicts.Service
	// Facts records the appraisal facts: stock counts, surveys, scores,
	// channel costs and market shares.
	Facts *facts.Service
	// Rebates runs rebate programs: accrual and settlement.
	Rebates *rebates.Service
	// Agreements writes dealers' agreements and status changes.
	AgreementService *agreements.Service
	// Returns requests, decides and receives returns of goods.
	Returns *returns.Service
	// Funds opens marketing funds and takes and decides claims on them.
	Funds *funds.Service
	// Disputes raises and resolves invoice disputes.
	Disputes *disputes.Service
	// Deals registers, decides and closes deal registrations.
	Deals *deals.Service
	// Leads creates, assigns and answers leads.
	LeadService *leads.Service
	Currency    string
	Location    *time.Location // the business time zone
	// ShowStockQuantities tells dealer users how many units of a product
	// are free, not only whether it is in stock.
	ShowStockQuantities bool
	// MaxLineQuantity caps one order line (the ordering service enforces it).
	MaxLineQuantity int
	// Events is the real-time hub subscriptions listen to.
	Events *realtime.Hub
	// Timelines reads a dealer's timeline.
	Timelines *timeline.Service
	// SearchIndex answers the search box.
	SearchIndex *search.Service
	// Standing answers what a dealer owes and may still order, and the
	// manager's list of dealers with their figures.
	Standing *standing.Service
	// Appraisal computes scorecards.
	Appraisal *appraisal.Service
	// Signals answers for the channel-change signals and their rules.
	SignalService *signals.Service
	// Outbound is the log of e-mail and push, for administrators.
	Outbound *outbound.Log
	// SendsEmail says whether an SMTP server is set.
	SendsEmail bool
	// Webhooks manages the endpoints told of events, and their deliveries.
	WebhookService *webhooks.Service
	// Notify reads and changes the viewer's notifications and settings.
	Notify *notify.Service
	// Push keeps the viewer's Web Push subscriptions.
	Push *push.Service
	// Users invites users and runs their invitation and reset links.
	Users *users.Service
	// Attachments keeps the files attached to tickets, cases, returns and
	// the rest.
	AttachmentService *attachments.Service
}

// deliveries is the client for subscription payloads.
func (r *Resolver) deliveries() *ent.Client {
	if r.Deliveries != nil {
		return r.Deliveries
	}
	return r.Client
}

// NewSchema builds the executable schema over r.
func NewSchema(r *Resolver) graphql.ExecutableSchema {
	return NewExecutableSchema(Config{Resolvers: r})
}
