import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../gql";
import type { AnnouncementEventsSubscription } from "../gql/graphql";
import { isCursorExpired } from "./cursor";

// An announcement, or a policy published, amended, withdrawn or re-sent to
// the viewer: the policy as it is now, so the cache updates every page that
// shows it.
export const AnnouncementEventsSubscriptionDoc = graphql(`
  subscription AnnouncementEvents($after: String) {
    announcementPublished(after: $after) {
      cursor
      action
      at
      announcement {
        id
        title
        category
        publishedAt
      }
      policy {
        id
        kind
        title
        version
        status
        needsAcknowledgement
        acknowledgedAt
      }
    }
  }
`);

export type AnnouncementEvent = AnnouncementEventsSubscription["announcementPublished"];

/**
 * Subscribes to announcements and policy events after eventCursor, read
 * with the page's data; resumes after the last event on reconnect, and calls
 * onExpired (a refetch, hence a fresh cursor) when the cursor expired.
 */
export function useAnnouncementEvents(opts: {
  eventCursor: string | null | undefined;
  onEvent: (e: AnnouncementEvent) => void;
  onExpired: () => void;
}) {
  const onEvent = useRef(opts.onEvent);
  const onExpired = useRef(opts.onExpired);
  onEvent.current = opts.onEvent;
  onExpired.current = opts.onExpired;
  const [result] = useSubscription(
    {
      query: AnnouncementEventsSubscriptionDoc,
      variables: { after: opts.eventCursor ?? null },
      pause: !opts.eventCursor,
    },
    (_prev: unknown, data: AnnouncementEventsSubscription) => {
      onEvent.current(data.announcementPublished);
      return data;
    },
  );
  const expired = isCursorExpired(result.error);
  useEffect(() => {
    if (expired) onExpired.current();
  }, [expired]);
}
