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

func TestChecked(t *testing.T) {
	t.Run("AddsInRange", func(t *testing.T) {
		var c Checked
		sum := int64(0)
		c.Add(&sum, Max)
		c.Sub(&sum, 7)
		c.Add(&sum, -Max)
		if c.Err != nil || sum != -7 {
			t.Errorf("sum = %d, %v; want -7, nil", sum, c.Err)
		}
	})
	for _, tc := range []struct {
		name  string
		start int64
		add   []int64
	}{
		{"RefusesPastMaxInt64", math.MaxInt64 - 1, []int64{2}},
		{"RefusesPastMinInt64", math.MinInt64 + 1, []int64{-2}},
		{"RefusesTheProbesPaymentPlusAnInvoice", 9223372036854775700, []int64{200}},
		{"StaysRefused", math.MaxInt64, []int64{1, -5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Checked
			sum := tc.start
			for _, v := range tc.add {
				c.Add(&sum, v)
			}
			if !errors.Is(c.Err, ErrOverflow) || sum != tc.start {
				t.Errorf("sum = %d, %v; want %d unchanged, ErrOverflow", sum, c.Err, tc.start)
			}
		})
	}
	t.Run("SubOfMinInt64", func(t *testing.T) {
		var c Checked
		sum := int64(0)
		c.Sub(&sum, math.MinInt64)
		if !errors.Is(c.Err, ErrOverflow) || sum != 0 {
			t.Errorf("0 - MinInt64: sum = %d, %v; want ErrOverflow", sum, c.Err)
		}
	})
}
