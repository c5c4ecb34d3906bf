import { useId, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { LeadAssignmentRule, LeadFieldsFragment, LeadSource, LeadStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { describe } from "../errors";
import { mapFieldErrors } from "../orders/fieldErrors";
import { formatTime } from "../format";
import { localName } from "../i18n/localName";
import {
  AcceptLeadMutation,
  AssignLeadMutation,
  CreateLeadMutation,
  DeclineLeadMutation,
  LEAD_RULES,
  LEAD_SOURCES,
  LeadBoardOptionsQuery,
  LeadOutcomeMutation,
  LeadsQuery,
} from "./ops";

const SCOPE = "leads.refused";

/**
 * A dealer's leads inbox (accept or decline before the deadline, then
 * report the outcome), or the staff's lead board: create a lead and offer
 * it by hand or by rule. Each lead offers what the API allows on it.
 */
export function Leads() {
  const { t } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const title = staff ? t("leads.boardTitle") : t("leads.title");
  usePageTitle(title);
  const [{ data, error, fetching }, refetch] = useQuery({ query: LeadsQuery, variables: { first: 50 } });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const leads = data?.leads;
  return (
    <section aria-labelledby="leads-title" className="leads">
      <div className="page-head">
        <h1 id="leads-title">{title}</h1>
      </div>
      <p className="lead">{staff ? t("leads.boardIntro") : t("leads.intro")}</p>
      {viewer && staff && <CreateLead onDone={reload} />}
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !leads || leads.totalCount === 0 ? (
        <Empty>{staff ? t("leads.boardEmpty") : t("leads.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("leads.count", { count: leads.totalCount })}</p>
          <ul className="cards lead-list">
            {leads.edges?.map((e) => e?.node && <LeadCard key={e.node.id} l={e.node} onDone={reload} />)}
          </ul>
        </>
      )}
    </section>
  );
}

function LeadCard({ l, onDone }: { l: LeadFieldsFragment; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card lead-card" data-lead={l.number} data-status={l.status}>
      <p className="card-title">
        <strong>{l.customerName}</strong> <span className="mono">{l.number}</span>{" "}
        <span className={`badge badge-lead-${l.status.toLowerCase()}`} data-lead-status={l.status}>
          {t(`leads.status.${l.status}`)}
        </span>
      </p>
      <dl className="facts">
        <div>
          <dt>{t("leads.territory")}</dt>
          <dd>
            {localName(l.territory, i18n.language)}
            {l.city && ` · ${l.city}`}
          </dd>
        </div>
        <div>
          <dt>{t("leads.need")}</dt>
          <dd className="pre">{l.need}</dd>
        </div>
        <div>
          <dt>{t("leads.sourceLabel")}</dt>
          <dd>{t(`leads.source.${l.source}`)}</dd>
        </div>
        {l.dealer && (
          <div>
            <dt>{t("leads.dealer")}</dt>
            <dd data-field="dealer">
              {l.dealer.name}
              {l.rule && ` · ${t(`leads.rule.${l.rule}`)}`}
            </dd>
          </div>
        )}
        {l.answerDueAt && l.status === "OFFERED" && (
          <div>
            <dt>{t("leads.answerBy")}</dt>
            <dd>{formatTime(l.answerDueAt, i18n.language)}</dd>
          </div>
        )}
        {l.deal && (
          <div>
            <dt>{t("leads.deal")}</dt>
            <dd>
              <Link to="/deals?status=all" className="mono" data-deal={l.deal.number}>
                {l.deal.number}
              </Link>{" "}
              {t(`deals.status.${l.deal.status}`)}
            </dd>
          </div>
        )}
      </dl>
      {l.allowedActions.includes("ASSIGN") && <AssignLead l={l} onDone={onDone} />}
      {(l.allowedActions.includes("ACCEPT") || l.allowedActions.includes("DECLINE")) && <AnswerLead l={l} onDone={onDone} />}
      {(l.allowedActions.includes("WIN") || l.allowedActions.includes("LOSE")) && <LeadOutcome l={l} onDone={onDone} />}
    </li>
  );
}

/** Staff: offer the lead by rule, or by hand to a dealer they see. */
function AssignLead({ l, onDone }: { l: LeadFieldsFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [rule, setRule] = useState<LeadAssignmentRule>("ROUND_ROBIN");
  const [dealer, setDealer] = useState("");
  const [{ data }] = useQuery({ query: LeadBoardOptionsQuery, pause: rule !== "MANUAL" });
  const [assigning, assign] = useMutation(AssignLeadMutation);
  const errors = mapFieldErrors(assigning.error, (p) => describe(t, p, SCOPE));
  const dealers = (data?.dealers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <form
      className="form lead-assign"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void assign({ id: l.id, rule, dealerID: rule === "MANUAL" ? dealer || dealers[0]?.id || null : null }).then((r) => r.data && onDone());
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-rule`}>{t("leads.assignBy")}</label>
        <select id={`${id}-rule`} name="rule" value={rule} onChange={(e) => setRule(e.target.value as LeadAssignmentRule)}>
          {LEAD_RULES.map((r) => (
            <option key={r} value={r}>
              {t(`leads.rule.${r}`)}
            </option>
          ))}
        </select>
        {errors.fields.rule && <p className="field-error">{errors.fields.rule}</p>}
      </div>
      {rule === "MANUAL" && (
        <div className="field">
          <label htmlFor={`${id}-dealer`}>{t("leads.dealer")}</label>
          <select id={`${id}-dealer`} name="dealerID" value={dealer || dealers[0]?.id || ""} onChange={(e) => setDealer(e.target.value)}>
            {dealers.map((d) => (
              <option key={d.id} value={d.id}>
                {d.code} {d.name}
              </option>
            ))}
          </select>
          {errors.fields.dealerID && <p className="field-error">{errors.fields.dealerID}</p>}
        </div>
      )}
      {errors.other.map((o, i) => (
        <p key={i} className="field-error" role="alert">
          {o.message}
        </p>
      ))}
      <div className="actions-row">
        <button type="submit" className="button button-primary" data-action="assign" disabled={assigning.fetching}>
          {l.status === "OFFERED" ? t("leads.reassign") : t("leads.assign")}
        </button>
      </div>
    </form>
  );
}

/** The dealer: accept (it becomes a protected deal) or decline with a reason. */
function AnswerLead({ l, onDone }: { l: LeadFieldsFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState("");
  const [accepting, accept] = useMutation(AcceptLeadMutation);
  const [declining, decline] = useMutation(DeclineLeadMutation);
  const errors = mapFieldErrors(accepting.error ?? declining.error, (p) => describe(t, p, SCOPE));
  const busy = accepting.fetching || declining.fetching;
  return (
    <form className="form lead-answer" noValidate onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t("leads.declineReason")}</label>
        <textarea id={`${id}-reason`} name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        {errors.fields.reason && <p className="field-error">{errors.fields.reason}</p>}
      </div>
      {errors.other.map((o, i) => (
        <p key={i} className="field-error" role="alert">
          {o.message}
        </p>
      ))}
      <div className="actions-row">
        <button type="button" className="button button-primary" data-action="accept" disabled={busy} onClick={() => void accept({ id: l.id }).then((r) => r.data && onDone())}>
          {t("leads.accept")}
        </button>
        <button type="button" className="button" data-action="decline" disabled={busy} onClick={() => void decline({ id: l.id, reason }).then((r) => !r.error && onDone())}>
          {t("leads.decline")}
        </button>
      </div>
    </form>
  );
}

/** The dealer that accepted it: how it ended (LOST here; WON names orders on the deal). */
function LeadOutcome({ l, onDone }: { l: LeadFieldsFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState("");
  const [reporting, report] = useMutation(LeadOutcomeMutation);
  const errors = mapFieldErrors(reporting.error, (p) => describe(t, p, SCOPE));
  const send = (outcome: LeadStatus) => void report({ id: l.id, outcome, note: note || null }).then((r) => r.data && onDone());
  return (
    <form className="form lead-outcome" noValidate onSubmit={(e) => e.preventDefault()}>
      <p className="muted">{t("leads.wonHint")}</p>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("leads.outcomeNote")}</label>
        <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {[...Object.values(errors.fields), ...errors.other.map((o) => o.message)].map((m, i) => (
        <p key={i} className="field-error" role="alert">
          {m}
        </p>
      ))}
      <div className="actions-row">
        <Link to="/deals?status=APPROVED" className="button">
          {t("leads.won")}
        </Link>
        <button type="button" className="button" data-action="lose" disabled={reporting.fetching} onClick={() => send("LOST")}>
          {t("leads.lost")}
        </button>
      </div>
    </form>
  );
}

/** Staff: a new lead, unassigned until offered. */
function CreateLead({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [{ data }] = useQuery({ query: LeadBoardOptionsQuery });
  const [customer, setCustomer] = useState("");
  const [city, setCity] = useState("");
  const [territory, setTerritory] = useState("");
  const [need, setNeed] = useState("");
  const [source, setSource] = useState<LeadSource>("WEBSITE");
  const [creating, create] = useMutation(CreateLeadMutation);
  const errors = mapFieldErrors(creating.error, (p) => describe(t, p, SCOPE));
  const territories = (data?.territories.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const chosenTerritory = territory || territories[0]?.id || "";
  return (
    <section aria-labelledby={`${id}-title`} className="card lead-create">
      <h2 id={`${id}-title`}>{t("leads.createTitle")}</h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create({ input: { customerName: customer, city: city || null, territoryID: chosenTerritory, need, source } }).then((r) => {
            if (r.data) {
              setCustomer("");
              setNeed("");
              onDone();
            }
          });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-customer`}>{t("leads.customerName")}</label>
          <input id={`${id}-customer`} name="customerName" value={customer} onChange={(e) => setCustomer(e.target.value)} />
          {errors.fields.customerName && <p className="field-error">{errors.fields.customerName}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-city`}>{t("leads.city")}</label>
          <input id={`${id}-city`} name="city" value={city} onChange={(e) => setCity(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-territory`}>{t("leads.territory")}</label>
          <select id={`${id}-territory`} name="territoryID" value={chosenTerritory} onChange={(e) => setTerritory(e.target.value)}>
            {territories.map((tr) => (
              <option key={tr.id} value={tr.id}>
                {localName(tr, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-need`}>{t("leads.need")}</label>
          <textarea id={`${id}-need`} name="need" rows={2} value={need} onChange={(e) => setNeed(e.target.value)} />
          {errors.fields.need && <p className="field-error">{errors.fields.need}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t("leads.sourceLabel")}</label>
          <select id={`${id}-source`} name="source" value={source} onChange={(e) => setSource(e.target.value as LeadSource)}>
            {LEAD_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`leads.source.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {errors.other.map((o, i) => (
          <p key={i} className="field-error" role="alert">
            {o.message}
          </p>
        ))}
        <div className="actions-row">
          <button type="submit" className="button button-primary" data-action="create-lead" disabled={creating.fetching}>
            {t("leads.create")}
          </button>
        </div>
      </form>
    </section>
  );
}
