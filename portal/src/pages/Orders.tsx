import { useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
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
import { describe, refusal } from "../errors";
import { ConfirmOrdersMutation, DeskOptionsQuery } from "../desk/ops";
import { ORDER_STATUSES, deskWhere, readDesk, writeDesk, type DeskFilters } from "../desk/params";
import { choose, confirmInput, confirmable, outcomes, type Chosen, type Outcome } from "../desk/bulk";

const PAGE_SIZE = 20;

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
          requestedDeliveryDate
          purchaseOrderReference
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

/**
 * A dealer's orders board, or the order desk of a manager or administrator
 * (its dealers' orders, with the moves it may make, and several submitted
 * orders confirmed at once). Newest first, filtered by status, dealer,
 * dates, number and credit hold (kept in the URL), and live: a status
 * change shows at once, highlighted and announced; an order the page does
 * not show yet (just placed, or now matching the filter) makes it reload.
 */
export function Orders() {
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const title = staff ? t("orders.deskTitle") : t("orders.title");
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const filters = readDesk(params);
  const [{ data: options }] = useQuery({ query: DeskOptionsQuery, variables: { staff } });
  const timeZone = options?.settings.timezone;
  const dated = !!(filters.from || filters.to);
  const after = params.get("after");
  const before = params.get("before");
  const variables = {
    where: deskWhere(filters, timeZone ?? "UTC"),
    ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }),
  };
  // Dates mean days of the business time zone: wait for it rather than guess.
  const [{ data, error, fetching }, refetch] = useQuery({ query: OrdersQuery, variables, pause: dated && !timeZone });
  const orders = data?.orders;
  const rows = (orders?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const shown = new Map(rows.map((o) => [o.id, o]));
  const { state: highlight, mark } = useLiveHighlight();
  const reload = () => refetch({ requestPolicy: "network-only" });

  const [chosen, setChosen] = useState<Chosen>(new Map());
  const [results, setResults] = useState<Map<string, Outcome>>(new Map());
  const [bulk, confirmOrders] = useMutation(ConfirmOrdersMutation);
  const [bulkProblem, setBulkProblem] = useState("");

  useOrderEvents({
    eventCursor: data?.eventCursor,
    onEvent: (e: OrderEvent) => {
      mark(e);
      // The cache has updated a shown order already; anything else changes the list.
      const order = shown.get(e.order.id);
      if (!order || (filters.status && e.to !== filters.status)) reload();
    },
    onExpired: reload,
  });

  const setFilters = (next: DeskFilters) => {
    setChosen(new Map());
    setResults(new Map());
    setParams(writeDesk(next));
  };
  const setPage = (p: { after?: string; before?: string }) => {
    setChosen(new Map());
    setParams(writeDesk(filters, p));
  };
  const choosable = staff ? rows.filter(confirmable) : [];
  const selecting = staff && (choosable.length > 0 || chosen.size > 0);
  const toSend = confirmInput(chosen);
  const toggle = (o: (typeof rows)[number], on: boolean) => setChosen((cur) => choose(cur, o, on));

  const confirmChosen = async () => {
    if (!toSend.length || bulk.fetching) return;
    setBulkProblem("");
    const res = await confirmOrders({ orders: toSend });
    if (res.error || !res.data) {
      setBulkProblem(refusal(t, res.error, "orders.refused"));
      return;
    }
    const got = outcomes(chosen, res.data.confirmOrders);
    setResults(got);
    setChosen(new Map());
  };
  const confirmedCount = [...results.values()].filter((r) => r.ok).length;
  const refusedCount = results.size - confirmedCount;

  return (
    <section aria-labelledby="orders-title" className={staff ? "order-desk" : "order-board"}>
      <div className="page-head">
        <h1 id="orders-title">{title}</h1>
        {!staff && (
          <Link className="button button-primary" to="/catalogue">
            {t("orders.newOrder")}
          </Link>
        )}
      </div>
      <p className="lead">{staff ? t("orders.deskIntro") : t("orders.intro")}</p>
      <DeskFilterForm
        filters={filters}
        dealers={options?.dealers?.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? null}
        onChange={setFilters}
      />
      <LiveRegion state={highlight} />
      {bulkProblem && (
        <p className="field-error" role="alert">
          {bulkProblem}
        </p>
      )}
      {results.size > 0 && (
        <div className="desk-results" role="status" aria-live="polite" data-confirmed={confirmedCount} data-refused={refusedCount}>
          <p>{t("desk.results", { confirmed: confirmedCount, refused: refusedCount })}</p>
          <ul>
            {[...results.values()].map((r) => (
              <li key={r.number} data-order={r.number}>
                <span className="mono">{r.number}</span> <BulkOutcome outcome={r} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !orders || orders.totalCount === 0 ? (
        <Empty>{t("orders.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("orders.count", { count: orders.totalCount })}</p>
          {selecting && (
            <div className="desk-bulk" role="group" aria-label={t("desk.bulkLabel")}>
              <label className="check">
                <input
                  type="checkbox"
                  data-select="all"
                  checked={choosable.length > 0 && choosable.every((o) => chosen.has(o.id))}
                  onChange={(e) =>
                    setChosen(e.target.checked ? new Map(choosable.map((o) => [o.id, { number: o.number, version: o.version }])) : new Map())
                  }
                />{" "}
                {t("desk.selectAll")}
              </label>
              <button
                type="button"
                className="button button-primary"
                data-action="confirm-selected"
                disabled={!toSend.length || bulk.fetching}
                onClick={confirmChosen}
              >
                {bulk.fetching ? t("orders.sending") : t("desk.confirmSelected", { count: toSend.length })}
              </button>
            </div>
          )}
          <div className="table-scroll" role="region" aria-label={title} tabIndex={0}>
            <table className="table orders-table">
              <thead>
                <tr>
                  {selecting && (
                    <th scope="col" className="desk-select">
                      <span className="visually-hidden">{t("desk.select")}</span>
                    </th>
                  )}
                  <th scope="col">{t("orders.number")}</th>
                  {staff && <th scope="col">{t("orders.dealer")}</th>}
                  <th scope="col">{t("orders.placedAt")}</th>
                  <th scope="col">{t("orders.status")}</th>
                  <th scope="col" className="num">
                    {t("orders.total")}
                  </th>
                  <th scope="col">{t("orders.reference")}</th>
                  {staff && <th scope="col">{t("orders.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((o) => {
                  const result = results.get(o.id);
                  return (
                    <tr key={o.id} data-order={o.number} className={isMarked(highlight, o.id) ? "live-changed" : undefined}>
                      {selecting && (
                        <td className="desk-select">
                          {(confirmable(o) || chosen.has(o.id)) && (
                            <input
                              type="checkbox"
                              data-select={o.number}
                              aria-label={t("desk.selectOrder", { number: o.number })}
                              checked={chosen.has(o.id)}
                              onChange={(e) => toggle(o, e.target.checked)}
                            />
                          )}
                        </td>
                      )}
                      <th scope="row" data-label={t("orders.number")} className="mono nowrap">
                        <Link to={`/orders/${encodeURIComponent(o.id)}`}>{o.number}</Link>
                      </th>
                      {staff && <td data-label={t("orders.dealer")}>{o.dealer.name}</td>}
                      <td data-label={t("orders.placedAt")} className="nowrap">
                        {formatTime(o.placedAt, i18n.language)}
                      </td>
                      <td data-label={t("orders.status")} className="order-status">
                        <OrderStatusBadge status={o.status} /> {o.creditHold && <CreditHoldBadge />}
                        {result && <BulkOutcome outcome={result} />}
                      </td>
                      <td data-label={t("orders.total")} className="num money nowrap">
                        {formatMoney(o.total, i18n.language)}
                      </td>
                      <td data-label={t("orders.reference")} className="mono nowrap">
                        {o.purchaseOrderReference ?? ""}
                      </td>
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
          </div>
          <Pager pageInfo={orders.pageInfo} onPage={setPage} />
        </>
      )}
    </section>
  );
}

/** What became of one order of a bulk confirmation, in the reader's words. */
function BulkOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome.ok)
    return (
      <span className="desk-outcome desk-outcome-ok" data-outcome="confirmed">
        {t("desk.confirmed")}
      </span>
    );
  return (
    <span className="desk-outcome desk-outcome-refused field-error" data-outcome={outcome.code}>
      {describe(t, { code: outcome.code, field: "" }, "orders.refused")}
    </span>
  );
}

type DealerOption = { id: string; code: string; name: string };

function DeskFilterForm({
  filters,
  dealers,
  onChange,
}: {
  filters: DeskFilters;
  dealers: DealerOption[] | null;
  onChange: (f: DeskFilters) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [number, setNumber] = useState(filters.number);
  const set = (patch: Partial<DeskFilters>) => onChange({ ...filters, ...patch });
  return (
    <form
      className="filter desk-filters"
      role="search"
      aria-label={t("desk.filters")}
      onSubmit={(e) => {
        e.preventDefault();
        set({ number: number.trim() });
      }}
    >
      <div className="desk-filter">
        <label htmlFor={`${id}-status`}>{t("orders.filterStatus")}</label>
        <select
          id={`${id}-status`}
          data-filter="status"
          value={filters.status ?? ""}
          onChange={(e) => set({ status: (e.target.value || null) as OrderStatus | null })}
        >
          <option value="">{t("orders.allStatuses")}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`orderStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {dealers && (
        <div className="desk-filter">
          <label htmlFor={`${id}-dealer`}>{t("orders.dealer")}</label>
          <select id={`${id}-dealer`} data-filter="dealer" value={filters.dealer} onChange={(e) => set({ dealer: e.target.value })}>
            <option value="">{t("desk.allDealers")}</option>
            {dealers.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.code})
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="desk-filter">
        <label htmlFor={`${id}-from`}>{t("desk.from")}</label>
        <input
          id={`${id}-from`}
          type="date"
          data-filter="from"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => set({ from: e.target.value })}
        />
      </div>
      <div className="desk-filter">
        <label htmlFor={`${id}-to`}>{t("desk.to")}</label>
        <input
          id={`${id}-to`}
          type="date"
          data-filter="to"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => set({ to: e.target.value })}
        />
      </div>
      <div className="desk-filter">
        <label htmlFor={`${id}-hold`}>{t("orders.creditHold")}</label>
        <select
          id={`${id}-hold`}
          data-filter="hold"
          value={filters.hold ?? ""}
          onChange={(e) => set({ hold: (e.target.value || null) as DeskFilters["hold"] })}
        >
          <option value="">{t("desk.holdAny")}</option>
          <option value="held">{t("desk.holdOnly")}</option>
          <option value="clear">{t("desk.holdNone")}</option>
        </select>
      </div>
      <div className="desk-filter">
        <label htmlFor={`${id}-number`}>{t("desk.number")}</label>
        <input
          id={`${id}-number`}
          type="search"
          data-filter="number"
          value={number}
          placeholder="SO-"
          onChange={(e) => setNumber(e.target.value)}
        />
      </div>
      <button type="submit" className="button">
        {t("desk.apply")}
      </button>
    </form>
  );
}
