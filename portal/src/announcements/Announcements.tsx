import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { useViewer } from "../auth/viewer";
import { PolicyBody } from "../components/LazyMarkdown";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { useAnnouncementEvents } from "../live/useAnnouncementEvents";
import { refusal } from "../errors";
import { formatTime } from "../format";

/** How many an inbox page lists: pinned first, then newest first, as the API orders them. */
const PAGE_SIZE = 50;

// eventCursor is read with the list: subscribing after it misses nothing
// published in between.
export const AnnouncementInboxQuery = graphql(`
  query AnnouncementInbox($unreadOnly: Boolean, $first: Int) {
    eventCursor
    announcements(unreadOnly: $unreadOnly, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          body
          category
          pinned
          publishedAt
          publishedByName
          readAt
          readCount
        }
      }
    }
  }
`);

export const MarkAnnouncementReadMutation = graphql(`
  mutation MarkAnnouncementRead($id: ID!) {
    markAnnouncementRead(id: $id) {
      id
      readAt
    }
  }
`);

/**
 * Announcements: a dealer's inbox (pinned first, unread marked, read with one
 * click, new ones arriving live), and for staff the same list with how many
 * dealer users have read each, and a way to publish.
 */
export function Announcements() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("inbox.title"));
  const [{ data: viewer }] = useViewer();
  const staff = !!viewer && viewer.me.role !== "DEALER";
  const [params, setParams] = useSearchParams();
  const unreadOnly = !staff && params.get("unread") === "1";
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AnnouncementInboxQuery,
    variables: { unreadOnly, first: PAGE_SIZE },
  });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const [arrived, setArrived] = useState<string | null>(null);
  const [justArrived, setJustArrived] = useState<Set<string>>(new Set());
  const [mark, markRead] = useMutation(MarkAnnouncementReadMutation);

  useAnnouncementEvents({
    eventCursor: data?.eventCursor,
    onEvent: (e) => {
      if (!e.announcement) return;
      const a = e.announcement;
      setArrived(a.title);
      setJustArrived((prev) => new Set(prev).add(a.id));
      reload();
    },
    onExpired: reload,
  });

  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />;
  const list = (data?.announcements.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const unread = list.filter((a) => !a.readAt).length;

  return (
    <section aria-labelledby="inbox-title" className="announcement-inbox">
      <h1 id="inbox-title">{t("inbox.title")}</h1>
      <p className="live-note" role="status" aria-live="polite" aria-atomic="true">
        {arrived ? t("inbox.arrived", { title: arrived }) : ""}
      </p>
      <div className="actions-row inbox-tools">
        {staff ? (
          <Link className="button button-primary" to="/announcements/new" data-link="publish">
            {t("inbox.publish")}
          </Link>
        ) : (
          <div className="tabs" role="group" aria-label={t("inbox.show")}>
            <button
              type="button"
              className={`button${unreadOnly ? "" : " button-primary"}`}
              aria-pressed={!unreadOnly}
              data-filter="all"
              onClick={() => setParams({})}
            >
              {t("inbox.all")}
            </button>
            <button
              type="button"
              className={`button${unreadOnly ? " button-primary" : ""}`}
              aria-pressed={unreadOnly}
              data-filter="unread"
              onClick={() => setParams({ unread: "1" })}
            >
              {t("inbox.unreadOnly")}
            </button>
          </div>
        )}
      </div>
      {fetching && !data ? (
        <Loading />
      ) : !list.length ? (
        <Empty>{unreadOnly ? t("inbox.noneUnread") : t("inbox.empty")}</Empty>
      ) : (
        <>
          <p className="count" aria-live="polite">
            {staff ? t("inbox.count", { count: data!.announcements.totalCount }) : t("inbox.countUnread", { count: data!.announcements.totalCount, unread })}
          </p>
          {mark.error && (
            <p className="field-error" role="alert">
              {refusal(t, mark.error)}
            </p>
          )}
          <ul className="cards announcements">
            {list.map((a) => (
              <li
                key={a.id}
                id={`a-${a.id}`}
                className={`card announcement${!staff && !a.readAt ? " unread" : ""}${justArrived.has(a.id) ? " live-changed" : ""}`}
                data-announcement={a.title}
                data-category={a.category}
              >
                <p className="card-title">
                  {!staff && !a.readAt && <span className="unread-dot" aria-hidden="true" />}
                  <strong>{a.title}</strong>{" "}
                  <span className={`badge badge-category-${a.category.toLowerCase()}`}>{t(`announcementCategory.${a.category}`)}</span>{" "}
                  {a.pinned && <span className="badge badge-primary">{t("announcements.pinned")}</span>}{" "}
                  {!staff && !a.readAt && <span className="badge badge-unread">{t("inbox.unread")}</span>}
                </p>
                <p className="muted">
                  {formatTime(a.publishedAt, i18n.language)} · {a.publishedByName}
                </p>
                <div className="announcement-body">
                  <PolicyBody source={a.body} />
                </div>
                {staff ? (
                  <p className="read-count" data-read-count={a.readCount ?? 0}>
                    {t("inbox.readCount", { count: a.readCount ?? 0 })}
                  </p>
                ) : a.readAt ? (
                  <p className="muted read-at">{t("inbox.readAt", { when: formatTime(a.readAt, i18n.language) })}</p>
                ) : (
                  <p>
                    <button
                      type="button"
                      className="button"
                      data-action="mark-read"
                      disabled={mark.fetching}
                      onClick={async () => {
                        const r = await markRead({ id: a.id });
                        if (!r.error && unreadOnly) reload();
                      }}
                    >
                      {t("inbox.markRead")}
                    </button>
                  </p>
                )}
              </li>
            ))}
          </ul>
          {data!.announcements.totalCount > list.length && <p className="muted">{t("inbox.more", { count: list.length })}</p>}
        </>
      )}
    </section>
  );
}
