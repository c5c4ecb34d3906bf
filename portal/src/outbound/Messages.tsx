import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import type { OutboundChannel, OutboundStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { NotFound } from "../pages/NotFound";
import { formatTime } from "../format";
import { OutboundMessagesQuery } from "./ops";

const channels = ["", "EMAIL", "PUSH"] as const;
const statuses = ["", "PENDING", "SENDING", "SENT", "FAILED"] as const;

/**
 * What left the app by e-mail and push (administrators), newest first:
 * where to look when someone says a message never came — each with its
 * attempts and the last error, and those given up after a day.
 */
export function Messages() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("outbound.title"));
  const channelId = useId();
  const statusId = useId();
  const [{ data: viewer }] = useViewer();
  const [channel, setChannel] = useState<(typeof channels)[number]>("");
  const [status, setStatus] = useState<(typeof statuses)[number]>("");
  const [{ data, error, fetching }, refetch] = useQuery({
    query: OutboundMessagesQuery,
    variables: { channel: (channel || null) as OutboundChannel | null, status: (status || null) as OutboundStatus | null },
    requestPolicy: "cache-and-network",
  });
  if (viewer && viewer.me.role !== "ADMIN") return <NotFound />;
  const time = (s?: string | null) => (s ? formatTime(s, i18n.language) : "—");
  const messages = data?.outboundMessages ?? [];
  return (
    <section aria-labelledby="outbound-title" className="outbound">
      <h1 id="outbound-title">{t("outbound.title")}</h1>
      <p className="lead">{data?.emailEnabled === false ? t("outbound.noEmail") : t("outbound.intro")}</p>
      <div className="inline-form">
        <label htmlFor={channelId}>{t("outbound.channel")}</label>
        <select id={channelId} name="channel" value={channel} onChange={(e) => setChannel(e.target.value as (typeof channels)[number])}>
          {channels.map((c) => (
            <option key={c} value={c}>
              {c ? t(`outbound.channels.${c}`) : t("outbound.all")}
            </option>
          ))}
        </select>
        <label htmlFor={statusId}>{t("outbound.status")}</label>
        <select id={statusId} name="status" value={status} onChange={(e) => setStatus(e.target.value as (typeof statuses)[number])}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s ? t(`outbound.statuses.${s}`) : t("outbound.all")}
            </option>
          ))}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : messages.length === 0 ? (
        <Empty>{t("outbound.none")}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table outbound-log">
            <thead>
              <tr>
                <th scope="col">{t("outbound.message")}</th>
                <th scope="col">{t("outbound.status")}</th>
                <th scope="col">{t("outbound.attempts")}</th>
                <th scope="col">{t("outbound.times")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m, i) => (
                <tr key={i} data-status={m.status} data-channel={m.channel}>
                  <th scope="row" data-label={t("outbound.message")}>
                    {m.subject}
                    <div className="hint">
                      {t(`outbound.channels.${m.channel}`)}
                      {m.to && ` · ${m.to}`}
                    </div>
                  </th>
                  <td data-label={t("outbound.status")}>
                    {t(`outbound.statuses.${m.status}`)}
                    {m.lastError && <div className="hint">{m.lastError}</div>}
                  </td>
                  <td data-label={t("outbound.attempts")}>{m.attempts}</td>
                  <td data-label={t("outbound.times")}>
                    <div>
                      {t("outbound.created")} {time(m.createdAt)}
                    </div>
                    {m.sentAt ? (
                      <div>
                        {t("outbound.sent")} {time(m.sentAt)}
                      </div>
                    ) : (
                      m.status === "PENDING" && (
                        <div>
                          {t("outbound.next")} {time(m.nextAttemptAt)}
                        </div>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
