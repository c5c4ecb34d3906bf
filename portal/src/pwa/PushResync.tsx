import { useEffect } from "react";
import { useMutation } from "urql";
import { SubscribePushMutation } from "./ops";
import { currentSubscription, pushSupport, subscriptionInput } from "./push";

/**
 * Keeps the server's copy of this device's push subscription current while
 * someone is signed in: at each load, and when the service worker says the
 * push service replaced it (it has no session to tell the server itself).
 * Telling the server a subscription it has already changes nothing.
 */
export function PushResync() {
  const [, subscribe] = useMutation(SubscribePushMutation);
  useEffect(() => {
    if (pushSupport() !== "granted") return;
    let live = true;
    const resend = async () => {
      const sub = await currentSubscription().catch(() => null);
      if (live && sub) await subscribe({ input: subscriptionInput(sub) });
    };
    const onMessage = (e: MessageEvent) => {
      if (e.data?.type === "push-subscription-changed") void resend();
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    void resend();
    return () => {
      live = false;
      navigator.serviceWorker.removeEventListener("message", onMessage);
    };
  }, [subscribe]);
  return null;
}
