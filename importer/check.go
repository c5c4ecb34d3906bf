package importer

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/stock"
)

// checker collects the problems of one line.
type checker struct {
	line     int
	now      time.Time // history is the past: nothing happens after it
	problems []Problem
}

// skew is how far ahead of the clock a moment may be and still count as
// past, as for a payment recorded live.
const skew = 5 * time.Minute

func (c *checker) bad(field, format string, args ...any) {
	c.problems = append(c.problems, Problem{Line: c.line, Field: field, Code: Invalid, Message: fmt.Sprintf(format, args...)})
}

// text checks a single-line text: present when required, at most max
// characters, no control characters.
func (c *checker) text(field, s string, required bool, max int) {
	switch {
	case strings.TrimSpace(s) == "":
		if required {
			c.bad(field, "is required")
		}
	case !utf8.ValidString(s) || utf8.RuneCountInString(s) > max:
		c.bad(field, "is at most %d characters", max)
	case strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }):
		c.bad(field, "has control characters or line breaks")
	}
}

// body checks a text that may have several lines.
func (c *checker) body(field, s string, required bool, max int) {
	switch {
	case strings.TrimSpace(s) == "":
		if required {
			c.bad(field, "is required")
		}
	case !utf8.ValidString(s) || utf8.RuneCountInString(s) > max:
		c.bad(field, "is at most %d characters", max)
	}
}

func (c *checker) oneOf(field, s string, required bool, values ...string) {
	if s == "" && !required {
		return
	}
	if !slices.Contains(values, s) {
		c.bad(field, "is one of %s", strings.Join(values, ", "))
	}
}

func str(raw json.RawMessage) (string, bool) {
	var s string
	return s, json.Unmarshal(raw, &s) == nil
}

// money parses an amount; positive asks for more than zero.
func (c *checker) money(field string, m *Money, required, positive bool) {
	if m == nil {
		if required {
			c.bad(field, "is required")
		}
		return
	}
	s, ok := str(m.raw)
	v, err := money.Parse(s)
	switch {
	case !ok || err != nil:
		c.bad(field, "is an amount: a decimal string with at most two decimals, such as \"1234.50\"")
	case v < 0 || (positive && v == 0):
		c.bad(field, "must be more than 0")
	case v > money.Max:
		c.bad(field, "is at most %s", money.Format(money.Max))
	default:
		m.V = v
	}
}

func (c *checker) time(field string, t *Time, required bool) {
	if t == nil {
		if required {
			c.bad(field, "is required")
		}
		return
	}
	s, ok := str(t.raw)
	v, err := time.Parse(time.RFC3339, s)
	if !ok || err != nil || v.Year() < 1900 || v.Year() > 9999 {
		c.bad(field, "is a time in RFC 3339 with its offset, such as \"2026-07-01T09:30:00+08:00\"")
		return
	}
	if v.After(c.now.Add(skew)) {
		c.bad(field, "is in the future: history is what has happened")
		return
	}
	t.Time = v
}

// date parses a business date; a past one is at most tomorrow's (the
// business zone may be ahead of the clock's).
func (c *checker) date(field string, d *Date, required, past bool) {
	if d == nil {
		if required {
			c.bad(field, "is required")
		}
		return
	}
	s, ok := str(d.raw)
	v, err := time.Parse(time.DateOnly, s)
	if !ok || err != nil || v.Year() < 1900 {
		c.bad(field, "is a date YYYY-MM-DD")
		return
	}
	if past && v.After(c.now.AddDate(0, 0, 1)) {
		c.bad(field, "is in the future: history is what has happened")
		return
	}
	d.Time = v
}

func (c *checker) month(field string, m *Month) {
	if m == nil {
		c.bad(field, "is required")
		return
	}
	s, ok := str(m.raw)
	p, err := period.Parse(s)
	if !ok || err != nil || p.Kind() != period.Month {
		c.bad(field, "is a month YYYY-MM")
		return
	}
	m.Period = p
}

func (c *checker) count(field string, n *int, min int) {
	switch {
	case n == nil:
		c.bad(field, "is required")
	case *n < min:
		c.bad(field, "is at least %d", min)
	}
}

const (
	maxCode = 50
	maxName = 200
	maxNote = 2000
	maxBody = 10000
	// maxLines caps the lines of one order, shipment or stock report.
	maxLines = 1000
)

