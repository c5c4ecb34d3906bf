import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { AgeingBar, CreditGauge } from "../components/Credit";
import { CreditHoldBadge, OrderStatusBadge } from "../components/OrderBadges";
import { ErrorMessage } from "../components/States";
import { KpiTrend } from "../appraisal/KpiTrend";
import { trendEnding } from "../appraisal/appraisal";
import { formatMoney, formatTime } from "../format";
import { DealerStandingQuery } from "./ops";

/**
 * A dealer's standing on its page: credit used against the limit, what it
 * owes and how overdue, its latest orders, and its net sales month by month
 * over the last twelve months (the appraisal's trend).
 */
export function DealerStanding({ dealerID }: { dealerID: string }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: DealerStandingQuery, variables: { id: dealerID } });
  if (error && !data) return <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  if (!data) return <p className="muted">{t("state.loading")}</p>;
  const d = data.node && "creditExposure" in data.node ? data.node : null;
  if (!d) return null;
  const money = (a: string) => formatMoney(a, i18n.language);
  const months = trendEnding(data.settings.today.slice(0, 7), 12);
  const orders = data.orders.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const statement = `/dealers/${encodeURIComponent(dealerID)}/statement`;

  return (
    <>
      <div className="standing-grid">
        <section aria-labelledby="dealer-credit" className="card dealer-credit">
          <h2 id="dealer-credit">{t("dealer.credit")}</h2>
          <CreditGauge dealer={d} />
        </section>
        <section aria-labelledby="dealer-statement" className="card dealer-statement">
          <h2 id="dealer-statement">{t("dealer.statementSummary")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("dealer.balance")}</dt>
              <dd className="money" data-figure="balance">
                {money(d.balance)}
              </dd>
            </div>
            <div>
              <dt>{t("dealer.overdue")}</dt>
              <dd className={`money${Number(d.ageing.overdue) > 0 ? " money-bad" : ""}`} data-figure="overdue">
                {money(d.ageing.overdue)}
              </dd>
            </div>
          </dl>
          <AgeingBar ageing={d.ageing} />
          <p>
            <Link to={statement} data-link="statement-summary">
              {t("dealer.openStatement")}
            </Link>
          </p>
        </section>
      </div>

      <section aria-labelledby="dealer-orders" className="dealer-orders">
        <h2 id="dealer-orders">{t("dealer.recentOrders")}</h2>
        {d.openOrders.length > 0 && (
          <ul className="chips dealer-open-orders" aria-label={t("dealer.openOrders")}>
            {d.openOrders.map((o) => (
              <li key={o.status} data-status={o.status}>
                {t(`orderStatus.${o.status}`)} <strong className="num">{o.count}</strong>
              </li>
            ))}
          </ul>
        )}
        {orders.length ? (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("orders.number")}</th>
                  <th scope="col">{t("orders.placedAt")}</th>
                  <th scope="col">{t("orders.status")}</th>
                  <th scope="col" className="num">
                    {t("orders.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.id} data-order={o.number}>
                    <th scope="row" data-label={t("orders.number")} className="mono nowrap">
                      <Link to={`/orders/${encodeURIComponent(o.id)}`}>{o.number}</Link>
                    </th>
                    <td data-label={t("orders.placedAt")} className="nowrap">
                      {formatTime(o.placedAt, i18n.language)}
                    </td>
                    <td data-label={t("orders.status")} className="order-status">
                      <OrderStatusBadge status={o.status} /> {o.creditHold && <CreditHoldBadge />}
                    </td>
                    <td data-label={t("orders.total")} className="num money nowrap">
                      {money(o.total)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("dealer.noOrders")}</p>
        )}
        {data.orders.totalCount > orders.length && (
          <p className="muted">{t("dealer.moreOrders", { count: data.orders.totalCount })}</p>
        )}
      </section>

      <section aria-labelledby="dealer-sales" className="dealer-sales">
        <h2 id="dealer-sales">{t("dealer.monthlySales")}</h2>
        <KpiTrend subject={{ dealerID }} kpi="NET_SALES" from={months.from} to={months.to} />
      </section>
    </>
  );
}
