import { useTranslation } from "react-i18next";
import type { ScorecardFieldsFragment } from "../gql/graphql";
import { noDataReason, type Kpi } from "./appraisal";
import { explanationOf, formulaText, kpiValue, localeOf } from "./kpiText";

/**
 * Every KPI of a scorecard with the formula behind it in words, or "no
 * data" and why. onTrend, when given, offers each KPI's trend.
 */
export function KpiTable({ card, kpis, onTrend }: { card: ScorecardFieldsFragment; kpis: Kpi[]; onTrend?: (k: Kpi) => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return (
    <div className="kpi-scroll" role="region" aria-label={t("appraisal.kpisOf", { period: card.period })} tabIndex={0}>
      <table className="kpi-table">
        <thead>
          <tr>
            <th scope="col">{t("appraisal.kpi")}</th>
            <th scope="col" className="num">
              {t("appraisal.value")}
            </th>
            <th scope="col">{t("appraisal.how")}</th>
            {onTrend && <th scope="col">{t("appraisal.trend")}</th>}
          </tr>
        </thead>
        <tbody>
          {kpis.map((k) => {
            const value = kpiValue(card, k, locale);
            return (
              <tr key={k} data-kpi={k}>
                <th scope="row">{t(`appraisal.name.${k}`)}</th>
                <td className="num kpi-value" data-null={value === null ? noDataReason(explanationOf(card, k)) : undefined}>
                  {value ?? <span className="kpi-nodata">{t("appraisal.noDataShort")}</span>}
                </td>
                <td className="kpi-formula">{formulaText(t, card, k, locale)}</td>
                {onTrend && (
                  <td>
                    <button type="button" className="button button-quiet" onClick={() => onTrend(k)}>
                      {t("appraisal.showTrend")}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
