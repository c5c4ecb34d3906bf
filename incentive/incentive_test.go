package incentive

import (
	"math"
	"testing"
)

// A table worked by hand: 2 % from 1 000.00, 3 % from 5 000.00, 5 % from
// 10 000.00 (minor units).
func TestEarned_HandTable(t *testing.T) {
	tiers := []Tier{{100000, 200}, {500000, 300}, {1000000, 500}}
	for _, c := range []struct {
		basis          int64
		retro, incr    int64
		reached        int
		next, distance int64 // next threshold, 0 at the top
	}{
		{-5000, 0, 0, -1, 100000, 105000},
		{0, 0, 0, -1, 100000, 100000},
		{99999, 0, 0, -1, 100000, 1},
		// At the first threshold: retroactive earns its rate on all of it,
		// incremental nothing yet (its band starts there).
		{100000, 2000, 0, 0, 500000, 400000},
		{250000, 5000, 3000, 0, 500000, 250000},
		// 250 025 × 2 % = 5 000.5 → 5 001; 150 025 × 2 % = 3 000.5 → 3 001.
		{250025, 5001, 3001, 0, 500000, 249975},
		// 400 000 × 2 % = 8 000.
		{500000, 15000, 8000, 1, 1000000, 500000},
		// 750 001 × 3 % = 22 500.03; 8 000 + 250 001 × 3 % = 15 500.03.
		{750001, 22500, 15500, 1, 1000000, 249999},
		// 1 234 567 × 5 % = 61 728.35; 8 000 + 15 000 + 234 567 × 5 % = 34 728.35.
		{1234567, 61728, 34728, 2, 0, 0},
	} {
		if got := Earned(c.basis, tiers, Retroactive); got != c.retro {
			t.Errorf("retroactive on %d: %d, want %d", c.basis, got, c.retro)
		}
		if got := Earned(c.basis, tiers, Incremental); got != c.incr {
			t.Errorf("incremental on %d: %d, want %d", c.basis, got, c.incr)
		}
		if got := Reached(c.basis, tiers); got != c.reached {
			t.Errorf("tier reached on %d: %d, want %d", c.basis, got, c.reached)
		}
		next, d := NextTier(c.basis, tiers)
		switch {
		case c.next == 0 && next != nil:
			t.Errorf("next tier on %d: %v, want none", c.basis, next)
		case c.next != 0 && (next == nil || next.Threshold != c.next || d != c.distance):
			t.Errorf("next tier on %d: %v at %d, want %d at %d", c.basis, next, d, c.next, c.distance)
		}
	}
}

// The bands are summed exactly and rounded once: two half-units make one
// unit, not two.
func TestEarned_RoundsOnce(t *testing.T) {
	tiers := []Tier{{0, 5000}, {1, 5000}}
	if got := Earned(2, tiers, Incremental); got != 1 {
		t.Errorf("incremental on 2: %d, want 1 (0.5 + 0.5 rounded once)", got)
	}
	if got := Earned(1, []Tier{{0, 5000}}, Retroactive); got != 1 {
		t.Errorf("0.5 rounds half-up to 1, got %d", got)
	}
}

// The largest basis at 100 % does not overflow.
func TestEarned_NoOverflow(t *testing.T) {
	for _, m := range []TierMode{Retroactive, Incremental} {
		if got := Earned(math.MaxInt64, []Tier{{0, 10000}}, m); got != math.MaxInt64 {
			t.Errorf("%s: %d, want %d", m, got, int64(math.MaxInt64))
		}
		if got := Earned(math.MaxInt64, []Tier{{0, 9999}, {math.MaxInt64 - 1, 10000}}, m); got <= 0 {
			t.Errorf("%s: %d, want a positive amount", m, got)
		}
	}
}
