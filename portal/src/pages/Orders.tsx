import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { OrderStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { CreditHoldBadge, LiveRegion, OrderStatusBadge } from "../components/OrderBadges";
import { OrderActions } from "../components/OrderActions";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { isMarked } from "../live/highlight";
import { useLiveHighlight, useOrderEvents, type OrderEvent } from "../live/useOrderEvents";
import { formatMoney, formatTime } from "../format";

const PAGE_SIZE = 20;

export const ORDER_STATUSES: OrderStatus[] = [
  "SUBMITTED",
  "CONFIRMED",
  "IN_FULFILLMENT",
  "SHIPPED",
  "PARTIALLY_DELIVERED",
  "DELIVERED",
  "REJECTED",
  "CANCELLED",
];

// eventCursor is read in the same request as the orders: subscribing after
// it misses nothing that changes between the two.
export const OrdersQuery = graphql(`
  query Orders($where: OrderWhereInput, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    eventCursor
    orders(where: $where, first: $first, after: $after, last: $last, before: $before) {
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
          status
          creditHold
          allowedTransitions
          canReleaseCreditHold
          version
          total
          placedAt
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

function isStatus(s: string | null): s is OrderStatus {
  return !!s && (ORDER_STATUSES as string[]).includes(s);
}

/**
 * A dealer's orders board, or the order desk of a manager or administrator
 * (its dealers' orders, with the moves it may make). Newest first, filtered
 * by status, and live: a status change shows at once, highlighted and
 * announced; an order the page does not show yet (just placed, or now
 * matching the filter) makes it reload the list.
 */
export function Orders() {
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const title = staff ? t("orders.deskTitle") : t("orders.title");
  usePageTitle(title);
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const status = isStatus(params.get("status")) ? (params.get("status") as OrderStatus) : null;
  const after = params.get("after");
  const before = params.get("before");
  const variables = {
    where: status ? { status } : null,
    ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }),
  };
  const [{ data, error, fetching }, refetch] = useQuery({ query: OrdersQuery, variables });
  const orders = data?.orders;
  const shown = new Map((orders?.edges ?? []).flatMap((e) => (e?.node ? [[e.node.id, e.node]] : [])));
  const { state: highlight, mark } = useLiveHighlight();
  const reload = () => refetch({ requestPolicy: "network-only" });

  useOrderEvents({
    eventCursor: data?.eventCursor,
    onEvent: (e: OrderEvent) => {
      mark(e);
      // The cache has updated a shown order already; anything else changes the list.
      const order = shown.get(e.order.id);
      if (!order || (status && e.to !== status)) reload();
    },
    onExpired: reload,
  });

  const setPage = (p: { after?: string; before?: string }) => {
    const next: Record<string, string> = {};
    if (status) next.status = status;
    if (p.after) next.after = p.after;
    if (p.before) next.before = p.before;
    setParams(next);
  };

  return (
    <section aria-labelledby="orders-title">
      <div className="page-head">
        <h1 id="orders-title">{title}</h1>
        {!staff && (
          <Link className="button button-primary" to="/catalogue">
            {t("orders.newOrder")}
          </Link>
        )}
      </div>
      <p className="lead">{staff ? t("orders.deskIntro") : t("orders.intro")}</p>
      <div className="filter">
        <label htmlFor={filterId}>{t("orders.filterStatus")}</label>
        <select
          id={filterId}
          value={status ?? ""}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}
        >
          <option value="">{t("orders.allStatuses")}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`orderStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <LiveRegion state={highlight} />
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !orders || orders.totalCount === 0 ? (
        <Empty>{t("orders.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("orders.count", { count: orders.totalCount })}</p>
          <table className="table orders-table">
            <thead>
              <tr>
                <th scope="col">{t("orders.number")}</th>
                {staff && <th scope="col">{t("orders.dealer")}</th>}
                <th scope="col">{t("orders.placedAt")}</th>
                <th scope="col">{t("orders.status")}</th>
                <th scope="col" className="num">
                  {t("orders.total")}
                </th>
                {staff && <th scope="col">{t("orders.version")}</th>}
                {staff && <th scope="col">{t("orders.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {orders.edges?.map((edge) => {
                const o = edge?.node;
                if (!o) return null;
                return (
                  <tr key={o.id} data-order={o.number} className={isMarked(highlight, o.id) ? "live-changed" : undefined}>
                    <th scope="row" data-label={t("orders.number")} className="mono">
                      <Link to={`/orders/${encodeURIComponent(o.id)}`}>{o.number}</Link>
                    </th>
                    {staff && <td data-label={t("orders.dealer")}>{o.dealer.name}</td>}
                    <td data-label={t("orders.placedAt")}>{formatTime(o.placedAt, i18n.language)}</td>
                    <td data-label={t("orders.status")} className="order-status">
                      <OrderStatusBadge status={o.status} /> {o.creditHold && <CreditHoldBadge />}
                    </td>
                    <td data-label={t("orders.total")} className="num money">
                      {formatMoney(o.total, i18n.language)}
                    </td>
                    {staff && (
                      <td data-label={t("orders.version")} className="num">
                        {o.version}
                      </td>
                    )}
                    {staff && (
                      <td data-label={t("orders.actions")}>
                        <OrderActions order={o} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager pageInfo={orders.pageInfo} onPage={setPage} />
        </>
      )}
    </section>
  );
}
