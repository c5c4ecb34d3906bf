import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { useSignalEvents } from "../live/useSignalEvents";
import { OpenSignalCountQuery } from "./ops";

/**
 * The count of open signals beside the Signals menu item, kept current by
 * the signal events (on the client's one websocket). Nothing while there
 * are none, or while the count cannot be read.
 */
export function OpenSignalsBadge() {
  const { t } = useTranslation();
  const [{ data }, refetch] = useQuery({ query: OpenSignalCountQuery });
  const reload = () => refetch({ requestPolicy: "network-only" });
  useSignalEvents({ eventCursor: data?.eventCursor, onEvent: reload, onExpired: reload });
  const n = data?.signals.totalCount ?? 0;
  if (!n) return null;
  return (
    <span className="nav-badge" data-open-signals={n} aria-label={t("signals.badge", { count: n })}>
      {n}
    </span>
  );
}
