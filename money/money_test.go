package money

import (
	"errors"
	"math"
	"testing"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		in   int64
		want string
	}{
		{0, "0.00"}, {7, "0.07"}, {123450, "1234.50"}, {-5, "-0.05"}, {-100, "-1.00"},
		{math.MaxInt64, "92233720368547758.07"}, {math.MinInt64, "-92233720368547758.08"},
	} {
		if got := Format(tc.in); got != tc.want {
			t.Errorf("Format(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    int64
		wantErr error
	}{
		{"0", 0, nil}, {"1234.5", 123450, nil}, {"1234.50", 123450, nil}, {"-3", -300, nil},
		{"0.07", 7, nil}, {"1.234", 0, ErrSyntax}, {"", 0, ErrSyntax}, {"1.", 0, ErrSyntax},
		{".5", 0, ErrSyntax}, {"1e3", 0, ErrSyntax}, {"+1", 0, ErrSyntax}, {"1,000", 0, ErrSyntax},
		{"99999999999999999999", 0, ErrRange},
	} {
		got, err := Parse(tc.in)
		if !errors.Is(err, tc.wantErr) || got != tc.want {
			t.Errorf("Parse(%q) = %d, %v; want %d, %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for _, v := range []int64{0, 1, -1, 99, 100, 123456789, -987654321} {
		got, err := Parse(Format(v))
		if err != nil || got != v {
			t.Errorf("Parse(Format(%d)) = %d, %v", v, got, err)
		}
	}
}