func (r *Record) check(c *checker) {
	switch {
	case r.Channel != nil:
		c.text("code", r.Channel.Code, true, maxCode)
		c.text("name", r.Channel.Name, true, maxName)
	case r.Territory != nil:
		c.text("code", r.Territory.Code, true, maxCode)
		c.text("name", r.Territory.Name, true, maxName)
		c.text("region", r.Territory.Region, false, maxName)
	case r.User != nil:
		u := r.User
		c.text("email", u.Email, true, 254)
		if u.Email != "" && !strings.Contains(u.Email, "@") {
			c.bad("email", "is an e-mail address")
		}
		c.text("name", u.Name, true, maxName)
		c.oneOf("role", u.Role, true, "ADMIN", "CHANNEL_MANAGER", "DEALER")
		if (u.Role == "DEALER") != (u.Dealer != "") {
			c.bad("dealer", "a DEALER user belongs to a dealer, and only a DEALER user does")
		}
		if len(u.Channels) > 0 && u.Role != "CHANNEL_MANAGER" {
			c.bad("channels", "only a CHANNEL_MANAGER manages channels")
		}
	case r.Product != nil:
		p := r.Product
		c.text("sku", p.SKU, true, maxCode)
		c.text("name", p.Name, true, maxName)
		c.text("category", p.Category, true, maxName)
		c.money("unitCost", p.UnitCost, true, false)
		c.money("listPrice", p.ListPrice, true, false)
	case r.Stock != nil:
		p := r.Stock
		c.text("sku", p.SKU, true, maxCode)
		c.count("onHand", p.OnHand, 0)
		if p.OnHand != nil && *p.OnHand > stock.MaxOnHand {
			c.bad("onHand", "is at most %d", stock.MaxOnHand)
		}
		if p.LeadTimeDays != nil && (*p.LeadTimeDays < 0 || *p.LeadTimeDays > 365) {
			c.bad("leadTimeDays", "is 0 to 365")
		}
	case r.Price != nil:
		p := r.Price
		c.text("sku", p.SKU, true, maxCode)
		if p.Tier != 1 && p.Tier != 2 {
			c.bad("tier", "is 1 or 2")
		}
		c.money("amount", p.Amount, true, false)
		c.date("validFrom", p.ValidFrom, true, false)
		c.date("validTo", p.ValidTo, false, false)
		if p.ValidFrom != nil && p.ValidTo != nil && !p.ValidTo.IsZero() && !p.ValidTo.After(p.ValidFrom.Time) {
			c.bad("validTo", "comes after validFrom")
		}
	case r.Dealer != nil:
		d := r.Dealer
		c.text("code", d.Code, true, maxCode)
		c.text("name", d.Name, true, maxName)
		if d.Tier != 1 && d.Tier != 2 {
			c.bad("tier", "is 1 (a distributor) or 2 (a dealer)")
		}
		if d.Tier == 1 && d.Parent != "" {
			c.bad("parent", "a distributor has no parent")
		}
		c.text("channel", d.Channel, true, maxCode)
		c.oneOf("status", d.Status, true, "ACTIVE", "PROBATION", "SUSPENDED", "TERMINATED")
		c.money("creditLimit", d.CreditLimit, true, false)
		c.count("paymentTermsDays", d.PaymentTermsDays, 0)
		c.date("joinedOn", d.JoinedOn, true, true)
	case r.Quota != nil:
		c.text("dealer", r.Quota.Dealer, true, maxCode)
		c.month("month", r.Quota.Month)
		c.money("amount", r.Quota.Amount, true, false)
	case r.Order != nil:
		r.Order.check(c)
	case r.Shipment != nil:
		r.Shipment.check(c)
	case r.Payment != nil:
		p := r.Payment
		c.text("reference", p.Reference, true, 100)
		c.text("dealer", p.Dealer, true, maxCode)
		c.time("receivedAt", p.ReceivedAt, true)
		c.money("amount", p.Amount, true, true)
		c.allocations(p.Allocations)
	case r.CreditNote != nil:
		n := r.CreditNote
		c.text("number", n.Number, true, maxCode)
		c.text("dealer", n.Dealer, true, maxCode)
		c.date("issuedOn", n.IssuedOn, true, true)
		c.money("amount", n.Amount, true, true)
		c.text("reason", n.Reason, true, maxNote)
		c.allocations(n.Allocations)
	case r.InventoryReport != nil:
		ir := r.InventoryReport
		c.text("ref", ir.Ref, true, 100)
		c.text("dealer", ir.Dealer, true, maxCode)
		c.date("date", ir.Date, true, true)
		if len(ir.Lines) == 0 || len(ir.Lines) > maxLines {
			c.bad("lines", "a report has 1 to %d lines", maxLines)
		}
		seen := map[string]bool{}
		for i, l := range ir.Lines {
			f := fmt.Sprintf("lines[%d]", i)
			c.text(f+".sku", l.SKU, true, maxCode)
			if seen[l.SKU] {
				c.bad(f+".sku", "%s is on the report twice", l.SKU)
			}
			seen[l.SKU] = true
			c.count(f+".stock", l.Stock, 0)
		}
	case r.DistributionSurvey != nil:
		s := r.DistributionSurvey
		c.text("ref", s.Ref, true, 100)
		c.text("dealer", s.Dealer, true, maxCode)
		c.date("date", s.Date, true, true)
		c.count("outletsVisited", s.OutletsVisited, 1)
		c.count("outletsCarrying", s.OutletsCarrying, 0)
		if s.OutletsVisited != nil && s.OutletsCarrying != nil && *s.OutletsCarrying > *s.OutletsVisited {
			c.bad("outletsCarrying", "is at most outletsVisited")
		}
	case r.ServiceTicket != nil:
		t := r.ServiceTicket
		c.text("ref", t.Ref, true, 100)
		c.text("dealer", t.Dealer, true, maxCode)
		c.text("subject", t.Subject, true, maxName)
		c.body("body", t.Body, false, maxBody)
		c.oneOf("category", t.Category, false, "DELIVERY", "PRODUCT", "BILLING", "OTHER")
		c.time("openedAt", t.OpenedAt, true)
		c.time("firstResponseAt", t.FirstResponseAt, false)
		c.time("closedAt", t.ClosedAt, false)
		if t.OpenedAt != nil && !t.OpenedAt.IsZero() {
			if t.FirstResponseAt != nil && t.FirstResponseAt.Before(t.OpenedAt.Time) {
				c.bad("firstResponseAt", "comes after openedAt")
			}
			if t.ClosedAt != nil && t.ClosedAt.Before(t.OpenedAt.Time) {
				c.bad("closedAt", "comes after openedAt")
			}
		}
	case r.SatisfactionScore != nil:
		s := r.SatisfactionScore
		c.text("ref", s.Ref, true, 100)
		c.text("dealer", s.Dealer, true, maxCode)
		c.date("date", s.Date, true, true)
		if s.Score < 1 || s.Score > 5 {
			c.bad("score", "is 1 to 5")
		}
	case r.ChannelCost != nil:
		cc := r.ChannelCost
		c.text("ref", cc.Ref, true, 100)
		c.text("channel", cc.Channel, true, maxCode)
		c.text("dealer", cc.Dealer, false, maxCode)
		c.date("date", cc.Date, true, true)
		c.text("category", cc.Category, true, 100)
		c.money("amount", cc.Amount, true, true)
	case r.MarketShare != nil:
		m := r.MarketShare
		c.text("territory", m.Territory, true, maxCode)
		c.month("month", m.Month)
		if m.Share == nil || math.IsNaN(*m.Share) || *m.Share < 0 || *m.Share > 1 {
			c.bad("share", "is a number from 0 to 1")
		}
	case r.MarketReport != nil:
		m := r.MarketReport
		c.text("ref", m.Ref, true, 100)
		c.text("territory", m.Territory, true, maxCode)
		c.text("sku", m.SKU, true, maxCode)
		c.date("date", m.Date, true, true)
		c.money("observedPrice", m.ObservedPrice, true, true)
		c.text("competitor", m.Competitor, true, maxName)
		c.text("reportedBy", m.ReportedBy, false, 254)
		c.text("dealer", m.Dealer, false, maxCode)
		if m.ReportedBy == "" && m.Dealer == "" {
			c.bad("dealer", "a market report is a dealer's: give dealer, or reportedBy a dealer user")
		}
	case r.ConflictCase != nil:
		cc := r.ConflictCase
		c.text("ref", cc.Ref, true, 100)
		c.oneOf("caseKind", cc.Kind, false, "TERRITORY_BREACH", "PRICE_UNDERCUT", "CUSTOMER_POACHING", "OTHER")
		c.oneOf("severity", cc.Severity, true, "LOW", "MEDIUM", "HIGH")
		if len(cc.Parties) == 0 {
			c.bad("parties", "a case has at least one dealer in it")
		}
		c.text("territory", cc.Territory, true, maxCode)
		c.time("openedAt", cc.OpenedAt, true)
		c.oneOf("status", cc.Status, true, "OPEN", "INVESTIGATING", "RESOLVED", "DISMISSED")
		c.time("resolvedAt", cc.ResolvedAt, false)
		closed := cc.Status == "RESOLVED" || cc.Status == "DISMISSED"
		if closed != (cc.ResolvedAt != nil) {
			c.bad("resolvedAt", "is given exactly when the case is RESOLVED or DISMISSED")
		}
		if cc.ResolvedAt != nil && cc.OpenedAt != nil && cc.ResolvedAt.Before(cc.OpenedAt.Time) {
			c.bad("resolvedAt", "comes after openedAt")
		}
		c.body("resolutionNote", cc.ResolutionNote, false, maxBody)
		c.body("summary", cc.Summary, true, 2000)
	}
}

