package server_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// TestVisibility_Agreements: agreements and their versions are read by
// their own dealer's users only (not a distributor's: they are the
// sub-dealer's contract) and by the staff who see the dealer; dealer
// status changes are seen with their dealer. In the list, by dealerID and
// by node, a foreign one answers as a missing one.
func TestVisibility_Agreements(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		w := loadWorld(t, admin)
		agreementOf, versionOf, changeOf := map[string]string{}, map[string]string{}, map[string]string{}
		for _, d := range w.Dealers {
			var got struct {
				CreateAgreement struct {
					ID      string
					History []struct{ ID string }
				}
			}
			admin.mustQuery(t, `mutation($d: ID!) { createAgreement(input: {dealerID: $d, kind: SERVICE, startsOn: "2040-01-01", endsOn: "2040-12-31", terms: "Visits"}) { id history { id } } }`,
				map[string]any{"d": d.ID}, &got)
			agreementOf[got.CreateAgreement.ID] = d.ID
			versionOf[got.CreateAgreement.History[0].ID] = d.ID
			var ch struct{ ChangeDealerStatus struct{ ID string } }
			r := admin.query(t, `mutation($d: ID!, $on: Date!) { changeDealerStatus(dealerID: $d, to: PROBATION, reason: "Review", effectiveOn: $on) { id } }`,
				map[string]any{"d": d.ID, "on": time.Now().AddDate(1, 0, 0).Format(time.DateOnly)})
			if r.code() == "INVALID_TRANSITION" {
				continue // a TERMINATED dealer's status no longer changes
			}
			if err := json.Unmarshal(r.Data, &ch); err != nil || len(r.Errors) > 0 {
				t.Fatalf("changeDealerStatus: %v %+v", err, r.Errors)
			}
			changeOf[ch.ChangeDealerStatus.ID] = d.ID
		}
		for _, email := range viewers {
			t.Run(strings.TrimSuffix(email, "@demo.test"), func(t *testing.T) {
				c := signIn(t, m, email)
				want := expect(w, email)
				var me struct {
					Me struct {
						Role   string
						Dealer *struct{ ID string }
					}
				}
				c.mustQuery(t, `{ me { role dealer { id } } }`, nil, &me)
				readsAgreement := func(dealerID string) bool {
					if me.Me.Dealer != nil {
						return dealerID == me.Me.Dealer.ID
					}
					return want.dealers[dealerID]
				}
				wantAgreements := set{}
				for id, d := range agreementOf {
					if readsAgreement(d) {
						wantAgreements[id] = true
					}
				}
				// The list, of the year seeded (the demo has its own).
				var list struct{ Agreements connection }
				c.mustQuery(t, `{ agreements(first: 100, kinds: [SERVICE]) { totalCount edges { node { id } } } }`, nil, &list)
				got := set{}
				for id := range list.Agreements.ids() {
					if _, seeded := agreementOf[id]; seeded {
						got[id] = true
					}
				}
				if !got.equal(wantAgreements) {
					t.Errorf("agreements = %v; want %v", got.sorted(), wantAgreements.sorted())
				}
				// By dealer: another's lists nothing.
				for _, d := range w.Dealers {
					var byDealer struct{ Agreements connection }
					c.mustQuery(t, `query($d: ID!) { agreements(dealerID: $d, kinds: [SERVICE]) { totalCount edges { node { id } } } }`,
						map[string]any{"d": d.ID}, &byDealer)
					seeded := 0
					for id := range byDealer.Agreements.ids() {
						if agreementOf[id] != "" {
							seeded++
							if agreementOf[id] != d.ID {
								t.Errorf("agreements(dealerID: %s) lists %s of %s", d.ID, id, agreementOf[id])
							}
						}
					}
					if w := map[bool]int{true: 1}[readsAgreement(d.ID)]; seeded != w {
						t.Errorf("agreements(dealerID: %s) lists %d seeded; want %d", d.ID, seeded, w)
					}
				}
				// By node: agreements, versions, status changes.
				nodes := func(ids map[string]string, visible func(string) bool, what string) {
					for id, d := range ids {
						var n struct{ Node *struct{ ID string } }
						c.mustQueryAllowingErrors(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}, &n)
						if (n.Node != nil) != visible(d) {
							t.Errorf("node(%s) of %s %s: read %v; want %v", what, d, id, n.Node != nil, visible(d))
						}
					}
				}
				nodes(agreementOf, readsAgreement, "agreement")
				nodes(versionOf, readsAgreement, "version")
				if len(changeOf) < 10 {
					t.Fatalf("only %d status changes seeded", len(changeOf))
				}
				nodes(changeOf, func(d string) bool { return want.dealers[d] }, "status change")
				// A foreign dealer's agreement is NOT_FOUND to write, as a
				// missing one.
				if me.Me.Role != "DEALER" {
					for id, d := range agreementOf {
						if readsAgreement(d) {
							continue
						}
						refusedWith(t, c.query(t, `mutation($id: ID!) { terminateAgreement(id: $id, reason: "x") { id } }`, map[string]any{"id": id}),
							"NOT_FOUND", "id")
						break
					}
				}
			})
		}
	})
}
