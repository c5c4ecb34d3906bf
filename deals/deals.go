// Package deals protects a dealer's end-customer projects: a dealer user
// registers one (Register), staff approve it — the customer is the
// dealer's until a date — or reject it with a reason, and the dealer
// closes it WON (with the orders that fulfilled it) or LOST.
//
// A customer is one customer within a territory when the normalised names
// match (Normalise). While an approved registration protects it, another
// dealer registering it is told it is protected (CONFLICT), and learns no
// more: registrations are read by their own dealer's users and by staff
// only (access.OwnDealerDataPolicy). Staff may still approve an
// overlapping registration — it then opens a conflict case with both
// dealers as parties (conflicts.OpenBetween).
package deals

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"

	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/dealregistration"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of what one request carries.
const (
	MaxName   = 200
	MaxCity   = 100
	MaxNotes  = 4000
	MaxNote   = 2000
	MaxLines  = 50
	MaxOrders = 50
	// DefaultProtectionDays is how long an approval protects a customer
	// when staff do not say.
	DefaultProtectionDays = 90
	// MaxProtectionDays bounds what staff may set.
	MaxProtectionDays = 730
)

// Service registers, decides and closes deal registrations.
type Service struct {
	client    *ent.Client
	conflicts *conflicts.Service
	location  *time.Location
	postgres  bool
	now       func() time.Time
	// ProtectionDays is the protection an approval gives by default.
	ProtectionDays int
}

// NewService returns a Service over client (of the dialect named), opening
// conflict cases through cases, with business dates in location.
func NewService(client *ent.Client, dialectName string, location *time.Location, cases *conflicts.Service) *Service {
	return &Service{client: client, conflicts: cases, location: location, postgres: dialectName == dialect.Postgres,
		now: time.Now, ProtectionDays: DefaultProtectionDays}
}

// WithClock returns a copy of s that takes the time from now: for the demo
// data and tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	c.conflicts = s.conflicts.WithClock(now)
	return &c
}

// Today is the business date now.
func (s *Service) Today() time.Time { return accounts.BusinessDate(s.now(), s.location) }

// LineInput is a product the project expects to buy.
type LineInput struct {
	ProductID int
	Quantity  int
}

// RegisterInput is a dealer's registration of an end-customer project.
type RegisterInput struct {
	CustomerName    string
	City            string
	TerritoryID     int
	Lines           []LineInput
	ExpectedCloseOn time.Time
	Notes           string
}

// Register records the viewer's dealer's registration, PENDING until staff
// decide. Refused: a territory its dealer is not in (INVALID_INPUT on
// territoryID), a customer another dealer's approved registration protects
// there, or one its own dealer registered already and has not closed
// (CONFLICT on customerName).
func (s *Service) Register(ctx context.Context, in RegisterInput) (*ent.DealRegistration, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "dealer users register their dealer's deals; staff approve or reject them")
	}
	if err := s.validate(&in); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	sys := access.Bypass(ctx)
	// The territory as anyone may read it, then whether the dealer is in it.
	t, err := db.Territory.Get(ctx, in.TerritoryID)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("territoryID", "no such territory")
	}
	if err != nil {
		return nil, err
	}
	in_, err := db.Territory.Query().Where(territory.ID(t.ID), territory.HasDealersWith(dealer.ID(v.DealerID))).Exist(sys)
	if err != nil {
		return nil, err
	}
	if !in_ {
		return nil, apperr.Invalid("territoryID", "your dealer is not in territory %s: register deals in your own territories", t.Name)
	}
	// Products as the dealer user may read them: active ones.
	lines, err := s.products(ctx, db, in.Lines)
	if err != nil {
		return nil, err
	}
	key := Normalise(in.CustomerName)
	if err := s.lockCustomer(ctx, db, t.ID, key); err != nil {
		return nil, err
	}
	today := s.Today()
	if n, err := db.DealRegistration.Query().Where(protecting(t.ID, key, today), dealregistration.DealerIDNEQ(v.DealerID)).Count(sys); err != nil {
		return nil, err
	} else if n > 0 {
		e := apperr.Errorf(apperr.Conflict, "this customer is protected by another dealer's approved registration in %s: ask your channel manager", t.Name)
		e.Field = "customerName"
		return nil, e
	}
	if mine, err := db.DealRegistration.Query().
		Where(dealregistration.TerritoryID(t.ID), dealregistration.CustomerKey(key), dealregistration.DealerID(v.DealerID),
			dealregistration.StatusIn(dealregistration.StatusPENDING, dealregistration.StatusAPPROVED)).
		First(sys); err == nil {
		e := apperr.Errorf(apperr.Conflict, "your dealer registered this customer already: %s", mine.Number)
		e.Field = "customerName"
		return nil, e
	} else if !ent.IsNotFound(err) {
		return nil, err
	}
	return s.create(ctx, db, v.DealerID, v, t.ID, key, in, lines, nil)
}