func (c *checker) allocations(as []Allocation) {
	for i, a := range as {
		f := fmt.Sprintf("allocations[%d]", i)
		c.text(f+".invoice", a.Invoice, true, maxCode)
		c.money(f+".amount", a.Amount, true, true)
	}
}

// requested are the moves of an order people make; the rest follow from
// its shipments.
var requested = []string{"CONFIRMED", "IN_FULFILLMENT", "REJECTED", "CANCELLED"}

func (o *Order) check(c *checker) {
	c.text("number", o.Number, true, maxCode)
	c.text("dealer", o.Dealer, true, maxCode)
	c.time("placedAt", o.PlacedAt, true)
	c.text("idempotencyKey", o.IdempotencyKey, false, 200)
	if len(o.Lines) == 0 || len(o.Lines) > maxLines {
		c.bad("lines", "an order has 1 to %d lines", maxLines)
	}
	for i, l := range o.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		c.text(f+".sku", l.SKU, true, maxCode)
		if l.Quantity < 1 {
			c.bad(f+".quantity", "is at least 1")
		}
		c.money(f+".unitPrice", l.UnitPrice, true, false)
		c.money(f+".unitCost", l.UnitCost, true, false)
		if l.DiscountBasisPoints < 0 || l.DiscountBasisPoints > 10000 {
			c.bad(f+".discountBasisPoints", "is 0 to 10000")
		}
	}
	prev := o.PlacedAt
	for i, e := range o.Events {
		f := fmt.Sprintf("events[%d]", i)
		if !slices.Contains(requested, e.To) {
			c.bad(f+".to", "is one of %s: the rest follow from shipments", strings.Join(requested, ", "))
		}
		c.time(f+".at", e.At, true)
		c.body(f+".note", e.Note, false, maxNote)
		if e.At != nil && prev != nil && !e.At.IsZero() && !prev.IsZero() && e.At.Before(prev.Time) {
			c.bad(f+".at", "events come in the order they happened, after the order was placed")
		}
		if e.At != nil && !e.At.IsZero() {
			prev = e.At
		}
	}
}

