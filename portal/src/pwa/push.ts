// Web Push in this browser: whether it can, and this device's
// subscription, in the shape subscribePush takes.

/** What this browser allows: no push at all, notifications refused, not asked yet, or allowed. */
export type PushSupport = "unsupported" | "denied" | "default" | "granted";

export function pushSupport(): PushSupport {
  if (
    typeof window === "undefined" ||
    !("serviceWorker" in navigator) ||
    !("PushManager" in window) ||
    !("Notification" in window)
  ) {
    return "unsupported";
  }
  return Notification.permission;
}

/** A base64url string as bytes (the VAPID key PushManager.subscribe takes). */
export function base64urlToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (s.length % 4)) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** Bytes as base64url without padding, as the server keeps keys. */
export function bytesToBase64url(buf: ArrayBuffer | null): string {
  if (!buf) return "";
  let raw = "";
  for (const b of new Uint8Array(buf)) raw += String.fromCharCode(b);
  return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** subscribePush's input for a browser subscription. */
export function subscriptionInput(sub: PushSubscription) {
  return {
    endpoint: sub.endpoint,
    p256dh: bytesToBase64url(sub.getKey("p256dh")),
    auth: bytesToBase64url(sub.getKey("auth")),
    userAgent: navigator.userAgent.slice(0, 500),
  };
}

/** This device's subscription, or null. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (pushSupport() === "unsupported") return null;
  const reg = await navigator.serviceWorker.getRegistration("/");
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/**
 * Asks for permission if need be and subscribes this device with the
 * installation's key; null when the person refuses.
 */
export async function subscribeDevice(publicKey: string): Promise<PushSubscription | null> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return null;
  const reg = await navigator.serviceWorker.ready;
  const existing = await reg.pushManager.getSubscription();
  if (existing) {
    // Made with another key (the installation's was replaced): renew.
    const key = existing.options.applicationServerKey;
    if (key && bytesToBase64url(key) === publicKey) return existing;
    await existing.unsubscribe();
  }
  return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64urlToBytes(publicKey) });
}

/**
 * Unsubscribes this device from push and returns the endpoint it had, for
 * the server to forget too; null when it had none.
 */
export async function unsubscribeDevice(): Promise<string | null> {
  const sub = await currentSubscription();
  if (!sub) return null;
  await sub.unsubscribe();
  return sub.endpoint;
}
