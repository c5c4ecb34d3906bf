import { useId, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { ReturnFieldsFragment } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { describe } from "../errors";
import { mapFieldErrors } from "../orders/fieldErrors";
import { formatMoney, formatTime } from "../format";
import {
  ApproveReturnMutation,
  ReceiveReturnMutation,
  RejectReturnMutation,
  ReturnDetailQuery,
} from "./ops";
import { ReturnStatusBadge } from "./Returns";
import { useReturnEvents, type ReturnEvent } from "./useReturnEvents";
import { Attachments } from "../attachments/Attachments";

const SCOPE = "returns.refused";

/**
 * One return at its own address: what was asked for and why, its lines
 * with what arrived and the credit notes for them, its history, and for
 * staff the moves it allows now (approve, reject, receive). Changes
 * arrive live.
 */
export function ReturnDetail() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const [{ data, error, fetching }, refetch] = useQuery({ query: ReturnDetailQuery, variables: { id } });
  const r = data?.node && "number" in data.node ? (data.node as ReturnFieldsFragment) : null;
  usePageTitle(r ? t("returns.detailTitle", { number: r.number }) : t("returns.title"));
  const reload = () => refetch({ requestPolicy: "network-only" });
  const [announced, setAnnounced] = useState("");
  const onEvent = (e: ReturnEvent) => setAnnounced(t("returns.event", { status: t(`returnStatus.${e.to}`) }));
  useReturnEvents({ eventCursor: r ? data?.eventCursor : null, returnID: id, onEvent, onExpired: reload });

  const back = (
    <p className="back">
      <Link to="/returns">← {staff ? t("returns.backDesk") : t("returns.back")}</Link>
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
  if (!r)
    return (
      <section aria-labelledby="return-title">
        {back}
        <h1 id="return-title">{t("returns.title")}</h1>
        <p className="state">{t("returns.notFound")}</p>
      </section>
    );

  return (
    <article aria-labelledby="return-title" className="return-detail">
      {back}
      <div className="page-head">
        <h1 id="return-title">{t("returns.detailTitle", { number: r.number })}</h1>
        <span className="return-status" data-status={r.status}>
          <ReturnStatusBadge status={r.status} />
        </span>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </p>
      <dl className="facts">
        {staff && (
          <div>
            <dt>{t("returns.dealer")}</dt>
            <dd>
              <Link to={`/dealers/${encodeURIComponent(r.dealer.id)}`}>{r.dealer.name}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("returns.order")}</dt>
          <dd>
            <Link to={`/orders/${encodeURIComponent(r.order.id)}`}>{r.order.number}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("returns.reason")}</dt>
          <dd>{t(`returnReason.${r.reason}`)}</dd>
        </div>
        <div>
          <dt>{t("returns.requestedAt")}</dt>
          <dd>
            {formatTime(r.requestedAt, i18n.language)} · {r.requestedByName}
          </dd>
        </div>
        {r.note && (
          <div>
            <dt>{t("returns.note")}</dt>
            <dd className="pre">{r.note}</dd>
          </div>
        )}
        {r.creditedAmount != null && (
          <div>
            <dt>{t("returns.credited")}</dt>
            <dd className="money" data-field="credited">
              {formatMoney(r.creditedAmount, i18n.language)}
            </dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="return-lines" className="card">
        <h2 id="return-lines">{t("returns.lines")}</h2>
        <table className="table return-lines">
          <thead>
            <tr>
              <th scope="col">{t("returns.product")}</th>
              <th scope="col" className="num">
                {t("returns.quantity")}
              </th>
              <th scope="col" className="num">
                {t("returns.received")}
              </th>
              <th scope="col">{t("returns.creditNote")}</th>
            </tr>
          </thead>
          <tbody>
            {(r.lines ?? []).map((l) => (
              <tr key={l.id} data-sku={l.sku}>
                <th scope="row" data-label={t("returns.product")}>
                  <span className="mono">{l.sku}</span> {l.productName}
                </th>
                <td data-label={t("returns.quantity")} className="num">
                  {l.quantity}
                </td>
                <td data-label={t("returns.received")} className="num">
                  {l.receivedQuantity ?? "—"}
                </td>
                <td data-label={t("returns.creditNote")}>
                  {l.creditNote ? (
                    <span data-credit-note={l.creditNote.number}>
                      <span className="mono">{l.creditNote.number}</span> {formatMoney(l.creditNote.amount, i18n.language)}
                    </span>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.status === "RECEIVED" && !staff && (
          <p>
            <Link to="/statement">{t("returns.seeStatement")}</Link>
          </p>
        )}
      </section>
      <section className="card">
        <Attachments parentID={r.id} attachments={data?.node && "attachments" in data.node ? data.node.attachments : []} onChange={reload} />
      </section>
      {staff && <ReturnActions r={r} />}
      <section aria-labelledby="return-history" className="card">
        <h2 id="return-history">{t("returns.history")}</h2>
        <ol className="history">
          {(r.history ?? []).map((h) => (
            <li key={h.id} data-to={h.to}>
              <ReturnStatusBadge status={h.to} /> <time dateTime={h.at}>{formatTime(h.at, i18n.language)}</time> · {h.actorName}
              {h.note && <p className="pre">{h.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/** Staff's moves: approve or reject a request (with a note), receive an approved return line by line. */
function ReturnActions({ r }: { r: ReturnFieldsFragment }) {
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState("");
  const [received, setReceived] = useState<Record<string, string>>({});
  const [approving, approve] = useMutation(ApproveReturnMutation);
  const [rejecting, reject] = useMutation(RejectReturnMutation);
  const [receiving, receive] = useMutation(ReceiveReturnMutation);
  const can = (a: string) => r.allowedActions.includes(a as never);
  const error = approving.error ?? rejecting.error ?? receiving.error;
  const errors = mapFieldErrors(error, (p) => describe(t, p, SCOPE));
  const busy = approving.fetching || rejecting.fetching || receiving.fetching;
  if (!can("APPROVE") && !can("REJECT") && !can("RECEIVE")) return null;
  const qty = (lineID: string, approved: number) => received[lineID] ?? String(approved);

  return (
    <section aria-labelledby={`${id}-title`} className="card return-actions">
      <h2 id={`${id}-title`}>{can("RECEIVE") ? t("returns.receiveTitle") : t("returns.decideTitle")}</h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!can("RECEIVE")) return;
          const lines = (r.lines ?? []).map((l) => ({ returnLineID: l.id, quantity: Number(qty(l.id, l.quantity)) }));
          void receive({ id: r.id, lines, note: note || null, expectedVersion: r.version });
        }}
      >
        {can("RECEIVE") && (
          <div className="receive-lines">
            {(r.lines ?? []).map((l, i) => (
              <div className="field" key={l.id}>
                <label htmlFor={`${id}-q-${l.id}`}>
                  {t("returns.receivedOf", { sku: l.sku, name: l.productName, approved: l.quantity })}
                </label>
                <input
                  id={`${id}-q-${l.id}`}
                  name={`received-${l.sku}`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={l.quantity}
                  value={qty(l.id, l.quantity)}
                  onChange={(e) => setReceived((cur) => ({ ...cur, [l.id]: e.target.value }))}
                />
                {errors.lines[i]?.quantity && <p className="field-error">{errors.lines[i].quantity}</p>}
              </div>
            ))}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-note`}>{can("RECEIVE") ? t("returns.receiveNote") : t("returns.decisionNote")}</label>
          <textarea id={`${id}-note`} name="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          {errors.fields.note && <p className="field-error">{errors.fields.note}</p>}
        </div>
        {errors.other.map((o, i) => (
          <p key={i} className="field-error" role="alert">
            {o.message}
          </p>
        ))}
        <div className="actions-row">
          {can("APPROVE") && (
            <button
              type="button"
              className="button button-primary"
              data-action="approve"
              disabled={busy}
              onClick={() => void approve({ id: r.id, note: note || null, expectedVersion: r.version }).then((res) => res.data && setNote(""))}
            >
              {t("returns.approve")}
            </button>
          )}
          {can("REJECT") && (
            <button
              type="button"
              className="button"
              data-action="reject"
              disabled={busy}
              onClick={() => void reject({ id: r.id, note, expectedVersion: r.version }).then((res) => res.data && setNote(""))}
            >
              {t("returns.reject")}
            </button>
          )}
          {can("RECEIVE") && (
            <button type="submit" className="button button-primary" data-action="receive" disabled={busy}>
              {t("returns.receive")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
