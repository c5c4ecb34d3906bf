// The portal as an installable app: its service worker (public/sw.js),
// which keeps what the portal last loaded for offline use, per signed-in
// user.

/** The prefix of the caches that hold a user's GraphQL answers (sw.js). */
export const DATA_CACHE_PREFIX = "dealerline-data-";

/** Registers the service worker, in a browser that has them. */
export function registerServiceWorker(): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Not over https (nor on localhost), or storage disabled: the
      // portal works without it, online only.
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

/**
 * Deletes the answers kept for offline use, so the next person on this
 * browser sees nothing of the last. Called whenever a session ends.
 */
export async function clearOfflineData(): Promise<void> {
  try {
    navigator.serviceWorker?.controller?.postMessage({ type: "session-ended" });
  } catch {
    // no worker
  }
  if (typeof caches === "undefined") return;
  try {
    for (const name of await caches.keys()) {
      if (name.startsWith(DATA_CACHE_PREFIX)) await caches.delete(name);
    }
  } catch {
    // storage disabled
  }
}
