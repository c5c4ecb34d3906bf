package realtime_test

import (
	"testing"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/realtime"
)

// FuzzParseCursor: a cursor passed as `after` is refused as INVALID_INPUT
// naming the field, or it is a delivery number that FormatCursor writes
// back as a cursor of the same number.
func FuzzParseCursor(f *testing.F) {
	for _, s := range []string{
		"", "0", "42", "-1", "+1", "007", " 1", "1 ", "1.0", "1e3", "0x10",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999",
		"YXJyYXljb25uZWN0aW9uOjA=", `{"id":1}`, "null", "\x00", "1\x00", "\xff\xfe", "\u202e42", "４２",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := realtime.ParseCursor(s)
		if err != nil {
			if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput || e.Field != "after" {
				t.Fatalf("ParseCursor(%q): %v, want INVALID_INPUT on after", s, err)
			}
			return
		}
		if n < 0 {
			t.Fatalf("ParseCursor(%q) = %d, below 0", s, n)
		}
		if back, err := realtime.ParseCursor(realtime.FormatCursor(n)); err != nil || back != n {
			t.Fatalf("ParseCursor(%q) = %d, which reads back as %d, %v", s, n, back, err)
		}
	})
}
