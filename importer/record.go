// Package importer brings an installation's past into Dealerline: a file
// of JSON Lines, one record a line (docs/IMPORT.md), read by Read into
// records checked on their own, then applied by Apply in one transaction
// through the services' own rules. Records refer to each other by business
// key (codes, SKUs, numbers, e-mails), so a file can be written by hand or
// exported from another system, and importing it twice changes nothing.
package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dealerline/dealerline/period"
)

// Problem is what is wrong with one line of a file.
type Problem struct {
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("line %d: %s: %s", p.Line, p.Code, p.Message)
	}
	return fmt.Sprintf("line %d: %s: %s: %s", p.Line, p.Field, p.Code, p.Message)
}

// Codes of problems, as the API's error codes.
const (
	Invalid  = "INVALID_INPUT"
	NotFound = "NOT_FOUND"
	Conflict = "CONFLICT"
)

// MaxProblems is how many problems a refused file reports: enough to fix
// a file in a few rounds, not a wall of the same mistake.
const MaxProblems = 200

// MaxLine is the longest line read, in bytes.
const MaxLine = 1 << 20

// Refused is a file that was not imported, with what is wrong with it.
type Refused struct{ Problems []Problem }

func (r *Refused) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the file was not imported: %d problem(s)", len(r.Problems))
	for _, p := range r.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Record is one line of a file, decoded and checked on its own; which of
// its fields is set follows Kind.
type Record struct {
	Line int
	Kind string

	Channel            *Channel
	Territory          *Territory
	User               *User
	Product            *Product
	Price              *Price
	Stock              *Stock
	Dealer             *Dealer
	Quota              *Quota
	Order              *Order
	Shipment           *Shipment
	Payment            *Payment
	CreditNote         *CreditNote
	InventoryReport    *InventoryReport
	DistributionSurvey *DistributionSurvey
	ServiceTicket      *ServiceTicket
	SatisfactionScore  *SatisfactionScore
	ChannelCost        *ChannelCost
	MarketShare        *MarketShare
	MarketReport       *MarketReport
	ConflictCase       *ConflictCase
}

// Money is an amount written as a decimal string; V is it in minor units
// once checked.
type Money struct {
	raw json.RawMessage
	V   int64
}

// Time is a moment in RFC 3339 with its offset.
type Time struct {
	raw json.RawMessage
	time.Time
}

// Date is a business date, YYYY-MM-DD, held as midnight UTC as business
// dates are stored.
type Date struct {
	raw json.RawMessage
	time.Time
}

// Month is a calendar month, YYYY-MM.
type Month struct {
	raw json.RawMessage
	period.Period
}

// The values keep what was written: the checker parses it, so that a bad
// value is reported with its field's name.
func (m *Money) UnmarshalJSON(b []byte) error { m.raw = append(m.raw[:0], b...); return nil }
func (t *Time) UnmarshalJSON(b []byte) error  { t.raw = append(t.raw[:0], b...); return nil }
func (d *Date) UnmarshalJSON(b []byte) error  { d.raw = append(d.raw[:0], b...); return nil }
func (m *Month) UnmarshalJSON(b []byte) error { m.raw = append(m.raw[:0], b...); return nil }

type Channel struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type Territory struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Region string `json:"region"`
}

type User struct {
	Email    string   `json:"email"`
	Name     string   `json:"name"`
	Role     string   `json:"role"`
	Channels []string `json:"channels"`
	Dealer   string   `json:"dealer"`
	Password string   `json:"password"`
}

type Product struct {
	SKU       string `json:"sku"`
	Name      string `json:"name"`
	Category  string `json:"category"`
	UnitCost  *Money `json:"unitCost"`
	ListPrice *Money `json:"listPrice"`
}

// Stock is a count of the warehouse: units of a product on hand, and
// about how many days it takes to ship when none are free.
type Stock struct {
	SKU          string `json:"sku"`
	OnHand       *int   `json:"onHand"`
	LeadTimeDays *int   `json:"leadTimeDays"`
}

type Price struct {
	SKU       string `json:"sku"`
	Tier      int    `json:"tier"`
	Channel   string `json:"channel"`
	Amount    *Money `json:"amount"`
	ValidFrom *Date  `json:"validFrom"`
	ValidTo   *Date  `json:"validTo"`
}

type Dealer struct {
	Code             string   `json:"code"`
	Name             string   `json:"name"`
	Tier             int      `json:"tier"`
	Parent           string   `json:"parent"`
	Channel          string   `json:"channel"`
	Territories      []string `json:"territories"`
	Owner            string   `json:"owner"`
	Status           string   `json:"status"`
	CreditLimit      *Money   `json:"creditLimit"`
	PaymentTermsDays *int     `json:"paymentTermsDays"`
	JoinedOn         *Date    `json:"joinedOn"`
}

