import { useCallback } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatTime } from "../format";
import { refusal } from "../errors";
import { useNotificationEvents } from "../live/useNotificationEvents";
import { InboxQuery, MarkNotificationsReadMutation } from "./ops";
import { tellUnread } from "./unread";

const PAGE_SIZE = 20;

/**
 * The viewer's notifications, newest first, unread ones marked; an
 * unread-only filter; mark one or all read; each links to its subject.
 * New ones appear as they are added.
 */
export function Inbox() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("notifications.title"));
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const unreadOnly = params.get("unread") === "1";
  const after = params.get("after");
  const [{ data, error, fetching }, refetch] = useQuery({
    query: InboxQuery,
    variables: { unreadOnly, first: PAGE_SIZE, after },
  });
  const reload = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  useNotificationEvents({ eventCursor: data?.eventCursor, onEvent: reload, onExpired: reload });
  const [marking, mark] = useMutation(MarkNotificationsReadMutation);

  const markRead = async (vars: { ids?: string[]; all?: boolean }) => {
    const r = await mark(vars);
    if (r.data) tellUnread(r.data.markNotificationsRead.unreadCount);
    if (!r.error) reload();
  };
  const setUnread = (on: boolean) => {
    const p = new URLSearchParams(params);
    if (on) p.set("unread", "1");
    else p.delete("unread");
    p.delete("after");
    setParams(p);
  };
  const setPage = (page: { after?: string; before?: string }) => {
    const p = new URLSearchParams(params);
    if (page.before) {
      const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
      if (idx > 0) return void navigate(-1);
      p.delete("after");
    } else if (page.after) p.set("after", page.after);
    setParams(p);
  };

  const list = data?.notifications;
  const items = (list?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section aria-labelledby="inbox-title" className="notifications">
      <div className="page-head">
        <h1 id="inbox-title">{t("notifications.title")}</h1>
        <Link className="button" to="/settings" data-link="settings">
          {t("notifications.settingsLink")}
        </Link>
      </div>
      <div className="filter">
        <label>
          <input type="checkbox" name="unreadOnly" checked={unreadOnly} onChange={(e) => setUnread(e.target.checked)} /> {t("notifications.unreadOnly")}
        </label>
        <span className="notifications-count" data-unread-count={list?.unreadCount ?? 0}>
          {t("notifications.unreadCount", { count: list?.unreadCount ?? 0 })}
        </span>
        <button type="button" className="button" data-action="mark-all" disabled={!list?.unreadCount || marking.fetching} onClick={() => markRead({ all: true })}>
          {t("notifications.markAll")}
        </button>
      </div>
      {marking.error && <p className="error" role="alert">{refusal(t, marking.error)}</p>}
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : items.length === 0 ? (
        <Empty>{unreadOnly ? t("notifications.noneUnread") : t("notifications.none")}</Empty>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "notification" : "notification notification-unread"} data-notification={n.id} data-kind={n.kind} data-read={n.readAt ? "true" : "false"}>
              <div className="notification-main">
                <Link to={n.link} onClick={() => !n.readAt && void markRead({ ids: [n.id] })}>
                  {!n.readAt && <span className="visually-hidden">{t("notifications.unread")} </span>}
                  <strong>{n.title}</strong>
                </Link>
                <p>{n.body}</p>
                <time dateTime={n.createdAt}>{formatTime(n.createdAt, i18n.language)}</time>
              </div>
              {!n.readAt && (
                <button type="button" className="button button-quiet" data-action="mark-read" disabled={marking.fetching} onClick={() => markRead({ ids: [n.id] })}>
                  {t("notifications.markRead")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {list && <Pager pageInfo={list.pageInfo} onPage={setPage} />}
    </section>
  );
}
