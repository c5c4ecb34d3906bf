import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { LeadConversionCard } from "../deals/LeadConversionCard";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import type { ScorecardFieldsFragment } from "../gql/graphql";
import { BusinessTodayQuery, MyPerformanceQuery } from "./ops";
import { kpisOf, periodOf, trendEnding } from "./appraisal";
import { formulaText, kpiValue, localeOf } from "./kpiText";
import { KpiTrend } from "./KpiTrend";

// The KPIs of the quota cards; the rest follow, each with its trend.
const QUOTA_KPIS = ["NET_SALES", "QUOTA", "QUOTA_COMPLETION"] as const;

/** Net sales against quota for one period, as the API computed them. */
function QuotaSummary({ title, card }: { title: string; card: ScorecardFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return (
    <li className="card perf-quota" data-period={card.period}>
      <p className="card-title">
        <strong>{title}</strong> <span className="mono muted">{card.period}</span>
      </p>
      <dl className="perf-figures">
        {QUOTA_KPIS.map((k) => {
          const v = kpiValue(card, k, locale);
          return (
            <div key={k} data-kpi={k}>
              <dt>{t(`appraisal.name.${k}`)}</dt>
              <dd className="kpi-value">{v ?? <span className="kpi-nodata">{t("appraisal.noDataShort")}</span>}</dd>
            </div>
          );
        })}
      </dl>
      <p className="muted kpi-formula">{formulaText(t, card, "QUOTA_COMPLETION", locale)}</p>
    </li>
  );
}

/**
 * A dealer's own performance: this month and this year against quota, then
 * every KPI of this month and this year with the formula behind it and its
 * last twelve months as a chart. Periods follow today's business date.
 */
export function MyPerformance() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("appraisal.my.title"));
  const locale = localeOf(i18n.language);
  const [{ data: viewer }] = useViewer();
  const dealerID = viewer?.me.dealer?.id ?? "";
  const [{ data: day }] = useQuery({ query: BusinessTodayQuery });
  const today = day?.settings.today ?? "";
  const month = today ? periodOf("MONTH", today) : "";
  const year = today ? periodOf("YEAR", today) : "";
  const [{ data, error, fetching }, refetch] = useQuery({
    query: MyPerformanceQuery,
    variables: { dealerID, month, year },
    pause: !dealerID || !today,
  });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const range = month ? trendEnding(month, 12) : { from: "", to: "" };

  return (
    <section aria-labelledby="perf-title" className="performance">
      <h1 id="perf-title">{t("appraisal.my.title")}</h1>
      <p className="lead">{t("appraisal.my.intro")}</p>
      {!dealerID ? (
        <Empty>{t("appraisal.my.noDealer")}</Empty>
      ) : fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <ul className="cards perf-quotas">
            <QuotaSummary title={t("appraisal.my.thisMonth")} card={data.month} />
            <QuotaSummary title={t("appraisal.my.thisYear")} card={data.year} />
          </ul>
          <LeadConversionCard dealerID={dealerID} period={year} />
          <h2 id="perf-kpis">{t("appraisal.my.kpisTitle")}</h2>
          <p className="muted">{t("appraisal.my.kpisIntro", { from: range.from, to: range.to })}</p>
          <ul className="cards perf-kpis" aria-labelledby="perf-kpis">
            {kpisOf("dealer").map((k) => {
              const m = kpiValue(data.month, k, locale);
              const y = kpiValue(data.year, k, locale);
              return (
                <li key={k} className="card perf-kpi" data-kpi={k}>
                  <p className="card-title">
                    <strong>{t(`appraisal.name.${k}`)}</strong>
                  </p>
                  <dl className="perf-figures">
                    <div data-period={data.month.period}>
                      <dt>{t("appraisal.my.thisMonth")}</dt>
                      <dd className="kpi-value">{m ?? <span className="kpi-nodata">{t("appraisal.noDataShort")}</span>}</dd>
                    </div>
                    <div data-period={data.year.period}>
                      <dt>{t("appraisal.my.thisYear")}</dt>
                      <dd className="kpi-value">{y ?? <span className="kpi-nodata">{t("appraisal.noDataShort")}</span>}</dd>
                    </div>
                  </dl>
                  <p className="muted kpi-formula">{formulaText(t, data.month, k, locale)}</p>
                  <KpiTrend subject={{ dealerID }} kpi={k} from={range.from} to={range.to} />
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
