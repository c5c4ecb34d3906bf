import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import type { ReturnStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatMoney, formatTime } from "../format";
import { DESK_STATUSES, RETURN_STATUSES, ReturnsQuery } from "./ops";
import { useReturnEvents } from "./useReturnEvents";

const PAGE_SIZE = 20;

function isStatus(s: string | null): s is ReturnStatus {
  return !!s && (RETURN_STATUSES as readonly string[]).includes(s);
}

/**
 * A dealer's returns, or the return desk of a manager or administrator:
 * the newest first, brought up to date live. The desk shows what waits for
 * staff (requested and approved) unless a status or "all" is chosen.
 */
export function Returns() {
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const title = staff ? t("returns.deskTitle") : t("returns.title");
  usePageTitle(title);
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const chosen = params.get("status");
  const status = isStatus(chosen) ? chosen : null;
  // The desk opens on the returns waiting for staff; "all" lifts it.
  const statuses: ReturnStatus[] | null = status ? [status] : staff && chosen !== "all" ? [...DESK_STATUSES] : null;
  const after = params.get("after");
  const before = params.get("before");
  const variables = { statuses, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }) };
  const [{ data, error, fetching }, refetch] = useQuery({ query: ReturnsQuery, variables });
  const reload = () => refetch({ requestPolicy: "network-only" });
  // Any return event may add to the list or move one out of the desk.
  useReturnEvents({ eventCursor: data?.eventCursor, onEvent: reload, onExpired: reload });
  const returns = data?.salesReturns;

  const setPage = (p: { after?: string; before?: string }) => {
    const next: Record<string, string> = {};
    if (chosen) next.status = chosen;
    if (p.after) next.after = p.after;
    if (p.before) next.before = p.before;
    setParams(next);
  };

  return (
    <section aria-labelledby="returns-title">
      <div className="page-head">
        <h1 id="returns-title">{title}</h1>
      </div>
      <p className="lead">{staff ? t("returns.deskIntro") : t("returns.intro")}</p>
      <div className="filter">
        <label htmlFor={filterId}>{t("returns.filterStatus")}</label>
        <select
          id={filterId}
          value={status ?? (staff && chosen !== "all" ? "" : "all")}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}
        >
          {staff && <option value="">{t("returns.waiting")}</option>}
          <option value="all">{t("returns.allStatuses")}</option>
          {RETURN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`returnStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !returns || returns.totalCount === 0 ? (
        <Empty>{staff ? t("returns.deskEmpty") : t("returns.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("returns.count", { count: returns.totalCount })}</p>
          <table className="table returns-table">
            <thead>
              <tr>
                <th scope="col">{t("returns.number")}</th>
                <th scope="col">{t("returns.order")}</th>
                {staff && <th scope="col">{t("returns.dealer")}</th>}
                <th scope="col">{t("returns.reason")}</th>
                <th scope="col">{t("returns.status")}</th>
                <th scope="col">{t("returns.requestedAt")}</th>
                <th scope="col" className="num">
                  {t("returns.units")}
                </th>
                <th scope="col" className="num">
                  {t("returns.credited")}
                </th>
              </tr>
            </thead>
            <tbody>
              {returns.edges?.map((edge) => {
                const r = edge?.node;
                if (!r) return null;
                const units = (r.lines ?? []).reduce((n, l) => n + l.quantity, 0);
                return (
                  <tr key={r.id} data-return={r.number} data-status={r.status}>
                    <th scope="row" data-label={t("returns.number")} className="mono">
                      <Link to={`/returns/${encodeURIComponent(r.id)}`}>{r.number}</Link>
                    </th>
                    <td data-label={t("returns.order")} className="mono">
                      {r.order.number}
                    </td>
                    {staff && <td data-label={t("returns.dealer")}>{r.dealer.name}</td>}
                    <td data-label={t("returns.reason")}>{t(`returnReason.${r.reason}`)}</td>
                    <td data-label={t("returns.status")}>
                      <ReturnStatusBadge status={r.status} />
                    </td>
                    <td data-label={t("returns.requestedAt")}>{formatTime(r.requestedAt, i18n.language)}</td>
                    <td data-label={t("returns.units")} className="num">
                      {units}
                    </td>
                    <td data-label={t("returns.credited")} className="num money">
                      {r.creditedAmount != null ? formatMoney(r.creditedAmount, i18n.language) : "—"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager pageInfo={returns.pageInfo} onPage={setPage} />
        </>
      )}
    </section>
  );
}

export function ReturnStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-return-${status.toLowerCase()}`} data-return-status={status}>
      {t(`returnStatus.${status}`)}
    </span>
  );
}
