import { useId, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { SignalRuleFieldsFragment } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { NotFound } from "../pages/NotFound";
import { describe, problemsOf } from "../errors";
import { formatTime } from "../format";
import { SignalRulesQuery, UpdateSignalRuleMutation } from "./ops";
import { stepOf, thresholdIndexOf, trimNum } from "./signals";

type Rule = SignalRuleFieldsFragment;

/**
 * The ten rules as they run now: what each watches, per which period, when
 * it is evaluated, and its thresholds with their defaults and ranges.
 * Administrators switch rules on and off and change thresholds here.
 */
export function SignalRules() {
  const { t } = useTranslation();
  usePageTitle(t("signals.rules.title"));
  const [{ data: viewer }] = useViewer();
  const admin = viewer?.me.role === "ADMIN";
  const [{ data, error, fetching }, refetch] = useQuery({ query: SignalRulesQuery });
  if (viewer?.me.role === "DEALER") return <NotFound />;
  return (
    <section aria-labelledby="signal-rules-title" className="signals signal-rules">
      <div className="page-head">
        <h1 id="signal-rules-title">{t("signals.rules.title")}</h1>
        <Link className="button" to="/signals">
          {t("signals.rules.back")}
        </Link>
      </div>
      <p className="lead">{admin ? t("signals.rules.introAdmin") : t("signals.rules.intro")}</p>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : (
        <ol className="cards signal-rule-list">
          {data?.signalRules.map((r) => (
            <RuleCard key={r.rule} r={r} admin={admin} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** Threshold values for the condition's wording: in the unit, trimmed. */
function conditionValues(r: Rule): Record<string, string> {
  return Object.fromEntries(r.thresholds.map((th) => [th.name, trimNum(th.value, 4)]));
}

function RuleCard({ r, admin }: { r: Rule; admin: boolean }) {
  const { t, i18n } = useTranslation();
  const enabledId = useId();
  const baseId = useId();
  const [enabled, setEnabled] = useState(r.enabled);
  const [values, setValues] = useState<string[]>(() => r.thresholds.map((th) => String(th.value)));
  const [fieldProblems, setFieldProblems] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState("");
  const [done, setDone] = useState(false);
  const [{ fetching }, update] = useMutation(UpdateSignalRuleMutation);

  const onSave = async (e: React.FormEvent) => {
    e.preventDefault();
    setDone(false);
    setProblem("");
    const empty: Record<number, string> = {};
    values.forEach((v, i) => {
      if (v.trim() === "" || Number.isNaN(Number(v))) empty[i] = t("signals.rules.needNumber");
    });
    setFieldProblems(empty);
    if (Object.keys(empty).length) return;
    const r2 = await update({
      rule: r.rule,
      input: { enabled, thresholds: r.thresholds.map((th, i) => ({ name: th.name, value: Number(values[i]) })) },
    });
    if (!r2.error) {
      setDone(true);
      return;
    }
    // INVALID_INPUT names the field: a threshold's message goes next to it.
    const byField: Record<number, string> = {};
    let general = "";
    for (const p of problemsOf(r2.error)) {
      const i = p.code === "INVALID_INPUT" ? thresholdIndexOf(p.field) : null;
      const text = describe(t, p, "signals.rules.refused");
      if (i != null && i >= 0 && i < r.thresholds.length) byField[i] = text;
      else if (i === -1 && r.thresholds.length === 1) byField[0] = text;
      else general = general || text;
    }
    setFieldProblems(byField);
    setProblem(general);
  };

  const ruleName = t(`signals.rule.${r.rule}`);
  return (
    <li className="card signal-rule" data-rule={r.rule} data-enabled={r.enabled}>
      <h2>
        <span className="signals-rule-no">{r.rule}.</span> {ruleName}
        {!r.enabled && <span className="badge badge-signal-off">{t("signals.rules.off")}</span>}
      </h2>
      <p className="signal-rule-condition">{t(`signals.condition.${r.rule}`, conditionValues(r))}</p>
      <dl className="signal-rule-facts">
        <dt>{t("signals.rules.subjects")}</dt>
        <dd>{r.subjects.map((s) => t(`signals.subjectKind.${s}`)).join(", ")}</dd>
        <dt>{t("signals.rules.period")}</dt>
        <dd>{t(`signals.rules.periodKind.${r.periodKind}`)}</dd>
        <dt>{t("signals.rules.when")}</dt>
        <dd>{r.wholePeriods ? t("signals.rules.wholePeriods") : t("signals.rules.asSoon")}</dd>
        {r.updatedAt && (
          <>
            <dt>{t("signals.rules.changed")}</dt>
            <dd>{t("signals.rules.changedBy", { at: formatTime(r.updatedAt, i18n.language), name: r.updatedByName ?? "" })}</dd>
          </>
        )}
      </dl>
      {admin ? (
        <form className="signal-rule-form" onSubmit={onSave} noValidate>
          <label className="check" htmlFor={enabledId}>
            <input id={enabledId} type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t("signals.rules.enabled")}
          </label>
          {r.thresholds.map((th, i) => {
            const id = `${baseId}-${i}`;
            const hint = `${id}-hint`;
            return (
              <div key={th.name} className="field signal-threshold" data-threshold={th.name}>
                <label htmlFor={id}>
                  {t(`signals.threshold.${th.name}`)} ({t(`signals.unit.${th.unit}`)})
                </label>
                <input
                  id={id}
                  type="number"
                  name={th.name}
                  inputMode="decimal"
                  step={stepOf(th.unit)}
                  min={th.min}
                  max={th.max}
                  value={values[i]}
                  aria-describedby={hint}
                  aria-invalid={!!fieldProblems[i]}
                  onChange={(e) => setValues((v) => v.map((x, j) => (j === i ? e.target.value : x)))}
                />
                <p id={hint} className="hint">
                  {t("signals.rules.range", { default: trimNum(th.default, 4), min: trimNum(th.min, 4), max: trimNum(th.max, 4) })}
                </p>
                {fieldProblems[i] && (
                  <p className="field-error" role="alert">
                    {fieldProblems[i]}
                  </p>
                )}
              </div>
            );
          })}
          <div className="inline-form">
            <button type="submit" className="button button-primary" disabled={fetching}>
              {t("signals.rules.save")}
            </button>
            {done && (
              <span className="notice-ok" role="status">
                {t("signals.rules.saved")}
              </span>
            )}
            {problem && (
              <span className="field-error" role="alert">
                {problem}
              </span>
            )}
          </div>
        </form>
      ) : r.thresholds.length > 0 ? (
        <table className="table signal-thresholds">
          <thead>
            <tr>
              <th scope="col">{t("signals.rules.threshold")}</th>
              <th scope="col">{t("signals.rules.value")}</th>
              <th scope="col">{t("signals.rules.default")}</th>
              <th scope="col">{t("signals.rules.allowed")}</th>
            </tr>
          </thead>
          <tbody>
            {r.thresholds.map((th) => (
              <tr key={th.name} data-threshold={th.name}>
                <th scope="row" data-label={t("signals.rules.threshold")}>
                  {t(`signals.threshold.${th.name}`)}
                </th>
                <td data-label={t("signals.rules.value")}>
                  {trimNum(th.value, 4)} {t(`signals.unit.${th.unit}`)}
                </td>
                <td data-label={t("signals.rules.default")}>{trimNum(th.default, 4)}</td>
                <td data-label={t("signals.rules.allowed")}>
                  {trimNum(th.min, 4)} – {trimNum(th.max, 4)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">{t("signals.rules.noThresholds")}</p>
      )}
    </li>
  );
}
