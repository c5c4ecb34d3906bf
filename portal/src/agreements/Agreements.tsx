import { useId, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { AgreementKind, AgreementStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { problemsOf, refusal } from "../errors";
import { formatDate } from "../format";
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  AgreementEditorOptionsQuery,
  AgreementsEndingQuery,
  AgreementsQuery,
  CreateAgreementMutation,
  ENDING_WITHIN_DAYS,
} from "./ops";

const PAGE_SIZE = 20;
export const SCOPE = "agreements.refused";

function isStatus(s: string | null): s is AgreementStatus {
  return !!s && (AGREEMENT_STATUSES as readonly string[]).includes(s);
}

/**
 * Agreements: a dealer's own, or for staff every agreement of their
 * dealers, with those ending soon first and the form for a new one.
 */
export function Agreements() {
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const title = staff ? t("agreements.staffTitle") : t("agreements.title");
  usePageTitle(title);
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const chosen = params.get("status");
  const status = isStatus(chosen) ? chosen : null;
  const after = params.get("after");
  const before = params.get("before");
  const variables = {
    statuses: status ? [status] : null,
    ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }),
  };
  const [{ data, error, fetching }, refetch] = useQuery({ query: AgreementsQuery, variables });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const list = data?.agreements;
  const setPage = (p: { after?: string; before?: string }) => {
    const next: Record<string, string> = {};
    if (chosen) next.status = chosen;
    if (p.after) next.after = p.after;
    if (p.before) next.before = p.before;
    setParams(next);
  };

  return (
    <section aria-labelledby="agreements-title" className="agreements">
      <div className="page-head">
        <h1 id="agreements-title">{title}</h1>
      </div>
      <p className="lead">{staff ? t("agreements.staffIntro") : t("agreements.intro")}</p>
      {staff && <EndingSoon />}
      {staff && <NewAgreement />}
      <div className="filter">
        <label htmlFor={filterId}>{t("agreements.filterStatus")}</label>
        <select id={filterId} value={status ?? ""} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
          <option value="">{t("agreements.allStatuses")}</option>
          {AGREEMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`agreementStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !list || list.totalCount === 0 ? (
        <Empty>{t("agreements.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("agreements.count", { count: list.totalCount })}</p>
          <table className="table agreements-table">
            <thead>
              <tr>
                <th scope="col">{t("agreements.number")}</th>
                {staff && <th scope="col">{t("agreements.dealer")}</th>}
                <th scope="col">{t("agreements.kind")}</th>
                <th scope="col">{t("agreements.period")}</th>
                <th scope="col">{t("agreements.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.edges?.map((edge) => {
                const a = edge?.node;
                if (!a) return null;
                return (
                  <tr key={a.id} data-agreement={a.number} data-status={a.status}>
                    <th scope="row" data-label={t("agreements.number")} className="mono">
                      <Link to={`/agreements/${encodeURIComponent(a.id)}`}>{a.number}</Link>
                    </th>
                    {staff && <td data-label={t("agreements.dealer")}>{a.dealer.name}</td>}
                    <td data-label={t("agreements.kind")}>{t(`agreementKind.${a.kind}`)}</td>
                    <td data-label={t("agreements.period")}>
                      {formatDate(a.startsOn, i18n.language)} – {formatDate(a.endsOn, i18n.language)}
                    </td>
                    <td data-label={t("agreements.status")}>
                      <AgreementStatusBadge status={a.status} />
                      {a.endingSoon && <span className="badge badge-warning"> {t("agreements.endingSoon")}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager pageInfo={list.pageInfo} onPage={setPage} />
        </>
      )}
    </section>
  );
}

export function AgreementStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-agreement-${status.toLowerCase()}`} data-agreement-status={status}>
      {t(`agreementStatus.${status}`)}
    </span>
  );
}

