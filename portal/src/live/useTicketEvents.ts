import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../gql";
import type { TicketEventsSubscription } from "../gql/graphql";
import { isCursorExpired } from "./cursor";

// What a ticket event brings: the ticket as it is now, with its thread and
// the moves the viewer may make, so the normalised cache updates its page.
export const TicketEventsSubscriptionDoc = graphql(`
  subscription TicketEvents($ticketID: ID, $after: String) {
    ticketUpdated(ticketID: $ticketID, after: $after) {
      cursor
      action
      at
      reply {
        id
        authorName
        fromStaff
      }
      ticket {
        ...TicketFields
      }
    }
  }
`);

export type TicketEvent = TicketEventsSubscription["ticketUpdated"];

/**
 * Subscribes to the events of one ticket (or of all the viewer may see)
 * after eventCursor, read with the page's data; resumes after the last
 * event on reconnect, and calls onExpired (refetch, hence a fresh cursor)
 * when the cursor expired.
 */
export function useTicketEvents(opts: {
  eventCursor: string | null | undefined;
  ticketID?: string | null;
  onEvent: (e: TicketEvent) => void;
  onExpired: () => void;
}) {
  const onEvent = useRef(opts.onEvent);
  const onExpired = useRef(opts.onExpired);
  onEvent.current = opts.onEvent;
  onExpired.current = opts.onExpired;
  const [result] = useSubscription(
    {
      query: TicketEventsSubscriptionDoc,
      variables: { ticketID: opts.ticketID ?? null, after: opts.eventCursor ?? null },
      pause: !opts.eventCursor,
    },
    (_prev: unknown, data: TicketEventsSubscription) => {
      onEvent.current(data.ticketUpdated);
      return data;
    },
  );
  const expired = isCursorExpired(result.error);
  useEffect(() => {
    if (expired) onExpired.current();
  }, [expired]);
}
