import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { ErrorMessage, Empty, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatTime } from "../format";
import { PushToggle } from "../pwa/PushToggle";
import { PushSettingsQuery, UnsubscribePushMutation } from "../pwa/ops";
import { currentSubscription } from "../pwa/push";

/**
 * Notifications: allow them on this device, and the other browsers the
 * viewer allowed them in, each of which may be removed here.
 */
export function PushSettings() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("push.title"));
  const [{ data, error, fetching }, refetch] = useQuery({ query: PushSettingsQuery });
  const [, unsubscribe] = useMutation(UnsubscribePushMutation);
  const [here, setHere] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });

  const [changed, setChanged] = useState(0);
  useEffect(() => {
    currentSubscription()
      .then((s) => setHere(s?.endpoint ?? null))
      .catch(() => setHere(null));
  }, [changed]);

  return (
    <section aria-labelledby="push-title" className="push-settings">
      <h1 id="push-title">{t("push.title")}</h1>
      <p className="lead">{t("push.intro")}</p>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : data ? (
        <>
          <h2>{t("push.thisDevice")}</h2>
          <PushToggle
            publicKey={data.webPushPublicKey}
            onChange={() => {
              setChanged((n) => n + 1);
              reload();
            }}
          />
          <h2>{t("push.browsers")}</h2>
          {data.pushSubscriptions.length === 0 ? (
            <Empty>{t("push.noBrowsers")}</Empty>
          ) : (
            <ul className="push-browsers">
              {data.pushSubscriptions.map((s) => (
                <li key={s.endpoint} className="card">
                  <p className="push-agent">
                    {s.userAgent || t("push.unknownBrowser")}
                    {s.endpoint === here && <strong className="push-here"> · {t("push.here")}</strong>}
                  </p>
                  <p className="muted">
                    {t("push.since", { time: formatTime(s.createdAt, i18n.language) })}
                    {s.lastSuccessAt && <> · {t("push.lastSent", { time: formatTime(s.lastSuccessAt, i18n.language) })}</>}
                  </p>
                  {s.endpoint !== here && (
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={async () => {
                        await unsubscribe({ endpoint: s.endpoint });
                        reload();
                      }}
                    >
                      {t("push.remove")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h2>{t("push.installTitle")}</h2>
          <p>{t("push.install")}</p>
        </>
      ) : null}
    </section>
  );
}
