package stock

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/clip"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/product"
)

// Limits of one stock file: the whole catalogue fits many times over, and
// reading one stays bounded work.
const (
	MaxRows     = 10_000
	MaxCSVBytes = 1 << 20
	// MaxSKU is the longest SKU a row may name.
	MaxSKU = 64
	// MaxLeadTimeDays is the longest lead time, as the product keeps it.
	MaxLeadTimeDays = 365
)

// The columns of a stock file, as its header names them and as its row
// problems name the field at fault.
const (
	ColSKU      = "sku"
	ColOnHand   = "on hand"
	ColLeadTime = "lead time days"
	// ColRow names a problem with the row as a whole.
	ColRow = "row"
)

// Row is one product's count in a stock file; LeadTimeDays is nil when
// the row leaves the lead time as it is.
type Row struct {
	Line         int
	SKU          string
	OnHand       int
	LeadTimeDays *int
}

// ParseCSV reads a stock file the warehouse exports or a spreadsheet
// copies: "SKU, on hand[, lead time days]" a row, separated by commas,
// semicolons or tabs (whichever the first row uses), with or without a
// header row. It returns the rows when every one is good, or every problem
// found (none of the rows then): a file is taken whole or not at all.
func ParseCSV(text string) ([]Row, []apperr.RowProblem) {
	rows, problems := parse(text)
	if len(problems) > 0 {
		return nil, problems
	}
	return rows, nil
}

