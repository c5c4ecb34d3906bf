import { lazy, Suspense, useEffect, useId, useState } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { FundClaimFieldsFragment, FundClaimStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { describe, problemsOf } from "../errors";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate, formatMoney } from "../format";
import { Attachments, FilesToSend, useFilesToSend } from "../attachments/Attachments";
import {
  ApproveFundClaimMutation,
  CLAIM_STATUSES,
  ClaimMarketingFundMutation,
  FundBudgetsQuery,
  FundClaimsQuery,
  RejectFundClaimMutation,
} from "./ops";

const BudgetChart = lazy(() => import("./BudgetChart"));
const SCOPE = "funds.refused";
const PAGE_SIZE = 20;

function isStatus(s: string | null): s is FundClaimStatus {
  return !!s && (CLAIM_STATUSES as readonly string[]).includes(s);
}

/**
 * Marketing funds: a dealer's budgets, with what is left of each as a bar,
 * the form to claim spend and its claims; for staff, the claims desk.
 */
export function Funds() {
  const { t } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = !!viewer && viewer.me.role !== "DEALER";
  const title = staff ? t("funds.deskTitle") : t("funds.title");
  usePageTitle(title);
  // Bumped by each claim made here: the list of claims is read again.
  const [claimed, setClaimed] = useState(0);
  if (!viewer) return <Loading />;
  return (
    <section aria-labelledby="funds-title">
      <div className="page-head">
        <h1 id="funds-title">{title}</h1>
      </div>
      <p className="lead">{staff ? t("funds.deskIntro") : t("funds.intro")}</p>
      {!staff && <Budgets onClaimed={() => setClaimed((n) => n + 1)} />}
      <Claims staff={staff} claimed={claimed} />
    </section>
  );
}

