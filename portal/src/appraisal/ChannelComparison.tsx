import { lazy, Suspense, useId, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useClient, useQuery } from "urql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { ChannelComparisonCSVQuery, ChannelComparisonQuery, ScorecardsCSVQuery } from "./ops";
import { downloadCSV, fileSafe, formatKpi, kpisOf, marks, type Kpi } from "./appraisal";
import { formulaText, kpiValue, localeOf } from "./kpiText";
import { PeriodPicker } from "./Pickers";
import { useAppraisalParams } from "./useAppraisal";
import { localName } from "../i18n/localName";

const BarsChart = lazy(() => import("./BarsChart"));

/**
 * The channels the viewer may see side by side for a period: every KPI per
 * channel with the best and the worst marked from the API's ranks, one KPI
 * as bars, and the comparison and each channel's dealer scorecards as CSV.
 */
export function ChannelComparison() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("appraisal.comparison.title"));
  const locale = localeOf(i18n.language);
  const client = useClient();
  const kpiId = useId();
  const [{ data: viewer }] = useViewer();
  const a = useAppraisalParams();
  const [chartKpi, setChartKpi] = useState<Kpi>("QUOTA_COMPLETION");
  const [csvError, setCsvError] = useState("");
  const staff = viewer?.me.role !== undefined && viewer.me.role !== "DEALER";
  const [{ data, error, fetching }, refetch] = useQuery({ query: ChannelComparisonQuery, variables: { period: a.period }, pause: !staff || !a.period });

  if (viewer?.me.role === "DEALER") {
    return (
      <section>
        <h1>{t("appraisal.comparison.title")}</h1>
        <Empty>
          {t("appraisal.scorecard.staffOnly")} <Link to="/performance">{t("appraisal.my.title")}</Link>
        </Empty>
      </section>
    );
  }

  const rows = data?.channelComparison ?? [];
  const kpis = kpisOf("channel");
  const rankOf = (i: number, k: Kpi) => rows[i].ranks.find((r) => r.kpi === k)?.rank ?? null;
  const marked = Object.fromEntries(kpis.map((k) => [k, marks(rows.map((_, i) => rankOf(i, k)))])) as Record<Kpi, ("best" | "worst" | null)[]>;

  const download = async (csv: Promise<string | undefined>, name: string) => {
    setCsvError("");
    const text = await csv;
    if (text === undefined) setCsvError(t("appraisal.csvFailed"));
    else downloadCSV(text, name);
  };
  const comparisonCSV = () =>
    download(
      client
        .query(ChannelComparisonCSVQuery, { period: a.period }, { requestPolicy: "network-only" })
        .toPromise()
        .then((r) => r.data?.channelComparisonCSV),
      `channel-comparison-${a.period}.csv`,
    );
  const scorecardsCSV = (id: string, code: string) =>
    download(
      client
        .query(ScorecardsCSVQuery, { channelID: id, period: a.period }, { requestPolicy: "network-only" })
        .toPromise()
        .then((r) => r.data?.scorecardsCSV),
      `scorecards-${fileSafe(code)}-${a.period}.csv`,
    );

  return (
    <section aria-labelledby="comparison-title" className="appraisal">
      <h1 id="comparison-title">{t("appraisal.comparison.title")}</h1>
      <p className="lead">{t("appraisal.comparison.intro")}</p>
      {!a.loaded ? (
        <Loading />
      ) : (
        <PeriodPicker value={a.period} today={a.today} onChange={(period) => a.set({ period })} />
      )}
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !data ? null : rows.length === 0 ? (
        <Empty>{t("appraisal.comparison.empty")}</Empty>
      ) : (
        <>
          <div className="kpi-scroll" role="region" aria-label={t("appraisal.comparison.tableLabel", { period: a.period })} tabIndex={0}>
            <table className="kpi-table comparison-table">
              <thead>
                <tr>
                  <th scope="col">{t("appraisal.kpi")}</th>
                  {rows.map((r) => (
                    <th key={r.channel.id} scope="col" className="num" data-channel={r.channel.code}>
                      {localName(r.channel, i18n.language)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {kpis.map((k) => (
                  <tr key={k} data-kpi={k}>
                    <th scope="row">{t(`appraisal.name.${k}`)}</th>
                    {rows.map((r, i) => {
                      const v = kpiValue(r.scorecard, k, locale);
                      const mark = marked[k][i];
                      return (
                        <td
                          key={r.channel.id}
                          className={`num kpi-value${mark ? ` kpi-${mark}` : ""}`}
                          data-channel={r.channel.code}
                          data-rank={rankOf(i, k) ?? undefined}
                          title={formulaText(t, r.scorecard, k, locale)}
                        >
                          {v ?? <span className="kpi-nodata">{t("appraisal.noDataShort")}</span>}
                          {mark && <span className={`badge kpi-mark kpi-mark-${mark}`}>{t(`appraisal.comparison.${mark}`)}</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t("appraisal.comparison.rankNote")}</p>
          <div className="filter">
            <label htmlFor={kpiId}>{t("appraisal.comparison.chartKpi")}</label>
            <select id={kpiId} name="chartKpi" value={chartKpi} onChange={(e) => setChartKpi(e.target.value as Kpi)}>
              {kpis.map((k) => (
                <option key={k} value={k}>
                  {t(`appraisal.name.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="kpi-bars">
            <Suspense fallback={null}>
              <BarsChart
                name={t(`appraisal.name.${chartKpi}`)}
                format={(v) => formatKpi(chartKpi, v, locale)}
                points={rows.map((r, i) => ({
                  label: r.channel.code,
                  value: r.scorecard.explain.find((e) => e.kpi === chartKpi)?.value ?? null,
                  mark: marked[chartKpi][i],
                }))}
              />
            </Suspense>
          </div>
          <h2>{t("appraisal.csvTitle")}</h2>
          <p className="muted">{t("appraisal.csvIntro")}</p>
          <ul className="appraisal-downloads">
            <li>
              <button type="button" className="button csv-download" data-csv="comparison" onClick={comparisonCSV}>
                {t("appraisal.comparisonCSV", { period: a.period })}
              </button>
            </li>
            {rows.map((r) => (
              <li key={r.channel.id}>
                <button type="button" className="button csv-download" data-csv="scorecards" data-channel={r.channel.code} onClick={() => scorecardsCSV(r.channel.id, r.channel.code)}>
                  {t("appraisal.channelScorecardsCSV", { channel: localName(r.channel, i18n.language), period: a.period })}
                </button>
              </li>
            ))}
          </ul>
          {csvError && (
            <p role="alert" className="state state-error">
              {csvError}
            </p>
          )}
        </>
      )}
    </section>
  );
}
