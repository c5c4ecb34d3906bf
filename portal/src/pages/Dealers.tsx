import { useId, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import type { DealerSummaryField } from "../gql/graphql";
import { DealerStatusSummary } from "../components/DealerStatusSummary";
import { SearchForm } from "../components/SearchForm";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { CockpitOptionsQuery, DealerSummariesQuery } from "../cockpit/ops";
import { DEALER_STATUSES, cockpitVariables, readCockpit, sortBy, writeCockpit, type CockpitParams } from "../cockpit/params";
import { localName } from "../i18n/localName";
import { formatMoney, formatTime } from "../format";

const PAGE_SIZE = 20;

/**
 * The manager's cockpit: the dealers it may see with this month's and this
 * year's sales, open and held orders, overdue and last order; sorted and
 * filtered by the server, the view kept in the URL.
 */
export function Dealers() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("dealers.title"));
  const [params, setParams] = useSearchParams();
  const view = readCockpit(params);
  const set = (next: CockpitParams) => setParams(writeCockpit(next));
  const filter = (patch: Partial<CockpitParams>) => set({ ...view, ...patch, after: null });
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DealerSummariesQuery,
    variables: cockpitVariables(view, PAGE_SIZE),
  });
  const list = data?.dealerSummaries;
  const lang = i18n.language;
  const money = (a: string) => formatMoney(a, lang);

  const column = (field: DealerSummaryField | null, label: string, num = false) => (
    <SortHeader key={label} field={field} label={label} num={num} view={view} onSort={(f) => set(sortBy(view, f))} />
  );

  return (
    <section aria-labelledby="dealers-title" className="cockpit">
      <h1 id="dealers-title">{t("dealers.title")}</h1>
      <DealerStatusSummary />
      <SearchForm
        label={t("dealers.search")}
        submitLabel={t("dealers.searchSubmit")}
        value={view.q}
        onSearch={(q) => filter({ q })}
      />
      <CockpitFilters view={view} onChange={filter} />
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !list || list.totalCount === 0 ? (
        <Empty>{t("dealers.empty")}</Empty>
      ) : (
        <>
          <p className="count" aria-live="polite">
            {t("dealers.count", { count: list.totalCount })}
          </p>
          <div className="table-scroll" role="region" aria-label={t("dealers.title")} tabIndex={0}>
            <table className="table cockpit-table">
              <thead>
                <tr>
                  {column("CODE", t("dealers.code"))}
                  {column("NAME", t("dealers.name"))}
                  {column(null, t("dealers.channel"))}
                  {column(null, t("dealers.tier"))}
                  {column(null, t("dealers.status"))}
                  {column("SALES_THIS_MONTH", t("cockpit.salesThisMonth"), true)}
                  {column("SALES_THIS_YEAR", t("cockpit.salesThisYear"), true)}
                  {column("OPEN_ORDERS", t("cockpit.openOrders"), true)}
                  {column("OVERDUE", t("cockpit.overdue"), true)}
                  {column("LAST_ORDER_AT", t("cockpit.lastOrder"))}
                </tr>
              </thead>
              <tbody>
                {list.edges.map(({ node: s }) => {
                  const d = s.dealer;
                  return (
                    <tr key={d.id} data-dealer={d.code}>
                      <td data-label={t("dealers.code")} className="mono nowrap">
                        {d.code}
                      </td>
                      <th scope="row" data-label={t("dealers.name")}>
                        <Link to={`/dealers/${encodeURIComponent(d.id)}`}>{d.name}</Link>
                      </th>
                      <td data-label={t("dealers.channel")}>{localName(d.channel, lang)}</td>
                      <td data-label={t("dealers.tier")} className="nowrap">
                        {t(`tier.${d.tier}`)}
                      </td>
                      <td data-label={t("dealers.status")} className="nowrap">
                        <span className={`badge badge-${d.status.toLowerCase()}`}>{t(`status.${d.status}`)}</span>
                      </td>
                      <td data-label={t("cockpit.salesThisMonth")} className="num money nowrap" data-figure="salesThisMonth">
                        {money(s.salesThisMonth)}
                      </td>
                      <td data-label={t("cockpit.salesThisYear")} className="num money nowrap" data-figure="salesThisYear">
                        {money(s.salesThisYear)}
                      </td>
                      <td data-label={t("cockpit.openOrders")} className="num nowrap" data-figure="openOrders">
                        {s.openOrders}
                        {s.heldOrders > 0 && (
                          <span className="badge badge-hold cockpit-held">{t("cockpit.held", { count: s.heldOrders })}</span>
                        )}
                      </td>
                      <td
                        data-label={t("cockpit.overdue")}
                        className={`num money nowrap${Number(s.overdue) > 0 ? " money-bad" : ""}`}
                        data-figure="overdue"
                      >
                        {money(s.overdue)}
                      </td>
                      <td data-label={t("cockpit.lastOrder")} className="nowrap" data-figure="lastOrderAt">
                        {s.lastOrderAt ? formatTime(s.lastOrderAt, lang) : t("cockpit.noOrders")}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {(view.after || list.pageInfo.hasNextPage) && (
            <nav className="pager" aria-label={t("pager.label")}>
              <button type="button" className="button" disabled={!view.after} onClick={() => set({ ...view, after: null })}>
                {t("cockpit.firstPage")}
              </button>
              <button
                type="button"
                className="button"
                disabled={!list.pageInfo.hasNextPage || !list.pageInfo.endCursor}
                onClick={() => set({ ...view, after: list.pageInfo.endCursor ?? null })}
              >
                {t("pager.next")}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

/** A column's header; a sortable one is a button saying which way it sorts. */
function SortHeader({
  field,
  label,
  num,
  view,
  onSort,
}: {
  field: DealerSummaryField | null;
  label: string;
  num: boolean;
  view: CockpitParams;
  onSort: (f: DealerSummaryField) => void;
}) {
  const { t } = useTranslation();
  const cls = num ? "num" : undefined;
  if (!field) {
    return (
      <th scope="col" className={cls}>
        {label}
      </th>
    );
  }
  const active = view.sort === field;
  const sort = active ? (view.dir === "ASC" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" className={cls} aria-sort={sort}>
      <button
        type="button"
        className="sort-button"
        data-sort={field}
        title={t("cockpit.sortBy", { column: label })}
        onClick={() => onSort(field)}
      >
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (view.dir === "ASC" ? " ▲" : " ▼") : ""}
        </span>
      </button>
    </th>
  );
}

function CockpitFilters({ view, onChange }: { view: CockpitParams; onChange: (p: Partial<CockpitParams>) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [{ data }] = useQuery({ query: CockpitOptionsQuery });
  const channels = data?.channels.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const territories = data?.territories.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const field = (key: string, label: string, control: ReactNode) => (
    <div className="cockpit-filter">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {control}
    </div>
  );
  return (
    <div className="filter cockpit-filters" role="group" aria-label={t("cockpit.filters")}>
      {field(
        "channel",
        t("dealers.channel"),
        <select id={`${id}-channel`} data-filter="channel" value={view.channel} onChange={(e) => onChange({ channel: e.target.value })}>
          <option value="">{t("cockpit.allChannels")}</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c, i18n.language)}
            </option>
          ))}
        </select>,
      )}
      {field(
        "territory",
        t("dealers.territories"),
        <select
          id={`${id}-territory`}
          data-filter="territory"
          value={view.territory}
          onChange={(e) => onChange({ territory: e.target.value })}
        >
          <option value="">{t("cockpit.allTerritories")}</option>
          {territories.map((x) => (
            <option key={x.id} value={x.id}>
              {localName(x, i18n.language)}
            </option>
          ))}
        </select>,
      )}
      {field(
        "tier",
        t("dealers.tier"),
        <select
          id={`${id}-tier`}
          data-filter="tier"
          value={view.tier ?? ""}
          onChange={(e) => onChange({ tier: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">{t("cockpit.allTiers")}</option>
          <option value="1">{t("tier.1")}</option>
          <option value="2">{t("tier.2")}</option>
        </select>,
      )}
      {field(
        "status",
        t("dealers.status"),
        <select
          id={`${id}-status`}
          data-filter="status"
          value={view.status ?? ""}
          onChange={(e) => onChange({ status: (e.target.value || null) as CockpitParams["status"] })}
        >
          <option value="">{t("cockpit.allStatuses")}</option>
          {DEALER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>,
      )}
      <label className="check cockpit-overdue">
        <input
          type="checkbox"
          data-filter="overdue"
          checked={view.overdue}
          onChange={(e) => onChange({ overdue: e.target.checked })}
        />{" "}
        {t("cockpit.overdueOnly")}
      </label>
    </div>
  );
}
