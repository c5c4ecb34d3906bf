import { useId, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { DisputeFieldsFragment, InvoiceDisputeStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { describe, problemsOf } from "../errors";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate, formatMoney, formatTime } from "../format";
import {
  DISPUTE_STATUSES,
  DisputableInvoiceQuery,
  DisputesQuery,
  RaiseDisputeMutation,
  RejectDisputeMutation,
  ResolveDisputeMutation,
} from "./ops";

const SCOPE = "disputes.refused";
const PAGE_SIZE = 20;

function isStatus(s: string | null): s is InvoiceDisputeStatus {
  return !!s && (DISPUTE_STATUSES as readonly string[]).includes(s);
}

/** A dealer's invoice disputes, or the staff's disputes desk (open ones first). */
export function Disputes() {
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = !!viewer && viewer.me.role !== "DEALER";
  const title = staff ? t("disputes.deskTitle") : t("disputes.title");
  usePageTitle(title);
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const chosen = params.get("status");
  const status = isStatus(chosen) ? chosen : null;
  const statuses: InvoiceDisputeStatus[] | null = status ? [status] : staff && chosen !== "all" ? ["OPEN"] : null;
  const after = params.get("after");
  const before = params.get("before");
  const variables = { statuses, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }) };
  const [{ data, error, fetching }, refetch] = useQuery({ query: DisputesQuery, variables, pause: !viewer });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const disputes = data?.invoiceDisputes;
  return (
    <section aria-labelledby="disputes-title">
      <div className="page-head">
        <h1 id="disputes-title">{title}</h1>
      </div>
      <p className="lead">{staff ? t("disputes.deskIntro") : t("disputes.intro")}</p>
      <div className="filter">
        <label htmlFor={filterId}>{t("disputes.filterStatus")}</label>
        <select
          id={filterId}
          value={status ?? (staff && chosen !== "all" ? "" : "all")}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}
        >
          {staff && <option value="">{t("disputes.waiting")}</option>}
          <option value="all">{t("disputes.allStatuses")}</option>
          {DISPUTE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`disputeStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !disputes || disputes.totalCount === 0 ? (
        <Empty>{staff ? t("disputes.deskEmpty") : t("disputes.empty")}</Empty>
      ) : (
        <>
          <ul className="plain-list disputes-list">
            {disputes.edges?.map((edge) => {
              const d = edge?.node;
              if (!d) return null;
              return <DisputeItem key={d.id} dispute={d} staff={staff} lang={i18n.language} onDecided={reload} />;
            })}
          </ul>
          <Pager
            pageInfo={disputes.pageInfo}
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

function DisputeItem({ dispute: d, staff, lang, onDecided }: { dispute: DisputeFieldsFragment; staff: boolean; lang: string; onDecided: () => void }) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState(false);
  const money = (m: string) => formatMoney(m, lang);
  return (
    <li className="card dispute" data-dispute={d.number} data-status={d.status}>
      <p>
        <strong className="mono">{d.number}</strong>{" "}
        <span className={`badge badge-dispute-${d.status.toLowerCase()}`} data-dispute-status={d.status}>
          {t(`disputeStatus.${d.status}`)}
        </span>{" "}
        {t("disputes.ofInvoice", { invoice: d.invoice.number, amount: money(d.amount) })}
        {staff && <span> · {d.dealer.name}</span>}
      </p>
      <p className="muted">
        {t("disputes.raisedBy", { name: d.raisedByName, at: formatTime(d.raisedAt, lang) })}
      </p>
      <p>{d.reason}</p>
      {d.lines.length > 0 && (
        <p className="muted">
          {t("disputes.lines")}: {d.lines.map((l) => `${l.orderLine.sku} × ${l.quantity}`).join(", ")}
        </p>
      )}
      {d.creditNote && (
        <p data-field="credit">{t("disputes.credited", { amount: money(d.creditNote.amount), number: d.creditNote.number })}</p>
      )}
      {d.resolutionNote && <p className="muted">{d.resolutionNote}</p>}
      {d.allowedActions.length > 0 && !deciding && (
        <button type="button" className="button" data-action="decide-dispute" onClick={() => setDeciding(true)}>
          {t("disputes.decide")}
        </button>
      )}
      {deciding && <DecideForm dispute={d} onCancel={() => setDeciding(false)} onDone={() => { setDeciding(false); onDecided(); }} />}
    </li>
  );
}

function DecideForm({ dispute, onCancel, onDone }: { dispute: DisputeFieldsFragment; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [amount, setAmount] = useState(dispute.amount);
  const [note, setNote] = useState("");
  const [resolveState, resolve] = useMutation(ResolveDisputeMutation);
  const [rejectState, reject] = useMutation(RejectDisputeMutation);
  const problem = problemsOf(resolveState.error ?? rejectState.error)[0];
  const busy = resolveState.fetching || rejectState.fetching;
  return (
    <form className="form" aria-label={t("disputes.decide")} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-amount`}>{t("disputes.creditAmount")}</label>
      <input id={`${id}-amount`} name="creditAmount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      <label htmlFor={`${id}-note`}>{t("disputes.note")}</label>
      <textarea id={`${id}-note`} name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      {problem && (
        <p className="field-error" role="alert" data-field={problem.field}>
          {describe(t, problem, SCOPE)}
        </p>
      )}
      <p className="actions-row">
        <button
          type="button"
          className="button primary"
          data-action="resolve-dispute"
          disabled={busy}
          onClick={async () => {
            const r = await resolve({ id: dispute.id, amount: amount.trim(), note, expectedVersion: dispute.version });
            if (!r.error) onDone();
          }}
        >
          {t("disputes.resolve")}
        </button>
        <button
          type="button"
          className="button danger"
          data-action="reject-dispute"
          disabled={busy}
          onClick={async () => {
            const r = await reject({ id: dispute.id, note, expectedVersion: dispute.version });
            if (!r.error) onDone();
          }}
        >
          {t("disputes.reject")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("disputes.cancel")}
        </button>
      </p>
    </form>
  );
}

