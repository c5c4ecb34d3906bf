import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { QuotaFieldsFragment } from "../gql/graphql";
import { formatMoney } from "../format";
import { barPercent, formatCompletion } from "./incentive";

export const QuotaFieldsFragmentDoc = graphql(`
  fragment QuotaFields on QuotaProgress {
    period
    quota
    netSales
    completion
    remaining
  }
`);

/** A quota against what was sold, with a bar and what is left to sell, as the API computed them. */
export function QuotaCard({ title, progress, kind }: { title: string; progress: QuotaFieldsFragment; kind: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "zh" ? "zh-CN" : "en";
  const money = (s: string) => formatMoney(s, locale);
  const done = formatCompletion(progress.completion, locale);
  const width = barPercent(progress.completion);
  return (
    <li className="card quota-card" data-quota={kind}>
      <p className="card-title">
        <strong>{title}</strong> <span className="mono muted">{progress.period}</span>
      </p>
      {done === null ? (
        <p className="muted" data-fact="no-quota">
          {t("incentives.noQuota", { amount: money(progress.netSales) })}
        </p>
      ) : (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-label={title}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={width}
            aria-valuetext={done}
          >
            <div className={`progress-fill${width >= 100 ? " progress-done" : ""}`} style={{ width: `${width}%` }} />
          </div>
          <p data-fact="completion">
            {t("incentives.quotaLine", { sold: money(progress.netSales), quota: money(progress.quota), done })}
          </p>
          <p data-fact="remaining">
            {Number(progress.remaining) > 0 ? (
              t("incentives.remaining", { amount: money(progress.remaining) })
            ) : (
              <span className="badge badge-active">{t("incentives.quotaReached")}</span>
            )}
          </p>
        </>
      )}
    </li>
  );
}
