import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { CartLine } from "../orders/cart";
import { formatMoney } from "../format";

// The order bar's running value is the server's quote of the cart, exactly as
// placing it would price it (promotions included), a moment after the last change.
export const OrderBarQuoteQuery = graphql(`
  query OrderBarQuote($input: PlaceOrderInput!) {
    quoteOrder(input: $input) {
      total
      wouldHold
    }
  }
`);

const QUOTE_DELAY_MS = 400;

/** The order being put together: lines, units and what it comes to, with the way to review it. */
export function OrderBar({ cart }: { cart: CartLine[] }) {
  const { t, i18n } = useTranslation();
  const units = cart.reduce((n, l) => n + l.quantity, 0);
  const key = JSON.stringify(cart.map((l) => [l.productID, l.quantity]));
  const [quoted, setQuoted] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuoted(key), QUOTE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const lines = quoted ? (JSON.parse(quoted) as [string, number][]) : [];
  const [{ data }] = useQuery({
    query: OrderBarQuoteQuery,
    variables: { input: { lines: lines.map(([productID, quantity]) => ({ productID, quantity })) } },
    pause: !lines.length,
    requestPolicy: "network-only",
  });
  const quote = quoted === key ? data?.quoteOrder : null;
  if (!cart.length) return null;
  return (
    <div className="order-bar" role="region" aria-label={t("catalogue.yourOrder")}>
      <span>{t("catalogue.inOrder", { count: cart.length, units })}</span>
      <span className="order-bar-value" aria-live="polite">
        {quote ? (
          <>
            {t("catalogue.runningValue")} <strong className="money" data-figure="orderValue">{formatMoney(quote.total, i18n.language)}</strong>
            {quote.wouldHold && <span className="badge badge-hold">{t("catalogue.overCredit")}</span>}
          </>
        ) : (
          <span className="muted">{t("catalogue.pricing")}</span>
        )}
      </span>
      <Link className="button button-primary" to="/orders/new">
        {t("catalogue.review")}
      </Link>
    </div>
  );
}