// parse is ParseCSV returning the good rows beside the problems, so that
// an import can name the unknown SKUs of the good rows too.
func parse(text string) ([]Row, []apperr.RowProblem) {
	var problems []apperr.RowProblem
	bad := func(line int, field, format string, args ...any) {
		problems = append(problems, apperr.RowProblem{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if len(text) > MaxCSVBytes {
		bad(1, ColRow, "the file is larger than %d KiB: split it", MaxCSVBytes>>10)
		return nil, problems
	}
	if !utf8.ValidString(text) {
		bad(1, ColRow, "the file is not UTF-8 text")
		return nil, problems
	}
	text = strings.TrimPrefix(text, "\ufeff")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = separator(text)
	r.FieldsPerRecord = -1 // counted here, to say which row is short
	r.TrimLeadingSpace = true
	var (
		rows  []Row
		seen  = map[string]int{} // SKU in upper case → line
		first = true
		count = 0
	)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// The reader cannot be trusted past a broken quote: stop here.
			line := 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			bad(line, ColRow, "the row is not valid CSV (%v)", errors.Unwrap(err))
			break
		}
		line, _ := r.FieldPos(0)
		rec = trimmed(rec)
		if len(rec) == 0 {
			continue
		}
		if first {
			first = false
			if isHeader(rec) {
				continue
			}
		}
		if count++; count > MaxRows {
			bad(line, ColRow, "a file holds at most %d rows: split it", MaxRows)
			break
		}
		if len(rec) < 2 || len(rec) > 3 {
			bad(line, ColRow, "a row has 2 or 3 columns (SKU, on hand, lead time days), this one %d", len(rec))
			continue
		}
		row, ok := Row{Line: line, SKU: rec[0]}, true
		switch {
		case row.SKU == "":
			bad(line, ColSKU, "the SKU is missing")
			ok = false
		case utf8.RuneCountInString(row.SKU) > MaxSKU || apperr.Line(row.SKU) != nil:
			bad(line, ColSKU, "%q is not a SKU", clip.To(row.SKU, 40))
			ok = false
		}
		if n, good := count0(rec[1], MaxOnHand); good {
			row.OnHand = n
		} else {
			bad(line, ColOnHand, "%q is not a count of units from 0 to %d", clip.To(rec[1], 40), MaxOnHand)
			ok = false
		}
		if len(rec) == 3 && rec[2] != "" {
			if n, good := count0(rec[2], MaxLeadTimeDays); good {
				row.LeadTimeDays = &n
			} else {
				bad(line, ColLeadTime, "%q is not a number of days from 0 to %d", clip.To(rec[2], 40), MaxLeadTimeDays)
				ok = false
			}
		}
		if !ok {
			continue
		}
		key := strings.ToUpper(row.SKU)
		if at, dup := seen[key]; dup {
			bad(line, ColSKU, "%s is on line %d already", clip.To(row.SKU, 40), at)
			continue
		}
		seen[key] = line
		rows = append(rows, row)
	}
	if count == 0 && len(problems) == 0 {
		bad(1, ColRow, "the file has no rows: one product a row, SKU and units on hand")
	}
	return rows, problems
}

// separator is the first row's: a tab (a spreadsheet's copy), else a
// semicolon when it has no comma (spreadsheets in locales whose decimal
// mark is the comma), else a comma.
func separator(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	switch {
	case strings.Contains(first, "\t"):
		return '\t'
	case strings.Contains(first, ";") && !strings.Contains(first, ","):
		return ';'
	}
	return ','
}

// trimmed is rec's fields without surrounding spaces and with trailing
// empty ones dropped (a spreadsheet's empty columns); none for a blank row.
func trimmed(rec []string) []string {
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	for len(rec) > 0 && rec[len(rec)-1] == "" {
		rec = rec[:len(rec)-1]
	}
	return rec
}

// isHeader: a first row whose units column is not a number names its
// columns ("SKU,On hand,Lead time days", "货号\t库存").
func isHeader(rec []string) bool {
	if len(rec) < 2 {
		return strings.EqualFold(rec[0], "sku")
	}
	_, err := strconv.Atoi(rec[1])
	return err != nil && !strings.ContainsAny(rec[1], "0123456789")
}

// count0 reads a whole number from 0 to limit, allowing the ".0"
// spreadsheets add; a sign, a fraction or a thousands separator is not one.
func count0(s string, limit int) (int, bool) {
	if i := strings.IndexByte(s, '.'); i > 0 && strings.Trim(s[i+1:], "0") == "" {
		s = s[:i]
	}
	if s == "" || len(s) > 10 || strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n <= limit
}

// Import is what an import changed: products whose count or lead time it
// set, and those it found as the file has them.
type Import struct {
	Written, Unchanged int
}

// ImportCSV sets the units on hand (and lead times, where given) of the
// products a stock file names, all or nothing, in the caller's
// transaction: a bad row, an unknown SKU or a count below what confirmed
// orders reserve refuses the whole file as INVALID_INPUT with every bad
// line in extensions.rows. Administrators only: products are read and
// written through the viewer's privacy.
func ImportCSV(ctx context.Context, db *ent.Client, text string) (Import, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return Import{}, err
	}
	if !v.IsAdmin() {
		return Import{}, apperr.Errorf(apperr.Forbidden, "only administrators set stock")
	}
	rows, problems := parse(text)
	skus := make([]string, 0, len(rows))
	for _, r := range rows {
		skus = append(skus, r.SKU)
	}
	found, err := db.Product.Query().Where(product.SkuIn(skus...)).All(ctx)
	if err != nil {
		return Import{}, err
	}
	bySKU := make(map[string]*ent.Product, len(found))
	for _, p := range found {
		bySKU[p.Sku] = p
	}
	for _, r := range rows {
		p := bySKU[r.SKU]
		switch {
		case p == nil:
			problems = append(problems, apperr.RowProblem{Line: r.Line, Field: ColSKU, Message: fmt.Sprintf("no product has the SKU %q", clip.To(r.SKU, 40))})
		case r.OnHand < p.Reserved:
			problems = append(problems, apperr.RowProblem{Line: r.Line, Field: ColOnHand, Message: fmt.Sprintf("%s: %d units are reserved for confirmed orders; on hand cannot be less", p.Sku, p.Reserved)})
		}
	}
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
		return Import{}, apperr.InvalidRows("csv", problems)
	}
	var out Import
	for _, r := range rows {
		p := bySKU[r.SKU]
		lead := p.LeadTimeDays
		if r.LeadTimeDays != nil {
			lead = *r.LeadTimeDays
		}
		if p.OnHand == r.OnHand && p.LeadTimeDays == lead {
			out.Unchanged++
			continue
		}
		// The same check-and-set as SetOnHand: a reservation committed
		// since the read above is never left above the new count.
		n, err := db.Product.Update().
			Where(product.ID(p.ID), product.ReservedLTE(r.OnHand)).
			SetOnHand(r.OnHand).
			SetLeadTimeDays(lead).
			Save(ctx)
		if err != nil {
			return Import{}, err
		}
		if n == 0 {
			return Import{}, apperr.InvalidRows("csv", []apperr.RowProblem{{Line: r.Line, Field: ColOnHand,
				Message: fmt.Sprintf("%s: an order confirmed meanwhile reserves more than %d units; read the stock again", p.Sku, r.OnHand)}})
		}
		out.Written++
		if err := audit.Record(ctx, db, "stock.import", "Product", p.ID, map[string]any{
			"sku": p.Sku, "line": r.Line,
			"onHand":       map[string]int{"before": p.OnHand, "after": r.OnHand},
			"leadTimeDays": map[string]int{"before": p.LeadTimeDays, "after": lead},
		}); err != nil {
			return Import{}, err
		}
	}
	return out, nil
}
