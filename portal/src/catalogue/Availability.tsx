import { useTranslation } from "react-i18next";

export type AvailabilityInfo = {
  state: "IN_STOCK" | "LIMITED" | "BACKORDER";
  available?: number | null;
  leadTimeDays?: number | null;
};

/**
 * A product's availability as the server tells it: in stock, limited (with
 * the number free when the installation shows quantities) or ships in
 * about N days. The quantities are the server's to reveal, never guessed.
 */
export function Availability({ availability }: { availability: AvailabilityInfo }) {
  const { t } = useTranslation();
  const { state, available, leadTimeDays } = availability;
  let text: string;
  if (state === "BACKORDER") text = t("stock.shipsIn", { count: leadTimeDays ?? 0 });
  else if (available != null) text = t("stock.available", { count: available });
  else text = state === "LIMITED" ? t("stock.limited") : t("stock.inStock");
  return (
    <span className={`availability availability-${state.toLowerCase()}`} data-availability={state}>
      {text}
    </span>
  );
}
