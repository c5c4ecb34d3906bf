import { useEffect, useId, useReducer, useRef, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, type CombinedError } from "urql";
import { graphql } from "../gql";
import { CreditHoldBadge, OrderStatusBadge } from "../components/OrderBadges";
import { Empty } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { clearCart, setQuantity, useCart } from "../orders/cart";
import { describe, refusal as refusalText } from "../errors";
import { mapFieldErrors } from "../orders/fieldErrors";
import { canSend, newIdempotencyKey, openAttempt, placeReducer } from "../orders/idempotency";
import { useSettings } from "../orders/settings";
import { formatMoney, formatDate } from "../format";
import { percent } from "../promotions/format";
import { localName } from "../i18n/localName";
import { PasteList } from "../orders/PasteList";
import { Availability } from "../catalogue/Availability";

export const QuoteOrderQuery = graphql(`
  query QuoteOrder($input: PlaceOrderInput!) {
    quoteOrder(input: $input) {
      grossTotal
      discount
      total
      exposure
      creditLimit
      wouldHold
      lines {
        product {
          id
          availability {
            state
            available
            leadTimeDays
          }
        }
        quantity
        unitPrice
        discountBasisPoints
        amount
        appliedPromotions {
          name
          discountBasisPoints
        }
      }
    }
  }
`);

/** How long the cart rests before it is priced again. */
const QUOTE_DELAY_MS = 300;

export const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      number
      status
      creditHold
      version
      total
      placedAt
      requestedDeliveryDate
      purchaseOrderReference
      lines {
        id
        position
        sku
        productName
        quantity
        unitPrice
        amount
      }
    }
  }
