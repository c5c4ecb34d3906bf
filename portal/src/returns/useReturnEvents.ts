import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import type { ReturnEventsSubscription as ReturnEventsData } from "../gql/graphql";
import { isCursorExpired } from "../live/cursor";
import { ReturnEventsSubscription } from "./ops";

export type ReturnEvent = ReturnEventsData["returnUpdated"];

/**
 * Subscribes to the events of one return (or of all the viewer may see)
 * after eventCursor, read with the page's data; resumes after the last
 * event on reconnect, and calls onExpired (refetch, hence a fresh cursor)
 * when the cursor expired.
 */
export function useReturnEvents(opts: {
  eventCursor: string | null | undefined;
  returnID?: string | null;
  onEvent: (e: ReturnEvent) => void;
  onExpired: () => void;
}) {
  const onEvent = useRef(opts.onEvent);
  const onExpired = useRef(opts.onExpired);
  onEvent.current = opts.onEvent;
  onExpired.current = opts.onExpired;
  const [result] = useSubscription(
    {
      query: ReturnEventsSubscription,
      variables: { returnID: opts.returnID ?? null, after: opts.eventCursor ?? null },
      pause: !opts.eventCursor,
    },
    (_prev: unknown, data: ReturnEventsData) => {
      onEvent.current(data.returnUpdated);
      return data;
    },
  );
  const expired = isCursorExpired(result.error);
  useEffect(() => {
    if (expired) onExpired.current();
  }, [expired]);
}
