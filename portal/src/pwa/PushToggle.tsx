import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { describe, problemsOf } from "../errors";
import { SendTestPushMutation, SubscribePushMutation, UnsubscribePushMutation } from "./ops";
import { currentSubscription, pushSupport, subscribeDevice, subscriptionInput, type PushSupport } from "./push";

type Props = {
  /** The installation's VAPID public key (webPushPublicKey). */
  publicKey: string;
  /** Called after this device is subscribed or unsubscribed. */
  onChange?: () => void;
};

type State = "checking" | "on" | "off";

/**
 * Notifications on this device: allow them (the browser asks, then the
 * portal hands the server this browser's subscription), turn them off, and
 * send a test. Says so when the browser cannot, or when the person blocked
 * notifications for the portal.
 */
export function PushToggle({ publicKey, onChange }: Props) {
  const { t } = useTranslation();
  const [support, setSupport] = useState<PushSupport>(() => pushSupport());
  const [state, setState] = useState<State>("checking");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState("");
  const [sent, setSent] = useState<number | null>(null);
  const [, subscribe] = useMutation(SubscribePushMutation);
  const [, unsubscribe] = useMutation(UnsubscribePushMutation);
  const [, sendTest] = useMutation(SendTestPushMutation);

  // Whether this device is subscribed; if so the server is told again
  // (it may have dropped it, or another user signed in here since).
  useEffect(() => {
    let live = true;
    (async () => {
      const sub = support === "granted" ? await currentSubscription().catch(() => null) : null;
      if (!live) return;
      if (sub) {
        const r = await subscribe({ input: subscriptionInput(sub) });
        if (!live) return;
        setState(r.error ? "off" : "on");
      } else {
        setState("off");
      }
    })();
    return () => {
      live = false;
    };
  }, [support, subscribe]);

  const turnOn = useCallback(async () => {
    setBusy(true);
    setProblem("");
    setSent(null);
    try {
      const sub = await subscribeDevice(publicKey);
      setSupport(pushSupport());
      if (!sub) return;
      const r = await subscribe({ input: subscriptionInput(sub) });
      if (r.error) {
        setProblem(problemsOf(r.error).map((p) => describe(t, p)).join(" "));
        await sub.unsubscribe().catch(() => undefined);
        return;
      }
      setState("on");
      onChange?.();
    } catch {
      setProblem(t("push.failed"));
    } finally {
      setBusy(false);
    }
  }, [publicKey, subscribe, onChange, t]);

  const turnOff = useCallback(async () => {
    setBusy(true);
    setProblem("");
    setSent(null);
    try {
      const sub = await currentSubscription();
      if (sub) {
        // NOT_FOUND: the server had already let it go.
        await unsubscribe({ endpoint: sub.endpoint });
        await sub.unsubscribe();
      }
      setState("off");
      onChange?.();
    } catch {
      setProblem(t("push.failed"));
    } finally {
      setBusy(false);
    }
  }, [unsubscribe, onChange, t]);

  const test = useCallback(async () => {
    setBusy(true);
    setProblem("");
    setSent(null);
    const r = await sendTest({});
    setBusy(false);
    if (r.error) setProblem(problemsOf(r.error).map((p) => describe(t, p)).join(" "));
    else setSent(r.data?.sendTestPush ?? 0);
    onChange?.();
  }, [sendTest, onChange, t]);

  if (support === "unsupported") {
    return (
      <div className="push-toggle card" data-state="unsupported">
        <p>{t("push.unsupported")}</p>
      </div>
    );
  }
  if (support === "denied") {
    return (
      <div className="push-toggle card" data-state="denied">
        <p>{t("push.denied")}</p>
      </div>
    );
  }
  return (
    <div className="push-toggle card" data-state={state}>
      <p role="status">{state === "checking" ? t("state.loading") : state === "on" ? t("push.on") : t("push.off")}</p>
      <div className="push-actions">
        {state === "off" && (
          <button type="button" className="button button-primary" disabled={busy} onClick={turnOn}>
            {t("push.allow")}
          </button>
        )}
        {state === "on" && (
          <>
            <button type="button" className="button" disabled={busy} onClick={test}>
              {t("push.sendTest")}
            </button>
            <button type="button" className="button button-quiet" disabled={busy} onClick={turnOff}>
              {t("push.turnOff")}
            </button>
          </>
        )}
      </div>
      {sent !== null && <p className="push-sent">{t("push.sent", { count: sent })}</p>}
      {problem && (
        <p className="state-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