var trackingStatuses = []string{"PREPARING", "IN_TRANSIT", "EXCEPTION", "DELIVERED"}

func (s *Shipment) check(c *checker) {
	c.text("ref", s.Ref, true, 100)
	c.text("order", s.Order, true, maxCode)
	c.text("carrier", s.Carrier, true, 100)
	c.text("trackingNumber", s.TrackingNumber, false, 100)
	c.date("eta", s.ETA, false, false)
	c.text("invoice", s.Invoice, false, maxCode)
	if len(s.Lines) == 0 || len(s.Lines) > maxLines {
		c.bad("lines", "a shipment has 1 to %d lines", maxLines)
	}
	for i, l := range s.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		if l.Line < 1 {
			c.bad(f+".line", "is the position of a line of the order, from 1")
		}
		if l.Quantity < 1 {
			c.bad(f+".quantity", "is at least 1")
		}
	}
	if len(s.Events) == 0 {
		c.bad("events", "a shipment has at least its PREPARING event")
	}
	var prev *Time
	for i, e := range s.Events {
		f := fmt.Sprintf("events[%d]", i)
		c.oneOf(f+".status", e.Status, true, trackingStatuses...)
		if (i == 0) != (e.Status == "PREPARING") {
			c.bad(f+".status", "a shipment starts PREPARING, and only then")
		}
		c.time(f+".at", e.At, true)
		c.text(f+".location", e.Location, false, maxName)
		if e.At != nil && prev != nil && !e.At.IsZero() && !prev.IsZero() && e.At.Before(prev.Time) {
			c.bad(f+".at", "events come in the order they happened")
		}
		if e.At != nil && !e.At.IsZero() {
			prev = e.At
		}
	}
}
