import { useTranslation } from "react-i18next";
import type { HighlightState } from "../live/highlight";

/** An order's status as a coloured badge. */
export function OrderStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge order-${status.toLowerCase().replace("_", "-")}`}>{t(`orderStatus.${status}`)}</span>;
}

/** Shown on an order the credit check held. */
export function CreditHoldBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-hold" title={t("orders.creditHoldExplained")}>
      {t("orders.creditHold")}
    </span>
  );
}

/** A polite live region saying which order just changed, for everyone (and screen readers). */
export function LiveRegion({ state }: { state: HighlightState }) {
  const { t } = useTranslation();
  const a = state.announcement;
  return (
    <p className="live-note" role="status" aria-live="polite" aria-atomic="true">
      {a
        ? a.amended
          ? t("orders.liveAmended", { number: a.number })
          : t("orders.liveChanged", { number: a.number, status: t(`orderStatus.${a.to}`) })
        : ""}
    </p>
  );
}
