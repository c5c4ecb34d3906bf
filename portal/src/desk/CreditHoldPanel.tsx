import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../format";

type HeldDealer = {
  name: string;
  creditLimit: string;
  creditExposure: string;
  availableCredit: string;
  ageing: { overdue: string };
};

/**
 * Beside an order on credit hold: the dealer's figures a manager decides a
 * release on (the API's exposure, limit, available credit and overdue), and
 * the release itself.
 */
export function CreditHoldPanel({ dealer, children }: { dealer: HeldDealer; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const money = (a: string) => formatMoney(a, i18n.language);
  const over = Number(dealer.availableCredit) < 0;
  return (
    <section className="notice notice-hold credit-hold-panel" aria-labelledby="credit-hold-title">
      <h2 id="credit-hold-title">{t("order.holdTitle")}</h2>
      <p>{t("orders.creditHoldExplained")}</p>
      <dl className="facts credit-hold-figures">
        <div>
          <dt>{t("order.holdExposure", { dealer: dealer.name })}</dt>
          <dd className="money nowrap" data-figure="creditExposure">
            {money(dealer.creditExposure)}
          </dd>
        </div>
        <div>
          <dt>{t("order.holdLimit")}</dt>
          <dd className="money nowrap" data-figure="creditLimit">
            {money(dealer.creditLimit)}
          </dd>
        </div>
        <div>
          <dt>{t("order.holdAvailable")}</dt>
          <dd className={`money nowrap${over ? " money-bad" : ""}`} data-figure="availableCredit">
            {money(dealer.availableCredit)}
          </dd>
        </div>
        <div>
          <dt>{t("order.holdOverdue")}</dt>
          <dd className={`money nowrap${Number(dealer.ageing.overdue) > 0 ? " money-bad" : ""}`} data-figure="overdue">
            {money(dealer.ageing.overdue)}
          </dd>
        </div>
      </dl>
      {children}
    </section>
  );
}
