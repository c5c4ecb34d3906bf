// Package orderlist reads a purchase list a dealer pastes or uploads: one
// "SKU, quantity" per line, comma-, semicolon- or tab-separated (a
// spreadsheet's copy is tab-separated), with or without a header line.
// It only reads text; which SKUs are products, and at what price, is the
// ordering service's to say.
package orderlist

import (
	"encoding/csv"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dealerline/dealerline/clip"
)

// Limits of one list: more is refused whole, so nobody prices a catalogue
// by accident.
const (
	MaxBytes = 256 << 10
	MaxLines = 1000
	// MaxSKU is the longest SKU read, in characters; a longer one is
	// UNKNOWN_SKU without looking.
	MaxSKU = 64
	// maxText is the most of a bad line given back.
	maxText = 200
)

// Reason is why a line was not read into the cart.
type Reason string

const (
	// UnknownSKU: no product has the SKU (or the line has none).
	UnknownSKU Reason = "UNKNOWN_SKU"
	// BadQuantity: the quantity is missing, not a whole number, or out of
	// 1 … the installation's maximum per line.
	BadQuantity Reason = "BAD_QUANTITY"
	// InactiveProduct: the product is retired and no longer sold.
	InactiveProduct Reason = "INACTIVE_PRODUCT"
	// DuplicateSKU: the SKU was on an earlier line, which is the one kept;
	// the dealer decides whether the quantities add up.
	DuplicateSKU Reason = "DUPLICATE_SKU"
	// NoPrice: the product has no price for the dealer today.
	NoPrice Reason = "NO_PRICE"
)

// Row is a line read: its number in the text (from 1), the SKU and the
// quantity as written.
type Row struct {
	Line     int
	Text     string
	SKU      string
	Quantity int
}

// Problem is a line not read, with why.
type Problem struct {
	Line   int
	Text   string
	Reason Reason
}

// TooLong reports a list over the limits: Read takes none of it.
type TooLong struct{ Bytes, Lines int }

func (e *TooLong) Error() string {
	return "a list has at most 1,000 lines and 256 KB"
}

// Read splits text into rows and the problems it sees without a catalogue:
// quantities that are not whole numbers from 1 to maxQuantity, lines with no
// SKU, and SKUs repeated (the first is kept). Blank lines, a UTF-8 byte
// order mark and a header line are skipped. Every non-blank line but a
// header ends up in exactly one of rows and problems.
func Read(text string, maxQuantity int) ([]Row, []Problem, error) {
	if len(text) > MaxBytes {
		return nil, nil, &TooLong{Bytes: len(text)}
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	text = strings.ToValidUTF8(text, "\uFFFD")
	var rows []Row
	var problems []Problem
	seen := map[string]bool{}
	count := 0
	for i, raw := range strings.Split(text, "\n") {
		raw = strings.TrimRight(raw, "\r")
		fields := split(raw)
		if len(fields) == 0 {
			continue
		}
		count++
		if count > MaxLines {
			return nil, nil, &TooLong{Lines: count}
		}
		if count == 1 && isHeader(fields) {
			continue
		}
		line, shown := i+1, clip.To(strings.TrimSpace(raw), maxText)
		sku := fields[0]
		qtyText := ""
		if len(fields) > 1 {
			qtyText = fields[1]
		}
		q, ok := quantity(qtyText)
		switch key := strings.ToUpper(sku); {
		case sku == "" || utf8.RuneCountInString(sku) > MaxSKU:
			problems = append(problems, Problem{Line: line, Text: shown, Reason: UnknownSKU})
		case !ok || q < 1 || q > maxQuantity:
			problems = append(problems, Problem{Line: line, Text: shown, Reason: BadQuantity})
		case seen[key]:
			problems = append(problems, Problem{Line: line, Text: shown, Reason: DuplicateSKU})
		default:
			seen[key] = true
			rows = append(rows, Row{Line: line, Text: shown, SKU: sku, Quantity: q})
		}
	}
	return rows, problems, nil
}

// split is a line's fields, trimmed, with trailing empty ones dropped;
// none for a blank line. A tab separates when there is one (a
// spreadsheet's copy), else a comma or a semicolon as CSV with quotes,
// else spaces.
func split(line string) []string {
	var fields []string
	switch {
	case strings.Contains(line, "\t"):
		fields = strings.Split(line, "\t")
	case strings.ContainsAny(line, ",;"):
		r := csv.NewReader(strings.NewReader(line))
		r.LazyQuotes = true
		r.FieldsPerRecord = -1
		if !strings.Contains(line, ",") {
			r.Comma = ';'
		}
		rec, err := r.Read()
		if err != nil {
			fields = strings.Split(line, string(r.Comma))
		} else {
			fields = rec
		}
	default:
		fields = strings.Fields(line)
	}
	for i := range fields {
		fields[i] = strings.TrimSpace(strings.Trim(strings.TrimSpace(fields[i]), `"`))
	}
	for len(fields) > 0 && fields[len(fields)-1] == "" {
		fields = fields[:len(fields)-1]
	}
	return fields
}

// Words a header's quantity column is called, compared in lower case
// without spaces.
var quantityWords = map[string]bool{
	"qty": true, "quantity": true, "quantities": true, "units": true, "pcs": true, "count": true, "amount": true,
	"数量": true, "订购数量": true, "订货数量": true,
}

// isHeader: the first line names its columns — its quantity column is a
// word such as "Quantity" or "数量", or it has none and its first column is
// "SKU".
func isHeader(fields []string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	if len(fields) > 1 {
		return quantityWords[norm(strings.TrimSuffix(fields[1], "."))]
	}
	return norm(fields[0]) == "sku"
}

// quantity reads a whole number, allowing the ".0" spreadsheets add;
// anything else (a fraction, a sign, a thousands separator) is not one.
func quantity(s string) (int, bool) {
	if i := strings.IndexByte(s, '.'); i > 0 && len(s) > i+1 && strings.Trim(s[i+1:], "0") == "" {
		s = s[:i]
	}
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) || r > unicode.MaxASCII {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