type Quota struct {
	Dealer string `json:"dealer"`
	Month  *Month `json:"month"`
	Amount *Money `json:"amount"`
}

type OrderLine struct {
	SKU                 string `json:"sku"`
	Quantity            int    `json:"quantity"`
	UnitPrice           *Money `json:"unitPrice"`
	UnitCost            *Money `json:"unitCost"`
	DiscountBasisPoints int    `json:"discountBasisPoints"`
}

type OrderEvent struct {
	To   string `json:"to"`
	At   *Time  `json:"at"`
	Note string `json:"note"`
}

type Order struct {
	Number         string       `json:"number"`
	Dealer         string       `json:"dealer"`
	PlacedAt       *Time        `json:"placedAt"`
	IdempotencyKey string       `json:"idempotencyKey"`
	Lines          []OrderLine  `json:"lines"`
	Events         []OrderEvent `json:"events"`
}

type ShipmentLine struct {
	Line     int `json:"line"`
	Quantity int `json:"quantity"`
}

type Tracking struct {
	Status   string `json:"status"`
	At       *Time  `json:"at"`
	Location string `json:"location"`
}

type Shipment struct {
	Ref            string         `json:"ref"`
	Order          string         `json:"order"`
	Lines          []ShipmentLine `json:"lines"`
	Carrier        string         `json:"carrier"`
	TrackingNumber string         `json:"trackingNumber"`
	ETA            *Date          `json:"eta"`
	Invoice        string         `json:"invoice"`
	Events         []Tracking     `json:"events"`
}

type Allocation struct {
	Invoice string `json:"invoice"`
	Amount  *Money `json:"amount"`
}

type Payment struct {
	Reference   string       `json:"reference"`
	Dealer      string       `json:"dealer"`
	ReceivedAt  *Time        `json:"receivedAt"`
	Amount      *Money       `json:"amount"`
	Allocations []Allocation `json:"allocations"`
}

type CreditNote struct {
	Number      string       `json:"number"`
	Dealer      string       `json:"dealer"`
	IssuedOn    *Date        `json:"issuedOn"`
	Amount      *Money       `json:"amount"`
	Reason      string       `json:"reason"`
	Allocations []Allocation `json:"allocations"`
}

type StockLine struct {
	SKU   string `json:"sku"`
	Stock *int   `json:"stock"`
}

type InventoryReport struct {
	Ref    string      `json:"ref"`
	Dealer string      `json:"dealer"`
	Date   *Date       `json:"date"`
	Lines  []StockLine `json:"lines"`
}

type DistributionSurvey struct {
	Ref             string `json:"ref"`
	Dealer          string `json:"dealer"`
	Date            *Date  `json:"date"`
	OutletsVisited  *int   `json:"outletsVisited"`
	OutletsCarrying *int   `json:"outletsCarrying"`
}

type ServiceTicket struct {
	Ref             string `json:"ref"`
	Dealer          string `json:"dealer"`
	Subject         string `json:"subject"`
	Body            string `json:"body"`
	Category        string `json:"category"`
	OpenedAt        *Time  `json:"openedAt"`
	FirstResponseAt *Time  `json:"firstResponseAt"`
	ClosedAt        *Time  `json:"closedAt"`
}

type SatisfactionScore struct {
	Ref    string `json:"ref"`
	Dealer string `json:"dealer"`
	Date   *Date  `json:"date"`
	Score  int    `json:"score"`
}

type ChannelCost struct {
	Ref      string `json:"ref"`
	Channel  string `json:"channel"`
	Dealer   string `json:"dealer"`
	Date     *Date  `json:"date"`
	Category string `json:"category"`
	Amount   *Money `json:"amount"`
}

type MarketShare struct {
	Territory string   `json:"territory"`
	Month     *Month   `json:"month"`
	Share     *float64 `json:"share"`
}

type MarketReport struct {
	Ref           string `json:"ref"`
	Territory     string `json:"territory"`
	SKU           string `json:"sku"`
	Date          *Date  `json:"date"`
	ObservedPrice *Money `json:"observedPrice"`
	Competitor    string `json:"competitor"`
	ReportedBy    string `json:"reportedBy"`
	Dealer        string `json:"dealer"`
}

type ConflictCase struct {
	Ref            string   `json:"ref"`
	Kind           string   `json:"caseKind"`
	Severity       string   `json:"severity"`
	Parties        []string `json:"parties"`
	Territory      string   `json:"territory"`
	OpenedAt       *Time    `json:"openedAt"`
	Status         string   `json:"status"`
	ResolvedAt     *Time    `json:"resolvedAt"`
	ResolutionNote string   `json:"resolutionNote"`
	Summary        string   `json:"summary"`
}

