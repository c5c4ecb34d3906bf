import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { NotFound } from "../pages/NotFound";
import { formatTime } from "../format";
import { CreateWebhookMutation, WebhooksQuery } from "./ops";
import { Secret } from "./Secret";
import { WebhookForm } from "./WebhookForm";

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
  const [secret, setSecret] = useState("");
  const [{ fetching }, create] = useMutation(CreateWebhookMutation);
  return (
    <WebhookForm
      title={t("webhooks.new")}
      submitLabel={t("webhooks.create")}
      busy={fetching}
      onSubmit={async (input) => {
        setSecret("");
        const r = await create({ input }, context);
        setSecret(r.data?.createWebhook.secret ?? "");
        return r.error;
      }}
      onDone={onCreated}
    >
      {secret && <Secret secret={secret} />}
    </WebhookForm>
  );
}
