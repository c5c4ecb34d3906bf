import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { OrderDetailQuery as OrderDetailData } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { CreditHoldBadge, LiveRegion, OrderStatusBadge } from "../components/OrderBadges";
import { OrderActions, ReleaseHoldForm } from "../components/OrderActions";
import { CreditHoldPanel } from "../desk/CreditHoldPanel";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { HIGHLIGHT_MS, isMarked } from "../live/highlight";
import { useLiveHighlight, useOrderEvents, type OrderEvent } from "../live/useOrderEvents";
import { percent } from "../promotions/format";
import { formatDate, formatMoney, formatTime } from "../format";
import { useState } from "react";
import { useDeliveryEvents, type DeliveryEvent } from "../live/useDeliveryEvents";
import { OrderShipments } from "../shipments/OrderShipments";
import { ShipmentDesk, ShipmentEventForm } from "../shipments/ShipmentDesk";
import "../shipments/fields";
import { AmendOrder, OrderAgain } from "../orders/AmendOrder";
import { OrderReturns } from "../returns/OrderReturns";
import { CloseShortForm } from "../orders/CloseShortForm";

export const OrderDetailQuery = graphql(`
  query OrderDetail($id: ID!) {
    eventCursor
    node(id: $id) {
      ... on Order {
        id
        number
        status
        creditHold
        allowedTransitions
        canReleaseCreditHold
        canShip
        canAmend
        canCloseShort
        backorder
        version
        total
        note
        placedAt
        updatedAt
        requestedDeliveryDate
        purchaseOrderReference
        dealer {
          id
          code
          name
          creditLimit
          creditExposure
          availableCredit
          ageing {
            overdue
          }
        }
        placedBy {
          id
          name
        }
        lines {
          id
          position
          sku
          productName
          quantity
          unitPrice
          amount
          discountBasisPoints
          appliedPromotions {
            name
            discountBasisPoints
          }
          remainingToShip
          product {
            id
          }
          backorderedQuantity
          closedQuantity
        }
        shipments {
          ...ShipmentFields
        }
        history {
          id
          kind
          from
          to
          actorName
          at
          note
        }
      }
    }
  }
`);

type Order = Extract<NonNullable<OrderDetailData["node"]>, { number: string }>;

/**
 * One order, at its own address: lines, total, credit hold, history and the
 * moves the viewer may make, and its shipments with their tracking, all kept
 * up to date live.
 */
export function OrderDetail() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const [{ data, error, fetching }, refetch] = useQuery({ query: OrderDetailQuery, variables: { id } });
  const order = data?.node && "number" in data.node ? (data.node as Order) : null;
  usePageTitle(order ? t("order.title", { number: order.number }) : t("orders.title"));
  const { state: highlight, mark } = useLiveHighlight();
  const reload = () => refetch({ requestPolicy: "network-only" });
  // An amendment changes lines and totals the event does not carry: read them again.
  const onOrderEvent = (e: OrderEvent) => {
    mark(e);
    if (e.kind === "AMENDED") reload();
  };
  useOrderEvents({ eventCursor: order ? data?.eventCursor : null, orderID: id, onEvent: onOrderEvent, onExpired: reload });
  const [changedShipment, setChangedShipment] = useState<string | null>(null);
  const [announced, setAnnounced] = useState("");
  const onDelivery = (e: DeliveryEvent) => {
    setChangedShipment(e.shipment.id);
    setTimeout(() => setChangedShipment((cur) => (cur === e.shipment.id ? null : cur)), HIGHLIGHT_MS);
    setAnnounced(t("shipment.announce", { number: e.shipment.number, status: t(`shipmentStatus.${e.status}`) }));
    // A shipment new to this page: read the order again for its list (and lines' remaining quantities).
    if (!order?.shipments?.some((s) => s.id === e.shipment.id)) reload();
  };
  useDeliveryEvents({ eventCursor: order ? data?.eventCursor : null, orderID: id, onEvent: onDelivery, onExpired: reload });

  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />;
  if (!order) {
    return (
      <section aria-labelledby="order-title">
        <h1 id="order-title">{t("orders.title")}</h1>
        <p className="state">{t("order.notFound")}</p>
        <Link to="/orders">{t("order.back")}</Link>
      </section>
    );
  }
  return (
    <article aria-labelledby="order-title" className="order-detail">
      <p>
        <Link to="/orders">{staff ? t("order.backToDesk") : t("order.back")}</Link>
      </p>
      <div className={`page-head ${isMarked(highlight, order.id) ? "live-changed" : ""}`}>
        <h1 id="order-title">{t("order.title", { number: order.number })}</h1>
        <span className="order-status" data-status={order.status}>
          <OrderStatusBadge status={order.status} /> {order.creditHold && <CreditHoldBadge />}{" "}
          {order.backorder && (
            <span className="badge badge-backorder" data-backorder>
              {t("stock.backorder")}
            </span>
          )}
        </span>
      </div>
      <LiveRegion state={highlight} />
      {order.creditHold && (
        <CreditHoldPanel dealer={order.dealer}>
          <ReleaseHoldForm order={order} />
        </CreditHoldPanel>
      )}
      <OrderSummary order={order} staff={staff} />
      <OrderActions order={order} releaseInline={order.creditHold} />
      {!staff && (
        <div className="dealer-order-actions">
          {order.canAmend && <AmendOrder key={order.version} order={order} onDone={reload} />}
          <OrderAgain orderID={order.id} />
        </div>
      )}
      <OrderLines order={order} />
      {staff && <CloseShortForm order={order} onDone={reload} />}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </p>
      <ShipmentDesk order={order} onCreated={reload} />
      <OrderShipments
        shipments={order.shipments ?? []}
        changed={changedShipment}
        renderActions={(s) => <ShipmentEventForm shipment={s} />}
      />
      <OrderReturns orderID={order.id} dealerID={order.dealer.id} />
      <OrderHistory order={order} />
    </article>
  );
}