/** The ACTIVE agreements of the staff's dealers that end within the next weeks. */
function EndingSoon() {
  const { t, i18n } = useTranslation();
  const [{ data, error }] = useQuery({ query: AgreementsEndingQuery, variables: { withinDays: ENDING_WITHIN_DAYS } });
  const rows = data?.agreementsEnding ?? [];
  return (
    <section aria-labelledby="agreements-ending" className="card agreements-ending">
      <h2 id="agreements-ending">{t("agreements.endingTitle", { days: ENDING_WITHIN_DAYS })}</h2>
      {error && !data ? (
        <ErrorMessage error={error} />
      ) : rows.length === 0 ? (
        <p className="state">{t("agreements.endingEmpty")}</p>
      ) : (
        <ul className="ending-list">
          {rows.map((a) => (
            <li key={a.id} data-ending={a.number}>
              <Link to={`/agreements/${encodeURIComponent(a.id)}`} className="mono">
                {a.number}
              </Link>{" "}
              {a.dealer.name} · {t(`agreementKind.${a.kind}`)} ·{" "}
              {t("agreements.endsOn", { date: formatDate(a.endsOn, i18n.language) })}
              {a.autoRenew && <> · {t("agreements.autoRenews")}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The editor of a new agreement (staff). */
function NewAgreement() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [{ data: options }] = useQuery({ query: AgreementEditorOptionsQuery, pause: !open });
  const [creating, create] = useMutation(CreateAgreementMutation);
  const [form, setForm] = useState({
    dealerID: "",
    kind: "DEALER" as AgreementKind,
    startsOn: "",
    endsOn: "",
    autoRenew: false,
    renewalNoticeDays: "30",
    channelID: "",
    territoryIDs: [] as string[],
    terms: "",
    draft: false,
  });
  const set = (patch: Partial<typeof form>) => setForm((cur) => ({ ...cur, ...patch }));
  const problem = problemsOf(creating.error)[0];
  if (!open)
    return (
      <p>
        <button type="button" className="button" data-action="new-agreement" onClick={() => setOpen(true)}>
          {t("agreements.new")}
        </button>
      </p>
    );
  return (
    <section aria-labelledby={`${id}-title`} className="card agreement-editor">
      <h2 id={`${id}-title`}>{t("agreements.new")}</h2>
      <form
        className="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await create({
            input: {
              dealerID: form.dealerID,
              kind: form.kind,
              startsOn: form.startsOn,
              endsOn: form.endsOn,
              autoRenew: form.autoRenew,
              renewalNoticeDays: Number(form.renewalNoticeDays),
              channelID: form.channelID || null,
              territoryIDs: form.territoryIDs,
              terms: form.terms,
              draft: form.draft,
            },
          });
          const made = r.data?.createAgreement;
          if (made) navigate(`/agreements/${encodeURIComponent(made.id)}`);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-dealer`}>{t("agreements.dealer")}</label>
          <select id={`${id}-dealer`} name="dealer" value={form.dealerID} onChange={(e) => set({ dealerID: e.target.value })}>
            <option value="">{t("agreements.chooseDealer")}</option>
            {options?.dealers.edges?.map((e) =>
              e?.node ? (
                <option key={e.node.id} value={e.node.id}>
                  {e.node.name} ({e.node.code})
                </option>
              ) : null,
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t("agreements.kind")}</label>
          <select id={`${id}-kind`} name="kind" value={form.kind} onChange={(e) => set({ kind: e.target.value as AgreementKind })}>
            {AGREEMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`agreementKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <TermsFields id={id} form={form} set={set} channels={options?.channels.edges} territories={options?.territories.edges} />
        <div className="field checkbox">
          <input id={`${id}-draft`} name="draft" type="checkbox" checked={form.draft} onChange={(e) => set({ draft: e.target.checked })} />
          <label htmlFor={`${id}-draft`}>{t("agreements.keepDraft")}</label>
        </div>
        {problem && (
          <p className="field-error" role="alert" data-code={problem.code} data-field={problem.field}>
            {refusal(t, creating.error, SCOPE)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" data-action="create-agreement" disabled={creating.fetching}>
            {t("agreements.create")}
          </button>
          <button type="button" className="button" onClick={() => setOpen(false)}>
            {t("agreements.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}

type Option = { node?: { id: string; name: string } | null } | null;

export type TermsForm = {
  startsOn: string;
  endsOn: string;
  autoRenew: boolean;
  renewalNoticeDays: string;
  channelID: string;
  territoryIDs: string[];
  terms: string;
};

/** The fields of an agreement's terms: shared by the new agreement's editor and the amendment's. */
export function TermsFields<F extends TermsForm>({
  id,
  form,
  set,
  channels,
  territories,
}: {
  id: string;
  form: F;
  set: (patch: Partial<TermsForm>) => void;
  channels?: Option[] | null;
  territories?: Option[] | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-starts`}>{t("agreements.startsOn")}</label>
          <input id={`${id}-starts`} name="startsOn" type="date" value={form.startsOn} onChange={(e) => set({ startsOn: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-ends`}>{t("agreements.endsOnLabel")}</label>
          <input id={`${id}-ends`} name="endsOn" type="date" value={form.endsOn} onChange={(e) => set({ endsOn: e.target.value })} />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-notice`}>{t("agreements.noticeDays")}</label>
          <input
            id={`${id}-notice`}
            name="renewalNoticeDays"
            type="number"
            inputMode="numeric"
            min={0}
            max={365}
            value={form.renewalNoticeDays}
            onChange={(e) => set({ renewalNoticeDays: e.target.value })}
          />
        </div>
        <div className="field checkbox">
          <input id={`${id}-auto`} name="autoRenew" type="checkbox" checked={form.autoRenew} onChange={(e) => set({ autoRenew: e.target.checked })} />
          <label htmlFor={`${id}-auto`}>{t("agreements.autoRenew")}</label>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-channel`}>{t("agreements.channel")}</label>
        <select id={`${id}-channel`} name="channel" value={form.channelID} onChange={(e) => set({ channelID: e.target.value })}>
          <option value="">{t("agreements.noChannel")}</option>
          {channels?.map((e) =>
            e?.node ? (
              <option key={e.node.id} value={e.node.id}>
                {e.node.name}
              </option>
            ) : null,
          )}
        </select>
      </div>
      <fieldset className="field">
        <legend>{t("agreements.territories")}</legend>
        <div className="checks">
          {territories?.map((e) =>
            e?.node ? (
              <label key={e.node.id} className="check">
                <input
                  type="checkbox"
                  name="territory"
                  value={e.node.id}
                  checked={form.territoryIDs.includes(e.node.id)}
                  onChange={(ev) => {
                    const tid = e.node!.id;
                    set({ territoryIDs: ev.target.checked ? [...form.territoryIDs, tid] : form.territoryIDs.filter((x) => x !== tid) });
                  }}
                />{" "}
                {e.node.name}
              </label>
            ) : null,
          )}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-terms`}>{t("agreements.terms")}</label>
        <textarea id={`${id}-terms`} name="terms" rows={8} value={form.terms} onChange={(e) => set({ terms: e.target.value })} />
        <p className="hint">{t("agreements.termsHint")}</p>
      </div>
    </>
  );
}