/** The form to dispute one invoice, opened from the statement: /disputes/new?invoice=<id>. */
export function RaiseDispute() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("disputes.raiseTitle"));
  const id = useId();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const invoiceID = params.get("invoice") ?? "";
  const [{ data, error, fetching }] = useQuery({ query: DisputableInvoiceQuery, variables: { id: invoiceID }, pause: !invoiceID });
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [lines, setLines] = useState<string[]>([]);
  const [raiseState, raise] = useMutation(RaiseDisputeMutation);
  const inv = data?.node && "disputableAmount" in data.node ? data.node : null;
  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorMessage error={error} />;
  if (!inv) return <Empty>{t("disputes.noInvoice")}</Empty>;
  const money = (m: string) => formatMoney(m, i18n.language);
  const problem = problemsOf(raiseState.error)[0];
  return (
    <section aria-labelledby="raise-title">
      <h1 id="raise-title">{t("disputes.raiseTitle")}</h1>
      <p className="lead">
        {t("disputes.raiseIntro", {
          invoice: inv.number,
          balance: money(inv.balance),
          disputable: money(inv.disputableAmount),
          due: formatDate(inv.dueOn, i18n.language),
        })}
      </p>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await raise({ input: { invoiceID, amount: amount.trim(), reason, shipmentLineIDs: lines } });
          if (!r.error) navigate("/disputes");
        }}
      >
        <fieldset>
          <legend>{t("disputes.whichLines")}</legend>
          {inv.shipment.lines?.map((l) => (
            <label key={l.id} className="check">
              <input
                type="checkbox"
                name="line"
                value={l.id}
                checked={lines.includes(l.id)}
                onChange={(e) => setLines(e.target.checked ? [...lines, l.id] : lines.filter((x) => x !== l.id))}
              />{" "}
              {l.orderLine.sku} {l.orderLine.productName} × {l.quantity} · {money(l.amount)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-amount`}>{t("disputes.amount")}</label>
        <input id={`${id}-amount`} name="amount" inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />
        <label htmlFor={`${id}-reason`}>{t("disputes.reason")}</label>
        <textarea id={`${id}-reason`} name="reason" required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
        {problem && (
          <p className="field-error" role="alert" data-field={problem.field}>
            {describe(t, problem, SCOPE)}
          </p>
        )}
        <p className="actions-row">
          <button type="submit" className="button primary" data-action="raise-dispute" disabled={raiseState.fetching}>
            {t("disputes.raise")}
          </button>
        </p>
      </form>
    </section>
  );
}
