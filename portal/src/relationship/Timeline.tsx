import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { TimelineKind } from "../gql/graphql";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { formatTime } from "../format";
import { describeEntry, type Reader, type TimelineSubject } from "./timeline";
import { Attachments } from "../attachments/Attachments";

const PAGE_SIZE = 30;

/** The kinds a reader may filter by; staff see interactions and follow-ups too. */
export const TIMELINE_KINDS: TimelineKind[] = [
  "ORDER_PLACED",
  "ORDER_STATUS",
  "SHIPMENT",
  "INVOICE",
  "PAYMENT",
  "CREDIT_NOTE",
  "ANNOUNCEMENT",
  "TICKET",
  "RETURN",
  "DISPUTE",
  "DEALER_STATUS",
  "POLICY",
  "CONFLICT_CASE",
  "INTERACTION",
  "FOLLOW_UP",
];
const STAFF_ONLY: TimelineKind[] = ["INTERACTION", "FOLLOW_UP"];

export const DealerTimelineQuery = graphql(`
  query DealerTimeline($id: ID!, $first: Int, $after: String, $kinds: [TimelineKind!]) {
    # Through dealers, not node(id): the cache keeps each field's answer by
    # its name and arguments, so a timeline that fails does not blank the
    # dealer's page, which reads node(id).
    dealers(where: { id: $id }, first: 1) {
      edges {
        node {
          id
          timeline(first: $first, after: $after, kinds: $kinds) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              cursor
              node {
                id
                kind
                at
                action
                subject {
                  __typename
                  id
                  ... on Order {
                    number
                  }
                  ... on OrderEvent {
                    to
                    order {
                      id
                      number
                    }
                  }
                  ... on DeliveryEvent {
                    status
                    shipment {
                      id
                      number
                      order {
                        id
                        number
                      }
                    }
                  }
                  ... on Invoice {
                    number
                    amount
                  }
                  ... on Payment {
                    amount
                    reference
                  }
                  ... on CreditNote {
                    number
                    amount
                  }
                  ... on Announcement {
                    title
                  }
                  ... on ServiceTicket {
                    number
                    subject
                  }
                  ... on TicketReply {
                    fromStaff
                    authorName
                    ticket {
                      id
                      number
                      subject
                    }
                  }
                  ... on Interaction {
                    kind
                    subject
                    notes
                    outcome
                    authorName
                    attachments {
                      ...AttachmentFields
                    }
                  }
                  ... on ChannelPolicy {
                    title
                  }
                  ... on SalesReturn {
                    number
                  }
                  ... on InvoiceDispute {
                    number
                    amount
                  }
                  ... on DealerStatusChange {
                    reason
                    effectiveOn
                  }
                  ... on ConflictEvent {
                    conflictTo: to
                    case {
                      id
                      number
                    }
                  }
                  ... on FollowUp {
                    text
                    doneByName
                    interaction {
                      id
                      subject
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

/**
 * A dealer's timeline, newest first, of the chosen kinds. More pages load as
 * the reader scrolls to the end (or presses "Show more"): each page is read
 * after the last entry of the one before, so entries written meanwhile do
 * not shift it. A change of `version` reads it afresh from the top.
 */
export function Timeline({ reader, version = 0 }: { reader: Reader; version?: number }) {
  const { t } = useTranslation();
  const filterId = useId();
  const [kind, setKind] = useState<TimelineKind | "">("");
  const kinds = TIMELINE_KINDS.filter((k) => reader.staff || !STAFF_ONLY.includes(k));
  return (
    <section aria-labelledby="timeline-title" className="timeline">
      <div className="page-head">
        <h2 id="timeline-title">{t("timeline.title")}</h2>
        <div className="filter">
          <label htmlFor={filterId}>{t("timeline.filter")}</label>
          <select id={filterId} value={kind} onChange={(e) => setKind(e.target.value as TimelineKind | "")}>
            <option value="">{t("timeline.allKinds")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`timelineKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TimelinePages key={`${kind}|${version}`} reader={reader} kinds={kind ? [kind] : null} />
    </section>
  );
}

function TimelinePages({ reader, kinds }: { reader: Reader; kinds: TimelineKind[] | null }) {
  // The cursor each loaded page starts after; null is the first page.
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <ol className="timeline-list" aria-live="polite">
      {pages.map((after, i) => (
        <TimelinePage
          key={after ?? ""}
          reader={reader}
          kinds={kinds}
          after={after}
          first={i === 0}
          onMore={i === pages.length - 1 ? (cursor) => setPages((p) => (p.includes(cursor) ? p : [...p, cursor])) : undefined}
        />
      ))}
    </ol>
  );
}

function TimelinePage({
  reader,
  kinds,
  after,
  first,
  onMore,
}: {
  reader: Reader;
  kinds: TimelineKind[] | null;
  after: string | null;
  first: boolean;
  onMore?: (cursor: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DealerTimelineQuery,
    variables: { id: reader.dealerID, first: PAGE_SIZE, after, kinds },
  });
  const dealer = data?.dealers.edges?.[0]?.node;
  const timeline = dealer && "timeline" in dealer ? dealer.timeline : null;
  if (fetching && !data) return <li className="timeline-state">{<Loading />}</li>;
  if (error && !timeline)
    return (
      <li className="timeline-state">
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      </li>
    );
  if (!timeline) return null;
  return (
    <>
      {first && timeline.edges.length === 0 && (
        <li className="timeline-state">
          <Empty>{t("timeline.empty")}</Empty>
        </li>
      )}
      {timeline.edges.map(({ node: e }) => {
        const view = describeEntry(t, { ...e, subject: e.subject as TimelineSubject }, reader, i18n.language);
        return (
          <li key={e.id} className={`timeline-entry timeline-${e.kind.toLowerCase().replace(/_/g, "-")}`} data-kind={e.kind}>
            <time dateTime={e.at}>{formatTime(e.at, i18n.language)}</time>
            <span className="timeline-kind">{t(`timelineKind.${e.kind}`)}</span>
            <p className="timeline-text">{view.link ? <Link to={view.link}>{view.text}</Link> : view.text}</p>
            {view.details?.map((d, i) => (
              <p key={i} className="timeline-details">
                {d}
              </p>
            ))}
            {e.subject?.__typename === "Interaction" && (
              <Attachments compact parentID={e.subject.id} attachments={e.subject.attachments} onChange={() => refetch({ requestPolicy: "network-only" })} />
            )}
          </li>
        );
      })}
      {onMore &&
        (timeline.pageInfo.hasNextPage && timeline.pageInfo.endCursor ? (
          <MoreTrigger onMore={() => onMore(timeline.pageInfo.endCursor!)} />
        ) : (
          !!timeline.edges.length && (
            <li className="timeline-state muted">{t("timeline.end", { count: timeline.totalCount })}</li>
          )
        ))}
    </>
  );
}

/** "Show more", pressed by itself when it scrolls into view. */
function MoreTrigger({ onMore }: { onMore: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLButtonElement>(null);
  const cb = useRef(onMore);
  cb.current = onMore;
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((x) => x.isIntersecting)) {
        observer.disconnect();
        cb.current();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <li className="timeline-state">
      <button ref={ref} type="button" className="button" onClick={() => cb.current()}>
        {t("timeline.more")}
      </button>
    </li>
  );
}