function OrderSummary({ order, staff }: { order: Order; staff: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="order-summary" className="card">
      <h2 id="order-summary">{t("order.summary")}</h2>
      <dl className="facts">
        {staff && (
          <div>
            <dt>{t("orders.dealer")}</dt>
            <dd>
              <Link to={`/dealers/${encodeURIComponent(order.dealer.id)}`}>{order.dealer.name}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("orders.placedAt")}</dt>
          <dd>{formatTime(order.placedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("order.placedBy")}</dt>
          <dd>{order.placedBy?.name ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("order.requestedDelivery")}</dt>
          <dd data-field="requestedDeliveryDate">
            {order.requestedDeliveryDate ? formatDate(order.requestedDeliveryDate, i18n.language) : t("order.notGiven")}
          </dd>
        </div>
        <div>
          <dt>{t("order.purchaseOrderReference")}</dt>
          <dd data-field="purchaseOrderReference" className="mono">
            {order.purchaseOrderReference || t("order.notGiven")}
          </dd>
        </div>
        <div>
          <dt>{t("orders.total")}</dt>
          <dd className="money">{formatMoney(order.total, i18n.language)}</dd>
        </div>
        {order.note && (
          <div>
            <dt>{t("order.note")}</dt>
            <dd>{order.note}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function OrderLines({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const lines = [...(order.lines ?? [])].sort((a, b) => a.position - b.position);
  return (
    <section aria-labelledby="order-lines">
      <h2 id="order-lines">{t("order.lines")}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("catalogue.sku")}</th>
            <th scope="col">{t("catalogue.product")}</th>
            <th scope="col" className="num">
              {t("order.quantity")}
            </th>
            <th scope="col" className="num">
              {t("order.unitPrice")}
            </th>
            <th scope="col" className="num">
              {t("order.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td data-label={t("catalogue.sku")} className="mono">
                {l.sku}
              </td>
              <th scope="row" data-label={t("catalogue.product")}>
                {l.productName}
                {l.appliedPromotions.map((a, i) => (
                  <span key={i} className="promo-tag" data-applied={a.name}>
                    {a.name} · −{percent(a.discountBasisPoints, i18n.language)}
                  </span>
                ))}
              </th>
              <td data-label={t("order.quantity")} className="num">
                {l.quantity}
                {l.backorderedQuantity > 0 && (
                  <span className="line-note" data-backordered={l.sku}>
                    {t("stock.backordered", { count: l.backorderedQuantity })}
                  </span>
                )}
                {l.closedQuantity > 0 && (
                  <span className="line-note" data-closed={l.sku}>
                    {t("stock.closed", { count: l.closedQuantity })}
                  </span>
                )}
              </td>
              <td data-label={t("order.unitPrice")} className="num money">
                {formatMoney(l.unitPrice, i18n.language)}
                {l.discountBasisPoints > 0 && (
                  <span className="line-discount" data-discount={l.sku}>
                    {t("promotions.lineDiscount", { percent: percent(l.discountBasisPoints, i18n.language) })}
                  </span>
                )}
              </td>
              <td data-label={t("order.amount")} className="num money">
                {formatMoney(l.amount, i18n.language)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4} className="num">
              {t("orders.total")}
            </th>
            <td className="num money total" data-label={t("orders.total")}>
              {formatMoney(order.total, i18n.language)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function OrderHistory({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const history = [...(order.history ?? [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return (
    <section aria-labelledby="order-history">
      <h2 id="order-history">{t("order.history")}</h2>
      <ol className="history">
        {history.map((h) => (
          <li key={h.id}>
            <span className="history-what">
              {h.kind === "CREDIT_HOLD_RELEASED"
                ? t("order.holdReleased")
                : h.kind === "AMENDED"
                  ? t("amend.amended")
                  : h.from
                  ? t("order.moved", { from: t(`orderStatus.${h.from}`), to: t(`orderStatus.${h.to}`) })
                  : t("order.placed")}
            </span>{" "}
            <span className="history-who">{t("order.by", { name: h.actorName })}</span>{" "}
            <time dateTime={h.at}>{formatTime(h.at, i18n.language)}</time>
            {h.note && <p className="history-note">{h.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