// validate checks what needs no database, cleaning in's text.
func (s *Service) validate(in *RegisterInput) error {
	var err error
	if in.CustomerName, err = apperr.Text("customerName", in.CustomerName, true, MaxName); err != nil {
		return err
	}
	if Normalise(in.CustomerName) == "" {
		return apperr.Invalid("customerName", "a customer's name has letters or digits")
	}
	if in.City, err = apperr.Text("city", in.City, false, MaxCity); err != nil {
		return err
	}
	if in.Notes, err = apperr.Lines("notes", in.Notes, false, MaxNotes); err != nil {
		return err
	}
	switch {
	case len(in.Lines) == 0:
		return apperr.Invalid("lines", "name at least one product the customer expects to buy")
	case len(in.Lines) > MaxLines:
		return apperr.Invalid("lines", "at most %d products per registration", MaxLines)
	}
	seen := map[int]int{}
	for i, l := range in.Lines {
		if j, ok := seen[l.ProductID]; ok {
			return apperr.Invalid(fmt.Sprintf("lines[%d].productID", i), "this product is already on line %d", j+1)
		}
		seen[l.ProductID] = i
		if l.Quantity <= 0 || l.Quantity > 1_000_000 {
			return apperr.Invalid(fmt.Sprintf("lines[%d].quantity", i), "an expected quantity is from 1 to 1,000,000")
		}
	}
	if in.ExpectedCloseOn.IsZero() || date(in.ExpectedCloseOn).Before(s.Today()) {
		return apperr.Invalid("expectedCloseOn", "the expected close date is today or later")
	}
	return nil
}

// products reads the lines' products through the viewer's rules.
func (s *Service) products(ctx context.Context, db *ent.Client, in []LineInput) ([]*ent.Product, error) {
	ids := make([]int, len(in))
	for i, l := range in {
		ids[i] = l.ProductID
	}
	ps, err := db.Product.Query().Where(product.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Product{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	out := make([]*ent.Product, len(in))
	for i, l := range in {
		if out[i] = byID[l.ProductID]; out[i] == nil {
			return nil, apperr.Missing(fmt.Sprintf("lines[%d].productID", i), "no such product")
		}
	}
	return out, nil
}

// lockCustomer makes registrations and approvals of one customer in one
// territory wait for each other, so two cannot both find it unprotected.
// (SQLite's transactions hold the write lock from their start.)
func (s *Service) lockCustomer(ctx context.Context, db *ent.Client, territoryID int, key string) error {
	if !s.postgres {
		return nil
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "deal:%d:%s", territoryID, key)
	rows, err := db.QueryContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(h.Sum64()))
	if err != nil {
		return err
	}
	return rows.Close()
}

// protecting is the registrations that protect customer key in territory
// territoryID on day today.
func protecting(territoryID int, key string, today time.Time) predicate.DealRegistration {
	return dealregistration.And(
		dealregistration.TerritoryID(territoryID),
		dealregistration.CustomerKey(key),
		dealregistration.StatusEQ(dealregistration.StatusAPPROVED),
		dealregistration.ProtectedUntilGTE(today),
	)
}

// create writes a registration, PENDING unless approve says otherwise.
func (s *Service) create(ctx context.Context, db *ent.Client, dealerID int, v *auth.Viewer, territoryID int, key string, in RegisterInput, products []*ent.Product, leadID *int) (*ent.DealRegistration, error) {
	sys := access.Bypass(ctx)
	now := s.now()
	create := db.DealRegistration.Create().
		SetDealerID(dealerID).
		SetTerritoryID(territoryID).
		SetCustomerName(in.CustomerName).
		SetCustomerKey(key).
		SetCity(in.City).
		SetExpectedCloseOn(date(in.ExpectedCloseOn)).
		SetNotes(in.Notes).
		SetRegisteredAt(now).
		SetRegisteredByID(v.UserID).
		SetRegisteredByName(v.Name).
		SetNillableLeadID(leadID).
		SetCreatedAt(now).
		SetUpdatedAt(now)
	r, err := create.Save(sys)
	if err != nil {
		return nil, err
	}
	if r, err = r.Update().SetNumber(accounts.DocumentNumber("DR", r.ID)).Save(sys); err != nil {
		return nil, err
	}
	for i, p := range products {
		if err := db.DealLine.Create().SetDealID(r.ID).SetDealerID(r.DealerID).SetProductID(p.ID).
			SetSku(p.Sku).SetProductName(p.Name).SetQuantity(in.Lines[i].Quantity).Exec(sys); err != nil {
			return nil, err
		}
	}
	return r, audit.Record(ctx, db, "deal.register", "DealRegistration", r.ID, map[string]any{
		"number": r.Number, "territoryID": territoryID, "lines": len(products), "leadID": leadID,
	})
}

// date normalises a business date.
func date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