// Read reads a whole file: every line decoded and checked on its own. The
// records come back in file order; the problems of every bad line (up to
// MaxProblems) come back together. progress, when not nil, is told the
// bytes read so far.
func Read(r io.Reader, progress func(n int64)) ([]Record, []Problem, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), MaxLine)
	var records []Record
	var problems []Problem
	var read int64
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Bytes()
		read += int64(len(raw)) + 1
		if progress != nil {
			progress(read)
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		rec, ps := DecodeLine(n, raw)
		problems = append(problems, ps...)
		if len(ps) == 0 {
			records = append(records, rec)
		}
		if len(problems) >= MaxProblems {
			return nil, problems[:MaxProblems], nil
		}
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, append(problems, Problem{Line: n + 1, Code: Invalid, Message: fmt.Sprintf("the line is longer than %d bytes", MaxLine)}), nil
		}
		return nil, nil, err
	}
	if len(records) == 0 && len(problems) == 0 {
		problems = append(problems, Problem{Line: 0, Code: Invalid, Message: "the file has no records"})
	}
	return records, problems, nil
}

// DecodeLine decodes line number n of a file into a record and checks it
// on its own: its kind, its fields' syntax and what must be there. What it
// refers to is checked when it is applied.
func DecodeLine(n int, raw []byte) (Record, []Problem) {
	rec := Record{Line: n}
	var head struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return rec, []Problem{{Line: n, Code: Invalid, Message: "not a JSON object: " + jsonMessage(err)}}
	}
	var target any
	switch head.Kind {
	case "channel":
		rec.Channel = &Channel{}
		target = rec.Channel
	case "territory":
		rec.Territory = &Territory{}
		target = rec.Territory
	case "user":
		rec.User = &User{}
		target = rec.User
	case "product":
		rec.Product = &Product{}
		target = rec.Product
	case "price":
		rec.Price = &Price{}
		target = rec.Price
	case "stock":
		rec.Stock = &Stock{}
		target = rec.Stock
	case "dealer":
		rec.Dealer = &Dealer{}
		target = rec.Dealer
	case "quota":
		rec.Quota = &Quota{}
		target = rec.Quota
	case "order":
		rec.Order = &Order{}
		target = rec.Order
	case "shipment":
		rec.Shipment = &Shipment{}
		target = rec.Shipment
	case "payment":
		rec.Payment = &Payment{}
		target = rec.Payment
	case "creditNote":
		rec.CreditNote = &CreditNote{}
		target = rec.CreditNote
	case "inventoryReport":
		rec.InventoryReport = &InventoryReport{}
		target = rec.InventoryReport
	case "distributionSurvey":
		rec.DistributionSurvey = &DistributionSurvey{}
		target = rec.DistributionSurvey
	case "serviceTicket":
		rec.ServiceTicket = &ServiceTicket{}
		target = rec.ServiceTicket
	case "satisfactionScore":
		rec.SatisfactionScore = &SatisfactionScore{}
		target = rec.SatisfactionScore
	case "channelCost":
		rec.ChannelCost = &ChannelCost{}
		target = rec.ChannelCost
	case "marketShare":
		rec.MarketShare = &MarketShare{}
		target = rec.MarketShare
	case "marketReport":
		rec.MarketReport = &MarketReport{}
		target = rec.MarketReport
	case "conflictCase":
		rec.ConflictCase = &ConflictCase{}
		target = rec.ConflictCase
	case "":
		return rec, []Problem{{Line: n, Field: "kind", Code: Invalid, Message: "every record needs a kind"}}
	default:
		return rec, []Problem{{Line: n, Field: "kind", Code: Invalid, Message: fmt.Sprintf("%q is not a kind of record (docs/IMPORT.md lists them)", head.Kind)}}
	}
	rec.Kind = head.Kind
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&withKind{target}); err != nil {
		return rec, []Problem{decodeProblem(n, err)}
	}
	c := &checker{line: n, now: time.Now()}
	rec.check(c)
	return rec, c.problems
}

// withKind decodes a record's fields besides its kind.
type withKind struct{ v any }

func (w *withKind) UnmarshalJSON(b []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return err
	}
	delete(fields, "kind")
	rest, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(rest))
	dec.DisallowUnknownFields()
	return dec.Decode(w.v)
}

func decodeProblem(n int, err error) Problem {
	var te *json.UnmarshalTypeError
	if ok := asType(err, &te); ok {
		return Problem{Line: n, Field: te.Field, Code: Invalid, Message: "has the wrong type: " + te.Value + " where " + te.Type.String() + " belongs"}
	}
	msg := jsonMessage(err)
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return Problem{Line: n, Field: strings.Trim(f, `"`), Code: Invalid, Message: "is not a field of this kind of record"}
	}
	return Problem{Line: n, Code: Invalid, Message: msg}
}

func asType(err error, target **json.UnmarshalTypeError) bool {
	te, ok := err.(*json.UnmarshalTypeError)
	if ok {
		*target = te
	}
	return ok
}

func jsonMessage(err error) string {
	return strings.TrimPrefix(err.Error(), "json: cannot unmarshal string into Go value of type ")
}
