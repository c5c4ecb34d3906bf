import { useId, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { NotFound } from "../pages/NotFound";
import { describe, problemsOf } from "../errors";
import { formatTime } from "../format";
import { CreateWebhookMutation, WebhooksQuery, webhookKinds } from "./ops";
import { Secret } from "./Secret";

const context = { additionalTypenames: ["Webhook", "WebhookDelivery"] };

/** The webhook endpoints (administrators): their state and last delivery, and a form to register one. */
export function Webhooks() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("webhooks.title"));
  const [{ data: viewer }] = useViewer();
  const [{ data, error, fetching }, refetch] = useQuery({ query: WebhooksQuery, context });
  if (viewer && viewer.me.role !== "ADMIN") return <NotFound />;
  const hooks = data?.webhooks.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  return (
    <section aria-labelledby="webhooks-title" className="webhooks">
      <div className="page-head">
        <h1 id="webhooks-title">{t("webhooks.title")}</h1>
      </div>
      <p className="lead">{t("webhooks.intro")}</p>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : hooks.length === 0 ? (
        <Empty>{t("webhooks.none")}</Empty>
      ) : (
        <table className="table webhook-list">
          <thead>
            <tr>
              <th scope="col">{t("webhooks.url")}</th>
              <th scope="col">{t("webhooks.kinds")}</th>
              <th scope="col">{t("webhooks.status")}</th>
              <th scope="col">{t("webhooks.lastDelivery")}</th>
            </tr>
          </thead>
          <tbody>
            {hooks.map((h) => (
              <tr key={h.id} data-webhook={h.id}>
                <th scope="row" data-label={t("webhooks.url")}>
                  <Link to={`/webhooks/${h.id}`}>{h.url}</Link>
                  {h.description && <div className="hint">{h.description}</div>}
                </th>
                <td data-label={t("webhooks.kinds")}>{h.eventKinds.map((k) => t(`webhooks.kind.${k}`)).join(", ")}</td>
                <td data-label={t("webhooks.status")}>
                  <span className={`badge badge-webhook-${h.status.toLowerCase()}`}>{t(`webhooks.state.${h.status}`)}</span>
                  {h.pendingDeliveries > 0 && <div className="hint">{t("webhooks.pending", { count: h.pendingDeliveries })}</div>}
                </td>
                <td data-label={t("webhooks.lastDelivery")}>
                  {h.lastDelivery
                    ? `${t(`webhooks.deliveryStatus.${h.lastDelivery.status}`)}${h.lastDelivery.responseCode ? ` (${h.lastDelivery.responseCode})` : ""}${h.lastDelivery.lastAttemptAt ? ` · ${formatTime(h.lastDelivery.lastAttemptAt, i18n.language)}` : ""}`
                    : t("webhooks.noDelivery")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewWebhook onCreated={() => refetch({ requestPolicy: "network-only" })} />
    </section>
  );
}

function NewWebhook({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [kinds, setKinds] = useState<string[]>([]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState("");
  const [{ fetching }, create] = useMutation(CreateWebhookMutation);

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSecret("");
    const r = await create(
      { input: { url: url.trim(), description, eventKinds: kinds as (typeof webhookKinds)[number][] } },
      context,
    );
    if (r.error) {
      const byField: Record<string, string> = {};
      for (const p of problemsOf(r.error)) {
        const field = p.field.replace(/^input\./, "") || "form";
        byField[field] = byField[field] || describe(t, p, "webhooks.refused");
      }
      setProblems(byField);
      return;
    }
    setProblems({});
    setSecret(r.data?.createWebhook.secret ?? "");
    setUrl("");
    setDescription("");
    setKinds([]);
    onCreated();
  };

  return (
    <form className="card webhook-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("webhooks.new")}</h2>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t("webhooks.url")}</label>
        <input
          id={`${id}-url`}
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://erp.example.com/hooks/dealerline"
          value={url}
          aria-invalid={!!problems.url}
          onChange={(e) => setUrl(e.target.value)}
        />
        {problems.url && (
          <p className="field-error" role="alert">
            {problems.url}
          </p>
        )}
      </div>
      <fieldset className="field">
        <legend>{t("webhooks.kinds")}</legend>
        {webhookKinds.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              name="eventKinds"
              value={k}
              checked={kinds.includes(k)}
              onChange={(e) => setKinds((ks) => (e.target.checked ? [...ks, k] : ks.filter((x) => x !== k)))}
            />{" "}
            {t(`webhooks.kind.${k}`)}
          </label>
        ))}
        {problems.eventKinds && (
          <p className="field-error" role="alert">
            {problems.eventKinds}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t("webhooks.description")}</label>
        <input
          id={`${id}-description`}
          name="description"
          maxLength={500}
          value={description}
          aria-invalid={!!problems.description}
          onChange={(e) => setDescription(e.target.value)}
        />
        {problems.description && (
          <p className="field-error" role="alert">
            {problems.description}
          </p>
        )}
      </div>
      {problems.form && (
        <p className="field-error" role="alert">
          {problems.form}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={fetching}>
        {t("webhooks.create")}
      </button>
      {secret && <Secret secret={secret} />}
    </form>
  );
}
