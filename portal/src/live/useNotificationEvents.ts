import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../gql";
import type { NotificationEventsSubscription } from "../gql/graphql";
import { isCursorExpired } from "./cursor";

// A notification added to the viewer's inbox, with the unread count after it.
export const NotificationEventsSubscriptionDoc = graphql(`
  subscription NotificationEvents($after: String) {
    notificationAdded(after: $after) {
      cursor
      unreadCount
      notification {
        ...NotificationFields
      }
    }
  }
`);

export type NotificationEvent = NotificationEventsSubscription["notificationAdded"];

/**
 * Subscribes to the viewer's own notifications after eventCursor, read
 * with the page's data; resumes after the last event on reconnect, and
 * calls onExpired (a refetch, hence a fresh cursor) when the cursor expired.
 */
export function useNotificationEvents(opts: {
  eventCursor: string | null | undefined;
  onEvent: (e: NotificationEvent) => void;
  onExpired: () => void;
}) {
  const onEvent = useRef(opts.onEvent);
  const onExpired = useRef(opts.onExpired);
  onEvent.current = opts.onEvent;
  onExpired.current = opts.onExpired;
  const [result] = useSubscription(
    {
      query: NotificationEventsSubscriptionDoc,
      variables: { after: opts.eventCursor ?? null },
      pause: !opts.eventCursor,
    },
    (_prev: unknown, data: NotificationEventsSubscription) => {
      onEvent.current(data.notificationAdded);
      return data;
    },
  );
  const expired = isCursorExpired(result.error);
  useEffect(() => {
    if (expired) onExpired.current();
  }, [expired]);
}
