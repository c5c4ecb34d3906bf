import { useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { AnnouncementCategory, PolicyAction } from "../gql/graphql";
import { useAnnouncementEvents, type AnnouncementEvent } from "../live/useAnnouncementEvents";
import { Empty, ErrorMessage } from "./States";
import { formatTime } from "../format";
import { AcknowledgeButton } from "./AcknowledgeButton";

export const CATEGORIES: AnnouncementCategory[] = ["NEWS", "MARKET", "PROMOTION", "OPERATIONS"];

// eventCursor is read with the lists: subscribing after it misses nothing
// published in between.
export const HomeUpdatesQuery = graphql(`
  query HomeUpdates($category: AnnouncementCategory) {
    eventCursor
    toAcknowledge: policies(first: 10) {
      totalCount
      edges {
        node {
          id
          kind
          title
          version
          effectiveFrom
          needsAcknowledgement
          acknowledgedAt
        }
      }
    }
    announcements(first: 10, where: { category: $category }) {
      totalCount
      edges {
        node {
          id
          title
          body
          category
          pinned
          publishedAt
          readAt
        }
      }
    }
  }
`);

type LivePolicy = { key: string; id: string; title: string; action: PolicyAction };

function isCategory(s: string | null): s is AnnouncementCategory {
  return !!s && (CATEGORIES as string[]).includes(s);
}

/**
 * What is new for a dealer: policies it still has to acknowledge, policy
 * news as it happens, and the latest announcements by category.
 */
export function HomeUpdates() {
  const { t, i18n } = useTranslation();
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const category = isCategory(params.get("category")) ? (params.get("category") as AnnouncementCategory) : null;
  const [{ data, error }, refetch] = useQuery({ query: HomeUpdatesQuery, variables: { category } });
  const [live, setLive] = useState<LivePolicy[]>([]);
  const reload = () => refetch({ requestPolicy: "network-only" });

  useAnnouncementEvents({
    eventCursor: data?.eventCursor,
    onEvent: (e: AnnouncementEvent) => {
      if (e.policy) {
        const p = e.policy;
        setLive((prev) =>
          prev.some((x) => x.key === e.cursor)
            ? prev
            : [{ key: e.cursor, id: p.id, title: p.title, action: e.action }, ...prev].slice(0, 5),
        );
      }
      reload();
    },
    onExpired: reload,
  });

  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />;
  const pending = (data?.toAcknowledge.edges ?? []).flatMap((e) => (e?.node?.needsAcknowledgement ? [e.node] : []));
  const announcements = (data?.announcements.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  return (
    <>
      <section aria-labelledby="home-policies" className="home-policies">
        <h2 id="home-policies">{t("policies.toAcknowledge")}</h2>
        <p className="live-note" role="status" aria-live="polite" aria-atomic="true">
          {live[0] ? t(`policies.live.${live[0].action}`, { title: live[0].title }) : ""}
        </p>
        {live.length > 0 && (
          <ul className="policy-updates">
            {live.map((p) => (
              <li key={p.key} className="live-changed" data-policy={p.title}>
                <span className="badge">{t(`policies.action.${p.action}`)}</span>{" "}
                <Link to={`/policies/${encodeURIComponent(p.id)}`}>{p.title}</Link>
              </li>
            ))}
          </ul>
        )}
        {data && !pending.length ? (
          <Empty>{t("policies.allAcknowledged")}</Empty>
        ) : (
          <ul className="cards pending-policies">
            {pending.map((p) => (
              <li key={p.id} className="card" data-policy={p.title}>
                <p className="card-title">
                  <Link to={`/policies/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                </p>
                <p className="muted">
                  {t(`policyKind.${p.kind}`)} · {t("policies.versionN", { version: p.version })} ·{" "}
                  {t("policies.effectiveFrom", { date: p.effectiveFrom })}
                </p>
                <AcknowledgeButton policyID={p.id} />
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/policies">{t("policies.all")}</Link>
        </p>
      </section>

      <section aria-labelledby="home-announcements">
        <h2 id="home-announcements">{t("announcements.title")}</h2>
        <div className="filter">
          <label htmlFor={filterId}>{t("announcements.filterCategory")}</label>
          <select
            id={filterId}
            value={category ?? ""}
            onChange={(e) => setParams(e.target.value ? { category: e.target.value } : {})}
          >
            <option value="">{t("announcements.allCategories")}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`announcementCategory.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {data && !announcements.length ? (
          <Empty>{t("announcements.empty")}</Empty>
        ) : (
          <ul className="cards announcements">
            {announcements.map((a) => (
              <li key={a.id} className="card" data-category={a.category}>
                <p className="card-title">
                  {a.title} <span className={`badge badge-category-${a.category.toLowerCase()}`}>{t(`announcementCategory.${a.category}`)}</span>
                  {a.pinned && <span className="badge badge-primary">{t("announcements.pinned")}</span>}
                </p>
                <p className="muted">{formatTime(a.publishedAt, i18n.language)}</p>
                <p className="announcement-body">{a.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
