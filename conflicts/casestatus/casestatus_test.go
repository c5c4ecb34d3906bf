package casestatus

import (
	"fmt"
	"testing"
)

func TestCanMove(t *testing.T) {
	for _, tc := range []struct {
		from, to Status
		want     bool
	}{
		{Open, Investigating, true},
		{Open, Resolved, true},
		{Open, Dismissed, true},
		{Open, Open, false},
		{Investigating, Resolved, true},
		{Investigating, Dismissed, true},
		{Investigating, Open, false},
		{Resolved, Open, true},
		{Resolved, Investigating, false},
		{Resolved, Dismissed, false},
		{Dismissed, Open, true},
		{Dismissed, Resolved, false},
		{Status("CLOSED"), Open, false},
	} {
		t.Run(fmt.Sprintf("%sTo%s", tc.from, tc.to), func(t *testing.T) {
			if got := CanMove(tc.from, tc.to); got != tc.want {
				t.Errorf("CanMove(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.want)
			}
		})
	}
}

func TestNext_IsWhatCanMoveAllows(t *testing.T) {
	for _, from := range all {
		for _, to := range all {
			allowed := false
			for _, s := range Next(from) {
				allowed = allowed || s == to
			}
			if allowed != CanMove(from, to) {
				t.Errorf("%s → %s: Next says %v, CanMove %v", from, to, allowed, CanMove(from, to))
			}
		}
	}
	if !Resolved.Closed() || !Dismissed.Closed() || Open.Closed() || Investigating.Closed() {
		t.Error("Closed: want Resolved and Dismissed only")
	}
}
