import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { TicketStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { useTicketEvents } from "../live/useTicketEvents";
import { TICKET_STATUSES } from "../relationship/ticketFields";
import { formatTime } from "../format";

const PAGE_SIZE = 20;

// eventCursor is read with the list: subscribing after it misses nothing.
export const TicketsQuery = graphql(`
  query Tickets($status: TicketStatus, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    eventCursor
    serviceTickets(status: $status, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          number
          subject
          category
          status
          lastActivityAt
          replyCount
          dealer {
            id
            code
            name
          }
        }
      }
    }
  }
`);

function isStatus(s: string | null): s is TicketStatus {
  return !!s && (TICKET_STATUSES as readonly string[]).includes(s);
}

/**
 * A dealer's service requests, or the ticket queue of a manager or
 * administrator (their dealers' tickets): the most recently active first,
 * filtered by status, and brought up to date as tickets are opened and
 * answered.
 */
export function Tickets() {
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const title = staff ? t("tickets.queueTitle") : t("tickets.title");
  usePageTitle(title);
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const status = isStatus(params.get("status")) ? (params.get("status") as TicketStatus) : null;
  const after = params.get("after");
  const before = params.get("before");
  const variables = { status, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }) };
  const [{ data, error, fetching }, refetch] = useQuery({ query: TicketsQuery, variables });
  const reload = () => refetch({ requestPolicy: "network-only" });
  // Any ticket event may reorder the list (most recently active first).
  useTicketEvents({ eventCursor: data?.eventCursor, onEvent: reload, onExpired: reload });
  const tickets = data?.serviceTickets;

  const setPage = (p: { after?: string; before?: string }) => {
    const next: Record<string, string> = {};
    if (status) next.status = status;
    if (p.after) next.after = p.after;
    if (p.before) next.before = p.before;
    setParams(next);
  };

  return (
    <section aria-labelledby="tickets-title">
      <div className="page-head">
        <h1 id="tickets-title">{title}</h1>
        {!staff && (
          <Link className="button button-primary" to="/tickets/new" data-link="new-ticket">
            {t("tickets.new")}
          </Link>
        )}
      </div>
      <p className="lead">{staff ? t("tickets.queueIntro") : t("tickets.intro")}</p>
      <div className="filter">
        <label htmlFor={filterId}>{t("tickets.filterStatus")}</label>
        <select id={filterId} value={status ?? ""} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
          <option value="">{t("tickets.allStatuses")}</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`ticketStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !tickets || tickets.totalCount === 0 ? (
        <Empty>{t("tickets.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("tickets.count", { count: tickets.totalCount })}</p>
          <table className="table tickets-table">
            <thead>
              <tr>
                <th scope="col">{t("tickets.number")}</th>
                <th scope="col">{t("tickets.subject")}</th>
                {staff && <th scope="col">{t("tickets.dealer")}</th>}
                <th scope="col">{t("tickets.category")}</th>
                <th scope="col">{t("tickets.status")}</th>
                <th scope="col">{t("tickets.lastActivity")}</th>
                <th scope="col" className="num">
                  {t("tickets.replies")}
                </th>
              </tr>
            </thead>
            <tbody>
              {tickets.edges?.map((edge) => {
                const x = edge?.node;
                if (!x) return null;
                return (
                  <tr key={x.id} data-ticket={x.number}>
                    <td data-label={t("tickets.number")} className="mono">
                      {x.number}
                    </td>
                    <th scope="row" data-label={t("tickets.subject")}>
                      <Link to={`/tickets/${encodeURIComponent(x.id)}`}>{x.subject}</Link>
                    </th>
                    {staff && <td data-label={t("tickets.dealer")}>{x.dealer.name}</td>}
                    <td data-label={t("tickets.category")}>{t(`ticketCategory.${x.category}`)}</td>
                    <td data-label={t("tickets.status")}>
                      <TicketStatusBadge status={x.status} />
                    </td>
                    <td data-label={t("tickets.lastActivity")}>{formatTime(x.lastActivityAt, i18n.language)}</td>
                    <td data-label={t("tickets.replies")} className="num">
                      {x.replyCount}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager pageInfo={tickets.pageInfo} onPage={setPage} />
        </>
      )}
    </section>
  );
}

export function TicketStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-ticket-${status.toLowerCase()}`}>{t(`ticketStatus.${status}`)}</span>;
}
