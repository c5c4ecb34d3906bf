// Package standing answers the first questions people ask about a dealer:
// what it owes, what it may still order, and — for the manager's list of
// its dealers — its sales, open orders, overdue and last order, computed
// in a few grouped statements whatever the number of dealers.
package standing

import (
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ordering/status"
)

// Summary is one dealer's figures for the manager's list.
type Summary struct {
	Dealer         *ent.Dealer `json:"dealer"`
	SalesThisMonth int64       `json:"salesThisMonth"`
	SalesThisYear  int64       `json:"salesThisYear"`
	OpenOrders     int         `json:"openOrders"`
	HeldOrders     int         `json:"heldOrders"`
	Balance        int64       `json:"balance"`
	Overdue        int64       `json:"overdue"`
	CreditExposure int64       `json:"creditExposure"`
	LastOrderAt    *time.Time  `json:"lastOrderAt"`
}

// Field is what the list is sorted by.
type Field string

const (
	ByCode           Field = "CODE"
	ByName           Field = "NAME"
	BySalesThisMonth Field = "SALES_THIS_MONTH"
	BySalesThisYear  Field = "SALES_THIS_YEAR"
	ByOpenOrders     Field = "OPEN_ORDERS"
	ByOverdue        Field = "OVERDUE"
	ByBalance        Field = "BALANCE"
	ByLastOrderAt    Field = "LAST_ORDER_AT"
)

// Order sorts the list; ties go by code.
type Order struct {
	Field     Field                 `json:"field"`
	Direction entgql.OrderDirection `json:"direction"`
}

// Filter keeps the dealers for which every condition given holds.
type Filter struct {
	Search      *string        `json:"search"`
	ChannelID   *int           `json:"channelID"`
	TerritoryID *int           `json:"territoryID"`
	Tier        *int           `json:"tier"`
	Status      *dealer.Status `json:"status"`
	OverdueOnly *bool          `json:"overdueOnly"`
}

// Page is one page of the list.
type Page struct {
	Summaries []*Summary
	// Cursors[i] resumes after Summaries[i].
	Cursors []string
	// The first and last edges' cursors, for pageInfo.
	StartCursor, EndCursor *entgql.Cursor[int]
	HasNextPage            bool
	TotalCount             int
}

// StatusCount is how many of a dealer's open orders are in one status.
type StatusCount struct {
	Status status.Status `json:"status"`
	Count  int           `json:"count"`
}

// Service computes standings in the business time zone.
type Service struct {
	client   *ent.Client
	location *time.Location
	now      func() time.Time
}

func NewService(client *ent.Client, location *time.Location) *Service {
	return &Service{client: client, location: location, now: time.Now}
}
