import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { useNotificationEvents } from "../live/useNotificationEvents";
import { UnreadNotificationCountQuery } from "./ops";
import { onUnread } from "./unread";

/**
 * The bell in the header: a link to the inbox with the unread count, kept
 * current by the viewer's notification events (the count each one brings).
 */
export function Bell() {
  const { t } = useTranslation();
  const [{ data }, refetch] = useQuery({ query: UnreadNotificationCountQuery });
  const [live, setLive] = useState<number | null>(null);
  const reload = () => {
    setLive(null);
    refetch({ requestPolicy: "network-only" });
  };
  useEffect(() => onUnread(setLive), []);
  useNotificationEvents({ eventCursor: data?.eventCursor, onEvent: (e) => setLive(e.unreadCount), onExpired: reload });
  const n = live ?? data?.notifications.unreadCount ?? 0;
  return (
    <Link to="/inbox" className="bell" data-unread={n} aria-label={t("notifications.bell", { count: n })} title={t("notifications.bell", { count: n })}>
      <span aria-hidden="true">🔔</span>
      {n > 0 && (
        <span className="nav-badge" aria-hidden="true">
          {n > 99 ? "99+" : n}
        </span>
      )}
    </Link>
  );
}
