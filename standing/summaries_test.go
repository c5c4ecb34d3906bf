package standing

import (
	"slices"
	"testing"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent"
)

func summary(code string, overdue int64, last *time.Time) *Summary {
	return &Summary{Dealer: &ent.Dealer{Code: code, Name: code}, Overdue: overdue, LastOrderAt: last}
}

// TestSort: ties go by code in either direction; dealers without orders
// come first ascending and last descending.
func TestSort(t *testing.T) {
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	list := []*Summary{summary("D-C", 5, nil), summary("D-A", 5, &at), summary("D-B", 9, nil), summary("D-D", 0, &at)}
	codes := func(f Field, desc bool) []string {
		l := slices.Clone(list)
		slices.SortFunc(l, func(a, b *Summary) int { return compare(keyOf(a, f), keyOf(b, f), desc) })
		var out []string
		for _, x := range l {
			out = append(out, x.Dealer.Code)
		}
		return out
	}
	for _, c := range []struct {
		f    Field
		desc bool
		want []string
	}{
		{ByOverdue, true, []string{"D-B", "D-A", "D-C", "D-D"}},
		{ByOverdue, false, []string{"D-D", "D-A", "D-C", "D-B"}},
		{ByLastOrderAt, false, []string{"D-B", "D-C", "D-A", "D-D"}},
		{ByLastOrderAt, true, []string{"D-A", "D-D", "D-B", "D-C"}},
		{ByCode, true, []string{"D-D", "D-C", "D-B", "D-A"}},
	} {
		if got := codes(c.f, c.desc); !slices.Equal(got, c.want) {
			t.Errorf("%s desc=%v: %v, want %v", c.f, c.desc, got, c.want)
		}
	}
}

// TestCursor: a cursor reads back under the order it was made for and is
// refused as INVALID_INPUT of after under another, or when it is not one.
func TestCursor(t *testing.T) {
	o := &Order{Field: ByOverdue, Direction: entgql.OrderDirectionDesc}
	x := summary("D-A", 123, nil)
	s := cursorString(encodeCursor(o, x))
	c, err := decodeCursor(s, o)
	if err != nil || c.key != keyOf(x, ByOverdue) {
		t.Fatalf("decoded %+v, %v; want %+v", c, err, keyOf(x, ByOverdue))
	}
	var plain entgql.Cursor[int] // every cursor of the API is one
	if err := plain.UnmarshalGQL(s); err != nil {
		t.Errorf("not an API cursor: %v", err)
	}
	for _, bad := range []struct {
		s string
		o *Order
	}{
		{s, &Order{Field: ByOverdue, Direction: entgql.OrderDirectionAsc}},
		{s, &Order{Field: ByBalance, Direction: entgql.OrderDirectionDesc}},
		{"not a cursor", o},
		{"", o},
	} {
		if _, err := decodeCursor(bad.s, bad.o); apperr.CodeOf(err) != apperr.InvalidInput {
			t.Errorf("cursor %q under %+v: %v, want INVALID_INPUT", bad.s, bad.o, err)
		}
	}
}
