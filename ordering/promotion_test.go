package ordering_test

import (
	"slices"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ordering"
)

// The promotions rule, worked by hand: best of those that do not stack,
// plus those that do, capped; from the minimum quantity; on the products
// covered.
func TestApply(t *testing.T) {
	day := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	const drill, saw = 1, 2
	o := func(id, bp int, mod ...func(*ordering.Offer)) ordering.Offer {
		x := ordering.Offer{ID: id, Name: "p", BasisPoints: bp, PublishedAt: day.Add(time.Duration(id) * time.Hour)}
		for _, m := range mod {
			m(&x)
		}
		return x
	}
	stacks := func(x *ordering.Offer) { x.Stacks = true }
	min10 := func(x *ordering.Offer) { x.MinQuantity = 10 }
	onDrill := func(x *ordering.Offer) { x.ProductIDs = []int{drill} }
	onDrills := func(x *ordering.Offer) { x.Categories = []string{"Drills"} }
	earlier := func(x *ordering.Offer) { x.PublishedAt = day.Add(-time.Hour) }

	for _, tt := range []struct {
		name     string
		offers   []ordering.Offer
		product  int
		category string
		quantity int
		wantBP   int
		wantIDs  []int
	}{
		{"none", nil, drill, "Drills", 1, 0, nil},
		{"every product", []ordering.Offer{o(1, 500)}, saw, "Saws", 1, 500, []int{1}},
		{"best of two", []ordering.Offer{o(1, 500), o(2, 1200)}, drill, "Drills", 1, 1200, []int{2}},
		{"tie: the earliest published", []ordering.Offer{o(1, 800), o(2, 800, earlier)}, drill, "Drills", 1, 800, []int{2}},
		{"tie at the same time: the lowest id", []ordering.Offer{o(3, 800, earlier), o(2, 800, earlier)}, drill, "Drills", 1, 800, []int{2}},
		{"stacking adds to the best", []ordering.Offer{o(1, 500), o(2, 1200), o(3, 300, stacks)}, drill, "Drills", 1, 1500, []int{2, 3}},
		{"stacking ones alone add up, largest first", []ordering.Offer{o(1, 300, stacks), o(2, 700, stacks)}, drill, "Drills", 1, 1000, []int{2, 1}},
		{"a stacking one larger than the best comes first", []ordering.Offer{o(1, 500), o(2, 900, stacks)}, drill, "Drills", 1, 1400, []int{2, 1}},
		{"capped at 100 %", []ordering.Offer{o(1, 8000), o(2, 3000, stacks)}, drill, "Drills", 1, 10000, []int{1, 2}},
		{"below the minimum quantity", []ordering.Offer{o(1, 2000, min10), o(2, 500)}, drill, "Drills", 9, 500, []int{2}},
		{"at the minimum quantity", []ordering.Offer{o(1, 2000, min10), o(2, 500)}, drill, "Drills", 10, 2000, []int{1}},
		{"a named product", []ordering.Offer{o(1, 2000, onDrill)}, drill, "Drills", 1, 2000, []int{1}},
		{"another product", []ordering.Offer{o(1, 2000, onDrill)}, saw, "Saws", 1, 0, nil},
		{"its category", []ordering.Offer{o(1, 2000, onDrills)}, drill, "Drills", 1, 2000, []int{1}},
		{"another category", []ordering.Offer{o(1, 2000, onDrills)}, saw, "Saws", 1, 0, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bp, applied := ordering.Apply(tt.offers, tt.product, tt.category, tt.quantity)
			var ids []int
			for _, a := range applied {
				ids = append(ids, a.PromotionID)
			}
			if bp != tt.wantBP || !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("Apply = %d bp %v; want %d bp %v", bp, ids, tt.wantBP, tt.wantIDs)
			}
		})
	}
}

// A line's amount is rounded half-up once, on the whole line.
func TestLineAmount_Discounted(t *testing.T) {
	for _, tt := range []struct {
		quantity int
		price    int64
		bp       int
		want     int64
	}{
		{1, 129900, 1500, 110415},
		{3, 333, 1250, 874}, // 874.125
		{1, 5, 1000, 5},     // 4.5 → 5
		{1, 15, 5000, 8},    // 7.5 → 8
		{7, 99, 333, 670},   // 669.9231
		{2, 100, 10000, 0},  // free
		{10, 15900, 1000, 143100},
	} {
		if got, ok := ordering.LineAmount(tt.quantity, tt.price, tt.bp); !ok || got != tt.want {
			t.Errorf("LineAmount(%d, %d, %d) = %d, %v; want %d", tt.quantity, tt.price, tt.bp, got, ok, tt.want)
		}
	}
}
