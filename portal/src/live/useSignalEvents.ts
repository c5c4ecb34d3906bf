import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../gql";
import type { SignalEventsSubscription } from "../gql/graphql";
import { isCursorExpired } from "./cursor";

// A signal raised, withdrawn or resolved: the signal as it is now, so the
// normalised cache updates every row that shows it.
export const SignalEventsSubscriptionDoc = graphql(`
  subscription SignalEvents($after: String) {
    signalRaised(after: $after) {
      cursor
      status
      at
      signal {
        ...SignalFields
      }
    }
  }
`);

export type SignalEvent = SignalEventsSubscription["signalRaised"];

/**
 * Subscribes to the signals the viewer may see after eventCursor, read with
 * the page's data; resumes after the last event on reconnect (over the
 * client's one websocket, which ends the session on 4403), and calls
 * onExpired (a refetch, hence a fresh cursor) when the cursor expired.
 */
export function useSignalEvents(opts: {
  eventCursor: string | null | undefined;
  onEvent: (e: SignalEvent) => void;
  onExpired: () => void;
}) {
  const onEvent = useRef(opts.onEvent);
  const onExpired = useRef(opts.onExpired);
  onEvent.current = opts.onEvent;
  onExpired.current = opts.onExpired;
  const [result] = useSubscription(
    {
      query: SignalEventsSubscriptionDoc,
      variables: { after: opts.eventCursor ?? null },
      pause: !opts.eventCursor,
    },
    (_prev: unknown, data: SignalEventsSubscription) => {
      onEvent.current(data.signalRaised);
      return data;
    },
  );
  const expired = isCursorExpired(result.error);
  useEffect(() => {
    if (expired) onExpired.current();
  }, [expired]);
}
