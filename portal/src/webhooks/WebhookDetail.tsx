import { useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { NotFound } from "../pages/NotFound";
import { refusal } from "../errors";
import { formatTime } from "../format";
import {
  DeleteWebhookMutation,
  PauseWebhookMutation,
  RedeliverWebhookMutation,
  ReplayWebhookMutation,
  ResumeWebhookMutation,
  RotateWebhookSecretMutation,
  UpdateWebhookMutation,
  WebhookQuery,
} from "./ops";
import { Secret } from "./Secret";
import { WebhookForm } from "./WebhookForm";

const context = { additionalTypenames: ["Webhook", "WebhookDelivery"] };
const statuses = ["", "PENDING", "SUCCEEDED", "FAILED"] as const;

/** One endpoint (administrators): its state, what can be done to it, and its delivery log, newest first. */
export function WebhookDetail() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("webhooks.endpoint"));
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const statusId = useId();
  const cursorId = useId();
  const [{ data: viewer }] = useViewer();
  const [status, setStatus] = useState<(typeof statuses)[number]>("");
  // The log's page: the newest (null), or those after a cursor.
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: WebhookQuery,
    variables: { id, status: status || null, after },
    context,
  });
  const [editing, setEditing] = useState(false);
  const [update, save] = useMutation(UpdateWebhookMutation);
  const [secret, setSecret] = useState("");
  const [problem, setProblem] = useState("");
  const [notice, setNotice] = useState("");
  const [cursor, setCursor] = useState("");
  const [, pause] = useMutation(PauseWebhookMutation);
  const [, resume] = useMutation(ResumeWebhookMutation);
  const [, rotate] = useMutation(RotateWebhookSecretMutation);
  const [, redeliver] = useMutation(RedeliverWebhookMutation);
  const [, replay] = useMutation(ReplayWebhookMutation);
  const [, remove] = useMutation(DeleteWebhookMutation);

  if (viewer && viewer.me.role !== "ADMIN") return <NotFound />;
  if (fetching && !data) return <Loading />;
  if (error && !data) return <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  const h = data?.node && "url" in data.node ? data.node : null;
  if (!h) return <NotFound />;

  const done = (err: Parameters<typeof refusal>[1], ok: string) => {
    setProblem(err ? refusal(t, err, "webhooks.refused") : "");
    setNotice(err ? "" : ok);
    if (!err) refetch({ requestPolicy: "network-only" });
  };
  const deliveries = h.deliveries.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const time = (s?: string | null) => (s ? formatTime(s, i18n.language) : "—");

  return (
    <section aria-labelledby="webhook-title" className="webhooks webhook-detail">
      <div className="page-head">
        <h1 id="webhook-title">{h.url}</h1>
        <Link className="button" to="/webhooks">
          {t("webhooks.back")}
        </Link>
      </div>
      {h.description && <p className="lead">{h.description}</p>}
      <dl className="webhook-facts">
        <dt>{t("webhooks.status")}</dt>
        <dd>
          <span className={`badge badge-webhook-${h.status.toLowerCase()}`} data-status={h.status}>
            {t(`webhooks.state.${h.status}`)}
          </span>
          {h.pausedReason && <div className="hint">{h.pausedReason}</div>}
        </dd>
        <dt>{t("webhooks.kinds")}</dt>
        <dd>{h.eventKinds.map((k) => t(`webhooks.kind.${k}`)).join(", ")}</dd>
        <dt>{t("webhooks.pendingLabel")}</dt>
        <dd>{h.pendingDeliveries}</dd>
      </dl>
      <div className="inline-form webhook-actions">
        {h.status === "ACTIVE" ? (
          <button type="button" className="button" onClick={async () => done((await pause({ id: h.id }, context)).error, t("webhooks.paused"))}>
            {t("webhooks.pause")}
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={async () => done((await resume({ id: h.id }, context)).error, t("webhooks.resumed"))}>
            {t("webhooks.resume")}
          </button>
        )}
        <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          {t("webhooks.edit")}
        </button>
        <button
          type="button"
          className="button"
          onClick={async () => {
            const r = await rotate({ id: h.id }, context);
            done(r.error, "");
            setSecret(r.data?.rotateWebhookSecret.secret ?? "");
          }}
        >
          {t("webhooks.rotate")}
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={async () => {
            if (!window.confirm(t("webhooks.deleteConfirm"))) return;
            const r = await remove({ id: h.id }, context);
            if (r.error) done(r.error, "");
            else navigate("/webhooks");
          }}
        >
          {t("webhooks.delete")}
        </button>
      </div>
      {editing && (
        <WebhookForm
          title={t("webhooks.editTitle")}
          submitLabel={t("webhooks.save")}
          initial={{ url: h.url, description: h.description, eventKinds: h.eventKinds }}
          busy={update.fetching}
          onSubmit={async (input) => (await save({ id: h.id, input }, context)).error}
          onDone={() => {
            setEditing(false);
            done(undefined, t("webhooks.saved"));
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {secret && <Secret secret={secret} />}
      {notice && (
        <p className="notice-ok" role="status">
          {notice}
        </p>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <form
        className="inline-form webhook-replay"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await replay({ id: h.id, after: cursor.trim() }, context);
          done(r.error, t("webhooks.replayed", { count: r.data?.replayWebhook ?? 0 }));
        }}
      >
        <label htmlFor={cursorId}>{t("webhooks.replayFrom")}</label>
        <input id={cursorId} name="after" inputMode="numeric" value={cursor} onChange={(e) => setCursor(e.target.value)} />
        <button type="submit" className="button" disabled={!cursor.trim()}>
          {t("webhooks.replay")}
        </button>
      </form>

      <h2>{t("webhooks.log")}</h2>
      <div className="inline-form">
        <label htmlFor={statusId}>{t("webhooks.show")}</label>
        <select
          id={statusId}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as (typeof statuses)[number]);
            setAfter(null);
          }}
        >
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s ? t(`webhooks.deliveryStatus.${s}`) : t("webhooks.all")}
            </option>
          ))}
        </select>
      </div>
      {deliveries.length === 0 ? (
        <Empty>{t("webhooks.noDeliveries")}</Empty>
      ) : (
        <table className="table webhook-log">
          <thead>
            <tr>
              <th scope="col">{t("webhooks.event")}</th>
              <th scope="col">{t("webhooks.status")}</th>
              <th scope="col">{t("webhooks.code")}</th>
              <th scope="col">{t("webhooks.attempts")}</th>
              <th scope="col">{t("webhooks.times")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("webhooks.redeliver")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} data-delivery={d.id} data-status={d.status}>
                <th scope="row" data-label={t("webhooks.event")}>
                  {t(`webhooks.kind.${d.eventKind}`)}
                  <div className="hint">
                    {t("webhooks.cursor")} {d.eventCursor}
                    {d.origin !== "EVENT" && ` · ${t(`webhooks.origin.${d.origin}`)}`}
                  </div>
                </th>
                <td data-label={t("webhooks.status")}>
                  {t(`webhooks.deliveryStatus.${d.status}`)}
                  {d.error && <div className="hint">{d.error}</div>}
                </td>
                <td data-label={t("webhooks.code")}>
                  {d.responseCode ?? "—"}
                  {d.responseExcerpt && (
                    <details>
                      <summary>{t("webhooks.response")}</summary>
                      <pre className="webhook-excerpt">{d.responseExcerpt}</pre>
                    </details>
                  )}
                </td>
                <td data-label={t("webhooks.attempts")}>{d.attempts}</td>
                <td data-label={t("webhooks.times")}>
                  <div>
                    {t("webhooks.first")} {time(d.firstAttemptAt)}
                  </div>
                  <div>
                    {t("webhooks.last")} {time(d.lastAttemptAt)}
                  </div>
                  {d.status === "PENDING" && d.nextAttemptAt && (
                    <div>
                      {t("webhooks.next")} {time(d.nextAttemptAt)}
                    </div>
                  )}
                  {d.deliveredAt && (
                    <div>
                      {t("webhooks.delivered")} {time(d.deliveredAt)}
                    </div>
                  )}
                </td>
                <td data-label={t("webhooks.redeliver")}>
                  <button
                    type="button"
                    className="button"
                    onClick={async () => done((await redeliver({ id: d.id }, context)).error, t("webhooks.redelivered"))}
                  >
                    {t("webhooks.redeliver")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="inline-form webhook-log-pages">
        <span className="hint">{t("webhooks.total", { count: h.deliveries.totalCount })}</span>
        {after && (
          <button type="button" className="button" onClick={() => setAfter(null)}>
            {t("webhooks.newest")}
          </button>
        )}
        {h.deliveries.pageInfo.hasNextPage && (
          <button type="button" className="button" data-action="older" onClick={() => setAfter(h.deliveries.pageInfo.endCursor ?? null)}>
            {t("webhooks.older")}
          </button>
        )}
      </div>
    </section>
  );
}
