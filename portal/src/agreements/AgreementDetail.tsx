import { useId, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { AgreementFieldsFragment } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import Markdown from "../components/Markdown";
import { problemsOf, refusal } from "../errors";
import { formatDate, formatTime } from "../format";
import { AgreementStatusBadge, SCOPE, TermsFields, type TermsForm } from "./Agreements";
import { Attachments } from "../attachments/Attachments";
import {
  ActivateAgreementMutation,
  AgreementDetailQuery,
  AgreementEditorOptionsQuery,
  AmendAgreementMutation,
  RenewAgreementMutation,
  TerminateAgreementMutation,
} from "./ops";

/**
 * One agreement: its terms, period and renewal, every version, and for
 * staff what it allows now (amend, activate, renew, terminate).
 */
export function AgreementDetail() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const [{ data, error, fetching }, refetch] = useQuery({ query: AgreementDetailQuery, variables: { id } });
  const a = data?.node && "number" in data.node ? (data.node as AgreementFieldsFragment) : null;
  usePageTitle(a ? t("agreements.detailTitle", { number: a.number }) : t("agreements.title"));
  const reload = () => refetch({ requestPolicy: "network-only" });
  const back = (
    <p className="back">
      <Link to="/agreements">← {t("agreements.back")}</Link>
    </p>
  );
  if (fetching && !data) return <Loading />;
  if (error && !data)
    return (
      <>
        {back}
        <ErrorMessage error={error} onRetry={reload} />
      </>
    );
  if (!a)
    return (
      <section aria-labelledby="agreement-title">
        {back}
        <h1 id="agreement-title">{t("agreements.title")}</h1>
        <p className="state">{t("agreements.notFound")}</p>
      </section>
    );
  const lang = i18n.language;
  return (
    <article aria-labelledby="agreement-title" className="agreement-detail">
      {back}
      <div className="page-head">
        <h1 id="agreement-title">{t("agreements.detailTitle", { number: a.number })}</h1>
        <span className="agreement-status" data-status={a.status}>
          <AgreementStatusBadge status={a.status} />
        </span>
      </div>
      {a.endingSoon && (
        <p className="notice" data-ending-soon>
          {t("agreements.endingNotice", { date: formatDate(a.endsOn, lang) })}
        </p>
      )}
      <dl className="facts">
        {staff && (
          <div>
            <dt>{t("agreements.dealer")}</dt>
            <dd>
              <Link to={`/dealers/${encodeURIComponent(a.dealer.id)}`}>{a.dealer.name}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("agreements.kind")}</dt>
          <dd>{t(`agreementKind.${a.kind}`)}</dd>
        </div>
        <div>
          <dt>{t("agreements.period")}</dt>
          <dd data-field="period">
            {formatDate(a.startsOn, lang)} – {formatDate(a.endsOn, lang)}
          </dd>
        </div>
        <div>
          <dt>{t("agreements.renewal")}</dt>
          <dd>
            {a.autoRenew ? t("agreements.autoRenews") : t("agreements.manualRenewal")} ·{" "}
            {t("agreements.noticeFrom", { date: formatDate(a.noticeFrom, lang), count: a.renewalNoticeDays })}
          </dd>
        </div>
        <div>
          <dt>{t("agreements.channel")}</dt>
          <dd>{a.channel?.name ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("agreements.territories")}</dt>
          <dd>{(a.territories ?? []).map((x) => x.name).join(", ") || "—"}</dd>
        </div>
        <div>
          <dt>{t("agreements.version")}</dt>
          <dd data-field="version">{a.version}</dd>
        </div>
        {a.terminationReason && (
          <div>
            <dt>{t("agreements.terminationReason")}</dt>
            <dd className="pre" data-field="terminationReason">
              {a.terminationReason}
            </dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="agreement-terms" className="card">
        <h2 id="agreement-terms">{t("agreements.terms")}</h2>
        {a.terms ? <Markdown source={a.terms} /> : <p className="state">—</p>}
      </section>
      <section className="card">
        <Attachments parentID={a.id} attachments={data?.node && "attachments" in data.node ? data.node.attachments : []} onChange={reload} />
      </section>
      {staff && <AgreementActions a={a} />}
      <section aria-labelledby="agreement-history" className="card">
        <h2 id="agreement-history">{t("agreements.history")}</h2>
        <ol className="history">
          {(a.history ?? []).map((h) => (
            <li key={h.id} data-version={h.version} data-change={h.change}>
              <strong>{t("agreements.versionN", { n: h.version })}</strong> · {t(`agreementChange.${h.change}`)} ·{" "}
              {formatDate(h.startsOn, lang)} – {formatDate(h.endsOn, lang)} · <time dateTime={h.at}>{formatTime(h.at, lang)}</time> ·{" "}
              {h.authorName}
              {h.note && <p className="pre">{h.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/** Staff's moves on an agreement, as it allows them. */
function AgreementActions({ a }: { a: AgreementFieldsFragment }) {
  const { t } = useTranslation();
  const id = useId();
  const can = (x: string) => a.allowedActions.includes(x as never);
  const [amending, setAmending] = useState(false);
  const [{ data: options }] = useQuery({ query: AgreementEditorOptionsQuery, pause: !amending });
  const [form, setForm] = useState<TermsForm>({
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    autoRenew: a.autoRenew,
    renewalNoticeDays: String(a.renewalNoticeDays),
    channelID: a.channel?.id ?? "",
    territoryIDs: (a.territories ?? []).map((x) => x.id),
    terms: a.terms,
  });
  const [note, setNote] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [reason, setReason] = useState("");
  const [amendState, amend] = useMutation(AmendAgreementMutation);
  const [activateState, activate] = useMutation(ActivateAgreementMutation);
  const [renewState, renew] = useMutation(RenewAgreementMutation);
  const [terminateState, terminate] = useMutation(TerminateAgreementMutation);
  const error = amendState.error ?? activateState.error ?? renewState.error ?? terminateState.error;
  const problem = problemsOf(error)[0];
  const busy = amendState.fetching || activateState.fetching || renewState.fetching || terminateState.fetching;
  if (a.allowedActions.length === 0) return null;
  const set = (patch: Partial<TermsForm>) => setForm((cur) => ({ ...cur, ...patch }));

  return (
    <section aria-labelledby={`${id}-title`} className="card agreement-actions">
      <h2 id={`${id}-title`}>{t("agreements.actions")}</h2>
      {problem && (
        <p className="field-error" role="alert" data-code={problem.code} data-field={problem.field}>
          {refusal(t, error, SCOPE)}
        </p>
      )}
      {can("ACTIVATE") && (
        <p>
          <button type="button" className="button primary" data-action="activate" disabled={busy} onClick={() => void activate({ id: a.id, expectedVersion: a.version })}>
            {t("agreements.activate")}
          </button>
        </p>
      )}
      {can("AMEND") &&
        (amending ? (
          <form
            className="form amend-form"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const r = await amend({
                id: a.id,
                expectedVersion: a.version,
                note: note || null,
                input: {
                  startsOn: form.startsOn,
                  endsOn: form.endsOn,
                  autoRenew: form.autoRenew,
                  renewalNoticeDays: Number(form.renewalNoticeDays),
                  territoryIDs: form.territoryIDs,
                  channelID: form.channelID || null,
                  clearChannel: !form.channelID,
                  terms: form.terms,
                },
              });
              if (r.data) setAmending(false);
            }}
          >
            <h3>{t("agreements.amendTitle")}</h3>
            <TermsFields id={`${id}-amend`} form={form} set={set} channels={options?.channels.edges} territories={options?.territories.edges} />
            <div className="field">
              <label htmlFor={`${id}-note`}>{t("agreements.amendNote")}</label>
              <input id={`${id}-note`} name="note" value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div className="actions">
              <button type="submit" className="button primary" data-action="save-amendment" disabled={busy}>
                {t("agreements.saveAmendment")}
              </button>
              <button type="button" className="button" onClick={() => setAmending(false)}>
                {t("agreements.cancel")}
              </button>
            </div>
          </form>
        ) : (
          <p>
            <button type="button" className="button" data-action="amend" onClick={() => setAmending(true)}>
              {t("agreements.amend")}
            </button>
          </p>
        ))}
      {can("RENEW") && (
        <form
          className="form inline renew-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void renew({ id: a.id, expectedVersion: a.version, endsOn: endsOn || null });
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-renew`}>{t("agreements.renewTo")}</label>
            <input id={`${id}-renew`} name="renewEndsOn" type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
            <p className="hint">{t("agreements.renewHint")}</p>
          </div>
          <button type="submit" className="button" data-action="renew" disabled={busy}>
            {t("agreements.renew")}
          </button>
        </form>
      )}
      {can("TERMINATE") && (
        <form
          className="form inline terminate-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void terminate({ id: a.id, expectedVersion: a.version, reason });
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t("agreements.terminationReason")}</label>
            <input id={`${id}-reason`} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="button danger" data-action="terminate" disabled={busy}>
            {t("agreements.terminate")}
          </button>
        </form>
      )}
    </section>
  );
}
