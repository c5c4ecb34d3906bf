import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { ErrorMessage } from "../components/States";
import { TrendQuery } from "./ops";
import { formatKpi, type Kpi } from "./appraisal";
import { localeOf } from "./kpiText";

const TrendChart = lazy(() => import("./TrendChart"));

export type Subject = { dealerID?: string | null; channelID?: string | null; territoryID?: string | null };

/**
 * One KPI of one subject from..to as the API's trend gives it: a line chart
 * and, for reading exact values and for screen readers, the points as a list.
 */
export function KpiTrend({ subject, kpi, from, to, list }: { subject: Subject; kpi: Kpi; from: string; to: string; list?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const [{ data, error }] = useQuery({
    query: TrendQuery,
    variables: { dealerID: subject.dealerID ?? null, channelID: subject.channelID ?? null, territoryID: subject.territoryID ?? null, kpi, from, to },
    pause: !from || !to,
  });
  if (error && !data) return <ErrorMessage error={error} />;
  if (!data) return <p className="muted kpi-trend-loading">{t("state.loading")}</p>;
  const points = data.trend.map((p) => ({ label: p.period, value: p.value ?? null }));
  const format = (v: number) => formatKpi(kpi, v, locale);
  const name = t(`appraisal.name.${kpi}`);
  return (
    <div className="kpi-trend" data-trend={kpi}>
      {points.every((p) => p.value === null) ? (
        <p className="muted">{t("appraisal.trendEmpty")}</p>
      ) : (
        <Suspense fallback={null}>
          <TrendChart points={points} format={format} name={name} />
        </Suspense>
      )}
      {list && (
        <div className="kpi-scroll" role="region" aria-label={t("appraisal.trendOf", { kpi: name })} tabIndex={0}>
          <table className="kpi-table trend-points">
            <thead>
              <tr>
                <th scope="col">{t("appraisal.period")}</th>
                <th scope="col" className="num">
                  {name}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.trend.map((p) => (
                <tr key={p.period} data-period={p.period}>
                  <th scope="row">{p.period}</th>
                  <td className="num">{p.value === null || p.value === undefined ? t("appraisal.noDataShort") : format(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
