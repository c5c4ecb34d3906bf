import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../gql";
import type { DeliveryEventsSubscription } from "../gql/graphql";
import { isCursorExpired } from "./cursor";

// What a tracking event brings: the shipment as it is now, with its lines and
// events, so the normalised cache updates the order page that shows it.
export const DeliveryEventsSubscriptionDoc = graphql(`
  subscription DeliveryEvents($orderID: ID, $after: String) {
    deliveryUpdated(orderID: $orderID, after: $after) {
      cursor
      status
      location
      note
      occurredAt
      shipment {
        ...ShipmentFields
      }
    }
  }
`);

export type DeliveryEvent = DeliveryEventsSubscription["deliveryUpdated"];

/**
 * Subscribes to the tracking of one order's shipments after eventCursor,
 * read with the page's data; resumes after the last event on reconnect, and
 * calls onExpired (refetch, hence a fresh cursor) when the cursor expired.
 */
export function useDeliveryEvents(opts: {
  eventCursor: string | null | undefined;
  orderID: string;
  onEvent: (e: DeliveryEvent) => void;
  onExpired: () => void;
}) {
  const onEvent = useRef(opts.onEvent);
  const onExpired = useRef(opts.onExpired);
  onEvent.current = opts.onEvent;
  onExpired.current = opts.onExpired;
  const [result] = useSubscription(
    {
      query: DeliveryEventsSubscriptionDoc,
      variables: { orderID: opts.orderID, after: opts.eventCursor ?? null },
      pause: !opts.eventCursor,
    },
    (_prev: unknown, data: DeliveryEventsSubscription) => {
      onEvent.current(data.deliveryUpdated);
      return data;
    },
  );
  const expired = isCursorExpired(result.error);
  useEffect(() => {
    if (expired) onExpired.current();
  }, [expired]);
}
