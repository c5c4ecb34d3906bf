import { useEffect, useId, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { RebateSettlementFieldsFragment } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { PolicyAudience } from "../policy/PolicyAudience";
import { formatMoney, formatTime } from "../format";
import { describe, problemsOf } from "../errors";
import { fieldPath, formatRate, programPeriods } from "../incentive/incentive";
import { localName } from "../i18n/localName";

export const RebateProgramQuery = graphql(`
  query RebateProgram($id: ID!) {
    settings {
      today
    }
    node(id: $id) {
      __typename
      id
      ... on RebateProgram {
        name
        description
        periodKind
        firstPeriod
        lastPeriod
        currentPeriod
        tierMode
        categories
        publishedAt
        publishedByName
        products {
          id
          sku
          name
          nameZh
        }
        tiers {
          threshold
          rateBasisPoints
        }
        audience {
          ...AudienceFields
        }
      }
    }
  }
`);

export const RebateSettlementFieldsFragmentDoc = graphql(`
  fragment RebateSettlementFields on RebateSettlement {
    period
    settled
    totalToCredit
    lines {
      dealer {
        id
        code
        name
      }
      basis
      tier {
        threshold
        rateBasisPoints
      }
      earned
      alreadyCredited
      toCredit
      shortfall
      creditNote {
        id
        number
        amount
      }
    }
  }
`);

export const RebateSettlementPreviewQuery = graphql(`
  query RebateSettlementPreview($programID: ID!, $period: Period!) {
    rebateSettlementPreview(programID: $programID, period: $period) {
      ...RebateSettlementFields
    }
  }
`);

export const SettleRebatesMutation = graphql(`
  mutation SettleRebates($programID: ID!, $period: Period!) {
    settleRebates(programID: $programID, period: $period) {
      ...RebateSettlementFields
    }
  }
`);

export const EndRebateProgramMutation = graphql(`
  mutation EndRebateProgram($id: ID!, $lastPeriod: Period!) {
    endRebateProgram(id: $id, lastPeriod: $lastPeriod) {
      id
      lastPeriod
      currentPeriod
    }
  }
`);

/** One rebate program: who it is for, what it covers, its ladder; admins preview and settle a period here. */
export function RebateProgramDetail() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "zh" ? "zh-CN" : "en";
  const { id = "" } = useParams();
  const [{ data: viewer }] = useViewer();
  const admin = viewer?.me.role === "ADMIN";
  const [{ data, error, fetching }, refetch] = useQuery({ query: RebateProgramQuery, variables: { id } });
  const program = data?.node?.__typename === "RebateProgram" ? data.node : null;
  usePageTitle(program?.name ?? t("incentives.programsTitle"));
  const money = (s: string) => formatMoney(s, locale);
  const back = (
    <p className="back">
      <Link to="/rebates">← {t("incentives.backToPrograms")}</Link>
    </p>
  );
  if (fetching && !data) return <Loading />;
  if (error && !data)
    return (
      <>
        {back}
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      </>
    );
  if (!program)
    return (
      <>
        {back}
        <Empty>{t("incentives.programNotFound")}</Empty>
      </>
    );
  return (
    <article aria-labelledby="program-title">
      {back}
      <p className="eyebrow">
        {t(`incentives.periodKind.${program.periodKind}`)} · {t(`incentives.tierMode.${program.tierMode}`)}
      </p>
      <h1 id="program-title">{program.name}</h1>
      {program.description && <p className="lead program-description">{program.description}</p>}
      <dl className="facts">
        <div>
          <dt>{t("incentives.runs")}</dt>
          <dd>
            {program.lastPeriod
              ? t("incentives.runsFromTo", { first: program.firstPeriod, last: program.lastPeriod })
              : t("incentives.runsFrom", { first: program.firstPeriod })}
          </dd>
        </div>
        <div>
          <dt>{t("incentives.currentPeriodLabel")}</dt>
          <dd className="mono">{program.currentPeriod ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("incentives.audience")}</dt>
          <dd>
            <PolicyAudience audience={program.audience} />
          </dd>
        </div>
        <div>
          <dt>{t("incentives.coverage")}</dt>
          <dd>
            {!program.products?.length && !program.categories?.length
              ? t("incentives.everyProduct")
              : [...(program.categories ?? []), ...(program.products ?? []).map((p) => localName(p, i18n.language))].join(", ")}
          </dd>
        </div>
      </dl>
      <p className="muted">{t("incentives.publishedBy", { name: program.publishedByName, time: formatTime(program.publishedAt, locale) })}</p>
      <h2 id="program-tiers">{t("incentives.tiersField")}</h2>
      <table className="table ladder-table" aria-labelledby="program-tiers">
        <thead>
          <tr>
            <th scope="col">{t("incentives.threshold")}</th>
            <th scope="col" className="num">
              {t("incentives.rate")}
            </th>
          </tr>
        </thead>
        <tbody>
          {program.tiers.map((x) => (
            <tr key={x.threshold}>
              <td data-label={t("incentives.threshold")} className="money">
                {t("incentives.fromAmount", { amount: money(x.threshold) })}
              </td>
              <td data-label={t("incentives.rate")} className="num">
                {formatRate(x.rateBasisPoints, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin && data && (
        <EndProgram
          programID={program.id}
          periods={programPeriods(program.firstPeriod, program.lastPeriod, program.periodKind, data.settings.today).concat(
            // A program not begun yet can still be ended with its first period.
            program.firstPeriod > data.settings.today ? [program.firstPeriod] : [],
          )}
          last={program.lastPeriod ?? null}
        />
      )}
      {admin && data && (
        <Settlement
          programID={program.id}
          periods={programPeriods(program.firstPeriod, program.lastPeriod, program.periodKind, data.settings.today)}
          current={program.currentPeriod ?? null}
        />
      )}
    </article>
  );
}

/**
 * End the program with a period of its own: it earns nothing after. The
 * server refuses a period before one already settled; that shows on the field.
 */
function EndProgram({ programID, periods, last }: { programID: string; periods: string[]; last: string | null }) {
  const { t } = useTranslation();
  const fieldId = useId();
  const [period, setPeriod] = useState(() => last ?? periods[0] ?? "");
  const [ended, setEnded] = useState<string | null>(null);
  const [state, end] = useMutation(EndRebateProgramMutation);
  const problems = problemsOf(state.error);
  const onField = problems
    .filter((p) => p.code === "INVALID_INPUT" && fieldPath(p.field).root === "lastPeriod")
    .map(() => t("incentives.end.refused.field.lastPeriod"))[0];
  const other = problems.filter((p) => !(p.code === "INVALID_INPUT" && fieldPath(p.field).root === "lastPeriod")).map((p) => describe(t, p, "incentives.refused"))[0];
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setEnded(null);
    const r = await end({ id: programID, lastPeriod: period });
    if (!r.error && r.data) setEnded(r.data.endRebateProgram.lastPeriod ?? period);
  };
  return (
    <section aria-labelledby="end-program-title" className="end-program">
      <h2 id="end-program-title">{t("incentives.end.title")}</h2>
      <p className="muted">{t("incentives.end.intro")}</p>
      <form className="filter" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={fieldId}>{t("incentives.end.lastPeriod")}</label>
          <select id={fieldId} name="lastPeriod" value={period} onChange={(e) => (setPeriod(e.target.value), setEnded(null))}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          {onField && (
            <p className="field-error" role="alert">
              {onField}
            </p>
          )}
        </div>
        <button type="submit" className="button" data-action="end-program" disabled={!period || state.fetching}>
          {t("incentives.end.action")}
        </button>
      </form>
      {other && (
        <p className="field-error" role="alert">
          {other}
        </p>
      )}
      {ended && (
        <p className="notice notice-ok" role="status">
          {t("incentives.end.ended", { period: ended })}
        </p>
      )}
    </section>
  );
}

/** Choose a period, preview what settling it credits, then settle it after confirming. */
function Settlement({ programID, periods, current }: { programID: string; periods: string[]; current: string | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "zh" ? "zh-CN" : "en";
  const periodId = useId();
  // The latest period that has ended is the one usually settled.
  const [period, setPeriod] = useState(() => periods.find((p) => p !== current) ?? periods[0] ?? "");
  const [asked, setAsked] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<RebateSettlementFieldsFragment | null>(null);
  const [preview, refetchPreview] = useQuery({
    query: RebateSettlementPreviewQuery,
    variables: { programID, period: asked ?? "" },
    pause: !asked,
    requestPolicy: "network-only",
  });
  const [settleState, settle] = useMutation(SettleRebatesMutation);
  useEffect(() => {
    setConfirming(false);
  }, [period]);

  const choose = (p: string) => {
    setPeriod(p);
    setAsked(null);
    setDone(null);
  };
  const onSettle = async () => {
    const r = await settle({ programID, period });
    setConfirming(false);
    if (!r.error && r.data) {
      setDone(r.data.settleRebates);
      refetchPreview({ requestPolicy: "network-only" });
    }
  };
  const refusal = problemsOf(settleState.error).map((p) => describe(t, p, "incentives.settleRefused"))[0];
  const shown = preview.data?.rebateSettlementPreview;
  return (
    <section aria-labelledby="settlement-title" className="settlement">
      <h2 id="settlement-title">{t("incentives.settlement")}</h2>
      <p className="muted">{t("incentives.settlementIntro")}</p>
      <div className="filter">
        <label htmlFor={periodId}>{t("incentives.periodLabel")}</label>
        <select id={periodId} name="period" value={period} onChange={(e) => choose(e.target.value)}>
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
              {p === current ? ` (${t("incentives.running")})` : ""}
            </option>
          ))}
        </select>
        <button type="button" className="button" data-action="preview" disabled={!period} onClick={() => (setAsked(period), setDone(null))}>
          {t("incentives.preview")}
        </button>
      </div>
      {asked && preview.fetching && !shown && <Loading />}
      {asked && preview.error && !shown && <ErrorMessage error={preview.error} />}
      {shown && asked === period && (
        <>
          <SettlementTable settlement={shown} caption={t("incentives.previewCaption", { period: shown.period })} />
          {!confirming ? (
            <p className="actions-row">
              <button type="button" className="button button-primary" data-action="settle" onClick={() => setConfirming(true)}>
                {t("incentives.settle")}
              </button>
            </p>
          ) : (
            <div className="notice confirm-settle" role="alertdialog" aria-labelledby="confirm-settle-text">
              <p id="confirm-settle-text">
                {t("incentives.confirmSettle", {
                  period,
                  amount: formatMoney(shown.totalToCredit, locale),
                  count: shown.lines.filter((l) => Number(l.toCredit) > 0).length,
                })}
              </p>
              <p className="actions-row">
                <button type="button" className="button button-primary" data-action="confirm-settle" disabled={settleState.fetching} onClick={onSettle}>
                  {t("incentives.confirm")}
                </button>{" "}
                <button type="button" className="button" data-action="cancel-settle" onClick={() => setConfirming(false)}>
                  {t("incentives.cancel")}
                </button>
              </p>
            </div>
          )}
        </>
      )}
      {refusal && !confirming && (
        <p className="field-error settle-error" role="alert">
          {refusal}
        </p>
      )}
      {done && (
        <div className="settled-result">
          <p className="notice notice-ok" role="status">
            {t("incentives.settledNotice", { period: done.period, amount: formatMoney(done.totalToCredit, locale) })}
          </p>
          <SettlementTable settlement={done} caption={t("incentives.settledCaption", { period: done.period })} />
        </div>
      )}
    </section>
  );
}

function SettlementTable({ settlement, caption }: { settlement: RebateSettlementFieldsFragment; caption: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "zh" ? "zh-CN" : "en";
  const money = (s: string) => formatMoney(s, locale);
  const cols = ["dealer", "basis", "tier", "earned", "alreadyCredited", "toCredit", "shortfall"] as const;
  return (
    <table className={`table settlement-table${settlement.settled ? " settlement-done" : " settlement-preview"}`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c} scope="col" className={c === "dealer" || c === "tier" ? undefined : "num"}>
              {t(`incentives.col.${c}`)}
            </th>
          ))}
          {settlement.settled && <th scope="col">{t("incentives.col.creditNote")}</th>}
        </tr>
      </thead>
      <tbody>
        {settlement.lines.map((l) => (
          <tr key={l.dealer.id} data-dealer={l.dealer.code}>
            <th scope="row" data-label={t("incentives.col.dealer")}>
              <Link to={`/dealers/${encodeURIComponent(l.dealer.id)}`}>{l.dealer.name}</Link> <span className="muted mono">{l.dealer.code}</span>
            </th>
            <td className="num" data-label={t("incentives.col.basis")}>
              {money(l.basis)}
            </td>
            <td data-label={t("incentives.col.tier")}>{l.tier ? formatRate(l.tier.rateBasisPoints, locale) : "—"}</td>
            <td className="num" data-label={t("incentives.col.earned")}>
              {money(l.earned)}
            </td>
            <td className="num" data-label={t("incentives.col.alreadyCredited")}>
              {money(l.alreadyCredited)}
            </td>
            <td className="num" data-label={t("incentives.col.toCredit")} data-fact="to-credit">
              {money(l.toCredit)}
            </td>
            <td className="num" data-label={t("incentives.col.shortfall")}>
              {Number(l.shortfall) > 0 ? <span className="badge badge-hold">{money(l.shortfall)}</span> : money(l.shortfall)}
            </td>
            {settlement.settled && (
              <td data-label={t("incentives.col.creditNote")} className="mono credit-note">
                {l.creditNote ? `${l.creditNote.number} · ${money(l.creditNote.amount)}` : "—"}
              </td>
            )}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("incentives.total")}</th>
          <td colSpan={4} />
          <td className="num total-to-credit" data-label={t("incentives.col.toCredit")}>
            <strong>{money(settlement.totalToCredit)}</strong>
          </td>
          <td colSpan={settlement.settled ? 2 : 1} />
        </tr>
      </tfoot>
    </table>
  );
}
