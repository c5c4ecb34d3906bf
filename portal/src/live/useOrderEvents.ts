import { useEffect, useReducer, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../gql";
import type { OrderEventsSubscription } from "../gql/graphql";
import { isCursorExpired } from "./cursor";
import { HIGHLIGHT_MS, highlightReducer, initialHighlight, type LiveChange } from "./highlight";

// What a live event brings: the order as it is now, with its history, so the
// normalised cache updates every page that shows it.
export const OrderEventsSubscriptionDoc = graphql(`
  subscription OrderEvents($orderID: ID, $after: String) {
    orderStatusChanged(orderID: $orderID, after: $after) {
      cursor
      kind
      from
      to
      at
      actorName
      note
      order {
        id
        number
        status
        creditHold
        allowedTransitions
        canReleaseCreditHold
        canShip
        version
        updatedAt
        history {
          id
          kind
          from
          to
          actorName
          at
          note
        }
      }
    }
  }
`);

export type OrderEvent = OrderEventsSubscription["orderStatusChanged"];

/**
 * Subscribes to status changes (of one order, or of all the viewer may see)
 * after eventCursor, which the page read together with its data. The client
 * resumes after the last event on reconnect. When the cursor has expired,
 * onExpired refetches the page's data, whose fresh eventCursor starts a new
 * subscription.
 */
export function useOrderEvents(opts: {
  eventCursor: string | null | undefined;
  orderID?: string | null;
  onEvent: (e: OrderEvent) => void;
  onExpired: () => void;
}) {
  const onEvent = useRef(opts.onEvent);
  const onExpired = useRef(opts.onExpired);
  onEvent.current = opts.onEvent;
  onExpired.current = opts.onExpired;
  const [result] = useSubscription(
    {
      query: OrderEventsSubscriptionDoc,
      variables: { orderID: opts.orderID ?? null, after: opts.eventCursor ?? null },
      pause: !opts.eventCursor,
    },
    (_prev: unknown, data: OrderEventsSubscription) => {
      onEvent.current(data.orderStatusChanged);
      return data;
    },
  );
  const expired = isCursorExpired(result.error);
  useEffect(() => {
    if (expired) onExpired.current();
  }, [expired]);
}

/** Highlights for orders that changed live, fading after a few seconds. */
export function useLiveHighlight() {
  const [state, dispatch] = useReducer(highlightReducer, initialHighlight);
  const count = Object.keys(state.marked).length;
  useEffect(() => {
    if (!count) return;
    const timer = setInterval(() => dispatch({ type: "expire", now: Date.now() }), Math.min(1000, HIGHLIGHT_MS));
    return () => clearInterval(timer);
  }, [count]);
  const mark = (e: OrderEvent) =>
    dispatch({
      type: "changed",
      change: { orderID: e.order.id, number: e.order.number, to: e.to, at: Date.now(), amended: e.kind === "AMENDED" } satisfies LiveChange,
    });
  return { state, mark };
}