`);

/**
 * Review and place the order put together in the catalogue. The attempt's
 * idempotency key is made when this page opens: retrying after a network
 * error sends the same key, so the order is placed at most once.
 */
export function PlaceOrder() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("place.title"));
  const cart = useCart();
  const { maxLineQuantity } = useSettings();
  const noteId = useId();
  const dateId = useId();
  const poId = useId();
  const [note, setNote] = useState("");
  const [requestedDate, setRequestedDate] = useState("");
  const [poReference, setPoReference] = useState("");
  const [attempt, dispatch] = useReducer(placeReducer, undefined, () => openAttempt(newIdempotencyKey()));
  const [result, placeOrder] = useMutation(PlaceOrderMutation);
  const [refusal, setRefusal] = useState<CombinedError | null>(null);
  const inFlight = useRef(false);
  const errors = mapFieldErrors(refusal, (p) => describe(t, p));
  const placed = attempt.phase === "placed" ? result.data?.placeOrder : null;

  // The server prices the cart exactly as placing it would (promotions,
  // credit check), a moment after the last change: nothing is priced here.
  const cartKey = JSON.stringify(cart.map((l) => [l.productID, l.quantity]));
  const [quoted, setQuoted] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuoted(cartKey), QUOTE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [cartKey]);
  const quoteLines = quoted ? (JSON.parse(quoted) as [string, number][]) : [];
  const [{ data: quoteData, error: quoteError, fetching: quoting }] = useQuery({
    query: QuoteOrderQuery,
    variables: { input: { lines: quoteLines.map(([productID, quantity]) => ({ productID, quantity })) } },
    pause: !quoteLines.length,
    requestPolicy: "network-only",
  });
  const quote = quoted === cartKey ? quoteData?.quoteOrder : null;
  const quoteLine = (productID: string) => quote?.lines.find((l) => l.product.id === productID);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    // The ref stops a second click before React has re-rendered the button.
    if (inFlight.current || !canSend(attempt) || !cart.length) return;
    inFlight.current = true;
    dispatch({ type: "send" });
    const res = await placeOrder({
      input: {
        lines: cart.map((l) => ({ productID: l.productID, quantity: l.quantity })),
        note: note.trim() || null,
        requestedDeliveryDate: requestedDate || null,
        purchaseOrderReference: poReference.trim() || null,
        idempotencyKey: attempt.key,
      },
    });
    inFlight.current = false;
    if (res.data?.placeOrder) {
      setRefusal(null);
      dispatch({ type: "placed", orderID: res.data.placeOrder.id, newKey: newIdempotencyKey() });
      clearCart();
      setNote("");
      setRequestedDate("");
      setPoReference("");
    } else if (res.error && !res.error.graphQLErrors.length) {
      setRefusal(res.error);
      dispatch({ type: "networkError" });
    } else {
      setRefusal(res.error ?? null);
      dispatch({ type: "refused", newKey: newIdempotencyKey() });
    }
  };

  if (placed) {
    return (
      <section aria-labelledby="place-title" className="place-result">
        <h1 id="place-title">{t("place.placedTitle", { number: placed.number })}</h1>
        <p role="status" className="notice">
          {t("place.placed", { number: placed.number, total: formatMoney(placed.total, i18n.language) })}{" "}
          <OrderStatusBadge status={placed.status} /> {placed.creditHold && <CreditHoldBadge />}
        </p>
        {placed.creditHold && <p className="notice notice-hold">{t("place.onHold")}</p>}
        {(placed.purchaseOrderReference || placed.requestedDeliveryDate) && (
          <dl className="facts placed-facts">
            {placed.purchaseOrderReference && (
              <div>
                <dt>{t("place.poReference")}</dt>
                <dd className="mono" data-field="purchaseOrderReference">{placed.purchaseOrderReference}</dd>
              </div>
            )}
            {placed.requestedDeliveryDate && (
              <div>
                <dt>{t("place.requestedDate")}</dt>
                <dd data-field="requestedDeliveryDate">{formatDate(placed.requestedDeliveryDate, i18n.language)}</dd>
              </div>
            )}
          </dl>
        )}
        <p className="actions-row">
          <Link className="button button-primary" to={`/orders/${encodeURIComponent(placed.id)}`}>
            {t("place.viewOrder")}
          </Link>
          <Link className="button" to="/orders">
            {t("place.allOrders")}
          </Link>
          <Link className="button button-quiet" to="/catalogue">
            {t("place.orderMore")}
          </Link>
        </p>
      </section>
    );
  }

  const sending = attempt.phase === "sending";

  return (
    <section aria-labelledby="place-title">
      <h1 id="place-title">{t("place.title")}</h1>
      <PasteList />
      {!cart.length ? (
        <Empty>
          {t("place.empty")} <Link to="/catalogue">{t("place.toCatalogue")}</Link>
        </Empty>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="lead">{t("place.intro")}</p>
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
                <th scope="col">
                  <span className="visually-hidden">{t("place.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cart.map((l, i) => {
                const lineErrors = errors.lines[i] ?? {};
                const message = lineErrors.quantity ?? lineErrors.productID ?? lineErrors.line;
                const errId = `line-${i}-error`;
                return (
                  <tr key={l.productID} className={message ? "has-error" : undefined} data-line={i}>
                    <td data-label={t("catalogue.sku")} className="mono">
                      {l.sku}
                    </td>
                    <th scope="row" data-label={t("catalogue.product")}>
                      {localName(l, i18n.language)}
                      {quoteLine(l.productID)?.product?.availability && (
                        <Availability availability={quoteLine(l.productID)!.product!.availability} />
                      )}
                      {quoteLine(l.productID)?.appliedPromotions.map((a, k) => (
                        <span key={k} className="promo-tag" data-applied={a.name}>
                          {a.name} · −{percent(a.discountBasisPoints, i18n.language)}
                        </span>
                      ))}
                      {message && (
                        <p className="field-error" id={errId}>
                          {message}
                        </p>
                      )}
                    </th>
                    <td data-label={t("order.quantity")} className="num">
                      <input
                        type="number"
                        className="qty"
                        min={1}
                        max={maxLineQuantity}
                        step={1}
                        value={l.quantity}
                        aria-label={t("catalogue.quantityOf", { name: localName(l, i18n.language) })}
                        aria-invalid={!!lineErrors.quantity}
                        aria-describedby={message ? errId : undefined}
                        onChange={(e) => setQuantity(l, Math.max(1, e.target.valueAsNumber || 1))}
                      />
                    </td>
                    <td data-label={t("order.unitPrice")} className="num money">
                      {quoteLine(l.productID) ? formatMoney(quoteLine(l.productID)!.unitPrice, i18n.language) : "—"}
                    </td>
                    <td data-label={t("order.amount")} className="num money" data-amount={l.sku}>
                      {quoteLine(l.productID) ? formatMoney(quoteLine(l.productID)!.amount, i18n.language) : "—"}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-quiet"
                        aria-label={t("place.removeLine", { name: localName(l, i18n.language) })}
                        onClick={() => setQuantity(l, 0)}
                      >
                        {t("place.remove")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            {quote && (
              <tfoot>
                {quote.discount !== "0.00" && (
                  <>
                    <tr>
                      <th scope="row" colSpan={4} className="num">
                        {t("promotions.grossTotal")}
                      </th>
                      <td className="num money">{formatMoney(quote.grossTotal, i18n.language)}</td>
                      <td />
                    </tr>
                    <tr>
                      <th scope="row" colSpan={4} className="num">
                        {t("promotions.discount")}
                      </th>
                      <td className="num money quote-discount">−{formatMoney(quote.discount, i18n.language)}</td>
                      <td />
                    </tr>
                  </>
                )}
                <tr>
                  <th scope="row" colSpan={4} className="num">
                    {t("orders.total")}
                  </th>
                  <td className="num money total quote-total">{formatMoney(quote.total, i18n.language)}</td>
                  <td />
                </tr>
              </tfoot>
            )}
          </table>
          {quoting && !quote && <p className="muted" aria-live="polite">{t("promotions.pricing")}</p>}
          {quote?.wouldHold && (
            <p className="notice notice-hold would-hold" role="status">
              {t("place.wouldHold", {
                total: formatMoney(quote.total, i18n.language),
                exposure: formatMoney(quote.exposure, i18n.language),
                limit: formatMoney(quote.creditLimit, i18n.language),
              })}
            </p>
          )}
          {quoteError && !quote && quoted === cartKey && (
            <p className="field-error" role="alert">
              {quoteError.graphQLErrors.length ? refusalText(t, quoteError) : t("promotions.quoteFailed")}
            </p>
          )}
          <p className="muted">{t("place.pricesNote")}</p>
          <div className="field-row place-references">
            <div className="field">
              <label htmlFor={poId}>{t("place.poReferenceField")}</label>
              <input
                id={poId}
                name="purchaseOrderReference"
                maxLength={64}
                autoComplete="off"
                value={poReference}
                aria-invalid={!!errors.fields.purchaseOrderReference}
                onChange={(e) => setPoReference(e.target.value)}
              />
              <p className="muted">{t("place.poReferenceHint")}</p>
              {errors.fields.purchaseOrderReference && <p className="field-error">{errors.fields.purchaseOrderReference}</p>}
            </div>
            <div className="field">
              <label htmlFor={dateId}>{t("place.requestedDateField")}</label>
              <input
                id={dateId}
                name="requestedDeliveryDate"
                type="date"
                value={requestedDate}
                aria-invalid={!!errors.fields.requestedDeliveryDate}
                onChange={(e) => setRequestedDate(e.target.value)}
              />
              {errors.fields.requestedDeliveryDate && <p className="field-error">{errors.fields.requestedDeliveryDate}</p>}
            </div>
          </div>
          <div className="field">
            <label htmlFor={noteId}>{t("place.note")}</label>
            <textarea
              id={noteId}
              rows={2}
              maxLength={2000}
              value={note}
              aria-invalid={!!errors.fields.note}
              onChange={(e) => setNote(e.target.value)}
            />
            {errors.fields.note && <p className="field-error">{errors.fields.note}</p>}
          </div>
          {(errors.other.length > 0 || errors.fields.lines) && (
            <div className="state state-error" role="alert">
              {attempt.phase === "unsure" && <p>{t("place.unsure")}</p>}
              {errors.fields.lines && <p>{errors.fields.lines}</p>}
              {errors.other.map((o, i) => (
                <p key={i}>{o.code === "CONFLICT" ? t("place.conflict") : o.message}</p>
              ))}
            </div>
          )}
          {Object.keys(errors.lines).length > 0 && (
            <p className="field-error" role="alert">
              {t("place.fixLines")}
            </p>
          )}
          <p className="actions-row">
            <button type="submit" className="button button-primary place-order" disabled={sending} aria-busy={sending}>
              {sending ? t("place.placing") : attempt.phase === "unsure" ? t("place.retry") : t("place.submit")}
            </button>
            <Link className="button button-quiet" to="/catalogue">
              {t("place.backToCatalogue")}
            </Link>
          </p>
        </form>
      )}
    </section>
  );
}
