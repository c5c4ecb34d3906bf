import { useTranslation } from "react-i18next";
import { formatMoney } from "../format";

// A dealer's credit and what it owes, drawn: the API gives every figure
// (exposure, available credit, ageing buckets); these only draw them.

/** A share for drawing only: amounts are shown from the API's strings. */
function share(part: string, whole: string): number {
  const p = Number(part);
  const w = Number(whole);
  if (!(w > 0) || !(p > 0)) return 0;
  return Math.min(1, p / w);
}

export type CreditFigures = { creditLimit: string; creditExposure: string; availableCredit: string };

/** Credit used against the limit, and what is still available (below 0 when over). */
export function CreditGauge({ dealer }: { dealer: CreditFigures }) {
  const { t, i18n } = useTranslation();
  const money = (a: string) => formatMoney(a, i18n.language);
  const used = share(dealer.creditExposure, dealer.creditLimit);
  const over = Number(dealer.availableCredit) < 0;
  return (
    <figure className="credit-gauge" aria-label={t("credit.gauge")}>
      <div
        className={`credit-gauge-bar${over ? " credit-gauge-over" : ""}`}
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(used * 100)}
        aria-label={t("credit.used")}
      >
        <span style={{ width: `${used * 100}%` }} />
      </div>
      <dl className="credit-gauge-figures">
        <div>
          <dt>{t("credit.exposure")}</dt>
          <dd className="money" data-figure="creditExposure">{money(dealer.creditExposure)}</dd>
        </div>
        <div>
          <dt>{t("credit.available")}</dt>
          <dd className={`money${over ? " money-bad" : ""}`} data-figure="availableCredit">
            {money(dealer.availableCredit)}
          </dd>
        </div>
        <div>
          <dt>{t("credit.limit")}</dt>
          <dd className="money" data-figure="creditLimit">{money(dealer.creditLimit)}</dd>
        </div>
      </dl>
    </figure>
  );
}

export type AgeingFigures = {
  notYetDue: string;
  overdue1To30: string;
  overdue31To60: string;
  overdue61To90: string;
  overdueOver90: string;
  overdue: string;
};

const BUCKETS = ["notYetDue", "overdue1To30", "overdue31To60", "overdue61To90", "overdueOver90"] as const;

/** Open invoice balances by days overdue, as one bar with a legend. */
export function AgeingBar({ ageing }: { ageing: AgeingFigures }) {
  const { t, i18n } = useTranslation();
  const total = BUCKETS.reduce((sum, b) => sum + Math.max(0, Number(ageing[b])), 0);
  return (
    <figure className="ageing-bar" aria-label={t("credit.ageing")}>
      <div className="ageing-bar-track" aria-hidden="true">
        {BUCKETS.map((b) =>
          total > 0 && Number(ageing[b]) > 0 ? (
            <span key={b} className={`ageing-${b}`} style={{ width: `${(Number(ageing[b]) / total) * 100}%` }} />
          ) : null,
        )}
      </div>
      <dl className="ageing-legend">
        {BUCKETS.map((b) => (
          <div key={b}>
            <dt>
              <i className={`ageing-${b}`} aria-hidden="true" />
              {t(`credit.bucket.${b}`)}
            </dt>
            <dd className="money" data-figure={b}>{formatMoney(ageing[b], i18n.language)}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
