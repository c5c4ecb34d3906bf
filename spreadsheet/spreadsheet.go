// Package spreadsheet writes the CSV files people open in a spreadsheet
// (statements, scorecards, the audit trail): UTF-8 with a byte order mark,
// so that Excel reads Chinese names right, and text a spreadsheet would
// run as a formula kept plain.
package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// CSV writes rows, the first being the header.
func CSV(rows [][]string) string {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.String()
}

// Text keeps s plain text in a spreadsheet: a cell starting with = + - @,
// a tab or a carriage return would be run as a formula (a payer's
// reference "=HYPERLINK(…)"), so it is written after an apostrophe.
func Text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
