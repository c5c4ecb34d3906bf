package period

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseAndBounds(t *testing.T) {
	for _, c := range []struct {
		in, start, end string
		kind           Kind
		days, months   int
	}{
		{"2026", "2026-01-01", "2027-01-01", Year, 365, 12},
		{"2028", "2028-01-01", "2029-01-01", Year, 366, 12},
		{"2026-Q1", "2026-01-01", "2026-04-01", Quarter, 90, 3},
		{"2026-Q3", "2026-07-01", "2026-10-01", Quarter, 92, 3},
		{"2026-Q4", "2026-10-01", "2027-01-01", Quarter, 92, 3},
		{"2026-02", "2026-02-01", "2026-03-01", Month, 28, 1},
		{"2028-02", "2028-02-01", "2028-03-01", Month, 29, 1},
		{"2026-12", "2026-12-01", "2027-01-01", Month, 31, 1},
	} {
		p, err := Parse(c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if p.String() != c.in || p.Kind() != c.kind || !p.Start().Equal(day(c.start)) || !p.End().Equal(day(c.end)) ||
			p.Days() != c.days || len(p.Months()) != c.months {
			t.Errorf("%s: got %s %s [%s, %s) %d days %d months", c.in, p, p.Kind(), p.Start(), p.End(), p.Days(), len(p.Months()))
		}
		if !p.Contains(p.Start()) || p.Contains(p.End()) || !p.Contains(p.Last()) {
			t.Errorf("%s: half-open bounds wrong", c.in)
		}
		if Of(p.Kind(), p.Last()) != p || Of(p.Kind(), p.Start()) != p {
			t.Errorf("%s: Of does not return the period", c.in)
		}
		if p.Next().Previous() != p || !p.Previous().End().Equal(p.Start()) {
			t.Errorf("%s: Previous/Next do not meet", c.in)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, in := range []string{"", "26", "2026-", "2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-q3", "0000", "+202", "2026-7", "2026-07-01", "２０２６", "abcd", " 2026"} {
		if _, err := Parse(in); err == nil {
			t.Errorf("%q: accepted", in)
		}
	}
}

func TestClosedOn(t *testing.T) {
	p := MustParse("2026-Q3")
	if p.ClosedOn(day("2026-09-30")) || !p.ClosedOn(day("2026-10-01")) {
		t.Error("a quarter closes the day after its last")
	}
}

func TestScanValue(t *testing.T) {
	p := MustParse("2026-Q3")
	v, _ := p.Value()
	var q Period
	if err := q.Scan(v); err != nil || q != p {
		t.Fatalf("round trip: %v %v", q, err)
	}
	if err := q.Scan([]byte("2026-07")); err != nil || q.String() != "2026-07" {
		t.Fatalf("bytes: %v %v", q, err)
	}
	if err := q.Scan(nil); err != nil || !q.IsZero() {
		t.Fatalf("nil: %v %v", q, err)
	}
}

// FuzzPeriod: whatever a client sends, Parse either refuses it or returns
// a period that writes back to the same text and whose bounds agree.
func FuzzPeriod(f *testing.F) {
	for _, s := range []string{"2026", "2026-Q3", "2026-07", "2026-13", "9999-12", "0001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		if p.String() != s {
			t.Fatalf("%q parsed as %q", s, p.String())
		}
		if !p.Start().Before(p.End()) || Of(p.Kind(), p.Start()) != p {
			t.Fatalf("%q: bad bounds", s)
		}
	})
}
