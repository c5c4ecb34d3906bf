import { useId } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { kpisOf, periodOf, trendEnding, type Kpi } from "./appraisal";
import { KpiTrend } from "./KpiTrend";
import { SubjectPicker } from "./Pickers";
import { useAppraisalParams } from "./useAppraisal";

type Step = "MONTH" | "QUARTER" | "YEAR";
const STEPS: Record<Step, number> = { MONTH: 12, QUARTER: 8, YEAR: 5 };

/**
 * One KPI of a dealer, a channel or a territory over the last months,
 * quarters or years up to today's business date, as the API's trend gives
 * it: a line chart and the points as a table.
 */
export function Trends() {
  const { t } = useTranslation();
  usePageTitle(t("appraisal.trends.title"));
  const kpiId = useId();
  const stepId = useId();
  const [{ data: viewer }] = useViewer();
  const a = useAppraisalParams();
  const kpis = kpisOf(a.kind);
  const askedKpi = a.params.get("kpi") as Kpi | null;
  const kpi: Kpi = askedKpi && kpis.includes(askedKpi) ? askedKpi : "NET_SALES";
  const askedStep = a.params.get("by") as Step | null;
  const step: Step = askedStep && askedStep in STEPS ? askedStep : "MONTH";
  const range = a.today ? trendEnding(periodOf(step, a.today), STEPS[step]) : { from: "", to: "" };
  const setParam = (key: string, value: string) => {
    const p = new URLSearchParams(a.params);
    p.set(key, value);
    a.setParams(p, { replace: true });
  };

  if (viewer?.me.role === "DEALER") {
    return (
      <section>
        <h1>{t("appraisal.trends.title")}</h1>
        <Empty>
          {t("appraisal.scorecard.staffOnly")} <Link to="/performance">{t("appraisal.my.title")}</Link>
        </Empty>
      </section>
    );
  }

  return (
    <section aria-labelledby="trends-title" className="appraisal">
      <h1 id="trends-title">{t("appraisal.trends.title")}</h1>
      <p className="lead">{t("appraisal.trends.intro")}</p>
      {a.error && !a.loaded ? (
        <ErrorMessage error={a.error} onRetry={() => a.refetch({ requestPolicy: "network-only" })} />
      ) : !a.loaded ? (
        <Loading />
      ) : (
        <>
          <div className="appraisal-pickers">
            <SubjectPicker kind={a.kind} id={a.id} options={a.options} onChange={(kind, id) => a.set({ kind, id })} />
            <div className="filter">
              <label htmlFor={kpiId}>{t("appraisal.kpi")}</label>
              <select id={kpiId} name="kpi" value={kpi} onChange={(e) => setParam("kpi", e.target.value)}>
                {kpis.map((k) => (
                  <option key={k} value={k}>
                    {t(`appraisal.name.${k}`)}
                  </option>
                ))}
              </select>
              <label htmlFor={stepId}>{t("appraisal.trends.by")}</label>
              <select id={stepId} name="by" value={step} onChange={(e) => setParam("by", e.target.value)}>
                {(Object.keys(STEPS) as Step[]).map((s) => (
                  <option key={s} value={s}>
                    {t(`appraisal.trends.step.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {!a.id ? (
            <Empty>{t("appraisal.noSubjects")}</Empty>
          ) : (
            <>
              <h2>{t("appraisal.trends.of", { kpi: t(`appraisal.name.${kpi}`), name: a.name?.name ?? "", from: range.from, to: range.to })}</h2>
              <KpiTrend subject={a.subject} kpi={kpi} from={range.from} to={range.to} list />
            </>
          )}
        </>
      )}
    </section>
  );
}
