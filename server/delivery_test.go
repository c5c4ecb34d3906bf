package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const deliveryUpdated = `subscription($order: ID, $after: String) {
	deliveryUpdated(orderID: $order, after: $after) { cursor status location note occurredAt shipment { number status order { number status } } } }`

type deliveryEventMsg struct {
	DeliveryUpdated struct {
		Cursor, Status string
		Location, Note *string
		Shipment       struct {
			Number, Status string
			Order          struct{ Number, Status string }
		}
	}
}

func (w *ws) expectDeliveries(id string, n int) []string {
	w.tb.Helper()
	var got []string
	for range n {
		var e deliveryEventMsg
		w.next(id, 5*time.Second, &e)
		d := e.DeliveryUpdated
		got = append(got, fmt.Sprintf("%s %s %s", d.Shipment.Number, d.Status, deref(d.Location)))
	}
	return got
}

// A dealer follows its order to the door: every tracking event of its
// shipments, as it is recorded, in order with the order's status changes;
// nobody else's.
func TestRealtime_DeliveryUpdated(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		manager := signIn(t, m, "manager@demo.test")
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		o := placeConfirmed(t, south, manager, 3, 2)

		southWS := connect(t, m, transportWS, south.token)
		southWS.subscribe("d", deliveryUpdated, nil)
		southWS.subscribe("s", statusChanged, map[string]any{"order": o.ID})
		northWS := connect(t, m, legacyWS, north.token)
		northWS.subscribe("d", deliveryUpdated, nil)
		managerWS := connect(t, m, transportWS, manager.token)
		managerWS.subscribe("d", deliveryUpdated, map[string]any{"order": o.ID})
		time.Sleep(100 * time.Millisecond) // the subscriptions are registered

		s1 := createShipment(t, manager, o.ID, o.Lines[0].ID, 3)
		deliveryEvent(t, manager, s1.ID, "IN_TRANSIT", "Kunshan")
		s2 := createShipment(t, manager, o.ID, o.Lines[1].ID, 2)
		deliveryEvent(t, manager, s1.ID, "DELIVERED", "Guangzhou")
		deliveryEvent(t, manager, s2.ID, "IN_TRANSIT", "Kunshan")
		deliveryEvent(t, manager, s2.ID, "DELIVERED", "Guangzhou")

		want := []string{
			s1.Number + " PREPARING ·", s1.Number + " IN_TRANSIT Kunshan", s2.Number + " PREPARING ·",
			s1.Number + " DELIVERED Guangzhou", s2.Number + " IN_TRANSIT Kunshan", s2.Number + " DELIVERED Guangzhou",
		}
		// The two subscriptions of one socket interleave: sort them out.
		var deliveries, statuses []string
		for len(deliveries) < len(want) || len(statuses) < 4 {
			msg := southWS.read(5 * time.Second)
			switch msg.ID {
			case "d":
				var e struct{ Data deliveryEventMsg }
				mustUnmarshal(t, msg.Payload, &e)
				d := e.Data.DeliveryUpdated
				deliveries = append(deliveries, fmt.Sprintf("%s %s %s", d.Shipment.Number, d.Status, deref(d.Location)))
			case "s":
				var e struct{ Data statusEvent }
				mustUnmarshal(t, msg.Payload, &e)
				if to := e.Data.OrderStatusChanged.To; to == "SUBMITTED" || to == "CONFIRMED" {
					continue // placed and confirmed before the subscription, and relayed after it started
				}
				statuses = append(statuses, e.Data.String())
			default:
				t.Fatalf("unexpected message %s %s", msg.Type, msg.Payload)
			}
		}
		if got := strings.Join(deliveries, ", "); got != strings.Join(want, ", ") {
			t.Errorf("south's deliveries = %s\nwant %s", got, strings.Join(want, ", "))
		}
		wantStatuses := []string{
			o.Number + " CONFIRMED→IN_FULFILLMENT", o.Number + " IN_FULFILLMENT→SHIPPED",
			o.Number + " SHIPPED→PARTIALLY_DELIVERED", o.Number + " PARTIALLY_DELIVERED→DELIVERED",
		}
		if got := strings.Join(statuses, ", "); got != strings.Join(wantStatuses, ", ") {
			t.Errorf("south's status changes = %s\nwant %s", got, strings.Join(wantStatuses, ", "))
		}
		if got := strings.Join(managerWS.expectDeliveries("d", len(want)), ", "); got != strings.Join(want, ", ") {
			t.Errorf("the manager's deliveries of the order = %s", got)
		}
		if msg, err := northWS.tryRead(300 * time.Millisecond); err == nil {
			t.Errorf("north received another dealer's delivery: %s", msg.Payload)
		}
	})
}

func mustUnmarshal(t *testing.T, b []byte, out any) {
	t.Helper()
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
}
