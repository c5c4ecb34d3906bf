import { lazy, Suspense, useState } from "react";
import { LeadConversionCard } from "../deals/LeadConversionCard";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useClient, useQuery } from "urql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { ScorecardQuery, ScorecardsCSVQuery } from "./ops";
import { downloadCSV, fileSafe, formatKpi, isRatio, kpisOf, trendUpTo, type Kpi } from "./appraisal";
import { localeOf } from "./kpiText";
import { KpiTable } from "./KpiTable";
import { KpiTrend } from "./KpiTrend";
import { PeriodPicker, SubjectPicker } from "./Pickers";
import { useAppraisalParams } from "./useAppraisal";
import { localName } from "../i18n/localName";

const BarsChart = lazy(() => import("./BarsChart"));

/**
 * A scorecard of a dealer, a channel or a territory for a month, quarter or
 * year: every KPI with the formula behind it, the ratios as bars, one KPI's
 * trend up to the period, and for a channel its dealers' scorecards as CSV.
 */
export function Scorecards() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("appraisal.scorecard.title"));
  const locale = localeOf(i18n.language);
  const client = useClient();
  const [{ data: viewer }] = useViewer();
  const a = useAppraisalParams();
  // ?kpi= (a link from a signal) chooses the trend shown first.
  const askedKpi = a.params.get("kpi") as Kpi | null;
  const [trendKpi, setTrendKpi] = useState<Kpi>(askedKpi && kpisOf(a.kind).includes(askedKpi) ? askedKpi : "QUOTA_COMPLETION");
  const [csvError, setCsvError] = useState("");
  const staff = viewer?.me.role !== undefined && viewer.me.role !== "DEALER";
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ScorecardQuery,
    variables: { ...a.subject, period: a.period },
    pause: !staff || !a.id || !a.period,
  });

  if (viewer?.me.role === "DEALER") {
    return (
      <section>
        <h1>{t("appraisal.scorecard.title")}</h1>
        <Empty>
          {t("appraisal.scorecard.staffOnly")} <Link to="/performance">{t("appraisal.my.title")}</Link>
        </Empty>
      </section>
    );
  }

  const card = data?.scorecard;
  const kpis = kpisOf(a.kind);
  const ratios = kpis.filter(isRatio);
  const subject = card?.dealer ?? card?.channel ?? card?.territory;
  const subjectName = subject ? localName(subject, i18n.language) : "";
  const channelCode = a.kind === "channel" ? (a.name?.code ?? "") : "";

  const onCSV = async () => {
    setCsvError("");
    const r = await client.query(ScorecardsCSVQuery, { channelID: a.id, period: a.period }, { requestPolicy: "network-only" }).toPromise();
    if (!r.data) {
      setCsvError(t("appraisal.csvFailed"));
      return;
    }
    downloadCSV(r.data.scorecardsCSV, `scorecards-${fileSafe(channelCode)}-${a.period}.csv`);
  };

  return (
    <section aria-labelledby="scorecard-title" className="appraisal">
      <h1 id="scorecard-title">{t("appraisal.scorecard.title")}</h1>
      <p className="lead">{t("appraisal.scorecard.intro")}</p>
      {a.error && !a.loaded ? (
        <ErrorMessage error={a.error} onRetry={() => a.refetch({ requestPolicy: "network-only" })} />
      ) : !a.loaded ? (
        <Loading />
      ) : (
        <>
          <div className="appraisal-pickers">
            <SubjectPicker kind={a.kind} id={a.id} options={a.options} onChange={(kind, id) => a.set({ kind, id })} />
            <PeriodPicker value={a.period} today={a.today} onChange={(period) => a.set({ period })} />
          </div>
          {!a.id ? (
            <Empty>{t("appraisal.noSubjects")}</Empty>
          ) : fetching && !data ? (
            <Loading />
          ) : error && !data ? (
            <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
          ) : card ? (
            <>
              <h2 className="scorecard-subject" data-period={card.period}>
                {t("appraisal.scorecard.of", { name: subjectName, period: card.period })}
              </h2>
              {a.kind === "channel" && (
                <p className="appraisal-actions">
                  <button type="button" className="button csv-download" data-csv="scorecards" onClick={onCSV}>
                    {t("appraisal.scorecardsCSV", { period: a.period })}
                  </button>
                  {csvError && (
                    <span role="alert" className="state-error">
                      {csvError}
                    </span>
                  )}
                </p>
              )}
              <KpiTable card={card} kpis={kpis} onTrend={setTrendKpi} />
              {a.kind === "dealer" && <LeadConversionCard dealerID={a.id} period={a.period} />}
              <h3>{t("appraisal.scorecard.ratios")}</h3>
              <div className="kpi-bars">
                <Suspense fallback={null}>
                  <BarsChart
                    name={t("appraisal.value")}
                    format={(v) => formatKpi("QUOTA_COMPLETION", v, locale)}
                    points={ratios.map((k) => ({ label: t(`appraisal.short.${k}`), value: card.explain.find((e) => e.kpi === k)?.value ?? null }))}
                  />
                </Suspense>
              </div>
              <h3 id="scorecard-trend">{t("appraisal.trendOf", { kpi: t(`appraisal.name.${trendKpi}`) })}</h3>
              <KpiTrend subject={a.subject} kpi={trendKpi} {...trendUpTo(a.period)} />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