function Budgets({ onClaimed }: { onClaimed: () => void }) {
  const { t, i18n } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({ query: FundBudgetsQuery });
  const [claiming, setClaiming] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });
  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />;
  const budgets = data?.fundBudgets.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  if (!budgets.length) return <Empty>{t("funds.noBudgets")}</Empty>;
  const money = (m: string) => formatMoney(m, i18n.language);
  return (
    <section aria-labelledby="funds-budgets" className="card">
      <h2 id="funds-budgets">{t("funds.budgets")}</h2>
      <Suspense fallback={<Loading />}>
        <BudgetChart
          rows={budgets.map((b) => ({
            fund: `${b.fund.name} ${b.fund.period}`,
            approved: Number(b.approved),
            pending: Number(b.pending),
            remaining: Number(b.remaining),
          }))}
        />
      </Suspense>
      <table className="table funds-table">
        <thead>
          <tr>
            <th scope="col">{t("funds.fund")}</th>
            <th scope="col">{t("funds.period")}</th>
            <th scope="col" className="num">{t("funds.budget")}</th>
            <th scope="col" className="num">{t("funds.approved")}</th>
            <th scope="col" className="num">{t("funds.pending")}</th>
            <th scope="col" className="num">{t("funds.remaining")}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {budgets.map((b) => (
            <tr key={b.id} data-fund={b.fund.name}>
              <th scope="row" data-label={t("funds.fund")}>
                {b.fund.name}
                {b.fund.budgetKind === "SHARE_OF_NET_INVOICED" && b.fund.budgetBasisPoints != null && (
                  <span className="muted">
                    {" "}
                    · {t("funds.share", { percent: b.fund.budgetBasisPoints / 100, net: money(b.netInvoiced ?? "0") })}
                  </span>
                )}
              </th>
              <td data-label={t("funds.period")}>{b.fund.period}</td>
              <td data-label={t("funds.budget")} className="num money">{money(b.budget)}</td>
              <td data-label={t("funds.approved")} className="num money">{money(b.approved)}</td>
              <td data-label={t("funds.pending")} className="num money">{money(b.pending)}</td>
              <td data-label={t("funds.remaining")} className="num money" data-field="remaining">{money(b.remaining)}</td>
              <td>
                {Number(b.remaining) > 0 && claiming !== b.id && (
                  <button type="button" className="button" data-action="claim" onClick={() => setClaiming(b.id)}>
                    {t("funds.claim")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {claiming && (
        <ClaimForm
          budgetID={claiming}
          remaining={budgets.find((b) => b.id === claiming)?.remaining ?? "0"}
          onCancel={() => setClaiming(null)}
          onDone={() => {
            setClaiming(null);
            reload();
            onClaimed();
          }}
        />
      )}
    </section>
  );
}

function ClaimForm({ budgetID, remaining, onCancel, onDone }: { budgetID: string; remaining: string; onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [activity, setActivity] = useState("");
  const [activityOn, setActivityOn] = useState("");
  const [amount, setAmount] = useState("");
  const [description, setDescription] = useState("");
  const [attachment, setAttachment] = useState("");
  const [{ fetching, error }, claim] = useMutation(ClaimMarketingFundMutation);
  const files = useFilesToSend();
  // Claimed, with files the server refused: they stay listed with the reason.
  const [claimed, setClaimed] = useState(false);
  const problem = problemsOf(error)[0];
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await claim({
      input: {
        budgetID,
        activity,
        activityOn,
        amount: amount.trim(),
        description,
        attachments: attachment.trim() ? [attachment.trim()] : [],
      },
    });
    if (r.error || !r.data) return;
    if (await files.send(r.data.claimMarketingFund.id)) onDone();
    else setClaimed(true);
  };
  return (
    <form className="form claim-form" onSubmit={submit} aria-label={t("funds.claimTitle")}>
      <h3>{t("funds.claimTitle")}</h3>
      <p className="muted">{t("funds.claimAtMost", { amount: formatMoney(remaining, i18n.language) })}</p>
      <label htmlFor={`${id}-activity`}>{t("funds.activity")}</label>
      <input id={`${id}-activity`} name="activity" required maxLength={200} value={activity} onChange={(e) => setActivity(e.target.value)} />
      <label htmlFor={`${id}-on`}>{t("funds.activityOn")}</label>
      <input id={`${id}-on`} name="activityOn" type="date" required value={activityOn} onChange={(e) => setActivityOn(e.target.value)} />
      <label htmlFor={`${id}-amount`}>{t("funds.amount")}</label>
      <input id={`${id}-amount`} name="amount" inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />
      <label htmlFor={`${id}-description`}>{t("funds.description")}</label>
      <textarea id={`${id}-description`} name="description" maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      <label htmlFor={`${id}-attachment`}>{t("funds.attachment")}</label>
      <input id={`${id}-attachment`} name="attachment" type="url" value={attachment} onChange={(e) => setAttachment(e.target.value)} />
      <FilesToSend files={files} />
      {problem && (
        <p className="field-error" role="alert" data-field={problem.field}>
          {describe(t, problem, SCOPE)}
        </p>
      )}
      {claimed ? (
        <p className="actions-row">
          <button type="button" className="button" onClick={onDone}>
            {t("attachments.close")}
          </button>
        </p>
      ) : (
        <p className="actions-row">
          <button type="submit" className="button primary" data-action="submit-claim" disabled={fetching || !!files.sending}>
            {t("funds.submitClaim")}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t("funds.cancel")}
          </button>
        </p>
      )}
    </form>
  );
}

function Claims({ staff, claimed }: { staff: boolean; claimed: number }) {
  const { t, i18n } = useTranslation();
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const chosen = params.get("status");
  const status = isStatus(chosen) ? chosen : null;
  // The desk opens on the claims waiting for a decision; "all" lifts it.
  const statuses: FundClaimStatus[] | null = status ? [status] : staff && chosen !== "all" ? ["SUBMITTED"] : null;
  const after = params.get("after");
  const before = params.get("before");
  const variables = { statuses, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }) };
  const [{ data, error, fetching }, refetch] = useQuery({ query: FundClaimsQuery, variables });
  const reload = () => refetch({ requestPolicy: "network-only" });
  useEffect(() => {
    if (claimed > 0) refetch({ requestPolicy: "network-only" });
  }, [claimed, refetch]);
  const claims = data?.fundClaims;
  const money = (m: string) => formatMoney(m, i18n.language);
  return (
    <section aria-labelledby="funds-claims">
      <h2 id="funds-claims">{staff ? t("funds.deskClaims") : t("funds.claims")}</h2>
      <div className="filter">
        <label htmlFor={filterId}>{t("funds.filterStatus")}</label>
        <select
          id={filterId}
          value={status ?? (staff && chosen !== "all" ? "" : "all")}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}
        >
          {staff && <option value="">{t("funds.waiting")}</option>}
          <option value="all">{t("funds.allStatuses")}</option>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`fundClaimStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !claims || claims.totalCount === 0 ? (
        <Empty>{staff ? t("funds.deskEmpty") : t("funds.noClaims")}</Empty>
      ) : (
        <>
          <table className="table claims-table">
            <thead>
              <tr>
                <th scope="col">{t("funds.number")}</th>
                {staff && <th scope="col">{t("funds.dealer")}</th>}
                <th scope="col">{t("funds.fund")}</th>
                <th scope="col">{t("funds.activity")}</th>
                <th scope="col">{t("funds.activityOn")}</th>
                <th scope="col" className="num">{t("funds.amount")}</th>
                <th scope="col">{t("funds.status")}</th>
                <th scope="col" className="num">{t("funds.paid")}</th>
              </tr>
            </thead>
            <tbody>
              {claims.edges?.map((edge) => {
                const c = edge?.node;
                if (!c) return null;
                return (
                  <ClaimRow key={c.id} claim={c} staff={staff} money={money} onDecided={reload} />
                );
              })}
            </tbody>
          </table>
          <Pager
            pageInfo={claims.pageInfo}
            onPage={(p) => {
              const next: Record<string, string> = {};
              if (chosen) next.status = chosen;
              if (p.after) next.after = p.after;
              if (p.before) next.before = p.before;
              setParams(next);
            }}
          />
        </>
      )}
    </section>
  );
}

function ClaimRow({ claim: c, staff, money, onDecided }: { claim: FundClaimFieldsFragment; staff: boolean; money: (m: string) => string; onDecided: () => void }) {
  const { t, i18n } = useTranslation();
  const [deciding, setDeciding] = useState(false);
  const cols = staff ? 8 : 7;
  return (
    <>
      <tr data-claim={c.number} data-status={c.status}>
        <th scope="row" data-label={t("funds.number")} className="mono">{c.number}</th>
        {staff && <td data-label={t("funds.dealer")}>{c.dealer.name}</td>}
        <td data-label={t("funds.fund")}>
          {c.fund.name} {c.fund.period}
        </td>
        <td data-label={t("funds.activity")}>
          {c.activity}
          {c.description && <span className="muted"> · {c.description}</span>}
          {(c.attachments ?? []).map((a) => (
            <a key={a} href={a} target="_blank" rel="noreferrer noopener" className="attachment">
              {" "}
              {t("funds.proof")}
            </a>
          ))}
          <Attachments compact parentID={c.id} attachments={c.attachmentFiles} onChange={onDecided} />
        </td>
        <td data-label={t("funds.activityOn")}>{formatDate(c.activityOn, i18n.language)}</td>
        <td data-label={t("funds.amount")} className="num money">{money(c.amount)}</td>
        <td data-label={t("funds.status")}>
          <span className={`badge badge-claim-${c.status.toLowerCase()}`} data-claim-status={c.status}>
            {t(`fundClaimStatus.${c.status}`)}
          </span>
          {c.decisionNote && <span className="muted"> · {c.decisionNote}</span>}
          {c.allowedActions.length > 0 && !deciding && (
            <button type="button" className="button" data-action="decide" onClick={() => setDeciding(true)}>
              {t("funds.decide")}
            </button>
          )}
        </td>
        <td data-label={t("funds.paid")} className="num money">
          {c.creditNote ? `${money(c.creditNote.amount)} (${c.creditNote.number})` : "—"}
        </td>
      </tr>
      {deciding && (
        <tr>
          <td colSpan={cols}>
            <DecideForm claim={c} onCancel={() => setDeciding(false)} onDone={() => { setDeciding(false); onDecided(); }} />
          </td>
        </tr>
      )}
    </>
  );
}

function DecideForm({ claim, onCancel, onDone }: { claim: FundClaimFieldsFragment; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [amount, setAmount] = useState(claim.amount);
  const [note, setNote] = useState("");
  const [approveState, approve] = useMutation(ApproveFundClaimMutation);
  const [rejectState, reject] = useMutation(RejectFundClaimMutation);
  const problem = problemsOf(approveState.error ?? rejectState.error)[0];
  const busy = approveState.fetching || rejectState.fetching;
  return (
    <form className="form decide-form" aria-label={t("funds.decide")} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-amount`}>{t("funds.approveAmount")}</label>
      <input id={`${id}-amount`} name="approveAmount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      <label htmlFor={`${id}-note`}>{t("funds.decisionNote")}</label>
      <textarea id={`${id}-note`} name="decisionNote" value={note} onChange={(e) => setNote(e.target.value)} />
      {problem && (
        <p className="field-error" role="alert" data-field={problem.field}>
          {describe(t, problem, SCOPE)}
        </p>
      )}
      <p className="actions-row">
        <button
          type="button"
          className="button primary"
          data-action="approve-claim"
          disabled={busy}
          onClick={async () => {
            const r = await approve({ id: claim.id, amount: amount.trim(), note, expectedVersion: claim.version });
            if (!r.error) onDone();
          }}
        >
          {t("funds.approve")}
        </button>
        <button
          type="button"
          className="button danger"
          data-action="reject-claim"
          disabled={busy}
          onClick={async () => {
            const r = await reject({ id: claim.id, note, expectedVersion: claim.version });
            if (!r.error) onDone();
          }}
        >
          {t("funds.reject")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("funds.cancel")}
        </button>
      </p>
    </form>
  );
}
