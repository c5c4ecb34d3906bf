package server_test

import (
	"encoding/csv"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

// checkAppraisal: a scorecard is seen with its subject — a dealer user its
// own dealer's (a distributor its sub-dealers' too), a manager its
// dealers' and its channels', an administrator all; a foreign dealer
// answers exactly as a missing one; channel scorecards and the comparison
// are for staff, a manager comparing only its channels; a territory pools
// the dealers the viewer may see.
func checkAppraisal(t *testing.T, admin, c client, w world, email string, want expected) {
	t.Helper()
	var role string
	managed := set{}
	for _, u := range w.Users {
		if u.Email == email {
			role = u.Role
			for _, ch := range u.ManagedChannels {
				managed[ch.ID] = true
			}
		}
	}
	year := fmt.Sprint(time.Now().Year())
	const q = `query($d: ID, $c: ID, $t: ID, $p: Period!) { scorecard(dealerID: $d, channelID: $c, territoryID: $t, period: $p) { netSales dealer { id } explain { kpi } } }`
	type card struct {
		Scorecard *struct {
			NetSales string
			Dealer   *struct{ ID string }
			Explain  []struct{ Kpi string }
		}
	}
	missing := c.query(t, q, map[string]any{"d": "999999999", "p": year})
	if missing.code() != "NOT_FOUND" {
		t.Fatalf("a missing dealer answers %+v", missing.Errors)
	}
	sales := map[string]*big.Rat{}
	for _, d := range w.Dealers {
		var all card
		admin.mustQuery(t, q, map[string]any{"d": d.ID, "p": year}, &all)
		sales[d.ID], _ = new(big.Rat).SetString(all.Scorecard.NetSales)
		r := c.query(t, q, map[string]any{"d": d.ID, "p": year})
		if !want.dealers[d.ID] {
			if r.code() != "NOT_FOUND" || r.Errors[0].Message != missing.Errors[0].Message ||
				fmt.Sprint(r.Errors[0].Extensions) != fmt.Sprint(missing.Errors[0].Extensions) {
				t.Errorf("dealer %s's scorecard answers %+v; want as a missing one %+v", d.Code, r.Errors, missing.Errors)
			}
			continue
		}
		var got card
		if len(r.Errors) > 0 {
			t.Errorf("dealer %s's scorecard: %+v", d.Code, r.Errors)
			continue
		}
		c.mustQuery(t, q, map[string]any{"d": d.ID, "p": year}, &got)
		var trend struct{ Trend []struct{ Period string } }
		c.mustQuery(t, `query($d: ID, $p: Period!) { trend(dealerID: $d, kpi: NET_SALES, from: $p, to: $p) { period value } }`,
			map[string]any{"d": d.ID, "p": year}, &trend)
		if len(trend.Trend) != 1 || trend.Trend[0].Period != year {
			t.Errorf("dealer %s's trend %+v", d.Code, trend.Trend)
		}
		if got.Scorecard.Dealer.ID != d.ID || got.Scorecard.NetSales != all.Scorecard.NetSales || len(got.Scorecard.Explain) != 17 {
			t.Errorf("dealer %s's scorecard %+v; the administrator reads %+v", d.Code, got.Scorecard, all.Scorecard)
		}
	}
	for _, ch := range w.Channels {
		r := c.query(t, q, map[string]any{"c": ch.ID, "p": year})
		switch {
		case role == "ADMIN" || managed[ch.ID]:
			if len(r.Errors) > 0 {
				t.Errorf("channel %s's scorecard: %+v", ch.ID, r.Errors)
			}
		case r.code() != "FORBIDDEN":
			t.Errorf("channel %s's scorecard answers %+v; want FORBIDDEN", ch.ID, r.Errors)
		}
	}
	// The CSV of a channel's scorecards has a row per dealer of it the
	// viewer may see, by code.
	for _, ch := range w.Channels {
		var got struct{ ScorecardsCSV string }
		c.mustQuery(t, `query($c: ID!, $p: Period!) { scorecardsCSV(channelID: $c, period: $p) }`, map[string]any{"c": ch.ID, "p": year}, &got)
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(got.ScorecardsCSV, "\ufeff"))).ReadAll()
		if err != nil || !strings.HasPrefix(got.ScorecardsCSV, "\ufeffdealer code,") {
			t.Fatalf("scorecardsCSV: %v\n%s", err, got.ScorecardsCSV)
		}
		codes, wantCodes := set{}, set{}
		for _, r := range rows[1:] {
			codes[r[0]] = true
		}
		for _, d := range w.Dealers {
			if d.ChannelID == ch.ID && want.dealers[d.ID] {
				wantCodes[d.Code] = true
			}
		}
		if !codes.equal(wantCodes) || len(rows)-1 != len(wantCodes) {
			t.Errorf("scorecardsCSV of channel %s lists %v; want %v", ch.ID, codes.sorted(), wantCodes.sorted())
		}
	}
	// A territory pools the dealers in it the viewer may see.
	for _, ter := range w.Territories {
		r := c.query(t, q, map[string]any{"t": ter.ID, "p": year})
		if role == "DEALER" {
			if r.code() != "FORBIDDEN" {
				t.Errorf("territory %s's scorecard answers %+v; want FORBIDDEN", ter.ID, r.Errors)
			}
			continue
		}
		sum := new(big.Rat)
		for _, d := range w.Dealers {
			for _, dt := range d.Territories {
				if dt.ID == ter.ID && want.dealers[d.ID] {
					sum.Add(sum, sales[d.ID])
				}
			}
		}
		var got card
		c.mustQuery(t, q, map[string]any{"t": ter.ID, "p": year}, &got)
		if n, ok := new(big.Rat).SetString(got.Scorecard.NetSales); !ok || n.Cmp(sum) != 0 {
			t.Errorf("territory %s's net sales %s; want %s over the dealers seen", ter.ID, got.Scorecard.NetSales, sum.FloatString(2))
		}
	}
	const cmp = `query($p: Period!) { channelComparison(period: $p) { channel { id } ranks { kpi rank } } }`
	r := c.query(t, cmp, map[string]any{"p": year})
	if role == "DEALER" {
		if r.code() != "FORBIDDEN" {
			t.Errorf("a dealer user's comparison answers %+v; want FORBIDDEN", r.Errors)
		}
		return
	}
	var got struct {
		ChannelComparison []struct{ Channel struct{ ID string } }
	}
	c.mustQuery(t, cmp, map[string]any{"p": year}, &got)
	seen := set{}
	for _, ch := range got.ChannelComparison {
		seen[ch.Channel.ID] = true
	}
	wantSeen := set{}
	for _, ch := range w.Channels {
		if role == "ADMIN" || managed[ch.ID] {
			wantSeen[ch.ID] = true
		}
	}
	if !seen.equal(wantSeen) {
		t.Errorf("comparison of %v; want %v", seen.sorted(), wantSeen.sorted())
	}
}
