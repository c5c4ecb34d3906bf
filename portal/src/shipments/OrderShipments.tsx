import { useTranslation } from "react-i18next";
import type { ShipmentFieldsFragment } from "../gql/graphql";
import { formatTime } from "../format";
import { byOccurred } from "./tracking";

/** An order's shipments: what each carries, how it travels, and every tracking event. */
export function OrderShipments({
  shipments,
  changed,
  renderActions,
}: {
  shipments: readonly ShipmentFieldsFragment[];
  changed?: string | null;
  renderActions?: (s: ShipmentFieldsFragment) => React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const list = [...shipments].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  return (
    <section aria-labelledby="order-shipments" className="shipments">
      <h2 id="order-shipments">{t("shipment.title")}</h2>
      {!list.length && <p className="muted">{t("shipment.none")}</p>}
      {list.map((s) => (
        <article
          key={s.id}
          className={`card shipment ${changed === s.id ? "live-changed" : ""}`}
          aria-labelledby={`shipment-${s.id}`}
          data-shipment={s.number}
        >
          <div className="page-head">
            <h3 id={`shipment-${s.id}`}>{t("shipment.heading", { number: s.number })}</h3>
            <span className={`badge shipment-status shipment-${s.status.toLowerCase()}`} data-status={s.status}>
              {t(`shipmentStatus.${s.status}`)}
            </span>
          </div>
          <dl className="facts">
            <div>
              <dt>{t("shipment.carrier")}</dt>
              <dd>{s.carrier}</dd>
            </div>
            <div>
              <dt>{t("shipment.trackingNumber")}</dt>
              <dd className="mono">{s.trackingNumber || "—"}</dd>
            </div>
            <div>
              <dt>{t("shipment.eta")}</dt>
              <dd>{s.eta ?? "—"}</dd>
            </div>
            {s.deliveredAt && (
              <div>
                <dt>{t("shipment.deliveredAt")}</dt>
                <dd>{formatTime(s.deliveredAt, i18n.language)}</dd>
              </div>
            )}
          </dl>
          <table className="table">
            <caption className="visually-hidden">{t("shipment.linesOf", { number: s.number })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("catalogue.sku")}</th>
                <th scope="col">{t("catalogue.product")}</th>
                <th scope="col" className="num">
                  {t("order.quantity")}
                </th>
              </tr>
            </thead>
            <tbody>
              {(s.lines ?? []).map((l) => (
                <tr key={l.id}>
                  <td data-label={t("catalogue.sku")} className="mono">
                    {l.orderLine.sku}
                  </td>
                  <th scope="row" data-label={t("catalogue.product")}>
                    {l.orderLine.productName}
                  </th>
                  <td data-label={t("order.quantity")} className="num">
                    {l.quantity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>{t("shipment.events")}</h4>
          {!s.events?.length ? (
            <p className="muted">{t("shipment.noEvents")}</p>
          ) : (
            <ol className="history">
              {byOccurred(s.events).map((e) => (
                <li key={e.id}>
                  <span className="history-what">{t(`shipmentStatus.${e.status}`)}</span>
                  {e.location && <span> · {e.location}</span>}{" "}
                  <span className="history-who">{t("order.by", { name: e.actorName })}</span>{" "}
                  <time dateTime={e.occurredAt}>{formatTime(e.occurredAt, i18n.language)}</time>
                  {e.note && <p className="history-note">{e.note}</p>}
                </li>
              ))}
            </ol>
          )}
          {renderActions?.(s)}
        </article>
      ))}
    </section>
  );
}
